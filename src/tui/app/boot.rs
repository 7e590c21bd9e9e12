//! What the explorer shows before it can be browsed: loading, with its progress, or the
//! problems that stopped the dataset from loading.

use crate::ingest::load::Problem;
use crate::prefs::keymap::Action;
use crate::tui::app::cursor::delta;
use std::time::{Duration, Instant};

/// A dataset being read on a background thread.
#[derive(Debug, Clone)]
pub struct Loading {
    /// Where the data comes from, for the title.
    pub origin: String,
    pub started: Instant,
    /// Bytes of data parsed, out of the total; 0 of 0 until the files are listed.
    pub done: u64,
    pub total: u64,
    /// Data files parsed, out of those found.
    pub files_done: usize,
    pub files_total: usize,
    /// Records parsed so far.
    pub records: usize,
    /// What is happening now: "reading", "parsing", "checking links", "indexing".
    pub phase: String,
}

impl Loading {
    pub fn new(origin: String) -> Loading {
        Loading {
            origin,
            started: Instant::now(),
            done: 0,
            total: 0,
            files_done: 0,
            files_total: 0,
            records: 0,
            phase: "reading".into(),
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// How far, from 0 to 1.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            (self.done as f64 / self.total as f64).clamp(0.0, 1.0)
        }
    }
}

/// The problems of a dataset that did not load, scrollable.
#[derive(Debug, Clone)]
pub struct Problems {
    pub origin: String,
    pub lines: Vec<String>,
    pub scroll: usize,
}

impl Problems {
    pub fn new(origin: String, problems: &[Problem]) -> Problems {
        let mut lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        lines.push(crate::data::dataset::summary(problems));
        Problems {
            origin,
            lines,
            scroll: 0,
        }
    }

    pub fn update(&mut self, action: Action, page: usize) {
        if let Some(d) = delta(action, page) {
            let max = self.lines.len().saturating_sub(page.max(1));
            self.scroll = (self.scroll as isize)
                .saturating_add(d)
                .clamp(0, max as isize) as usize;
        }
    }
}
