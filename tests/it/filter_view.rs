//! `|` narrows the lists to the records a query matches: the title and the tab bar count what
//! passes, `C` copies only those rows, the filter stays across tabs, Esc clears it, and a record
//! opened from outside it sets it aside until the user goes back.

use crate::common;

use common::{app, press, text};
use ngo_atlas::data::model::Kind;
use ngo_atlas::prefs::keymap::Action;
use ngo_atlas::query::search::{Query, Searcher};
use ngo_atlas::tui::app::screen::Screen;
use ngo_atlas::tui::app::{App, Effect};

fn ready() -> App {
    let mut app = app();
    app.update(Action::Resize(140, 40));
    app
}

/// The records of the current list, in its order.
fn rows(app: &App) -> Vec<usize> {
    app.views().lists.rows(app.index())
}

/// What a plain search for `words` matches, of one kind: the oracle.
fn matching(app: &App, words: &str, kind: Kind) -> Vec<usize> {
    let searcher = Searcher::new(app.index());
    let found = searcher.find_counted(&Query::parse(words), app.index().len());
    let mut records: Vec<usize> = found
        .hits
        .iter()
        .map(|h| h.record)
        .filter(|&r| app.index().record(r).kind() == kind)
        .collect();
    records.sort_unstable();
    records
}

fn filtered(app: &mut App, query: &str) {
    press(app, "|");
    press(app, &format!("{query}<Enter>"));
}

#[test]
fn a_filter_narrows_every_tab_to_what_the_query_matches_and_says_so() {
    let mut app = ready();
    let all_orgs = rows(&app).len();
    filtered(&mut app, "cambodia");
    let mut orgs = rows(&app);
    orgs.sort_unstable();
    let want = matching(&app, "cambodia", Kind::Organization);
    assert!(!want.is_empty() && want.len() < all_orgs, "{want:?}");
    assert_eq!(orgs, want);
    let screen = text(&mut app, 140, 40);
    let title = format!(
        "Organizations 1/{} of {all_orgs} · name ↑ · cambodia",
        want.len()
    );
    assert!(screen.contains(&title), "{screen}");
    // The tab bar counts what passes on each tab.
    let places = matching(&app, "cambodia", Kind::Place).len();
    assert!(screen.contains(&format!("Places {places}")), "{screen}");
    assert!(
        app.status()
            .unwrap_or("")
            .contains("Filtered by “cambodia”")
    );
    // Another tab keeps the filter.
    press(&mut app, "6");
    let mut shown = rows(&app);
    shown.sort_unstable();
    assert_eq!(shown, matching(&app, "cambodia", Kind::Place));
}

#[test]
fn c_copies_only_the_rows_that_pass_the_filter() {
    let mut app = ready();
    filtered(&mut app, "cambodia");
    let copied: String = press(&mut app, "C")
        .into_iter()
        .find_map(|e| match e {
            Effect::Copy { text, .. } => Some(text),
            _ => None,
        })
        .expect("rows copied");
    let lines: Vec<&str> = copied.lines().collect();
    assert_eq!(lines.len(), 1 + rows(&app).len(), "{copied}");
    for r in rows(&app) {
        let id = app.index().record(r).id().to_string();
        assert!(lines.iter().any(|l| l.starts_with(&id)), "{id} in {copied}");
    }
}

#[test]
fn esc_or_an_empty_query_clears_the_filter() {
    let mut app = ready();
    let all = rows(&app);
    filtered(&mut app, "cambodia");
    assert_ne!(rows(&app), all);
    press(&mut app, "<Esc>");
    assert_eq!(rows(&app), all);
    assert!(app.views().lists.filter().is_none());
    filtered(&mut app, "cambodia");
    // `|` opens with the filter in force; clearing the line and Enter clears it.
    press(&mut app, "|<C-u><Enter>");
    assert_eq!(rows(&app), all);
    // Esc in the line leaves the rows as they were.
    filtered(&mut app, "cambodia");
    let narrowed = rows(&app);
    press(&mut app, "|xyz<Esc>");
    assert_eq!(rows(&app), narrowed);
}

