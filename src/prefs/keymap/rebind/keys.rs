//! Keys as a config file writes them (`q`, `ctrl-o`, `shift-tab`, `f1`), read and written.

use super::super::{ALT, CTRL, K, NONE, SHIFT};
use crossterm::event::{KeyCode, KeyModifiers};

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
pub(super) fn identity(code: KeyCode, mods: KeyModifiers) -> (KeyCode, KeyModifiers) {
    match code {
        K::Char(_) => (code, mods - SHIFT),
        K::BackTab => (code, NONE),
        _ => (code, mods),
    }
}
