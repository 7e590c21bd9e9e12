//! The one pseudo-terminal driver of the tests and the benchmarks (`benches/pty.rs` includes
//! this file): a program in a terminal of a given size, its output read on a thread chunk by
//! chunk with the moment each chunk arrived, and fed to a terminal emulator (vt100) that also
//! records what the program asked of the terminal besides drawing (titles, clipboard, C1
//! controls). Each session has its own home, configuration, state, data and cache folders, so
//! nothing of the user running the tests is read or written.
//!
//! Waits are bounded only to stop a hung test: no assertion depends on how fast anything is.

#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// The longest any wait goes on; it only stops a hung test and measures nothing.
pub const PATIENCE: Duration = Duration::from_secs(60);

pub const BIN: &str = env!("CARGO_BIN_EXE_ngo-atlas");

/// Everything the emulator was asked to do besides drawing.
#[derive(Default)]
pub struct Seen {
    pub titles: Vec<String>,
    pub clipboard: Vec<Vec<u8>>,
    pub c1: Vec<char>,
}

impl vt100::Callbacks for Seen {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.c1.push(c);
    }
}

pub struct Session {
    /// `None` once the terminal was hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
    chunks: Receiver<(Instant, Vec<u8>)>,
    /// Everything written so far.
    raw: Vec<u8>,
    pub term: vt100::Parser<Seen>,
    size: (u16, u16),
    hung_up: Arc<AtomicBool>,
    /// When the program was started.
    pub started: Instant,
    home: tempfile::TempDir,
}

impl Session {
    /// Starts `ngo-atlas ARGS` in a `cols`×`rows` terminal, with no tmux, display or SSH (the
    /// clipboard can only be reached by OSC 52 unless the settings say otherwise) and `env`
    /// added last.
    pub fn start(args: &[&str], env: &[(&str, &str)], size: (u16, u16)) -> Session {
        Session::run(BIN, args, env, size)
    }

