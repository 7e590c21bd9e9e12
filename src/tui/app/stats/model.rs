//! The statistics view's data, built once per dataset (on a thread for a large one): each
//! series as a chart with its labels and widest cells, the figures in no series as a table, and
//! where each section starts, so that the view can draw any row by arithmetic.

use crate::data::index::Index;
use crate::data::model::{Kind, PartialDate, Statistic, Text};
use crate::data::record::Record;
use crate::text::sanitize::{self, display_width};
use crate::tui::app::filter::RowFilter;
use rustc_hash::{FxHashMap, FxHashSet};

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
    /// The widest cell of each column of the table: figure rounded and exact, when, source.
    pub table_w: [usize; 4],
    /// Each figure with a subject, ascending, and the record it is about: known without
    /// reading the figures again.
    pub about: Vec<(u32, u32)>,
}

pub fn statistic(index: &Index, r: usize) -> Option<&Statistic> {
    index.statistic(r)
}

fn all_distinct<T: std::hash::Hash + Eq>(v: impl Iterator<Item = T>) -> bool {
    let mut seen = FxHashSet::default();
    v.into_iter().all(|x| seen.insert(x))
}

/// What the view needs of a statistic, taken in one visit of the statistics that keeps none of
/// them: at a million records read on demand, holding every statistic's part was a fifth of
/// the explorer's memory.
/// Short texts are kept inline, without an allocation of their own.
struct Fact {
    r: usize,
    date: Option<PartialDate>,
    start: Option<PartialDate>,
    /// The record it is about.
    subject: Option<u32>,
    name: Text,
    measure: Text,
    unit: Text,
    value: f64,
    /// The figure's width, rounded and exact.
    figure_w: [u32; 2],
    /// The widths of its cells in the table: figure rounded and exact, when, source.
    table_w: [u32; 4],
}

impl Fact {
    fn new(index: &Index, r: usize, record: &Record, s: &Statistic) -> Fact {
        let figure = [table_value(s, false), table_value(s, true)];
        let cells = [
            sanitize::line(&figure[0]).into_owned(),
            sanitize::line(&figure[1]).into_owned(),
            when(s),
            sanitize::line(&index.source_label_of(record)).into_owned(),
        ];
        Fact {
            r,
            date: s.date,
            start: s.start,
            subject: s
                .subject
                .as_ref()
                .and_then(|id| index.resolve(id))
                .map(|t| t as u32),
            name: record.name().into(),
            measure: s.measure.clone(),
            unit: s.unit.clone(),
            value: s.value,
            figure_w: figure.map(|f| display_width(&f) as u32),
            table_w: cells.map(|c| display_width(&c) as u32),
        }
    }
}

/// How a series' bars are labelled: by date when every figure has its own, else by subject
/// when every figure has its own, else by name.
#[derive(Clone, Copy, PartialEq)]
enum Labels {
    Date,
    Subject,
    Name,
}

/// Puts a series' figures in order (oldest first) and says how their bars are labelled.
fn ordered(facts: &mut [Fact]) -> Labels {
    facts.sort_by_key(|f| (f.date.or(f.start), f.r));
    if facts.iter().all(|f| f.date.is_some()) && all_distinct(facts.iter().map(|f| f.date)) {
        Labels::Date
    } else if facts.iter().all(|f| f.subject.is_some())
        && all_distinct(facts.iter().map(|f| &f.subject))
    {
        Labels::Subject
    } else {
        Labels::Name
    }
}

