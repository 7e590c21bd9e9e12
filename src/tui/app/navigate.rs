//! Moving between places: opening a record, switching views, going back and forward, and the
//! keys and clicks that lead there.

use super::cursor::{Cursor, delta};
use super::overlay::{self, Help, MarksList, Overlay, Picker, QuotesList, SearchBox, TextPopup};
use super::{App, Ctx, Effect, Focus, Location, Outcome, Place};
use crate::prefs::keymap::{Action, Mode, View};
use crate::query::cite::Style;
use crate::query::search::{Field, Query};
use crate::text::sanitize;
use crate::tui::layout::{self, inner_row, inside};

/// Rows of a popup list.
fn popup_rows(size: (u16, u16), len: usize) -> usize {
    layout::inner_height(layout::list_popup(size, len))
}

impl App {
    /// What the screen shows now, as history would keep it.
    pub fn here(&self) -> Location {
        let place = match self.view {
            View::Browse => Place::Lists(self.lists.place(&self.index)),
            View::Timeline => Place::Timeline(self.timeline.state.clone()),
            View::Stats => Place::Stats(self.stats.state.clone()),
            View::Map => Place::Map(self.map.state.clone()),
            View::Paths => match self.paths.place() {
                Some(p) => Place::Paths(p),
                None => Place::Lists(self.lists.place(&self.index)),
            },
            View::Around => Place::Around(self.around.state.clone()),
        };
        let record = match self.view {
            View::Browse => self.lists.detail.record,
            _ => self.view_record(),
        };
        Location { record, place }
    }

    /// Shows a place exactly as it was left.
    fn restore(&mut self, loc: &Location) {
        let ctx = Ctx {
            index: &self.index,
            size: self.size,
        };
        self.view = loc.place.view();
        match &loc.place {
            Place::Lists(p) => self.lists.restore(p, &ctx),
            Place::Timeline(s) => {
                self.timeline.state = s.clone();
                self.timeline.shown(&self.index, None);
                self.timeline.settle(self.size);
            }
            Place::Stats(s) => {
                self.stats.state = s.clone();
                self.stats.shown(&self.index, self.size, None);
            }
            Place::Map(s) => {
                self.map.state = s.clone();
                self.map.shown(&self.index, self.size, None);
            }
            Place::Paths(s) => {
                self.paths.restore(s, &self.index, self.size);
                if s.found.is_none() {
                    self.want_graph();
                }
            }
            Place::Around(s) => {
                self.around.restore(s);
                self.want_graph();
            }
        }
    }

    /// Opens a record in the lists' detail pane: a new step in the history.
    pub fn open(&mut self, record: usize) {
        self.open_found(record, None);
    }

    /// Opens a search hit: the record, scrolled to the quote or note the words were found in,
    /// with the words marked there.
    fn open_found(&mut self, record: usize, found: Option<(Field, Query)>) {
        self.history.record(self.here(), true);
        self.view = View::Browse;
        let ctx = Ctx {
            index: &self.index,
            size: self.size,
        };
        self.lists.show_record(record, Focus::Detail, &ctx);
        if let Some((field, query)) = found {
            self.lists.detail.find(field, query);
        }
        self.history.record(self.here(), true);
    }

    /// Goes `by` steps back (negative) or forward in the history.
    fn go(&mut self, by: isize) {
        self.history.record(self.here(), false);
        match self.history.go(by).cloned() {
            Some(loc) => self.restore(&loc),
            None if by < 0 => self.status = Some("Nothing to go back to".into()),
            None => self.status = Some("Nothing to go forward to".into()),
        }
    }

    fn go_to(&mut self, entry: usize) {
        self.history.record(self.here(), false);
        if let Some(loc) = self.history.go_to(entry).cloned() {
            self.restore(&loc);
        }
    }

    /// Switches view: a step in the history, as opening a record is.
    pub fn show_view(&mut self, view: View) {
        if view == self.view {
            return;
        }
        let from = self.here().record;
        self.history.record(self.here(), true);
        self.view = view;
        match view {
            View::Browse => {}
            View::Timeline => {
                self.timeline.shown(&self.index, from);
                self.timeline.settle(self.size);
                self.status = self.timeline.said.take();
            }
            View::Stats => {
                self.stats.shown(&self.index, self.size, from);
                self.status = self.stats.said.take();
            }
            View::Map => self.map.shown(&self.index, self.size, from),
            View::Paths => {}
            View::Around => {
                if let Some(r) = from {
                    self.around.ask(r);
                    self.want_graph();
                }
            }
        }
        self.history.record(self.here(), true);
    }

