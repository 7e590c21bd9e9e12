//! The timeline: every dated fact in the dataset, oldest first, grouped by year. A date is as
//! precise as the data (a year, a month or a day) and sorts before more precise dates in the
//! same year, so "2019" comes before "Apr 2019" rather than on a made-up day.
//!
//! The entries are sorted once, when the view is first shown; rows, years and filters are then
//! worked out by position, so no key costs more than a binary search however long the timeline.

use super::cursor::{delta, reveal, step};
use super::lazy::Lazy;
use super::{Ctx, Outcome};
use crate::data::index::Index;
use crate::data::model::{Kind, PartialDate};
use crate::data::record::Record;
use crate::prefs::keymap::Action;
use crate::tui::layout::{self, inner_row, inside};
use std::sync::Arc;

/// One dated fact: a founding, an event, a programme's period, a figure, a publication, a role.
/// Its text is made when it is drawn, so a million entries hold no strings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    pub date: PartialDate,
    pub record: usize,
    pub kind: Kind,
    /// What the date is: "founded", "event", "starts", "figure", "published", "role", ...
    pub label: &'static str,
    /// For a role, which of the person's roles.
    pub role: Option<u32>,
}

impl Entry {
    /// The text of the row (not yet sanitized): the record's name, or a person and a role.
    pub fn text(&self, index: &Index) -> String {
        let r = index.record(self.record);
        match (r, self.role) {
            (Record::Person(p), Some(i)) => match p.roles.get(i as usize) {
                Some(role) => {
                    let org = index
                        .resolve(&role.organization)
                        .map(|o| index.record(o).name())
                        .unwrap_or_default();
                    format!("{}: {}, {org}", r.name(), role.title)
                }
                None => r.name().to_string(),
            },
            _ => r.name().to_string(),
        }
    }

    /// A short fact for the right edge: a statistic's value, when a period ends.
    pub fn aside(&self, index: &Index) -> Option<String> {
        match index.record(self.record) {
            Record::Event(e) => e
                .end
                .filter(|&x| Some(x) != e.date)
                .map(|x| format!("to {}", x.human())),
            Record::Programme(p) => match (p.start, p.end) {
                (Some(s), Some(e)) if s != e => Some(format!("to {}", e.human())),
                _ => None,
            },
            // Periods of statistics sit at their end, where the figure holds; say where they
            // began.
            Record::Statistic(s) => {
                let figure = s.figure().text(true);
                Some(match (s.start, s.date) {
                    (Some(start), Some(_)) => format!("{figure} since {}", start.human()),
                    _ => figure,
                })
            }
            _ => None,
        }
    }
}

fn entries(index: &Index) -> Vec<Entry> {
    let mut out = Vec::new();
    for (record, r) in index.records.iter().enumerate() {
        let mut push = |date: PartialDate, label: &'static str, role: Option<u32>| {
            out.push(Entry {
                date,
                record,
                kind: r.kind(),
                label,
                role,
            })
        };
        match r {
            Record::Organization(o) => {
                if let Some(d) = o.founded {
                    push(d, "founded", None);
                }
            }
            Record::Event(e) => {
                if let Some(d) = e.date {
                    push(d, "event", None);
                }
            }
            Record::Programme(p) => match (p.start, p.end) {
                (Some(s), Some(e)) if s != e => push(s, "period", None),
                (Some(s), _) => push(s, "starts", None),
                (None, Some(e)) => push(e, "ends", None),
                (None, None) => {}
            },
            Record::Statistic(s) => {
                if let Some(d) = s.date.or(s.start) {
                    let label = if s.start.is_some() && s.date.is_some() {
                        "period"
                    } else {
                        "figure"
                    };
                    push(d, label, None);
                }
            }
            Record::Source(s) => {
                if let Some(d) = s.published {
                    push(d, "published", None);
                }
            }
            Record::Person(p) => {
                for (i, role) in p.roles.iter().enumerate() {
                    if let Some(d) = role.date {
                        push(d, "role", Some(i as u32));
                    }
                }
            }
            Record::Place(_) => {}
        }
    }
    // By date, then kind, then name ignoring case, then a person's roles in their order. The
    // index ranks each kind by name, so no name is copied or compared here, except for the
    // statistics, which the index ranks by series: they are ranked by name once.
    let mut statistics = index.of_kind(Kind::Statistic).to_vec();
    statistics.sort_by_cached_key(|&r| index.record(r).name().to_lowercase());
    let mut rank = vec![0u32; index.len()];
    for (i, &r) in statistics.iter().enumerate() {
        rank[r] = i as u32;
    }
    out.sort_unstable_by_key(|e| {
        let by_name = match e.kind {
            Kind::Statistic => rank[e.record] as usize,
            k => index.list_position(Some(k), e.record).unwrap_or(0),
        };
        (e.date, e.kind, by_name, e.role)
    });
    out
}

