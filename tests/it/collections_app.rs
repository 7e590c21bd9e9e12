//! Collections of marks in the explorer, driven by keys as a user presses them: switching,
//! making, renaming and deleting collections, moving a mark, notes in the list and in the
//! detail pane ("Your note"), copying a collection's bibliography, and all of it kept through a
//! save and a restart. Screens of the marks list at 80×24 and 120×40 as insta snapshots.

use crate::common;

use common::{RecordingClipboard, press, text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ngo_atlas::prefs::keymap::{Action, Mode};
use ngo_atlas::prefs::marks::{FILE_NAME, Marks};
use ngo_atlas::prefs::theme::Theme;
use ngo_atlas::query::cite::{self, Style};
use ngo_atlas::tui::app::overlay::marks;
use ngo_atlas::tui::app::{App, Effect, Options, Overlay};

fn app() -> App {
    common::app_with(Options {
        theme: Theme::ansi(),
        ..Options::default()
    })
}

/// An app whose marks live in a file of a temporary directory.
fn app_on_disk(dir: &tempfile::TempDir) -> App {
    app().with_marks(Marks::load(Some(&dir.path().join(FILE_NAME))))
}

/// The ids of the current collection's marks.
fn ids(app: &App) -> Vec<String> {
    app.marks().list().iter().map(|m| m.id.clone()).collect()
}

/// Collections as (name, marks), in order.
fn shelf(app: &App) -> Vec<(String, usize)> {
    app.marks()
        .collections()
        .iter()
        .map(|c| (c.name.to_string(), c.marks))
        .collect()
}

fn status(app: &App) -> String {
    app.status().unwrap_or_default().to_string()
}

/// The detail pane's text.
fn detail(app: &App) -> String {
    let lines = &app.views().lists.detail.content.doc.lines;
    lines.iter().map(|l| l.text() + "\n").collect()
}

/// Marks the first three records of the list, in the current collection.
fn mark_three(app: &mut App) -> Vec<String> {
    press(app, "mjmjm");
    let marked = ids(app);
    assert_eq!(marked.len(), 3, "{}", status(app));
    marked
}

#[test]
fn a_collection_is_made_switched_to_renamed_and_deleted_with_keys() {
    let mut app = app();
    mark_three(&mut app);
    press(&mut app, "'");
    assert_eq!(app.key_mode(), Mode::Marks);
    press(&mut app, "a");
    assert_eq!(app.key_mode(), Mode::Edit);
    press(&mut app, "Chapter 2<Enter>");
    assert_eq!(app.key_mode(), Mode::Marks);
    assert_eq!(shelf(&app), [("Marked".into(), 3), ("Chapter 2".into(), 0)]);
    assert_eq!(
        app.marks().current(),
        "Chapter 2",
        "a new collection is current"
    );
    assert!(
        status(&app).starts_with("Made “Chapter 2”"),
        "{}",
        status(&app)
    );
    // A name taken (ignoring case) is refused and the line stays open to put right.
    press(&mut app, "amarked<Enter>");
    assert_eq!(app.key_mode(), Mode::Edit);
    assert!(status(&app).contains("already a collection named “Marked”"));
    press(&mut app, "<Esc>");
    assert_eq!(app.key_mode(), Mode::Marks);
    assert_eq!(shelf(&app).len(), 2);
    // `[` and `]` go round the collections; `c` chooses one from a list.
    press(&mut app, "]");
    assert_eq!(app.marks().current(), "Marked");
    press(&mut app, "[");
    assert_eq!(app.marks().current(), "Chapter 2");
    press(&mut app, "c");
    assert_eq!(app.key_mode(), Mode::Collections);
    press(&mut app, "k<Enter>");
    assert_eq!(app.marks().current(), "Marked");
    press(&mut app, "]");
    // Renaming offers the name selected: typing replaces it.
    press(&mut app, "rChapter Two<Enter>");
    assert_eq!(shelf(&app)[1], ("Chapter Two".into(), 0));
    assert_eq!(status(&app), "Renamed “Chapter 2” to “Chapter Two”");
    // An empty collection goes at once; the default one never does.
    press(&mut app, "D");
    assert_eq!(status(&app), "Deleted the collection “Chapter Two”");
    assert_eq!(app.marks().current(), "Marked");
    press(&mut app, "D");
    assert!(
        status(&app).contains("is the default collection"),
        "{}",
        status(&app)
    );
    assert_eq!(shelf(&app), [("Marked".into(), 3)]);
}

#[test]
fn a_collection_that_holds_marks_is_deleted_only_when_confirmed() {
    let mut app = app();
    press(&mut app, "'aDraft<Enter><Esc>");
    mark_three(&mut app);
    press(&mut app, "'D");
    assert_eq!(app.key_mode(), Mode::Confirm);
    let screen = text(&mut app, 80, 24);
    assert!(
        screen.contains("Delete the collection “Draft” and its 3 marks?"),
        "{screen}"
    );
    // Any other key leaves the question open; `n` keeps the collection.
    press(&mut app, "jd");
    assert_eq!(app.key_mode(), Mode::Confirm);
    press(&mut app, "n");
    assert_eq!(status(&app), "Kept “Draft”");
    assert_eq!(shelf(&app)[1], ("Draft".into(), 3));
    press(&mut app, "Dy");
    assert_eq!(
        status(&app),
        "Deleted the collection “Draft” and its 3 marks"
    );
    assert_eq!(shelf(&app), [("Marked".into(), 0)]);
}

#[test]
fn a_mark_moves_to_another_collection_with_its_note() {
    let mut app = app();
    let marked = mark_three(&mut app);
    press(&mut app, "'aSources<Enter>[");
    assert_eq!(app.marks().current(), "Marked");
    press(&mut app, "je");
    press(&mut app, "check the 2019 figure<Enter>");
    press(&mut app, "M");
    assert_eq!(app.key_mode(), Mode::Collections);
    press(&mut app, "<Enter>");
    assert_eq!(app.key_mode(), Mode::Marks);
    let name = app
        .index()
        .record(app.index().get(&marked[1]).unwrap())
        .name();
    assert_eq!(status(&app), format!("Moved “{name}” to “Sources”"));
    assert_eq!(ids(&app), [marked[0].clone(), marked[2].clone()]);
    let moved = app.marks().marks_in("sources").unwrap();
    assert_eq!(moved[0].id, marked[1]);
    assert_eq!(moved[0].note.as_deref(), Some("check the 2019 figure"));
    // With one collection there is nowhere to move to, and the user is told how to make one.
    let mut alone = app_with_one_mark();
    press(&mut alone, "'M");
    assert_eq!(alone.key_mode(), Mode::Marks);
    assert_eq!(
        status(&alone),
        "“Marked” is the only collection: a makes another"
    );
}

fn app_with_one_mark() -> App {
    let mut app = app();
    press(&mut app, "m");
    app
}

#[test]
fn a_note_is_written_shown_in_the_list_and_the_detail_pane_and_cleared() {
    let mut app = app();
    press(&mut app, "m'e");
    assert_eq!(app.key_mode(), Mode::Edit);
    // Typed in two scripts, with the readline keys of the search box.
    press(&mut app, "扶贫 reprt<Left><Left>o<C-e> ok<Enter>");
    assert_eq!(
        app.marks().list()[0].note.as_deref(),
        Some("扶贫 report ok")
    );
    assert!(status(&app).starts_with("Noted on “"), "{}", status(&app));
    let screen = text(&mut app, 80, 24);
    assert!(screen.contains("✎ 扶贫 report ok"), "{screen}");
    // Enter still opens the record, and its detail pane shows the note under its name.
    press(&mut app, "<Enter>");
    assert!(app.overlay().is_none());
    let shown = detail(&app);
    assert!(
        shown.contains("Your note · Marked\n  扶贫 report ok\n"),
        "{shown}"
    );
    let screen = text(&mut app, 80, 24);
    assert!(screen.contains("Your note · Marked"), "{screen}");
    // Editing starts from the note as it is; `x` clears it, and the pane follows.
    press(&mut app, "'e");
    assert_eq!(app.key_mode(), Mode::Edit);
    press(&mut app, "<Esc>x");
    assert!(status(&app).starts_with("Cleared the note on “"));
    assert_eq!(app.marks().list()[0].note, None);
    assert!(!detail(&app).contains("Your note"), "{}", detail(&app));
    press(&mut app, "x");
    assert!(
        status(&app).ends_with("has no note to clear"),
        "{}",
        status(&app)
    );
}

#[test]
fn the_note_stays_in_the_detail_pane_across_moves_and_resizes() {
    let mut app = app();
    press(&mut app, "m'eread first<Enter><Esc>");
    let first = app.views().lists.detail.record;
    assert!(detail(&app).contains("read first"));
    press(&mut app, "j");
    assert_ne!(app.views().lists.detail.record, first);
    assert!(!detail(&app).contains("Your note"));
    press(&mut app, "k");
    assert!(detail(&app).contains("Your note · Marked\n  read first\n"));
    // A narrower pane lays the record out again, the note with it; links still lead on.
    app.update(Action::Resize(60, 20));
    assert!(detail(&app).contains("read first"), "{}", detail(&app));
    let doc = &app.views().lists.detail.content;
    assert_eq!(doc.doc.items.len(), doc.targets.len());
    for &row in &doc.doc.items {
        assert!(!doc.doc.lines[row].text().contains("read first"));
    }
}

#[test]
fn the_bibliography_of_the_collection_is_copied_in_the_current_style_or_a_chosen_one() {
    let mut app = app();
    let marked = mark_three(&mut app);
    let effects = press(&mut app, "'y");
    let ids = marked.iter().map(String::as_str);
    let apa = cite::for_ids(app.index(), ids.clone(), Style::Apa);
    assert!(apa.sources > 0);
    let what = format!(
        "APA 7 bibliography of “Marked” ({} source{})",
        apa.sources,
        if apa.sources == 1 { "" } else { "s" }
    );
    assert_eq!(
        effects,
        [Effect::Copy {
            text: apa.text,
            what
        }]
    );
    assert_eq!(app.key_mode(), Mode::Marks, "the list stays open");
    // `Y` opens the style picker with the bibliography as preview; Enter copies that style.
    press(&mut app, "Y");
    assert_eq!(app.key_mode(), Mode::Picker);
    let at = Style::ALL.iter().position(|&s| s == Style::Apa).unwrap();
    let next = Style::ALL[at + 1];
    let effects = press(&mut app, "j<Enter>");
    let wanted = cite::for_ids(app.index(), ids, next).text;
    match effects.as_slice() {
        [Effect::Copy { text, what }] => {
            assert_eq!(text, &wanted);
            assert!(what.starts_with(next.label()), "{what}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app.key_mode(), Mode::Marks);
    // An empty collection has nothing to cite, and says so.
    let effects = press(&mut app, "aEmpty<Enter>y");
    assert!(effects.iter().all(|e| !matches!(e, Effect::Copy { .. })));
    assert_eq!(status(&app), "“Empty” has no marks: nothing to cite");
}

#[test]
fn with_no_clipboard_the_bibliography_shows_in_a_popup() {
    let mut app = app();
    mark_three(&mut app);
    press(&mut app, "'");
    let mut clipboard = RecordingClipboard {
        fail: true,
        ..Default::default()
    };
    ngo_atlas::tui::explore::step(&mut app, Action::Copy, &mut clipboard);
    let ids = app.marks().list().iter().map(|m| m.id.as_str());
    let apa = cite::for_ids(app.index(), ids, Style::Apa).text;
    match &app.overlay() {
        Some(Overlay::Popup(p)) => assert_eq!(p.body, apa),
        _ => panic!("no popup"),
    }
    let screen = text(&mut app, 120, 40);
    assert!(
        screen.contains("Could not copy (nothing was copied: recording clipboard set to fail)"),
        "{screen}"
    );
}

/// Keys as the run loop carries them out, saving included; `\n` is Enter.
fn run_keys(app: &mut App, keys: &str) {
    let mut clipboard = RecordingClipboard::default();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = app.keymap().action(app.key_mode(), &key) {
            ngo_atlas::tui::explore::step(app, action, &mut clipboard);
        }
    }
}

#[test]
fn collections_and_notes_survive_a_save_and_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_disk(&dir);
    run_keys(&mut app, "mjmjm'");
    let marked = ids(&app);
    // A new collection, a mark moved there with a note in CJK and hostile text.
    run_keys(&mut app, "a第二章 «draft»\n");
    run_keys(&mut app, "[je笔记 \u{202e}rtl\u{1b}[31m\nM\n");
    assert!(status(&app).starts_with("Moved"), "{}", status(&app));
    let before = app.marks().clone();

    let again = app_on_disk(&dir);
    assert_eq!(again.marks().collections(), before.collections());
    assert_eq!(again.marks().current(), "Marked");
    let moved = again.marks().marks_in("第二章 «draft»").unwrap();
    assert_eq!(moved[0].id, marked[1]);
    // The escape was folded into a space as it was written; the override is kept as typed.
    assert_eq!(moved[0].note.as_deref(), Some("笔记 \u{202e}rtl [31m"));
    // The note shows in the detail pane of the restarted explorer, made inert.
    let mut again = again;
    press(&mut again, "j");
    let shown = detail(&again);
    assert!(shown.contains("Your note · 第二章 «draft»"), "{shown}");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown}"
    );
}

