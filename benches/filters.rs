//! The query operators at scale (issue 23): a query of filters alone, answered from the
//! lookups built once (`FilterIndex`), as the explorer's filtered view and `ngo-atlas search`
//! ask it. Prints how long the lookups take to build and the memory they add, then criterion's
//! report of each query: the matching records alone (`Searcher::matching`), and the search's
//! best 200 hits with the words of the query (`Searcher::find`, its cache of earlier scans
//! emptied each time, as a fresh query).
//!
//!     cargo bench --bench filters -- --noplot                      # 100k records, generated
//!     NGO_ATLAS_BENCH_DIR=/tmp/atlas-1m cargo bench --bench filters # a gen-synthetic folder
//!
//! Synthetic places nest at random under earlier ones, so `place-10` holds about a tenth of
//! them; `year:` spans 2005–2024; outlets are four (Xinhua one of them).

mod common;

use common::cpu;
use criterion::{Criterion, criterion_group, criterion_main};
use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load;
use ngo_atlas::query::search::{Query, Searcher};
use ngo_atlas::synth;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

const QUERIES: [&str; 6] = [
    "in:place-10 year:2019..2020",
    "kind:org in:place-3",
    "source:xinhua -year:2005..2015",
    "year:2019 has:quote",
    "linked:org-10 -kind:person",
    "in:place-10 year:2019..2020 water",
];

fn rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0);
    kb / 1024
}

fn index() -> Index {
    let dataset = match std::env::var_os("NGO_ATLAS_BENCH_DIR") {
        Some(dir) => load::load_dir(std::path::Path::new(&dir)),
        None => load::load_files(&synth::generate(100_000, 1)),
    };
    Index::new(dataset.expect("the dataset loads"))
}

fn bench(c: &mut Criterion) {
    let index = Arc::new(index());
    let searcher = Searcher::shared(Arc::clone(&index));
    let before = rss_mb();
    let (wall, cpu0) = (Instant::now(), cpu());
    let first = searcher.matching(&Query::parse(QUERIES[0]));
    println!(
        "{} records: lookups built (with the first query) in {:.0} ms wall, {:.0} ms CPU, \
         adding {} MB resident; load average {}",
        index.len(),
        wall.elapsed().as_secs_f64() * 1e3,
        (cpu() - cpu0).as_secs_f64() * 1e3,
        rss_mb().saturating_sub(before),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    assert!(first.is_ok(), "{first:?}");
    let mut group = c.benchmark_group(format!("filters/{}", index.len()));
    group.sample_size(20);
    for q in QUERIES {
        let query = Query::parse(q);
        let n = searcher.matching(&query).map(|m| m.len());
        println!("{q}: {n:?} records");
        group.bench_function(format!("matching {q}"), |b| {
            b.iter(|| black_box(searcher.matching(&query)))
        });
        group.bench_function(format!("find {q}"), |b| {
            b.iter(|| {
                searcher.forget();
                black_box(searcher.find(&query, 200))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
