//! The app's side of marks: `m` on a record, undo and redo, the marks list's keys and clicks
//! with what they need of the app, the user's notes in the detail pane ("Your note"), what the
//! saving thread reports, and quitting with changes not yet saved.

use super::detail_doc::{self, DetailDoc};
use super::lists::detail_size;
use super::overlay::Overlay;
use super::overlay::marks;
use super::{App, Disk, Effect};
use crate::prefs::keymap::{Action, Mode};
use crate::text::sanitize;

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
        let Some(r) = self.views.lists.detail.record else {
            self.status = Some("Nothing to mark here".into());
            return None;
        };
        let record = self.index.record(r);
        let name = sanitize::line(record.name()).into_owned();
        let noted = self.marks.note(record.id().as_str()).is_some();
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
        } else if noted {
            format!(
                "Unmarked “{name}”{place}; its note is kept · {} to undo",
                self.undo_key()
            )
        } else {
            format!("Unmarked “{name}”{place} · {} to undo", self.undo_key())
        });
        marks::saved(&mut self.marks)
    }

    /// The key that undoes, for messages.
    fn undo_key(&self) -> String {
        self.keymap
            .key_for(Mode::Browse, Action::Undo)
            .unwrap_or_else(|| Action::Undo.config_name())
    }

    /// `u` and Ctrl-R: takes back the last change to the marks, or makes again the last one
    /// taken back.
    pub(super) fn undo_marks(&mut self, redo: bool) -> Option<Effect> {
        let (done, key) = if redo {
            (self.marks.redo(), self.undo_key())
        } else {
            let key = self
                .keymap
                .key_for(Mode::Browse, Action::Redo)
                .unwrap_or_else(|| Action::Redo.config_name());
            (self.marks.undo(), key)
        };
        let Some(done) = done else {
            self.status = Some(if redo {
                "Nothing to redo".to_string()
            } else {
                "Nothing to undo in the marks, notes and collections".to_string()
            });
            return None;
        };
        let again = if redo { "undo" } else { "redo" };
        self.status = Some(format!("{done} · {key} to {again}"));
        self.keep_marks_cursor(None);
        marks::saved(&mut self.marks)
    }

    /// The marks list's cursor on the mark with id `on` if given and still there, else kept in
    /// the list.
    fn keep_marks_cursor(&mut self, on: Option<String>) {
        let rows = marks::areas(self.size, self.marks.list().len(), &self.keymap)
            .list
            .height
            .max(1) as usize;
        if let Some(Overlay::Marks(list)) = &mut self.overlay {
            if let Some(i) = on.and_then(|id| self.marks.position(&id)) {
                list.list.selected = i;
            }
            list.list.show(self.marks.list().len(), rows);
        }
    }

    /// Names of marked records brought up to date from the dataset, after it is (re)loaded.
    pub(super) fn marks_renamed(&mut self) {
        let index = &self.index;
        self.marks
            .update_names(|id| index.get(id).map(|r| index.record(r).name()));
    }

    /// The marks as the saving thread wrote them, or as another window left them: this
    /// window's unsaved changes stay on top, and what the marks list has selected stays
    /// selected.
    pub fn marks_saved(&mut self, disk: Disk) {
        let selected = match &self.overlay {
            Some(Overlay::Marks(list)) => list.selected(&self.marks).map(|m| m.id.clone()),
            _ => None,
        };
        let news = self.marks.saved(disk);
        self.keep_marks_cursor(selected);
        if self.marks_trouble.take().is_some() && self.marks.unsaved() == 0 {
            self.status = Some(format!("Marks saved to {}", self.marks_place()));
        }
        if !news.is_empty() {
            self.status = Some(news.join("; "));
        }
        self.show_notes();
    }

    /// Called by the run loop when the marks could not be saved: the changes stay here and are
    /// tried again.
    pub fn marks_not_saved(&mut self, why: &str) {
        let n = self.marks.unsaved();
        let changes = if n == 1 { "change" } else { "changes" };
        let mut said = format!("Marks not saved: {why}; {n} {changes} kept, trying again");
        if std::mem::take(&mut self.quit_when_saved) {
            self.quit_asked = true;
            said.push_str(&format!(" · {} again to quit anyway", self.quit_key()));
        }
        self.marks_trouble = Some(why.to_string());
        self.status = Some(said);
    }

    /// While changes to the marks are not saved because saving failed: what the status bar
    /// keeps saying until they are.
    pub fn marks_warning(&self) -> Option<String> {
        let why = self.marks_trouble.as_ref()?;
        let n = self.marks.unsaved();
        if n == 0 {
            return None;
        }
        let changes = if n == 1 { "change" } else { "changes" };
        Some(format!(
            "⚠ {n} {changes} to your marks not saved ({why}); trying again"
        ))
    }

    /// Where the marks are kept, for messages.
    fn marks_place(&self) -> String {
        self.marks.path().map_or("memory".to_string(), |p| {
            sanitize::line(&p.display().to_string()).into_owned()
        })
    }

    /// Quit: at once when every change is saved (or quit was asked twice in a row); when a save
    /// is under way, once it is done; when saving failed, only after saying so.
    pub(super) fn quit(&mut self, asked: bool) -> Option<Effect> {
        let n = self.marks.unsaved();
        if n == 0 || asked {
            return Some(Effect::Quit);
        }
        if self.marks_trouble.is_none() {
            self.quit_when_saved = true;
            self.status = Some("Saving your marks…".to_string());
            return None;
        }
        self.quit_asked = true;
        let changes = if n == 1 { "change" } else { "changes" };
        self.status = Some(format!(
            "{n} {changes} not saved to {}: {} again to quit anyway",
            self.marks_place(),
            self.quit_key()
        ));
        None
    }

    /// The key that quits, as the status bar shows it.
    fn quit_key(&self) -> String {
        self.keymap
            .shown_key(Mode::Browse, Action::Quit)
            .unwrap_or_else(|| Action::Quit.config_name())
    }

    /// Whether the explorer should end now: quit was asked and every change is saved.
    pub fn quit_ready(&self) -> bool {
        self.quit_when_saved && self.marks.unsaved() == 0
    }

    /// Puts the user's notes on the record in the detail pane under its name, or takes them
    /// out once cleared. Called after every key: cheap when nothing changed.
    pub(super) fn show_notes(&mut self) {
        let pane = &self.views.lists.detail;
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
        self.views
            .lists
            .detail
            .set(Some(r), doc.clone(), Some((r, width)), height);
        self.noted = (!notes.is_empty()).then_some(Noted {
            record: r,
            notes,
            doc,
        });
    }
}
