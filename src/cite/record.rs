//! Citing a record of any kind: a source's own citation, or the citations of the sources behind
//! a record, each with the quote that supports it.

use super::{Style, cite};
use crate::index::Index;
use crate::record::Record;
use crate::sanitize;

/// The citation of a source, or for any other record the citations of its sources, each with
/// the quote that supports the record.
pub fn for_record(index: &Index, record: usize, style: Style) -> String {
    let source_of = |i: usize| match index.record(i) {
        Record::Source(s) => Some(s),
        _ => None,
    };
    let text = match index.record(record) {
        Record::Source(s) => cite(s, style),
        r if matches!(style, Style::Biblatex | Style::Ris | Style::CslJson) => {
            // Machine formats: each source once, as the format expects; quotes do not fit.
            let mut seen = Vec::new();
            for s in r.sources() {
                if !seen.contains(&&s.source) {
                    seen.push(&s.source);
                }
            }
            let entries: Vec<String> = seen
                .iter()
                .filter_map(|id| index.resolve(id).and_then(source_of))
                .map(|s| cite(s, style).trim_end().to_string())
                .collect();
            if style == Style::CslJson && entries.len() > 1 {
                format!("[\n{}\n]", entries.join(",\n"))
            } else {
                entries.join("\n\n")
            }
        }
        r => r
            .sources()
            .iter()
            .filter_map(|s| {
                let source = index.resolve(&s.source).and_then(source_of)?;
                Some(format!("“{}”\n{}", s.quote, cite(source, style).trim_end()))
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    sanitize::for_clipboard(&text)
}
