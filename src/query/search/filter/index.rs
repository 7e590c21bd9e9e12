//! The lookups the operators are answered from, built once from the index: links both ways,
//! the places inside each place, the sources each record quotes and the records quoting each
//! source, the dates by first day, the records with a quote, and the names of places and
//! sources. A query then costs what it finds, not a pass over every record.

use super::dates::Dates;
use super::resolve::Names;
use super::set::Set;
use super::{Filter, Op, UserSets};
use crate::data::dataset::Companion;
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::record::Relation;
use crate::data::tables::rows_fit;

/// Lists of record positions by record: `to[at[r]..at[r + 1]]` are record `r`'s.
#[derive(Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Lists {
    at: Vec<u32>,
    to: Vec<u32>,
}

impl Lists {
    /// The lists of `pairs` (record, position), for `n` records, each in the pairs' order.
    fn new(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Lists {
        let mut at = vec![0u32; n + 1];
        for (r, _) in pairs.clone() {
            at[r as usize + 1] += 1;
        }
        for i in 0..n {
            at[i + 1] += at[i];
        }
        let mut fill = at.clone();
        let mut to = vec![0u32; at[n] as usize];
        for (r, p) in pairs {
            to[fill[r as usize] as usize] = p;
            fill[r as usize] += 1;
        }
        Lists { at, to }
    }

    /// Whether these are lists for `n` records, in order, each of records.
    fn fits(&self, n: usize) -> bool {
        rows_fit(&self.at, n, self.to.len()) && self.to.iter().all(|&r| (r as usize) < n)
    }

    pub fn of(&self, r: usize) -> &[u32] {
        match (self.at.get(r), self.at.get(r + 1)) {
            (Some(&a), Some(&b)) => &self.to[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct FilterIndex {
    len: usize,
    kinds: Vec<Kind>,
    /// What each record links to, and what links to it.
    pub(super) links: Lists,
    back: Lists,
    /// The places directly inside each place.
    inside: Lists,
    /// The sources each record quotes, and the records quoting each source.
    pub(super) quotes: Lists,
    quoted_by: Lists,
    with_quote: Set,
    pub(super) dates: Dates,
    /// Records by id, in the order of their ids, and places and sources by name.
    by_id: Vec<u32>,
    names: Names,
}

impl FilterIndex {
    pub fn new(index: &Index) -> FilterIndex {
        let n = index.len();
        let records = &index.records;
        let back_pairs = (0..n).flat_map(|to| {
            index
                .backlinks(to)
                .iter()
                .map(move |b| (to as u32, b.from as u32))
        });
        let inside_pairs = (0..n).flat_map(|to| {
            index
                .backlinks(to)
                .iter()
                .filter(|b| b.relation == Relation::Within)
                .map(move |b| (to as u32, b.from as u32))
        });
        let cite_pairs =
            (0..n).flat_map(|s| index.cited_by(s).iter().map(move |&r| (s as u32, r as u32)));
        // One walk, which holds none of the records read on demand: their ids are copied out.
        let mut with_quote = Set::empty(n);
        let mut ids = Vec::with_capacity(n);
        records.walk(|r, record| {
            if !record.sources().is_empty() {
                with_quote.insert(r);
            }
            ids.push(record.id().clone());
        });
        let mut by_id: Vec<u32> = (0..n as u32).collect();
        by_id.sort_unstable_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]));
        drop(ids);
        FilterIndex {
            len: n,
            kinds: index.kinds().to_vec(),
            links: Lists::new(n, back_pairs.clone().map(|(to, from)| (from, to))),
            back: Lists::new(n, back_pairs),
            inside: Lists::new(n, inside_pairs),
            quotes: Lists::new(n, cite_pairs.clone().map(|(s, r)| (r, s))),
            quoted_by: Lists::new(n, cite_pairs),
            with_quote,
            dates: Dates::new(records),
            by_id,
            names: Names::new(index),
        }
    }

    /// The lookups kept beside the snapshot of `index`'s records, if they can be trusted; else
    /// built, and kept for the next run.
    pub fn shared(index: &Index) -> FilterIndex {
        if let Some(kept) = super::kept::read(index) {
            return kept;
        }
        let built = FilterIndex::new(index);
        if let Some(companion) = index.companion() {
            built.keep(companion);
        }
        built
    }

    /// Are lookups kept beside the snapshot of `index`'s records, to be read rather than built
    /// (not yet checked: [`FilterIndex::shared`] does that)?
    pub fn kept(index: &Index) -> bool {
        super::kept::present(index)
    }

    /// Keeps the lookups beside the snapshot `companion` belongs to.
    pub fn keep(&self, companion: &Companion) {
        super::kept::write(self, companion);
    }

    /// Whether these can be the lookups of `index`'s records: every list, set, date and name
    /// for its records and of them, each record of its kind, and the records by id each once.
    pub fn fits(&self, index: &Index) -> bool {
        let n = index.len();
        let mut seen = Set::empty(n);
        let by_id_fit = self.by_id.len() == n
            && self.by_id.iter().all(|&r| {
                let new = (r as usize) < n && !seen.contains(r as usize);
                seen.insert(r as usize);
                new
            });
        self.len == n
            && self.kinds == index.kinds()
            && [
                &self.links,
                &self.back,
                &self.inside,
                &self.quotes,
                &self.quoted_by,
            ]
            .iter()
            .all(|l| l.fits(n))
            && self.with_quote.fits(n)
            && self.dates.fits(n)
            && self.names.fits(n)
            && by_id_fit
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn kind(&self, r: usize) -> Kind {
        self.kinds[r]
    }

    /// The records every filter lets through (those a negated one matches left out), or `None`
    /// when there are no filters; an error names what the data does not hold (a place, a
    /// source, a record, a collection), with the nearest names there are. `id_of` gives a
    /// record's id, folded as a query is.
    pub fn matching<'a>(
        &self,
        filters: &[Filter],
        user: &UserSets,
        id_of: &dyn Fn(usize) -> &'a str,
    ) -> Result<Option<Set>, String> {
        if filters.is_empty() {
            return Ok(None);
        }
        let mut out = Set::full(self.len);
        for f in filters {
            let set = self.one(&f.op, user, id_of)?;
            match f.negated {
                true => out.and_not(&set),
                false => out.and(&set),
            }
        }
        Ok(Some(out))
    }

    fn one<'a>(
        &self,
        op: &Op,
        user: &UserSets,
        id_of: &dyn Fn(usize) -> &'a str,
    ) -> Result<Set, String> {
        let mut out = Set::empty(self.len);
        match op {
            Op::Kind(k) => (0..self.len)
                .filter(|&r| self.kinds[r] == *k)
                .for_each(|r| out.insert(r)),
            Op::In(place) => {
                for p in self.within(self.names.places(place)?) {
                    self.back.of(p).iter().for_each(|&r| out.insert(r as usize));
                }
            }
            Op::Year(span) => self.dates.meeting(*span, &mut |r| out.insert(r)),
            Op::Source(name) => {
                for s in self.names.sources(name)? {
                    self.quoted_by
                        .of(s)
                        .iter()
                        .for_each(|&r| out.insert(r as usize));
                }
            }
            Op::Linked(id) => {
                let r = self
                    .find(id, id_of)
                    .ok_or_else(|| self.no_record(id, id_of))?;
                let both = self.links.of(r).iter().chain(self.back.of(r));
                both.for_each(|&o| out.insert(o as usize));
            }
            Op::HasQuote => out = self.with_quote.clone(),
            Op::HasNote => self.insert_ids(&user.noted, id_of, &mut out),
            Op::Marked(name) => {
                let ids = super::resolve::collection(user, name)?;
                self.insert_ids(ids, id_of, &mut out);
            }
        }
        Ok(out)
    }

    /// `places` and every place inside them, at any depth, each once.
    fn within(&self, places: Vec<usize>) -> Vec<usize> {
        let mut seen = Set::empty(self.len);
        let mut todo = places;
        let mut out = Vec::new();
        while let Some(p) = todo.pop() {
            if seen.contains(p) {
                continue;
            }
            seen.insert(p);
            out.push(p);
            todo.extend(self.inside.of(p).iter().map(|&c| c as usize));
        }
        out
    }

    /// The record with id `id` (folded as a query is: ids are lower-case).
    fn find<'a>(&self, id: &str, id_of: &dyn Fn(usize) -> &'a str) -> Option<usize> {
        let id = id.to_lowercase();
        let at = self
            .by_id
            .binary_search_by(|&r| id_of(r as usize).cmp(id.as_str()))
            .ok()?;
        Some(self.by_id[at] as usize)
    }

