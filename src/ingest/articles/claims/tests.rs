use super::*;
use crate::data::index::Index;
use crate::ingest::load::{DataFile, load_builtin, load_files};

const SOURCES: &str = "\
- id: src-a
  name: Daily News (2019)
  summary: An article.
  outlet: Daily News
  published: 2019
  language: en
";

fn file(name: &str, text: &str) -> DataFile {
    DataFile {
        name: format!("data/{name}"),
        text: text.to_string(),
    }
}

/// Checks `orgs` (organizations.yaml) and `places` (places.yaml) beside the source above.
fn run(orgs: &str, places: &str) -> Report {
    let files = || {
        vec![
            file("sources.yaml", SOURCES),
            file("organizations.yaml", orgs),
            file("places.yaml", places),
        ]
    };
    let data = load_files(&files()).unwrap_or_else(|p| panic!("{}", p[0]));
    check(&Index::new(data), &files, None)
}

fn org(summary: &str, quote: &str, extra: &str) -> String {
    format!(
        "- id: org-a\n  name: Lotus Foundation\n  summary: >-\n    {summary}\n{extra}  sources:\n    - source: src-a\n      quote: \"{quote}\"\n"
    )
}

const QUOTE: &str = "The Lotus Foundation, founded in 2005, has 265 members in Yunnan.";

#[test]
fn a_sentence_with_an_unsupported_number_or_name_is_flagged_with_the_word_marked() {
    let r = run(
        &org(
            "Foundation with 265 members. It works in Yunnan and Tibet with 300 volunteers.",
            QUOTE,
            "",
        ),
        "[]",
    );
    assert_eq!(r.claims.len(), 1, "{}", r.problems());
    let c = &r.claims[0];
    assert_eq!(c.record, "org-a");
    assert_eq!(c.field, "summary");
    assert_eq!(c.words(), ["Tibet", "300"]);
    // Where the first word not found is, in the file: the summary's first line is line 4.
    assert_eq!(
        (c.at.file.as_str(), c.at.line),
        ("data/organizations.yaml", 4)
    );
    assert_eq!(
        c.at.col,
        5 + c.sentence.find("Tibet").unwrap() + "Foundation with 265 members. ".len()
    );
    let said = c.describe();
    assert!(said.starts_with("data/organizations.yaml:4:"), "{said}");
    assert!(said.contains("warning: summary says what no quote or linked record does: Tibet, 300"));
    let lines: Vec<&str> = said.lines().collect();
    let text = lines[1];
    let marks = lines[2];
    let col = text.find("Tibet").unwrap();
    assert_eq!(&marks[col..col + 5], "^^^^^", "{said}");
    assert!(!marks[..col].contains('^'), "{said}");
}

#[test]
fn a_supported_sentence_is_not_flagged_whatever_its_forms() {
    // Plural, possessive, number word, the source's year in its name, the founding date.
    let r = run(
        &org(
            "Lotus Foundation's network of 265 members, founded in 2005, works in Yunnan; \
             reported in 2019.",
            QUOTE,
            "  type: network\n  founded: 2005\n",
        ),
        "[]",
    );
    assert!(r.claims.is_empty(), "{}", r.problems());
    assert_eq!((r.records, r.sentences), (2, 4));
}

#[test]
fn qualifiers_need_their_words_too() {
    let r = run(
        &org(
            "The yearly meeting of all 265 members, in Yunnan.",
            QUOTE,
            "",
        ),
        "[]",
    );
    assert_eq!(r.claims.len(), 1);
    assert_eq!(r.claims[0].words(), ["yearly", "all"]);
    let r = run(
        &org(
            "The yearly meeting of 265 members, in Yunnan.",
            "The Lotus Foundation meets each year with 265 members in Yunnan.",
            "",
        ),
        "[]",
    );
    assert!(r.claims.is_empty(), "{}", r.problems());
}

