//! `ngo-atlas path FROM TO`: the shortest chains of links between two records, each link with
//! the quote that supports it.

use super::{Outcome, UNKNOWN_ID, find, pretty};
use crate::data::index::Index;
use crate::data::record::Record;
use crate::query::graph::evidence::{self, Hop, HopLink};
use crate::query::graph::path::{Chain, PathError, PathOptions, shortest_chains};
use crate::query::graph::{Edge, Graph};
use crate::query::search::source_label;
use crate::text::sanitize;
use serde_json::{Value, json};
use std::fmt::Write;
use std::sync::atomic::AtomicBool;

pub fn path(index: &Index, from: &str, to: &str, options: &PathOptions, as_json: bool) -> Outcome {
    let a = resolve(index, from)?;
    let b = resolve(index, to)?;
    let graph = Graph::shared(index).map_err(|e| (e.to_string(), 1))?;
    let never = AtomicBool::new(false);
    let chains = match shortest_chains(&graph, a, b, options, &never, &mut |_| {}) {
        Ok(chains) => chains,
        Err(PathError::SameRecord) => {
            return Err((
                format!(
                    "FROM and TO are the same record ({}); give two different records",
                    index.record(a).id()
                ),
                UNKNOWN_ID,
            ));
        }
        Err(PathError::NoChain { max_hops }) => {
            let mut msg = format!(
                "no chain of at most {max_hops} links joins {} and {}",
                label(index, a),
                label(index, b)
            );
            let mut tries = Vec::new();
            if !options.via_places {
                tries.push("--via-places");
            }
            if !options.via_sources {
                tries.push("--via-sources");
            }
            tries.push("a larger --max-hops");
            let _ = write!(msg, "; try {}", tries.join(", "));
            return Err((msg, 1));
        }
        Err(PathError::Cancelled) => return Err(("the search was cancelled".into(), 1)),
    };
    let explained: Vec<(Chain, Vec<Hop>)> = chains
        .into_iter()
        .map(|c| {
            let hops = evidence::hops(index, &c);
            (c, hops)
        })
        .collect();
    if as_json {
        Ok(pretty(&to_json(index, &graph, a, b, &explained)))
    } else {
        Ok(text(index, &graph, a, b, &explained))
    }
}

/// An id as `show` finds it, else a record's exact name or alias (ignoring case), if only one
/// record has it.
fn resolve(index: &Index, wanted: &str) -> Result<usize, (String, i32)> {
    let not_found = match find(index, wanted) {
        Ok(i) => return Ok(i),
        Err(e) => e,
    };
    let folded = wanted.trim().to_lowercase();
    let named: Vec<usize> = index
        .records
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            std::iter::once(r.name())
                .chain(r.aliases().iter().map(|a| a.as_str()))
                .any(|n| n.to_lowercase() == folded)
        })
        .map(|(i, _)| i)
        .collect();
    match named.as_slice() {
        [] => Err(not_found),
        [one] => Ok(*one),
        many => {
            let listed: Vec<String> = many
                .iter()
                .take(10)
                .map(|&i| format!("{} ({})", index.record(i).id(), index.kind(i)))
                .collect();
            Err((
                format!(
                    "`{}` names {} records: {}; give an id",
                    sanitize::line(wanted),
                    many.len(),
                    listed.join(", ")
                ),
                UNKNOWN_ID,
            ))
        }
    }
}

fn label(index: &Index, i: usize) -> String {
    let r = index.record(i);
    format!("{} ({})", r.name_and_figure(), r.kind())
}

/// `—Took part in→`, or `—Roles: deputy director (2020)→` with a role's title.
fn arrow(link: &HopLink) -> String {
    match &link.note {
        Some(note) => format!("—{}: {note}→", link.edge.label()),
        None => format!("—{}→", link.edge.label()),
    }
}

