//! The statistics view: each series of comparable figures as a bar chart, every other figure
//! in a table. A series is the `series` key of the data; its bars are labelled by date when the
//! dates tell them apart, else by what they are about, else by name.
//!
//! Every item is one line whatever the width, so where an item is drawn is arithmetic; only the
//! lines on screen are ever made, from column widths worked out once per width.

mod columns;
mod model;

use model::table_value;
pub use model::{Chart, Model, StatRow, source_label, statistic, when};

use super::cursor::{delta, reveal, step};
use super::filter::RowFilter;
use super::lazy::Lazy;
use super::screen::{Screen, open_selected, preparing};
use super::table::{self, Order, TABLE_KEYS};
use super::{Ctx, Outcome, Place};
use crate::data::index::Index;
use crate::data::model::Bound;
use crate::prefs::keymap::Action;
use crate::text::doc::{Line, Tone};
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::layout::{self, inner_row, inside};
use ratatui::layout::Rect;
use std::sync::Arc;

/// What history keeps of the statistics view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsState {
    /// An item: the charts' bars, then the table's rows.
    pub selected: usize,
    /// First row shown.
    pub scroll: usize,
    /// Exact values ("98,990,000") instead of rounded ones ("98.99 million").
    pub exact: bool,
    /// How the table of single figures is sorted.
    pub order: Order,
}

/// Column widths for one width and one way of writing values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub width: usize,
    pub exact: bool,
    /// Per chart: label, value and bar widths.
    pub charts: Vec<(usize, usize, usize)>,
    /// The table: figure, what, when, source (0 when left out).
    pub table: [usize; 4],
}

#[derive(Default)]
pub struct Stats {
    pub state: StatsState,
    pub model: Lazy<Model>,
    pub columns: Columns,
    /// The table's rows in `state.order`, when that is not the order of the files.
    table: Option<(Order, Vec<usize>)>,
    /// The record the view was opened from, to select once the figures are built.
    pending: Option<usize>,
    /// What the status bar should say of where the view opened, taken once.
    pub said: Option<String>,
    /// The figures are narrowed to a filter's (`|`).
    pub narrowed: Option<Arc<RowFilter>>,
}

fn height(size: (u16, u16)) -> usize {
    layout::inner_height(layout::with_preview(size).main)
}

fn width(size: (u16, u16)) -> usize {
    layout::inner_width(layout::with_preview(size).main)
}

impl Stats {
    /// A view with no data yet, set as `state` says (after a reload).
    pub fn with_state(state: StatsState) -> Stats {
        Stats {
            state,
            ..Stats::default()
        }
    }

    /// Once the figures are built, selects the record the view was opened from: the figure
    /// itself, else the first figure about it (its `subject`); else the selection stays and the
    /// status bar says why.
    fn open_at_pending(&mut self, index: &Index) {
        let Some(m) = self.ready().cloned() else {
            return;
        };
        let Some(r) = self.pending.take() else {
            return;
        };
        let about = |i: usize| self.item(i).and_then(|s| m.subject_of(s)) == Some(r);
        let name = crate::text::sanitize::line(index.record(r).name()).into_owned();
        if let Some(i) = (0..m.len()).find(|&i| self.item(i) == Some(r)) {
            self.state.selected = i;
        } else if let Some(i) = (0..m.len()).find(|&i| about(i)) {
            self.state.selected = i;
            self.said = Some(format!("Statistics about “{name}”"));
        } else {
            self.said = Some(format!("No figure is about “{name}”"));
        }
    }

    /// Sorts the table of single figures when the order or the model changed.
    fn sort_table(&mut self, index: &Index) {
        let order = self.state.order;
        let Some(m) = self.ready() else {
            return;
        };
        if order.is_given() {
            self.table = None;
        } else if !matches!(&self.table, Some((o, _)) if *o == order) {
            let mut rows = m.singles.clone();
            table::sort(index, &mut rows, order);
            self.table = Some((order, rows));
        }
    }

