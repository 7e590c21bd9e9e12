//! The `[keys.MODE]` tables of a settings file: a user's bindings in place of the defaults,
//! each error pointing at the line that caused it.

use super::{At, Error};
use crate::prefs::keymap::{Action, Keymap, Mode, key_spec, parse_key};
use crate::text::closest::closest;
use crossterm::event::{KeyCode, KeyModifiers};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

pub type Keys = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Vec<Spanned<String>>>>;

/// A user binding, remembered so that a conflict can point at the line that caused it.
struct Placed {
    mode: Mode,
    action: Action,
    spec: String,
    span: Range<usize>,
    key: String,
}

pub fn keymap(keys: &Keys, at: &At) -> Result<Keymap, Error> {
    let mut keymap = Keymap::default();
    let mut placed: Vec<Placed> = Vec::new();
    for (mode_name, actions) in keys {
        let table = format!("keys.{}", mode_name.get_ref());
        let mode = mode_of(mode_name, &table, at)?;
        for (action_name, list) in actions {
            let key = format!("{table}.{}", action_name.get_ref());
            let action = action_of(&keymap, mode, action_name, &key, at)?;
            let mut parsed = Vec::new();
            for spec in list {
                let (code, mods) = key_of(spec, mode, &key, at)?;
                if !parsed.contains(&(code, mods)) {
                    parsed.push((code, mods));
                    placed.push(Placed {
                        mode,
                        action,
                        spec: key_spec(code, mods),
                        span: spec.span(),
                        key: key.clone(),
                    });
                }
            }
            keymap
                .rebind(mode, action, &parsed)
                .map_err(|e| at(action_name.span(), &key, e))?;
        }
    }
    no_conflict(&keymap, &placed, at)?;
    every_mode_escapable(&keymap, keys, at)?;
    Ok(keymap)
}

fn mode_of(name: &Spanned<String>, table: &str, at: &At) -> Result<Mode, Error> {
    Mode::from_config_name(name.get_ref()).ok_or_else(|| {
        let modes: Vec<String> = Mode::ALL.iter().map(|m| m.config_name()).collect();
        at(
            name.span(),
            table,
            format!("unknown mode: expected one of {}", modes.join(", ")),
        )
    })
}

fn action_of(
    keymap: &Keymap,
    mode: Mode,
    name: &Spanned<String>,
    key: &str,
    at: &At,
) -> Result<Action, Error> {
    Action::from_config_name(name.get_ref()).ok_or_else(|| {
        let names: Vec<String> = keymap
            .actions(mode)
            .into_iter()
            .map(Action::config_name)
            .collect();
        let near = closest(name.get_ref(), names.iter().map(String::as_str), 64);
        let hint = match near.first() {
            Some(n) => format!(" (did you mean `{n}`?)"),
            None => String::new(),
        };
        at(
            name.span(),
            key,
            format!(
                "unknown action{hint}; {} mode has: {}",
                mode.config_name(),
                names.join(", ")
            ),
        )
    })
}

/// A key as written; in the search box, a plain character would be typed, not bound.
fn key_of(
    spec: &Spanned<String>,
    mode: Mode,
    key: &str,
    at: &At,
) -> Result<(KeyCode, KeyModifiers), Error> {
    let (code, mods) = parse_key(spec.get_ref()).map_err(|e| at(spec.span(), key, e))?;
    if mode == Mode::Search
        && matches!(code, KeyCode::Char(_))
        && (mods - KeyModifiers::SHIFT).is_empty()
    {
        return Err(at(
            spec.span(),
            key,
            format!(
                "`{}` is typed into the search box; bind a key with ctrl- or alt-, or a named key",
                spec.get_ref()
            ),
        ));
    }
    Ok((code, mods))
}

/// One key for two actions in a mode is an error at the user's binding (of two, the later).
fn no_conflict(keymap: &Keymap, placed: &[Placed], at: &At) -> Result<(), Error> {
    let Some(c) = keymap.conflicts().first().cloned() else {
        return Ok(());
    };
    let spec = key_spec(c.code, c.mods);
    let message = format!(
        "`{spec}` is bound to both `{}` and `{}` in {} mode",
        c.first.config_name(),
        c.second.config_name(),
        c.mode.config_name()
    );
    let culprit = placed
        .iter()
        .filter(|p| {
            p.mode == c.mode && p.spec == spec && (p.action == c.first || p.action == c.second)
        })
        .max_by_key(|p| p.span.start);
    Err(match culprit {
        Some(p) => at(p.span.clone(), &p.key, message),
        None => at(0..0, "keys", message),
    })
}

/// Every mode keeps a key that leaves it.
fn every_mode_escapable(keymap: &Keymap, keys: &Keys, at: &At) -> Result<(), Error> {
    let Some(mode) = keymap.inescapable().first().copied() else {
        return Ok(());
    };
    let span = keys
        .keys()
        .find(|m| m.get_ref() == &mode.config_name())
        .map_or(0..0, |m| m.span());
    Err(at(
        span,
        &format!("keys.{}", mode.config_name()),
        format!(
            "no key would leave {} mode: keep at least one key for `close` or `quit`",
            mode.config_name()
        ),
    ))
}
