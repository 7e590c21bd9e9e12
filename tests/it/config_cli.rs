//! The settings file as a user meets it from the shell: `config --default` round-trips, a bad
//! file stops everything with line and key, subcommands honour the settings, and the
//! completions, manual page and help examples exist.

use std::path::Path;
use std::process::Output;

/// Runs ngo-atlas with a private home, so that no real settings are read.
fn run(home: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = crate::common::ngo_atlas();
    cmd.args(args)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("NGO_ATLAS_CONFIG")
        .env_remove("NO_COLOR");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("run ngo-atlas")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_printed_default_config_loads_without_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["config", "--default"], &[]);
    assert!(out.status.success());
    let default = text(&out.stdout);
    assert!(
        default.starts_with("# ngo-atlas configuration."),
        "{default}"
    );
    let dir = home.path().join(".config/ngo-atlas");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), &default).unwrap();
    let out = run(home.path(), &["config"], &[]);
    let said = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(said.starts_with("ok: "), "{said}");
    assert!(said.contains(".config/ngo-atlas/config.toml"), "{said}");
}

#[test]
fn a_bad_config_stops_every_command_with_line_and_key() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.toml");
    std::fs::write(&file, "theme = \"dark\"\n\n[keys.browse]\nquit = [\"j\"]\n").unwrap();
    let path = file.to_str().unwrap();
    for args in [
        vec!["--config", path, "search", "amity"],
        vec!["--config", path, "check"],
        vec!["--config", path],
    ] {
        let out = run(home.path(), &args, &[]);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(text(&out.stdout), "", "nothing runs with a bad config");
        let err = text(&out.stderr);
        assert_eq!(
            err,
            format!(
                "ngo-atlas: {path}:4:9: key `keys.browse.quit`: `j` is bound to both `quit` and `down` in browse mode\n"
            )
        );
    }
    // The same through the environment variable.
    let out = run(home.path(), &["check"], &[("NGO_ATLAS_CONFIG", path)]);
    assert_eq!(out.status.code(), Some(1));
    // A file named explicitly must exist.
    let out = run(
        home.path(),
        &["--config", "/no/such/file.toml", "check"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no such file (it was named by --config)"));
}

#[test]
fn cite_and_data_follow_the_settings() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("c.toml");
    let id = "xinhua-2024-hrc55-side-event";
    std::fs::write(&file, "citation-style = \"bibtex\"\n").unwrap();
    let path = file.to_str().unwrap();
    let out = run(home.path(), &["--config", path, "cite", id], &[]);
    assert!(text(&out.stdout).starts_with('@'), "{}", text(&out.stdout));
    // The command line still wins.
    let out = run(
        home.path(),
        &["--config", path, "cite", id, "--style", "apa"],
        &[],
    );
    assert!(!text(&out.stdout).starts_with('@'));

    let fixture = format!("{}/tests/fixtures/bad-id", env!("CARGO_MANIFEST_DIR"));
    std::fs::write(&file, format!("data = {:?}\n", fixture)).unwrap();
    let out = run(home.path(), &["--config", path, "check"], &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the configured dataset is the one checked"
    );
    let good = format!("{}/data", env!("CARGO_MANIFEST_DIR"));
    let out = run(
        home.path(),
        &["--config", path, "check", "--data", &good],
        &[],
    );
    assert!(out.status.success(), "--data wins: {}", text(&out.stderr));
}

#[test]
fn completions_and_the_manual_page_are_printed() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = run(home.path(), &["completions", shell], &[]);
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains("ngo-atlas"), "{shell}");
        assert!(
            script.contains("completions"),
            "{shell}: subcommands are completed"
        );
    }
    let out = run(home.path(), &["man"], &[]);
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(page.contains(".TH ngo-atlas 1"), "{page}");
    assert!(page.contains("\\-\\-config"), "{page}");
    // They work even when the settings are broken.
    let bad = home.path().join("bad.toml");
    std::fs::write(&bad, "nonsense").unwrap();
    let bad = bad.to_str().unwrap();
    for args in [
        vec!["--config", bad, "man"],
        vec!["--config", bad, "completions", "fish"],
        vec!["--config", bad, "config", "--default"],
    ] {
        assert!(run(home.path(), &args, &[]).status.success(), "{args:?}");
    }
}

#[test]
fn every_subcommand_help_has_examples() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["--help"], &[]);
    let top = text(&out.stdout);
    assert!(top.contains("Examples:"), "{top}");
    let commands: Vec<String> = top
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 8, "{commands:?}");
    for c in commands {
        let out = run(home.path(), &[&c, "--help"], &[]);
        let help = text(&out.stdout);
        assert!(help.contains("Examples:\n  ngo-atlas "), "{c}:\n{help}");
    }
}

/// Runs ngo-atlas, its output read as it comes, failing the test if it has not finished within
/// a minute (a read that blocks would otherwise hang the test run; the minute measures nothing).
fn run_bounded(home: &Path, args: &[&str]) -> Output {
    let child = crate::common::ngo_atlas()
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("NGO_ATLAS_CONFIG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run ngo-atlas");
    let pid = child.id() as libc::pid_t;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(out) => out.expect("ngo-atlas ran"),
        Err(_) => {
            // SAFETY: ends the child this test started, still running.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("ngo-atlas {args:?} blocked");
        }
    }
}

#[test]
fn settings_that_are_not_a_plain_file_are_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("fifo.toml");
    crate::common::mkfifo(&fifo);
    let cases = [
        (
            "/dev/zero".to_string(),
            "/dev/zero: not a regular file (a device): the settings must be a plain file",
        ),
        (
            fifo.display().to_string(),
            "fifo.toml: not a regular file (a named pipe): the settings must be a plain file",
        ),
    ];
    for (path, expected) in cases {
        let out = run_bounded(home.path(), &["--config", &path, "check"]);
        assert_eq!(out.status.code(), Some(1), "{path}");
        let err = text(&out.stderr);
        assert!(err.trim_end().ends_with(expected), "{path}: {err}");
    }
    // The usual place too, not only a named file.
    let dir = home.path().join(".config/ngo-atlas");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir(dir.join("config.toml")).unwrap();
    let out = run_bounded(home.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not a regular file (a directory)"));
}

#[test]
fn settings_over_the_size_limit_are_refused_before_they_are_read() {
    let home = tempfile::tempdir().unwrap();
    let big = home.path().join("big.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let out = run_bounded(home.path(), &["--config", big.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(
            "the file is 52,428,800 bytes (50.0 MiB); a settings file may be at most 1 MiB"
        ),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn settings_errors_are_printed_inert_even_through_a_pipe() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("evil.toml");
    std::fs::write(&file, "[keys.\"\\u001b]0;pwned\\u0007\"]\nquit = [\"q\"]\n").unwrap();
    let out = run(
        home.path(),
        &["--config", file.to_str().unwrap(), "check"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("keys.␛]0;pwned␇"), "{err}");
}
