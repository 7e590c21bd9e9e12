//! Tests for the clipboard chain. No real clipboard tool is run: commands are
//! ones every Unix has (`cat`, `false`, `sleep`) or surely missing.

use super::*;
use std::sync::{Arc, Mutex};

/// A terminal stand-in whose bytes the test can read after the copy.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap().clone()
    }
}

fn clipboard(env: Env, choice: Choice) -> (SystemClipboard, Captured) {
    let term = Captured::default();
    let opts = Options {
        choice,
        ..Options::default()
    };
    (
        SystemClipboard::with(env, opts, Box::new(term.clone())),
        term,
    )
}

fn auto(env: &Env) -> Vec<Step> {
    plan(env, &Options::default())
}

fn native(argv: &[&str]) -> Step {
    Step::Native(super::argv(argv))
}

#[test]
fn plan_inside_tmux_over_ssh() {
    let env = Env {
        tmux: true,
        ssh: true,
        ..Env::default()
    };
    assert_eq!(auto(&env), vec![Step::Tmux, Step::Osc52(Wrap::Plain)]);
}

#[test]
fn plan_wayland_then_xwayland() {
    let wayland = Env {
        wayland: true,
        ..Env::default()
    };
    assert_eq!(
        auto(&wayland),
        vec![native(&["wl-copy"]), Step::Osc52(Wrap::Plain)]
    );
    let both = Env {
        x11: true,
        ..wayland
    };
    assert_eq!(
        auto(&both),
        vec![
            native(&["wl-copy"]),
            native(&["xclip", "-selection", "clipboard"]),
            native(&["xsel", "--clipboard", "--input"]),
            Step::Osc52(Wrap::Plain),
        ]
    );
}

#[test]
fn plan_x11() {
    let env = Env {
        x11: true,
        ..Env::default()
    };
    assert_eq!(
        auto(&env),
        vec![
            native(&["xclip", "-selection", "clipboard"]),
            native(&["xsel", "--clipboard", "--input"]),
            Step::Osc52(Wrap::Plain),
        ]
    );
}

#[test]
fn plan_macos_local_and_over_ssh() {
    let mac = Env {
        macos: true,
        ..Env::default()
    };
    assert_eq!(
        auto(&mac),
        vec![native(&["pbcopy"]), Step::Osc52(Wrap::Plain)]
    );
    let remote = Env { ssh: true, ..mac };
    assert_eq!(auto(&remote), vec![Step::Osc52(Wrap::Plain)]);
}

#[test]
fn plan_ssh_only_and_screen() {
    let ssh = Env {
        ssh: true,
        ..Env::default()
    };
    assert_eq!(auto(&ssh), vec![Step::Osc52(Wrap::Plain)]);
    let screen = Env {
        screen: true,
        ..ssh.clone()
    };
    assert_eq!(auto(&screen), vec![Step::Osc52(Wrap::Screen)]);
    let tmux_in_screen = Env {
        tmux: true,
        ..screen
    };
    assert_eq!(
        auto(&tmux_in_screen),
        vec![Step::Tmux, Step::Osc52(Wrap::Plain)]
    );
}

#[test]
fn plan_forced_choices() {
    let desktop = Env {
        tmux: true,
        wayland: true,
        x11: true,
        ..Env::default()
    };
    let with = |choice| {
        plan(
            &desktop,
            &Options {
                choice,
                ..Options::default()
            },
        )
    };
    assert_eq!(with(Choice::Osc52), vec![Step::Osc52(Wrap::Plain)]);
    assert_eq!(with(Choice::Tmux), vec![Step::Tmux]);
    assert_eq!(with(Choice::None), vec![]);
    let cmd = Choice::command("  wl-copy   --primary ").unwrap();
    assert_eq!(
        with(cmd),
        vec![Step::Command(super::argv(&["wl-copy", "--primary"]))]
    );
}