#[test]
fn a_record_outside_the_filter_sets_it_aside_and_going_back_brings_it_back() {
    let mut app = ready();
    filtered(&mut app, "cambodia");
    let narrowed = rows(&app);
    // A source, which no organization row of this filter is: open it by its link.
    let outside = (0..app.index().len())
        .find(|&r| {
            app.index().record(r).kind() == Kind::Source
                && !app.views().lists.filter().expect("a filter").contains(r)
        })
        .expect("a source outside the filter");
    app.open(outside);
    assert!(app.views().lists.filter().is_none());
    assert_eq!(app.views().lists.detail.record, Some(outside));
    assert!(app.status().unwrap_or("").contains("set aside"));
    press(&mut app, "<C-o>");
    assert!(app.views().lists.filter().is_some());
    assert_eq!(rows(&app), narrowed);
}

#[test]
fn a_query_with_nothing_to_filter_by_says_so_and_stays_open() {
    let mut app = ready();
    let all = rows(&app);
    filtered(&mut app, "\"\"");
    assert!(
        app.overlay().is_some(),
        "the line stays open to be put right"
    );
    assert!(app.status().is_some());
    press(&mut app, "<Esc>");
    assert_eq!(rows(&app), all);
}

#[test]
fn a_reload_keeps_the_filter_on_the_same_records_by_id() {
    let mut app = ready();
    filtered(&mut app, "cambodia");
    let ids = |app: &App| -> Vec<String> {
        rows(app)
            .into_iter()
            .map(|r| app.index().record(r).id().to_string())
            .collect()
    };
    let before = ids(&app);
    let again = ngo_atlas::data::index::Index::new(
        ngo_atlas::ingest::load::load_builtin().expect("the built-in dataset loads"),
    );
    app.reload(std::sync::Arc::new(again));
    assert_eq!(
        app.views().lists.filter().map(|f| f.text.as_str()),
        Some("cambodia")
    );
    assert_eq!(ids(&app), before);
}

#[test]
fn the_timeline_figures_and_map_show_only_what_passes_the_filter() {
    let mut app = ready();
    filtered(&mut app, "cambodia");
    let passes = |app: &App, r: usize| app.views().lists.filter().expect("a filter").contains(r);
    let screen_has = |app: &mut App, what: &str| text(app, 140, 40).contains(what);
    // The timeline: the entries of records that pass, and fewer than without the filter.
    press(&mut app, "t");
    app.settle();
    let timeline = app.views().timeline.model.get().expect("built").clone();
    assert!(!timeline.entries.is_empty());
    assert!(timeline.entries.iter().all(|e| passes(&app, e.record())));
    assert!(screen_has(&mut app, "· cambodia"));
    // The figures.
    press(&mut app, "S");
    app.settle();
    let figures = app.views().stats.model.get().expect("built").clone();
    let items: Vec<usize> = (0..figures.len()).filter_map(|i| figures.item(i)).collect();
    assert!(!items.is_empty());
    assert!(items.iter().all(|&r| passes(&app, r)));
    assert!(items.len() < app.index().of_kind(Kind::Statistic).len());
    // The map: every marker has something that passes.
    press(&mut app, "w");
    app.settle();
    let markers = app.views().map.model.get().expect("built").clone();
    assert!(!markers.is_empty());
    for m in markers.iter() {
        assert!(
            m.here.iter().any(|h| passes(&app, h.record)),
            "{:?}",
            m.place
        );
    }
    // An empty query clears it everywhere.
    press(&mut app, "|<C-u><Enter>");
    app.settle();
    let all = app.views().map.model.get().expect("built").len();
    assert!(all > markers.len());
    press(&mut app, "t");
    app.settle();
    let everything = app
        .views()
        .timeline
        .model
        .get()
        .expect("built")
        .entries
        .len();
    assert!(everything > timeline.entries.len());
}

