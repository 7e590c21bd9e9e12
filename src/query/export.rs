//! The dataset in formats other tools read: JSON and YAML (every field), CSV for spreadsheets
//! (one file per kind), GraphML and GEXF for network tools. Every writer streams: it holds one
//! record's output at a time, so exporting a million records needs little beyond the loaded
//! dataset.

pub mod csv;
pub mod fields;
pub mod gexf;
pub mod graphml;
pub mod out;
pub mod sqlite;
pub mod xml;
pub mod yaml;

use crate::data::index::Index;
use crate::data::record::Record;
use serde::{Serialize, Serializer};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An array of records: kind, id, name, fields, sources.
    Json,
    /// The same as YAML.
    Yaml,
    /// One table per kind, RFC 4180.
    Csv,
    /// Nodes and links for networkx, igraph, Cytoscape and Gephi.
    Graphml,
    /// Nodes and links in Gephi's own format.
    Gexf,
    /// A SQLite database: a table per kind, links, quotes with a full-text index, views.
    Sqlite,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Csv => "csv",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Sqlite => "sqlite",
        }
    }
}

/// A record as JSON, YAML, CSV and SQLite export it: every record carries `sources`, a
/// source's own being empty, so consumers need no special case for it; a statistic carries its
/// `figure` as every screen writes it ([`crate::data::model::Figure::text`]), so a reader need
/// not redo the rules for qualifiers, status and the article's words.
pub(crate) struct Exported<'a>(pub &'a Record);

impl Exported<'_> {
    pub(crate) fn value(&self) -> serde_json::Result<serde_json::Value> {
        let mut v = serde_json::to_value(self.0)?;
        if let Some(map) = v.as_object_mut() {
            map.entry("sources")
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let Record::Statistic(s) = self.0 {
                map.insert("figure".into(), s.figure().text(true).into());
            }
        }
        Ok(v)
    }
}

impl Serialize for Exported<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value()
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

fn records(index: &Index) -> impl Iterator<Item = Exported<'_>> {
    index.all().map(|i| Exported(index.record(i)))
}

/// Every record as a pretty-printed JSON array, in the index's order.
pub fn json<W: Write>(index: &Index, mut out: W) -> std::io::Result<usize> {
    let mut ser = serde_json::Serializer::pretty(&mut out);
    ser.collect_seq(records(index))?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(index.len())
}

/// Every record as a YAML sequence, in the index's order, quoted so that YAML 1.1 readers take
/// every value as YAML 1.2 readers do (the rules are in the `yaml` module).
pub fn yaml<W: Write>(index: &Index, out: W) -> std::io::Result<usize> {
    let values = records(index).map(|r| serde_json::to_value(r).map_err(std::io::Error::other));
    self::yaml::write_seq(values, out)?;
    Ok(index.len())
}
