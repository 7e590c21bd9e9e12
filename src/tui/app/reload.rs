//! Taking a dataset reloaded under `--watch`: the user keeps their place (the same record by id,
//! the same view, the same scroll where the record still exists); an edit that breaks the
//! dataset keeps the last good data on screen, with the problems one key away.

use super::history::{Location, Place};
use super::overlay::{Overlay, TextPopup};
use super::{App, Ctx, lazy::Lazy, map, stats, timeline};
use crate::data::index::Index;
use crate::ingest::load::Problem;
use crate::prefs::keymap::{Action, View};
use std::sync::Arc;

impl App {
    /// Replaces the data with a reloaded dataset, keeping the user's place.
    pub fn reload(&mut self, index: Arc<Index>) {
        let old = Arc::clone(&self.index);
        let remap = |r: usize| index.get(old.record(r).id().as_str());
        let here = self.here();
        // History keeps the places in the lists whose records are still there.
        let entries: Vec<Location> = self
            .history
            .entries()
            .iter()
            .filter_map(|loc| match &loc.place {
                Place::Lists(p) => {
                    let record = loc.record.and_then(remap)?;
                    let mut p = p.clone();
                    p.record = Some(record);
                    Some(Location {
                        record: Some(record),
                        place: Place::Lists(p),
                    })
                }
                _ => None,
            })
            .collect();
        let record = here.record.and_then(remap);
        let view = self.view;
        self.index = index;
        // The new data's searcher follows (see `App::searchable`).
        self.searcher = None;
        self.stale = None;
        self.overlay = None;
        self.graph = Lazy::default();
        // The views' data is made again; what they were set to stays.
        self.timeline = timeline::Timeline {
            state: timeline::TimelineState {
                filter: self.timeline.state.filter,
                ..Default::default()
            },
            ..Default::default()
        };
        self.stats = stats::Stats::with_state(stats::StatsState {
            exact: self.stats.state.exact,
            order: self.stats.state.order,
            ..Default::default()
        });
        self.map = map::MapView {
            state: self.map.state.clone(),
            ..Default::default()
        };
        self.history = Default::default();
        for loc in entries {
            self.history.record(loc, false);
        }
        // Documents made from the old data are not reused, even for the same record number.
        self.lists.data_changed();
        self.paths = Default::default();
        self.around = Default::default();
        let ctx = Ctx {
            index: &self.index,
            size: self.size,
        };
        match &here.place {
            Place::Lists(p) => {
                let mut p = p.clone();
                p.record = record;
                self.lists.restore(&p, &ctx);
            }
            _ => {
                if let Some(r) = record {
                    self.lists.show_record(r, self.lists.focus, &ctx);
                }
            }
        }
        self.view = View::Browse;
        match (view, record) {
            (View::Browse, _) | (View::Paths, _) | (View::Around, None) => {}
            (View::Around, Some(r)) => {
                self.around.ask(r);
                self.view = View::Around;
                self.want_graph();
            }
            (v, r) => {
                self.show_view(v);
                if let Some(r) = r {
                    self.select_in_view(r);
                }
            }
        }
        self.history.record(self.here(), false);
        self.show_notes();
        self.status = Some(format!(
            "Reloaded: {} records",
            crate::data::limits::thousands(self.index.len() as u64)
        ));
    }

    /// Selects `record` in the view shown, where the view lists it.
    fn select_in_view(&mut self, record: usize) {
        self.settle();
        match self.view {
            View::Timeline => {
                if let Some(m) = self.timeline.ready()
                    && let Some(i) = m.entries.iter().position(|e| e.record == record)
                {
                    self.timeline.state.selected = i;
                    self.timeline.settle(self.size);
                }
            }
            View::Stats => {
                if let Some(m) = self.stats.ready()
                    && let Some(i) = (0..m.len()).find(|&i| self.stats.item(i) == Some(record))
                {
                    self.stats.state.selected = i;
                    self.stats.layout(self.size);
                }
            }
            _ => {}
        }
    }

    /// A reload found problems: the data on screen stays as it was.
    pub fn reload_failed(&mut self, problems: Vec<Problem>) {
        self.stale = Some(problems);
        // The banner takes the status bar at once, over any older message.
        self.status = None;
    }

    /// The problems of the last reload, in a popup to read and copy.
    pub(super) fn show_problems(&mut self) {
        let Some(problems) = &self.stale else {
            self.status = Some("The data files have no problems".into());
            return;
        };
        let body: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        let close = self
            .keymap
            .key_for(crate::prefs::keymap::Mode::Popup, Action::Close)
            .unwrap_or_default();
        self.overlay = Some(Overlay::Popup(TextPopup::new(
            format!(
                "{} in the data files; the last good data is shown · {close} closes",
                crate::data::dataset::capitalized(&crate::data::dataset::count(problems))
            ),
            body.join("\n"),
        )));
    }
}
