//! The marks file when several programs write it: two explorers in two tmux windows, and the
//! command line between them.
//!
//! A save takes an advisory lock (`marks.json.lock` beside the file), reads the file as it is
//! now, applies this program's own operations on top (see `ops.rs`), and writes the result
//! atomically: a new file with a random name in the same folder, flushed to disk, renamed over
//! the old one, and the folder flushed too. So two windows marking different records keep both,
//! and a crash at any point leaves either the old file or the new one, never half of one.
//!
//! A file that cannot be used as it is (corrupt, repaired, over the size limit, not a plain
//! file) is kept as `marks.json.bad` (`.bad.1`… if taken), but only once the new file is
//! written in full: on a full disk the old file stays where it was. A symbolic link at the
//! marks' path (dotfiles, a synced folder) is followed, and the file it points to is replaced
//! the same way, so the link keeps working.

use super::log::Disk;
use super::ops::Op;
use super::{Marks, file};
use crate::data::limits::{self, MAX_MARKS_BYTES};
use crate::ingest::safe_file::{self, Refused};
use std::path::Path;

/// Writes `ops` on top of the file as it is now; returns the file as written.
pub fn commit(path: &Path, ops: &[(u64, Op)]) -> Result<Disk, String> {
    let target = safe_file::resolve(path);
    let shown = target.display().to_string();
    let _lock = safe_file::lock_beside(&target)?;
    let (mut marks, keep_old) = current(&target)?;
    let mut replaced = Vec::new();
    for (_, op) in ops {
        if let Some(said) = marks.apply(op).replaced {
            replaced.push(said);
        }
    }
    let text = file::write(&marks).map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_MARKS_BYTES {
        return Err(format!(
            "the marks would take {} in {shown}, over the {} a marks file may hold; delete some \
             marks or collections",
            limits::mib(text.len() as u64),
            limits::mib(MAX_MARKS_BYTES)
        ));
    }
    safe_file::replace(&target, text.as_bytes(), keep_old)?;
    Ok(Disk {
        marks,
        upto: ops.last().map_or(0, |(n, _)| *n),
        replaced,
    })
}

/// The file as it is now, for an explorer that saw it change: nothing is written.
pub fn read(path: &Path, upto: u64) -> Result<Disk, String> {
    let target = safe_file::resolve(path);
    let (marks, _) = current(&target)?;
    Ok(Disk {
        marks,
        upto,
        replaced: Vec::new(),
    })
}

/// The marks the file holds now, and whether the file must be kept aside before it is replaced
/// (it was repaired, or could not be read). Errors are what cannot be got round: the file could
/// not be read for a reason that may pass (a read error), so it must not be replaced.
fn current(target: &Path) -> Result<(Marks, bool), String> {
    let bytes = match safe_file::read(target, true, MAX_MARKS_BYTES) {
        Ok(bytes) => bytes,
        Err(Refused::NotFound) => return Ok((Marks::default(), false)),
        Err(Refused::Io(e)) => {
            return Err(format!("cannot read {}: {e}", target.display()));
        }
        Err(_) => return Ok((Marks::default(), true)),
    };
    match file::parse(&String::from_utf8_lossy(&bytes)) {
        Ok(read) => {
            let mut marks = Marks::default();
            let repaired = !read.repairs.is_empty();
            marks.shelf = read.shelf;
            marks.current = read.current;
            marks.list = std::mem::take(&mut marks.shelf[marks.current].marks);
            Ok((marks, repaired))
        }
        Err(_) => Ok((Marks::default(), true)),
    }
}
