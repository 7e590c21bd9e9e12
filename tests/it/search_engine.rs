//! The search engine against the plain statement of its rules (`search_oracle/`), the first hits a
//! user expects (issue 12's table), its narrowing, and the background search the explorer uses
//! on large datasets.

use crate::common;
use crate::search_oracle;

use search_oracle as oracle;

use ngo_atlas::data::index::Index;
use ngo_atlas::prefs::keymap::Action;
use ngo_atlas::query::search::{Field, Query, Searcher, Tier, highlight};
use ngo_atlas::tui::app::{App, Options};
use std::sync::Arc;

fn builtin() -> Index {
    Index::new(ngo_atlas::ingest::load::load_builtin().expect("the built-in dataset loads"))
}

fn synthetic(n: usize) -> Index {
    let files = ngo_atlas::synth::generate(n, 5);
    Index::new(ngo_atlas::ingest::load::load_files(&files).expect("synthetic data is valid"))
}

fn id(index: &Index, record: usize) -> &str {
    index.record(record).id().as_str()
}

const QUERIES: [&str; 38] = [
    "tan",
    "tan weiping",
    "TAN WEIPING",
    "cnie",
    "ＣＮＩＥ",
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
    "stückelberger",
    "stuckleberger",
    "xingfo",
    "brotherhood",
    "thumb-up",
    "irreplace",
    "quote: spirit brotherhood",
    "quote:",
    "person: quote: said",
    "china’s",
    // Straight marks for the typographic ones in quotes, which a shared searcher folds only
    // when the word has one.
    "country's",
    "quote: china's",
    "\"we cannot",
    "alone,\"",
    "poverty alleviaton",
    "fondation",
    "guizhuo",
    "云南绿火基金会",
    "xinjiang",
    "geneva",
    "tnwp",
    "zzzq",
];

#[test]
fn same_hits_as_the_plain_statement_of_the_rules() {
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
            // Texts left unread may or may not match; counted, every match is.
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
fn any_limit_cuts_the_same_list() {
    // The engine scores only what can make the list: check the cut at every size.
    let index = Arc::new(synthetic(3_000));
    let searcher = Searcher::shared(Arc::clone(&index));
    for q in [
        "a",
        "li",
        "st",
        "foundation",
        "water f",
        "quote: s",
        "guizhuo",
        "yunnan wa",
    ] {
        let query = Query::parse(q);
        let all = oracle::search(&index, &query, usize::MAX).len();
        for limit in [1, 2, 5, 13, 50, 400] {
            searcher.forget();
            let want = oracle::search(&index, &query, limit);
            let found = searcher.find(&query, limit);
            assert_eq!(found.hits, want, "{q} / {limit}");
            assert!(
                found.total <= all && all <= found.total + found.unread,
                "{q} / {limit}"
            );
        }
    }
}

#[test]
fn the_first_hit_is_the_one_a_user_expects() {
    let index = builtin();
    let searcher = Searcher::new(&index);
    for (q, want) in common::FIRST_HITS {
        let hits = searcher.find(&Query::parse(q), 5).hits;
        let first = hits.first().map(|h| id(&index, h.record));
        assert_eq!(first, Some(want), "{q}");
    }
    // The exact alias beats every record that merely contains its letters.
    let cnie = searcher.find(&Query::parse("cnie"), 5).hits;
    assert_eq!(cnie[0].tier(), Some(Tier::Exact));
    assert_eq!(cnie[0].field, Field::Alias);
    // A typo ranks below names that match as typed or fuzzily.
    let typo = &searcher.find(&Query::parse("stuckleberger"), 5).hits[0];
    assert_eq!((typo.tier(), typo.field), (Some(Tier::Typo), Field::Name));
}

#[test]
fn the_explorer_opens_the_expected_first_hit() {
    for (q, want) in common::FIRST_HITS {
        let mut app = App::new(builtin(), Options::default());
        app.update(Action::Search);
        for c in q.chars() {
            app.update(Action::Input(c));
        }
        app.update(Action::Open);
        let shown = app.current().map(|r| id(app.index(), r).to_string());
        assert_eq!(shown.as_deref(), Some(want), "{q}");
    }
}

#[test]
fn every_match_of_foundation_is_highlighted() {
    let index = builtin();
    let searcher = Searcher::new(&index);
    let query = Query::parse("foundation");
    let found = searcher.find(&query, 500);
    assert!(found.total >= 10);
    let mut marked = 0;
    for hit in &found.hits {
        let r = index.record(hit.record);
        let texts = std::iter::once((Field::Name, r.name()))
            .chain(r.aliases().iter().map(|a| (Field::Alias, a.as_str())))
            .chain(std::iter::once((Field::Summary, r.summary())))
            .chain(
                r.sources()
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (Field::Quote(i), s.quote.as_str())),
            );
        for (field, text) in texts {
            let lower = text.to_lowercase();
            let every: Vec<usize> = lower
                .match_indices("foundation")
                .map(|(at, _)| at)
                .filter(|&at| at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric())
                .collect();
            let ranges = highlight(text, &query, field);
            if every.is_empty() && matches!(field, Field::Name | Field::Alias) {
                // A name that has the letters but not the word shows them where they are.
                continue;
            }
            let starts: Vec<usize> = ranges.iter().map(|r| r.start).collect();
            assert_eq!(starts, every, "{field:?} of {}: {text}", r.id());
            marked += every.len();
        }
        // The list's name highlighting covers every occurrence too.
        let name = r.name();
        let positions = searcher.positions(name, &query);
        let words = name.to_lowercase().matches("foundation").count();
        if words > 0 {
            assert_eq!(positions.len(), words * "foundation".len(), "{name}");
        }
    }
    assert!(marked > found.hits.len(), "more marks than hits: {marked}");
}

