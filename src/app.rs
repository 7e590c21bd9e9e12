//! The explorer's state and how actions change it. No terminal code: tests drive `update` with
//! actions and read the state, and `ui::render` draws it.

pub mod map;
mod marks;
mod mouse;
mod search;
pub mod stats;
pub mod timeline;
mod views;

use crate::cite::Style;
use crate::cite::for_record as citation;
use crate::detail::Detail;
use crate::index::Index;
use crate::keymap::{Action, Keymap, Mode};
use crate::model::Kind;
use crate::search::Searcher;
use crate::ui;
pub use marks::MarkRow;
pub use search::SearchState;
pub use views::{View, ViewPlace};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// Everything needed to come back to a place: what was shown and how it was scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub tab: usize,
    pub record: usize,
    pub focus: Focus,
    pub link: usize,
    pub scroll: usize,
    pub list_offset: usize,
    /// The view shown, with its selection, scroll and zoom.
    pub view: ViewPlace,
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
}

/// Options the explorer starts with.
#[derive(Debug, Clone)]
pub struct Options {
    pub style: Style,
    /// Where the dataset came from, for the title bar.
    pub origin: String,
    pub theme: ui::theme::Theme,
    /// Where bookmarks are kept; `None` keeps them in memory (tests never touch real files).
    pub marks_file: Option<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            style: Style::Apa,
            origin: "built-in dataset".to_string(),
            theme: ui::theme::Theme::ansi(),
            marks_file: None,
        }
    }
}

pub struct App {
    pub index: Index,
    pub searcher: Searcher,
    pub keymap: Keymap,
    pub options: Options,
    pub marks: crate::marks::Marks,
    pub mode: Mode,
    /// 0 is all kinds; 1.. are `Kind::ALL` in order.
    pub tab: usize,
    /// Records listed under the current tab, in order.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub list_offset: usize,
    pub focus: Focus,
    /// The link cursor in the detail pane: an index into `detail.targets()`.
    pub link: usize,
    pub detail_scroll: usize,
    pub detail: Option<Detail>,
    pub back: Vec<Location>,
    pub forward: Vec<Location>,
    pub search: SearchState,
    /// Selected row of the style picker, the history popup, or the help screen's scroll.
    pub popup_cursor: usize,
    /// A text shown in a popup for manual selection when no clipboard could be reached.
    pub popup_text: Option<(String, String)>,
    pub status: Option<String>,
    /// Terminal size, kept so mouse positions and page sizes can be worked out.
    pub size: (u16, u16),
    /// The lists, or the timeline, statistics or map view, and each view's state.
    pub view: View,
    pub timeline: timeline::Timeline,
    pub stats: stats::Stats,
    pub map: map::MapView,
}

pub const TABS: usize = Kind::ALL.len() + 1;

impl App {
    pub fn new(index: Index, options: Options) -> App {
        let searcher = Searcher::new(&index);
        let (timeline, stats, map) = (
            timeline::Timeline::new(&index),
            stats::Stats::new(&index),
            map::MapView::new(&index),
        );
        let mut app = App {
            index,
            searcher,
            keymap: Keymap::default(),
            marks: crate::marks::Marks::load(options.marks_file.as_deref()),
            options,
            mode: Mode::Browse,
            tab: 1,
            rows: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            link: 0,
            detail_scroll: 0,
            detail: None,
            back: Vec::new(),
            forward: Vec::new(),
            search: SearchState::default(),
            popup_cursor: 0,
            popup_text: None,
            status: None,
            size: (80, 24),
            view: View::Browse,
            timeline,
            stats,
            map,
        };
        app.set_tab(1);
        app.status = app.marks.take_problem();
        app
    }

    pub fn tab_kind(tab: usize) -> Option<Kind> {
        tab.checked_sub(1).and_then(|i| Kind::ALL.get(i).copied())
    }

    fn rows_of(&self, tab: usize) -> Vec<usize> {
        match App::tab_kind(tab) {
            Some(k) => self.index.of_kind(k).to_vec(),
            None => self.index.all().collect(),
        }
    }