    /// Shows the chains from `from` to `to`: a step in the history.
    pub fn show_paths(&mut self, from: usize, to: usize) {
        self.history.record(self.here(), true);
        self.paths.ask(from, to);
        self.view = View::Paths;
        self.want_graph();
        self.paths.layout(&self.index, self.size);
        self.history.record(self.here(), true);
    }

    /// A history entry as the history list and the title's trail name it.
    pub fn location_label(&self, loc: &Location) -> String {
        let name = loc
            .record
            .map(|r| sanitize::line(self.index.record(r).name()).into_owned());
        match (&loc.place, name) {
            (Place::Paths(p), _) => {
                let name = |r: usize| sanitize::line(self.index.record(r).name()).into_owned();
                format!("paths: {} → {}", name(p.from), name(p.to))
            }
            (Place::Lists(_), Some(name)) => name,
            (Place::Lists(_), None) => "lists".to_string(),
            (place, Some(name)) => format!("{}: {name}", place.view().title()),
            (place, None) => place.view().title().to_string(),
        }
    }

    /// The places the back key returns to, oldest first, then where the user is now.
    pub fn trail(&self) -> Vec<String> {
        let entries = self.history.entries();
        let at = self.history.at();
        let here = self.here();
        let mut out: Vec<String> = entries[..at.min(entries.len())]
            .iter()
            .map(|l| self.location_label(l))
            .collect();
        if let Some(current) = self.history.current()
            && (current.record != here.record || current.place.view() != here.place.view())
        {
            out.push(self.location_label(current));
        }
        out.push(self.location_label(&here));
        out
    }

    /// The view switcher at the right of the title bar: each view with its key ("t timeline"),
    /// and its x range, for clicks.
    pub fn switcher(&self) -> Vec<(View, String, u16, u16)> {
        let label = |v: View, long: bool| {
            let key = self.keymap.key_for(Mode::Browse, Action::ShowView(v));
            match (key, long) {
                (Some(k), true) => format!("{k} {}", v.title()),
                (Some(k), false) => k,
                (None, _) => v.title().to_string(),
            }
        };
        let long: Vec<String> = View::ALL.iter().map(|&v| label(v, true)).collect();
        let short: Vec<String> = View::ALL.iter().map(|&v| label(v, false)).collect();
        let (use_long, ranges) = layout::switcher(&long, &short, self.size.0);
        let labels = if use_long { long } else { short };
        View::ALL
            .iter()
            .zip(labels)
            .zip(ranges)
            .map(|((&v, l), (a, b))| (v, l, a, b))
            .collect()
    }

    fn copy(&self, style: Style) -> Option<Effect> {
        let r = self.view_record()?;
        let name = self.index.record(r).name();
        Some(Effect::Copy {
            text: crate::query::cite::for_record(&self.index, r, style),
            what: format!("{} citation of “{}”", style.label(), sanitize::line(name)),
        })
    }

