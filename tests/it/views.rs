//! The timeline, statistics and map views, driven like a user drives them: keys, clicks and the
//! wheel, at 80×24 and at a large size. Snapshots are of the screen text; the asserts say what a
//! user would notice.

use crate::common;

use common::{app, app_with, buffer, click, draw, find, press, text, wheel};
use ngo_atlas::data::model::Kind;
use ngo_atlas::prefs::keymap::{Action, Mode};
use ngo_atlas::tui::app::View;
use ngo_atlas::tui::app::map::MapFocus;
use ngo_atlas::tui::app::{App, Options, Overlay};
use ngo_atlas::tui::layout;
use ratatui::style::Modifier;

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 48);

fn snapshot(name: &str, app: &mut App) {
    for (w, h) in [SMALL, LARGE] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text(app, w, h));
    }
}

#[test]
fn each_view_at_80x24_and_160x48() {
    let mut a = app();
    draw(&mut a, SMALL.0, SMALL.1);
    press(&mut a, "t");
    snapshot("timeline", &mut a);
    press(&mut a, "S");
    snapshot("stats", &mut a);
    press(&mut a, "w");
    snapshot("map", &mut a);
    press(&mut a, "zzz");
    assert_eq!(a.views().map.state.region, Some(3));
    snapshot("map_china", &mut a);
}

#[test]
fn the_status_bar_and_title_name_the_view_keys() {
    let mut a = app();
    let screen = text(&mut a, SMALL.0, SMALL.1);
    let title = screen.lines().next().unwrap_or_default();
    for label in ["b lists", "t timeline", "S stats", "w map"] {
        assert!(title.contains(label), "{title}");
    }
    // Opened from a record with no date, the timeline says so first; the keys follow.
    press(&mut a, "t");
    let screen = text(&mut a, SMALL.0, SMALL.1);
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.contains("has no date"), "{status}");
    press(&mut a, "j");
    let screen = text(&mut a, SMALL.0, SMALL.1);
    let status = screen.lines().last().unwrap_or_default();
    assert!(
        status.starts_with(" Timeline Esc back to the lists"),
        "{status}"
    );
}

#[test]
fn help_lists_every_view_with_its_keys() {
    let mut a = app();
    press(&mut a, "?");
    let Some(Overlay::Help(h)) = &a.overlay() else {
        panic!("help is open");
    };
    let all: String = h.doc.lines.iter().map(|l| l.text() + "\n").collect();
    for needle in [
        "Timeline",
        "type a year",
        "Statistics",
        "exact values",
        "zoom in",
        "next region",
        "wheel on the map",
    ] {
        assert!(all.contains(needle), "help lacks {needle}");
    }
    insta::assert_snapshot!("help_80x24", text(&mut a, SMALL.0, SMALL.1));
}

#[test]
fn timeline_filters_by_kind_and_jumps_to_a_typed_year() {
    let mut a = app();
    draw(&mut a, SMALL.0, SMALL.1);
    press(&mut a, "t");
    // All, Organizations, People, Events.
    press(&mut a, "fff");
    assert_eq!(a.views().timeline.state.filter, Some(Kind::Event));
    press(&mut a, "2019");
    let e = a.views().timeline.ready().unwrap().entries[a.views().timeline.state.selected];
    assert_eq!((e.kind, e.date.year), (Kind::Event, 2019));
    // 2015 has no events: the next year with one is chosen, and the status bar says so.
    press(&mut a, "2015");
    assert!(
        a.views().timeline.ready().unwrap().entries[a.views().timeline.state.selected]
            .date
            .year
            > 2015
    );
    assert!(a.status().unwrap_or_default().contains("2015"));
    insta::assert_snapshot!("timeline_events_80x24", text(&mut a, SMALL.0, SMALL.1));
    // Next and previous year.
    let year = |a: &App| {
        a.views().timeline.ready().unwrap().entries[a.views().timeline.state.selected]
            .date
            .year
    };
    let before = year(&a);
    press(&mut a, "]");
    assert!(year(&a) > before);
    press(&mut a, "[");
    assert_eq!(year(&a), before);
}

