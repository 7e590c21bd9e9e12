//! Companion files: what a layer above builds from a snapshot's records (the searcher's
//! corpus and texts, the filters' lookups, the link graph), kept beside the snapshot as
//! `KEY.search`, `KEY.texts`, `KEY.filters` and `KEY.graph` so that a warm run reads it instead
//! of building it again.
//!
//! ```text
//! 0   magic "ngoacomp"    8   the snapshot's identity    16  payload length    24  checksum
//! 32  payload (an rkyv archive, which the caller validates)
//! ```
//!
//! A companion is used only with the snapshot whose identity it carries (the same build and
//! the same data files, so the same records in the same order) and only whole: its length and
//! checksum must match. The payload is validated by whoever reads it. Written like a snapshot
//! (a temporary file renamed over the old one), pruned with it.

use super::format::{Checksum, Summed};
use super::store;
use crate::data::dataset::Companion;
use std::io::{Read, Seek, SeekFrom, Write};

const MAGIC: &[u8; 8] = b"ngoacomp";
const HEADER: usize = 32;
/// The file name ending of the searcher's corpus, and of every companion: the corpus, its
/// texts, the filters' lookups, the link graph.
pub const SUFFIX: &str = ".search";
pub const SUFFIXES: [&str; 4] = [SUFFIX, ".texts", ".filters", ".graph"];

/// The payload of a companion, where its file is mapped into memory: read where it lies, not
/// copied into memory of the process's own (an archive is validated there, then copied out of
/// it; texts are used in place).
pub struct Payload(memmap2::Mmap);

impl std::ops::Deref for Payload {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0[HEADER..]
    }
}

/// Bytes checked at a time in a payload used in place, whose pages are let go after.
pub const STRETCH: usize = 16 << 20;

impl Payload {
    /// Lets go of the pages of `range` of the payload: once checked, a payload used in place
    /// need not stay in the process's memory, only in the system's file cache, from which
    /// what a search reads later is mapped back.
    pub fn release(&self, range: std::ops::Range<usize>) {
        // SAFETY: the map is of a file that does not change while it is mapped (see `map`):
        // a page let go reads the same when it is mapped back from the file.
        let _ = unsafe {
            self.0.unchecked_advise_range(
                memmap2::UncheckedAdvice::DontNeed,
                HEADER + range.start,
                range.len(),
            )
        };
    }
}

/// The payload of `companion`, if it is there, whole and for this very snapshot. It starts 32
/// bytes into a page, so it is aligned as an archive needs.
pub fn read(companion: &Companion) -> Result<Payload, String> {
    map(companion, true)
}

/// The payload of `companion` mapped: read all at once, or, for a payload used in place
/// (`whole` false), checked a stretch at a time, each let go after.
fn map(companion: &Companion, whole: bool) -> Result<Payload, String> {
    let (file, len, sum) = open(companion)?;
    let mut options = memmap2::MmapOptions::new();
    if whole {
        options.populate();
    }
    // SAFETY: the map is only read. Companions are written to a temporary file renamed over
    // the old one, and removed by unlinking, so the file mapped never changes while it is
    // mapped; only another program writing into the cache folder could change it.
    let payload = Payload(unsafe { options.map(&file) }.map_err(|e| e.to_string())?);
    let mut checksum = Checksum::default();
    for at in (0..payload.len()).step_by(STRETCH) {
        let end = payload.len().min(at + STRETCH);
        checksum.update(&payload[at..end]);
        if !whole {
            payload.release(at..end);
        }
    }
    match payload.len() as u64 == len && checksum.finish() == sum {
        true => Ok(payload),
        false => Err("its checksum does not match".into()),
    }
}

/// The file of `companion`, checked as far as its header goes, with its payload's length and
/// checksum.
fn open(companion: &Companion) -> Result<(std::fs::File, u64, u64), String> {
    let mut file = std::fs::File::open(&companion.file).map_err(|e| e.to_string())?;
    let mut head = [0u8; HEADER];
    file.read_exact(&mut head).map_err(|_| "cut short")?;
    let n = |i: usize| u64::from_le_bytes(head[8 * i..8 * i + 8].try_into().unwrap_or([0; 8]));
    if &head[..8] != MAGIC {
        return Err("not a companion".into());
    }
    if n(1) != companion.id {
        return Err("written for another snapshot".into());
    }
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    if size > companion.limit {
        return Err(format!("{} MB, over the bound for this data", size >> 20));
    }
    if size.checked_sub(HEADER as u64) != Some(n(2)) {
        return Err(format!("{size} bytes, not the length its header gives"));
    }
    Ok((file, n(2), n(3)))
}

/// What `make` makes of the payload of `companion` (`what` it holds, for the notes), if the
/// companion is there, whole, for this very snapshot, and `make` accepts it; says which on the
/// debug channel ([`super::note`]).
pub fn read_as<T>(
    companion: &Companion,
    what: &str,
    make: impl FnOnce(&[u8]) -> Result<T, String>,
) -> Option<T> {
    noted(companion, what, || {
        read(companion).and_then(|bytes| make(&bytes))
    })
}

