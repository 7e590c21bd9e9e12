//! The timeline's data: every dated fact, oldest first, and the rows of each kind filter.

use super::*;
use crate::tui::app::filter::RowFilter;
use rustc_hash::FxHashMap;

/// One dated fact: a founding, an event, a programme's period, a figure, a publication, a role.
/// Its text is made when it is drawn, so a million entries hold no strings, in twenty bytes
/// each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    pub date: PartialDate,
    record: u32,
    /// For a role, which of the person's roles; else `NO_ROLE`.
    role: u32,
    pub kind: Kind,
    /// What the date is.
    label: Label,
}

const _: () = assert!(std::mem::size_of::<Entry>() == 20);

/// What an entry's date is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Label {
    Founded,
    Event,
    Period,
    Starts,
    Ends,
    Figure,
    Published,
    Role,
}

impl Label {
    fn as_str(self) -> &'static str {
        match self {
            Label::Founded => "founded",
            Label::Event => "event",
            Label::Period => "period",
            Label::Starts => "starts",
            Label::Ends => "ends",
            Label::Figure => "figure",
            Label::Published => "published",
            Label::Role => "role",
        }
    }
}

const NO_ROLE: u32 = u32::MAX;

impl Entry {
    fn new(date: PartialDate, record: usize, kind: Kind, label: Label, role: Option<u32>) -> Entry {
        Entry {
            date,
            record: record as u32,
            role: role.unwrap_or(NO_ROLE),
            kind,
            label,
        }
    }

    pub fn record(&self) -> usize {
        self.record as usize
    }

    /// What the date is: "founded", "event", "starts", "figure", "published", "role", ...
    pub fn label(&self) -> &'static str {
        self.label.as_str()
    }

    /// For a role, which of the person's roles.
    pub fn role(&self) -> Option<u32> {
        (self.role != NO_ROLE).then_some(self.role)
    }

    /// The text of the row (not yet sanitized): the record's name, or a person and a role.
    pub fn text(&self, index: &Index) -> String {
        let r = index.record(self.record());
        match (r, self.role()) {
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
        match index.record(self.record()) {
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
    // The statistics' names, for their order below: read in the same walk, which keeps no
    // record (a timeline of a million records read on demand would otherwise hold them all).
    let mut names: FxHashMap<usize, String> = FxHashMap::default();
    index.records.walk(|record, r| {
        let mut push = |date: PartialDate, label: Label, role: Option<u32>| {
            out.push(Entry::new(date, record, r.kind(), label, role))
        };
        match r {
            Record::Organization(o) => {
                if let Some(d) = o.founded {
                    push(d, Label::Founded, None);
                }
            }
            Record::Event(e) => {
                if let Some(d) = e.date {
                    push(d, Label::Event, None);
                }
            }
            Record::Programme(p) => match (p.start, p.end) {
                (Some(s), Some(e)) if s != e => push(s, Label::Period, None),
                (Some(s), _) => push(s, Label::Starts, None),
                (None, Some(e)) => push(e, Label::Ends, None),
                (None, None) => {}
            },
            Record::Statistic(s) => {
                names.insert(record, r.name().to_lowercase());
                if let Some(d) = s.date.or(s.start) {
                    let label = if s.start.is_some() && s.date.is_some() {
                        Label::Period
                    } else {
                        Label::Figure
                    };
                    push(d, label, None);
                }
            }
            Record::Source(s) => {
                if let Some(d) = s.published {
                    push(d, Label::Published, None);
                }
            }
            Record::Person(p) => {
                for (i, role) in p.roles.iter().enumerate() {
                    if let Some(d) = role.date {
                        push(d, Label::Role, Some(i as u32));
                    }
                }
            }
            Record::Place(_) => {}
        }
    });
    // By date, then kind, then name ignoring case, then a person's roles in their order. The
    // index ranks each kind by name, so no name is copied or compared here, except for the
    // statistics, which the index ranks by series: they are ranked by name once.
    let mut statistics = index.of_kind(Kind::Statistic).to_vec();
    statistics.sort_by_cached_key(|r| names.remove(r).unwrap_or_default());
    let mut rank = vec![0u32; index.len()];
    for (i, &r) in statistics.iter().enumerate() {
        rank[r] = i as u32;
    }
    out.sort_unstable_by_key(|e| {
        let by_name = match e.kind {
            Kind::Statistic => rank[e.record()] as usize,
            k => index.list_position(Some(k), e.record()).unwrap_or(0),
        };
        (e.date, e.kind, by_name, e.role())
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
    pub(super) fn position(&self, entry: usize) -> Result<usize, usize> {
        match &self.entries {
            None if entry < self.len => Ok(entry),
            None => Err(self.len),
            Some(v) => v.binary_search(&(entry as u32)),
        }
    }

    pub fn rows(&self) -> usize {
        self.len + self.years.len()
    }

    pub(super) fn year_of(&self, pos: usize) -> usize {
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
        Model::of(index, None)
    }

    /// The entries of the records that pass `keep` (all: `None`).
    pub fn of(index: &Index, keep: Option<&RowFilter>) -> Model {
        let mut entries = entries(index);
        if let Some(f) = keep {
            entries.retain(|e| f.contains(e.record()));
        }
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
