//! One record laid out as a document for the detail pane at a given width: every link on a line
//! of its own, so the link cursor and a click can land on it. Built once per record and width.

use crate::data::index::Index;
use crate::data::record::Record;
use crate::query::detail::{Detail, Group};
use crate::query::search::Field;
use crate::text::doc::quoted;
use crate::text::doc::{Doc, Line, Tone};
use crate::text::sanitize::{self, truncate_to_width};
use std::ops::Range;

/// The detail pane's document, the record each of its items (links) leads to, and the lines
/// that show each searchable field (so a search hit can scroll to its quote and mark words).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailDoc {
    pub doc: Doc,
    pub targets: Vec<usize>,
    pub fields: Vec<(Field, Range<usize>)>,
}

impl DetailDoc {
    /// The lines that show `field`, if the document shows it.
    pub fn lines_of(&self, field: Field) -> Option<Range<usize>> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, r)| r.clone())
    }

    /// Runs `add` and notes the lines it added as showing `field`.
    fn field(&mut self, field: Field, add: impl FnOnce(&mut Doc)) {
        let start = self.doc.lines.len();
        add(&mut self.doc);
        let end = self.doc.lines.len();
        if end > start {
            self.fields.push((field, start..end));
        }
    }
}

pub fn build(index: &Index, record: usize, width: usize) -> DetailDoc {
    let width = width.max(1);
    let d = Detail::new(index, record);
    let r = index.record(record);
    let mut out = DetailDoc::default();
    head(&mut out, r, width);
    facts(&mut out, &d, r, width);
    for (heading, groups) in [(None, &d.links), (Some("Referenced by"), &d.backlinks)] {
        links(&mut out, index, heading, groups, width);
    }
    sources(&mut out, index, r, width);
    out
}

/// The name, kind and id, aliases and summary.
fn head(out: &mut DetailDoc, r: &Record, width: usize) {
    out.field(Field::Name, |doc| {
        doc.para(&sanitize::line(r.name()), Tone::Heading, width, 0)
    });
    out.field(Field::Id, |doc| {
        doc.push(Line::new(
            truncate_to_width(&format!("{} · {}", r.kind(), r.id()), width).into_owned(),
            Tone::Kind,
        ))
    });
    if !r.aliases().is_empty() {
        let also = format!("Also: {}", r.aliases().join(" · "));
        out.field(Field::Alias, |doc| {
            doc.para(&sanitize::line(&also), Tone::Dim, width, 0)
        });
    }
    out.doc.blank();
    out.field(Field::Summary, |doc| {
        doc.para(&sanitize::text(r.summary()), Tone::Plain, width, 0)
    });
}

/// The kind's own fields as label and value, the curator's note, and what is from public
/// knowledge rather than the sources.
fn facts(out: &mut DetailDoc, d: &Detail, r: &Record, width: usize) {
    if !d.fields.is_empty() {
        out.doc.blank();
        for (label, value) in &d.fields {
            let value_lines =
                crate::text::doc::wrap(&sanitize::line(value), width.saturating_sub(12));
            for (i, v) in value_lines.into_iter().enumerate() {
                let label = if i == 0 { *label } else { "" };
                out.doc
                    .push(Line::new(format!("{label:<11} "), Tone::Label).push(v, Tone::Plain));
            }
        }
    }
    if let Some(n) = r.notes() {
        out.doc.blank();
        out.field(Field::Note, |doc| {
            doc.para(&sanitize::text(&format!("Note: {n}")), Tone::Dim, width, 0)
        });
    }
    if !r.public_knowledge().is_empty() {
        let fields = r.public_knowledge().join(", ");
        let text = format!("From public knowledge, not the sources: {fields}");
        out.doc.para(&sanitize::line(&text), Tone::Dim, width, 0);
    }
}

impl DetailDoc {
    /// A link on a line of its own: the record's name, and what the link says of it.
    fn link(&mut self, index: &Index, target: usize, note: Option<&str>, width: usize) {
        let name = sanitize::line(index.record(target).name()).into_owned();
        let text = match note {
            Some(note) => format!("{name} — {}", sanitize::line(note)),
            None => name,
        };
        let body = truncate_to_width(&text, width.saturating_sub(2)).into_owned();
        self.doc
            .push_item(Line::new("  ", Tone::Link).push(body, Tone::Link));
        self.targets.push(target);
    }
}

