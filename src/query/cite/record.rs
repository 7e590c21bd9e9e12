//! Citing a record of any kind: a source's own citation, or the citations of the sources behind
//! a record, each with the quote that supports it.

use super::bibliography::for_records;
use super::{Style, cite, in_text, quote_line};
use crate::data::index::Index;
use crate::data::record::Record;
use crate::text::sanitize;

/// The citation of a source, or for any other record the citations of its sources, each with
/// the quote that supports the record. The record formats (BibLaTeX, RIS, CSL-JSON) give each
/// source once, without quotes, as a bibliography does: quotes do not fit them.
pub fn for_record(index: &Index, record: usize, style: Style) -> String {
    let source_of = |i: usize| match index.record(i) {
        Record::Source(s) => Some(s),
        _ => None,
    };
    let text = match index.record(record) {
        Record::Source(s) => cite(s, style),
        _ if matches!(style, Style::Biblatex | Style::Ris | Style::CslJson) => {
            return for_records(index, &[record], style);
        }
        r => {
            let cited = r
                .sources()
                .iter()
                .filter_map(|s| {
                    let source = index.resolve(&s.source).and_then(source_of)?;
                    let cited = cite(source, style);
                    Some(format!(
                        "{}\n{}",
                        quote_line(&s.quote, style),
                        cited.trim_end()
                    ))
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            match r {
                // A figure is cited with the figure, written as every screen writes it.
                Record::Statistic(_) if !cited.is_empty() => {
                    format!("{}\n\n{cited}", r.name_and_figure())
                }
                _ => cited,
            }
        }
    };
    sanitize::for_clipboard(&text)
}

/// What goes in the text of a paper for a record: a source's in-text form in `style` (Chicago:
/// the short note); for any other record each quote in the style's marks, then the in-text form
/// of its source, on the same line where the form is a parenthesis (`“…” (Li, 2019)`), on the
/// next where it is a note or a citation command.
pub fn in_text_for_record(index: &Index, record: usize, style: Style) -> String {
    let source_of = |i: usize| match index.record(i) {
        Record::Source(s) => Some(s),
        _ => None,
    };
    let text = match index.record(record) {
        Record::Source(s) => in_text(s, style),
        r => r
            .sources()
            .iter()
            .filter_map(|s| {
                let source = index.resolve(&s.source).and_then(source_of)?;
                let cited = in_text(source, style);
                let gap = if cited.starts_with('(') { " " } else { "\n" };
                Some(format!("{}{gap}{cited}", quote_line(&s.quote, style)))
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    sanitize::for_clipboard(&text)
}
