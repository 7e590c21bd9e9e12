//! What this program changed: the operations not yet written to the file, what undo and redo
//! apply, and the notes it wrote, so that a note replaced by another window is noticed. After
//! each save (or when another program wrote the file) the marks become the file's, with this
//! program's unsaved operations applied on top again: see [`Marks::saved`].

use super::ops::Op;
use super::{Marks, text};
use crate::text::sanitize;
use std::path::PathBuf;

/// Steps of undo kept; the oldest go first.
pub const MAX_UNDO: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Log {
    /// Applied here, not yet known to be in the file, numbered in order.
    pending: Vec<(u64, Op)>,
    /// The number of the last operation handed to a saver.
    sent: u64,
    next: u64,
    /// Each step's operations that undo it, the newest last.
    undo: Vec<Vec<Op>>,
    redo: Vec<Vec<Op>>,
    /// Notes this program wrote to the file, as (collection, record id, note).
    mine: Vec<(String, String, String)>,
}

/// Operations for a saver to write, numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub path: PathBuf,
    pub ops: Vec<(u64, Op)>,
}

/// The file as written or read: its marks, the number of the last operation of this program in
/// it, and the changes of other windows that this program's replaced.
#[derive(Debug)]
pub struct Disk {
    pub marks: Marks,
    pub upto: u64,
    pub replaced: Vec<String>,
}

impl Marks {
    /// A change the user made, which undo can take back.
    pub(super) fn change(&mut self, ops: Vec<Op>) {
        let undo = self.apply_all(&ops);
        if !undo.is_empty() {
            self.log.undo.push(undo);
            if self.log.undo.len() > MAX_UNDO {
                self.log.undo.remove(0);
            }
            self.log.redo.clear();
        }
        self.pend(ops);
    }

    /// A change that is kept but not undone (the collection shown, names brought up to date).
    pub(super) fn record(&mut self, ops: Vec<Op>) {
        self.apply_all(&ops);
        self.pend(ops);
    }

    fn pend(&mut self, ops: Vec<Op>) {
        if self.path.is_none() {
            return;
        }
        for op in ops {
            self.log.next += 1;
            self.log.pending.push((self.log.next, op));
        }
    }

