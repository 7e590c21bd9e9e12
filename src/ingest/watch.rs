//! Watching a dataset's directory for edits: `--watch` reloads the explorer when a data file
//! changes. Editors save in bursts (a temporary file, a rename, a touch), so changes are
//! reported once things have been quiet for a moment, or after ten such moments of a file
//! written without pause. The watcher's own errors (a queue that overflowed) are reported too:
//! edits may have been missed, so they count as an edit.
//!
//! notify's debouncers were tried: the mini one cannot tell an open or a read from a write
//! (notify watches `IN_OPEN` on Linux), so the reload's own reading of the files would be an
//! edit and reload again forever; this file keeps notify's events and does the waiting.

use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// How long the files must be left alone before a change is reported.
pub const SETTLE: Duration = Duration::from_millis(200);

/// How often the folder itself is looked at: whether it is still the one watched, or back.
const LOOK: Duration = Duration::from_millis(500);

/// What a watch reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Data files changed, and have settled.
    Edited,
    /// The folder is gone (deleted or moved away); it is looked for until it is back.
    Gone,
    /// The folder is there again (recreated, or another one moved into its place) and watched
    /// again: its files are likely new.
    Back,
    /// The folder is back but cannot be watched; watching has stopped, for the reason given.
    Stopped(String),
    /// The watcher had trouble (its queue overflowed, a file could not be watched): edits may
    /// have been missed, so an `Edited` follows.
    Trouble(String),
}

/// What the watcher thread hears: an event worth a look, or the watcher's error.
type Heard = Result<(), String>;

/// A running watch; it stops when dropped.
pub struct Watch {
    stop: Arc<AtomicBool>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Calls `report` after each burst of changes to YAML files in `dir`, once quiet for
/// [`SETTLE`], and when the folder goes away or comes back (an editor or a script may delete
/// and recreate it; a watch on the old folder would never see the new one). `report` returns
/// false to end the watch.
pub fn watch(
    dir: &Path,
    report: impl Fn(Change) -> bool + Send + 'static,
) -> Result<Watch, String> {
    watch_settling(dir, SETTLE, report)
}

/// Waits for a burst of events to end: until none has come for `settle`, or for ten times
/// `settle` at most while a file is written without pause. The errors heard meanwhile; `None`
/// when the watcher is gone.
fn quiet(rx: &Receiver<Heard>, settle: Duration) -> Option<Vec<String>> {
    let until = Instant::now() + settle * 10;
    let mut errors = Vec::new();
    loop {
        let wait = settle.min(until.saturating_duration_since(Instant::now()));
        match rx.recv_timeout(wait) {
            Ok(heard) => errors.extend(heard.err()),
            Err(RecvTimeoutError::Timeout) => return Some(errors),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
        if Instant::now() >= until {
            return Some(errors);
        }
    }
}

/// How long a file written by another program must be left alone before it is read again.
pub const FILE_SETTLE: Duration = Duration::from_millis(100);

/// Calls `changed` after each burst of changes to the one file at `path` (a link is followed to
/// the file it names), once quiet for [`FILE_SETTLE`]: how an explorer sees the marks another
/// window saved. The file's folder is made if missing, since the file is replaced by a rename
/// there. The watch lasts as long as the returned watcher is kept.
pub fn watch_file(
    path: &Path,
    changed: impl Fn() -> bool + Send + 'static,
) -> Result<RecommendedWatcher, String> {
    let target = crate::ingest::safe_file::resolve(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let _ = std::fs::create_dir_all(&dir);
    let name = target.file_name().map(|n| n.to_os_string());
    let (tx, rx) = channel::<Heard>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| match res {
        Ok(event)
            if !event.kind.is_access()
                && event
                    .paths
                    .iter()
                    .any(|p| name.is_some() && p.file_name() == name.as_deref()) =>
        {
            let _ = tx.send(Ok(()));
        }
        Ok(_) => {}
        // Events may have been lost: the file is read again.
        Err(e) => {
            let _ = tx.send(Err(e.to_string()));
        }
    })
    .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    watcher
        .watch(&dir, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            if quiet(&rx, FILE_SETTLE).is_none() {
                return;
            }
            if !changed() {
                return;
            }
        }
    });
    Ok(watcher)
}

/// The folder's identity: a new folder of the same name is another inode.
#[cfg(unix)]
fn identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(dir: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(dir)
        .ok()
        .filter(|m| m.is_dir())
        .map(|_| (0, 0))
}

