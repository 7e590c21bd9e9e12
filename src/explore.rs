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

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        eprintln!(
            "ngo-atlas crashed; the terminal has been restored. Please report this, with what you \
             were doing, to the ngo-atlas issue tracker."
        );
        previous(info);
    }));
}

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
        Event::Paste(text) if app.mode == crate::keymap::Mode::Search => text
            .chars()
            .filter(|c| !c.is_control())
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
    let result = session(&mut app, &mut clipboard, settings.mouse);
    restore_terminal();
    match result {
        Ok(()) => ExitCode::SUCCESS,
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

fn session(app: &mut App, clipboard: &mut dyn Clipboard, mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = stdout();
    out.write_all(&setup_sequence(mouse)?)?;
    out.flush()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| ui::render(app, frame))?;
        }
        // While a search runs in the background, keys keep coming and its results are shown
        // as soon as they arrive; otherwise there is nothing to do until the next key.
        if app.search_pending() && !event::poll(SEARCH_POLL)? {
            dirty = app.poll_search();
            continue;
        }
        dirty = true;
        let event = event::read()?;
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
