//! A snapshot of a loaded data folder, so that the next run on unchanged files opens it instead
//! of parsing and validating every record again (a million records: seconds, not a second).
//!
//! After a load of `--data DIR` succeeds, its records and the index's costly tables are written
//! to `$XDG_CACHE_HOME/ngo-atlas/snapshots/` (else `~/.cache/ngo-atlas/snapshots/`), one file per
//! folder, named by a hash of the folder's canonical path; never inside the data folder. A later
//! load of the same folder uses it only if:
//!
//! - every entry of the folder has the same name, size, modification and change times
//!   (nanoseconds), inode and device ([`Fingerprint`]), as git's index compares them, and none
//!   was modified within [`RACY`] of the load that wrote the snapshot, nor after the snapshot
//!   was written (git's "racily clean" rule: an edit in the same tick of the file system's clock
//!   as the one before it leaves the same times);
//! - it was written by this very build (version, [`SCHEMA`], and the executable's size and
//!   modification time);
//! - it is whole and valid ([`format::decode`]).
//!
//! Anything else means a normal load and a new snapshot. Snapshots are written atomically
//! (a temporary file renamed over the old one, so two processes writing at once leave one whole
//! snapshot or the other), skipped when they would be larger than [`MAX_SIZE_FACTOR`] times the
//! data, and pruned to the [`KEEP`] most recently written. The program turns them on with
//! [`set_folder`] (`--no-cache` leaves them off); a library caller that does not has none.

pub mod companion;
mod fingerprint;
mod format;
mod store;

use crate::data::dataset::{Companion, Dataset};
use crate::data::record::Record;
use crate::data::records::Records;
use crate::data::tables::Tables;
pub use fingerprint::{Fingerprint, RACY};
/// The checksum of a snapshot's parts and part table, for tools and tests that mend or break one.
pub use format::checksum;
use format::{Contents, Refused};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

/// Bumped whenever what a snapshot means changes without the model's layout changing (a rule of
/// validation or of the tables' order), so that old snapshots are not trusted.
pub const SCHEMA: u64 = 1;

/// How many data folders keep a snapshot: the most recently written.
pub const KEEP: usize = 8;

/// A snapshot larger than this many times its data folder (plus 16 MB) is not written.
pub const MAX_SIZE_FACTOR: u64 = 3;

/// Where snapshots go, once the program says so.
static FOLDER: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Whether a snapshot's records are read as they are asked for (see [`read_on_demand`]).
static ON_DEMAND: AtomicBool = AtomicBool::new(false);

/// Has the records of a snapshot read part by part as they are first asked for, not all at
/// once ([`crate::data::records`]): for a command that needs few of them, and for the explorer,
/// which reads the parts its screens need as they need them. Should a part
/// fail its checks then (the file was changed under the program), the process ends with a
/// message (the explorer hands the terminal back first) and the snapshot is removed.
pub fn read_on_demand(yes: bool) {
    ON_DEMAND.store(yes, Ordering::Relaxed);
}

/// Turns snapshots on in `folder` (`None`: off, as with `--no-cache`).
pub fn set_folder(folder: Option<PathBuf>) {
    if let Ok(mut f) = FOLDER.lock() {
        *f = folder;
    }
}

/// `$XDG_CACHE_HOME/ngo-atlas/snapshots` (an absolute `XDG_CACHE_HOME` only, as the
/// specification says), else `$HOME/.cache/ngo-atlas/snapshots`.
pub fn default_folder() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .map(|h| h.join(".cache"))
    })?;
    Some(base.join("ngo-atlas").join("snapshots"))
}

/// Says what happened to a snapshot on standard error when `NGO_ATLAS_DEBUG` names `snapshot`
/// (for tests and for a curator wondering why a load was slow).
pub fn note(what: &str) {
    if std::env::var("NGO_ATLAS_DEBUG").is_ok_and(|v| v.contains("snapshot")) {
        eprintln!("ngo-atlas: snapshot: {what}");
    }
}

/// A data folder's snapshot: where it is and the folder's fingerprint before loading.
pub struct Slot {
    file: PathBuf,
    folder: PathBuf,
    data: PathBuf,
    before: Fingerprint,
    started: SystemTime,
}

impl Slot {
    /// The snapshot slot of the data folder `dir`, taken before it is read; `None` when
    /// snapshots are off or the folder cannot be listed (the load then says why).
    pub fn of(dir: &Path) -> Option<Slot> {
        let folder = FOLDER.lock().ok()?.clone()?;
        let started = SystemTime::now();
        let data = std::fs::canonicalize(dir).ok()?;
        let before = Fingerprint::take(&data)?;
        let key = format::checksum(data.as_os_str().as_encoded_bytes());
        Some(Slot {
            file: folder.join(format!("{key:016x}.snapshot")),
            folder,
            data,
            before,
            started,
        })
    }