    /// The record of item `i`: the charts' bars, then the table's rows in their order.
    pub fn item(&self, i: usize) -> Option<usize> {
        let m = self.ready()?;
        let s = m.section_of(i);
        match &self.table {
            Some((_, rows)) if m.is_table(s) => rows.get(i.checked_sub(m.starts[s])?).copied(),
            _ => m.item(i),
        }
    }

    /// Sorts the table by `order`, staying on the selected figure.
    fn resort(&mut self, order: Order, ctx: &Ctx) -> Outcome {
        let keep = self.selected_record();
        self.state.order = order;
        self.sort_table(&ctx.index);
        if let Some(m) = self.ready().cloned()
            && let Some(s) = m.starts.get(m.charts.len())
        {
            let found = (*s..m.len()).find(|&i| self.item(i) == keep);
            self.state.selected = found.unwrap_or(*s);
        }
        self.layout(ctx.size);
        Outcome::Status(format!(
            "Single figures sorted {}",
            order.describe("file order")
        ))
    }

    /// Every figure, the charts' then the table's in its order, as tab-separated text with a
    /// header.
    pub fn rows_tsv(&self, index: &Index) -> String {
        let mut rows = vec![
            [
                "id", "name", "value", "unit", "figure", "what", "when", "source",
            ]
            .map(String::from)
            .to_vec(),
        ];
        if let Some(m) = self.ready() {
            for i in 0..m.len() {
                let Some((r, s)) = self.item(i).and_then(|r| Some((r, statistic(index, r)?)))
                else {
                    continue;
                };
                rows.push(vec![
                    s.id.to_string(),
                    s.name.to_string(),
                    s.value.to_string(),
                    s.unit.to_string(),
                    s.figure().text(true),
                    s.measure.to_string(),
                    when(s),
                    source_label(index, r),
                ]);
            }
        }
        table::tsv(&rows)
    }

    pub fn ready(&self) -> Option<&Arc<Model>> {
        self.model.get()
    }

    /// Works out the columns for the width, when it or the way values are written changed,
    /// and keeps the selection on screen.
    pub fn layout(&mut self, size: (u16, u16)) {
        let Some(m) = self.model.get().cloned() else {
            return;
        };
        let w = width(size);
        if self.columns.width != w
            || self.columns.exact != self.state.exact
            || self.columns.charts.len() != m.charts.len()
        {
            self.columns = Columns::new(&m, w, self.state.exact);
        }
        let s = &mut self.state;
        s.selected = s.selected.min(m.len().saturating_sub(1));
        if m.is_empty() {
            s.scroll = 0;
            return;
        }
        let row = m.item_row(s.selected);
        let sec = m.section_of(s.selected);
        // Keep a section's heading in view with its first items.
        let heading = m.heading_rows[sec];
        let top = if row - heading <= 3 { heading } else { row };
        reveal(&mut s.scroll, top, row, m.rows, height(size));
    }

    pub fn selected_record(&self) -> Option<usize> {
        self.record_at(&self.state)
    }

    pub fn record_at(&self, state: &StatsState) -> Option<usize> {
        self.item(state.selected)
    }

    /// Each section as a tab: the charts by title, then the table.
    pub fn section_tabs(&self, width: u16) -> layout::Tabs {
        let Some(m) = self.ready() else {
            return layout::Tabs::default();
        };
        let active = m
            .starts
            .iter()
            .rposition(|&s| s <= self.state.selected)
            .filter(|_| !m.is_empty());
        let mut labels: Vec<String> = m
            .charts
            .iter()
            .map(|c| {
                // Each chart's tab gets a fair share of a wide row, 22 columns at least.
                let share = (width as usize / m.charts.len().clamp(1, 5)).max(22);
                truncate_to_width(&sanitize::line(&c.title), share).into_owned()
            })
            .collect();
        if !m.singles.is_empty() {
            labels.push("Single figures".into());
        }
        layout::Tabs::new(labels, active, width, 3)
    }
}

impl Screen for Stats {
    fn filter(&self) -> Option<&Arc<RowFilter>> {
        self.narrowed.as_ref()
    }

