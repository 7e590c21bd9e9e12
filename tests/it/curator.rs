//! The curator's loop, through the real binary: `new KIND` templates that load once filled in,
//! and `check --articles DIR` passing on good quotes and pointing at bad ones.

use crate::common;

use common::run;
use ngo_atlas::data::model::Kind;
use ngo_atlas::ingest::load::{DataFile, load_files};
use std::path::Path;

/// One record of each kind for a filled-in template to link to.
fn base() -> Vec<(Kind, String)> {
    let q = "sources: [{source: src-a, quote: q}]";
    vec![
        (
            Kind::Source,
            "- {id: src-a, name: A, summary: s, language: en}\n".into(),
        ),
        (
            Kind::Organization,
            format!("- {{id: org-a, name: O, summary: s, {q}}}\n"),
        ),
        (
            Kind::Person,
            format!("- {{id: person-a, name: P, summary: s, {q}}}\n"),
        ),
        (
            Kind::Place,
            format!("- {{id: place-a, name: P, summary: s, {q}}}\n"),
        ),
        (
            Kind::Event,
            format!("- {{id: event-a, name: E, summary: s, {q}}}\n"),
        ),
        (
            Kind::Programme,
            format!("- {{id: prog-a, name: P, summary: s, {q}}}\n"),
        ),
        (
            Kind::Statistic,
            format!("- {{id: stat-a, name: S, summary: s, value: 1, unit: u, measure: m, {q}}}\n"),
        ),
    ]
}

