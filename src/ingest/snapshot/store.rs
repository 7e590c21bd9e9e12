//! The snapshot folder: writing a snapshot whole or not at all, and keeping only the latest few.

use std::fs::File;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The file name ending of a snapshot.
const SUFFIX: &str = ".snapshot";

/// Writes a snapshot to `target` in `folder` through a temporary file renamed over it: a
/// reader sees the old snapshot or the new one, and of two processes writing at once, the last
/// rename wins with a whole file. `write` writes the file and returns its size; over `limit`
/// bytes, the file is thrown away. Not flushed to disk: a snapshot torn by a crash fails its
/// checksum and is written again, which costs less than making every load wait for the disk.
pub fn replace(
    folder: &Path,
    target: &Path,
    limit: u64,
    write: &mut dyn FnMut(&mut File) -> Result<u64, String>,
) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", target.display());
    let mut tmp = tempfile::Builder::new()
        .prefix(".snapshot.")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(fail)?;
    let size = write(tmp.as_file_mut())?;
    if size > limit {
        return Err(format!(
            "{} MB, more than the bound of {} MB for this data",
            size >> 20,
            limit >> 20
        ));
    }
    tmp.persist(target).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Removes all but the `keep` most recently written snapshots in `folder`, and temporary files
/// an interrupted writer left more than an hour ago. Whatever cannot be removed stays.
pub fn prune(folder: &Path, keep: usize) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = SystemTime::now();
    let mut snapshots = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        if name.ends_with(SUFFIX) && meta.is_file() {
            snapshots.push((modified, entry.path()));
        } else if name.starts_with(".snapshot.")
            && name.ends_with(".tmp")
            && now
                .duration_since(modified)
                .is_ok_and(|age| age > Duration::from_secs(3600))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    snapshots.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (_, path) in snapshots.into_iter().skip(keep) {
        let _ = std::fs::remove_file(path);
    }
    // A companion goes with its snapshot.
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let key = super::companion::SUFFIXES
            .iter()
            .find_map(|ending| name.strip_suffix(ending));
        if let Some(key) = key
            && !folder.join(format!("{key}{SUFFIX}")).exists()
        {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn only_the_latest_snapshots_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5u64 {
            let path = dir.path().join(format!("{i}{SUFFIX}"));
            replace(dir.path(), &path, 10, &mut |f| {
                f.write_all(b"x").map_err(|e| e.to_string())?;
                Ok(1)
            })
            .unwrap();
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(SystemTime::now() - Duration::from_secs(100 - i))
                .unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        std::fs::write(dir.path().join("0.search"), "gone with 0.snapshot").unwrap();
        std::fs::write(dir.path().join("4.search"), "kept with 4.snapshot").unwrap();
        std::fs::write(dir.path().join("1.graph"), "gone with 1.snapshot").unwrap();
        std::fs::write(dir.path().join("3.graph"), "kept with 3.snapshot").unwrap();
        prune(dir.path(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "3.graph",
                "3.snapshot",
                "4.search",
                "4.snapshot",
                "notes.txt"
            ]
        );
        let big = replace(dir.path(), &dir.path().join("5.snapshot"), 10, &mut |_| {
            Ok(11)
        });
        assert!(big.is_err());
        assert!(!dir.path().join("5.snapshot").exists());
    }
}
