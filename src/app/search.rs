//! The search box: a query, its results, and the place to go back to on Esc.

use super::{App, Effect, Focus, Location};
use crate::keymap::{Action, Mode};
use crate::search::{Hit, Query};

/// How many results a query keeps: more than a screen, fewer than a dataset.
pub const MAX_HITS: usize = 500;

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: String,
    /// Cursor position in `input`, in chars.
    pub cursor: usize,
    pub query: Query,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub offset: usize,
    /// Where the user was when the search opened, restored by Esc.
    pub saved: Option<Location>,
}

impl SearchState {
    pub fn keep_visible(&mut self, height: usize) {
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.input
            .char_indices()
            .nth(chars)
            .map_or(self.input.len(), |(i, _)| i)
    }
}

impl App {
    pub(super) fn open_search(&mut self) {
        self.search.saved = self.location();
        // Results and preview need the lists; Esc brings the view back with the location.
        self.view = super::View::Browse;
        self.mode = Mode::Search;
        self.run_search();
    }

    /// Re-runs the query and previews the best hit.
    pub fn run_search(&mut self) {
        self.search.query = Query::parse(&self.search.input);
        self.search.hits = if self.search.query.is_empty() {
            // An empty box lists everything, so the results never look broken.
            self.index
                .all()
                .take(MAX_HITS)
                .map(|record| Hit {
                    record,
                    score: 0,
                    field: crate::search::Field::Name,
                })
                .collect()
        } else {
            self.searcher
                .search(&self.index, &self.search.query, MAX_HITS)
        };
        self.search.selected = 0;
        self.search.offset = 0;
        self.record_changed();
    }

    pub(super) fn search_action(&mut self, action: Action) -> Option<Effect> {
        let s = &mut self.search;
        match action {
            Action::Close => {
                self.mode = Mode::Browse;
                if let Some(loc) = self.search.saved.take() {
                    self.restore(&loc);
                }
                return None;
            }
            Action::Open => {
                let hit = self.search.hits.get(self.search.selected).map(|h| h.record);
                self.mode = Mode::Browse;
                // The jump starts from where the user was before searching.
                if let Some(loc) = self.search.saved.take() {
                    self.restore(&loc);
                }
                match hit {
                    Some(r) => self.jump(r, Focus::Detail),
                    None => self.status = Some("No match to open".into()),
                }
                return None;
            }
            Action::Input(c) => {
                let at = s.byte_at(s.cursor);
                s.input.insert(at, c);
                s.cursor += 1;
            }
            Action::DeleteChar if s.cursor > 0 => {
                let at = s.byte_at(s.cursor - 1);
                s.input.remove(at);
                s.cursor -= 1;
            }
            Action::DeleteWord => {
                let end = s.byte_at(s.cursor);
                let kept = s.input[..end].trim_end();
                let start = kept.rfind(' ').map_or(0, |i| i + 1);
                s.input.replace_range(start..end, "");
                s.cursor = s.input[..start].chars().count();
            }
            Action::ClearInput => {
                s.input.clear();
                s.cursor = 0;
            }
            Action::CursorLeft => {
                s.cursor = s.cursor.saturating_sub(1);
                return None;
            }
            Action::CursorRight => {
                s.cursor = (s.cursor + 1).min(s.input.chars().count());
                return None;
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let page = self.list_height().saturating_sub(1).max(1) as isize;
                let delta = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -page,
                    _ => page,
                };
                let last = self.search.hits.len().saturating_sub(1) as isize;
                self.search.selected =
                    (self.search.selected as isize + delta).clamp(0, last.max(0)) as usize;
                self.record_changed();
                return None;
            }
            _ => return None,
        }
        self.run_search();
        None
    }
}
