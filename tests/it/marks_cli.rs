//! `ngo-atlas marks` and `ngo-atlas cite --marked`, run as a user would run them, on a marks
//! file made through the library as the explorer makes it. The bibliography of a collection in
//! every style is compared with the reviewed snapshots in `tests/golden/collections/`; after an
//! intended change, `cargo insta review` (or `INSTA_UPDATE=always cargo test --test it marks_cli::`) and read
//! the diff.

use crate::pty;

use ngo_atlas::prefs::marks::{FILE_NAME, Marks};
use ngo_atlas::query::cite::Style;
use pty::Session;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A private home whose data directory holds the marks file.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn marks_file(&self) -> PathBuf {
        self.dir.path().join("data/ngo-atlas").join(FILE_NAME)
    }

    /// Runs ngo-atlas with this home; no real settings or marks are read.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = crate::common::ngo_atlas()
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("NGO_ATLAS_CONFIG")
            .output()
            .expect("run ngo-atlas");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }
}

/// The records of a chapter: a person, a statistic, an organization and a source of the
/// built-in dataset, and one mark whose record has since left it.
const CHAPTER: &[(&str, &str)] = &[
    ("tan-weiping", "Tan Weiping"),
    ("people-in-poverty-2019", "People in poverty, 2019"),
    ("amity-foundation", "Amity Foundation"),
    ("no-longer-here", "中国扶贫基金会 (since removed)"),
    ("china-daily-2019-belt-road", "China Daily (2019)"),
];

/// The default collection with one marked record and a note; "Chapter 2", current, with the
/// chapter's records; an empty "Later".
fn home_with_collections() -> Home {
    let home = Home::new();
    let mut marks = Marks::load(Some(&home.marks_file()));
    marks.toggle("amity-foundation", "Amity Foundation");
    marks
        .set_note("amity-foundation", "爱德基金会 · founded 1985?")
        .unwrap();
    marks.create("Chapter 2").unwrap();
    marks.create("Later").unwrap();
    marks.switch("Chapter 2").unwrap();
    for (id, name) in CHAPTER {
        marks.toggle(id, name);
    }
    marks
        .set_note("tan-weiping", "quoted at the 2020 \"side event\"")
        .unwrap();
    marks.save().unwrap();
    home
}

#[test]
fn marks_lists_every_collection_with_notes_and_missing_records() {
    let home = home_with_collections();
    let out = home.ok(&["marks"]);
    let expected = "\
Marked: 1 mark
  amity-foundation  Amity Foundation (organization)
      note: 爱德基金会 · founded 1985?

Chapter 2 (current): 5 marks
  tan-weiping  Tan Weiping (person)
      note: quoted at the 2020 \"side event\"
  people-in-poverty-2019  People in poverty in China, end of 2019 (statistic)
  amity-foundation  Amity Foundation (organization)
  no-longer-here  中国扶贫基金会 (since removed): missing from this dataset
  china-daily-2019-belt-road  China Daily (2019): NGOs foster goodwill, emotional ties along Belt, Road (source)

Later: no marks
";
    assert_eq!(out, expected);
}

#[test]
fn marks_collection_lists_one_collection_named_in_any_case() {
    let home = home_with_collections();
    let out = home.ok(&["marks", "--collection", "MARKED"]);
    assert!(out.starts_with("Marked: 1 mark\n"), "{out}");
    assert!(!out.contains("Chapter 2"), "{out}");
    assert_eq!(
        home.ok(&["marks", "--collection", "later"]),
        "Later: no marks\n"
    );
}

