//! The real binary in a pseudo-terminal, its screen read through a terminal emulator: search,
//! follow a link, go back, copy (the OSC 52 sequence on the wire), quit, and the terminal left
//! as it was found.

use base64::Engine;
use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load::load_builtin;
use ngo_atlas::query::cite::Style;
use ngo_atlas::query::cite::for_record as citation;
use std::time::{Duration, Instant};

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
/// on a terminal that only ever reads end-of-file. forkpty makes the program a session leader
/// whose terminal hangs up when the master closes, as sshd's does.
#[test]
fn a_terminal_that_goes_away_ends_the_program() {
    let bin = std::ffi::CString::new(env!("CARGO_BIN_EXE_ngo-atlas")).unwrap();
    let argv = [bin.as_ptr(), std::ptr::null()];
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let mut master = 0;
    // SAFETY: the child only calls execv (async-signal-safe) or _exit.
    let pid = unsafe { libc::forkpty(&mut master, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert!(pid >= 0, "forkpty failed");
    if pid == 0 {
        unsafe {
            libc::execv(bin.as_ptr(), argv.as_ptr());
            libc::_exit(127);
        }
    }
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("Organizations") {
        let n = unsafe { libc::read(master, buf.as_mut_ptr().cast(), buf.len()) };
        assert!(n > 0, "the explorer never drew");
        seen.extend_from_slice(&buf[..n as usize]);
    }
    // Closed at once: however far the explorer has got, the hang-up must end it.
    unsafe { libc::close(master) };
    let start = Instant::now();
    loop {
        let mut status = 0;
        let done = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if done == pid {
            break;
        }
        if start.elapsed() > Duration::from_secs(20) {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            unsafe { libc::waitpid(pid, &mut status, 0) };
            panic!("still running 20 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
