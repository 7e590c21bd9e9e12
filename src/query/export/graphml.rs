//! The dataset as GraphML, which networkx (`read_graphml`), igraph, Gephi and Cytoscape read:
//! one node per record, keyed by its id, and one directed edge per typed link, from the record
//! holding the link to the record it names.

use super::xml::{self, EDGE_ATTRS, NODE_ATTRS};
use crate::data::index::Index;
use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};
use std::io::{self, Write};

/// Nodes and edges written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub nodes: usize,
    pub edges: usize,
}

fn key_id(node: bool, at: usize) -> String {
    // Node keys first, then edge keys: `d0`, `d1`, ... as networkx writes them.
    if node {
        format!("d{at}")
    } else {
        format!("d{}", NODE_ATTRS.len() + at)
    }
}

pub fn write<W: Write>(index: &Index, out: W) -> io::Result<Counts> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    xml::declaration(&mut w)?;
    w.write_event(Event::Start(xml::tag(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )))?;
    for (node, attrs) in [(true, &NODE_ATTRS[..]), (false, &EDGE_ATTRS[..])] {
        for (at, &(name, ty)) in attrs.iter().enumerate() {
            let id = key_id(node, at);
            w.write_event(Event::Empty(xml::tag(
                "key",
                &[
                    ("id", &id),
                    ("for", if node { "node" } else { "edge" }),
                    ("attr.name", name),
                    ("attr.type", ty.name()),
                ],
            )))?;
        }
    }
    w.write_event(Event::Start(xml::tag(
        "graph",
        &[("id", "ngo-atlas"), ("edgedefault", "directed")],
    )))?;
    let mut counts = Counts { nodes: 0, edges: 0 };
    for i in index.all() {
        let r = index.record(i);
        w.write_event(Event::Start(xml::tag("node", &[("id", r.id().as_str())])))?;
        for (at, value) in xml::node_values(r).iter().enumerate() {
            if let Some(v) = value {
                xml::text_element(&mut w, "data", &[("key", &key_id(true, at))], v)?;
            }
        }
        w.write_event(Event::End(BytesStart::new("node").to_end()))?;
        counts.nodes += 1;
    }
    for i in index.all() {
        let r = index.record(i);
        for edge in xml::edges(r) {
            let id = format!("e{}", counts.edges);
            w.write_event(Event::Start(xml::tag(
                "edge",
                &[
                    ("id", &id),
                    ("source", r.id().as_str()),
                    ("target", edge.target),
                ],
            )))?;
            for (at, value) in edge.values.iter().enumerate() {
                if let Some(v) = value {
                    xml::text_element(&mut w, "data", &[("key", &key_id(false, at))], v)?;
                }
            }
            w.write_event(Event::End(BytesStart::new("edge").to_end()))?;
            counts.edges += 1;
        }
    }
    w.write_event(Event::End(BytesStart::new("graph").to_end()))?;
    w.write_event(Event::End(BytesStart::new("graphml").to_end()))?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(counts)
}