#[test]
fn what_the_saving_thread_gets_holds_every_change() {
    // The explorer saves on a thread of its own: the changes it hands over, written in order on
    // top of the file, must give the file every collection, not only the current one's marks.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut app = app_on_disk(&dir);
    let mut saved = press(&mut app, "m'aOther<Enter>");
    saved.extend(press(&mut app, "<Esc>jm"));
    let batches: Vec<_> = saved
        .into_iter()
        .filter_map(|e| match e {
            Effect::SaveMarks(batch) => Some(batch),
            _ => None,
        })
        .collect();
    assert!(batches.len() >= 3, "{batches:?}");
    for batch in &batches {
        assert_eq!(batch.path, path);
        ngo_atlas::prefs::marks::sync::commit(&batch.path, &batch.ops).unwrap();
    }
    let read = Marks::read(&path).unwrap();
    assert_eq!(read.collections(), app.marks().collections());
    assert_eq!(read.current(), "Other");
    assert_eq!(read.marks_in("Marked").unwrap().len(), 1);
    assert_eq!(read.marks_in("Other").unwrap().len(), 1);
}

#[test]
fn clicks_select_and_open_marks_and_switch_collections() {
    let mut app = app();
    let marked = mark_three(&mut app);
    press(&mut app, "'aSecond<Enter>[");
    let (x, y) = common::find(&mut app, 80, 24, "Second (0)").unwrap();
    app.update(Action::Click(x + 1, y));
    assert_eq!(app.marks().current(), "Second");
    let (x, y) = common::find(&mut app, 80, 24, "Marked (3)").unwrap();
    app.update(Action::Click(x + 1, y));
    assert_eq!(app.marks().current(), "Marked");
    let a = marks::areas((80, 24), 3, app.keymap());
    let (x, y) = (a.list.x + 4, a.list.y + 2);
    app.update(Action::Click(x, y));
    assert_eq!(app.key_mode(), Mode::Marks);
    app.update(Action::Click(x, y));
    assert!(app.overlay().is_none(), "a second click opens the mark");
    assert_eq!(app.views().lists.detail.record, app.index().get(&marked[2]));
}

