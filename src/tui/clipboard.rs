//! Getting text to the user's clipboard.
//!
//! The decision of *how* ([`plan`]) is a pure function of the environment and
//! the user's options, so it is unit-tested without touching a real clipboard;
//! [`SystemClipboard`] then tries the planned steps in order and stops at the
//! first that works. In `auto` mode the order is:
//!
//! 1. Inside tmux: `tmux load-buffer -w -`. This fills tmux's paste buffer and,
//!    through tmux's own `set-clipboard` handling, the outer terminal's
//!    clipboard. We do not send OSC 52 after it succeeds: tmux already forwards
//!    it when the terminal can take it, and with tmux's default
//!    `set-clipboard external` an application's own OSC 52 would be ignored
//!    anyway. tmux older than 3.2 rejects `-w`; we then fall through.
//! 2. A native tool when a local display is present: `wl-copy` under Wayland;
//!    `xclip`, then `xsel` under X11 (also tried under Wayland, through
//!    XWayland, when `wl-copy` is missing); `pbcopy` on macOS unless the
//!    session is over SSH, where it would fill the remote Mac's pasteboard.
//!    Caveat: the first success wins, so local tmux in a terminal without
//!    OSC 52 fills only tmux's buffer; such users can pick `command:wl-copy`.
//! 3. OSC 52 written to the terminal, which is what reaches the user's own
//!    clipboard over SSH. It is last because it cannot fail visibly: we never
//!    learn whether the terminal honoured it.
//!
//! All text passes through [`crate::text::sanitize::for_clipboard`] first, so what
//! lands on the clipboard never holds ESC or other controls that could act
//! when pasted (e.g. `ESC [201~` ending a shell's bracketed paste early).

pub use crate::prefs::copying::{Choice, Options};
use crate::text::sanitize;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use std::fmt;
use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

/// Longest base64 payload sent in one OSC 52 sequence. Terminals cap it too
/// (xterm, tmux and others sit around 100 kB) and drop what is longer, often
/// silently, so a larger copy is refused and the UI shows the text instead.
pub const OSC52_MAX_BASE64: usize = 100_000;

pub trait Clipboard {
    /// Copy `text` (sanitized first) and say how, for the status bar.
    fn copy(&mut self, text: &str) -> Result<Method, CopyError>;
}

/// How the text was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    Tmux,
    /// A native clipboard tool, named: "wl-copy", "xclip", "xsel", "pbcopy".
    Native(String),
    Osc52,
    /// The user's own command, named by its program.
    Command(String),
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Method::Tmux => f.write_str("tmux buffer"),
            Method::Native(tool) | Method::Command(tool) => f.write_str(tool),
            Method::Osc52 => f.write_str("OSC 52 (terminal)"),
        }
    }
}

/// Why nothing was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyError {
    /// The user chose `none`.
    Disabled,
    /// The text is too large for OSC 52; the UI should show it instead.
    TooLarge { encoded: usize, limit: usize },
    /// Every step failed; one reason per step, in order.
    Failed(Vec<String>),
}

impl fmt::Display for CopyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CopyError::Disabled => f.write_str("copying is turned off (clipboard: none)"),
            CopyError::TooLarge { encoded, limit } => write!(
                f,
                "too large to copy through the terminal ({encoded} bytes encoded, limit {limit})"
            ),
            CopyError::Failed(reasons) if reasons.is_empty() => f.write_str("nothing was copied"),
            CopyError::Failed(reasons) => write!(f, "nothing was copied: {}", reasons.join("; ")),
        }
    }
}

impl std::error::Error for CopyError {}

/// The parts of the environment the plan depends on, injected so that the
/// plan is testable. Empty variables count as unset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `$TMUX`
    pub tmux: bool,
    /// `$STY` (GNU screen)
    pub screen: bool,
    /// `$WAYLAND_DISPLAY`
    pub wayland: bool,
    /// `$DISPLAY`
    pub x11: bool,
    /// Built for macOS.
    pub macos: bool,
    /// `$SSH_CONNECTION`, `$SSH_CLIENT` or `$SSH_TTY`
    pub ssh: bool,
}

impl Env {
    pub fn from_process() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Env {
            tmux: set("TMUX"),
            screen: set("STY"),
            wayland: set("WAYLAND_DISPLAY"),
            x11: set("DISPLAY"),
            macos: cfg!(target_os = "macos"),
            ssh: set("SSH_CONNECTION") || set("SSH_CLIENT") || set("SSH_TTY"),
        }
    }
}

