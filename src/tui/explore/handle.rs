//! What the explorer's loop does with each message: the loading screen's progress, the
//! problems screen's keys, and the running explorer's keys, effects and background results.

use super::events::{self, Loaded, Msg};
use super::{End, Screen, Start, action_for, give_back_memory, origin, spawn_loader};
use crate::ingest::load::{Phase, Problem};
use crate::ingest::watch::Change;
use crate::prefs::keymap::{Action, Mode};
use crate::prefs::marks::Marks;
use crate::tui::app::boot::{Loading, Problems};
use crate::tui::app::{App, Effect};
use crossterm::event::{Event, KeyEventKind};
use std::io::{self, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

/// How long an ending signal waits for the marks being saved.
const FLUSH: Duration = Duration::from_millis(400);

/// Before the explorer ends on a signal (the terminal closed, `kill`): waits a moment for the
/// changes to the marks being saved, so that at most the last moment of work is lost.
pub(super) fn flush_marks(rx: &std::sync::mpsc::Receiver<Msg>, screen: &mut Screen) {
    let Screen::Ready(app) = screen else {
        return;
    };
    let deadline = Instant::now() + FLUSH;
    while app.marks.unsaved() > 0 {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Msg::MarksSaved(disk)) => app.marks_saved(*disk),
            Ok(Msg::MarksNotSaved(_)) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// `--watch`: the watcher, and whether a reload is running or another is due after it.
pub(super) struct Watching {
    tx: Sender<Msg>,
    cancel: Arc<AtomicBool>,
    watcher: Option<crate::ingest::watch::Watch>,
    reloading: bool,
    again: bool,
}

impl Watching {
    pub(super) fn new(tx: Sender<Msg>, cancel: Arc<AtomicBool>) -> Watching {
        Watching {
            tx,
            cancel,
            watcher: None,
            reloading: false,
            again: false,
        }
    }
}

impl Watching {
    pub(super) fn start(&mut self, dir: &std::path::Path, app: &mut App) {
        let tx = self.tx.clone();
        match crate::ingest::watch::watch(dir, move |c| tx.send(Msg::Watch(c)).is_ok()) {
            Ok(w) => self.watcher = Some(w),
            Err(e) => app.say(format!("Not watching for edits: {e}")),
        }
    }

    /// A change: reload, or reload again once the reload running is done.
    fn changed(&mut self, start: &Start) {
        if self.reloading {
            self.again = true;
            return;
        }
        self.reloading = true;
        spawn_loader(
            start.data.clone(),
            self.tx.clone(),
            Arc::clone(&self.cancel),
            true,
        );
    }

    fn reloaded(&mut self, start: &Start) {
        self.reloading = false;
        if std::mem::take(&mut self.again) {
            self.changed(start);
        }
    }
}

pub(super) enum Step {
    /// Carry on; true when the screen changed.
    Go(bool),
    End(End),
}

/// What the loop needs to handle a message besides the screen.
pub(super) struct Loop<'a> {
    pub start: &'a Start,
    /// The marks being read and the search history, until the app takes them.
    pub kept: Option<(std::thread::JoinHandle<Marks>, Vec<String>)>,
    pub copier: Sender<(String, String)>,
    pub saver: Sender<events::Save>,
    pub watching: Watching,
}

/// Handles one message for the screen shown.
pub(super) fn handle(msg: Msg, screen: &mut Screen, l: &mut Loop) -> io::Result<Step> {
    match (msg, &mut *screen) {
        (Msg::TermGone, _) => Ok(Step::End(End::Quit)),
        (Msg::Write(bytes), _) => {
            let mut out = stdout();
            out.write_all(&bytes)?;
            out.flush()?;
            Ok(Step::Go(false))
        }
        (Msg::Loaded(result), Screen::Loading(loading)) => {
            *screen = match *result {
                Ok(loaded) => Screen::Ready(Box::new(l.ready(loaded))),
                Err(problems) => {
                    let shown = Problems::new(loading.origin.clone(), &problems);
                    Screen::Problems(shown, problems)
                }
            };
            Ok(Step::Go(true))
        }
        (msg, Screen::Loading(loading)) => Ok(while_loading(msg, loading, l.start)),
        (Msg::Term(event), Screen::Problems(p, problems)) => {
            Ok(on_problems(event, p, problems, l.start))
        }
        (msg, Screen::Ready(app)) => Ok(l.while_ready(msg, app)),
        _ => Ok(Step::Go(false)),
    }
}

/// A message while the data loads: its progress, or a key that quits.
fn while_loading(msg: Msg, l: &mut Loading, start: &Start) -> Step {
    match msg {
        Msg::Progress(s) => {
            l.done = s.bytes_done;
            l.total = s.bytes_total;
            l.files_done = s.files_done;
            l.files_total = s.files_total;
            l.records = s.records;
            l.phase = match s.phase {
                Phase::Reading => "reading",
                Phase::Parsing => "parsing",
                Phase::Validating => "checking links",
            }
            .to_string();
        }
        Msg::Phase(phase) => l.phase = phase.to_string(),
        Msg::Term(Event::Key(key))
            if key.kind != KeyEventKind::Release
                && matches!(
                    start.settings.keymap.action(Mode::Browse, &key),
                    Some(Action::Quit | Action::Close)
                ) =>
        {
            return Step::End(End::Quit);
        }
        // Any other event (a resize) redraws.
        Msg::Term(_) => {}
        _ => return Step::Go(false),
    }
    Step::Go(true)
}

/// A key on the list of problems of a dataset that did not load.
fn on_problems(event: Event, p: &mut Problems, problems: &mut Vec<Problem>, start: &Start) -> Step {
    // Any event but a key (a resize) redraws.
    let Event::Key(key) = event else {
        return Step::Go(true);
    };
    if key.kind == KeyEventKind::Release {
        return Step::Go(true);
    }
    match start.settings.keymap.action(Mode::Help, &key) {
        Some(Action::Close | Action::Quit) => Step::End(End::Invalid(std::mem::take(problems))),
        Some(a) => {
            let (_, h) = crossterm::terminal::size().unwrap_or((80, 24));
            p.update(a, h.saturating_sub(4) as usize);
            Step::Go(true)
        }
        None => Step::Go(true),
    }
}

impl Loop<'_> {
    /// The app, once the data is in, with the marks and searches read meanwhile; watching
    /// under `--watch`.
    fn ready(&mut self, loaded: Loaded) -> App {
        let (marks, searches) = match self.kept.take() {
            Some((marks, searches)) => (marks.join().unwrap_or_default(), searches),
            None => Default::default(),
        };
        let mut app = super::ready(self.start, loaded, marks).with_searches(searches);
        if let (true, Some(dir)) = (self.start.watch, &self.start.data) {
            self.watching.start(dir, &mut app);
        }
        app
    }

    /// A message while the explorer is up.
    fn while_ready(&mut self, msg: Msg, app: &mut App) -> Step {
        match msg {
            Msg::Term(Event::Paste(text)) if app.key_mode() == Mode::Search => {
                if let Some(end) = self.carry_out(app.paste(&text), app) {
                    return end;
                }
            }
            Msg::Term(event) => {
                for action in action_for(app, &event) {
                    if let Some(end) = self.carry_out(app.update(action), app) {
                        return end;
                    }
                }
            }
            Msg::Watch(change) => self.watched(change, app),
            Msg::Searchable(index, searcher) => {
                app.searchable(&index, *searcher);
                // The searcher of the data before a reload, if any, is gone now.
                drop(index);
                give_back_memory();
            }
            Msg::Reopening(parsed, answer) => {
                if app.reopening(&parsed) {
                    give_back_memory();
                    let _ = answer.send(());
                }
            }
            Msg::Reopened(parsed, index) => {
                app.reopened(&parsed, index);
                give_back_memory();
            }
            Msg::Reloaded(result) => {
                match *result {
                    Ok(loaded) => app.reload(loaded.index),
                    Err(problems) => app.reload_failed(problems),
                }
                self.watching.reloaded(self.start);
                give_back_memory();
            }
            Msg::Copied { what, text, result } => app.copied(&what, result, &text),
            Msg::MarksNotSaved(why) => app.marks_not_saved(&why),
            Msg::MarksSaved(disk) => {
                app.marks_saved(*disk);
                if app.quit_ready() {
                    return Step::End(End::Quit);
                }
            }
            _ => return Step::Go(false),
        }
        Step::Go(true)
    }

    /// Hands an effect to the thread that carries it out; the end, for `Quit`.
    fn carry_out(&self, effect: Option<Effect>, app: &mut App) -> Option<Step> {
        match effect? {
            Effect::Quit => return Some(Step::End(End::Quit)),
            Effect::Copy { text, what } => {
                app.say(format!("Copying {what}…"));
                let _ = self.copier.send((text, what));
            }
            Effect::SaveMarks(batch) => {
                let _ = self.saver.send(events::Save::Marks(batch));
            }
            Effect::SaveSearches(query) => {
                let _ = self.saver.send(events::Save::Search(query));
            }
        }
        None
    }

    /// What the watch on the data folder saw.
    fn watched(&mut self, change: Change, app: &mut App) {
        match change {
            Change::Edited | Change::Back => self.watching.changed(self.start),
            Change::Gone => app.say(format!(
                "The data folder {} is gone; the data as last loaded is shown, and it reloads \
                 when the folder is back",
                origin(self.start)
            )),
            Change::Stopped(why) => {
                self.watching.watcher = None;
                app.say(format!("Not watching for edits any more: {why}"));
            }
            Change::Trouble(why) => app.say(format!(
                "The watch on the data folder had trouble ({why}); reloading"
            )),
        }
    }
}
