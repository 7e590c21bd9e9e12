//! Paths between records, checked against a plain breadth-first search over the exported data:
//! every chain is a real chain of links, no shorter chain exists, the chains are the best of
//! all the shortest ones by the ranking rule, and places and sources are steps only when asked.

use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load;
use ngo_atlas::query::graph::Graph;
use ngo_atlas::query::graph::path::{PathError, PathOptions, Progress, shortest_chains};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::AtomicBool;

use crate::oracle;
use oracle::Oracle;

fn export_json(index: &Index) -> Vec<u8> {
    let mut out = Vec::new();
    ngo_atlas::query::export::json(index, &mut out).unwrap();
    out
}

fn never() -> AtomicBool {
    AtomicBool::new(false)
}

/// Compares the library with the oracle on the given pairs; returns how many had a chain.
fn check_pairs(index: &Index, pairs: &[(usize, usize)], options: &PathOptions) -> usize {
    let graph = Graph::new(index).unwrap();
    let oracle = Oracle::from_export(&export_json(index));
    // Record indices of the library to the oracle's, by id.
    let to_oracle: Vec<usize> = {
        let at: HashMap<&str, usize> = oracle
            .ids
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i))
            .collect();
        index.records.iter().map(|r| at[r.id().as_str()]).collect()
    };
    let mut found = 0;
    for &(a, b) in pairs {
        let (s, t) = (to_oracle[a], to_oracle[b]);
        let got = shortest_chains(&graph, a, b, options, &never(), &mut |_| {});
        let all = oracle.all_shortest(s, t, options, 20_000);
        let d = oracle.bfs(s, (s, t), options)[t];
        match got {
            Err(PathError::NoChain { .. }) => {
                assert!(
                    d == usize::MAX || d > options.max_hops,
                    "{} to {}: the oracle finds a chain of {d}",
                    oracle.ids[s],
                    oracle.ids[t]
                );
            }
            Err(e) => panic!("{e:?}"),
            Ok(chains) => {
                found += 1;
                assert!(!chains.is_empty());
                let mut seen = BTreeSet::new();
                for c in &chains {
                    let c: Vec<usize> = c.records.iter().map(|&r| to_oracle[r]).collect();
                    assert_eq!((c[0], *c.last().unwrap()), (s, t));
                    assert_eq!(
                        c.len() - 1,
                        d,
                        "no shorter chain exists, and this one is shortest"
                    );
                    for w in c.windows(2) {
                        assert!(
                            oracle.neighbours(w[0]).any(|v| v == w[1]),
                            "{} and {} are linked",
                            oracle.ids[w[0]],
                            oracle.ids[w[1]]
                        );
                    }
                    for &v in &c[1..c.len() - 1] {
                        assert!(
                            oracle.passable(v, (s, t), options),
                            "{} is not a step",
                            oracle.ids[v]
                        );
                    }
                    assert!(seen.insert(c.clone()), "chains are distinct");
                }
                let costs: Vec<Vec<u32>> = chains
                    .iter()
                    .map(|c| {
                        oracle.cost(&c.records.iter().map(|&r| to_oracle[r]).collect::<Vec<_>>())
                    })
                    .collect();
                assert!(
                    costs.windows(2).all(|w| w[0] <= w[1]),
                    "ranked best first: {costs:?}"
                );
                if let Some(all) = all {
                    let mut best: Vec<Vec<u32>> = all.iter().map(|c| oracle.cost(c)).collect();
                    best.sort();
                    best.truncate(options.limit);
                    assert_eq!(
                        costs,
                        best,
                        "{} to {}: the best of {} shortest chains",
                        oracle.ids[s],
                        oracle.ids[t],
                        all.len()
                    );
                }
            }
        }
    }
    found
}

/// Pairs spread over the dataset, reproducibly.
fn pairs(n: usize, count: usize, seed: u64) -> Vec<(usize, usize)> {
    let mut x = seed;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    (0..count)
        .map(|_| (next(), next()))
        .filter(|(a, b)| a != b)
        .collect()
}

#[test]
fn built_in_chains_are_real_shortest_and_best_ranked() {
    let index = Index::new(load::load_builtin().unwrap());
    let n = index.len();
    let all_pairs: Vec<(usize, usize)> = (0..n)
        .flat_map(|a| (0..n).map(move |b| (a, b)))
        .filter(|(a, b)| a != b)
        .step_by(7)
        .collect();
    for options in [
        PathOptions {
            max_hops: 64,
            limit: 5,
            ..PathOptions::default()
        },
        PathOptions {
            max_hops: 64,
            limit: 3,
            via_places: true,
            via_sources: false,
        },
        PathOptions {
            max_hops: 4,
            limit: 2,
            via_places: true,
            via_sources: true,
        },
    ] {
        let found = check_pairs(&index, &all_pairs, &options);
        assert!(
            found > all_pairs.len() / 4,
            "most pairs are joined: {found} of {}",
            all_pairs.len()
        );
    }
}

