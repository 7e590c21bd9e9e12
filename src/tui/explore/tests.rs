use super::setup_sequence;

const CAPTURE: &[u8] = b"\x1b[?1000h";

fn has(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn mouse_capture_is_only_asked_for_when_wanted() {
    let on = setup_sequence(true).unwrap();
    let off = setup_sequence(false).unwrap();
    assert!(has(&on, CAPTURE), "{on:?}");
    assert!(!has(&off, CAPTURE), "{off:?}");
    assert!(!has(&off, b"\x1b[?1006h"), "{off:?}");
    // The rest of the set-up is the same either way.
    assert!(
        has(&off, b"\x1b[?1049h") && has(&off, b"\x1b[?2004h"),
        "{off:?}"
    );
}
