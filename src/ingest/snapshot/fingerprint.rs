//! What a data folder looked like when it was loaded: every entry's name and, as git's index keeps
//! them, its size, modification and change times (with nanoseconds), inode and device. Two equal
//! fingerprints mean the files were not touched in between, except within the same tick of the
//! file system's clock: that is git's "racily clean" case, handled by [`Fingerprint::racy`].

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A folder's entries as they were, in name order, encoded as bytes to compare whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub bytes: Vec<u8>,
    /// The latest modification time of any entry: how recent the newest edit is.
    pub newest: SystemTime,
    /// The folder's data bytes, for the bound on a snapshot's size.
    pub size: u64,
}

/// How close to a load's start an edit may be for the file system's clock to have missed a
/// second edit: files this recent when a load starts are not trusted later (git's rule, with a
/// margin for file systems that keep whole seconds).
pub const RACY: Duration = Duration::from_secs(2);

impl Fingerprint {
    /// Takes the fingerprint of `dir`: every entry but hidden ones (an editor's swap file
    /// comes and goes; the loader ignores them too). `None` when the folder cannot be listed,
    /// and then the load reports why.
    pub fn take(dir: &Path) -> Option<Fingerprint> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        let mut out = Fingerprint {
            bytes: Vec::with_capacity(names.len() * 80),
            newest: UNIX_EPOCH,
            size: 0,
        };
        // The folder itself by identity only: its times change with every hidden file.
        let folder = stat(&std::fs::metadata(dir).ok()?);
        out.push(&folder[..2]);
        for name in names {
            let meta = std::fs::symlink_metadata(dir.join(&name)).ok()?;
            out.bytes
                .extend_from_slice(&(name.len() as u64).to_le_bytes());
            out.bytes.extend_from_slice(name.as_bytes());
            out.push(&stat(&meta));
            if let Ok(modified) = meta.modified() {
                out.newest = out.newest.max(modified);
            }
            out.size += meta.len();
        }
        Some(out)
    }

    fn push(&mut self, numbers: &[u64]) {
        for n in numbers {
            self.bytes.extend_from_slice(&n.to_le_bytes());
        }
    }

    /// Whether an entry was modified so close to `since` (the start of a load, or the time a
    /// snapshot was written) that another edit in the same tick would leave no trace: such a
    /// fingerprint proves nothing.
    pub fn racy(&self, since: SystemTime) -> bool {
        self.newest + RACY >= since
    }
}

/// The numbers of a file's status that any edit changes.
#[cfg(unix)]
fn stat(meta: &std::fs::Metadata) -> [u64; 8] {
    use std::os::unix::fs::MetadataExt;
    [
        meta.dev(),
        meta.ino(),
        meta.mode() as u64,
        meta.size(),
        meta.mtime() as u64,
        meta.mtime_nsec() as u64,
        meta.ctime() as u64,
        meta.ctime_nsec() as u64,
    ]
}

#[cfg(not(unix))]
fn stat(meta: &std::fs::Metadata) -> [u64; 8] {
    let nanos = |t: std::io::Result<SystemTime>| {
        t.ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64)
    };
    [
        0,
        0,
        meta.is_dir() as u64,
        meta.len(),
        nanos(meta.modified()),
        0,
        nanos(meta.created()),
        0,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(path: &Path, ago: u64) {
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(SystemTime::now() - Duration::from_secs(ago))
            .unwrap();
    }

    #[test]
    fn an_edit_a_new_file_or_a_touch_changes_the_fingerprint_a_hidden_file_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("people.yaml");
        std::fs::write(&file, "[]\n").unwrap();
        age(&file, 60);
        let first = Fingerprint::take(dir.path()).unwrap();
        assert_eq!(Fingerprint::take(dir.path()).unwrap(), first);
        assert!(!first.racy(SystemTime::now()));
        std::fs::write(dir.path().join(".people.yaml.swp"), "x").unwrap();
        assert_eq!(Fingerprint::take(dir.path()).unwrap(), first);
        age(&file, 59);
        assert_ne!(Fingerprint::take(dir.path()).unwrap(), first);
        std::fs::write(dir.path().join("places.yaml"), "[]\n").unwrap();
        let added = Fingerprint::take(dir.path()).unwrap();
        assert_ne!(added, first);
        assert!(added.racy(SystemTime::now()), "a file written just now");
    }
}
