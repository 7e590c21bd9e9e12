//! The marks list: the marks of the current collection with their notes, the collections as
//! tabs above them, and what can be done from there. Enter opens a record; other keys switch,
//! make, rename or delete a collection, move a mark to another one, write or clear a note, and
//! copy the collection's bibliography. Some open something smaller over the list first: a
//! choice of collection, a line to write, a question, the style picker.
//!
//! The marks themselves are the app's ([`Marks`]); every change leaves as an
//! [`Effect::SaveMarks`] for the saving thread, so nothing is written from here.

use super::picker::{Citing, Picker};
use super::{Answer, Layer, World};
use crate::data::index::Index;
use crate::prefs::keymap::{Action, Mode};
use crate::prefs::marks::{Mark, Marks, Refusal};
use crate::query::cite::{self, Style};
use crate::text::sanitize;
use crate::tui::app::cursor::{Cursor, delta};
use crate::tui::app::line_edit::LineEdit;
use crate::tui::app::{Effect, Outcome};
use crate::tui::layout::inside;

pub use layout::{Areas, areas, chooser, editor, footer_lines, question};

mod layout;
mod list_keys;

#[derive(Default)]
pub struct MarksList {
    /// Over the current collection's marks.
    pub list: Cursor,
    pub inner: Inner,
}

/// What is open over the list.
#[derive(Default)]
pub enum Inner {
    #[default]
    List,
    /// A collection to choose, from `names` in order.
    Choose {
        choice: Choice,
        names: Vec<String>,
        cursor: Cursor,
    },
    /// A line being written.
    Edit { editing: Editing, line: LineEdit },
    /// Delete the collection `name`, which holds `marks` marks?
    Confirm { name: String, marks: usize },
    /// The style picker for the collection's bibliography.
    Style(Picker),
}

/// What the chosen collection is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Switch,
    /// Moving the mark on record `id` (named `name`) there.
    Move {
        id: String,
        name: String,
    },
}

/// What the line written is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editing {
    Note {
        id: String,
        name: String,
    },
    NewCollection,
    /// A new name for the collection called this.
    Rename(String),
}

/// What the marks list needs of the app to handle a key.
impl World<'_> {
    /// The key for an action, for messages.
    fn key(&self, mode: Mode, action: Action) -> String {
        self.keymap
            .key_for(mode, action)
            .unwrap_or_else(|| action.config_name())
    }

    fn rows(&self) -> usize {
        areas(self.ctx.size, self.marks.list().len(), self.keymap)
            .list
            .height
            .max(1) as usize
    }
}

/// What a key leads to: for the app, and for the outside world.
pub type Reply = (Outcome, Option<Effect>);

fn stay() -> Reply {
    (Outcome::Stay, None)
}

fn say(text: String) -> Reply {
    (Outcome::Status(text), None)
}

/// The collections as tabs, "Name (3)", the current one active, laid out in `width`.
pub fn tabs(marks: &Marks, width: u16) -> crate::tui::layout::Tabs {
    let all = marks.collections();
    let labels = all
        .iter()
        .map(|c| format!("{} ({})", sanitize::line(c.name), c.marks))
        .collect();
    let active = all.iter().position(|c| c.current);
    crate::tui::layout::Tabs::new(labels, active, width, 3)
}

/// The changes to the marks not yet handed to the saving thread.
pub fn saved(marks: &mut Marks) -> Option<Effect> {
    marks.batch().map(Effect::SaveMarks)
}

/// The current collection's bibliography in `style`, to copy; or why there is none.
pub fn bibliography(marks: &Marks, index: &Index, style: Style) -> Result<Effect, String> {
    let name = sanitize::line(marks.current()).into_owned();
    if marks.list().is_empty() {
        return Err(format!("“{name}” has no marks: nothing to cite"));
    }
    let b = cite::for_ids(index, marks.list().iter().map(|m| m.id.as_str()), style);
    if b.sources == 0 {
        return Err(if b.unknown.len() == marks.list().len() {
            format!("None of the records marked in “{name}” is in this dataset: nothing to cite")
        } else {
            format!("None of the records marked in “{name}” names a source: nothing to cite")
        });
    }
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut what = format!(
        "{} bibliography of “{name}” ({}",
        style.label(),
        plural(b.sources, "source", "sources")
    );
    if !b.unknown.is_empty() {
        what.push_str(&format!(
            "; {} not in this dataset left out",
            plural(b.unknown.len(), "mark", "marks")
        ));
    }
    what.push(')');
    Ok(Effect::Copy { text: b.text, what })
}

