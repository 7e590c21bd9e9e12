//! The scriptable subcommands: search, show, cite, marks, export, path, check. Each is a thin
//! caller of the library that returns its text or an error with an exit code; `main` prints it.

mod check;
mod cite;
mod export;
mod marks;
mod path;
mod search;
mod show;

pub use check::{Checked, check};
pub use cite::{Cited, MarkedBibliography, cite, cite_marked};
pub use export::{csv_file_name, export};
pub use marks::{NO_MARKS, marks, marks_to_cite, marks_to_list};
pub use path::path;
pub use search::search;
pub use show::show;

use crate::index::Index;
use crate::sanitize;
use crate::validate::closest;
use serde_json::Value;
use std::fmt::Write;

/// What a subcommand produced: text for stdout, or an error message and exit code.
pub type Outcome = Result<String, (String, i32)>;

/// Exit code for an id that is not in the dataset.
pub const UNKNOWN_ID: i32 = 2;

/// Looks an id up, or explains which ids are close.
pub fn find(index: &Index, id: &str) -> Result<usize, (String, i32)> {
    index.get(id).ok_or_else(|| {
        let ids = index.records.iter().map(|r| r.id().as_str());
        let near = closest(id, ids);
        let mut msg = format!("no record has the id `{}`", sanitize::line(id));
        if !near.is_empty() {
            let _ = write!(msg, "; did you mean: {}?", near.join(", "));
        } else {
            msg.push_str("; try `ngo-atlas search` to find it");
        }
        (msg, UNKNOWN_ID)
    })
}

pub(crate) fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
