//! The statistics view: each series of comparable figures as a bar chart, every other figure
//! in a table. A series is the `series` key of the data; its bars are labelled by date when the
//! dates tell them apart, else by what they are about, else by name.
//!
//! Every item is one line whatever the width, so where an item is drawn is arithmetic; only the
//! lines on screen are ever made, from column widths worked out once per width.

use super::cursor::{delta, reveal, step};
use super::lazy::Lazy;
use super::table::{self, Order, TABLE_KEYS};
use super::{Ctx, Outcome};
use crate::doc::{Line, Tone};
use crate::index::Index;
use crate::keymap::Action;
use crate::layout::{self, inner_row, inside};
use crate::model::{Bound, Status};
use crate::model::{Kind, Statistic};
use crate::sanitize::{self, display_width, truncate_to_width};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// One series, drawn as a bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub key: String,
    /// What the bars measure, in words.
    pub title: String,
    /// Statistic records, oldest first.
    pub items: Vec<usize>,
    /// The label of each bar (not yet sanitized).
    pub labels: Vec<String>,
    pub unit: String,
    /// The largest value, which gets the longest bar.
    pub max: f64,
    /// The widest label, and the widest value rounded and exact, for laying the chart out at
    /// any width without looking at every bar again.
    pub label_w: usize,
    pub value_w: [usize; 2],
}

/// Everything the view shows, built once: the charts, the table, and on which row each
/// section starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub charts: Vec<Chart>,
    /// Statistics in no series (or alone in theirs), in the data's order.
    pub singles: Vec<usize>,
    /// The first item of each section (a chart, then the table), in item order.
    pub starts: Vec<usize>,
    /// The heading row of each section.
    pub heading_rows: Vec<usize>,
    pub rows: usize,
    /// The widest cell of each column of the table: value rounded and exact, unit, when,
    /// source.
    pub table_w: [usize; 5],
}

pub fn statistic(index: &Index, r: usize) -> Option<&Statistic> {
    index.statistic(r)
}

fn all_distinct<T: std::hash::Hash + Eq>(v: impl Iterator<Item = T>) -> bool {
    let mut seen = FxHashSet::default();
    v.into_iter().all(|x| seen.insert(x))
}

fn chart(index: &Index, key: &str, mut items: Vec<usize>) -> Chart {
    items.sort_by_key(|&r| (index.record(r).date(), r));
    let stats: Vec<&Statistic> = items.iter().filter_map(|&r| statistic(index, r)).collect();
    let by_date =
        stats.iter().all(|s| s.date.is_some()) && all_distinct(stats.iter().map(|s| s.date));
    let by_subject = !by_date
        && stats.iter().all(|s| s.subject.is_some())
        && all_distinct(stats.iter().map(|s| s.subject.clone()));
    let labels: Vec<String> = items
        .iter()
        .zip(&stats)
        .map(|(&r, s)| {
            let name = index.record(r).name().to_string();
            if by_date {
                let d = s.date.map(|d| d.human()).unwrap_or_default();
                match s.start {
                    Some(start) => format!("{}–{d}", start.human()),
                    None => d,
                }
            } else if by_subject {
                s.subject
                    .as_ref()
                    .and_then(|id| index.resolve(id))
                    .map_or(name, |t| index.record(t).name().to_string())
            } else {
                name
            }
        })
        .collect();
    let same_measure = stats.windows(2).all(|w| w[0].measure == w[1].measure);
    let title = match stats.first() {
        Some(s) if same_measure => s.measure.clone(),
        _ => key.replace('-', " "),
    };
    let mut chars = title.chars();
    let title = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => title,
    };
    let widest = |exact: bool| {
        stats
            .iter()
            .map(|s| display_width(&s.figure().short(exact)))
            .max()
            .unwrap_or(0)
    };
    Chart {
        key: key.to_string(),
        title,
        unit: stats.first().map(|s| s.unit.clone()).unwrap_or_default(),
        max: stats.iter().map(|s| s.value).fold(0.0, f64::max),
        label_w: labels
            .iter()
            .map(|l: &String| display_width(&sanitize::line(l)))
            .max()
            .unwrap_or(0),
        value_w: [widest(false), widest(true)],
        items,
        labels,
    }
}