    /// Takes back the last change; says what that did, `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let ops = self.log.undo.pop()?;
        let said = describe(&ops, self);
        let redo = self.apply_all(&ops);
        self.log.redo.push(redo);
        self.pend(ops);
        Some(said)
    }

    /// Makes again the change last undone.
    pub fn redo(&mut self) -> Option<String> {
        let ops = self.log.redo.pop()?;
        let said = describe(&ops, self);
        let undo = self.apply_all(&ops);
        self.log.undo.push(undo);
        self.pend(ops);
        Some(said)
    }

    /// How many changes are not yet known to be in the file.
    pub fn unsaved(&self) -> usize {
        self.log.pending.len()
    }

    /// The changes not yet handed to a saver; `None` when there are none (or no file).
    pub fn batch(&mut self) -> Option<Batch> {
        let path = self.path.clone()?;
        let ops: Vec<(u64, Op)> = self
            .log
            .pending
            .iter()
            .filter(|(n, _)| *n > self.log.sent)
            .cloned()
            .collect();
        let last = ops.last()?.0;
        self.log.sent = last;
        Some(Batch { path, ops })
    }

    /// Every change not yet known to be in the file, for a save on the spot.
    pub fn all_pending(&self) -> Vec<(u64, Op)> {
        self.log.pending.clone()
    }

    /// The file as a saver wrote or read it: the marks become the file's, with this program's
    /// changes that are not in it applied on top, and the collection shown stays the one shown.
    /// Returns what the user should hear: their changes that replaced another window's, and
    /// their notes that another window replaced (each then one undo step away).
    pub fn saved(&mut self, disk: Disk) -> Vec<String> {
        let mut news = disk.replaced;
        let upto = disk.upto;
        let file = disk.marks;
        let (written, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.log.pending)
            .into_iter()
            .partition(|(n, _)| *n <= upto);
        for (_, op) in &written {
            if let Some((collection, id, note)) = op.note_of() {
                self.log
                    .mine
                    .retain(|(c, i, _)| !(i == id && text::same_name(c, collection)));
                if let Some(note) = note {
                    self.log
                        .mine
                        .push((collection.to_string(), id.to_string(), note.to_string()));
                }
            }
        }
        let touched = |collection: &str, id: &str| {
            rest.iter().any(|(_, op)| {
                op.note_of()
                    .is_some_and(|(c, i, _)| i == id && text::same_name(c, collection))
            })
        };
        let mut mine = std::mem::take(&mut self.log.mine);
        mine.retain(|(collection, id, note)| {
            if file.holds_note(id, note) || touched(collection, id) {
                return true;
            }
            let there = file
                .position_of(collection)
                .and_then(|i| file.marks_at(i).iter().find(|m| &m.id == id));
            let name = there
                .map(|m| m.name.clone())
                .or_else(|| self.named(id))
                .unwrap_or_else(|| id.clone());
            let shown = sanitize::line(&name).into_owned();
            let yours = sanitize::line(&text::cut(note, 60)).into_owned();
            news.push(match there {
                Some(_) => format!(
                    "The note on “{shown}” was changed in another window; yours (“{yours}”) is \
                     kept: undo puts it back"
                ),
                None => format!(
                    "“{shown}” was unmarked in another window; your note (“{yours}”) is kept: \
                     undo puts the mark and note back"
                ),
            });
            self.log.undo.push(vec![Op::Note {
                collection: collection.clone(),
                id: id.clone(),
                name,
                before: there.and_then(|m| m.note.clone()),
                after: Some(note.clone()),
            }]);
            false
        });
        self.log.mine = mine;
        let here = self.current().to_string();
        self.changes += 1;
        self.list = file.list;
        self.shelf = file.shelf;
        self.current = file.current;
        for (_, op) in &rest {
            self.apply(op);
        }
        if let Some(i) = self.position_of(&here) {
            self.switch_to(i);
        }
        self.log.sent = self.log.sent.max(upto);
        self.log.pending = rest;
        news
    }

    /// Whether any collection marks the record with this note.
    fn holds_note(&self, id: &str, note: &str) -> bool {
        (0..self.shelf.len()).any(|i| {
            self.marks_at(i)
                .iter()
                .any(|m| m.id == id && m.note.as_deref() == Some(note))
        })
    }

    /// The record's name as a mark here last saw it.
    fn named(&self, id: &str) -> Option<String> {
        (0..self.shelf.len())
            .find_map(|i| self.marks_at(i).iter().find(|m| m.id == id))
            .map(|m| m.name.clone())
    }
}

/// What applying `ops` (an undo or a redo) did, for the status bar.
fn describe(ops: &[Op], marks: &Marks) -> String {
    let q = |s: &str| format!("“{}”", sanitize::line(s));
    let marked = ops.iter().filter(|o| matches!(o, Op::Mark { .. })).count();
    match ops {
        [Op::Create { name, .. }, ..] if marked > 0 => {
            let n = if marked == 1 {
                "its mark".to_string()
            } else {
                format!("its {marked} marks")
            };
            format!("Restored the collection {} and {n}", q(name))
        }
        [
            Op::Unmark { id, .. },
            Op::Mark {
                collection, mark, ..
            },
        ] if id == &mark.id => {
            format!("Moved {} to {}", q(&mark.name), q(collection))
        }
        // A mark put back where it was (an undo of an unmark), or made again (a redo).
        [Op::Mark { mark, at, .. }, ..] => match (&mark.note, at) {
            (Some(_), _) => format!("Restored the mark on {} and its note", q(&mark.name)),
            (None, Some(_)) => format!("Restored the mark on {}", q(&mark.name)),
            (None, None) => format!("Marked {}", q(&mark.name)),
        },
        [Op::Unmark { id, .. }, ..] => {
            let name = marks.named(id).unwrap_or_else(|| id.clone());
            format!("Removed the mark on {}", q(&name))
        }
        [Op::Note { name, after, .. }, ..] => match after {
            Some(note) => format!(
                "The note on {} is {} again",
                q(name),
                q(&text::cut(note, 60))
            ),
            None => format!("Cleared the note on {}", q(name)),
        },
        [Op::Create { name, .. }, ..] => format!("Restored the collection {}", q(name)),
        [Op::Delete { name }, ..] => format!("Removed the collection {}", q(name)),
        [Op::Rename { from, to }, ..] => format!("Renamed {} to {}", q(from), q(to)),
        _ => "Changed the marks".to_string(),
    }
}
