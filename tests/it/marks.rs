//! Collections of marks through the library API the explorer calls: every operation, every
//! refusal and its words, notes with CJK and hostile text through a restart, and the
//! explorer's own use (`list`, `toggle`, `position`) still working beside collections.

use ngo_atlas::prefs::marks::sync;
use ngo_atlas::prefs::marks::{
    DEFAULT_NAME, FILE_NAME, MAX_NAME_CHARS, MAX_NOTE_CHARS, Mark, Marks, Refusal, Summary,
};

fn names(marks: &Marks) -> Vec<&str> {
    marks.collections().iter().map(|c| c.name).collect()
}

fn ids(marks: &[Mark]) -> Vec<&str> {
    marks.iter().map(|m| m.id.as_str()).collect()
}

/// Marks with a default collection holding `a` and `b`, and an empty "Chapter 2".
fn two_collections() -> Marks {
    let mut marks = Marks::in_memory();
    marks.toggle("a", "Record A");
    marks.toggle("b", "Record B");
    marks.create("Chapter 2").unwrap();
    marks
}

#[test]
fn a_new_set_of_marks_has_the_default_collection_current_and_empty() {
    let marks = Marks::in_memory();
    assert_eq!(marks.current(), DEFAULT_NAME);
    assert_eq!(
        marks.collections(),
        [Summary {
            name: DEFAULT_NAME,
            marks: 0,
            current: true,
            default: true
        }]
    );
    assert!(marks.list().is_empty());
}

#[test]
fn create_adds_an_empty_collection_and_keeps_the_current_one() {
    let mut marks = two_collections();
    assert_eq!(
        marks.create("  Sources\tfor\nchapter 3 ").unwrap(),
        "Sources for chapter 3"
    );
    assert_eq!(
        names(&marks),
        ["Marked", "Chapter 2", "Sources for chapter 3"]
    );
    assert_eq!(marks.current(), "Marked");
    let summaries = marks.collections();
    assert_eq!((summaries[0].marks, summaries[1].marks), (2, 0));
    assert!(summaries[0].default && !summaries[1].default);
}

#[test]
fn create_refuses_empty_long_and_taken_names() {
    let mut marks = two_collections();
    assert_eq!(marks.create(" \n\t "), Err(Refusal::EmptyName));
    let long = "长".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(
        marks.create(&long),
        Err(Refusal::NameTooLong {
            chars: MAX_NAME_CHARS + 1
        })
    );
    assert!(marks.create(&"长".repeat(MAX_NAME_CHARS)).is_ok());
    let taken = marks.create("CHAPTER  2").unwrap_err();
    assert_eq!(taken, Refusal::NameTaken("Chapter 2".into()));
    assert_eq!(
        taken.to_string(),
        "there is already a collection named “Chapter 2” (names are compared ignoring case)"
    );
    assert_eq!(
        marks.create("marked"),
        Err(Refusal::NameTaken("Marked".into()))
    );
    // Case in other scripts too.
    marks.create("Ωμέγα").unwrap();
    assert_eq!(
        marks.create("ΩΜΈΓΑ"),
        Err(Refusal::NameTaken("Ωμέγα".into()))
    );
    assert_eq!(marks.collections().len(), 4);
}

#[test]
fn rename_changes_a_name_the_default_included_and_refuses_clashes() {
    let mut marks = two_collections();
    assert_eq!(
        marks.rename("chapter 2", "Chapter Two").unwrap(),
        "Chapter Two"
    );
    assert_eq!(
        marks.rename("Chapter Two", "chapter two").unwrap(),
        "chapter two"
    );
    assert_eq!(
        marks.rename("chapter two", "MARKED"),
        Err(Refusal::NameTaken("Marked".into()))
    );
    assert_eq!(marks.rename("chapter two", ""), Err(Refusal::EmptyName));
    assert!(matches!(
        marks.rename("nothing", "x"),
        Err(Refusal::Unknown { .. })
    ));
    assert_eq!(
        marks.rename("Marked", "Reading list").unwrap(),
        "Reading list"
    );
    assert_eq!(names(&marks), ["Reading list", "chapter two"]);
    assert_eq!(marks.current(), "Reading list");
    assert!(
        marks.collections()[0].default,
        "the default stays the default"
    );
    assert_eq!(marks.list().len(), 2);
}

