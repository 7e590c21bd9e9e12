//! The command line: its arguments (`args`), what runs them (`run`), how output is written
//! (`output`), and the scriptable subcommands, search, quotes, show, cite, marks, export, path,
//! check: each a thin caller of the library that returns its text or an error with an exit code.

pub mod args;
mod check;
mod cite;
mod export;
mod marks;
mod memo;
mod output;
mod path;
mod quotes;
mod run;
mod search;
mod show;

pub use crate::prefs::marks::memo::Markup;
pub use check::{Checked, check};
pub use cite::{Cited, Form, MarkedBibliography, cite, cite_in_text, cite_marked};
pub use export::{ExportOptions, csv_file_name, export};
pub use marks::{NO_MARKS, marks, marks_to_cite, marks_to_list};
pub use memo::memo;
pub use output::clap_error;
pub use path::path;
pub use quotes::{Format as QuoteFormat, NO_QUOTE, quotes, quotes_of};
pub use run::run;
pub use search::{BAD_QUERY, Listing, NO_MATCH, SearchOptions, check_query, search};
pub use show::show;

use crate::data::index::Index;
use crate::ingest::validate::closest;
use crate::query::search::fold::fold;
use crate::text::sanitize;
use serde_json::Value;
use std::fmt::Write;

/// What a subcommand produced: text for stdout, or an error message and exit code.
pub type Outcome = Result<String, (String, i32)>;

/// Exit code for an id that is not in the dataset.
pub const UNKNOWN_ID: i32 = 2;

/// Looks a record up: by its id as written or in any case (`TAN-WEIPING`), else by its exact
/// name or, failing that, alias, case and accents aside (`'Tan Weiping'`); when none fits,
/// explains which ids are close.
pub fn find(index: &Index, id: &str) -> Result<usize, (String, i32)> {
    if let Some(i) = index.get(id).or_else(|| index.get(&fold(id.trim()))) {
        return Ok(i);
    }
    let wanted = fold(id);
    let wanted: Vec<&str> = wanted.split_whitespace().collect();
    if !wanted.is_empty() {
        let named: Vec<usize> = (0..index.len())
            .filter(|&i| same_words(index.record(i).name(), &wanted))
            .collect();
        let named = if named.is_empty() {
            (0..index.len())
                .filter(|&i| {
                    let r = index.record(i);
                    r.aliases().iter().any(|a| same_words(a, &wanted))
                })
                .collect()
        } else {
            named
        };
        match named[..] {
            [i] => return Ok(i),
            [] => {}
            _ => {
                let ids: Vec<&str> = named
                    .iter()
                    .take(10)
                    .map(|&i| index.record(i).id().as_str())
                    .collect();
                let more = if named.len() > ids.len() { ", …" } else { "" };
                let msg = format!(
                    "{} records are called `{}`: {}{more}; give the id",
                    named.len(),
                    sanitize::line(id.trim()),
                    ids.join(", ")
                );
                return Err((msg, UNKNOWN_ID));
            }
        }
    }
    let ids = index.records.iter().map(|r| r.id().as_str());
    let near = closest(id, ids);
    let mut msg = format!("no record has the id `{}`", sanitize::line(id));
    if !near.is_empty() {
        let _ = write!(msg, "; did you mean: {}?", near.join(", "));
    } else {
        msg.push_str("; try `ngo-atlas search` to find it");
    }
    Err((msg, UNKNOWN_ID))
}

/// Are the words of `text`, folded, the `wanted` ones?
fn same_words(text: &str, wanted: &[&str]) -> bool {
    if text.is_ascii() {
        let mut words = text.split_whitespace();
        return wanted
            .iter()
            .all(|w| words.next().is_some_and(|t| t.eq_ignore_ascii_case(w)))
            && words.next().is_none();
    }
    fold(text).split_whitespace().eq(wanted.iter().copied())
}

pub(crate) fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
