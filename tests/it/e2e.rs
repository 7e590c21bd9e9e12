//! The real binary in a pseudo-terminal, its screen read through a terminal emulator: search,
//! follow a link, go back, copy (the OSC 52 sequence on the wire), quit, and the terminal left
//! as it was found.

use base64::Engine;
use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load::load_builtin;
use ngo_atlas::query::cite::Style;
use ngo_atlas::query::cite::for_record as citation;

use crate::pty;

use pty::Session;

#[test]
fn search_follow_back_copy_quit_in_a_real_terminal() {
    let mut s = Session::start(&[], &[], (120, 40));
    s.wait_for("Organizations");
    s.send("/");
    s.wait_for("Search");
    s.send("Tan Weiping");
    s.wait_for("/ Tan Weiping");
    s.send("\r");
    // The hit opens with the link cursor on its first link.
    s.wait_for("▶ International Poverty Reduction Center");
    // Enter follows the link under the cursor.
    s.send("\r");
    s.wait_for("Also: IPRCC");
    // Ctrl-O goes back.
    s.send("\x0f");
    s.wait_for("person · tan-weiping");
    s.send("y");
    let screen = s.wait_for("Copied APA 7 citation");
    assert!(screen.contains("via OSC 52"), "{screen}");
    let index = Index::new(load_builtin().unwrap());
    let text = citation(&index, index.get("tan-weiping").unwrap(), Style::Apa);
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let osc52 = format!("\x1b]52;c;{payload}\x07");
    let raw = s.output();
    assert!(
        raw.contains(&osc52),
        "no OSC 52 with the APA citation on the wire"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// A closed terminal (an SSH session that dropped) must end the program, not leave it spinning
/// on a terminal that only ever reads end-of-file. The program leads its own session, whose
/// terminal hangs up when every copy of the master side is closed, as sshd's does.
#[test]
fn a_terminal_that_goes_away_ends_the_program() {
    let mut s = Session::start(&[], &[], (80, 24));
    s.wait_for("Organizations");
    // Closed at once: however far the explorer has got, the hang-up must end it.
    s.hang_up();
    s.wait_exit();
}
