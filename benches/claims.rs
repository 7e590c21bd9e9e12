//! The curator's checks at scale: `check --claims` on the built-in data and on synthetic datasets
//! (`ngo-atlas gen-synthetic`, seed 5), and `check --articles` on a 15 MB article with 100 quotes
//! that are not in it (issue 26: 118 s before its work was bounded).
//!
//!     cargo bench --bench claims                                  # built-in, 100k
//!     NGO_ATLAS_BENCH_SIZES=10000,1000000 cargo bench --bench claims
//!
//! Each case prints the median of five runs, wall and CPU time; the lint alone is timed (the
//! dataset is loaded and indexed before). Synthetic records are random text, so most of their
//! sentences are warnings, and each warning is located in the files: a harder case than real data.

mod common;

use common::median;
use criterion::{Criterion, criterion_group, criterion_main};
use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::articles::{self, Budget};
use ngo_atlas::ingest::load::{self, DataFile};
use std::hint::black_box;

fn sizes() -> Vec<usize> {
    std::env::var("NGO_ATLAS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000])
}

fn lint(c: &mut Criterion) {
    let index = Index::new(load::load_builtin().expect("the built-in data loads"));
    let (wall, cpu) = median(|| {
        black_box(articles::claims::check(&index, &load::builtin_files, None));
    });
    println!("| built-in (183 records) | check --claims | {wall:.2} ms | {cpu:.2} ms |");
    c.bench_function("claims/builtin", |b| {
        b.iter(|| articles::claims::check(&index, &load::builtin_files, None))
    });
    for n in sizes() {
        let files: Vec<DataFile> = ngo_atlas::synth::generate(n, 5);
        let index = Index::new(load::load_files(&files).expect("synthetic data loads"));
        let read = || files.clone();
        let mut warnings = 0;
        let (wall, cpu) = median(|| {
            warnings = black_box(articles::claims::check(&index, &read, None))
                .claims
                .len();
        });
        println!(
            "| {n} synthetic records | check --claims ({warnings} warnings) | {:.2} s | {:.2} s |",
            wall / 1e3,
            cpu / 1e3
        );
    }
}

/// A 15 MB article and 100 organizations quoting it with words it does not hold.
fn long_article() -> (tempfile::TempDir, Vec<DataFile>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let words = [
        "the",
        "of",
        "poverty",
        "social",
        "organizations",
        "rural",
        "village",
        "county",
        "project",
        "foundation",
        "network",
        "reduction",
        "alleviation",
        "people",
    ];
    let mut text = String::with_capacity(15_100_000);
    let mut x: u64 = 5;
    while text.len() < 15_000_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        text.push_str(words[(x % words.len() as u64) as usize]);
        text.push_str(if x.is_multiple_of(13) { ". " } else { " " });
    }
    std::fs::write(dir.path().join("big.txt"), text).expect("write the article");
    let sources =
        "- id: src-big\n  name: Big\n  summary: s\n  language: en\n  text_file: big.txt\n";
    let orgs: String = (0..100)
        .map(|i| {
            format!(
                "- id: org-{i}\n  name: Org {i}\n  summary: s\n  sources:\n    - source: src-big\n      quote: \"Zebra quokka {i} narwhal xylophone vuvuzela umbrella tortoise\"\n"
            )
        })
        .collect();
    let files = vec![
        DataFile {
            name: "sources.yaml".into(),
            text: sources.into(),
        },
        DataFile {
            name: "organizations.yaml".into(),
            text: orgs,
        },
    ];
    (dir, files)
}

fn quotes(c: &mut Criterion) {
    let (dir, files) = long_article();
    let data = load::load_files(&files).expect("the fixture loads");
    let read = || files.clone();
    let mut searches = 0;
    let (wall, cpu) = median(|| {
        let mut budget = Budget::default();
        black_box(articles::check_within(
            &data.records,
            &read,
            dir.path(),
            &mut budget,
        ));
        searches = budget.searches;
    });
    println!(
        "| 15 MB article, 100 quotes not in it | check --articles ({searches} closest passages searched) | {:.2} s | {:.2} s |",
        wall / 1e3,
        cpu / 1e3
    );
    let mut group = c.benchmark_group("articles");
    group.sample_size(10);
    group.bench_function("long-article", |b| {
        b.iter(|| articles::check(&data.records, &read, dir.path()))
    });
    group.finish();
}

criterion_group!(benches, lint, quotes);
criterion_main!(benches);
