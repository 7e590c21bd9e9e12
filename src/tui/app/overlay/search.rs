//! The search box: a query line edited as readline does, its results, and a preview of the
//! selected hit. It leaves the lists untouched, so Esc returns to exactly where the user was.

use crate::prefs::keymap::Action;
use crate::query::search::{Field, Hit, Outcome as Found, Query, Searcher, within_limits};
use crate::tui::app::cursor::{Cursor, delta};
use crate::tui::app::detail_pane::DetailPane;
use crate::tui::app::line_edit::LineEdit;
use crate::tui::app::lists::detail_size;
use crate::tui::app::{Ctx, Outcome};
use crate::tui::layout::{self, inner_row};
use std::sync::Arc;

mod hit_text;
mod layer;
pub use hit_text::HitText;

/// How many results a query keeps: more than a screen, fewer than a dataset.
pub const MAX_HITS: usize = 500;

#[derive(Debug, Clone, Default)]
pub struct SearchBox {
    pub input: String,
    /// Cursor position in `input`, in chars.
    pub cursor: usize,
    /// The whole input is selected, as when the box reopens with the last query: typing
    /// replaces it, a cursor key keeps it for editing.
    pub replace: bool,
    pub query: Query,
    /// Why the query cannot run (an unknown operator, a place not in the data), to show
    /// instead of "no match".
    pub error: Option<String>,
    /// A short query's loose matches left out of the list (see `Found::loose`).
    pub loose: usize,
    pub hits: Vec<Hit>,
    /// How many records match in all (`hits` keeps only the best).
    pub total: usize,
    /// More may match than `total` says: on a large dataset texts are read only as far as the
    /// list needs.
    pub more: bool,
    /// The query waits for the searcher, still being built after a (re)load.
    pub preparing: bool,
    /// Enter was pressed while preparing: the best hit opens once the searcher is there.
    pub open_when_ready: bool,
    /// The generation of a background search still running; its results replace `hits`
    /// when they arrive, and until then the last results stay on screen.
    pub pending: Option<u64>,
    pub list: Cursor,
    pub preview: DetailPane,
    /// Earlier searches, oldest first, and where Up and Down are in them (`None`: at the
    /// query being typed, kept in `draft` meanwhile).
    pub history: Vec<String>,
    pub at: Option<usize>,
    pub draft: String,
    /// Picking where a path from this record goes, rather than a record to open.
    pub path_from: Option<usize>,
    /// Searches run since the box opened (each costs up to a scan of the dataset).
    pub runs: usize,
    /// The words of the hits drawn, by (hit, room), for these hits.
    shown: std::cell::RefCell<rustc_hash::FxHashMap<(usize, usize), HitText>>,
}

/// Rows of results under the query line.
pub fn results_height(size: (u16, u16)) -> usize {
    layout::inner_height(layout::screen(size).list)
        .saturating_sub(1)
        .max(1)
}

/// Whether a hit matched outside the record's name, so its list shows where.
fn elsewhere(hit: &Hit) -> bool {
    hit.field != Field::Name
}

impl SearchBox {
    /// Opens with the previous query, selected, and its results; Up and Down walk `history`.
    pub fn open(
        previous: &str,
        history: &[String],
        ctx: &Ctx,
        searcher: Option<&Searcher>,
    ) -> SearchBox {
        let mut s = SearchBox {
            input: previous.to_string(),
            cursor: previous.chars().count(),
            replace: !previous.is_empty(),
            history: history.to_vec(),
            ..SearchBox::default()
        };
        s.keep_within_limits();
        s.run(ctx, searcher);
        s
    }

    /// The record the preview shows.
    pub fn selected(&self) -> Option<usize> {
        self.hits.get(self.list.selected).map(|h| h.record)
    }

    /// Where the selected hit matched and the query, for the detail pane to mark.
    pub fn found(&self) -> Option<(Field, Query)> {
        let hit = self.hits.get(self.list.selected)?;
        (!self.query.words.is_empty()).then(|| (hit.field, self.query.clone()))
    }

    /// Lines each hit takes: two when some hit matched outside its name (the second says where,
    /// with the words in context), else one.
    pub fn lines_per_hit(&self) -> usize {
        if self.hits.iter().any(elsewhere) {
            2
        } else {
            1
        }
    }

