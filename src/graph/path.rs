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
use crate::model::Kind;
use rustc_hash::FxHashMap as HashMap;
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
            return Ok(best_chains(
                graph,
                ends,
                &fwd.dist,
                &bwd.dist,
                meet,
                options.limit,
            ));
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
                let mut all: Vec<Partial> = Vec::new();
                for u in closer(graph, dist, v as usize) {
                    for p in best.get(&u).map(Vec::as_slice).unwrap_or(&[]) {
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
                        all.push(Partial { cost, nodes });
                    }
                }
                all.sort();
                all.truncate(limit);
                all
            };
            best.insert(v, partials);
        }
    }
    best
}

fn best_chains(
    graph: &Graph,
    (from, to): (usize, usize),
    fwd: &[u8],
    bwd: &[u8],
    meet: Vec<usize>,
    limit: usize,
) -> Vec<Chain> {
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
    let heads = best_partials(graph, fwd, &meet, to, limit, true);
    let tails = best_partials(graph, bwd, &meet, from, limit, false);
    let mut chains: Vec<Partial> = Vec::new();
    for &m in &meet {
        let (Some(hs), Some(ts)) = (heads.get(&(m as u32)), tails.get(&(m as u32))) else {
            continue;
        };
        for h in hs {
            for t in ts {
                // The tail runs from `m` to `to`; `m` is counted in the head already.
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
                chains.push(Partial {
                    cost: merge_cost(&h.cost, &tail_cost),
                    nodes,
                });
            }
        }
    }
    chains.sort();
    chains.dedup_by(|a, b| a.nodes == b.nodes);
    chains.truncate(limit);
    chains
        .into_iter()
        .map(|p| Chain {
            records: p.nodes.into_iter().map(|v| v as usize).collect(),
        })
        .collect()
}
