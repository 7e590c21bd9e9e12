//! Lookups built once after loading: id to record, backlinks, records by kind, and the order of
//! the explorer's lists, so that nothing the explorer does per key press costs O(records).

use crate::data::dataset::{Companion, Dataset};
use crate::data::model::{Id, Kind};
use crate::data::record::Record;
use crate::data::records::Records;
pub use crate::data::tables::{Backlink, relation_order};
use crate::data::tables::{Tables, find, ids, kind_slot};
use hashbrown::HashTable;

pub struct Index {
    pub records: Records,
    /// Record numbers, found by their id's hash: the ids are not copied.
    by_id: HashTable<(u64, u32)>,
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
        let (records, by_id, tables) = match dataset.tables {
            Some(tables) if dataset.records.as_slice().is_none() => {
                let mut by_id = HashTable::with_capacity(tables.hashes.len());
                for (i, &h) in tables.hashes.iter().enumerate() {
                    by_id.insert_unique(h, (h, i as u32), |&(hj, _)| hj);
                }
                (dataset.records, by_id, *tables)
            }
            // In memory (records read on demand without their tables are read now).
            tables => {
                let all = dataset.records.into_vec();
                let by_id = ids(&all);
                let tables = match tables {
                    Some(t) if t.fit(&all) => *t,
                    _ => Tables::build(&all, &by_id),
                };
                (Records::from(all), by_id, tables)
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

    /// Index of a link's target; validation guarantees it exists.
    pub fn resolve(&self, id: &Id) -> Option<usize> {
        self.get(id.as_str())
    }
}
