//! Everything ngo-atlas prints to a terminal passes the sanitizer, whatever put the text
//! there: a settings file, the command line, a directory name, standard input (issue 16,
//! item 6). Each case runs the real binary in a pseudo-terminal and looks at the raw bytes
//! that reached it: no OSC (`ESC ]`, which sets titles and clipboards) and no BEL, with the
//! escapes shown as their symbols instead. Piped output stays exact; the other tests check that.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A fresh directory under the system's temporary one, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let path =
            std::env::temp_dir().join(format!("ngo-atlas-tty-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Dir(path)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `program args` with its output on a pseudo-terminal; returns everything that reached
/// the terminal and the exit code. Fails the test if it runs longer than a minute.
fn on_a_terminal(home: &Path, program: &str, args: &[&str]) -> (Vec<u8>, u32) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 250,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    for var in ["HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"] {
        cmd.env(var, home);
    }
    cmd.env_remove("NGO_ATLAS_CONFIG");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let reading = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{program} {args:?} did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pty.master);
    (reading.join().unwrap(), status.exit_code())
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
    let home = Dir::new("config");
    let file = home.0.join("evil.toml");
    // TOML writes the escape as \u001b; the settings hold the character itself.
    let evil = "\\u001b]0;pwned\\u0007";
    let settings = format!(
        "data = \"/tmp/{evil}\"\nclipboard = \"command\"\nclipboard-command = \"copy{evil}\"\n"
    );
    std::fs::write(&file, settings).unwrap();
    let (raw, code) = on_a_terminal(
        &home.0,
        env!("CARGO_BIN_EXE_ngo-atlas"),
        &["--config", file.to_str().unwrap(), "config"],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&raw));
    assert_inert(&raw, "config");
}

#[test]
fn a_settings_error_naming_an_escape_is_shown_inert() {
    let home = Dir::new("config-error");
    let file = home.0.join("evil.toml");
    std::fs::write(&file, "[keys.\"\\u001b]0;pwned\\u0007\"]\nquit = [\"q\"]\n").unwrap();
    let (raw, code) = on_a_terminal(
        &home.0,
        env!("CARGO_BIN_EXE_ngo-atlas"),
        &["--config", file.to_str().unwrap(), "check"],
    );
    assert_eq!(code, 1);
    assert_inert(&raw, "settings error");
}

#[test]
fn a_command_line_error_echoing_an_argument_is_shown_inert() {
    let home = Dir::new("clap");
    let (raw, code) = on_a_terminal(&home.0, env!("CARGO_BIN_EXE_ngo-atlas"), &[EVIL]);
    assert_eq!(code, 2);
    assert_inert(&raw, "clap error");
    let (raw, code) = on_a_terminal(
        &home.0,
        env!("CARGO_BIN_EXE_ngo-atlas"),
        &["search", "x", "--limit", EVIL],
    );
    assert_eq!(code, 2);
    assert_inert(&raw, "clap value error");
}

#[test]
fn search_lines_shows_standard_input_inert_on_a_terminal() {
    let home = Dir::new("lines");
    let script = format!(
        "printf 'plain match\\nevil match {}\\n' | '{}' search --lines match",
        "\\033]0;pwned\\007",
        env!("CARGO_BIN_EXE_ngo-atlas")
    );
    let (raw, code) = on_a_terminal(&home.0, "sh", &["-c", &script]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&raw));
    assert_inert(&raw, "search --lines");
    assert!(String::from_utf8_lossy(&raw).contains("plain match"));
}

#[test]
fn loading_progress_shows_the_directory_name_inert() {
    let home = Dir::new("progress");
    // Large enough (over 4 MB) for the progress line to be drawn.
    let data = home.0.join(format!("data{EVIL}"));
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_ngo-atlas"))
        .args(["gen-synthetic", "--records", "12000", "--out"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(made.status.success());
    let (raw, code) = on_a_terminal(
        &home.0,
        env!("CARGO_BIN_EXE_ngo-atlas"),
        &["check", "--data", data.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&raw));
    assert_inert(&raw, "progress");
    assert!(String::from_utf8_lossy(&raw).contains("ok: 12"));
}
