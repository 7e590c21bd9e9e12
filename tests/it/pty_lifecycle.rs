//! The explorer's life beyond keys, in a real terminal: a watched data folder deleted and
//! recreated, and the job control of a shell (Ctrl-Z, `kill -TSTP`, `fg`).

use crate::pty;

use pty::Session;
use std::path::Path;

const SOURCES: &str = "- {id: src-a, name: A source, summary: s, language: en}\n";

fn write_orgs(dir: &Path, name: &str) {
    std::fs::write(dir.join("sources.yaml"), SOURCES).unwrap();
    std::fs::write(
        dir.join("organizations.yaml"),
        format!(
            "- {{id: org-1, name: {name}, summary: s, sources: [{{source: src-a, quote: q}}]}}\n"
        ),
    )
    .unwrap();
}

#[test]
fn a_watched_folder_deleted_and_recreated_is_watched_again() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    write_orgs(&dir, "First Name");
    let data = dir.to_string_lossy().into_owned();
    let mut s = Session::start(&["--data", &data, "--watch"], &[], (120, 30));
    s.wait_for("First Name");
    // A script regenerates the dataset: the folder goes, and a new one takes its place.
    std::fs::remove_dir_all(&dir).unwrap();
    let screen = s.wait_for("is gone");
    assert!(
        screen.contains("First Name"),
        "the last data stays: {screen}"
    );
    std::fs::create_dir(&dir).unwrap();
    write_orgs(&dir, "Second Name");
    let screen = s.wait_for("Second Name");
    assert!(!screen.contains("First Name"), "{screen}");
    // And its edits are seen too.
    write_orgs(&dir, "Third Name");
    s.wait_for("Third Name");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Ctrl-Z or SIGTSTP: the terminal handed back (cooked mode, main screen, mouse off) and the
/// program stopped; SIGCONT, as `fg` sends it: raw mode, the alternate screen and the whole
/// screen drawn again.
#[test]
fn ctrl_z_and_sigtstp_hand_the_terminal_back_and_sigcont_redraws() {
    let mut s = Session::start(&[], &[], (100, 30));
    s.wait_for("Organizations 1/");
    for how in ["ctrl-z", "sigtstp"] {
        match how {
            "ctrl-z" => s.send("\x1a"),
            _ => s.signal(libc::SIGTSTP),
        }
        s.wait_stopped(true);
        assert!(s.cooked(), "{how}: the terminal was left in raw mode");
        s.assert_restored();
        let at = s.written();
        s.signal(libc::SIGCONT);
        s.wait_stopped(false);
        // Everything on screen is drawn again after the alternate screen is entered again.
        let start = std::time::Instant::now();
        loop {
            let since = s.screen_since(at);
            let out = String::from_utf8_lossy(&s.raw()[at..]).into_owned();
            if out.contains("\x1b[?1049h") && since.contains("Organizations 1/") {
                assert!(out.contains("\x1b[?1000h"), "{how}: mouse capture on again");
                assert!(
                    out.contains("\x1b[?2004h"),
                    "{how}: bracketed paste on again"
                );
                break;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "{how}: never redrawn; since SIGCONT:\n{since}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(!s.cooked(), "{how}: raw mode again");
        // And it answers keys.
        s.send("j");
        s.wait_for("Organizations 2/");
        s.send("k");
        s.wait_for("Organizations 1/");
    }
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
