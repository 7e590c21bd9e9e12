//! The history list, `H`: where the user has been, the cursor over its entries; Enter goes
//! there.

use super::{Answer, Layer, Then, World};
use crate::prefs::keymap::{Action, Mode};
use crate::tui::app::cursor::{Cursor, delta};
use crate::tui::app::{Ctx, Outcome};
use crate::tui::layout::{self, inner_row};

#[derive(Debug, Clone, Default)]
pub struct HistoryList {
    pub cursor: Cursor,
}

/// Rows of a popup list of `len` entries.
pub fn rows(size: (u16, u16), len: usize) -> usize {
    layout::inner_height(layout::list_popup(size, len))
}

impl HistoryList {
    /// At entry `at` of `len`, shown.
    pub fn at(at: usize, len: usize, ctx: &Ctx) -> HistoryList {
        let mut cursor = Cursor::at(at);
        cursor.show(len, rows(ctx.size, len));
        HistoryList { cursor }
    }
}

impl Layer for HistoryList {
    fn mode(&self) -> Mode {
        Mode::History
    }

    fn update(&mut self, action: Action, w: &mut World) -> Answer {
        let len = w.history_len;
        match action {
            Action::Close => Outcome::Close.into(),
            Action::Open => Answer::then(Then::GoTo(self.cursor.selected)),
            a => {
                let rows = rows(w.ctx.size, len);
                if let Some(d) = delta(a, rows) {
                    self.cursor.step(d, len, rows);
                }
                Answer::stay()
            }
        }
    }

    /// A click on an entry goes there; anywhere else closes the list.
    fn click(&mut self, x: u16, y: u16, w: &mut World) -> Answer {
        let len = w.history_len;
        let area = layout::list_popup(w.ctx.size, len);
        match inner_row(area, x, y).and_then(|r| self.cursor.row_at(r, len)) {
            Some(i) => Answer::then(Then::GoTo(i)),
            None => Outcome::Close.into(),
        }
    }
}
