//! The scriptable subcommands: search, show, cite, export, check.

use crate::cite::{self, Style};
use crate::detail::Detail;
use crate::index::Index;
use crate::model::Kind;
use crate::record::Record;
use crate::sanitize;
use crate::search::{Query, Searcher};
use crate::validate::closest;
use serde_json::{Value, json};
use std::fmt::Write;

/// What a subcommand produced: text for stdout, or an error message and exit code.
pub type Outcome = Result<String, (String, i32)>;

/// Exit code for an id that is not in the dataset.
pub const UNKNOWN_ID: i32 = 2;

pub fn search(
    index: &Index,
    text: &str,
    kind: Option<Kind>,
    limit: usize,
    as_json: bool,
) -> Outcome {
    let mut query = Query::parse(text);
    if kind.is_some() {
        query.kind = kind;
    }
    let searcher = Searcher::new(index);
    let hits = searcher.search(index, &query, limit);
    if as_json {
        let list: Vec<Value> = hits
            .iter()
            .map(|h| {
                let r = index.record(h.record);
                json!({"kind": r.kind(), "id": r.id(), "name": r.name(), "score": h.score})
            })
            .collect();
        return Ok(pretty(&Value::Array(list)));
    }
    let id_width = hits
        .iter()
        .map(|h| index.record(h.record).id().as_str().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for h in &hits {
        let r = index.record(h.record);
        let _ = writeln!(
            out,
            "{:<12} {:<id_width$}  {}",
            r.kind().word(),
            r.id(),
            sanitize::line(r.name())
        );
    }
    Ok(out)
}

/// Looks an id up, or explains which ids are close.
pub fn find(index: &Index, id: &str) -> Result<usize, (String, i32)> {
    index.get(id).ok_or_else(|| {
        let ids = index.records.iter().map(|r| r.id().as_str());
        let near = closest(id, ids);
        let mut msg = format!("no record has the id `{}`", sanitize::line(id));
        if !near.is_empty() {
            let _ = write!(msg, "; did you mean: {}?", near.join(", "));
        } else {
            msg.push_str("; try `ngo-atlas search` to find it");
        }
        (msg, UNKNOWN_ID)
    })
}

pub fn show(index: &Index, id: &str, as_json: bool) -> Outcome {
    let i = find(index, id)?;
    let r = index.record(i);
    let d = Detail::with_limit(index, i, usize::MAX);
    if as_json {
        let group = |groups: &[crate::detail::Group]| -> Value {
            groups
                .iter()
                .map(|g| {
                    let items: Vec<Value> = g
                        .items
                        .iter()
                        .map(|it| {
                            let t = index.record(it.target);
                            json!({"id": t.id(), "kind": t.kind(), "name": t.name(), "note": it.note})
                        })
                        .collect();
                    json!({"relation": g.label, "records": items})
                })
                .collect()
        };
        let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
        v["links"] = group(&d.links);
        v["referenced_by"] = group(&d.backlinks);
        return Ok(pretty(&v));
    }
    Ok(crate::detail::text(index, &d))
}

pub fn cite(index: &Index, id: &str, style: Style) -> Outcome {
    let i = find(index, id)?;
    Ok(citation(index, i, style))
}

/// The citation of a source, or for any other record the citations of its sources, each with
/// the quote that supports the record.
pub fn citation(index: &Index, record: usize, style: Style) -> String {
    let source_of = |i: usize| match index.record(i) {
        Record::Source(s) => Some(s),
        _ => None,
    };
    let text = match index.record(record) {
        Record::Source(s) => cite::cite(s, style),
        r if matches!(style, Style::Biblatex | Style::Ris | Style::CslJson) => {
            // Machine formats: each source once, as the format expects; quotes do not fit.
            let mut seen = Vec::new();
            for s in r.sources() {
                if !seen.contains(&&s.source) {
                    seen.push(&s.source);
                }
            }
            let entries: Vec<String> = seen
                .iter()
                .filter_map(|id| index.resolve(id).and_then(source_of))
                .map(|s| cite::cite(s, style).trim_end().to_string())
                .collect();
            if style == Style::CslJson && entries.len() > 1 {
                format!("[\n{}\n]", entries.join(",\n"))
            } else {
                entries.join("\n\n")
            }
        }
        r => r
            .sources()
            .iter()
            .filter_map(|s| {
                let source = index.resolve(&s.source).and_then(source_of)?;
                Some(format!(
                    "“{}”\n{}",
                    s.quote,
                    cite::cite(source, style).trim_end()
                ))
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    sanitize::for_clipboard(&text)
}

pub fn export(index: &Index, yaml: bool) -> Outcome {
    // Every record carries `sources`, a source's own being empty, so consumers need no special
    // case for it.
    let records: Vec<Value> = index
        .all()
        .map(|i| {
            let mut v = serde_json::to_value(index.record(i)).unwrap_or(Value::Null);
            if let Some(map) = v.as_object_mut() {
                map.entry("sources").or_insert_with(|| json!([]));
            }
            v
        })
        .collect();
    if yaml {
        serde_yaml::to_string(&records).map_err(|e| (format!("cannot write YAML: {e}"), 1))
    } else {
        Ok(pretty(&Value::Array(records)))
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
