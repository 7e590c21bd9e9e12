//! Golden tests: every source in `data/sources.yaml` in every citation style, compared exactly
//! with the reviewed files in `tests/golden/cite/<source-id>.<style-name>`; and bibliographies
//! in every style in `tests/golden/bibliography/<case>.<style-name>`: one of records of the
//! built-in dataset, one of the five sources with the fictional ones of
//! `tests/golden/bibliography-sources.yaml`, made to collide.
//!
//! The golden files are insta snapshots (`<case>.<style-name>.snap`): after an intended change,
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test it cite_golden::` and read
//! the diff): a golden file is only as good as its review.

use crate::cite_support;

use cite_support::csl_items;
use ngo_atlas::data::index::Index;
use ngo_atlas::data::model::Source;
use ngo_atlas::ingest::load::load_builtin;
use ngo_atlas::query::cite::{Style, bibliography, cite, for_ids, for_record, in_text};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn sources() -> Vec<Source> {
    let yaml = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sources.yaml"));
    serde_yaml::from_str(yaml).expect("data/sources.yaml parses")
}

fn fictional_sources() -> Vec<Source> {
    let yaml = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/bibliography-sources.yaml"
    ));
    serde_yaml::from_str(yaml).expect("bibliography-sources.yaml parses")
}

fn golden(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(dir)
}

/// Compares each (name, text) with its snapshot `dir/<name>.snap`.
fn compare(dir: &Path, cases: Vec<(String, String)>) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (name, actual) in cases {
            insta::assert_snapshot!(name, actual);
        }
    });
}

/// The cases that have a snapshot in `dir`.
fn present(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .expect("golden directory exists")
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".snap").map(str::to_string)
        })
        .collect()
}

#[test]
fn every_source_in_every_style_matches_its_golden_file() {
    let cases = sources()
        .iter()
        .flat_map(|source| {
            Style::ALL.map(|style| {
                (
                    format!("{}.{}", source.id, style.name()),
                    cite(source, style),
                )
            })
        })
        .collect();
    compare(&golden("cite"), cases);
}

/// The in-text form (Chicago: the short note) of every source in every style, in
/// `tests/golden/in-text/<source-id>.<style-name>`.
#[test]
fn every_source_s_in_text_form_matches_its_golden_file() {
    let cases = sources()
        .iter()
        .flat_map(|source| {
            Style::ALL.map(|style| {
                (
                    format!("{}.{}", source.id, style.name()),
                    in_text(source, style),
                )
            })
        })
        .collect();
    compare(&golden("in-text"), cases);
}

/// Records whose quotes hold a quotation, an apostrophe or a source with an inferred date.
const QUOTED: &[&str] = &[QUOTE_IN_QUOTE, "tan-weiping"];
const QUOTE_IN_QUOTE: &str = "china-womens-development-foundation";

/// A record's quotes with their citations (what `y` copies), in every style, in
/// `tests/golden/quote-lines/<record-id>.<style-name>`: a quotation inside a quote takes the
/// other kind of marks than the style's outer ones.
#[test]
fn quote_lines_in_every_style_match_their_golden_files() {
    let index = Index::new(load_builtin().expect("built-in data"));
    let mut cases = Vec::new();
    for id in QUOTED {
        let r = index.get(id).expect("a record of the built-in data");
        for style in Style::ALL {
            cases.push((
                format!("{id}.{}", style.name()),
                for_record(&index, r, style),
            ));
        }
    }
    compare(&golden("quote-lines"), cases);
    let r = index.get(QUOTE_IN_QUOTE).unwrap();
    let apa = for_record(&index, r, Style::Apa);
    assert!(apa.contains("project to ‘Promote Women’s"), "{apa}");
    let harvard = for_record(&index, r, Style::Harvard);
    assert!(harvard.contains("project to “Promote Women’s"), "{harvard}");
}

/// The records of a short chapter: a person, a statistic and two sources, two of whose
/// sources repeat.
const CHAPTER: &[&str] = &[
    "tan-weiping",
    "people-in-poverty-2019",
    "china-daily-2019-belt-road",
    "mca-2019-national-social-organizations",
    "tan-weiping",
];

#[test]
fn bibliographies_in_every_style_match_their_golden_files() {
    let index = Index::new(load_builtin().expect("built-in data"));
    let mut all = sources();
    all.extend(fictional_sources());
    let all: Vec<&Source> = all.iter().collect();
    let mut cases = Vec::new();
    for style in Style::ALL {
        let chapter = for_ids(&index, CHAPTER.iter().copied(), style);
        assert!(chapter.unknown.is_empty(), "{:?}", chapter.unknown);
        cases.push((format!("records.{}", style.name()), chapter.text));
        cases.push((
            format!("collisions.{}", style.name()),
            bibliography(&all, style),
        ));
    }
    compare(&golden("bibliography"), cases);
}

#[test]
fn there_are_no_stale_golden_files() {
    let expected: BTreeSet<String> = sources()
        .iter()
        .flat_map(|s| Style::ALL.map(|style| format!("{}.{}", s.id, style.name())))
        .collect();
    let stale: Vec<_> = present(&golden("cite"))
        .difference(&expected)
        .cloned()
        .collect();
    assert!(
        stale.is_empty(),
        "golden files for no source or style: {stale:?}"
    );
    let stale: Vec<_> = present(&golden("in-text"))
        .difference(&expected)
        .cloned()
        .collect();
    assert!(
        stale.is_empty(),
        "in-text golden files for no source: {stale:?}"
    );
    let expected: BTreeSet<String> = Style::ALL
        .iter()
        .flat_map(|s| ["records", "collisions"].map(|case| format!("{case}.{}", s.name())))
        .collect();
    let stale: Vec<_> = present(&golden("bibliography"))
        .difference(&expected)
        .cloned()
        .collect();
    assert!(
        stale.is_empty(),
        "golden bibliographies for no case or style: {stale:?}"
    );
}

#[test]
fn csl_json_is_always_an_array_of_csl_1_0_2_items() {
    let sources = sources();
    for source in &sources {
        let items = csl_items(&cite(source, Style::CslJson))
            .unwrap_or_else(|e| panic!("{}: {e}", source.id));
        assert_eq!(items.len(), 1, "{}", source.id);
    }
    let refs: Vec<&Source> = sources.iter().collect();
    let items = csl_items(&bibliography(&refs, Style::CslJson)).expect("all sources");
    assert_eq!(items.len(), sources.len());
    let mut with_fiction = sources.clone();
    with_fiction.extend(fictional_sources());
    let refs: Vec<&Source> = with_fiction.iter().collect();
    let items = csl_items(&bibliography(&refs, Style::CslJson)).expect("with collisions");
    let ids: BTreeSet<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
    assert_eq!(ids.len(), with_fiction.len(), "ids are unique: {ids:?}");
}

#[test]
fn the_schema_check_rejects_what_the_schema_rejects() {
    for bad in [
        r#"{"id": "x", "type": "article-newspaper"}"#,
        r#"[{"id": "x", "type": "newspaper"}]"#,
        r#"[{"id": "x", "type": "article-newspaper", "journaltitle": "X"}]"#,
        r#"[{"id": "x", "type": "article-newspaper", "title": ["X"]}]"#,
        r#"[{"id": "x", "type": "article-newspaper", "issued": {"date-parts": [[]]}}]"#,
        r#"[{"id": "x", "type": "article-newspaper", "author": [{"name": "X"}]}]"#,
        r#"[{"type": "article-newspaper"}]"#,
    ] {
        assert!(csl_items(bad).is_err(), "accepted {bad}");
    }
}

#[test]
fn citations_hold_no_control_characters_and_end_as_their_format_does() {
    for source in sources() {
        for style in Style::ALL {
            let out = cite(&source, style);
            let what = format!("{} in {}", source.id, style.name());
            assert!(!out.is_empty(), "{what} is empty");
            assert!(
                out.chars().all(|c| c == '\n' || !c.is_control()),
                "{what} holds a control character: {out:?}"
            );
            let multi_line = matches!(style, Style::Biblatex | Style::Ris | Style::CslJson);
            assert_eq!(out.ends_with('\n'), multi_line, "{what}: trailing newline");
            assert_eq!(out.contains('\n'), multi_line, "{what}: line breaks");
            // RIS ends each record with `ER  - ` and its space, which the snapshots' own
            // comparison does not see (it trims a trailing space).
            if style == Style::Ris {
                assert!(out.ends_with("\nER  - \n"), "{what}: {out:?}");
            }
            assert!(
                !out.contains("http") && !out.contains("Retrieved"),
                "{what} invents a URL"
            );
        }
    }
}

#[test]
fn no_straight_apostrophe_inside_curly_quotes() {
    for source in sources() {
        for style in [Style::Chicago, Style::Mla, Style::Harvard] {
            let out = cite(&source, style);
            for (open, close) in [('“', '”'), ('‘', '’')] {
                if let Some(start) = out.find(open)
                    && let Some(end) = out.rfind(close)
                    && start < end
                {
                    assert!(
                        !out[start..end].contains('\''),
                        "{} in {}: {out}",
                        source.id,
                        style.name()
                    );
                }
            }
        }
    }
}

#[test]
fn the_adapted_report_gives_its_original_date_in_every_style() {
    let mca = sources()
        .into_iter()
        .find(|s| s.id.as_str() == "mca-2019-national-social-organizations")
        .expect("the adapted report");
    let expected = [
        (Style::Apa, "(Original work published 2019)"),
        (Style::Chicago, "Originally published August 26, 2019."),
        (Style::Mla, "26 Aug. 2019."),
        (Style::Harvard, "Originally published 26 August 2019."),
        (Style::Biblatex, "origdate     = {2019-08-26}"),
        (Style::Ris, "OP  - 2019-08-26"),
        (Style::CslJson, "\"original-date\""),
        (Style::Plain, "originally published 2019-08-26"),
    ];
    for (style, text) in expected {
        let out = cite(&mca, style);
        assert!(out.contains(text), "{}: {out}", style.name());
    }
}

#[test]
fn keys_are_unique_and_as_documented() {
    let keys: Vec<String> = sources().iter().map(ngo_atlas::query::cite::key).collect();
    assert!(keys.contains(&"xinhua2024chinas".to_string()), "{keys:?}");
    assert!(keys.contains(&"chinadaily2019ngos".to_string()), "{keys:?}");
    let unique: BTreeSet<_> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "{keys:?}");
}

#[test]
fn chicago_notes_of_the_five_sources() {
    let notes: Vec<(String, String)> = sources()
        .iter()
        .map(|s| (s.id.to_string(), ngo_atlas::query::cite::chicago_note(s)))
        .collect();
    let expected = [
        (
            "article-2020-hrc45-conference",
            // Inferred, not printed: bracketed.
            "“China’s NGOs Contribute to International Poverty Alleviation, Human Rights,” [2020].",
        ),
        (
            "xinhua-2024-hrc55-side-event",
            "“China’s NGOs Help Promote Rights, Global Governance: Experts,” Xinhua, March 13, 2024.",
        ),
        (
            "mca-2019-national-social-organizations",
            "Report on national social organizations in poverty alleviation, 2017–2019 \
             (adapted from 中国社会组织动态), n.d.",
        ),
        (
            "china-daily-2019-belt-road",
            "Li Lei, “NGOs Foster Goodwill, Emotional Ties along Belt, Road,” China Daily, \
             April 30, 2019.",
        ),
        (
            "article-2022-asean-china-forum",
            "Report on the 16th ASEAN-China Forum on Social Development and Poverty Reduction, \
             [2022].",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(id, n)| (id.to_string(), n.to_string()))
        .collect();
    assert_eq!(notes, expected);
}