    /// Hits on screen at once.
    fn page(&self, size: (u16, u16)) -> usize {
        (results_height(size) / self.lines_per_hit()).max(1)
    }

    /// Re-runs the query: at once on a small dataset, in the background on a large one.
    pub fn run(&mut self, ctx: &Ctx, searcher: Option<&Searcher>) {
        self.runs += 1;
        self.query = Query::parse(&self.input).with_user(Arc::clone(&ctx.user));
        self.pending = None;
        self.error = None;
        self.loose = 0;
        self.preparing = false;
        if self.query.is_empty() {
            // An empty box lists everything, so the results never look broken.
            let hits = ctx
                .index
                .all()
                .take(MAX_HITS)
                .map(|record| Hit {
                    record,
                    score: 0,
                    field: Field::Name,
                })
                .collect();
            self.total = ctx.index.len();
            self.more = false;
            self.show_hits(hits, ctx);
            return;
        }
        let Some(searcher) = searcher else {
            // Runs again when the searcher is handed over.
            self.preparing = true;
            self.total = 0;
            self.more = false;
            self.show_hits(Vec::new(), ctx);
            return;
        };
        if searcher.in_background() {
            self.pending = Some(searcher.request(self.query.clone(), MAX_HITS));
        } else {
            let found = searcher.find(&self.query, MAX_HITS);
            self.total = found.total;
            self.more = found.unread > 0;
            (self.error, self.loose) = (found.error, found.loose);
            self.show_hits(found.hits, ctx);
        }
    }

    fn show_hits(&mut self, hits: Vec<Hit>, ctx: &Ctx) {
        self.hits = hits;
        self.shown.borrow_mut().clear();
        self.list = Cursor::default();
        self.show_preview(ctx);
    }

    fn show_preview(&mut self, ctx: &Ctx) {
        self.preview
            .show(&ctx.index, self.selected(), detail_size(ctx.size));
        match self.found() {
            Some((field, query)) => self.preview.find(field, query),
            None => self.preview.lose_found(),
        }
    }

    fn relayout(&mut self, ctx: &Ctx) {
        self.list.show(self.hits.len(), self.page(ctx.size));
        self.preview.resize(&ctx.index, detail_size(ctx.size));
    }

    /// Takes a background search's results if they are ready; true if the screen changed.
    /// Results of a query since overtaken by more typing are never shown.
    fn take_results(&mut self, ctx: &Ctx, searcher: Option<&Searcher>) -> bool {
        match (self.pending, searcher.and_then(Searcher::poll)) {
            (Some(generation), Some(outcome)) if outcome.generation == generation => {
                self.done(outcome, ctx);
                true
            }
            _ => false,
        }
    }

    /// Waits for the background search (Enter pressed before the last key's results came).
    fn wait_for(&mut self, ctx: &Ctx, searcher: Option<&Searcher>) {
        if let Some(generation) = self.pending
            && let Some(outcome) = searcher.and_then(Searcher::wait)
            && outcome.generation == generation
        {
            self.done(outcome, ctx);
        }
    }

    fn done(&mut self, outcome: Found, ctx: &Ctx) {
        self.pending = None;
        self.total = outcome.found.total;
        self.more = outcome.found.unread > 0;
        (self.error, self.loose) = (outcome.found.error, outcome.found.loose);
        self.show_hits(outcome.found.hits, ctx);
    }

    /// Edits the query line as [`LineEdit`] does; true when the query changed.
    fn edit(&mut self, action: Action) -> bool {
        let mut line = LineEdit {
            text: std::mem::take(&mut self.input),
            cursor: self.cursor,
            replace: self.replace,
        };
        let edited = line.edit(action);
        (self.input, self.cursor, self.replace) = (line.text, line.cursor, line.replace);
        edited
            && matches!(
                action,
                Action::Input(_) | Action::DeleteChar | Action::DeleteWord | Action::ClearInput
            )
    }

    /// Cuts the query to the limits; true if it was over them.
    fn keep_within_limits(&mut self) -> bool {
        let (kept, cut) = within_limits(&self.input);
        if cut {
            let kept = kept.len();
            self.input.truncate(kept);
            self.cursor = self.cursor.min(self.input.chars().count());
        }
        cut
    }

