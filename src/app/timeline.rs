//! The timeline: every dated fact in the dataset, oldest first, grouped by year. A date is as
//! precise as the data (a year, a month or a day) and sorts before more precise dates in the
//! same year, so "2019" comes before "Apr 2019" rather than on a made-up day.

use super::App;
use super::views::inside;
use crate::index::Index;
use crate::keymap::Action;
use crate::model::{Kind, PartialDate};
use crate::record::{Record, format_quantity};
use crate::ui;

/// One dated fact: a founding, an event, a programme's period, a figure, a publication, a role.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub date: PartialDate,
    pub record: usize,
    pub kind: Kind,
    /// What the date is: "founded", "event", "starts", "figure", "published", "role", ...
    pub label: &'static str,
    /// The text of the row (not yet sanitized): the record's name, or a person and a role.
    pub text: String,
    /// A short fact for the right edge: a statistic's value, when a period ends.
    pub aside: Option<String>,
}

/// A row of the timeline as drawn: a year heading or an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Year { year: i32, count: usize },
    Entry(usize),
}

/// What history keeps of the timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineState {
    /// Only entries of this kind, or all.
    pub filter: Option<Kind>,
    /// The selected entry, an index into `Timeline::entries`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// Digits of a year being typed.
    pub typed: String,
}

pub struct Timeline {
    pub entries: Vec<Entry>,
    pub state: TimelineState,
}

fn entries(index: &Index) -> Vec<Entry> {
    let mut out = Vec::new();
    let name = |i: &crate::model::Id| index.resolve(i).map(|r| index.record(r).name());
    for (record, r) in index.records.iter().enumerate() {
        let mut push = |date: PartialDate, label: &'static str, text: String, aside| {
            out.push(Entry {
                date,
                record,
                kind: r.kind(),
                label,
                text,
                aside,
            })
        };
        let plain = r.name().to_string();
        match r {
            Record::Organization(o) => {
                if let Some(d) = o.founded {
                    push(d, "founded", plain, None);
                }
            }
            Record::Event(e) => {
                if let Some(d) = e.date {
                    let end = e
                        .end
                        .filter(|&x| x != d)
                        .map(|x| format!("to {}", x.human()));
                    push(d, "event", plain, end);
                }
            }
            Record::Programme(p) => match (p.start, p.end) {
                (Some(s), Some(e)) if s != e => {
                    push(s, "period", plain, Some(format!("to {}", e.human())))
                }
                (Some(s), _) => push(s, "starts", plain, None),
                (None, Some(e)) => push(e, "ends", plain, None),
                (None, None) => {}
            },
            Record::Statistic(s) => {
                if let Some(d) = s.date.or(s.start) {
                    let label = if s.start.is_some() && s.date.is_some() {
                        "period"
                    } else {
                        "figure"
                    };
                    push(
                        d,
                        label,
                        plain,
                        Some(format_quantity(s.value, &s.unit, false)),
                    );
                }
            }
            Record::Source(s) => {
                if let Some(d) = s.published {
                    push(d, "published", plain, None);
                }
            }
            Record::Person(p) => {
                for role in &p.roles {
                    if let Some(d) = role.date {
                        let org = name(&role.organization).unwrap_or_default();
                        push(
                            d,
                            "role",
                            format!("{}: {}, {org}", r.name(), role.title),
                            None,
                        );
                    }
                }
            }
            Record::Place(_) => {}
        }
    }
    // Periods of statistics sit at their end, where the figure holds; say where they began.
    for e in &mut out {
        if let Record::Statistic(s) = index.record(e.record)
            && let (Some(start), Some(_)) = (s.start, s.date)
        {
            e.aside = e
                .aside
                .take()
                .map(|a| format!("{a} since {}", start.human()));
        }
    }
    out.sort_by(|a, b| {
        (a.date, a.kind, a.text.to_lowercase()).cmp(&(b.date, b.kind, b.text.to_lowercase()))
    });
    out
}

impl Timeline {
    pub fn new(index: &Index) -> Timeline {
        Timeline {
            entries: entries(index),
            state: TimelineState::default(),
        }
    }

    fn shows(&self, e: &Entry) -> bool {
        self.state.filter.is_none_or(|k| k == e.kind)
    }

    /// Entries that pass the filter, in order.
    pub fn visible(&self) -> Vec<usize> {
        (0..self.entries.len())
            .filter(|&i| self.shows(&self.entries[i]))
            .collect()
    }