/// How an OSC 52 sequence is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    Plain,
    /// GNU screen swallows OSC 52; only a DCS passthrough reaches the terminal.
    Screen,
}

/// One way of copying, tried in the order [`plan`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Tmux,
    Native(Vec<String>),
    Command(Vec<String>),
    Osc52(Wrap),
}

/// Decide which steps to try, in order. Pure: no environment reads, no I/O.
pub fn plan(env: &Env, opts: &Options) -> Vec<Step> {
    // $TMUX wins over $STY: tmux sets it for its own panes, so if both are set
    // tmux is the innermost multiplexer, and it parses OSC 52 itself.
    let wrap = if env.screen && !env.tmux {
        Wrap::Screen
    } else {
        Wrap::Plain
    };
    let native = |argv: &[&str]| Step::Native(argv.iter().map(|a| a.to_string()).collect());
    match &opts.choice {
        Choice::None => Vec::new(),
        Choice::Osc52 => vec![Step::Osc52(wrap)],
        Choice::Tmux => vec![Step::Tmux],
        Choice::Command(argv) => vec![Step::Command(argv.clone())],
        Choice::Auto => {
            let mut steps = Vec::new();
            if env.tmux {
                steps.push(Step::Tmux);
            }
            if env.wayland {
                steps.push(native(&["wl-copy"]));
            }
            if env.x11 {
                steps.push(native(&["xclip", "-selection", "clipboard"]));
                steps.push(native(&["xsel", "--clipboard", "--input"]));
            }
            if env.macos && !env.ssh {
                steps.push(native(&["pbcopy"]));
            }
            steps.push(Step::Osc52(wrap));
            steps
        }
    }
}

/// The OSC 52 bytes that set the clipboard to `text` (already sanitized):
/// `ESC ] 52 ; c ; <base64> BEL`, wrapped for GNU screen if asked.
pub fn osc52(text: &str, wrap: Wrap) -> Result<Vec<u8>, CopyError> {
    let encoded = base64::encoded_len(text.len(), true).unwrap_or(usize::MAX);
    if encoded > OSC52_MAX_BASE64 {
        return Err(CopyError::TooLarge {
            encoded,
            limit: OSC52_MAX_BASE64,
        });
    }
    let payload = STANDARD.encode(text);
    let mut out = Vec::with_capacity(payload.len() + 32);
    match wrap {
        Wrap::Plain => {
            out.extend_from_slice(b"\x1b]52;c;");
            out.extend_from_slice(payload.as_bytes());
            out.push(0x07);
        }
        Wrap::Screen => {
            // screen caps one DCS string (768 bytes in older versions), so the
            // payload is split across several, each closed with ST; the outer
            // terminal receives their contents as one unbroken OSC 52.
            out.extend_from_slice(b"\x1bP\x1b]52;c;");
            for (i, chunk) in payload.as_bytes().chunks(76).enumerate() {
                if i > 0 {
                    out.extend_from_slice(b"\x1b\\\x1bP");
                }
                out.extend_from_slice(chunk);
            }
            out.extend_from_slice(b"\x07\x1b\\");
        }
    }
    Ok(out)
}

/// The real provider chain.
pub struct SystemClipboard {
    env: Env,
    options: Options,
    terminal: Box<dyn Write + Send>,
}

impl SystemClipboard {
    /// Reads the process environment; OSC 52 goes to stdout (the terminal).
    pub fn new(options: Options) -> Self {
        Self::with(Env::from_process(), options, Box::new(io::stdout()))
    }

    /// Everything injected, for tests and for callers that own the terminal.
    pub fn with(env: Env, options: Options, terminal: Box<dyn Write + Send>) -> Self {
        SystemClipboard {
            env,
            options,
            terminal,
        }
    }
}

impl Clipboard for SystemClipboard {
    fn copy(&mut self, text: &str) -> Result<Method, CopyError> {
        let steps = plan(&self.env, &self.options);
        if steps.is_empty() {
            return Err(CopyError::Disabled);
        }
        let clean = sanitize::for_clipboard(text);
        execute(&steps, &clean, self.options.timeout, &mut *self.terminal)
    }
}

