//! Everything ngo-atlas prints to a terminal passes the sanitizer, whatever put the text
//! there: a settings file, the command line, a directory name, standard input (issue 16,
//! item 6). Each case runs the real binary in a pseudo-terminal and looks at the raw bytes
//! that reached it: no OSC (`ESC ]`, which sets titles and clipboards) and no BEL, with the
//! escapes shown as their symbols instead. Piped output stays exact; the other tests check that.

use crate::pty::Session;
use std::path::Path;

/// Runs `program args` with its output on a pseudo-terminal (250×40), with `home` as its home;
/// returns everything that reached the terminal and the exit code.
fn on_a_terminal(home: &Path, program: &str, args: &[&str]) -> (Vec<u8>, u32) {
    let home = home.to_str().expect("a UTF-8 path");
    let mut s = Session::run(program, args, &[("HOME", home)], (250, 40));
    let code = s.wait_exit();
    (s.raw().to_vec(), code)
}

const EVIL: &str = "\u{1b}]0;pwned\u{7}";

fn assert_inert(raw: &[u8], what: &str) {
    let text = String::from_utf8_lossy(raw);
    assert!(
        !text.contains("\u{1b}]"),
        "{what}: an OSC reached the terminal: {text:?}"
    );
    assert!(
        !text.contains('\u{7}'),
        "{what}: a BEL reached the terminal: {text:?}"
    );
    assert!(
        text.contains("␛]0;pwned␇"),
        "{what}: the escape is not shown: {text:?}"
    );
}

#[test]
fn the_config_summary_shows_paths_and_commands_inert() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("evil.toml");
    // TOML writes the escape as \u001b; the settings hold the character itself.
    let evil = "\\u001b]0;pwned\\u0007";
    let settings = format!(
        "data = \"/tmp/{evil}\"\nclipboard = \"command\"\nclipboard-command = \"copy{evil}\"\n"
    );
    std::fs::write(&file, settings).unwrap();
    let (raw, code) = on_a_terminal(
        home.path(),
        env!("CARGO_BIN_EXE_ngo-atlas"),
        &["--config", file.to_str().unwrap(), "config"],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&raw));
    assert_inert(&raw, "config");
}

#[test]
fn a_settings_error_naming_an_escape_is_shown_inert() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("evil.toml");
    std::fs::write(&file, "[keys.\"\\u001b]0;pwned\\u0007\"]\nquit = [\"q\"]\n").unwrap();
    let (raw, code) = on_a_terminal(
        home.path(),
        env!("CARGO_BIN_EXE_ngo-atlas"),
        &["--config", file.to_str().unwrap(), "check"],
    );
    assert_eq!(code, 1);
    assert_inert(&raw, "settings error");
}

#[test]
fn a_command_line_error_echoing_an_argument_is_shown_inert() {
    let home = tempfile::tempdir().unwrap();
    let (raw, code) = on_a_terminal(home.path(), env!("CARGO_BIN_EXE_ngo-atlas"), &[EVIL]);
    assert_eq!(code, 2);
    assert_inert(&raw, "clap error");
    let (raw, code) = on_a_terminal(
        home.path(),
        env!("CARGO_BIN_EXE_ngo-atlas"),
        &["search", "x", "--limit", EVIL],
    );
    assert_eq!(code, 2);
    assert_inert(&raw, "clap value error");
}

#[test]
fn search_lines_shows_standard_input_inert_on_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let script = format!(
        "printf 'plain match\\nevil match {}\\n' | '{}' search --lines match",
        "\\033]0;pwned\\007",
        env!("CARGO_BIN_EXE_ngo-atlas")
    );
    let (raw, code) = on_a_terminal(home.path(), "sh", &["-c", &script]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&raw));
    assert_inert(&raw, "search --lines");
    assert!(String::from_utf8_lossy(&raw).contains("plain match"));
}

#[test]
fn loading_progress_shows_the_directory_name_inert() {
    let home = tempfile::tempdir().unwrap();
    // Large enough (over 4 MB) for the progress line to be drawn.
    let data = home.path().join(format!("data{EVIL}"));
    let made = crate::common::ngo_atlas()
        .args(["gen-synthetic", "--records", "12000", "--out"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(made.status.success());
    let (raw, code) = on_a_terminal(
        home.path(),
        env!("CARGO_BIN_EXE_ngo-atlas"),
        &["check", "--data", data.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&raw));
    assert_inert(&raw, "progress");
    assert!(String::from_utf8_lossy(&raw).contains("ok: 12"));
}