/// The marks list with two collections and notes, as drawn.
fn noted_app(size: (u16, u16)) -> App {
    let mut app = app();
    app.update(Action::Resize(size.0, size.1));
    press(&mut app, "mjmjmjm'");
    press(&mut app, "equoted at the 2020 side event<Enter>");
    press(&mut app, "jje扶贫: 对照2019年报告核对数字<Enter>");
    press(&mut app, "aChapter 2 · people<Enter>[GM<Enter>");
    app
}

#[test]
fn the_marks_list_on_screen() {
    for size in [(80, 24), (120, 40)] {
        let mut app = noted_app(size);
        let name = format!("marks_list_{}x{}", size.0, size.1);
        insta::assert_snapshot!(name, common::draw(&mut app, size.0, size.1).backend());
    }
}

#[test]
fn what_opens_over_the_marks_list_on_screen() {
    for (keys, what) in [
        ("M", "move"),
        ("e", "note"),
        ("]D", "question"),
        ("Y", "styles"),
    ] {
        for size in [(80, 24), (120, 40)] {
            let mut app = noted_app(size);
            press(&mut app, keys);
            let name = format!("marks_{what}_{}x{}", size.0, size.1);
            insta::assert_snapshot!(name, common::draw(&mut app, size.0, size.1).backend());
        }
    }
}