    /// The record the detail pane shows: the search preview while searching, else the list's.
    pub fn current(&self) -> Option<usize> {
        if self.mode == Mode::Search
            && let Some(hit) = self.search.hits.get(self.search.selected)
        {
            return Some(hit.record);
        }
        self.rows.get(self.selected).copied()
    }

    pub fn location(&self) -> Option<Location> {
        Some(Location {
            tab: self.tab,
            record: self.rows.get(self.selected).copied()?,
            focus: self.focus,
            link: self.link,
            scroll: self.detail_scroll,
            list_offset: self.list_offset,
            view: self.view_place(),
        })
    }

    fn set_tab(&mut self, tab: usize) {
        let keep = self.rows.get(self.selected).copied();
        self.tab = tab % TABS;
        self.rows = self.rows_of(self.tab);
        // Staying on the same record when it is listed under the new tab keeps the user's place.
        self.selected = keep
            .and_then(|r| self.rows.iter().position(|&x| x == r))
            .unwrap_or(0);
        self.list_offset = 0;
        self.record_changed();
    }

    /// Called whenever the shown record changes: rebuild its detail, reset the cursor.
    fn record_changed(&mut self) {
        self.detail = self.current().map(|r| Detail::new(&self.index, r));
        self.link = 0;
        self.detail_scroll = 0;
        self.keep_visible();
    }

    /// Shows a location exactly as it was left.
    fn restore(&mut self, loc: &Location) {
        self.tab = loc.tab;
        self.rows = self.rows_of(loc.tab);
        self.selected = self.rows.iter().position(|&r| r == loc.record).unwrap_or(0);
        self.detail = self.current().map(|r| Detail::new(&self.index, r));
        self.focus = loc.focus;
        self.link = loc.link;
        self.detail_scroll = loc.scroll;
        self.list_offset = loc.list_offset;
        self.restore_view(&loc.view);
        self.keep_visible();
    }

