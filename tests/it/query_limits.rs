//! The search box's input as the run loop feeds it: a paste is one edit and one search, and a
//! query typed, pasted or taken from the history stays within the query limits.

use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load::load_builtin;
use ngo_atlas::prefs::keymap::Action;
use ngo_atlas::query::search::{MAX_QUERY_CHARS, MAX_QUERY_WORDS};
use ngo_atlas::tui::app::{App, Options};

#[test]
fn a_paste_into_the_search_box_is_one_edit_and_one_search() {
    let index = Index::new(load_builtin().unwrap());
    let mut app = App::new(index, Options::default());
    app.update(Action::Search);
    let runs = app.search().unwrap().runs;
    let paste = crossterm::event::Event::Paste("poverty \x1b".repeat(60));
    // The run loop hands a paste in the search box to `App::paste`, not to actions.
    assert!(ngo_atlas::tui::explore::action_for(&app, &paste).is_empty());
    app.paste(&"poverty \x1b".repeat(60));
    let search = app.search().unwrap();
    assert_eq!(search.runs, runs + 1, "one search for the whole paste");
    assert_eq!(
        search.input,
        "poverty ".repeat(60),
        "control characters left out"
    );
    assert_eq!(search.cursor, 480);
}

#[test]
fn a_huge_paste_is_cut_to_the_query_limits() {
    let index = Index::new(load_builtin().unwrap());
    let mut app = App::new(index, Options::default());
    app.update(Action::Search);
    app.paste(&"x".repeat(1_000_000));
    let search = app.search().unwrap();
    assert_eq!(search.input.len(), MAX_QUERY_CHARS);
    assert!(
        app.status()
            .unwrap_or("")
            .contains("at most 1,000 characters")
    );
    // Reopened, the box selects the last query, and a paste replaces it.
    app.update(Action::Close);
    app.update(Action::Search);
    app.paste(&"ab ".repeat(1_000));
    let words = app.search().unwrap().input.split_whitespace().count();
    assert_eq!(words, MAX_QUERY_WORDS);
}

#[test]
fn typing_and_history_lines_stay_within_the_query_limits() {
    let index = Index::new(load_builtin().unwrap());
    // A 100 KB line in the history, the last search: the box opens with it.
    let long = "y".repeat(100_000);
    let mut app = App::new(index, Options::default()).with_searches(vec!["first".into(), long]);
    app.update(Action::Search);
    let chars = |app: &App| app.search().unwrap().input.chars().count();
    assert_eq!(chars(&app), MAX_QUERY_CHARS);
    app.update(Action::Older);
    app.update(Action::Newer);
    assert_eq!(
        chars(&app),
        MAX_QUERY_CHARS,
        "walked back to from the history"
    );
    app.update(Action::CursorEnd);
    app.update(Action::Input('z'));
    assert_eq!(chars(&app), MAX_QUERY_CHARS);
    assert!(!app.search().unwrap().input.contains('z'));
    let status = app.status().unwrap_or_default().to_string();
    assert!(
        status.contains("Not added: a query holds at most"),
        "{status}"
    );
}