fn watcher(dir: &Path, tx: Sender<Heard>) -> Result<RecommendedWatcher, String> {
    let own: PathBuf = dir.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
        let event = match res {
            Ok(event) => event,
            Err(e) => {
                let _ = tx.send(Err(e.to_string()));
                return;
            }
        };
        let data = event.paths.iter().any(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        });
        // The folder itself removed or moved: a look at it is due at once.
        let itself = event.paths.contains(&own);
        if (data || itself) && !event.kind.is_access() {
            let _ = tx.send(Ok(()));
        }
    })
    .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    watcher
        .watch(dir, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    Ok(watcher)
}

fn watch_settling(
    dir: &Path,
    settle: Duration,
    report: impl Fn(Change) -> bool + Send + 'static,
) -> Result<Watch, String> {
    let (tx, rx) = channel::<Heard>();
    let mut watched = identity(dir);
    let mut current = Some(watcher(dir, tx.clone())?);
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        loop {
            let edited = match rx.recv_timeout(LOOK) {
                Ok(heard) => {
                    let Some(mut errors) = quiet(&rx, settle) else {
                        return;
                    };
                    errors.extend(heard.err());
                    if !errors.is_empty() && !report(Change::Trouble(errors.join("; "))) {
                        return;
                    }
                    true
                }
                Err(RecvTimeoutError::Timeout) => false,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if stopped.load(Ordering::Relaxed) {
                return;
            }
            let now = identity(&dir);
            let change = match (watched, now) {
                (Some(_), None) => {
                    // The watch went with the folder.
                    drop(current.take());
                    Some(Change::Gone)
                }
                (before, Some(id)) if before != Some(id) => {
                    drop(current.take());
                    match watcher(&dir, tx.clone()) {
                        Ok(w) => {
                            current.replace(w);
                            Some(Change::Back)
                        }
                        Err(e) => {
                            let _ = report(Change::Stopped(e));
                            return;
                        }
                    }
                }
                _ if edited && now.is_some() => Some(Change::Edited),
                _ => None,
            };
            watched = now;
            if let Some(change) = change
                && !report(change)
            {
                return;
            }
        }
    });
    Ok(Watch { stop })
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
        let _w = watch_settling(dir.path(), settle, move |c| tx.send(c).is_ok()).unwrap();
        let file = dir.path().join("people.yaml");
        for i in 0..5 {
            std::fs::write(&file, format!("# edit {i}\n")).unwrap();
        }
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(10)),
            Ok(Change::Edited),
            "the change is reported"
        );
        // A machine that paused the test between two writes may have split the burst: what
        // is left of it is taken before the next check.
        while rx.recv_timeout(settle * 3).is_ok() {}
        // Other files are not the data.
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        assert!(rx.recv_timeout(settle * 2).is_err());
    }

    #[test]
    fn a_file_written_without_pause_is_reported_while_it_is_still_written() {
        let (tx, rx) = channel::<Heard>();
        let done = Arc::new(AtomicBool::new(false));
        let writing = Arc::clone(&done);
        let writer = std::thread::spawn(move || {
            // Twenty seconds of events, one every 10 ms: far longer than ten quiet times.
            for _ in 0..2000 {
                if tx.send(Ok(())).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            writing.store(true, Ordering::SeqCst);
        });
        let errors = quiet(&rx, Duration::from_millis(50));
        assert_eq!(
            errors,
            Some(vec![]),
            "the wait ended with the writes going on"
        );
        assert!(
            !done.load(Ordering::SeqCst),
            "the wait lasted as long as the writes"
        );
        drop(rx);
        writer.join().unwrap();
    }

    #[test]
    fn the_watcher_s_errors_are_told() {
        let (tx, rx) = channel::<Heard>();
        tx.send(Ok(())).unwrap();
        tx.send(Err("queue overflow".into())).unwrap();
        assert_eq!(
            quiet(&rx, Duration::from_millis(20)),
            Some(vec!["queue overflow".to_string()])
        );
        drop(tx);
        assert_eq!(quiet(&rx, Duration::from_millis(20)), None);
    }

    #[test]
    fn a_folder_deleted_and_recreated_is_watched_again() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("data");
        std::fs::create_dir(&dir).unwrap();
        let (tx, rx) = channel();
        let settle = Duration::from_millis(300);
        let _w = watch_settling(&dir, settle, move |c| tx.send(c).is_ok()).unwrap();
        let wait = |want: Change| loop {
            let got = rx
                .recv_timeout(Duration::from_secs(10))
                .unwrap_or_else(|_| panic!("{want:?} was never reported"));
            if got == want {
                return;
            }
        };
        std::fs::remove_dir_all(&dir).unwrap();
        wait(Change::Gone);
        std::fs::create_dir(&dir).unwrap();
        wait(Change::Back);
        // The new folder's edits are seen.
        std::fs::write(dir.join("people.yaml"), "[]\n").unwrap();
        wait(Change::Edited);
    }
}