#[test]
fn synthetic_chains_are_real_shortest_and_best_ranked() {
    for seed in [1, 2] {
        let dataset = load::load_files(&ngo_atlas::synth::generate(3_000, seed)).unwrap();
        let index = Index::new(dataset);
        let n = index.len();
        for options in [
            PathOptions {
                max_hops: 64,
                limit: 5,
                ..PathOptions::default()
            },
            PathOptions {
                max_hops: 5,
                limit: 4,
                via_places: true,
                via_sources: true,
            },
        ] {
            let found = check_pairs(&index, &pairs(n, 150, seed * 7919), &options);
            assert!(found > 0);
        }
    }
}

/// A tiny dataset: two organizations joined through a hub network (many members) and through a
/// small event, both in one province, both quoted by one article.
fn small_world() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let q = "  sources:\n    - {source: art, quote: \"q\"}\n";
    let mut orgs = String::new();
    let members: Vec<String> = (0..30).map(|i| format!("m{i}")).collect();
    orgs.push_str(&format!(
        "- id: hub\n  name: Hub Network\n  summary: s\n  members: [a, b, {}]\n{q}",
        members.join(", ")
    ));
    for id in ["a", "b"].iter().map(|s| s.to_string()).chain(members) {
        orgs.push_str(&format!(
            "- id: {id}\n  name: Org {id}\n  summary: s\n  based_in: province\n{q}"
        ));
    }
    orgs.push_str(&format!(
        "- id: lone-1\n  name: Lone One\n  summary: s\n  based_in: province\n{q}"
    ));
    orgs.push_str(&format!(
        "- id: lone-2\n  name: Lone Two\n  summary: s\n  based_in: province\n{q}"
    ));
    let files = [
        (
            "sources.yaml",
            "- id: art\n  name: The Article\n  summary: s\n  language: en\n".to_string(),
        ),
        ("organizations.yaml", orgs),
        (
            "events.yaml",
            format!(
                "- id: meeting\n  name: Small Meeting\n  summary: s\n  participants: [a, b]\n{q}"
            ),
        ),
        (
            "places.yaml",
            format!("- id: province\n  name: The Province\n  summary: s\n{q}"),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = crate::common::ngo_atlas().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_chain_through_a_small_event_ranks_above_one_through_a_hub() {
    let dir = small_world();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["path", "--data", d, "a", "b", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let through: Vec<&str> = v["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["records"][1]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        through,
        ["meeting", "hub"],
        "the meeting (2 links) before the hub (32)"
    );
    assert_eq!(v["chains"][1]["records"][1]["links"], 32);
    let (code, out, _) = run(&["path", "--data", d, "a", "b", "--limit", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains("Org a —Took part in→ Small Meeting"), "{out}");
    assert!(out.contains("Small Meeting —Participants→ Org b"), "{out}");
    assert!(out.contains("\"q\" (The Article)"), "{out}");
    assert!(!out.contains("Hub Network"), "{out}");
}

#[test]
fn places_and_sources_are_steps_only_when_asked() {
    let dir = small_world();
    let d = dir.path().to_str().unwrap();
    let (code, _, err) = run(&["path", "--data", d, "lone-1", "lone-2"]);
    assert_eq!(code, 1, "sharing a province is not a chain by default");
    assert!(
        err.contains("no chain of at most 6 links") && err.contains("--via-places"),
        "{err}"
    );
    let (code, out, _) = run(&[
        "path",
        "--data",
        d,
        "lone-1",
        "lone-2",
        "--via-places",
        "--json",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["chains"][0]["records"][1]["id"], "province");
    assert_eq!(v["chains"].as_array().unwrap().len(), 1);
    let (code, out, _) = run(&[
        "path",
        "--data",
        d,
        "lone-1",
        "lone-2",
        "--via-sources",
        "--json",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["chains"][0]["records"][1]["id"], "art");
    assert_eq!(v["chains"][0]["hops"][0]["links"][0]["relation"], "Sources");
    assert_eq!(v["chains"][0]["hops"][0]["links"][0]["quote"], "q");
    // A place may always be an end.
    let (code, out, _) = run(&["path", "--data", d, "lone-1", "province", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["length"], 1);
}

#[test]
fn unknown_records_exit_2_with_suggestions_and_names_work_as_ids() {
    let (code, _, err) = run(&["path", "tan-weipin", "cambodia"]);
    assert_eq!(code, 2);
    assert!(err.contains("tan-weiping"), "{err}");
    let (code, by_name, err) = run(&["path", "Tan Weiping", "Cambodia"]);
    assert_eq!(code, 0, "{err}");
    let (_, by_id, _) = run(&["path", "tan-weiping", "cambodia"]);
    assert_eq!(by_name, by_id);
    let (code, _, err) = run(&["path", "tan-weiping", "tan-weiping"]);
    assert_eq!(code, 2);
    assert!(err.contains("same record"), "{err}");
}

#[test]
fn every_printed_hop_is_a_link_with_its_quote_and_source() {
    let index = Index::new(load::load_builtin().unwrap());
    let (code, out, err) = run(&[
        "path",
        "ministry-of-civil-affairs",
        "cambodia",
        "--json",
        "--limit",
        "3",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    for chain in v["chains"].as_array().unwrap() {
        for hop in chain["hops"].as_array().unwrap() {
            for link in hop["links"].as_array().unwrap() {
                let holder = index.record(index.get(link["held_by"].as_str().unwrap()).unwrap());
                let other = if link["held_by"] == hop["from"] {
                    &hop["to"]
                } else {
                    &hop["from"]
                };
                assert!(
                    holder
                        .links()
                        .iter()
                        .any(|l| l.target.as_str() == other && l.relation.field() == link["field"]),
                    "{holder:?} holds a {} link to {other}",
                    link["field"]
                );
                let quote = link["quote"].as_str().unwrap();
                let source = link["source"]["id"].as_str().unwrap();
                let quoted_by_an_end = [&hop["from"], &hop["to"]].iter().any(|id| {
                    index
                        .record(index.get(id.as_str().unwrap()).unwrap())
                        .sources()
                        .iter()
                        .any(|s| s.quote == quote && s.source.as_str() == source)
                });
                assert!(quoted_by_an_end, "the quote is one of the two records' own");
            }
        }
    }
}

#[test]
fn hops_cite_the_source_by_the_short_name_that_search_shows() {
    let index = Index::new(load::load_builtin().unwrap());
    let (code, out, err) = run(&["path", "tan-weiping", "cambodia"]);
    assert_eq!(code, 0, "{err}");
    // An outlet and a year; an article without an outlet by the first words of its title.
    assert!(out.contains("(China Daily 2019)"), "{out}");
    assert!(out.contains("(China’s NGOs contribute… 2020)"), "{out}");
    assert!(!out.contains("China Daily (2019): NGOs"), "{out}");
    let (code, out, err) = run(&["path", "tan-weiping", "cambodia", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let mut seen = BTreeSet::new();
    for chain in v["chains"].as_array().unwrap() {
        for hop in chain["hops"].as_array().unwrap() {
            for link in hop["links"].as_array().unwrap() {
                // The full record stays where it was; the short name is beside it.
                let id = link["source"]["id"].as_str().unwrap();
                let source = index.record(index.get(id).unwrap());
                assert_eq!(link["source"]["name"], source.name());
                let short = link["source_name"].as_str().unwrap();
                assert_eq!(short, ngo_atlas::query::search::source_label(source));
                seen.insert(short.to_string());
            }
        }
    }
    assert!(seen.contains("China Daily 2019"), "{seen:?}");
}

#[test]
fn a_search_can_be_cancelled_and_reports_progress() {
    let index = Index::new(load::load_files(&ngo_atlas::synth::generate(5_000, 3)).unwrap());
    let graph = Graph::new(&index).unwrap();
    let cancel = AtomicBool::new(true);
    let options = PathOptions {
        max_hops: 64,
        ..PathOptions::default()
    };
    let got = shortest_chains(&graph, 0, index.len() - 1, &options, &cancel, &mut |_| {});
    assert_eq!(got, Err(PathError::Cancelled));
    let mut reports: Vec<Progress> = Vec::new();
    let _ = shortest_chains(&graph, 0, index.len() - 1, &options, &never(), &mut |p| {
        reports.push(p)
    });
    assert!(!reports.is_empty());
    assert!(
        reports
            .windows(2)
            .all(|w| w[0].hops_searched < w[1].hops_searched && w[0].visited <= w[1].visited)
    );
}