    fn no_record<'a>(&self, id: &str, id_of: &dyn Fn(usize) -> &'a str) -> String {
        let id = id.to_lowercase();
        // Suggestions cost a comparison per record: only where that is quick.
        let near = match self.len <= 200_000 {
            true => crate::text::closest::closest(&id, (0..self.len).map(id_of), 80),
            false => Vec::new(),
        };
        match near.first() {
            Some(n) => format!("no record has the id `{id}` — did you mean `linked:{n}`?"),
            None => format!("no record has the id `{id}`: `linked:` takes a record's id"),
        }
    }

    fn insert_ids<'a>(&self, ids: &[String], id_of: &dyn Fn(usize) -> &'a str, out: &mut Set) {
        for id in ids {
            if let Some(r) = self.find(id, id_of) {
                out.insert(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load::load_builtin;

    fn ids(index: &Index, set: &Set) -> Vec<String> {
        let list = set.positions().into_iter();
        list.map(|r| index.record(r as usize).id().to_string())
            .collect()
    }

    #[test]
    fn places_take_what_is_inside_them_and_filters_combine() {
        let index = Index::new(load_builtin().expect("built-in data loads"));
        let f = FilterIndex::new(&index);
        let id_of = |r: usize| index.record(r).id().as_str();
        let user = UserSets::default();
        let run = |q: &[(&str, &str, bool)]| {
            let filters: Vec<Filter> = q
                .iter()
                .map(|(n, v, neg)| Filter::parse(n, v, *neg).expect("a filter"))
                .collect();
            f.matching(&filters, &user, &id_of)
        };
        let china = run(&[("in", "china", false)]).unwrap().unwrap();
        let yunnan = run(&[("in", "yunnan", false)]).unwrap().unwrap();
        let mut both = yunnan.clone();
        both.and(&china);
        assert_eq!(both, yunnan, "in:china holds in:yunnan");
        assert!(yunnan.count() > 0 && china.count() > yunnan.count());
        let not_china = run(&[("in", "china", true)]).unwrap().unwrap();
        assert_eq!(not_china.count() + china.count(), index.len());
        let none = run(&[("in", "china", false), ("in", "china", true)]).unwrap();
        assert_eq!(none.map(|s| s.count()), Some(0));
        assert!(ids(&index, &china).contains(&"yunnan".to_string()));
        assert_eq!(run(&[]), Ok(None));
        let err = run(&[("in", "atlantis", false)]).unwrap_err();
        assert!(err.contains("no place is called `atlantis`"), "{err}");
        let err = run(&[("linked", "amity-fundation", false)]).unwrap_err();
        assert!(err.contains("`linked:amity-foundation`"), "{err}");
    }

    /// Lookups kept beside a snapshot must fit its records: each way a crafted file could be
    /// off is caught before a query takes a slice of them.
    #[test]
    fn lookups_that_do_not_fit_their_records_are_refused() {
        let index = Index::new(load_builtin().expect("built-in data loads"));
        let good = || FilterIndex::new(&index);
        assert!(good().fits(&index));
        type Break = fn(&mut FilterIndex);
        let breaks: [(&str, Break); 8] = [
            ("another length", |f| f.len += 1),
            ("another kind", |f| {
                f.kinds[0] = if f.kinds[0] == Kind::Place {
                    Kind::Source
                } else {
                    Kind::Place
                }
            }),
            ("a link past the records", |f| f.links.to[0] = u32::MAX),
            ("lists out of order", |f| f.back.at[1] = u32::MAX),
            ("a list past its end", |f| {
                *f.quotes.at.last_mut().unwrap() += 1
            }),
            ("a set of other records", |f| f.with_quote = Set::full(3)),
            ("a record twice by id", |f| f.by_id[1] = f.by_id[0]),
            ("a date of no record", |f| f.dates = Dates::default()),
        ];
        for (what, break_it) in breaks {
            let mut f = good();
            break_it(&mut f);
            assert!(!f.fits(&index), "{what}");
        }
    }
}
