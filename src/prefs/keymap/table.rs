//! The default key table: every binding, the modes it works in, and its help text.

use super::{ALT, Action, Binding, CTRL, Mode, NONE, SHIFT};
use crossterm::event::KeyCode;

const B: &[Mode] = &[Mode::Browse];
/// The lists and the statistics view: what can be sorted and copied as rows.
const BST: &[Mode] = &[Mode::Browse, Mode::Stats];
/// The lists and the views of records: what a filter narrows.
const ROWS: &[Mode] = &[Mode::Browse, Mode::Timeline, Mode::Stats, Mode::Map];
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
    Mode::Facets,
];
const POPS: &[Mode] = &[
    Mode::Help,
    Mode::Picker,
    Mode::History,
    Mode::Popup,
    Mode::Marks,
    Mode::Collections,
    Mode::Quotes,
    Mode::Facets,
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
    Mode::Facets,
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

const TO_LISTS: Action = A::ShowView(Mode::Browse);
const TO_TIMELINE: Action = A::ShowView(Mode::Timeline);
const TO_STATS: Action = A::ShowView(Mode::Stats);
const TO_MAP: Action = A::ShowView(Mode::Map);

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
    bind!(
        ROWS,
        K::Char('|'),
        NONE,
        A::Filter,
        "filter the rows",
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
    bind!(B, K::Esc, NONE, A::ClearFilter, "clear the filter", false),
    bind!(
        B,
        K::Char('F'),
        SHIFT,
        A::Facets,
        "facets of the rows",
        false
    ),
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
