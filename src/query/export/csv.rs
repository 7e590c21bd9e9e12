//! One kind of record as CSV (RFC 4180: UTF-8, a header row, CRLF line ends, fields quoted when
//! they hold a comma, a quote or a line break), for spreadsheets, R and pandas.
//!
//! Columns are the kind's fields in schema order: `id`, `name`, `aliases`, `summary`, the kind's
//! own fields, `notes`, `public_knowledge`, then `sources` (source ids). Links are ids, lists are
//! joined with `; `, dates are as written (`2019-04`), numbers as written (no thousands
//! separators), a role is `organization-id (title, date)`, and a place's coordinates are two
//! columns, `lat` and `lon`. Text is exact: what the dataset holds, control characters included.

use super::fields;
use crate::data::index::Index;
use crate::data::model::Kind;
use serde_json::Value;
use std::io::Write;

/// The header row of a kind. A statistic's `figure` (as every screen writes it) follows its
/// fields, before `notes`.
pub fn columns(kind: Kind) -> Vec<&'static str> {
    names(kind)
        .iter()
        .flat_map(|&f| match f {
            "coordinates" => vec!["lat", "lon"],
            f => vec![f],
        })
        .collect()
}

/// The kind's fields, and a statistic's `figure` after its own fields.
fn names(kind: Kind) -> Vec<&'static str> {
    let mut names = fields::names(kind).to_vec();
    if kind == Kind::Statistic {
        let at = names
            .iter()
            .position(|&f| f == "notes")
            .unwrap_or(names.len());
        names.insert(at, "figure");
    }
    names
}

/// How cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cells {
    /// A text cell a spreadsheet would run as a formula gets a `'` in front.
    #[default]
    SpreadsheetSafe,
    /// Exactly what the dataset holds.
    Raw,
}

/// Writes every record of `kind`, in the index's order, and returns how many.
pub fn write_kind<W: Write>(
    index: &Index,
    kind: Kind,
    out: W,
    cells: Cells,
) -> Result<usize, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let names = names(kind);
    w.write_record(columns(kind))?;
    let mut row: Vec<String> = Vec::new();
    for &i in index.of_kind(kind) {
        let value = super::Exported(index.record(i))
            .value()
            .map_err(|e| csv::Error::from(std::io::Error::other(e)))?;
        row.clear();
        for &name in &names {
            let v = value.get(name).unwrap_or(&Value::Null);
            if name == "coordinates" {
                row.push(v.get("lat").map(cell).unwrap_or_default());
                row.push(v.get("lon").map(cell).unwrap_or_default());
            } else if name == "sources" {
                row.push(source_ids(v));
            } else {
                row.push(cell(v));
            }
        }
        if cells == Cells::SpreadsheetSafe {
            for c in &mut row {
                if let std::borrow::Cow::Owned(safe) = crate::text::formula::neutralise(c) {
                    *c = safe;
                }
            }
        }
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(index.of_kind(kind).len())
}

/// A value as a spreadsheet cell.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(n),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        Value::Object(map) => match (map.get("organization"), map.get("title")) {
            // A person's role: the organization's id, then what the role was and when.
            (Some(org), Some(title)) => {
                let mut s = format!("{} ({}", cell(org), cell(title));
                if let Some(date) = map.get("date") {
                    s.push_str(", ");
                    s.push_str(&cell(date));
                }
                s.push(')');
                s
            }
            _ => v.to_string(),
        },
    }
}

/// 98990000 rather than 98990000.0; fractions as the shortest exact decimal.
fn number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Some(f) => f.to_string(),
        None => n.to_string(),
    }
}

/// The ids of the sources a record quotes, each once, in the order it quotes them.
fn source_ids(v: &Value) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for s in v.as_array().map(Vec::as_slice).unwrap_or(&[]) {
        if let Some(id) = s.get("source").and_then(Value::as_str)
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_read_as_people_write_them() {
        assert_eq!(cell(&json!(98990000.0)), "98990000");
        assert_eq!(cell(&json!(1.75)), "1.75");
        assert_eq!(cell(&json!(["a", "b, c"])), "a; b, c");
        assert_eq!(
            cell(&json!({"organization": "iprcc", "title": "deputy director", "date": "2020"})),
            "iprcc (deputy director, 2020)"
        );
        assert_eq!(
            cell(&json!([{"organization": "a", "title": "chair"}])),
            "a (chair)"
        );
        assert_eq!(cell(&Value::Null), "");
        assert_eq!(
            source_ids(
                &json!([{"source": "x", "quote": "1"}, {"source": "y", "quote": "2"}, {"source": "x", "quote": "3"}])
            ),
            "x; y"
        );
    }

    #[test]
    fn places_get_lat_and_lon_columns() {
        let c = columns(Kind::Place);
        let lat = c.iter().position(|&x| x == "lat").unwrap();
        assert_eq!(c[lat + 1], "lon");
        assert!(!c.contains(&"coordinates"));
    }
}
