//! The app's side of marks: `m` on a record, the marks list's keys and clicks with what they
//! need of the app, and the user's notes in the detail pane ("Your note").

use super::detail_doc::{self, DetailDoc};
use super::lists::detail_size;
use super::overlay::Overlay;
use super::overlay::marks::{self, Inner, MarksList, Reply, World};
use super::{App, Effect};
use crate::keymap::{Action, Mode};
use crate::layout::inside;
use crate::sanitize;

/// The notes put into the detail pane's document, and the document as it was then: when the
/// pane holds another (it showed another record, or was laid out again), they are put in again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Noted {
    record: usize,
    notes: Vec<(String, String)>,
    doc: DetailDoc,
}

impl App {
    /// `m`: marks the record in the detail pane in the current collection, or unmarks it.
    pub(super) fn toggle_mark(&mut self) -> Option<Effect> {
        let Some(r) = self.lists.detail.record else {
            self.status = Some("Nothing to mark here".into());
            return None;
        };
        let record = self.index.record(r);
        let name = sanitize::line(record.name()).into_owned();
        let marked = self.marks.toggle(record.id().as_str(), record.name());
        // The collection is named once there is more than one to be in.
        let place = match self.marks.collections().len() {
            1 => String::new(),
            _ => format!(" in “{}”", sanitize::line(self.marks.current())),
        };
        self.status = Some(if marked {
            let key = self
                .keymap
                .key_for(Mode::Browse, Action::Marks)
                .unwrap_or_else(|| Action::Marks.config_name());
            format!("Marked “{name}”{place} · {key} lists marks")
        } else {
            format!("Unmarked “{name}”{place}")
        });
        Some(marks::saved(&mut self.marks, &self.index))
    }

    /// A key in the marks list.
    pub(super) fn marks_key(&mut self, list: &mut MarksList, action: Action) -> Reply {
        list.update(
            action,
            &mut World {
                marks: &mut self.marks,
                index: &self.index,
                size: self.size,
                keymap: &self.keymap,
                style: self.options.style,
            },
        )
    }

    /// A click while the marks list is open: on a mark, selects it, and opens it when it was
    /// selected; on a collection's tab, switches to it; outside, closes the list. While
    /// something is open over the list, a click outside that closes it.
    pub(super) fn marks_click(&mut self, mut list: MarksList, x: u16, y: u16) -> Option<Effect> {
        let a = marks::areas(self.size, self.marks.list.len(), &self.keymap);
        let over = match &list.inner {
            Inner::List => None,
            Inner::Choose { names, .. } => Some(marks::chooser(self.size, names.len())),
            Inner::Edit { .. } => Some(marks::editor(&a)),
            Inner::Confirm { .. } => Some(marks::question(self.size)),
            Inner::Style(_) => Some(crate::layout::picker(self.size).0),
        };
        let mut effect = None;
        match over {
            Some(area) if !inside(area, x, y) => list.inner = Inner::List,
            Some(_) => {}
            None if !inside(a.popup, x, y) => return None,
            None => {
                let len = self.marks.list.len();
                let row = inside(a.list, x, y).then(|| (y - a.list.y) as usize);
                if let Some(i) = row.and_then(|r| list.list.row_at(r, len)) {
                    if i == list.list.selected {
                        self.overlay = Some(Overlay::Marks(list));
                        return self.update(Action::Open);
                    }
                    list.list.selected = i;
                } else if y == a.tabs.y {
                    let tabs = marks::tabs(&self.marks, a.tabs.width);
                    let to = tabs.at(x - a.tabs.x).and_then(|i| {
                        let all = self.marks.collections();
                        all.get(i).map(|c| c.name.to_string())
                    });
                    if let Some(name) = to
                        && self.marks.switch(&name).is_ok()
                    {
                        list.list = Default::default();
                        effect = Some(marks::saved(&mut self.marks, &self.index));
                    }
                }
            }
        }
        self.overlay = Some(Overlay::Marks(list));
        effect
    }

    /// Puts the user's notes on the record in the detail pane under its name, or takes them
    /// out once cleared. Called after every key: cheap when nothing changed.
    pub(super) fn show_notes(&mut self) {
        let pane = &self.lists.detail;
        let Some(r) = pane.record else {
            self.noted = None;
            return;
        };
        let notes: Vec<(String, String)> = self
            .marks
            .notes(self.index.record(r).id().as_str())
            .into_iter()
            .map(|(c, n)| (c.to_string(), n.to_string()))
            .collect();
        let shown = self
            .noted
            .as_ref()
            .is_some_and(|n| n.record == r && n.doc == pane.content);
        if shown && self.noted.as_ref().is_some_and(|n| n.notes == notes) {
            return;
        }
        if notes.is_empty() && !shown {
            self.noted = None;
            return;
        }
        let (width, height) = detail_size(self.size);
        let mut doc = detail_doc::build(&self.index, r, width);
        detail_doc::your_note(&mut doc, &notes, width);
        self.lists
            .detail
            .set(Some(r), doc.clone(), Some((r, width)), height);
        self.noted = (!notes.is_empty()).then_some(Noted {
            record: r,
            notes,
            doc,
        });
    }
}