    /// Starts any program the same way.
    pub fn run(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
    ) -> Self {
        let home = tempfile::tempdir().expect("a home folder");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        // The folders follow a HOME given in `env` (two sessions sharing one), else the
        // session's own.
        let base = env
            .iter()
            .find(|(k, _)| *k == "HOME")
            .map_or(home.path(), |(_, v)| Path::new(v));
        for var in [
            "HOME",
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "XDG_DATA_HOME",
            "XDG_CACHE_HOME",
        ] {
            cmd.env(var, base);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.args(args);
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn the program");
        drop(pty.slave);
        let hung_up = Arc::new(AtomicBool::new(false));
        let chunks = read_on_a_thread(pty.master.as_ref(), hung_up.clone());
        let writer = pty.master.take_writer().expect("writer");
        Session {
            master: Some(pty.master),
            writer: Some(writer),
            child,
            chunks,
            raw: Vec::new(),
            term: vt100::Parser::new_with_callbacks(rows, cols, 0, Seen::default()),
            size: (cols, rows),
            hung_up,
            started,
            home,
        }
    }

    /// The session's own home folder (also its XDG folders).
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// Takes what has arrived; true if anything did.
    fn pump(&mut self) -> bool {
        let mut any = false;
        while let Ok((_, bytes)) = self.chunks.try_recv() {
            self.take(&bytes);
            any = true;
        }
        any
    }

    fn take(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        // vt100 overflows on some output drawn for another size than its own (a frame for the
        // old size arriving after a resize to 1×1): the emulator starts afresh at its size,
        // and the program's next full redraw fills it again.
        let fed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.term.process(bytes);
        }));
        if fed.is_err() {
            let (rows, cols) = self.term.screen().size();
            let seen = std::mem::take(self.term.callbacks_mut());
            self.term = vt100::Parser::new_with_callbacks(rows, cols, 0, seen);
        }
    }

    /// Waits up to `wait` for the next chunk; when it arrived, or `None`.
    fn next_chunk(&mut self, wait: Duration) -> Option<Instant> {
        match self.chunks.recv_timeout(wait) {
            Ok((at, bytes)) => {
                self.take(&bytes);
                Some(at)
            }
            Err(_) => None,
        }
    }

    /// Everything written so far.
    pub fn raw(&mut self) -> &[u8] {
        self.pump();
        &self.raw
    }

    /// Everything written so far, as text.
    pub fn output(&mut self) -> String {
        String::from_utf8_lossy(self.raw()).into_owned()
    }

    /// How many bytes the program has written so far.
    pub fn written(&mut self) -> usize {
        self.raw().len()
    }

    pub fn screen(&mut self) -> String {
        self.pump();
        self.term.screen().contents()
    }

    /// The screen as drawn by what was written from byte `from` on, onto a blank terminal:
    /// only a full redraw shows the whole screen there.
    pub fn screen_since(&mut self, from: usize) -> String {
        let mut parser = vt100::Parser::new(self.size.1, self.size.0, 0);
        parser.process(&self.raw()[from..]);
        parser.screen().contents()
    }

    /// Waits until the screen shows `text`; the screen.
    pub fn wait_for(&mut self, text: &str) -> String {
        self.until(text);
        self.term.screen().contents()
    }

    /// Waits until the screen shows `text`; when the chunk that showed it arrived.
    pub fn until(&mut self, text: &str) -> Instant {
        let start = Instant::now();
        self.pump();
        if self.term.screen().contents().contains(text) {
            return Instant::now();
        }
        loop {
            if let Some(at) = self.next_chunk(Duration::from_millis(50))
                && self.term.screen().contents().contains(text)
            {
                return at;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "screen never showed {text:?}; it shows:\n{}",
                    self.term.screen().contents()
                );
            }
        }
    }

    /// Reads until nothing has come for `quiet`.
    pub fn settle(&mut self, quiet: Duration) {
        let start = Instant::now();
        while self.next_chunk(quiet).is_some() {
            assert!(start.elapsed() < PATIENCE, "the program never went quiet");
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.send_bytes(keys.as_bytes());
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(bytes).expect("write to the terminal");
        w.flush().expect("flush the terminal");
    }

    /// Writes a key and returns the time to the first byte of the redraw, then lets the screen
    /// settle for `quiet` (background results included) before the next key.
    pub fn key(&mut self, bytes: &[u8], quiet: Duration) -> Duration {
        self.settle(Duration::from_millis(5));
        let sent = Instant::now();
        self.send_bytes(bytes);
        let at = self
            .next_chunk(PATIENCE)
            .expect("no redraw within a minute");
        self.settle(quiet);
        at.saturating_duration_since(sent)
    }

    /// Writes a key; the time to the first byte of the redraw, and the time to the frame where
    /// `done(screen)` holds (a search's results, not just the echo of the letter).
    pub fn key_until(&mut self, bytes: &[u8], done: impl Fn(&str) -> bool) -> (Duration, Duration) {
        self.settle(Duration::from_millis(5));
        let sent = Instant::now();
        self.send_bytes(bytes);
        let first = self
            .next_chunk(PATIENCE)
            .expect("no redraw within a minute");
        let mut last = first;
        while !done(&self.term.screen().contents()) {
            last = self
                .next_chunk(PATIENCE)
                .expect("never done within a minute");
        }
        (
            first.saturating_duration_since(sent),
            last.saturating_duration_since(sent),
        )
    }

    /// Resizes the terminal (the program gets SIGWINCH). The emulator starts afresh at the new
    /// size, from the next full redraw on (vt100 itself overflows at some tiny sizes); what it
    /// was asked besides drawing is kept.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // What was drawn for the old size is kept, not shown.
        while let Ok((_, bytes)) = self.chunks.try_recv() {
            self.raw.extend_from_slice(&bytes);
        }
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        let seen = std::mem::take(self.term.callbacks_mut());
        self.term = vt100::Parser::new_with_callbacks(rows, cols, 0, seen);
        self.size = (cols, rows);
    }

    /// Closes the terminal, as a dropped SSH connection does: the program's session hangs up.
    pub fn hang_up(&mut self) {
        self.hung_up.store(true, Ordering::SeqCst);
        self.writer = None;
        self.master = None;
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("a pid") as i32
    }

    /// Sends the program a signal.
    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) with the pid of the program this session started.
        assert_eq!(unsafe { libc::kill(self.pid(), sig) }, 0);
    }

    /// Whether the program is stopped (job control), from its state in /proc.
    pub fn stopped(&self) -> bool {
        std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))
            .ok()
            .and_then(|stat| {
                stat.rsplit_once(") ")
                    .map(|(_, rest)| rest.starts_with('T'))
            })
            .unwrap_or(false)
    }

    /// Waits until the program is stopped (or, `false`, running again).
    pub fn wait_stopped(&self, stopped: bool) {
        let start = Instant::now();
        while self.stopped() != stopped {
            assert!(
                start.elapsed() < PATIENCE,
                "never {}",
                if stopped { "stopped" } else { "continued" }
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the terminal is in cooked mode (line editing and echo on), as a shell expects.
    pub fn cooked(&self) -> bool {
        let master = self.master.as_ref().expect("the terminal is open");
        let fd = master.as_raw_fd().expect("a pty fd");
        // SAFETY: tcgetattr fills a termios we own, from an open fd.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// The program's peak resident memory so far, in bytes (Linux).
    pub fn peak_memory(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    }

    /// Waits for the program to end, then for the last of its output; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        let code = loop {
            if let Some(status) = self.child.try_wait().expect("the program's status") {
                break status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("did not end");
            }
            self.next_chunk(Duration::from_millis(20));
        };
        // The reader ends when the terminal has nothing more: all that was written is taken.
        let start = Instant::now();
        loop {
            match self.chunks.recv_timeout(Duration::from_millis(200)) {
                Ok((_, bytes)) => self.take(&bytes),
                Err(RecvTimeoutError::Disconnected) => break,
                // A program it started may still hold the terminal.
                Err(RecvTimeoutError::Timeout) if start.elapsed() > Duration::from_secs(2) => break,
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
        code
    }

    /// Quits with `q`; kills the program if it has not ended within ten seconds.
    pub fn quit(mut self) {
        self.send("q");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal was handed back: the last alternate-screen switch is the way out, mouse
    /// capture is off, the cursor is shown again and the terminal is in cooked mode. The
    /// reader may not have taken the last bytes yet when the program stops or ends: they are
    /// waited for (the wait measures nothing).
    pub fn assert_restored(&mut self) {
        let start = Instant::now();
        let left_last = |t: &[u8]| match (rfind(t, b"\x1b[?1049l"), rfind(t, b"\x1b[?1049h")) {
            (Some(l), Some(e)) => l > e,
            _ => false,
        };
        while !left_last(self.raw()) && start.elapsed() < PATIENCE {
            self.next_chunk(Duration::from_millis(20));
        }
        let raw = self.raw().to_vec();
        let left = rfind(&raw, b"\x1b[?1049l").expect("left the alternate screen");
        let entered = rfind(&raw, b"\x1b[?1049h").expect("entered the alternate screen");
        assert!(
            left > entered,
            "the alternate screen was entered again after it was left"
        );
        assert!(
            rfind(&raw, b"\x1b[?1000l").is_some(),
            "mouse capture turned off"
        );
        assert!(
            rfind(&raw, b"\x1b[?25h").is_some_and(|shown| shown > entered),
            "the cursor was not shown again"
        );
        if self.master.is_some() {
            assert!(self.cooked(), "the terminal was left in raw mode");
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The last place `needle` is in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Reads the terminal on a thread of its own, sending each chunk with the moment it arrived.
/// The thread reads its own copy of the terminal's descriptor, waiting for input at most 50 ms
/// at a time, so a hang-up can close every copy and the program's session sees it.
fn read_on_a_thread(
    master: &(dyn MasterPty + Send),
    hung_up: Arc<AtomicBool>,
) -> Receiver<(Instant, Vec<u8>)> {
    let fd = master.as_raw_fd().expect("a pty fd");
    // SAFETY: dup of an open descriptor; the File owns the copy and closes it when dropped.
    let own = unsafe { libc::dup(fd) };
    assert!(own >= 0, "dup the pty");
    let mut file = unsafe { std::fs::File::from_raw_fd(own) };
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 65536];
        while !hung_up.load(Ordering::SeqCst) {
            let mut poll = libc::pollfd {
                fd: own,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: poll on one descriptor this thread owns.
            let ready = unsafe { libc::poll(&mut poll, 1, 50) };
            if ready == 0
                || (ready < 0
                    && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted)
            {
                continue;
            }
            match file.read(&mut buf) {
                Ok(n) if n > 0 => {
                    if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                        break;
                    }
                }
                _ => break,
            }
        }
    });
    rx
}
