//! The schema's newer fields as a curator meets them: qualifiers, plans and the article's words
//! on statistics, speakers on events, a source's text file. Mistakes in them are problems with
//! `file:line:col` like any other.

use ngo_atlas::data::index::Index;
use ngo_atlas::data::model::{Bound, Qualifier, Status};
use ngo_atlas::data::record::{Record, Relation};
use ngo_atlas::ingest::load::{DataFile, Problem, load_files};

const SOURCES: &str = "- {id: src-a, name: A, summary: s, language: en}\n";

fn files(extra: &[(&str, &str)]) -> Vec<DataFile> {
    let mut files = vec![DataFile {
        name: "sources.yaml".into(),
        text: SOURCES.into(),
    }];
    for (name, text) in extra {
        files.push(DataFile {
            name: name.to_string(),
            text: text.to_string(),
        });
    }
    files
}

fn statistic(extra: &str) -> String {
    format!(
        "- id: stat-a\n  name: S\n  summary: s\n  value: 70\n{extra}  unit: projects\n  measure: m\n  sources: [{{source: src-a, quote: q}}]\n"
    )
}

fn problems(extra: &[(&str, &str)]) -> Vec<Problem> {
    load_files(&files(extra)).expect_err("the dataset should not load")
}

#[test]
fn a_qualified_statistic_loads_and_shows_its_qualifier() {
    let text =
        statistic("  qualifier: more-than\n  status: planned\n  as_written: more than seventy\n");
    let data = load_files(&files(&[("statistics.yaml", &text)])).unwrap();
    let Record::Statistic(s) = &data.records[1] else {
        panic!("not a statistic")
    };
    assert_eq!(
        (s.qualifier, s.status),
        (Qualifier::MoreThan, Status::Planned)
    );
    assert_eq!(
        s.figure().text(true),
        "> 70 projects (planned; \"more than seventy\")"
    );
    assert_eq!(s.figure().bound(), Bound::Lower { inclusive: false });
    let fields = data.records[1].fields();
    assert_eq!(
        fields[0],
        (
            "Value",
            "> 70 projects (planned; \"more than seventy\")".to_string()
        )
    );
    assert!(
        fields
            .iter()
            .any(|(l, v)| *l == "Qualifier" && v.starts_with("more than"))
    );
    assert!(
        fields
            .iter()
            .any(|(l, v)| *l == "Status" && v.starts_with("planned"))
    );
}

#[test]
fn an_unqualified_statistic_is_exact_and_reported() {
    let data = load_files(&files(&[("statistics.yaml", &statistic(""))])).unwrap();
    let Record::Statistic(s) = &data.records[1] else {
        panic!("not a statistic")
    };
    assert_eq!(
        (s.qualifier, s.status),
        (Qualifier::Exact, Status::Reported)
    );
    assert_eq!(s.figure().text(true), "70 projects");
    let fields = data.records[1].fields();
    assert!(
        !fields
            .iter()
            .any(|(l, _)| *l == "Qualifier" || *l == "Status")
    );
    // Exported data says so explicitly, so a consumer need not know the default.
    let json = serde_json::to_value(&data.records[1]).unwrap();
    assert_eq!(json["qualifier"], "exact");
    assert_eq!(json["status"], "reported");
    assert!(json.get("as_written").is_none());
}

#[test]
fn an_unknown_qualifier_is_a_problem_at_its_value() {
    let p = problems(&[("statistics.yaml", &statistic("  qualifier: morethan\n"))]);
    assert_eq!(p.len(), 1, "{p:?}");
    let p = p[0].to_string();
    assert!(
        p.starts_with("statistics.yaml:5:14: stat-a: qualifier: unknown variant `morethan`, expected one of `exact`, `about`, `more-than`"),
        "{p}"
    );
}

#[test]
fn an_unknown_status_and_empty_words_are_problems() {
    let p = problems(&[("statistics.yaml", &statistic("  status: hoped\n"))]);
    assert!(
        p[0].to_string()
            .contains("stat-a: status: unknown variant `hoped`, expected one of `reported`, `planned`, `target`"),
        "{}",
        p[0]
    );
    let p = problems(&[("statistics.yaml", &statistic("  as_written: \"\"\n"))]);
    let p = p[0].to_string();
    assert!(p.starts_with("statistics.yaml:5:3: stat-a: "), "{p}");
    assert!(p.contains("`as_written` is empty"), "{p}");
}

