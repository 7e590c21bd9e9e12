//! A dataset's records: all in memory, or read part by part from a snapshot as they are first
//! asked for.
//!
//! A command that shows one record (`show`, `cite`, `check`) needs a few of a million: reading
//! and copying all of them out of the snapshot was most of its time and memory. Records read on
//! demand come in parts of [`PART`]; a part is read, checked and copied once, the first time one
//! of its records is asked for, and every part at once (on two threads) the first time they are
//! all walked through.
//!
//! The source of the parts has checked their checksums before any is asked for, so a damaged
//! file is found while a normal load can still be made instead. A part that fails later (the
//! file changed under the program, or was crafted to pass its checksums) cannot be answered
//! with: the source is told to discard the snapshot and the process ends with a message, never
//! with a wrong record or a panic.

use crate::data::record::Record;
use std::sync::OnceLock;

/// Records in a part of a snapshot: about 600 KB of archive. Small, because a part is read
/// whole for any one of its records, and what a screen or an answer names is scattered (the
/// records a source's preview lists, a search's hits): at a million records, 8,192 a part made
/// a preview read most of the snapshot.
pub const PART: usize = 1024;

/// What must be done before the process ends over a part that failed (see the module's
/// comment): the explorer leaves the terminal as it found it.
static BEFORE_EXIT: OnceLock<fn()> = OnceLock::new();

/// Has `hook` run before the process ends over a part that failed.
pub fn before_exit(hook: fn()) {
    let _ = BEFORE_EXIT.set(hook);
}

/// Where records read on demand come from.
pub trait Parts: Send + Sync {
    /// The records of part `part`, read and checked: exactly [`PART`] of them but in the last.
    fn read(&self, part: usize) -> Result<Vec<Record>, String>;
    /// Makes sure the source is not used again (a part of it failed), and says what it was.
    fn discard(&self) -> String;
}

pub struct Records {
    len: usize,
    store: Store,
}

enum Store {
    Whole(Vec<Record>),
    OnDemand {
        parts: Box<[OnceLock<Box<[Record]>>]>,
        source: Box<dyn Parts>,
    },
}

impl From<Vec<Record>> for Records {
    fn from(records: Vec<Record>) -> Records {
        Records {
            len: records.len(),
            store: Store::Whole(records),
        }
    }
}

/// A copy is of records in memory, all read.
impl Clone for Records {
    fn clone(&self) -> Records {
        self.iter().cloned().collect()
    }
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (read, parts) = self.parts_read();
        write!(f, "Records({}, {read} of {parts} parts read)", self.len)
    }
}

impl Default for Records {
    fn default() -> Records {
        Records::from(Vec::new())
    }
}

