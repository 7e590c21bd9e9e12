//! The types that loading and validation share: a data file, where a record came from, a
//! problem found in a dataset, and the dataset once it is valid. `load` produces them and
//! `validate` reads them; neither imports the other for them.

use crate::data::records::Records;
use crate::data::tables::Tables;
use std::fmt;

/// One thing wrong with a dataset, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub record: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    /// One line, sanitized: file names, ids and messages quote the dataset, and a problem is
    /// printed to a terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let record = self.record.as_deref().map(|r| format!("{r}: "));
        let line = format!(
            "{}:{}:{}: {}{}",
            self.file,
            self.line,
            self.col,
            record.unwrap_or_default(),
            self.message
        );
        f.write_str(&crate::text::sanitize::line(&line))
    }
}

/// How many problems a list stands for: `1 problem`, `1,000 problems`, and past
/// [`MAX_PROBLEMS`](crate::data::limits::MAX_PROBLEMS) `more than 1,000 problems`: the list was cut
/// (its last entry says where), so its length is not the number of problems.
pub fn count(problems: &[Problem]) -> String {
    use crate::data::limits::{MAX_PROBLEMS, thousands};
    let n = problems.len();
    if n > MAX_PROBLEMS {
        format!("more than {} problems", thousands(MAX_PROBLEMS as u64))
    } else {
        format!(
            "{} problem{}",
            thousands(n as u64),
            if n == 1 { "" } else { "s" }
        )
    }
}

/// The line after a dataset's problems: how many, and that nothing was loaded.
pub fn summary(problems: &[Problem]) -> String {
    use crate::data::limits::{MAX_PROBLEMS, thousands};
    let shown = if problems.len() > MAX_PROBLEMS {
        format!(" (the first {} are shown)", thousands(MAX_PROBLEMS as u64))
    } else {
        String::new()
    };
    capitalized(&format!(
        "{} found{shown}; the dataset was not loaded.",
        count(problems)
    ))
}

/// `text` with its first letter in capitals, to start a sentence with [`count`].
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where a record came from: enough to point at any of its fields later.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: usize,
    /// 1-based line of the record's `- ` marker.
    pub line: usize,
    /// Byte range of the record's text in its file.
    pub span: std::ops::Range<usize>,
}

/// A data file as read: its name (as shown in messages) and its text.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub name: String,
    pub text: String,
}

/// A loaded, valid dataset.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub records: Records,
    /// The index's costly tables, when the load already has them (a snapshot kept them, or
    /// they were built to write one); the index builds them otherwise.
    pub tables: Option<Box<Tables>>,
    /// Whether the records were read from a snapshot of unchanged files, not parsed.
    pub from_snapshot: bool,
    /// Where a layer above may keep what it builds from exactly these records (the searcher's
    /// corpus), when they are those of a snapshot.
    pub companion: Option<Companion>,
}

/// A file beside a snapshot for what is built from its records, and the snapshot's identity
/// (this build and the data files' fingerprint, hashed): a companion written for another
/// identity is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Companion {
    pub file: std::path::PathBuf,
    pub id: u64,
    /// The most bytes it may take, as a snapshot's own bound.
    pub limit: u64,
}

impl Companion {
    /// Another companion of the same snapshot, in the file ending `.ending` instead: its id
    /// differs, so that neither is ever read for the other.
    pub fn named(&self, ending: &str) -> Companion {
        let mixed = ending.bytes().fold(self.id, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Companion {
            file: self.file.with_extension(ending),
            id: mixed,
            limit: self.limit,
        }
    }
}

/// A data file's name and text as validation reads them; the text is empty when it was let go
/// after parsing, and problems then point at their record's first line.
#[derive(Debug, Clone, Copy)]
pub struct FileText<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::limits::MAX_PROBLEMS;

    fn problems(n: usize) -> Vec<Problem> {
        let p = Problem {
            file: "people.yaml".into(),
            line: 1,
            col: 1,
            record: None,
            message: "bad".into(),
        };
        vec![p; n]
    }

    #[test]
    fn a_cut_list_is_counted_as_more_than_it_shows() {
        assert_eq!(count(&problems(2)), "2 problems");
        assert_eq!(
            count(&problems(MAX_PROBLEMS + 1)),
            "more than 1,000 problems"
        );
    }

    #[test]
    fn the_summary_counts_problems_and_says_so_when_the_list_was_cut() {
        assert_eq!(
            summary(&problems(1)),
            "1 problem found; the dataset was not loaded."
        );
        assert_eq!(
            summary(&problems(MAX_PROBLEMS)),
            "1,000 problems found; the dataset was not loaded."
        );
        // A cut list is the first 1,000 and one line saying there are more.
        assert_eq!(
            summary(&problems(MAX_PROBLEMS + 1)),
            "More than 1,000 problems found (the first 1,000 are shown); the dataset was not \
             loaded."
        );
    }
}