#[test]
fn marks_json_has_every_collection_mark_and_note() {
    let home = home_with_collections();
    let out = home.ok(&["marks", "--json"]);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["current"], "Chapter 2");
    assert_eq!(
        v["file"].as_str(),
        Some(home.marks_file().to_string_lossy().as_ref())
    );
    let collections = v["collections"].as_array().unwrap();
    let names: Vec<&str> = collections
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Marked", "Chapter 2", "Later"]);
    assert_eq!(collections[0]["default"], true);
    assert_eq!(collections[1]["current"], true);
    assert_eq!(collections[1]["default"], false);
    let marks = collections[1]["marks"].as_array().unwrap();
    assert_eq!(marks.len(), CHAPTER.len());
    assert_eq!(marks[0]["id"], "tan-weiping");
    assert_eq!(marks[0]["kind"], "person");
    assert_eq!(marks[0]["note"], "quoted at the 2020 \"side event\"");
    assert_eq!(marks[0]["missing"], false);
    assert_eq!(marks[3]["id"], "no-longer-here");
    assert_eq!(marks[3]["missing"], true);
    assert_eq!(marks[3]["kind"], Value::Null);
    assert_eq!(marks[3]["name"], "中国扶贫基金会 (since removed)");
    assert_eq!(marks[1]["note"], Value::Null);
    let only = home.ok(&["marks", "--json", "--collection", "marked"]);
    let only: Value = serde_json::from_str(&only).unwrap();
    assert_eq!(only["collections"].as_array().unwrap().len(), 1);
    assert_eq!(
        only["collections"][0]["marks"][0]["note"],
        "爱德基金会 · founded 1985?"
    );
}

