//! Lookups built once after loading: id to record, backlinks, records by kind, and the order of
//! the explorer's lists, so that nothing the explorer does per key press costs O(records).

use crate::load::Dataset;
use crate::model::{Id, Kind};
use crate::record::{Record, Relation};
use rustc_hash::FxHashMap as HashMap;

/// A backlink: record `from` points at this one through `relation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlink {
    pub relation: Relation,
    pub from: usize,
}

pub struct Index {
    pub records: Vec<Record>,
    by_id: HashMap<Id, usize>,
    /// Each record's backlinks, grouped by relation in reading order ([`relation_order`]).
    backlinks: Vec<Vec<Backlink>>,
    /// Records that quote each source, by source index.
    cited_by: Vec<Vec<usize>>,
    /// Record indices of each kind, sorted by name (case-insensitive), in `Kind::ALL` order.
    by_kind: Vec<Vec<usize>>,
    /// Where each record sits in its kind's list.
    rank: Vec<u32>,
    /// Where each kind's records start in the list of all records.
    starts: Vec<usize>,
}

impl Index {
    pub fn new(dataset: Dataset) -> Index {
        let records = dataset.records;
        let by_id: HashMap<Id, usize> = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id().clone(), i))
            .collect();
        // Sorting the kinds and gathering backlinks are independent: on a large dataset the
        // sort runs on a second thread meanwhile.
        let sort = || {
            let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); Kind::ALL.len()];
            for (i, r) in records.iter().enumerate() {
                by_kind[kind_slot(r.kind())].push(i);
            }
            for list in &mut by_kind {
                list.sort_by_cached_key(|&i| sort_key(&records[i]));
            }
            by_kind
        };
        let links = || {
            let mut backlinks = vec![Vec::new(); records.len()];
            let mut cited_by = vec![Vec::new(); records.len()];
            for (from, record) in records.iter().enumerate() {
                for link in record.links() {
                    // Only this record's own entries can repeat, and they sit at the end: checking
                    // them alone keeps a record with a million backlinks linear.
                    if let Some(&to) = by_id.get(link.target)
                        && !backlinks[to]
                            .iter()
                            .rev()
                            .take_while(|b: &&Backlink| b.from == from)
                            .any(|b| b.relation == link.relation)
                    {
                        backlinks[to].push(Backlink {
                            relation: link.relation,
                            from,
                        });
                    }
                }
                for s in record.sources() {
                    if let Some(&to) = by_id.get(&s.source)
                        && cited_by[to].last() != Some(&from)
                    {
                        cited_by[to].push(from);
                    }
                }
            }
            // Stable: within a relation, records stay in the dataset's order.
            for list in &mut backlinks {
                list.sort_by_key(|b: &Backlink| relation_order(b.relation));
            }
            (backlinks, cited_by)
        };
        let (by_kind, (backlinks, cited_by)) = if records.len() >= 50_000 {
            std::thread::scope(|s| {
                let sorted = s.spawn(sort);
                let linked = links();
                let sorted = sorted
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (sorted, linked)
            })
        } else {
            (sort(), links())
        };
        let mut rank = vec![0u32; records.len()];
        let mut starts = Vec::with_capacity(by_kind.len() + 1);
        let mut start = 0;
        for list in &by_kind {
            starts.push(start);
            start += list.len();
            for (i, &r) in list.iter().enumerate() {
                rank[r] = i as u32;
            }
        }
        starts.push(start);
        Index {
            records,
            by_id,
            backlinks,
            cited_by,
            by_kind,
            rank,
            starts,
        }
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(&Id::from(id)).copied()
    }

    pub fn record(&self, i: usize) -> &Record {
        &self.records[i]
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// What links to record `i`, grouped by relation in reading order: who and where first,
    /// numbers last.
    pub fn backlinks(&self, i: usize) -> &[Backlink] {
        &self.backlinks[i]
    }

    pub fn cited_by(&self, i: usize) -> &[usize] {
        &self.cited_by[i]
    }

    /// Records of one kind, sorted by name.
    pub fn of_kind(&self, kind: Kind) -> &[usize] {
        &self.by_kind[kind_slot(kind)]
    }

    /// Every record, kinds in `Kind::ALL` order, each kind sorted by name.
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.by_kind.iter().flatten().copied()
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
                self.by_kind
                    .get(slot)?
                    .get(row - self.starts[slot])
                    .copied()
            }
        }
    }

    /// Where record `r` is in a list, if the list shows it.
    pub fn list_position(&self, kind: Option<Kind>, r: usize) -> Option<usize> {
        let own = self.records.get(r)?.kind();
        let rank = self.rank[r] as usize;
        match kind {
            Some(k) if k == own => Some(rank),
            Some(_) => None,
            None => Some(self.starts[kind_slot(own)] + rank),
        }
    }

    /// Index of a link's target; validation guarantees it exists.
    pub fn resolve(&self, id: &Id) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

fn kind_slot(kind: Kind) -> usize {
    Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// Backlink groups in a reading order: who and where first, numbers last.
pub fn relation_order(r: Relation) -> usize {
    use Relation::*;
    [
        Role,
        Member,
        Parent,
        PartOf,
        Organizer,
        Speaker,
        Participant,
        RunBy,
        Within,
        BasedIn,
        HeldIn,
        WorksIn,
        ProgrammePlace,
        Country,
        Subject,
        StatisticPlace,
    ]
    .iter()
    .position(|&x| x == r)
    .unwrap_or(usize::MAX)
}

/// Statistics read best in date order within a series; everything else by name.
fn sort_key(r: &Record) -> (String, std::borrow::Cow<'_, str>) {
    match r {
        Record::Statistic(s) => (
            format!(
                "{}|{}",
                s.series.as_deref().unwrap_or("~"),
                r.date().map(|d| d.to_string()).unwrap_or_default()
            ),
            r.name().to_lowercase().into(),
        ),
        // The id is borrowed: a million records would otherwise copy a million ids to sort.
        _ => (r.name().to_lowercase(), r.id().as_str().into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_rows_and_positions_agree_for_every_list() {
        let index = Index::new(crate::load::load_builtin().expect("built-in dataset"));
        let all: Vec<usize> = index.all().collect();
        for kind in std::iter::once(None).chain(Kind::ALL.map(Some)) {
            let expected: Vec<usize> = match kind {
                Some(k) => index.of_kind(k).to_vec(),
                None => all.clone(),
            };
            assert_eq!(index.list_len(kind), expected.len());
            for (row, &r) in expected.iter().enumerate() {
                assert_eq!(index.list_row(kind, row), Some(r), "{kind:?} row {row}");
                assert_eq!(index.list_position(kind, r), Some(row), "{kind:?} {r}");
            }
            assert_eq!(index.list_row(kind, expected.len()), None);
        }
        let person = index.of_kind(Kind::Person)[0];
        assert_eq!(index.list_position(Some(Kind::Place), person), None);
    }

    #[test]
    fn backlinks_come_grouped_by_relation_in_reading_order() {
        let index = Index::new(crate::load::load_builtin().expect("built-in dataset"));
        for r in 0..index.len() {
            let order: Vec<usize> = index
                .backlinks(r)
                .iter()
                .map(|b| relation_order(b.relation))
                .collect();
            assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
        }
    }
}
