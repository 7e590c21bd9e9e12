//! The dataset as a SQLite database that `sqlite3`, Datasette and DuckDB open as it is:
//!
//! - `records` (id, kind, name, summary, notes), one row each, and one table per kind
//!   (`organizations`, `people`, `events`, `programmes`, `statistics`, `places`, `sources`) with a
//!   typed column for each field the kind's records have (numbers as REAL, the rest as TEXT; a
//!   list or a nested value as JSON text);
//! - `links` (from_id, relation, to_id): every field whose values are ids of records;
//! - `quotes` (record_id, source_id, quote), with a full-text index `quotes_fts` (FTS5);
//! - views: `quotes_cited` (each quote with its record's name and its source's outlet, date and
//!   APA citation) and `links_named` (each link with both names).
//!
//! The columns come from the same records as `export --format json`, so the two agree.

use crate::data::index::Index;
use crate::data::model::Kind;
use crate::query::cite::{self, Style};
use rusqlite::{Connection, params};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The table of a kind.
pub fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::Organization => "organizations",
        Kind::Person => "people",
        Kind::Event => "events",
        Kind::Programme => "programmes",
        Kind::Statistic => "statistics",
        Kind::Place => "places",
        Kind::Source => "sources",
    }
}

/// Fields kept out of the kind tables: in `records`, `quotes` or implied by the table.
const SHARED: [&str; 4] = ["kind", "sources", "id", "name"];

/// Writes the database to a new file at `path`; how many records it holds. The file is made
/// new (it must not exist), filled in one transaction, and removed if anything fails.
pub fn write(index: &Index, path: &Path) -> Result<usize, String> {
    let fail = |e: rusqlite::Error| format!("cannot write {}: {e}", path.display());
    // Created new first, as every export is: nothing is overwritten.
    drop(super::out::create_file(path)?);
    let result = (|| {
        let mut db = Connection::open(path).map_err(fail)?;
        let tx = db.transaction().map_err(fail)?;
        let n = fill(index, &tx).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(n)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(path);
    }
    result
}

fn fill(index: &Index, db: &Connection) -> rusqlite::Result<usize> {
    let mut json = Vec::new();
    super::json(index, &mut json).map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
    let records: Vec<Value> = serde_json::from_slice(&json)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
    let ids: HashSet<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    db.execute_batch(
        "CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
             summary TEXT, notes TEXT);
         CREATE TABLE links (from_id TEXT NOT NULL REFERENCES records(id), relation TEXT NOT NULL,
             to_id TEXT NOT NULL REFERENCES records(id));
         CREATE TABLE quotes (record_id TEXT NOT NULL REFERENCES records(id),
             source_id TEXT NOT NULL, quote TEXT NOT NULL);
         CREATE INDEX links_from ON links(from_id);
         CREATE INDEX links_to ON links(to_id);
         CREATE INDEX quotes_record ON quotes(record_id);",
    )?;
    for kind in Kind::ALL {
        let of_kind: Vec<&Value> = records
            .iter()
            .filter(|r| r["kind"].as_str() == Some(kind.word()))
            .collect();
        kind_table(db, kind, &of_kind)?;
    }
    shared_tables(db, &records, &ids)?;
    db.execute_batch(
        "CREATE VIRTUAL TABLE quotes_fts USING fts5(quote, content='quotes', content_rowid='rowid');
         INSERT INTO quotes_fts(rowid, quote) SELECT rowid, quote FROM quotes;
         CREATE VIEW links_named AS
             SELECT l.from_id, f.name AS from_name, l.relation, l.to_id, t.name AS to_name
             FROM links l JOIN records f ON f.id = l.from_id JOIN records t ON t.id = l.to_id;",
    )?;
    cited_quotes(index, db)?;
    Ok(records.len())
}

