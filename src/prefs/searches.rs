//! The queries the user searched, kept between sessions as a shell keeps its history: one per
//! line, oldest first, the newest last, each once. The search box walks them with Up and Down.

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

/// Adds `queries`, oldest first, to the history in the file as another window may have left
/// it: under the lock beside the file, read, add, and written atomically, so that two
/// explorers' searches both survive.
pub fn add(queries: &[String], path: &Path) -> Result<(), String> {
    let target = crate::ingest::safe_file::resolve(path);
    let _lock = crate::ingest::safe_file::lock_beside(&target)?;
    let mut list = load(Some(&target));
    for q in queries {
        push(&mut list, q);
    }
    let mut text = list.join("\n");
    text.push('\n');
    crate::ingest::safe_file::replace(&target, text.as_bytes(), false)
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
        add(&["tan weiping".into(), "三区三州".into()], &path).unwrap();
        assert_eq!(load(Some(&path)), ["tan weiping", "三区三州"]);
        // Another window's searches are kept, each once, the newest last.
        add(&["cfpa".into(), "tan weiping".into()], &path).unwrap();
        assert_eq!(load(Some(&path)), ["三区三州", "cfpa", "tan weiping"]);
        let fifo = dir.path().join("fifo");
        crate::ingest::safe_file::at::mkfifo(&fifo).expect("mkfifo");
        assert!(load(Some(&fifo)).is_empty());
    }
}
