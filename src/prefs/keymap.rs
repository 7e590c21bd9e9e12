//! Keys to actions, as one table. Help, the status bar and the README are generated from it, so
//! what they say is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod rebind;
pub use rebind::{Conflict, key_spec, parse_key};

/// What fills the screen below the title: the lists and detail, or one of the views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Browse,
    Timeline,
    Stats,
    Map,
    /// How one record is connected to another.
    Paths,
    /// What is around a record, two links out.
    Around,
}

impl View {
    /// The views of the switcher; the paths and neighbourhood views open from a record.
    pub const ALL: [View; 4] = [View::Browse, View::Timeline, View::Stats, View::Map];

    pub fn title(self) -> &'static str {
        match self {
            View::Browse => "lists",
            View::Timeline => "timeline",
            View::Stats => "stats",
            View::Map => "map",
            View::Paths => "paths",
            View::Around => "neighbourhood",
        }
    }

    /// The keymap's mode for this view when no popup is open.
    pub fn mode(self) -> Mode {
        match self {
            View::Browse => Mode::Browse,
            View::Timeline => Mode::Timeline,
            View::Stats => Mode::Stats,
            View::Map => Mode::Map,
            View::Paths => Mode::Paths,
            View::Around => Mode::Around,
        }
    }
}

/// What the user asked for, independent of which key asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Search,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    /// Scroll the text a line without moving the cursor (Ctrl-E, Ctrl-Y).
    ScrollUp,
    ScrollDown,
    FocusNext,
    FocusPrev,
    FocusList,
    FocusDetail,
    Open,
    Back,
    Forward,
    /// 0 is "All", 1.. the kinds in order.
    Tab(usize),
    NextTab,
    PrevTab,
    Copy,
    PickStyle,
    /// Copy what goes in the text of a paper: the in-text citation (Chicago: the short note),
    /// after each quote for a record that is not a source.
    CopyInText,
    CopyId,
    /// Sort the list or table by its next key, or the other way round.
    SortNext,
    SortReverse,
    /// Copy every row of the list or the table of figures as tab-separated text.
    CopyRows,
    History,
    /// Bookmarks: mark or unmark the shown record, list the marks, delete one from the list.
    Mark,
    Marks,
    DeleteMark,
    /// Collections of marks, in the marks list: switch to the next or previous one, choose one
    /// from a list, make, rename or delete one; move the selected mark to another; write or
    /// clear its note.
    NextCollection,
    PrevCollection,
    Collections,
    NewCollection,
    RenameCollection,
    DeleteCollection,
    MoveMark,
    EditNote,
    ClearNote,
    /// The quotes list: every quote that matches a query, in context.
    Quotes,
    /// The marks list: copy the collection as a research memo.
    CopyMemo,
    /// Take back the last change to the marks, notes and collections, or make it again.
    Undo,
    Redo,
    /// Yes to the question asked (deleting a collection that holds marks).
    Confirm,
    Close,
    Input(char),
    DeleteChar,
    DeleteWord,
    ClearInput,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    /// The search box: walk back and forth through earlier searches.
    Older,
    Newer,
    /// The search box: the cursor a word left or right, as readline's Alt-B and Alt-F.
    WordLeft,
    WordRight,
    /// Switch to a view: the lists, the timeline, the statistics, the map.
    ShowView(View),
    /// Under `--watch`: the problems of the data files as last edited.
    Problems,
    /// Paths from the record at hand to one picked with the search box.
    PathFrom,
    /// The neighbourhood of the record at hand.
    Around,
    /// A tree: open the group or record under the cursor, or close it (or go to its parent).
    Expand,
    Collapse,
    /// Previous or next group in a view: a year on the timeline, a chart in the statistics.
    PrevGroup,
    NextGroup,
    /// Previous or next kind filter on the timeline.
    PrevKind,
    NextKind,
    /// Statistics: rounded values ("98.99 million") or exact ones ("98,990,000").
    ToggleExact,
    /// Map: zoom, cycle the regions, pan a quarter of the map's width or height.
    ZoomIn,
    ZoomOut,
    PrevRegion,
    NextRegion,
    PanWest,
    PanEast,
    PanNorth,
    PanSouth,
    /// Mouse: a click at a cell, a wheel turn at a cell (negative is up).
    Click(u16, u16),
    Wheel(u16, u16, i8),
    Resize(u16, u16),
}

