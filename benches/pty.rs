//! What a user meets: the release binary in a pseudo-terminal, keys typed into it, each timed
//! from the moment its bytes are written to the first byte of the redraw; start-up timed from
//! exec to the first frame and to the first browsable frame; peak memory read from the kernel.
//!
//!     cargo bench --bench pty                                   # built-in, 10k, 100k, 1M
//!     NGO_ATLAS_BENCH_SIZES=builtin,100000 cargo bench --bench pty
//!     NGO_ATLAS_BENCH_SHAPES=50000 (the default; 0 skips them): the hostile shapes against
//!     ordinary data of the same size
//!
//! Synthetic datasets are made once with `ngo-atlas gen-synthetic --seed 1` under the system's
//! temporary directory. The report (a Markdown table, as the README quotes it) is printed and
//! written to `target/pty-bench.md`, with the machine's load before and after.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ngo-atlas");
const SIZE: (u16, u16) = (120, 40);

/// The explorer's output, chunk by chunk, with the moment each arrived.
struct Terminal {
    rx: Receiver<(Instant, Vec<u8>)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    screen: vt100::Parser,
    started: Instant,
}

impl Terminal {
    fn start(data: Option<&PathBuf>) -> Terminal {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: SIZE.1,
                cols: SIZE.0,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        // Marks and settings of the person running the benchmark stay out of it.
        cmd.env("HOME", std::env::temp_dir());
        cmd.env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("ngo-atlas-bench-config"),
        );
        cmd.env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("ngo-atlas-bench-data"),
        );
        if let Some(dir) = data {
            cmd.arg("--data");
            cmd.arg(dir);
        }
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn ngo-atlas");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let writer = pty.master.take_writer().expect("writer");
        std::mem::forget(pty.master);
        Terminal {
            rx,
            writer,
            child,
            screen: vt100::Parser::new(SIZE.1, SIZE.0, 0),
            started,
        }
    }

    /// Reads until the screen shows `text`; when the chunk that showed it arrived.
    fn until(&mut self, text: &str) -> Instant {
        loop {
            let (at, bytes) = self
                .rx
                .recv_timeout(Duration::from_secs(600))
                .expect("the explorer stopped drawing");
            self.screen.process(&bytes);
            if self.screen.screen().contents().contains(text) {
                return at;
            }
        }
    }

    /// Reads until nothing has come for `quiet`.
    fn settle(&mut self, quiet: Duration) {
        loop {
            match self.rx.recv_timeout(quiet) {
                Ok((_, bytes)) => self.screen.process(&bytes),
                Err(RecvTimeoutError::Timeout) => return,
                Err(RecvTimeoutError::Disconnected) => panic!("the explorer ended"),
            }
        }
    }

    /// Writes a key and returns the time to the first byte of the redraw, then lets the
    /// screen settle (background results included) before the next key.
    fn key(&mut self, bytes: &[u8], quiet: Duration) -> Duration {
        self.settle(Duration::from_millis(5));
        let sent = Instant::now();
        self.writer.write_all(bytes).expect("write a key");
        self.writer.flush().expect("flush");
        let (at, first) = self
            .rx
            .recv_timeout(Duration::from_secs(60))
            .expect("no redraw within a minute");
        self.screen.process(&first);
        self.settle(quiet);
        at.saturating_duration_since(sent)
    }

    /// The process's peak resident memory so far, in bytes (Linux).
    fn peak_memory(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    }

    fn quit(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.writer.flush();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn dataset(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ngo-atlas-bench-{n}"));
    if !dir.join("organizations.yaml").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let ok = std::process::Command::new(BIN)
            .args([
                "gen-synthetic",
                "--records",
                &n.to_string(),
                "--seed",
                "1",
                "--out",
            ])
            .arg(&dir)
            .status()
            .expect("run gen-synthetic")
            .success();
        assert!(ok, "gen-synthetic failed");
    }
    dir
}

