//! A snapshot file: a header, the data folder's fingerprint, the records in parts of
//! [`PART`] records, each an `rkyv` archive of its own, the index's tables as one more, and a
//! table of the parts.
//!
//! ```text
//! 0   magic "ngoatlas"         24  where the part table starts    48  record count
//! 8   stamp (this build)       32  number of parts                56  checksum of the part table
//! 16  fingerprint length       40  layout (size of an archived record)
//! 64  fingerprint, zero-padded to a multiple of 16
//!     the parts, each starting at a multiple of 16
//!     the part table: offset, length and checksum of each part, the tables last
//! ```
//!
//! Parts keep memory and time in bounds: a part is read, checked and copied out on one of two
//! threads while the other does the next, and no more than a few parts' bytes are in memory
//! beside the records. Nothing in a file is trusted unchecked: the lengths must add up, every
//! part's checksum must match (a flipped byte, a torn write), every archive must pass `rkyv`'s
//! validation (so a crafted file cannot make the program read out of bounds) and the tables
//! must fit the records ([`Tables::fit`]). Any failure is a reason to load the files instead.

use crate::data::model::Kind;
use crate::data::record::Record;
use crate::data::records::{Parts, Records};
use crate::data::tables::Tables;
use rkyv::rancor::{Error, Fallible};
use rkyv::ser::writer::IoWriter;
use rkyv::ser::{Allocator, Writer};
use rkyv::util::AlignedVec;
use rkyv::vec::{ArchivedVec, VecResolver};
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};

const MAGIC: &[u8; 8] = b"ngoatlas";
const HEADER: usize = 64;
pub use crate::data::records::PART;

/// What a snapshot holds, read back.
pub struct Contents {
    pub records: Vec<Record>,
    pub tables: Tables,
}

/// Some records to archive as one `Vec<Record>`, without copying them into one.
struct Part<'a>(&'a [Record]);

impl rkyv::Archive for Part<'_> {
    type Archived = ArchivedVec<rkyv::Archived<Record>>;
    type Resolver = VecResolver;

    fn resolve(&self, resolver: VecResolver, out: rkyv::Place<Self::Archived>) {
        ArchivedVec::resolve_from_slice(self.0, resolver, out);
    }
}

impl<S: Fallible + Allocator + Writer + ?Sized> rkyv::Serialize<S> for Part<'_>
where
    Record: rkyv::Serialize<S>,
{
    fn serialize(&self, serializer: &mut S) -> Result<VecResolver, S::Error> {
        ArchivedVec::<rkyv::Archived<Record>>::serialize_from_slice(self.0, serializer)
    }
}

/// Writes a snapshot of `records` and `tables`, taken when the folder had `fingerprint`, by a
/// build whose stamp is `stamp`, to `out` from its start; returns its size.
pub fn encode<W: Write + Seek>(
    out: &mut W,
    stamp: u64,
    fingerprint: &[u8],
    records: &[Record],
    tables: &Tables,
) -> Result<u64, String> {
    let io = |e: std::io::Error| e.to_string();
    let mut file = std::io::BufWriter::with_capacity(1 << 20, &mut *out);
    file.write_all(&[0; HEADER]).map_err(io)?;
    file.write_all(fingerprint).map_err(io)?;
    let mut at = (HEADER + fingerprint.len()) as u64;
    let mut entries: Vec<u64> = Vec::new();
    let mut parts = records.chunks(PART).map(Some).collect::<Vec<_>>();
    parts.push(None);
    for part in parts {
        let pad = at.next_multiple_of(16) - at;
        file.write_all(&[0; 16][..pad as usize]).map_err(io)?;
        at += pad;
        let mut summed = Summed {
            out: &mut file,
            sum: Checksum::default(),
            len: 0,
        };
        summed = match part {
            Some(records) => {
                rkyv::api::high::to_bytes_in::<_, Error>(&Part(records), IoWriter::new(summed))
            }
            None => rkyv::api::high::to_bytes_in::<_, Error>(tables, IoWriter::new(summed)),
        }
        .map_err(|e| e.to_string())?
        .into_inner();
        entries.extend([at, summed.len, summed.sum.finish()]);
        at += summed.len;
    }
    let table: Vec<u8> = entries.iter().flat_map(|n| n.to_le_bytes()).collect();
    file.write_all(&table).map_err(io)?;
    file.flush().map_err(io)?;
    drop(file);
    let mut head = Vec::with_capacity(HEADER);
    head.extend_from_slice(MAGIC);
    for n in [
        stamp,
        fingerprint.len() as u64,
        at,
        entries.len() as u64 / 3,
        layout(),
        records.len() as u64,
        checksum(&table),
    ] {
        head.extend_from_slice(&n.to_le_bytes());
    }
    out.seek(SeekFrom::Start(0)).map_err(io)?;
    out.write_all(&head).map_err(io)?;
    Ok(at + table.len() as u64)
}