impl Model {
    pub fn new(index: &Index) -> Model {
        let mut order: Vec<String> = Vec::new();
        let mut series: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut singles = Vec::new();
        let mut statistics: Vec<usize> = index.of_kind(Kind::Statistic).to_vec();
        statistics.sort_unstable();
        for &r in &statistics {
            match statistic(index, r).and_then(|s| s.series.clone()) {
                Some(key) => {
                    let items = series.entry(key.clone()).or_default();
                    if items.is_empty() {
                        order.push(key);
                    }
                    items.push(r);
                }
                None => singles.push(r),
            }
        }
        let mut charts = Vec::new();
        for key in order {
            let items = series.remove(&key).unwrap_or_default();
            // One bar compares nothing: a lone figure reads better in the table.
            if items.len() < 2 {
                singles.extend(items);
            } else {
                charts.push(chart(index, &key, items));
            }
        }
        singles.sort_unstable();
        let mut table_w = [0; 5];
        for &r in &singles {
            if let Some(s) = statistic(index, r) {
                let cells = [
                    table_value(s, false),
                    table_value(s, true),
                    sanitize::line(&s.unit).into_owned(),
                    when(s),
                    sanitize::line(&source_label(index, r)).into_owned(),
                ];
                for (w, c) in table_w.iter_mut().zip(&cells) {
                    *w = (*w).max(display_width(c));
                }
            }
        }
        let mut m = Model {
            charts,
            singles,
            starts: Vec::new(),
            heading_rows: Vec::new(),
            rows: 0,
            table_w,
        };
        let mut item = 0;
        let mut row = 0;
        let sections: Vec<usize> = m
            .charts
            .iter()
            .map(|c| c.items.len())
            .chain((!m.singles.is_empty()).then_some(m.singles.len()))
            .collect();
        for (s, &len) in sections.iter().enumerate() {
            if s > 0 {
                row += 1;
            }
            m.starts.push(item);
            m.heading_rows.push(row);
            row += 1 + usize::from(m.is_table(s)) + len;
            item += len;
        }
        m.rows = row;
        m
    }

    pub fn len(&self) -> usize {
        self.starts
            .last()
            .map_or(0, |&s| s + self.section_len(self.starts.len() - 1))
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Is section `s` the table of single figures?
    pub fn is_table(&self, s: usize) -> bool {
        s >= self.charts.len()
    }

    fn section_len(&self, s: usize) -> usize {
        match self.charts.get(s) {
            Some(c) => c.items.len(),
            None => self.singles.len(),
        }
    }

    pub fn section_of(&self, item: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= item)
            .saturating_sub(1)
    }

    /// The record of item `i`: the charts' bars, then the table's rows.
    pub fn item(&self, i: usize) -> Option<usize> {
        let s = self.section_of(i);
        let k = i.checked_sub(*self.starts.get(s)?)?;
        match self.charts.get(s) {
            Some(c) => c.items.get(k).copied(),
            None => self.singles.get(k).copied(),
        }
    }

    /// The first row of an item's section's body.
    fn body_row(&self, s: usize) -> usize {
        self.heading_rows[s] + 1 + usize::from(self.is_table(s))
    }

    pub fn item_row(&self, i: usize) -> usize {
        let s = self.section_of(i);
        self.body_row(s) + (i - self.starts[s])
    }

    /// What is drawn on a row.
    pub fn at_row(&self, row: usize) -> Option<StatRow> {
        let s = self
            .heading_rows
            .partition_point(|&h| h <= row)
            .checked_sub(1)?;
        let heading = self.heading_rows[s];
        if row == heading {
            return Some(StatRow::Heading(s));
        }
        if self.is_table(s) && row == heading + 1 {
            return Some(StatRow::Columns);
        }
        let k = row - self.body_row(s);
        (k < self.section_len(s))
            .then(|| StatRow::Item(self.starts[s] + k))
            .or(Some(StatRow::Blank))
    }
}

/// What a row of the view holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatRow {
    Blank,
    Heading(usize),
    Columns,
    Item(usize),
}

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
    /// The table: value, unit, what, when, source (0 when left out).
    pub table: [usize; 5],
}

#[derive(Default)]
pub struct Stats {
    pub state: StatsState,
    pub model: Lazy<Model>,
    pub columns: Columns,
    /// The table's rows in `state.order`, when that is not the order of the files.
    pub table: Option<(Order, Vec<usize>)>,
}

fn height(size: (u16, u16)) -> usize {
    layout::inner_height(layout::with_preview(size).main)
}