/// Which keys are live: the innermost open thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    /// The timeline, statistics and map views: what `Browse` means while one of them is shown.
    Timeline,
    Stats,
    Map,
    Paths,
    Around,
    Search,
    Help,
    Picker,
    History,
    Popup,
    Marks,
    /// Choosing a collection of marks: to switch to, or to move a mark to.
    Collections,
    /// A line being written: a note on a mark, the name of a collection.
    Edit,
    /// A yes-or-no question before something that cannot be undone.
    Confirm,
    /// The quotes list (its query line is `Edit`).
    Quotes,
}

impl Mode {
    pub const ALL: [Mode; 16] = [
        Mode::Browse,
        Mode::Timeline,
        Mode::Stats,
        Mode::Map,
        Mode::Paths,
        Mode::Around,
        Mode::Search,
        Mode::Picker,
        Mode::History,
        Mode::Marks,
        Mode::Collections,
        Mode::Edit,
        Mode::Confirm,
        Mode::Quotes,
        Mode::Help,
        Mode::Popup,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Browse => "Browsing",
            Mode::Timeline => "Timeline",
            Mode::Stats => "Statistics",
            Mode::Map => "Map",
            Mode::Paths => "Paths (p)",
            Mode::Around => "Neighbourhood (n)",
            Mode::Search => "Search (/)",
            Mode::Help => "Help",
            Mode::Picker => "Citation style picker (Y)",
            Mode::History => "History (H)",
            Mode::Popup => "Text popup",
            Mode::Marks => "Marks (')",
            Mode::Collections => "Collections",
            Mode::Edit => "Note or name",
            Mode::Confirm => "Question",
            Mode::Quotes => "Quotes (Q)",
        }
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// One binding: the modes it works in, the key, the action, and whether the status bar lists it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub modes: &'static [Mode],
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    pub help: &'static str,
    pub status: bool,
}

const B: &[Mode] = &[Mode::Browse];
/// The lists and the statistics view: what can be sorted and copied as rows.
const BST: &[Mode] = &[Mode::Browse, Mode::Stats];
/// The lists and the three views: what works wherever no popup or search box is open.
const BV: &[Mode] = &[
    Mode::Browse,
    Mode::Timeline,
    Mode::Stats,
    Mode::Map,
    Mode::Paths,
    Mode::Around,
];
const VIEWS: &[Mode] = &[
    Mode::Timeline,
    Mode::Stats,
    Mode::Map,
    Mode::Paths,
    Mode::Around,
];
const AR: &[Mode] = &[Mode::Around];
const TL: &[Mode] = &[Mode::Timeline];
const ST: &[Mode] = &[Mode::Stats];
const MP: &[Mode] = &[Mode::Map];
const S: &[Mode] = &[Mode::Search];
const LISTS: &[Mode] = &[
    Mode::Picker,
    Mode::History,
    Mode::Marks,
    Mode::Collections,
    Mode::Quotes,
];
const POPS: &[Mode] = &[
    Mode::Help,
    Mode::Picker,
    Mode::History,
    Mode::Popup,
    Mode::Marks,
    Mode::Collections,
    Mode::Quotes,
];
const QT: &[Mode] = &[Mode::Quotes];
const MK: &[Mode] = &[Mode::Marks];
/// Where changes to the marks can be undone: wherever no box is being typed in.
const UNDO: &[Mode] = &[
    Mode::Browse,
    Mode::Timeline,
    Mode::Stats,
    Mode::Map,
    Mode::Paths,
    Mode::Around,
    Mode::Marks,
];
const ED: &[Mode] = &[Mode::Edit];
const CF: &[Mode] = &[Mode::Confirm];
const MOVE: &[Mode] = &[
    Mode::Browse,
    Mode::Timeline,
    Mode::Stats,
    Mode::Map,
    Mode::Paths,
    Mode::Around,
    Mode::Picker,
    Mode::History,
    Mode::Marks,
    Mode::Collections,
    Mode::Quotes,
    Mode::Help,
    Mode::Popup,
];
const ANY: &[Mode] = &Mode::ALL;

macro_rules! bind {
    ($modes:expr, $code:expr, $mods:expr, $action:expr, $help:literal, $status:literal) => {
        Binding {
            modes: $modes,
            code: $code,
            mods: $mods,
            action: $action,
            help: $help,
            status: $status,
        }
    };
}

