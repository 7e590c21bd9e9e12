//! Issue 22, item 3: a figure reads the same everywhere. Every statistic of the built-in data is
//! walked through every surface that shows it (the exports, `show`, `path`, the citation, the
//! detail pane, the list and the table of figures and their TSV, the charts, the timeline) and
//! compared with the one formatter, `Figure::text`.

use crate::common::{self, app, press};
use ngo_atlas::data::index::Index;
use ngo_atlas::data::model::{Kind, Statistic};
use ngo_atlas::query::cite::{Style, for_record};
use ngo_atlas::query::export::{self, csv::Cells};
use ngo_atlas::tui::app::{App, Effect};
use quick_xml::escape::escape;
use serde_json::Value;
use std::collections::HashMap;

fn statistics(index: &Index) -> Vec<(usize, &Statistic)> {
    index
        .of_kind(Kind::Statistic)
        .iter()
        .map(|&r| (r, index.statistic(r).expect("a statistic")))
        .collect()
}

/// The one way a figure is written (every digit, as the detail pane and the outputs give it).
fn figure(s: &Statistic) -> String {
    s.figure().text(true)
}

fn ready(w: u16, h: u16) -> App {
    let mut app = app();
    app.update(ngo_atlas::prefs::keymap::Action::Resize(w, h));
    app
}

fn copied(effects: Vec<Effect>) -> String {
    effects
        .into_iter()
        .find_map(|e| match e {
            Effect::Copy { text, .. } => Some(text),
            _ => None,
        })
        .expect("something copied")
}

/// id → the `figure` column of a TSV with a header row.
fn tsv_figures(tsv: &str) -> HashMap<String, String> {
    let mut lines = tsv.lines();
    let head: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    let at = |name: &str| head.iter().position(|&h| h == name).expect(name);
    let (id, fig) = (at("id"), at("figure"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| !c[fig].is_empty())
        .map(|c| (c[id].to_string(), c[fig].to_string()))
        .collect()
}

#[test]
fn the_formatter_writes_the_issue_s_three_examples() {
    let app = app();
    let all: Vec<String> = statistics(app.index())
        .iter()
        .map(|(_, s)| figure(s))
        .collect();
    for want in [
        "≥ 10,000 people (\"tens of thousands\")",
        "200 wells (planned)",
    ] {
        assert!(all.iter().any(|f| f == want), "{want} not in {all:#?}");
    }
    assert!(all.iter().any(|f| f.starts_with("> 50%")), "{all:#?}");
}

#[test]
fn json_csv_and_sqlite_give_every_statistic_its_figure() {
    let app = app();
    let mut json = Vec::new();
    export::json(app.index(), &mut json).unwrap();
    let records: Vec<Value> = serde_json::from_slice(&json).unwrap();
    let by_id: HashMap<&str, &Value> = records
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r))
        .collect();
    let mut csv = Vec::new();
    export::csv::write_kind(app.index(), Kind::Statistic, &mut csv, Cells::Raw).unwrap();
    let mut rows = ::csv::Reader::from_reader(&csv[..]);
    let head = rows.headers().unwrap().clone();
    let id_at = head.iter().position(|h| h == "id").unwrap();
    let fig_at = head
        .iter()
        .position(|h| h == "figure")
        .expect("a figure column");
    let csv_figures: HashMap<String, String> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[id_at].to_string(), r[fig_at].to_string())
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("atlas.db");
    export::sqlite::write(app.index(), &db).unwrap();
    let db = rusqlite::Connection::open(&db).unwrap();
    let mut q = db.prepare("SELECT id, figure FROM statistics").unwrap();
    let sqlite: HashMap<String, String> = q
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (_, s) in statistics(app.index()) {
        let want = figure(s);
        assert_eq!(by_id[s.id.as_str()]["figure"], want, "json {}", s.id);
        assert_eq!(csv_figures[s.id.as_str()], want, "csv {}", s.id);
        assert_eq!(sqlite[s.id.as_str()], want, "sqlite {}", s.id);
    }
    // Only statistics have a figure.
    assert!(
        records
            .iter()
            .filter(|r| r["kind"] != "statistic")
            .all(|r| r.get("figure").is_none())
    );
}

/// The text of the `figure` attribute of every node, by node id: `key` is how the attribute is
/// written before its value in this format.
fn xml_figures(xml: &str, node_open: &str, value_open: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for node in xml.split(node_open).skip(1) {
        let id = node.split('"').next().unwrap_or_default().to_string();
        let end = node.find("</node>").unwrap_or(node.len());
        if let Some(at) = node[..end].find(value_open) {
            let rest = &node[at + value_open.len()..];
            let close = rest.find(['<', '"']).unwrap_or(rest.len());
            out.insert(id, rest[..close].to_string());
        }
    }
    out
}

