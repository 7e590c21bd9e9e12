//! The explorer driven by actions, as a user would drive it with keys and the mouse.

use crate::common;

use common::RecordingClipboard;
use ngo_atlas::data::index::Index;
use ngo_atlas::data::model::Kind;
use ngo_atlas::ingest::load::load_builtin;
use ngo_atlas::prefs::keymap::{Action, Mode};
use ngo_atlas::query::cite::Style;
use ngo_atlas::query::cite::for_record as citation;
use ngo_atlas::tui::app::{App, Focus, Options, Overlay, lists::tab_kind};
use ngo_atlas::tui::clipboard::{Clipboard, CopyError};
use ngo_atlas::tui::explore::step;

const TAN: &str = "tan-weiping";
const IPRCC: &str = "international-poverty-reduction-center-in-china";
const CONFERENCE: &str = "cnie-2020-online-conference";

fn app() -> App {
    let mut app = App::new(
        Index::new(load_builtin().expect("built-in data")),
        Options::default(),
    );
    app.update(Action::Resize(120, 40));
    app
}

fn id(app: &App) -> String {
    app.index()
        .record(app.current().expect("a record"))
        .id()
        .to_string()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

fn hit_ids(app: &App) -> Vec<String> {
    app.search()
        .expect("searching")
        .hits
        .iter()
        .map(|h| app.index().record(h.record).id().to_string())
        .collect()
}

fn open(app: &mut App, id: &str) {
    let r = app.index().get(id).expect("record exists");
    app.open(r);
}

/// Moves the detail's link cursor onto the link to `target` and follows it.
fn follow(app: &mut App, target: &str) {
    app.update(Action::FocusDetail);
    let t = app.index().get(target).expect("target exists");
    let targets = app.views().lists.detail.content.targets.clone();
    let pos = targets
        .iter()
        .position(|&x| x == t)
        .unwrap_or_else(|| panic!("{} has no link to {target}", id(app)));
    // Down walks the links (scrolling to show each first).
    app.update(Action::Top);
    for _ in 0..(4 * pos + 40) {
        if app.views().lists.detail.link_target() == Some(t) {
            break;
        }
        app.update(Action::Down);
    }
    assert_eq!(app.views().lists.detail.link_target(), Some(t));
    app.update(Action::Open);
    assert_eq!(id(app), target);
}

fn history(app: &App) -> Vec<String> {
    app.history()
        .entries()
        .iter()
        .map(|l| app.location_label(l))
        .collect()
}

#[test]
fn search_narrows_with_every_key_and_ranks_the_name_first() {
    let mut app = app();
    app.update(Action::Search);
    assert_eq!(app.key_mode(), Mode::Search);
    let mut counts = Vec::new();
    for c in "tan weiping".chars() {
        app.update(Action::Input(c));
        // Every match, well or loosely (a short word's scattered letters are counted, not
        // listed, until a fifth letter or a second word).
        let s = app.search().unwrap();
        counts.push(s.total + s.loose);
    }
    assert!(counts.windows(2).all(|w| w[1] <= w[0]), "{counts:?}");
    assert_eq!(hit_ids(&app)[0], TAN);
    // The detail pane previews the best hit while typing.
    assert_eq!(id(&app), TAN);
}

#[test]
fn kind_prefix_restricts_results() {
    let mut app = app();
    app.update(Action::Search);
    type_text(&mut app, "org: foundation");
    assert!(!app.search().unwrap().hits.is_empty());
    for h in &app.search().unwrap().hits {
        assert_eq!(app.index().record(h.record).kind(), Kind::Organization);
    }
}

#[test]
fn esc_cancels_the_search_and_restores_the_selection() {
    let mut app = app();
    for _ in 0..5 {
        app.update(Action::Down);
    }
    let before = app.here();
    app.update(Action::Search);
    type_text(&mut app, "xinhua");
    app.update(Action::Down);
    assert_ne!(app.current(), before.record);
    app.update(Action::Close);
    assert_eq!(app.key_mode(), Mode::Browse);
    assert_eq!(app.here(), before);
    assert_eq!(
        app.history().entries().len(),
        1,
        "a cancelled search is not a jump"
    );
}

#[test]
fn editing_the_query() {
    let mut app = app();
    app.update(Action::Search);
    type_text(&mut app, "china daily");
    app.update(Action::DeleteWord);
    assert_eq!(app.search().unwrap().input, "china ");
    app.update(Action::DeleteChar);
    app.update(Action::CursorLeft);
    app.update(Action::Input('X'));
    assert_eq!(app.search().unwrap().input, "chinXa");
    app.update(Action::WordLeft);
    app.update(Action::Input('>'));
    assert_eq!(app.search().unwrap().input, ">chinXa");
    app.update(Action::CursorEnd);
    app.update(Action::ClearInput);
    assert_eq!(app.search().unwrap().input, "");
    assert_eq!(app.search().unwrap().hits.len(), app.index().len().min(500));
}

#[test]
fn the_users_journey_there_and_back() {
    let mut app = app();
    app.update(Action::Search);
    type_text(&mut app, "Tan Weiping");
    app.update(Action::Open);
    assert_eq!(
        (id(&app).as_str(), app.views().lists.focus),
        (TAN, Focus::Detail)
    );
    follow(&mut app, IPRCC);
    follow(&mut app, CONFERENCE);
    app.update(Action::Back);
    assert_eq!(id(&app), IPRCC);
    // The link cursor is where it was when the user left.
    assert_eq!(
        app.views().lists.detail.link_target(),
        app.index().get(CONFERENCE)
    );
    app.update(Action::Back);
    assert_eq!(id(&app), TAN);
    app.update(Action::Forward);
    assert_eq!(id(&app), IPRCC);
    let ahead = app.history().entries().len() - app.history().at() - 1;
    assert_eq!(ahead, 1);
    // A new jump drops the forward part, browser-style.
    follow(&mut app, "china");
    assert_eq!(app.history().at() + 1, app.history().entries().len());
    app.update(Action::Back);
    assert_eq!(id(&app), IPRCC);
}

#[test]
fn back_restores_list_selection_and_scroll() {
    let mut app = app();
    app.update(Action::Resize(80, 24));
    for _ in 0..25 {
        app.update(Action::Down);
    }
    let before = app.here();
    assert!(app.views().lists.list.offset > 0, "the list scrolled");
    app.update(Action::Open);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_ne!(app.here().record, before.record);
    // One step back: the record opened from the list, the list scrolled as it was.
    app.update(Action::Back);
    assert_eq!(app.here().record, before.record);
    let (now, then) = (app.views().lists.spot(app.index()), app.here());
    assert_eq!(now.list_offset, app.views().lists.list.offset);
    let ngo_atlas::tui::app::Place::Lists(was) = before.place else {
        panic!("the lists");
    };
    assert_eq!(
        (now.tab, now.list_offset, then.record),
        (was.tab, was.list_offset, was.record)
    );
}

#[test]
fn y_copies_the_exact_citation_through_the_clipboard() {
    let mut app = app();
    let mut clip = RecordingClipboard::default();
    let tan = app.index().get(TAN).unwrap();
    app.open(tan);
    assert!(!step(&mut app, Action::Copy, &mut clip));
    assert_eq!(clip.copies, vec![citation(app.index(), tan, Style::Apa)]);
    assert!(clip.copies[0].contains("Tan Weiping, deputy director of International Poverty"));
    let apa =
        "China’s NGOs contribute to international poverty alleviation, human rights. (ca. 2020).";
    assert!(clip.copies[0].contains(apa), "{}", clip.copies[0]);
    let status = app.status().unwrap();
    assert!(
        status.starts_with("Copied APA 7 citation of “Tan Weiping” via"),
        "{status}"
    );
}

#[test]
fn y_on_a_source_link_copies_that_source() {
    let mut app = app();
    let mut clip = RecordingClipboard::default();
    let tan = app.index().get(TAN).unwrap();
    app.open(tan);
    app.update(Action::Bottom);
    let source = app.views().lists.detail.link_target().unwrap();
    assert_eq!(app.index().record(source).kind(), Kind::Source);
    step(&mut app, Action::Copy, &mut clip);
    assert_eq!(clip.copies, vec![citation(app.index(), source, Style::Apa)]);
}

#[test]
fn style_picker_copies_the_chosen_style() {
    let mut app = app();
    let mut clip = RecordingClipboard::default();
    let src = app.index().get("xinhua-2024-hrc55-side-event").unwrap();
    app.open(src);
    app.update(Action::FocusList);
    step(&mut app, Action::PickStyle, &mut clip);
    assert_eq!(app.key_mode(), Mode::Picker);
    let mla = Style::ALL.iter().position(|&s| s == Style::Mla).unwrap();
    for _ in 0..mla {
        step(&mut app, Action::Down, &mut clip);
    }
    step(&mut app, Action::Open, &mut clip);
    assert_eq!(app.key_mode(), Mode::Browse);
    assert_eq!(
        clip.copies,
        vec![
            "“China’s NGOs Help Promote Rights, Global Governance: Experts.” Xinhua, 13 Mar. 2024."
        ]
    );
}

#[test]
fn c_copies_the_id_and_a_failed_copy_shows_the_text() {
    let mut app = app();
    let mut clip = RecordingClipboard::default();
    open(&mut app, TAN);
    app.update(Action::FocusList);
    step(&mut app, Action::CopyId, &mut clip);
    assert_eq!(clip.copies, vec![TAN]);
    clip.fail = true;
    step(&mut app, Action::Copy, &mut clip);
    assert_eq!(app.key_mode(), Mode::Popup);
    let Some(Overlay::Popup(p)) = &app.overlay() else {
        panic!("a popup shows the text");
    };
    assert!(p.title.contains("select the text by hand"), "{}", p.title);
    assert!(p.body.contains("Tan Weiping, deputy director"));
    step(&mut app, Action::Close, &mut clip);
    assert_eq!(app.key_mode(), Mode::Browse);
}

#[test]
fn tabs_list_one_kind_or_all() {
    let mut app = app();
    app.update(Action::Tab(2));
    assert_eq!(app.views().lists.kind(), Some(Kind::Person));
    for _ in 0..20 {
        let r = app.current().unwrap();
        assert_eq!(app.index().record(r).kind(), Kind::Person);
        app.update(Action::Down);
    }
    app.update(Action::Tab(0));
    assert_eq!(
        app.index().list_len(app.views().lists.kind()),
        app.index().len()
    );
    app.update(Action::PrevTab);
    assert_eq!(tab_kind(app.views().lists.tab), Some(Kind::Source));
    app.update(Action::NextTab);
    assert_eq!(app.views().lists.tab, 0);
}

#[test]
fn following_a_link_switches_to_the_targets_kind() {
    let mut app = app();
    app.update(Action::Tab(2));
    open(&mut app, TAN);
    follow(&mut app, IPRCC);
    assert_eq!(tab_kind(app.views().lists.tab), Some(Kind::Organization));
    app.update(Action::Back);
    assert_eq!(tab_kind(app.views().lists.tab), Some(Kind::Person));
}

#[test]
fn mouse_selects_a_row_and_a_second_click_opens_it() {
    let mut app = app();
    let areas = ngo_atlas::tui::layout::screen(app.size());
    let y = areas.list.y + 1 + 3;
    app.update(Action::Click(areas.list.x + 3, y));
    assert_eq!(app.views().lists.list.selected, 3);
    assert_eq!(app.views().lists.focus, Focus::List);
    app.update(Action::Click(areas.list.x + 3, y));
    assert_eq!(app.views().lists.focus, Focus::Detail);
    assert_eq!(app.history().entries().len(), 2);
    app.update(Action::Wheel(areas.detail.x + 2, areas.detail.y + 2, 1));
    app.update(Action::Wheel(areas.list.x + 2, areas.list.y + 2, 1));
    assert_eq!(app.views().lists.list.selected, 6);
}

#[test]
fn history_popup_goes_to_an_earlier_place() {
    let mut app = app();
    open(&mut app, TAN);
    follow(&mut app, IPRCC);
    follow(&mut app, CONFERENCE);
    app.update(Action::History);
    assert_eq!(app.key_mode(), Mode::History);
    assert_eq!(app.history().entries().len(), 4);
    assert_eq!(app.history().at(), 3);
    app.update(Action::Up);
    app.update(Action::Up);
    app.update(Action::Open);
    assert_eq!(id(&app), TAN);
    assert_eq!(app.history().at(), 1);
    assert_eq!(app.history().entries().len(), 4);
}

#[test]
fn help_and_quit() {
    let mut app = app();
    app.update(Action::Help);
    assert_eq!(app.key_mode(), Mode::Help);
    app.update(Action::Close);
    assert_eq!(app.key_mode(), Mode::Browse);
    assert_eq!(
        app.update(Action::Quit),
        Some(ngo_atlas::tui::app::Effect::Quit)
    );
}

#[test]
fn history_keeps_every_record_opened_and_what_was_on_screen() {
    let mut app = app();
    app.update(Action::Search);
    type_text(&mut app, "tan weiping");
    app.update(Action::Open);
    app.update(Action::Tab(1));
    app.update(Action::Search);
    app.update(Action::ClearInput);
    type_text(&mut app, "ramunion");
    app.update(Action::Open);
    let names = history(&app);
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(names[1], "Tan Weiping");
    assert_eq!(names[3], "Ramunion");
    assert!(names.windows(2).all(|w| w[0] != w[1]), "{names:?}");
    // Back goes through everything seen, Tan Weiping included.
    app.update(Action::Back);
    app.update(Action::Back);
    assert_eq!(id(&app), TAN);
}

#[test]
fn enter_on_a_list_row_is_one_entry_not_two() {
    let mut app = app();
    app.update(Action::Down);
    app.update(Action::Open);
    app.update(Action::FocusList);
    app.update(Action::Open);
    let names = history(&app);
    assert!(names.windows(2).all(|w| w[0] != w[1]), "{names:?}");
}

#[test]
fn the_trail_names_records_and_follows_tab_switches() {
    let mut app = app();
    open(&mut app, TAN);
    follow(&mut app, IPRCC);
    let trail = app.trail();
    assert_eq!(
        trail[trail.len() - 2..],
        [
            "Tan Weiping".to_string(),
            "International Poverty Reduction Center in China".to_string()
        ]
    );
    assert!(!trail.iter().any(|t| t == "here"));
    app.update(Action::Tab(7));
    let now = app
        .index()
        .record(app.current().unwrap())
        .name()
        .to_string();
    assert_eq!(app.trail().last(), Some(&now));
}

#[test]
fn the_search_box_reopens_with_the_last_query_selected() {
    let mut app = app();
    app.update(Action::Search);
    type_text(&mut app, "online conference");
    app.update(Action::Open);
    app.update(Action::Search);
    assert_eq!(app.search().unwrap().input, "online conference");
    type_text(&mut app, "tnwp");
    assert_eq!(app.search().unwrap().input, "tnwp");
    assert_eq!(hit_ids(&app)[0], TAN);
    app.update(Action::Close);
    app.update(Action::Search);
    app.update(Action::CursorEnd);
    type_text(&mut app, " x");
    assert_eq!(app.search().unwrap().input, "tnwp x");
}

#[test]
fn recording_clipboard_records_and_fails() {
    let mut rec = RecordingClipboard::default();
    assert!(rec.copy("a\x1b[31mb").is_ok());
    assert!(rec.copy("中文").is_ok());
    assert_eq!(rec.copies, vec!["a␛[31mb".to_string(), "中文".to_string()]);
    rec.fail = true;
    assert!(matches!(rec.copy("c"), Err(CopyError::Failed(_))));
    assert_eq!(rec.copies.len(), 2);
}

#[test]
fn the_data_can_be_browsed_before_its_searcher_is_built_and_a_search_waits_for_it() {
    let index = std::sync::Arc::new(Index::new(load_builtin().unwrap()));
    let mut app = App::searching_later(std::sync::Arc::clone(&index), Options::default());
    app.update(Action::Resize(120, 40));
    app.update(Action::Down);
    assert!(app.current().is_some());
    app.update(Action::Search);
    type_text(&mut app, "tnwp");
    let s = app.search().expect("searching");
    assert!(s.preparing && s.hits.is_empty());
    app.searchable(&index, ngo_atlas::query::search::Searcher::new(&index));
    let s = app.search().expect("still searching");
    assert!(!s.preparing);
    assert_eq!(hit_ids(&app)[0], TAN);
    // Enter typed before the searcher was there opens the best hit when it comes.
    app.update(Action::Close);
    app.reload(std::sync::Arc::clone(&index));
    app.update(Action::Search);
    type_text(&mut app, "ramunion");
    app.update(Action::Open);
    assert!(app.search().is_some());
    app.searchable(&index, ngo_atlas::query::search::Searcher::new(&index));
    assert!(app.search().is_none());
    assert_eq!(id(&app), "ramunion");
}

#[test]
fn a_reload_keeps_the_view_and_the_record_by_id() {
    let mut app = app();
    open(&mut app, TAN);
    app.update(Action::ShowView(ngo_atlas::tui::app::View::Timeline.mode()));
    for _ in 0..5 {
        app.update(Action::Down);
    }
    let record = app.view_record().unwrap();
    let id = app.index().record(record).id().to_string();
    let index = std::sync::Arc::new(Index::new(load_builtin().unwrap()));
    let old = std::sync::Arc::clone(app.index());
    app.reload(std::sync::Arc::clone(&index));
    assert_eq!(app.view(), ngo_atlas::tui::app::View::Timeline);
    // The new data's searcher follows; one built for the old data is turned away.
    assert!(app.searching().is_none());
    app.searchable(&old, ngo_atlas::query::search::Searcher::new(&old));
    assert!(app.searching().is_none());
    app.searchable(&index, ngo_atlas::query::search::Searcher::new(&index));
    assert!(app.searching().is_some());
    let now = app.view_record().unwrap();
    assert_eq!(app.index().record(now).id().as_str(), id);
    assert!(app.status().unwrap_or_default().starts_with("Reloaded"));
    // A failed reload keeps the data and says so.
    app.reload_failed(Vec::new());
    assert!(app.stale().is_some());
}

#[test]
fn a_broken_edit_with_a_cut_list_of_problems_is_counted_as_more_than_it_lists() {
    // Past 1,000 problems the list is cut, its last entry saying there are more: 1,001 entries
    // stand for any number above 1,000, so the banner and the list must not say "1001".
    let mut app = app();
    let problem = ngo_atlas::ingest::load::Problem {
        file: "people.yaml".into(),
        line: 1,
        col: 3,
        record: None,
        message: "expected a mapping of `key: value` fields".into(),
    };
    app.reload_failed(vec![problem; 1_001]);
    let screen = common::text(&mut app, 160, 40);
    assert!(
        screen.contains("⚠ The data files have more than 1,000 problems since the last edit"),
        "{screen}"
    );
    app.update(Action::Problems);
    match &app.overlay() {
        Some(Overlay::Popup(p)) => assert!(
            p.title
                .starts_with("More than 1,000 problems in the data files"),
            "{}",
            p.title
        ),
        _ => panic!("! opens the list of problems"),
    }
}

#[test]
fn a_failed_copy_says_so_in_the_status_bar_and_shows_the_text() {
    let mut app = app();
    app.copied(
        "id tan-weiping",
        Err("no clipboard tool".into()),
        "tan-weiping",
    );
    assert!(
        app.status()
            .is_some_and(|s| s.starts_with("Could not copy id tan-weiping"))
    );
    assert!(matches!(app.overlay(), Some(Overlay::Popup(_))));
}

/// After the explorer writes the snapshot of a folder it parsed, the same records read from
/// it take the place of those parsed: the user's view, record and search stay as they were.
#[test]
fn the_records_parsed_give_way_to_the_same_records_from_the_snapshot_without_a_change() {
    use ngo_atlas::query::search::Searcher;
    use std::sync::Arc;
    let parsed = Arc::new(Index::new(load_builtin().unwrap()));
    let mut app = App::with_searcher(
        Arc::clone(&parsed),
        Searcher::new(&parsed),
        Options::default(),
    );
    app.update(Action::Resize(120, 40));
    open(&mut app, TAN);
    app.update(Action::Search);
    type_text(&mut app, "iprcc");
    let before = hit_ids(&app);
    assert!(!before.is_empty());
    // Another index than the one in use (data reloaded meanwhile) is turned away.
    let other = Arc::new(Index::new(load_builtin().unwrap()));
    assert!(!app.reopening(&Arc::downgrade(&other)));
    assert!(app.searching().is_some());
    let weak = Arc::downgrade(&parsed);
    drop(parsed);
    assert!(app.reopening(&weak));
    assert!(app.searching().is_none(), "the searcher is let go of first");
    let fresh = Arc::new(Index::new(load_builtin().unwrap()));
    app.reopened(&weak, Arc::clone(&fresh));
    assert!(Arc::ptr_eq(app.index(), &fresh));
    assert!(weak.upgrade().is_none(), "the records parsed are let go of");
    // A key typed before the new searcher comes waits for it, then answers as before.
    app.update(Action::Input(' '));
    app.update(Action::DeleteChar);
    app.searchable(&fresh, Searcher::new(&fresh));
    assert_eq!(hit_ids(&app), before);
    app.update(Action::Close);
    assert_eq!(id(&app), TAN);
}
