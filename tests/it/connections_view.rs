//! The explorer's paths and neighbourhood views (issue 14), driven as a user drives them.

use crate::common;

use common::{app, press, text};
use ngo_atlas::prefs::keymap::Mode;
use ngo_atlas::tui::app::View;
use ngo_atlas::tui::app::around::Row;

fn id_of(a: &ngo_atlas::tui::app::App, r: usize) -> String {
    a.index().record(r).id().to_string()
}

#[test]
fn p_picks_a_target_and_shows_the_chains_whose_records_open_and_come_back() {
    let mut a = app();
    press(&mut a, "/tan weiping<Enter>");
    press(&mut a, "p");
    assert_eq!(a.key_mode(), Mode::Search);
    let screen = text(&mut a, 120, 40);
    assert!(screen.contains("Path from Tan Weiping to"), "{screen}");
    press(&mut a, "mongolia<Enter>");
    a.settle();
    assert_eq!(a.view(), View::Paths);
    let screen = text(&mut a, 120, 40);
    assert!(screen.contains("From Tan Weiping to"), "{screen}");
    assert!(screen.contains("Chain 1"), "{screen}");
    // Every record of every chain can be selected, starting with Tan Weiping.
    let targets = a.views().paths.pane.content.targets.clone();
    assert_eq!(id_of(&a, targets[0]), "tan-weiping");
    // The quote of each link is there.
    assert!(screen.contains('“'), "{screen}");
    // j moves to the next record of the chain; Enter opens it; back returns as it was.
    press(&mut a, "j");
    let picked = a.views().paths.selected_record().unwrap();
    let before = a.here();
    press(&mut a, "<Enter>");
    assert_eq!((a.view(), a.current()), (View::Browse, Some(picked)));
    press(&mut a, "<C-o>");
    assert_eq!(a.view(), View::Paths);
    assert_eq!(a.here(), before);
}

#[test]
fn n_shows_the_neighbourhood_as_a_tree_that_opens_and_closes() {
    let mut a = app();
    press(&mut a, "/tan weiping<Enter>n");
    a.settle();
    assert_eq!(a.view(), View::Around);
    let labels: Vec<String> = a
        .views()
        .around
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Group { edge, count, .. } => Some(format!("{} ({count})", edge.label())),
            _ => None,
        })
        .collect();
    assert!(labels.contains(&"Spoke at (1)".to_string()), "{labels:?}");
    assert!(labels.contains(&"Roles (1)".to_string()), "{labels:?}");
    let rows = a.views().around.rows.len();
    // On the first group, h closes it and l opens it again.
    press(&mut a, "j");
    assert!(matches!(
        a.views().around.rows[1],
        Row::Group { open: true, .. }
    ));
    press(&mut a, "h");
    assert!(a.views().around.rows.len() < rows);
    assert!(matches!(
        a.views().around.rows[1],
        Row::Group { open: false, .. }
    ));
    press(&mut a, "l");
    assert_eq!(a.views().around.rows.len(), rows);
    // Enter on a record opens it; back returns to the tree as it was.
    press(&mut a, "j");
    let r = a.views().around.selected_record().expect("a record row");
    let state = a.views().around.state.clone();
    press(&mut a, "<Enter>");
    assert_eq!((a.view(), a.current()), (View::Browse, Some(r)));
    press(&mut a, "<C-o>");
    a.settle();
    assert_eq!(a.view(), View::Around);
    assert_eq!(a.views().around.state, state);
}

#[test]
fn big_groups_start_closed_with_their_count() {
    let mut a = app();
    // China has many records based or working there: more than a screenful at 80×24.
    press(&mut a, "/china<Enter>");
    let china = a.index().get("china").unwrap();
    a.open(china);
    a.update(ngo_atlas::prefs::keymap::Action::Resize(80, 24));
    press(&mut a, "n");
    a.settle();
    let closed = a
        .views()
        .around
        .rows
        .iter()
        .any(|r| matches!(r, Row::Group { open: false, count, .. } if *count > 15));
    assert!(closed, "{:?}", a.views().around.rows);
}

#[test]
fn quotes_in_the_chains_cite_the_short_name_that_search_shows() {
    let mut a = app();
    press(&mut a, "/tan weiping<Enter>p");
    press(&mut a, "cambodia<Enter>");
    a.settle();
    assert_eq!(a.view(), View::Paths);
    text(&mut a, 120, 40);
    // The chains as one run of words, so wrapping does not split what is looked for.
    let lines: Vec<String> = a
        .views()
        .paths
        .pane
        .content
        .doc
        .lines
        .iter()
        .map(|l| l.text())
        .collect();
    let words = lines
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // An outlet and a year; an article without an outlet by the first words of its title.
    assert!(words.contains("— China Daily 2019"), "{words}");
    assert!(words.contains("— China’s NGOs contribute… 2020"), "{words}");
    assert!(!words.contains("China Daily (2019): NGOs"), "{words}");
    assert!(!words.contains("human rights (2020)"), "{words}");
}

#[test]
fn a_hub_shown_closed_says_how_many_links_it_has() {
    let mut a = app();
    a.update(ngo_atlas::prefs::keymap::Action::Resize(120, 40));
    let amity = a.index().get("amity-foundation").unwrap();
    a.open(amity);
    press(&mut a, "n");
    a.settle();
    let china = a.index().get("china").unwrap();
    let links = a.views().around.rows.iter().find_map(|r| match r {
        Row::Record {
            record,
            links,
            open: false,
            ..
        } if *record == china => *links,
        _ => None,
    });
    let n = links.expect("China is a hub, closed, with its count");
    assert!(n > 15, "{n}");
    let screen = text(&mut a, 120, 40);
    assert!(
        screen.contains(&format!("China · place · {n} links")),
        "{screen}"
    );
}
