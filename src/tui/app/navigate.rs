//! Moving between places: opening a record, switching views, going back and forward.

use super::filter::RowFilter;
use super::overlay::{Overlay, TextPopup};
use super::screen::View;
use super::{App, Focus, Location, Place};
use crate::prefs::keymap::{Action, Mode};
use crate::query::search::{Field, Query};
use crate::text::sanitize;
use crate::tui::layout;
use std::sync::Arc;

impl App {
    /// What the screen shows now, as history would keep it (the lists when the view has no
    /// place to come back to).
    pub fn here(&self) -> Location {
        let lists = &self.views.lists;
        let place = self.views.get(self.view).place(&self.index);
        let place = place.unwrap_or_else(|| Place::Lists(lists.spot(&self.index)));
        let record = match self.view {
            View::Browse => lists.detail.record,
            _ => self.view_record(),
        };
        Location { record, place }
    }

    /// Shows a place exactly as it was left.
    fn restore(&mut self, loc: &Location) {
        self.view = loc.place.view();
        let ctx = self.ctx();
        let view = self.views.get_mut(self.view);
        view.restore(&loc.place, &ctx);
        if view.wants_graph() {
            self.want_graph();
        }
    }

    /// Opens a record in the lists' detail pane: a new step in the history.
    pub fn open(&mut self, record: usize) {
        self.open_found(record, None);
    }

    /// Opens a search hit: the record, scrolled to the quote or note the words were found in,
    /// with the words marked there.
    pub(super) fn open_found(&mut self, record: usize, found: Option<(Field, Query)>) {
        self.history.record(self.here(), true);
        self.view = View::Browse;
        let ctx = self.ctx();
        if self.views.lists.show_record(record, Focus::Detail, &ctx) {
            self.status = Some(format!(
                "The filter is set aside to show “{}”; going back brings it back",
                sanitize::line(self.index.record(record).name())
            ));
        }
        if let Some((field, query)) = found {
            self.views.lists.detail.find(field, query);
        }
        self.history.record(self.here(), true);
    }

    /// Narrows the rows of the view on screen to `filter` (none: all of them).
    pub(super) fn filter(&mut self, filter: Option<Arc<RowFilter>>) {
        let ctx = self.ctx();
        let said = match &filter {
            Some(f) => format!(
                "Filtered by “{}”: {} of {} records · Esc clears",
                sanitize::line(&f.text),
                f.count(None),
                self.index.len()
            ),
            None => "RowFilter cleared".to_string(),
        };
        // One filter for every view that has rows, so that switching views keeps it.
        let clearing = filter.is_none();
        for screen in self.views.all_mut() {
            screen.set_filter(filter.clone(), &ctx);
        }
        if self.view != View::Browse {
            self.views.get_mut(self.view).shown(&ctx, None);
        }
        let narrowed = clearing || self.views.get(self.view).filter().is_some();
        self.status = Some(match narrowed {
            true => said,
            false => format!("The {} view has no rows to filter", self.view.title()),
        });
    }

    /// Goes `by` steps back (negative) or forward in the history.
    pub(super) fn go(&mut self, by: isize) {
        self.history.record(self.here(), false);
        match self.history.go(by).cloned() {
            Some(loc) => self.restore(&loc),
            None if by < 0 => self.status = Some("Nothing to go back to".into()),
            None => self.status = Some("Nothing to go forward to".into()),
        }
    }

    pub(super) fn go_to(&mut self, entry: usize) {
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
        let ctx = self.ctx();
        let shown = self.views.get_mut(view);
        shown.shown(&ctx, from);
        self.status = shown.said();
        if shown.wants_graph() {
            self.want_graph();
        }
        self.history.record(self.here(), true);
    }

    /// Shows the chains from `from` to `to`: a step in the history.
    pub fn show_paths(&mut self, from: usize, to: usize) {
        self.history.record(self.here(), true);
        self.views.paths.ask(from, to);
        self.view = View::Paths;
        self.want_graph();
        self.views.paths.layout(&self.index, self.size);
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
            let key = self
                .keymap
                .key_for(Mode::Browse, Action::ShowView(v.mode()));
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

    /// Shows text for the user to copy by hand (tests, and the clipboard's last resort).
    pub fn show_text(&mut self, title: String, body: String) {
        self.overlay = Some(Overlay::Popup(TextPopup::new(title, body)));
    }
}