/// The values of the facets panel open on screen: (term, count).
fn facet_values(app: &App) -> Vec<(String, usize)> {
    use ngo_atlas::tui::app::overlay::Overlay;
    use ngo_atlas::tui::app::overlay::facets::FacetRow;
    let Some(Overlay::Facets(p)) = app.overlay() else {
        panic!("the facets panel is not open");
    };
    p.rows
        .iter()
        .filter_map(|r| match r {
            FacetRow::Value { term, count, .. } => Some((term.clone(), *count)),
            FacetRow::Heading(_) => None,
        })
        .collect()
}

#[test]
fn facets_count_the_rows_and_a_value_narrows_the_filter_by_it() {
    let mut app = ready();
    press(&mut app, "0");
    filtered(&mut app, "in:china");
    let rows_before = rows(&app);
    press(&mut app, "F");
    let values = facet_values(&app);
    // The kinds add up to the rows, each as many as the rows of that kind.
    let kinds: Vec<&(String, usize)> = values
        .iter()
        .filter(|(t, _)| t.starts_with("kind:"))
        .collect();
    let total: usize = kinds.iter().map(|(_, n)| n).sum();
    assert_eq!(total, rows_before.len());
    // A year's count is how many rows have a date in it: the filter `year:Y` agrees.
    let (year, count) = values
        .iter()
        .find(|(t, _)| t.starts_with("year:"))
        .cloned()
        .expect("a year");
    let at = values.iter().position(|(t, _)| *t == year).expect("listed");
    for _ in 0..at {
        press(&mut app, "j");
    }
    press(&mut app, "<Enter>");
    assert!(app.overlay().is_none());
    let f = app.views().lists.filter().expect("a filter").clone();
    assert_eq!(f.text, format!("in:china {year}"));
    assert_eq!(rows(&app).len(), count, "{year}");
    assert!(rows(&app).iter().all(|r| rows_before.contains(r)));
    // Esc closes the panel and leaves the filter as it was.
    press(&mut app, "F<Esc>");
    assert_eq!(
        app.views().lists.filter().map(|f| f.text.clone()),
        Some(f.text.clone())
    );
}

#[test]
fn facets_of_many_rows_are_counted_in_the_background_and_fill_the_panel() {
    use ngo_atlas::tui::app::overlay::Overlay;
    let files = ngo_atlas::synth::generate(12_000, 4);
    let dataset = ngo_atlas::ingest::load::load_files(&files).expect("valid");
    let mut app = App::new(
        ngo_atlas::data::index::Index::new(dataset),
        ngo_atlas::tui::app::Options::default(),
    );
    app.update(Action::Resize(140, 40));
    press(&mut app, "0F");
    let Some(Overlay::Facets(p)) = app.overlay() else {
        panic!("the facets panel is not open");
    };
    assert!(p.counting(), "12,000 rows are counted in the background");
    app.settle();
    let values = facet_values(&app);
    let kinds: usize = values
        .iter()
        .filter(|(t, _)| t.starts_with("kind:"))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(kinds, app.index().len());
    assert!(values.iter().any(|(t, _)| t.starts_with("in:")));
}

#[test]
fn a_filter_that_leaves_the_tab_empty_shows_every_kind_that_passes() {
    let mut app = ready();
    // No organization has a date in 2019 in China, but figures and events do.
    filtered(&mut app, "in:china year:2019");
    assert_eq!(app.views().lists.tab, 0, "the All tab");
    assert!(!rows(&app).is_empty());
}

#[test]
fn has_note_follows_a_note_written_after_an_earlier_filter() {
    let mut app = ready();
    filtered(&mut app, "has:note");
    assert_eq!(app.views().lists.filter().map(|f| f.count(None)), Some(0));
    press(&mut app, "<Esc>");
    let first = app.views().lists.selected(app.index()).expect("a record");
    // Mark the selected record and write a note on it in the marks list.
    press(&mut app, "m'e");
    press(&mut app, "worth a paragraph<Enter><Esc>");
    filtered(&mut app, "has:note");
    let f = app.views().lists.filter().expect("a filter").clone();
    assert_eq!(f.count(None), 1);
    assert!(f.contains(first));
}
