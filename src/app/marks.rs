//! Bookmarks in the explorer: mark the shown record, list the marks, go to one, delete one.

use super::{App, Effect, Focus};
use crate::keymap::{Action, Mode};
use crate::model::Kind;
use crate::sanitize;
use crate::ui;
use ratatui::layout::{Position, Rect};

/// One row of the marks popup: a mark and, if its record is still in the dataset, the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkRow {
    pub id: String,
    /// The record's current name, or the name last seen when it is missing.
    pub name: String,
    pub record: Option<usize>,
    pub kind: Option<Kind>,
}

impl App {
    pub fn mark_rows(&self) -> Vec<MarkRow> {
        self.marks
            .list
            .iter()
            .map(|m| {
                let record = self.index.get(&m.id);
                let r = record.map(|r| self.index.record(r));
                MarkRow {
                    id: m.id.clone(),
                    name: r.map_or(m.name.clone(), |r| r.name().to_string()),
                    record,
                    kind: r.map(|r| r.kind()),
                }
            })
            .collect()
    }

    /// The key that does `action` in `mode`, for messages; the user's own binding if rebound.
    fn key_hint(&self, mode: Mode, action: Action) -> String {
        self.keymap
            .key_for(mode, action)
            .unwrap_or_else(|| action.config_name())
    }

    pub(super) fn toggle_mark(&mut self) {
        let Some(r) = self.current() else {
            self.status = Some("Nothing to mark here".into());
            return;
        };
        let record = self.index.record(r);
        let name = sanitize::line(record.name()).into_owned();
        let marked = self.marks.toggle(record.id().as_str(), record.name());
        let done = if marked {
            format!(
                "Marked “{name}” · {} lists marks",
                self.key_hint(Mode::Browse, Action::Marks)
            )
        } else {
            format!("Unmarked “{name}”")
        };
        self.save_marks(done);
    }

    /// Saves the marks with the names as the dataset has them now, and reports.
    fn save_marks(&mut self, done: String) {
        for m in &mut self.marks.list {
            if let Some(r) = self.index.get(&m.id) {
                m.name = self.index.record(r).name().to_string();
            }
        }
        self.status = Some(match self.marks.save() {
            Ok(()) => done,
            Err(e) => format!("{done}, but not saved: {e}"),
        });
    }

    pub(super) fn open_marks(&mut self) {
        self.open_popup(Mode::Marks, 0);
    }

    pub(super) fn marks_action(&mut self, action: Action) -> Option<Effect> {
        let len = self.marks.list.len();
        match action {
            Action::Close => self.mode = Mode::Browse,
            Action::Open => self.choose_mark(),
            Action::DeleteMark if self.popup_cursor < len => {
                let m = self.marks.list.remove(self.popup_cursor);
                self.popup_cursor = self.popup_cursor.min(len.saturating_sub(2));
                self.save_marks(format!("Deleted the mark on “{}”", sanitize::line(&m.name)));
            }
            a => self.step_popup(a, len),
        }
        None
    }

    fn choose_mark(&mut self) {
        let Some(row) = self.mark_rows().into_iter().nth(self.popup_cursor) else {
            return;
        };
        match row.record {
            Some(r) => {
                self.mode = Mode::Browse;
                self.jump(r, Focus::Detail);
            }
            None => {
                self.status = Some(format!(
                    "“{}” ({}) is not in this dataset; {} deletes the mark",
                    sanitize::line(&row.name),
                    sanitize::line(&row.id),
                    self.key_hint(Mode::Marks, Action::DeleteMark)
                ))
            }
        }
    }

