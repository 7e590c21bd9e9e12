//! Keys and actions as a config file names them, and a user's bindings in place of the defaults.
//!
//! Names are derived, not listed: an action's name is its variant in kebab-case (`focus-next`,
//! `tab-3`) and the bindable actions are those the default table binds, so a new action with a
//! default key is configurable without touching this file.

use super::{ALT, Action, Binding, CTRL, DEFAULT, K, Keymap, Mode, NONE, SHIFT, View};
use crossterm::event::{KeyCode, KeyModifiers};

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
    (Action::ShowView(View::Browse), "show-view-browse"),
    (Action::ShowView(View::Timeline), "show-view-timeline"),
    (Action::ShowView(View::Stats), "show-view-stats"),
    (Action::ShowView(View::Map), "show-view-map"),
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

/// Keys that terminals send as another key, so a binding to them could never fire.
const ALIASED: &[(char, &str)] = &[('i', "Tab"), ('m', "Enter"), ('[', "Esc")];

/// Reads a key as written in a config file: `q`, `G`, `?`, `ctrl-o`, `alt-left`, `shift-tab`,
/// `f1`, `pgdn`, `space`. What [`key_spec`] and [`super::key_name`] write reads back the same.
pub fn parse_key(text: &str) -> Result<(KeyCode, KeyModifiers), String> {
    let mut rest = text;
    let mut mods = NONE;
    'prefixes: loop {
        for (prefix, m) in [
            ("ctrl-", CTRL),
            ("control-", CTRL),
            ("alt-", ALT),
            ("shift-", SHIFT),
        ] {
            let head = rest.get(..prefix.len());
            if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) && rest.len() > prefix.len() {
                mods |= m;
                rest = &rest[prefix.len()..];
                continue 'prefixes;
            }
        }
        break;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some('↑'), None) => K::Up,
        (Some('↓'), None) => K::Down,
        (Some('←'), None) => K::Left,
        (Some('→'), None) => K::Right,
        (Some(c), None) if !c.is_control() => K::Char(c),
        _ => named(&rest.to_ascii_lowercase()).ok_or_else(|| {
            format!(
                "unknown key `{text}`: write a character (q, G, ?) or a key name (enter, esc, \
                 tab, backspace, space, up, down, left, right, pgup, pgdn, home, end, delete, \
                 insert, f1…f12), optionally after ctrl-, alt- or shift-"
            )
        })?,
    };
    normalize(text, code, mods)
}

fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "up" => K::Up,
        "down" => K::Down,
        "left" => K::Left,
        "right" => K::Right,
        "pgup" | "pageup" => K::PageUp,
        "pgdn" | "pagedown" => K::PageDown,
        "home" => K::Home,
        "end" => K::End,
        "enter" | "return" => K::Enter,
        "esc" | "escape" => K::Esc,
        "tab" => K::Tab,
        "backtab" => K::BackTab,
        "backspace" => K::Backspace,
        "space" => K::Char(' '),
        "delete" | "del" => K::Delete,
        "insert" | "ins" => K::Insert,
        f => K::F(
            f.strip_prefix('f')?
                .parse()
                .ok()
                .filter(|n| (1..=24).contains(n))?,
        ),
    })
}

/// One spelling per key: shifted letters are the capital with SHIFT (as the default table has
/// them), Ctrl with a letter is the lower-case letter, Shift-Tab is BackTab.
fn normalize(
    text: &str,
    code: KeyCode,
    mods: KeyModifiers,
) -> Result<(KeyCode, KeyModifiers), String> {
    match code {
        K::Tab | K::BackTab if mods.contains(SHIFT) || code == K::BackTab => {
            Ok((K::BackTab, mods | SHIFT))
        }
        K::Char(c) if mods.contains(CTRL) => {
            if mods.contains(SHIFT) && c.is_alphabetic() {
                return Err(format!(
                    "`{text}`: terminals send Ctrl-Shift-{} as Ctrl-{}; bind `ctrl-{}`",
                    c.to_uppercase(),
                    c.to_uppercase(),
                    c.to_lowercase()
                ));
            }
            let c = c.to_ascii_lowercase();
            if let Some((_, other)) = ALIASED.iter().find(|(a, _)| *a == c) {
                return Err(format!(
                    "`{text}`: terminals send Ctrl-{} as {other}, so it could never be told apart",
                    c.to_ascii_uppercase()
                ));
            }
            Ok((K::Char(c), mods))
        }
        K::Char(c) if c.is_alphabetic() && (c.is_uppercase() || mods.contains(SHIFT)) => {
            let upper: Vec<char> = c.to_uppercase().collect();
            match upper.as_slice() {
                [u] => Ok((K::Char(*u), mods | SHIFT)),
                _ => Ok((K::Char(c), mods)),
            }
        }
        K::Char(c) if mods.contains(SHIFT) => Err(format!(
            "`{text}`: write the character Shift gives instead (for example `?` rather than \
             `shift-/`): terminals send that character, not `{c}` with Shift"
        )),
        _ => Ok((code, mods)),
    }
}

