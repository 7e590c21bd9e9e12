//! Keys and actions as a config file names them, and a user's bindings in place of the defaults.
//!
//! Names are derived, not listed: an action's name is its variant in kebab-case (`focus-next`,
//! `tab-3`) and the bindable actions are those the default table binds, so a new action with a
//! default key is configurable without touching this file.

mod keys;
#[cfg(test)]
mod tests;

use super::{Action, Binding, DEFAULT, Keymap, Mode};
use crossterm::event::{KeyCode, KeyModifiers};
use keys::identity;
pub use keys::{key_spec, parse_key};

/// Every mode, in a static so that a binding split off for one mode can borrow a one-mode slice.
static MODES: [Mode; Mode::ALL.len()] = Mode::ALL;

impl Mode {
    /// The name of a mode in a config file: `browse`, `search`, `marks`…
    pub fn config_name(self) -> String {
        match self {
            Mode::Browse => "browse",
            Mode::Timeline => "timeline",
            Mode::Stats => "stats",
            Mode::Map => "map",
            Mode::Paths => "paths",
            Mode::Around => "neighbourhood",
            Mode::Search => "search",
            Mode::Help => "help",
            Mode::Picker => "picker",
            Mode::History => "history",
            Mode::Popup => "popup",
            Mode::Marks => "marks",
            Mode::Collections => "collections",
            Mode::Edit => "edit",
            Mode::Confirm => "confirm",
            Mode::Quotes => "quotes",
            Mode::Facets => "facets",
        }
        .to_string()
    }

    pub fn from_config_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.config_name() == name)
    }

    fn only(self) -> &'static [Mode] {
        let i = MODES.iter().position(|&m| m == self).unwrap_or(0);
        std::slice::from_ref(&MODES[i])
    }
}

