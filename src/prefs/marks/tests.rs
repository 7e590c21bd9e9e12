//! The marks file: saving and loading, what is kept aside, and the format (version 1 read into
//! the default collection, version 2 written, hand-made mistakes repaired). The collection
//! operations are tested through the public API in `tests/it/marks.rs`.

use super::*;

#[test]
fn marks_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deeper").join(FILE_NAME);
    let mut marks = Marks::load(Some(&path));
    assert!(marks.list().is_empty());
    assert_eq!(marks.take_problem(), None);
    assert!(marks.toggle("amity-foundation", "Amity Foundation"));
    assert!(marks.toggle("tan-weiping", "Tan Weiping"));
    marks.save().unwrap();
    let again = Marks::load(Some(&path));
    assert_eq!(again.list(), marks.list());
    // Nothing but the file and its lock is left behind.
    assert_eq!(
        files_in(path.parent().unwrap()),
        [FILE_NAME, "marks.json.lock"]
    );
}

#[test]
fn marking_twice_unmarks() {
    let mut marks = Marks::in_memory();
    assert!(marks.toggle("a", "A"));
    assert!(!marks.toggle("a", "A"));
    assert!(marks.list().is_empty());
    marks.save().unwrap();
}

#[test]
fn a_corrupt_file_is_reported_ignored_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, "{ not json").unwrap();
    let mut marks = Marks::load(Some(&path));
    assert!(marks.list().is_empty());
    let problem = marks.take_problem().unwrap();
    assert!(problem.contains("not a marks file"), "{problem}");
    assert_eq!(marks.take_problem(), None);
    marks.toggle("a", "A");
    marks.save().unwrap();
    let bad = dir.path().join(format!("{FILE_NAME}.bad"));
    assert_eq!(std::fs::read_to_string(bad).unwrap(), "{ not json");
    assert_eq!(Marks::load(Some(&path)).list.len(), 1);
}

#[test]
fn every_file_set_aside_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    for n in 0..3 {
        std::fs::write(&path, format!("corrupt {n}")).unwrap();
        let mut marks = Marks::load(Some(&path));
        assert!(marks.take_problem().is_some());
        marks.toggle("a", "A");
        marks.save().unwrap();
    }
    let kept = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(kept("marks.json.bad"), "corrupt 0");
    assert_eq!(kept("marks.json.bad.1"), "corrupt 1");
    assert_eq!(kept("marks.json.bad.2"), "corrupt 2");
}

#[cfg(unix)]
#[test]
fn a_planted_link_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    // The old predictable temporary name, linked to another file.
    let planted = dir
        .path()
        .join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let mut marks = Marks::load(Some(&dir.path().join(FILE_NAME)));
    marks.toggle("a", "A");
    marks.save().unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join(FILE_NAME))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "readable by its owner only: {mode:o}");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join(FILE_NAME);
    crate::ingest::safe_file::at::mkfifo(&fifo).expect("mkfifo");
    let mut marks = Marks::load(Some(&fifo));
    let problem = marks.take_problem().unwrap();
    assert!(
        problem.contains("not a plain file but a named pipe; it will be set aside"),
        "{problem}"
    );
    // A command that only reads the marks does not set anything aside, and says so.
    let problem = Marks::read(&fifo).unwrap_err();
    assert!(
        problem.ends_with("a named pipe; ngo-atlas leaves it alone"),
        "{problem}"
    );
    let mut marks = Marks::load(Some(Path::new("/dev/zero")));
    let problem = marks.take_problem().unwrap();
    assert!(problem.contains("a device"), "{problem}");
}

#[test]
fn an_unwritable_place_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let mut marks = Marks::load(Some(&blocker.join(FILE_NAME)));
    marks.toggle("a", "A");
    assert!(marks.save().is_err());
}

const V1: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/marks/v1.json"
));