/// A row of the timeline as drawn: a year heading or an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Year { year: i32, count: usize },
    Entry(usize),
}

/// A year's entries in a filtered timeline: where they start and how many there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    pub start: usize,
    pub count: usize,
}

/// The timeline under one filter: its entries (all of them, or those of one kind) and years.
#[derive(Debug, Clone, PartialEq)]
pub struct Filtered {
    pub kind: Option<Kind>,
    /// Entry indices, ascending; `None` for every entry.
    pub entries: Option<Vec<u32>>,
    pub len: usize,
    pub years: Vec<Year>,
}

impl Filtered {
    fn new(all: &[Entry], kind: Option<Kind>) -> Filtered {
        let entries: Option<Vec<u32>> = kind.map(|k| {
            (0..all.len() as u32)
                .filter(|&i| all[i as usize].kind == k)
                .collect()
        });
        let len = entries.as_ref().map_or(all.len(), Vec::len);
        let mut f = Filtered {
            kind,
            entries,
            len,
            years: Vec::new(),
        };
        for pos in 0..len {
            let year = all[f.entry(pos)].date.year;
            match f.years.last_mut() {
                Some(y) if y.year == year => y.count += 1,
                _ => f.years.push(Year {
                    year,
                    start: pos,
                    count: 1,
                }),
            }
        }
        f
    }

    /// The entry at a position of this filtered timeline.
    pub fn entry(&self, pos: usize) -> usize {
        self.entries.as_ref().map_or(pos, |v| v[pos] as usize)
    }

    /// Where an entry is in this filtered timeline, or where it would be.
    fn position(&self, entry: usize) -> Result<usize, usize> {
        match &self.entries {
            None if entry < self.len => Ok(entry),
            None => Err(self.len),
            Some(v) => v.binary_search(&(entry as u32)),
        }
    }

    pub fn rows(&self) -> usize {
        self.len + self.years.len()
    }

    fn year_of(&self, pos: usize) -> usize {
        self.years
            .partition_point(|y| y.start <= pos)
            .saturating_sub(1)
    }

    /// The row an entry position is drawn on, below its year's heading.
    pub fn row_of(&self, pos: usize) -> usize {
        pos + self.year_of(pos) + 1
    }

    fn heading_row(&self, year: usize) -> usize {
        self.years[year].start + year
    }

    /// What is drawn on a row.
    pub fn at_row(&self, row: usize) -> Option<Row> {
        if row >= self.rows() {
            return None;
        }
        // The last year whose heading is at or above the row.
        let (mut lo, mut hi) = (0, self.years.len());
        while lo + 1 < hi {
            let mid = (lo + hi) / 2;
            if self.heading_row(mid) <= row {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let y = self.years[lo];
        if row == self.heading_row(lo) {
            Some(Row::Year {
                year: y.year,
                count: y.count,
            })
        } else {
            Some(Row::Entry(self.entry(row - lo - 1)))
        }
    }
}

/// Everything the timeline shows, built once.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub entries: Vec<Entry>,
    /// All entries first, then each kind that has any.
    pub filters: Vec<Filtered>,
}

impl Model {
    pub fn new(index: &Index) -> Model {
        let entries = entries(index);
        let mut filters = vec![Filtered::new(&entries, None)];
        for k in Kind::ALL {
            let f = Filtered::new(&entries, Some(k));
            if f.len > 0 {
                filters.push(f);
            }
        }
        Model { entries, filters }
    }

