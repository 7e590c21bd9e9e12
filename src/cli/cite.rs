//! `ngo-atlas cite`: the citation of a record's sources, or one bibliography for several records,
//! for a collection of marks or for every source.

use super::{Outcome, find};
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::record::Record;
use crate::prefs::marks::{Mark, Marks};
use crate::query::cite::{
    Style, bibliography, chicago_note, for_ids, for_record, in_text_for_record, quote_line,
    sources_of,
};
use crate::text::sanitize;
use std::fmt::Write;

/// What to cite: one record as today (a source's citation, or each quote of a record with its
/// source's citation), several records as one deduplicated bibliography, or every source.
pub enum Cited<'a> {
    Ids(&'a [String]),
    All,
}

/// Exit code when there is nothing to cite.
pub const NOTHING: i32 = 1;

pub fn cite(index: &Index, what: Cited, style: Style) -> Outcome {
    let records = match &what {
        Cited::Ids([id]) => return Ok(for_record(index, find(index, id)?, style)),
        Cited::Ids(ids) => {
            let mut records = Vec::with_capacity(ids.len());
            let mut problems = Vec::new();
            for id in ids.iter() {
                match find(index, id) {
                    Ok(i) => records.push(i),
                    Err((message, _)) => problems.push(message),
                }
            }
            if !problems.is_empty() {
                return Err((problems.join("\nngo-atlas: "), super::UNKNOWN_ID));
            }
            records
        }
        Cited::All => index.of_kind(Kind::Source).to_vec(),
    };
    let sources = sources_of(index, &records);
    if sources.is_empty() {
        let why = match what {
            Cited::All => "the dataset has no source records",
            Cited::Ids(_) => "none of these records names a source",
        };
        return Err((format!("nothing to cite: {why}"), NOTHING));
    }
    Ok(sanitize::for_clipboard(&bibliography(&sources, style)))
}

/// The bibliography of a collection of marks, and what standard error should say about marks
/// whose records are not in the dataset (they are left out, not fatal).
pub struct MarkedBibliography {
    pub text: String,
    pub left_out: Option<String>,
}

/// How many marks left out are named before the rest are only counted.
const LEFT_OUT_NAMED: usize = 10;

/// `cite --marked [--collection NAME]`: the bibliography of a collection's records (by default
/// the current collection's) through [`for_ids`], every source once, in the style's order.
/// Exit code 1 for an unknown or empty collection, or when nothing in it can be cited.
pub fn cite_marked(
    index: &Index,
    marks: &Marks,
    collection: Option<&str>,
    style: Style,
) -> Result<MarkedBibliography, (String, i32)> {
    let name = match collection {
        Some(name) => marks.name_of(name),
        None => Ok(marks.current()),
    }
    .map_err(|r| (r.to_string(), NOTHING))?;
    let list = marks.marks_in(name).map_err(|r| (r.to_string(), NOTHING))?;
    if list.is_empty() {
        return Err((super::marks::empty(marks, name), NOTHING));
    }
    let cited = for_ids(index, list.iter().map(|m| m.id.as_str()), style);
    let left_out = left_out(list, &cited.unknown, name);
    if cited.sources == 0 {
        let why = if cited.unknown.len() == list.len() {
            format!("none of the records marked in “{name}” is in this dataset")
        } else {
            format!("the records marked in “{name}” name no source")
        };
        let mut message = format!("nothing to cite: {why}");
        if let Some(left_out) = left_out.filter(|_| cited.unknown.len() < list.len()) {
            message = format!("{left_out}\n{message}");
        }
        return Err((message, NOTHING));
    }
    Ok(MarkedBibliography {
        text: cited.text,
        left_out,
    })
}

/// "2 marks in “Chapter 2” are not in this dataset and are left out: `a` (A), `b` (B)".
fn left_out(list: &[Mark], unknown: &[String], collection: &str) -> Option<String> {
    if unknown.is_empty() {
        return None;
    }
    let named: Vec<String> = unknown
        .iter()
        .take(LEFT_OUT_NAMED)
        .map(|id| match list.iter().find(|m| &m.id == id) {
            Some(m) => format!("`{id}` ({})", m.name),
            None => format!("`{id}`"),
        })
        .collect();
    let mut text = match unknown.len() {
        1 => format!("1 mark in “{collection}” is not in this dataset and is left out: "),
        n => format!("{n} marks in “{collection}” are not in this dataset and are left out: "),
    };
    text.push_str(&named.join(", "));
    if unknown.len() > LEFT_OUT_NAMED {
        let _ = write!(text, ", and {} more", unknown.len() - LEFT_OUT_NAMED);
    }
    Some(text)
}

/// What `cite --in-text` and `cite --note` give instead of the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The style's in-text citation; for Chicago the short note.
    InText(Style),
    /// Chicago's first, full note.
    Note,
}

/// The in-text form or the note of each record, one block per id, a blank line between.
pub fn cite_in_text(index: &Index, ids: &[String], form: Form) -> Outcome {
    let mut blocks = Vec::with_capacity(ids.len());
    for id in ids {
        let r = find(index, id)?;
        blocks.push(match form {
            Form::InText(style) => in_text_for_record(index, r, style),
            Form::Note => note_for_record(index, r),
        });
    }
    let mut text = blocks.join("\n\n");
    text.push('\n');
    Ok(text)
}

/// A source's full Chicago note, or each quote of a record with the note of its source.
fn note_for_record(index: &Index, r: usize) -> String {
    let source = |i: usize| match index.record(i) {
        Record::Source(s) => Some(s),
        _ => None,
    };
    let text = match index.record(r) {
        Record::Source(s) => chicago_note(s),
        rec => rec
            .sources()
            .iter()
            .filter_map(|q| {
                let s = index.resolve(&q.source).and_then(source)?;
                Some(format!(
                    "{}\n{}",
                    quote_line(&q.quote, Style::Chicago),
                    chicago_note(s)
                ))
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    sanitize::for_clipboard(&text)
}
