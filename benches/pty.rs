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

#[path = "../tests/it/pty/mod.rs"]
mod pty;

use pty::{BIN, Session};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const SIZE: (u16, u16) = (120, 40);

/// The explorer on `data` (the built-in dataset if none) in a 120×40 terminal.
/// The explorer on `data` (the built-in dataset: `None`), its home and cache in `home`.
fn start(data: Option<&PathBuf>, home: &std::path::Path) -> Session {
    let home = home.to_str().expect("a home folder");
    match data.and_then(|d| d.to_str()) {
        Some(dir) => Session::start(&["--data", dir], &[("HOME", home)], SIZE),
        None => Session::start(&[], &[("HOME", home)], SIZE),
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
        let home = tempfile::tempdir().expect("a home folder");
        let mut t = start(Some(&dir), home.path());
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
/// The filter the benchmark applies, two terms: a place (with the places inside it) and a span
/// of years. The synthetic places nest in a chain from `place-0`, so a place a few links down.
fn filter_query(data: Option<&PathBuf>) -> &'static str {
    match data {
        None => "in:china year:2018..2020",
        Some(_) => "in:place-40 year:2018..2020",
    }
}

/// From exec to the results of a search typed as soon as the lists are on screen (`/water`
/// in one write, as a paste or a fast typist gives it): the searcher is built after the data
/// is browsable, or read beside a snapshot. Closes the search box after.
fn first_results(t: &mut Session) -> Duration {
    t.key_until(b"/water", |screen| {
        screen.contains("water") && screen.contains(" found") && !screen.contains("searching…")
    });
    // key_until returns as soon as the frame with the results is read.
    let at = t.started.elapsed();
    t.key(b"\x1b", Duration::from_millis(60));
    at
}

fn measure(label: &str, data: Option<PathBuf>, rows: &mut Vec<String>) {
    // A home of its own: the first start is cold (no snapshot of the folder yet, and it writes
    // one while the keys are typed), a second start after it warm.
    let home = tempfile::tempdir().expect("a home folder");
    let mut t = start(data.as_ref(), home.path());
    let first = t.until("ngo-atlas");
    let browsable = t.until(" Browsing ");
    let startup_first = first.duration_since(t.started);
    let startup_browsable = browsable.duration_since(t.started);
    let startup_results = first_results(&mut t);
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
    let mut push = |name, d| match by_action.iter_mut().find(|(n, _)| *n == name) {
        Some((_, v)) => v.push(d),
        None => by_action.push((name, vec![d])),
    };
    for &(name, bytes, reps, wait) in plan {
        if name.starts_with("Esc (close search)") {
            // Each letter of a query: to its echo, and to the results of the query so far
            // (the box no longer says "searching…").
            for (i, &c) in b"poverty".iter().enumerate() {
                let typed = String::from_utf8_lossy(&b"poverty"[..=i]).into_owned();
                let (echo, results) = t.key_until(&[c], |screen| {
                    screen.contains(&typed) && !screen.contains("searching…")
                });
                push("typed letter → its echo", echo);
                push("typed letter → the results", results);
                t.settle(typing);
            }
        }
        for _ in 0..reps {
            let d = t.key(bytes, wait);
            push(name, d);
        }
        // The views' data is built in the background the first time: wait for it, as a
        // user reads the "preparing" line, so the keys after measure the view itself.
        if name.contains("(timeline)") || name.contains("(statistics)") || name.contains("(map)") {
            t.settle(Duration::from_millis(1500));
        }
    }
    // A filter of two terms: `|` and the query, then Enter, timed to the filtered rows on
    // screen; then Esc, which clears it.
    t.key(b"|", quiet);
    t.send(filter_query(data.as_ref()));
    t.settle(typing);
    let (_, rows_shown) = t.key_until(b"\r", |screen| screen.contains("Filtered by"));
    push("filter of two terms: Enter → the rows", rows_shown);
    t.settle(quiet);
    push("Esc (clear the filter)", t.key(b"\x1b", quiet));
    // The facets of every row of the tab, counted when `F` is pressed (in the background from
    // 5,000 rows): the panel at once, then its counts.
    let (panel, counts) = t.key_until(b"F", |screen| screen.contains("Kinds"));
    push("`F` (facets of the rows) → the panel", panel);
    push("`F` (facets of the rows) → the counts", counts);
    t.key(b"\x1b", quiet);
    let memory = t.peak_memory();
    t.quit();
    let mut warm = start(data.as_ref(), home.path());
    let warm_browsable = warm.until(" Browsing ").duration_since(warm.started);
    let warm_results = first_results(&mut warm);
    // What a warm session holds: after browsing and a search, and once a view that goes
    // through every record has read them all.
    for _ in 0..20 {
        warm.key(b"j", quiet);
    }
    let warm_memory = warm.peak_memory();
    warm.key_until(b"t", |screen| screen.contains("Timeline ·"));
    let warm_all_memory = warm.peak_memory();
    warm.quit();
    // Any key: to the first byte of its redraw (a letter's results are a row of their own).
    let all: Vec<Duration> = by_action
        .iter()
        .filter(|(n, _)| !n.ends_with("the results") && !n.ends_with("the counts"))
        .flat_map(|(_, v)| v.clone())
        .collect();
    let (med_all, worst_all) = stats(all);
    rows.push(format!(
        "| {label} | exec → first frame | {:.0} ms | | |",
        ms(startup_first)
    ));
    rows.push(format!(
        "| {label} | exec → first browsable frame, cold | {:.0} ms | | |",
        ms(startup_browsable)
    ));
    rows.push(format!(
        "| {label} | exec → first search results, cold | {:.0} ms | | |",
        ms(startup_results)
    ));
    if data.is_some() {
        rows.push(format!(
            "| {label} | exec → first browsable frame, warm (snapshot) | {:.0} ms | | |",
            ms(warm_browsable)
        ));
        rows.push(format!(
            "| {label} | exec → first search results, warm (snapshot) | {:.0} ms | | |",
            ms(warm_results)
        ));
    }
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
    let warm_rows = [
        ("peak memory, cold (every key above)", Some(memory)),
        (
            "peak memory, warm: browsing and a search",
            data.is_some().then_some(warm_memory),
        ),
        (
            "peak memory, warm: and the timeline",
            data.is_some().then_some(warm_all_memory),
        ),
    ];
    for (name, bytes) in warm_rows {
        if let Some(Some(bytes)) = bytes {
            rows.push(format!(
                "| {label} | {name} | {:.0} MB | | |",
                bytes as f64 / 1e6
            ));
        }
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