    pub fn filter(&self, kind: Option<Kind>) -> &Filtered {
        self.filters
            .iter()
            .find(|f| f.kind == kind)
            .unwrap_or(&self.filters[0])
    }
}

/// What history keeps of the timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineState {
    /// Only entries of this kind, or all.
    pub filter: Option<Kind>,
    /// The selected entry, an index into `Model::entries`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// Digits of a year being typed.
    pub typed: String,
}

#[derive(Default)]
pub struct Timeline {
    pub state: TimelineState,
    pub model: Lazy<Model>,
    /// The record the view was opened from, to select once the timeline is built.
    pub pending: Option<usize>,
    /// What the status bar should say of where the view opened, taken once.
    pub said: Option<String>,
}

fn height(size: (u16, u16)) -> usize {
    layout::inner_height(layout::with_preview(size).main)
}

impl Timeline {
    /// Called when the view comes on screen: its data is built the first time.
    pub fn shown(&mut self, index: &Arc<Index>, from: Option<usize>) {
        self.model.start(index, Model::new);
        self.pending = from;
        self.open_at_pending(index);
    }

    /// Takes the data if it has just been built; true when the screen should be redrawn.
    pub fn poll(&mut self, index: &Index, size: (u16, u16)) -> bool {
        let ready = self.model.poll();
        if ready {
            self.open_at_pending(index);
            self.settle(size);
        }
        ready
    }

    /// Once the timeline is built, selects the record it was opened from: its first entry,
    /// else where its date would sort; a record with no date leaves the selection, and the
    /// status bar says so.
    fn open_at_pending(&mut self, index: &Index) {
        let Some(m) = self.model.get().cloned() else {
            return;
        };
        let Some(r) = self.pending.take() else {
            return;
        };
        let name = crate::text::sanitize::line(index.record(r).name()).into_owned();
        if let Some(i) = m.entries.iter().position(|e| e.record == r) {
            self.state.selected = i;
        } else if let Some(date) = index.record(r).date() {
            let key = (date.year, date.month.unwrap_or(0), date.day.unwrap_or(0));
            let at = m.entries.partition_point(|e| {
                (
                    e.date.year,
                    e.date.month.unwrap_or(0),
                    e.date.day.unwrap_or(0),
                ) < key
            });
            self.state.selected = at.min(m.entries.len().saturating_sub(1));
            self.said = Some(format!(
                "“{name}” is not on the timeline: this is where {date} falls"
            ));
        } else {
            self.said = Some(format!(
                "“{name}” has no date: the timeline is where it was"
            ));
        }
    }

    /// The model, once built.
    pub fn ready(&self) -> Option<&Arc<Model>> {
        self.model.get()
    }

    pub fn selected_record(&self) -> Option<usize> {
        self.record_at(&self.state)
    }

    pub fn record_at(&self, state: &TimelineState) -> Option<usize> {
        self.ready()?.entries.get(state.selected).map(|e| e.record)
    }

    /// The filtered timeline shown and the selection's position in it.
    pub fn position(&self) -> Option<(&Filtered, usize)> {
        let m = self.ready()?;
        let f = m.filter(self.state.filter);
        f.position(self.state.selected).ok().map(|p| (f, p))
    }