/// Try each step until one works. A too-large OSC 52 outranks other failures
/// in the result, since it is the one the UI can do something about.
fn execute(
    steps: &[Step],
    text: &str,
    timeout: Duration,
    terminal: &mut dyn Write,
) -> Result<Method, CopyError> {
    let mut reasons = Vec::new();
    let mut too_large = None;
    for step in steps {
        let attempt = match step {
            Step::Tmux => run_tool(&argv(&["tmux", "load-buffer", "-w", "-"]), text, timeout)
                .map(|_| Method::Tmux),
            Step::Native(argv) => run_tool(argv, text, timeout).map(Method::Native),
            Step::Command(argv) => run_tool(argv, text, timeout).map(Method::Command),
            Step::Osc52(wrap) => match osc52(text, *wrap) {
                Ok(bytes) => terminal
                    .write_all(&bytes)
                    .and_then(|_| terminal.flush())
                    .map(|_| Method::Osc52)
                    .map_err(|e| format!("terminal: {e}")),
                Err(e) => {
                    too_large = Some(e);
                    continue;
                }
            },
        };
        match attempt {
            Ok(method) => return Ok(method),
            Err(reason) => reasons.push(reason),
        }
    }
    Err(too_large.unwrap_or(CopyError::Failed(reasons)))
}

fn argv(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

/// Run a clipboard tool with `text` on stdin; returns the program's name.
/// Never blocks past `timeout`: stdin is fed from a thread (a tool that stops
/// reading would otherwise block us on a full pipe), and the tool is killed
/// when time is up, with everything it started: it runs in a process group of
/// its own, and the whole group is killed, so a wrapper script's children do
/// not outlive it. (A tool that answers in time keeps its children: `xclip`
/// leaves one behind on purpose to serve the selection.) A feeder stuck on a
/// pipe some grandchild keeps open is left behind rather than waited for.
fn run_tool(argv: &[String], text: &str, timeout: Duration) -> Result<String, String> {
    let (program, args) = argv.split_first().ok_or("empty clipboard command")?;
    let mut command = Command::new(program);
    // Its own group: the group can be killed as one, and Ctrl-C at the
    // terminal never reaches it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => format!("{program}: not installed"),
            _ => format!("{program}: {e}"),
        })?;
    // Known until it has answered, so that quitting meanwhile ends it too.
    let _running = Running::new(&child);
    let mut stdin = child.stdin.take().ok_or("stdin was not piped")?;
    let data = text.as_bytes().to_vec();
    // Dropping stdin at the end of the thread closes the pipe: the tool sees EOF.
    let feeder = std::thread::spawn(move || stdin.write_all(&data));
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) if feeder.is_finished() => break status,
            Ok(_) if Instant::now() >= deadline => {
                kill_group(&mut child);
                let _ = child.wait();
                return Err(format!("{program}: no answer within {timeout:?}"));
            }
            Ok(_) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("{program}: {e}")),
        }
    };
    let fed = feeder.join();
    if !status.success() {
        return Err(format!("{program}: failed ({status})"));
    }
    match fed {
        Ok(Ok(())) => Ok(program.clone()),
        Ok(Err(e)) => Err(format!("{program}: did not take the text ({e})")),
        Err(_) => Err(format!("{program}: could not send the text")),
    }
}

/// The process group of the clipboard tool that has not answered yet, or 0.
static RUNNING: AtomicI32 = AtomicI32::new(0);

/// Marks a tool as running for as long as it is kept.
struct Running;

impl Running {
    fn new(child: &std::process::Child) -> Running {
        RUNNING.store(i32::try_from(child.id()).unwrap_or(0), Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.store(0, Ordering::SeqCst);
    }
}

/// Kills the clipboard tool that has not answered yet, with its group: the explorer is
/// quitting, and the copier thread that would have given up on it ends with the process.
pub fn end_running_tool() {
    let group = RUNNING.swap(0, Ordering::SeqCst);
    #[cfg(unix)]
    if group > 0 {
        // SAFETY: kill(2) on the group of a tool this process started and has not reaped.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
    #[cfg(not(unix))]
    let _ = group;
}

/// Kills a tool started by [`run_tool`] and every process in its group.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) on the process group this child leads (it was
        // started with `process_group(0)`, so its group id is its pid, and
        // it has not been waited for, so the id is still its own).
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
    let _ = child.kill();
}

#[cfg(test)]
mod tests;
