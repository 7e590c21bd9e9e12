//! The query operators (`kind:`, `in:`, `year:`, `source:`, `linked:`, `has:`, `marked:`, `-`)
//! against a plain oracle: each operator's records worked out the obvious way from
//! `ngo-atlas export --format json` (every record, every field), compared with what
//! `ngo-atlas search` lists, on the built-in dataset and a small synthetic one. The explorer
//! runs the same `Searcher::find`; `the_explorer_lists_what_the_cli_lists` checks that too.

use crate::common::ngo_atlas;
use ngo_atlas::data::index::Index;
use ngo_atlas::query::search::{Query, Searcher, UserSets};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// The fields that hold links to other records, as the schema names them (a person's roles
/// hold theirs under `organization`).
const LINK_FIELDS: [&str; 14] = [
    "parent",
    "members",
    "based_in",
    "works_in",
    "country",
    "place",
    "organizers",
    "speakers",
    "participants",
    "organizations",
    "places",
    "subject",
    "within",
    "roles",
];

/// Every record of the export, by id.
struct Data {
    records: BTreeMap<String, Value>,
}

type Ids = BTreeSet<String>;

impl Data {
    fn export(data: Option<&Path>) -> Data {
        let mut args = vec!["export", "--format", "json"];
        let dir;
        if let Some(d) = data {
            dir = d.to_string_lossy().into_owned();
            args.extend(["--data", dir.as_str()]);
        }
        let out = ngo_atlas().args(&args).output().expect("export runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let list: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
        let records = list
            .into_iter()
            .map(|r| (r["id"].as_str().expect("an id").to_string(), r))
            .collect();
        Data { records }
    }

    fn all(&self) -> Ids {
        self.records.keys().cloned().collect()
    }

    fn with(&self, keep: impl Fn(&str, &Value) -> bool) -> Ids {
        let kept = self.records.iter().filter(|(id, r)| keep(id, r));
        kept.map(|(id, _)| id.clone()).collect()
    }

    /// The ids a record links to.
    fn links(&self, r: &Value) -> Ids {
        let mut out = Ids::new();
        for field in LINK_FIELDS {
            let values = match &r[field] {
                Value::Array(list) => list.clone(),
                v => vec![v.clone()],
            };
            for v in values {
                let id = v["organization"].as_str().or(v.as_str());
                if let Some(id) = id.filter(|id| self.records.contains_key(*id)) {
                    out.insert(id.to_string());
                }
            }
        }
        out
    }

    /// The place `id` and every place whose `within` chain reaches it.
    fn inside(&self, id: &str) -> Ids {
        self.with(|pid, r| {
            let mut at = Some(pid.to_string());
            let mut hops = 0;
            while let Some(p) = at {
                if p == id {
                    return r["kind"] == "place";
                }
                hops += 1;
                at = self.records[&p]["within"].as_str().map(String::from);
                at = at.filter(|_| hops < 1000);
            }
            false
        })
    }

    fn in_place(&self, id: &str) -> Ids {
        let places = self.inside(id);
        self.with(|_, r| !self.links(r).is_disjoint(&places))
    }

    /// The years of a record's own dates: every year of a span from its start to its end.
    fn years(r: &Value) -> Vec<(i32, i32)> {
        let year = |v: &Value| v.as_str().and_then(|d| d.get(..4)?.parse::<i32>().ok());
        let span = |a: &str, b: &str| match (year(&r[a]), year(&r[b])) {
            (Some(x), Some(y)) => vec![(x.min(y), x.max(y))],
            (x, y) => x.or(y).map(|x| (x, x)).into_iter().collect(),
        };
        match r["kind"].as_str().unwrap_or("") {
            "organization" => span("founded", "founded"),
            "person" => r["roles"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|role| year(&role["date"]).map(|y| (y, y)))
                .collect(),
            "event" => span("date", "end"),
            "programme" => span("start", "end"),
            "statistic" => span("start", "date"),
            "source" => span("published", "published"),
            _ => Vec::new(),
        }
    }

    fn in_years(&self, from: i32, to: i32) -> Ids {
        self.with(|_, r| Data::years(r).iter().any(|&(a, b)| a <= to && b >= from))
    }

    fn quoting(&self, source: &str) -> Ids {
        self.with(|_, r| {
            let sources = r["sources"].as_array().into_iter().flatten();
            sources.into_iter().any(|s| s["source"] == source)
        })
    }

    fn linked(&self, id: &str) -> Ids {
        let out = self.links(&self.records[id]);
        let back = self.with(|_, r| self.links(r).contains(id));
        out.union(&back).cloned().collect()
    }

    fn has_quote(&self) -> Ids {
        self.with(|_, r| r["sources"].as_array().is_some_and(|s| !s.is_empty()))
    }

    fn of_kind(&self, kind: &str) -> Ids {
        self.with(|_, r| r["kind"] == kind)
    }
}

fn minus(a: &Ids, b: &Ids) -> Ids {
    a.difference(b).cloned().collect()
}

fn and(a: &Ids, b: &Ids) -> Ids {
    a.intersection(b).cloned().collect()
}

/// What `ngo-atlas search QUERY` lists, every hit, as ids.
fn search(data: Option<&Path>, query: &str, env: &[(&str, &Path)]) -> Ids {
    let mut cmd = ngo_atlas();
    cmd.args(["search", "--json", "--limit", "1000000"]);
    if let Some(d) = data {
        cmd.arg("--data").arg(d);
    }
    // A query may begin with `-`: after `--` it is not an option.
    cmd.args(["--", query]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("search runs");
    let code = out.status.code();
    let err = String::from_utf8_lossy(&out.stderr);
    if code == Some(1) {
        return Ids::new();
    }
    assert_eq!(code, Some(0), "{query}: {err}");
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    hits.iter()
        .map(|h| h["id"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Checks each (query, oracle) pair, and that the oracle's answer is neither empty nor
/// everything, so that the comparison can tell a wrong operator from a right one.
fn check(data: Option<&Path>, d: &Data, cases: Vec<(String, Ids)>) {
    let everything = d.all().len();
    for (query, want) in cases {
        assert!(
            !want.is_empty() && want.len() < everything,
            "{query}: a case that cannot fail ({} of {everything})",
            want.len()
        );
        let got = search(data, &query, &[]);
        assert_eq!(got, want, "{query}: search against the oracle");
    }
}

/// The place, source and record the cases of a dataset use, picked from it: the place with
/// the most records around it that has a place inside it, a source most quoted, a record most
/// linked.
fn busiest(d: &Data) -> (String, String, String) {
    let by = |kind: &str, score: &dyn Fn(&str) -> usize| {
        let ids = d.of_kind(kind);
        let best = ids
            .iter()
            .max_by_key(|id| (score(id), std::cmp::Reverse((*id).clone())));
        best.expect("a record of the kind").clone()
    };
    let place = by("place", &|id| {
        let n = d.in_place(id).len();
        if d.inside(id).len() > 1 && n < d.all().len() / 2 {
            n
        } else {
            0
        }
    });
    let source = by("source", &|id| d.quoting(id).len());
    let record = by("organization", &|id| d.linked(id).len());
    (place, source, record)
}

/// The cases of a dataset: each operator alone, negated and with another; `place` is the one
/// `in:` asks about, else the busiest.
fn cases(d: &Data, years: (i32, i32), place: Option<&str>) -> Vec<(String, Ids)> {
    let (busy, source, record) = busiest(d);
    let place = place.map_or(busy, String::from);
    let (y1, y2) = years;
    let inside = d.in_place(&place);
    let when = d.in_years(y1, y2);
    let orgs = d.of_kind("organization");
    vec![
        ("kind:org".into(), orgs.clone()),
        (format!("in:{place}"), inside.clone()),
        (format!("year:{y1}"), d.in_years(y1, y1)),
        (format!("year:{y1}..{y2}"), when.clone()),
        (format!("source:{source}"), d.quoting(&source)),
        (format!("linked:{record}"), d.linked(&record)),
        ("has:quote".into(), d.has_quote()),
        (format!("-in:{place}"), minus(&d.all(), &inside)),
        (format!("in:{place} year:{y1}..{y2}"), and(&inside, &when)),
        (format!("kind:org -year:{y1}..{y2}"), minus(&orgs, &when)),
        (
            "-has:quote -kind:place".to_string(),
            minus(&minus(&d.all(), &d.has_quote()), &d.of_kind("place")),
        ),
    ]
}

#[test]
fn every_operator_lists_what_the_oracle_finds_in_the_built_in_dataset() {
    let d = Data::export(None);
    // `in:china` takes the records of places inside China (Yunnan's), which do not link to
    // China itself.
    let china = d.in_place("china");
    assert!(d.inside("china").contains("yunnan"));
    assert!(
        china
            .iter()
            .any(|id| !d.links(&d.records[id]).contains("china"))
    );
    check(None, &d, cases(&d, (2019, 2020), Some("china")));
    let xinhua = d.quoting("xinhua-2024-hrc55-side-event");
    check(
        None,
        &d,
        vec![("source:xinhua".into(), xinhua), ("in:china".into(), china)],
    );
}

#[test]
fn every_operator_lists_what_the_oracle_finds_in_a_synthetic_dataset() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let out = ngo_atlas()
        .args(["gen-synthetic", "--records", "1500", "--seed", "5", "--out"])
        .arg(&data)
        .output()
        .expect("gen-synthetic runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = Data::export(Some(&data));
    check(Some(&data), &d, cases(&d, (2012, 2014), None));
}

#[test]
fn notes_and_collections_come_from_the_users_marks() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let marks = dir.path().join("ngo-atlas");
    std::fs::create_dir_all(&marks).expect("a folder");
    std::fs::write(
        marks.join("marks.json"),
        r#"{"version": 2, "current": "Marked", "collections": [
          {"name": "Marked", "marks": [{"id": "amity-foundation", "name": "Amity Foundation"}]},
          {"name": "Chapter 2", "marks": [
            {"id": "tan-weiping", "name": "Tan Weiping", "note": "ask about 2019"},
            {"id": "cambodia", "name": "Cambodia"}]}]}"#,
    )
    .expect("a marks file");
    let env = [("XDG_DATA_HOME", dir.path())];
    let ids = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Ids>();
    assert_eq!(search(None, "has:note", &env), ids(&["tan-weiping"]));
    assert_eq!(
        search(None, "marked:\"chapter 2\"", &env),
        ids(&["tan-weiping", "cambodia"])
    );
    assert_eq!(
        search(None, "marked:marked", &env),
        ids(&["amity-foundation"])
    );
    assert_eq!(
        search(None, "marked:\"chapter 2\" -has:note", &env),
        ids(&["cambodia"])
    );
    let out = ngo_atlas()
        .args(["search", "marked:chapter3"])
        .env("XDG_DATA_HOME", dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no collection `chapter3` — did you mean"),
        "{err}"
    );
}

#[test]
fn mistakes_exit_2_with_a_suggestion_never_an_empty_list() {
    for (query, says) in [
        ("yeer:2019", "did you mean `year:`?"),
        ("year:2020..2017", "did you mean `year:2017..2020`?"),
        ("year:2017-2020", "did you mean `year:2017..2020`?"),
        ("in:cambodja", "did you mean `in:cambodia`?"),
        ("source:xinhau", "did you mean `source:xinhua`?"),
        (
            "linked:amity-fundation",
            "did you mean `linked:amity-foundation`?",
        ),
        ("kind:orgs poverty has:quotes", ""),
        ("has:notes kind:foo", "no record kind `foo`"),
    ] {
        let out = ngo_atlas().args(["search", query]).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        if says.is_empty() {
            assert_eq!(out.status.code(), Some(0), "{query}: {err}");
            continue;
        }
        assert_eq!(out.status.code(), Some(2), "{query}: {err}");
        assert!(err.contains(says), "{query}: {err}");
    }
    // Times and addresses with a colon are still words.
    let out = ngo_atlas()
        .args(["search", "10:30 https://example.org"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_short_word_lists_names_by_their_start_and_counts_loose_matches() {
    let out = ngo_atlas()
        .args(["search", "cnie", "--limit", "100"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.starts_with("organization china-ngo-network-for-international-exchanges"),
        "{text}"
    );
    assert!(!text.contains("Counties docked"), "{text}");
    assert!(err.contains("matched loosely"), "{err}");
    // With nothing better, the loose matches are the list: `tnwp` still finds Tan Weiping.
    let out = ngo_atlas().args(["search", "tnwp"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("tan-weiping"));
}

#[test]
fn the_explorer_lists_what_the_cli_lists() {
    let index = Arc::new(Index::new(
        ngo_atlas::ingest::load::load_builtin().expect("loads"),
    ));
    let explorer = Searcher::new(&index);
    for q in [
        "in:china kind:org",
        "year:2019..2020 poverty",
        "source:xinhua -kind:person",
        "cnie",
    ] {
        let query = Query::parse(q).with_user(Arc::new(UserSets::default()));
        let mut want: Vec<String> = explorer
            .find(&query, 1000)
            .hits
            .iter()
            .map(|h| index.record(h.record).id().to_string())
            .collect();
        let from_matching = explorer.matching(&query).expect("runs");
        assert!(from_matching.len() >= want.len(), "{q}");
        want.sort();
        let got: Vec<String> = search(None, q, &[]).into_iter().collect();
        assert_eq!(got, want, "{q}");
    }
}

/// The (record, quote) rows of `ngo-atlas quotes QUERY --json`.
fn quote_rows(query: &str) -> Vec<(String, String)> {
    let out = ngo_atlas()
        .args(["quotes", "--json", "--", query])
        .output()
        .expect("quotes runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    rows.iter()
        .map(|r| (text(&r["record_id"]), text(&r["quote"])))
        .collect()
}

#[test]
fn the_quotes_list_keeps_the_quotes_of_the_records_a_filter_lets_through() {
    let d = Data::export(None);
    let china = d.in_place("china");
    let when = d.in_years(2019, 2020);
    for (filters, keep) in [
        ("in:china", china.clone()),
        ("-in:china", minus(&d.all(), &china)),
        ("year:2019..2020", when.clone()),
    ] {
        let all = quote_rows("poverty");
        let want: Vec<_> = all
            .iter()
            .filter(|(r, _)| keep.contains(r))
            .cloned()
            .collect();
        assert!(
            !want.is_empty() && want.len() < all.len(),
            "{filters}: a case that cannot fail"
        );
        let mut got = quote_rows(&format!("poverty {filters}"));
        let mut want = want;
        got.sort();
        want.sort();
        assert_eq!(got, want, "{filters}");
    }
    let out = ngo_atlas()
        .args(["quotes", "poverty in:chian"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `in:china`?"));
}

#[test]
fn the_search_box_says_what_is_wrong_and_counts_loose_matches() {
    let mut app = crate::common::app();
    crate::common::press(&mut app, "/yeer:2019");
    let s = app.search().expect("the search box");
    assert!(s.hits.is_empty());
    let error = s.error.clone().unwrap_or_default();
    assert!(error.contains("did you mean `year:`?"), "{error}");
    let screen = crate::common::text(&mut app, 120, 30);
    assert!(screen.contains("did you mean `year:`?"), "{screen}");
    crate::common::press(&mut app, "<C-u>cnie");
    let s = app.search().expect("the search box");
    assert_eq!(s.error, None);
    let (total, loose) = (s.total, s.loose);
    assert!(loose > 0 && total >= 1, "{total} {loose}");
    let screen = crate::common::text(&mut app, 120, 30);
    assert!(screen.contains(&format!("· {loose} loose")), "{screen}");
    crate::common::press(&mut app, "<C-u>kind:org in:cambodia");
    let ids: Vec<String> = {
        let s = app.search().expect("the search box");
        s.hits
            .iter()
            .map(|h| app.index().record(h.record).id().to_string())
            .collect()
    };
    assert!(
        ids.contains(&"china-ngo-network-for-international-exchanges".to_string()),
        "{ids:?}"
    );
}

/// The records `|` narrows the explorer to, by id.
fn filtered(app: &mut ngo_atlas::tui::app::App, query: &str) -> Ids {
    use ngo_atlas::tui::app::screen::Screen;
    crate::common::press(app, "|<C-u>");
    crate::common::press(app, &format!("{query}<Enter>"));
    let filter = app.views().lists.filter().cloned();
    let filter = filter.unwrap_or_else(|| panic!("{query}: no filter ({:?})", app.status()));
    filter
        .records()
        .map(|r| app.index().record(r).id().to_string())
        .collect()
}

#[test]
fn the_explorers_filter_keeps_what_the_oracle_finds() {
    let d = Data::export(None);
    let mut app = crate::common::app();
    let mut cases = cases(&d, (2019, 2020), Some("china"));
    cases.push((
        "source:xinhua".into(),
        d.quoting("xinhua-2024-hrc55-side-event"),
    ));
    for (query, want) in cases {
        assert!(!want.is_empty() && want.len() < d.all().len(), "{query}");
        assert_eq!(
            filtered(&mut app, &query),
            want,
            "{query}: the filter against the oracle"
        );
    }
    // A mistake keeps the line open and says what is wrong; the rows stay as they were.
    let before = app.views().lists.len(app.index());
    crate::common::press(&mut app, "|<C-u>yeer:2019<Enter>");
    assert!(app.overlay().is_some());
    assert!(app.status().unwrap_or("").contains("did you mean `year:`"));
    assert_eq!(app.views().lists.len(app.index()), before);
}

#[test]
fn the_explorers_quotes_list_lists_the_rows_of_the_cli_once_the_searchers_lookups_are_built() {
    use ngo_atlas::query::concordance::{self, Order};
    use ngo_atlas::tui::app::overlay::Overlay;
    let mut app = crate::common::app();
    // A filter first, so that the searcher's lookups are built.
    filtered(&mut app, "in:china");
    crate::common::press(&mut app, "<Esc>Q<C-u>in:china poverty<Enter>");
    let Some(Overlay::Quotes(q)) = app.overlay() else {
        panic!("the quotes list is not open: {:?}", app.status());
    };
    let query = concordance::Query::parse("in:china poverty")
        .expect("a query")
        .with_user(Arc::new(UserSets::default()));
    let want = concordance::rows(app.index(), &query, Order::default(), None).expect("rows");
    assert!(!want.is_empty());
    assert_eq!(q.rows, want);
}
