//! `ngo-atlas search` and the lookups of `show` and `cite`, run as a script would run them:
//! the same hits in the same order as the explorer, where each matched, and clear exits.

use crate::common;

use common::run;
use ngo_atlas::data::index::Index;
use ngo_atlas::query::search::{Query, Searcher};
use serde_json::Value;

fn json(args: &[&str]) -> Vec<Value> {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).expect("JSON")
}

#[test]
fn the_first_hit_is_the_one_a_user_expects() {
    for (q, want) in common::FIRST_HITS {
        let (code, out, err) = run(&["search", q]);
        assert_eq!(code, 0, "{q}: {err}");
        let first = out.lines().next().unwrap_or("");
        let id = first.split_whitespace().nth(1);
        assert_eq!(id, Some(want), "{q}: {out}");
    }
}

#[test]
fn the_same_hits_in_the_same_order_as_the_explorer() {
    let index =
        Index::new(ngo_atlas::ingest::load::load_builtin().expect("the built-in dataset loads"));
    let explorer = Searcher::new(&index);
    for q in [
        "foundation",
        "poverty 2019",
        "quote: spirit",
        "stuckleberger",
        "社会组织",
        "org: china",
    ] {
        let cli: Vec<String> = json(&["search", q, "--json", "--limit", "500"])
            .iter()
            .map(|h| h["id"].as_str().unwrap_or("").to_string())
            .collect();
        let want: Vec<String> = explorer
            .find(&Query::parse(q), 500)
            .hits
            .iter()
            .map(|h| index.record(h.record).id().to_string())
            .collect();
        assert_eq!(cli, want, "{q}");
    }
}

#[test]
fn json_says_where_each_hit_matched_with_an_excerpt() {
    let hits = json(&["search", "brotherhood", "--json"]);
    assert_eq!(hits.len(), 2);
    for h in &hits {
        assert_eq!(h["field"], "quote", "{h}");
        assert_eq!(h["tier"], "text");
        let e = &h["excerpt"];
        assert_eq!(e["source"], "xinhua-2024-hrc55-side-event");
        assert_eq!(e["source_name"], "Xinhua 2024");
        let text = e["text"].as_str().unwrap_or("");
        let [start, end] = [0, 1].map(|i| e["highlights"][0][i].as_u64().unwrap_or(0) as usize);
        assert_eq!(&text[start..end], "brotherhood", "{e}");
        assert!(h["quote"].is_u64());
    }
    let cnie = &json(&["search", "cnie", "--json", "--limit", "1"])[0];
    assert_eq!(cnie["field"], "alias");
    assert_eq!(cnie["alias"], "CNIE");
    assert_eq!(cnie["tier"], "exact");
    assert_eq!(cnie["excerpt"], Value::Null);
}

#[test]
fn the_table_shows_where_a_hit_matched_other_than_its_name() {
    let (_, out, _) = run(&["search", "brotherhood"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].ends_with("Geneva Agape Foundation  (quote)"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("    Xinhua 2024: ") && lines[1].contains("brotherhood"),
        "{out}"
    );
    let (_, out, _) = run(&["search", "stuckleberger"]);
    assert!(
        out.lines()
            .next()
            .unwrap_or("")
            .ends_with("Christoph Stuckelberger  (name, typo)"),
        "{out}"
    );
    let (_, out, _) = run(&["search", "tan", "weiping"]);
    assert!(
        out.lines().next().unwrap_or("").ends_with("Tan Weiping"),
        "{out}"
    );
}

#[test]
fn nothing_found_exits_1_with_a_message() {
    let (code, out, err) = run(&["search", "zzzq"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(err.trim(), "ngo-atlas: no record matches `zzzq`");
    let (code, _, err) = run(&["search", "--kind", "place", "brotherhood"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "ngo-atlas: no place matches `brotherhood`");
}

#[test]
fn a_cut_list_says_how_many_more_on_stderr() {
    let all = json(&["search", "poverty", "--json", "--limit", "1000"]).len();
    assert!(all > 3);
    let (code, out, err) = run(&["search", "poverty", "--limit", "3"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().filter(|l| !l.starts_with(' ')).count(), 3);
    assert_eq!(err.trim(), format!("… and {} more (use --limit)", all - 3));
    let (_, _, err) = run(&["search", "poverty", "--limit", "1000"]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn limit_zero_is_refused_and_limit_is_explained() {
    let (code, out, err) = run(&["search", "tan", "--limit", "0"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("--limit") && err.contains("at least 1"),
        "{err}"
    );
    let (_, help, _) = run(&["search", "--help"]);
    let line = help.lines().find(|l| l.contains("--limit")).unwrap_or("");
    assert!(line.contains("How many hits to print"), "{help}");
}

#[test]
fn show_finds_an_id_in_any_case_or_an_exact_name() {
    let (_, want, _) = run(&["show", "tan-weiping"]);
    assert!(want.starts_with("Tan Weiping"));
    for asked in [
        "TAN-WEIPING",
        "Tan Weiping",
        "tan  weiping",
        "ＴＡＮ ＷＥＩＰＩＮＧ",
    ] {
        let (code, out, err) = run(&["show", asked]);
        assert_eq!((code, out.as_str()), (0, want.as_str()), "{asked}: {err}");
    }
    // An exact alias, when no name fits.
    let (code, out, _) = run(&["show", "CNIE"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("China NGO Network for International Exchanges"),
        "{out}"
    );
    let (code, out, _) = run(&["cite", "Tan Weiping"]);
    assert_eq!(code, 0, "{out}");
    // A name that is not exact is not guessed at.
    let (code, _, err) = run(&["show", "Tan Weipin"]);
    assert_eq!(code, 2);
    assert!(err.contains("no record has the id `Tan Weipin`"), "{err}");
}

#[test]
fn a_query_over_the_limits_is_refused_saying_how_long_it_is() {
    let long = "a".repeat(20_000);
    for args in [
        vec!["search", long.as_str()],
        vec!["search", "--lines", long.as_str()],
    ] {
        let out = crate::common::ngo_atlas()
            .args(&args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{:?}", &args[..2]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("a query holds at most 1,000 characters and 64 words; this one has 20,000 characters and 1 word"),
            "{err}"
        );
        assert!(err.len() < 200, "the query is not echoed back");
    }
    let words = "w ".repeat(65);
    let out = crate::common::ngo_atlas()
        .args(["search", &words])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