    /// A click on a mark selects it, a second click goes there; a click outside closes.
    pub(super) fn marks_click(&mut self, x: u16, y: u16) -> Option<Effect> {
        let screen = Rect::new(0, 0, self.size.0, self.size.1);
        let len = self.marks.list.len();
        let area = ui::marks::area(screen, len);
        let inside = area.contains(Position::new(x, y)) && y > area.y && y + 1 < area.bottom();
        if !inside {
            self.mode = Mode::Browse;
            return None;
        }
        let row = ui::marks::first_row(area, self.popup_cursor) + (y - area.y - 1) as usize;
        if row < len {
            if row == self.popup_cursor {
                return self.marks_action(Action::Open);
            }
            self.popup_cursor = row;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{App, Options};
    use crate::index::Index;
    use crate::keymap::{Action, Mode};
    use crate::load;
    use crate::marks::{FILE_NAME, Marks};
    use std::path::Path;

    fn app_with(marks: Option<&Path>) -> App {
        let index = Index::new(load::load_builtin().expect("built-in dataset"));
        let options = Options {
            marks_file: marks.map(Path::to_path_buf),
            ..Options::default()
        };
        App::new(index, options)
    }

    #[test]
    fn a_mark_persists_and_takes_you_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        let mut app = app_with(Some(&file));
        let first = app.current().unwrap();
        app.update(Action::Mark);
        assert!(
            app.status.as_deref().unwrap().starts_with("Marked"),
            "{:?}",
            app.status
        );
        assert!(app.status.as_deref().unwrap().contains("' lists marks"));

        let mut app = app_with(Some(&file));
        assert_eq!(app.marks.list.len(), 1);
        app.update(Action::Bottom);
        assert_ne!(app.current(), Some(first));
        app.update(Action::Marks);
        assert_eq!(app.mode, Mode::Marks);
        app.update(Action::Open);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(app.current(), Some(first));
        // A history jump: back returns to where the user was.
        app.update(Action::Back);
        assert_ne!(app.current(), Some(first));
    }

    #[test]
    fn a_mark_whose_record_left_the_dataset_is_shown_as_missing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        let mut marks = Marks::load(Some(&file));
        marks.toggle("gone-record", "A Vanished Foundation");
        marks.toggle("amity-foundation", "Amity Foundation");
        marks.save().unwrap();

        let mut app = app_with(Some(&file));
        let rows = app.mark_rows();
        assert_eq!(rows.len(), 2, "the missing mark is kept");
        assert_eq!(rows[0].record, None);
        assert_eq!(rows[0].name, "A Vanished Foundation");
        assert!(rows[1].record.is_some());
        app.update(Action::Marks);
        app.update(Action::Open);
        assert_eq!(app.mode, Mode::Marks, "nowhere to go");
        let status = app.status.clone().unwrap();
        assert!(status.contains("not in this dataset"), "{status}");
        assert!(status.contains("d deletes"), "{status}");
        app.update(Action::DeleteMark);
        assert_eq!(Marks::load(Some(&file)).list.len(), 1);
    }

    #[test]
    fn a_corrupt_marks_file_is_reported_in_the_status_bar_and_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        std::fs::write(&file, "[1, 2").unwrap();
        let mut app = app_with(Some(&file));
        let status = app.status.clone().unwrap();
        assert!(status.starts_with("Marks not loaded"), "{status}");
        assert!(app.marks.list.is_empty());
        app.update(Action::Mark);
        assert_eq!(Marks::load(Some(&file)).list.len(), 1);
    }

    #[test]
    fn clicks_select_then_open_a_mark_and_outside_closes() {
        let mut app = app_with(None);
        app.update(Action::Resize(120, 40));
        let first = app.current().unwrap();
        app.update(Action::Mark);
        app.update(Action::Bottom);
        let last = app.current().unwrap();
        app.update(Action::Mark);
        app.update(Action::Top);
        app.update(Action::Marks);
        let area = crate::ui::marks::area(ratatui::layout::Rect::new(0, 0, 120, 40), 2);
        let second_row = area.y + 2;
        app.update(Action::Click(area.x + 5, second_row));
        assert_eq!((app.mode, app.popup_cursor), (Mode::Marks, 1));
        app.update(Action::Click(area.x + 5, second_row));
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(app.current(), Some(last));
        app.update(Action::Marks);
        app.update(Action::Click(0, 0));
        assert_eq!(app.mode, Mode::Browse);
        assert_ne!(first, last);
    }

    #[test]
    fn without_a_file_marks_stay_in_memory() {
        let mut app = app_with(None);
        app.update(Action::Mark);
        assert_eq!(app.marks.list.len(), 1);
        app.update(Action::Mark);
        assert!(app.status.as_deref().unwrap().starts_with("Unmarked"));
        assert!(app.marks.list.is_empty());
    }
}