/// What a curator does with a template: turn every optional field on and put real values in
/// place of the placeholders.
fn fill(template: &str, kind: Kind) -> String {
    let mut out = String::new();
    for line in template.lines() {
        let line = match line.strip_prefix("  # ") {
            Some(rest) => format!("  {rest}"),
            None => line.to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    let filled = out
        .replace(
            &format!("<new-{}-id>", kind.word()),
            &format!("new-{}", kind.word()),
        )
        .replace("<organization-id>", "org-a")
        .replace("<place-id>", "place-a")
        .replace("<person-or-organization-id>", "person-a")
        .replace("<event-id>", "event-a")
        .replace("<programme-or-event-id>", "prog-a")
        .replace("<record-id>", "org-a")
        .replace("<source-id>", "src-a")
        .replace("<number>", "5")
        .replace("<latitude>", "1.5")
        .replace("<longitude>", "2.5")
        .replace("<YYYY-MM-DD>", "2020-01-02")
        .replace("<series-key>", "series-a")
        .replace("[<field>]", "[name]");
    // Whatever placeholder is left is free text.
    let mut text = String::new();
    let mut rest = filled.as_str();
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        text.push_str(&rest[..open]);
        text.push_str("some text");
        rest = &rest[close..];
    }
    text.push_str(rest);
    text
}

fn dataset(kind: Kind, extra: &str) -> Vec<DataFile> {
    base()
        .into_iter()
        .map(|(k, mut text)| {
            if k == kind {
                text.push_str(extra);
            }
            DataFile {
                name: k.file_name().to_string(),
                text,
            }
        })
        .collect()
}

/// The fields a kind allows, as serde lists them when it meets one it does not know.
fn schema_fields(kind: Kind) -> Vec<String> {
    let probe = "- {id: zz, name: Z, summary: s, zzz-unknown: 1}\n";
    let problems = load_files(&dataset(kind, probe)).expect_err("an unknown field is refused");
    let message = &problems
        .iter()
        .find(|p| p.message.contains("zzz-unknown"))
        .expect("the unknown field is reported")
        .message;
    let list = message
        .split("expected one of ")
        .nth(1)
        .expect("serde lists the fields");
    list.split(", ")
        .map(|f| f.trim_matches('`').to_string())
        .collect()
}

#[test]
fn every_template_filled_in_loads_with_every_field_of_its_kind() {
    for kind in Kind::ALL {
        let (code, template, err) = run(&["new", kind.word()]);
        assert_eq!(code, 0, "{err}");
        let filled = fill(&template, kind);
        let data = load_files(&dataset(kind, &filled))
            .unwrap_or_else(|p| panic!("{kind}: {}\n{filled}", p[0]));
        let id = format!("new-{}", kind.word());
        let record = data
            .records
            .iter()
            .find(|r| r.id().as_str() == id)
            .unwrap_or_else(|| panic!("{kind}: {id} not loaded"));
        let json = serde_json::to_value(record).unwrap();
        for field in schema_fields(kind) {
            assert!(
                json.get(&field).is_some(),
                "{kind}: the template has no `{field}`, or it did not load:\n{template}"
            );
        }
    }
}

#[test]
fn a_template_pasted_unfilled_does_not_pass_for_data() {
    for kind in Kind::ALL {
        let (_, template, _) = run(&["new", kind.word()]);
        let problems =
            load_files(&dataset(kind, &template)).expect_err("placeholders must not load");
        assert!(
            problems
                .iter()
                .any(|p| p.to_string().contains(&format!("new-{}-id", kind.word()))),
            "{kind}: {problems:?}"
        );
    }
}

#[test]
fn new_refuses_an_unknown_kind() {
    let (code, out, err) = run(&["new", "village"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("expected organization, person"), "{err}");
}

#[test]
fn the_builtin_data_passes_against_the_articles() {
    let dir = crate::common::articles();
    let (code, out, err) = run(&["check", "--articles", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let line = out.lines().nth(1).unwrap_or_default();
    let (found, total) = line
        .strip_prefix("quotes: ")
        .and_then(|l| l.split_once(" of "))
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(found, total.split(' ').next().unwrap(), "{out}");
    assert!(line.contains("found in 5 articles"), "{out}");
    assert!(!out.contains("not checked"), "{out}");
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn a_quote_that_is_not_in_its_article_is_shown_beside_the_closest_passage() {
    let data = tempfile::tempdir().unwrap();
    let arts = tempfile::tempdir().unwrap();
    write(
        data.path(),
        "sources.yaml",
        "- id: src-a\n  name: A\n  summary: s\n  language: en\n  text_file: a.txt\n\
         - {id: src-b, name: B, summary: s, language: en}\n",
    );
    write(
        data.path(),
        "organizations.yaml",
        "- id: org-a\n  name: O\n  summary: s\n  sources:\n    - source: src-a\n      quote: \"Tan Weiping, deputy-director of the centre\"\n    - {source: src-b, quote: unchecked}\n",
    );
    write(
        arts.path(),
        "a.txt",
        "Page furniture.\n\nTan Weiping, deputy director of the\ncentre, said so.\n",
    );
    let (code, out, err) = run(&[
        "--data",
        data.path().to_str().unwrap(),
        "check",
        "--articles",
        arts.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let file = data.path().join("organizations.yaml");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        format!("{}:6:14: org-a: quote not found in a.txt", file.display())
    );
    assert_eq!(lines[1], "  closest passage (1 character differs):");
    assert_eq!(
        lines[2],
        "    article: Tan Weiping, deputy director of the centre"
    );
    assert_eq!(
        lines[3],
        "    quote:   Tan Weiping, deputy-director of the centre"
    );
    assert_eq!(
        lines[4],
        format!("{}^", " ".repeat(13 + "Tan Weiping, deputy".len()))
    );
    assert_eq!(
        lines[5],
        "  the quote has - (U+002D) where the article has   (U+0020)"
    );
    assert_eq!(lines.last(), Some(&"1 quote not found in its article."));
    assert!(
        out.contains("quotes: 0 of 1 quote found in 1 article"),
        "{out}"
    );
    assert!(
        out.contains("not checked, no text_file: src-b (1 quote)"),
        "{out}"
    );
}

#[test]
fn the_builtin_data_makes_no_claim_its_quotes_lack() {
    // Issue 24: `check --claims` on the built-in data, with and without the articles, warns of
    // nothing.
    let dir = crate::common::articles().to_str().unwrap().to_string();
    for with in [None, Some(&dir)] {
        let mut args = vec!["check", "--claims"];
        if let Some(dir) = with {
            args.extend(["--articles", dir.as_str()]);
        }
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
        assert!(
            out.contains("records checked against their evidence; every claim found"),
            "{out}"
        );
    }
}

#[test]
fn a_sentence_saying_more_than_its_quote_is_a_warning_with_the_words_marked() {
    let data = tempfile::tempdir().unwrap();
    write(
        data.path(),
        "sources.yaml",
        "- id: src-a\n  name: Daily (2019)\n  summary: An article.\n  outlet: Daily\n  published: 2019\n  language: en\n",
    );
    write(
        data.path(),
        "places.yaml",
        "- id: kunming\n  name: Kunming\n  summary: >-\n    The capital of Yunnan, with 300 NGOs.\n  sources:\n    - source: src-a\n      quote: \"Kunming, in Yunnan\"\n",
    );
    let (code, out, err) = run(&["--data", data.path().to_str().unwrap(), "check", "--claims"]);
    assert_eq!(code, 0, "a warning is not an error: {err}");
    let file = data.path().join("places.yaml");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{}:4:9: kunming: warning: summary says what no quote or linked record does: capital, 300, NGOs",
            file.display()
        )
    );
    assert_eq!(lines[1], "    The capital of Yunnan, with 300 NGOs.");
    assert_eq!(lines[2], "        ^^^^^^^                 ^^^ ^^^^");
    assert!(
        lines[3].starts_with("1 sentence says more than its evidence"),
        "{err}"
    );
    assert!(out.contains("; 1 warning"), "{out}");
}

#[cfg(unix)]
#[test]
fn an_article_that_is_a_link_to_a_secret_is_refused_and_never_shown() {
    // Issue 26, item 7: `~/.aws/credentials` came back as a closest passage.
    let data = tempfile::tempdir().unwrap();
    let arts = tempfile::tempdir().unwrap();
    let secret = tempfile::tempdir().unwrap();
    write(
        secret.path(),
        "credentials",
        "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    );
    std::os::unix::fs::symlink(secret.path().join("credentials"), arts.path().join("a.txt"))
        .unwrap();
    write(
        data.path(),
        "sources.yaml",
        "- id: src-a\n  name: A\n  summary: s\n  language: en\n  text_file: a.txt\n",
    );
    write(
        data.path(),
        "organizations.yaml",
        "- id: org-a\n  name: O\n  summary: s\n  sources:\n    - source: src-a\n      quote: \"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG\"\n",
    );
    let (code, out, err) = run(&[
        "--data",
        data.path().to_str().unwrap(),
        "check",
        "--articles",
        arts.path().to_str().unwrap(),
        "--claims",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let said = format!("{out}{err}");
    assert!(
        !said.contains("EXAMPLEKEY") && !said.contains("[default]"),
        "{said}"
    );
    assert!(said.contains("a.txt is a symbolic link"), "{said}");
    assert!(said.contains("1 article not readable"), "{said}");
}

#[test]
fn a_missing_articles_folder_is_a_clear_error() {
    let (code, out, err) = run(&["check", "--claims", "--articles", "/nonexistent/articles"]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    let (code, out, err) = run(&["check", "--articles", "/nonexistent/articles"]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("--articles /nonexistent/articles: no such directory"),
        "{err}"
    );
}

#[test]
fn show_gives_the_qualified_figure_in_text_and_json() {
    let (code, out, _) = run(&["show", "cfpd-international-projects"]);
    assert_eq!(code, 0);
    assert!(out.contains("\nValue        > 70 projects\n"), "{out}");
    let (_, out, _) = run(&["show", "first-party-secretaries-count", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "planned");
    assert_eq!(v["figure"]["exact"], "186,000 people (planned)");
    assert_eq!(v["figure"]["rounded"], "186,000 people (planned)");
    assert_eq!(v["figure"]["bound"], "exact");
    let (_, out, _) = run(&["show", "poverty-project-expenditure-2018", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["figure"]["rounded"], "~32.3 billion yuan");
    assert_eq!(v["figure"]["bound"], "approximate");
}
