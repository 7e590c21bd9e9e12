//! Lookups built once after loading: id to record, backlinks, records by kind, and the order of
//! the explorer's lists, so that nothing the explorer does per key press costs O(records).

use crate::data::dataset::{Companion, Dataset};
use crate::data::model::{Id, Kind};
use crate::data::record::Record;
use crate::data::records::Records;
pub use crate::data::tables::{Backlink, relation_order};
use crate::data::tables::{Tables, find, hash, ids, kind_slot};
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

pub struct Index {
    pub records: Records,
    /// Record numbers, found by their id's hash: the ids are not copied.
    by_id: HashTable<(u64, u32)>,
    /// Whether no two records' ids share a hash, so that an id the data holds is found by its
    /// hash alone (see [`Index::resolve`]); known for records read on demand.
    hashes_unique: bool,
    /// Backlinks, citations and the lists' order: what a snapshot keeps.
    tables: Tables,
    /// Where each record sits in its kind's list, and its kind: known without reading it.
    rank: Vec<u32>,
    kinds: Vec<Kind>,
    /// Where each kind's records start in the list of all records.
    starts: Vec<usize>,
    /// Where the searcher may keep its corpus of these records (see [`Dataset::companion`]).
    companion: Option<Companion>,
}

impl Index {
    /// The index of a dataset; the tables a snapshot brought with it are used when they fit its
    /// records ([`Tables::fit`]), and built otherwise.
    ///
    /// Records read on demand come with the tables of their snapshot, which has checked them
    /// ([`Tables::kinds`]); their ids are found by the hashes the tables keep, and no record is
    /// read.
    pub fn new(dataset: Dataset) -> Index {
        let companion = dataset.companion;
        let (records, by_id, tables, hashes_unique) = match dataset.tables {
            Some(tables) if dataset.records.as_slice().is_none() => {
                let mut by_id = HashTable::with_capacity(tables.hashes.len());
                let mut unique = true;
                for (i, &h) in tables.hashes.iter().enumerate() {
                    let same = |&(hj, _): &(u64, u32)| hj == h;
                    match by_id.entry(h, same, |&(hj, _)| hj) {
                        Entry::Vacant(slot) => {
                            slot.insert((h, i as u32));
                        }
                        Entry::Occupied(_) => {
                            unique = false;
                            by_id.insert_unique(h, (h, i as u32), |&(hj, _)| hj);
                        }
                    }
                }
                (dataset.records, by_id, *tables, unique)
            }
            // In memory (records read on demand without their tables are read now).
            tables => {
                let all = dataset.records.into_vec();
                let by_id = ids(&all);
                let tables = match tables {
                    Some(t) if t.fit(&all) => *t,
                    _ => Tables::build(&all, &by_id),
                };
                (Records::from(all), by_id, tables, false)
            }
        };
        let mut rank = vec![0u32; records.len()];
        let mut kinds = vec![Kind::Organization; records.len()];
        let mut starts = Vec::with_capacity(tables.by_kind.len() + 1);
        let mut start = 0;
        for (&kind, list) in Kind::ALL.iter().zip(&tables.by_kind) {
            starts.push(start);
            start += list.len();
            for (i, &r) in list.iter().enumerate() {
                rank[r] = i as u32;
                kinds[r] = kind;
            }
        }
        starts.push(start);
        Index {
            records,
            by_id,
            hashes_unique,
            tables,
            rank,
            kinds,
            starts,
            companion,
        }
    }

    /// Where what is built from these records may be kept: set for the records of a snapshot.
    pub fn companion(&self) -> Option<&Companion> {
        self.companion.as_ref()
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        find(&self.by_id, id, |j| self.records.get(j).id().as_str()).map(|j| j as usize)
    }

    pub fn record(&self, i: usize) -> &Record {
        self.records.get(i)
    }

    /// The kind of record `i`, without reading it (a record read on demand stays unread).
    pub fn kind(&self, i: usize) -> Kind {
        self.kinds[i]
    }

    /// Every record's kind, in order, without reading any.
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// What links to record `i`, grouped by relation in reading order: who and where first,
    /// numbers last.
    /// The tables a snapshot keeps, as built for these records.
    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    pub fn backlinks(&self, i: usize) -> &[Backlink] {
        &self.tables.backlinks[self.tables.back_at[i] as usize..self.tables.back_at[i + 1] as usize]
    }

    pub fn cited_by(&self, i: usize) -> &[usize] {
        &self.tables.cited_by
            [self.tables.cited_at[i] as usize..self.tables.cited_at[i + 1] as usize]
    }

    /// Records of one kind, sorted by name.
    pub fn of_kind(&self, kind: Kind) -> &[usize] {
        &self.tables.by_kind[kind_slot(kind)]
    }