use Action as A;
use KeyCode as K;

const TO_LISTS: Action = A::ShowView(View::Browse);
const TO_TIMELINE: Action = A::ShowView(View::Timeline);
const TO_STATS: Action = A::ShowView(View::Stats);
const TO_MAP: Action = A::ShowView(View::Map);

/// The default bindings. Earlier rows win when a key appears twice in a mode.
pub const DEFAULT: &[Binding] = &[
    bind!(ANY, K::Char('c'), CTRL, A::Quit, "quit", false),
    bind!(BV, K::Char('q'), NONE, A::Quit, "quit", true),
    bind!(BV, K::Char('?'), NONE, A::Help, "help", true),
    bind!(BV, K::F(1), NONE, A::Help, "help", false),
    bind!(BV, K::Char('/'), NONE, A::Search, "search", true),
    bind!(MOVE, K::Char('j'), NONE, A::Down, "down", false),
    bind!(MOVE, K::Down, NONE, A::Down, "down", false),
    bind!(MOVE, K::Char('k'), NONE, A::Up, "up", false),
    bind!(MOVE, K::Up, NONE, A::Up, "up", false),
    bind!(MOVE, K::Char('g'), NONE, A::Top, "first", false),
    bind!(MOVE, K::Home, NONE, A::Top, "first", false),
    bind!(MOVE, K::Char('G'), SHIFT, A::Bottom, "last", false),
    bind!(MOVE, K::End, NONE, A::Bottom, "last", false),
    bind!(MOVE, K::PageDown, NONE, A::PageDown, "page down", false),
    bind!(MOVE, K::PageUp, NONE, A::PageUp, "page up", false),
    bind!(
        MOVE,
        K::Char('d'),
        CTRL,
        A::HalfPageDown,
        "half a page down",
        false
    ),
    bind!(
        MOVE,
        K::Char('u'),
        CTRL,
        A::HalfPageUp,
        "half a page up",
        false
    ),
    bind!(
        B,
        K::Char('e'),
        CTRL,
        A::ScrollDown,
        "scroll down a line",
        false
    ),
    bind!(
        B,
        K::Char('y'),
        CTRL,
        A::ScrollUp,
        "scroll up a line",
        false
    ),
    bind!(B, K::Tab, NONE, A::FocusNext, "switch pane", true),
    bind!(B, K::BackTab, SHIFT, A::FocusPrev, "switch pane", false),
    bind!(B, K::Char('h'), NONE, A::FocusList, "focus the list", false),
    bind!(B, K::Left, NONE, A::FocusList, "focus the list", false),
    bind!(
        B,
        K::Char('l'),
        NONE,
        A::FocusDetail,
        "focus the detail",
        false
    ),
    bind!(B, K::Right, NONE, A::FocusDetail, "focus the detail", false),
    bind!(BV, K::Enter, NONE, A::Open, "open / follow", true),
    bind!(BV, K::Char('o'), CTRL, A::Back, "back", true),
    bind!(BV, K::Left, ALT, A::Back, "back", false),
    bind!(BV, K::Backspace, NONE, A::Back, "back", false),
    bind!(BV, K::Right, ALT, A::Forward, "forward", false),
    bind!(B, K::Char('0'), NONE, A::Tab(0), "all kinds", true),
    bind!(B, K::Char('1'), NONE, A::Tab(1), "organizations", false),
    bind!(B, K::Char('2'), NONE, A::Tab(2), "people", false),
    bind!(B, K::Char('3'), NONE, A::Tab(3), "events", false),
    bind!(B, K::Char('4'), NONE, A::Tab(4), "programmes", false),
    bind!(B, K::Char('5'), NONE, A::Tab(5), "statistics", false),
    bind!(B, K::Char('6'), NONE, A::Tab(6), "places", false),
    bind!(B, K::Char('7'), NONE, A::Tab(7), "sources", false),
    bind!(B, K::Char(']'), NONE, A::NextTab, "next kind", false),
    bind!(B, K::Char('['), NONE, A::PrevTab, "previous kind", false),
    bind!(BV, K::Char('y'), NONE, A::Copy, "copy citation", true),
    bind!(BV, K::Char('Y'), SHIFT, A::PickStyle, "cite as…", true),
    bind!(
        BV,
        K::Char('I'),
        SHIFT,
        A::CopyInText,
        "copy in-text citation",
        true
    ),
    bind!(BV, K::Char('c'), NONE, A::CopyId, "copy id", false),
    bind!(
        BST,
        K::Char('s'),
        NONE,
        A::SortNext,
        "sort by the next key",
        false
    ),
    bind!(
        BST,
        K::Char('r'),
        NONE,
        A::SortReverse,
        "reverse the order",
        false
    ),
    bind!(
        BST,
        K::Char('C'),
        SHIFT,
        A::CopyRows,
        "copy every row (TSV)",
        false
    ),
    bind!(BV, K::Char('H'), SHIFT, A::History, "history", true),
    bind!(B, K::Char('m'), NONE, A::Mark, "mark / unmark", false),
    bind!(B, K::Char('\''), NONE, A::Marks, "marks", false),
    bind!(
        BV,
        K::Char('Q'),
        SHIFT,
        A::Quotes,
        "every matching quote",
        false
    ),
    bind!(BV, K::Char('b'), NONE, TO_LISTS, "the lists", false),
    bind!(BV, K::Char('t'), NONE, TO_TIMELINE, "timeline view", false),
    bind!(BV, K::Char('S'), SHIFT, TO_STATS, "statistics view", false),
    bind!(BV, K::Char('w'), NONE, TO_MAP, "map view", false),
    bind!(
        BV,
        K::Char('p'),
        NONE,
        A::PathFrom,
        "path from here…",
        false
    ),
    bind!(BV, K::Char('n'), NONE, A::Around, "neighbourhood", false),
    bind!(
        BV,
        K::Char('!'),
        NONE,
        A::Problems,
        "problems in the files",
        false
    ),
    bind!(AR, K::Char('l'), NONE, A::Expand, "open", true),
    bind!(AR, K::Char(' '), NONE, A::Expand, "open", false),
    bind!(AR, K::Right, NONE, A::Expand, "open", false),
    bind!(AR, K::Char('h'), NONE, A::Collapse, "close / up", true),
    bind!(AR, K::Left, NONE, A::Collapse, "close / up", false),
    bind!(VIEWS, K::Esc, NONE, A::Close, "back to the lists", true),
    bind!(TL, K::Char(']'), NONE, A::NextGroup, "next year", true),
    bind!(TL, K::Char('['), NONE, A::PrevGroup, "previous year", false),
    bind!(TL, K::Char('f'), NONE, A::NextKind, "next kind", true),
    bind!(TL, K::Char('F'), SHIFT, A::PrevKind, "previous kind", false),
    bind!(TL, K::Char('0'), NONE, A::Input('0'), "type a year", false),
    bind!(TL, K::Char('1'), NONE, A::Input('1'), "type a year", false),
    bind!(TL, K::Char('2'), NONE, A::Input('2'), "type a year", false),
    bind!(TL, K::Char('3'), NONE, A::Input('3'), "type a year", false),
    bind!(TL, K::Char('4'), NONE, A::Input('4'), "type a year", false),
    bind!(TL, K::Char('5'), NONE, A::Input('5'), "type a year", false),
    bind!(TL, K::Char('6'), NONE, A::Input('6'), "type a year", false),
    bind!(TL, K::Char('7'), NONE, A::Input('7'), "type a year", false),
    bind!(TL, K::Char('8'), NONE, A::Input('8'), "type a year", false),
    bind!(TL, K::Char('9'), NONE, A::Input('9'), "type a year", false),
    bind!(ST, K::Char(']'), NONE, A::NextGroup, "next chart", true),
    bind!(ST, K::Char('['), NONE, A::PrevGroup, "chart above", false),
    bind!(ST, K::Char('x'), NONE, A::ToggleExact, "exact values", true),
    bind!(MP, K::Tab, NONE, A::FocusNext, "switch list", false),
    bind!(MP, K::BackTab, SHIFT, A::FocusPrev, "switch list", false),
    bind!(MP, K::Char('+'), NONE, A::ZoomIn, "zoom in", true),
    bind!(MP, K::Char('='), NONE, A::ZoomIn, "zoom in", false),
    bind!(MP, K::Char('-'), NONE, A::ZoomOut, "zoom out", true),
    bind!(MP, K::Char('z'), NONE, A::NextRegion, "next region", true),
    bind!(
        MP,
        K::Char('Z'),
        SHIFT,
        A::PrevRegion,
        "previous region",
        false
    ),
    bind!(MP, K::Left, NONE, A::PanWest, "pan", false),
    bind!(MP, K::Right, NONE, A::PanEast, "pan", false),
    bind!(MP, K::Up, SHIFT, A::PanNorth, "pan", false),
    bind!(MP, K::Down, SHIFT, A::PanSouth, "pan", false),
    bind!(S, K::Esc, NONE, A::Close, "cancel", true),
    bind!(S, K::Enter, NONE, A::Open, "open", true),
    bind!(S, K::Tab, NONE, A::Down, "next result", true),
    bind!(S, K::Char('n'), CTRL, A::Down, "next result", false),
    bind!(S, K::BackTab, SHIFT, A::Up, "previous result", false),
    bind!(S, K::Char('p'), CTRL, A::Up, "previous result", false),
    bind!(S, K::Up, NONE, A::Older, "earlier search", true),
    bind!(S, K::Down, NONE, A::Newer, "later search", false),
    bind!(S, K::PageDown, NONE, A::PageDown, "page down", false),
    bind!(S, K::PageUp, NONE, A::PageUp, "page up", false),
    bind!(S, K::Backspace, NONE, A::DeleteChar, "delete", false),
    bind!(S, K::Char('w'), CTRL, A::DeleteWord, "delete word", false),
    bind!(
        S,
        K::Char('u'),
        CTRL,
        A::ClearInput,
        "delete to the start",
        false
    ),
    bind!(S, K::Left, NONE, A::CursorLeft, "cursor left", false),
    bind!(S, K::Right, NONE, A::CursorRight, "cursor right", false),
    bind!(S, K::Home, NONE, A::CursorHome, "start of line", false),
    bind!(S, K::Char('a'), CTRL, A::CursorHome, "start of line", false),
    bind!(S, K::End, NONE, A::CursorEnd, "end of line", false),
    bind!(S, K::Char('e'), CTRL, A::CursorEnd, "end of line", false),
    bind!(S, K::Char('b'), ALT, A::WordLeft, "word left", false),
    bind!(S, K::Char('f'), ALT, A::WordRight, "word right", false),
    bind!(LISTS, K::Enter, NONE, A::Open, "choose", true),
    bind!(POPS, K::Esc, NONE, A::Close, "close", true),
    bind!(POPS, K::Char('q'), NONE, A::Close, "close", false),
    bind!(&[Mode::Help], K::Char('?'), NONE, A::Close, "close", false),
    bind!(&[Mode::Help], K::Char('/'), NONE, A::Search, "filter", true),
    bind!(&[Mode::Help], K::F(1), NONE, A::Close, "close", false),
    bind!(&[Mode::Popup], K::Enter, NONE, A::Close, "close", false),
    bind!(
        &[Mode::Marks],
        K::Char('d'),
        NONE,
        A::DeleteMark,
        "delete mark",
        true
    ),
    bind!(MK, K::Char('e'), NONE, A::EditNote, "note", true),
    bind!(MK, K::Char('x'), NONE, A::ClearNote, "clear note", false),
    bind!(MK, K::Char('M'), SHIFT, A::MoveMark, "move to…", true),
    bind!(
        MK,
        K::Char(']'),
        NONE,
        A::NextCollection,
        "next collection",
        true
    ),
    bind!(
        MK,
        K::Char('['),
        NONE,
        A::PrevCollection,
        "previous collection",
        false
    ),
    bind!(MK, K::Char('c'), NONE, A::Collections, "collections", false),
    bind!(
        MK,
        K::Char('a'),
        NONE,
        A::NewCollection,
        "new collection",
        false
    ),
    bind!(
        MK,
        K::Char('r'),
        NONE,
        A::RenameCollection,
        "rename collection",
        false
    ),
    bind!(
        MK,
        K::Char('D'),
        SHIFT,
        A::DeleteCollection,
        "delete collection",
        false
    ),
    bind!(MK, K::Char('y'), NONE, A::Copy, "copy bibliography", true),
    bind!(
        MK,
        K::Char('W'),
        SHIFT,
        A::CopyMemo,
        "copy as a memo",
        false
    ),
    bind!(
        MK,
        K::Char('Y'),
        SHIFT,
        A::PickStyle,
        "bibliography as…",
        false
    ),
    bind!(
        UNDO,
        K::Char('u'),
        NONE,
        A::Undo,
        "undo (marks, notes)",
        false
    ),
    bind!(UNDO, K::Char('r'), CTRL, A::Redo, "redo", false),
    bind!(QT, K::Char('/'), NONE, A::Search, "edit the query", true),
    bind!(
        QT,
        K::Char('s'),
        NONE,
        A::SortNext,
        "sort by the next key",
        true
    ),
    bind!(
        QT,
        K::Char('r'),
        NONE,
        A::SortReverse,
        "reverse the order",
        false
    ),
    bind!(
        QT,
        K::Char('y'),
        NONE,
        A::Copy,
        "copy quote and citation",
        true
    ),
    bind!(
        QT,
        K::Char('C'),
        SHIFT,
        A::CopyRows,
        "copy every row (TSV)",
        true
    ),
    bind!(ED, K::Enter, NONE, A::Open, "save", true),
    bind!(ED, K::Esc, NONE, A::Close, "cancel", true),
    bind!(ED, K::Backspace, NONE, A::DeleteChar, "delete", false),
    bind!(ED, K::Char('w'), CTRL, A::DeleteWord, "delete word", false),
    bind!(
        ED,
        K::Char('u'),
        CTRL,
        A::ClearInput,
        "delete to the start",
        true
    ),
    bind!(ED, K::Left, NONE, A::CursorLeft, "cursor left", false),
    bind!(ED, K::Right, NONE, A::CursorRight, "cursor right", false),
    bind!(ED, K::Home, NONE, A::CursorHome, "start of line", false),
    bind!(
        ED,
        K::Char('a'),
        CTRL,
        A::CursorHome,
        "start of line",
        false
    ),
    bind!(ED, K::End, NONE, A::CursorEnd, "end of line", false),
    bind!(ED, K::Char('e'), CTRL, A::CursorEnd, "end of line", false),
    bind!(ED, K::Char('b'), ALT, A::WordLeft, "word left", false),
    bind!(ED, K::Char('f'), ALT, A::WordRight, "word right", false),
    bind!(CF, K::Char('y'), NONE, A::Confirm, "yes", true),
    bind!(CF, K::Char('n'), NONE, A::Close, "no", true),
    bind!(CF, K::Esc, NONE, A::Close, "no", false),
];

