//! The explorer's state and how actions change it. No terminal code and no drawing: tests drive
//! `update` with actions and read the state, and `ui::render` draws it.
//!
//! `App` holds one value per view (the lists, timeline, statistics, map), each owning its
//! state and handling its own keys, and at most one overlay (search, help, picker, history,
//! marks, text). Views and overlays never reach into each other: they report what they want
//! done as an [`Outcome`], and the app does it. What needs the outside world (the clipboard,
//! saving marks, quitting) leaves `update` as an [`Effect`] for the run loop to carry out.

pub mod around;
pub mod boot;
pub mod cursor;
pub mod detail_doc;
pub mod detail_pane;
pub mod filter;
pub mod history;
mod keys;
pub mod lazy;
pub mod line_edit;
pub mod lists;
pub mod map;
mod marking;
mod navigate;
pub mod overlay;
mod overlay_keys;
pub mod paths;
mod reload;
pub mod screen;
pub mod stats;
pub mod table;
pub mod timeline;

use crate::data::index::Index;
use crate::prefs::keymap::{Action, Keymap, Mode};
use crate::prefs::marks::{Batch, Disk, Marks};
use crate::prefs::theme::Theme;
use crate::query::cite::Style;
use crate::query::graph::{Graph, TooLarge};
use crate::query::search::Searcher;
pub use history::{History, Location, Place};
pub use lists::{Focus, Lists, TABS};
pub use overlay::Overlay;
pub use screen::View;
use std::sync::Arc;

/// What a view or an overlay asks of the app after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// A view goes back to the lists; an overlay closes.
    Close,
    /// Open a record: a step in the history.
    Open(usize),
    Status(String),
}

/// What the outside world must do for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Put `text` on the clipboard; `what` names it for the status bar ("APA citation of X").
    Copy {
        text: String,
        what: String,
    },
    /// Write these changes to the marks file, on top of what other windows wrote.
    SaveMarks(Batch),
    /// Add a query to the search history's file.
    SaveSearches(String),
}

/// What a view needs to know of the world to handle a key: the data, the screen's size and
/// the link graph once built.
pub struct Ctx {
    pub index: Arc<Index>,
    pub size: (u16, u16),
    pub graph: Option<Arc<Graph>>,
    /// The user's notes and collections, for the queries `has:note` and `marked:`.
    pub user: Arc<crate::query::search::UserSets>,
}

/// Options the explorer starts with.
#[derive(Debug, Clone)]
pub struct Options {
    pub style: Style,
    /// Where the dataset came from, for the title bar.
    pub origin: String,
    pub theme: Theme,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            style: Style::Apa,
            origin: "built-in dataset".to_string(),
            theme: Theme::ansi(),
        }
    }
}

/// The explorer's state. Its fields are the app's own: the drawing code reads them within
/// the crate, and everything else drives the app through [`App::update`] and reads it
/// through the methods below.
pub struct App {
    pub(crate) index: Arc<Index>,
    /// `None` while the explorer's loader is still building it: the data can be browsed
    /// meanwhile, and a search waits for it.
    pub(crate) searcher: Option<Searcher>,
    pub(crate) keymap: Keymap,
    pub(crate) options: Options,
    pub(crate) marks: Marks,
    /// Terminal size, so mouse positions and page sizes can be worked out.
    pub(crate) size: (u16, u16),
    /// Which view fills the screen.
    pub(crate) view: View,
    pub(crate) views: screen::Views,
    /// The links between records as a graph, built the first time a path or a neighbourhood
    /// is asked for.
    pub(crate) graph: lazy::Lazy<Result<Arc<Graph>, TooLarge>>,
    pub(crate) overlay: Option<Overlay>,
    pub(crate) history: History,
    pub(crate) status: Option<String>,
    /// The last query searched, offered again when the search box reopens.
    pub(crate) last_query: String,
    /// Queries searched, oldest first, kept between sessions.
    pub(crate) searches: Vec<String>,
    /// Under `--watch`: the problems of the files as last edited, while the last good data is
    /// shown.
    pub(crate) stale: Option<Vec<crate::ingest::load::Problem>>,
    /// The user's notes as put into the detail pane.
    noted: Option<marking::Noted>,
    /// Why the marks could not be saved the last time they were tried, until a save works.
    marks_trouble: Option<String>,
    /// The user's notes and collections as sets for `has:note` and `marked:`, made when the
    /// marks had this many changes: every key's context reuses them until the marks change.
    user_sets: std::cell::RefCell<Option<(u64, Arc<crate::query::search::UserSets>)>>,
    /// Quit was asked with changes not saved: the next quit ends the explorer anyway.
    quit_asked: bool,
    /// Quit was asked while changes were being saved: the explorer ends once they are.
    quit_when_saved: bool,
}