/// A dataset of one hostile shape (`gen-synthetic --shape`), made once.
fn shape_dataset(shape: &str, n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ngo-atlas-bench-{shape}-{n}"));
    if !dir.join("sources.yaml").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let ok = std::process::Command::new(BIN)
            .args([
                "gen-synthetic",
                "--shape",
                shape,
                "--records",
                &n.to_string(),
                "--out",
            ])
            .arg(&dir)
            .status()
            .expect("run gen-synthetic")
            .success();
        assert!(ok, "gen-synthetic --shape {shape} failed");
    }
    dir
}

/// Item 1 of the hostile-data issue: each shape of `n` repeated elements against ordinary data
/// of the same size, start-up, the views that meet the repetition, and `show` of the record
/// everything points at.
fn shapes(n: usize, rows: &mut Vec<String>) {
    rows.push(String::new());
    rows.push(format!(
        "Hostile shapes of {n} repeated elements against {n} ordinary records:"
    ));
    rows.push(String::new());
    rows.push("| dataset | first browsable frame | `S` | `j` in statistics | `w` | `j` in the map | `show` of the busiest record |".into());
    rows.push("|---|---|---|---|---|---|---|".into());
    let mut sets: Vec<(String, PathBuf, &str)> =
        vec![(format!("ordinary {n}"), dataset(n), "place-0")];
    for (shape, hub) in [
        ("series", "stat-0"),
        ("nested-places", "place-0"),
        ("crowded-place", "place-0"),
        ("backlinks", "org-0"),
    ] {
        sets.push((shape.to_string(), shape_dataset(shape, n), hub));
    }
    for (label, dir, hub) in sets {
        let mut t = Terminal::start(Some(&dir));
        let browsable = t.until(" Browsing ").duration_since(t.started);
        t.settle(Duration::from_millis(300));
        let quiet = Duration::from_millis(60);
        let s_key = t.key(b"S", Duration::from_millis(1500));
        let js: Vec<Duration> = (0..5).map(|_| t.key(b"j", quiet)).collect();
        let w_key = t.key(b"w", Duration::from_millis(1500));
        let jw: Vec<Duration> = (0..5).map(|_| t.key(b"j", quiet)).collect();
        t.quit();
        let start = Instant::now();
        let shown = std::process::Command::new(BIN)
            .args(["show", hub, "--data"])
            .arg(&dir)
            .output()
            .expect("run show");
        let show = start.elapsed();
        assert!(shown.status.success(), "show {hub} failed");
        rows.push(format!(
            "| {label} | {:.0} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.0} ms |",
            ms(browsable),
            ms(s_key),
            stats(js).1,
            ms(w_key),
            stats(jw).1,
            ms(show)
        ));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and worst, in milliseconds.
fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let median = v.get(v.len() / 2).copied().unwrap_or_default();
    let worst = v.last().copied().unwrap_or_default();
    (ms(median), ms(worst))
}

/// One dataset: start-up, then every action the issue names, in the order a user would go.
fn measure(label: &str, data: Option<PathBuf>, rows: &mut Vec<String>) {
    let mut t = Terminal::start(data.as_ref());
    let first = t.until("ngo-atlas");
    let browsable = t.until(" Browsing ");
    let startup_first = first.duration_since(t.started);
    let startup_browsable = browsable.duration_since(t.started);
    t.settle(Duration::from_millis(300));
    let quiet = Duration::from_millis(60);
    // Typing waits for the search's results as a typist's pause would.
    let typing = Duration::from_millis(250);
    let plan: &[(&str, &[u8], usize, Duration)] = &[
        ("list `j`", b"j", 20, quiet),
        ("list `k`", b"k", 10, quiet),
        ("list PgDn", b"\x1b[6~", 5, quiet),
        ("Tab (to the detail)", b"\t", 1, quiet),
        ("Enter on a link", b"\r", 1, quiet),
        ("Ctrl-O (back)", b"\x0f", 1, quiet),
        ("Enter on a link", b"\r", 1, quiet),
        ("Ctrl-O (back)", b"\x0f", 1, quiet),
        ("Tab (to the list)", b"\t", 1, quiet),
        ("`/` (open search)", b"/", 1, quiet),
        ("typed letter", b"p", 1, typing),
        ("typed letter", b"o", 1, typing),
        ("typed letter", b"v", 1, typing),
        ("typed letter", b"e", 1, typing),
        ("typed letter", b"r", 1, typing),
        ("typed letter", b"t", 1, typing),
        ("typed letter", b"y", 1, typing),
        ("Esc (close search)", b"\x1b", 1, quiet),
        ("`t` (timeline)", b"t", 1, quiet),
        ("`j` in the timeline", b"j", 10, quiet),
        ("`S` (statistics)", b"S", 1, quiet),
        ("`j` in the statistics", b"j", 10, quiet),
        ("`w` (map)", b"w", 1, quiet),
        ("`j` in the map", b"j", 10, quiet),
        ("`b` (lists)", b"b", 1, quiet),
        ("`y` (copy a citation)", b"y", 3, quiet),
    ];
    let mut by_action: Vec<(&str, Vec<Duration>)> = Vec::new();
    for &(name, bytes, reps, wait) in plan {
        for _ in 0..reps {
            let d = t.key(bytes, wait);
            match by_action.iter_mut().find(|(n, _)| *n == name) {
                Some((_, v)) => v.push(d),
                None => by_action.push((name, vec![d])),
            }
        }
        // The views' data is built in the background the first time: wait for it, as a
        // user reads the "preparing" line, so the keys after measure the view itself.
        if name.contains("(timeline)") || name.contains("(statistics)") || name.contains("(map)") {
            t.settle(Duration::from_millis(1500));
        }
    }
    let memory = t.peak_memory();
    t.quit();
    let all: Vec<Duration> = by_action.iter().flat_map(|(_, v)| v.clone()).collect();
    let (med_all, worst_all) = stats(all);
    rows.push(format!(
        "| {label} | exec → first frame | {:.0} ms | | |",
        ms(startup_first)
    ));
    rows.push(format!(
        "| {label} | exec → first browsable frame | {:.0} ms | | |",
        ms(startup_browsable)
    ));
    for (name, v) in by_action {
        let n = v.len();
        let (m, w) = stats(v);
        rows.push(format!(
            "| {label} | {name} | {m:.1} ms | {w:.1} ms | {n} |"
        ));
    }
    rows.push(format!(
        "| {label} | **any key** | **{med_all:.1} ms** | **{worst_all:.1} ms** | |"
    ));
    if let Some(bytes) = memory {
        rows.push(format!(
            "| {label} | peak memory | {:.0} MB | | |",
            bytes as f64 / 1e6
        ));
    }
}

fn main() {
    let sizes = std::env::var("NGO_ATLAS_BENCH_SIZES")
        .unwrap_or_else(|_| "builtin,10000,100000,1000000".into());
    // `cargo bench` passes `--bench`; any other argument names the sizes too.
    let sizes = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or(sizes);
    let before = load();
    let mut rows = vec![
        "| records | action | median | worst | keys |".to_string(),
        "|---|---|---|---|---|".to_string(),
    ];
    for size in sizes.split(',') {
        let size = size.trim();
        if size == "builtin" {
            measure("built-in", None, &mut rows);
        } else if let Ok(n) = size.parse::<usize>() {
            let label = match n {
                n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
                n if n >= 1000 && n % 1000 == 0 => format!("{}k", n / 1000),
                n => n.to_string(),
            };
            measure(&label, Some(dataset(n)), &mut rows);
        }
        eprintln!("measured {size}");
    }
    if let Ok(n) = std::env::var("NGO_ATLAS_BENCH_SHAPES")
        .unwrap_or_else(|_| "50000".into())
        .parse::<usize>()
        && n > 0
    {
        shapes(n, &mut rows);
    }
    let report = format!(
        "{}\n\nLoad average before: {before}; after: {}. {} cores. Terminal {}×{}.\n",
        rows.join("\n"),
        load(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        SIZE.0,
        SIZE.1
    );
    println!("{report}");
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pty-bench.md");
    let _ = std::fs::write(out, &report);
}
