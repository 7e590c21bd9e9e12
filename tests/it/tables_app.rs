//! Sorting the lists and the table of figures, and copying every row as TSV.

use crate::common;

use common::{app, press, text};
use ngo_atlas::data::model::PartialDate;
use ngo_atlas::prefs::keymap::Action;
use ngo_atlas::tui::app::{App, Effect};

fn ready(w: u16, h: u16) -> App {
    let mut app = app();
    app.update(Action::Resize(w, h));
    app
}

/// The records of the current list, in its order.
fn rows(app: &App) -> Vec<usize> {
    app.views().lists.rows(app.index())
}

fn dates(app: &App) -> Vec<Option<PartialDate>> {
    rows(app)
        .into_iter()
        .map(|r| app.index().record(r).date())
        .collect()
}

/// Dated first, in order, then the undated.
fn dated_then_undated(dates: &[Option<PartialDate>], reverse: bool) -> bool {
    let known: Vec<PartialDate> = dates.iter().flatten().copied().collect();
    let undated_last = dates.iter().skip(known.len()).all(Option::is_none);
    let ordered = known
        .windows(2)
        .all(|w| if reverse { w[0] >= w[1] } else { w[0] <= w[1] });
    undated_last && ordered
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

#[test]
fn a_list_sorts_by_date_both_ways_keeping_the_undated_last_and_the_selection() {
    let mut app = ready(120, 40);
    press(&mut app, "3jjj");
    let chosen = app.views().lists.selected(app.index());
    let by_name = rows(&app);
    press(&mut app, "s");
    let d = dates(&app);
    assert!(d.iter().any(Option::is_none) && d.iter().any(Option::is_some));
    assert!(dated_then_undated(&d, false), "{d:?}");
    assert_eq!(app.views().lists.selected(app.index()), chosen);
    assert!(text(&mut app, 120, 40).contains("date ↑"));

    press(&mut app, "r");
    assert!(dated_then_undated(&dates(&app), true));
    assert_eq!(app.views().lists.selected(app.index()), chosen);
    assert!(text(&mut app, 120, 40).contains("date ↓"));

    // Back to names: the index's own order, and the same set of records all along.
    press(&mut app, "s");
    assert_eq!(rows(&app), by_name);
    let mut sorted = rows(&app);
    press(&mut app, "r");
    let mut reversed = rows(&app);
    reversed.reverse();
    assert_eq!(reversed, by_name);
    sorted.sort_unstable();
    reversed.sort_unstable();
    assert_eq!(sorted, reversed);
}

#[test]
fn the_order_holds_on_every_tab_and_opening_a_record_finds_its_row() {
    let mut app = ready(120, 40);
    press(&mut app, "1s");
    press(&mut app, "7");
    assert!(dated_then_undated(&dates(&app), false));
    press(&mut app, "0");
    assert!(dated_then_undated(&dates(&app), false));
    let last = *rows(&app).last().expect("records");
    app.open(last);
    assert_eq!(app.views().lists.selected(app.index()), Some(last));
}

#[test]
fn the_table_of_figures_sorts_by_value_unit_and_source() {
    let mut app = ready(120, 40);
    press(&mut app, "SG");
    app.settle();
    let m = app.views().stats.ready().expect("statistics built").clone();
    let start = m.starts[m.charts.len()];
    let table = |app: &App| -> Vec<usize> {
        (start..m.len())
            .map(|i| app.views().stats.item(i).expect("an item"))
            .collect()
    };
    let value = |app: &App, r: usize| app.index().statistic(r).expect("a figure").value;
    let given = table(&app);
    let selected = app.views().stats.selected_record();

    press(&mut app, "ss");
    let t = table(&app);
    assert!(t.windows(2).all(|w| value(&app, w[0]) <= value(&app, w[1])));
    assert_eq!(app.views().stats.selected_record(), selected);
    assert!(text(&mut app, 120, 40).contains("value ↑"));
    press(&mut app, "r");
    let t = table(&app);
    assert!(t.windows(2).all(|w| value(&app, w[0]) >= value(&app, w[1])));

    press(&mut app, "s");
    let units: Vec<String> = table(&app)
        .iter()
        .map(|&r| {
            app.index()
                .statistic(r)
                .expect("a figure")
                .unit
                .as_str()
                .to_lowercase()
        })
        .collect();
    assert!(units.windows(2).all(|w| w[0] <= w[1]), "{units:?}");

    press(&mut app, "sss");
    let sources: Vec<String> = table(&app)
        .iter()
        .map(|&r| app.index().source_label(r).to_lowercase())
        .collect();
    assert!(sources.windows(2).all(|w| w[0] <= w[1]), "{sources:?}");

    // Round to the order of the files, with the same figures throughout.
    press(&mut app, "s");
    assert_eq!(table(&app), given);
    // The charts keep their own order whatever the table's.
    assert_eq!(app.views().stats.item(0), m.item(0));
}

#[test]
fn copying_the_list_gives_every_row_as_columns_not_only_those_on_screen() {
    // Issue 22: at 80x24, C copied the 6 rows shown of 42 figures.
    let mut app = ready(80, 24);
    press(&mut app, "5jjjjjjjjjjjjjjjjjjjjjsr");
    let tsv = copied(press(&mut app, "C"));
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines[0], "id\tkind\tname\tdate\tvalue\tunit\tfigure");
    // The clipboard keeps the tabs, so a paste lands in columns.
    assert_eq!(ngo_atlas::text::sanitize::for_clipboard(&tsv), tsv);
    // Every row, in the list's order (sorted, reversed, scrolled: all of it).
    let all = rows(&app);
    assert_eq!(lines.len() - 1, all.len());
    assert_eq!(
        all.len(),
        app.index()
            .of_kind(ngo_atlas::data::model::Kind::Statistic)
            .len()
    );
    for (line, &r) in lines[1..].iter().zip(&all) {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 7, "{line}");
        let s = app.index().statistic(r).expect("a figure");
        assert_eq!(cells[0], s.id.as_str());
        assert_eq!(cells[2], s.name);
        assert_eq!(cells[4].parse::<f64>().ok(), Some(s.value));
        assert_eq!(cells[5], s.unit);
        assert_eq!(cells[6], s.figure().text(true));
    }
}

