//! The real binary in a pseudo-terminal, on a dataset whose every string carries escape
//! sequences, read back through a terminal emulator (vt100): what a user's terminal would show
//! and do. Also: the terminal is put back (alternate screen left, raw mode off) on quit, on
//! SIGTERM and SIGHUP, and on a panic; any size from 1×1 survives; the dataset is never written.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Everything the emulator was asked to do besides drawing.
#[derive(Default)]
struct Seen {
    titles: Vec<String>,
    clipboard: Vec<Vec<u8>>,
    c1: Vec<char>,
}

impl vt100::Callbacks for Seen {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.c1.push(c);
    }
}

struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    raw: Arc<Mutex<Vec<u8>>>,
    fed: usize,
    term: vt100::Parser<Seen>,
    /// Home, config and state folders of the run, so nothing of the user's is read or written.
    _home: TempDir,
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("ngo-atlas-pty-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile-escapes")
}

impl Session {
    fn start(name: &str, args: &[&str], env: &[(&str, &str)], (cols, rows): (u16, u16)) -> Self {
        let home = TempDir::new(name);
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_ngo-atlas"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        for var in [
            "TMUX",
            "STY",
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "SSH_CONNECTION",
            "SSH_CLIENT",
            "SSH_TTY",
            "NO_COLOR",
            "NGO_ATLAS_CONFIG",
        ] {
            cmd.env_remove(var);
        }
        for var in ["HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"] {
            cmd.env(var, &home.0);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn ngo-atlas");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let sink = raw.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            master: pty.master,
            child,
            writer,
            raw,
            fed: 0,
            term: vt100::Parser::new_with_callbacks(rows, cols, 0, Seen::default()),
            _home: home,
        }
    }

    fn pump(&mut self) {
        let raw = self.raw.lock().unwrap();
        self.term.process(&raw[self.fed..]);
        self.fed = raw.len();
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    fn screen(&mut self) -> String {
        self.pump();
        self.term.screen().contents()
    }

    fn wait_for(&mut self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.screen().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never saw {what:?}; the screen:\n{}", self.screen());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Resizes the pty. The emulator is left out (vt100 itself overflows at some tiny sizes)
    /// and starts afresh at the new size, from the next full redraw on.
    fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.fed = self.raw.lock().unwrap().len();
        self.term = vt100::Parser::new_with_callbacks(rows, cols, 0, Seen::default());
    }

    /// Waits for the process to end; its exit code.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                std::thread::sleep(Duration::from_millis(100));
                self.pump();
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "ngo-atlas did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, sig: i32) {
        let pid = self.child.process_id().expect("a pid") as i32;
        // SAFETY: kill(2) with a pid we spawned.
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
    }

    /// Whether the pty is back in cooked mode: line editing and echo on, as a shell expects.
    fn cooked(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("a pty fd");
        // SAFETY: tcgetattr fills a termios we own, from an open fd.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// The terminal was handed back: the last alternate-screen switch is the way out, and the
    /// cursor is shown again.
    fn assert_restored(&self) {
        let raw = self.raw();
        let entered = find_last(&raw, b"\x1b[?1049h").expect("entered the alternate screen");
        let left = find_last(&raw, b"\x1b[?1049l").expect("left the alternate screen");
        assert!(
            left > entered,
            "the alternate screen was entered again after leaving it"
        );
        assert!(
            find_last(&raw, b"\x1b[?25h").is_some_and(|shown| shown > entered),
            "the cursor was not shown again"
        );
        assert!(self.cooked(), "the terminal was left in raw mode");
    }
}

/// A test that fails half-way must not leave the program running with no terminal.
impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find_last(hay, needle).is_some()
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
    let data = TempDir::new("data");
    for entry in std::fs::read_dir(fixture()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.0.join(path.file_name().unwrap())).unwrap();
    }
    let before = snapshot(&data.0);
    let dir = data.0.to_str().unwrap().to_string();
    let mut s = Session::start("inert", &["--data", &dir], &[], (120, 40));

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

    let raw = s.raw();
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
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    assert_eq!(snapshot(&data.0), before, "the dataset was written to");
}

#[test]
fn show_on_a_terminal_prints_inert_text() {
    let dir = fixture();
    let mut s = Session::start(
        "show",
        &["--data", dir.to_str().unwrap(), "show", "src-evil"],
        &[],
        (200, 40),
    );
    assert_eq!(s.exit_code(), 0);
    let screen = s.screen();
    assert!(screen.contains("␛]0;pwned␇"), "{screen}");
    assert!(s.term.callbacks().titles.is_empty());
    assert!(s.term.callbacks().clipboard.is_empty());
    assert!(!contains(&s.raw(), b"\x1b]"), "an OSC was written raw");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (sig, name) in [(libc::SIGTERM, "term"), (libc::SIGHUP, "hup")] {
        let mut s = Session::start(name, &[], &[], (100, 30));
        s.wait_for("ngo-atlas");
        s.signal(sig);
        assert_eq!(s.exit_code(), 128 + sig as u32, "{name}");
        s.assert_restored();
    }
}

#[test]
fn a_panic_restores_the_terminal_and_says_where_to_report() {
    let mut s = Session::start("panic", &[], &[("NGO_ATLAS_TEST_PANIC", "1")], (100, 30));
    assert_eq!(s.exit_code(), 101);
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
    let mut s = Session::start("sizes", &["--data", dir.to_str().unwrap()], &[], (1, 1));
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
    assert_eq!(s.exit_code(), 0, "{}", s.screen());
    s.assert_restored();
    assert!(!contains(&s.raw(), b"\x1b]"), "an OSC was written raw");
}
