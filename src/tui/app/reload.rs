//! Taking a dataset reloaded under `--watch`: the user keeps their place (the same record by id,
//! the same view, the same scroll where the record still exists); an edit that breaks the
//! dataset keeps the last good data on screen, with the problems one key away.

use super::filter::RowFilter;
use super::history::{Location, Place};
use super::overlay::{Overlay, TextPopup};
use super::screen::Screen;
use super::screen::View;
use super::{App, lazy::Lazy};
use crate::data::index::Index;
use crate::ingest::load::Problem;
use crate::prefs::keymap::Action;
use std::sync::{Arc, Weak};

/// Filters moved onto reloaded data, each once however many places hold it.
#[derive(Default)]
struct Filters(Vec<(Arc<RowFilter>, Arc<RowFilter>)>);

impl Filters {
    fn remap(
        &mut self,
        old: &Arc<RowFilter>,
        remap: &impl Fn(usize) -> Option<usize>,
        index: &Index,
    ) -> Arc<RowFilter> {
        if let Some((_, new)) = self.0.iter().find(|(o, _)| Arc::ptr_eq(o, old)) {
            return Arc::clone(new);
        }
        let new = Arc::new(old.remap(remap, index));
        self.0.push((Arc::clone(old), Arc::clone(&new)));
        new
    }
}

impl App {
    /// An index over the snapshot of the records of `parsed` is about to take its place (see
    /// [`App::reopened`]): the searcher is let go of meanwhile, and a search typed until the new
    /// one comes waits for it. False, and nothing done, if `parsed` is not the index in use.
    pub fn reopening(&mut self, parsed: &Weak<Index>) -> bool {
        let current = std::ptr::eq(parsed.as_ptr(), Arc::as_ptr(&self.index));
        if current {
            self.searcher = None;
        }
        current
    }

    /// The records of `parsed`, the index in use, read on demand from its snapshot instead:
    /// the same records in the same order, so nothing on screen changes; the new index's
    /// searcher follows ([`App::searchable`]). Ignored if the data was reloaded since.
    pub fn reopened(&mut self, parsed: &Weak<Index>, index: Arc<Index>) {
        let current = std::ptr::eq(parsed.as_ptr(), Arc::as_ptr(&self.index));
        if current && index.len() == self.index.len() {
            self.index = index;
            self.searcher = None;
        }
    }

    /// Replaces the data with a reloaded dataset, keeping the user's place.
    pub fn reload(&mut self, index: Arc<Index>) {
        let (old, new) = (Arc::clone(&self.index), Arc::clone(&index));
        let remap = move |r: usize| new.get(old.record(r).id().as_str());
        let here = self.here();
        let narrowed = self.views.get(self.view).filter().cloned();
        let mut filters = Filters::default();
        let entries = self.history_kept(&remap, &mut filters, &index);
        let record = here.record.and_then(&remap);
        let view = self.view;
        self.index = index;
        // The new data's searcher follows (see `App::searchable`).
        self.searcher = None;
        self.stale = None;
        self.overlay = None;
        self.graph = Lazy::default();
        self.views.data_changed();
        self.history = Default::default();
        for loc in entries {
            self.history.record(loc, false);
        }
        let ctx = self.ctx();
        let v = &mut self.views;
        match &here.place {
            Place::Lists(p) => {
                let mut p = p.clone();
                p.record = record;
                p.filter = p.filter.map(|f| filters.remap(&f, &remap, &ctx.index));
                v.lists.restore(&Place::Lists(p), &ctx);
            }
            _ => {
                if let Some(r) = record {
                    v.lists.show_record(r, v.lists.focus, &ctx);
                }
            }
        }
        // The views' filter, on the same records; the lists' came back with their place.
        if let Some(f) = narrowed.map(|f| filters.remap(&f, &remap, &ctx.index)) {
            for screen in v.all_mut() {
                if screen.filter().is_none() {
                    screen.set_filter(Some(Arc::clone(&f)), &ctx);
                }
            }
        }
        self.view = View::Browse;
        match (view, record) {
            (View::Browse, _) | (View::Paths, _) | (View::Around, None) => {}
            (View::Around, Some(r)) => {
                self.views.around.ask(r);
                self.view = View::Around;
                self.want_graph();
            }
            // The view opens on the record the lists show, once its data is built.
            (v, _) => {
                self.show_view(v);
                self.settle();
            }
        }
        self.history.record(self.here(), false);
        self.show_notes();
        self.status = Some(format!(
            "Reloaded: {} records",
            crate::data::limits::thousands(self.index.len() as u64)
        ));
    }

    /// The history's places in the lists whose records are still there, by their new numbers.
    fn history_kept(
        &self,
        remap: &impl Fn(usize) -> Option<usize>,
        filters: &mut Filters,
        index: &Index,
    ) -> Vec<Location> {
        self.history
            .entries()
            .iter()
            .filter_map(|loc| match &loc.place {
                Place::Lists(p) => {
                    let record = loc.record.and_then(remap)?;
                    let mut p = p.clone();
                    p.record = Some(record);
                    p.filter = p.filter.map(|f| filters.remap(&f, remap, index));
                    Some(Location {
                        record: Some(record),
                        place: Place::Lists(p),
                    })
                }
                _ => None,
            })
            .collect()
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
