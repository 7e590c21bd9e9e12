//! The shortest chains of links between two records: a bidirectional breadth-first search over
//! the graph, then the best few of the shortest chains.
//!
//! Rules, as the README states them:
//!
//! * Links are followed either way; citations (a record quoting a source) count as links too.
//! * Places and sources are not intermediates unless asked (`via_places`, `via_sources`):
//!   "both are in China" and "both were in the same article" say little. Either may still be an
//!   end of the chain.
//! * Only chains of the shortest length are returned, at most `limit` of them, each a distinct
//!   sequence of records.
//! * Ranking: a chain whose busiest intermediate record has fewer links ranks first; on a tie,
//!   the next busiest decides, and so on (the intermediates' degrees, sorted from largest,
//!   compared in turn); then dataset order. A hub linked to 77 records says less than an event
//!   with five participants.

use super::Graph;
use crate::data::model::Kind;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathOptions {
    /// Longest chain searched for, in links.
    pub max_hops: usize,
    /// How many chains to return at most.
    pub limit: usize,
    pub via_places: bool,
    pub via_sources: bool,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            max_hops: 6,
            limit: 5,
            via_places: false,
            via_sources: false,
        }
    }
}

/// The longest `max_hops` accepted: distances are kept in a byte.
pub const MAX_HOPS: usize = 64;

/// The most chains one search returns. A person reads a handful (the best come first); the
/// search keeps up to this many partial chains at each record on a shortest chain, so memory
/// grows with it.
pub const MAX_LIMIT: usize = 1_000;

/// A chain of records, `from` first and `to` last; consecutive records are linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    pub records: Vec<usize>,
}

impl Chain {
    pub fn hops(&self) -> usize {
        self.records.len().saturating_sub(1)
    }

    /// The records between the two ends.
    pub fn intermediates(&self) -> &[usize] {
        let n = self.records.len();
        if n <= 2 { &[] } else { &self.records[1..n - 1] }
    }
}

/// How far a search has got, reported after each level and every few thousand records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Chain length ruled out so far: no chain is shorter than this plus one.
    pub hops_searched: usize,
    /// Records reached from either end.
    pub visited: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    /// No chain of at most `max_hops` links.
    NoChain { max_hops: usize },
    /// The cancel flag was raised.
    Cancelled,
    /// The two ends are the same record.
    SameRecord,
}

const UNSEEN: u8 = u8::MAX;
/// How many records a search handles between two looks at the cancel flag.
const CHECK_EVERY: usize = 4096;

/// Breadth-first state of one side.
struct Side {
    dist: Vec<u8>,
    frontier: Vec<u32>,
    depth: usize,
    seen: usize,
}

impl Side {
    fn new(n: usize, start: usize) -> Side {
        let mut dist = vec![UNSEEN; n];
        dist[start] = 0;
        Side {
            dist,
            frontier: vec![start as u32],
            depth: 0,
            seen: 1,
        }
    }
}

/// The best chains from `from` to `to`, best first. `cancel` is read every few thousand records;
/// `progress` is called after each level of the search.
pub fn shortest_chains(
    graph: &Graph,
    from: usize,
    to: usize,
    options: &PathOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Chain>, PathError> {
    if from == to {
        return Err(PathError::SameRecord);
    }
    let max_hops = options.max_hops.min(MAX_HOPS);
    let limit = options.limit.clamp(1, MAX_LIMIT);
    let passable = |v: usize| {
        v == from
            || v == to
            || match graph.kind(v) {
                Kind::Place => options.via_places,
                Kind::Source => options.via_sources,
                _ => true,
            }
    };
    let n = graph.len();
    let mut fwd = Side::new(n, from);
    let mut bwd = Side::new(n, to);
    let mut work = 0usize;
    loop {
        if fwd.depth + bwd.depth >= max_hops || fwd.frontier.is_empty() || bwd.frontier.is_empty() {
            return Err(PathError::NoChain { max_hops });
        }
        // Grow the side whose next level costs less: the one with fewer links to walk.
        let cost =
            |s: &Side| -> usize { s.frontier.iter().map(|&u| graph.row_len(u as usize)).sum() };
        let forward = cost(&fwd) <= cost(&bwd);
        let (side, other) = if forward {
            (&mut fwd, &bwd)
        } else {
            (&mut bwd, &fwd)
        };
        let next_depth = side.depth + 1;
        let mut next = Vec::new();
        let mut meet = Vec::new();
        for &u in &side.frontier {
            work += 1;
            if work.is_multiple_of(CHECK_EVERY) && cancel.load(Ordering::Relaxed) {
                return Err(PathError::Cancelled);
            }
            for &v in graph.row(u as usize) {
                let v = v as usize;
                if side.dist[v] != UNSEEN || !passable(v) {
                    continue;
                }
                side.dist[v] = next_depth as u8;
                next.push(v as u32);
                if other.dist[v] != UNSEEN {
                    meet.push(v);
                }
            }
        }
        side.seen += next.len();
        side.frontier = next;
        side.depth = next_depth;
        progress(Progress {
            hops_searched: fwd.depth + bwd.depth,
            visited: fwd.seen + bwd.seen,
        });
        if cancel.load(Ordering::Relaxed) {
            return Err(PathError::Cancelled);
        }
        if !meet.is_empty() {
            let ends = (from, to);
            return Ok(best_chains(graph, ends, &fwd.dist, &bwd.dist, meet, limit).0);
        }
    }
}

/// A partial chain with what ranks it: the degrees of its intermediates, largest first.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Partial {
    cost: Vec<u32>,
    nodes: Vec<u32>,
}

