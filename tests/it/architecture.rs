//! The layers of `src/` as the README's "Layout of the code" draws them: each folder imports only
//! the folders listed before it, test code included, and no two modules import each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first; `cli` may use every other, `main.rs` the crate.
const LAYERS: [&str; 8] = [
    "text", "data", "synth", "ingest", "query", "prefs", "tui", "cli",
];

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file");
            out.push((path.to_string_lossy().into_owned(), text));
        }
    }
}

/// The `crate::layer::module` paths a text names: (layer, module).
fn uses(text: &str) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        let mut parts = rest.split("::");
        let layer: String = parts
            .next()
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !LAYERS.contains(&layer.as_str()) {
            continue;
        }
        let module: String = parts
            .next()
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        found.insert((layer, module));
    }
    found
}

#[test]
fn each_layer_imports_only_the_layers_below_it_and_no_two_modules_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut wrong = Vec::new();
    // (layer, module) -> the (layer, module)s it imports.
    let mut graph: BTreeMap<(String, String), BTreeSet<(String, String)>> = BTreeMap::new();
    for (path, text) in &files {
        let rel = path
            .strip_prefix(&format!("{}/", root.display()))
            .unwrap_or(path);
        let mut parts = rel.split('/');
        // `src/data.rs` is the layer's own file, `src/data/…` its modules.
        let layer = parts.next().unwrap_or("").trim_end_matches(".rs");
        let Some(rank) = LAYERS.iter().position(|l| *l == layer) else {
            continue; // lib.rs and main.rs
        };
        let module = parts
            .next()
            .unwrap_or("")
            .trim_end_matches(".rs")
            .to_string();
        for (to_layer, to_module) in uses(text) {
            let to_rank = LAYERS.iter().position(|l| *l == to_layer).unwrap_or(0);
            if to_rank > rank {
                wrong.push(format!("{rel} imports crate::{to_layer}::{to_module}"));
            }
            if (to_layer.as_str(), to_module.as_str()) != (layer, module.as_str()) {
                graph
                    .entry((layer.to_string(), module.clone()))
                    .or_default()
                    .insert((to_layer, to_module));
            }
        }
    }
    for (from, tos) in &graph {
        for to in tos {
            if from < to && graph.get(to).is_some_and(|back| back.contains(from)) {
                wrong.push(format!(
                    "{}::{} and {}::{} import each other",
                    from.0, from.1, to.0, to.1
                ));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

/// The synthetic generator is for `gen-synthetic`, benchmarks and tests: outside test code only
/// `cli` uses it, so no loading, searching or drawing path can reach it.
#[test]
fn only_the_cli_and_tests_use_the_synthetic_generator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut wrong = Vec::new();
    for (path, text) in &files {
        let rel = path
            .strip_prefix(&format!("{}/", root.display()))
            .unwrap_or(path);
        let layer = rel.split('/').next().unwrap_or("").trim_end_matches(".rs");
        if ["synth", "cli"].contains(&layer) || rel.ends_with("tests.rs") || rel.contains("/tests/")
        {
            continue;
        }
        // Test code is what follows a file's first `#[cfg(test)]`.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        if uses(code).iter().any(|(l, _)| l == "synth") {
            wrong.push(rel.to_string());
        }
    }
    assert!(
        wrong.is_empty(),
        "outside tests, these use crate::synth: {wrong:?}"
    );
}

/// One module style: `foo.rs` beside `foo/`, never `foo/mod.rs`.
#[test]
fn no_module_is_a_mod_rs() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let old_style: Vec<&String> = files
        .iter()
        .map(|(path, _)| path)
        .filter(|p| p.ends_with("/mod.rs"))
        .collect();
    assert!(
        old_style.is_empty(),
        "write these as foo.rs beside foo/: {old_style:?}"
    );
}
