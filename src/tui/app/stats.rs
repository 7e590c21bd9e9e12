//! The statistics view: each series of comparable figures as a bar chart, every other figure
//! in a table. A series is the `series` key of the data; its bars are labelled by date when the
//! dates tell them apart, else by what they are about, else by name.
//!
//! Every item is one line whatever the width, so where an item is drawn is arithmetic; only the
//! lines on screen are ever made, from column widths worked out once per width.

mod model;

use model::table_value;
pub use model::{Chart, Model, StatRow, source_label, statistic, when};

use super::cursor::{delta, reveal, step};
use super::lazy::Lazy;
use super::table::{self, Order, TABLE_KEYS};
use super::{Ctx, Outcome};
use crate::data::index::Index;
use crate::data::model::Bound;
use crate::prefs::keymap::Action;
use crate::text::doc::{Line, Tone};
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::layout::{self, inner_row, inside};
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
}

fn height(size: (u16, u16)) -> usize {
    layout::inner_height(layout::with_preview(size).main)
}

fn width(size: (u16, u16)) -> usize {
    layout::inner_width(layout::with_preview(size).main)
}

/// How a bar ends: open where the value is only a bound of the figure, so the bar is not
/// read as the figure itself.
fn bar_end(bound: Bound) -> &'static str {
    match bound {
        Bound::Lower { .. } => "▷",
        Bound::Upper { .. } => "◁",
        Bound::Exact | Bound::Approximate => "",
    }
}

fn pad(s: &str, w: usize) -> String {
    let s = truncate_to_width(s, w);
    format!("{s}{}", " ".repeat(w.saturating_sub(display_width(&s))))
}

impl Columns {
    /// Column widths for `width`, from the widest cells the model found: no statistic is
    /// looked at again, so a resize or `x` costs the same at any size.
    fn new(m: &Model, width: usize, exact: bool) -> Columns {
        let charts = m
            .charts
            .iter()
            .map(|c| {
                // Labels take the room bars do not need: a bar of 60 cells compares as well as
                // a longer one, and a cut label says less than a short bar.
                let value_w = c.value_w[usize::from(exact)];
                let label_w = c
                    .label_w
                    .min(width / 2)
                    .min(width.saturating_sub(2 + 2 + value_w + 12));
                let bar_w = width.saturating_sub(2 + label_w + 1 + 1 + value_w).min(60);
                (label_w, value_w, bar_w)
            })
            .collect();
        let [rounded, exact_w, when, source] = m.table_w;
        // The figure as every output writes it, words and all; a long one is cut at two fifths
        // of the width (the preview beside the table shows it whole).
        let value_w = (if exact { exact_w } else { rounded }).clamp(6, 18.max(width * 2 / 5));
        // Columns take what their content needs, up to a share of a wide screen.
        let mut when_w = when.clamp(4, 13.max(width / 10));
        let mut source_w = source.clamp(6, 24.max(width / 5));
        let fixed = |w: usize, s: usize| 2 + value_w + 1 + w + 1 + s + 1;
        // What a figure counts matters more than where it was reported (the preview says that).
        if width < fixed(when_w, source_w) + 36 {
            source_w = 0;
        }
        if width < fixed(when_w, source_w) + 20 {
            when_w = 0;
        }
        let what_w = width.saturating_sub(fixed(when_w, source_w));
        Columns {
            width,
            exact,
            charts,
            table: [value_w, what_w, when_w, source_w],
        }
    }

    fn table_text(&self, cells: [&str; 4]) -> String {
        let [v, what, w, s] = self.table;
        let mut out = vec![pad(cells[0], v), " ".into()];
        out.extend([pad(cells[1], what), " ".into()]);
        if w > 0 {
            out.extend([pad(cells[2], w), " ".into()]);
        }
        if s > 0 {
            out.push(pad(cells[3], s));
        }
        out.concat()
    }
}

impl Stats {
    /// A view with no data yet, set as `state` says (after a reload).
    pub fn with_state(state: StatsState) -> Stats {
        Stats {
            state,
            ..Stats::default()
        }
    }

    pub fn shown(&mut self, index: &Arc<Index>, size: (u16, u16), from: Option<usize>) {
        self.model.start(index, Model::new);
        self.pending = from;
        self.sort_table(index);
        self.open_at_pending(index);
        self.layout(size);
    }

