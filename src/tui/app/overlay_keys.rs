//! A key or a click while an overlay is open: each overlay's answer, and what the app does
//! with it (close it, open a record at what was found, show the paths, go to a history entry).

use super::cursor::{Cursor, delta};
use super::keys::popup_rows;
use super::overlay::{self, Overlay, Picker, SearchBox};
use super::{App, Effect, Outcome};
use crate::prefs::keymap::Action;
use crate::query::cite::Style;
use crate::query::search::{Field, Query};
use crate::tui::layout::{self, inner_row, inside};

/// What a key in an overlay leads to.
enum Then {
    Outcome(Outcome),
    /// The paths from one record to the other, the overlay closed.
    Paths(usize, usize),
    /// A history entry, the overlay closed.
    GoTo(usize),
}

/// An overlay's answer to a key: what follows, what the outside world must do, and where in
/// the record to open what was found.
struct Answer {
    then: Then,
    effect: Option<Effect>,
    found: Option<(Field, Query)>,
}

impl From<Outcome> for Answer {
    fn from(outcome: Outcome) -> Answer {
        Answer {
            then: Then::Outcome(outcome),
            effect: None,
            found: None,
        }
    }
}

impl App {
    /// A key while an overlay is open.
    pub(super) fn overlay_action(&mut self, action: Action) -> Option<Effect> {
        let mut overlay = self.overlay.take()?;
        let answer = match &mut overlay {
            Overlay::Search(s) => self.search_key(s, action),
            Overlay::Help(h) => {
                let rows = layout::inner_height(layout::help(self.size));
                match h.update(action, rows) {
                    true => Outcome::Stay.into(),
                    false => Outcome::Close.into(),
                }
            }
            Overlay::Picker(p) => self.picker_key(p, action),
            Overlay::History(c) => self.history_key(c, action),
            Overlay::Marks(m) => {
                let (outcome, effect) = self.marks_key(m, action);
                Answer {
                    effect,
                    ..outcome.into()
                }
            }
            Overlay::Popup(p) => match action {
                Action::Close => Outcome::Close.into(),
                a => {
                    p.update(a, layout::inner_height(layout::text_popup(self.size)));
                    Outcome::Stay.into()
                }
            },
            Overlay::Quotes(q) => {
                let ctx = self.ctx();
                let (outcome, found, effect) = q.update(action, &ctx, self.options.style);
                Answer {
                    then: Then::Outcome(outcome),
                    effect,
                    found,
                }
            }
        };
        match answer.then {
            Then::Outcome(Outcome::Stay) => self.overlay = Some(overlay),
            Then::Outcome(Outcome::Close) => {}
            Then::Outcome(Outcome::Open(r)) => self.open_found(r, answer.found),
            Then::Outcome(Outcome::Status(s)) => {
                self.status = Some(s);
                self.overlay = Some(overlay);
            }
            Then::Paths(from, to) => self.show_paths(from, to),
            Then::GoTo(entry) => self.go_to(entry),
        }
        answer.effect
    }

    fn search_key(&mut self, s: &mut SearchBox, action: Action) -> Answer {
        let ctx = self.ctx();
        let outcome = s.update(action, &ctx, self.searcher.as_ref());
        if let Some(from) = s.path_from {
            return match outcome {
                Outcome::Open(to) => Answer::from(Outcome::Stay).then(Then::Paths(from, to)),
                o => o.into(),
            };
        }
        if matches!(outcome, Outcome::Close | Outcome::Open(_)) {
            self.last_query = s.input.clone();
        }
        let mut answer = Answer::from(outcome.clone());
        if matches!(outcome, Outcome::Open(_)) {
            answer.found = s.found();
            // A search that opened something is worth keeping for next time.
            if crate::prefs::searches::push(&mut self.searches, &s.input) {
                answer.effect = Some(Effect::SaveSearches(s.input.clone()));
            }
        }
        answer
    }

    fn picker_key(&mut self, p: &mut Picker, action: Action) -> Answer {
        match action {
            Action::Close => Outcome::Close.into(),
            Action::Open => Answer {
                effect: self.copy(p.style()),
                ..Outcome::Close.into()
            },
            a => {
                p.update(&self.index, a);
                Outcome::Stay.into()
            }
        }
    }

    fn history_key(&mut self, c: &mut Cursor, action: Action) -> Answer {
        let len = self.history.entries().len();
        match action {
            Action::Close => Outcome::Close.into(),
            Action::Open => Answer::from(Outcome::Stay).then(Then::GoTo(c.selected)),
            a => {
                let rows = popup_rows(self.size, len);
                if let Some(d) = delta(a, rows) {
                    c.step(d, len, rows);
                }
                Outcome::Stay.into()
            }
        }
    }

    /// A click while an overlay is open: on it, or outside it (which closes it).
    pub(super) fn overlay_click(&mut self, x: u16, y: u16) -> Option<Effect> {
        let size = self.size;
        let row_in = |area| inner_row(area, x, y);
        match &mut self.overlay {
            Some(Overlay::Picker(p)) => {
                let (outer, list, _) = layout::picker(size);
                match row_in(list) {
                    Some(row) if row < Style::ALL.len() && row == p.cursor => {
                        return self.update(Action::Open);
                    }
                    Some(row) if row < Style::ALL.len() => p.select(&self.index, row),
                    Some(_) => {}
                    None if inside(outer, x, y) => {}
                    None => self.overlay = None,
                }
            }
            Some(Overlay::History(c)) => {
                let len = self.history.entries().len();
                let entry = row_in(layout::list_popup(size, len)).and_then(|r| c.row_at(r, len));
                self.overlay = None;
                if let Some(i) = entry {
                    self.go_to(i);
                }
            }
            Some(Overlay::Marks(_)) => {
                if let Some(Overlay::Marks(list)) = self.overlay.take() {
                    return self.marks_click(list, x, y);
                }
            }
            Some(Overlay::Help(_) | Overlay::Popup(_)) => return self.update(Action::Close),
            Some(Overlay::Quotes(q)) => {
                let (popup, _, list) = overlay::quotes::areas(size);
                let len = q.rows.len();
                match (inside(list, x, y).then(|| (y - list.y) as usize))
                    .and_then(|r| q.list.row_at(r, len))
                {
                    Some(i) if i == q.list.selected && !q.editing => {
                        return self.update(Action::Open);
                    }
                    Some(i) => q.list.selected = i,
                    None if inside(popup, x, y) => {}
                    None => self.overlay = None,
                }
            }
            Some(Overlay::Search(_)) => return self.search_click(x, y),
            None => {}
        }
        None
    }

    fn search_click(&mut self, x: u16, y: u16) -> Option<Effect> {
        let ctx = self.ctx();
        let Some(Overlay::Search(s)) = &mut self.overlay else {
            return None;
        };
        let Outcome::Open(r) = s.click(x, y, &ctx) else {
            return None;
        };
        self.last_query = s.input.clone();
        let changed = crate::prefs::searches::push(&mut self.searches, &s.input);
        let query = s.input.clone();
        let found = s.found();
        self.overlay = None;
        self.open_found(r, found);
        changed.then_some(Effect::SaveSearches(query))
    }
}

impl Answer {
    fn then(mut self, then: Then) -> Answer {
        self.then = then;
        self
    }
}
