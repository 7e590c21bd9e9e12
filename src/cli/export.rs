//! `ngo-atlas export`: the whole dataset as JSON or YAML.

use super::{Outcome, pretty};
use crate::index::Index;
use serde_json::{Value, json};

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
