//! Collections of marks through the library API the explorer calls: every operation, every
//! refusal and its words, notes with CJK and hostile text through a restart, and the
//! explorer's own use (`list`, `toggle`, `position`) still working beside collections.

use ngo_atlas::marks::{
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
    assert!(marks.list.is_empty());
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
    assert_eq!(marks.list.len(), 2);
}

#[test]
fn switch_makes_list_the_other_collections_marks() {
    let mut marks = two_collections();
    marks.switch("chapter 2").unwrap();
    assert_eq!(marks.current(), "Chapter 2");
    assert!(marks.list.is_empty());
    assert_eq!(marks.position("a"), None);
    assert!(marks.toggle("c", "Record C"));
    assert!(
        marks.toggle("a", "Record A"),
        "a record may be in two collections"
    );
    assert_eq!(ids(&marks.list), ["c", "a"]);
    assert_eq!(ids(marks.marks_in("Marked").unwrap()), ["a", "b"]);
    marks.switch("MARKED").unwrap();
    assert_eq!(ids(&marks.list), ["a", "b"]);
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
    assert_eq!(ids(&marks.list), ["a", "b"]);
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
    assert_eq!(ids(&marks.list), ["t"]);
    assert_eq!(ids(marks.marks_in("Marked").unwrap()), ["a", "b"]);
}

#[test]
fn the_default_collection_cannot_be_deleted() {
    let mut marks = two_collections();
    marks.rename("Marked", "Reading").unwrap();
    let refused = marks.delete("reading").unwrap_err();
    assert_eq!(refused, Refusal::Default("Reading".into()));
    assert!(refused.to_string().contains("always kept"), "{refused}");
    assert_eq!(marks.list.len(), 2);
    assert!(matches!(marks.delete("gone"), Err(Refusal::Unknown { .. })));
}

#[test]
fn move_takes_a_mark_and_its_note_to_another_collection() {
    let mut marks = two_collections();
    marks.set_note("a", "for the introduction").unwrap();
    let moved = marks.move_mark("a", "chapter 2").unwrap();
    assert_eq!(moved.to_string(), "Moved “Record A” to “Chapter 2”");
    assert!(!moved.joined);
    assert_eq!(ids(&marks.list), ["b"]);
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
    assert_eq!(ids(&marks.list), ["b"]);
    // The same note twice is no loss.
    marks.set_note("b", "noted in chapter 2").unwrap();
    assert!(marks.move_mark("b", "Chapter 2").unwrap().joined);
    assert!(marks.list.is_empty());
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
    assert_eq!(ids(&marks.list), ["a", "b"]);
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
    assert_eq!(marks.list[0].name, "New name");
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
        let expected = ngo_atlas::marks::one_line(note);
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
        again.list[0].name, hostile_name,
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
fn the_saving_thread_takes_the_newest_marks_and_keeps_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, "corrupt").unwrap();
    // What the explorer does: one copy to edit, one for the thread that saves.
    let mut shown = Marks::load(Some(&path));
    assert!(shown.take_problem().is_some());
    let mut saver = shown.clone();
    shown.toggle("a", "A");
    shown.create("Chapter 2").unwrap();
    shown.switch("Chapter 2").unwrap();
    shown.toggle("b", "B");
    saver.adopt(shown.clone());
    saver.save().unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("marks.json.bad")).unwrap(),
        "corrupt"
    );
    let again = Marks::load(Some(&path));
    assert_eq!(again.collections(), shown.collections());
    assert_eq!(again.list, shown.list);
    // Saved again, nothing more is set aside.
    saver.adopt(shown.clone());
    saver.save().unwrap();
    assert!(!dir.path().join("marks.json.bad.1").exists());
}

#[test]
fn the_explorer_s_direct_use_of_list_keeps_other_collections() {
    // Today's explorer edits `list` and sends it to the saving thread, which puts it into its
    // own copy loaded at start-up: the other collections must survive that.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut marks = two_collections();
    marks.switch("Chapter 2").unwrap();
    marks.toggle("c", "C");
    marks.switch("Marked").unwrap();
    let mut on_disk = Marks::load(Some(&path));
    on_disk.adopt(marks);
    on_disk.save().unwrap();
    let mut saver = Marks::load(Some(&path));
    let mut list = saver.list.clone();
    list.remove(0);
    list.push(Mark::new("z", "Z"));
    saver.list = list;
    saver.save().unwrap();
    let again = Marks::load(Some(&path));
    assert_eq!(ids(&again.list), ["b", "z"]);
    assert_eq!(ids(again.marks_in("Chapter 2").unwrap()), ["c"]);
}