/// A writer that sums and counts what goes through it.
pub(super) struct Summed<W: Write> {
    pub out: W,
    pub sum: Checksum,
    pub len: u64,
}

impl<W: Write> Write for Summed<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(bytes)?;
        self.sum.update(&bytes[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Why a snapshot was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Written by another build of the program.
    Version,
    /// The data folder has changed since.
    Changed,
    /// Cut short, damaged or not a snapshot at all.
    Damaged(String),
}

fn damaged(why: impl Into<String>) -> Refused {
    Refused::Damaged(why.into())
}

/// A part's place in the file.
#[derive(Clone, Copy)]
struct Entry {
    offset: u64,
    len: u64,
    sum: u64,
}

/// The header, fingerprint and part table of `file` (of `size` bytes), checked against this
/// build's `stamp` and the folder's `fingerprint`; and the number of records.
fn table(
    file: &File,
    size: u64,
    stamp: u64,
    fingerprint: &[u8],
) -> Result<(Vec<Entry>, usize), Refused> {
    let mut head = [0u8; HEADER];
    read_at(file, &mut head, 0)?;
    if &head[..8] != MAGIC {
        return Err(damaged("not a snapshot"));
    }
    let n = |i: usize| u64::from_le_bytes(head[8 + 8 * i..16 + 8 * i].try_into().unwrap_or([0; 8]));
    let (fp_len, table_at, parts, records) = (n(1), n(2), n(3), n(5));
    if n(0) != stamp || n(4) != layout() {
        return Err(Refused::Version);
    }
    let table_len = parts
        .checked_mul(24)
        .filter(|&l| table_at.checked_add(l) == Some(size));
    let (Some(table_len), true) = (table_len, fp_len == fingerprint.len() as u64) else {
        return Err(if fp_len == fingerprint.len() as u64 {
            damaged(format!("{size} bytes, not the length its header gives"))
        } else {
            Refused::Changed
        });
    };
    let mut kept = vec![0u8; fingerprint.len()];
    read_at(file, &mut kept, HEADER as u64)?;
    if kept != fingerprint {
        return Err(Refused::Changed);
    }
    let mut table = vec![0u8; table_len as usize];
    read_at(file, &mut table, table_at)?;
    if checksum(&table) != n(6) {
        return Err(damaged("the part table's checksum does not match"));
    }
    let word = |i: usize| u64::from_le_bytes(table[8 * i..8 * i + 8].try_into().unwrap_or([0; 8]));
    let entries: Vec<Entry> = (0..parts as usize)
        .map(|i| Entry {
            offset: word(3 * i),
            len: word(3 * i + 1),
            sum: word(3 * i + 2),
        })
        .collect();
    let inside = |e: &Entry| {
        e.offset.is_multiple_of(16)
            && e.offset
                .checked_add(e.len)
                .is_some_and(|end| end <= table_at)
    };
    if entries.is_empty()
        || !entries.iter().all(inside)
        || records > (crate::data::limits::MAX_RECORDS as u64).min(size)
    {
        return Err(damaged("its part table points outside it"));
    }
    Ok((entries, records as usize))
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> Result<(), Refused> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, at)
        .map_err(|e| damaged(format!("cannot read it: {e}")))
}

/// Without `pread`, the two readers take turns at the file's one position.
#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> Result<(), Refused> {
    use std::io::Read;
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let mut f = file;
    f.seek(SeekFrom::Start(at))
        .and_then(|_| f.read_exact(buf))
        .map_err(|e| damaged(format!("cannot read it: {e}")))
}

/// Reads part `e` into `buf` and checks its checksum.
/// The buffer is only grown, never cleared: zeroing it for every part cost as much as reading.
fn part<'b>(file: &File, e: Entry, buf: &'b mut AlignedVec<16>) -> Result<&'b [u8], Refused> {
    let len = usize::try_from(e.len).map_err(|_| damaged("a part too large"))?;
    if buf.len() < len {
        buf.resize(len, 0);
    }
    let bytes = &mut buf[..len];
    read_at(file, bytes, e.offset)?;
    if checksum(bytes) != e.sum {
        return Err(damaged(format!(
            "a part's checksum does not match (at byte {})",
            e.offset
        )));
    }
    Ok(&buf[..len])
}

