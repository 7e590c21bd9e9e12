//! The search at scale, as the explorer's worker runs it: how long the searcher takes to build
//! and how much memory it adds, then each key of some typed queries (narrowing from the key
//! before, as in the search box) and each query typed at once.
//!
//!   cargo bench --bench search_scale -- DIR            # shared index (the default)
//!   cargo bench --bench search_scale -- DIR --copied   # Searcher::new: copies texts
//!   cargo bench --bench search_scale -- DIR --keys -- 'li wei'  # and each key's time
//!
//! Wall times on a shared machine swing with its load; CPU time (all threads) does not, and is
//! what one core would need. Both are printed, with the load average.

mod common;

use common::cpu;
use ngo_atlas::data::index::Index;
use ngo_atlas::query::search::{Query, Searcher};
use std::sync::Arc;
use std::time::{Duration, Instant};

const QUERIES: [&str; 14] = [
    "yunnan",
    "li wei",
    "water foundation",
    "基金会",
    "guizhou health",
    "foundtion",
    "zzzq",
    "a",
    "brotherhood",
    "quote: poverty reduction",
    "stuckleberger",
    "irreplace",
    "org: green water",
    "people development",
];

/// (resident, peak) memory of this process in MB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
            / 1024
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (wall, cpu0) = (Instant::now(), cpu());
    let out = f();
    (out, wall.elapsed(), cpu() - cpu0)
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo bench` adds `--bench`; run with every other benchmark, without a directory, it
    // says how to use it and skips.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!(
            "search_scale: skipped; usage: cargo bench --bench search_scale -- DIR [--copied] [--keys] [-- QUERY...]"
        );
        return;
    };
    let copied = args.iter().any(|a| a == "--copied");
    let every_key = args.iter().any(|a| a == "--keys");
    let queries: Vec<String> = match args.iter().position(|a| a == "--") {
        Some(i) => args[i + 1..].to_vec(),
        None => QUERIES.iter().map(|q| q.to_string()).collect(),
    };
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let (dataset, wall, _) = timed(|| ngo_atlas::ingest::load::load_dir(std::path::Path::new(dir)));
    let Ok(dataset) = dataset else {
        eprintln!("{dir} does not load: run `ngo-atlas check --data {dir}`");
        std::process::exit(1);
    };
    let index = Arc::new(Index::new(dataset));
    let (before, _) = memory();
    println!(
        "{} records loaded and indexed in {} ms; {before} MB resident",
        index.len(),
        ms(wall)
    );
    let (searcher, wall, cpu) = timed(|| {
        if copied {
            Searcher::new(&index)
        } else {
            Searcher::shared(Arc::clone(&index))
        }
    });
    let (after, peak) = memory();
    println!(
        "searcher ({}) built in {} ms wall, {} ms CPU; +{} MB resident ({after} MB, peak {peak} MB)",
        if copied { "copied" } else { "shared" },
        ms(wall),
        ms(cpu),
        after.saturating_sub(before)
    );
    println!();
    println!(
        "| query | matches | typed key by key: median / worst wall (CPU) ms | typed at once: wall (CPU) ms |"
    );
    println!("|---|---|---|---|");
    for q in &queries {
        searcher.forget();
        let mut keys: Vec<(Duration, Duration)> = Vec::new();
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let (found, wall, cpu) = timed(|| searcher.find(&Query::parse(&typed), 500));
            if every_key {
                println!(
                    "  `{typed}`: {} ms ({} ms CPU), {} of {} scanned match",
                    ms(wall),
                    ms(cpu),
                    found.total,
                    found.scanned
                );
            }
            keys.push((wall, cpu));
        }
        searcher.forget();
        let (found, wall, cpu) = timed(|| searcher.find(&Query::parse(q), 500));
        let mut sorted = keys.clone();
        sorted.sort();
        let median = sorted[sorted.len() / 2];
        let worst = sorted.last().copied().unwrap_or_default();
        let worst_cpu = keys.iter().map(|k| k.1).max().unwrap_or_default();
        println!(
            "| `{q}` | {} | {} / {} ({} / {}) | {} ({}) |",
            found.total,
            ms(median.0),
            ms(worst.0),
            ms(median.1),
            ms(worst_cpu),
            ms(wall),
            ms(cpu)
        );
    }
}
