//! Golden tests: every source in `data/sources.yaml` in every citation style, compared exactly
//! with the reviewed files in `tests/golden/cite/<source-id>.<style-name>`.
//!
//! After an intended change, regenerate with `UPDATE_GOLDEN=1 cargo test --test cite_golden`,
//! then read the diff: a golden file is only as good as its review.

use ngo_atlas::cite::{Style, cite};
use ngo_atlas::model::Source;
use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

fn sources() -> Vec<Source> {
    let yaml = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sources.yaml"));
    serde_yaml::from_str(yaml).expect("data/sources.yaml parses")
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/cite")
}

#[test]
fn every_source_in_every_style_matches_its_golden_file() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let dir = golden_dir();
    let mut failures = Vec::new();
    for source in sources() {
        for style in Style::ALL {
            let file = format!("{}.{}", source.id, style.name());
            let path = dir.join(&file);
            let actual = cite(&source, style);
            if update {
                fs::create_dir_all(&dir).unwrap();
                fs::write(&path, &actual).unwrap();
                continue;
            }
            match fs::read_to_string(&path) {
                Ok(expected) if expected == actual => {}
                Ok(expected) => failures.push(format!(
                    "{file} differs:\n--- expected\n{expected}\n--- actual\n{actual}\n"
                )),
                Err(e) => failures.push(format!("{file}: cannot read ({e})")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n{} golden file(s) differ. If the change is intended, regenerate them with \
         `UPDATE_GOLDEN=1 cargo test --test cite_golden` and review every changed file.",
        failures.join("\n"),
        failures.len()
    );
}

#[test]
fn there_are_no_stale_golden_files() {
    let expected: BTreeSet<String> = sources()
        .iter()
        .flat_map(|s| Style::ALL.map(|style| format!("{}.{}", s.id, style.name())))
        .collect();
    let present: BTreeSet<String> = fs::read_dir(golden_dir())
        .expect("tests/golden/cite exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let stale: Vec<_> = present.difference(&expected).collect();
    assert!(
        stale.is_empty(),
        "golden files for no source or style: {stale:?}"
    );
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
            assert!(
                !out.contains("http") && !out.contains("Retrieved"),
                "{what} invents a URL"
            );
        }
    }
}

#[test]
fn keys_are_unique_and_as_documented() {
    let keys: Vec<String> = sources().iter().map(ngo_atlas::cite::key).collect();
    assert!(keys.contains(&"xinhua2024chinas".to_string()), "{keys:?}");
    assert!(keys.contains(&"chinadaily2019ngos".to_string()), "{keys:?}");
    let unique: BTreeSet<_> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "{keys:?}");
}

#[test]
fn chicago_notes_of_the_five_sources() {
    let notes: Vec<(String, String)> = sources()
        .iter()
        .map(|s| (s.id.to_string(), ngo_atlas::cite::chicago_note(s)))
        .collect();
    let expected = [
        (
            "article-2020-hrc45-conference",
            "“China’s NGOs Contribute to International Poverty Alleviation, Human Rights,” 2020.",
        ),
        (
            "xinhua-2024-hrc55-side-event",
            "“China's NGOs Help Promote Rights, Global Governance: Experts,” Xinhua, March 13, 2024.",
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
            "Report on the 16th ASEAN-China Forum on Social Development and Poverty Reduction, 2022.",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(id, n)| (id.to_string(), n.to_string()))
        .collect();
    assert_eq!(notes, expected);
}
