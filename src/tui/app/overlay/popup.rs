//! Text shown for the user to select by hand, when no clipboard could be reached.

use crate::prefs::keymap::Action;
use crate::tui::app::cursor::delta;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPopup {
    pub title: String,
    pub body: String,
    pub scroll: usize,
}

impl TextPopup {
    pub fn new(title: String, body: String) -> TextPopup {
        TextPopup {
            title,
            body,
            scroll: 0,
        }
    }

    /// Scrolls; the drawing code clamps to the text's length at its width.
    pub fn update(&mut self, action: Action, page: usize) {
        if let Some(d) = delta(action, page) {
            self.scroll = (self.scroll as isize).saturating_add(d).max(0) as usize;
        }
    }
}