    /// The dataset as the snapshot has it, if the snapshot can be trusted.
    pub fn open(&self) -> Option<Dataset> {
        let start = std::time::Instant::now();
        match self.read() {
            Ok((records, tables)) => {
                note(&format!(
                    "used {} ({} ms{})",
                    self.file.display(),
                    start.elapsed().as_millis(),
                    if records.as_slice().is_some() {
                        ""
                    } else {
                        ", records read on demand"
                    }
                ));
                Some(Dataset {
                    records,
                    tables: Some(Box::new(tables)),
                    from_snapshot: true,
                    companion: Some(self.companion()),
                })
            }
            Err(why) => {
                note(&format!("not used: {why}"));
                None
            }
        }
    }

    fn read(&self) -> Result<(Records, Tables), String> {
        let file = match std::fs::File::open(&self.file) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err("none yet".into()),
            Err(e) => return Err(format!("cannot open it: {e}")),
        };
        let written = file
            .metadata()
            .and_then(|m| m.modified())
            .map_err(|e| format!("cannot read it: {e}"))?;
        if self.before.racy(written) {
            return Err("a data file is as recent as the snapshot (racily clean)".into());
        }
        let size = file
            .metadata()
            .map_err(|e| format!("cannot read it: {e}"))?
            .len();
        let (stamp, fingerprint) = (stamp(), &self.before.bytes);
        let read = if ON_DEMAND.load(Ordering::Relaxed) {
            let mut discard = vec![self.file.clone()];
            discard.extend(companion::SUFFIXES.map(|s| self.file.with_extension(&s[1..])));
            format::decode_on_demand(file, size, stamp, fingerprint, discard)
        } else {
            format::decode(&file, size, stamp, fingerprint)
                .map(|Contents { records, tables }| (Records::from(records), tables))
        };
        read.map_err(|why| match why {
            Refused::Version => "written by another build".into(),
            Refused::Changed => "the data files changed".into(),
            Refused::Damaged(why) => format!("damaged: {why}"),
        })
    }

    /// The most bytes a snapshot of this folder (or its companion) may take.
    fn limit(&self) -> u64 {
        self.before.size.saturating_mul(MAX_SIZE_FACTOR) + (16 << 20)
    }

    /// Where what is built from this snapshot's records may be kept (see [`companion`]).
    fn companion(&self) -> Companion {
        let mut id = stamp().to_le_bytes().to_vec();
        id.extend_from_slice(&self.before.bytes);
        Companion {
            file: self.file.with_extension(&companion::SUFFIX[1..]),
            id: format::checksum(&id),
            limit: self.limit(),
        }
    }

    /// Writes the snapshot of a freshly loaded `dataset`, and leaves in it the index's tables
    /// built for the snapshot (the index then needs not build them again) and, once written,
    /// its companion. Skipped, with a note, when a file changed during the load or so shortly
    /// before it that the fingerprint proves nothing, when the cache folder is inside the data
    /// folder, or when it would be too large.
    pub fn save(self, dataset: &mut Dataset) {
        let Some(records) = dataset.records.as_slice() else {
            return;
        };
        let by_id = crate::data::tables::ids(records);
        let tables = Tables::build(records, &by_id);
        dataset.companion = self.save_from(records, &tables);
        dataset.tables = Some(Box::new(tables));
    }

    /// Writes the snapshot of data already indexed: for the explorer, which shows the data
    /// first and writes its snapshot after. Returns its companion, once written.
    pub fn save_index(&self, index: &crate::data::index::Index) -> Option<Companion> {
        self.save_from(index.records.as_slice()?, index.tables())
    }

    fn save_from(&self, records: &[Record], tables: &Tables) -> Option<Companion> {
        let start = std::time::Instant::now();
        let file = self.file.clone();
        let companion = self.companion();
        match self.write(records, tables) {
            Ok(()) => {
                note(&format!(
                    "written {} ({} ms, the index's tables included)",
                    file.display(),
                    start.elapsed().as_millis()
                ));
                Some(companion)
            }
            Err(why) => {
                note(&format!("not written: {why}"));
                None
            }
        }
    }

    fn write(&self, records: &[Record], tables: &Tables) -> Result<(), String> {
        if self.before.racy(self.started) {
            return Err("a data file was modified within the last two seconds".into());
        }
        if Fingerprint::take(&self.data).as_ref() != Some(&self.before) {
            return Err("a data file changed while it was read".into());
        }
        let folder = std::fs::create_dir_all(&self.folder)
            .and_then(|()| std::fs::canonicalize(&self.folder))
            .map_err(|e| format!("cannot make {}: {e}", self.folder.display()))?;
        if folder.starts_with(&self.data) {
            return Err("the cache folder is inside the data folder".into());
        }
        store::replace(&folder, &self.file, self.limit(), &mut |out| {
            format::encode(out, stamp(), &self.before.bytes, records, tables)
        })?;
        store::prune(&folder, KEEP);
        Ok(())
    }
}

/// This build: its version, the snapshot schema and the executable's size and modification
/// time, hashed. A rebuilt binary never trusts an older one's snapshots.
fn stamp() -> u64 {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{t}", m.len())
        })
        .unwrap_or_default();
    let id = format!("{}:{SCHEMA}:{exe}", env!("CARGO_PKG_VERSION"));
    format::checksum(id.as_bytes())
}
