//! The snapshot of a loaded data folder, through the binary: used when nothing changed, and a
//! full load (with the same answers) after every kind of change, damage or another build. Each
//! test has its own cache folder (`XDG_CACHE_HOME`), so none touches the real cache, and asks
//! for the snapshot's notes on standard error (`NGO_ATLAS_DEBUG=snapshot`).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const USED: &str = "snapshot: used";

struct Setup {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cache: PathBuf,
}

/// Sets the modification time of `path` to `ago` in the past: a snapshot is not written of
/// files edited within two seconds of a load (they could change again unseen).
fn age(path: &Path, ago: u64) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(ago))
        .unwrap();
}

fn age_all(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        age(&entry.unwrap().path(), 600);
    }
}

/// A synthetic folder of `records` records, a minute old, and an empty cache.
fn setup(records: usize) -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let cache = tmp.path().join("cache");
    let (code, _, err) = run_in(
        &cache,
        &[
            "gen-synthetic",
            "--records",
            &records.to_string(),
            "--out",
            data.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    age_all(&data);
    Setup {
        _tmp: tmp,
        data,
        cache,
    }
}

fn run_in(cache: &Path, args: &[&str]) -> (i32, String, String) {
    let out = crate::common::ngo_atlas()
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .env("NGO_ATLAS_DEBUG", "snapshot")
        .env_remove("NGO_ATLAS_CONFIG")
        .output()
        .expect("run ngo-atlas");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

impl Setup {
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let mut all = vec!["--data", self.data.to_str().unwrap()];
        all.extend_from_slice(args);
        run_in(&self.cache, &all)
    }

    /// `check`'s output and whether the snapshot was used.
    fn check(&self) -> (String, bool) {
        let (code, out, err) = self.run(&["check"]);
        assert_eq!(code, 0, "{err}");
        (out, err.contains(USED))
    }

    fn export(&self, extra: &[&str]) -> (String, bool) {
        let mut args = vec!["export", "--format", "json"];
        args.extend_from_slice(extra);
        let (code, out, err) = self.run(&args);
        assert_eq!(code, 0, "{err}");
        (out, err.contains(USED))
    }

    /// The files in the cache folder ending in `.ending`.
    fn cached(&self, ending: &str) -> Vec<PathBuf> {
        let dir = self.cache.join("ngo-atlas").join("snapshots");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == ending))
            .collect()
    }

    fn snapshots(&self) -> Vec<PathBuf> {
        self.cached("snapshot")
    }

    fn snapshot(&self) -> PathBuf {
        let all = self.snapshots();
        assert_eq!(all.len(), 1, "{all:?}");
        all[0].clone()
    }
}

#[test]
fn unchanged_files_are_read_from_the_snapshot_with_the_same_answers() {
    let s = setup(3_000);
    let (fresh, _) = s.export(&["--no-cache"]);
    assert!(s.snapshots().is_empty(), "--no-cache writes nothing");
    let (first, used) = s.check();
    assert!(!used && first.starts_with("ok: 3000 records ("), "{first}");
    assert!(!first.contains("from cache"), "{first}");
    let (again, used) = s.check();
    assert!(used, "the second run uses the snapshot");
    assert!(
        again.starts_with(first.trim_end())
            && again.contains("unchanged since the last check: 0 problems (from cache)"),
        "{again}"
    );
    let (cached, used) = s.export(&[]);
    assert!(used);
    assert!(cached == fresh, "a snapshot exports what the files do");
    for args in [
        &["show", "org-1"][..],
        &["search", "water"],
        &["path", "org-1", "org-2"],
    ] {
        let (code, out, err) = s.run(args);
        let mut plain = args.to_vec();
        plain.push("--no-cache");
        let (code2, out2, _) = s.run(&plain);
        assert!(err.contains(USED), "{args:?}: {err}");
        assert_eq!((code, &out), (code2, &out2), "{args:?}");
    }
    assert!(
        !s.snapshot().starts_with(&s.data),
        "never in the data folder"
    );
}

