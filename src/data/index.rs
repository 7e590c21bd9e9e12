//! Lookups built once after loading: id to record, backlinks, records by kind, and the order of
//! the explorer's lists, so that nothing the explorer does per key press costs O(records).

use crate::data::dataset::Dataset;
use crate::data::model::{Id, Kind};
use crate::data::record::{Record, Relation};
use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// A backlink: record `from` points at this one through `relation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backlink {
    pub relation: Relation,
    pub from: usize,
}

pub struct Index {
    pub records: Vec<Record>,
    /// Record numbers, found by their id's hash: the ids are not copied.
    by_id: HashTable<(u64, u32)>,
    /// Every backlink, grouped by the record linked to, then by relation in reading order
    /// ([`relation_order`]), then in dataset order; `back_at[i]..back_at[i + 1]` are record
    /// `i`'s.
    backlinks: Vec<Backlink>,
    back_at: Vec<u32>,
    /// Records that quote each source, by source, in dataset order.
    cited_by: Vec<usize>,
    cited_at: Vec<u32>,
    /// Record indices of each kind, sorted by name (case-insensitive), in `Kind::ALL` order.
    by_kind: Vec<Vec<usize>>,
    /// Where each record sits in its kind's list.
    rank: Vec<u32>,
    /// Where each kind's records start in the list of all records.
    starts: Vec<usize>,
}

fn hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    id.hash(&mut h);
    h.finish()
}

/// Groups `(to, key, value)` triples, already sorted, by `to`: one flat list and where each
/// record's part starts.
fn grouped<T: Copy>(n: usize, items: Vec<(u32, u32, T)>) -> (Vec<T>, Vec<u32>) {
    let mut at = vec![0u32; n + 1];
    for &(to, _, _) in &items {
        at[to as usize + 1] += 1;
    }
    for i in 0..n {
        at[i + 1] += at[i];
    }
    (items.into_iter().map(|(_, _, v)| v).collect(), at)
}

/// The id table: each record's number with its id's hash, so a lookup dereferences a record
/// only when the whole hash matches.
fn ids(records: &[Record]) -> HashTable<(u64, u32)> {
    let mut by_id: HashTable<(u64, u32)> = HashTable::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        let id = r.id().as_str();
        let h = hash(id);
        let same = |&(hj, j): &(u64, u32)| hj == h && records[j as usize].id().as_str() == id;
        if by_id.find(h, same).is_none() {
            by_id.insert_unique(h, (h, i as u32), |&(hj, _)| hj);
        }
    }
    by_id
}

fn find(records: &[Record], by_id: &HashTable<(u64, u32)>, id: &str) -> Option<u32> {
    let h = hash(id);
    by_id
        .find(h, |&(hj, j)| {
            hj == h && records[j as usize].id().as_str() == id
        })
        .map(|&(_, j)| j)
}

type Gathered = (Vec<(u32, u32, Backlink)>, Vec<(u32, u32, usize)>);

/// The links and citations of the records in `range`, as (target, sort key, value) triples.
fn gather(
    records: &[Record],
    by_id: &HashTable<(u64, u32)>,
    range: std::ops::Range<usize>,
) -> Gathered {
    let mut back = Vec::new();
    let mut cites = Vec::new();
    for from in range {
        let record = &records[from];
        record.each_link(&mut |relation, target| {
            if let Some(to) = find(records, by_id, target.as_str()) {
                let key = relation_order(relation) as u32;
                back.push((to, key, Backlink { relation, from }));
            }
        });
        for s in record.sources() {
            if let Some(to) = find(records, by_id, s.source.as_str()) {
                cites.push((to, from as u32, from));
            }
        }
    }
    (back, cites)
}