/// A key in config-file syntax: `q`, `G`, `ctrl-o`, `alt-left`, `shift-tab`, `pgdn`.
pub fn key_spec(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        K::Char(' ') => "space".to_string(),
        K::Char(c) => c.to_string(),
        K::F(n) => format!("f{n}"),
        K::BackTab => return "shift-tab".to_string(),
        other => match other {
            K::Up => "up",
            K::Down => "down",
            K::Left => "left",
            K::Right => "right",
            K::PageUp => "pgup",
            K::PageDown => "pgdn",
            K::Home => "home",
            K::End => "end",
            K::Enter => "enter",
            K::Esc => "esc",
            K::Tab => "tab",
            K::Backspace => "backspace",
            K::Delete => "delete",
            K::Insert => "insert",
            _ => return format!("{other:?}").to_lowercase(),
        }
        .to_string(),
    };
    let mut out = String::new();
    if mods.contains(CTRL) {
        out.push_str("ctrl-");
    }
    if mods.contains(ALT) {
        out.push_str("alt-");
    }
    if mods.contains(SHIFT) && !matches!(code, K::Char(_)) {
        out.push_str("shift-");
    }
    out + &base
}

/// The same key for matching purposes, the way [`super::Keymap::action`] compares keys.
fn identity(code: KeyCode, mods: KeyModifiers) -> (KeyCode, KeyModifiers) {
    match code {
        K::Char(_) => (code, mods - SHIFT),
        K::BackTab => (code, NONE),
        _ => (code, mods),
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

#[cfg(test)]
mod tests {
    use super::super::key_name;
    use super::*;
    use crossterm::event::KeyEvent;

    #[test]
    fn action_names_are_kebab_case() {
        assert_eq!(Action::FocusNext.config_name(), "focus-next");
        assert_eq!(Action::Tab(3).config_name(), "tab-3");
        assert_eq!(Action::CopyId.config_name(), "copy-id");
        assert_eq!(Action::from_config_name("tab-7"), Some(Action::Tab(7)));
        assert_eq!(
            Action::from_config_name("page-down"),
            Some(Action::PageDown)
        );
        assert_eq!(Action::from_config_name("input"), None);
        assert_eq!(Mode::from_config_name("marks"), Some(Mode::Marks));
    }

    #[test]
    fn every_default_key_round_trips_through_both_spellings() {
        for b in DEFAULT {
            let want = identity(b.code, b.mods);
            let spec = key_spec(b.code, b.mods);
            let (c, m) = parse_key(&spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
            assert_eq!(identity(c, m), want, "config spelling {spec}");
            assert_eq!(key_spec(c, m), spec);
            let shown = key_name(b.code, b.mods);
            let (c, m) = parse_key(&shown).unwrap_or_else(|e| panic!("{shown}: {e}"));
            assert_eq!(identity(c, m), want, "display spelling {shown}");
            assert_eq!(key_name(c, m), shown);
        }
    }

    #[test]
    fn keys_people_write_are_read() {
        let cases = [
            ("q", K::Char('q'), NONE),
            ("G", K::Char('G'), SHIFT),
            ("shift-g", K::Char('G'), SHIFT),
            ("ctrl-o", K::Char('o'), CTRL),
            ("Ctrl-O", K::Char('o'), CTRL),
            ("alt-left", K::Left, ALT),
            ("Alt-←", K::Left, ALT),
            ("shift-tab", K::BackTab, SHIFT),
            ("f1", K::F(1), NONE),
            ("F12", K::F(12), NONE),
            ("pgdn", K::PageDown, NONE),
            ("PageUp", K::PageUp, NONE),
            ("space", K::Char(' '), NONE),
            ("-", K::Char('-'), NONE),
            ("ctrl--", K::Char('-'), CTRL),
            ("ctrl-alt-x", K::Char('x'), CTRL | ALT),
            ("shift-up", K::Up, SHIFT),
        ];
        for (text, code, mods) in cases {
            assert_eq!(parse_key(text), Ok((code, mods)), "{text}");
        }
        assert_eq!(key_name(K::Char('x'), CTRL | ALT), "Ctrl-Alt-X");
        assert_eq!(key_name(K::Up, SHIFT), "Shift-↑");
    }

    #[test]
    fn keys_that_cannot_work_are_refused_with_a_reason() {
        for (text, says) in [
            ("ctrl-i", "as Tab"),
            ("ctrl-shift-o", "bind `ctrl-o`"),
            ("shift-/", "`?`"),
            ("hyper-x", "unknown key"),
            ("f99", "unknown key"),
            ("", "unknown key"),
        ] {
            let err = parse_key(text).unwrap_err();
            assert!(err.contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn the_default_table_has_no_conflicts() {
        assert_eq!(Keymap::default().conflicts(), Vec::new());
        assert!(Keymap::default().inescapable().is_empty());
    }

    #[test]
    fn rebinding_replaces_the_keys_in_that_mode_only() {
        let mut km = Keymap::default();
        km.rebind(Mode::Browse, Action::Close, &[]).unwrap_err();
        km.rebind(Mode::Help, Action::Close, &[(K::Char('x'), NONE)])
            .unwrap();
        let key = |c, m| KeyEvent::new(c, m);
        assert_eq!(
            km.action(Mode::Help, &key(K::Char('x'), NONE)),
            Some(Action::Close)
        );
        assert_eq!(km.action(Mode::Help, &key(K::Esc, NONE)), None);
        // Esc still closes the other popups that shared the default binding.
        for mode in [Mode::Picker, Mode::History, Mode::Popup, Mode::Marks] {
            assert_eq!(
                km.action(mode, &key(K::Esc, NONE)),
                Some(Action::Close),
                "{mode:?}"
            );
        }
        assert_eq!(
            km.hints(Mode::Help),
            vec![("x".to_string(), "close"), ("/".to_string(), "filter")]
        );
        assert_eq!(km.conflicts(), Vec::new());
    }

    #[test]
    fn a_key_taken_by_another_action_is_a_conflict_naming_both() {
        let mut km = Keymap::default();
        km.rebind(Mode::Browse, Action::Quit, &[(K::Char('j'), NONE)])
            .unwrap();
        let c = km.conflicts();
        assert_eq!(c.len(), 1, "{c:?}");
        let pair = [c[0].first, c[0].second];
        assert!(
            pair.contains(&Action::Quit) && pair.contains(&Action::Down),
            "{c:?}"
        );
        assert_eq!(c[0].mode, Mode::Browse);
    }

    #[test]
    fn mode_titles_name_the_users_key() {
        let mut km = Keymap::default();
        for mode in Mode::ALL {
            assert_eq!(km.title(mode), mode.title());
        }
        km.rebind(Mode::Browse, Action::Search, &[(K::Char('s'), NONE)])
            .unwrap();
        km.rebind(Mode::Browse, Action::History, &[]).unwrap();
        assert_eq!(km.title(Mode::Search), "Search (s)");
        assert_eq!(km.title(Mode::History), "History");
    }

    #[test]
    fn unbinding_every_way_out_is_noticed() {
        let mut km = Keymap::default();
        km.rebind(Mode::Help, Action::Close, &[]).unwrap();
        km.rebind(Mode::Help, Action::Quit, &[]).unwrap();
        assert_eq!(km.inescapable(), vec![Mode::Help]);
    }
}
