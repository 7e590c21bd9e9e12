//! The facets of the rows, `F`: among the records the list shows, the most common kinds,
//! years, places and sources with how many records have each, in the spirit of a faceted
//! search page's side panel. Enter on a value narrows the filter by it (`year:2019`,
//! `in:yunnan`…), so a few keys go from everything to the handful that matters.

use super::{Answer, Layer, Then, World};
use crate::data::index::Index;
use crate::prefs::keymap::{Action, Mode};
use crate::query::search::{Facets, Searcher};
use crate::tui::app::cursor::{Cursor, delta};
use crate::tui::app::lazy::BACKGROUND_FROM;
use crate::tui::app::{Outcome, filter};
use crate::tui::layout::{self, inner_row, inside};
use ratatui::layout::Rect;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

/// A facet's heading and its values: label, count, filter term.
type Section = (&'static str, Vec<(String, usize, String)>);

/// Values shown of each facet.
const TOP: usize = 8;

/// A line of the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetRow {
    Heading(&'static str),
    /// A value, how many of the rows have it, and the filter term that keeps them.
    Value {
        label: String,
        count: usize,
        term: String,
    },
}

pub struct FacetsPanel {
    pub rows: Vec<FacetRow>,
    /// Over the values only (`values[i]` is a row of `rows`).
    pub list: Cursor,
    pub values: Vec<usize>,
    /// How many records were counted.
    pub of: usize,
    /// The filter in force, which a chosen value narrows.
    pub base: String,
    /// The facets being counted on another thread (from 5,000 rows), and the index to name
    /// their values by.
    pending: Option<(Receiver<Facets>, Arc<Index>)>,
}

/// Where the panel is drawn.
pub fn area(size: (u16, u16), rows: usize) -> Rect {
    layout::list_popup(size, rows)
}

impl FacetsPanel {
    /// The facets of `records`, under the filter `base`: counted at once on few rows, on
    /// another thread from [`BACKGROUND_FROM`] rows, so that the key answers at once.
    pub fn open(
        records: Vec<usize>,
        base: &str,
        index: &Arc<Index>,
        searcher: &Searcher,
    ) -> FacetsPanel {
        let mut panel = FacetsPanel {
            rows: Vec::new(),
            list: Cursor::default(),
            values: Vec::new(),
            of: records.len(),
            base: base.trim().to_string(),
            pending: None,
        };
        if records.len() < BACKGROUND_FROM {
            panel.fill(&searcher.facets(&records, TOP), index);
        } else {
            let counting = searcher.facets_in_background(records, TOP);
            panel.pending = Some((counting, Arc::clone(index)));
        }
        panel
    }

    /// Whether the facets are still being counted.
    pub fn counting(&self) -> bool {
        self.pending.is_some()
    }

    /// The panel's lines from the facets counted.
    fn fill(&mut self, f: &Facets, index: &Index) {
        let name = |r: usize| crate::text::sanitize::line(index.record(r).name()).into_owned();
        let id = |r: usize| index.record(r).id().to_string();
        let sections: [Section; 4] = [
            (
                "Kinds",
                f.kinds
                    .iter()
                    .map(|k| {
                        let term = format!("kind:{}", k.value.short());
                        (k.value.plural().to_string(), k.count, term)
                    })
                    .collect(),
            ),
            (
                "Years",
                f.years
                    .iter()
                    .map(|y| (y.value.to_string(), y.count, format!("year:{}", y.value)))
                    .collect(),
            ),
            (
                "Places",
                f.places
                    .iter()
                    .map(|p| (name(p.value), p.count, format!("in:{}", id(p.value))))
                    .collect(),
            ),
            (
                "Sources",
                f.sources
                    .iter()
                    .map(|s| (name(s.value), s.count, format!("source:{}", id(s.value))))
                    .collect(),
            ),
        ];
        for (title, found) in sections {
            if found.is_empty() {
                continue;
            }
            self.rows.push(FacetRow::Heading(title));
            for (label, count, term) in found {
                self.values.push(self.rows.len());
                self.rows.push(FacetRow::Value { label, count, term });
            }
        }
    }

    /// Takes the facets counted on another thread, waiting for them if `block`; true when
    /// they came.
    fn take(&mut self, block: bool) -> bool {
        let Some((rx, index)) = &self.pending else {
            return false;
        };
        let got = match block {
            true => rx.recv().ok(),
            false => rx.try_recv().ok(),
        };
        let index = Arc::clone(index);
        match got {
            Some(f) => {
                self.pending = None;
                self.fill(&f, &index);
                true
            }
            None => false,
        }
    }

    /// The filter the selected value makes: the one in force and its term.
    fn narrowed(&self) -> Option<String> {
        let row = self.values.get(self.list.selected)?;
        let FacetRow::Value { term, .. } = &self.rows[*row] else {
            return None;
        };
        Some(match self.base.is_empty() {
            true => term.clone(),
            false => format!("{} {term}", self.base),
        })
    }
}

impl Layer for FacetsPanel {
    fn mode(&self) -> Mode {
        Mode::Facets
    }

    fn update(&mut self, action: Action, w: &mut World) -> Answer {
        match action {
            Action::Close => Outcome::Close.into(),
            Action::Open if self.counting() => {
                Outcome::Status("Still counting the facets…".into()).into()
            }
            Action::Open => {
                let Some(text) = self.narrowed() else {
                    return Outcome::Status("Nothing to narrow by here".into()).into();
                };
                match filter::run(&text, w.ctx, w.searcher) {
                    Ok(f) => Answer::then(Then::Filter(f.map(Arc::new))),
                    Err(why) => Outcome::Status(why).into(),
                }
            }
            a => {
                let page = layout::inner_height(area(w.ctx.size, self.rows.len()));
                if let Some(d) = delta(a, page) {
                    self.list.step(d, self.values.len(), page);
                }
                Answer::stay()
            }
        }
    }

    fn poll(&mut self, _w: &World) -> bool {
        self.take(false)
    }

    fn busy(&self) -> bool {
        self.counting()
    }

    fn wait(&mut self, _w: &World) {
        self.take(true);
    }

    /// A click on a value selects it, on the selected one narrows by it; outside closes.
    fn click(&mut self, x: u16, y: u16, w: &mut World) -> Answer {
        let outer = area(w.ctx.size, self.rows.len());
        let Some(row) = inner_row(outer, x, y) else {
            return match inside(outer, x, y) {
                true => Answer::stay(),
                false => Outcome::Close.into(),
            };
        };
        let page = layout::inner_height(outer);
        let first = first_row(self, page);
        match self.values.iter().position(|&v| v == first + row) {
            Some(i) if i == self.list.selected => self.update(Action::Open, w),
            Some(i) => {
                self.list.selected = i;
                Answer::stay()
            }
            None => Answer::stay(),
        }
    }
}

/// The first row shown in `page` rows: the selected value's heading stays in sight.
pub fn first_row(p: &FacetsPanel, page: usize) -> usize {
    let selected = p.values.get(p.list.selected).copied().unwrap_or(0);
    (selected + 1).saturating_sub(page.max(1))
}