#[test]
fn an_unknown_collection_exits_1_naming_the_collections() {
    let home = home_with_collections();
    for args in [
        &["marks", "--collection", "Chapter 3"][..],
        &["cite", "--marked", "--collection", "Chapter 3"][..],
    ] {
        let (code, out, err) = home.run(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(out.is_empty(), "{out}");
        assert_eq!(
            err,
            "ngo-atlas: no collection is named “Chapter 3”; the collections are “Marked”, \
             “Chapter 2”, “Later”\n"
        );
    }
}

#[test]
fn without_a_marks_file_there_is_the_default_collection_empty() {
    let home = Home::new();
    assert_eq!(home.ok(&["marks"]), "Marked (current): no marks\n");
    let (code, out, err) = home.run(&["cite", "--marked"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("nothing to cite: the collection “Marked” has no marks"),
        "{err}"
    );
    assert!(!home.marks_file().exists(), "reading writes nothing");
}

#[test]
fn an_empty_collection_exits_1_naming_the_collections() {
    let home = home_with_collections();
    let (code, out, err) = home.run(&["cite", "--marked", "--collection", "LATER"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(
        err,
        "ngo-atlas: nothing to cite: the collection “Later” has no marks; mark records in the \
         explorer, or choose a collection with --collection (the collections are “Marked” \
         (1 mark), “Chapter 2” (5 marks), “Later” (no marks))\n"
    );
}

#[test]
fn a_corrupt_marks_file_is_an_error_and_left_where_it_is() {
    let home = Home::new();
    let file = home.marks_file();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "{ not json").unwrap();
    for args in [&["marks"][..], &["cite", "--marked"][..]] {
        let (code, out, err) = home.run(args);
        assert_eq!(code, 1, "{args:?}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains("is not a marks file"), "{err}");
        // The message says what happens: nothing, since these commands only read.
        assert!(err.contains("ngo-atlas leaves it alone"), "{err}");
        assert!(!err.contains("kept as"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{ not json");
    assert!(!file.with_extension("json.bad").exists());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_as_marks_file_is_refused_at_once_and_left_alone() {
    let home = Home::new();
    let file = home.marks_file();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    crate::common::mkfifo(&file);
    for args in [&["marks"][..], &["cite", "--marked"][..]] {
        // Opening a pipe with no writer would block: returning at all is part of the test.
        let (code, out, err) = home.run(args);
        assert_eq!(code, 1, "{args:?}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("not a plain file but a named pipe; ngo-atlas leaves it alone"),
            "{err}"
        );
        assert!(!err.contains("set aside"), "{err}");
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&file)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(!file.with_extension("json.bad").exists());
}

#[test]
fn a_version_1_file_is_listed_and_cited_and_not_rewritten() {
    let home = Home::new();
    let file = home.marks_file();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let v1 = include_str!("../fixtures/marks/v1.json");
    std::fs::write(&file, v1).unwrap();
    let out = home.ok(&["marks"]);
    assert!(out.starts_with("Marked (current): 4 marks\n"), "{out}");
    assert!(out.contains("no-longer-here  中国扶贫基金会 (since removed): missing"));
    let (code, out, err) = home.run(&["cite", "--marked"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), v1);
}

#[test]
fn a_collection_s_bibliography_in_every_style_matches_its_golden_file() {
    let home = home_with_collections();
    let mut settings = insta::Settings::clone_current();
    settings
        .set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/collections"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let _bound = settings.bind_to_scope();
    for style in Style::ALL {
        let (code, out, err) = home.run(&["cite", "--marked", "--style", style.name()]);
        assert_eq!(code, 0, "{}: {err}", style.name());
        assert_eq!(
            err,
            "ngo-atlas: 1 mark in “Chapter 2” is not in this dataset and is left out: \
             `no-longer-here` (中国扶贫基金会 (since removed))\n"
        );
        // The same bibliography as citing the records by id.
        let mut args = vec!["cite", "--style", style.name()];
        args.extend(
            CHAPTER
                .iter()
                .map(|(id, _)| *id)
                .filter(|id| *id != "no-longer-here"),
        );
        assert_eq!(out, home.ok(&args), "{}", style.name());
        insta::assert_snapshot!(format!("chapter-2.{}", style.name()), out);
    }
}

#[test]
fn the_current_collection_is_cited_unless_another_is_named() {
    let home = home_with_collections();
    let current = home.ok(&["cite", "--marked"]);
    assert_eq!(
        current,
        home.ok(&["cite", "--marked", "--collection", "chapter 2"])
    );
    // "Marked" holds only the Amity Foundation, whose quotes come from one article.
    let marked = home.ok(&[
        "cite",
        "--marked",
        "--collection",
        "Marked",
        "--style",
        "mla",
    ]);
    assert_eq!(
        marked,
        home.ok(&[
            "cite",
            "amity-foundation",
            "amity-foundation",
            "--style",
            "mla"
        ])
    );
    assert_eq!(marked.lines().count(), 1, "{marked}");
}

#[test]
fn a_collection_of_only_missing_records_has_nothing_to_cite() {
    let home = Home::new();
    let mut marks = Marks::load(Some(&home.marks_file()));
    marks.toggle("gone-1", "Gone one");
    marks.toggle("gone-2", "Gone two");
    marks.save().unwrap();
    let (code, out, err) = home.run(&["cite", "--marked"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("nothing to cite: none of the records marked in “Marked” is in this dataset"),
        "{err}"
    );
}

#[test]
fn marked_does_not_mix_with_ids_or_all_and_collection_needs_it() {
    let home = home_with_collections();
    for args in [
        &["cite", "--marked", "tan-weiping"][..],
        &["cite", "--marked", "--all"][..],
        &["cite", "--collection", "Later", "tan-weiping"][..],
    ] {
        let (code, out, err) = home.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("cannot be used with"), "{err}");
    }
}

#[test]
fn piped_output_is_exact_and_standard_error_inert() {
    let home = Home::new();
    let mut marks = Marks::load(Some(&home.marks_file()));
    let evil = "Evil\u{1b}]0;pwned\u{7} \u{202e}name";
    marks.toggle("evil-\u{1b}[2J", evil);
    marks.toggle("tan-weiping", "Tan Weiping");
    marks
        .set_note("tan-weiping", "note \u{202e}reversed")
        .unwrap();
    marks.save().unwrap();
    let (code, out, err) = home.run(&["marks"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(evil), "piped output is exact: {out:?}");
    assert!(out.contains("note \u{202e}reversed"), "{out:?}");
    let (code, _, err) = home.run(&["cite", "--marked"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("is not in this dataset and is left out"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}') && !err.contains('\u{202e}'),
        "{err:?}"
    );
    assert!(err.contains("<U+202E>name"), "{err:?}");
}

#[cfg(unix)]
#[test]
fn on_a_terminal_every_mark_and_note_is_inert() {
    let home = Home::new();
    let mut marks = Marks::load(Some(&home.marks_file()));
    marks.toggle("gone", "Evil\u{1b}]0;pwned\u{7} \u{202e}name");
    marks.toggle("tan-weiping", "Tan Weiping");
    marks
        .set_note("tan-weiping", "note \u{202e}reversed")
        .unwrap();
    marks.save().unwrap();
    for args in [&["marks"][..], &["marks", "--json"][..]] {
        let data = home.dir.path().join("data");
        let env = [
            ("HOME", home.dir.path().to_str().expect("a UTF-8 path")),
            ("XDG_DATA_HOME", data.to_str().expect("a UTF-8 path")),
        ];
        let mut session = Session::start(args, &env, (200, 40));
        let code = session.wait_exit();
        let raw = session.raw().to_vec();
        let text = String::from_utf8_lossy(&raw);
        assert_eq!(code, 0, "{args:?}: {text}");
        // The one escape allowed is the progress line being cleared on standard error.
        let text = text.replace("\r\u{1b}[K", "");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{args:?}: {text:?}"
        );
        assert!(!text.contains('\u{202e}'), "{args:?}: {text:?}");
        assert!(text.contains("<U+202E>reversed"), "{args:?}: {text:?}");
    }
}

/// The ids in `marks --json`'s default collection.
fn marked_ids(home: &Home) -> Vec<String> {
    let json: Value = serde_json::from_str(&home.ok(&["marks", "--json"])).unwrap();
    let marked = json["collections"]
        .as_array()
        .and_then(|c| c.first())
        .expect("the default collection");
    marked["marks"]
        .as_array()
        .expect("its marks")
        .iter()
        .map(|m| m["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The marked ids once the file holds what `done` wants; fails the test after a minute.
fn saved_ids(home: &Home, done: impl Fn(&[String]) -> bool) -> Vec<String> {
    let start = std::time::Instant::now();
    loop {
        let ids = marked_ids(home);
        if done(&ids) {
            return ids;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "the marks file never held what was marked: {ids:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn two_explorers_and_the_command_line_share_one_marks_file() {
    let home = Home::new();
    let root = home.dir.path().to_str().expect("a UTF-8 path").to_string();
    let (data, state) = (format!("{root}/data"), format!("{root}/state"));
    let env = [
        ("HOME", root.as_str()),
        ("XDG_DATA_HOME", data.as_str()),
        ("XDG_STATE_HOME", state.as_str()),
    ];
    let mut one = Session::start(&[], &env, (120, 40));
    let mut two = Session::start(&[], &env, (120, 40));
    one.wait_for("Organizations");
    two.wait_for("Organizations");
    // A person marked in one window, a place in the other.
    one.send("2m");
    one.wait_for("lists marks");
    two.send("6m");
    two.wait_for("lists marks");
    // Saving runs on a thread of its own: the file is read until it holds both.
    let both = saved_ids(&home, |ids| ids.len() == 2);
    // The first window sees the second's mark without being told.
    one.send("'");
    one.wait_for("Marks in “Marked” (2)");
    // `u` in the first window takes back its own mark only.
    one.send("q");
    one.send("u");
    one.wait_for("Removed the mark on");
    saved_ids(&home, |ids| ids == &both[1..]);
    two.send("'");
    two.wait_for("Marks in “Marked” (1)");
    for window in [&mut one, &mut two] {
        window.send("q");
        window.send("q");
        assert_eq!(window.wait_exit(), 0);
    }
    assert_eq!(marked_ids(&home), both[1..]);
}

/// A collection of five records (a source among them) with notes, saved as the explorer saves.
fn home_with_a_chapter() -> Home {
    let home = Home::new();
    let mut marks = Marks::load(Some(&home.marks_file()));
    marks.create("Chapter 3").unwrap();
    marks.switch("Chapter 3").unwrap();
    for (id, name) in [
        ("tan-weiping", "Tan Weiping"),
        ("benjamas-tanvetyanont", "Benjamas Tanvetyanont"),
        ("xinhua-2024-hrc55-side-event", "Xinhua (2024)"),
        ("amity-foundation", "Amity Foundation"),
        ("people-in-poverty-2019", "People in poverty, 2019"),
    ] {
        marks.toggle(id, name);
    }
    marks
        .set_note("tan-weiping", "check the *2019* figure with @IPRCC [sic]")
        .unwrap();
    marks.save().unwrap();
    home
}

/// The `[@key]` citations of a memo, each once.
fn cited_keys(memo: &str) -> Vec<String> {
    let mut keys: Vec<String> = memo
        .split("[@")
        .skip(1)
        .filter_map(|rest| rest.split_once(']').map(|(k, _)| k.to_string()))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn a_memo_cites_every_quote_with_a_key_its_bibliography_holds() {
    let home = home_with_a_chapter();
    let bib = home.dir.path().join("memo.bib");
    let memo = home.ok(&[
        "marks",
        "--collection",
        "chapter 3",
        "--format",
        "markdown",
        "--bib",
        bib.to_str().unwrap(),
    ]);
    assert!(memo.starts_with("# Chapter 3\n"), "{memo}");
    for name in [
        "## Tan Weiping",
        "## Benjamas Tanvetyanont",
        "## Amity Foundation",
    ] {
        assert!(memo.contains(name), "{name}: {memo}");
    }
    // The note, with what Markdown or pandoc would read as markup escaped.
    assert!(
        memo.contains(r"**Note:** check the \*2019\* figure with \@IPRCC \[sic\]"),
        "{memo}"
    );
    // Every key cited is in the bibliography, and every entry is cited.
    let bib_text = std::fs::read_to_string(&bib).unwrap();
    let mut entries: Vec<String> = bib_text
        .lines()
        .filter_map(|l| l.strip_prefix("@article{"))
        .map(|l| l.trim_end_matches(',').to_string())
        .collect();
    entries.sort();
    assert_eq!(cited_keys(&memo), entries, "{memo}\n{bib_text}");
    assert!(entries.len() >= 3, "{entries:?}");
    // Each quote of each record is there, followed by its citation.
    let index =
        ngo_atlas::data::index::Index::new(ngo_atlas::ingest::load::load_builtin().unwrap());
    let tan = index.record(index.get("tan-weiping").unwrap());
    for q in tan.sources() {
        assert!(
            memo.contains(&format!("“{}” [@", q.quote.replace('*', "\\*"))),
            "{}",
            q.quote
        );
    }
    // A bibliography is a new file: never written over.
    let (code, _, err) = home.run(&[
        "marks",
        "--format",
        "markdown",
        "--bib",
        bib.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn a_memo_s_csl_json_ids_and_org_citations_match_too() {
    let home = home_with_a_chapter();
    let json = home.dir.path().join("memo.json");
    let memo = home.ok(&[
        "marks",
        "--format",
        "markdown",
        "--bib",
        json.to_str().unwrap(),
    ]);
    let items: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let mut ids: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    assert_eq!(cited_keys(&memo), ids);
    let org = home.ok(&["marks", "--format", "org"]);
    assert!(org.starts_with("* Chapter 3\n"), "{org}");
    assert!(
        org.contains("#+begin_quote") && org.contains("[cite:@"),
        "{org}"
    );
    let (code, _, err) = home.run(&["marks", "--format", "markdown", "--bib", "refs.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains(".bib") && err.contains(".json"), "{err}");
}
