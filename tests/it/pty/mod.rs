//! The real binary in a pseudo-terminal, its output kept and read through a terminal emulator,
//! for the tests that must see what a user's terminal sees.

#![allow(dead_code)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Session {
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    size: (u16, u16),
    /// Kept open for the session, so the program's terminal stays.
    master: Box<dyn portable_pty::MasterPty + Send>,
}

/// The longest any wait goes on; it only stops a hung test and measures nothing.
const PATIENCE: Duration = Duration::from_secs(60);

impl Session {
    /// Starts `ngo-atlas ARGS` in a `cols`×`rows` terminal, with no tmux or display (the
    /// clipboard can only be reached by OSC 52 unless the settings say otherwise) and
    /// `env` added.
    pub fn start(args: &[&str], env: &[(&str, &str)], (cols, rows): (u16, u16)) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_ngo-atlas"));
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("HOME", std::env::temp_dir());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.args(args);
        let child = pty.slave.spawn_command(cmd).expect("spawn ngo-atlas");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let raw = Arc::new(Mutex::new(Vec::new()));
        let sink = raw.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("writer");
        Session {
            raw,
            writer,
            child,
            size: (cols, rows),
            master: pty.master,
        }
    }

    /// Sends the program a signal.
    pub fn signal(&self, sig: i32) {
        let pid = self.child.process_id().expect("a pid") as i32;
        // SAFETY: kill(2) with the pid of the program this session started.
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
    }

    /// Whether the program is stopped (job control), from its state in /proc.
    pub fn stopped(&self) -> bool {
        let pid = self.child.process_id().expect("a pid");
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
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
        let fd = self.master.as_raw_fd().expect("a pty fd");
        // SAFETY: tcgetattr fills a termios we own, from an open fd.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// How many bytes the program has written so far.
    pub fn written(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// The screen as drawn by what was written from byte `from` on, onto a blank terminal:
    /// only a full redraw shows the whole screen there.
    pub fn screen_since(&self, from: usize) -> String {
        let mut parser = vt100::Parser::new(self.size.1, self.size.0, 0);
        parser.process(&self.raw.lock().unwrap()[from..]);
        parser.screen().contents()
    }

    pub fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(self.size.1, self.size.0, 0);
        parser.process(&self.raw.lock().unwrap());
        parser.screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("screen never showed {text:?}; it shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the program to end; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("did not end");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything written so far, as text.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// The alternate screen was left after it was entered, and mouse capture turned off. The
    /// reader thread may not have taken the last bytes yet when the program stops or ends: they
    /// are waited for (the wait measures nothing).
    pub fn assert_restored(&self) {
        let start = Instant::now();
        let left_last = |t: &str| match (t.rfind("\x1b[?1049l"), t.rfind("\x1b[?1049h")) {
            (Some(l), Some(e)) => l > e,
            _ => false,
        };
        while !left_last(&self.output()) && start.elapsed() < PATIENCE {
            std::thread::sleep(Duration::from_millis(20));
        }
        let text = self.output();
        let left = text
            .rfind("\x1b[?1049l")
            .expect("left the alternate screen");
        let entered = text
            .rfind("\x1b[?1049h")
            .expect("entered the alternate screen");
        assert!(left > entered);
        assert!(text.contains("\x1b[?1000l"), "mouse capture turned off");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
