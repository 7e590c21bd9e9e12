//! The search engine against the plain scan it replaced, its narrowing, and the background
//! search the explorer uses on large datasets.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ngo_atlas::app::{App, Options};
use ngo_atlas::index::Index;
use ngo_atlas::keymap::Action;
use ngo_atlas::search::{Field, Hit, Query, Searcher};

fn builtin() -> Index {
    Index::new(ngo_atlas::load::load_builtin().expect("the built-in dataset loads"))
}

fn synthetic(n: usize) -> Index {
    let files = ngo_atlas::synth::generate(n, 5);
    Index::new(ngo_atlas::load::load_files(&files).expect("synthetic data is valid"))
}

/// The search as it was first written: every record, SkimMatcherV2, a stable sort of all.
/// A fresh matcher per call: a reused SkimMatcherV2 can score differently depending on what
/// it scored before (it does not clear its matrix), which the new engine does not imitate.
fn reference(index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
    let fuzzy_match = |text: &str, word: &str| {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(text, word)
    };
    let weights = [
        (Field::Name, 4),
        (Field::Alias, 3),
        (Field::Id, 2),
        (Field::Summary, 1),
    ];
    let candidates: Vec<usize> = match query.kind {
        Some(k) => index.of_kind(k).to_vec(),
        None => index.all().collect(),
    };
    let mut hits: Vec<Hit> = candidates
        .into_iter()
        .filter_map(|record| {
            let r = index.record(record);
            let keys = [
                r.name().to_lowercase(),
                r.aliases().join(" · ").to_lowercase(),
                r.id().to_string(),
                r.summary().to_lowercase(),
            ];
            let (mut total, mut best_field, mut best_weight) = (0, Field::Summary, 0);
            for word in &query.words {
                let mut best: Option<(i64, Field, i64)> = None;
                for (k, (field, weight)) in weights.into_iter().enumerate() {
                    let text = &keys[k];
                    if field == Field::Summary && !text.contains(word.as_str()) {
                        continue;
                    }
                    if let Some(s) = fuzzy_match(text, word) {
                        let exact = if text.contains(word.as_str()) { 2 } else { 1 };
                        let s = s * weight * exact;
                        if best.is_none_or(|b| s > b.0) {
                            best = Some((s, field, weight));
                        }
                    }
                }
                let (s, field, weight) = best?;
                total += s;
                if weight > best_weight {
                    best_weight = weight;
                    best_field = field;
                }
            }
            Some(Hit {
                record,
                score: total,
                field: best_field,
            })
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits.truncate(limit);
    hits
}

const QUERIES: [&str; 14] = [
    "tan",
    "tan weiping",
    "cnie",
    "org: foundation",
    "poverty 2019",
    "a",
    "e",
    "ng",
    "云南",
    "基金会",
    "yunnan water",
    "stat:yunnan",
    "li wei",
    "o'b",
];

#[test]
fn same_hits_as_the_plain_scan() {
    for index in [builtin(), synthetic(3_000)] {
        let searcher = Searcher::new(&index);
        for q in QUERIES {
            let query = Query::parse(q);
            assert_eq!(
                searcher.search(&index, &query, 50),
                reference(&index, &query, 50),
                "{q}"
            );
        }
    }
}

#[test]
fn typing_on_narrows_to_the_previous_matches() {
    let index = synthetic(3_000);
    let searcher = Searcher::new(&index);
    let mut previous: Option<usize> = None;
    for typed in [
        "y",
        "yu",
        "yun",
        "yunnan",
        "yunnan ",
        "yunnan w",
        "yunnan wat",
    ] {
        let query = Query::parse(typed);
        let found = searcher.find(&query, 20);
        match previous {
            None => assert_eq!(found.scanned, index.len(), "{typed}"),
            // "yunnan " is the same query as "yunnan": nothing to scan again.
            Some(_) if typed.ends_with(' ') => assert_eq!(found.scanned, 0),
            Some(total) => assert_eq!(found.scanned, total, "{typed}"),
        }
        assert_eq!(found.hits, reference(&index, &query, 20), "{typed}");
        previous = Some(found.total);
    }
    // Deleting back to an earlier query is answered from what was kept.
    assert_eq!(searcher.find(&Query::parse("yun"), 20).scanned, 0);
}

#[test]
fn background_search_keeps_only_the_newest_generation() {
    let index = synthetic(3_000);
    let searcher = Searcher::new(&index);
    let first = searcher.request(Query::parse("guizhou"), 20);
    let second = searcher.request(Query::parse("li wei"), 20);
    assert!(second > first);
    let outcome = searcher.wait().expect("a result");
    assert_eq!(outcome.generation, second);
    assert_eq!(outcome.query, Query::parse("li wei"));
    assert_eq!(
        outcome.found.hits,
        reference(&index, &Query::parse("li wei"), 20)
    );
    // Whatever the first request produced is never handed out.
    assert_eq!(searcher.poll(), None);
}

#[test]
fn background_search_narrows_too() {
    let index = synthetic(3_000);
    let searcher = Searcher::new(&index);
    searcher.request(Query::parse("hunan"), 20);
    let first = searcher.wait().expect("a result").found;
    searcher.request(Query::parse("hunan f"), 20);
    let second = searcher.wait().expect("a result").found;
    assert_eq!(second.scanned, first.total);
    assert!(second.total <= first.total);
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn the_explorer_shows_the_last_results_until_the_new_ones_arrive() {
    let index = builtin();
    let mut app = App::new(index, Options::default());
    app.searcher = Searcher::new(&app.index).background_from(0);
    app.update(Action::Search);
    type_text(&mut app, "tan");
    assert!(app.busy());
    app.settle();
    assert!(!app.busy());
    let tan = app.search().unwrap().hits.clone();
    assert_eq!(tan, reference(&app.index, &Query::parse("tan"), 500));
    assert!(!tan.is_empty());

    // More typing: a request goes out, the screen keeps the results of "tan" meanwhile.
    type_text(&mut app, " wei");
    assert!(app.busy());
    assert_eq!(app.search().unwrap().hits, tan);
    app.settle();
    let want = reference(&app.index, &Query::parse("tan wei"), 500);
    assert_eq!(app.search().unwrap().hits, want);
    assert_eq!(app.search().unwrap().total, want.len());
    assert!(!app.poll(), "nothing more to deliver");
}

#[test]
fn enter_opens_the_match_for_everything_typed() {
    let index = builtin();
    let mut app = App::new(index, Options::default());
    app.searcher = Searcher::new(&app.index).background_from(0);
    app.update(Action::Search);
    type_text(&mut app, "tan weiping");
    app.update(Action::Open);
    let shown = app.current().map(|r| app.index.record(r).id().to_string());
    assert_eq!(shown.as_deref(), Some("tan-weiping"));
}