#[test]
fn graphml_and_gexf_give_every_statistic_its_figure() {
    let app = app();
    let at = export::xml::NODE_ATTRS
        .iter()
        .position(|(n, _)| *n == "figure")
        .expect("a figure attribute");
    let mut graphml = Vec::new();
    export::graphml::write(app.index(), &mut graphml).unwrap();
    let graphml = String::from_utf8(graphml).unwrap();
    let graphml = xml_figures(&graphml, "<node id=\"", &format!("<data key=\"d{at}\">"));
    let mut gexf = Vec::new();
    export::gexf::write(app.index(), &mut gexf).unwrap();
    let gexf = String::from_utf8(gexf).unwrap();
    let gexf = xml_figures(
        &gexf,
        "<node id=\"",
        &format!("<attvalue for=\"{at}\" value=\""),
    );
    for (_, s) in statistics(app.index()) {
        let want = figure(s);
        let in_text = escape(want.as_str()).into_owned();
        let in_attr = quick_xml::escape::escape(want.as_str()).into_owned();
        assert_eq!(graphml[s.id.as_str()], in_text, "graphml {}", s.id);
        assert_eq!(gexf[s.id.as_str()], in_attr, "gexf {}", s.id);
    }
    assert_eq!(graphml.len(), statistics(app.index()).len());
}

#[test]
fn show_path_and_citations_give_the_figure_as_written() {
    let app = app();
    for (r, s) in statistics(app.index()) {
        let want = figure(s);
        let (code, out, err) = common::run(&["show", s.id.as_str()]);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.lines()
                .any(|l| l.strip_prefix("Value").map(str::trim) == Some(&want)),
            "show {}: {out}",
            s.id
        );
        let (code, out, err) = common::run(&["show", s.id.as_str(), "--json"]);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["figure"]["exact"], want, "show --json {}", s.id);
        assert_eq!(v["figure"]["rounded"], s.figure().text(false));
        let the_detail = app.index().record(r).fields();
        assert!(
            the_detail.iter().any(|(k, v)| *k == "Value" && *v == want),
            "detail {}: {the_detail:?}",
            s.id
        );
        let cited = for_record(app.index(), r, Style::Apa);
        assert!(
            cited.starts_with(&format!("{} · {want}\n\n", s.name)),
            "citation {}: {cited}",
            s.id
        );
        if let Some(subject) = &s.subject {
            let (code, out, err) = common::run(&["path", s.id.as_str(), subject.as_str()]);
            assert_eq!(code, 0, "{err}");
            assert!(
                out.contains(&format!("{} · {want}", s.name)),
                "path {}: {out}",
                s.id
            );
            let (_, out, _) = common::run(&["path", s.id.as_str(), subject.as_str(), "--json"]);
            assert!(
                out.contains(&serde_json::to_string(&want).unwrap()),
                "{out}"
            );
        }
    }
}

#[test]
fn the_lists_table_charts_and_timeline_write_every_figure_alike() {
    // Wide enough for the longest figure in the table's column; narrower, it is cut (at a
    // width, never reworded) and the preview beside the table gives it whole.
    let mut app = ready(250, 60);
    press(&mut app, "5");
    let list = tsv_figures(&copied(press(&mut app, "C")));
    press(&mut app, "S");
    app.settle();
    let table = tsv_figures(&copied(press(&mut app, "C")));
    let m = app.views().stats.ready().expect("figures ready").clone();
    let timeline = ngo_atlas::tui::app::timeline::Model::new(app.index());
    let stats = statistics(app.index());
    for &(r, s) in &stats {
        let want = figure(s);
        assert_eq!(list[s.id.as_str()], want, "list TSV {}", s.id);
        assert_eq!(table[s.id.as_str()], want, "table TSV {}", s.id);
        for e in timeline.entries.iter().filter(|e| e.record() == r) {
            let aside = e.aside(app.index()).unwrap_or_default();
            assert!(aside.starts_with(&want), "timeline {}: {aside}", s.id);
        }
    }
    assert_eq!(list.len(), stats.len());
    assert_eq!(table.len(), stats.len());
    // On screen: every row of the charts and the table shows its figure whole at this width
    // (the preview below them too), rounded or exact as `x` chooses.
    for exact in [false, true] {
        if app.views().stats.state.exact != exact {
            press(&mut app, "x");
        }
        for i in 0..m.len() {
            let Some(r) = app.views().stats.item(i) else {
                continue;
            };
            let s = app.index().statistic(r).expect("a statistic");
            let row = app.views().stats.line(app.index(), m.item_row(i)).text();
            let want = s.figure().text(exact);
            assert!(row.contains(&want), "row {}: {row} lacks {want}", s.id);
        }
    }
}