#[test]
fn switch_makes_list_the_other_collections_marks() {
    let mut marks = two_collections();
    marks.switch("chapter 2").unwrap();
    assert_eq!(marks.current(), "Chapter 2");
    assert!(marks.list().is_empty());
    assert_eq!(marks.position("a"), None);
    assert!(marks.toggle("c", "Record C"));
    assert!(
        marks.toggle("a", "Record A"),
        "a record may be in two collections"
    );
    assert_eq!(ids(marks.list()), ["c", "a"]);
    assert_eq!(ids(marks.marks_in("Marked").unwrap()), ["a", "b"]);
    marks.switch("MARKED").unwrap();
    assert_eq!(ids(marks.list()), ["a", "b"]);
    assert_eq!(ids(marks.marks_in("Chapter 2").unwrap()), ["c", "a"]);
    let counts: Vec<(usize, bool)> = marks
        .collections()
        .iter()
        .map(|c| (c.marks, c.current))
        .collect();
    assert_eq!(counts, [(2, true), (2, false)]);
    let unknown = marks.switch("Chapter 9").unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "no collection is named “Chapter 9”; the collections are “Marked”, “Chapter 2”"
    );
    assert_eq!(marks.current(), "Marked");
}

#[test]
fn delete_removes_a_collection_with_its_marks_and_says_so() {
    let mut marks = two_collections();
    marks.switch("Chapter 2").unwrap();
    marks.toggle("c", "Record C");
    marks.toggle("d", "Record D");
    marks.create("Empty").unwrap();
    let deleted = marks.delete("empty").unwrap();
    assert_eq!(deleted.to_string(), "Deleted the collection “Empty”");
    assert_eq!(marks.current(), "Chapter 2");
    // Deleting the current collection makes the default current.
    let deleted = marks.delete("chapter 2").unwrap();
    assert_eq!(
        deleted.to_string(),
        "Deleted the collection “Chapter 2” and its 2 marks"
    );
    assert_eq!(ids(&deleted.marks), ["c", "d"]);
    assert_eq!(marks.current(), "Marked");
    assert_eq!(ids(marks.list()), ["a", "b"]);
    assert_eq!(names(&marks), ["Marked"]);
}

#[test]
fn deleting_one_before_the_current_collection_keeps_the_current_one() {
    let mut marks = two_collections();
    marks.create("Third").unwrap();
    marks.switch("Third").unwrap();
    marks.toggle("t", "T");
    marks.delete("Chapter 2").unwrap();
    assert_eq!(marks.current(), "Third");
    assert_eq!(ids(marks.list()), ["t"]);
    assert_eq!(ids(marks.marks_in("Marked").unwrap()), ["a", "b"]);
}

#[test]
fn the_default_collection_cannot_be_deleted() {
    let mut marks = two_collections();
    marks.rename("Marked", "Reading").unwrap();
    let refused = marks.delete("reading").unwrap_err();
    assert_eq!(refused, Refusal::Default("Reading".into()));
    assert!(refused.to_string().contains("always kept"), "{refused}");
    assert_eq!(marks.list().len(), 2);
    assert!(matches!(marks.delete("gone"), Err(Refusal::Unknown { .. })));
}

#[test]
fn move_takes_a_mark_and_its_note_to_another_collection() {
    let mut marks = two_collections();
    marks.set_note("a", "for the introduction").unwrap();
    let moved = marks.move_mark("a", "chapter 2").unwrap();
    assert_eq!(moved.to_string(), "Moved “Record A” to “Chapter 2”");
    assert!(!moved.joined);
    assert_eq!(ids(marks.list()), ["b"]);
    let there = marks.marks_in("Chapter 2").unwrap();
    assert_eq!(there[0].note.as_deref(), Some("for the introduction"));
    assert_eq!(marks.current(), "Marked", "moving does not switch");
}

