//! The explorer driven by actions, as a user would drive it with keys and the mouse.

use ngo_atlas::app::{App, Focus, Options};
use ngo_atlas::cite::Style;
use ngo_atlas::cite::for_record as citation;
use ngo_atlas::clipboard::RecordingClipboard;
use ngo_atlas::explore::step;
use ngo_atlas::index::Index;
use ngo_atlas::keymap::{Action, Mode};
use ngo_atlas::load::load_builtin;
use ngo_atlas::model::Kind;

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
    app.index
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
    app.search
        .hits
        .iter()
        .map(|h| app.index.record(h.record).id().to_string())
        .collect()
}

/// Moves the detail's link cursor onto the link to `target` and follows it.
fn follow(app: &mut App, target: &str) {
    app.update(Action::FocusDetail);
    let t = app.index.get(target).expect("target exists");
    let targets = app.detail.as_ref().unwrap().targets();
    let pos = targets
        .iter()
        .position(|&x| x == t)
        .unwrap_or_else(|| panic!("{} has no link to {target}", id(app)));
    app.update(Action::Top);
    for _ in 0..pos {
        app.update(Action::Down);
    }
    assert_eq!(app.link_target(), Some(t));
    app.update(Action::Open);
    assert_eq!(id(app), target);
}

#[test]
fn search_narrows_with_every_key_and_ranks_the_name_first() {
    let mut app = app();
    app.update(Action::Search);
    assert_eq!(app.mode, Mode::Search);
    let mut counts = Vec::new();
    for c in "tan weiping".chars() {
        app.update(Action::Input(c));
        counts.push(app.search.hits.len());
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
    assert!(!app.search.hits.is_empty());
    for h in &app.search.hits {
        assert_eq!(app.index.record(h.record).kind(), Kind::Organization);
    }
}

#[test]
fn esc_cancels_the_search_and_restores_the_selection() {
    let mut app = app();
    for _ in 0..5 {
        app.update(Action::Down);
    }
    let before = app.location();
    app.update(Action::Search);
    type_text(&mut app, "xinhua");
    app.update(Action::Down);
    assert_ne!(app.current(), before.as_ref().map(|l| l.record));
    app.update(Action::Close);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(app.location(), before);
    assert!(app.back.is_empty(), "a cancelled search is not a jump");
}

#[test]
fn editing_the_query() {
    let mut app = app();
    app.update(Action::Search);
    type_text(&mut app, "china daily");
    app.update(Action::DeleteWord);
    assert_eq!(app.search.input, "china ");
    app.update(Action::DeleteChar);
    app.update(Action::CursorLeft);
    app.update(Action::Input('X'));
    assert_eq!(app.search.input, "chinXa");
    app.update(Action::ClearInput);
    assert_eq!(app.search.input, "");
    assert_eq!(app.search.hits.len(), app.index.len().min(500));
}

#[test]
fn the_users_journey_there_and_back() {
    let mut app = app();
    app.update(Action::Search);
    type_text(&mut app, "Tan Weiping");
    app.update(Action::Open);
    assert_eq!((id(&app).as_str(), app.focus), (TAN, Focus::Detail));
    follow(&mut app, IPRCC);
    follow(&mut app, CONFERENCE);
    app.update(Action::Back);
    assert_eq!(id(&app), IPRCC);
    // The link cursor is where it was when the user left.
    assert_eq!(app.link_target(), app.index.get(CONFERENCE));
    app.update(Action::Back);
    assert_eq!(id(&app), TAN);
    app.update(Action::Forward);
    assert_eq!(id(&app), IPRCC);
    assert_eq!(app.forward.len(), 1);
    // A new jump drops the forward part, browser-style.
    follow(&mut app, "china");
    assert!(app.forward.is_empty());
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
    let before = app.location().unwrap();
    assert!(before.list_offset > 0, "the list scrolled");
    app.update(Action::Open);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_ne!(app.location().unwrap().record, before.record);
    app.update(Action::Back);
    app.update(Action::Back);
    assert_eq!(app.location().unwrap(), before);
}

#[test]
fn y_copies_the_exact_citation_through_the_clipboard() {
    let mut app = app();
    let mut clip = RecordingClipboard::default();
    let tan = app.index.get(TAN).unwrap();
    app.jump(tan, Focus::List);
    assert!(!step(&mut app, Action::Copy, &mut clip));
    assert_eq!(clip.copies, vec![citation(&app.index, tan, Style::Apa)]);
    assert!(clip.copies[0].contains("Tan Weiping, deputy director of International Poverty"));
    let apa = "China’s NGOs contribute to international poverty alleviation, human rights. (2020).";
    assert!(clip.copies[0].contains(apa), "{}", clip.copies[0]);
    let status = app.status.clone().unwrap();
    assert!(
        status.starts_with("Copied APA 7 citation of “Tan Weiping” via"),
        "{status}"
    );
}

#[test]
fn y_on_a_source_link_copies_that_source() {
    let mut app = app();
    let mut clip = RecordingClipboard::default();
    let tan = app.index.get(TAN).unwrap();
    app.jump(tan, Focus::Detail);
    app.update(Action::Bottom);
    let source = app.link_target().unwrap();
    assert_eq!(app.index.record(source).kind(), Kind::Source);
    step(&mut app, Action::Copy, &mut clip);
    assert_eq!(clip.copies, vec![citation(&app.index, source, Style::Apa)]);
}

#[test]
fn style_picker_copies_the_chosen_style() {
    let mut app = app();
    let mut clip = RecordingClipboard::default();
    let src = app.index.get("xinhua-2024-hrc55-side-event").unwrap();
    app.jump(src, Focus::List);
    step(&mut app, Action::PickStyle, &mut clip);
    assert_eq!(app.mode, Mode::Picker);
    let mla = Style::ALL.iter().position(|&s| s == Style::Mla).unwrap();
    for _ in 0..mla {
        step(&mut app, Action::Down, &mut clip);
    }
    step(&mut app, Action::Open, &mut clip);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(
        clip.copies,
        vec![
            "“China's NGOs Help Promote Rights, Global Governance: Experts.” Xinhua, 13 Mar. 2024."
        ]
    );
}

#[test]
fn c_copies_the_id_and_a_failed_copy_shows_the_text() {
    let mut app = app();
    let mut clip = RecordingClipboard::default();
    app.jump(app.index.get(TAN).unwrap(), Focus::List);
    step(&mut app, Action::CopyId, &mut clip);
    assert_eq!(clip.copies, vec![TAN]);
    clip.fail = true;
    step(&mut app, Action::Copy, &mut clip);
    assert_eq!(app.mode, Mode::Popup);
    let (title, text) = app.popup_text.clone().unwrap();
    assert!(title.contains("select the text by hand"), "{title}");
    assert!(text.contains("Tan Weiping, deputy director"));
    step(&mut app, Action::Close, &mut clip);
    assert_eq!(app.mode, Mode::Browse);
}

#[test]
fn tabs_list_one_kind_or_all() {
    let mut app = app();
    app.update(Action::Tab(2));
    assert!(
        app.rows
            .iter()
            .all(|&r| app.index.record(r).kind() == Kind::Person)
    );
    app.update(Action::Tab(0));
    assert_eq!(app.rows.len(), app.index.len());
    app.update(Action::PrevTab);
    assert_eq!(App::tab_kind(app.tab), Some(Kind::Source));
    app.update(Action::NextTab);
    assert_eq!(app.tab, 0);
}

#[test]
fn following_a_link_switches_to_the_targets_kind() {
    let mut app = app();
    app.update(Action::Tab(2));
    app.jump(app.index.get(TAN).unwrap(), Focus::List);
    follow(&mut app, IPRCC);
    assert_eq!(App::tab_kind(app.tab), Some(Kind::Organization));
    app.update(Action::Back);
    assert_eq!(App::tab_kind(app.tab), Some(Kind::Person));
}

#[test]
fn mouse_selects_a_row_and_a_second_click_opens_it() {
    let mut app = app();
    let areas = ngo_atlas::ui::layout(app.size);
    let y = areas.list.y + 1 + 3;
    app.update(Action::Click(areas.list.x + 3, y));
    assert_eq!(app.selected, 3);
    assert_eq!(app.focus, Focus::List);
    app.update(Action::Click(areas.list.x + 3, y));
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.back.len(), 1);
    app.update(Action::Wheel(areas.detail.x + 2, areas.detail.y + 2, 1));
    app.update(Action::Wheel(areas.list.x + 2, areas.list.y + 2, 1));
    assert_eq!(app.selected, 6);
}

#[test]
fn history_popup_goes_to_an_earlier_place() {
    let mut app = app();
    app.jump(app.index.get(TAN).unwrap(), Focus::Detail);
    follow(&mut app, IPRCC);
    follow(&mut app, CONFERENCE);
    app.update(Action::History);
    assert_eq!(app.mode, Mode::History);
    let (entries, here) = app.history();
    assert_eq!(entries.len(), 4);
    assert_eq!(here, 3);
    app.update(Action::Up);
    app.update(Action::Up);
    app.update(Action::Open);
    assert_eq!(id(&app), TAN);
    assert_eq!(app.forward.len(), 2);
}

#[test]
fn help_and_quit() {
    let mut app = app();
    app.update(Action::Help);
    assert_eq!(app.mode, Mode::Help);
    app.update(Action::Close);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(app.update(Action::Quit), Some(ngo_atlas::app::Effect::Quit));
}
