use super::super::{ALT, CTRL, K, NONE, SHIFT, key_name};
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