fn add_cost(cost: &[u32], degree: u32) -> Vec<u32> {
    let at = cost.partition_point(|&d| d >= degree);
    let mut out = Vec::with_capacity(cost.len() + 1);
    out.extend_from_slice(&cost[..at]);
    out.push(degree);
    out.extend_from_slice(&cost[at..]);
    out
}

fn merge_cost(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = a.iter().chain(b).copied().collect();
    out.sort_unstable_by(|x, y| y.cmp(x));
    out
}

/// The records one step closer to the side's start: neighbours one level nearer, each once.
fn closer(graph: &Graph, dist: &[u8], v: usize) -> Vec<u32> {
    let d = dist[v];
    let mut out: Vec<u32> = graph
        .row(v)
        .iter()
        .copied()
        .filter(|&u| d > 0 && dist[u as usize] == d - 1)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The `limit` best partial chains from a side's start to each record on a shortest chain,
/// computed level by level outwards from the start. A partial chain's cost counts every record
/// but the start and `skip` (the other end). Keeping only the best `limit` at each record is
/// exact: adding the same records to two chains never changes which of them ranks first.
/// `outward` keeps each partial chain in the order it is walked from the start (the `from`
/// side); otherwise a partial chain is kept from its far end back to the start (the `to` side),
/// so that ties break the same way as on whole chains.
fn best_partials(
    graph: &Graph,
    dist: &[u8],
    meet: &[usize],
    skip: usize,
    limit: usize,
    outward: bool,
) -> HashMap<u32, Vec<Partial>> {
    // Records on a shortest chain, by level, walking back from where the searches met.
    let top = meet.iter().map(|&m| dist[m]).max().unwrap_or(0) as usize;
    let mut levels: Vec<Vec<u32>> = vec![Vec::new(); top + 1];
    let mut on_chain: HashMap<u32, ()> = HashMap::default();
    for &m in meet {
        if on_chain.insert(m as u32, ()).is_none() {
            levels[dist[m] as usize].push(m as u32);
        }
    }
    for level in (1..=top).rev() {
        let here = std::mem::take(&mut levels[level]);
        for &v in &here {
            for u in closer(graph, dist, v as usize) {
                if on_chain.insert(u, ()).is_none() {
                    levels[level - 1].push(u);
                }
            }
        }
        levels[level] = here;
    }
    let mut best: HashMap<u32, Vec<Partial>> = HashMap::default();
    for (level, nodes) in levels.iter().enumerate() {
        for &v in nodes {
            let partials = if level == 0 {
                vec![Partial {
                    cost: Vec::new(),
                    nodes: vec![v],
                }]
            } else {
                // Extending every partial chain by `v` keeps their order, so the best `limit`
                // at `v` are the first `limit` of the neighbours' lists merged: no more than
                // that is ever built, however many neighbours each brings.
                let empty = Vec::new();
                let lists: Vec<&Vec<Partial>> = closer(graph, dist, v as usize)
                    .into_iter()
                    .map(|u| best.get(&u).unwrap_or(&empty))
                    .collect();
                merged(&lists, limit)
                    .map(|p| {
                        let nodes = if outward {
                            let mut nodes = p.nodes.clone();
                            nodes.push(v);
                            nodes
                        } else {
                            std::iter::once(v).chain(p.nodes.iter().copied()).collect()
                        };
                        let cost = if v as usize == skip {
                            p.cost.clone()
                        } else {
                            add_cost(&p.cost, graph.degree(v as usize))
                        };
                        Partial { cost, nodes }
                    })
                    .collect()
            };
            best.insert(v, partials);
        }
    }
    best
}

/// The first `limit` partial chains of several sorted lists, in order.
fn merged<'a>(lists: &'a [&'a Vec<Partial>], limit: usize) -> impl Iterator<Item = &'a Partial> {
    let mut heap: BinaryHeap<Reverse<(&Partial, usize, usize)>> = lists
        .iter()
        .enumerate()
        .filter_map(|(l, list)| list.first().map(|p| Reverse((p, l, 0))))
        .collect();
    std::iter::from_fn(move || {
        let Reverse((p, l, at)) = heap.pop()?;
        if let Some(next) = lists[l].get(at + 1) {
            heap.push(Reverse((next, l, at + 1)));
        }
        Some(p)
    })
    .take(limit)
}

/// A whole chain: the best head into meeting record `m` joined to a tail out of it. The tail's
/// cost counts `m` too, which the head already has.
fn join(graph: &Graph, (from, to): (usize, usize), m: usize, h: &Partial, t: &Partial) -> Partial {
    let tail_cost: Vec<u32> = match t.nodes.len() {
        0 | 1 => Vec::new(),
        _ => {
            let mut c = t.cost.clone();
            if m != to && m != from {
                let d = graph.degree(m);
                if let Some(at) = c.iter().position(|&x| x == d) {
                    c.remove(at);
                }
            }
            c
        }
    };
    let mut nodes = h.nodes.clone();
    nodes.extend(t.nodes.iter().skip(1));
    Partial {
        cost: merge_cost(&h.cost, &tail_cost),
        nodes,
    }
}

/// The best `limit` chains, best first, and how many whole chains were built to find them.
///
/// At each meeting record the chains form a table, heads by tails, each sorted: a better head
/// (or tail) joined to the same tail (or head) makes a better chain. So the best chains overall
/// come from one heap that starts with each table's corner and, for each chain taken, offers the
/// next tail with the same head (and the next head, from the first tail): at most one chain per
/// meeting record plus two per chain taken are ever built, not every head with every tail.
fn best_chains(
    graph: &Graph,
    ends: (usize, usize),
    fwd: &[u8],
    bwd: &[u8],
    meet: Vec<usize>,
    limit: usize,
) -> (Vec<Chain>, usize) {
    let limit = limit.max(1);
    // Only the meeting records on a shortest chain (all of them, by the search's invariant).
    let shortest = meet
        .iter()
        .map(|&m| fwd[m] as usize + bwd[m] as usize)
        .min()
        .unwrap_or(0);
    let meet: Vec<usize> = meet
        .into_iter()
        .filter(|&m| fwd[m] as usize + bwd[m] as usize == shortest)
        .collect();
    let (from, to) = ends;
    let heads = best_partials(graph, fwd, &meet, to, limit, true);
    let tails = best_partials(graph, bwd, &meet, from, limit, false);
    let empty = Vec::new();
    let tables: Vec<(usize, &Vec<Partial>, &Vec<Partial>)> = meet
        .iter()
        .map(|&m| {
            let key = m as u32;
            (
                m,
                heads.get(&key).unwrap_or(&empty),
                tails.get(&key).unwrap_or(&empty),
            )
        })
        .filter(|(_, hs, ts)| !hs.is_empty() && !ts.is_empty())
        .collect();
    let mut built = 0usize;
    let mut make = |table: usize, h: usize, t: usize| {
        built += 1;
        let (m, hs, ts) = tables[table];
        Reverse((join(graph, ends, m, &hs[h], &ts[t]), table, h, t))
    };
    let mut heap: BinaryHeap<_> = (0..tables.len()).map(|k| make(k, 0, 0)).collect();
    let mut chains: Vec<Partial> = Vec::new();
    while chains.len() < limit {
        let Some(Reverse((chain, table, h, t))) = heap.pop() else {
            break;
        };
        let (_, hs, ts) = tables[table];
        if t + 1 < ts.len() {
            heap.push(make(table, h, t + 1));
        }
        if t == 0 && h + 1 < hs.len() {
            heap.push(make(table, h + 1, 0));
        }
        // A chain passes its meeting level once, so no chain is found twice; kept as a guard.
        if chains.last().is_none_or(|last| last.nodes != chain.nodes) {
            chains.push(chain);
        }
    }
    let chains = chains
        .into_iter()
        .map(|p| Chain {
            records: p.nodes.into_iter().map(|v| v as usize).collect(),
        })
        .collect();
    (chains, built)
}