fn width(size: (u16, u16)) -> usize {
    layout::inner_width(layout::with_preview(size).main)
}

/// When a figure holds, as precisely as the data says: "2019", "2013–2019", "Aug 2019".
pub fn when(s: &Statistic) -> String {
    match (s.start, s.date) {
        (Some(a), Some(b)) => format!("{}–{}", a.human(), b.human()),
        (None, Some(d)) | (Some(d), None) => d.human(),
        (None, None) => "undated".into(),
    }
}

/// The source of a figure in a few words: its outlet, else its name.
pub fn source_label(index: &Index, r: usize) -> String {
    index.source_label(r)
}

/// The table's value cell: the number with its qualifier, and a plan's status.
fn table_value(s: &Statistic, exact: bool) -> String {
    let f = s.figure();
    match f.status {
        Status::Reported => f.number(exact),
        status => format!("{} ({})", f.number(exact), status.name()),
    }
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

fn pad_left(s: &str, w: usize) -> String {
    let s = truncate_to_width(s, w);
    format!("{}{s}", " ".repeat(w.saturating_sub(display_width(&s))))
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
        let [rounded, exact_w, unit, when, source] = m.table_w;
        let value_w = (if exact { exact_w } else { rounded }).clamp(5, 16);
        // Columns take what their content needs, up to a share of a wide screen.
        let mut unit_w = unit.clamp(4, 13.max(width / 6));
        let mut when_w = when.clamp(4, 13.max(width / 10));
        let mut source_w = source.clamp(6, 24.max(width / 5));
        let fixed = |u: usize, w: usize, s: usize| 2 + value_w + 1 + u + 1 + w + 1 + s + 1;
        // What a figure counts matters more than where it was reported (the preview says that).
        if width < fixed(unit_w, when_w, source_w) + 36 {
            source_w = 0;
        }
        if width < fixed(unit_w, when_w, source_w) + 20 {
            when_w = 0;
        }
        if width < fixed(unit_w, when_w, source_w) + 14 {
            unit_w = 0;
        }
        let what_w = width.saturating_sub(fixed(unit_w, when_w, source_w));
        Columns {
            width,
            exact,
            charts,
            table: [value_w, unit_w, what_w, when_w, source_w],
        }
    }

    fn table_text(&self, cells: [&str; 5]) -> String {
        let [v, u, what, w, s] = self.table;
        let mut out = vec![pad_left(cells[0], v), " ".into()];
        if u > 0 {
            out.extend([pad(cells[1], u), " ".into()]);
        }
        out.extend([pad(cells[2], what), " ".into()]);
        if w > 0 {
            out.extend([pad(cells[3], w), " ".into()]);
        }
        if s > 0 {
            out.push(pad(cells[4], s));
        }
        out.concat()
    }
}

impl Stats {
    pub fn shown(&mut self, index: &Arc<Index>, size: (u16, u16)) {
        self.model.start(index, Model::new);
        self.sort_table(index);
        self.layout(size);
    }

    pub fn poll(&mut self, index: &Index, size: (u16, u16)) -> bool {
        let ready = self.model.poll();
        if ready {
            self.sort_table(index);
            self.layout(size);
        }
        ready
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

    /// The figures on screen as tab-separated text, with a header.
    pub fn visible_tsv(&self, index: &Index, size: (u16, u16)) -> String {
        let mut rows = vec![
            [
                "id", "name", "value", "unit", "figure", "what", "when", "source",
            ]
            .map(String::from)
            .to_vec(),
        ];
        if let Some(m) = self.ready() {
            let end = (self.state.scroll + height(size)).min(m.rows);
            for row in self.state.scroll..end {
                let Some(StatRow::Item(i)) = m.at_row(row) else {
                    continue;
                };
                let Some((r, s)) = self.item(i).and_then(|r| Some((r, statistic(index, r)?)))
                else {
                    continue;
                };
                rows.push(vec![
                    s.id.to_string(),
                    s.name.clone(),
                    s.value.to_string(),
                    s.unit.clone(),
                    s.figure().short(true),
                    s.measure.clone(),
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
                    cols.table_text(["Value", "Unit", "What", "When", "Source"])
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
                        let value = figure.short(cols.exact);
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
                            &table_value(stat, cols.exact),
                            &sanitize::line(&stat.unit),
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

    fn model() -> (Index, Model) {
        let index = Index::new(crate::load::load_builtin().expect("built-in dataset loads"));
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