#[test]
fn partial_dates_are_shown_as_precise_as_they_are() {
    let mut a = app();
    press(&mut a, "t");
    // A statistic dated to the year only, and a month-precise one.
    let at = |a: &mut App, id: &str| {
        let r = a.index().get(id).expect("known id");
        let i = a
            .views()
            .timeline
            .ready()
            .unwrap()
            .entries
            .iter()
            .position(|e| e.record() == r)
            .expect("on the timeline");
        a.update(Action::Top);
        for _ in 0..i {
            a.update(Action::Down);
        }
        text(a, SMALL.0, SMALL.1)
    };
    let screen = at(&mut a, "people-in-poverty-2012");
    assert!(screen.contains("▶ 2012        figure"), "{screen}");
    let screen = at(&mut a, "poor-counties-remaining-2020");
    assert!(screen.contains("▶ Feb 2020    figure"), "{screen}");
}

#[test]
fn statistics_show_rounded_values_and_the_exact_ones_one_key_away() {
    let mut a = app();
    press(&mut a, "S");
    let screen = text(&mut a, SMALL.0, SMALL.1);
    assert!(screen.contains("98.99 million people"), "{screen}");
    press(&mut a, "x");
    assert!(a.views().stats.state.exact);
    let screen = text(&mut a, SMALL.0, SMALL.1);
    assert!(screen.contains("98,990,000 people"), "{screen}");
    assert!(screen.contains("exact values"), "{screen}");
    // ] goes chart by chart, then to the table of single figures.
    let starts = a.views().stats.ready().unwrap().starts.clone();
    for &start in &starts[1..] {
        press(&mut a, "]");
        assert_eq!(a.views().stats.state.selected, start);
    }
    let screen = text(&mut a, LARGE.0, LARGE.1);
    assert!(screen.contains("Single figures"), "{screen}");
    assert!(screen.contains("Value"), "{screen}");
}

#[test]
fn enter_in_each_view_opens_the_record_and_back_returns_to_the_view_as_left() {
    let mut a = app();
    draw(&mut a, SMALL.0, SMALL.1);

    press(&mut a, "tjjjjj");
    let timeline = a.views().timeline.state.clone();
    let record = a.view_record().expect("an entry is selected");
    press(&mut a, "<Enter>");
    assert_eq!(a.view(), View::Browse);
    assert_eq!(a.current(), Some(record));
    press(&mut a, "<C-o>");
    assert_eq!(a.view(), View::Timeline);
    assert_eq!(a.views().timeline.state, timeline);

    press(&mut a, "Sjjj");
    let stats = a.views().stats.state.clone();
    let record = a.view_record().expect("a statistic is selected");
    press(&mut a, "<Enter>");
    assert_eq!((a.view(), a.current()), (View::Browse, Some(record)));
    press(&mut a, "<C-o>");
    assert_eq!(a.view(), View::Stats);
    assert_eq!(a.views().stats.state, stats);

    press(&mut a, "wzz+<Tab>jj");
    let map = a.views().map.state.clone();
    assert_eq!(map.focus, MapFocus::Here);
    let record = a.view_record().expect("a record at the marker");
    press(&mut a, "<Enter>");
    assert_eq!((a.view(), a.current()), (View::Browse, Some(record)));
    press(&mut a, "<C-o>");
    assert_eq!(a.view(), View::Map);
    assert_eq!(a.views().map.state, map);

    // Forward goes back to the record, and history names the view it came from.
    press(&mut a, "<A-Right>");
    assert_eq!((a.view(), a.current()), (View::Browse, Some(record)));
    let here = a.history().at();
    let labels: Vec<String> = a
        .history()
        .entries()
        .iter()
        .map(|l| a.location_label(l))
        .collect();
    assert!(labels[here - 1].starts_with("map: "), "{labels:?}");
    let screen = text(&mut a, SMALL.0, SMALL.1);
    assert!(
        screen.lines().next().unwrap_or_default().contains("map: "),
        "{screen}"
    );
}

#[test]
fn search_from_a_view_returns_to_it_on_esc() {
    let mut a = app();
    press(&mut a, "Sjj");
    let stats = a.views().stats.state.clone();
    press(&mut a, "/poverty");
    assert_eq!(a.key_mode(), Mode::Search);
    assert!(text(&mut a, SMALL.0, SMALL.1).contains("Search"));
    press(&mut a, "<Esc>");
    assert_eq!((a.view(), &a.views().stats.state), (View::Stats, &stats));
    // Esc in a view goes to the lists; b does too.
    press(&mut a, "<Esc>");
    assert_eq!(a.view(), View::Browse);
    press(&mut a, "wb");
    assert_eq!(a.view(), View::Browse);
}