impl Records {
    /// `len` records read from `source` as they are asked for.
    pub fn on_demand(len: usize, source: Box<dyn Parts>) -> Records {
        let parts = (0..len.div_ceil(PART)).map(|_| OnceLock::new()).collect();
        Records {
            len,
            store: Store::OnDemand { parts, source },
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Record `i`, read first if it is not yet. Panics, as a slice does, when `i` is out of
    /// range.
    pub fn get(&self, i: usize) -> &Record {
        match &self.store {
            Store::Whole(v) => &v[i],
            Store::OnDemand { parts, source } => {
                assert!(i < self.len, "record {i} of {}", self.len);
                let part = parts[i / PART].get_or_init(|| read(&**source, i / PART));
                &part[i % PART]
            }
        }
    }

    /// Record `i`, if there is one.
    pub fn try_get(&self, i: usize) -> Option<&Record> {
        (i < self.len).then(|| self.get(i))
    }

    /// Every record in order; those read on demand are all read first, on two threads.
    pub fn iter(&self) -> Iter<'_> {
        match &self.store {
            Store::Whole(v) => Iter {
                current: v.iter(),
                rest: [].iter(),
                left: self.len,
            },
            Store::OnDemand { parts, source } => {
                read_all(parts, &**source);
                Iter {
                    current: [].iter(),
                    rest: parts.iter(),
                    left: self.len,
                }
            }
        }
    }

    /// Calls `f` with every record and its number, in order, without keeping what it reads:
    /// the parts not yet read are read two at a time beside `f` and dropped after it, so a walk
    /// through a million records read on demand holds a few parts, not all of them.
    pub fn walk(&self, mut f: impl FnMut(usize, &Record)) {
        let parts: Vec<usize> = (0..self.len.div_ceil(PART)).collect();
        self.through(&parts, |part, records| {
            for (k, r) in records.iter().enumerate() {
                f(part * PART + k, r);
            }
        });
    }

    /// Calls `f` with each of the records `wanted` (ascending) and its number, reading only
    /// their parts and keeping none it reads (see [`Records::walk`]).
    pub fn visit(&self, wanted: &[usize], mut f: impl FnMut(usize, &Record)) {
        let mut parts: Vec<usize> = wanted.iter().map(|&i| i / PART).collect();
        parts.dedup();
        let mut next = wanted.iter().copied().peekable();
        self.through(&parts, |part, records| {
            while let Some(i) = next.next_if(|&i| i / PART == part) {
                if let Some(r) = records.get(i % PART) {
                    f(i, r);
                }
            }
        });
    }

    /// Calls `f` with each of `parts` (ascending) and its records, in order: those held are
    /// used where they are, the others read on two threads a part ahead and dropped after.
    fn through(&self, parts: &[usize], mut f: impl FnMut(usize, &[Record])) {
        let (held, source) = match &self.store {
            Store::Whole(v) => {
                return parts.iter().for_each(|&p| {
                    f(p, &v[p * PART..v.len().min((p + 1) * PART)]);
                });
            }
            Store::OnDemand { parts, source } => (parts, &**source),
        };
        let held = |p: usize| held[p].get().map(|records| &records[..]);
        if parts.iter().all(|&p| held(p).is_some()) {
            return parts
                .iter()
                .for_each(|&p| f(p, held(p).unwrap_or_default()));
        }
        std::thread::scope(|s| {
            // A reader per half of the parts, each a part ahead at most, sending `None` for a
            // part already held.
            let readers: Vec<_> = (0..2)
                .map(|worker| {
                    let (tx, rx) = std::sync::mpsc::sync_channel(1);
                    s.spawn(move || {
                        for &p in parts.iter().skip(worker).step_by(2) {
                            let read = held(p).is_none().then(|| read(source, p));
                            if tx.send(read).is_err() {
                                return;
                            }
                        }
                    });
                    rx
                })
                .collect();
            for (k, &p) in parts.iter().enumerate() {
                match readers[k % 2].recv() {
                    Ok(Some(read)) => f(p, &read),
                    _ => f(p, held(p).unwrap_or_default()),
                }
            }
        });
    }

    /// The records as one slice, when they are all in memory from the start.
    pub fn as_slice(&self) -> Option<&[Record]> {
        match &self.store {
            Store::Whole(v) => Some(v),
            Store::OnDemand { .. } => None,
        }
    }

    /// The records, all read, to change them: those read on demand are first all read.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, Record> {
        if let Store::OnDemand { .. } = self.store {
            *self = self.clone();
        }
        match &mut self.store {
            Store::Whole(v) => v.iter_mut(),
            Store::OnDemand { .. } => [].iter_mut(),
        }
    }

    /// The records, all read.
    pub fn into_vec(self) -> Vec<Record> {
        match self.store {
            Store::Whole(v) => v,
            Store::OnDemand { .. } => self.iter().cloned().collect(),
        }
    }

    /// How many parts have been read so far, of how many (all of them for records in memory).
    pub fn parts_read(&self) -> (usize, usize) {
        match &self.store {
            Store::Whole(_) => (1, 1),
            Store::OnDemand { parts, .. } => (
                parts.iter().filter(|p| p.get().is_some()).count(),
                parts.len(),
            ),
        }
    }
}

impl std::ops::Index<usize> for Records {
    type Output = Record;
    fn index(&self, i: usize) -> &Record {
        self.get(i)
    }
}

impl<'a> IntoIterator for &'a Records {
    type Item = &'a Record;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Records {
    type Item = &'a mut Record;
    type IntoIter = std::slice::IterMut<'a, Record>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl IntoIterator for Records {
    type Item = Record;
    type IntoIter = std::vec::IntoIter<Record>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl FromIterator<Record> for Records {
    fn from_iter<I: IntoIterator<Item = Record>>(records: I) -> Records {
        Records::from(records.into_iter().collect::<Vec<_>>())
    }
}

/// The records in order, part after part.
pub struct Iter<'a> {
    current: std::slice::Iter<'a, Record>,
    rest: std::slice::Iter<'a, OnceLock<Box<[Record]>>>,
    left: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Record;

