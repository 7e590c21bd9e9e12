//! What GraphML and GEXF share: the text escaping that keeps every character XML 1.0 allows
//! exactly as it is, and the attributes of a record's node and of a link's edge.

use crate::data::model::PartialDate;
use crate::data::record::{Record, Relation};
use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use std::borrow::Cow;
use std::io::{self, Write};

/// Text for an XML attribute value or element content. The markup characters become entity
/// references, and tab, line feed and carriage return become character references, because a
/// parser turns them into spaces in attributes and turns a carriage return into a line feed
/// anywhere. Characters XML 1.0 forbids (C0 controls other than those three, U+FFFE, U+FFFF)
/// become U+FFFD. Everything else, C1 controls and bidi overrides included, is kept.
pub fn escape(s: &str) -> Cow<'_, str> {
    let special = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\t' | '\n' | '\r') || !allowed(c);
    if !s.chars().any(special) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !allowed(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// XML 1.0's `Char` production (surrogates cannot occur in a Rust string).
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// What a string becomes after a round trip through an export: forbidden characters replaced.
pub fn expected(s: &str) -> String {
    s.chars()
        .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
        .collect()
}

/// A number as `xsd:double` writes it.
pub fn double(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "INF".into() } else { "-INF".into() }
    } else {
        v.to_string()
    }
}

/// An attribute value type, as both formats name them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Double,
}

impl Type {
    /// The type's name in GraphML's `attr.type` and GEXF's `type`.
    pub fn name(self) -> &'static str {
        match self {
            Type::Text => "string",
            Type::Double => "double",
        }
    }
}

/// Node attributes, in the order they are declared: name, type.
pub const NODE_ATTRS: [(&str, Type); 12] = [
    ("kind", Type::Text),
    ("name", Type::Text),
    ("type", Type::Text),
    ("date", Type::Text),
    ("end", Type::Text),
    ("lat", Type::Double),
    ("lon", Type::Double),
    ("value", Type::Double),
    ("unit", Type::Text),
    // How a figure relates to its value (`more-than`, `about`…) and whether it was reached.
    ("qualifier", Type::Text),
    ("status", Type::Text),
    // The figure as every screen writes it: `≥ 10,000 people ("tens of thousands")`.
    ("figure", Type::Text),
];

pub const EDGE_ATTRS: [(&str, Type); 3] = [
    ("relation", Type::Text),
    ("title", Type::Text),
    ("date", Type::Text),
];

/// The attribute values of a record's node, parallel to `NODE_ATTRS`; `None` where the record
/// has no such value.
pub fn node_values(r: &Record) -> [Option<String>; 12] {
    let date = |d: Option<PartialDate>| d.map(|d| d.to_string());
    let (ty, end) = match r {
        Record::Organization(o) => (o.org_type.as_deref().map(String::from), None),
        Record::Event(e) => (e.event_type.as_deref().map(String::from), date(e.end)),
        Record::Programme(p) => (p.programme_type.as_deref().map(String::from), date(p.end)),
        Record::Place(p) => (p.place_type.as_deref().map(String::from), None),
        Record::Person(_) | Record::Statistic(_) | Record::Source(_) => (None, None),
    };
    let coordinates = match r {
        Record::Place(p) => p.coordinates,
        _ => None,
    };
    let (value, unit, qualifier, status, figure) = match r {
        Record::Statistic(s) => (
            Some(double(s.value)),
            Some(s.unit.to_string()),
            Some(s.qualifier.name().to_string()),
            Some(s.status.name().to_string()),
            Some(s.figure().text(true)),
        ),
        _ => (None, None, None, None, None),
    };
    [
        Some(r.kind().word().to_string()),
        Some(r.name().to_string()),
        ty,
        date(r.date()),
        end,
        coordinates.map(|c| double(c.lat)),
        coordinates.map(|c| double(c.lon)),
        value,
        unit,
        qualifier,
        status,
        figure,
    ]
}

/// One typed link as an edge.
pub struct EdgeOut<'a> {
    pub target: &'a str,
    pub relation: Relation,
    /// Parallel to `EDGE_ATTRS`.
    pub values: [Option<String>; 3],
}

/// The record's typed links as edges, in schema order; a person's roles carry their title and
/// date as written.
pub fn edges(r: &Record) -> Vec<EdgeOut<'_>> {
    let mut out = Vec::new();
    if let Record::Person(p) = r {
        for role in &p.roles {
            out.push(EdgeOut {
                target: role.organization.as_str(),
                relation: Relation::Role,
                values: [
                    Some(Relation::Role.field().to_string()),
                    Some(role.title.clone()),
                    role.date.map(|d| d.to_string()),
                ],
            });
        }
    }
    for link in r.links() {
        if link.relation == Relation::Role {
            continue;
        }
        out.push(EdgeOut {
            target: link.target.as_str(),
            relation: link.relation,
            values: [Some(link.relation.field().to_string()), None, None],
        });
    }
    out
}

/// A start tag with attribute values escaped by [`escape`].
pub fn tag<'a>(name: &'a str, attrs: &[(&'a str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for &(key, value) in attrs {
        start.push_attribute(Attribute {
            key: QName(key),
            value: Cow::Owned(escape(value).into_owned()),
        });
    }
    start
}

/// `<name attrs>text</name>` on one line.
pub fn text_element<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    w.write_event(Event::Start(tag(name, attrs)))?;
    w.write_event(Event::Text(BytesText::from_escaped(escape(text))))?;
    w.write_event(Event::End(BytesStart::new(name).to_end()))
}

pub fn declaration<W: Write>(w: &mut Writer<W>) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_what_xml_allows_and_replaces_the_rest() {
        assert_eq!(escape("plain 中文"), "plain 中文");
        assert_eq!(
            escape("a<b & \"c\" > d"),
            "a&lt;b &amp; &quot;c&quot; &gt; d"
        );
        assert_eq!(escape("x\ty\nz\r"), "x&#9;y&#10;z&#13;");
        assert_eq!(escape("\u{1b}[31m\u{0}"), "\u{FFFD}[31m\u{FFFD}");
        assert_eq!(escape("\u{202E}\u{85}\u{FFFF}"), "\u{202E}\u{85}\u{FFFD}");
        assert_eq!(expected("a\u{7}b\u{202E}"), "a\u{FFFD}b\u{202E}");
    }

    #[test]
    fn doubles_are_xsd_doubles() {
        assert_eq!(double(98_990_000.0), "98990000");
        assert_eq!(double(23.13), "23.13");
        assert_eq!(double(f64::INFINITY), "INF");
        assert_eq!(double(f64::NAN), "NaN");
    }
}