/// The value archived in `companion` (`what` it holds, for the notes and its errors), copied
/// out, if the companion is there, whole, for this very snapshot, valid as an archive, and the
/// value passes `fits` (every offset and number in range for the records it is read for).
pub fn read_archive<T>(
    companion: &Companion,
    what: &str,
    fits: impl FnOnce(&T) -> bool,
) -> Option<T>
where
    T: rkyv::Archive,
    T::Archived: for<'a> rkyv::bytecheck::CheckBytes<rkyv::api::high::HighValidator<'a, rkyv::rancor::Error>>
        + rkyv::Deserialize<T, rkyv::api::high::HighDeserializer<rkyv::rancor::Error>>,
{
    read_as(companion, what, |bytes| {
        let value = rkyv::from_bytes::<T, rkyv::rancor::Error>(bytes)
            .map_err(|e| format!("not {what}: {e}"))?;
        match fits(&value) {
            true => Ok(value),
            false => Err("it does not fit the records".to_string()),
        }
    })
}

/// [`read_as`] for a payload that `make` keeps and uses in place (texts, say): not read all at
/// once, and let go of once checked.
pub fn read_into<T>(
    companion: &Companion,
    what: &str,
    make: impl FnOnce(Payload) -> Result<T, String>,
) -> Option<T> {
    noted(companion, what, || map(companion, false).and_then(make))
}

fn noted<T>(
    companion: &Companion,
    what: &str,
    read: impl FnOnce() -> Result<T, String>,
) -> Option<T> {
    let start = std::time::Instant::now();
    match read() {
        Ok(made) => {
            super::note(&format!(
                "{what} read from {} ({} ms)",
                companion.file.display(),
                start.elapsed().as_millis()
            ));
            Some(made)
        }
        Err(why) => {
            super::note(&format!("{what} not read: {why}"));
            None
        }
    }
}

/// Writes `value` as the archive of `companion` ([`write`]), saying so on the debug channel.
pub fn write_archive<T>(companion: &Companion, what: &str, value: &T)
where
    T: for<'a, 'w> rkyv::Serialize<
            rkyv::api::high::HighSerializer<
                rkyv::ser::writer::IoWriter<&'w mut dyn Write>,
                rkyv::ser::allocator::ArenaHandle<'a>,
                rkyv::rancor::Error,
            >,
        >,
{
    write_as(companion, what, &mut |out| {
        rkyv::api::high::to_bytes_in::<_, rkyv::rancor::Error>(
            value,
            rkyv::ser::writer::IoWriter::new(out),
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
    });
}

/// [`write`], saying on the debug channel what was written (`what` it holds) or why not.
pub fn write_as(
    companion: &Companion,
    what: &str,
    payload: &mut dyn FnMut(&mut dyn Write) -> Result<(), String>,
) {
    let start = std::time::Instant::now();
    super::note(&match write(companion, payload) {
        Ok(()) => format!(
            "{what} written to {} ({} ms)",
            companion.file.display(),
            start.elapsed().as_millis()
        ),
        Err(why) => format!("{what} not written: {why}"),
    });
}

/// Writes what `payload` writes as `companion`, whole or not at all, and not at all when it
/// is larger than the companion's bound; the payload is streamed to the file, never held whole
/// in memory.
pub fn write(
    companion: &Companion,
    payload: &mut dyn FnMut(&mut dyn Write) -> Result<(), String>,
) -> Result<(), String> {
    let folder = companion.file.parent().ok_or("no folder")?;
    store::replace(folder, &companion.file, companion.limit, &mut |out| {
        let io = |e: std::io::Error| e.to_string();
        out.write_all(&[0; HEADER]).map_err(io)?;
        let mut summed = Summed {
            out: std::io::BufWriter::with_capacity(1 << 20, &mut *out),
            sum: Checksum::default(),
            len: 0,
        };
        payload(&mut summed)?;
        summed.out.flush().map_err(io)?;
        let (len, sum) = (summed.len, summed.sum.finish());
        drop(summed);
        let mut head = Vec::with_capacity(HEADER);
        head.extend_from_slice(MAGIC);
        for n in [companion.id, len, sum] {
            head.extend_from_slice(&n.to_le_bytes());
        }
        out.seek(SeekFrom::Start(0)).map_err(io)?;
        out.write_all(&head).map_err(io)?;
        Ok(HEADER as u64 + len)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn companion(dir: &std::path::Path, id: u64, limit: u64) -> Companion {
        Companion {
            file: dir.join("k.search"),
            id,
            limit,
        }
    }

    #[test]
    fn a_companion_is_read_back_only_whole_for_its_snapshot_and_within_its_bound() {
        let dir = tempfile::tempdir().unwrap();
        let c = companion(dir.path(), 7, 1 << 20);
        write(&c, &mut |out| {
            out.write_all(b"payload").map_err(|e| e.to_string())
        })
        .unwrap();
        assert_eq!(&read(&c).unwrap()[..], b"payload");
        assert!(
            read(&companion(dir.path(), 8, 1 << 20)).is_err(),
            "another snapshot"
        );
        assert!(
            read(&companion(dir.path(), 7, 16)).is_err(),
            "over the bound"
        );
        let whole = std::fs::read(&c.file).unwrap();
        for cut in [0, 10, HEADER, whole.len() - 1] {
            std::fs::write(&c.file, &whole[..cut]).unwrap();
            assert!(read(&c).is_err(), "cut at {cut}");
        }
        let mut flipped = whole.clone();
        flipped[HEADER + 2] ^= 1;
        std::fs::write(&c.file, &flipped).unwrap();
        assert!(read(&c).is_err(), "a flipped byte");
        // Too large to write: nothing is left behind.
        std::fs::remove_file(&c.file).unwrap();
        let small = companion(dir.path(), 7, 40);
        let big = write(&small, &mut |out| {
            out.write_all(&[0; 100]).map_err(|e| e.to_string())
        });
        assert!(big.is_err() && !small.file.exists());
    }
}
