//! Everything the run loop waits for arrives as one [`Msg`] on one channel: terminal events
//! from a reader thread, the loader's progress and result, and the answers of the threads that
//! copy to the clipboard and save the marks, so that none of them can freeze the screen.

use crate::clipboard::{Clipboard, SystemClipboard};
use crate::index::Index;
use crate::load::{Problem, Status};
use crate::marks::Marks;
use crate::search::Searcher;
use crossterm::event::{self, Event};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};

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
    /// `--watch`: a data file changed and the files have settled, or the folder went or came
    /// back.
    Watch(crate::watch::Change),
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
pub fn copier(options: crate::clipboard::Options, tx: Sender<Msg>) -> Sender<(String, String)> {
    let (jobs, rx) = channel::<(String, String)>();
    std::thread::spawn(move || {
        let mut clipboard = SystemClipboard::with(
            crate::clipboard::Env::from_process(),
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

/// What the saving thread writes.
pub enum Save {
    /// Every collection as the explorer has it now.
    Marks(Marks),
    Searches(Vec<String>),
}

/// A thread that writes the marks file and the search history, the newest of each.
pub fn saver(mut marks: Marks, searches: Option<PathBuf>, tx: Sender<Msg>) -> Sender<Save> {
    let (jobs, rx) = channel::<Save>();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            // Only the newest of each matters when several wait.
            let (mut new_marks, mut new_searches) = (None, None);
            for job in std::iter::once(first).chain(rx.try_iter()) {
                match job {
                    Save::Marks(marks) => new_marks = Some(marks),
                    Save::Searches(list) => new_searches = Some(list),
                }
            }
            if let Some(newer) = new_marks {
                // The file and what is known of it stay this thread's: a corrupt file is set
                // aside once, at the first save.
                marks.adopt(newer);
                if let Err(e) = marks.save() {
                    let _ = tx.send(Msg::MarksNotSaved(e));
                }
            }
            // The history is a convenience: a failure to keep it is not worth a message.
            if let (Some(list), Some(path)) = (new_searches, &searches) {
                let _ = crate::searches::save(&list, path);
            }
        }
    });
    jobs
}