/// Each action a key can be bound to with its name in a config file, as a table (as helix
/// names its commands), so a renamed variant never renames a user's setting.
const NAMES: &[(Action, &str)] = &[
    (Action::Quit, "quit"),
    (Action::Help, "help"),
    (Action::Search, "search"),
    (Action::Up, "up"),
    (Action::Down, "down"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::PageUp, "page-up"),
    (Action::PageDown, "page-down"),
    (Action::HalfPageUp, "half-page-up"),
    (Action::HalfPageDown, "half-page-down"),
    (Action::ScrollUp, "scroll-up"),
    (Action::ScrollDown, "scroll-down"),
    (Action::FocusNext, "focus-next"),
    (Action::FocusPrev, "focus-prev"),
    (Action::FocusList, "focus-list"),
    (Action::FocusDetail, "focus-detail"),
    (Action::Open, "open"),
    (Action::Back, "back"),
    (Action::Forward, "forward"),
    (Action::Tab(0), "tab-0"),
    (Action::Tab(1), "tab-1"),
    (Action::Tab(2), "tab-2"),
    (Action::Tab(3), "tab-3"),
    (Action::Tab(4), "tab-4"),
    (Action::Tab(5), "tab-5"),
    (Action::Tab(6), "tab-6"),
    (Action::Tab(7), "tab-7"),
    (Action::NextTab, "next-tab"),
    (Action::PrevTab, "prev-tab"),
    (Action::Copy, "copy"),
    (Action::PickStyle, "pick-style"),
    (Action::CopyInText, "copy-in-text"),
    (Action::CopyId, "copy-id"),
    (Action::SortNext, "sort"),
    (Action::SortReverse, "reverse-sort"),
    (Action::CopyRows, "copy-rows"),
    (Action::History, "history"),
    (Action::Mark, "mark"),
    (Action::Marks, "marks"),
    (Action::DeleteMark, "delete-mark"),
    (Action::NextCollection, "next-collection"),
    (Action::PrevCollection, "prev-collection"),
    (Action::Collections, "collections"),
    (Action::NewCollection, "new-collection"),
    (Action::RenameCollection, "rename-collection"),
    (Action::DeleteCollection, "delete-collection"),
    (Action::MoveMark, "move-mark"),
    (Action::EditNote, "edit-note"),
    (Action::ClearNote, "clear-note"),
    (Action::Quotes, "quotes"),
    (Action::Filter, "filter"),
    (Action::ClearFilter, "clear-filter"),
    (Action::Facets, "facets"),
    (Action::CopyMemo, "copy-memo"),
    (Action::Undo, "undo"),
    (Action::Redo, "redo"),
    (Action::Confirm, "confirm"),
    (Action::Close, "close"),
    (Action::DeleteChar, "delete-char"),
    (Action::DeleteWord, "delete-word"),
    (Action::ClearInput, "clear-input"),
    (Action::CursorLeft, "cursor-left"),
    (Action::CursorRight, "cursor-right"),
    (Action::CursorHome, "cursor-home"),
    (Action::CursorEnd, "cursor-end"),
    (Action::WordLeft, "word-left"),
    (Action::Older, "older"),
    (Action::Newer, "newer"),
    (Action::WordRight, "word-right"),
    (Action::ShowView(Mode::Browse), "show-view-browse"),
    (Action::ShowView(Mode::Timeline), "show-view-timeline"),
    (Action::ShowView(Mode::Stats), "show-view-stats"),
    (Action::ShowView(Mode::Map), "show-view-map"),
    (Action::PathFrom, "path-from"),
    (Action::Problems, "problems"),
    (Action::Around, "neighbourhood"),
    (Action::Expand, "expand"),
    (Action::Collapse, "collapse"),
    (Action::PrevGroup, "prev-group"),
    (Action::NextGroup, "next-group"),
    (Action::PrevKind, "prev-kind"),
    (Action::NextKind, "next-kind"),
    (Action::ToggleExact, "toggle-exact"),
    (Action::ZoomIn, "zoom-in"),
    (Action::ZoomOut, "zoom-out"),
    (Action::PrevRegion, "prev-region"),
    (Action::NextRegion, "next-region"),
    (Action::PanWest, "pan-west"),
    (Action::PanEast, "pan-east"),
    (Action::PanNorth, "pan-north"),
    (Action::PanSouth, "pan-south"),
    (Action::Input('0'), "input-0"),
    (Action::Input('1'), "input-1"),
    (Action::Input('2'), "input-2"),
    (Action::Input('3'), "input-3"),
    (Action::Input('4'), "input-4"),
    (Action::Input('5'), "input-5"),
    (Action::Input('6'), "input-6"),
    (Action::Input('7'), "input-7"),
    (Action::Input('8'), "input-8"),
    (Action::Input('9'), "input-9"),
];

impl Action {
    /// The name of an action in a config file (`focus-next`, `tab-3`); actions no key can be
    /// bound to (typing, the mouse) have none.
    pub fn config_name(self) -> String {
        NAMES
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("", |(_, name)| name)
            .to_string()
    }

    /// Every action a key can be bound to, in the order of the default table.
    pub fn bindable() -> Vec<Action> {
        let mut out: Vec<Action> = Vec::new();
        for b in DEFAULT {
            if !out.contains(&b.action) {
                out.push(b.action);
            }
        }
        out
    }

    pub fn from_config_name(name: &str) -> Option<Action> {
        Action::bindable()
            .into_iter()
            .find(|a| a.config_name() == name)
    }
}

/// A key bound to two actions in one mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub mode: Mode,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub first: Action,
    pub second: Action,
}

