//! The citation style picker: each style with a live preview of what would be copied, for one
//! record or for the bibliography of a collection of marks.

use super::{Answer, Layer, World};
use crate::data::index::Index;
use crate::prefs::keymap::{Action, Mode};
use crate::query::cite::{self, Style};
use crate::text::sanitize;
use crate::tui::app::cursor::{delta, step};
use crate::tui::app::{Effect, Outcome};
use crate::tui::layout::{self, inner_row, inside};

/// What the picker cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Citing {
    Record(usize),
    /// The records of a collection of marks, by id: one bibliography.
    Marks(Vec<String>),
}

pub struct Picker {
    pub cursor: usize,
    pub citing: Citing,
    /// The citation in the selected style, made when the selection changes.
    pub preview: String,
}

impl Picker {
    pub fn new(index: &Index, record: usize, style: Style) -> Picker {
        Picker::citing(index, Citing::Record(record), style)
    }

    pub fn citing(index: &Index, citing: Citing, style: Style) -> Picker {
        let cursor = Style::ALL.iter().position(|&s| s == style).unwrap_or(0);
        let mut p = Picker {
            cursor,
            citing,
            preview: String::new(),
        };
        p.refresh(index);
        p
    }

    pub fn style(&self) -> Style {
        Style::ALL[self.cursor.min(Style::ALL.len() - 1)]
    }

    fn refresh(&mut self, index: &Index) {
        self.preview = match &self.citing {
            Citing::Record(r) => cite::for_record(index, *r, self.style()),
            Citing::Marks(ids) => {
                cite::for_ids(index, ids.iter().map(String::as_str), self.style()).text
            }
        };
    }

    pub fn select(&mut self, index: &Index, i: usize) {
        self.cursor = i.min(Style::ALL.len() - 1);
        self.refresh(index);
    }

    /// Moves the selection by a key that moves.
    pub fn move_by(&mut self, index: &Index, action: Action) {
        if let Some(d) = delta(action, Style::ALL.len()) {
            let next = step(self.cursor, d, Style::ALL.len());
            self.select(index, next);
        }
    }

    /// What Enter copies: the citation in the selected style.
    fn copy(&self, index: &Index) -> Effect {
        let style = self.style();
        let (text, what) = match &self.citing {
            Citing::Record(r) => (
                cite::for_record(index, *r, style),
                sanitize::line(index.record(*r).name()).into_owned(),
            ),
            Citing::Marks(ids) => (
                cite::for_ids(index, ids.iter().map(String::as_str), style).text,
                format!("{} marks", ids.len()),
            ),
        };
        Effect::Copy {
            text,
            what: format!("{} citation of “{what}”", style.label()),
        }
    }
}

impl Layer for Picker {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn update(&mut self, action: Action, w: &mut World) -> Answer {
        match action {
            Action::Close => Outcome::Close.into(),
            Action::Open => Answer {
                effect: Some(self.copy(&w.ctx.index)),
                ..Outcome::Close.into()
            },
            a => {
                self.move_by(&w.ctx.index, a);
                Answer::stay()
            }
        }
    }

    /// A click on a style selects it, on the selected one copies; outside closes the picker.
    fn click(&mut self, x: u16, y: u16, w: &mut World) -> Answer {
        let (outer, list, _) = layout::picker(w.ctx.size);
        match inner_row(list, x, y) {
            Some(row) if row < Style::ALL.len() && row == self.cursor => {
                self.update(Action::Open, w)
            }
            Some(row) if row < Style::ALL.len() => {
                self.select(&w.ctx.index, row);
                Answer::stay()
            }
            Some(_) => Answer::stay(),
            None if inside(outer, x, y) => Answer::stay(),
            None => Outcome::Close.into(),
        }
    }
}
