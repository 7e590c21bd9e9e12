//! Keys to actions, as one table. Help, the status bar and the README are generated from it, so
//! what they say is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod rebind;
mod table;
pub use rebind::{Conflict, key_spec, parse_key};
pub use table::DEFAULT;

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
    /// Narrow the rows of the view on screen to the records a query matches, or show them all
    /// again.
    Filter,
    ClearFilter,
    /// The most common kinds, years, places and sources among the rows, each to narrow by.
    Facets,
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
    /// Switch to the view whose keys are those of this mode.
    ShowView(Mode),
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
    /// The facets of the rows.
    Facets,
}

impl Mode {
    pub const ALL: [Mode; 17] = [
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
        Mode::Facets,
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
            Mode::Facets => "Facets (F)",
        }
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

use KeyCode as K;

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
mod tests;