    /// Puts the selection on an entry that passes the filter (the nearest one after it, else
    /// the last) and keeps it on screen.
    pub fn settle(&mut self, size: (u16, u16)) {
        let Some(m) = self.model.get().cloned() else {
            return;
        };
        let f = m.filter(self.state.filter);
        if f.len == 0 {
            self.state.offset = 0;
            return;
        }
        let pos = match f.position(self.state.selected) {
            Ok(p) => p,
            Err(p) => p.min(f.len - 1),
        };
        self.state.selected = f.entry(pos);
        let row = f.row_of(pos);
        // The year heading above the first entry of a year comes into view with it.
        let top = if f.years[f.year_of(pos)].start == pos {
            row - 1
        } else {
            row
        };
        reveal(&mut self.state.offset, top, row, f.rows(), height(size));
    }

    fn select_pos(&mut self, pos: usize) {
        if let Some(m) = self.model.get() {
            let f = m.filter(self.state.filter);
            if pos < f.len {
                self.state.selected = f.entry(pos);
            }
        }
    }

    fn cycle_filter(&mut self, d: isize) {
        let Some(m) = self.model.get() else {
            return;
        };
        let at = m
            .filters
            .iter()
            .position(|f| f.kind == self.state.filter)
            .unwrap_or(0) as isize;
        let n = m.filters.len() as isize;
        self.state.filter = m.filters[(at + d).rem_euclid(n) as usize].kind;
    }

    /// Selects the first entry of `year`, or of the nearest later year, or the last entry,
    /// with the year's heading at the top of the screen. Returns the year landed on.
    fn go_to_year(&mut self, year: i32, size: (u16, u16)) -> Option<i32> {
        let m = self.model.get()?.clone();
        let f = m.filter(self.state.filter);
        let y = f.years.partition_point(|y| y.year < year);
        let (landed, pos) = match f.years.get(y) {
            Some(g) => (g.year, g.start),
            None => (f.years.last()?.year, f.len - 1),
        };
        self.state.selected = f.entry(pos);
        let row = f.row_of(pos);
        self.state.offset = (row - 1).min(f.rows().saturating_sub(height(size)));
        Some(landed)
    }

