//! `ngo-atlas export` as users run it: CSV tables read back with the `csv` crate, GraphML and GEXF
//! parsed back with an XML parser, a hostile dataset round-tripping exactly, and `--out` never
//! writing through a link or over a file.

use ngo_atlas::data::index::Index;
use ngo_atlas::data::model::Kind;
use ngo_atlas::data::record::Record;
use ngo_atlas::ingest::load;
use ngo_atlas::query::export::xml::expected;
use std::path::Path;

/// Runs ngo-atlas; its exit code, raw standard output and standard error (the export tests'
/// runner, shared with `export_safety`).
pub(crate) fn run(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = crate::common::ngo_atlas()
        .args(args)
        .output()
        .expect("run ngo-atlas");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub(crate) fn ok(args: &[&str]) -> Vec<u8> {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// Names and text that break naive writers: markup, quotes, commas, line breaks of every kind,
/// C0 and C1 controls, escape sequences, bidi overrides, CJK, and U+FFFE, which XML forbids.
const HOSTILE_SOURCES: &str = r#"
- id: src-evil
  name: "Src \e]2;title\a <b>&amp;</b> \"quoted\", comma"
  summary: "Line one\nline two\r\nthree\rfour"
  title: "Head\tline"
  language: en
"#;

const HOSTILE_ORGS: &str = r#"
- id: org-a
  name: "A <&> \"B\", C"
  aliases: ["a; b", "\u202Eevil\u202C", "中文 名"]
  summary: "Clear \e[2J, bell \a, VT \v, DEL \x7f, C1 \x85\x9b, nonchar \uFFFE, end\n"
  type: "ngo\x01"
  based_in: place-x
  works_in: [place-x]
  sources:
    - source: src-evil
      quote: "A <&> \"B\", C said\nso"
- id: org-b
  name: "  leading and trailing spaces  "
  summary: ",,,\"\"\""
  parent: org-a
  sources:
    - {source: src-evil, quote: "q"}
"#;

const HOSTILE_PEOPLE: &str = r#"
- id: person-x
  name: "=HYPERLINK(\"http://example.invalid\")"
  summary: "@SUM(1+1)"
  roles:
    - {organization: org-a, title: "chair <\"&\">\ttab\rcr", date: 2024-03}
  sources:
    - {source: src-evil, quote: "q"}
"#;

const HOSTILE_PLACES: &str = r#"
- id: place-x
  name: "Place\u0000Nul"
  summary: "A place."
  type: village
  coordinates: {lat: 23.13, lon: -108.5}
  sources:
    - {source: src-evil, quote: "q"}
"#;

const HOSTILE_STATS: &str = r#"
- id: stat-x
  name: "Stat, with comma"
  summary: "A figure."
  value: 1234.5
  unit: "yuan\u2028line"
  measure: "m"
  date: 2019-04
  subject: org-a
  sources:
    - {source: src-evil, quote: "q"}
"#;

fn hostile_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (file, text) in [
        ("sources.yaml", HOSTILE_SOURCES),
        ("organizations.yaml", HOSTILE_ORGS),
        ("people.yaml", HOSTILE_PEOPLE),
        ("places.yaml", HOSTILE_PLACES),
        ("statistics.yaml", HOSTILE_STATS),
    ] {
        std::fs::write(dir.path().join(file), text).expect("write fixture");
    }
    dir
}

fn index_of(dir: &Path) -> Index {
    Index::new(load::load_dir(dir).unwrap_or_else(|p| panic!("{}", p[0])))
}

fn builtin() -> Index {
    Index::new(load::load_builtin().expect("built-in data"))
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).expect("open CSV");
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a valid row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let at = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[at]
}

#[test]
fn hostile_text_round_trips_exactly_in_csv() {
    let data = hostile_dir();
    let index = index_of(data.path());
    let out = tempfile::tempdir().unwrap();
    let tables = out.path().join("tables");
    let t = tables.to_str().unwrap();
    ok(&[
        "export",
        "--data",
        data.path().to_str().unwrap(),
        "--format",
        "csv",
        "--raw",
        "--out",
        t,
    ]);
    for kind in Kind::ALL {
        let (header, rows) = csv_rows(&tables.join(ngo_atlas::cli::csv_file_name(kind)));
        assert_eq!(&header[..4], ["id", "name", "aliases", "summary"]);
        assert_eq!(rows.len(), index.of_kind(kind).len(), "{kind}");
        for (row, &i) in rows.iter().zip(index.of_kind(kind)) {
            let r = index.record(i);
            assert_eq!(column(&header, row, "id"), r.id().as_str());
            assert_eq!(column(&header, row, "name"), r.name(), "names are exact");
            assert_eq!(column(&header, row, "summary"), r.summary());
            assert_eq!(column(&header, row, "aliases"), r.aliases().join("; "));
        }
    }
    let (header, rows) = csv_rows(&tables.join("people.csv"));
    assert_eq!(
        column(&header, &rows[0], "roles"),
        "org-a (chair <\"&\">\ttab\rcr, 2024-03)"
    );
    let (header, rows) = csv_rows(&tables.join("statistics.csv"));
    assert_eq!(column(&header, &rows[0], "value"), "1234.5");
    assert_eq!(column(&header, &rows[0], "date"), "2019-04");
    assert_eq!(column(&header, &rows[0], "subject"), "org-a");
    let (header, rows) = csv_rows(&tables.join("places.csv"));
    assert_eq!(column(&header, &rows[0], "lat"), "23.13");
    assert_eq!(column(&header, &rows[0], "lon"), "-108.5");
    // RFC 4180 line ends.
    let raw = std::fs::read(tables.join("sources.csv")).unwrap();
    assert!(raw.starts_with(b"id,name,aliases,summary,") && raw.ends_with(b"\r\n"));
}

