//! Helpers shared by the screen tests: an app on the built-in dataset, keys as a user types
//! them, and a frame drawn through `TestBackend`.

#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load::load_builtin;
use ngo_atlas::prefs::keymap::Action;
use ngo_atlas::text::sanitize;
use ngo_atlas::tui::app::{App, Effect, Options};
use ngo_atlas::tui::clipboard::{Clipboard, CopyError, Method};
use ngo_atlas::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// Issue 12's table: what a new user types, and the record they expect first.
pub const FIRST_HITS: [(&str, &str); 6] = [
    ("stückelberger", "christoph-stuckelberger"),
    ("stuckleberger", "christoph-stuckelberger"),
    ("xingfo", "xingfu-quan"),
    ("cnie", "china-ngo-network-for-international-exchanges"),
    ("brotherhood", "geneva-agape-foundation"),
    ("thumb-up", "benjamas-tanvetyanont"),
];

/// Runs the release-built binary with `args`: its exit code, standard output and error.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = ngo_atlas().args(args).output().expect("run ngo-atlas");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn app_with(options: Options) -> App {
    let index = Index::new(load_builtin().expect("the built-in dataset loads"));
    App::new(index, options)
}

pub fn app() -> App {
    app_with(Options::default())
}

/// Presses keys as written: plain characters, or names in angle brackets (`<Enter>`, `<Esc>`,
/// `<Tab>`, `<Down>`, `<Up>`, `<Left>`, `<Right>`, `<S-Up>`, `<C-o>`, `<A-Right>`). Returns the
/// effects, so tests can see what would have been copied.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut chars = keys.chars();
    while let Some(c) = chars.next() {
        let key = if c == '<' {
            let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
            named(&name)
        } else {
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
        };
        if let Some(action) = app.keymap().action(app.key_mode(), &key) {
            effects.extend(app.update(action));
        }
    }
    effects
}

fn named(name: &str) -> KeyEvent {
    let (mods, base) = match name.split_once('-') {
        Some(("S", b)) => (KeyModifiers::SHIFT, b),
        Some(("C", b)) => (KeyModifiers::CONTROL, b),
        Some(("A", b)) => (KeyModifiers::ALT, b),
        _ => (KeyModifiers::NONE, name),
    };
    let code = match base {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "Backspace" => KeyCode::Backspace,
        "PageDown" => KeyCode::PageDown,
        s if s.chars().count() == 1 => KeyCode::Char(s.chars().next().unwrap_or(' ')),
        other => panic!("unknown key name <{other}>"),
    };
    KeyEvent::new(code, mods)
}

pub fn click(app: &mut App, x: u16, y: u16) -> Option<Effect> {
    app.update(Action::Click(x, y))
}

pub fn wheel(app: &mut App, x: u16, y: u16, delta: i8) {
    app.update(Action::Wheel(x, y, delta));
}

/// Tells the app its size and draws one frame.
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|frame| ui::render(app, frame))
        .expect("drawing to a test terminal");
    terminal
}

pub fn buffer(app: &mut App, w: u16, h: u16) -> Buffer {
    draw(app, w, h).backend().buffer().clone()
}

/// The screen as text, one line per row.
pub fn text(app: &mut App, w: u16, h: u16) -> String {
    let buf = buffer(app, w, h);
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
            out.push_str(s);
        }
        out.push('\n');
    }
    out
}

/// Where a text first appears on screen, as (x, y).
pub fn find(app: &mut App, w: u16, h: u16, needle: &str) -> Option<(u16, u16)> {
    let screen = text(app, w, h);
    screen.lines().enumerate().find_map(|(y, line)| {
        line.find(needle).map(|byte| {
            let x = unicode_width::UnicodeWidthStr::width(&line[..byte]);
            (x as u16, y as u16)
        })
    })
}

/// The test fake: records what would have been copied (sanitized, as the real
/// one would copy it), or fails when `fail` is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordingClipboard {
    pub copies: Vec<String>,
    pub fail: bool,
}

impl Clipboard for RecordingClipboard {
    fn copy(&mut self, text: &str) -> Result<Method, CopyError> {
        if self.fail {
            return Err(CopyError::Failed(vec![
                "recording clipboard set to fail".into(),
            ]));
        }
        self.copies.push(sanitize::for_clipboard(text));
        Ok(Method::Command("recording clipboard".into()))
    }
}

/// Makes a named pipe at `path`, or fails the test: a test that needs one never passes by
/// skipping.
#[cfg(unix)]
pub fn mkfifo(path: &std::path::Path) {
    ngo_atlas::ingest::safe_file::at::mkfifo(path)
        .unwrap_or_else(|e| panic!("mkfifo {}: {e}", path.display()));
}

/// The five articles the dataset is curated from, beside the repository as `../shared/sources`.
/// A test that checks the data against them fails, saying where they belong, when they are
/// missing: it never passes without having read them.
pub fn articles() -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/sources");
    assert!(
        dir.is_dir(),
        "the source articles must be at {} (the repository's ../shared/sources) for this test",
        dir.display()
    );
    dir
}

/// A file made from the code that must stay what the code makes (a screenshot, the README with
/// its key table): written under `INSTA_UPDATE=always`, as the snapshots are, else compared.
/// One variable updates every golden file of the tests.
pub fn generated(path: &std::path::Path, wanted: &str) -> Result<(), String> {
    if std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always") {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        return std::fs::write(path, wanted).map_err(|e| format!("{}: {e}", path.display()));
    }
    match std::fs::read_to_string(path) {
        Ok(now) if now == wanted => Ok(()),
        Ok(_) => Err(format!(
            "{} differs from what the code makes",
            path.display()
        )),
        Err(e) => Err(format!("{} cannot be read: {e}", path.display())),
    }
}

/// The binary, as a command whose snapshots of loaded data folders go to the tests' own cache
/// under `target/`, never the user's: a test never reads a snapshot it did not make, and none
/// is left in `~/.cache` (tests of the snapshot set a folder of their own).
pub fn ngo_atlas() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ngo-atlas"));
    command.env(
        "XDG_CACHE_HOME",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-cache"),
    );
    command
}