    /// Goes to a record as a new step in the history; the forward part is dropped.
    pub fn jump(&mut self, record: usize, focus: Focus) {
        if let Some(here) = self.location() {
            if here.record == record && self.focus == focus && self.view == View::Browse {
                return;
            }
            self.back.push(here);
        }
        self.forward.clear();
        self.view = View::Browse;
        let kind = self.index.record(record).kind();
        if App::tab_kind(self.tab).is_some_and(|k| k != kind) {
            self.tab = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0) + 1;
            self.rows = self.rows_of(self.tab);
        }
        self.selected = self.rows.iter().position(|&r| r == record).unwrap_or(0);
        self.focus = focus;
        self.record_changed();
    }

    fn go_back(&mut self) {
        match self.back.pop() {
            Some(loc) => {
                if let Some(here) = self.location() {
                    self.forward.push(here);
                }
                self.restore(&loc);
            }
            None => self.status = Some("Nothing to go back to".into()),
        }
    }

    fn go_forward(&mut self) {
        match self.forward.pop() {
            Some(loc) => {
                if let Some(here) = self.location() {
                    self.back.push(here);
                }
                self.restore(&loc);
            }
            None => self.status = Some("Nothing to go forward to".into()),
        }
    }

    /// Visible rows of the list and the detail, from the last known terminal size.
    pub fn list_height(&self) -> usize {
        ui::layout(self.size).list.height.saturating_sub(2) as usize
    }

    fn detail_height(&self) -> usize {
        ui::layout(self.size).detail.height.saturating_sub(2) as usize
    }

    /// Keeps the list selection and the detail's link cursor on screen: the one place that
    /// turns layout into scroll offsets.
    pub fn keep_visible(&mut self) {
        let h = self.list_height().max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + h {
            self.list_offset = self.selected + 1 - h;
        }
        let h = self.detail_height().max(1);
        let doc = self.detail_doc();
        if self.focus == Focus::Detail
            && let Some(&row) = doc.link_rows.get(self.link)
        {
            if row < self.detail_scroll {
                // Show the group heading above the first link too.
                self.detail_scroll = row.saturating_sub(1);
            } else if row >= self.detail_scroll + h {
                self.detail_scroll = row + 1 - h;
            }
        }
        let max = doc.lines.len().saturating_sub(h);
        self.detail_scroll = self.detail_scroll.min(max);
        self.search
            .keep_visible(self.list_height().saturating_sub(1).max(1));
        self.keep_views_visible();
    }

    pub fn detail_doc(&self) -> ui::detail::Doc {
        let width = ui::layout(self.size).detail.width.saturating_sub(2);
        ui::detail::document(self, width)
    }

    fn move_cursor(&mut self, delta: isize) {
        match self.focus {
            Focus::List => {
                let last = self.rows.len().saturating_sub(1) as isize;
                let next = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
                if next != self.selected {
                    self.selected = next;
                    self.record_changed();
                }
            }
            Focus::Detail => {
                let n = self.detail.as_ref().map_or(0, |d| d.targets().len());
                if n == 0 {
                    // Nothing to select: scroll the text instead.
                    self.scroll_detail(delta);
                    return;
                }
                self.link = (self.link as isize + delta).clamp(0, n as isize - 1) as usize;
            }
        }
        self.keep_visible();
    }

    pub fn scroll_detail(&mut self, delta: isize) {
        let max = self
            .detail_doc()
            .lines
            .len()
            .saturating_sub(self.detail_height());
        self.detail_scroll = (self.detail_scroll as isize + delta).clamp(0, max as isize) as usize;
    }

    /// The record the link cursor is on, if the detail pane has focus.
    pub fn link_target(&self) -> Option<usize> {
        self.detail.as_ref()?.targets().get(self.link).copied()
    }

    fn open(&mut self) {
        match self.focus {
            Focus::List => {
                if let Some(r) = self.rows.get(self.selected).copied() {
                    self.jump(r, Focus::Detail);
                }
            }
            Focus::Detail => match self.link_target() {
                Some(t) => self.jump(t, Focus::Detail),
                None => self.status = Some("No link here to follow".into()),
            },
        }
    }

    /// What `y` copies: the citation of the link under the cursor, or of the shown record.
    fn copy_target(&self) -> Option<usize> {
        if self.view != View::Browse {
            return self.view_record();
        }
        if self.focus == Focus::Detail
            && let Some(t) = self.link_target()
            && self.index.record(t).kind() == Kind::Source
        {
            return Some(t);
        }
        self.current()
    }

    pub fn copy_citation(&self, style: Style) -> Option<Effect> {
        let r = self.copy_target()?;
        let name = self.index.record(r).name();
        Some(Effect::Copy {
            text: citation(&self.index, r, style),
            what: format!(
                "{} citation of “{}”",
                style.label(),
                crate::sanitize::line(name)
            ),
        })
    }

    /// History entries for the popup: back stack oldest first, then here, then forward.
    pub fn history(&self) -> (Vec<Location>, usize) {
        let mut all: Vec<Location> = self.back.clone();
        let here = all.len();
        all.extend(self.location());
        all.extend(self.forward.iter().rev().cloned());
        (all, here)
    }

    fn choose_history(&mut self) {
        let (all, here) = self.history();
        let Some(target) = all.get(self.popup_cursor).cloned() else {
            return;
        };
        self.mode = Mode::Browse;
        if self.popup_cursor == here {
            return;
        }
        // Moving through history shifts entries between the stacks, as repeated back/forward would.
        let steps = self.popup_cursor as isize - here as isize;
        for _ in 0..steps.unsigned_abs() {
            if steps < 0 {
                self.go_back();
            } else {
                self.go_forward();
            }
        }
        debug_assert_eq!(self.location().map(|l| l.record), Some(target.record));
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Resize(..)) {
            self.status = None;
        }
        match (self.mode, action) {
            (_, Action::Quit) => return Some(Effect::Quit),
            (_, Action::Resize(w, h)) => {
                self.size = (w, h);
                self.keep_visible();
            }
            (_, Action::Click(x, y)) => return self.click(x, y),
            (_, Action::Wheel(x, y, d)) => self.wheel(x, y, d),
            (Mode::Search, a) => return self.search_action(a),
            (Mode::Help, a) => self.help_action(a),
            (Mode::Picker, a) => return self.picker_action(a),
            (Mode::History, a) => self.history_action(a),
            (Mode::Popup, Action::Close) => {
                self.popup_text = None;
                self.mode = Mode::Browse;
            }
            (Mode::Popup, _) => {}
            (Mode::Marks, a) => return self.marks_action(a),
            (Mode::Browse, a) if self.view != View::Browse => return self.view_action(a),
            // Views are modes of the keymap only; the app is in them while browsing.
            (Mode::Browse | Mode::Timeline | Mode::Stats | Mode::Map, a) => {
                return self.browse_action(a);
            }
        }
        None
    }

    fn browse_action(&mut self, action: Action) -> Option<Effect> {
        let page = match self.focus {
            Focus::List => self.list_height(),
            Focus::Detail => self.detail_height(),
        }
        .max(1) as isize;
        match action {
            Action::Help => self.open_popup(Mode::Help, 0),
            Action::Search => self.open_search(),
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::PageUp => self.move_cursor(-page),
            Action::PageDown => self.move_cursor(page),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::FocusNext | Action::FocusPrev => self.set_focus(match self.focus {
                Focus::List => Focus::Detail,
                Focus::Detail => Focus::List,
            }),
            Action::FocusList => self.set_focus(Focus::List),
            Action::FocusDetail => self.set_focus(Focus::Detail),
            Action::Open => self.open(),
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::Tab(t) => self.set_tab(t),
            Action::NextTab => self.set_tab(self.tab + 1),
            Action::PrevTab => self.set_tab(self.tab + TABS - 1),
            Action::Copy => return self.copy_citation(self.options.style),
            Action::PickStyle => {
                let at = Style::ALL.iter().position(|&s| s == self.options.style);
                self.open_popup(Mode::Picker, at.unwrap_or(0));
            }
            Action::CopyId => {
                let r = self.copy_target()?;
                let id = self.index.record(r).id().to_string();
                return Some(Effect::Copy {
                    what: format!("id {id}"),
                    text: id,
                });
            }
            Action::History => {
                let here = self.back.len();
                self.open_popup(Mode::History, here);
            }
            Action::ShowView(v) => self.show_view(v),
            Action::Mark => self.toggle_mark(),
            Action::Marks => self.open_marks(),
            _ => {}
        }
        None
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.keep_visible();
    }

    fn open_popup(&mut self, mode: Mode, cursor: usize) {
        self.mode = mode;
        self.popup_cursor = cursor;
    }

    fn step_popup(&mut self, action: Action, len: usize) {
        let last = len.saturating_sub(1);
        self.popup_cursor = match action {
            Action::Up => self.popup_cursor.saturating_sub(1),
            Action::Down => (self.popup_cursor + 1).min(last),
            Action::PageUp => self.popup_cursor.saturating_sub(10),
            Action::PageDown => (self.popup_cursor + 10).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.popup_cursor,
        };
    }

    fn help_action(&mut self, action: Action) {
        match action {
            Action::Close => self.mode = Mode::Browse,
            a => self.step_popup(a, ui::help::line_count(self)),
        }
    }

    fn picker_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Close => self.mode = Mode::Browse,
            Action::Open => {
                let style = Style::ALL[self.popup_cursor.min(Style::ALL.len() - 1)];
                self.mode = Mode::Browse;
                return self.copy_citation(style);
            }
            a => self.step_popup(a, Style::ALL.len()),
        }
        None
    }

    fn history_action(&mut self, action: Action) {
        match action {
            Action::Close => self.mode = Mode::Browse,
            Action::Open => self.choose_history(),
            a => self.step_popup(a, self.history().0.len()),
        }
    }

    /// Called by the run loop with the outcome of a copy.
    pub fn copied(&mut self, what: &str, result: Result<String, String>, text: &str) {
        match result {
            Ok(how) => self.status = Some(format!("Copied {what} via {how}")),
            Err(why) => {
                self.popup_text = Some((
                    format!("Could not copy ({why}): select the text by hand"),
                    text.to_string(),
                ));
                self.popup_cursor = 0;
                self.mode = Mode::Popup;
            }
        }
    }
}