    pub fn poll(&mut self, index: &Index, size: (u16, u16)) -> bool {
        let ready = self.model.poll();
        if ready {
            self.sort_table(index);
            self.open_at_pending(index);
            self.layout(size);
        }
        ready
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
        let id = index.record(r).id();
        let about = |i: usize| {
            self.item(i)
                .and_then(|s| model::statistic(index, s))
                .is_some_and(|s| s.subject.as_ref() == Some(id))
        };
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
        self.sort_table(ctx.index);
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

    /// The line drawn on `row` at the current columns. Items start with a two-column marker.
    pub fn line(&self, index: &Index, row: usize) -> Line {
        let Some(m) = self.ready() else {
            return Line::blank();
        };
        let cols = &self.columns;
        let width = cols.width.max(1);
        match m.at_row(row) {
            None | Some(StatRow::Blank) => Line::blank(),
            Some(StatRow::Heading(s)) => {
                let text = match m.charts.get(s) {
                    Some(c) => {
                        format!("{} ({})", sanitize::line(&c.title), sanitize::line(&c.unit))
                    }
                    None => format!(
                        "Single figures ({}) · {}",
                        m.singles.len(),
                        self.state.order.short("file order")
                    ),
                };
                Line::new(truncate_to_width(&text, width).into_owned(), Tone::Heading)
            }
            Some(StatRow::Columns) => Line::new(
                format!(
                    "  {}",
                    cols.table_text(["Figure", "What", "When", "Source"])
                ),
                Tone::Label,
            ),
            Some(StatRow::Item(i)) => {
                let s = m.section_of(i);
                let r = self.item(i).unwrap_or(0);
                let Some(stat) = statistic(index, r) else {
                    return Line::blank();
                };
                match m.charts.get(s) {
                    Some(c) => {
                        let k = i - m.starts[s];
                        let (label_w, _, bar_w) = cols.charts.get(s).copied().unwrap_or_default();
                        let label = sanitize::line(&c.labels[k]);
                        let figure = stat.figure();
                        let value = figure.text(cols.exact);
                        let cells = if c.max > 0.0 && stat.value > 0.0 {
                            ((stat.value / c.max * bar_w as f64).round() as usize)
                                .clamp(1, bar_w.max(1))
                        } else {
                            0
                        };
                        let mut line = Line::new("  ", Tone::Plain)
                            .push(pad(&label, label_w), Tone::Plain)
                            .push(" ", Tone::Plain);
                        let mut used = 2 + label_w + 1;
                        if bar_w >= 4 {
                            let end = bar_end(figure.bound());
                            let cells = cells.saturating_sub(display_width(end));
                            line = line
                                .push("▇".repeat(cells), Tone::Bar)
                                .push(end, Tone::Bar)
                                .push(" ", Tone::Plain);
                            used += cells + display_width(end) + 1;
                        }
                        let room = width.saturating_sub(used);
                        line.push(truncate_to_width(&value, room).into_owned(), Tone::Plain)
                    }
                    None => {
                        let text = cols.table_text([
                            &sanitize::line(&table_value(stat, cols.exact)),
                            &sanitize::line(&stat.measure),
                            &when(stat),
                            &sanitize::line(&source_label(index, r)),
                        ]);
                        Line::new("  ", Tone::Plain).push(
                            truncate_to_width(&text, width.saturating_sub(2)).into_owned(),
                            Tone::Plain,
                        )
                    }
                }
            }
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        let Some(m) = self.ready().cloned() else {
            return match action {
                Action::Close => Outcome::Close,
                _ => Outcome::Status("The statistics are still being prepared".into()),
            };
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
                return self.selected_record().map_or(
                    Outcome::Status("Nothing selected to open".into()),
                    Outcome::Open,
                );
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

    pub fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
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

    pub fn wheel(&mut self, x: u16, y: u16, d: i8, ctx: &Ctx) {
        if inside(layout::with_preview(ctx.size).main, x, y) {
            let a = if d < 0 { Action::Up } else { Action::Down };
            for _ in 0..3 {
                self.update(a, ctx);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Kind;

    fn model() -> (Index, Model) {
        let index =
            Index::new(crate::ingest::load::load_builtin().expect("built-in dataset loads"));
        let m = Model::new(&index);
        (index, m)
    }

    #[test]
    fn the_poverty_series_is_a_chart_labelled_by_year_oldest_first() {
        let (index, m) = model();
        let c = m
            .charts
            .iter()
            .find(|c| c.key == "people-in-poverty")
            .expect("people-in-poverty is charted");
        assert_eq!(c.labels, ["2012", "2019"]);
        assert_eq!(
            index.record(c.items[0]).id().as_str(),
            "people-in-poverty-2012"
        );
        assert_eq!(c.title, "People living in poverty in China");
    }

    #[test]
    fn every_statistic_appears_once_on_its_own_row() {
        let (index, m) = model();
        let mut items: Vec<usize> = (0..m.len()).filter_map(|i| m.item(i)).collect();
        assert_eq!(items.len(), index.of_kind(Kind::Statistic).len());
        items.sort();
        items.dedup();
        assert_eq!(items.len(), index.of_kind(Kind::Statistic).len());
        for i in 0..m.len() {
            assert_eq!(m.at_row(m.item_row(i)), Some(StatRow::Item(i)));
        }
    }

    #[test]
    fn bars_of_one_date_are_labelled_by_subject() {
        let (_, m) = model();
        let c = m
            .charts
            .iter()
            .find(|c| c.key == "network-members")
            .expect("network-members is charted");
        assert!(
            c.labels.iter().all(|l| !l.contains("2019")),
            "{:?}",
            c.labels
        );
    }
}
