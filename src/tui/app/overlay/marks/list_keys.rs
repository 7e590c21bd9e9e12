//! Keys on the marks list itself (nothing open over it): on the selected mark, on the
//! collections, and the copies of the collection.

use super::*;

/// A key's answer that leaves the list as it is.
fn on_list(reply: Reply) -> (Inner, Reply) {
    (Inner::List, reply)
}

/// Something opened over the list.
fn over(inner: Inner) -> (Inner, Reply) {
    (inner, stay())
}

fn no_marks(shown: &str) -> (Inner, Reply) {
    on_list(say(format!("“{shown}” has no marks")))
}

fn only_one(w: &World, shown: &str) -> (Inner, Reply) {
    on_list(say(format!(
        "“{shown}” is the only collection: {} makes another",
        w.key(Mode::Marks, Action::NewCollection)
    )))
}

/// The name of the current collection, made safe to show.
fn shown(w: &World) -> String {
    sanitize::line(w.marks.current()).into_owned()
}

impl MarksList {
    pub(super) fn on_list(&mut self, action: Action, w: &mut World) -> (Inner, Reply) {
        match action {
            Action::Close => on_list((Outcome::Close, None)),
            Action::Open => on_list(self.open(w)),
            Action::DeleteMark | Action::EditNote | Action::ClearNote | Action::MoveMark => {
                self.mark_key(action, w)
            }
            Action::NextCollection
            | Action::PrevCollection
            | Action::Collections
            | Action::NewCollection
            | Action::RenameCollection
            | Action::DeleteCollection => self.collection_key(action, w),
            Action::Copy | Action::CopyMemo | Action::PickStyle => copy_key(action, w),
            a => {
                let len = w.marks.list().len();
                if let Some(d) = delta(a, w.rows()) {
                    self.list.step(d, len, w.rows());
                }
                on_list(stay())
            }
        }
    }

    /// A key on the selected mark: delete it, write or clear its note, move it.
    fn mark_key(&mut self, action: Action, w: &mut World) -> (Inner, Reply) {
        let Some(mark) = self.selected(w.marks) else {
            return no_marks(&shown(w));
        };
        let (id, name, note) = (mark.id.clone(), mark.name.clone(), mark.note.clone());
        match action {
            Action::DeleteMark => {
                w.marks.toggle(&id, &name);
                let undo = w.key(Mode::Marks, Action::Undo);
                let what = if note.is_some() { " and its note" } else { "" };
                let text = format!(
                    "Deleted the mark on “{}”{what} · {undo} to undo",
                    sanitize::line(&name)
                );
                on_list((Outcome::Status(text), saved(w.marks)))
            }
            Action::EditNote => {
                let line = LineEdit::new(note.as_deref().unwrap_or(""), false);
                over(Inner::Edit {
                    editing: Editing::Note { id, name },
                    line,
                })
            }
            Action::ClearNote => {
                let name = sanitize::line(&name).into_owned();
                on_list(match w.marks.clear_note(&id) {
                    Ok(Some(_)) => (
                        Outcome::Status(format!("Cleared the note on “{name}”")),
                        saved(w.marks),
                    ),
                    Ok(None) => say(format!("“{name}” has no note to clear")),
                    Err(why) => say(why.to_string()),
                })
            }
            _ => {
                let names: Vec<String> = w
                    .marks
                    .collections()
                    .iter()
                    .filter(|c| !c.current)
                    .map(|c| c.name.to_string())
                    .collect();
                if names.is_empty() {
                    return only_one(w, &shown(w));
                }
                over(Inner::Choose {
                    choice: Choice::Move { id, name },
                    names,
                    cursor: Cursor::default(),
                })
            }
        }
    }

    /// A key on the collections: switch, choose, make, rename, delete.
    fn collection_key(&mut self, action: Action, w: &mut World) -> (Inner, Reply) {
        let current = w.marks.current().to_string();
        let all = w.marks.collections();
        let at = all.iter().position(|c| c.current).unwrap_or(0);
        let n = all.len();
        match action {
            Action::NextCollection | Action::PrevCollection if n < 2 => only_one(w, &shown(w)),
            Action::NextCollection | Action::PrevCollection => {
                let to = match action {
                    Action::NextCollection => (at + 1) % n,
                    _ => (at + n - 1) % n,
                };
                let to = all[to].name.to_string();
                on_list(self.switch(&to, w))
            }
            Action::Collections => over(Inner::Choose {
                choice: Choice::Switch,
                names: all.iter().map(|c| c.name.to_string()).collect(),
                cursor: Cursor::at(at),
            }),
            Action::NewCollection => over(Inner::Edit {
                editing: Editing::NewCollection,
                line: LineEdit::default(),
            }),
            Action::RenameCollection => over(Inner::Edit {
                line: LineEdit::new(&current, true),
                editing: Editing::Rename(current),
            }),
            _ => {
                let default = all.first().is_some_and(|c| c.current);
                let marks = w.marks.list().len();
                if default {
                    on_list(say(Refusal::Default(current).to_string()))
                } else if marks == 0 {
                    on_list(self.delete(&current, w))
                } else {
                    over(Inner::Confirm {
                        name: current,
                        marks,
                    })
                }
            }
        }
    }
}

/// A copy of the collection: its bibliography, its memo, or the style picker for it.
fn copy_key(action: Action, w: &mut World) -> (Inner, Reply) {
    let shown = shown(w);
    let empty = w.marks.list().is_empty();
    match action {
        Action::Copy => on_list(match bibliography(w.marks, &w.ctx.index, w.style) {
            Ok(effect) => (Outcome::Stay, Some(effect)),
            Err(why) => say(why),
        }),
        Action::CopyMemo if empty => on_list(say(format!("“{shown}” has no marks: no memo"))),
        Action::CopyMemo => on_list(memo(w, &shown)),
        _ if empty => on_list(say(format!("“{shown}” has no marks: nothing to cite"))),
        _ => {
            let ids = w.marks.list().iter().map(|m| m.id.clone()).collect();
            over(Inner::Style(Picker::citing(
                &w.ctx.index,
                Citing::Marks(ids),
                w.style,
            )))
        }
    }
}

/// The collection's memo in Markdown with pandoc citations, its BibLaTeX bibliography at the
/// end, for the clipboard.
fn memo(w: &World, shown: &str) -> Reply {
    use crate::prefs::marks::memo::{Markup, memo};
    match memo(
        &w.ctx.index,
        w.marks,
        None,
        Markup::Markdown,
        Style::Biblatex,
    ) {
        Ok(memo) => {
            let text = format!(
                "{}## Bibliography\n\n```bibtex\n{}\n```\n",
                memo.text, memo.bibliography
            );
            let what = format!(
                "the memo of “{shown}” ({} records, pandoc citations, its BibLaTeX bibliography \
                 at the end)",
                memo.records
            );
            (Outcome::Stay, Some(Effect::Copy { text, what }))
        }
        Err(why) => say(why),
    }
}