/// Bindings plus lookups; a struct so that a user's own bindings can replace the defaults.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: DEFAULT.to_vec(),
        }
    }
}

/// Terminals disagree on whether a shifted letter carries SHIFT: compare without it for chars.
fn same_key(b: &Binding, key: &KeyEvent) -> bool {
    let strip = |m: KeyModifiers| m - SHIFT;
    match (b.code, key.code) {
        (K::Char(a), K::Char(c)) => a == c && strip(b.mods) == strip(key.modifiers),
        (K::BackTab, K::BackTab) => true,
        (a, c) => a == c && b.mods == key.modifiers,
    }
}

impl Keymap {
    pub fn action(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        if let Some(b) = self
            .bindings
            .iter()
            .find(|b| b.modes.contains(&mode) && same_key(b, key))
        {
            return Some(b.action);
        }
        // In the search box and a line being written any other printable character is typed.
        match (mode, key.code) {
            (Mode::Search | Mode::Edit, K::Char(c)) if (key.modifiers - SHIFT).is_empty() => {
                Some(Action::Input(c))
            }
            _ => None,
        }
    }

    /// The first key bound to an action in a mode, as shown to users ("Ctrl-O").
    pub fn key_for(&self, mode: Mode, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.modes.contains(&mode) && b.action == action)
            .map(|b| key_name(b.code, b.mods))
    }

    /// The key the status bar shows for an action: the one marked for it, else the first.
    pub fn shown_key(&self, mode: Mode, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.modes.contains(&mode) && b.action == action && b.status)
            .map(|b| key_name(b.code, b.mods))
            .or_else(|| self.key_for(mode, action))
    }

    /// The status bar's hints for a mode: "key description" pairs, keys of one action joined.
    /// A view's own keys come before those it shares with the lists, so that a narrow status
    /// bar shows what is new there.
    pub fn hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut hints: Vec<&Binding> = self
            .bindings
            .iter()
            .filter(|b| b.modes.contains(&mode) && b.status)
            .collect();
        if matches!(
            mode,
            Mode::Timeline | Mode::Stats | Mode::Map | Mode::Paths | Mode::Around
        ) {
            let shared = |a: Action| {
                self.bindings
                    .iter()
                    .any(|o| o.action == a && o.modes.contains(&Mode::Browse))
            };
            hints.sort_by_key(|b| shared(b.action));
        }
        hints
            .into_iter()
            .map(|b| (key_name(b.code, b.mods), b.help))
            .collect()
    }

    /// Every binding of a mode for the help screen, keys of the same action on one row.
    pub fn help(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Action, Vec<String>, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.modes.contains(&mode)) {
            let name = key_name(b.code, b.mods);
            // Rows of one kind of action with the same words are one row too: the ten digits
            // that type a year, the arrows that pan.
            let same = |r: &(Action, Vec<String>, &str)| {
                r.0 == b.action
                    || (std::mem::discriminant(&r.0) == std::mem::discriminant(&b.action)
                        && r.2 == b.help)
            };
            match rows.iter_mut().find(|r| same(r)) {
                Some(r) => {
                    if !r.1.contains(&name) {
                        r.1.push(name)
                    }
                }
                None => rows.push((b.action, vec![name], b.help)),
            }
        }
        rows.into_iter()
            .map(|(_, keys, help)| (keys.join(" "), help))
            .collect()
    }
}