#[test]
fn hits_in_quotes_come_after_names_and_summaries() {
    let index = builtin();
    let searcher = Searcher::new(&index);
    for q in ["foundation", "poverty", "china", "stuckelberger", "ngo"] {
        let hits = searcher.find(&Query::parse(q), 500).hits;
        let tiers: Vec<Tier> = hits.iter().filter_map(|h| h.tier()).collect();
        assert!(tiers.windows(2).all(|w| w[0] <= w[1]), "{q}: {tiers:?}");
        for h in &hits {
            let expected = match h.field {
                Field::Quote(_) | Field::Note => Tier::Text,
                Field::Summary => Tier::Summary,
                _ => continue,
            };
            assert_eq!(h.tier(), Some(expected), "{q}: {h:?}");
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
        assert_eq!(found.hits, oracle::search(&index, &query, 20), "{typed}");
        // Narrowing starts from every match, and every record that may match but was not read.
        previous = Some(found.total + found.unread + found.loose);
    }
    // Deleting back to an earlier query is answered from what was kept.
    assert_eq!(searcher.find(&Query::parse("yun"), 20).scanned, 0);
}

#[test]
fn a_short_words_loose_matches_are_read_only_as_the_list_needs_and_kept_for_typing_on() {
    // Short words match most names loosely; whether a text holds the word instead is read
    // only for the records the list needs. Those left unread or found loose are still what
    // the longer word narrows from, and every answer is the oracle's.
    let index = synthetic(3_000);
    for (limit, words) in [
        (5, ["w", "wa", "wat", "wate", "water"]),
        (5, ["r", "ru", "rur", "rura", "rural"]),
        (500, ["c", "ch", "chi", "chin", "china"]),
    ] {
        let searcher = Searcher::new(&index);
        let mut previous: Option<usize> = None;
        for typed in words {
            let query = Query::parse(typed);
            let found = searcher.find(&query, limit);
            // Narrowed from every match and every record left unread or found loose (and the
            // records a longer word may reach by a typo).
            if let Some(total) = previous {
                assert!(found.scanned >= total, "{typed}");
                assert!(found.scanned < index.len(), "{typed}");
            }
            assert_eq!(found.hits, oracle::search(&index, &query, limit), "{typed}");
            let counted = searcher.find_counted(&query, limit);
            let fresh = Searcher::new(&index).find_counted(&query, limit);
            assert_eq!(
                (counted.total, counted.loose, counted.unread),
                (fresh.total, fresh.loose, 0),
                "{typed}"
            );
            // The next word narrows from the narrowest scan: the counted one.
            previous = Some(counted.total + counted.loose);
        }
    }
}

#[test]
fn typing_on_into_a_typo_still_finds_it() {
    // "stuc" matches nothing by a typo (too short), "stuckleberger" does: records that only a
    // typo matches must not be lost by narrowing to what the shorter query found.
    let index = builtin();
    let searcher = Searcher::new(&index);
    let mut typed = String::new();
    for c in "stuckleberger".chars() {
        typed.push(c);
        let query = Query::parse(&typed);
        assert_eq!(
            searcher.find(&query, 50).hits,
            oracle::search(&index, &query, 50),
            "{typed}"
        );
    }
    for typed in ["xing", "xingf", "xingfo"] {
        let query = Query::parse(typed);
        assert_eq!(
            searcher.find(&query, 50).hits,
            oracle::search(&index, &query, 50),
            "{typed}"
        );
    }
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
        oracle::search(&index, &Query::parse("li wei"), 20)
    );
    // Whatever the first request produced is never handed out.
    assert_eq!(searcher.poll(), None);
}

#[test]
fn background_search_narrows_too() {
    let index = Arc::new(synthetic(3_000));
    let searcher = Searcher::shared(Arc::clone(&index));
    searcher.request(Query::parse("hunan"), 20);
    let first = searcher.wait().expect("a result").found;
    searcher.request(Query::parse("hunan f"), 20);
    let second = searcher.wait().expect("a result").found;
    assert_eq!(second.scanned, first.total + first.unread);
    assert!(second.total <= first.total + first.unread);
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
    let searcher = Searcher::new(app.index()).background_from(0);
    app.searchable(&app.index().clone(), searcher);
    app.update(Action::Search);
    type_text(&mut app, "tan");
    assert!(app.busy());
    app.settle();
    assert!(!app.busy());
    let tan = app.search().unwrap().hits.clone();
    assert_eq!(tan, oracle::search(app.index(), &Query::parse("tan"), 500));
    assert!(!tan.is_empty());

    // More typing: a request goes out, the screen keeps the results of "tan" meanwhile.
    type_text(&mut app, " wei");
    assert!(app.busy());
    assert_eq!(app.search().unwrap().hits, tan);
    app.settle();
    let want = oracle::search(app.index(), &Query::parse("tan wei"), 500);
    assert_eq!(app.search().unwrap().hits, want);
    assert_eq!(app.search().unwrap().total, want.len());
    assert!(!app.poll(), "nothing more to deliver");
}

#[test]
fn enter_opens_the_match_for_everything_typed() {
    let index = builtin();
    let mut app = App::new(index, Options::default());
    let searcher = Searcher::new(app.index()).background_from(0);
    app.searchable(&app.index().clone(), searcher);
    app.update(Action::Search);
    type_text(&mut app, "tan weiping");
    app.update(Action::Open);
    let shown = app
        .current()
        .map(|r| app.index().record(r).id().to_string());
    assert_eq!(shown.as_deref(), Some("tan-weiping"));
}
