//! The scriptable subcommands, run as a user or a script would run them.

use crate::common;

use common::run;
use serde_json::Value;

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

#[test]
fn search_lists_best_first_with_kind_and_id() {
    let out = ok(&["search", "tan", "weiping"]);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("person"), "{first}");
    assert!(
        first.contains("tan-weiping") && first.ends_with("Tan Weiping"),
        "{first}"
    );
}

#[test]
fn search_kind_limit_and_json() {
    let out = ok(&[
        "search",
        "foundation",
        "--kind",
        "org",
        "--limit",
        "3",
        "--json",
    ]);
    let hits: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(hits.len(), 3);
    for h in &hits {
        assert_eq!(h["kind"], "organization");
        assert!(h["name"].as_str().unwrap().contains("Foundation"), "{h}");
    }
    let prefixed = ok(&["search", "org:", "foundation", "--limit", "3", "--json"]);
    assert_eq!(serde_json::from_str::<Vec<Value>>(&prefixed).unwrap(), hits);
}

#[test]
fn show_has_links_and_backlinks() {
    let out = ok(&["show", "international-poverty-reduction-center-in-china"]);
    assert!(out.starts_with("International Poverty Reduction Center in China  (organization · "));
    assert!(out.contains("Also: IPRCC"));
    assert!(out.contains("Referenced by"));
    assert!(out.contains("Tan Weiping — deputy director"), "{out}");
    let json: Value = serde_json::from_str(&ok(&["show", "tan-weiping", "--json"])).unwrap();
    assert_eq!(json["kind"], "person");
    assert_eq!(json["links"][0]["relation"], "Roles");
    assert_eq!(
        json["links"][0]["records"][0]["id"],
        "international-poverty-reduction-center-in-china"
    );
    assert_eq!(json["referenced_by"][0]["relation"], "Spoke at");
}

#[test]
fn unknown_id_suggests_the_closest_and_exits_2() {
    let (code, out, err) = run(&["show", "tan-weipin"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(
        err.trim(),
        "ngo-atlas: no record has the id `tan-weipin`; did you mean: tan-weiping?"
    );
    let (code, _, err) = run(&["cite", "zzzzzz"]);
    assert_eq!(code, 2);
    assert!(err.contains("try `ngo-atlas search`"), "{err}");
}

#[test]
fn cite_a_source_in_each_style() {
    let id = "china-daily-2019-belt-road";
    assert_eq!(
        ok(&["cite", id]).trim_end(),
        "Li, L. (2019, April 30). NGOs foster goodwill, emotional ties along Belt, Road. China Daily."
    );
    for (style, start) in [
        ("chicago", "Li Lei. “NGOs Foster Goodwill"),
        ("mla", "Li Lei. “NGOs Foster Goodwill"),
        ("harvard", "Li, L. (2019)"),
        ("bibtex", "@article{chinadaily2019ngos,"),
        ("ris", "TY  - NEWS"),
        ("csl-json", "["),
        ("plain", "China Daily"),
    ] {
        let out = ok(&["cite", id, "--style", style]);
        assert!(out.starts_with(start), "{style}: {out}");
    }
    let (code, _, err) = run(&["cite", id, "--style", "vancouver"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected one of apa, chicago"), "{err}");
}

#[test]
fn cite_a_record_gives_its_quotes_with_their_sources() {
    let out = ok(&["cite", "tan-weiping"]);
    let blocks: Vec<&str> = out.trim_end().split("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{out}");
    assert!(blocks[0].starts_with("“Tan Weiping, deputy director"));
    assert!(
        blocks[0].ends_with("human rights. (ca. 2020)."),
        "{}",
        blocks[0]
    );
    // Machine formats list each source once, without quotes.
    let bib = ok(&["cite", "tan-weiping", "--style", "bibtex"]);
    assert_eq!(bib.matches("@article{").count(), 1, "{bib}");
}

#[test]
fn export_json_is_every_record_with_kind_id_name_and_sources() {
    let all: Vec<Value> = serde_json::from_str(&ok(&["export", "--format", "json"])).unwrap();
    assert!(all.len() > 150, "{}", all.len());
    for r in &all {
        for key in ["kind", "id", "name", "sources"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        if r["kind"] == "statistic" {
            assert!(r["value"].is_number() && r["unit"].is_string(), "{r}");
        }
        if r["kind"] != "source" {
            let s = &r["sources"][0];
            assert!(s["source"].is_string() && s["quote"].is_string(), "{r}");
        }
    }
    let yaml = ok(&["export", "--format", "yaml"]);
    let back: Vec<serde_yaml::Value> = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(back.len(), all.len());
}

#[test]
fn data_flag_loads_another_dataset() {
    let dir = format!("{}/tests/fixtures/bom-crlf", env!("CARGO_MANIFEST_DIR"));
    let out = ok(&["--data", &dir, "search", "org"]);
    assert!(out.contains("org-a"), "{out}");
    let (code, _, err) = run(&["--data", "/nonexistent/dir", "check"]);
    assert_eq!(code, 1);
    assert!(err.contains("no such directory"), "{err}");
}

#[test]
fn explorer_refuses_without_a_terminal() {
    let (code, _, err) = run(&[]);
    assert_eq!(code, 2);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("ngo-atlas search, show, cite, export, check"));
}

#[test]
fn explorer_refuses_an_invalid_dataset_with_the_same_messages() {
    let dir = format!(
        "{}/tests/fixtures/dangling-link",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, _, err) = run(&["--data", &dir]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`members` links to unknown id `org-b`"),
        "{err}"
    );
}