/// The records of part `e`, checked.
fn records(file: &File, e: Entry, buf: &mut AlignedVec<16>) -> Result<Vec<Record>, Refused> {
    let bytes = part(file, e, buf)?;
    let archived = rkyv::access::<ArchivedVec<rkyv::Archived<Record>>, Error>(bytes)
        .map_err(|e| damaged(format!("invalid archive: {e}")))?;
    rkyv::deserialize::<Vec<Record>, Error>(archived)
        .map_err(|e| damaged(format!("invalid archive: {e}")))
}

/// The index's tables, the last part `e`, checked (but not yet against the records).
fn tables(file: &File, e: Entry) -> Result<Tables, Refused> {
    let mut buf = AlignedVec::new();
    let bytes = part(file, e, &mut buf)?;
    rkyv::from_bytes::<Tables, Error>(bytes).map_err(|e| damaged(format!("invalid archive: {e}")))
}

/// The contents of the snapshot `file` of `size` bytes, if it was written by the build stamped
/// `stamp` for a folder whose fingerprint is `fingerprint`, and is whole and valid. The parts
/// are read on two threads, handed back in order.
pub fn decode(file: &File, size: u64, stamp: u64, fingerprint: &[u8]) -> Result<Contents, Refused> {
    let (entries, count) = table(file, size, stamp, fingerprint)?;
    let (last, parts) = entries.split_last().ok_or_else(|| damaged("no parts"))?;
    let mut all: Vec<Record> = Vec::with_capacity(count);
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Result<Vec<Record>, Refused>)>(4);
        for worker in 0..2 {
            let tx = tx.clone();
            s.spawn(move || {
                let mut buf = AlignedVec::<16>::new();
                for (i, &e) in parts.iter().enumerate().skip(worker).step_by(2) {
                    let got = records(file, e, &mut buf);
                    let stop = got.is_err();
                    if tx.send((i, got)).is_err() || stop {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let (mut waiting, mut next) = (std::collections::BTreeMap::new(), 0);
        for (i, got) in rx {
            waiting.insert(i, got?);
            while let Some(part) = waiting.remove(&next) {
                if all.len() + part.len() > count {
                    return Err(damaged("more records than its header says"));
                }
                all.extend(part);
                next += 1;
            }
        }
        Ok(())
    })?;
    if all.len() != count {
        return Err(damaged("fewer records than its header says"));
    }
    let tables = tables(file, *last)?;
    if !tables.fit(&all) {
        return Err(damaged("its tables do not fit its records"));
    }
    Ok(Contents {
        records: all,
        tables,
    })
}

/// The contents of a snapshot as [`decode`] checks them, but with the records read part by
/// part as they are asked for ([`Records::on_demand`]). Every part's checksum is checked now,
/// so that a damaged file still means a normal load; each part's archive is checked when it is
/// read, and its records against the kinds the tables give them. `discard` is what to remove
/// should a part fail then.
pub fn decode_on_demand(
    file: File,
    size: u64,
    stamp: u64,
    fingerprint: &[u8],
    discard: Vec<std::path::PathBuf>,
) -> Result<(Records, Tables), Refused> {
    let (source, count, tables) = on_demand(file, size, stamp, fingerprint, discard)?;
    Ok((Records::on_demand(count, Box::new(source)), tables))
}

/// The parts of a snapshot to read on demand, once their checksums and the tables are checked;
/// the number of records; the tables.
fn on_demand(
    file: File,
    size: u64,
    stamp: u64,
    fingerprint: &[u8],
    discard: Vec<std::path::PathBuf>,
) -> Result<(OnDemand, usize, Tables), Refused> {
    let (entries, count) = table(&file, size, stamp, fingerprint)?;
    let (last, parts) = entries.split_last().ok_or_else(|| damaged("no parts"))?;
    if parts.len() != count.div_ceil(PART) {
        return Err(damaged("not as many parts as its records need"));
    }
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|worker| {
                let file = &file;
                s.spawn(move || {
                    let mut buf = AlignedVec::<16>::new();
                    parts
                        .iter()
                        .skip(worker)
                        .step_by(2)
                        .try_for_each(|&e| part(file, e, &mut buf).map(|_| ()))
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })?;
    let tables = tables(&file, *last)?;
    let kinds = tables
        .kinds(count)
        .ok_or_else(|| damaged("its tables do not fit its records"))?;
    let source = OnDemand {
        file,
        entries: parts.to_vec(),
        kinds,
        discard,
    };
    Ok((source, count, tables))
}

/// The parts of a snapshot, read as they are asked for.
struct OnDemand {
    file: File,
    entries: Vec<Entry>,
    /// Each record's kind, as the tables list it.
    kinds: Vec<Kind>,
    discard: Vec<std::path::PathBuf>,
}

impl Parts for OnDemand {
    fn read(&self, p: usize) -> Result<Vec<Record>, String> {
        let why = |r: Refused| match r {
            Refused::Damaged(why) => why,
            other => format!("{other:?}"),
        };
        thread_local! {
            /// A thread's buffer for the parts it reads: one fresh buffer per part cost more
            /// in page faults than the reading.
            static BUF: std::cell::RefCell<AlignedVec<16>> = std::cell::RefCell::new(AlignedVec::new());
        }
        let e = *self.entries.get(p).ok_or("no such part")?;
        let records = BUF
            .with_borrow_mut(|buf| records(&self.file, e, buf))
            .map_err(why)?;
        let first = p * PART;
        let expected =
            &self.kinds[first.min(self.kinds.len())..(first + PART).min(self.kinds.len())];
        if records.len() != expected.len()
            || !records.iter().zip(expected).all(|(r, &k)| r.kind() == k)
        {
            return Err("a part does not hold the records its tables list".into());
        }
        Ok(records)
    }

    fn discard(&self) -> String {
        for f in &self.discard {
            let _ = std::fs::remove_file(f);
        }
        match self.discard.first() {
            Some(f) => format!("the snapshot {}", f.display()),
            None => "the snapshot".into(),
        }
    }
}

/// The size of an archived record: a change to the model that a stamp could miss (the same
/// version built again) changes it more often than not.
fn layout() -> u64 {
    std::mem::size_of::<rkyv::Archived<Record>>() as u64
}

/// A 64-bit checksum of `bytes` ([`Checksum`]).
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::default();
    sum.update(bytes);
    sum.finish()
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// A 64-bit checksum for damage, not for an attacker (the archive's validation guards memory):
/// four lanes of a multiply-rotate over 8-byte words, so that any one changed word changes the
/// result and a few hundred megabytes take a few tens of milliseconds. Fed in any pieces, it
/// sums the same as fed whole.
pub struct Checksum {
    lanes: [u64; 4],
    pending: [u8; 32],
    held: usize,
    len: u64,
}

impl Default for Checksum {
    fn default() -> Checksum {
        Checksum {
            lanes: [1, 2, 3, 4],
            pending: [0; 32],
            held: 0,
            len: 0,
        }
    }
}

impl Checksum {
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.held > 0 {
            let take = (32 - self.held).min(bytes.len());
            self.pending[self.held..self.held + take].copy_from_slice(&bytes[..take]);
            self.held += take;
            bytes = &bytes[take..];
            if self.held < 32 {
                return;
            }
            let block = self.pending;
            self.block(&block);
            self.held = 0;
        }
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            self.block(block);
        }
        let rest = blocks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.held = rest.len();
    }

    fn block(&mut self, block: &[u8]) {
        for (lane, word) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
            let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
            *lane = (lane.rotate_left(23) ^ w).wrapping_mul(K);
        }
    }

    pub fn finish(&self) -> u64 {
        let mut lanes = self.lanes;
        for (i, &b) in self.pending[..self.held].iter().enumerate() {
            lanes[i % 4] = (lanes[i % 4].rotate_left(23) ^ b as u64).wrapping_mul(K);
        }
        lanes[0] = (lanes[0] ^ self.len).wrapping_mul(K);
        lanes
            .iter()
            .fold(0u64, |h, &l| (h.rotate_left(29) ^ l).wrapping_mul(K))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents() -> Contents {
        let dataset = crate::synth::generate(20_000, 3);
        let records = crate::ingest::load::load_files(&dataset)
            .expect("valid")
            .records
            .into_vec();
        let by_id = crate::data::tables::ids(&records);
        let tables = Tables::build(&records, &by_id);
        Contents { records, tables }
    }

    fn file(bytes: &[u8]) -> (tempfile::NamedTempFile, u64) {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        (f, bytes.len() as u64)
    }

    fn encoded(stamp: u64, fingerprint: &[u8], c: &Contents) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let size = encode(&mut out, stamp, fingerprint, &c.records, &c.tables).unwrap();
        assert_eq!(size as usize, out.get_ref().len());
        out.into_inner()
    }

    fn decoded(bytes: &[u8], stamp: u64, fingerprint: &[u8]) -> Result<Contents, Refused> {
        let (f, size) = file(bytes);
        decode(f.as_file(), size, stamp, fingerprint)
    }

    #[test]
    fn a_snapshot_of_several_parts_reads_back_as_written() {
        let c = contents();
        assert!(c.records.len() > 2 * PART);
        let back = decoded(&encoded(7, b"folder", &c), 7, b"folder").unwrap();
        assert!(back.records == c.records);
        assert_eq!(back.tables, c.tables);
    }

    #[test]
    fn another_build_another_folder_a_flipped_byte_or_a_cut_are_refused() {
        let bytes = encoded(7, b"folder", &contents());
        let refused = |b: &[u8], stamp, f: &[u8]| decoded(b, stamp, f).err();
        assert_eq!(refused(&bytes, 8, b"folder"), Some(Refused::Version));
        assert_eq!(refused(&bytes, 7, b"folder2"), Some(Refused::Changed));
        assert_eq!(refused(&bytes, 7, b"fold3r"), Some(Refused::Changed));
        let n = bytes.len();
        for at in [0, 30, 66, 100, n / 3, n / 2, n - 100, n - 1] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x40;
            assert!(refused(&flipped, 7, b"folder").is_some(), "flipped at {at}");
        }
        for len in [0, 10, 64, n / 3, n - 1] {
            let cut = refused(&bytes[..len], 7, b"folder");
            assert!(matches!(cut, Some(Refused::Damaged(_))), "cut at {len}");
        }
    }

    #[test]
    fn records_read_on_demand_are_those_written_and_damage_is_found_before_any_is_read() {
        let c = contents();
        let bytes = encoded(7, b"folder", &c);
        let open = |b: &[u8]| {
            let (f, size) = file(b);
            let file = f.as_file().try_clone().unwrap();
            on_demand(file, size, 7, b"folder", Vec::new()).map(|(s, n, t)| (s, n, t, f))
        };
        let (source, count, tables, _f) = open(&bytes).unwrap();
        assert_eq!((count, &tables), (c.records.len(), &c.tables));
        let records = Records::on_demand(count, Box::new(source));
        assert!(records[c.records.len() - 1] == c.records[c.records.len() - 1]);
        assert_eq!(records.parts_read(), (1, c.records.len().div_ceil(PART)));
        assert!(records.iter().eq(c.records.iter()));
        let n = bytes.len();
        for at in [66, n / 3, n / 2, n - 100] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x40;
            assert!(open(&flipped).is_err(), "flipped at {at}");
        }
        // A part changed and summed again passes the checksums, and fails when it is read.
        let mut crafted = bytes.clone();
        let word = |b: &[u8], i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
        let table_at = word(&crafted, 24) as usize;
        let e = table_at + 24;
        let (offset, len) = (word(&crafted, e) as usize, word(&crafted, e + 8) as usize);
        let summary = c.records[PART + 5].summary().as_bytes();
        let at = offset + memchr::memmem::find(&bytes[offset..offset + len], summary).unwrap();
        crafted[at] = 0xff;
        let sum = checksum(&crafted[offset..offset + len]);
        crafted[e + 16..e + 24].copy_from_slice(&sum.to_le_bytes());
        let sum = checksum(&crafted[table_at..]);
        crafted[56..64].copy_from_slice(&sum.to_le_bytes());
        let (source, ..) = open(&crafted).unwrap();
        assert!(source.read(0).is_ok());
        let why = source.read(1).unwrap_err();
        assert!(why.contains("invalid archive"), "{why}");
    }

    #[test]
    fn the_checksum_sees_one_changed_byte_anywhere_and_any_pieces_sum_alike() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
        let sum = checksum(&data);
        for at in 0..data.len() {
            let mut d = data.clone();
            d[at] ^= 1;
            assert_ne!(checksum(&d), sum, "byte {at}");
        }
        for cut in [0, 1, 31, 32, 33, 500, 999] {
            let mut pieces = Checksum::default();
            pieces.update(&data[..cut]);
            pieces.update(&data[cut..]);
            assert_eq!(pieces.finish(), sum, "fed in two at {cut}");
        }
    }
}
