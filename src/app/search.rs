//! The search box: a query, its results, and the place to go back to on Esc.

use super::{App, Effect, Focus, Location};
use crate::keymap::{Action, Mode};
use crate::search::{Hit, Outcome, Query};

/// How many results a query keeps: more than a screen, fewer than a dataset.
pub const MAX_HITS: usize = 500;

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: String,
    /// Cursor position in `input`, in chars.
    pub cursor: usize,
    pub query: Query,
    pub hits: Vec<Hit>,
    /// How many records match in all (`hits` keeps only the best).
    pub total: usize,
    /// The generation of a background search still running; its results replace `hits`
    /// when they arrive, and until then the last results stay on screen.
    pub pending: Option<u64>,
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

    /// Re-runs the query and previews the best hit: at once on a small dataset, in the
    /// background on a large one (see [`App::poll_search`]).
    pub fn run_search(&mut self) {
        self.search.query = Query::parse(&self.search.input);
        self.search.pending = None;
        if self.search.query.is_empty() {
            // An empty box lists everything, so the results never look broken.
            let hits = self
                .index
                .all()
                .take(MAX_HITS)
                .map(|record| Hit {
                    record,
                    score: 0,
                    field: crate::search::Field::Name,
                })
                .collect();
            self.search.total = self.index.len();
            self.show_hits(hits);
        } else if self.searcher.in_background() {
            let query = self.search.query.clone();
            self.search.pending = Some(self.searcher.request(query, MAX_HITS));
        } else {
            let found = self.searcher.find(&self.search.query, MAX_HITS);
            self.search.total = found.total;
            self.show_hits(found.hits);
        }
    }

    fn show_hits(&mut self, hits: Vec<Hit>) {
        self.search.hits = hits;
        self.search.selected = 0;
        self.search.offset = 0;
        self.record_changed();
    }

    /// Is a background search running? The run loop then polls instead of blocking on keys.
    pub fn search_pending(&self) -> bool {
        self.search.pending.is_some()
    }

    /// Takes the background search's results if they are ready; true if they changed the
    /// screen. Results of a query since overtaken by more typing are never shown.
    pub fn poll_search(&mut self) -> bool {
        match (self.search.pending, self.searcher.poll()) {
            (Some(generation), Some(outcome)) if outcome.generation == generation => {
                self.search_done(outcome);
                true
            }
            _ => false,
        }
    }

    /// Waits for the background search to finish and shows its results (tests, and Enter
    /// pressed before the results of the last key arrived).
    pub fn wait_search(&mut self) {
        if let Some(generation) = self.search.pending
            && let Some(outcome) = self.searcher.wait()
            && outcome.generation == generation
        {
            self.search_done(outcome);
        }
    }

    fn search_done(&mut self, outcome: Outcome) {
        self.search.pending = None;
        self.search.total = outcome.found.total;
        self.show_hits(outcome.found.hits);
    }

    pub(super) fn search_action(&mut self, action: Action) -> Option<Effect> {
        let s = &mut self.search;
        match action {
            Action::Close => {
                self.search.pending = None;
                self.mode = Mode::Browse;
                if let Some(loc) = self.search.saved.take() {
                    self.restore(&loc);
                }
                return None;
            }
            Action::Open => {
                // Enter opens the best match for what was typed, not for an earlier prefix.
                self.wait_search();
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