#[test]
fn choice_parses() {
    assert_eq!("auto".parse(), Ok(Choice::Auto));
    assert_eq!("osc52".parse(), Ok(Choice::Osc52));
    assert_eq!("tmux".parse(), Ok(Choice::Tmux));
    assert_eq!("none".parse(), Ok(Choice::None));
    assert_eq!(
        "command:xclip -i".parse(),
        Ok(Choice::Command(super::argv(&["xclip", "-i"])))
    );
    assert!("command:   ".parse::<Choice>().is_err());
    assert!("clippy".parse::<Choice>().is_err());
    assert_eq!(Choice::command(""), None);
}

#[test]
fn osc52_bytes_for_hello() {
    assert_eq!(
        osc52("hello", Wrap::Plain).unwrap(),
        b"\x1b]52;c;aGVsbG8=\x07"
    );
    assert_eq!(
        osc52("hello", Wrap::Screen).unwrap(),
        b"\x1bP\x1b]52;c;aGVsbG8=\x07\x1b\\"
    );
}

#[test]
fn osc52_for_screen_is_chunked_and_reassembles() {
    let text = "中国社会组织".repeat(20);
    let bytes = String::from_utf8(osc52(&text, Wrap::Screen).unwrap()).unwrap();
    let inner = bytes
        .strip_prefix("\x1bP\x1b]52;c;")
        .and_then(|s| s.strip_suffix("\x07\x1b\\"))
        .unwrap();
    let chunks: Vec<&str> = inner.split("\x1b\\\x1bP").collect();
    assert!(chunks.len() > 1 && chunks.iter().all(|c| c.len() <= 76));
    assert_eq!(STANDARD.decode(chunks.concat()).unwrap(), text.as_bytes());
}

#[test]
fn copy_over_ssh_writes_osc52_to_the_terminal() {
    let env = Env {
        ssh: true,
        ..Env::default()
    };
    let (mut cb, term) = clipboard(env, Choice::Auto);
    assert_eq!(cb.copy("hello"), Ok(Method::Osc52));
    assert_eq!(term.bytes(), b"\x1b]52;c;aGVsbG8=\x07");
}

#[test]
fn payload_is_sanitized_before_encoding() {
    let (mut cb, term) = clipboard(Env::default(), Choice::Osc52);
    let evil = "name\x1b]52;c;ZXZpbA==\x07\x1b[201~\u{9b}\u{202e}\tend";
    assert_eq!(cb.copy(evil), Ok(Method::Osc52));
    let bytes = term.bytes();
    let b64 = bytes
        .strip_prefix(b"\x1b]52;c;")
        .and_then(|b| b.strip_suffix(b"\x07"))
        .unwrap();
    let decoded = String::from_utf8(STANDARD.decode(b64).unwrap()).unwrap();
    assert!(
        !decoded.contains('\x1b') && !decoded.contains('\x07') && !decoded.contains('\u{202e}')
    );
    // A tab stays a tab: rows copied as TSV paste as columns.
    assert!(decoded.ends_with("\tend"));
    assert_eq!(decoded, sanitize::for_clipboard(evil));
}

#[test]
fn size_cap() {
    // 75,000 bytes encode to exactly 100,000; three more bytes go over.
    assert!(osc52(&"a".repeat(75_000), Wrap::Plain).is_ok());
    let too_big = "a".repeat(75_003);
    assert_eq!(
        osc52(&too_big, Wrap::Plain),
        Err(CopyError::TooLarge {
            encoded: 100_004,
            limit: OSC52_MAX_BASE64
        })
    );
    let (mut cb, term) = clipboard(Env::default(), Choice::Osc52);
    assert!(matches!(cb.copy(&too_big), Err(CopyError::TooLarge { .. })));
    assert!(term.bytes().is_empty());
}

#[test]
fn too_large_outranks_earlier_failures() {
    let steps = [
        Step::Command(super::argv(&["ngo-atlas-no-such-clipboard-tool"])),
        Step::Osc52(Wrap::Plain),
    ];
    let mut term = Captured::default();
    let big = "a".repeat(80_000);
    let result = execute(&steps, &big, Duration::from_secs(2), &mut term);
    assert!(matches!(result, Err(CopyError::TooLarge { .. })));
}

