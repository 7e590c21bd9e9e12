//! Lookups built once after loading: id to record, backlinks, records by kind, search keys.

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
    backlinks: Vec<Vec<Backlink>>,
    /// Records that quote each source, by source index.
    cited_by: Vec<Vec<usize>>,
    /// Record indices of each kind, sorted by name (case-insensitive), in `Kind::ALL` order.
    by_kind: Vec<Vec<usize>>,
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
        Index {
            records,
            by_id,
            backlinks,
            cited_by,
            by_kind,
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

    /// Index of a link's target; validation guarantees it exists.
    pub fn resolve(&self, id: &Id) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

fn kind_slot(kind: Kind) -> usize {
    Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
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