#[test]
fn moving_onto_the_same_record_joins_the_marks_without_losing_a_note() {
    let mut marks = two_collections();
    marks.switch("Chapter 2").unwrap();
    marks.toggle("a", "Record A");
    marks.toggle("b", "Record B");
    marks.set_note("b", "noted in chapter 2").unwrap();
    marks.switch("Marked").unwrap();
    // The note moves where there was none.
    marks.set_note("a", "noted in Marked").unwrap();
    let moved = marks.move_mark("a", "Chapter 2").unwrap();
    assert!(moved.joined);
    assert_eq!(
        moved.to_string(),
        "“Record A” was already in “Chapter 2”; it is now there only"
    );
    assert_eq!(marks.notes("a"), [("Chapter 2", "noted in Marked")]);
    // Two different notes: refused, nothing changes.
    marks.set_note("b", "noted in Marked").unwrap();
    let refused = marks.move_mark("b", "Chapter 2").unwrap_err();
    assert_eq!(
        refused,
        Refusal::NotesDiffer {
            id: "b".into(),
            collection: "Chapter 2".into()
        }
    );
    assert_eq!(ids(marks.list()), ["b"]);
    // The same note twice is no loss.
    marks.set_note("b", "noted in chapter 2").unwrap();
    assert!(marks.move_mark("b", "Chapter 2").unwrap().joined);
    assert!(marks.list().is_empty());
    assert_eq!(marks.collections()[1].marks, 2);
}

#[test]
fn move_refuses_the_same_collection_an_unknown_one_and_an_unmarked_record() {
    let mut marks = two_collections();
    assert_eq!(
        marks.move_mark("a", "marked"),
        Err(Refusal::SameCollection("Marked".into()))
    );
    assert!(matches!(
        marks.move_mark("a", "Chapter 3"),
        Err(Refusal::Unknown { .. })
    ));
    let refused = marks.move_mark("zzz", "Chapter 2").unwrap_err();
    assert_eq!(refused.to_string(), "`zzz` is not marked in “Marked”");
    assert_eq!(ids(marks.list()), ["a", "b"]);
}

#[test]
fn notes_are_one_line_capped_and_cleared_by_blank_text() {
    let mut marks = two_collections();
    assert_eq!(
        marks.set_note("a", "first line\r\nsecond\tline\u{1b}[31m red\u{85}end"),
        Ok(Some("first line second line [31m red end"))
    );
    assert_eq!(marks.note("a"), Some("first line second line [31m red end"));
    let long = "字".repeat(MAX_NOTE_CHARS + 1);
    assert_eq!(
        marks.set_note("a", &long),
        Err(Refusal::NoteTooLong {
            chars: MAX_NOTE_CHARS + 1
        })
    );
    assert_eq!(marks.note("a"), Some("first line second line [31m red end"));
    assert_eq!(marks.set_note("a", " \n "), Ok(None));
    assert_eq!(marks.note("a"), None);
    marks.set_note("b", "kept").unwrap();
    assert_eq!(marks.clear_note("b"), Ok(Some("kept".into())));
    assert_eq!(marks.clear_note("b"), Ok(None));
    assert_eq!(
        marks.set_note("c", "x"),
        Err(Refusal::NotMarked {
            id: "c".into(),
            collection: "Marked".into()
        })
    );
    assert!(marks.clear_note("c").is_err());
}

#[test]
fn unmarking_drops_the_note_with_the_mark() {
    let mut marks = two_collections();
    marks.set_note("a", "a note").unwrap();
    assert!(!marks.toggle("a", "Record A"));
    assert!(marks.toggle("a", "Record A"));
    assert_eq!(marks.note("a"), None);
}

#[test]
fn notes_of_a_record_are_found_in_every_collection() {
    let mut marks = two_collections();
    marks.set_note("a", "in Marked").unwrap();
    marks.switch("Chapter 2").unwrap();
    marks.toggle("a", "Record A");
    marks.set_note("a", "in chapter 2").unwrap();
    marks.toggle("b", "Record B");
    assert_eq!(
        marks.notes("a"),
        [("Marked", "in Marked"), ("Chapter 2", "in chapter 2")]
    );
    assert!(marks.notes("b").is_empty());
    assert!(marks.notes("nothing").is_empty());
}

#[test]
fn names_are_brought_up_to_date_in_every_collection() {
    let mut marks = two_collections();
    marks.switch("Chapter 2").unwrap();
    marks.toggle("a", "Old name");
    marks.update_names(|id| (id == "a").then_some("New name"));
    assert_eq!(marks.list()[0].name, "New name");
    assert_eq!(marks.marks_in("Marked").unwrap()[0].name, "New name");
    assert_eq!(marks.marks_in("Marked").unwrap()[1].name, "Record B");
}

