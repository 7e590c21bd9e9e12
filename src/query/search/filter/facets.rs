//! Facets: among a set of records, the most common kinds, years, places and sources, each with
//! how many of the records have it, for a panel that narrows a list one value at a time (each
//! value is an operator: `kind:`, `year:`, `in:`, `source:`).
//!
//! A record counts once per value: a year once however many of its dates fall in it, a place
//! it links to directly (not the places around it), a source it quotes.

use super::index::FilterIndex;
use crate::data::model::Kind;
use rustc_hash::FxHashMap;
use std::hash::Hash;

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
    /// The `top` most common values of each facet among `records` (positions).
    pub fn facets(&self, records: &[usize], top: usize) -> Facets {
        let mut kinds: FxHashMap<Kind, usize> = FxHashMap::default();
        let mut years: FxHashMap<i32, usize> = FxHashMap::default();
        let mut places: FxHashMap<usize, usize> = FxHashMap::default();
        let mut sources: FxHashMap<usize, usize> = FxHashMap::default();
        let mut seen: Vec<i32> = Vec::new();
        for &r in records.iter().filter(|&&r| r < self.len()) {
            *kinds.entry(self.kind(r)).or_default() += 1;
            seen.clear();
            for span in self.dates.of(r) {
                seen.extend(span.years().take(MOST_YEARS));
            }
            count_once(&mut years, &mut seen);
            let mut linked: Vec<usize> = self
                .links
                .of(r)
                .iter()
                .map(|&p| p as usize)
                .filter(|&p| self.kind(p) == Kind::Place)
                .collect();
            count_once(&mut places, &mut linked);
            let mut quoted: Vec<usize> = self.quotes.of(r).iter().map(|&s| s as usize).collect();
            count_once(&mut sources, &mut quoted);
        }
        Facets {
            kinds: best(kinds, top),
            years: best(years, top),
            places: best(places, top),
            sources: best(sources, top),
        }
    }
}

/// Counts each of `values` once.
fn count_once<T: Ord + Hash + Copy>(counts: &mut FxHashMap<T, usize>, values: &mut Vec<T>) {
    values.sort_unstable();
    values.dedup();
    for v in values.iter() {
        *counts.entry(*v).or_default() += 1;
    }
}

fn best<T: Ord + Copy>(counts: FxHashMap<T, usize>, top: usize) -> Vec<Facet<T>> {
    let mut list: Vec<Facet<T>> = counts
        .into_iter()
        .map(|(value, count)| Facet { value, count })
        .collect();
    list.sort_unstable_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    list.truncate(top);
    list
}
