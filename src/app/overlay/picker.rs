//! The citation style picker: each style with a live preview of what would be copied.

use crate::app::cursor::{delta, step};
use crate::cite::{self, Style};
use crate::index::Index;
use crate::keymap::Action;

pub struct Picker {
    pub cursor: usize,
    /// The record cited.
    pub record: usize,
    /// The citation in the selected style, made when the selection changes.
    pub preview: String,
}

impl Picker {
    pub fn new(index: &Index, record: usize, style: Style) -> Picker {
        let cursor = Style::ALL.iter().position(|&s| s == style).unwrap_or(0);
        let mut p = Picker {
            cursor,
            record,
            preview: String::new(),
        };
        p.refresh(index);
        p
    }

    pub fn style(&self) -> Style {
        Style::ALL[self.cursor.min(Style::ALL.len() - 1)]
    }

    fn refresh(&mut self, index: &Index) {
        self.preview = cite::for_record(index, self.record, self.style());
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
