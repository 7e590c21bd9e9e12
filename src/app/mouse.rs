//! Mouse clicks and the wheel, mapped onto the same state changes as keys.

use super::{App, Effect, Focus};
use crate::keymap::{Action, Mode};
use crate::ui;
use ratatui::layout::{Position, Rect};

fn inside(area: Rect, x: u16, y: u16) -> bool {
    area.contains(Position::new(x, y))
}

/// Row within a bordered pane, if the point is on its inner part.
fn inner_row(area: Rect, y: u16) -> Option<usize> {
    (y > area.y && y + 1 < area.bottom()).then(|| (y - area.y - 1) as usize)
}

impl App {
    pub(super) fn click(&mut self, x: u16, y: u16) -> Option<Effect> {
        let screen = Rect::new(0, 0, self.size.0, self.size.1);
        match self.mode {
            Mode::Picker => {
                let area = ui::popup_picker_area(screen);
                if let Some(row) = inner_row(area, y).filter(|_| inside(area, x, y)) {
                    if row < crate::cite::Style::ALL.len() {
                        if row == self.popup_cursor {
                            return self.update(Action::Open);
                        }
                        self.popup_cursor = row;
                    }
                } else {
                    self.mode = Mode::Browse;
                }
                return None;
            }
            Mode::History => {
                let len = self.history().0.len();
                let area = ui::popup_history_area(screen, len);
                match inner_row(area, y).filter(|_| inside(area, x, y)) {
                    Some(row) if row < len => {
                        self.popup_cursor = row;
                        self.history_action(Action::Open);
                    }
                    _ => self.mode = Mode::Browse,
                }
                return None;
            }
            Mode::Help | Mode::Popup => return self.update(Action::Close),
            Mode::Marks => return self.marks_click(x, y),
            Mode::Search | Mode::Browse => {}
            Mode::Timeline | Mode::Stats | Mode::Map => {}
        }
        if self.mode == Mode::Browse
            && let Some(effect) = self.view_click(x, y)
        {
            return effect;
        }
        let areas = ui::layout(self.size);
        if inside(areas.tabs, x, y) && self.mode == Mode::Browse {
            if let Some(t) = ui::tabs(self)
                .iter()
                .position(|(_, a, b)| (*a..*b).contains(&x))
            {
                self.set_tab(t);
            }
        } else if inside(areas.list, x, y) {
            let row = inner_row(areas.list, y)?;
            if self.mode == Mode::Search {
                // The first inner row is the query line.
                let i = self.search.offset + row.checked_sub(1)?;
                if i < self.search.hits.len() {
                    if i == self.search.selected {
                        return self.update(Action::Open);
                    }
                    self.search.selected = i;
                    self.record_changed();
                }
                return None;
            }
            let i = self.list_offset + row;
            if i < self.rows.len() {
                let again = i == self.selected && self.focus == Focus::List;
                self.focus = Focus::List;
                self.selected = i;
                if again {
                    self.open();
                } else {
                    self.record_changed();
                }
            }
        } else if inside(areas.detail, x, y) && self.mode == Mode::Browse {
            let row = self.detail_scroll + inner_row(areas.detail, y)?;
            let doc = self.detail_doc();
            if let Some(n) = doc.link_rows.iter().position(|&r| r == row) {
                let again = self.focus == Focus::Detail && self.link == n;
                self.focus = Focus::Detail;
                self.link = n;
                if again {
                    self.open();
                }
            } else {
                self.focus = Focus::Detail;
            }
        }
        None
    }

    pub(super) fn wheel(&mut self, x: u16, y: u16, delta: i8) {
        if self.mode == Mode::Browse && self.view_wheel(x, y, delta) {
            return;
        }
        let step = isize::from(delta) * 3;
        let areas = ui::layout(self.size);
        match self.mode {
            Mode::Help | Mode::Picker | Mode::History | Mode::Marks => {
                let a = if delta < 0 { Action::Up } else { Action::Down };
                for _ in 0..3 {
                    self.update(a);
                }
            }
            Mode::Search if inside(areas.list, x, y) => {
                let a = if delta < 0 { Action::Up } else { Action::Down };
                for _ in 0..3 {
                    self.search_action(a);
                }
            }
            Mode::Browse if inside(areas.list, x, y) => {
                let last = self.rows.len().saturating_sub(1) as isize;
                let next = (self.selected as isize + step).clamp(0, last.max(0)) as usize;
                if next != self.selected {
                    self.selected = next;
                    self.record_changed();
                }
            }
            Mode::Browse | Mode::Search if inside(areas.detail, x, y) => self.scroll_detail(step),
            _ => {}
        }
    }
}
