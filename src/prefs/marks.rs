//! Bookmarks that outlive a session, in named collections: the records for one chapter, the
//! sources for one argument. Each mark keeps its record's id, the record's name as last seen (so
//! a mark whose record has left the dataset can still be named) and an optional one-line note.
//!
//! A default collection ([`DEFAULT_NAME`] unless renamed) always exists and comes first; one
//! collection is current, and marking a record marks it there. Names of collections are one
//! line, not empty, at most [`MAX_NAME_CHARS`] characters and unique ignoring case.
//!
//! Every change is an operation (`ops.rs`), applied here at once and logged (`log.rs`) until it
//! is known to be in the file: a save re-reads the file under a lock and applies this program's
//! operations on top of what other windows wrote (`sync.rs`), so nothing one window does is
//! lost by another's save; undo and redo apply each change's inverse. The file is read by
//! [`Marks::load`] and [`Marks::read`] (`store.rs`), written by [`Marks::save`] or a saver
//! thread through [`sync::commit`] (`file.rs` has the format and how a file from before
//! collections is migrated).
//!
//! `list` is the current collection's marks; while a collection is current its marks live there
//! and nowhere else. It is read through [`Marks::list`] and changed only by operations.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

mod edit;
mod file;
mod log;
pub mod memo;
mod ops;
mod store;
pub mod sync;
#[cfg(test)]
mod tests;
mod text;

pub use edit::{Deleted, Moved};
pub use file::MAX_COLLECTIONS;
pub use log::{Batch, Disk, MAX_UNDO};
pub use ops::Op;
pub use text::{MAX_NAME_CHARS, MAX_NOTE_CHARS, Refusal, one_line};

/// The file's name under the data directory.
pub const FILE_NAME: &str = "marks.json";

/// The name of the collection that always exists, until the user renames it.
pub const DEFAULT_NAME: &str = "Marked";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub id: String,
    /// The record's name when it was last seen in a dataset.
    pub name: String,
    /// The user's one-line note, never empty when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Mark {
    pub fn new(id: &str, name: &str) -> Mark {
        Mark {
            id: id.to_string(),
            name: name.to_string(),
            note: None,
        }
    }
}

/// One named collection. The current one's `marks` are empty: they are in [`Marks::list`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Collection {
    name: String,
    marks: Vec<Mark>,
}

impl Collection {
    fn new(name: &str) -> Collection {
        Collection {
            name: name.to_string(),
            marks: Vec::new(),
        }
    }
}

/// A collection as a list of collections shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary<'a> {
    pub name: &'a str,
    /// How many marks it holds.
    pub marks: usize,
    pub current: bool,
    /// The default collection: first, and never deleted.
    pub default: bool,
}

/// The collections of marks and where they are kept; with no path they live in memory only
/// (tests, or a user with no home directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks {
    /// The marks of the current collection, in the order they were made.
    list: Vec<Mark>,
    /// Every collection, the default first; the current one's marks are in `list` instead.
    shelf: Vec<Collection>,
    /// Which of `shelf` is current.
    current: usize,
    path: Option<PathBuf>,
    /// What went wrong while loading, for the status bar; taken once.
    problem: Option<String>,
    log: log::Log,
    /// Bumped by every change to what the marks hold, so that what is made from them can be
    /// kept until they change ([`Marks::changes`]).
    changes: u64,
}

impl Default for Marks {
    fn default() -> Marks {
        Marks {
            list: Vec::new(),
            shelf: vec![Collection::new(DEFAULT_NAME)],
            current: 0,
            path: None,
            problem: None,
            log: log::Log::default(),
            changes: 0,
        }
    }
}

impl Marks {
    /// Marks kept only for this session: the default collection, empty.
    pub fn in_memory() -> Marks {
        Marks::default()
    }

    /// How many changes the marks have had: equal counts mean the same marks, notes and
    /// collections (the same `Marks`; another one counts afresh).
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// The marks of the current collection, in the order they were made.
    pub fn list(&self) -> &[Mark] {
        &self.list
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The loading problem, once.
    pub fn take_problem(&mut self) -> Option<String> {
        self.problem.take()
    }

    /// Where the record is in the current collection's [`list`](Marks::list).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.list.iter().position(|m| m.id == id)
    }

