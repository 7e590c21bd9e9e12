//! The parts of the index that cost a sort or a lookup per link to build: backlinks, citations
//! and each kind's records in list order. Built once after a load, or read back from a snapshot
//! of unchanged data (`ingest::snapshot`), which is why they are plain data with derives.

use crate::data::model::Kind;
use crate::data::record::{Record, Relation};
use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// A backlink: record `from` points at this one through `relation`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Backlink {
    pub relation: Relation,
    pub from: usize,
}

/// Backlinks, citations and list order of a dataset's records, by record number.
#[derive(Debug, Clone, Default, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Tables {
    /// Every backlink, grouped by the record linked to, then by relation in reading order
    /// ([`relation_order`]), then in dataset order; `back_at[i]..back_at[i + 1]` are record
    /// `i`'s.
    pub backlinks: Vec<Backlink>,
    pub back_at: Vec<u32>,
    /// Records that quote each source, by source, in dataset order.
    pub cited_by: Vec<usize>,
    pub cited_at: Vec<u32>,
    /// Record indices of each kind, sorted by name (case-insensitive), in `Kind::ALL` order.
    pub by_kind: Vec<Vec<usize>>,
    /// Each record's id hashed ([`hash`]): what finds records read on demand from a snapshot
    /// without reading them all ([`crate::data::records`]).
    pub hashes: Vec<u64>,
}

impl Tables {
    /// Builds the tables of `records`, whose ids `by_id` holds ([`ids`]).
    pub fn build(records: &[Record], by_id: &HashTable<(u64, u32)>) -> Tables {
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
                    sort_by_name(records, list);
                }
            }
            by_kind
        };
        let (by_kind, links) = if records.len() >= 50_000 {
            std::thread::scope(|s| {
                let sorted = s.spawn(sort);
                let half = records.len() / 2;
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
            let links = gather(records, by_id, 0..records.len());
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
        let mut hashes = vec![0; n];
        for &(h, i) in by_id {
            hashes[i as usize] = h;
        }
        Tables {
            backlinks,
            back_at,
            cited_by,
            cited_at,
            by_kind,
            hashes,
        }
    }

    /// Whether the tables can belong to `records`: every number in range, every group's
    /// bounds in order, every record listed once under its own kind. What a snapshot's tables
    /// must pass before an index trusts them; O(records).
    pub fn fit(&self, records: &[Record]) -> bool {
        self.kinds(records.len())
            .is_some_and(|kinds| records.iter().zip(kinds).all(|(r, k)| r.kind() == k))
    }

    /// The kind of each of `n` records, as the tables list them, if the tables are whole and
    /// in range for `n` records (what [`Tables::fit`] checks but the records' own kinds, for
    /// records not yet read; see [`crate::data::records`]).
    pub fn kinds(&self, n: usize) -> Option<Vec<Kind>> {
        let mut kinds: Vec<Option<Kind>> = vec![None; n];
        let listed = self.by_kind.len() == Kind::ALL.len()
            && self.by_kind.iter().enumerate().all(|(slot, list)| {
                list.iter()
                    .all(|&r| r < n && kinds[r].replace(Kind::ALL[slot]).is_none())
            });
        let fits = listed
            && self.hashes.len() == n
            && rows_fit(&self.back_at, n, self.backlinks.len())
            && rows_fit(&self.cited_at, n, self.cited_by.len())
            && self.backlinks.iter().all(|b| b.from < n)
            && self.cited_by.iter().all(|&r| r < n);
        if !fits {
            return None;
        }
        kinds.into_iter().collect()
    }
}

/// Whether `at` can be where each of `n` rows starts in a list of `len` items, row `i` being
/// `list[at[i]..at[i + 1]]`: `n + 1` offsets in order, from 0 to `len`. What anything kept in
/// rows (tables, lookups, a graph) is checked with before a row of it is sliced.
pub fn rows_fit(at: &[u32], n: usize, len: usize) -> bool {
    at.len() == n + 1
        && at.first() == Some(&0)
        && at.last().is_some_and(|&l| l as usize == len)
        && at.windows(2).all(|w| w[0] <= w[1])
}

/// A record's id hashed, as the index finds it.
pub fn hash(id: &str) -> u64 {
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
pub fn ids(records: &[Record]) -> HashTable<(u64, u32)> {
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

/// The record whose id is `id`, among those `by_id` holds; `id_of` gives a record's id (only
/// of those whose hash is `id`'s).
pub fn find<'a>(
    by_id: &HashTable<(u64, u32)>,
    id: &str,
    id_of: impl Fn(usize) -> &'a str,
) -> Option<u32> {
    let h = hash(id);
    by_id
        .find(h, |&(hj, j)| hj == h && id_of(j as usize) == id)
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
            if let Some(to) = find(by_id, target.as_str(), |j| records[j].id().as_str()) {
                let key = relation_order(relation) as u32;
                back.push((to, key, Backlink { relation, from }));
            }
        });
        for s in record.sources() {
            if let Some(to) = find(by_id, s.source.as_str(), |j| records[j].id().as_str()) {
                cites.push((to, from as u32, from));
            }
        }
    }
    (back, cites)
}

pub fn kind_slot(kind: Kind) -> usize {
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
