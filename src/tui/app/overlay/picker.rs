//! The citation style picker: each style with a live preview of what would be copied, for one
//! record or for the bibliography of a collection of marks.

use crate::data::index::Index;
use crate::prefs::keymap::Action;
use crate::query::cite::{self, Style};
use crate::tui::app::cursor::{delta, step};

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

    pub fn update(&mut self, index: &Index, action: Action) {
        if let Some(d) = delta(action, Style::ALL.len()) {
            let next = step(self.cursor, d, Style::ALL.len());
            self.select(index, next);
        }
    }
}