/// Presses keys, then saves the marks as the explorer's saving thread does.
fn press_and_save(app: &mut App, keys: &str) -> Vec<Effect> {
    let effects = press(app, keys);
    if effects.iter().any(|e| matches!(e, Effect::SaveMarks(_))) {
        ngo_atlas::tui::explore::save_marks(app);
    }
    effects
}

#[test]
fn two_explorers_over_one_file_keep_each_other_s_marks() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = app_on_disk(&dir);
    let mut two = app_on_disk(&dir);
    press_and_save(&mut one, "2m");
    let person = ids(&one)[0].clone();
    press_and_save(&mut two, "6m");
    let place = ids(&two)[1].clone();
    press_and_save(&mut one, "jm");
    let other = ids(&one)[2].clone();
    let read = Marks::read(&dir.path().join(FILE_NAME)).unwrap();
    let on_disk: Vec<&str> = read.list().iter().map(|m| m.id.as_str()).collect();
    assert_eq!(on_disk, [person.as_str(), place.as_str(), other.as_str()]);
    // The second window sees the first's changes when the file changes, without losing its
    // place: the marks list stays open on the mark it had selected, wherever that moved.
    let selected = |app: &App| match &app.overlay() {
        Some(Overlay::Marks(list)) => list.selected(app.marks()).map(|m| m.id.clone()),
        _ => None,
    };
    press(&mut two, "'j");
    assert_eq!(selected(&two).as_deref(), Some(place.as_str()));
    press_and_save(&mut one, "'d");
    ngo_atlas::tui::explore::reread_marks(&mut two);
    assert_eq!(ids(&two), [place.as_str(), other.as_str()]);
    assert_eq!(selected(&two).as_deref(), Some(place.as_str()));
    assert_eq!(two.key_mode(), Mode::Marks);
}