#[test]
fn hostile_text_round_trips_exactly_in_json() {
    let data = hostile_dir();
    let index = index_of(data.path());
    let out = ok(&["export", "--data", data.path().to_str().unwrap()]);
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(records.len(), index.len());
    for (v, i) in records.iter().zip(index.all()) {
        let r = index.record(i);
        assert_eq!(v["id"], r.id().as_str());
        assert_eq!(v["name"], r.name());
        assert_eq!(v["summary"], r.summary());
        assert_eq!(v["kind"], r.kind().word());
        assert!(v["sources"].is_array());
    }
}

fn links(index: &Index) -> usize {
    index.records.iter().map(|r| r.links().len()).sum()
}

type Attrs = std::collections::HashMap<String, String>;
/// Nodes as (id, attributes), edges as (source, target, attributes).
type Parsed = (Vec<(String, Attrs)>, Vec<(String, String, Attrs)>);

fn graphml(text: &str) -> Parsed {
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let keys: std::collections::HashMap<&str, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("key"))
        .map(|n| {
            (
                n.attribute("id").unwrap(),
                n.attribute("attr.name").unwrap(),
            )
        })
        .collect();
    let data = |n: roxmltree::Node| -> Attrs {
        n.children()
            .filter(|c| c.has_tag_name("data"))
            .map(|c| {
                (
                    keys[c.attribute("key").unwrap()].to_string(),
                    c.text().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let nodes = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .map(|n| (n.attribute("id").unwrap().to_string(), data(n)))
        .collect();
    let edges = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|n| {
            (
                n.attribute("source").unwrap().to_string(),
                n.attribute("target").unwrap().to_string(),
                data(n),
            )
        })
        .collect();
    (nodes, edges)
}

fn gexf(text: &str) -> Parsed {
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let titles = |class: &str| -> std::collections::HashMap<String, String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("attributes") && n.attribute("class") == Some(class))
            .flat_map(|n| n.children().filter(|c| c.has_tag_name("attribute")))
            .map(|a| {
                (
                    a.attribute("id").unwrap().to_string(),
                    a.attribute("title").unwrap().to_string(),
                )
            })
            .collect()
    };
    let (node_titles, edge_titles) = (titles("node"), titles("edge"));
    let values = |n: roxmltree::Node, t: &std::collections::HashMap<String, String>| -> Attrs {
        let mut attrs: Attrs = n
            .descendants()
            .filter(|c| c.has_tag_name("attvalue"))
            .map(|c| {
                (
                    t[c.attribute("for").unwrap()].clone(),
                    c.attribute("value").unwrap().to_string(),
                )
            })
            .collect();
        if let Some(label) = n.attribute("label") {
            attrs.insert("label".into(), label.into());
        }
        attrs
    };
    let nodes = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .map(|n| {
            (
                n.attribute("id").unwrap().to_string(),
                values(n, &node_titles),
            )
        })
        .collect();
    let edges = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|n| {
            (
                n.attribute("source").unwrap().to_string(),
                n.attribute("target").unwrap().to_string(),
                values(n, &edge_titles),
            )
        })
        .collect();
    (nodes, edges)
}

