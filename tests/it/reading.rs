//! Reading and moving around without friction (issue 11): every line of every record within
//! reach of the keyboard, history that keeps where the user has been, layouts that use the
//! screen, and the smaller things a reader notices.

use crate::common;

use common::{app, press, text};
use ngo_atlas::prefs::keymap::{Action, Mode};
use ngo_atlas::tui::app::View;
use ngo_atlas::tui::app::{App, Focus, Overlay};

fn open(app: &mut App, id: &str) {
    let r = app.index().get(id).expect("record exists");
    app.open(r);
}

#[test]
fn every_line_of_every_record_is_reached_with_the_keyboard_at_50x12() {
    let mut a = app();
    a.update(Action::Resize(50, 12));
    for r in 0..a.index().len() {
        a.open(r);
        assert_eq!(a.views().lists.focus, Focus::Detail);
        let total = a.views().lists.detail.lines();
        let mut last = 0;
        for _ in 0..total * 2 + 10 {
            a.update(Action::Down);
            last = last.max(a.views().lists.detail.shown().1);
        }
        let id = a.index().record(r).id().to_string();
        assert_eq!(last, total, "{id}: j stops short of the end");
        a.update(Action::Top);
        assert_eq!(
            a.views().lists.detail.shown().0,
            1,
            "{id}: g is not the top"
        );
        a.update(Action::Bottom);
        assert_eq!(
            a.views().lists.detail.shown().1,
            total,
            "{id}: G is not the bottom"
        );
        for _ in 0..total * 2 + 10 {
            a.update(Action::Up);
        }
        assert_eq!(
            a.views().lists.detail.scroll,
            0,
            "{id}: k does not come back up"
        );
        // Ctrl-E and Ctrl-D scroll whatever the link cursor.
        a.update(Action::ScrollDown);
        assert_eq!(
            a.views().lists.detail.scroll,
            usize::from(total > 10),
            "{id}"
        );
    }
}

#[test]
fn the_detail_title_shows_the_visible_range() {
    let mut a = app();
    open(&mut a, "cnie-2020-online-conference");
    let screen = text(&mut a, 120, 40);
    let total = a.views().lists.detail.lines();
    let height = a.views().lists.detail.shown().1;
    assert!(height < total, "the conference does not fit in one screen");
    assert!(
        screen.contains(&format!("Detail 1–{height}/{total}")),
        "{screen}"
    );
    press(&mut a, "G");
    let screen = text(&mut a, 120, 40);
    assert!(
        screen.contains(&format!("/{total} ")) && screen.contains(&format!("–{total}/")),
        "{screen}"
    );
}

#[test]
fn the_map_opens_on_the_place_of_the_record_the_user_was_on() {
    let mut a = app();
    open(&mut a, "hrc-55th-session");
    a.update(Action::ShowView(View::Map.mode()));
    let geneva = a.index().get("geneva").unwrap();
    assert_eq!(a.views().map.marker().map(|m| m.place), Some(geneva));
    // A place itself.
    a.update(Action::ShowView(View::Browse.mode()));
    open(&mut a, "yongren-county");
    a.update(Action::ShowView(View::Map.mode()));
    let yongren = a.index().get("yongren-county").unwrap();
    assert_eq!(a.views().map.marker().map(|m| m.place), Some(yongren));
}

#[test]
fn a_typed_year_brings_its_heading_to_the_top() {
    let mut a = app();
    press(&mut a, "t2019");
    let screen = text(&mut a, 80, 24);
    let first_row = screen.lines().nth(3).unwrap_or_default();
    assert!(first_row.contains("2019 ─"), "{screen}");
}

#[test]
fn help_opens_at_the_keys_of_the_view_it_was_called_from_and_slash_filters_it() {
    let mut a = app();
    press(&mut a, "S?");
    let Some(Overlay::Help(h)) = &a.overlay() else {
        panic!("help is open");
    };
    assert_eq!(h.doc.lines[h.scroll].text(), "Statistics");
    press(&mut a, "/zoom");
    let screen = text(&mut a, 100, 30);
    assert!(screen.contains("zoom in"), "{screen}");
    assert!(!screen.contains("copy citation"), "{screen}");
    press(&mut a, "<Esc><Esc>");
    assert_eq!(a.key_mode(), Mode::Stats);
}

#[test]
fn names_that_would_read_the_same_once_cut_are_cut_in_the_middle() {
    let mut a = app();
    press(&mut a, "/people in poverty");
    let screen = text(&mut a, 120, 40);
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("stat   People in poverty in C"))
        .collect();
    assert!(rows.len() >= 2, "{screen}");
    let names: Vec<String> = rows
        .iter()
        .map(|l| l.split('┃').nth(1).unwrap_or_default().trim().to_string())
        .collect();
    assert!(names.windows(2).all(|w| w[0] != w[1]), "{names:?}");
    assert!(
        names.iter().any(|n| n.contains("2012")) && names.iter().any(|n| n.contains("2019")),
        "{names:?}"
    );
}

