//! Performance at scale, on synthetic datasets of the real schema (see `ngo-atlas
//! gen-synthetic`): load + validate + index, one query, typing a query one key at a time, and
//! drawing one frame of each view.
//!
//!     CARGO_TARGET_DIR=... cargo bench --bench perf                 # 10k, 100k and 1M
//!     NGO_ATLAS_BENCH_SIZES=10000,100000 cargo bench --bench perf   # fewer sizes
//!
//! Besides criterion's report, each size prints a table of the time per keystroke (median and
//! worst over every key of every typed query, repeated), which criterion cannot express. Peak
//! memory is measured on the whole process by `benches/compare-fzf.sh` (`/usr/bin/time -v`).

mod common;

use common::{cpu, thread_cpu};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load::{self, DataFile};
use ngo_atlas::prefs::keymap::Action;
use ngo_atlas::query::search::{Query, Searcher};
use ngo_atlas::tui::app::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Queries a user of a national register might type: names, two words, CJK, a kind prefix, a
/// single letter, a typo'd word and a word that matches nothing.
const QUERIES: [&str; 8] = [
    "yunnan",
    "li wei",
    "water foundation",
    "基金会",
    "org:guizhou health",
    "a",
    "foundtion",
    "zzzq",
];

/// Typed one key at a time.
const TYPED: [&str; 4] = [
    "yunnan water foundation",
    "zhang xiaoming",
    "2019 hunan forum",
    "org:sichuan elderly",
];

fn sizes() -> Vec<usize> {
    std::env::var("NGO_ATLAS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

fn label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

fn load_all(files: &[DataFile]) -> App {
    let dataset = load::load_files(files).expect("synthetic data is valid");
    App::new(Index::new(dataset), Options::default())
}

/// Wall and CPU time of one run of `f`.
fn time<T>(f: impl FnOnce() -> T) -> (Duration, Duration) {
    let (wall, cpu0) = (Instant::now(), cpu());
    black_box(f());
    (wall.elapsed(), cpu() - cpu0)
}

/// A report row: median and worst wall time, median and worst CPU time.
fn row(n: usize, what: &str, mut times: Vec<(Duration, Duration)>) -> String {
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
    let mut cpus: Vec<Duration> = times.iter().map(|t| t.1).collect();
    times.sort();
    cpus.sort();
    format!(
        "| {} | {what} | {} | {} | {} | {} |",
        label(n),
        ms(times[times.len() / 2].0),
        ms(times[times.len() - 1].0),
        ms(cpus[cpus.len() / 2]),
        ms(cpus[cpus.len() - 1])
    )
}

/// Types `text` into a fresh search one key at a time; the time of each keystroke's results.
fn type_query(searcher: &Searcher, text: &str) -> Vec<(Duration, Duration)> {
    searcher.forget();
    (1..=text.chars().count())
        .map(|n| {
            let typed: String = text.chars().take(n).collect();
            time(|| searcher.find(&Query::parse(&typed), 500))
        })
        .collect()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn bench(c: &mut Criterion) {
    let mut report = vec![
        format!("load average at start: {}", load_average()),
        String::new(),
        "| records | operation | median | worst | median CPU | worst CPU |".to_string(),
        "|---|---|---|---|---|---|".to_string(),
    ];
    for n in sizes() {
        let files = ngo_atlas::synth::generate(n, 1);
        let big = n >= 1_000_000;

        let mut g = c.benchmark_group(format!("load/{}", label(n)));
        g.sample_size(10);
        if big {
            g.sampling_mode(criterion::SamplingMode::Flat);
            g.measurement_time(Duration::from_secs(60));
        }
        g.bench_function("load+validate+index", |b| {
            b.iter(|| black_box(load_all(&files)))
        });
        g.finish();
        let loads = (0..3).map(|_| time(|| load_all(&files))).collect();
        report.push(row(n, "load + validate + index", loads));

        let mut app = load_all(&files);
        drop(files);
        let searcher = app.searching().expect("App::new builds its searcher");
        let mut g = c.benchmark_group(format!("search/{}", label(n)));
        g.sample_size(10);
        for q in QUERIES {
            let query = Query::parse(q);
            g.bench_with_input(BenchmarkId::from_parameter(q), &query, |b, query| {
                b.iter(|| {
                    // From scratch each time: no earlier scan to narrow from.
                    searcher.forget();
                    black_box(searcher.find(query, 500))
                })
            });
            let times = (0..5)
                .map(|_| {
                    searcher.forget();
                    time(|| searcher.find(&query, 500))
                })
                .collect();
            report.push(row(n, &format!("search `{q}`"), times));
        }
        g.finish();

        let mut g = c.benchmark_group(format!("typing/{}", label(n)));
        g.sample_size(10);
        for text in TYPED {
            g.bench_with_input(BenchmarkId::from_parameter(text), text, |b, text| {
                b.iter(|| type_query(searcher, text))
            });
        }
        g.finish();
        let mut keys = Vec::new();
        let mut slowest = (Duration::ZERO, String::new());
        for _ in 0..3 {
            for text in TYPED {
                let times = type_query(searcher, text);
                for (k, &(_, cpu)) in times.iter().enumerate() {
                    if cpu > slowest.0 {
                        slowest = (cpu, text.chars().take(k + 1).collect());
                    }
                }
                keys.extend(times);
            }
        }
        report.push(row(
            n,
            &format!("search, per keystroke (slowest by CPU: `{}`)", slowest.1),
            keys,
        ));

        // What the interface thread pays for a key while the search runs in the background.
        let index = app.index().clone();
        app.searchable(&index, Searcher::new(&index).background_from(0));
        app.update(Action::Search);
        let mut ui = Vec::new();
        for c in "yunnan water".chars() {
            let (start, cpu0) = (Instant::now(), thread_cpu());
            app.update(Action::Input(c));
            ui.push((start.elapsed(), thread_cpu() - cpu0));
        }
        app.settle();
        report.push(row(
            n,
            "key handled while a search runs (CPU of the interface thread alone)",
            ui,
        ));

        let mut g = c.benchmark_group(format!("render/{}", label(n)));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        app.update(Action::Resize(120, 40));
        let views: [(&str, &[Action]); 6] = [
            ("search", &[]),
            ("browse", &[Action::Close]),
            ("all kinds", &[Action::Tab(0)]),
            ("detail", &[Action::Open]),
            ("help", &[Action::Help]),
            ("history", &[Action::Close, Action::History]),
        ];
        for (view, actions) in views {
            for &a in actions {
                app.update(a);
            }
            g.bench_function(view, |b| {
                b.iter(|| {
                    terminal
                        .draw(|frame| ngo_atlas::tui::ui::render(&app, frame))
                        .map(|_| ())
                        .expect("draw")
                })
            });
            let times = (0..20)
                .map(|_| {
                    time(|| {
                        terminal
                            .draw(|frame| ngo_atlas::tui::ui::render(&app, frame))
                            .is_ok()
                    })
                })
                .collect();
            report.push(row(n, &format!("draw one frame: {view}"), times));
        }
        g.finish();
    }
    report.push(String::new());
    report.push(format!("load average at end: {}", load_average()));
    println!("\n{}\n", report.join("\n"));
}

criterion_group!(benches, bench);
criterion_main!(benches);
