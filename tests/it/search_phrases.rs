//! Phrases (`"belt and road"`) and left-out words (`-word`, `-"a phrase"`) in the explorer's
//! search and `ngo-atlas search`, against the plain statement of the rules (`search_oracle/`):
//! the same hits whatever path the engine takes (copied or shared texts, counted or not,
//! narrowed from the query typed a key before).

use crate::common::{self, app, press};
use crate::search_oracle as oracle;

use ngo_atlas::data::index::Index;
use ngo_atlas::query::search::{Query, Searcher};
use std::sync::Arc;

fn builtin() -> Index {
    Index::new(ngo_atlas::ingest::load::load_builtin().expect("the built-in dataset loads"))
}

fn synthetic(n: usize) -> Index {
    let files = ngo_atlas::synth::generate(n, 5);
    Index::new(ngo_atlas::ingest::load::load_files(&files).expect("synthetic data is valid"))
}

const QUERIES: &[&str] = &[
    "\"belt and road\"",
    "“Belt and Road”",
    "\"road and belt\"",
    "\"belt and ro",
    "belt road -initiative",
    "belt -\"belt and road initiative\"",
    "\"poverty alleviation\" -china",
    "\"china's ngos\"",
    "\"china’s ngos\" help",
    "quote: \"belt and road\"",
    "org: \"poverty alleviation\"",
    "org: -foundation",
    "-foundation",
    "\"water f\"",
    "\"li wei\"",
    "\"云南\"",
    "foundation -water -\"li wei\"",
];

#[test]
fn phrases_and_left_out_words_find_what_the_plain_rules_find() {
    for index in [builtin(), synthetic(3_000)] {
        let index = Arc::new(index);
        let copied = Searcher::new(&index);
        let shared = Searcher::shared(Arc::clone(&index));
        for q in QUERIES {
            let query = Query::parse(q);
            let want = oracle::search(&index, &query, 50);
            let all = oracle::search(&index, &query, usize::MAX).len();
            let found = copied.find(&query, 50);
            assert_eq!(found.hits, want, "{q}");
            assert!(
                found.total <= all && all <= found.total + found.unread,
                "{q}: {} + {} vs {all}",
                found.total,
                found.unread
            );
            let counted = shared.find_counted(&query, 50);
            assert_eq!(counted.hits, want, "{q} (shared)");
            assert_eq!((counted.total, counted.unread), (all, 0), "{q} (counted)");
        }
    }
}

#[test]
fn typing_a_phrase_key_by_key_narrows_to_the_same_hits() {
    let index = synthetic(3_000);
    let searcher = Searcher::new(&index);
    for whole in [
        "\"poverty alleviation\" -china",
        "water -\"water f\"",
        "belt \"and road\"",
    ] {
        let mut typed = String::new();
        for c in whole.chars() {
            typed.push(c);
            let query = Query::parse(&typed);
            assert_eq!(
                searcher.find(&query, 20).hits,
                oracle::search(&index, &query, 20),
                "{typed}"
            );
        }
        // And back, a key at a time.
        while typed.pop().is_some() {
            let query = Query::parse(&typed);
            assert_eq!(
                searcher.find(&query, 20).hits,
                oracle::search(&index, &query, 20),
                "{typed} (deleting)"
            );
        }
    }
}

#[test]
fn only_phrases_and_left_out_words_make_a_search_read_texts() {
    // A query of words is scored as before: the texts are read only as the list needs.
    assert!(!Query::parse("belt and road").narrowed());
    assert!(!Query::parse("\"belt\"").narrowed());
    assert!(Query::parse("\"belt and\"").narrowed());
    assert!(Query::parse("belt -road").narrowed());
    let q = Query::parse("org: \"Belt and Road\" -Xinhua");
    assert_eq!(q.words, ["belt", "and", "road"]);
    assert_eq!(q.phrases, [vec!["belt", "and", "road"]]);
    assert_eq!(q.without, [vec!["xinhua"]]);
    assert!(q.kind.is_some());
}

#[test]
fn the_explorer_and_the_command_line_take_phrases_and_left_out_words() {
    let index = builtin();
    let ids = |q: &str| -> Vec<String> {
        oracle::search(&index, &Query::parse(q), usize::MAX)
            .iter()
            .map(|h| index.record(h.record).id().to_string())
            .collect()
    };
    // "rural" and "poverty" are in a dozen records, side by side in one.
    let phrase = ids("\"rural poverty\"");
    let words = ids("rural poverty");
    assert!(phrase.len() == 1 && words.len() > 5, "{phrase:?} {words:?}");
    assert!(ids("\"belt and road\"").contains(&"belt-and-road-initiative".to_string()));
    assert!(ids("\"road and belt\"").is_empty());
    assert!(!ids("belt road -initiative").contains(&"belt-and-road-initiative".to_string()));

    let (code, out, err) = common::run(&["search", "belt road -initiative"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("belt-and-road-initiative"), "{out}");
    let (code, _, err) = common::run(&["search", "\"road and belt\""]);
    assert_eq!(code, 1, "{err}");

    let mut a = app();
    press(&mut a, "/\"road and belt\"");
    let screen = common::text(&mut a, 120, 40);
    assert!(
        screen.contains("No match") || screen.contains("0 found") || screen.contains("nothing"),
        "{screen}"
    );
    press(&mut a, "<Esc>/\"rural poverty\"<Enter>");
    let shown = a
        .view_record()
        .map(|r| a.index().record(r).id().to_string());
    assert_eq!(shown.as_deref(), Some(phrase[0].as_str()));
}