#[test]
fn y_in_a_view_cites_what_is_selected_there() {
    let mut a = app();
    press(&mut a, "S");
    let id = a
        .index()
        .record(a.view_record().unwrap())
        .name()
        .to_string();
    let effects = press(&mut a, "y");
    match effects.first() {
        Some(ngo_atlas::tui::app::Effect::Copy { what, .. }) => {
            assert!(what.contains(&id), "{what}")
        }
        other => panic!("expected a copy, got {other:?}"),
    }
}

#[test]
fn the_mouse_selects_opens_scrolls_and_zooms() {
    let mut a = app();
    // The switcher in the title bar.
    let (x, y) = find(&mut a, SMALL.0, SMALL.1, "t timeline").expect("switcher shown");
    click(&mut a, x + 2, y);
    assert_eq!(a.view(), View::Timeline);

    // A click on an entry selects it; a second click opens it.
    let (_, y) = find(&mut a, SMALL.0, SMALL.1, "Belt and Road Initiative").expect("an entry");
    click(&mut a, 10, y);
    let r = a.index().get("belt-and-road-initiative").unwrap();
    assert_eq!(a.view_record(), Some(r));
    click(&mut a, 10, y);
    assert_eq!((a.view(), a.current()), (View::Browse, Some(r)));
    press(&mut a, "<C-o>");
    // The wheel moves the selection.
    let before = a.views().timeline.state.selected;
    wheel(&mut a, 10, 10, 1);
    assert_ne!(a.views().timeline.state.selected, before);
    // A kind tab filters.
    let (x, y) = find(&mut a, SMALL.0, SMALL.1, "event 9").expect("kind tabs");
    click(&mut a, x, y);
    assert_eq!(a.views().timeline.state.filter, Some(Kind::Event));

    // Statistics: a click on a bar selects it.
    press(&mut a, "S");
    let (_, y) = find(&mut a, SMALL.0, SMALL.1, "5.51 million").expect("a bar");
    click(&mut a, 4, y);
    let r = a.index().get("people-in-poverty-2019").unwrap();
    assert_eq!(a.view_record(), Some(r));

    // Map: the wheel zooms at the pointer, a click on a marker selects it, again opens it.
    press(&mut a, "w");
    let area = layout::map(SMALL).map;
    let span = a.views().map.state.span;
    wheel(
        &mut a,
        area.x + area.width / 2,
        area.y + area.height / 2,
        -1,
    );
    assert!(a.views().map.state.span < span);
    // Off a region, Z goes to the last one: China.
    press(&mut a, "Z");
    assert_eq!(a.views().map.state.region, Some(3));
    let mongolia = a.index().get("mongolia").unwrap();
    let i = a
        .views()
        .map
        .markers()
        .iter()
        .position(|m| m.place == mongolia)
        .unwrap();
    assert_ne!(a.views().map.state.places.selected, i);
    let m = &a.views().map.markers()[i];
    let inner = (area.width - 2, area.height - 2);
    let (cx, cy) =
        layout::project(a.views().map.state.geo(), inner, m.lon, m.lat).expect("on the map");
    click(&mut a, area.x + 1 + cx, area.y + 1 + cy);
    assert_eq!(a.views().map.state.places.selected, i);
    click(&mut a, area.x + 1 + cx, area.y + 1 + cy);
    assert_eq!((a.view(), a.current()), (View::Browse, Some(mongolia)));
}

#[test]
fn the_map_keys_pan_zoom_and_go_through_regions() {
    let mut a = app();
    draw(&mut a, SMALL.0, SMALL.1);
    press(&mut a, "w");
    assert_eq!(a.views().map.state.region, Some(0));
    let world = a.views().map.state.clone();
    press(&mut a, "+");
    assert!(a.views().map.state.span < world.span);
    assert_eq!(a.views().map.state.region, None);
    press(&mut a, "-<Right><S-Up>");
    assert!(a.views().map.state.lon > world.lon && a.views().map.state.lat > world.lat);
    press(&mut a, "z");
    assert_eq!(a.views().map.state.region, Some(0));
    press(&mut a, "Z");
    assert_eq!(a.views().map.state.region, Some(3));
    // Selecting a place off the map brings it into view.
    let geneva = a.index().get("geneva").unwrap();
    let i = a
        .views()
        .map
        .markers()
        .iter()
        .position(|m| m.place == geneva)
        .unwrap();
    press(&mut a, "g");
    for _ in 0..i {
        press(&mut a, "j");
    }
    let m = &a.views().map.markers()[i];
    let area = layout::map(SMALL).map;
    let inner = (area.width - 2, area.height - 2);
    assert!(layout::project(a.views().map.state.geo(), inner, m.lon, m.lat).is_some());
    assert!(text(&mut a, SMALL.0, SMALL.1).contains("Geneva"));
}

