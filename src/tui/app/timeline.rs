//! The timeline: every dated fact in the dataset, oldest first, grouped by year. A date is as
//! precise as the data (a year, a month or a day) and sorts before more precise dates in the
//! same year, so "2019" comes before "Apr 2019" rather than on a made-up day.
//!
//! The entries are sorted once, when the view is first shown; rows, years and filters are then
//! worked out by position, so no key costs more than a binary search however long the timeline.

mod model;
use super::cursor::{delta, reveal, step};
use super::filter::RowFilter;
use super::lazy::Lazy;
use super::screen::{Screen, open_selected, preparing};
use super::{Ctx, Outcome, Place};
use crate::data::index::Index;
use crate::data::model::{Kind, PartialDate};
use crate::data::record::Record;
use crate::prefs::keymap::Action;
use crate::tui::layout::{self, inner_row, inside};
pub use model::{Entry, Filtered, Model, Row, Year};
use ratatui::layout::Rect;
use std::sync::Arc;

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
    /// The entries are narrowed to those of a filter's records (`|`).
    pub narrowed: Option<Arc<RowFilter>>,
}

fn height(size: (u16, u16)) -> usize {
    layout::inner_height(layout::with_preview(size).main)
}

impl Timeline {
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
        if let Some(i) = m.entries.iter().position(|e| e.record() == r) {
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
        self.ready()?
            .entries
            .get(state.selected)
            .map(|e| e.record())
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

    fn year_step_outcome(&mut self, forward: bool, ctx: &Ctx) -> Outcome {
        self.year_step(forward, ctx.size);
        Outcome::Stay
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
}

impl Screen for Timeline {
    fn filter(&self) -> Option<&Arc<RowFilter>> {
        self.narrowed.as_ref()
    }

    /// The timeline is made again from the records that pass, from the top.
    fn set_filter(&mut self, filter: Option<Arc<RowFilter>>, _ctx: &Ctx) {
        self.narrowed = filter;
        self.model = Lazy::default();
        self.state.selected = 0;
        self.state.offset = 0;
    }

    fn wheel_area(&self, size: (u16, u16)) -> Option<Rect> {
        Some(layout::with_preview(size).main)
    }

    fn poll(&mut self, ctx: &Ctx) -> bool {
        let ready = self.model.poll();
        if ready {
            self.open_at_pending(&ctx.index);
            self.settle(ctx.size);
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
        Some(Place::Timeline(self.state.clone()))
    }

    fn restore(&mut self, place: &Place, ctx: &Ctx) {
        if let Place::Timeline(s) = place {
            self.state = s.clone();
            self.shown(ctx, None);
        }
    }

    fn shown(&mut self, ctx: &Ctx, from: Option<usize>) {
        let keep = self.narrowed.clone();
        self.model
            .start(&ctx.index, move |index| Model::of(index, keep.as_deref()));
        self.pending = from;
        self.open_at_pending(&ctx.index);
        self.settle(ctx.size);
    }

    fn said(&mut self) -> Option<String> {
        self.said.take()
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        if !matches!(action, Action::Input(_)) {
            let was_typing = !self.state.typed.is_empty();
            self.state.typed.clear();
            if was_typing && action == Action::Close {
                return Outcome::Stay;
            }
        }
        if self.ready().is_none() {
            return preparing(action, "The timeline is still being prepared");
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
                return open_selected(self.selected_record());
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

    fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
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

    fn resize(&mut self, ctx: &Ctx) {
        self.settle(ctx.size);
    }
}

#[cfg(test)]
mod tests;