    /// Marks a record in the current collection, or unmarks it there if it was marked (its
    /// note goes with it, and comes back with an undo); says whether it is now marked.
    pub fn toggle(&mut self, id: &str, name: &str) -> bool {
        let collection = self.current().to_string();
        match self.position(id) {
            Some(_) => {
                self.change(vec![Op::Unmark {
                    collection,
                    id: id.to_string(),
                }]);
                false
            }
            None => {
                self.change(vec![Op::Mark {
                    collection,
                    mark: Mark::new(id, name),
                    at: None,
                }]);
                true
            }
        }
    }

    /// The current collection's name.
    pub fn current(&self) -> &str {
        &self.shelf[self.current].name
    }

    /// Every collection in order, the default first, with how many marks each holds.
    pub fn collections(&self) -> Vec<Summary<'_>> {
        (0..self.shelf.len())
            .map(|i| Summary {
                name: &self.shelf[i].name,
                marks: self.marks_at(i).len(),
                current: i == self.current,
                default: i == 0,
            })
            .collect()
    }

    /// The name of the collection called `name` ignoring case and spacing, as it is spelled.
    pub fn name_of(&self, name: &str) -> Result<&str, Refusal> {
        self.find(name).map(|i| self.shelf[i].name.as_str())
    }

    /// The marks of the collection called `name` (ignoring case), in the order they were made.
    pub fn marks_in(&self, name: &str) -> Result<&[Mark], Refusal> {
        self.find(name).map(|i| self.marks_at(i))
    }

    /// The note on the record's mark in the current collection.
    pub fn note(&self, id: &str) -> Option<&str> {
        let i = self.position(id)?;
        self.list[i].note.as_deref()
    }

    /// Every note on the record, in any collection, as (collection, note), collections in
    /// order: what the detail pane shows as "Your note".
    pub fn notes(&self, id: &str) -> Vec<(&str, &str)> {
        (0..self.shelf.len())
            .filter_map(|i| {
                let mark = self.marks_at(i).iter().find(|m| m.id == id)?;
                Some((self.shelf[i].name.as_str(), mark.note.as_deref()?))
            })
            .collect()
    }

    /// The records the user noted and each collection's, by id, as search's `has:note` and
    /// `marked:` read them.
    pub fn user_sets(&self) -> crate::query::search::UserSets {
        let collections: Vec<(String, Vec<String>)> = self
            .collections()
            .iter()
            .map(|c| {
                let marks = self.marks_in(c.name).unwrap_or_default();
                (
                    c.name.to_string(),
                    marks.iter().map(|m| m.id.clone()).collect(),
                )
            })
            .collect();
        let mut noted: Vec<String> = (0..self.shelf.len())
            .flat_map(|i| self.marks_at(i).iter())
            .filter(|m| m.note.is_some())
            .map(|m| m.id.clone())
            .collect();
        noted.sort_unstable();
        noted.dedup();
        crate::query::search::UserSets { noted, collections }
    }

    /// Brings every mark's name up to date from the dataset (`name_of` gives a record's name
    /// by id, `None` when the record is not there), in every collection; kept with the next
    /// save, never undone.
    pub fn update_names<'a>(&mut self, mut name_of: impl FnMut(&str) -> Option<&'a str>) {
        let others = self.shelf.iter().flat_map(|c| c.marks.iter());
        let mut ops: Vec<Op> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for mark in self.list.iter().chain(others) {
            if let Some(name) = name_of(&mark.id)
                && mark.name != name
                && seen.insert(mark.id.as_str())
            {
                ops.push(Op::Name {
                    id: mark.id.clone(),
                    name: name.to_string(),
                });
            }
        }
        if !ops.is_empty() {
            self.record(ops);
        }
    }

    /// The position in `shelf` of the collection called `name`, ignoring case and spacing.
    fn find(&self, name: &str) -> Result<usize, Refusal> {
        self.position_of(name).ok_or_else(|| Refusal::Unknown {
            name: one_line(name),
            known: self.shelf.iter().map(|c| c.name.clone()).collect(),
        })
    }

    fn marks_at(&self, i: usize) -> &[Mark] {
        if i == self.current {
            &self.list
        } else {
            &self.shelf[i].marks
        }
    }
}
