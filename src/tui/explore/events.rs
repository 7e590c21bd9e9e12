//! Everything the run loop waits for arrives as one [`Msg`] on one channel: terminal events
//! from a reader thread, the loader's progress and result, and the answers of the threads that
//! copy to the clipboard and save the marks, so that none of them can freeze the screen.

use crate::data::index::Index;
use crate::ingest::load::{Problem, Status};
use crate::prefs::marks::{Batch, Disk, Op, sync};
use crate::query::search::Searcher;
use crate::tui::clipboard::{Clipboard, SystemClipboard};
use crossterm::event::{self, Event};
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// A dataset loaded and indexed: browsable; its searcher follows as [`Msg::Searchable`].
pub struct Loaded {
    pub index: Arc<Index>,
}

pub enum Msg {
    Term(Event),
    /// The terminal cannot be read any more (it went away).
    TermGone,
    Progress(Status),
    /// The loader moved on to another phase ("checking links", "indexing").
    Phase(&'static str),
    Loaded(Box<Result<Loaded, Vec<Problem>>>),
    /// The searcher of a loaded index, built after the index so the data can be browsed
    /// meanwhile (at a million records it takes seconds).
    Searchable(Arc<Index>, Box<Searcher>),
    /// The snapshot of the index in use is written, and an index over it is about to be made:
    /// the app lets go of its searcher and answers, unless the index is not the one in use any
    /// more.
    Reopening(Weak<Index>, Sender<()>),
    /// The records of the index in use, now read on demand from the snapshot: the index to use
    /// in its place. Its searcher follows as [`Msg::Searchable`], once the app has let go of
    /// the first.
    Reopened(Weak<Index>, Arc<Index>),
    /// `--watch`: a data file changed and the files have settled, or the folder went or came
    /// back.
    Watch(crate::ingest::watch::Change),
    /// The dataset as reloaded after a change.
    Reloaded(Box<Result<Loaded, Vec<Problem>>>),
    /// Bytes for the terminal from the clipboard thread (an OSC 52 sequence), written by the
    /// run loop between frames so they never land inside one.
    Write(Vec<u8>),
    Copied {
        what: String,
        text: String,
        result: Result<String, String>,
    },
    /// The marks file as written, or as another program left it.
    MarksSaved(Box<Disk>),
    MarksNotSaved(String),
}

/// Reads terminal events on a thread of its own.
pub fn read_terminal(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(e) => Msg::Term(e),
                Err(_) => Msg::TermGone,
            };
            let gone = matches!(msg, Msg::TermGone);
            if tx.send(msg).is_err() || gone {
                return;
            }
        }
    });
}

/// What the clipboard writes to "the terminal" goes to the run loop instead.
struct ToRunLoop(Sender<Msg>);

impl Write for ToRunLoop {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = self.0.send(Msg::Write(buf.to_vec()));
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A thread that copies, one text after another, and says how each went. A clipboard tool
/// that hangs holds up only this thread.
pub fn copier(
    options: crate::tui::clipboard::Options,
    tx: Sender<Msg>,
) -> Sender<(String, String)> {
    let (jobs, rx) = channel::<(String, String)>();
    std::thread::spawn(move || {
        let mut clipboard = SystemClipboard::with(
            crate::tui::clipboard::Env::from_process(),
            options,
            Box::new(ToRunLoop(tx.clone())),
        );
        for (text, what) in rx {
            let result = clipboard
                .copy(&text)
                .map(|how| how.to_string())
                .map_err(|e| e.to_string());
            if tx.send(Msg::Copied { what, text, result }).is_err() {
                return;
            }
        }
    });
    jobs
}

/// What the saving thread is asked to do.
pub enum Save {
    /// Write these changes to the marks file.
    Marks(Batch),
    /// The marks file changed: read it.
    Reread,
    /// Add a query to the search history.
    Search(String),
}

/// How long a save that failed waits before it is tried again.
pub const RETRY: Duration = Duration::from_secs(1);

/// A thread that writes the marks file and the search history. Changes that cannot be written
/// are kept and tried again every [`RETRY`], and the failure is reported once per reason.
pub fn saver(marks: Option<PathBuf>, searches: Option<PathBuf>, tx: Sender<Msg>) -> Sender<Save> {
    let (jobs, rx) = channel::<Save>();
    std::thread::spawn(move || {
        let mut ops: Vec<(u64, Op)> = Vec::new();
        let mut queries: Vec<String> = Vec::new();
        let mut reread = false;
        // The number of the last change written, and the last failure reported.
        let mut written = 0;
        let mut told: Option<String> = None;
        loop {
            let waiting = !ops.is_empty() || !queries.is_empty();
            let first = if waiting {
                match rx.recv_timeout(RETRY) {
                    Ok(job) => Some(job),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match rx.recv() {
                    Ok(job) => Some(job),
                    Err(_) => return,
                }
            };
            for job in first.into_iter().chain(rx.try_iter()) {
                match job {
                    Save::Marks(batch) => ops.extend(batch.ops),
                    Save::Reread => reread = true,
                    Save::Search(q) => queries.push(q),
                }
            }
            if let Some(path) = &marks {
                if !ops.is_empty() {
                    match sync::commit(path, &ops) {
                        Ok(disk) => {
                            written = disk.upto;
                            ops.clear();
                            reread = false;
                            told = None;
                            let _ = tx.send(Msg::MarksSaved(Box::new(disk)));
                        }
                        Err(why) => {
                            if told.as_ref() != Some(&why) {
                                told = Some(why.clone());
                                let _ = tx.send(Msg::MarksNotSaved(why));
                            }
                        }
                    }
                } else if std::mem::take(&mut reread)
                    && let Ok(disk) = sync::read(path, written)
                {
                    // A file that cannot be read now is read again at the next change.
                    let _ = tx.send(Msg::MarksSaved(Box::new(disk)));
                }
            } else {
                ops.clear();
            }
            match &searches {
                // The history is tried again with the marks; a failure to keep it is not worth
                // a message of its own.
                Some(path) if !queries.is_empty() => {
                    if crate::prefs::searches::add(&queries, path).is_ok() {
                        queries.clear();
                    }
                }
                _ => queries.clear(),
            }
        }
    });
    jobs
}