/// The parsed graph has one node per record with its kind and name (as XML can carry it), and
/// one edge per typed link, with the relation and a role's title and date.
fn check_graph(index: &Index, nodes: &[(String, Attrs)], edges: &[(String, String, Attrs)]) {
    assert_eq!(nodes.len(), index.len());
    assert_eq!(edges.len(), links(index));
    for (id, attrs) in nodes {
        let r = index.record(index.get(id).expect("a node per record"));
        assert_eq!(attrs["kind"], r.kind().word());
        assert_eq!(attrs["name"], expected(r.name()), "{id}");
        if let Record::Place(p) = r
            && let Some(c) = p.coordinates
        {
            assert_eq!(attrs["lat"].parse::<f64>().unwrap(), c.lat);
            assert_eq!(attrs["lon"].parse::<f64>().unwrap(), c.lon);
        }
        // A figure keeps how it relates to its value and whether it was reached.
        if let Record::Statistic(s) = r {
            assert_eq!(attrs["value"].parse::<f64>().unwrap(), s.value);
            assert_eq!(attrs["qualifier"], s.qualifier.name(), "{id}");
            assert_eq!(attrs["status"], s.status.name(), "{id}");
        }
    }
    for (from, to, attrs) in edges {
        let r = index.record(index.get(from).expect("source node"));
        let link = r
            .links()
            .into_iter()
            .find(|l| l.target.as_str() == to && l.relation.field() == attrs["relation"])
            .unwrap_or_else(|| panic!("{from} -> {to} is a link of the dataset"));
        if let Record::Person(p) = r
            && attrs["relation"] == "roles"
        {
            let role = p
                .roles
                .iter()
                .find(|role| role.organization.as_str() == to)
                .unwrap();
            assert_eq!(attrs["title"], expected(&role.title));
            assert_eq!(attrs.get("date").cloned(), role.date.map(|d| d.to_string()));
            assert!(link.note.is_some());
        }
    }
}

#[test]
fn graphml_and_gexf_parse_back_with_a_node_per_record_and_an_edge_per_link() {
    for (index, data) in [(builtin(), None), {
        let dir = hostile_dir();
        (index_of(dir.path()), Some(dir))
    }] {
        let data_arg = data
            .as_ref()
            .map(|d| d.path().to_str().unwrap().to_string());
        let mut args = vec!["export", "--format", "graphml"];
        if let Some(d) = &data_arg {
            args.extend(["--data", d]);
        }
        let text = String::from_utf8(ok(&args)).expect("UTF-8");
        let (nodes, edges) = graphml(&text);
        check_graph(&index, &nodes, &edges);
        args[2] = "gexf";
        let text = String::from_utf8(ok(&args)).expect("UTF-8");
        let (nodes, edges) = gexf(&text);
        check_graph(&index, &nodes, &edges);
        for (id, attrs) in &nodes {
            let r = index.record(index.get(id).unwrap());
            assert_eq!(attrs["label"], expected(r.name()));
        }
    }
}

#[test]
fn characters_xml_forbids_become_replacement_characters_and_the_rest_survive() {
    let data = hostile_dir();
    let d = data.path().to_str().unwrap();
    let text = String::from_utf8(ok(&["export", "--data", d, "--format", "graphml"])).unwrap();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{0}') && !text.contains('\u{FFFE}'));
    let (nodes, _) = graphml(&text);
    let place = &nodes.iter().find(|n| n.0 == "place-x").unwrap().1;
    assert_eq!(place["name"], "Place\u{FFFD}Nul");
    let org = &nodes.iter().find(|n| n.0 == "org-a").unwrap().1;
    assert_eq!(org["name"], "A <&> \"B\", C");
    assert_eq!(org["type"], "ngo\u{FFFD}");
    let spaces = &nodes.iter().find(|n| n.0 == "org-b").unwrap().1;
    assert_eq!(spaces["name"], "  leading and trailing spaces  ");
    let stat = &nodes.iter().find(|n| n.0 == "stat-x").unwrap().1;
    assert_eq!(stat["unit"], "yuan\u{2028}line");
    assert_eq!(stat["value"], "1234.5");
}

#[test]
fn built_in_tables_have_the_issues_columns_and_every_record() {
    let index = builtin();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("t");
    let report = String::from_utf8(ok(&[
        "export",
        "--format",
        "csv",
        "--out",
        dir.to_str().unwrap(),
    ]))
    .unwrap();
    assert!(report.contains("organizations.csv"), "{report}");
    let (header, rows) = csv_rows(&dir.join("statistics.csv"));
    for c in [
        "id", "name", "aliases", "summary", "value", "unit", "sources",
    ] {
        assert!(header.iter().any(|h| h == c), "statistics.csv has {c}");
    }
    assert_eq!(header.last().map(String::as_str), Some("sources"));
    for (row, &i) in rows.iter().zip(index.of_kind(Kind::Statistic)) {
        let Record::Statistic(s) = index.record(i) else {
            panic!("a statistic")
        };
        assert_eq!(
            column(&header, row, "value").parse::<f64>().unwrap(),
            s.value
        );
        for id in column(&header, row, "sources").split("; ") {
            assert_eq!(index.record(index.get(id).unwrap()).kind(), Kind::Source);
        }
    }
    let (header, rows) = csv_rows(&dir.join("events.csv"));
    let conf = rows
        .iter()
        .find(|r| r[0] == "cnie-2020-online-conference")
        .unwrap();
    assert!(column(&header, conf, "speakers").contains("tan-weiping"));
    assert!(column(&header, conf, "participants").contains("; "));
    assert_eq!(column(&header, conf, "parent"), "hrc-45th-session");
}

