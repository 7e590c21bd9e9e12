//! Facets: among a set of records, the most common kinds, years, places and sources, each with
//! how many of the records have it, for a panel that narrows a list one value at a time (each
//! value is an operator: `kind:`, `year:`, `in:`, `source:`).
//!
//! A record counts once per value: a year once however many of its dates fall in it, a place
//! it links to directly (not the places around it), a source it quotes.

use super::index::FilterIndex;
use crate::data::model::Kind;
use rustc_hash::FxHashMap;

/// A value and how many of the records have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facet<T> {
    pub value: T,
    pub count: usize,
}

/// The top values of each facet, most common first (ties by value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub kinds: Vec<Facet<Kind>>,
    pub years: Vec<Facet<i32>>,
    /// Place records, by position.
    pub places: Vec<Facet<usize>>,
    /// Source records, by position.
    pub sources: Vec<Facet<usize>>,
}

/// A span longer than this many years (a date gone wrong) adds no years.
const MOST_YEARS: usize = 200;

impl FilterIndex {
    /// The `top` most common values of each facet among `records` (positions). Linear in the
    /// records and their dates, links and quotes: places and sources are counted in tables by
    /// record position, not hash maps, as a million records name a hundred thousand of them.
    pub fn facets(&self, records: &[usize], top: usize) -> Facets {
        let mut kinds: FxHashMap<Kind, usize> = FxHashMap::default();
        let mut years: FxHashMap<i32, usize> = FxHashMap::default();
        let mut places = Tally::new(self.len());
        let mut sources = Tally::new(self.len());
        let mut seen: Vec<i32> = Vec::new();
        let mut linked: Vec<u32> = Vec::new();
        for &r in records.iter().filter(|&&r| r < self.len()) {
            *kinds.entry(self.kind(r)).or_default() += 1;
            seen.clear();
            for span in self.dates.of(r) {
                seen.extend(span.years().take(MOST_YEARS));
            }
            seen.sort_unstable();
            seen.dedup();
            for y in &seen {
                *years.entry(*y).or_default() += 1;
            }
            linked.clear();
            let of = self.links.of(r).iter();
            linked.extend(of.filter(|&&p| self.kind(p as usize) == Kind::Place));
            places.once(&mut linked);
            linked.clear();
            linked.extend_from_slice(self.quotes.of(r));
            sources.once(&mut linked);
        }
        Facets {
            kinds: best(kinds.into_iter(), top),
            years: best(years.into_iter(), top),
            places: best(places.counts(), top),
            sources: best(sources.counts(), top),
        }
    }
}

/// Counts by record position, and which positions were counted.
struct Tally {
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl Tally {
    fn new(len: usize) -> Tally {
        Tally {
            counts: vec![0; len],
            touched: Vec::new(),
        }
    }

    /// Counts each of `values` once.
    fn once(&mut self, values: &mut Vec<u32>) {
        values.sort_unstable();
        values.dedup();
        for &v in values.iter() {
            let Some(c) = self.counts.get_mut(v as usize) else {
                continue;
            };
            if *c == 0 {
                self.touched.push(v);
            }
            *c += 1;
        }
    }

    fn counts(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.touched
            .iter()
            .map(|&v| (v as usize, self.counts[v as usize] as usize))
    }
}

fn best<T: Ord + Copy>(counts: impl Iterator<Item = (T, usize)>, top: usize) -> Vec<Facet<T>> {
    let mut list: Vec<Facet<T>> = counts
        .map(|(value, count)| Facet { value, count })
        .collect();
    let order = |a: &Facet<T>, b: &Facet<T>| b.count.cmp(&a.count).then(a.value.cmp(&b.value));
    if top > 0 && list.len() > top {
        list.select_nth_unstable_by(top - 1, order);
        list.truncate(top);
    }
    list.sort_unstable_by(order);
    list.truncate(top);
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::index::Index;
    use crate::ingest::load::load_builtin;

    #[test]
    fn facets_count_each_record_once_per_value_most_common_first() {
        let index = Index::new(load_builtin().expect("built-in data loads"));
        let f = FilterIndex::new(&index);
        let all: Vec<usize> = (0..index.len()).collect();
        let facets = f.facets(&all, 100);
        // Kinds: every record once.
        let kinds: usize = facets.kinds.iter().map(|k| k.count).sum();
        assert_eq!(kinds, index.len());
        let orgs = facets.kinds.iter().find(|k| k.value == Kind::Organization);
        assert_eq!(
            orgs.map(|k| k.count),
            Some(index.of_kind(Kind::Organization).len())
        );
        for list in [&facets.places, &facets.sources] {
            assert!(
                list.windows(2).all(|w| w[0].count >= w[1].count),
                "{list:?}"
            );
        }
        // A source's count is the records quoting it; a place's, the records linking to it.
        let xinhua = index.get("xinhua-2024-hrc55-side-event").expect("a source");
        let s = facets.sources.iter().find(|s| s.value == xinhua);
        assert_eq!(s.map(|s| s.count), Some(index.cited_by(xinhua).len()));
        let china = index.get("china").expect("a place");
        let p = facets
            .places
            .iter()
            .find(|p| p.value == china)
            .expect("china");
        let linking: std::collections::BTreeSet<usize> =
            index.backlinks(china).iter().map(|b| b.from).collect();
        assert_eq!(p.count, linking.len());
        // 2019 counts the records with a date in 2019, each once.
        let y2019 = facets.years.iter().find(|y| y.value == 2019).expect("2019");
        let want = (0..index.len())
            .filter(|&r| f.dates.of(r).iter().any(|s| s.years().contains(&2019)))
            .count();
        assert_eq!(y2019.count, want);
        // Among a few records only, and only the top asked for.
        let two = f.facets(&[xinhua, china], 1);
        assert_eq!(two.kinds.len(), 1);
        assert_eq!(two.kinds[0].count, 1);
        assert_eq!(two.kinds[0].value, Kind::Place.min(Kind::Source));
    }
}