#[test]
fn notes_with_cjk_and_hostile_text_survive_a_restart_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ngo-atlas").join(FILE_NAME);
    let mut marks = Marks::load(Some(&path));
    let notes = [
        "中国扶贫基金会：2019年的数据需要核对",
        "\u{202e}reversed\u{202c} and \u{2066}isolated\u{2069}",
        "quotes \" and \\ backslashes, {\"json\": true}, </script>",
        "emoji 👩‍🔬 and combining é, zero\u{200b}width",
        "ESC\u{1b}]52;c;ZXZpbA==\u{7} gone, DEL\u{7f} gone",
    ];
    let hostile_name = "Name\u{1b}[2J with \u{9b}C1 and \u{202e}bidi";
    for (i, note) in notes.iter().enumerate() {
        let id = format!("record-{i}");
        marks.toggle(&id, hostile_name);
        marks.set_note(&id, note).unwrap();
    }
    marks.create("第二章 · «sources»").unwrap();
    marks.switch("第二章 · «sources»").unwrap();
    marks.save().unwrap();
    let mut again = Marks::load(Some(&path));
    assert_eq!(again.take_problem(), None);
    assert_eq!(again.current(), "第二章 · «sources»");
    again.switch(DEFAULT_NAME).unwrap();
    for (i, note) in notes.iter().enumerate() {
        let kept = again.note(&format!("record-{i}")).unwrap();
        let expected = ngo_atlas::prefs::marks::one_line(note);
        assert_eq!(kept, expected);
        assert!(!kept.chars().any(char::is_control), "{kept:?}");
    }
    assert_eq!(
        again.note("record-0"),
        Some(notes[0]),
        "CJK is kept as typed"
    );
    assert_eq!(
        again.note("record-1"),
        Some(notes[1]),
        "bidi is kept, shown inert"
    );
    assert_eq!(
        again.list()[0].name,
        hostile_name,
        "record names are kept exactly"
    );
}

#[test]
fn refusals_are_printed_inert() {
    let marks = Marks::in_memory();
    let refused = marks.marks_in("\u{1b}]0;title\u{7}").unwrap_err();
    let text = refused.to_string();
    assert!(!text.contains('\u{1b}'), "{text:?}");
    let refused = Refusal::NotMarked {
        id: "\u{1b}[2J".into(),
        collection: "\u{202e}x".into(),
    };
    let text = refused.to_string();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
}

#[test]
fn changes_saved_by_the_thread_keep_a_corrupt_file_aside_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, "corrupt").unwrap();
    // What the explorer does: edit its marks, hand each change to the thread that saves.
    let mut shown = Marks::load(Some(&path));
    assert!(shown.take_problem().is_some());
    shown.toggle("a", "A");
    shown.create("Chapter 2").unwrap();
    shown.switch("Chapter 2").unwrap();
    shown.toggle("b", "B");
    let batch = shown.batch().unwrap();
    assert_eq!(batch.ops.len(), 4);
    shown.saved(sync::commit(&path, &batch.ops).unwrap());
    assert_eq!(shown.unsaved(), 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("marks.json.bad")).unwrap(),
        "corrupt"
    );
    let again = Marks::load(Some(&path));
    assert_eq!(again.collections(), shown.collections());
    assert_eq!(again.list(), shown.list());
    // Saved again, nothing more is set aside.
    shown.toggle("c", "C");
    let batch = shown.batch().unwrap();
    assert_eq!(batch.ops.len(), 1, "only what is new is handed over");
    shown.saved(sync::commit(&path, &batch.ops).unwrap());
    assert!(!dir.path().join("marks.json.bad.1").exists());
}

#[test]
fn a_window_with_an_old_copy_keeps_what_another_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut first = Marks::load(Some(&path));
    first.toggle("a", "A");
    first.toggle("b", "B");
    first.create("Chapter 2").unwrap();
    first.switch("Chapter 2").unwrap();
    first.toggle("c", "C");
    first.switch("Marked").unwrap();
    first.save().unwrap();
    let mut second = Marks::load(Some(&path));
    second.toggle("a", "A");
    second.toggle("z", "Z");
    second.save().unwrap();
    // The first window has not seen the second's changes, and marks another record.
    first.toggle("y", "Y");
    first.save().unwrap();
    let again = Marks::load(Some(&path));
    assert_eq!(ids(again.list()), ["b", "z", "y"]);
    assert_eq!(ids(again.marks_in("Chapter 2").unwrap()), ["c"]);
    // The first window now shows what the file holds.
    assert_eq!(ids(first.list()), ["b", "z", "y"]);
}

