//! The explorer's terminal loop: set the terminal up, show the first frame at once while the
//! dataset loads on another thread, turn events into actions, carry out effects off the UI
//! thread, draw, and put the terminal back however the program ends.

mod events;
mod handle;
mod reopen;
mod suspend;

use crate::data::index::Index;
use crate::ingest::load::{self, Failure, Problem, Source, Status};
use crate::prefs::config::{self, Config};
use crate::prefs::keymap::{Action, Mode};
use crate::prefs::marks::Marks;
use crate::query::search::Searcher;
use crate::tui::app::boot::{Loading, Problems};
use crate::tui::app::{App, Effect, Options};
use crate::tui::clipboard::Clipboard;
use crate::tui::ui;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use events::{Loaded, Msg};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, IsTerminal, Write, stdout};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// How often the loop looks for background results (a search, a view's data): under a frame.
const BUSY_POLL: Duration = Duration::from_millis(4);
/// How often it wakes otherwise, to notice signals and to tick the loading clock.
const IDLE_POLL: Duration = Duration::from_millis(100);
/// A dataset that loads this fast is shown at once, without a loading frame in between.
const QUICK_LOAD: Duration = Duration::from_millis(40);

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
    // If the loop cannot get to the signal (the terminal has gone and a write blocks), this
    // gives it a moment to leave the normal way, then restores what it can and ends the process.
    if let Ok(mut signals) = signal_hook::iterator::Signals::new(ENDING) {
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                std::thread::sleep(Duration::from_millis(500));
                crate::tui::clipboard::end_running_tool();
                restore_terminal();
                std::process::exit(128 + sig);
            }
        });
    }
    caught
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

/// Most characters taken from one paste into a note or a name.
pub const MAX_PASTE: usize = 500;

/// Turns a terminal event into actions, given the current mode's keymap.
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
        // A paste into the search box is one edit, not an action per character: see
        // `App::paste`, which the run loop calls for it.
        // A note is one line: a pasted paragraph keeps its words apart.
        Event::Paste(text) if app.key_mode() == Mode::Edit => text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(MAX_PASTE)
            .map(Action::Input)
            .collect(),
        _ => Vec::new(),
    }
}

/// Applies one action and carries out its effect on the spot; true when the user asked to
/// quit. Tests use this with a recording clipboard; the run loop does the same off its thread.
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
        Some(Effect::SaveMarks(_)) => {
            save_marks(app);
            false
        }
        // Tests keep the history in memory.
        Some(Effect::SaveSearches(_)) => false,
        None => false,
    }
}

/// Writes every change to the marks not yet in their file, as the saving thread does, on this
/// thread: for tests, which then see at once what another app wrote.
pub fn save_marks(app: &mut App) {
    let Some(path) = app.marks.path().map(Path::to_path_buf) else {
        return;
    };
    match crate::prefs::marks::sync::commit(&path, &app.marks.all_pending()) {
        Ok(disk) => app.marks_saved(disk),
        Err(e) => app.marks_not_saved(&e),
    }
}

/// Reads the marks file as another program left it, as the explorer does when it sees the file
/// change: for tests.
pub fn reread_marks(app: &mut App) {
    if let Some(path) = app.marks.path().map(Path::to_path_buf)
        && let Ok(disk) = crate::prefs::marks::sync::read(&path, 0)
    {
        app.marks_saved(disk);
    }
}