impl App {
    pub fn new(index: Index, options: Options) -> App {
        App::with_index(Arc::new(index), options)
    }

    /// An app over an index already shared (the loader builds the searcher meanwhile).
    pub fn with_index(index: Arc<Index>, options: Options) -> App {
        let searcher = Searcher::new(&index);
        App::with_searcher(index, searcher, options)
    }

    pub fn with_searcher(index: Arc<Index>, searcher: Searcher, options: Options) -> App {
        let mut app = App::searching_later(index, options);
        app.searcher = Some(searcher);
        app
    }

    /// An app to browse at once, its searcher handed over by [`App::searchable`] when built.
    pub fn searching_later(index: Arc<Index>, options: Options) -> App {
        let size = (80, 24);
        let lists = Lists::new(&Ctx {
            index: Arc::clone(&index),
            size,
            graph: None,
            user: Arc::default(),
        });
        let mut app = App {
            index,
            searcher: None,
            keymap: Keymap::default(),
            options,
            marks: Marks::in_memory(),
            size,
            view: View::Browse,
            views: screen::Views::new(lists),
            graph: lazy::Lazy::default(),
            overlay: None,
            history: History::default(),
            status: None,
            last_query: String::new(),
            searches: Vec::new(),
            stale: None,
            noted: None,
            marks_trouble: None,
            user_sets: Default::default(),
            quit_asked: false,
            quit_when_saved: false,
        };
        app.history.record(app.here(), true);
        app
    }

    /// The app with the user's marks, loaded before it starts; a problem reading them shows
    /// in the status bar.
    pub fn with_marks(mut self, mut marks: Marks) -> App {
        self.status = marks.take_problem();
        self.marks = marks;
        self.user_sets = Default::default();
        self.marks_renamed();
        self.show_notes();
        self
    }

    /// The app with the user's keys.
    pub fn with_keymap(mut self, keymap: Keymap) -> App {
        self.keymap = keymap;
        self
    }

    /// The app with the searches of earlier sessions, for Up and Down in the search box.
    pub fn with_searches(mut self, searches: Vec<String>) -> App {
        self.last_query = searches.last().cloned().unwrap_or_default();
        self.searches = searches;
        self
    }

    /// The searcher, once built.
    pub fn searching(&self) -> Option<&Searcher> {
        self.searcher.as_ref()
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// The view on screen.
    pub fn view(&self) -> View {
        self.view
    }

    /// Every view's state, to read.
    pub fn views(&self) -> &screen::Views {
        &self.views
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The status bar's message, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The search history, oldest first.
    pub fn searches(&self) -> &[String] {
        &self.searches
    }

    pub fn last_query(&self) -> &str {
        &self.last_query
    }

    /// Under `--watch`, the problems of the files as last edited.
    pub fn stale(&self) -> Option<&[crate::ingest::load::Problem]> {
        self.stale.as_deref()
    }

    /// Which keys are live: the overlay's, else the shown view's.
    pub fn key_mode(&self) -> Mode {
        match &self.overlay {
            Some(o) => o.mode(),
            None => self.view.mode(),
        }
    }

    /// The record the detail pane shows: the search preview while searching, else the list's.
    pub fn current(&self) -> Option<usize> {
        match &self.overlay {
            Some(Overlay::Search(s)) => s.preview.record,
            _ => self.views.lists.detail.record,
        }
    }

    /// The record selected in the view on screen: what Enter opens and `y` cites.
    pub fn view_record(&self) -> Option<usize> {
        self.views.get(self.view).record(&self.index)
    }

    /// What the views need to handle a key. It holds its own references to the data and the
    /// graph, so the views can be changed beside it.
    pub(crate) fn ctx(&self) -> Ctx {
        Ctx {
            index: Arc::clone(&self.index),
            size: self.size,
            graph: self.graph(),
            user: self.user_sets(),
        }
    }

    /// The user's notes and collections as sets, made again only when the marks changed.
    fn user_sets(&self) -> Arc<crate::query::search::UserSets> {
        let changes = self.marks.changes();
        let mut kept = self.user_sets.borrow_mut();
        match &*kept {
            Some((c, sets)) if *c == changes => Arc::clone(sets),
            _ => {
                let sets = Arc::new(self.marks.user_sets());
                *kept = Some((changes, Arc::clone(&sets)));
                sets
            }
        }
    }

    /// The link graph, once built.
    pub fn graph(&self) -> Option<Arc<Graph>> {
        self.graph.get()?.as_ref().as_ref().ok().cloned()
    }

    /// Starts building the link graph if it is not, and hands it to the views waiting for it.
    pub(crate) fn want_graph(&mut self) {
        self.graph
            .start(&self.index, |index| Graph::shared(index).map(Arc::new));
        self.feed_graph();
    }

    /// Hands the link graph, if built, to the views waiting for it.
    fn feed_graph(&mut self) {
        if let Some(Err(e)) = self.graph.get().map(|g| g.as_ref().as_ref()) {
            self.status = Some(format!("Connections cannot be shown: {e}"));
            return;
        }
        let graph = self.graph();
        if graph.is_none() {
            return;
        }
        let ctx = self.ctx();
        for v in self.views.all_mut() {
            if v.wants_graph() {
                v.poll(&ctx);
            }
        }
    }

    pub fn search(&self) -> Option<&overlay::SearchBox> {
        match &self.overlay {
            Some(Overlay::Search(s)) => Some(s),
            _ => None,
        }
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Resize(..)) {
            self.status = None;
        }
        let asked = std::mem::take(&mut self.quit_asked);
        let effect = match action {
            Action::Quit => self.quit(asked),
            Action::Undo => self.undo_marks(false),
            Action::Redo => self.undo_marks(true),
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.resize();
                None
            }
            Action::Click(x, y) => self.click(x, y),
            Action::Wheel(x, y, d) => self.wheel(x, y, d),
            a if self.overlay.is_some() => self.overlay_action(a),
            a => self.view_action(a),
        };
        self.show_notes();
        effect
    }