// ---------------------------------------------------------------------------------------------
// Several windows, undo, and saves that fail: the user's own work is never lost silently.

/// Two sets of marks over one file, as two explorers have them.
fn two_windows(dir: &tempfile::TempDir) -> (Marks, Marks, std::path::PathBuf) {
    let path = dir.path().join(FILE_NAME);
    (Marks::load(Some(&path)), Marks::load(Some(&path)), path)
}

#[test]
fn two_windows_marking_different_records_keep_both() {
    let dir = tempfile::tempdir().unwrap();
    let (mut one, mut two, path) = two_windows(&dir);
    one.toggle("wei-dandan", "Wei Dandan");
    one.save().unwrap();
    two.toggle("yunnan", "Yunnan");
    two.save().unwrap();
    one.toggle("amity-foundation", "Amity Foundation");
    one.save().unwrap();
    let read = Marks::read(&path).unwrap();
    assert_eq!(
        ids(read.list()),
        ["wei-dandan", "yunnan", "amity-foundation"]
    );
    // Each window shows what the file holds once it saved or read it again.
    assert_eq!(ids(one.list()), ids(read.list()));
    two.reread().unwrap();
    assert_eq!(ids(two.list()), ids(read.list()));
}

#[test]
fn the_later_note_is_kept_and_the_window_whose_note_lost_can_put_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut one, mut two, path) = two_windows(&dir);
    one.toggle("wei-dandan", "Wei Dandan");
    one.save().unwrap();
    two.reread().unwrap();
    one.set_note("wei-dandan", "check the 2019 figure").unwrap();
    assert!(one.save().unwrap().is_empty());
    // The second window has not seen that note, and writes its own.
    two.set_note("wei-dandan", "quoted in Xinhua").unwrap();
    let told = two.save().unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].contains("changed in another window to “check the 2019 figure”"),
        "{told:?}"
    );
    assert_eq!(
        Marks::read(&path).unwrap().note("wei-dandan"),
        Some("quoted in Xinhua")
    );
    // The first window hears of it, with its own note one undo away.
    let told = one.reread().unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].contains("“Wei Dandan” was changed in another window")
            && told[0].contains("yours (“check the 2019 figure”) is kept"),
        "{told:?}"
    );
    assert_eq!(one.note("wei-dandan"), Some("quoted in Xinhua"));
    assert!(one.undo().is_some());
    assert_eq!(one.note("wei-dandan"), Some("check the 2019 figure"));
    one.save().unwrap();
    assert_eq!(
        Marks::read(&path).unwrap().note("wei-dandan"),
        Some("check the 2019 figure")
    );
}

#[test]
fn a_note_removed_by_another_window_is_told_and_can_be_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut one, mut two, _) = two_windows(&dir);
    one.toggle("wei-dandan", "Wei Dandan");
    one.set_note("wei-dandan", "mine").unwrap();
    one.save().unwrap();
    two.reread().unwrap();
    two.toggle("wei-dandan", "Wei Dandan");
    two.save().unwrap();
    let told = one.reread().unwrap();
    assert!(
        told.len() == 1 && told[0].contains("was unmarked in another window"),
        "{told:?}"
    );
    assert!(one.list().is_empty());
    one.undo().unwrap();
    assert_eq!(one.note("wei-dandan"), Some("mine"));
}