/// What the explorer starts from.
pub struct Start {
    /// The dataset directory; `None` is the built-in dataset.
    pub data: Option<PathBuf>,
    /// Reload when a data file changes.
    pub watch: bool,
    pub settings: Config,
    pub env: config::Env,
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

/// Says that the explorer needs a terminal, for when it was started without one.
pub fn no_terminal() -> ExitCode {
    eprintln!(
        "ngo-atlas: the explorer needs a terminal, and standard input or output is not one.\n\
         For scripts use the subcommands: ngo-atlas search, show, cite, export, check \
         (ngo-atlas --help lists them)."
    );
    ExitCode::from(2)
}

pub fn run(start: Start) -> ExitCode {
    if !stdout().is_terminal() || !io::stdin().is_terminal() {
        return no_terminal();
    }
    install_panic_hook();
    crate::data::records::before_exit(restore_terminal);
    let caught = watch_signals();
    let result = session(&start, &caught);
    crate::tui::clipboard::end_running_tool();
    restore_terminal();
    match result {
        Ok(End::Quit) => match caught.load(Ordering::Relaxed) {
            0 => ExitCode::SUCCESS,
            sig => ExitCode::from(128 + sig as u8),
        },
        Ok(End::Invalid(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("{}", crate::data::dataset::summary(&problems));
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("ngo-atlas: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// How a session ended.
enum End {
    Quit,
    /// The user left the list of problems of a dataset that did not load.
    Invalid(Vec<Problem>),
}

enum Screen {
    Loading(Loading),
    Problems(Problems, Vec<Problem>),
    Ready(Box<App>),
}

/// Loads the dataset on a thread of its own and sends the progress and the result; `cancel`
/// stops it.
fn spawn_loader(data: Option<PathBuf>, tx: Sender<Msg>, cancel: Arc<AtomicBool>, reload: bool) {
    std::thread::spawn(move || {
        let last = AtomicUsize::new(usize::MAX);
        let progress = |s: &Status| {
            // A message per percent (and per phase) is plenty for a gauge.
            let percent = (s.bytes_done * 100 / s.bytes_total.max(1)) as usize
                + 1000 * (s.phase as usize)
                + 10_000 * s.files_done;
            if last.swap(percent, Ordering::Relaxed) != percent {
                let _ = tx.send(Msg::Progress(*s));
            }
        };
        let source = match data {
            Some(dir) => Source::Dir(dir),
            None => Source::Builtin,
        };
        let (loaded, snapshot) = match load::load_first(&source, &progress, &cancel) {
            Ok((d, snapshot)) => (Ok(d), snapshot),
            Err(Failure::Problems(p)) => (Err(p), None),
            // The user is leaving: nothing to say.
            Err(Failure::Cancelled) => return,
        };
        let result = loaded.map(|dataset| {
            let _ = tx.send(Msg::Phase("indexing"));
            Loaded {
                index: Arc::new(Index::new(dataset)),
            }
        });
        let index = result.as_ref().ok().map(|l| Arc::clone(&l.index));
        let _ = tx.send(if reload {
            Msg::Reloaded(Box::new(result))
        } else {
            Msg::Loaded(Box::new(result))
        });
        // The data can be browsed now; searching it follows. The searcher reads the texts
        // where they lie (beside the snapshot, or where the index keeps them) rather than
        // copying them.
        if let Some(index) = index {
            let searcher = Searcher::shared(Arc::clone(&index));
            let prepare = searcher.filters_preparer();
            let keep = searcher.keeper();
            let _ = tx.send(Msg::Searchable(Arc::clone(&index), Box::new(searcher)));
            // The lookups of `in:`, `year:`… built now (0.7 s at a million records), so that the
            // first filter does not wait for them and they can be kept below; lookups already
            // kept beside the snapshot are left for the first filter to read.
            prepare();
            // The snapshot of a folder parsed afresh, written now that the data is on screen
            // (a second at a million records), unless the user has left; the corpus, its texts
            // and the lookups beside it, so that a warm start reads no record for them.
            if let Some(slot) = snapshot.filter(|_| !cancel.load(Ordering::Relaxed))
                && let Some(companion) = slot.save_index(&index)
            {
                keep(&companion);
                reopen::reopen(&slot, index, &tx);
            }
        }
    });
}

fn draw(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    screen: &mut Screen,
    start: &Start,
) -> io::Result<()> {
    let size = terminal.size()?;
    let theme = start.settings.theme(&start.env);
    match screen {
        Screen::Ready(app) => {
            // The terminal may have changed size before its resize event is read: the app lays
            // out for the size the frame will really have.
            if (size.width, size.height) != app.size {
                app.update(Action::Resize(size.width, size.height));
            }
            terminal.draw(|f| ui::render(app, f))?;
        }
        Screen::Loading(l) => {
            terminal.draw(|f| ui::loading::loading(l, &start.settings.keymap, &theme, f))?;
        }
        Screen::Problems(p, _) => {
            terminal.draw(|f| ui::loading::problems(p, &start.settings.keymap, &theme, f))?;
        }
    }
    Ok(())
}

fn origin(start: &Start) -> String {
    start
        .data
        .as_ref()
        .map_or("built-in dataset".to_string(), |d| d.display().to_string())
}

/// The app, once the data is in.
fn ready(start: &Start, loaded: Loaded, marks: Marks) -> App {
    let options = Options {
        origin: origin(start),
        theme: start.settings.theme(&start.env),
        style: start.settings.style,
    };
    App::searching_later(loaded.index, options)
        .with_marks(marks)
        .with_keymap(start.settings.keymap.clone())
}

/// However the session ends, a load still running stops.
struct Stop(Arc<AtomicBool>);

impl Drop for Stop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn session(start: &Start, caught: &AtomicUsize) -> io::Result<End> {
    // Lets the end-to-end tests check the panic hook on the real binary; not in release builds.
    let crash = cfg!(debug_assertions) && std::env::var_os("NGO_ATLAS_TEST_PANIC").is_some();
    let (tx, rx) = channel();
    let stop = Stop(Arc::new(AtomicBool::new(false)));
    spawn_loader(start.data.clone(), tx.clone(), Arc::clone(&stop.0), false);
    // Marks are read on a thread of their own while the first frame is drawn, and handed to
    // the app when the data is in; a problem with them shows in its status bar.
    let marks_file = config::marks_file(&start.env);
    let marks = {
        let path = marks_file.clone();
        std::thread::spawn(move || Marks::load(path.as_deref()))
    };
    let searches_file = crate::prefs::config::searches_file(&start.env);
    let searches = crate::prefs::searches::load(searches_file.as_deref());
    let saver = events::saver(marks_file.clone(), searches_file, tx.clone());
    // Another explorer or the command line writing the marks: read them again.
    let _marks_watch = marks_file.as_deref().and_then(|path| {
        let saver = saver.clone();
        crate::ingest::watch::watch_file(path, move || saver.send(events::Save::Reread).is_ok())
            .ok()
    });
    let mut l = handle::Loop {
        start,
        kept: Some((marks, searches)),
        copier: events::copier(start.settings.clipboard.clone(), tx.clone()),
        saver,
        watching: handle::Watching::new(tx.clone(), Arc::clone(&stop.0)),
    };
    enable_raw_mode()?;
    let mut out = stdout();
    out.write_all(&setup_sequence(start.settings.mouse)?)?;
    out.flush()?;
    events::read_terminal(tx);
    let jobs = suspend::JobControl::install();
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let mut screen = Screen::Loading(Loading::new(origin(start)));
    let mut pending = quick_load(&rx);
    let mut dirty = true;
    loop {
        for msg in pending.drain(..) {
            if let Msg::Term(event) = &msg
                && suspend::is_suspend_key(event)
            {
                jobs.stop.store(true, Ordering::Relaxed);
                continue;
            }
            match handle::handle(msg, &mut screen, &mut l)? {
                handle::Step::Go(changed) => dirty |= changed,
                handle::Step::End(end) => return Ok(end),
            }
        }
        if caught.load(Ordering::Relaxed) != 0 {
            handle::flush_marks(&rx, &mut screen);
            return Ok(End::Quit);
        }
        dirty |= jobs.act(&mut terminal, start.settings.mouse)?;
        if dirty {
            draw(&mut terminal, &mut screen, start)?;
            dirty = false;
        }
        if crash {
            panic!("NGO_ATLAS_TEST_PANIC is set");
        }
        match wait(&rx, &mut screen) {
            Some((msgs, changed)) => {
                pending = msgs;
                dirty |= changed;
            }
            None => return Ok(End::Quit),
        }
    }
}

/// A quick load goes straight to the explorer rather than flashing the loading frame: the
/// messages of the first moments, up to the loaded data.
fn quick_load(rx: &Receiver<Msg>) -> Vec<Msg> {
    let mut pending = Vec::new();
    let deadline = Instant::now() + QUICK_LOAD;
    while let Ok(msg) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        let done = matches!(msg, Msg::Loaded(_));
        pending.push(msg);
        if done {
            break;
        }
    }
    pending
}

/// Waits for the next messages, polling the app's background work meanwhile: the messages
/// and whether the screen changed; `None` when every sender is gone.
fn wait(rx: &Receiver<Msg>, screen: &mut Screen) -> Option<(Vec<Msg>, bool)> {
    let busy = matches!(&*screen, Screen::Ready(app) if app.busy());
    let mut dirty = false;
    let mut pending = Vec::new();
    match rx.recv_timeout(if busy { BUSY_POLL } else { IDLE_POLL }) {
        Ok(msg) => pending.push(msg),
        Err(RecvTimeoutError::Timeout) => match screen {
            Screen::Ready(app) => dirty = app.poll(),
            // The loading clock ticks.
            Screen::Loading(_) => dirty = true,
            Screen::Problems(..) => {}
        },
        Err(RecvTimeoutError::Disconnected) => return None,
    }
    // Everything already waiting is handled before the next frame.
    pending.extend(rx.try_iter());
    if let Screen::Ready(app) = screen
        && app.busy()
    {
        dirty |= app.poll();
    }
    Some((pending, dirty))
}

/// Hands memory freed by the data before a reload back to the system. glibc's allocator keeps
/// freed blocks for the program's next use; after a reload they are the old dataset's hundreds
/// of megabytes, which an idle explorer would hold for good (a 100k-record explorer grew from
/// 138 MB to 277 MB over four edits).
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests;