    /// Text pasted into the search box: one edit and one search, however long the paste
    /// (typed one character at a time, a paste of 482 characters ran 482 searches).
    /// Elsewhere a paste means nothing.
    pub fn paste(&mut self, text: &str) -> Option<Effect> {
        self.status = None;
        self.overlay_paste(text)
    }

    /// Lays every part out again for a new terminal size.
    fn resize(&mut self) {
        let ctx = self.ctx();
        for v in self.views.all_mut() {
            v.resize(&ctx);
        }
        if let Some(o) = &mut self.overlay {
            o.layer_mut().resize(&ctx);
        }
    }

    /// Called by the run loop while something runs in the background: a search, or a view's
    /// data being built. True when the screen changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        if self.graph.poll() {
            self.feed_graph();
            changed = true;
        }
        let ctx = self.ctx();
        for v in self.views.all_mut() {
            changed |= v.poll(&ctx);
            // Where a view opened, once its data was built.
            if let Some(said) = v.said() {
                self.status = Some(said);
                changed = true;
            }
        }
        if let Some((o, w)) = self.overlay_world(&ctx) {
            changed |= o.poll(&w);
        }
        changed
    }

    /// The searcher for `index` is built: a search waiting for it runs now. One built for data
    /// since reloaded is dropped.
    pub fn searchable(&mut self, index: &Arc<Index>, searcher: Searcher) {
        if !Arc::ptr_eq(index, &self.index) {
            return;
        }
        self.searcher = Some(searcher);
        let ctx = self.ctx();
        if let Some(Overlay::Search(s)) = &mut self.overlay {
            s.run(&ctx, self.searcher.as_ref());
            if std::mem::take(&mut s.open_when_ready) {
                self.update(Action::Open);
            }
        }
    }

    /// Is anything running in the background? The run loop then polls instead of blocking.
    pub fn busy(&self) -> bool {
        self.overlay.as_ref().is_some_and(|o| o.layer().busy())
            || self.graph.building()
            || self.views.all().iter().any(|v| v.busy())
    }

    /// Waits for everything running in the background (tests and benchmarks).
    pub fn settle(&mut self) {
        for v in self.views.all_mut() {
            v.wait();
        }
        self.graph.wait();
        self.feed_graph();
        let ctx = self.ctx();
        if let Some((o, w)) = self.overlay_world(&ctx) {
            o.wait(&w);
        }
        self.poll();
        self.resize();
    }

    /// Puts a message from the run loop in the status bar.
    pub fn say(&mut self, message: String) {
        self.status = Some(message);
    }

    /// Called by the run loop with the outcome of a copy.
    pub fn copied(&mut self, what: &str, result: Result<String, String>, text: &str) {
        match result {
            Ok(how) => self.status = Some(format!("Copied {what} via {how}")),
            Err(why) => {
                self.status = Some(format!(
                    "Could not copy {what}: it is shown to select by hand"
                ));
                self.overlay = Some(Overlay::Popup(overlay::TextPopup::new(
                    format!("Could not copy ({why}): select the text by hand"),
                    text.to_string(),
                )));
            }
        }
    }
}
