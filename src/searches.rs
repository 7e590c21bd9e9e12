//! The queries the user searched, kept between sessions as a shell keeps its history: one per
//! line, oldest first, the newest last, each once. The search box walks them with Up and Down.

use std::io::Write;
use std::path::Path;

/// The file's name under the state directory.
pub const FILE_NAME: &str = "searches";
/// Queries kept; the oldest go first.
pub const MAX: usize = 200;
/// A history file larger than this is not ours, or not healthy: it is ignored.
const MAX_BYTES: u64 = 1 << 20;

/// Reads the history at `path`. A missing, unreadable or oversized file, or anything but a
/// plain file (a FIFO would block), is an empty history: losing it is not worth stopping for.
pub fn load(path: Option<&Path>) -> Vec<String> {
    let Some(path) = path else {
        return Vec::new();
    };
    let plain = std::fs::symlink_metadata(path)
        .is_ok_and(|m| m.file_type().is_file() && m.len() <= MAX_BYTES);
    if !plain {
        return Vec::new();
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut list: Vec<String> = Vec::new();
    for line in text.lines() {
        push(&mut list, line);
    }
    list
}

/// Adds a query as the newest, moving an earlier copy of it; true if the list changed.
pub fn push(list: &mut Vec<String>, query: &str) -> bool {
    let query = query.trim();
    if query.is_empty() || query.chars().any(char::is_control) {
        return false;
    }
    if list.last().is_some_and(|q| q == query) {
        return false;
    }
    list.retain(|q| q != query);
    list.push(query.to_string());
    if list.len() > MAX {
        list.drain(..list.len() - MAX);
    }
    true
}

/// Writes the history atomically: a new file with a random name beside it, then a rename.
pub fn save(list: &[String], path: &Path) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |what: &str, e: std::io::Error| format!("cannot {what} {}: {e}", path.display());
    std::fs::create_dir_all(dir).map_err(|e| fail("create the folder of", e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail("write", e))?;
    let mut text = list.join("\n");
    text.push('\n');
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail("write", e))?;
    tmp.persist(path).map_err(|e| fail("write", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_query_goes_last_and_each_is_kept_once() {
        let mut list = Vec::new();
        for q in ["tan", "cfpa", " tan ", "", "cfpa"] {
            push(&mut list, q);
        }
        assert_eq!(list, ["tan", "cfpa"]);
        for i in 0..MAX + 5 {
            push(&mut list, &format!("q{i}"));
        }
        assert_eq!(list.len(), MAX);
        assert_eq!(list.last().map(String::as_str), Some("q204"));
    }

    #[test]
    fn a_history_survives_a_restart_and_a_fifo_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join(FILE_NAME);
        save(&["tan weiping".into(), "三区三州".into()], &path).unwrap();
        assert_eq!(load(Some(&path)), ["tan weiping", "三区三州"]);
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(load(Some(&fifo)).is_empty());
        }
    }
}