    fn year_step(&mut self, forward: bool, size: (u16, u16)) {
        let Some((f, pos)) = self.position() else {
            return;
        };
        let y = f.year_of(pos);
        let target = if forward {
            f.years.get(y + 1)
        } else {
            y.checked_sub(1).and_then(|i| f.years.get(i))
        };
        if let Some(t) = target.map(|t| t.year) {
            self.go_to_year(t, size);
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        if !matches!(action, Action::Input(_)) {
            let was_typing = !self.state.typed.is_empty();
            self.state.typed.clear();
            if was_typing && action == Action::Close {
                return Outcome::Stay;
            }
        }
        if self.ready().is_none() {
            return match action {
                Action::Close => Outcome::Close,
                _ => Outcome::Status("The timeline is still being prepared".into()),
            };
        }
        if let Some(d) = delta(action, height(ctx.size))
            && let Some((f, pos)) = self.position()
        {
            let next = step(pos, d, f.len);
            self.select_pos(next);
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
            Action::NextKind => self.cycle_filter(1),
            Action::PrevKind => self.cycle_filter(-1),
            Action::NextGroup => return self.year_step_outcome(true, ctx),
            Action::PrevGroup => return self.year_step_outcome(false, ctx),
            Action::Input(c) if c.is_ascii_digit() => {
                self.state.typed.push(c);
                if self.state.typed.len() == 4 {
                    let year: i32 = self.state.typed.parse().unwrap_or(0);
                    self.state.typed.clear();
                    match self.go_to_year(year, ctx.size) {
                        Some(y) if y != year => {
                            outcome =
                                Outcome::Status(format!("Nothing dated {year}; the next is {y}"))
                        }
                        None => outcome = Outcome::Status("The timeline is empty".into()),
                        _ => {}
                    }
                    return outcome;
                }
            }
            _ => {}
        }
        self.settle(ctx.size);
        outcome
    }

    fn year_step_outcome(&mut self, forward: bool, ctx: &Ctx) -> Outcome {
        self.year_step(forward, ctx.size);
        Outcome::Stay
    }

    pub fn resize(&mut self, size: (u16, u16)) {
        self.settle(size);
    }

    /// The kind filters as tabs ("All 96", "Events 12"), shortened to fit.
    pub fn filter_tabs(&self, width: u16) -> layout::Tabs {
        let Some(m) = self.ready() else {
            return layout::Tabs::default();
        };
        let active = m.filters.iter().position(|f| f.kind == self.state.filter);
        let label = |f: &Filtered, short: bool| match (f.kind, short) {
            (None, false) => format!("All {}", f.len),
            (None, true) => format!("all {}", f.len),
            (Some(k), false) => format!("{} {}", k.plural(), f.len),
            (Some(k), true) => format!("{} {}", k.short(), f.len),
        };
        let long: Vec<String> = m.filters.iter().map(|f| label(f, false)).collect();
        let tabs = layout::Tabs::new(long, active, width, 3);
        if !tabs.more_left && !tabs.more_right {
            return tabs;
        }
        let short: Vec<String> = m.filters.iter().map(|f| label(f, true)).collect();
        layout::Tabs::new(short, active, width, 3)
    }

    pub fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
        let areas = layout::with_preview(ctx.size);
        let Some(m) = self.ready().cloned() else {
            return Outcome::Stay;
        };
        if inside(areas.header, x, y) {
            if let Some(i) = self.filter_tabs(areas.header.width).at(x) {
                self.state.filter = m.filters[i].kind;
                self.settle(ctx.size);
            }
            return Outcome::Stay;
        }
        let Some(row) = inner_row(areas.main, x, y) else {
            return Outcome::Stay;
        };
        let f = m.filter(self.state.filter);
        let at = self.state.offset + row;
        let target = match f.at_row(at) {
            Some(Row::Entry(i)) => i,
            // A year heading selects the year's first entry.
            Some(Row::Year { .. }) => match f.at_row(at + 1) {
                Some(Row::Entry(i)) => i,
                _ => return Outcome::Stay,
            },
            None => return Outcome::Stay,
        };
        if target == self.state.selected && matches!(f.at_row(at), Some(Row::Entry(_))) {
            return match self.selected_record() {
                Some(r) => Outcome::Open(r),
                None => Outcome::Stay,
            };
        }
        self.state.selected = target;
        self.settle(ctx.size);
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

    fn model() -> Model {
        Model::new(&Index::new(
            crate::ingest::load::load_builtin().expect("built-in dataset loads"),
        ))
    }

    #[test]
    fn entries_are_oldest_first_and_partial_dates_come_first_in_their_year() {
        let t = model();
        assert!(t.entries.windows(2).all(|w| w[0].date <= w[1].date));
        let y2019: Vec<_> = t.entries.iter().filter(|e| e.date.year == 2019).collect();
        let first_month = y2019.iter().position(|e| e.date.month.is_some()).unwrap();
        assert!(y2019[..first_month].iter().all(|e| e.date.month.is_none()));
        assert!(y2019[first_month..].iter().all(|e| e.date.month.is_some()));
    }

    #[test]
    fn rows_interleave_one_heading_per_year_with_the_entries() {
        let t = model();
        for f in &t.filters {
            let rows: Vec<Row> = (0..f.rows()).filter_map(|r| f.at_row(r)).collect();
            assert_eq!(rows.len(), f.rows());
            let mut expected = Vec::new();
            let mut last = None;
            for pos in 0..f.len {
                let e = f.entry(pos);
                let year = t.entries[e].date.year;
                if last != Some(year) {
                    let count = (pos..f.len)
                        .take_while(|&p| t.entries[f.entry(p)].date.year == year)
                        .count();
                    expected.push(Row::Year { year, count });
                    last = Some(year);
                }
                assert_eq!(f.row_of(pos), expected.len());
                expected.push(Row::Entry(e));
            }
            assert_eq!(rows, expected, "{:?}", f.kind);
            if let Some(k) = f.kind {
                assert!((0..f.len).all(|p| t.entries[f.entry(p)].kind == k));
            }
        }
    }
}
