use super::*;
use crate::data::model::{Organization, Statistic};
use serde_yaml::Value;

mod limits;
mod random;
mod tricky;

use random::Gen;

/// The fast path's reading of one item, if it is sure of it.
fn fast<T: DeserializeOwned>(chunk: &str) -> Option<T> {
    let limits = Limits::default();
    let mut parser = fast::Parser::new(chunk, &limits, fast::Buffers::default());
    parser.item().ok()?;
    T::deserialize(de::De {
        nodes: &parser.nodes,
        at: 0,
    })
    .ok()
}

/// serde_yaml's reading of one item.
fn slow<T: DeserializeOwned>(chunk: &str) -> Option<T> {
    serde_yaml::from_str::<Vec<T>>(chunk)
        .ok()
        .filter(|v| v.len() == 1)
        .and_then(|mut v| v.pop())
}

/// Values compared as YAML sees them: NaN equal to itself.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || (x.as_f64().is_some_and(f64::is_nan) && y.as_f64().is_some_and(f64::is_nan))
        }
        (Value::Sequence(x), Value::Sequence(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Mapping(x), Value::Mapping(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|((ka, va), (kb, vb))| same(ka, kb) && same(va, vb))
        }
        _ => a == b,
    }
}

/// Whatever the fast path answers for `chunk`, serde_yaml answers the same; returns whether
/// the fast path answered.
fn agrees(chunk: &str) -> bool {
    let Some(mine) = fast::<Value>(chunk) else {
        return false;
    };
    let theirs = slow::<Value>(chunk);
    assert!(
        theirs.as_ref().is_some_and(|t| same(&mine, t)),
        "the fast path read {chunk:?} as {mine:?}, serde_yaml as {theirs:?}"
    );
    true
}

#[test]
fn every_record_of_the_builtin_and_synthetic_data_takes_the_fast_path_and_reads_the_same() {
    // The built-in files as the repository holds them (read here: the loader uses this module).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<crate::data::dataset::DataFile> = std::fs::read_dir(&dir)
        .expect("data/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| crate::data::dataset::DataFile {
            name: p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            text: std::fs::read_to_string(&p).expect("a data file"),
        })
        .collect();
    files.extend(crate::synth::generate(3_000, 3));
    let mut items = 0;
    for file in &files {
        let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
        let Head::Items(first) = head(text) else {
            continue;
        };
        let body = &text[first..];
        let starts = super::items(body);
        for (k, &(from, _)) in starts.iter().enumerate() {
            let to = starts.get(k + 1).map_or(body.len(), |s| s.0);
            let chunk = &body[from..to];
            assert!(
                agrees(chunk),
                "{}: not on the fast path:\n{chunk}",
                file.name
            );
            items += 1;
        }
    }
    assert!(items > 3_000, "{items}");
}

#[test]
fn tricky_yaml_is_read_as_serde_yaml_reads_it_or_left_to_it() {
    // Every case the fast path answers, it answers as serde_yaml does (`agrees` asserts that);
    // which cases it answers is pinned too, so that a change of what it takes on is reviewed.
    let report: String = tricky::CASES
        .iter()
        .map(|case| {
            let who = if agrees(case) { "fast " } else { "serde" };
            format!("{who} {case:?}\n")
        })
        .collect();
    insta::assert_snapshot!(report);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// The fast path's rule: on every input it accepts it agrees with the reference parser.
    /// Documents in the styles people write, from a seed...
    #[test]
    fn generated_documents_the_fast_path_accepts_read_as_serde_yaml_reads_them(seed: u64) {
        agrees(&Gen(seed).item());
    }

    /// ...and any text made of the characters that matter to YAML.
    #[test]
    fn any_text_the_fast_path_accepts_reads_as_serde_yaml_reads_it(
        body in "[-a-z0-9 :#'\"\\\\\\[\\]{},|>&*!?%@`~.\n\t]{0,80}"
    ) {
        agrees(&format!("- {body}\n"));
    }
}

#[test]
fn random_documents_are_read_as_serde_yaml_reads_them() {
    let mut g = Gen(20_240_601);
    let mut answered = 0;
    let n = 3_000;
    for _ in 0..n {
        if agrees(&g.item()) {
            answered += 1;
        }
    }
    assert!(
        answered > n * 6 / 10,
        "only {answered} of {n} on the fast path"
    );
}

#[test]
fn typed_records_read_the_same_both_ways() {
    let org = "- id: a\n  name: \"A — 甲\"\n  aliases: [A1, 'A 2']\n  summary: >-\n    Two\n    lines.\n  founded: 2011-05\n  works_in: [p, q]\n  sources:\n    - source: s\n      quote: \"q \\\"x\\\"\"\n";
    let mine: Organization = fast(org).expect("fast");
    assert_eq!(Some(&mine), slow::<Organization>(org).as_ref());
    let stat = "- id: s\n  name: S\n  summary: S\n  value: 1.5e3\n  unit: people\n  measure: m\n  date: 2019\n";
    let mine: Statistic = fast(stat).expect("fast");
    assert_eq!(Some(&mine), slow::<Statistic>(stat).as_ref());
    // Type errors are left to serde_yaml, which words them.
    assert!(fast::<Statistic>(&stat.replace("1.5e3", "\"1.5e3\"")).is_none());
    assert!(fast::<Organization>("- id: a\n  nmae: A\n").is_none());
}