#[test]
fn unmarking_a_noted_record_is_undone_with_its_note_and_redone() {
    let mut marks = Marks::in_memory();
    marks.toggle("a", "A");
    marks.toggle("wei-dandan", "Wei Dandan");
    marks.set_note("wei-dandan", "her own words").unwrap();
    marks.toggle("b", "B");
    assert!(!marks.toggle("wei-dandan", "Wei Dandan"));
    assert_eq!(
        marks.undo().as_deref(),
        Some("Restored the mark on “Wei Dandan” and its note")
    );
    // Back in its place, with its note.
    assert_eq!(ids(marks.list()), ["a", "wei-dandan", "b"]);
    assert_eq!(marks.note("wei-dandan"), Some("her own words"));
    assert_eq!(
        marks.redo().as_deref(),
        Some("Removed the mark on “Wei Dandan”")
    );
    assert_eq!(ids(marks.list()), ["a", "b"]);
    assert_eq!(marks.redo(), None, "nothing more to redo");
    marks.undo().unwrap();
    // A new change after an undo drops what could have been redone.
    marks.toggle("c", "C");
    assert_eq!(marks.redo(), None);
}

#[test]
fn every_change_since_the_start_is_undone_a_hundred_steps_and_more() {
    let mut marks = Marks::in_memory();
    marks.create("Chapter 2").unwrap();
    for i in 0..150 {
        let id = format!("r{i}");
        marks.toggle(&id, &id);
        marks.set_note(&id, &format!("note {i}")).unwrap();
    }
    marks.rename("Chapter 2", "Chapter Two").unwrap();
    let full = marks.clone();
    let mut steps = 0;
    while marks.undo().is_some() {
        steps += 1;
    }
    assert_eq!(steps, 302);
    assert!(marks.list().is_empty());
    assert_eq!(names(&marks), [DEFAULT_NAME]);
    while marks.redo().is_some() {}
    assert_eq!(marks.collections(), full.collections());
    assert_eq!(marks.list(), full.list());
}

#[test]
fn a_deleted_collection_comes_back_with_its_marks_and_notes() {
    let mut marks = two_collections();
    marks.switch("Chapter 2").unwrap();
    marks.toggle("c", "C");
    marks.set_note("c", "for the chapter").unwrap();
    marks.toggle("d", "D");
    marks.create("Chapter 3").unwrap();
    let deleted = marks.delete("Chapter 2").unwrap();
    assert_eq!(deleted.marks.len(), 2);
    assert_eq!(names(&marks), [DEFAULT_NAME, "Chapter 3"]);
    assert_eq!(
        marks.undo().as_deref(),
        Some("Restored the collection “Chapter 2” and its 2 marks")
    );
    assert_eq!(names(&marks), [DEFAULT_NAME, "Chapter 2", "Chapter 3"]);
    assert_eq!(ids(marks.marks_in("Chapter 2").unwrap()), ["c", "d"]);
    marks.switch("Chapter 2").unwrap();
    assert_eq!(marks.note("c"), Some("for the chapter"));
}

#[test]
fn a_move_is_undone_to_where_the_mark_was() {
    let mut marks = two_collections();
    marks.set_note("a", "moving").unwrap();
    marks.move_mark("a", "Chapter 2").unwrap();
    assert_eq!(ids(marks.list()), ["b"]);
    marks.undo().unwrap();
    assert_eq!(ids(marks.list()), ["a", "b"]);
    assert_eq!(marks.note("a"), Some("moving"));
    assert!(marks.marks_in("Chapter 2").unwrap().is_empty());
}

#[test]
fn a_save_that_fails_keeps_every_change_for_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    // The marks' folder is a file.
    let blocker = dir.path().join("ngo-atlas");
    std::fs::write(&blocker, "").unwrap();
    let path = blocker.join(FILE_NAME);
    let mut marks = Marks::load(Some(&path));
    marks.toggle("a", "A");
    marks.set_note("a", "kept").unwrap();
    let why = marks.save().unwrap_err();
    assert!(why.contains(&blocker.display().to_string()), "{why}");
    assert_eq!(marks.unsaved(), 2);
    assert_eq!(marks.note("a"), Some("kept"));
    // Once the folder can be made, the next save writes them all.
    std::fs::remove_file(&blocker).unwrap();
    marks.save().unwrap();
    assert_eq!(marks.unsaved(), 0);
    assert_eq!(Marks::read(&path).unwrap().note("a"), Some("kept"));
}

