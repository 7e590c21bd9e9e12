//! Every change to the marks as an operation: what the user did, in terms that still make sense
//! on top of what another window wrote meanwhile. Saving re-reads the file and applies this
//! program's operations to it (see `sync.rs`); undo applies the inverse each one returns.
//!
//! Operations name collections, never positions, and are tolerant: unmarking what is not marked
//! does nothing, marking in a collection another window deleted makes it again, a note on a
//! mark another window removed marks the record again with the note. Nothing the user wrote is
//! dropped by applying someone else's change first.

use super::text::{self, MAX_NAME_CHARS};
use super::{Collection, Mark, Marks};
use crate::text::sanitize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Marks the record in the collection (made if missing), at `at` if given (an undo puts a
    /// mark back where it was), with the mark's note. A record marked there already keeps its
    /// place, and its note unless the mark brings one.
    Mark {
        collection: String,
        mark: Mark,
        at: Option<usize>,
    },
    Unmark {
        collection: String,
        id: String,
    },
    /// The note on the record's mark goes from `before` to `after`.
    Note {
        collection: String,
        id: String,
        name: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// An empty collection, at `at` among the collections if given.
    Create {
        name: String,
        at: Option<usize>,
    },
    Rename {
        from: String,
        to: String,
    },
    /// Deletes the collection and its marks; the default collection is never deleted.
    Delete {
        name: String,
    },
    /// The collection the next start opens on (each window keeps its own meanwhile).
    Current {
        name: String,
    },
    /// The record's name as last seen in a dataset, in every collection: not a change of the
    /// user's, so never undone.
    Name {
        id: String,
        name: String,
    },
}

/// What applying an operation did.
#[derive(Debug, Default)]
pub struct Applied {
    /// The operations that undo it, in order; empty when it changed nothing.
    pub inverse: Vec<Op>,
    /// Another window's change that this one replaced, in words.
    pub replaced: Option<String>,
}

impl Op {
    /// The record's id when the operation is about one mark's note: what a note conflict is
    /// checked on.
    pub fn note_of(&self) -> Option<(&str, &str, Option<&str>)> {
        match self {
            Op::Mark {
                collection, mark, ..
            } => Some((collection, &mark.id, mark.note.as_deref())),
            Op::Note {
                collection,
                id,
                after,
                ..
            } => Some((collection, id, after.as_deref())),
            Op::Unmark { collection, id } => Some((collection, id, None)),
            _ => None,
        }
    }
}

impl Marks {
    /// The position of the collection called `name`, ignoring case and spacing.
    pub(super) fn position_of(&self, name: &str) -> Option<usize> {
        let wanted = text::one_line(name);
        self.shelf
            .iter()
            .position(|c| text::same_name(&c.name, &wanted))
    }

    pub(super) fn marks_at_mut(&mut self, i: usize) -> &mut Vec<Mark> {
        if i == self.current {
            &mut self.list
        } else {
            &mut self.shelf[i].marks
        }
    }

    /// The collection called `name`, made at the end if there is none; whether it was made.
    fn collection_or_new(&mut self, name: &str) -> (usize, bool) {
        match self.position_of(name) {
            Some(i) => (i, false),
            None => {
                self.shelf.push(Collection::new(&text::cut(
                    &text::one_line(name),
                    MAX_NAME_CHARS,
                )));
                (self.shelf.len() - 1, true)
            }
        }
    }

    /// Applies one operation to the marks as they are.
    pub fn apply(&mut self, op: &Op) -> Applied {
        self.changes += 1;
        let mut applied = Applied::default();
        match op {
            Op::Mark { .. } => self.apply_mark(op, &mut applied),
            Op::Unmark { .. } => self.apply_unmark(op, &mut applied),
            Op::Note { .. } => self.apply_note(op, &mut applied),
            Op::Create { .. } => self.apply_create(op, &mut applied),
            Op::Rename { .. } => self.apply_rename(op, &mut applied),
            Op::Delete { .. } => self.apply_delete(op, &mut applied),
            Op::Current { .. } => self.apply_current(op),
            Op::Name { .. } => self.apply_rename_marks(op),
        }
        applied
    }

    fn apply_mark(&mut self, op: &Op, applied: &mut Applied) {
        let Op::Mark {
            collection,
            mark,
            at,
        } = op
        else {
            return;
        };
        let inverse = &mut applied.inverse;
        let (i, made) = self.collection_or_new(collection);
        let name = self.shelf[i].name.clone();
        let marks = self.marks_at_mut(i);
        match marks.iter_mut().find(|m| m.id == mark.id) {
            // Marked there already (by another window): a note is kept, the newer one
            // if both have one.
            Some(there) => {
                let note = mark.note.clone().or_else(|| there.note.clone());
                if there.note != note {
                    inverse.push(Op::Note {
                        collection: name.clone(),
                        id: mark.id.clone(),
                        name: mark.name.clone(),
                        before: note.clone(),
                        after: there.note.clone(),
                    });
                    there.note = note;
                }
            }
            None => {
                let at = at.unwrap_or(marks.len()).min(marks.len());
                marks.insert(at, mark.clone());
                inverse.push(Op::Unmark {
                    collection: name.clone(),
                    id: mark.id.clone(),
                });
            }
        }
        if made {
            inverse.push(Op::Delete { name });
        }
    }

    fn apply_unmark(&mut self, op: &Op, applied: &mut Applied) {
        let Op::Unmark { collection, id } = op else {
            return;
        };
        let inverse = &mut applied.inverse;
        if let Some(i) = self.position_of(collection) {
            let name = self.shelf[i].name.clone();
            let marks = self.marks_at_mut(i);
            if let Some(at) = marks.iter().position(|m| &m.id == id) {
                let mark = marks.remove(at);
                inverse.push(Op::Mark {
                    collection: name,
                    mark,
                    at: Some(at),
                });
            }
        }
    }

    fn apply_note(&mut self, op: &Op, applied: &mut Applied) {
        let Op::Note {
            collection,
            id,
            name,
            before,
            after,
        } = op
        else {
            return;
        };
        let inverse = &mut applied.inverse;
        let (i, made) = self.collection_or_new(collection);
        let cname = self.shelf[i].name.clone();
        let marks = self.marks_at_mut(i);
        let at = match marks.iter().position(|m| &m.id == id) {
            Some(at) => at,
            None => {
                marks.push(Mark::new(id, name));
                inverse.push(Op::Unmark {
                    collection: cname.clone(),
                    id: id.clone(),
                });
                marks.len() - 1
            }
        };
        let there = &mut marks[at];
        let was = there.note.clone();
        if was != *before && was != *after {
            applied.replaced = Some(match &was {
                Some(theirs) => format!(
                    "the note on “{}” had been changed in another window to “{}”; yours replaced it",
                    sanitize::line(&there.name),
                    sanitize::line(&text::cut(theirs, 60))
                ),
                None => format!(
                    "the note on “{}” had been cleared in another window; yours is kept",
                    sanitize::line(&there.name)
                ),
            });
        }
        there.note = after.clone();
        if was != *after {
            inverse.insert(
                0,
                Op::Note {
                    collection: cname.clone(),
                    id: id.clone(),
                    name: name.clone(),
                    before: after.clone(),
                    after: was,
                },
            );
        }
        if made {
            inverse.push(Op::Delete { name: cname });
        }
    }

    fn apply_create(&mut self, op: &Op, applied: &mut Applied) {
        let Op::Create { name, at } = op else {
            return;
        };
        let inverse = &mut applied.inverse;
        if self.position_of(name).is_none() {
            let name = text::cut(&text::one_line(name), MAX_NAME_CHARS);
            // The default collection stays first.
            let at = at.unwrap_or(self.shelf.len()).clamp(1, self.shelf.len());
            self.shelf.insert(at, Collection::new(&name));
            if self.current >= at {
                self.current += 1;
            }
            inverse.push(Op::Delete { name });
        }
    }

    fn apply_rename(&mut self, op: &Op, applied: &mut Applied) {
        let Op::Rename { from, to } = op else {
            return;
        };
        let inverse = &mut applied.inverse;
        if let Some(i) = self.position_of(from) {
            let taken = self.position_of(to).is_some_and(|j| j != i);
            let old = self.shelf[i].name.clone();
            let new = if taken {
                applied.replaced = Some(format!(
                    "another window had made a collection named “{}”; this one is “{}”",
                    sanitize::line(to),
                    sanitize::line(&old)
                ));
                old.clone()
            } else {
                text::cut(&text::one_line(to), MAX_NAME_CHARS)
            };
            if new != old {
                self.shelf[i].name = new.clone();
                inverse.push(Op::Rename { from: new, to: old });
            }
        }
    }

    fn apply_delete(&mut self, op: &Op, applied: &mut Applied) {
        let Op::Delete { name } = op else {
            return;
        };
        let inverse = &mut applied.inverse;
        if let Some(i) = self.position_of(name).filter(|&i| i > 0) {
            if i == self.current {
                self.switch_to(0);
            }
            let gone = self.shelf.remove(i);
            if self.current > i {
                self.current -= 1;
            }
            inverse.push(Op::Create {
                name: gone.name.clone(),
                at: Some(i),
            });
            inverse.extend(gone.marks.into_iter().map(|mark| Op::Mark {
                collection: gone.name.clone(),
                mark,
                at: None,
            }));
        }
    }

    fn apply_current(&mut self, op: &Op) {
        let Op::Current { name } = op else {
            return;
        };
        if let Some(i) = self.position_of(name) {
            self.switch_to(i);
        }
    }

    fn apply_rename_marks(&mut self, op: &Op) {
        let Op::Name { id, name } = op else {
            return;
        };
        let others = self.shelf.iter_mut().flat_map(|c| c.marks.iter_mut());
        for mark in self.list.iter_mut().chain(others) {
            if &mark.id == id && &mark.name != name {
                mark.name = name.clone();
            }
        }
    }

    /// Applies operations in order; returns what undoes them all, in order.
    pub fn apply_all(&mut self, ops: &[Op]) -> Vec<Op> {
        let mut undo: Vec<Vec<Op>> = ops.iter().map(|op| self.apply(op).inverse).collect();
        undo.reverse();
        undo.into_iter().flatten().collect()
    }
}