    /// The kinds a filter can pick, with their counts; `None` is all of them.
    pub fn filters(&self) -> Vec<(Option<Kind>, usize)> {
        let mut out = vec![(None, self.entries.len())];
        for k in Kind::ALL {
            let n = self.entries.iter().filter(|e| e.kind == k).count();
            if n > 0 {
                out.push((Some(k), n));
            }
        }
        out
    }

    /// Year headings and entries, as drawn.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        let mut heading = 0;
        for i in self.visible() {
            let year = self.entries[i].date.year;
            if !matches!(rows.get(heading), Some(Row::Year { year: y, .. }) if *y == year) {
                heading = rows.len();
                rows.push(Row::Year { year, count: 0 });
            }
            if let Some(Row::Year { count, .. }) = rows.get_mut(heading) {
                *count += 1;
            }
            rows.push(Row::Entry(i));
        }
        rows
    }

    pub fn selected_record(&self) -> Option<usize> {
        self.record_at(&self.state)
    }

    pub fn record_at(&self, state: &TimelineState) -> Option<usize> {
        self.entries.get(state.selected).map(|e| e.record)
    }

    /// Keeps the selection on an entry that passes the filter: the nearest one after it, else
    /// the last one before it.
    fn settle(&mut self) {
        let visible = self.visible();
        let s = self.state.selected;
        if !visible.contains(&s) {
            self.state.selected = visible
                .iter()
                .copied()
                .find(|&i| i > s)
                .or(visible.last().copied())
                .unwrap_or(0);
        }
    }

    fn cycle_filter(&mut self, delta: isize) {
        let filters = self.filters();
        let at = filters
            .iter()
            .position(|f| f.0 == self.state.filter)
            .unwrap_or(0) as isize;
        let n = filters.len() as isize;
        self.state.filter = filters[(at + delta).rem_euclid(n) as usize].0;
        self.settle();
    }

    /// Selects the first entry of `year`, or of the nearest later year, or the last entry.
    /// Returns the year landed on.
    fn go_to_year(&mut self, year: i32) -> Option<i32> {
        let visible = self.visible();
        let i = visible
            .iter()
            .copied()
            .find(|&i| self.entries[i].date.year >= year)
            .or(visible.last().copied())?;
        self.state.selected = i;
        Some(self.entries[i].date.year)
    }

    fn year_step(&mut self, forward: bool) {
        let visible = self.visible();
        let Some(current) = self.entries.get(self.state.selected).map(|e| e.date.year) else {
            return;
        };
        let target = if forward {
            visible
                .iter()
                .map(|&i| self.entries[i].date.year)
                .find(|&y| y > current)
        } else {
            visible
                .iter()
                .rev()
                .map(|&i| self.entries[i].date.year)
                .find(|&y| y < current)
        };
        if let Some(y) = target {
            self.go_to_year(y);
        }
    }
}