#[test]
fn a_lock_held_too_long_is_a_failure_in_words_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let lock = std::fs::File::create(dir.path().join("marks.json.lock")).unwrap();
    lock.lock().unwrap();
    let mut marks = Marks::load(Some(&path));
    marks.toggle("a", "A");
    let why = marks.save().unwrap_err();
    assert!(why.contains("held the lock"), "{why}");
    assert_eq!(marks.unsaved(), 1);
    drop(lock);
    marks.save().unwrap();
    assert_eq!(ids(Marks::read(&path).unwrap().list()), ["a"]);
}

/// A marks file as another tool might write it: `count` marks in the default collection, each
/// with `note` if given.
fn file_of(count: usize, note: Option<&str>) -> String {
    let marks: Vec<String> = (0..count)
        .map(|i| {
            let note = note.map_or(String::new(), |n| format!(r#","note":"{n}""#));
            format!(
                r#"{{"id":"organization-{i:06}","name":"Foundation for Poverty Alleviation in Rural Areas"{note}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"version":2,"current":"Marked","collections":[{{"name":"Marked","marks":[{}]}}]}}"#,
        marks.join(",")
    )
}

#[test]
fn a_hundred_and_fifty_thousand_marks_are_written_small_enough_to_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, file_of(150_000, None)).unwrap();
    let mut marks = Marks::load(Some(&path));
    assert_eq!(marks.take_problem(), None);
    marks.toggle("one-more", "One more");
    marks.save().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(
        size < ngo_atlas::data::limits::MAX_MARKS_BYTES,
        "{size} bytes written"
    );
    let mut again = Marks::load(Some(&path));
    assert_eq!(again.take_problem(), None);
    assert_eq!(again.list().len(), 150_001);
}

#[test]
fn a_change_that_would_make_the_file_too_large_to_read_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    // Just under the 16 MiB a marks file may hold, as read and as written.
    let note = "n".repeat(400);
    let file = file_of(33_600, Some(&note));
    assert!(file.len() < ngo_atlas::data::limits::MAX_MARKS_BYTES as usize);
    std::fs::write(&path, &file).unwrap();
    let mut marks = Marks::load(Some(&path));
    assert_eq!(marks.take_problem(), None);
    for i in 0..40 {
        let id = format!("more-{i}");
        marks.toggle(&id, &id);
        marks.set_note(&id, &"m".repeat(MAX_NOTE_CHARS)).unwrap();
    }
    let why = marks.save().unwrap_err();
    assert!(why.contains("a marks file may hold"), "{why}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        file,
        "left as it was"
    );
    assert_eq!(marks.unsaved(), 80, "every change is kept");
}

#[cfg(unix)]
#[test]
fn a_symlinked_marks_file_stays_a_link_and_its_target_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let synced = dir.path().join("synced");
    std::fs::create_dir(&synced).unwrap();
    let target = synced.join("marks.json");
    std::fs::write(&target, r#"{"version": 2, "current": "Marked", "collections": [{"name": "Marked", "marks": [{"id": "a", "name": "A"}]}]}"#).unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let link = config.join(FILE_NAME);
    std::os::unix::fs::symlink("../synced/marks.json", &link).unwrap();
    let mut marks = Marks::load(Some(&link));
    marks.toggle("b", "B");
    marks.save().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is kept"
    );
    assert_eq!(ids(Marks::read(&target).unwrap().list()), ["a", "b"]);
}

/// The full-disk test's child: writes can grow no file past 16 bytes (`RLIMIT_FSIZE`, with
/// `SIGXFSZ` ignored so that a write fails instead of ending the process), as on a full disk.
#[cfg(unix)]
fn full_disk_child(path: &std::path::Path) {
    // SAFETY: single calls to set this process's own limits and signal disposition.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit {
            rlim_cur: 16,
            rlim_max: 16,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
    let mut marks = Marks::load(Some(path));
    assert!(marks.take_problem().is_some(), "the file needs repair");
    marks.toggle("b", "B");
    let why = marks.save().unwrap_err();
    assert_eq!(marks.unsaved(), 1);
    println!("NOT SAVED: {why}");
}

/// This module's path in the test binary, as `--exact` wants a test's name.
#[cfg(unix)]
const THIS_FILE: &str = "marks";

