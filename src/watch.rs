//! Watching a dataset's directory for edits: `--watch` reloads the explorer when a data file
//! changes. Editors save in bursts (a temporary file, a rename, a touch), so changes are
//! reported once things have been quiet for a moment.

use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::Path;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

/// How long the files must be left alone before a change is reported.
pub const SETTLE: Duration = Duration::from_millis(200);

/// Calls `changed` after each burst of changes to YAML files in `dir`, once quiet for
/// [`SETTLE`]. The watch lasts as long as the returned watcher is kept.
pub fn watch(
    dir: &Path,
    changed: impl Fn() -> bool + Send + 'static,
) -> Result<RecommendedWatcher, String> {
    watch_settling(dir, SETTLE, changed)
}

/// How long a file written by another program must be left alone before it is read again.
pub const FILE_SETTLE: Duration = Duration::from_millis(100);

/// Calls `changed` after each burst of changes to the file at `path` (a link is followed to
/// the file it names), once quiet for [`FILE_SETTLE`]. The file's folder is made if missing,
/// since the file is replaced by a rename there.
pub fn watch_file(
    path: &Path,
    changed: impl Fn() -> bool + Send + 'static,
) -> Result<RecommendedWatcher, String> {
    let target = crate::safe_file::resolve(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let _ = std::fs::create_dir_all(&dir);
    let name = target.file_name().map(|n| n.to_os_string());
    let wanted = move |p: &Path| name.is_some() && p.file_name() == name.as_deref();
    settling(&dir, FILE_SETTLE, wanted, changed)
}

fn watch_settling(
    dir: &Path,
    settle: Duration,
    changed: impl Fn() -> bool + Send + 'static,
) -> Result<RecommendedWatcher, String> {
    let data = |p: &Path| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
    };
    settling(dir, settle, data, changed)
}

/// Calls `changed` after each burst of changes in `dir` to files that `wanted` picks, once
/// quiet for `settle`.
fn settling(
    dir: &Path,
    settle: Duration,
    wanted: impl Fn(&Path) -> bool + Send + 'static,
    changed: impl Fn() -> bool + Send + 'static,
) -> Result<RecommendedWatcher, String> {
    let (tx, rx) = channel::<()>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
        let Ok(event) = res else {
            return;
        };
        if event.paths.iter().any(|p| wanted(p)) && !event.kind.is_access() {
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    watcher
        .watch(dir, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Wait for the burst to end.
            loop {
                match rx.recv_timeout(settle) {
                    Ok(()) => continue,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if !changed() {
                return;
            }
        }
    });
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    #[test]
    fn a_burst_of_edits_is_reported_once_it_settles() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = channel();
        // A long quiet time, so that a loaded machine pausing the test between two writes does
        // not split the burst in two.
        let settle = Duration::from_secs(1);
        let _w = watch_settling(dir.path(), settle, move || tx.send(()).is_ok()).unwrap();
        let file = dir.path().join("people.yaml");
        for i in 0..5 {
            std::fs::write(&file, format!("# edit {i}\n")).unwrap();
        }
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the change is reported");
        // One burst, one report.
        assert!(rx.recv_timeout(settle * 2).is_err());
        // Other files are not the data.
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        assert!(rx.recv_timeout(settle * 2).is_err());
    }
}