const EVENT: &str = "- id: event-a\n  name: E\n  summary: s\n  speakers: [person-a, org-a]\n  participants: [org-b]\n  sources: [{source: src-a, quote: q}]\n";
const PEOPLE: &str =
    "- {id: person-a, name: P, summary: s, sources: [{source: src-a, quote: q}]}\n";
const ORGS: &str = "- {id: org-a, name: O, summary: s, sources: [{source: src-a, quote: q}]}\n- {id: org-b, name: B, summary: s, sources: [{source: src-a, quote: q}]}\n";

#[test]
fn speakers_are_their_own_relation_both_ways() {
    let data = load_files(&files(&[
        ("events.yaml", EVENT),
        ("people.yaml", PEOPLE),
        ("organizations.yaml", ORGS),
    ]))
    .unwrap();
    let index = Index::new(data);
    let event = index.get("event-a").unwrap();
    let links = index.record(event).links();
    let speakers: Vec<&str> = links
        .iter()
        .filter(|l| l.relation == Relation::Speaker)
        .map(|l| l.target.as_str())
        .collect();
    assert_eq!(speakers, ["person-a", "org-a"]);
    assert_eq!(Relation::Speaker.label(), "Speakers");
    assert_eq!(Relation::Speaker.back_label(), "Spoke at");
    let d = ngo_atlas::query::detail::Detail::new(&index, event);
    let labels: Vec<&str> = d.links.iter().map(|g| g.label).collect();
    assert_eq!(labels, ["Speakers", "Participants"]);
    let person = index.get("person-a").unwrap();
    let back = ngo_atlas::query::detail::Detail::new(&index, person).backlinks;
    assert_eq!(back[0].label, "Spoke at");
}

#[test]
fn a_speaker_must_be_a_person_or_an_organization() {
    let event = EVENT.replace("[person-a, org-a]", "[place-a]");
    let place = "- {id: place-a, name: P, summary: s, sources: [{source: src-a, quote: q}]}\n";
    let p = problems(&[
        ("events.yaml", &event),
        ("places.yaml", place),
        ("organizations.yaml", ORGS),
    ]);
    assert_eq!(
        p[0].to_string(),
        "events.yaml:4:14: event-a: `speakers` must link to organization or person, but `place-a` is a place"
    );
}

#[test]
fn an_inferred_date_needs_a_date_and_is_kept() {
    let source = |extra: &str| {
        vec![DataFile {
            name: "sources.yaml".into(),
            text: format!("- id: src-a\n  name: A\n  summary: s\n  language: en\n{extra}"),
        }]
    };
    let data = load_files(&source("  published: 2020\n  published_inferred: true\n"))
        .expect("an inferred date loads");
    let Record::Source(s) = &data.records[0] else {
        panic!("not a source")
    };
    assert!(s.published_inferred);
    // No date to mark: a problem at the flag, naming file, line and record.
    let p = load_files(&source("  published_inferred: true\n")).expect_err("a flag alone");
    assert_eq!(p.len(), 1, "{p:?}");
    let p = p[0].to_string();
    assert!(
        p.starts_with(
            "sources.yaml:5:3: src-a: `published_inferred` is set but there is no `published` date"
        ),
        "{p}"
    );
    let p = load_files(&source("  published: 2020\n  published_inferred: maybe\n"))
        .expect_err("not a boolean");
    assert!(p[0].to_string().starts_with("sources.yaml:6:"), "{}", p[0]);
}

#[test]
fn the_built_in_sources_whose_notes_say_the_date_is_inferred_are_flagged() {
    let data = ngo_atlas::ingest::load::load_builtin().expect("built-in data");
    let mut flagged = Vec::new();
    for r in &data.records {
        let Record::Source(s) = r else { continue };
        let notes = s.notes.as_deref().unwrap_or_default();
        let says = notes.contains("year is inferred") || notes.contains("publication is inferred");
        assert_eq!(says, s.published_inferred, "{}: {notes}", s.id);
        if s.published_inferred {
            flagged.push(s.id.as_str());
        }
    }
    assert_eq!(
        flagged,
        [
            "article-2020-hrc45-conference",
            "article-2022-asean-china-forum"
        ]
    );
}