    /// The figures are made again from those that pass, from the top.
    fn set_filter(&mut self, filter: Option<Arc<RowFilter>>, _ctx: &Ctx) {
        self.narrowed = filter;
        self.model = Lazy::default();
        self.table = None;
        self.state.selected = 0;
        self.state.scroll = 0;
    }

    fn wheel_area(&self, size: (u16, u16)) -> Option<Rect> {
        Some(layout::with_preview(size).main)
    }

    fn resize(&mut self, ctx: &Ctx) {
        self.layout(ctx.size);
    }

    fn poll(&mut self, ctx: &Ctx) -> bool {
        let ready = self.model.poll();
        if ready {
            self.sort_table(&ctx.index);
            self.open_at_pending(&ctx.index);
            self.layout(ctx.size);
        }
        ready
    }

    fn busy(&self) -> bool {
        self.model.building()
    }

    fn wait(&mut self) {
        self.model.wait();
    }

    fn record(&self, _index: &Index) -> Option<usize> {
        self.selected_record()
    }

    fn place(&self, _index: &Index) -> Option<Place> {
        Some(Place::Stats(self.state.clone()))
    }

    fn restore(&mut self, place: &Place, ctx: &Ctx) {
        if let Place::Stats(s) = place {
            self.state = s.clone();
            self.shown(ctx, None);
        }
    }

    fn shown(&mut self, ctx: &Ctx, from: Option<usize>) {
        let keep = self.narrowed.clone();
        self.model
            .start(&ctx.index, move |index| Model::new(index, keep.as_deref()));
        self.pending = from;
        self.sort_table(&ctx.index);
        self.open_at_pending(&ctx.index);
        self.layout(ctx.size);
    }

    fn said(&mut self) -> Option<String> {
        self.said.take()
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        let Some(m) = self.ready().cloned() else {
            return preparing(action, "The statistics are still being prepared");
        };
        let order = self.state.order;
        match action {
            Action::SortNext => return self.resort(order.next_key(TABLE_KEYS), ctx),
            Action::SortReverse => return self.resort(order.reversed(), ctx),
            _ => {}
        }
        let s = &mut self.state;
        if let Some(d) = delta(action, height(ctx.size) / 2) {
            s.selected = step(s.selected, d, m.len());
        }
        let mut outcome = Outcome::Stay;
        match action {
            Action::Close => return Outcome::Close,
            Action::Open => {
                return open_selected(self.selected_record());
            }
            Action::ToggleExact => {
                s.exact = !s.exact;
                let how = if s.exact { "exact" } else { "rounded" };
                outcome = Outcome::Status(format!("Showing {how} values"));
            }
            Action::NextGroup => {
                if let Some(&next) = m.starts.iter().find(|&&i| i > s.selected) {
                    s.selected = next;
                }
            }
            Action::PrevGroup => {
                // To the start of this section, or of the one before if already there.
                if let Some(&prev) = m.starts.iter().rev().find(|&&i| i < s.selected) {
                    s.selected = prev;
                }
            }
            _ => {}
        }
        self.layout(ctx.size);
        outcome
    }

    fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
        let Some(m) = self.ready().cloned() else {
            return Outcome::Stay;
        };
        let areas = layout::with_preview(ctx.size);
        if inside(areas.header, x, y) {
            let tabs = self.section_tabs(areas.header.width);
            if let Some(&start) = tabs.at(x).and_then(|i| m.starts.get(i)) {
                self.state.selected = start;
                self.layout(ctx.size);
            }
            return Outcome::Stay;
        }
        let Some(row) = inner_row(areas.main, x, y) else {
            return Outcome::Stay;
        };
        if let Some(StatRow::Item(i)) = m.at_row(self.state.scroll + row) {
            if i == self.state.selected {
                return self.selected_record().map_or(Outcome::Stay, Outcome::Open);
            }
            self.state.selected = i;
            self.layout(ctx.size);
        }
        Outcome::Stay
    }
}

#[cfg(test)]
mod tests;
