//! Job control: Ctrl-Z (or `kill -TSTP`) hands the terminal back to the shell as the explorer
//! found it and stops the process; `fg` (SIGCONT) takes the terminal again and redraws.
//!
//! In raw mode the terminal sends no SIGTSTP for Ctrl-Z: the key arrives like any other, and
//! the run loop asks for a stop itself. A SIGTSTP from elsewhere is caught (its default action
//! would stop the process with the terminal still in raw mode and the alternate screen up), and
//! the run loop stops the same way. A SIGCONT that follows a stop the explorer did not ask for
//! (`kill -STOP`) takes the terminal again too: whatever the shell did meanwhile is undone.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// What the signal handlers set, for the run loop to act on between events.
pub struct JobControl {
    /// A stop is asked for: SIGTSTP, or Ctrl-Z.
    pub stop: Arc<AtomicBool>,
    /// The process was continued.
    continued: Arc<AtomicBool>,
}

impl JobControl {
    pub fn install() -> JobControl {
        let stop = Arc::new(AtomicBool::new(false));
        let continued = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGCONT, SIGTSTP};
            let _ = signal_hook::flag::register(SIGTSTP, Arc::clone(&stop));
            let _ = signal_hook::flag::register(SIGCONT, Arc::clone(&continued));
        }
        JobControl { stop, continued }
    }

    /// Stops or takes the terminal back if a signal or Ctrl-Z asked for it; true when the
    /// screen must be drawn again from scratch.
    pub fn act(
        &self,
        terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
        mouse: bool,
    ) -> io::Result<bool> {
        let mut redraw = false;
        if self.stop.swap(false, Ordering::Relaxed) {
            stop();
            redraw = true;
        }
        // After our own stop, or one we did not ask for.
        if self.continued.swap(false, Ordering::Relaxed) || redraw {
            take_terminal(terminal, mouse)?;
            redraw = true;
        }
        Ok(redraw)
    }
}

/// Ctrl-Z, as a terminal in raw mode sends it.
pub fn is_suspend_key(event: &Event) -> bool {
    matches!(
        event,
        Event::Key(KeyEvent {
            code: KeyCode::Char('z' | 'Z'),
            modifiers,
            kind: KeyEventKind::Press | KeyEventKind::Repeat,
            ..
        }) if *modifiers == KeyModifiers::CONTROL
    )
}

/// Puts the terminal back as the shell expects it, then stops until continued.
fn stop() {
    super::restore_terminal();
    #[cfg(unix)]
    {
        // SIGSTOP: a SIGTSTP's default action is dropped by the kernel in a process group with
        // no shell to continue it, and SIGTSTP is caught here anyway.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    }
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste as at start, and a frame
/// to be drawn whole.
fn take_terminal(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    mouse: bool,
) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    out.write_all(&super::setup_sequence(mouse)?)?;
    crossterm::queue!(
        out,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    out.flush()?;
    // A new terminal knows nothing of what is on screen, so its first frame is drawn whole.
    // (`Terminal::clear` would ask the terminal where its cursor is, and the answer goes to
    // the input thread instead.)
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ctrl_z_asks_for_a_stop() {
        let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
        assert!(is_suspend_key(&key(
            KeyCode::Char('z'),
            KeyModifiers::CONTROL
        )));
        assert!(!is_suspend_key(&key(
            KeyCode::Char('z'),
            KeyModifiers::NONE
        )));
        assert!(!is_suspend_key(&key(
            KeyCode::Char('z'),
            KeyModifiers::CONTROL | KeyModifiers::ALT
        )));
    }
}
