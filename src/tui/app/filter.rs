//! A filter on the rows of a view (`|`): the records a query matches, kept as a set for
//! lookups per row, with how many of each kind, so the tabs can say how many each holds.

use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::tables::kind_slot;
use crate::query::search::filter::Set;
use crate::query::search::{Query, Searcher};
use crate::tui::app::Ctx;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowFilter {
    /// The query as typed, shown in the title.
    pub text: String,
    members: Set,
    /// How many records of each kind, in [`Kind::ALL`]'s order, match.
    per_kind: [usize; Kind::ALL.len()],
}

impl RowFilter {
    pub fn new(text: &str, records: impl IntoIterator<Item = usize>, index: &Index) -> RowFilter {
        let mut members = Set::empty(index.len());
        let mut per_kind = [0; Kind::ALL.len()];
        for r in records.into_iter().filter(|&r| r < index.len()) {
            if !members.contains(r) {
                members.insert(r);
                per_kind[kind_slot(index.kind(r))] += 1;
            }
        }
        RowFilter {
            text: text.trim().to_string(),
            members,
            per_kind,
        }
    }

    pub fn contains(&self, record: usize) -> bool {
        self.members.contains(record)
    }

    /// The records it holds, in order.
    pub fn records(&self) -> impl Iterator<Item = usize> {
        self.members.positions().into_iter().map(|r| r as usize)
    }

    /// The same filter on reloaded data: each record found again by `remap` (by id), those
    /// gone left out.
    pub fn remap(&self, remap: impl Fn(usize) -> Option<usize>, index: &Index) -> RowFilter {
        RowFilter::new(&self.text, self.records().filter_map(remap), index)
    }

    /// How many records of `kind` (all kinds: `None`) match.
    pub fn count(&self, kind: Option<Kind>) -> usize {
        match kind {
            Some(k) => self.per_kind[kind_slot(k)],
            None => self.per_kind.iter().sum(),
        }
    }
}

/// The filter `text` makes: every record its query matches, its operators (`in:`, `year:`…)
/// answered from the searcher's lookups, its words as search matches them. An empty query is
/// no filter; a mistake in it, or a searcher not yet built, is an error in words.
pub fn run(
    text: &str,
    ctx: &Ctx,
    searcher: Option<&Searcher>,
) -> Result<Option<RowFilter>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let query = Query::parse(text).with_user(Arc::clone(&ctx.user));
    if let Some(e) = &query.error {
        return Err(e.clone());
    }
    if query.is_empty() {
        return Err(format!("Nothing to filter by in “{}”", text.trim()));
    }
    let Some(searcher) = searcher else {
        return Err("The search is still being prepared: filter again in a moment".into());
    };
    let index = &ctx.index;
    let records = if query.words.is_empty() && query.phrases.is_empty() && query.without.is_empty()
    {
        // Operators and kinds alone: a set from the lookups, no scoring.
        searcher.matching(&query)?
    } else {
        let found = searcher.find_counted(&query, index.len());
        if let Some(e) = found.error {
            return Err(e);
        }
        found.hits.iter().map(|h| h.record).collect()
    };
    Ok(Some(RowFilter::new(text, records, index)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_holds_its_records_once_and_counts_them_by_kind() {
        let index =
            Index::new(crate::ingest::load::load_builtin().expect("built-in dataset loads"));
        let orgs: Vec<usize> = index.of_kind(Kind::Organization).to_vec();
        let people = index.of_kind(Kind::Person);
        let picked = [orgs[0], orgs[1], orgs[1], people[0]];
        let f = RowFilter::new("x", picked, &index);
        assert!(f.contains(orgs[0]) && f.contains(people[0]));
        assert!(!f.contains(orgs[2]));
        assert!(!f.contains(usize::MAX / 2));
        assert_eq!(f.count(Some(Kind::Organization)), 2);
        assert_eq!(f.count(Some(Kind::Person)), 1);
        assert_eq!(f.count(None), 3);
        let mut held: Vec<usize> = f.records().collect();
        held.sort_unstable();
        let mut want = vec![orgs[0], orgs[1], people[0]];
        want.sort_unstable();
        assert_eq!(held, want);
        // Reloaded data where the second organization is gone.
        let moved = f.remap(|r| (r != orgs[1]).then_some(r), &index);
        assert_eq!(moved.count(Some(Kind::Organization)), 1);
        assert_eq!(moved.text, "x");
    }
}
