//! The explorer's terminal loop: set the terminal up, turn events into actions, draw, and put
//! the terminal back however the program ends.

use crate::app::{App, Effect, Options};
use crate::clipboard::{Clipboard, SystemClipboard};
use crate::config::{self, Config};
use crate::index::Index;
use crate::keymap::Action;
use crate::ui;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, IsTerminal, Write, stdout};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// How often the loop looks for a background search's results: well under a frame.
const SEARCH_POLL: std::time::Duration = std::time::Duration::from_millis(4);

/// Leaves the terminal as we found it. Safe to call more than once.
fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Where crashes are reported: the repository's issues when the package names one.
const REPORT_TO: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(repo) if !repo.is_empty() => repo,
    _ => "the ngo-atlas issue tracker",
};

/// Signals that end the explorer. The loop notices them between events and leaves the normal
/// way, so the terminal is restored; a second one ends the process at once.
const ENDING: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// The number of the first ending signal caught, or 0.
fn watch_signals() -> Arc<AtomicUsize> {
    let caught = Arc::new(AtomicUsize::new(0));
    let again = Arc::new(AtomicBool::new(false));
    for sig in ENDING {
        // Registered first, so it sees `again` as it was before this signal set it.
        let _ = signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, again.clone());
        let _ = signal_hook::flag::register(sig, again.clone());
        let _ = signal_hook::flag::register_usize(sig, caught.clone(), sig as usize);
    }
    // When the terminal itself has gone (a closed SSH session sends SIGHUP), crossterm's reader
    // sees end-of-file forever and never returns to the loop; without this watchdog the process
    // would spin at full CPU. It gives the loop a moment to leave the normal way, then restores
    // what it can and ends the process itself.
    if let Ok(mut signals) = signal_hook::iterator::Signals::new(ENDING) {
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                std::thread::sleep(Duration::from_millis(500));
                restore_terminal();
                std::process::exit(128 + sig);
            }
        });
    }
    caught
}

/// Waits for the next terminal event, looking now and then for an ending signal.
fn next_event(caught: &AtomicUsize) -> io::Result<Option<Event>> {
    loop {
        if caught.load(Ordering::Relaxed) != 0 {
            return Ok(None);
        }
        if event::poll(Duration::from_millis(100))? {
            return event::read().map(Some);
        }
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        eprintln!(
            "ngo-atlas {} crashed; the terminal has been restored. Please report this at {}, \
             with what you were doing and the message below.",
            env!("CARGO_PKG_VERSION"),
            REPORT_TO
        );
        previous(info);
    }));
}

/// Most characters taken from one paste into the search box.
pub const MAX_PASTE: usize = 500;

/// Turns a terminal event into an action, given the current mode's keymap.
pub fn action_for(app: &App, event: &Event) -> Vec<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app.keymap.action(app.key_mode(), key).into_iter().collect()
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => vec![Action::Click(m.column, m.row)],
            MouseEventKind::ScrollUp => vec![Action::Wheel(m.column, m.row, -1)],
            MouseEventKind::ScrollDown => vec![Action::Wheel(m.column, m.row, 1)],
            _ => Vec::new(),
        },
        Event::Resize(w, h) => vec![Action::Resize(*w, *h)],
        // Pasted text goes into the search box as if typed, minus anything that is not text.
        // Each char re-runs the search, so a paste is cut short: a query is never this long,
        // and pasting a whole document by mistake must not freeze the screen.
        Event::Paste(text) if app.mode == crate::keymap::Mode::Search => text
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_PASTE)
            .map(Action::Input)
            .collect(),
        _ => Vec::new(),
    }
}

/// Applies one action and carries out its effect; true when the user asked to quit. The run
/// loop and the tests share this, so a test with a recording clipboard sees what users get.
pub fn step(app: &mut App, action: Action, clipboard: &mut dyn Clipboard) -> bool {
    match app.update(action) {
        Some(Effect::Quit) => true,
        Some(Effect::Copy { text, what }) => {
            let result = clipboard
                .copy(&text)
                .map(|how| how.to_string())
                .map_err(|e| e.to_string());
            app.copied(&what, result, &text);
            false
        }
        None => false,
    }
}