/// A chart of a series `ordered` put in order; `subjects` has the names of the records its
/// bars may be labelled by.
fn chart(
    key: &str,
    facts: Vec<Fact>,
    labelled: Labels,
    subjects: &FxHashMap<usize, String>,
) -> Chart {
    let (by_date, by_subject) = (labelled == Labels::Date, labelled == Labels::Subject);
    let labels: Vec<String> = facts
        .iter()
        .map(|f| {
            if by_date {
                let d = f.date.map(|d| d.human()).unwrap_or_default();
                match f.start {
                    Some(start) => format!("{}–{d}", start.human()),
                    None => d,
                }
            } else if by_subject {
                f.subject
                    .and_then(|t| subjects.get(&(t as usize)))
                    .map_or_else(|| f.name.to_string(), String::clone)
            } else {
                f.name.to_string()
            }
        })
        .collect();
    let same_measure = facts.windows(2).all(|w| w[0].measure == w[1].measure);
    let title = match facts.first() {
        Some(f) if same_measure => f.measure.to_string(),
        _ => key.replace('-', " "),
    };
    let mut chars = title.chars();
    let title = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => title,
    };
    let widest = |k: usize| {
        facts
            .iter()
            .map(|f| f.figure_w[k] as usize)
            .max()
            .unwrap_or(0)
    };
    Chart {
        key: key.to_string(),
        title,
        unit: facts
            .first()
            .map(|f| f.unit.to_string())
            .unwrap_or_default(),
        max: facts.iter().map(|f| f.value).fold(0.0, f64::max),
        label_w: labels
            .iter()
            .map(|l: &String| display_width(&sanitize::line(l)))
            .max()
            .unwrap_or(0),
        value_w: [widest(0), widest(1)],
        items: facts.iter().map(|f| f.r).collect(),
        labels,
    }
}

impl Model {
    /// The charts and the table of the statistics that pass `keep` (all: `None`).
    pub fn new(index: &Index, keep: Option<&RowFilter>) -> Model {
        let mut order: Vec<String> = Vec::new();
        let mut series: FxHashMap<String, Vec<Fact>> = FxHashMap::default();
        let mut singles = Vec::new();
        let mut about = Vec::new();
        let mut statistics: Vec<usize> = index.of_kind(Kind::Statistic).to_vec();
        statistics.retain(|&r| keep.is_none_or(|f| f.contains(r)));
        statistics.sort_unstable();
        index.records.visit(&statistics, |r, record| {
            let Record::Statistic(s) = record else {
                return;
            };
            let fact = Fact::new(index, r, record, s);
            if let Some(subject) = fact.subject {
                about.push((r as u32, subject));
            }
            match &s.series {
                Some(key) => {
                    let facts = series.entry(key.to_string()).or_default();
                    if facts.is_empty() {
                        order.push(key.to_string());
                    }
                    facts.push(fact);
                }
                None => singles.push(fact),
            }
        });
        let mut groups = Vec::new();
        for key in order {
            let mut facts = series.remove(&key).unwrap_or_default();
            // One bar compares nothing: a lone figure reads better in the table.
            if facts.len() < 2 {
                singles.extend(facts);
            } else {
                let labelled = ordered(&mut facts);
                groups.push((key, facts, labelled));
            }
        }
        // The records that label bars, named in one visit that keeps none of them.
        let mut wanted: Vec<usize> = groups
            .iter()
            .filter(|(_, _, labelled)| *labelled == Labels::Subject)
            .flat_map(|(_, facts, _)| facts.iter())
            .filter_map(|f| Some(f.subject? as usize))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut subjects = FxHashMap::default();
        index.records.visit(&wanted, |r, record| {
            subjects.insert(r, record.name().to_string());
        });
        let charts = groups
            .into_iter()
            .map(|(key, facts, labelled)| chart(&key, facts, labelled, &subjects))
            .collect();
        singles.sort_unstable_by_key(|f| f.r);
        let mut table_w = [0; 4];
        for f in &singles {
            for (w, &c) in table_w.iter_mut().zip(&f.table_w) {
                *w = (*w).max(c as usize);
            }
        }
        let mut m = Model {
            charts,
            singles: singles.iter().map(|f| f.r).collect(),
            starts: Vec::new(),
            heading_rows: Vec::new(),
            rows: 0,
            table_w,
            about,
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

    /// The record figure `r` is about, if it has a subject.
    pub fn subject_of(&self, r: usize) -> Option<usize> {
        let i = self
            .about
            .binary_search_by_key(&(r as u32), |&(s, _)| s)
            .ok()?;
        Some(self.about[i].1 as usize)
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

/// The table's figure cell: the figure as every output writes it.
pub(super) fn table_value(s: &Statistic, exact: bool) -> String {
    s.figure().text(exact)
}