    /// A key while no overlay is open: what every view shares, else the view's own.
    pub(super) fn view_action(&mut self, action: Action) -> Option<Effect> {
        let ctx = Ctx {
            index: &self.index,
            size: self.size,
        };
        let outcome = match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help(Help::new(&self.keymap, self.key_mode())));
                return None;
            }
            Action::Search => {
                let s = SearchBox::open(
                    &self.last_query,
                    &self.searches,
                    &ctx,
                    self.searcher.as_ref(),
                );
                self.overlay = Some(Overlay::Search(Box::new(s)));
                return None;
            }
            Action::Back => {
                self.go(-1);
                return None;
            }
            Action::Forward => {
                self.go(1);
                return None;
            }
            Action::History => {
                self.history.record(self.here(), false);
                let mut c = Cursor::at(self.history.at());
                let len = self.history.entries().len();
                c.show(len, popup_rows(self.size, len));
                self.overlay = Some(Overlay::History(c));
                return None;
            }
            Action::Copy => return self.copy(self.options.style),
            Action::CopyInText => {
                let r = self.view_record()?;
                let style = self.options.style;
                return Some(Effect::Copy {
                    text: crate::query::cite::in_text_for_record(&self.index, r, style),
                    what: format!(
                        "{} in-text citation of “{}”",
                        style.label(),
                        sanitize::line(self.index.record(r).name())
                    ),
                });
            }
            Action::PickStyle => {
                match self.view_record() {
                    Some(r) => {
                        let p = Picker::new(&self.index, r, self.options.style);
                        self.overlay = Some(Overlay::Picker(p));
                    }
                    None => self.status = Some("Nothing here to cite".into()),
                }
                return None;
            }
            Action::CopyId => {
                let r = self.view_record()?;
                let id = self.index.record(r).id().to_string();
                return Some(Effect::Copy {
                    what: format!("id {id}"),
                    text: id,
                });
            }
            Action::CopyRows => {
                let (text, what) = match self.view {
                    View::Browse => (self.lists.rows_tsv(&self.index), "list"),
                    _ => (self.stats.rows_tsv(&self.index), "figures"),
                };
                let rows = text.lines().count().saturating_sub(1);
                return Some(Effect::Copy {
                    text,
                    what: format!("all {rows} rows of the {what} as TSV"),
                });
            }
            Action::ShowView(v) => {
                self.show_view(v);
                return None;
            }
            Action::Mark => return self.toggle_mark(),
            Action::Problems => {
                self.show_problems();
                return None;
            }
            Action::PathFrom => {
                match self.view_record() {
                    Some(from) => {
                        let mut s =
                            SearchBox::open("", &self.searches, &ctx, self.searcher.as_ref());
                        s.path_from = Some(from);
                        self.overlay = Some(Overlay::Search(Box::new(s)));
                    }
                    None => self.status = Some("Nothing here to start a path from".into()),
                }
                return None;
            }
            Action::Around => {
                match self.view_record() {
                    Some(r) if self.view == View::Around => {
                        // From a record in the tree, its own neighbourhood: a step in history.
                        self.history.record(self.here(), true);
                        self.around.ask(r);
                        self.want_graph();
                        self.history.record(self.here(), true);
                    }
                    Some(_) => self.show_view(View::Around),
                    None => self.status = Some("Nothing here to look around".into()),
                }
                return None;
            }
            Action::Marks => {
                self.overlay = Some(Overlay::Marks(MarksList::default()));
                return None;
            }
            Action::Quotes => {
                let q = QuotesList::open(&self.last_query, &ctx);
                self.overlay = Some(Overlay::Quotes(Box::new(q)));
                return None;
            }
            a => match self.view {
                View::Browse => self.lists.update(a, &ctx),
                View::Timeline => self.timeline.update(a, &ctx),
                View::Stats => self.stats.update(a, &ctx),
                View::Map => self.map.update(a, &ctx),
                View::Paths => self.paths.update(a, &ctx),
                View::Around => {
                    let graph = self.graph();
                    self.around.update(a, &ctx, graph.as_ref())
                }
            },
        };
        self.follow(outcome);
        None
    }

    /// Does what a view asked for.
    fn follow(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Stay => {}
            Outcome::Close => self.show_view(View::Browse),
            Outcome::Open(r) => self.open(r),
            Outcome::Status(s) => self.status = Some(s),
        }
    }

    /// A key while an overlay is open.
    pub(super) fn overlay_action(&mut self, action: Action) -> Option<Effect> {
        let mut overlay = self.overlay.take()?;
        let ctx = Ctx {
            index: &self.index,
            size: self.size,
        };
        let mut effect = None;
        let mut found = None;
        let outcome = match &mut overlay {
            Overlay::Search(s) if s.path_from.is_some() => {
                match s.update(action, &ctx, self.searcher.as_ref()) {
                    Outcome::Open(to) => {
                        let from = s.path_from.unwrap_or(to);
                        self.overlay = None;
                        self.show_paths(from, to);
                        return None;
                    }
                    o => o,
                }
            }
            Overlay::Search(s) => {
                let o = s.update(action, &ctx, self.searcher.as_ref());
                if matches!(o, Outcome::Close | Outcome::Open(_)) {
                    self.last_query = s.input.clone();
                }
                if matches!(o, Outcome::Open(_)) {
                    found = s.found();
                }
                // A search that opened something is worth keeping for next time.
                if matches!(o, Outcome::Open(_))
                    && crate::prefs::searches::push(&mut self.searches, &s.input)
                {
                    effect = Some(Effect::SaveSearches(s.input.clone()));
                }
                o
            }
            Overlay::Help(h) => {
                if h.update(action, layout::inner_height(layout::help(self.size))) {
                    Outcome::Stay
                } else {
                    Outcome::Close
                }
            }
            Overlay::Picker(p) => match action {
                Action::Close => Outcome::Close,
                Action::Open => {
                    effect = self.copy(p.style());
                    Outcome::Close
                }
                a => {
                    p.update(&self.index, a);
                    Outcome::Stay
                }
            },
            Overlay::History(c) => {
                let len = self.history.entries().len();
                match action {
                    Action::Close => Outcome::Close,
                    Action::Open => {
                        let entry = c.selected;
                        self.overlay = None;
                        self.go_to(entry);
                        return None;
                    }
                    a => {
                        if let Some(d) = delta(a, popup_rows(self.size, len)) {
                            c.step(d, len, popup_rows(self.size, len));
                        }
                        Outcome::Stay
                    }
                }
            }
            Overlay::Marks(m) => {
                let (outcome, e) = self.marks_key(m, action);
                effect = e;
                outcome
            }
            Overlay::Popup(p) => match action {
                Action::Close => Outcome::Close,
                a => {
                    p.update(a, layout::inner_height(layout::text_popup(self.size)));
                    Outcome::Stay
                }
            },
            Overlay::Quotes(q) => {
                let (o, at, e) = q.update(action, &ctx, self.options.style);
                found = at;
                effect = e;
                o
            }
        };
        match outcome {
            Outcome::Stay => self.overlay = Some(overlay),
            Outcome::Close => {}
            Outcome::Open(r) => self.open_found(r, found),
            Outcome::Status(s) => {
                self.status = Some(s);
                self.overlay = Some(overlay);
            }
        }
        effect
    }

    /// A click: on an overlay, else the view switcher in the title bar, else the view.
    pub(super) fn click(&mut self, x: u16, y: u16) -> Option<Effect> {
        let size = self.size;
        let row_in = |area| inner_row(area, x, y);
        match &mut self.overlay {
            Some(Overlay::Picker(p)) => {
                let (_, list, _) = layout::picker(size);
                match row_in(list) {
                    Some(row) if row < Style::ALL.len() => {
                        if row == p.cursor {
                            return self.update(Action::Open);
                        }
                        p.select(&self.index, row);
                    }
                    Some(_) => {}
                    None if inside(layout::picker(size).0, x, y) => {}
                    None => self.overlay = None,
                }
                return None;
            }
            Some(Overlay::History(c)) => {
                let len = self.history.entries().len();
                match row_in(layout::list_popup(size, len)).and_then(|r| c.row_at(r, len)) {
                    Some(i) => {
                        self.overlay = None;
                        self.go_to(i);
                    }
                    None => self.overlay = None,
                }
                return None;
            }
            Some(Overlay::Marks(_)) => {
                if let Some(Overlay::Marks(list)) = self.overlay.take() {
                    return self.marks_click(list, x, y);
                }
                return None;
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
                return None;
            }
            Some(Overlay::Search(s)) => {
                let ctx = Ctx {
                    index: &self.index,
                    size,
                };
                if let Outcome::Open(r) = s.click(x, y, &ctx) {
                    self.last_query = s.input.clone();
                    let changed = crate::prefs::searches::push(&mut self.searches, &s.input);
                    let query = s.input.clone();
                    let found = s.found();
                    self.overlay = None;
                    self.open_found(r, found);
                    return changed.then_some(Effect::SaveSearches(query));
                }
                return None;
            }
            None => {}
        }
        if y == 0 {
            if let Some(&(v, ..)) = self.switcher().iter().find(|s| (s.2..s.3).contains(&x)) {
                self.show_view(v);
            }
            return None;
        }
        let ctx = Ctx {
            index: &self.index,
            size,
        };
        let outcome = match self.view {
            View::Browse => self.lists.click(x, y, &ctx),
            View::Timeline => self.timeline.click(x, y, &ctx),
            View::Stats => self.stats.click(x, y, &ctx),
            View::Map => self.map.click(x, y, &ctx),
            View::Paths => self.paths.click(x, y, &ctx),
            View::Around => {
                let graph = self.graph();
                self.around.click(x, y, &ctx, graph.as_ref())
            }
        };
        self.follow(outcome);
        None
    }

    pub(super) fn wheel(&mut self, x: u16, y: u16, d: i8) {
        let ctx = Ctx {
            index: &self.index,
            size: self.size,
        };
        match &mut self.overlay {
            Some(Overlay::Search(s)) => s.wheel(x, y, d, &ctx),
            Some(_) => {
                let a = if d < 0 { Action::Up } else { Action::Down };
                for _ in 0..3 {
                    self.update(a);
                }
            }
            None => match self.view {
                View::Browse => self.lists.wheel(x, y, d, &ctx),
                View::Timeline => self.timeline.wheel(x, y, d, &ctx),
                View::Stats => self.stats.wheel(x, y, d, &ctx),
                View::Map => self.map.wheel(x, y, d, &ctx),
                View::Paths => self.paths.wheel(d),
                View::Around => self.around.wheel(d, self.size),
            },
        }
    }

    /// Shows text for the user to copy by hand (tests, and the clipboard's last resort).
    pub fn show_text(&mut self, title: String, body: String) {
        self.overlay = Some(Overlay::Popup(TextPopup::new(title, body)));
    }
}
