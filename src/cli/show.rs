//! `ngo-atlas show`: one record with its links and what links to it.

use super::{Outcome, find, pretty};
use crate::detail::Detail;
use crate::index::Index;
use serde_json::{Value, json};

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
        if let crate::record::Record::Statistic(s) = r {
            // The value as every other output shows it, so a script need not redo the rules.
            let f = s.figure();
            v["figure"] = json!({
                "exact": f.text(true),
                "rounded": f.text(false),
                "bound": f.bound().name(),
            });
        }
        v["links"] = group(&d.links);
        v["referenced_by"] = group(&d.backlinks);
        return Ok(pretty(&v));
    }
    Ok(crate::detail::text(index, &d))
}