impl Keymap {
    /// Replaces every key of `action` in `mode` by `keys` (none unbinds it), keeping the other
    /// modes' keys and the action's place in the status bar. Fails for an action that has no
    /// meaning in the mode, that is, one that no binding of the mode names.
    pub fn rebind(
        &mut self,
        mode: Mode,
        action: Action,
        keys: &[(KeyCode, KeyModifiers)],
    ) -> Result<(), String> {
        let ours = |b: &Binding| b.action == action && b.modes.contains(&mode);
        let Some(template) = self.bindings.iter().find(|b| ours(b)).cloned() else {
            let names: Vec<String> = self
                .actions(mode)
                .into_iter()
                .map(Action::config_name)
                .collect();
            return Err(format!(
                "`{}` does nothing in {} mode; its actions are: {}",
                action.config_name(),
                mode.config_name(),
                names.join(", ")
            ));
        };
        // The status bar shows the first key the user lists.
        let status = self.bindings.iter().any(|b| ours(b) && b.status);
        let mut out = Vec::with_capacity(self.bindings.len() + keys.len());
        let mut placed = false;
        for b in self.bindings.drain(..) {
            if !ours(&b) {
                out.push(b);
                continue;
            }
            if !placed {
                placed = true;
                for (i, &(code, mods)) in keys.iter().enumerate() {
                    out.push(Binding {
                        modes: mode.only(),
                        code,
                        mods,
                        status: status && i == 0,
                        ..template.clone()
                    });
                }
            }
            // The binding's other modes keep the key, each on a binding of its own.
            for &m in b.modes.iter().filter(|&&m| m != mode) {
                out.push(Binding {
                    modes: m.only(),
                    ..b.clone()
                });
            }
        }
        self.bindings = out;
        Ok(())
    }

    /// The actions bound in a mode, in table order.
    pub fn actions(&self, mode: Mode) -> Vec<Action> {
        let mut out: Vec<Action> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.modes.contains(&mode)) {
            if !out.contains(&b.action) {
                out.push(b.action);
            }
        }
        out
    }

    /// Keys bound to more than one action in the same mode.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut out = Vec::new();
        for mode in Mode::ALL {
            let mut seen: Vec<((KeyCode, KeyModifiers), Action)> = Vec::new();
            for b in self.bindings.iter().filter(|b| b.modes.contains(&mode)) {
                let key = identity(b.code, b.mods);
                match seen.iter().find(|(k, _)| *k == key) {
                    Some(&(_, first)) if first != b.action => out.push(Conflict {
                        mode,
                        code: b.code,
                        mods: b.mods,
                        first,
                        second: b.action,
                    }),
                    Some(_) => {}
                    None => seen.push((key, b.action)),
                }
            }
        }
        out
    }

    /// Modes that no key closes or quits, which would trap the user.
    pub fn inescapable(&self) -> Vec<Mode> {
        Mode::ALL
            .into_iter()
            .filter(|&m| {
                !self.bindings.iter().any(|b| {
                    b.modes.contains(&m) && matches!(b.action, Action::Close | Action::Quit)
                })
            })
            .collect()
    }

    /// A mode's title with the key that opens it as the user has bound it: "Search (/)" by
    /// default, "Search (s)" once `search` is rebound, just "Search" if it is unbound.
    pub fn title(&self, mode: Mode) -> String {
        let title = mode.title();
        let Some((name, _)) = title.split_once(" (") else {
            return title.to_string();
        };
        let opener = match mode {
            Mode::Search => Action::Search,
            Mode::Picker => Action::PickStyle,
            Mode::History => Action::History,
            Mode::Marks => Action::Marks,
            Mode::Quotes => Action::Quotes,
            Mode::Facets => Action::Facets,
            Mode::Help => Action::Help,
            Mode::Paths => Action::PathFrom,
            Mode::Around => Action::Around,
            Mode::Browse
            | Mode::Popup
            | Mode::Timeline
            | Mode::Stats
            | Mode::Map
            | Mode::Collections
            | Mode::Edit
            | Mode::Confirm => {
                return title.to_string();
            }
        };
        match self.key_for(Mode::Browse, opener) {
            Some(key) => format!("{name} ({key})"),
            None => name.to_string(),
        }
    }

    /// Every key of an action in a mode, in config-file syntax; the one the status bar shows
    /// first, as [`Keymap::rebind`] takes it.
    pub fn specs(&self, mode: Mode, action: Action) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut ours: Vec<&Binding> = self
            .bindings
            .iter()
            .filter(|b| b.modes.contains(&mode) && b.action == action)
            .collect();
        ours.sort_by_key(|b| !b.status);
        for b in ours {
            let spec = key_spec(b.code, b.mods);
            if !out.contains(&spec) {
                out.push(spec);
            }
        }
        out
    }
}
