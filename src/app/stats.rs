//! The statistics view: each series of comparable figures as a bar chart, every other figure
//! in a table. A series is the `series` key of the data; its bars are labelled by date when the
//! dates tell them apart, else by what they are about, else by name.

use super::App;
use super::views::inside;
use crate::index::Index;
use crate::keymap::Action;
use crate::model::Kind;
use crate::record::Record;
use crate::ui;

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
}

/// What history keeps of the statistics view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsState {
    /// An index into `Stats::items()`.
    pub selected: usize,
    /// First line shown.
    pub scroll: usize,
    /// Exact values ("98,990,000") instead of rounded ones ("98.99 million").
    pub exact: bool,
}

pub struct Stats {
    pub charts: Vec<Chart>,
    /// Statistics in no series (or alone in theirs), in the data's order.
    pub singles: Vec<usize>,
    pub state: StatsState,
}

fn statistic(index: &Index, r: usize) -> Option<&crate::model::Statistic> {
    match index.record(r) {
        Record::Statistic(s) => Some(s),
        _ => None,
    }
}

fn all_distinct<T: PartialEq>(v: &[T]) -> bool {
    v.iter().enumerate().all(|(i, a)| !v[..i].contains(a))
}

fn chart(index: &Index, key: &str, mut items: Vec<usize>) -> Chart {
    items.sort_by_key(|&r| (index.record(r).date(), r));
    let stats: Vec<_> = items.iter().filter_map(|&r| statistic(index, r)).collect();
    let dates: Vec<_> = stats.iter().map(|s| s.date).collect();
    let subjects: Vec<_> = stats.iter().map(|s| s.subject.clone()).collect();
    let labels = items
        .iter()
        .zip(&stats)
        .map(|(&r, s)| {
            let name = index.record(r).name().to_string();
            if dates.iter().all(Option::is_some) && all_distinct(&dates) {
                let d = s.date.map(|d| d.human()).unwrap_or_default();
                match s.start {
                    Some(start) => format!("{}–{d}", start.human()),
                    None => d,
                }
            } else if subjects.iter().all(Option::is_some) && all_distinct(&subjects) {
                s.subject
                    .as_ref()
                    .and_then(|id| index.resolve(id))
                    .map_or(name, |t| index.record(t).name().to_string())
            } else {
                name
            }
        })
        .collect();
    let measures: Vec<&str> = stats.iter().map(|s| s.measure.as_str()).collect();
    let title = if measures.windows(2).all(|w| w[0] == w[1]) {
        measures.first().copied().unwrap_or(key).to_string()
    } else {
        key.replace('-', " ")
    };
    let mut title_chars = title.chars();
    let title = match title_chars.next() {
        Some(c) => c.to_uppercase().chain(title_chars).collect(),
        None => title,
    };
    Chart {
        key: key.to_string(),
        title,
        items,
        labels,
    }
}

impl Stats {
    pub fn new(index: &Index) -> Stats {
        let mut series: Vec<(String, Vec<usize>)> = Vec::new();
        let mut singles = Vec::new();
        let mut statistics: Vec<usize> = index.of_kind(Kind::Statistic).to_vec();
        statistics.sort();
        for &r in &statistics {
            match statistic(index, r).and_then(|s| s.series.clone()) {
                Some(key) => match series.iter_mut().find(|s| s.0 == key) {
                    Some(s) => s.1.push(r),
                    None => series.push((key, vec![r])),
                },
                None => singles.push(r),
            }
        }
        let mut charts = Vec::new();
        for (key, items) in series {
            // One bar compares nothing: a lone figure reads better in the table.
            if items.len() < 2 {
                singles.extend(items);
            } else {
                charts.push(chart(index, &key, items));
            }
        }
        singles.sort();
        Stats {
            charts,
            singles,
            state: StatsState::default(),
        }
    }

    /// Every selectable statistic in display order: the charts' bars, then the table's rows.
    pub fn items(&self) -> Vec<usize> {
        self.charts
            .iter()
            .flat_map(|c| c.items.iter().copied())
            .chain(self.singles.iter().copied())
            .collect()
    }

    /// The index in `items()` where each section (a chart, the table) starts.
    pub fn section_starts(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut n = 0;
        for c in &self.charts {
            out.push(n);
            n += c.items.len();
        }
        if !self.singles.is_empty() {
            out.push(n);
        }
        out
    }

    pub fn selected_record(&self) -> Option<usize> {
        self.record_at(&self.state)
    }

    pub fn record_at(&self, state: &StatsState) -> Option<usize> {
        self.items().get(state.selected).copied()
    }
}

