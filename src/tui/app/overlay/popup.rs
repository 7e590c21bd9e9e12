//! Text shown for the user to select by hand, when no clipboard could be reached.

use super::{Answer, Layer, World};
use crate::prefs::keymap::{Action, Mode};
use crate::tui::app::Outcome;
use crate::tui::app::cursor::delta;
use crate::tui::layout;

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
}

impl Layer for TextPopup {
    fn mode(&self) -> Mode {
        Mode::Popup
    }

    /// Scrolls; the drawing code clamps to the text's length at its width.
    fn update(&mut self, action: Action, w: &mut World) -> Answer {
        if action == Action::Close {
            return Outcome::Close.into();
        }
        let page = layout::inner_height(layout::text_popup(w.ctx.size));
        if let Some(d) = delta(action, page) {
            self.scroll = (self.scroll as isize).saturating_add(d).max(0) as usize;
        }
        Answer::stay()
    }

    /// Any click closes it.
    fn click(&mut self, _x: u16, _y: u16, _w: &mut World) -> Answer {
        Outcome::Close.into()
    }
}