#[test]
fn a_note_replaced_in_another_window_is_said_in_both_and_undone_with_u() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = app_on_disk(&dir);
    let mut two = app_on_disk(&dir);
    press_and_save(&mut one, "2m");
    ngo_atlas::tui::explore::reread_marks(&mut two);
    press_and_save(&mut one, "'emine<Enter><Esc>");
    press_and_save(&mut two, "'etheirs<Enter>");
    assert!(
        status(&two).contains("had been changed in another window to “mine”; yours replaced it"),
        "{}",
        status(&two)
    );
    ngo_atlas::tui::explore::reread_marks(&mut one);
    assert!(
        status(&one).contains("was changed in another window; yours (“mine”) is kept"),
        "{}",
        status(&one)
    );
    press_and_save(&mut one, "u");
    let read = Marks::read(&dir.path().join(FILE_NAME)).unwrap();
    assert_eq!(read.list()[0].note.as_deref(), Some("mine"));
}

#[test]
fn u_and_ctrl_r_undo_and_redo_unmarking_a_noted_record() {
    let mut app = app();
    press(&mut app, "2m'ekey witness<Enter><Esc>");
    let name = app.marks().list()[0].name.clone();
    press(&mut app, "m");
    assert!(app.marks().list().is_empty());
    assert_eq!(
        status(&app),
        format!("Unmarked “{name}”; its note is kept · u to undo")
    );
    press(&mut app, "u");
    assert_eq!(
        status(&app),
        format!("Restored the mark on “{name}” and its note · Ctrl-R to redo")
    );
    assert_eq!(app.marks().list()[0].note.as_deref(), Some("key witness"));
    press(&mut app, "<C-r>");
    assert!(app.marks().list().is_empty());
    assert!(status(&app).ends_with("u to undo"), "{}", status(&app));
    // In the marks list too: `d` deletes a mark and its note, `u` brings them back.
    press(&mut app, "u'd");
    assert!(app.marks().list().is_empty());
    assert!(
        status(&app).contains("and its note · u to undo"),
        "{}",
        status(&app)
    );
    press(&mut app, "u");
    assert_eq!(app.marks().list().len(), 1);
    assert_eq!(app.key_mode(), Mode::Marks, "the list stays open");
}