/// Runs `check` until the snapshot is used, after `change`; the first run after it must load
/// the files, and what it says must be what the changed files say.
fn reloads_after(s: &Setup, change: &dyn Fn(&Path)) -> String {
    assert!(
        s.check().1 || s.check().1,
        "the snapshot is in use before the change"
    );
    change(&s.data);
    let (out, used) = s.check();
    assert!(!used, "the first run after the change reads the files");
    out
}

#[test]
fn an_edit_a_touch_a_new_a_renamed_or_a_removed_file_means_a_full_load() {
    let s = setup(1_000);
    let people = s.data.join("people.yaml");
    // A one-byte edit keeping the size, dated back to the old time but for a second.
    reloads_after(&s, &|_| {
        let mut bytes = std::fs::read(&people).unwrap();
        let at = bytes.windows(9).position(|w| w == b"summary: ").unwrap() + 9;
        bytes[at] = if bytes[at] == b'Q' { b'R' } else { b'Q' };
        std::fs::write(&people, bytes).unwrap();
        age(&people, 599);
    });
    age_all(&s.data);
    // The same bytes, touched.
    reloads_after(&s, &|_| age(&people, 300));
    age_all(&s.data);
    let readme = s.data.join("README.txt");
    reloads_after(&s, &|_| std::fs::write(&readme, "notes").unwrap());
    age_all(&s.data);
    reloads_after(&s, &|_| {
        std::fs::rename(&readme, s.data.join("NOTES.txt")).unwrap()
    });
    age_all(&s.data);
    reloads_after(&s, &|_| {
        std::fs::remove_file(s.data.join("NOTES.txt")).unwrap()
    });
    // A data file renamed away is a problem of the data, not a stale answer.
    assert!(s.check().1);
    std::fs::rename(&people, s.data.join("persons.yaml")).unwrap();
    let (code, _, err) = s.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains(USED), "{err}");
}

#[test]
fn a_file_as_recent_as_its_load_is_not_trusted() {
    let s = setup(500);
    // Written a moment ago: the first load does not write a snapshot of it.
    std::fs::write(s.data.join("README.txt"), "notes").unwrap();
    let (code, _, err) = s.run(&["check"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("not written: a data file was modified within"),
        "{err}"
    );
    assert!(s.snapshots().is_empty());
    // A file dated after the snapshot (a clock ahead, or an edit in the same tick) is racily
    // clean: not trusted, even with the times the snapshot kept.
    age_all(&s.data);
    assert!(!s.check().1);
    let snapshot = s.snapshot();
    let f = std::fs::File::options()
        .write(true)
        .open(&snapshot)
        .unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(601))
        .unwrap();
    let (_, _, err) = s.run(&["check"]);
    assert!(err.contains("racily clean"), "{err}");
}

#[test]
fn a_damaged_cut_or_foreign_snapshot_means_a_full_load_and_a_new_snapshot() {
    // Parts of 1,024 records.
    let s = setup(17_000);
    let (fresh, _) = s.export(&["--no-cache"]);
    s.check();
    let snapshot = s.snapshot();
    let good = std::fs::read(&snapshot).unwrap();
    let n = good.len();
    let mut damaged: Vec<(&str, Vec<u8>)> = Vec::new();
    for at in [20, 70, n / 2, n - 30] {
        let mut bytes = good.clone();
        bytes[at] ^= 0x5a;
        damaged.push(("a flipped byte", bytes));
    }
    damaged.push(("cut in half", good[..n / 2].to_vec()));
    damaged.push(("cut at the header", good[..40].to_vec()));
    damaged.push(("not a snapshot", b"hello, world".repeat(100)));
    for (what, bytes) in damaged {
        std::fs::write(&snapshot, &bytes).unwrap();
        age(&snapshot, 1);
        let (out, used) = s.export(&[]);
        assert!(!used, "{what}: the snapshot was used");
        assert!(
            out == fresh,
            "{what}: the full load answers as the files do"
        );
        // The full load wrote a good one again.
        assert_eq!(std::fs::read(&snapshot).unwrap().len(), n, "{what}");
    }
    // Another build: its stamp (bytes 8..16 of the header) differs.
    let mut other = good.clone();
    other[8] ^= 1;
    std::fs::write(&snapshot, &other).unwrap();
    age(&snapshot, 1);
    let (_, _, err) = s.run(&["check"]);
    assert!(err.contains("not used: written by another build"), "{err}");
    assert!(s.check().1, "and rewritten by this one");
}

