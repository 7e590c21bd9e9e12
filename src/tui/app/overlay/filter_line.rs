//! The filter line, `|`: a query that narrows the rows of the view on screen. Enter applies it
//! (an empty line clears the filter), Esc leaves the rows as they were.

use super::{Answer, Layer, Then, World};
use crate::prefs::keymap::{Action, Mode};
use crate::tui::app::Outcome;
use crate::tui::app::filter;
use crate::tui::app::line_edit::LineEdit;
use crate::tui::layout::{self, inside};
use ratatui::layout::Rect;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct FilterLine {
    pub line: LineEdit,
}

/// Where the line is drawn: a box of four rows over the top of the lists.
pub fn area(size: (u16, u16)) -> Rect {
    let screen = layout::screen(size).list;
    Rect::new(
        screen.x,
        screen.y,
        size.0.saturating_sub(screen.x * 2).min(100),
        4.min(size.1),
    )
}

impl FilterLine {
    /// Opens with the filter in force, selected so that typing replaces it.
    pub fn open(text: &str) -> FilterLine {
        FilterLine {
            line: LineEdit::new(text, true),
        }
    }
}

impl Layer for FilterLine {
    fn mode(&self) -> Mode {
        Mode::Edit
    }

    fn update(&mut self, action: Action, w: &mut World) -> Answer {
        match action {
            Action::Close => Outcome::Close.into(),
            Action::Open => match filter::run(&self.line.text, w.ctx, w.searcher) {
                Ok(f) => Answer::then(Then::Filter(f.map(Arc::new))),
                // Still open, so the query can be put right.
                Err(why) => Outcome::Status(why).into(),
            },
            a => {
                self.line.edit(a);
                Answer::stay()
            }
        }
    }

    /// A click outside the line closes it.
    fn click(&mut self, x: u16, y: u16, w: &mut World) -> Answer {
        match inside(area(w.ctx.size), x, y) {
            true => Answer::stay(),
            false => Outcome::Close.into(),
        }
    }
}