impl Layer for MarksList {
    /// The list's keys, or those of what is open over it.
    fn mode(&self) -> Mode {
        match self.inner {
            Inner::List => Mode::Marks,
            Inner::Choose { .. } => Mode::Collections,
            Inner::Edit { .. } => Mode::Edit,
            Inner::Confirm { .. } => Mode::Confirm,
            Inner::Style(_) => Mode::Picker,
        }
    }

    fn update(&mut self, action: Action, w: &mut World) -> Answer {
        let (outcome, effect) = self.key(action, w);
        Answer {
            effect,
            ..outcome.into()
        }
    }

    /// A click on a mark selects it, and opens it when it was selected; on a collection's
    /// tab, switches to it; outside, closes the list. While something is open over the list,
    /// a click outside that closes it.
    fn click(&mut self, x: u16, y: u16, w: &mut World) -> Answer {
        let size = w.ctx.size;
        let a = areas(size, w.marks.list().len(), w.keymap);
        let over = match &self.inner {
            Inner::List => None,
            Inner::Choose { names, .. } => Some(chooser(size, names.len())),
            Inner::Edit { .. } => Some(editor(&a)),
            Inner::Confirm { .. } => Some(question(size)),
            Inner::Style(_) => Some(crate::tui::layout::picker(size).0),
        };
        match over {
            Some(area) if !inside(area, x, y) => self.inner = Inner::List,
            Some(_) => {}
            None if !inside(a.popup, x, y) => return Outcome::Close.into(),
            None => {
                let len = w.marks.list().len();
                let row = inside(a.list, x, y).then(|| (y - a.list.y) as usize);
                if let Some(i) = row.and_then(|r| self.list.row_at(r, len)) {
                    if i == self.list.selected {
                        return self.update(Action::Open, w);
                    }
                    self.list.selected = i;
                } else if y == a.tabs.y {
                    let to = tabs(w.marks, a.tabs.width).at(x - a.tabs.x).and_then(|i| {
                        let all = w.marks.collections();
                        all.get(i).map(|c| c.name.to_string())
                    });
                    if let Some(name) = to
                        && w.marks.switch(&name).is_ok()
                    {
                        self.list = Cursor::default();
                        return Answer {
                            effect: saved(w.marks),
                            ..Answer::stay()
                        };
                    }
                }
            }
        }
        Answer::stay()
    }
}