/// Every record, link and quote in the tables all kinds share.
fn shared_tables(db: &Connection, records: &[Value], ids: &HashSet<&str>) -> rusqlite::Result<()> {
    let mut record = db.prepare("INSERT INTO records VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut link = db.prepare("INSERT INTO links VALUES (?1, ?2, ?3)")?;
    let mut quote = db.prepare("INSERT INTO quotes VALUES (?1, ?2, ?3)")?;
    // Every record first: the links and quotes refer to them.
    for r in records {
        record.execute(params![
            r["id"].as_str(),
            r["kind"].as_str(),
            r["name"].as_str(),
            r["summary"].as_str(),
            r["notes"].as_str()
        ])?;
    }
    for r in records {
        let id = r["id"].as_str().unwrap_or_default();
        for s in r["sources"].as_array().into_iter().flatten() {
            quote.execute(params![id, s["source"].as_str(), s["quote"].as_str()])?;
        }
        for (field, value) in r.as_object().into_iter().flatten() {
            if SHARED.contains(&field.as_str()) {
                continue;
            }
            for to in linked(value, ids) {
                link.execute(params![id, field, to])?;
            }
        }
    }
    Ok(())
}

/// The sources' citations, and the view that cites each quote.
fn cited_quotes(index: &Index, db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch("ALTER TABLE sources ADD COLUMN citation_apa TEXT;")?;
    let mut cited = db.prepare("UPDATE sources SET citation_apa = ?1 WHERE id = ?2")?;
    for s in index.of_kind(Kind::Source) {
        let id = index.record(*s).id();
        cited.execute(params![
            cite::for_record(index, *s, Style::Apa),
            id.as_str()
        ])?;
    }
    let outlet = if column_exists(db, "sources", "outlet")? {
        "s.outlet"
    } else {
        "NULL"
    };
    let published = if column_exists(db, "sources", "published")? {
        "s.published"
    } else {
        "NULL"
    };
    db.execute_batch(&format!(
        "CREATE VIEW quotes_cited AS
             SELECT q.rowid AS quote_id, q.record_id, r.kind, r.name AS record_name, q.quote,
                 q.source_id, {outlet} AS outlet, {published} AS published, s.citation_apa
             FROM quotes q JOIN records r ON r.id = q.record_id
             LEFT JOIN sources s ON s.id = q.source_id;"
    ))?;
    Ok(())
}

/// The ids of records a field's value names: a string or a list of strings that are ids.
fn linked<'a>(value: &'a Value, ids: &HashSet<&str>) -> Vec<&'a str> {
    let all: Vec<&str> = match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => return Vec::new(),
    };
    if !all.is_empty() && all.iter().all(|s| ids.contains(s)) {
        all
    } else {
        Vec::new()
    }
}

fn column_exists(db: &Connection, table: &str, column: &str) -> rusqlite::Result<bool> {
    let mut q = db.prepare(&format!(
        "SELECT 1 FROM pragma_table_info('{table}') WHERE name = ?1"
    ))?;
    q.exists([column])
}

/// One kind's table: `id` and `name`, then a column for each other field its records have, in
/// name order, typed by the values (all numbers: REAL; else TEXT, lists and nested values as
/// JSON text).
fn kind_table(db: &Connection, kind: Kind, records: &[&Value]) -> rusqlite::Result<()> {
    let mut columns: BTreeMap<&str, bool> = BTreeMap::new();
    for r in records {
        for (field, value) in r.as_object().into_iter().flatten() {
            if SHARED.contains(&field.as_str()) || value.is_null() {
                continue;
            }
            let number = columns.entry(field.as_str()).or_insert(true);
            *number &= value.is_number();
        }
    }
    let table = table(kind);
    let defs: Vec<String> = columns
        .iter()
        .map(|(c, number)| format!("\"{c}\" {}", if *number { "REAL" } else { "TEXT" }))
        .collect();
    let mut create = format!("CREATE TABLE {table} (id TEXT PRIMARY KEY, name TEXT NOT NULL");
    for d in &defs {
        create.push_str(", ");
        create.push_str(d);
    }
    create.push_str(");");
    db.execute_batch(&create)?;
    let names: Vec<&str> = columns.keys().copied().collect();
    let marks: Vec<String> = (1..=names.len() + 2).map(|i| format!("?{i}")).collect();
    let mut insert = db.prepare(&format!(
        "INSERT INTO {table} VALUES ({})",
        marks.join(", ")
    ))?;
    for r in records {
        let mut values: Vec<rusqlite::types::Value> = vec![
            text(&r["id"]).unwrap_or_default().into(),
            text(&r["name"]).unwrap_or_default().into(),
        ];
        for c in &names {
            values.push(match &r[*c] {
                Value::Null => rusqlite::types::Value::Null,
                Value::Number(n) => n.as_f64().map_or(rusqlite::types::Value::Null, Into::into),
                v => text(v).unwrap_or_default().into(),
            });
        }
        insert.execute(rusqlite::params_from_iter(values))?;
    }
    Ok(())
}

/// A value as TEXT: a string as it is, anything else as JSON.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        v => Some(v.to_string()),
    }
}