    /// Every record, kinds in `Kind::ALL` order, each kind sorted by name.
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.tables.by_kind.iter().flatten().copied()
    }

    /// How many records a list shows: those of one kind, or all of them.
    pub fn list_len(&self, kind: Option<Kind>) -> usize {
        match kind {
            Some(k) => self.of_kind(k).len(),
            None => self.len(),
        }
    }

    /// The record at row `row` of a list (one kind, or all kinds in order).
    pub fn list_row(&self, kind: Option<Kind>, row: usize) -> Option<usize> {
        match kind {
            Some(k) => self.of_kind(k).get(row).copied(),
            None => {
                // The kind whose range holds the row: the last start at or before it.
                let slot = self.starts[1..].partition_point(|&s| s <= row);
                self.tables
                    .by_kind
                    .get(slot)?
                    .get(row - self.starts[slot])
                    .copied()
            }
        }
    }

    /// Where record `r` is in a list, if the list shows it.
    pub fn list_position(&self, kind: Option<Kind>, r: usize) -> Option<usize> {
        let own = *self.kinds.get(r)?;
        let rank = self.rank[r] as usize;
        match kind {
            Some(k) if k == own => Some(rank),
            Some(_) => None,
            None => Some(self.starts[kind_slot(own)] + rank),
        }
    }

    /// Record `r` as a statistic, if it is one.
    pub fn statistic(&self, r: usize) -> Option<&crate::data::model::Statistic> {
        match self.record(r) {
            Record::Statistic(s) => Some(s),
            _ => None,
        }
    }

    /// The first source of record `r` in a few words: its outlet, else its name.
    pub fn source_label(&self, r: usize) -> String {
        self.source_label_of(self.record(r))
    }

    /// The first source of `record` in a few words (see [`Index::source_label`]).
    pub fn source_label_of(&self, record: &Record) -> String {
        let Some(first) = record.sources().first() else {
            return String::new();
        };
        match self.resolve(&first.source).map(|s| self.record(s)) {
            Some(Record::Source(s)) => s.outlet.as_ref().unwrap_or(&s.name).to_string(),
            _ => first.source.to_string(),
        }
    }

    /// The record a link of the data points at: an id of a record the data holds, as
    /// validation made sure. When no two ids share a hash the hash alone finds it, and no
    /// record read on demand is read to compare ids (a view resolving every statistic's
    /// subject would otherwise hold every part they are in). An id from anywhere else (typed,
    /// from a marks file) is for [`Index::get`], which compares the ids.
    pub fn resolve(&self, id: &Id) -> Option<usize> {
        if !self.hashes_unique {
            return self.get(id.as_str());
        }
        let h = hash(id.as_str());
        let found = self.by_id.find(h, |&(hj, _)| hj == h)?;
        Some(found.1 as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Place;
    use crate::data::records::{PART, Parts};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Parts cut from records in memory, counting the parts read.
    struct Counted {
        records: Vec<Record>,
        read: Arc<AtomicUsize>,
    }

    impl Parts for Counted {
        fn read(&self, part: usize) -> Result<Vec<Record>, String> {
            self.read.fetch_add(1, Ordering::Relaxed);
            let end = ((part + 1) * PART).min(self.records.len());
            Ok(self.records[part * PART..end].to_vec())
        }
        fn discard(&self) -> String {
            "memory".into()
        }
    }

    /// Places in three parts, each within the one before it.
    fn places() -> Vec<Record> {
        (0..3 * PART)
            .map(|i| {
                Record::Place(Place {
                    id: format!("place-{i}").as_str().into(),
                    name: format!("Place {i}").into(),
                    aliases: Vec::new(),
                    summary: String::new(),
                    place_type: None,
                    within: i
                        .checked_sub(1)
                        .map(|p| format!("place-{p}").as_str().into()),
                    coordinates: None,
                    notes: None,
                    public_knowledge: Vec::new(),
                    sources: Vec::new(),
                })
            })
            .collect()
    }

    /// An index of `records` read on demand, with their tables, as a snapshot gives them;
    /// `tables` may change the tables first.
    fn on_demand(tables: impl FnOnce(&mut Tables)) -> (Index, Arc<AtomicUsize>) {
        let records = places();
        let mut built = Tables::build(&records, &ids(&records));
        tables(&mut built);
        let read = Arc::new(AtomicUsize::new(0));
        let source = Counted {
            records,
            read: Arc::clone(&read),
        };
        let dataset = Dataset {
            records: Records::on_demand(3 * PART, Box::new(source)),
            tables: Some(Box::new(built)),
            ..Dataset::default()
        };
        (Index::new(dataset), read)
    }

    #[test]
    fn a_link_is_resolved_by_its_hash_without_reading_a_record_when_no_two_ids_share_one() {
        let (index, read) = on_demand(|_| {});
        for i in [0, PART + 5, 3 * PART - 1] {
            assert_eq!(
                index.resolve(&Id::from(format!("place-{i}").as_str())),
                Some(i)
            );
        }
        assert_eq!(index.resolve(&Id::from("place-nowhere")), None);
        assert_eq!(read.load(Ordering::Relaxed), 0);
        // An id from elsewhere is compared with the record's own.
        assert_eq!(index.get("place-7"), Some(7));
        assert_eq!(read.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn ids_that_share_a_hash_are_compared_with_the_records() {
        // Two records' hashes made equal: the first is still found, by reading it.
        let (index, read) = on_demand(|t| t.hashes[PART] = t.hashes[0]);
        assert_eq!(index.resolve(&Id::from("place-0")), Some(0));
        assert!(read.load(Ordering::Relaxed) >= 1);
    }
}