impl MarksList {
    /// The selected mark of the current collection.
    pub fn selected<'m>(&self, marks: &'m Marks) -> Option<&'m Mark> {
        marks.list().get(self.list.selected)
    }

    /// A key: what follows, and what the outside world must do.
    pub fn key(&mut self, action: Action, w: &mut World) -> Reply {
        let (inner, reply) = match std::mem::take(&mut self.inner) {
            Inner::List => self.on_list(action, w),
            Inner::Choose {
                choice,
                names,
                mut cursor,
            } => match action {
                Action::Close => (Inner::List, stay()),
                Action::Open => match names.get(cursor.selected) {
                    Some(name) => (Inner::List, self.chosen(&choice, name, w)),
                    None => (Inner::List, stay()),
                },
                a => {
                    if let Some(d) = delta(a, names.len()) {
                        let rows = chooser(w.ctx.size, names.len()).height.saturating_sub(2);
                        cursor.step(d, names.len(), rows as usize);
                    }
                    let inner = Inner::Choose {
                        choice,
                        names,
                        cursor,
                    };
                    (inner, stay())
                }
            },
            Inner::Edit { editing, mut line } => match action {
                Action::Close => (Inner::List, stay()),
                Action::Open => match self.written(&editing, &line.text, w) {
                    Ok(reply) => (Inner::List, reply),
                    // Still open, so the line can be put right.
                    Err(why) => (Inner::Edit { editing, line }, say(why)),
                },
                a => {
                    line.edit(a);
                    (Inner::Edit { editing, line }, stay())
                }
            },
            Inner::Confirm { name, marks } => match action {
                Action::Confirm => (Inner::List, self.delete(&name, w)),
                Action::Close => {
                    let kept = format!("Kept “{}”", sanitize::line(&name));
                    (Inner::List, say(kept))
                }
                _ => (Inner::Confirm { name, marks }, stay()),
            },
            Inner::Style(mut p) => match action {
                Action::Close => (Inner::List, stay()),
                Action::Open => match bibliography(w.marks, &w.ctx.index, p.style()) {
                    Ok(effect) => (Inner::List, (Outcome::Stay, Some(effect))),
                    Err(why) => (Inner::List, say(why)),
                },
                a => {
                    p.move_by(&w.ctx.index, a);
                    (Inner::Style(p), stay())
                }
            },
        };
        self.inner = inner;
        self.list.show(w.marks.list().len(), w.rows());
        reply
    }

    /// Enter on a mark: its record, or why it cannot be opened.
    fn open(&self, w: &World) -> Reply {
        let Some(mark) = self.selected(w.marks) else {
            return stay();
        };
        match w.ctx.index.get(&mark.id) {
            Some(r) => (Outcome::Open(r), None),
            None => say(format!(
                "“{}” ({}) is not in this dataset; {} deletes the mark",
                sanitize::line(&mark.name),
                sanitize::line(&mark.id),
                w.key(Mode::Marks, Action::DeleteMark)
            )),
        }
    }

    fn switch(&mut self, name: &str, w: &mut World) -> Reply {
        match w.marks.switch(name) {
            Ok(()) => {
                self.list = Cursor::default();
                (Outcome::Stay, saved(w.marks))
            }
            Err(why) => say(why.to_string()),
        }
    }

    fn delete(&mut self, name: &str, w: &mut World) -> Reply {
        match w.marks.delete(name) {
            Ok(deleted) => {
                self.list = Cursor::default();
                (Outcome::Status(deleted.to_string()), saved(w.marks))
            }
            Err(why) => say(why.to_string()),
        }
    }

    /// Enter in the choice of collections.
    fn chosen(&mut self, choice: &Choice, name: &str, w: &mut World) -> Reply {
        match choice {
            Choice::Switch => self.switch(name, w),
            Choice::Move { id, .. } => match w.marks.move_mark(id, name) {
                Ok(moved) => (Outcome::Status(moved.to_string()), saved(w.marks)),
                Err(why) => say(why.to_string()),
            },
        }
    }

    /// Enter on a line written: what it did, or why not (the line stays open).
    fn written(&mut self, editing: &Editing, text: &str, w: &mut World) -> Result<Reply, String> {
        let status = match editing {
            Editing::Note { id, name } => {
                let name = sanitize::line(name).into_owned();
                match w.marks.set_note(id, text).map_err(|r| r.to_string())? {
                    Some(_) => format!("Noted on “{name}”"),
                    None => format!("Cleared the note on “{name}”"),
                }
            }
            Editing::NewCollection => {
                let made = w.marks.create(text).map_err(|r| r.to_string())?;
                w.marks.switch(&made).map_err(|r| r.to_string())?;
                self.list = Cursor::default();
                format!(
                    "Made “{}”; it is current, so {} marks records there",
                    sanitize::line(&made),
                    w.key(Mode::Browse, Action::Mark)
                )
            }
            Editing::Rename(from) => {
                let to = w.marks.rename(from, text).map_err(|r| r.to_string())?;
                format!(
                    "Renamed “{}” to “{}”",
                    sanitize::line(from),
                    sanitize::line(&to)
                )
            }
        };
        Ok((Outcome::Status(status), saved(w.marks)))
    }
}