/// A key as people write it: "q", "Ctrl-O", "Alt-←", "PgDn", "Shift-Tab".
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        K::Char(' ') => "Space".to_string(),
        K::Char(c) => c.to_string(),
        K::F(n) => format!("F{n}"),
        K::Up => "↑".into(),
        K::Down => "↓".into(),
        K::Left => "←".into(),
        K::Right => "→".into(),
        K::PageUp => "PgUp".into(),
        K::PageDown => "PgDn".into(),
        K::Home => "Home".into(),
        K::End => "End".into(),
        K::Enter => "Enter".into(),
        K::Esc => "Esc".into(),
        K::Tab => "Tab".into(),
        K::BackTab => return "Shift-Tab".into(),
        K::Backspace => "Backspace".into(),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    if mods.contains(CTRL) {
        out.push_str("Ctrl-");
    }
    if mods.contains(ALT) {
        out.push_str("Alt-");
    }
    // A shifted character shows as itself ("G"); other keys say so ("Shift-↑").
    if mods.contains(SHIFT) && !matches!(code, K::Char(_)) {
        out.push_str("Shift-");
    }
    if mods.contains(CTRL) && matches!(code, K::Char(c) if c != ' ') {
        return out + &base.to_uppercase();
    }
    out + &base
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn same_key_means_different_things_in_different_modes() {
        let km = Keymap::default();
        let q = key(K::Char('q'), NONE);
        assert_eq!(km.action(Mode::Browse, &q), Some(A::Quit));
        assert_eq!(km.action(Mode::Search, &q), Some(A::Input('q')));
        assert_eq!(km.action(Mode::Help, &q), Some(A::Close));
    }

    #[test]
    fn shifted_letters_match_with_or_without_the_shift_flag() {
        let km = Keymap::default();
        assert_eq!(
            km.action(Mode::Browse, &key(K::Char('G'), NONE)),
            Some(A::Bottom)
        );
        assert_eq!(
            km.action(Mode::Browse, &key(K::Char('G'), SHIFT)),
            Some(A::Bottom)
        );
        assert_eq!(
            km.action(Mode::Search, &key(K::Char('T'), SHIFT)),
            Some(A::Input('T'))
        );
    }

    #[test]
    fn back_has_the_keys_users_expect() {
        let km = Keymap::default();
        for k in [
            key(K::Char('o'), CTRL),
            key(K::Left, ALT),
            key(K::Backspace, NONE),
        ] {
            assert_eq!(km.action(Mode::Browse, &k), Some(A::Back));
        }
        // In the search box Backspace edits the query instead.
        assert_eq!(
            km.action(Mode::Search, &key(K::Backspace, NONE)),
            Some(A::DeleteChar)
        );
        assert_eq!(km.key_for(Mode::Browse, A::Back).as_deref(), Some("Ctrl-O"));
    }

    #[test]
    fn every_mode_can_be_left() {
        let km = Keymap::default();
        for mode in Mode::ALL {
            let leaves = km
                .bindings
                .iter()
                .any(|b| b.modes.contains(&mode) && matches!(b.action, A::Close | A::Quit));
            assert!(leaves, "{mode:?}");
        }
    }
}
