//! `ngo-atlas marks`: the collections of marks with their notes, as the explorer keeps them,
//! and the reading of the marks file that `marks` and `cite --marked` share. The marks are read
//! before the dataset is loaded, so that a mistake in them is reported at once rather than after
//! loading a million records.

use super::Outcome;
use crate::data::index::Index;
use crate::prefs::marks::{Mark, Marks};
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;

/// Exit code when there are no marks to use: the file cannot be read, or the collection asked
/// for is unknown or (for citing) empty.
pub const NO_MARKS: i32 = 1;

/// The marks for `ngo-atlas marks`: the file must be readable (a missing one is the default
/// collection, empty), and `collection`, when given, must exist. A file that had to be repaired
/// is read, the repairs left in [`Marks::take_problem`] for standard error.
pub fn marks_to_list(
    path: Option<&Path>,
    collection: Option<&str>,
) -> Result<Marks, (String, i32)> {
    let marks = read(path)?;
    if let Some(name) = collection {
        marks.name_of(name).map_err(|r| (r.to_string(), NO_MARKS))?;
    }
    Ok(marks)
}

/// The marks for `ngo-atlas cite --marked`: as [`marks_to_list`], and the collection (by
/// default the current one) must hold marks.
pub fn marks_to_cite(
    path: Option<&Path>,
    collection: Option<&str>,
) -> Result<Marks, (String, i32)> {
    let marks = marks_to_list(path, collection)?;
    let name = collection.unwrap_or(marks.current());
    if marks.marks_in(name).is_ok_and(<[Mark]>::is_empty) {
        return Err((empty(&marks, name), NO_MARKS));
    }
    Ok(marks)
}

fn read(path: Option<&Path>) -> Result<Marks, (String, i32)> {
    let Some(path) = path else {
        return Err((
            "there is no marks file: neither $XDG_DATA_HOME nor $HOME is set, so the explorer keeps \
             marks for the session only"
                .to_string(),
            NO_MARKS,
        ));
    };
    Marks::read(path).map_err(|problem| (problem, NO_MARKS))
}

/// Why an empty collection cannot be cited, naming the collections there are.
pub(super) fn empty(marks: &Marks, name: &str) -> String {
    let name = marks.name_of(name).unwrap_or(name);
    let others: Vec<String> = marks
        .collections()
        .iter()
        .map(|c| format!("“{}” ({})", c.name, count(c.marks)))
        .collect();
    format!(
        "nothing to cite: the collection “{name}” has no marks; mark records in the explorer, or \
         choose a collection with --collection (the collections are {})",
        others.join(", ")
    )
}

/// "no marks", "1 mark", "3 marks".
pub(super) fn count(n: usize) -> String {
    match n {
        0 => "no marks".to_string(),
        1 => "1 mark".to_string(),
        n => format!("{n} marks"),
    }
}

/// Lists every collection, or only `collection`, with its marks and their notes; a mark whose
/// record is not in the dataset is listed as missing, under the name it had when last seen.
pub fn marks(index: &Index, marks: &Marks, collection: Option<&str>, json: bool) -> Outcome {
    let only = match collection {
        Some(name) => Some(marks.name_of(name).map_err(|r| (r.to_string(), NO_MARKS))?),
        None => None,
    };
    let shown: Vec<_> = marks
        .collections()
        .into_iter()
        .filter(|c| only.is_none_or(|name| name == c.name))
        .collect();
    if json {
        let listed = Listed {
            file: marks.path().map(|p| p.display().to_string()),
            current: marks.current(),
            collections: shown
                .iter()
                .map(|c| ListedCollection {
                    name: c.name,
                    default: c.default,
                    current: c.current,
                    marks: marks
                        .marks_in(c.name)
                        .unwrap_or_default()
                        .iter()
                        .map(|m| ListedMark::new(index, m))
                        .collect(),
                })
                .collect(),
        };
        // Typed rather than a `serde_json::Value` tree: no map per mark for a long collection,
        // and the keys come out in the order a reader expects (file, current, collections).
        let mut text = serde_json::to_string_pretty(&listed).map_err(|e| (e.to_string(), 1))?;
        text.push('\n');
        return Ok(text);
    }
    let mut out = String::new();
    for (i, c) in shown.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let current = if c.current { " (current)" } else { "" };
        let _ = writeln!(out, "{}{current}: {}", c.name, count(c.marks));
        for m in marks.marks_in(c.name).unwrap_or_default() {
            let _ = match index.get(&m.id) {
                Some(r) => {
                    let r = index.record(r);
                    writeln!(out, "  {}  {} ({})", m.id, r.name(), r.kind())
                }
                None => writeln!(out, "  {}  {}: missing from this dataset", m.id, m.name),
            };
            if let Some(note) = &m.note {
                let _ = writeln!(out, "      note: {note}");
            }
        }
    }
    Ok(out)
}

/// What `marks --json` prints.
#[derive(Serialize)]
struct Listed<'a> {
    file: Option<String>,
    current: &'a str,
    collections: Vec<ListedCollection<'a>>,
}

#[derive(Serialize)]
struct ListedCollection<'a> {
    name: &'a str,
    default: bool,
    current: bool,
    marks: Vec<ListedMark<'a>>,
}

#[derive(Serialize)]
struct ListedMark<'a> {
    id: &'a str,
    /// The record's name in the dataset, else the name it had when last seen.
    name: &'a str,
    /// `None` when the record is missing.
    kind: Option<&'static str>,
    note: Option<&'a str>,
    missing: bool,
}

impl<'a> ListedMark<'a> {
    fn new(index: &'a Index, m: &'a Mark) -> ListedMark<'a> {
        let record = index.get(&m.id).map(|r| index.record(r));
        ListedMark {
            id: &m.id,
            name: record.map_or(m.name.as_str(), |r| r.name()),
            kind: record.map(|r| r.kind().word()),
            note: m.note.as_deref(),
            missing: record.is_none(),
        }
    }
}
