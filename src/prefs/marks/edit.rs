//! What the user does to collections: create, rename, delete and switch them, move a mark from
//! the current collection to another, write or clear a mark's note. Each either changes the
//! marks and says what it did, or changes nothing and says why not ([`Refusal`]).

use super::file::MAX_COLLECTIONS;
use super::ops::Op;
use super::text::{self, Refusal};
use super::{Mark, Marks};
use crate::text::sanitize;
use std::fmt;

/// A collection deleted, with the marks it held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    pub name: String,
    pub marks: Vec<Mark>,
}

impl fmt::Display for Deleted {
    /// "Deleted the collection “Chapter 2” and its 3 marks", for the status bar.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Deleted the collection “{}”", sanitize::line(&self.name))?;
        match self.marks.len() {
            0 => Ok(()),
            1 => f.write_str(" and its mark"),
            n => write!(f, " and its {n} marks"),
        }
    }
}

/// A mark moved to another collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The record's name as last seen.
    pub name: String,
    /// The collection it moved to.
    pub to: String,
    /// The record was already marked there: the two marks became one, keeping the note.
    pub joined: bool,
}

impl fmt::Display for Moved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, to) = (sanitize::line(&self.name), sanitize::line(&self.to));
        if self.joined {
            write!(f, "“{name}” was already in “{to}”; it is now there only")
        } else {
            write!(f, "Moved “{name}” to “{to}”")
        }
    }
}

impl Marks {
    /// Adds an empty collection after the others; returns its name as kept (on one line,
    /// trimmed). The current collection stays current.
    pub fn create(&mut self, name: &str) -> Result<String, Refusal> {
        let name = text::collection_name(name)?;
        if let Ok(taken) = self.name_of(&name) {
            return Err(Refusal::NameTaken(taken.to_string()));
        }
        if self.shelf.len() >= MAX_COLLECTIONS {
            return Err(Refusal::TooMany);
        }
        self.change(vec![Op::Create {
            name: name.clone(),
            at: None,
        }]);
        Ok(name)
    }

    /// Renames a collection (the default too); returns the new name as kept. A name may be
    /// changed to itself in another case.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<String, Refusal> {
        let i = self.find(from)?;
        let to = text::collection_name(to)?;
        match self.find(&to) {
            Ok(j) if j != i => Err(Refusal::NameTaken(self.shelf[j].name.clone())),
            _ => {
                let from = self.shelf[i].name.clone();
                self.change(vec![Op::Rename {
                    from,
                    to: to.clone(),
                }]);
                Ok(to)
            }
        }
    }

    /// Deletes a collection and its marks, which are returned (an undo brings them back); the
    /// default collection is refused. Deleting the current collection makes the default
    /// current.
    pub fn delete(&mut self, name: &str) -> Result<Deleted, Refusal> {
        let i = self.find(name)?;
        if i == 0 {
            return Err(Refusal::Default(self.shelf[0].name.clone()));
        }
        let deleted = Deleted {
            name: self.shelf[i].name.clone(),
            marks: self.marks_at(i).to_vec(),
        };
        self.change(vec![Op::Delete {
            name: deleted.name.clone(),
        }]);
        Ok(deleted)
    }

    /// Makes the collection called `name` current: [`list`](Marks::list) becomes its marks.
    pub fn switch(&mut self, name: &str) -> Result<(), Refusal> {
        let i = self.find(name)?;
        let name = self.shelf[i].name.clone();
        self.record(vec![Op::Current { name }]);
        Ok(())
    }

    /// Moves the record's mark from the current collection to the one called `to`, with its
    /// note. If the record is marked there too, the two marks become one; that is refused only
    /// when both have notes and they differ, since one would be lost.
    pub fn move_mark(&mut self, id: &str, to: &str) -> Result<Moved, Refusal> {
        let target = self.find(to)?;
        if target == self.current {
            return Err(Refusal::SameCollection(self.shelf[target].name.clone()));
        }
        let from = self.position(id).ok_or_else(|| self.not_marked(id))?;
        let to = self.shelf[target].name.clone();
        let mut mark = self.list[from].clone();
        let there = self.shelf[target].marks.iter().find(|m| m.id == id);
        let joined = there.is_some();
        if let Some(other) = there {
            match (&other.note, &mark.note) {
                (Some(a), Some(b)) if a != b => {
                    return Err(Refusal::NotesDiffer {
                        id: id.to_string(),
                        collection: to,
                    });
                }
                (Some(a), None) => mark.note = Some(a.clone()),
                _ => {}
            }
            mark.name = other.name.clone();
        }
        let name = mark.name.clone();
        self.change(vec![
            Op::Unmark {
                collection: self.current().to_string(),
                id: id.to_string(),
            },
            Op::Mark {
                collection: to.clone(),
                mark,
                at: None,
            },
        ]);
        Ok(Moved { name, to, joined })
    }

    /// Writes the note on the record's mark in the current collection, folded onto one line;
    /// a blank note clears it. Returns the note as kept.
    pub fn set_note(&mut self, id: &str, note: &str) -> Result<Option<&str>, Refusal> {
        let note = text::note(note)?;
        self.note_to(id, note)?;
        let i = self.position(id).ok_or_else(|| self.not_marked(id))?;
        Ok(self.list[i].note.as_deref())
    }

    /// Clears the note on the record's mark in the current collection; returns the note it had.
    pub fn clear_note(&mut self, id: &str) -> Result<Option<String>, Refusal> {
        self.note_to(id, None)
    }

    /// The note on the record's mark becomes `note`; returns the note it had.
    fn note_to(&mut self, id: &str, note: Option<String>) -> Result<Option<String>, Refusal> {
        let i = self.position(id).ok_or_else(|| self.not_marked(id))?;
        let mark = &self.list[i];
        let before = mark.note.clone();
        if before != note {
            let op = Op::Note {
                collection: self.current().to_string(),
                id: id.to_string(),
                name: mark.name.clone(),
                before: before.clone(),
                after: note,
            };
            self.change(vec![op]);
        }
        Ok(before)
    }

    fn not_marked(&self, id: &str) -> Refusal {
        Refusal::NotMarked {
            id: id.to_string(),
            collection: self.current().to_string(),
        }
    }

    /// Puts the current collection's marks back on the shelf and takes out those of `i`.
    pub(super) fn switch_to(&mut self, i: usize) {
        if i == self.current {
            return;
        }
        self.changes += 1;
        std::mem::swap(&mut self.list, &mut self.shelf[self.current].marks);
        std::mem::swap(&mut self.list, &mut self.shelf[i].marks);
        self.current = i;
    }
}