#[test]
fn user_command_gets_the_text() {
    let (mut cb, term) = clipboard(Env::default(), Choice::command("cat").unwrap());
    assert_eq!(cb.copy("hello\n中文"), Ok(Method::Command("cat".into())));
    assert!(term.bytes().is_empty());
}

#[test]
fn failing_and_missing_commands_say_why() {
    let (mut cb, _) = clipboard(Env::default(), Choice::command("false").unwrap());
    let err = cb.copy("x").unwrap_err();
    assert!(err.to_string().contains("false: failed"), "{err}");

    let missing = Choice::command("ngo-atlas-no-such-clipboard-tool").unwrap();
    let (mut cb, _) = clipboard(Env::default(), missing);
    let err = cb.copy("x").unwrap_err();
    assert!(err.to_string().contains("not installed"), "{err}");
}

#[test]
fn missing_tool_falls_through_to_the_next_step() {
    let steps = [
        Step::Native(super::argv(&["ngo-atlas-no-such-clipboard-tool"])),
        Step::Osc52(Wrap::Plain),
    ];
    let mut term = Captured::default();
    let result = execute(&steps, "hi", Duration::from_secs(2), &mut term);
    assert_eq!(result, Ok(Method::Osc52));
    assert_eq!(term.bytes(), b"\x1b]52;c;aGk=\x07");
}

#[test]
fn a_hanging_tool_is_killed() {
    let mut cb = SystemClipboard::with(
        Env::default(),
        Options {
            choice: Choice::command("sleep 30").unwrap(),
            timeout: Duration::from_millis(200),
        },
        Box::new(Captured::default()),
    );
    let start = Instant::now();
    let err = cb.copy("x").unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(5));
    assert!(err.to_string().contains("no answer"), "{err}");
}

/// Whether `pid` names a live process (a zombie waiting for init counts as gone).
fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z')),
        Err(_) => false,
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_hanging_tool_is_killed_with_its_children() {
    let dir = tempfile::tempdir().unwrap();
    let pidfile = dir.path().join("child.pid");
    let script = dir.path().join("wrapper");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nsleep 600 &\necho $! > {}\nwait\n",
            pidfile.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut cb = SystemClipboard::with(
        Env::default(),
        Options {
            choice: Choice::Command(vec![script.display().to_string()]),
            timeout: Duration::from_millis(500),
        },
        Box::new(Captured::default()),
    );
    let err = cb.copy("x").unwrap_err();
    assert!(err.to_string().contains("no answer"), "{err}");
    let pid: i32 = std::fs::read_to_string(&pidfile)
        .expect("the wrapper started its child")
        .trim()
        .parse()
        .unwrap();
    // The group was sent SIGKILL before copy returned; init reaps the orphan
    // soon after.
    let deadline = Instant::now() + Duration::from_secs(10);
    while alive(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let gone = !alive(pid);
    if !gone {
        // SAFETY: kill(2) of the test's own stray grandchild.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
    assert!(gone, "the wrapper's child {pid} outlived the copy");
}

#[test]
fn none_copies_nothing() {
    let (mut cb, term) = clipboard(Env::default(), Choice::None);
    assert_eq!(cb.copy("x"), Err(CopyError::Disabled));
    assert!(term.bytes().is_empty());
}

#[test]
fn words_for_the_status_bar() {
    assert_eq!(Method::Tmux.to_string(), "tmux buffer");
    assert_eq!(Method::Native("wl-copy".into()).to_string(), "wl-copy");
    assert_eq!(Method::Osc52.to_string(), "OSC 52 (terminal)");
    assert_eq!(Method::Command("cat".into()).to_string(), "cat");
    assert_eq!(
        CopyError::Failed(vec![
            "xclip: not installed".into(),
            "xsel: not installed".into()
        ])
        .to_string(),
        "nothing was copied: xclip: not installed; xsel: not installed"
    );
}