#[test]
fn a_linked_records_name_and_quotes_support_a_sentence() {
    let place = "- id: tibet\n  name: Tibet Autonomous Region\n  summary: A region.\n  sources:\n    - source: src-a\n      quote: \"The Tibet Autonomous Region has 74 counties.\"\n";
    let summary =
        "Foundation with 265 members in Yunnan and the Tibet Autonomous Region's 74 counties.";
    let r = run(&org(summary, QUOTE, ""), place);
    assert_eq!(
        r.claims[0].words(),
        ["Tibet", "Autonomous", "Region's", "74"]
    );
    let r = run(&org(summary, QUOTE, "  works_in: [tibet]\n"), place);
    assert!(r.claims.is_empty(), "{}", r.problems());
}

#[test]
fn public_knowledge_suppresses() {
    let summary = "Foundation with 265 members in Kunming, the capital of Yunnan.";
    let r = run(&org(summary, QUOTE, ""), "[]");
    assert_eq!(r.claims[0].words(), ["Kunming", "capital"]);
    // A sentence of the notes that says "public knowledge" marks its words.
    let notes = "  notes: That Kunming is the capital of Yunnan is public knowledge.\n";
    let r = run(&org(summary, QUOTE, notes), "[]");
    assert!(r.claims.is_empty(), "{}", r.problems());
    // So does listing the field: the whole summary comes from outside the articles.
    let listed = "  public_knowledge: [summary]\n";
    let r = run(&org(summary, QUOTE, listed), "[]");
    assert!(r.claims.is_empty(), "{}", r.problems());
    // Listing `aliases` lets the summary use them.
    let r = run(
        &org(
            "LF has 265 members in Yunnan.",
            QUOTE,
            "  aliases: [LF]\n  public_knowledge: [aliases]\n",
        ),
        "[]",
    );
    assert!(r.claims.is_empty(), "{}", r.problems());
}

#[test]
fn names_are_claims_too() {
    let orgs = "- id: org-a\n  name: Lotus Foundation of Tibet\n  summary: Foundation.\n  sources:\n    - source: src-a\n      quote: \"The Lotus Foundation works.\"\n";
    let r = run(orgs, "[]");
    assert_eq!(r.claims.len(), 1);
    assert_eq!(
        (r.claims[0].field, r.claims[0].words()),
        ("name", vec!["Tibet"])
    );
    assert_eq!(r.claims[0].at.line, 2);
}

#[test]
fn the_builtin_data_makes_no_claim_its_evidence_lacks() {
    let index = Index::new(load_builtin().unwrap());
    let r = check(&index, &crate::ingest::load::builtin_files, None);
    assert!(r.claims.is_empty(), "{}", r.problems());
    assert!(r.sentences > index.len(), "{} sentences", r.sentences);
}

#[test]
fn a_hub_finds_words_in_any_of_its_many_links() {
    // Past 64 links the linked words are gathered into one set: the same answers, one lookup.
    let place = "- id: yunnan\n  name: Yunnan\n  summary: Province where Lotus and Jade work.\n  sources:\n    - source: src-a\n      quote: \"Yunnan\"\n";
    let orgs: String = (0..100)
        .map(|n| {
            let who = if n == 99 { "Jade" } else { "Lotus" };
            format!(
                "- id: org-{n}\n  name: {who} {n}\n  summary: s\n  works_in: [yunnan]\n  sources:\n    - source: src-a\n      quote: \"{who} {n} works in Yunnan.\"\n"
            )
        })
        .collect();
    let r = run(&orgs, place);
    assert!(r.claims.is_empty(), "{}", r.problems());
    let r = run(&orgs, &place.replace("Jade", "Amber"));
    assert_eq!(r.claims.len(), 1, "{}", r.problems());
    assert_eq!(r.claims[0].words(), ["Amber"]);
}

#[test]
fn a_warning_points_into_its_own_field_or_at_its_start() {
    // An escape in a quoted summary makes its text differ from the file's: the warning points at
    // the summary's start, never at the same words in the notes below.
    let orgs = "- id: org-a\n  name: Lotus Foundation\n  summary: \"The \\\"Lotus\\\" has 300 members.\"\n  notes: The \"Lotus\" has 300 members, says nobody.\n  sources:\n    - source: src-a\n      quote: \"The Lotus Foundation works.\"\n";
    let r = run(orgs, "[]");
    assert_eq!(r.claims.len(), 1, "{}", r.problems());
    assert_eq!(r.claims[0].words(), ["300"]);
    assert_eq!((r.claims[0].at.line, r.claims[0].at.col), (3, 12));
}
