//! The quotes list (`Q`) and `ngo-atlas quotes`: every matching quote, checked against a plain
//! scan of every quote of the built-in data; the explorer and the command line list the same
//! rows in the same order; Enter opens the record at the quote; `y` and `C` copy.

use crate::common::{self, app, press};
use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load::load_builtin;
use ngo_atlas::query::concordance::{self, Order, Query};
use ngo_atlas::query::search::fold::fold;
use ngo_atlas::tui::app::{Effect, Overlay};
use serde_json::Value;

/// The plain answer: the (record, quote) pairs whose folded words hold every term (a phrase as
/// its words one after another, the last a prefix) and no excluded word.
fn oracle(index: &Index, terms: &[&[&str]], without: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for r in 0..index.len() {
        for (at, s) in index.record(r).sources().iter().enumerate() {
            let folded = fold(&s.quote);
            let words: Vec<&str> = folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let has = |term: &[&str]| {
                words.windows(term.len()).any(|w| {
                    w.iter().zip(term).enumerate().all(|(k, (a, b))| {
                        if k + 1 == term.len() {
                            a.starts_with(b)
                        } else {
                            a == b
                        }
                    })
                })
            };
            if terms.iter().all(|t| has(t)) && !without.iter().any(|w| has(&[w])) {
                out.push((r, at));
            }
        }
    }
    out
}

/// A query, its terms (each a phrase's words), and its left-out words.
type Case<'a> = (&'a str, &'a [&'a [&'a str]], &'a [&'a str]);

#[test]
fn every_matching_quote_is_listed_as_a_plain_scan_finds_it() {
    let index = Index::new(load_builtin().unwrap());
    let cases: &[Case] = &[
        (r#""belt and road""#, &[&["belt", "and", "road"]], &[]),
        ("poverty -tibet", &[&["poverty"]], &["tibet"]),
        ("poverty reduct", &[&["poverty"], &["reduct"]], &[]),
        ("ngo cooperation", &[&["ngo"], &["cooperation"]], &[]),
        ("Cooperación", &[&["cooperacion"]], &[]),
        (
            r#""poverty alleviation" -china"#,
            &[&["poverty", "alleviation"]],
            &["china"],
        ),
    ];
    for (query, terms, without) in cases {
        let rows = concordance::find(&index, &Query::parse(query).unwrap(), Order::Record);
        let mut got: Vec<(usize, usize)> = rows.iter().map(|r| (r.record, r.at)).collect();
        got.sort();
        let expected = oracle(&index, terms, without);
        assert_eq!(got, expected, "{query}");
        assert!(
            !expected.is_empty() || query.contains("Cooperación"),
            "{query}"
        );
        // Each row's range is the first term as written in the quote.
        for row in &rows {
            let quote = concordance::quote(&index, row);
            assert!(
                fold(&quote[row.hit.clone()]).starts_with(terms[0][0]),
                "{query}: {quote:?} {:?}",
                row.hit
            );
        }
    }
    // A record with two matching quotes has two rows: one per quote, not per record.
    let rows = concordance::find(
        &index,
        &Query::parse(r#""belt and road""#).unwrap(),
        Order::Source,
    );
    assert_eq!(rows.len(), 2);
}

#[test]
fn the_command_line_lists_the_explorer_s_rows_in_its_order() {
    for order in ["source", "date", "record", "left", "right"] {
        let (code, out, err) =
            common::run(&["quotes", "poverty -tibet", "--sort", order, "--json"]);
        assert_eq!(code, 0, "{err}");
        let json: Value = serde_json::from_str(&out).unwrap();
        let cli: Vec<(String, String)> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let s = |k: &str| r[k].as_str().unwrap().to_string();
                (s("record_id"), s("quote"))
            })
            .collect();
        let mut app = app();
        press(&mut app, "Qpoverty -tibet<Enter>");
        for _ in 0..Order::ALL
            .iter()
            .position(|o| o.label().starts_with(order))
            .unwrap()
        {
            press(&mut app, "s");
        }
        let Some(Overlay::Quotes(q)) = &app.overlay() else {
            panic!("the quotes list is open");
        };
        let shown: Vec<(String, String)> = q
            .rows
            .iter()
            .map(|r| {
                (
                    app.index().record(r.record).id().to_string(),
                    concordance::quote(app.index(), r).to_string(),
                )
            })
            .collect();
        assert_eq!(cli, shown, "--sort {order}");
        let cited = |r: &Value| r["citation"].as_str().is_some_and(|c| c.len() > 20);
        assert!(json.as_array().unwrap().iter().all(cited), "{json}");
    }
    let (code, _, err) = common::run(&["quotes", "zzyzx"]);
    assert_eq!(code, 1);
    assert!(err.contains("no quote matches zzyzx"), "{err}");
    let (code, out, _) = common::run(&["quotes", r#""belt and road""#, "--csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "quote",
            "record_id",
            "record_name",
            "source_id",
            "source",
            "date",
            "citation"
        ]
    );
    assert_eq!(reader.records().count(), 2);
    let (code, out, _) = common::run(&["quotes", r#""belt and road""#]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .all(|l| l.contains("Belt and Road") && l.contains(" · ")),
        "{out}"
    );
}

#[test]
fn enter_opens_the_record_at_the_quote_and_y_and_capital_c_copy() {
    let mut app = app();
    press(&mut app, "Q\"belt and road\"<Enter>");
    let effects = press(&mut app, "y");
    let [Effect::Copy { text, what }] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert!(
        text.starts_with('“') && text.contains("Belt and Road"),
        "{text}"
    );
    assert!(text.contains("China Daily"), "{text}");
    assert!(what.contains("citation"), "{what}");
    let effects = press(&mut app, "C");
    let [Effect::Copy { text, what }] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert_eq!(text.lines().count(), 3, "a header and every row: {text}");
    assert_eq!(what, "all 2 quotes as TSV");
    press(&mut app, "j<Enter>");
    assert!(app.overlay().is_none());
    let shown: String = app
        .views()
        .lists
        .detail
        .content
        .doc
        .lines
        .iter()
        .skip(app.views().lists.detail.scroll)
        .take(12)
        .map(|l| l.text() + "\n")
        .collect();
    assert!(
        shown.contains("Belt and Road"),
        "the pane opens at the quote: {shown}"
    );
}