    /// Pasted text goes in at the cursor as one edit, with one search, minus anything that is
    /// not text; whatever would take the query past its limits is left out.
    fn pasted(&mut self, text: &str, ctx: &Ctx, searcher: Option<&Searcher>) -> Outcome {
        let clean: String = text
            .chars()
            .filter(|c| !c.is_control())
            .take(crate::query::search::MAX_QUERY_CHARS + 1)
            .collect();
        if std::mem::take(&mut self.replace) {
            self.input.clear();
            self.cursor = 0;
        }
        let at = self
            .input
            .char_indices()
            .nth(self.cursor)
            .map_or(self.input.len(), |(i, _)| i);
        self.input.insert_str(at, &clean);
        self.cursor += clean.chars().count();
        let cut = self.keep_within_limits();
        self.run(ctx, searcher);
        if cut {
            Outcome::Status(format!(
                "Pasted text cut: {}",
                crate::query::search::query_limits()
            ))
        } else {
            Outcome::Stay
        }
    }

    /// Up and Down: an earlier or later search in place of the query, as a shell does.
    fn walk(&mut self, older: bool) -> bool {
        let n = self.history.len();
        let next = match (self.at, older) {
            // The box opens with the last search: the first Up goes to the one before it.
            (None, true) if n > 1 && self.history[n - 1] == self.input => Some(n - 2),
            (None, true) if n > 0 => Some(n - 1),
            (None, _) => return false,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => None,
        };
        if self.at.is_none() {
            self.draft = self.input.clone();
        }
        self.at = next;
        self.input = match next {
            Some(i) => self.history[i].clone(),
            None => std::mem::take(&mut self.draft),
        };
        // A history file is the user's, but may have been damaged or written by hand.
        self.keep_within_limits();
        self.cursor = self.input.chars().count();
        self.replace = false;
        true
    }

    fn key(&mut self, action: Action, ctx: &Ctx, searcher: Option<&Searcher>) -> Outcome {
        match action {
            Action::Older | Action::Newer => {
                if self.walk(action == Action::Older) {
                    self.run(ctx, searcher);
                }
            }
            Action::Close => return Outcome::Close,
            Action::Open if self.preparing => {
                self.open_when_ready = true;
                return Outcome::Status("Opening the best match when the search is ready…".into());
            }
            Action::Open => {
                // Enter opens the best match for what was typed, not for an earlier prefix.
                self.wait_for(ctx, searcher);
                return match self.selected() {
                    Some(r) => Outcome::Open(r),
                    None => Outcome::Status("No match to open".into()),
                };
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let page = self.page(ctx.size);
                if let Some(d) = delta(action, page) {
                    self.list.step(d, self.hits.len(), page);
                    self.show_preview(ctx);
                }
            }
            a => {
                if self.edit(a) {
                    let cut = self.keep_within_limits();
                    self.run(ctx, searcher);
                    if cut {
                        let limits = crate::query::search::query_limits();
                        return Outcome::Status(format!("Not added: {limits}"));
                    }
                }
            }
        }
        Outcome::Stay
    }

    fn clicked(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
        let areas = layout::screen(ctx.size);
        if let Some(row) = inner_row(areas.list, x, y) {
            // The first inner row is the query line.
            let per_hit = self.lines_per_hit();
            let Some(i) = row
                .checked_sub(1)
                .and_then(|r| self.list.row_at(r / per_hit, self.hits.len()))
            else {
                return Outcome::Stay;
            };
            if i == self.list.selected {
                return self.selected().map_or(Outcome::Stay, Outcome::Open);
            }
            self.list.selected = i;
            self.show_preview(ctx);
        }
        Outcome::Stay
    }

    fn scrolled(&mut self, x: u16, y: u16, d: i8, ctx: &Ctx) {
        let areas = layout::screen(ctx.size);
        if layout::inside(areas.list, x, y) {
            let page = self.page(ctx.size);
            self.list.step(isize::from(d) * 3, self.hits.len(), page);
            self.show_preview(ctx);
        } else if layout::inside(areas.detail, x, y) {
            self.preview.scroll_by(isize::from(d) * 3);
        }
    }
}
