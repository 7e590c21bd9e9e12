//! The explorer's life beyond keys, in a real terminal: a watched data folder deleted and
//! recreated, and the job control of a shell (Ctrl-Z, `kill -TSTP`, `fg`).

mod pty;

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