fn text(index: &Index, graph: &Graph, a: usize, b: usize, chains: &[(Chain, Vec<Hop>)]) -> String {
    let name = |i: usize| index.record(i).name_and_figure().into_owned();
    let hops = chains.first().map_or(0, |c| c.0.hops());
    let mut out = format!(
        "{} chain{} of {hops} link{} from {} to {}",
        chains.len(),
        if chains.len() == 1 { "" } else { "s" },
        if hops == 1 { "" } else { "s" },
        label(index, a),
        label(index, b),
    );
    out.push_str(" (through records with fewer links first; [n] = links)\n");
    for (rank, (chain, hops)) in chains.iter().enumerate() {
        let steps: Vec<String> = chain
            .records
            .iter()
            .enumerate()
            .map(|(k, &r)| {
                if k == 0 || k + 1 == chain.records.len() {
                    name(r)
                } else {
                    format!("{} [{}]", name(r), graph.degree(r))
                }
            })
            .collect();
        let _ = writeln!(out, "\n{}. {}", rank + 1, steps.join(" › "));
        for hop in hops {
            for link in &hop.links {
                let _ = writeln!(
                    out,
                    "   {} {} {}",
                    name(hop.from),
                    arrow(link),
                    name(hop.to)
                );
                match &link.support {
                    Some(s) => {
                        let _ = write!(
                            out,
                            "     \"{}\" ({})",
                            s.quote,
                            source_label(index.record(s.source))
                        );
                        if !s.names_both {
                            let holder = match link.edge {
                                Edge::In(_) => hop.to,
                                _ => hop.from,
                            };
                            let other = if holder == hop.from { hop.to } else { hop.from };
                            let _ = write!(
                                out,
                                " [a quote on {}; it does not name {}]",
                                name(holder),
                                name(other)
                            );
                        }
                        out.push('\n');
                    }
                    None => out.push_str("     (no quote)\n"),
                }
            }
        }
    }
    out
}

fn to_json(
    index: &Index,
    graph: &Graph,
    a: usize,
    b: usize,
    chains: &[(Chain, Vec<Hop>)],
) -> Value {
    let brief = |i: usize| {
        let r = index.record(i);
        let mut v = json!({"id": r.id(), "kind": r.kind(), "name": r.name()});
        if let Record::Statistic(s) = r {
            v["figure"] = json!(s.figure().text(true));
        }
        v
    };
    let chains: Vec<Value> = chains
        .iter()
        .map(|(chain, hops)| {
            let records: Vec<Value> = chain
                .records
                .iter()
                .map(|&r| {
                    let mut v = brief(r);
                    v["links"] = json!(graph.degree(r));
                    v
                })
                .collect();
            let hops: Vec<Value> = hops
                .iter()
                .map(|hop| {
                    let links: Vec<Value> = hop
                        .links
                        .iter()
                        .map(|l| {
                            let held_by = match l.edge {
                                Edge::Out(_) | Edge::Cites => hop.from,
                                Edge::In(_) | Edge::CitedBy => hop.to,
                            };
                            let field = match l.edge {
                                Edge::Out(r) | Edge::In(r) => r.field(),
                                Edge::Cites | Edge::CitedBy => "sources",
                            };
                            json!({
                                "relation": l.edge.label(),
                                "field": field,
                                "held_by": index.record(held_by).id(),
                                "note": l.note,
                                "quote": l.support.as_ref().map(|s| s.quote.as_str()),
                                "source": l.support.as_ref().map(|s| brief(s.source)),
                                "source_name": l
                                    .support
                                    .as_ref()
                                    .map(|s| source_label(index.record(s.source))),
                                "quote_names_both": l.support.as_ref().map(|s| s.names_both),
                            })
                        })
                        .collect();
                    json!({
                        "from": index.record(hop.from).id(),
                        "to": index.record(hop.to).id(),
                        "links": links,
                    })
                })
                .collect();
            json!({"records": records, "hops": hops})
        })
        .collect();
    json!({
        "from": brief(a),
        "to": brief(b),
        "length": chains.first().map_or(0, |c| c["hops"].as_array().map_or(0, Vec::len)),
        "chains": chains,
    })
}