#[test]
fn one_kind_goes_to_standard_output() {
    let out = ok(&["export", "--format", "csv", "--kind", "people"]);
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(ids.len(), builtin().of_kind(Kind::Person).len());
    assert!(ids.contains(&"tan-weiping".to_string()));
}

#[test]
fn options_that_do_not_go_together_exit_2() {
    let (code, _, err) = run(&["export", "--format", "csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("--out DIR") && err.contains("--kind"), "{err}");
    let (code, _, err) = run(&["export", "--format", "graphml", "--kind", "org"]);
    assert_eq!(code, 2);
    assert!(err.contains("--kind"), "{err}");
}

#[test]
fn out_never_overwrites_and_writes_no_file_through_a_link() {
    let tmp = tempfile::tempdir().unwrap();
    let existing = tmp.path().join("atlas.graphml");
    std::fs::write(&existing, "keep me").unwrap();
    let (code, _, err) = run(&[
        "export",
        "--format",
        "graphml",
        "--out",
        existing.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");

    let full = tmp.path().join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("notes.txt"), "mine").unwrap();
    let (code, _, err) = run(&["export", "--format", "csv", "--out", full.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("not empty") && err.contains("notes.txt"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&full).unwrap().count(), 1);

    #[cfg(unix)]
    {
        let target = tmp.path().join("target");
        std::fs::create_dir(&target).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        // A linked folder (a synced one) is followed to the folder it names.
        let (code, _, err) = run(&["export", "--format", "csv", "--out", link.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert!(target.join("organizations.csv").exists());
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let dangling = tmp.path().join("out.json");
        let victim = tmp.path().join("victim");
        std::os::unix::fs::symlink(&victim, &dangling).unwrap();
        let (code, _, err) = run(&["export", "--out", dangling.to_str().unwrap()]);
        assert_eq!(code, 1, "{err}");
        assert!(!victim.exists(), "nothing written through the link");
    }
}

#[test]
fn a_sqlite_database_holds_what_the_json_export_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("atlas.db");
    let (code, out, err) = run(&[
        "export",
        "--format",
        "sqlite",
        "--out",
        db.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("wrote 183 records"), "{out}");
    let json: serde_json::Value =
        serde_json::from_slice(&ok(&["export", "--format", "json"])).unwrap();
    let records = json.as_array().unwrap();
    let ids: std::collections::HashSet<&str> =
        records.iter().filter_map(|r| r["id"].as_str()).collect();
    let c = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM records"), records.len() as i64);
    for kind in Kind::ALL {
        let table = ngo_atlas::query::export::sqlite::table(kind);
        let n = records.iter().filter(|r| r["kind"] == kind.word()).count();
        assert_eq!(
            count(&format!("SELECT count(*) FROM {table}")),
            n as i64,
            "{table}"
        );
    }
    let quotes: usize = records
        .iter()
        .map(|r| r["sources"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(count("SELECT count(*) FROM quotes"), quotes as i64);
    // Every quote joins its record and its source.
    assert_eq!(
        count(
            "SELECT count(*) FROM quotes_cited WHERE record_name IS NOT NULL AND citation_apa IS NOT NULL"
        ),
        quotes as i64
    );
    // A link for every field value that names a record.
    let links: usize = records
        .iter()
        .flat_map(|r| r.as_object().unwrap().iter())
        .filter(|(k, _)| !["kind", "sources", "id", "name"].contains(&k.as_str()))
        .map(|(_, v)| match v {
            serde_json::Value::String(s) if ids.contains(s.as_str()) => 1,
            serde_json::Value::Array(a)
                if !a.is_empty()
                    && a.iter()
                        .all(|x| x.as_str().is_some_and(|s| ids.contains(s))) =>
            {
                a.len()
            }
            _ => 0,
        })
        .sum();
    assert_eq!(count("SELECT count(*) FROM links"), links as i64);
    // Numbers are typed, and the full-text index finds a word of a quote.
    let value: f64 = c
        .query_row(
            "SELECT value FROM statistics WHERE id = 'people-in-poverty-2019'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(value, 5_510_000.0);
    let found = count(
        "SELECT count(*) FROM quotes_cited WHERE quote_id IN \
         (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'brotherhood')",
    );
    assert!(found >= 1);
    // Never over an existing file, and never without --out.
    let (code, _, err) = run(&[
        "export",
        "--format",
        "sqlite",
        "--out",
        db.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    let (code, _, _) = run(&["export", "--format", "sqlite"]);
    assert_eq!(code, 2);
}
