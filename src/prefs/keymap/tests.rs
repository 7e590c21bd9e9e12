use super::*;
use Action as A;

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