#[cfg(unix)]
#[test]
fn a_repair_on_a_full_disk_leaves_the_old_file_where_it_was() {
    const CHILD: &str = "NGO_ATLAS_FULL_DISK_CHILD";
    if let Some(path) = std::env::var_os(CHILD) {
        full_disk_child(std::path::Path::new(&path));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    // Two collections of one name: read with a repair, so the original is to be kept aside.
    let original = r#"{"version": 2, "current": "A", "collections": [{"name": "Marked", "marks": [{"id": "a", "name": "A"}]}, {"name": "A", "marks": []}, {"name": "a", "marks": []}]}"#;
    std::fs::write(&path, original).unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &format!("{THIS_FILE}::a_repair_on_a_full_disk_leaves_the_old_file_where_it_was"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("NOT SAVED: cannot write"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "marks.json.lock")
        .collect();
    assert_eq!(left, [FILE_NAME], "no temporary file, nothing set aside");
}

/// What one of two windows does in the interleaving test.
#[derive(Debug, Clone)]
enum Act {
    /// `m` on record `i` (`r0`…`r4`): marks it, or unmarks it if marked in this window's view.
    Toggle(usize),
    /// Writes note `n` on record `i` if marked in this window's view.
    Note(usize, usize),
    ClearNote(usize),
    Save,
    /// Sees what the other window wrote.
    Reread,
}

fn act() -> impl proptest::strategy::Strategy<Value = (bool, Act)> {
    use proptest::prelude::*;
    let act = prop_oneof![
        3 => (0..5usize).prop_map(Act::Toggle),
        2 => (0..5usize, 0..3usize).prop_map(|(i, n)| Act::Note(i, n)),
        1 => (0..5usize).prop_map(Act::ClearNote),
        2 => Just(Act::Save),
        1 => Just(Act::Reread),
    ];
    (any::<bool>(), act)
}

/// What the user meant, as the file should hold it: a record's mark and its note, applied in
/// the order the windows saved.
#[derive(Debug, Clone)]
enum Meant {
    Mark(String),
    Unmark(String),
    Note(String, Option<String>),
}

fn carry_out(file: &mut std::collections::BTreeMap<String, Option<String>>, meant: Vec<Meant>) {
    for m in meant {
        match m {
            Meant::Mark(id) => {
                file.entry(id).or_insert(None);
            }
            Meant::Unmark(id) => {
                file.remove(&id);
            }
            Meant::Note(id, note) => {
                file.insert(id, note);
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Two windows over one file, their changes and saves interleaved at random: the file ends
    /// with every mark and note that was made and not deliberately removed (a later change to
    /// the same note wins), whatever the order.
    #[test]
    fn interleaved_windows_lose_no_mark_and_no_note(acts in proptest::collection::vec(act(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let (one, two, path) = two_windows(&dir);
        let mut windows = [one, two];
        let mut meant: [Vec<Meant>; 2] = [Vec::new(), Vec::new()];
        let mut file = std::collections::BTreeMap::new();
        let notes = ["first", "second", "third"];
        for (second, act) in acts.into_iter().chain([(false, Act::Save), (true, Act::Save)]) {
            let w = usize::from(second);
            let marks = &mut windows[w];
            match act {
                Act::Toggle(i) => {
                    let id = format!("r{i}");
                    meant[w].push(if marks.toggle(&id, &id) {
                        Meant::Mark(id)
                    } else {
                        Meant::Unmark(id)
                    });
                }
                Act::Note(i, n) => {
                    let id = format!("r{i}");
                    // Writing the note it already shows changes nothing.
                    let new = marks.note(&id) != Some(notes[n]);
                    if marks.set_note(&id, notes[n]).is_ok() && new {
                        meant[w].push(Meant::Note(id, Some(notes[n].to_string())));
                    }
                }
                Act::ClearNote(i) => {
                    let id = format!("r{i}");
                    if let Ok(Some(_)) = marks.clear_note(&id) {
                        meant[w].push(Meant::Note(id, None));
                    }
                }
                Act::Save => {
                    marks.save().unwrap();
                    carry_out(&mut file, std::mem::take(&mut meant[w]));
                }
                Act::Reread => {
                    marks.reread().unwrap();
                }
            }
        }
        let read = Marks::read(&path).unwrap();
        let got: std::collections::BTreeMap<String, Option<String>> = read
            .list()
            .iter()
            .map(|m| (m.id.clone(), m.note.clone()))
            .collect();
        proptest::prop_assert_eq!(got, file);
    }
}