#[test]
fn a_version_1_file_is_read_into_the_default_collection_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, V1).unwrap();
    let mut marks = Marks::load(Some(&path));
    assert_eq!(marks.take_problem(), None);
    assert_eq!(marks.current(), DEFAULT_NAME);
    assert_eq!(marks.collections().len(), 1);
    let ids: Vec<(&str, &str)> = marks
        .list
        .iter()
        .map(|m| (m.id.as_str(), m.name.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("amity-foundation", "Amity Foundation"),
            ("tan-weiping", "Tan Weiping"),
            ("no-longer-here", "中国扶贫基金会 (since removed)"),
            (
                "china-daily-2019-belt-road",
                "China Daily (2019): NGOs foster goodwill, emotional ties along Belt, Road"
            ),
        ]
    );
    assert!(marks.list().iter().all(|m| m.note.is_none()));
    // Saved as version 2, nothing set aside, and read back the same.
    marks.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"version\":2"), "{text}");
    assert!(text.contains("\"current\":\"Marked\""), "{text}");
    assert!(!text.contains("note"), "no empty notes are written: {text}");
    let again = Marks::load(Some(&path));
    assert_eq!(again.list(), marks.list());
    assert_eq!(files_in(dir.path()), [FILE_NAME, "marks.json.lock"]);
}

/// The names of the files in a folder, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn collections_notes_and_the_current_one_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut marks = Marks::load(Some(&path));
    marks.toggle("amity-foundation", "Amity Foundation");
    marks.create("Chapter 2").unwrap();
    marks.create("Sources").unwrap();
    marks.switch("chapter 2").unwrap();
    marks.toggle("tan-weiping", "Tan Weiping");
    marks
        .set_note("tan-weiping", "谈维平 · check the 2019 \"speech\"")
        .unwrap();
    marks.save().unwrap();
    let mut again = Marks::load(Some(&path));
    assert_eq!(again.take_problem(), None);
    assert_eq!(again.current(), "Chapter 2");
    assert_eq!(again.collections(), marks.collections());
    assert_eq!(
        again.note("tan-weiping"),
        Some("谈维平 · check the 2019 \"speech\"")
    );
    assert_eq!(again.marks_in("marked").unwrap()[0].id, "amity-foundation");
}

#[test]
fn a_future_version_is_set_aside_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let future = r#"{"version": 3, "collections": [], "tags": ["x"]}"#;
    std::fs::write(&path, future).unwrap();
    let mut marks = Marks::load(Some(&path));
    let problem = marks.take_problem().unwrap();
    assert!(problem.contains("is version 3 of the format"), "{problem}");
    assert!(problem.contains("reads versions 1 and 2"), "{problem}");
    assert!(marks.list().is_empty());
    assert!(Marks::read(&path).is_err(), "read-only use is refused too");
    marks.toggle("a", "A");
    marks.save().unwrap();
    let kept = std::fs::read_to_string(dir.path().join("marks.json.bad")).unwrap();
    assert_eq!(kept, future);
}

#[test]
fn a_field_this_version_does_not_know_is_not_dropped_by_a_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let text = r#"{"version": 2, "current": "Marked", "collections": [
        {"name": "Marked", "colour": "red", "marks": []}]}"#;
    std::fs::write(&path, text).unwrap();
    let mut marks = Marks::load(Some(&path));
    let problem = marks.take_problem().unwrap();
    assert!(problem.contains("unknown field `colour`"), "{problem}");
    marks.save().unwrap();
    let kept = std::fs::read_to_string(dir.path().join("marks.json.bad")).unwrap();
    assert_eq!(kept, text);
}

#[test]
fn a_hand_edited_file_is_repaired_and_its_original_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let text = r#"{"version": 2, "current": "nowhere", "collections": [
        {"name": "Marked", "marks": [
            {"id": "a", "name": "A", "note": "two\nlines"},
            {"id": "a", "name": "A", "note": "the duplicate's note"},
            {"id": "b", "name": "B", "note": "  "}]},
        {"name": "marked", "marks": []},
        {"name": "", "marks": []},
        {"name": "Tab\there", "marks": []}]}"#;
    std::fs::write(&path, text).unwrap();
    let mut marks = Marks::load(Some(&path));
    let problem = marks.take_problem().unwrap();
    assert!(problem.starts_with("Marks in "), "{problem}");
    assert!(
        problem.contains("“marked” is now “marked (2)”"),
        "{problem}"
    );
    assert!(problem.contains("and 3 more"), "{problem}");
    assert!(problem.contains("kept as marks.json.bad"), "{problem}");
    let names: Vec<&str> = marks.collections().iter().map(|c| c.name).collect();
    assert_eq!(names, ["Marked", "marked (2)", "Unnamed", "Tab here"]);
    assert_eq!(marks.current(), "Marked");
    assert_eq!(marks.list().len(), 2, "{:?}", marks.list());
    assert_eq!(marks.note("a"), Some("two lines"));
    assert_eq!(marks.note("b"), None, "a blank note is no note");
    // Read-only use reads the repaired marks and says so, writing nothing.
    let mut read = Marks::read(&path).unwrap();
    assert!(read.take_problem().is_some());
    assert_eq!(read.list(), marks.list());
    marks.save().unwrap();
    let kept = std::fs::read_to_string(dir.path().join("marks.json.bad")).unwrap();
    assert_eq!(kept, text);
    let mut again = Marks::load(Some(&path));
    assert_eq!(
        again.take_problem(),
        None,
        "the repaired file needs no repair"
    );
}