#[test]
fn a_deleted_collection_is_confirmed_and_then_undoable() {
    let mut app = app();
    press(&mut app, "'aChapter<Enter><Esc>mjm'D");
    assert_eq!(app.key_mode(), Mode::Confirm);
    press(&mut app, "y");
    assert_eq!(shelf(&app), [("Marked".into(), 0)]);
    press(&mut app, "u");
    assert!(
        status(&app).starts_with("Restored the collection “Chapter” and its 2 marks"),
        "{}",
        status(&app)
    );
    assert_eq!(shelf(&app), [("Marked".into(), 0), ("Chapter".into(), 2)]);
}

#[test]
fn quitting_with_changes_not_saved_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    // The marks' folder is a file: no save can work.
    let blocker = dir.path().join("ngo-atlas");
    std::fs::write(&blocker, "").unwrap();
    let mut app = app().with_marks(Marks::load(Some(&blocker.join(FILE_NAME))));
    press_and_save(&mut app, "m");
    assert!(
        status(&app).contains("ngo-atlas is a plain file, not a folder"),
        "{}",
        status(&app)
    );
    assert!(status(&app).contains("1 change kept, trying again"));
    assert!(press(&mut app, "q").is_empty(), "not at once");
    assert!(
        status(&app).starts_with("1 change not saved to ")
            && status(&app).ends_with(": q again to quit anyway"),
        "{}",
        status(&app)
    );
    // Any other key first, and it asks again.
    press(&mut app, "j");
    assert!(press(&mut app, "q").is_empty());
    assert_eq!(press(&mut app, "q"), [Effect::Quit]);
}

#[test]
fn quitting_while_a_save_is_under_way_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_disk(&dir);
    press(&mut app, "m");
    assert!(press(&mut app, "q").is_empty(), "the save is not done");
    assert_eq!(status(&app), "Saving your marks…");
    assert!(!app.quit_ready());
    ngo_atlas::tui::explore::save_marks(&mut app);
    assert!(app.quit_ready(), "the run loop ends the explorer now");
}

#[test]
fn capital_w_in_the_marks_list_copies_the_collection_as_a_memo() {
    let mut app = app();
    press(&mut app, "2mjm'");
    let effects = press(&mut app, "W");
    let [Effect::Copy { text, what }] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert!(text.starts_with("# Marked\n\n## "), "{text}");
    assert!(
        text.contains("[@") && text.contains("```bibtex\n@article{"),
        "{text}"
    );
    assert!(
        what.starts_with("the memo of “Marked” (2 records"),
        "{what}"
    );
}