#[test]
fn copying_the_statistics_gives_every_figure_once_at_any_size() {
    let mut app = ready(80, 24);
    press(&mut app, "S");
    app.settle();
    let tsv = copied(press(&mut app, "C"));
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(
        lines[0],
        "id\tname\tvalue\tunit\tfigure\twhat\twhen\tsource"
    );
    let ids: std::collections::HashSet<&str> = lines[1..]
        .iter()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    assert_eq!(ids.len(), lines.len() - 1, "each figure once");
    assert_eq!(
        ids.len(),
        app.index()
            .of_kind(ngo_atlas::data::model::Kind::Statistic)
            .len(),
        "every figure, charts and table"
    );
    for line in &lines[1..] {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 8, "{line}");
        let r = app.index().get(cells[0]).expect("a record id");
        assert!(app.index().statistic(r).is_some());
    }
}

#[test]
fn the_statistics_tab_says_it_lists_by_series_and_sorts_by_name_too() {
    let mut app = ready(120, 40);
    press(&mut app, "5");
    assert!(text(&mut app, 120, 40).contains("series ↑"));
    press(&mut app, "s");
    let names: Vec<String> = rows(&app)
        .into_iter()
        .map(|r| app.index().record(r).name().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    assert!(text(&mut app, 120, 40).contains("name ↑"));
    press(&mut app, "s");
    assert!(dated_then_undated(&dates(&app), false));
}

#[test]
fn a_list_in_date_order_shows_every_row_s_date_at_every_width() {
    // Issue 22: sorted by date at 120×40, long names pushed the dates out.
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        for tab in ["1", "3", "4", "7"] {
            let mut app = ready(w, h);
            press(&mut app, &format!("{tab}s"));
            assert_eq!(
                app.views().lists.order.key,
                ngo_atlas::tui::app::table::SortKey::Date,
                "tab {tab}"
            );
            let screen = text(&mut app, w, h);
            let lines: Vec<&str> = screen.lines().collect();
            let l = &app.views().lists;
            for (k, i) in (l.list.offset..l.len(app.index()))
                .take(h as usize - 6)
                .enumerate()
            {
                let r = l.row(app.index(), i).expect("a row");
                let shown = app
                    .index()
                    .record(r)
                    .date()
                    .map_or("no date".into(), |d| d.human());
                let line = lines[3 + k];
                let list_part: String = line.chars().take(w as usize / 2 + 10).collect();
                assert!(
                    list_part.contains(&shown),
                    "{w}x{h} tab {tab}: row {k} lacks {shown:?}: {line}"
                );
            }
        }
    }
}