/// The links of one direction, by relation, under `heading` if any.
fn links(
    out: &mut DetailDoc,
    index: &Index,
    heading: Option<&str>,
    groups: &[Group],
    width: usize,
) {
    if groups.is_empty() {
        return;
    }
    if let Some(h) = heading {
        out.doc.blank();
        out.doc.push(Line::new(h, Tone::Heading));
    }
    for g in groups {
        out.doc.blank();
        out.doc.push(Line::new(
            format!("{} ({})", g.label, g.total),
            Tone::Subheading,
        ));
        for item in &g.items {
            out.link(index, item.target, item.note.as_deref(), width);
        }
        if g.total > g.items.len() {
            let more = g.total - g.items.len();
            out.doc.push(Line::new(
                format!("  … and {more} more (`ngo-atlas show` lists them all)"),
                Tone::Dim,
            ));
        }
    }
}

/// Each source once, with every quote of it that supports the record (`Field::Quote` counts
/// the record's own list of sources and quotes).
fn sources(out: &mut DetailDoc, index: &Index, r: &Record, width: usize) {
    let quotes: Vec<(usize, usize, &str)> = r
        .sources()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, index.resolve(&s.source)?, s.quote.as_str())))
        .collect();
    let mut sources: Vec<usize> = Vec::new();
    for &(_, source, _) in &quotes {
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    if sources.is_empty() {
        return;
    }
    out.doc.blank();
    out.doc.push(Line::new(
        format!("Sources ({})", sources.len()),
        Tone::Heading,
    ));
    for source in sources {
        out.link(index, source, None, width);
        for &(i, _, quote) in quotes.iter().filter(|q| q.1 == source) {
            let text = sanitize::text(quote);
            out.field(Field::Quote(i), |doc| {
                doc.para(&quoted(&text), Tone::Quote, width, 4)
            });
        }
    }
}

/// "Your note": the user's notes on the record, as (collection, note), put under its name
/// (the header ends at the document's first blank line) where they are seen first.
pub fn your_note(out: &mut DetailDoc, notes: &[(String, String)], width: usize) {
    let Some((collection, _)) = notes.first() else {
        return;
    };
    let mut section = Doc::default();
    section.blank();
    let heading = match notes.len() {
        1 => format!("Your note · {}", sanitize::line(collection)),
        _ => "Your notes".to_string(),
    };
    section.para(&heading, Tone::Subheading, width, 0);
    for (collection, note) in notes {
        let text = match notes.len() {
            1 => sanitize::line(note).into_owned(),
            _ => format!("{}: {}", sanitize::line(collection), sanitize::line(note)),
        };
        section.para(&text, Tone::Plain, width, 2);
    }
    let lines = &mut out.doc.lines;
    let at = lines
        .iter()
        .position(|l| l.spans.is_empty())
        .unwrap_or(lines.len());
    let n = section.lines.len();
    lines.splice(at..at, section.lines);
    for row in out.doc.items.iter_mut().filter(|row| **row >= at) {
        *row += n;
    }
    for (_, lines) in out.fields.iter_mut().filter(|(_, l)| l.start >= at) {
        *lines = lines.start + n..lines.end + n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Index {
        Index::new(crate::ingest::load::load_builtin().expect("built-in dataset"))
    }

    #[test]
    fn every_link_is_an_item_leading_to_its_record() {
        let index = index();
        let tan = index.get("tan-weiping").unwrap();
        let d = build(&index, tan, 60);
        assert_eq!(d.doc.items.len(), d.targets.len());
        for (&row, &target) in d.doc.items.iter().zip(&d.targets) {
            let name = sanitize::line(index.record(target).name()).into_owned();
            let line = d.doc.lines[row].text();
            let start: String = name.chars().take(15).collect();
            assert!(line.contains(&start), "{line}");
        }
    }

    #[test]
    fn sources_are_counted_once_each_with_all_their_quotes() {
        let index = index();
        for r in 0..index.len() {
            let d = build(&index, r, 80);
            let distinct: std::collections::BTreeSet<_> = index
                .record(r)
                .sources()
                .iter()
                .map(|s| s.source.clone())
                .collect();
            if distinct.is_empty() {
                continue;
            }
            let heading = format!("Sources ({})", distinct.len());
            assert!(
                d.doc.lines.iter().any(|l| l.text() == heading),
                "{}",
                index.record(r).id()
            );
        }
    }

    #[test]
    fn a_quote_holding_double_quotes_is_set_in_single_ones() {
        assert_eq!(quoted("he said “yes”"), "‘he said “yes”’");
        assert_eq!(quoted("plain"), "“plain”");
    }
}