#[test]
fn a_statistic_in_a_list_shows_its_value_apart_from_its_name() {
    let mut a = app();
    press(&mut a, "5");
    let screen = text(&mut a, 160, 48);
    assert!(screen.contains(" · 563,000 people"), "{screen}");
}

#[test]
fn the_current_tab_shows_at_50x12_with_markers_for_the_rest() {
    let mut a = app();
    press(&mut a, "7");
    let screen = text(&mut a, 50, 12);
    let tabs = screen.lines().nth(1).unwrap_or_default();
    assert!(tabs.contains("source 5"), "{screen}");
    assert!(tabs.contains('‹'), "{screen}");
    press(&mut a, "0");
    let screen = text(&mut a, 50, 12);
    let tabs = screen.lines().nth(1).unwrap_or_default();
    assert!(tabs.contains("all 183") && tabs.contains('›'), "{screen}");
}

#[test]
fn the_style_picker_shows_full_style_names() {
    let mut a = app();
    press(&mut a, "Y");
    let screen = text(&mut a, 80, 24);
    assert!(
        screen.contains("Chicago (notes and bibliography)"),
        "{screen}"
    );
}

#[test]
fn a_quote_holding_quotation_marks_is_set_in_the_other_kind() {
    let mut a = app();
    // The conference's quote of Tan Weiping holds double quotation marks of its own.
    for r in 0..a.index().len() {
        let quoted = a
            .index()
            .record(r)
            .sources()
            .iter()
            .find(|q| q.quote.contains('“'));
        if let Some(start) = quoted.map(|q| q.quote.chars().take(20).collect::<String>()) {
            a.open(r);
            let doc = &a.views().lists.detail.content.doc;
            let line = doc
                .lines
                .iter()
                .map(|l| l.text())
                .find(|l| l.contains(&start))
                .expect("the quote is shown");
            assert!(line.trim_start().starts_with('‘'), "{line}");
            return;
        }
    }
}

#[test]
fn at_200_columns_the_list_shows_whole_names_and_the_table_whole_units() {
    let mut a = app();
    press(&mut a, "1");
    let screen = text(&mut a, 200, 60);
    let index = a.index();
    let room =
        ngo_atlas::tui::layout::inner_width(ngo_atlas::tui::layout::screen((200, 60)).list) - 2;
    let fitting: Vec<&str> = index
        .of_kind(ngo_atlas::data::model::Kind::Organization)
        .iter()
        .map(|&r| index.record(r).name())
        .filter(|n| unicode_width::UnicodeWidthStr::width(*n) <= room)
        .take(50)
        .collect();
    assert!(
        room >= 80,
        "the list takes nearly half of a wide screen: {room}"
    );
    for name in fitting.iter().take(56) {
        assert!(
            screen.contains(name),
            "{name} cut at 200 columns:\n{screen}"
        );
    }
    press(&mut a, "SG");
    a.settle();
    let screen = text(&mut a, 200, 60);
    assert!(screen.contains("people per year"), "{screen}");
}

#[test]
fn rows_with_the_same_name_show_their_ids_and_others_do_not() {
    // Two people called Tan Weiping: the lists and the search tell them apart by id.
    let mut data = ngo_atlas::ingest::load::load_builtin().expect("the built-in dataset loads");
    let mut renamed = None;
    for r in &mut data.records {
        if let ngo_atlas::data::record::Record::Person(p) = r
            && p.name != "Tan Weiping"
            && renamed.is_none()
        {
            p.name = "Tan Weiping".into();
            renamed = Some(p.id.to_string());
        }
    }
    let twin = renamed.expect("the built-in data has people");
    let index = ngo_atlas::data::index::Index::new(data);
    let mut a = App::new(index, ngo_atlas::tui::app::Options::default());
    press(&mut a, "2");
    let screen = text(&mut a, 120, 40);
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Tan Weiping"))
        .collect();
    let list = |id: &str| {
        rows.iter()
            .any(|l| l.split('│').next().unwrap_or("").contains(id))
    };
    assert!(list("tan-weiping") && list(&twin), "{screen}");
    let unique = screen.lines().find(|l| l.contains("Wei Dandan"));
    assert!(
        unique.is_some_and(|l| !l.contains("wei-dandan")),
        "a name of its own shows no id:\n{screen}"
    );
    press(&mut a, "/tan weiping");
    let screen = text(&mut a, 120, 40);
    assert!(
        screen.contains("tan-weiping") && screen.contains(&twin),
        "{screen}"
    );
}