pub fn run(index: Index, data: Option<&Path>, settings: &Config, env: &config::Env) -> ExitCode {
    if !stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "ngo-atlas: the explorer needs a terminal, and standard input or output is not one.\n\
             For scripts use the subcommands: ngo-atlas search, show, cite, export, check \
             (ngo-atlas --help lists them)."
        );
        return ExitCode::from(2);
    }
    let options = Options {
        origin: data.map_or("built-in dataset".to_string(), |d| d.display().to_string()),
        theme: settings.theme(env),
        style: settings.style,
        marks_file: config::marks_file(env),
    };
    let mut app = App::new(index, options);
    app.keymap = settings.keymap.clone();
    let mut clipboard = SystemClipboard::new(settings.clipboard.clone());
    install_panic_hook();
    let caught = watch_signals();
    let result = session(&mut app, &mut clipboard, settings.mouse, &caught);
    restore_terminal();
    match result {
        Ok(()) => match caught.load(Ordering::Relaxed) {
            0 => ExitCode::SUCCESS,
            sig => ExitCode::from(128 + sig as u8),
        },
        Err(e) => {
            eprintln!("ngo-atlas: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// What is sent to set the screen up. Without mouse capture the terminal keeps the mouse, so
/// people can select text with it as usual.
pub fn setup_sequence(mouse: bool) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    queue!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        queue!(out, EnableMouseCapture)?;
    }
    Ok(out)
}

fn session(
    app: &mut App,
    clipboard: &mut dyn Clipboard,
    mouse: bool,
    caught: &AtomicUsize,
) -> io::Result<()> {
    // Lets the end-to-end tests check the panic hook on the real binary; not in release builds.
    let crash = cfg!(debug_assertions) && std::env::var_os("NGO_ATLAS_TEST_PANIC").is_some();
    enable_raw_mode()?;
    let mut out = stdout();
    out.write_all(&setup_sequence(mouse)?)?;
    out.flush()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let mut dirty = true;
    loop {
        // The terminal may have changed size before its resize event is read: the app lays out
        // for the size the frame will really have.
        let size = terminal.size()?;
        if (size.width, size.height) != app.size {
            app.update(Action::Resize(size.width, size.height));
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| ui::render(app, frame))?;
        }
        if crash {
            panic!("NGO_ATLAS_TEST_PANIC is set");
        }
        if caught.load(Ordering::Relaxed) != 0 {
            return Ok(());
        }
        // While a search runs in the background, keys keep coming and its results are shown
        // as soon as they arrive; otherwise there is nothing to do until the next key.
        if app.search_pending() && !event::poll(SEARCH_POLL)? {
            dirty = app.poll_search();
            continue;
        }
        dirty = true;
        let Some(event) = next_event(caught)? else {
            return Ok(());
        };
        for action in action_for(app, &event) {
            if step(app, action, clipboard) {
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::setup_sequence;

    #[test]
    fn a_huge_paste_is_cut_short() {
        let index = crate::index::Index::new(crate::load::load_builtin().unwrap());
        let mut app = crate::app::App::new(index, crate::app::Options::default());
        app.update(crate::keymap::Action::Search);
        let paste = crossterm::event::Event::Paste("x\x1b".repeat(1_000_000));
        let actions = super::action_for(&app, &paste);
        assert_eq!(actions.len(), super::MAX_PASTE);
        assert!(
            actions
                .iter()
                .all(|a| *a == crate::keymap::Action::Input('x'))
        );
    }

    const CAPTURE: &[u8] = b"\x1b[?1000h";

    fn has(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn mouse_capture_is_only_asked_for_when_wanted() {
        let on = setup_sequence(true).unwrap();
        let off = setup_sequence(false).unwrap();
        assert!(has(&on, CAPTURE), "{on:?}");
        assert!(!has(&off, CAPTURE), "{off:?}");
        assert!(!has(&off, b"\x1b[?1006h"), "{off:?}");
        // The rest of the set-up is the same either way.
        assert!(
            has(&off, b"\x1b[?1049h") && has(&off, b"\x1b[?2004h"),
            "{off:?}"
        );
    }
}
