//! Citing at scale, on synthetic datasets (see `ngo-atlas gen-synthetic`): a bibliography of
//! every source in each style, and the bibliography of a collection holding every record (what
//! copying a huge collection of marks costs: ids to records to sources, deduplicated).
//!
//!     cargo bench --bench cite                                   # 100k and 1M records
//!     NGO_ATLAS_BENCH_SIZES=100000 cargo bench --bench cite      # fewer sizes
//!
//! Prints a table of median wall and CPU time over five runs; CPU time is what a machine shared
//! with other work does not inflate. The synthetic outlets repeat, so keys collide by the
//! hundred and the unique-key pass does real work.

mod common;

use common::median;
use criterion::{Criterion, criterion_group, criterion_main};
use ngo_atlas::data::index::Index;
use ngo_atlas::data::model::Source;
use ngo_atlas::data::record::Record;
use ngo_atlas::query::cite::{Style, bibliography, for_ids};
use std::hint::black_box;

fn sizes() -> Vec<usize> {
    std::env::var("NGO_ATLAS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
}

fn bench(c: &mut Criterion) {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut report = vec![
        format!(
            "load average at start: {}",
            load.split(' ').next().unwrap_or("?")
        ),
        "| records | sources | operation | median wall | median CPU |".to_string(),
        "|---|---|---|---|---|".to_string(),
    ];
    for n in sizes() {
        let files = ngo_atlas::synth::generate(n, 1);
        let index = Index::new(ngo_atlas::ingest::load::load_files(&files).expect("valid"));
        drop(files);
        let sources: Vec<&Source> = index
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Source(s) => Some(s),
                _ => None,
            })
            .collect();
        let ids: Vec<&str> = index.records.iter().map(|r| r.id().as_str()).collect();
        for style in Style::ALL {
            let (wall, cpu) = median(|| {
                black_box(bibliography(&sources, style));
            });
            report.push(format!(
                "| {n} | {} | bibliography of every source, {} | {wall:.1} ms | {cpu:.1} ms |",
                sources.len(),
                style.name()
            ));
        }
        let (wall, cpu) = median(|| {
            black_box(for_ids(&index, ids.iter().copied(), Style::Apa));
        });
        report.push(format!(
            "| {n} | {} | for_ids of every record, apa | {wall:.1} ms | {cpu:.1} ms |",
            sources.len()
        ));
        let mut g = c.benchmark_group(format!("cite/{n}"));
        g.sample_size(10);
        g.bench_function("bibliography apa", |b| {
            b.iter(|| black_box(bibliography(&sources, Style::Apa)))
        });
        g.finish();
    }
    println!("\n{}\n", report.join("\n"));
}

criterion_group!(benches, bench);
criterion_main!(benches);
