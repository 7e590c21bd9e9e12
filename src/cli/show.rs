//! `ngo-atlas show`: one record with its links and what links to it.

use super::{Outcome, find};
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::query::detail::{Detail, Group};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value, json};

pub fn show(index: &Index, id: &str, as_json: bool) -> Outcome {
    let i = find(index, id)?;
    let r = index.record(i);
    let d = Detail::with_limit(index, i, usize::MAX);
    if as_json {
        let mut record = match serde_json::to_value(r) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        if let crate::data::record::Record::Statistic(s) = r {
            // The value as every other output shows it, so a script need not redo the rules.
            let f = s.figure();
            record.insert(
                "figure".into(),
                json!({
                    "exact": f.text(true),
                    "rounded": f.text(false),
                    "bound": f.bound().name(),
                }),
            );
        }
        let out = Shown {
            record,
            links: Groups(index, &d.links),
            referenced_by: Groups(index, &d.backlinks),
        };
        // Written straight from the index: a hub with 200,000 records linking to it took 26
        // times its data as a tree of JSON values before it was printed.
        let mut text = serde_json::to_string_pretty(&out).map_err(|e| (e.to_string(), 1))?;
        text.push('\n');
        return Ok(text);
    }
    Ok(crate::query::detail::text(index, &d))
}

/// The record's fields with its links, every key in name order as in the record's own JSON.
struct Shown<'a> {
    record: Map<String, Value>,
    links: Groups<'a>,
    referenced_by: Groups<'a>,
}

impl Serialize for Shown<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut keys: Vec<&str> = self.record.keys().map(String::as_str).collect();
        keys.extend(["links", "referenced_by"]);
        keys.sort_unstable();
        let mut map = s.serialize_map(Some(keys.len()))?;
        for k in keys {
            match k {
                "links" => map.serialize_entry(k, &self.links)?,
                "referenced_by" => map.serialize_entry(k, &self.referenced_by)?,
                _ => map.serialize_entry(k, &self.record[k])?,
            }
        }
        map.end()
    }
}

/// Groups of linked records, each written as it is reached.
struct Groups<'a>(&'a Index, &'a [Group]);

/// One group: its relation and its records.
struct Records<'a>(&'a Index, &'a Group);

#[derive(Serialize)]
struct Linked<'a> {
    id: &'a str,
    kind: Kind,
    name: &'a str,
    note: Option<&'a str>,
}

impl Serialize for Groups<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for g in self.1 {
            seq.serialize_element(&GroupOut {
                records: Records(self.0, g),
                relation: g.label,
            })?;
        }
        seq.end()
    }
}

/// Keys in name order, as before the output was streamed.
#[derive(Serialize)]
struct GroupOut<'a> {
    records: Records<'a>,
    relation: &'a str,
}

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.items.len()))?;
        for it in &self.1.items {
            let t = self.0.record(it.target);
            seq.serialize_element(&Linked {
                id: t.id().as_str(),
                kind: t.kind(),
                name: t.name(),
                note: it.note.as_deref(),
            })?;
        }
        seq.end()
    }
}
