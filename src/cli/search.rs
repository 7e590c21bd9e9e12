//! `ngo-atlas search`: the explorer's search, printed as a table or JSON.

use super::{Outcome, pretty};
use crate::index::Index;
use crate::model::Kind;
use crate::sanitize;
use crate::search::{Query, Searcher};
use serde_json::{Value, json};
use std::fmt::Write;

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
