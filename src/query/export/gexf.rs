//! The dataset as GEXF 1.2, Gephi's own format (also read by networkx's `read_gexf`): one node
//! per record, labelled with its name, and one directed edge per typed link, labelled with its
//! relation.

use super::graphml::Counts;
use super::xml::{self, EDGE_ATTRS, NODE_ATTRS};
use crate::data::index::Index;
use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};
use std::io::{self, Write};

fn end<W: Write>(w: &mut Writer<W>, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesStart::new(name).to_end()))
}

fn attvalues<W: Write>(w: &mut Writer<W>, values: &[Option<String>]) -> io::Result<()> {
    if values.iter().all(Option::is_none) {
        return Ok(());
    }
    w.write_event(Event::Start(BytesStart::new("attvalues")))?;
    for (at, value) in values.iter().enumerate() {
        if let Some(v) = value {
            let id = at.to_string();
            w.write_event(Event::Empty(xml::tag(
                "attvalue",
                &[("for", &id), ("value", v)],
            )))?;
        }
    }
    end(w, "attvalues")
}

pub fn write<W: Write>(index: &Index, out: W) -> io::Result<Counts> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    xml::declaration(&mut w)?;
    w.write_event(Event::Start(xml::tag(
        "gexf",
        &[
            ("xmlns", "http://www.gexf.net/1.2draft"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd",
            ),
            ("version", "1.2"),
        ],
    )))?;
    w.write_event(Event::Start(BytesStart::new("meta")))?;
    xml::text_element(&mut w, "creator", &[], "ngo-atlas")?;
    xml::text_element(
        &mut w,
        "description",
        &[],
        "Records linked by typed links; each edge goes from the record holding the link.",
    )?;
    end(&mut w, "meta")?;
    w.write_event(Event::Start(xml::tag(
        "graph",
        &[("mode", "static"), ("defaultedgetype", "directed")],
    )))?;
    for (class, attrs) in [("node", &NODE_ATTRS[..]), ("edge", &EDGE_ATTRS[..])] {
        w.write_event(Event::Start(xml::tag("attributes", &[("class", class)])))?;
        for (at, &(name, ty)) in attrs.iter().enumerate() {
            let id = at.to_string();
            w.write_event(Event::Empty(xml::tag(
                "attribute",
                &[("id", &id), ("title", name), ("type", ty.name())],
            )))?;
        }
        end(&mut w, "attributes")?;
    }
    let mut counts = Counts { nodes: 0, edges: 0 };
    w.write_event(Event::Start(BytesStart::new("nodes")))?;
    for i in index.all() {
        let r = index.record(i);
        w.write_event(Event::Start(xml::tag(
            "node",
            &[("id", r.id().as_str()), ("label", r.name())],
        )))?;
        attvalues(&mut w, &xml::node_values(r))?;
        end(&mut w, "node")?;
        counts.nodes += 1;
    }
    end(&mut w, "nodes")?;
    w.write_event(Event::Start(BytesStart::new("edges")))?;
    for i in index.all() {
        let r = index.record(i);
        for edge in xml::edges(r) {
            let id = counts.edges.to_string();
            w.write_event(Event::Start(xml::tag(
                "edge",
                &[
                    ("id", &id),
                    ("source", r.id().as_str()),
                    ("target", edge.target),
                    ("label", edge.relation.field()),
                ],
            )))?;
            attvalues(&mut w, &edge.values)?;
            end(&mut w, "edge")?;
            counts.edges += 1;
        }
    }
    end(&mut w, "edges")?;
    end(&mut w, "graph")?;
    end(&mut w, "gexf")?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(counts)
}