impl App {
    fn stats_doc(&self) -> ui::stats::Doc {
        let area = ui::stats::areas(self.size).charts;
        ui::stats::document(self, area.width.saturating_sub(2))
    }

    pub(super) fn stats_action(&mut self, action: Action) {
        let page = ui::stats::areas(self.size).charts.height.saturating_sub(2) as usize;
        let n = self.stats.items().len();
        let s = &mut self.stats.state;
        if let Some(delta) = App::delta_of(action, page / 2) {
            s.selected = App::step(s.selected, delta, n);
        }
        let starts = self.stats.section_starts();
        let s = &mut self.stats.state;
        match action {
            Action::Close => self.show_view(super::View::Browse),
            Action::ToggleExact => {
                s.exact = !s.exact;
                self.status = Some(
                    if s.exact {
                        "Showing exact values"
                    } else {
                        "Showing rounded values"
                    }
                    .into(),
                );
            }
            Action::NextGroup => {
                if let Some(&next) = starts.iter().find(|&&i| i > s.selected) {
                    s.selected = next;
                }
            }
            Action::PrevGroup => {
                // To the start of this section, or of the one before if already there.
                if let Some(&prev) = starts.iter().rev().find(|&&i| i < s.selected) {
                    s.selected = prev;
                }
            }
            _ => {}
        }
        self.keep_stats_visible();
    }

    pub(super) fn keep_stats_visible(&mut self) {
        let n = self.stats.items().len();
        self.stats.state.selected = self.stats.state.selected.min(n.saturating_sub(1));
        let height = ui::stats::areas(self.size)
            .charts
            .height
            .saturating_sub(2)
            .max(1) as usize;
        let doc = self.stats_doc();
        let s = &mut self.stats.state;
        if let Some(&row) = doc.item_rows.get(s.selected) {
            // Keep a section's heading in view with its first item.
            let top = doc
                .section_rows
                .iter()
                .copied()
                .filter(|&h| h <= row && row - h <= 3)
                .max()
                .unwrap_or(row);
            if top < s.scroll {
                s.scroll = top;
            } else if row >= s.scroll + height {
                s.scroll = row + 1 - height;
            }
        }
        s.scroll = s.scroll.min(doc.lines.len().saturating_sub(height));
    }

    pub(super) fn stats_click(&mut self, x: u16, y: u16) -> Option<super::Effect> {
        let areas = ui::stats::areas(self.size);
        if inside(areas.header, x, y) {
            let starts = self.stats.section_starts();
            if let Some(&start) = ui::stats::section_tabs(self)
                .iter()
                .position(|t| (t.1..t.2).contains(&x))
                .and_then(|i| starts.get(i))
            {
                self.stats.state.selected = start;
                self.keep_stats_visible();
            }
            return None;
        }
        let area = areas.charts;
        if !inside(area, x, y) || y == area.y || y + 1 >= area.bottom() {
            return None;
        }
        let row = self.stats.state.scroll + (y - area.y - 1) as usize;
        let doc = self.stats_doc();
        if let Some(i) = doc.item_rows.iter().position(|&r| r == row) {
            if i == self.stats.state.selected {
                self.open_record(self.view_record());
            } else {
                self.stats.state.selected = i;
                self.keep_stats_visible();
            }
        }
        None
    }

    pub(super) fn stats_wheel(&mut self, x: u16, y: u16, delta: i8) {
        if inside(ui::stats::areas(self.size).charts, x, y) {
            let a = if delta < 0 { Action::Up } else { Action::Down };
            for _ in 0..3 {
                self.stats_action(a);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats() -> (Index, Stats) {
        let index = Index::new(crate::load::load_builtin().expect("built-in dataset loads"));
        let stats = Stats::new(&index);
        (index, stats)
    }

    #[test]
    fn the_poverty_series_is_a_chart_labelled_by_year_oldest_first() {
        let (index, stats) = stats();
        let c = stats
            .charts
            .iter()
            .find(|c| c.key == "china-rural-poor")
            .expect("china-rural-poor is charted");
        assert_eq!(c.labels, ["2012", "2019"]);
        assert_eq!(
            index.record(c.items[0]).id().as_str(),
            "people-in-poverty-2012"
        );
        assert_eq!(c.title, "People living in poverty in China");
    }

    #[test]
    fn every_statistic_appears_once() {
        let (index, stats) = stats();
        let mut items = stats.items();
        assert_eq!(items.len(), index.of_kind(Kind::Statistic).len());
        items.sort();
        items.dedup();
        assert_eq!(items.len(), index.of_kind(Kind::Statistic).len());
    }

    #[test]
    fn bars_of_one_date_are_labelled_by_subject() {
        let (_, stats) = stats();
        let c = stats
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