#[test]
fn two_processes_writing_at_once_leave_one_whole_snapshot() {
    let s = setup(5_000);
    let spawn = || {
        crate::common::ngo_atlas()
            .args(["--data", s.data.to_str().unwrap(), "check"])
            .env("XDG_CACHE_HOME", &s.cache)
            .env("NGO_ATLAS_DEBUG", "snapshot")
            .output()
            .expect("run ngo-atlas")
    };
    for _ in 0..2 {
        let _ = std::fs::remove_dir_all(&s.cache);
        let both = std::thread::scope(|t| {
            let a = t.spawn(spawn);
            let b = t.spawn(spawn);
            [a.join().unwrap(), b.join().unwrap()]
        });
        for out in &both {
            assert!(out.status.success());
        }
        let left = std::fs::read_dir(s.cache.join("ngo-atlas").join("snapshots"))
            .unwrap()
            .count();
        assert_eq!(left, 1, "one snapshot, no temporary file left");
        assert!(s.check().1, "and it is whole");
    }
}

#[test]
fn only_the_latest_folders_keep_a_snapshot_and_the_built_in_data_needs_none() {
    let s = setup(200);
    let (code, _, err) = run_in(&s.cache, &["check"]);
    assert_eq!(code, 0);
    assert!(!err.contains("snapshot"), "{err}");
    assert!(s.snapshots().is_empty());
    for i in 0..10 {
        let copy = s.data.with_file_name(format!("copy{i}"));
        std::fs::create_dir(&copy).unwrap();
        for entry in std::fs::read_dir(&s.data).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
        }
        age_all(&copy);
        let (code, _, _) = run_in(&s.cache, &["--data", copy.to_str().unwrap(), "check"]);
        assert_eq!(code, 0);
        // Written in turn: the pruning keeps the latest by their times.
        for path in s.snapshots() {
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            let t = f.metadata().unwrap().modified().unwrap();
            f.set_modified(t - Duration::from_secs(10)).unwrap();
        }
    }
    assert_eq!(s.snapshots().len(), 8);
}

/// The explorer writes the snapshot of a folder it parsed afresh (after the data is on
/// screen, so that a cold start is no slower than one without snapshots), then reads its
/// records from it instead of holding those it parsed, and a later run reads it.
#[test]
fn the_explorer_writes_the_snapshot_of_a_folder_it_parsed_and_a_later_run_reads_it() {
    let s = setup(3_000);
    let cache = s.cache.to_str().unwrap().to_string();
    let data = s.data.to_str().unwrap().to_string();
    let mut t =
        crate::pty::Session::start(&["--data", &data], &[("XDG_CACHE_HOME", &cache)], (100, 30));
    t.wait_for(" Browsing ");
    // Written by the loader thread after the data went on screen: wait for it, within a bound
    // that only a broken build reaches.
    let start = std::time::Instant::now();
    // The searcher's corpus, its texts and the filters' lookups are kept after the snapshot,
    // beside it (the lookups last).
    let written = |s: &Setup| !s.cached("filters").is_empty();
    // A temporary file first, renamed into place when whole.
    while !written(&s) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the explorer never wrote the snapshot"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The records read from the snapshot come with a searcher over them, which maps the texts
    // kept beside it (the searcher of the records parsed reads them where they lie).
    let maps = format!("/proc/{}/maps", t.pid());
    while !std::fs::read_to_string(&maps).is_ok_and(|m| m.contains(".texts")) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the explorer never went over to the snapshot's records"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    t.send("/water");
    t.wait_for("found");
    t.send("\x1b");
    t.quit();
    let (out, used) = s.check();
    assert!(used, "{out}");
    assert!(out.contains("(from cache)"), "{out}");
    let (code, _, err) = s.run(&["search", "water in:place-3"]);
    assert_eq!(code, 0, "{err}");
    for kept in [
        "search corpus read",
        "search texts read",
        "filter lookups read",
    ] {
        assert!(err.contains(kept), "{kept}: {err}");
    }
}