impl Index {
    pub fn new(dataset: Dataset) -> Index {
        let records = dataset.records;
        // Sorting the kinds needs no ids: on a large dataset it runs on a second thread while
        // the ids are hashed and the links gathered.
        let sort = || {
            let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); Kind::ALL.len()];
            for (i, r) in records.iter().enumerate() {
                by_kind[kind_slot(r.kind())].push(i);
            }
            for (slot, list) in by_kind.iter_mut().enumerate() {
                if Kind::ALL[slot] == Kind::Statistic {
                    list.sort_by_cached_key(|&i| statistic_key(&records[i]));
                } else {
                    sort_by_name(&records, list);
                }
            }
            by_kind
        };
        let by_id = ids(&records);
        let (by_kind, links) = if records.len() >= 50_000 {
            std::thread::scope(|s| {
                let sorted = s.spawn(sort);
                let half = records.len() / 2;
                let (records, by_id) = (&records, &by_id);
                let second = s.spawn(move || gather(records, by_id, half..records.len()));
                let mut links = gather(records, by_id, 0..half);
                let more = second
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                links.0.extend(more.0);
                links.1.extend(more.1);
                let sorted = sorted
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (sorted, links)
            })
        } else {
            let links = gather(&records, &by_id, 0..records.len());
            (sort(), links)
        };
        let (mut back, mut cites) = links;
        let n = records.len();
        // A record linking twice the same way counts once.
        back.sort_unstable_by_key(|&(to, key, b)| (to, key, b.from));
        back.dedup_by_key(|&mut (to, key, b)| (to, key, b.from));
        cites.sort_unstable_by_key(|&(to, from, _)| (to, from));
        cites.dedup_by_key(|&mut (to, from, _)| (to, from));
        let (backlinks, back_at) = grouped(n, back);
        let (cited_by, cited_at) = grouped(n, cites);
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
            back_at,
            cited_by,
            cited_at,
            by_kind,
            rank,
            starts,
        }
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        find(&self.records, &self.by_id, id).map(|j| j as usize)
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
        &self.backlinks[self.back_at[i] as usize..self.back_at[i + 1] as usize]
    }

    pub fn cited_by(&self, i: usize) -> &[usize] {
        &self.cited_by[self.cited_at[i] as usize..self.cited_at[i + 1] as usize]
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

    /// Record `r` as a statistic, if it is one.
    pub fn statistic(&self, r: usize) -> Option<&crate::data::model::Statistic> {
        match self.record(r) {
            Record::Statistic(s) => Some(s),
            _ => None,
        }
    }

    /// The first source of record `r` in a few words: its outlet, else its name.
    pub fn source_label(&self, r: usize) -> String {
        let Some(first) = self.record(r).sources().first() else {
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

/// Statistics read best in date order within a series, then by name.
fn statistic_key(r: &Record) -> (String, String) {
    let series = match r {
        Record::Statistic(s) => s.series.as_deref().unwrap_or("~"),
        _ => "~",
    };
    let date = r.date().map(|d| d.to_string()).unwrap_or_default();
    (format!("{series}|{date}"), r.name().to_lowercase())
}

/// Sorts records by name ignoring case, then by id, without copying a million names: each
/// distinct name is ranked once (on an 8-byte prefix, the whole names compared only where
/// prefixes tie), then the records by rank. Generated data repeats names a great deal.
fn sort_by_name(records: &[Record], list: &mut [usize]) {
    let mut distinct: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    let mut names: Vec<&str> = Vec::new();
    let ids: Vec<u32> = list
        .iter()
        .map(|&i| {
            let name = records[i].name();
            *distinct.entry(name).or_insert_with(|| {
                names.push(name);
                names.len() as u32 - 1
            })
        })
        .collect();
    let mut order: Vec<(u64, u32)> = names
        .iter()
        .enumerate()
        .map(|(k, n)| (prefix(n), k as u32))
        .collect();
    order.sort_unstable_by(|&(pa, a), &(pb, b)| {
        let (na, nb) = (names[a as usize], names[b as usize]);
        pa.cmp(&pb)
            .then_with(|| caseless(na, nb))
            .then_with(|| na.cmp(nb))
    });
    let mut rank = vec![0u32; names.len()];
    for (r, &(_, k)) in order.iter().enumerate() {
        rank[k as usize] = r as u32;
    }
    let mut keyed: Vec<(u32, usize)> = list
        .iter()
        .zip(ids)
        .map(|(&i, k)| (rank[k as usize], i))
        .collect();
    keyed.sort_unstable_by(|&(ra, a), &(rb, b)| {
        ra.cmp(&rb)
            .then_with(|| records[a].id().cmp(records[b].id()))
    });
    for (slot, (_, i)) in list.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// The first eight bytes of a name lower-cased, as a number that sorts as the bytes do (UTF-8
/// sorts as the characters do).
fn prefix(name: &str) -> u64 {
    let mut out = [0u8; 8];
    let mut n = 0;
    let mut buf = [0u8; 4];
    'chars: for c in name.chars().flat_map(char::to_lowercase) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            if n == 8 {
                break 'chars;
            }
            out[n] = b;
            n += 1;
        }
    }
    u64::from_be_bytes(out)
}

/// Names compared ignoring case, without copying them: ASCII byte by byte, anything else by
/// its lower-case characters.
fn caseless(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        for (x, y) in a.iter().zip(b) {
            match x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase()) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        return a.len().cmp(&b.len());
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}
