//! The link graph and the exports at scale, on synthetic datasets (`ngo-atlas gen-synthetic`):
//! building the adjacency, path queries, neighbourhoods, and each export format written to a
//! sink (the writers alone, without loading).
//!
//!     cargo bench --bench graph                                  # 100k and 1M
//!     NGO_ATLAS_BENCH_SIZES=10000 cargo bench --bench graph      # other sizes
//!
//! Besides criterion's report, each size prints a table (median and worst, wall and CPU time)
//! over many queries, and the adjacency's size in memory.
//!
//! Synthetic datasets have no big hubs of their own, so each gets one: a network organization
//! whose members are a third of all organizations (117k at a million records). Chains through
//! it and its neighbourhood are the expensive cases.

mod common;

use common::cpu;
use criterion::{Criterion, criterion_group, criterion_main};
use ngo_atlas::data::index::Index;
use ngo_atlas::data::model::Kind;
use ngo_atlas::ingest::load;
use ngo_atlas::query::graph::Graph;
use ngo_atlas::query::graph::neighbourhood::{NeighbourhoodOptions, neighbourhood};
use ngo_atlas::query::graph::path::{PathOptions, shortest_chains};
use std::collections::VecDeque;
use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

fn sizes() -> Vec<usize> {
    std::env::var("NGO_ATLAS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
}

fn label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, Duration) {
    let (wall, cpu0) = (Instant::now(), cpu());
    black_box(f());
    (wall.elapsed(), cpu() - cpu0)
}

fn row(n: usize, what: &str, mut times: Vec<(Duration, Duration)>) -> String {
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1e3);
    let mut cpus: Vec<Duration> = times.iter().map(|t| t.1).collect();
    times.sort();
    cpus.sort();
    format!(
        "| {} | {what} ({} runs) | {} | {} | {} | {} |",
        label(n),
        times.len(),
        ms(times[times.len() / 2].0),
        ms(times[times.len() - 1].0),
        ms(cpus[cpus.len() / 2]),
        ms(cpus[cpus.len() - 1])
    )
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Reproducible record numbers.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// A record that is neither a place nor a source: what people ask paths between.
    fn actor(&mut self, graph: &Graph) -> usize {
        loop {
            let i = self.below(graph.len());
            if !matches!(graph.kind(i), Kind::Place | Kind::Source) {
                return i;
            }
        }
    }
}

/// Records at each distance from `start`, places and sources not crossed (the default rule).
fn rings(graph: &Graph, start: usize) -> Vec<Vec<usize>> {
    let mut dist = vec![u32::MAX; graph.len()];
    dist[start] = 0;
    let mut rings = vec![vec![start]];
    let mut queue = VecDeque::from([start]);
    while let Some(u) = queue.pop_front() {
        if u != start && matches!(graph.kind(u), Kind::Place | Kind::Source) {
            continue;
        }
        for (v, _) in graph.neighbours(u) {
            if dist[v] == u32::MAX {
                dist[v] = dist[u] + 1;
                let d = dist[v] as usize;
                if rings.len() <= d {
                    rings.push(Vec::new());
                }
                rings[d].push(v);
                queue.push_back(v);
            }
        }
    }
    rings
}

/// One organization with a third of all organizations as members (ids as `gen-synthetic`
/// writes them: `org-0`, `org-1`...).
fn add_hub(files: &mut [load::DataFile], n: usize) {
    let orgs = n * 35 / 100;
    let members: Vec<String> = (0..orgs).step_by(3).map(|i| format!("org-{i}")).collect();
    if let Some(f) = files.iter_mut().find(|f| f.name == "organizations.yaml") {
        f.text.push_str(&format!(
            "- id: bench-hub\n  name: Bench Hub Network\n  summary: A hub.\n  type: network\n  members: [{}]\n  sources:\n    - {{source: src-0, quote: \"q\"}}\n",
            members.join(", ")
        ));
    }
}