    fn next(&mut self) -> Option<&'a Record> {
        loop {
            if let Some(r) = self.current.next() {
                self.left -= 1;
                return Some(r);
            }
            // Every part was read before the walk began.
            self.current = self.rest.next()?.get().map_or(&[][..], |p| &p[..]).iter();
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// Part `part` of `source`, or the end of the process (see the module's comment).
fn read(source: &dyn Parts, part: usize) -> Box<[Record]> {
    match source.read(part) {
        Ok(records) => records.into_boxed_slice(),
        Err(why) => {
            let what = source.discard();
            if let Some(hook) = BEFORE_EXIT.get() {
                hook();
            }
            eprintln!(
                "ngo-atlas: {what} could not be read ({why}); it was removed, so the next run reads the data files: run the command again"
            );
            std::process::exit(1)
        }
    }
}

/// Reads every part not yet read, on two threads.
fn read_all(parts: &[OnceLock<Box<[Record]>>], source: &dyn Parts) {
    if parts.iter().all(|p| p.get().is_some()) {
        return;
    }
    std::thread::scope(|s| {
        for worker in 0..2 {
            s.spawn(move || {
                for (i, p) in parts.iter().enumerate().skip(worker).step_by(2) {
                    p.get_or_init(|| read(source, i));
                }
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parts cut from records in memory.
    struct Memory {
        records: Vec<Record>,
    }

    impl Parts for Memory {
        fn read(&self, part: usize) -> Result<Vec<Record>, String> {
            let end = ((part + 1) * PART).min(self.records.len());
            Ok(self.records[part * PART..end].to_vec())
        }
        fn discard(&self) -> String {
            "memory".into()
        }
    }

    fn records() -> Vec<Record> {
        (0..3 * PART + 100)
            .map(|i| {
                Record::Place(crate::data::model::Place {
                    id: format!("place-{i}").as_str().into(),
                    name: format!("Place {i}").into(),
                    aliases: Vec::new(),
                    summary: format!("The place numbered {i}."),
                    place_type: None,
                    within: None,
                    coordinates: None,
                    notes: None,
                    public_knowledge: Vec::new(),
                    sources: Vec::new(),
                })
            })
            .collect()
    }

    #[test]
    fn a_record_asked_for_reads_its_part_alone_and_a_walk_reads_the_rest() {
        let all = records();
        let source = Memory {
            records: all.clone(),
        };
        let on_demand = Records::on_demand(all.len(), Box::new(source));
        assert_eq!(on_demand.len(), all.len());
        assert!(on_demand[PART + 3] == all[PART + 3]);
        assert!(*on_demand.get(PART) == all[PART]);
        assert_eq!(on_demand.parts_read(), (1, 4));
        assert!(on_demand.try_get(all.len()).is_none());
        let mut walked = Vec::new();
        on_demand.walk(|i, r| walked.push((i, r.clone())));
        assert!(walked.iter().map(|(_, r)| r).eq(all.iter()));
        assert!(walked.iter().map(|&(i, _)| i).eq(0..all.len()));
        let wanted = [5, PART + 3, 2 * PART + 7, 2 * PART + 9, 3 * PART + 99];
        let mut visited = Vec::new();
        on_demand.visit(&wanted, |i, r| visited.push((i, r.clone())));
        assert!(visited.iter().map(|&(i, _)| i).eq(wanted));
        assert!(visited.iter().all(|(i, r)| *r == all[*i]));
        assert_eq!(
            on_demand.parts_read(),
            (1, 4),
            "a walk or a visit keeps nothing"
        );
        let walked: Vec<&Record> = on_demand.iter().collect();
        assert_eq!(on_demand.iter().len(), all.len());
        assert!(walked.into_iter().eq(all.iter()));
        assert_eq!(on_demand.parts_read(), (4, 4));
        let whole = Records::from(all.clone());
        assert!(whole.iter().eq(all.iter()));
        let mut visited = Vec::new();
        whole.visit(&wanted, |i, r| visited.push((i, r.clone())));
        assert!(visited.iter().map(|&(i, _)| i).eq(wanted));
        assert!(visited.iter().all(|(i, r)| *r == all[*i]));
        assert_eq!(whole.as_slice().map(<[Record]>::len), Some(all.len()));
    }
}