#[test]
fn without_colour_the_selection_still_shows_in_every_view() {
    let options = Options {
        theme: ngo_atlas::prefs::theme::Theme::plain(),
        ..Options::default()
    };
    let mut a = app_with(options);
    for view in ["t", "S", "w"] {
        press(&mut a, view);
        let buf = buffer(&mut a, SMALL.0, SMALL.1);
        let marked = (0..SMALL.1).any(|y| {
            (0..SMALL.0).any(|x| {
                let c = &buf[(x, y)];
                c.modifier.contains(Modifier::REVERSED) && (c.symbol() == "▶" || c.symbol() == "◉")
            })
        });
        assert!(marked, "no reversed marker in view {view}");
        assert!(
            (0..SMALL.1)
                .all(|y| (0..SMALL.0).all(|x| buf[(x, y)].fg == ratatui::style::Color::Reset)),
            "a colour in view {view} under NO_COLOR"
        );
    }
}

#[test]
fn no_size_makes_any_view_or_popup_panic() {
    let widths = [
        1, 2, 3, 5, 10, 24, 49, 50, 51, 60, 79, 80, 81, 109, 110, 120, 160, 200, 300,
    ];
    let heights = [1, 2, 3, 5, 11, 12, 13, 17, 18, 24, 30, 48, 100];
    for keys in ["", "t", "S", "w", "wzzz+++", "t?", "SY", "wH", "t/pov"] {
        let mut a = app();
        press(&mut a, keys);
        for &w in &widths {
            for &h in &heights {
                buffer(&mut a, w, h);
            }
        }
        // Keys, clicks and the wheel at awkward sizes too: selection and scroll follow the
        // layout, which may have no room at all.
        for (w, h) in [(1, 1), (3, 5), (50, 12), (51, 13), (80, 17), (300, 100)] {
            buffer(&mut a, w, h);
            press(&mut a, "jG");
            click(&mut a, w / 2, h / 2);
            wheel(&mut a, w / 3, h / 2, -1);
            buffer(&mut a, w, h);
        }
    }
}

#[test]
fn the_timeline_and_the_statistics_open_on_the_selected_record() {
    // `w` opened on the record's place; `t` and `S` now open where the user is too.
    let mut a = app();
    press(&mut a, "3jjj");
    let event = a.views().lists.detail.record.expect("an event is shown");
    press(&mut a, "t");
    a.settle();
    assert_eq!(a.views().timeline.selected_record(), Some(event));
    press(&mut a, "<Esc>5jjjjj");
    let figure = a.views().lists.detail.record.expect("a statistic is shown");
    press(&mut a, "S");
    a.settle();
    assert_eq!(a.views().stats.selected_record(), Some(figure));
    // A record that is no figure: the first figure about it, said so.
    let mut a = app();
    let tibet = a.index().get("tibet").expect("tibet");
    a.open(tibet);
    press(&mut a, "S");
    a.settle();
    let selected = a.views().stats.selected_record().expect("a figure");
    let about = a
        .index()
        .statistic(selected)
        .and_then(|s| s.subject.clone());
    assert_eq!(about.as_ref().map(|s| s.as_str()), Some("tibet"));
    assert_eq!(
        a.status(),
        Some("Statistics about “Tibet Autonomous Region”")
    );
}

#[test]
fn the_timeline_keeps_a_figure_apart_from_its_name_at_120_columns() {
    // Issue 22: "Tibet counties lifted out of poverty, 2019 74 counties" read as one.
    let mut a = app();
    press(&mut a, "t2019");
    a.settle();
    let screen = text(&mut a, 120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("Tibet counties lifted out of poverty"))
        .expect("the row is on screen");
    assert!(row.contains(" · 74 counties"), "{row}");
    assert!(!row.contains("2019 74 counties"), "{row}");
}

#[test]
fn capital_i_copies_the_in_text_citation_of_what_is_selected() {
    let mut a = app();
    let r = a.index().get("china-daily-2019-belt-road").unwrap();
    press(&mut a, "7");
    while a.view_record() != Some(r) {
        press(&mut a, "j");
    }
    match press(&mut a, "I").first() {
        Some(ngo_atlas::tui::app::Effect::Copy { text, what }) => {
            assert_eq!(text, "(Li, 2019)");
            assert!(what.contains("APA 7 in-text citation"), "{what}");
        }
        other => panic!("expected a copy, got {other:?}"),
    }
}