impl App {
    pub(super) fn timeline_action(&mut self, action: Action) {
        if !matches!(action, Action::Input(_)) {
            let was_typing = !self.timeline.state.typed.is_empty();
            self.timeline.state.typed.clear();
            if was_typing && action == Action::Close {
                return;
            }
        }
        let page = ui::timeline::areas(self.size).list.height.saturating_sub(2) as usize;
        if let Some(delta) = App::delta_of(action, page) {
            let visible = self.timeline.visible();
            let at = visible
                .iter()
                .position(|&i| i == self.timeline.state.selected)
                .unwrap_or(0);
            if let Some(&i) = visible.get(App::step(at, delta, visible.len())) {
                self.timeline.state.selected = i;
            }
        }
        match action {
            Action::Close => self.show_view(super::View::Browse),
            Action::NextKind => self.timeline.cycle_filter(1),
            Action::PrevKind => self.timeline.cycle_filter(-1),
            Action::NextGroup => self.timeline.year_step(true),
            Action::PrevGroup => self.timeline.year_step(false),
            Action::Input(c) if c.is_ascii_digit() => {
                let typed = &mut self.timeline.state.typed;
                typed.push(c);
                if typed.len() == 4 {
                    let year: i32 = typed.parse().unwrap_or(0);
                    typed.clear();
                    match self.timeline.go_to_year(year) {
                        Some(y) if y != year => {
                            self.status = Some(format!("Nothing dated {year}; the next is {y}"))
                        }
                        None => self.status = Some("The timeline is empty".into()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        self.keep_timeline_visible();
    }

    pub(super) fn keep_timeline_visible(&mut self) {
        let height = ui::timeline::areas(self.size)
            .list
            .height
            .saturating_sub(2)
            .max(1) as usize;
        let tl = &mut self.timeline;
        tl.settle();
        let rows = tl.rows();
        let Some(row) = rows
            .iter()
            .position(|r| *r == Row::Entry(tl.state.selected))
        else {
            tl.state.offset = 0;
            return;
        };
        // The year heading above the first entry of a year comes into view with it.
        let top = if row > 0 && matches!(rows[row - 1], Row::Year { .. }) {
            row - 1
        } else {
            row
        };
        let s = &mut tl.state;
        if top < s.offset {
            s.offset = top;
        } else if row >= s.offset + height {
            s.offset = row + 1 - height;
        }
        s.offset = s.offset.min(rows.len().saturating_sub(height));
    }

    pub(super) fn timeline_click(&mut self, x: u16, y: u16) -> Option<super::Effect> {
        let areas = ui::timeline::areas(self.size);
        if inside(areas.header, x, y) {
            let filters = self.timeline.filters();
            if let Some(i) = ui::timeline::filter_tabs(self)
                .iter()
                .position(|t| (t.1..t.2).contains(&x))
            {
                self.timeline.state.filter = filters[i].0;
                self.timeline.settle();
                self.keep_timeline_visible();
            }
            return None;
        }
        if !inside(areas.list, x, y) || y == areas.list.y || y + 1 >= areas.list.bottom() {
            return None;
        }
        let rows = self.timeline.rows();
        let at = self.timeline.state.offset + (y - areas.list.y - 1) as usize;
        let target = match rows.get(at) {
            Some(Row::Entry(i)) => *i,
            // A year heading selects the year's first entry.
            Some(Row::Year { .. }) => match rows.get(at + 1) {
                Some(Row::Entry(i)) => *i,
                _ => return None,
            },
            None => return None,
        };
        if target == self.timeline.state.selected && matches!(rows.get(at), Some(Row::Entry(_))) {
            self.open_record(self.view_record());
        } else {
            self.timeline.state.selected = target;
            self.keep_timeline_visible();
        }
        None
    }

    pub(super) fn timeline_wheel(&mut self, x: u16, y: u16, delta: i8) {
        if inside(ui::timeline::areas(self.size).list, x, y) {
            let a = if delta < 0 { Action::Up } else { Action::Down };
            for _ in 0..3 {
                self.timeline_action(a);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline() -> Timeline {
        let index = Index::new(crate::load::load_builtin().expect("built-in dataset loads"));
        Timeline::new(&index)
    }

    #[test]
    fn entries_are_oldest_first_and_partial_dates_come_first_in_their_year() {
        let t = timeline();
        assert!(t.entries.windows(2).all(|w| w[0].date <= w[1].date));
        let y2019: Vec<_> = t.entries.iter().filter(|e| e.date.year == 2019).collect();
        let first_month = y2019.iter().position(|e| e.date.month.is_some()).unwrap();
        assert!(y2019[..first_month].iter().all(|e| e.date.month.is_none()));
        assert!(y2019[first_month..].iter().all(|e| e.date.month.is_some()));
    }

    #[test]
    fn every_year_has_one_heading_counting_its_entries() {
        let t = timeline();
        let rows = t.rows();
        let headings: Vec<_> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Year { year, count } => Some((*year, *count)),
                _ => None,
            })
            .collect();
        assert!(headings.windows(2).all(|w| w[0].0 < w[1].0));
        let total: usize = headings.iter().map(|h| h.1).sum();
        assert_eq!(total, t.entries.len());
    }

    #[test]
    fn a_filter_keeps_only_its_kind_and_moves_the_selection_onto_it() {
        let mut t = timeline();
        t.state.filter = Some(Kind::Event);
        t.settle();
        assert!(
            t.visible()
                .iter()
                .all(|&i| t.entries[i].kind == Kind::Event)
        );
        assert_eq!(t.entries[t.state.selected].kind, Kind::Event);
    }

    #[test]
    fn going_to_a_missing_year_lands_on_the_next_one() {
        let mut t = timeline();
        let year = t.go_to_year(2014).unwrap();
        assert!(year >= 2014);
        assert!(
            !t.entries
                .iter()
                .any(|e| (2014..year).contains(&e.date.year))
        );
    }
}