/// The answers of `search` with the corpus read back, and without any cache.
const QUERIES: [&str; 8] = [
    "water",
    "foundtion",
    "基金会",
    "\"poverty reduction\"",
    "yunnan -foundation",
    "kind:org in:place-3",
    "li wei",
    "école",
];

fn searches(s: &Setup, cached: bool) -> Vec<(i32, String)> {
    QUERIES
        .iter()
        .map(|q| {
            let mut args = vec!["search", q, "--limit", "40"];
            if !cached {
                args.push("--no-cache");
            }
            let (code, out, err) = s.run(&args);
            assert_eq!(err.contains("search corpus read"), cached, "{q}: {err}");
            assert_eq!(err.contains("search texts read"), cached, "{q}: {err}");
            (code, out)
        })
        .collect()
}

#[test]
fn the_search_corpus_is_kept_beside_the_snapshot_and_answers_the_same() {
    let s = setup(5_000);
    // A cold command writes the snapshot after answering; the first search of its records
    // writes the corpus.
    let (code, _, err) = s.run(&["search", "water"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("search corpus written"), "{err}");
    let (code, _, err) = s.run(&["search", "water"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("search corpus written"), "{err}");
    assert!(err.contains("search texts written"), "{err}");
    // Built from records read on demand, it walked them without holding them (a search that
    // read its texts from them would hold every record it reads): it is read back instead.
    assert!(err.contains(ON_DEMAND), "{err}");
    assert!(
        err.contains("search corpus built holding 0 of 5 parts of the records"),
        "{err}"
    );
    assert!(err.contains("search corpus read"), "{err}");
    let fresh = searches(&s, false);
    assert_eq!(searches(&s, true), fresh);
    // With the texts kept, a search reads no record but the ones it lists.
    let (_, _, err) = s.run(&["search", "water", "--limit", "3"]);
    assert!(err.contains(ON_DEMAND), "{err}");
    // A query with operators reads the filters' lookups kept by the first.
    let (_, _, err) = s.run(&["search", QUERIES[5]]);
    assert!(err.contains("filter lookups read"), "{err}");
    // Damaged, cut, foreign or for another snapshot: built again, with the same answers, and
    // written again whole (the corpus without its texts: the texts again from the records).
    let kept = [
        ("search", "search corpus", 0),
        ("texts", "search texts", 0),
        ("filters", "filter lookups", 5),
    ];
    for (ending, read, query) in kept {
        let companion = s.cached(ending);
        assert_eq!(companion.len(), 1, "{companion:?}");
        let good = std::fs::read(&companion[0]).unwrap();
        let n = good.len();
        let mut bad: Vec<(&str, Vec<u8>)> = Vec::new();
        for at in [3, 10, 40, n / 2, n - 5] {
            let mut bytes = good.clone();
            bytes[at] ^= 0x21;
            bad.push(("a flipped byte", bytes));
        }
        bad.push(("cut", good[..n - 100].to_vec()));
        bad.push(("empty", Vec::new()));
        for (what, bytes) in bad {
            std::fs::write(&companion[0], &bytes).unwrap();
            let (code, out, err) = s.run(&["search", QUERIES[query], "--limit", "40"]);
            assert!(err.contains(&format!("{read} not read")), "{what}: {err}");
            assert_eq!((code, &out), (fresh[query].0, &fresh[query].1), "{what}");
            assert_eq!(std::fs::read(&companion[0]).unwrap(), good, "{what}");
        }
    }
    // A changed file means a new snapshot, and the old corpus is not read with it.
    let orgs = s.data.join("organizations.yaml");
    let text = std::fs::read_to_string(&orgs).unwrap();
    std::fs::write(&orgs, text.replacen("Water", "Wells", 1)).unwrap();
    age(&orgs, 600);
    let (_, _, err) = s.run(&["search", "water"]);
    assert!(!err.contains("search corpus read"), "{err}");
    // Read again once a snapshot of the changed files is written (not of files changed within
    // two seconds: the racily clean rule).
    let start = std::time::Instant::now();
    while !s.run(&["search", "water"]).2.contains("search corpus read") {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "never read again"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

const ON_DEMAND: &str = "records read on demand";

/// Paths on a synthetic folder of 17,000 records: one found at once, one through places, one
/// through places and sources as JSON.
const PATHS: [&[&str]; 3] = [
    &["path", "org-1", "org-2"],
    &[
        "path",
        "person-3",
        "place-7",
        "--via-places",
        "--max-hops",
        "10",
    ],
    &[
        "path",
        "org-2",
        "person-9",
        "--via-places",
        "--via-sources",
        "--json",
    ],
];

#[test]
fn a_command_about_a_few_records_reads_only_their_parts_and_answers_the_same() {
    // Parts of 1,024 records.
    let s = setup(17_000);
    s.check();
    let few: [&[&str]; 6] = [
        &["show", "org-1"],
        &["show", "src-2"],
        &["show", "stat-1500", "--json"],
        &["show", "org-99999"],
        &["cite", "org-1"],
        &["cite", "src-3", "--style", "apa"],
    ];
    for args in few.into_iter().chain(PATHS) {
        let (code, out, err) = s.run(args);
        let mut plain = args.to_vec();
        plain.push("--no-cache");
        let (code2, out2, err2) = s.run(&plain);
        assert!(err.contains(ON_DEMAND), "{args:?}: {err}");
        assert_eq!((code, &out), (code2, &out2), "{args:?}");
        let said = |err: &str| -> Vec<String> {
            err.lines()
                .filter(|l| !l.contains("snapshot:"))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(said(&err), said(&err2), "{args:?}: the same message");
    }
    let (out, used) = s.check();
    assert!(used && out.contains("(from cache)"), "{out}");
    // A collection's marks, one of them of a record no longer in the data.
    let home = s.data.parent().unwrap().join("home");
    std::fs::create_dir_all(home.join("ngo-atlas")).unwrap();
    std::fs::write(
        home.join("ngo-atlas/marks.json"),
        r#"{"version": 2, "current": "Marked", "collections": [{"name": "Marked", "marks": [
            {"id": "org-1", "name": "x", "note": "first"}, {"id": "stat-5", "name": "y"},
            {"id": "gone-1", "name": "Gone"}]}]}"#,
    )
    .unwrap();
    let marks = |extra: &[&str]| {
        let mut cmd = crate::common::ngo_atlas();
        cmd.args(["--data", s.data.to_str().unwrap(), "marks", "--json"])
            .args(extra)
            .env("XDG_CACHE_HOME", &s.cache)
            .env("XDG_DATA_HOME", &home)
            .env("NGO_ATLAS_DEBUG", "snapshot");
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        (String::from_utf8_lossy(&out.stdout).into_owned(), err)
    };
    let (on_demand, err) = marks(&[]);
    let (plain, _) = marks(&["--no-cache"]);
    assert!(err.contains(ON_DEMAND), "{err}");
    assert!(
        on_demand.contains("gone-1") && on_demand.contains("first"),
        "{on_demand}"
    );
    assert_eq!(on_demand, plain);
    // The explorer and commands that go through every record read them all at once.
    let (_, _, err) = s.run(&["export", "--format", "json"]);
    assert!(err.contains(USED) && !err.contains(ON_DEMAND), "{err}");
}

#[test]
fn a_part_that_fails_when_it_is_read_ends_the_command_and_the_snapshot_is_removed() {
    let s = setup(17_000);
    let (_, fresh, _) = s.run(&["show", "org-1", "--no-cache"]);
    s.check();
    s.break_the_part_of("org-1");
    // A record in another part is still read.
    let (code, _, err) = s.run(&["show", "stat-5"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = s.run(&["show", "org-1"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.is_empty(), "nothing half-answered: {out}");
    assert!(
        err.contains("could not be read") && err.contains("run the command again"),
        "{err}"
    );
    assert!(s.snapshots().is_empty(), "removed");
    let (code, out, err) = s.run(&["show", "org-1"]);
    assert_eq!((code, &out), (0, &fresh), "{err}");
    assert!(s.check().1, "a good snapshot again");
}

impl Setup {
    /// Makes the summary of record `id` invalid UTF-8 in the snapshot, with the checksums made
    /// to match again: only the archive's own check, when its part is read, can tell.
    fn break_the_part_of(&self, id: &str) {
        let snapshot = self.snapshot();
        let mut bytes = std::fs::read(&snapshot).unwrap();
        let (_, json, _) = self.run(&["show", id, "--json"]);
        let summary = json
            .lines()
            .find_map(|l| l.trim().strip_prefix("\"summary\": \""))
            .unwrap()
            .trim_end_matches("\",");
        let at = bytes
            .windows(summary.len())
            .position(|w| w == summary.as_bytes())
            .unwrap();
        bytes[at] = 0xff;
        let word =
            |b: &[u8], i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap()) as usize;
        let (table_at, parts) = (word(&bytes, 24), word(&bytes, 32));
        for p in 0..parts {
            let e = table_at + 24 * p;
            let (offset, len) = (word(&bytes, e), word(&bytes, e + 8));
            if (offset..offset + len).contains(&at) {
                let sum = ngo_atlas::ingest::snapshot::checksum(&bytes[offset..offset + len]);
                bytes[e + 16..e + 24].copy_from_slice(&sum.to_le_bytes());
            }
        }
        let sum = ngo_atlas::ingest::snapshot::checksum(&bytes[table_at..]);
        bytes[56..64].copy_from_slice(&sum.to_le_bytes());
        std::fs::write(&snapshot, &bytes).unwrap();
        age(&snapshot, 1);
    }
}

#[test]
fn the_explorer_opens_a_snapshot_at_once_and_a_part_failing_later_hands_the_terminal_back() {
    let s = setup(17_000);
    s.check();
    let cache = s.cache.to_str().unwrap().to_string();
    let data = s.data.to_str().unwrap().to_string();
    let env = [("XDG_CACHE_HOME", cache.as_str())];
    let start = || crate::pty::Session::start(&["--data", &data], &env, (100, 30));
    // Warm: browsable from the parts the first screen needs; the search reads the rest.
    let mut t = start();
    t.wait_for(" Browsing ");
    t.send("/water");
    t.wait_for(" found");
    t.quit();
    s.break_the_part_of("org-1");
    let mut t = start();
    assert_eq!(t.wait_exit(), 1, "{}", t.screen());
    t.assert_restored();
    let screen = t.screen();
    assert!(
        screen.contains("could not be read") && screen.contains("run the command again"),
        "{screen}"
    );
    assert!(s.snapshots().is_empty(), "removed");
    let mut t = start();
    t.wait_for(" Browsing ");
    t.quit();
}

#[test]
fn the_link_graph_is_kept_beside_the_snapshot_and_answers_the_same() {
    let s = setup(17_000);
    s.check();
    let queries = PATHS;
    let answers = |note: &str| -> Vec<(i32, String)> {
        queries
            .iter()
            .map(|args| {
                let (code, out, err) = s.run(args);
                assert!(err.contains(note), "{args:?}: {err}");
                (code, out)
            })
            .collect()
    };
    let fresh: Vec<(i32, String)> = queries
        .iter()
        .map(|args| {
            let mut plain = args.to_vec();
            plain.push("--no-cache");
            let (code, out, _) = s.run(&plain);
            (code, out)
        })
        .collect();
    // The first builds and keeps it; the others read it.
    assert_eq!(answers("snapshot: graph "), fresh, "built, and kept");
    let kept = s.cached("graph");
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(answers("graph read from"), fresh, "read back");
    let good = std::fs::read(&kept[0]).unwrap();
    for at in [10, 40, good.len() / 2, good.len() - 1] {
        let mut bytes = good.clone();
        bytes[at] ^= 0x21;
        std::fs::write(&kept[0], &bytes).unwrap();
        let (code, out, err) = s.run(queries[0]);
        assert!(err.contains("graph not read"), "flipped at {at}: {err}");
        assert_eq!((code, out), fresh[0].clone(), "flipped at {at}");
        assert_eq!(std::fs::read(&kept[0]).unwrap(), good, "written anew");
    }
    // The graph goes with its snapshot when the snapshot is removed by a failing part.
    s.break_the_part_of("org-1");
    let (code, _, _) = s.run(&["show", "org-1"]);
    assert_eq!(code, 1);
    assert!(s.cached("graph").is_empty() && s.snapshots().is_empty());
}