#[test]
fn a_version_2_file_with_no_collections_gets_the_default() {
    let text = r#"{"version": 2, "current": "Marked", "collections": []}"#;
    let read = file::parse(text).ok().unwrap();
    assert_eq!(read.shelf, vec![Collection::new(DEFAULT_NAME)]);
    assert_eq!(read.current, 0);
    assert_eq!(read.repairs.len(), 1, "{:?}", read.repairs);
}

#[test]
fn the_current_collection_is_found_by_its_exact_name_first() {
    let text = r#"{"version": 2, "current": "b", "collections": [
        {"name": "Marked", "marks": []}, {"name": "B", "marks": []}, {"name": "b", "marks": []}]}"#;
    let read = file::parse(text).ok().unwrap();
    assert_eq!(read.shelf[read.current].name, "b (2)");
    let text = r#"{"version": 2, "current": "CHAPTER  2", "collections": [
        {"name": "Marked", "marks": []}, {"name": "Chapter 2", "marks": []}]}"#;
    let read = file::parse(text).ok().unwrap();
    assert_eq!(read.current, 1);
    assert!(read.repairs.is_empty(), "{:?}", read.repairs);
}

#[test]
fn a_name_made_unique_stays_within_the_cap() {
    let long = "n".repeat(MAX_NAME_CHARS + 10);
    let text = format!(
        r#"{{"version": 2, "current": "Marked", "collections": [
        {{"name": "Marked", "marks": []}}, {{"name": "{long}", "marks": []}},
        {{"name": "{long}", "marks": []}}]}}"#
    );
    let read = file::parse(&text).ok().unwrap();
    let names: Vec<&str> = read.shelf.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names[1], "n".repeat(MAX_NAME_CHARS));
    assert_eq!(names[2], format!("{} (2)", "n".repeat(MAX_NAME_CHARS - 4)));
    assert!(names.iter().all(|n| n.chars().count() <= MAX_NAME_CHARS));
}

#[test]
fn the_written_file_reads_back_exactly() {
    let mut marks = Marks::in_memory();
    marks.toggle("x", "\u{1b}]52;c;evil\u{7} \u{202e}name");
    marks
        .set_note("x", "note \u{202e} with bidi, 中文 and \"quotes\"")
        .unwrap();
    marks.create("第二章").unwrap();
    let text = file::write(&marks).unwrap();
    let read = file::parse(&text).ok().unwrap();
    assert!(read.repairs.is_empty(), "{:?}", read.repairs);
    assert_eq!(read.shelf[0].marks, marks.list());
    assert_eq!(read.shelf[1].name, "第二章");
}

#[test]
fn a_thousand_collections_of_one_name_are_repaired_in_linear_work() {
    // Before, each name was compared with every earlier one for every number tried: a 28 KB
    // file of 1,000 collections named alike took 20 s before the first frame.
    let collections: Vec<String> = (0..MAX_COLLECTIONS)
        .map(|_| r#"{"name": "Chapter", "marks": []}"#.to_string())
        .collect();
    let text = format!(
        r#"{{"version": 2, "current": "Chapter", "collections": [{}]}}"#,
        collections.join(",")
    );
    file::PROBES.with(|p| p.set(0));
    let Ok(read) = file::parse(&text) else {
        panic!("read");
    };
    let probes = file::PROBES.with(|p| p.get());
    assert!(probes < 2 * MAX_COLLECTIONS, "{probes} names tried");
    assert_eq!(read.shelf.len(), MAX_COLLECTIONS);
    assert_eq!(read.shelf[999].name, "Chapter (1000)");
    // One more collection than may be kept: the file is not read (and so is kept aside).
    let more = format!(
        r#"{{"version": 2, "current": "Chapter", "collections": [{}, {{"name": "x", "marks": []}}]}}"#,
        collections.join(",")
    );
    assert!(file::parse(&more).is_err());
}
