//! The real binary in a pseudo-terminal, on a dataset whose every string carries escape
//! sequences, read back through a terminal emulator (vt100): what a user's terminal would show
//! and do. Also: the terminal is put back (alternate screen left, raw mode off) on quit, on
//! SIGTERM and SIGHUP, and on a panic; any size from 1×1 survives; the dataset is never written.

use crate::pty::{Session, rfind};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile-escapes")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    rfind(hay, needle).is_some()
}

/// Names, modification times and contents of every file under `dir`.
fn snapshot(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let meta = std::fs::metadata(&path).unwrap();
            (
                path.clone(),
                meta.modified().unwrap(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn escape_sequences_in_the_dataset_reach_the_terminal_inert() {
    // A copy, to show the program leaves its dataset exactly as it found it.
    let data = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.path().join(path.file_name().unwrap())).unwrap();
    }
    let before = snapshot(data.path());
    let dir = data.path().to_str().unwrap().to_string();
    let mut s = Session::start(&["--data", &dir], &[], (120, 40));

    // The list: names with a colour and a title change, as visible text.
    s.wait_for("C␛[31mred");
    s.wait_for("T␛]0;pwned␇");
    // The detail pane: summary and quotes of the second organization.
    s.send("j");
    s.wait_for("␛[2J␛[H");
    let screen = s.screen();
    for inert in [
        "Colour: ␛[31mred␛[0m",
        "C1: <U+009B>31m",
        "abc<U+202E>fed",
        "␛]52;c;cHduZWQ=␇",
        "␛[200~rm -rf ~␛[201~",
    ] {
        assert!(
            screen.contains(inert),
            "{inert:?} not shown; screen:\n{screen}"
        );
    }
    // Follow the link to the place, whose name carries a bracketed-paste end marker.
    s.send("\t");
    s.send("\r");
    s.wait_for("P␛[201~aste");
    s.send("\x0f"); // Ctrl-O: back
    s.wait_for("T␛]0;pwned␇");

    let raw = s.raw().to_vec();
    assert!(
        s.term.callbacks().titles.is_empty(),
        "{:?}",
        s.term.callbacks().titles
    );
    assert!(s.term.callbacks().clipboard.is_empty());
    assert!(
        s.term.callbacks().c1.is_empty(),
        "{:?}",
        s.term.callbacks().c1
    );
    for sent_raw in [
        &b"\x1b]0;"[..],
        b"\x1b]2;",
        b"\x1b]52;",
        b"\x1b[200~",
        b"\x1b[201~",
        b"\xc2\x9b",
        b"\x07",
    ] {
        assert!(!contains(&raw, sent_raw), "{sent_raw:?} was written raw");
    }

    // The user's own copy is the one OSC 52 sent, and what it carries is inert too.
    s.send("y");
    s.wait_for("via OSC 52");
    let copies = &s.term.callbacks().clipboard;
    assert_eq!(copies.len(), 1, "one copy, one OSC 52");
    use base64::Engine as _;
    let copied = base64::engine::general_purpose::STANDARD
        .decode(&copies[0])
        .expect("base64");
    let copied = String::from_utf8(copied).unwrap();
    assert!(copied.contains("Copy: ␛]52;c;cHduZWQ=␇"), "{copied}");
    assert!(
        copied
            .chars()
            .all(|c| c == '\n' || c == '\t' || !c.is_control()),
        "{copied:?}"
    );
    assert!(s.term.callbacks().titles.is_empty());

    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    assert_eq!(snapshot(data.path()), before, "the dataset was written to");
}

#[test]
fn show_on_a_terminal_prints_inert_text() {
    let dir = fixture();
    let mut s = Session::start(
        &["--data", dir.to_str().unwrap(), "show", "src-evil"],
        &[],
        (200, 40),
    );
    assert_eq!(s.wait_exit(), 0);
    let screen = s.screen();
    assert!(screen.contains("␛]0;pwned␇"), "{screen}");
    assert!(s.term.callbacks().titles.is_empty());
    assert!(s.term.callbacks().clipboard.is_empty());
    assert!(!contains(s.raw(), b"\x1b]"), "an OSC was written raw");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (sig, name) in [(libc::SIGTERM, "term"), (libc::SIGHUP, "hup")] {
        let mut s = Session::start(&[], &[], (100, 30));
        s.wait_for("ngo-atlas");
        s.signal(sig);
        assert_eq!(s.wait_exit(), 128 + sig as u32, "{name}");
        s.assert_restored();
    }
}

#[test]
fn a_panic_restores_the_terminal_and_says_where_to_report() {
    let mut s = Session::start(&[], &[("NGO_ATLAS_TEST_PANIC", "1")], (100, 30));
    assert_eq!(s.wait_exit(), 101);
    s.assert_restored();
    let screen = s.screen();
    assert!(
        screen.contains("crashed; the terminal has been restored. Please report this at"),
        "{screen}"
    );
}

#[test]
fn any_size_from_1x1_and_a_resize_storm() {
    let dir = fixture();
    let mut s = Session::start(&["--data", dir.to_str().unwrap()], &[], (1, 1));
    std::thread::sleep(Duration::from_millis(300));
    // Sizes in a fixed pseudo-random order, each a few milliseconds after the last.
    let mut x: u32 = 12345;
    for i in 0..150 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let cols = 1 + (x >> 8) as u16 % 160;
        let rows = 1 + (x >> 20) as u16 % 60;
        s.resize(cols, rows);
        if i % 10 == 0 {
            // Keys that leave no mode open (a lone Esc could merge with what follows), and
            // each view in turn: the map, timeline and statistics lay out their own way.
            let view = ["w", "t", "S", "b"][i / 10 % 4];
            s.send(&format!("j\t?k?\t{view}"));
        }
        std::thread::sleep(Duration::from_millis(3));
    }
    s.resize(1, 1);
    std::thread::sleep(Duration::from_millis(200));
    s.resize(120, 40);
    s.send("b");
    s.wait_for("T␛]0;pwned␇");
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "{}", s.screen());
    s.assert_restored();
    assert!(!contains(s.raw(), b"\x1b]"), "an OSC was written raw");
}