fn bench(c: &mut Criterion) {
    let mut report = vec![
        format!("load average at start: {}", load_average()),
        String::new(),
        "| records | operation | median | worst | median CPU | worst CPU |".to_string(),
        "|---|---|---|---|---|---|".to_string(),
    ];
    let mut notes = Vec::new();
    for n in sizes() {
        let mut files = ngo_atlas::synth::generate(n, 1);
        add_hub(&mut files, n);
        let index = Index::new(load::load_files(&files).expect("synthetic data is valid"));
        drop(files);
        let before = rss_kb();
        let built = time(|| Graph::new(&index));
        let graph = Graph::new(&index).expect("fits");
        let after = rss_kb();
        let builds = std::iter::once(built)
            .chain((0..2).map(|_| time(|| Graph::new(&index))))
            .collect();
        report.push(row(n, "build the adjacency", builds));
        notes.push(format!(
            "{}: adjacency {:.1} MB on the heap (resident memory grew {:.1} MB while building)",
            label(n),
            graph.heap_bytes() as f64 / 1e6,
            after.saturating_sub(before) as f64 / 1e3
        ));

        let never = AtomicBool::new(false);
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
        let default = PathOptions::default();
        let far = PathOptions {
            max_hops: 64,
            ..PathOptions::default()
        };
        let places = PathOptions {
            via_places: true,
            ..PathOptions::default()
        };
        // Everything may be a step and nothing is too far: the search can cover the whole graph.
        let everything = PathOptions {
            max_hops: 64,
            via_places: true,
            via_sources: true,
            ..PathOptions::default()
        };
        let query = |a: usize, b: usize, o: &PathOptions| {
            time(|| shortest_chains(&graph, a, b, o, &never, &mut |_| {}))
        };
        let random: Vec<(usize, usize)> = (0..200)
            .map(|_| (rng.actor(&graph), rng.actor(&graph)))
            .collect();
        // Pairs known to be joined, at 3, 6 and the largest distance from a start.
        let mut joined: Vec<(String, Vec<(usize, usize)>)> = vec![
            ("3 links apart".into(), Vec::new()),
            ("6 links apart".into(), Vec::new()),
            ("farthest apart (max-hops 64)".into(), Vec::new()),
        ];
        let mut farthest = 0;
        for _ in 0..2_000 {
            if joined[2].1.len() >= 20 {
                break;
            }
            let s = rng.actor(&graph);
            let r = rings(&graph, s);
            if r.len() < 8 {
                continue;
            }
            for (slot, d) in [(0, 3), (1, 6), (2, r.len() - 1)] {
                let ring = &r[d];
                joined[slot].1.push((s, ring[rng.below(ring.len())]));
            }
            farthest = farthest.max(r.len() - 1);
        }
        notes.push(format!(
            "{}: farthest pair measured {farthest} links apart",
            label(n)
        ));

        let mut g = c.benchmark_group(format!("path/{}", label(n)));
        g.sample_size(20);
        g.bench_function("random pairs, everything a step, max-hops 64", |b| {
            let mut k = 0;
            b.iter(|| {
                k = (k + 1) % random.len();
                let (a, z) = random[k];
                black_box(shortest_chains(
                    &graph,
                    a,
                    z,
                    &everything,
                    &never,
                    &mut |_| {},
                ))
            })
        });
        g.bench_function("random pairs, max-hops 6", |b| {
            let mut k = 0;
            b.iter(|| {
                k = (k + 1) % random.len();
                let (a, z) = random[k];
                black_box(shortest_chains(&graph, a, z, &default, &never, &mut |_| {}))
            })
        });
        if !joined[1].1.is_empty() {
            g.bench_function("6 links apart", |b| {
                let mut k = 0;
                b.iter(|| {
                    k = (k + 1) % joined[1].1.len();
                    let (a, z) = joined[1].1[k];
                    black_box(shortest_chains(&graph, a, z, &default, &never, &mut |_| {}))
                })
            });
        }
        g.finish();
        report.push(row(
            n,
            "path, random pairs, max-hops 6",
            random.iter().map(|&(a, b)| query(a, b, &default)).collect(),
        ));
        report.push(row(
            n,
            "path, random pairs, --via-places",
            random
                .iter()
                .take(50)
                .map(|&(a, b)| query(a, b, &places))
                .collect(),
        ));
        report.push(row(
            n,
            "path, random pairs, --via-places --via-sources --max-hops 64",
            random
                .iter()
                .take(50)
                .map(|&(a, b)| query(a, b, &everything))
                .collect(),
        ));
        // The two records with the most links, as both ends: the widest first steps there are.
        let mut by_links: Vec<usize> = (0..graph.len()).collect();
        by_links.select_nth_unstable_by_key(1, |&i| std::cmp::Reverse(graph.row_len(i)));
        let (h1, h2) = (by_links[0], by_links[1]);
        for (what, o) in [
            ("max-hops 6", &default),
            ("everything a step, max-hops 64", &everything),
        ] {
            report.push(row(
                n,
                &format!("path between the two biggest hubs, {what}"),
                (0..10).map(|_| query(h1, h2, o)).collect(),
            ));
        }
        for (what, pairs) in joined.iter().filter(|j| !j.1.is_empty()) {
            let o = if what.contains("64") { &far } else { &default };
            report.push(row(
                n,
                &format!("path, {what}"),
                pairs.iter().map(|&(a, b)| query(a, b, o)).collect(),
            ));
        }

        let opts = NeighbourhoodOptions::default();
        let hub = (0..graph.len())
            .max_by_key(|&i| graph.row_len(i))
            .unwrap_or(0);
        // The record whose first hop reaches most records without any group collapsing.
        let busy = (0..graph.len())
            .filter(|&i| graph.row_len(i) <= opts.collapse_over)
            .max_by_key(|&i| {
                graph
                    .neighbours(i)
                    .map(|(m, _)| graph.row_len(m).min(opts.collapse_over))
                    .sum::<usize>()
            })
            .unwrap_or(0);
        notes.push(format!(
            "{}: biggest hub has {} links and citations; busiest open tree: {} links below",
            label(n),
            graph.row_len(hub),
            graph
                .neighbours(busy)
                .map(|(m, _)| graph.row_len(m))
                .sum::<usize>()
        ));
        let records: Vec<usize> = (0..200).map(|_| rng.below(graph.len())).collect();
        let mut g = c.benchmark_group(format!("neighbourhood/{}", label(n)));
        g.bench_function("random record", |b| {
            let mut k = 0;
            b.iter(|| {
                k = (k + 1) % records.len();
                black_box(neighbourhood(&graph, records[k], &opts))
            })
        });
        g.bench_function("biggest hub", |b| {
            b.iter(|| black_box(neighbourhood(&graph, hub, &opts)))
        });
        g.bench_function("busiest open tree", |b| {
            b.iter(|| black_box(neighbourhood(&graph, busy, &opts)))
        });
        g.finish();
        report.push(row(
            n,
            "neighbourhood, random records",
            records
                .iter()
                .map(|&r| time(|| neighbourhood(&graph, r, &opts)))
                .collect(),
        ));
        for (what, r) in [("biggest hub", hub), ("busiest open tree", busy)] {
            report.push(row(
                n,
                &format!("neighbourhood, {what}"),
                (0..20)
                    .map(|_| time(|| neighbourhood(&graph, r, &opts)))
                    .collect(),
            ));
        }

        for format in ["json", "yaml", "csv", "graphml", "gexf"] {
            let write = || -> usize {
                let sink = std::io::sink();
                match format {
                    "json" => ngo_atlas::query::export::json(&index, sink).unwrap_or(0),
                    "yaml" => ngo_atlas::query::export::yaml(&index, sink).unwrap_or(0),
                    "csv" => Kind::ALL
                        .iter()
                        .map(|&k| {
                            ngo_atlas::query::export::csv::write_kind(
                                &index,
                                k,
                                std::io::sink(),
                                Default::default(),
                            )
                            .unwrap_or(0)
                        })
                        .sum(),
                    "graphml" => ngo_atlas::query::export::graphml::write(&index, sink)
                        .map_or(0, |c| c.nodes),
                    _ => ngo_atlas::query::export::gexf::write(&index, sink).map_or(0, |c| c.nodes),
                }
            };
            report.push(row(
                n,
                &format!("export {format} (writer only)"),
                (0..2).map(|_| time(write)).collect(),
            ));
        }
    }
    report.push(String::new());
    report.extend(notes);
    report.push(format!("load average at end: {}", load_average()));
    println!("\n{}\n", report.join("\n"));
}

criterion_group!(benches, bench);
criterion_main!(benches);
