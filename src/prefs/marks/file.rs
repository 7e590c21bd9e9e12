//! The marks file's format, JSON:
//!
//! ```json
//! {"version": 2, "current": "Chapter 2", "collections": [
//!   {"name": "Marked", "marks": [{"id": "amity-foundation", "name": "Amity Foundation"}]},
//!   {"name": "Chapter 2", "marks": [{"id": "tan-weiping", "name": "Tan Weiping", "note": "…"}]}]}
//! ```
//!
//! The first collection is the default. Version 1, from before collections
//! (`{"version": 1, "marks": [{"id", "name"}]}`), is read into the default collection, nothing
//! lost; it is written back as version 2 at the next save. A file of another version, or with a
//! field this version does not know, is not read: rewriting it would drop what it holds.
//!
//! A version-2 file edited by hand may break what the explorer keeps true (two collections of
//! one name, a note over two lines); it is repaired as it is read, each repair said in words, so
//! that the caller can keep the original.

use super::text::{self, MAX_NAME_CHARS, MAX_NOTE_CHARS};
use super::{Collection, DEFAULT_NAME, Mark, Marks};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The most collections a file may hold (and the explorer make).
pub const MAX_COLLECTIONS: usize = 1000;

/// The version written.
pub(super) const VERSION: u32 = 2;

#[derive(Deserialize)]
struct Probe {
    version: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1 {
    #[allow(dead_code)]
    version: u32,
    marks: Vec<V1Mark>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Mark {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V2 {
    #[allow(dead_code)]
    version: u32,
    current: String,
    collections: Vec<V2Collection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V2Collection {
    name: String,
    marks: Vec<Mark>,
}

/// What a file held, ready to use.
pub(super) struct Read {
    pub shelf: Vec<Collection>,
    pub current: usize,
    /// What had to be repaired, in words; empty for a file the explorer wrote.
    pub repairs: Vec<String>,
}

/// Why a file could not be read.
pub(super) enum Unreadable {
    /// Not JSON of either version: what serde said.
    NotMarks(String),
    /// A version this ngo-atlas does not read.
    Version(u32),
}

pub(super) fn parse(text: &str) -> Result<Read, Unreadable> {
    let not_marks = |e: serde_json::Error| Unreadable::NotMarks(e.to_string());
    let version = serde_json::from_str::<Probe>(text)
        .map_err(not_marks)?
        .version;
    match version {
        1 => {
            let v1: V1 = serde_json::from_str(text).map_err(not_marks)?;
            let marks = v1
                .marks
                .into_iter()
                .map(|m| Mark::new(&m.id, &m.name))
                .collect();
            let mut read = repaired(vec![(DEFAULT_NAME.to_string(), marks)], DEFAULT_NAME);
            // Version 1 never held a mark twice; if a hand did, the duplicate goes quietly,
            // as the old explorer would have shown it once.
            read.repairs.clear();
            Ok(read)
        }
        VERSION => {
            let v2: V2 = serde_json::from_str(text).map_err(not_marks)?;
            if v2.collections.len() > MAX_COLLECTIONS {
                return Err(Unreadable::NotMarks(format!(
                    "it holds {} collections; ngo-atlas keeps at most {MAX_COLLECTIONS}",
                    v2.collections.len()
                )));
            }
            let collections = v2
                .collections
                .into_iter()
                .map(|c| (c.name, c.marks))
                .collect();
            Ok(repaired(collections, &v2.current))
        }
        other => Err(Unreadable::Version(other)),
    }
}

/// The file's text for `marks`: compact, one mark to a line, so that a file of many marks is
/// no larger than the limit it is read with (pretty-printed, 150,000 marks took 21 MB) and a
/// diff still shows one line per mark.
pub(super) fn write(marks: &Marks) -> Result<String, serde_json::Error> {
    let mut text = format!(
        "{{\"version\":{VERSION},\"current\":{},\"collections\":[",
        serde_json::to_string(marks.current())?
    );
    for i in 0..marks.shelf.len() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            "\n{{\"name\":{},\"marks\":[",
            serde_json::to_string(&marks.shelf[i].name)?
        ));
        for (j, mark) in marks.marks_at(i).iter().enumerate() {
            text.push_str(if j == 0 { "\n" } else { ",\n" });
            text.push_str(&serde_json::to_string(mark)?);
        }
        text.push_str("]}");
    }
    text.push_str("]}\n");
    Ok(text)
}

/// The collections as read, made to hold what the explorer keeps true: at least one collection;
/// names on one line, not empty, capped and unique ignoring case; each record once per
/// collection; notes on one line, capped, never empty. The current collection is found by its
/// name, spelled as written first, else ignoring case.
fn repaired(collections: Vec<(String, Vec<Mark>)>, current: &str) -> Read {
    let mut repairs = Vec::new();
    let mut shelf: Vec<Collection> = Vec::with_capacity(collections.len().max(1));
    let mut current_at = collections.iter().position(|(name, _)| name == current);
    let mut taken = Taken::default();
    for (i, (written, marks)) in collections.into_iter().enumerate() {
        let name = unique_name(&written, &mut taken, &mut repairs);
        if current_at.is_none() && text::same_name(&name, &text::one_line(current)) {
            current_at = Some(i);
        }
        let marks = repaired_marks(marks, &name, &mut repairs);
        shelf.push(Collection { name, marks });
    }
    if shelf.is_empty() {
        repairs.push(format!(
            "there was no collection; “{DEFAULT_NAME}” was added"
        ));
        shelf.push(Collection::new(DEFAULT_NAME));
        if text::same_name(DEFAULT_NAME, &text::one_line(current)) {
            current_at = Some(0);
        }
    }
    let current = current_at.unwrap_or_else(|| {
        repairs.push(format!(
            "the current collection “{}” was not there; “{}” is current",
            text::cut(&text::one_line(current), MAX_NAME_CHARS),
            shelf[0].name
        ));
        0
    });
    Read {
        shelf,
        current,
        repairs,
    }
}

/// The names taken so far, folded, and for each name the next number to try after it: so that
/// a thousand collections of one name cost a thousand look-ups, not a million.
#[derive(Default)]
struct Taken {
    names: HashSet<String>,
    next: HashMap<String, usize>,
}

#[cfg(test)]
thread_local! {
    /// How many names were tried and found taken, for the test that repairs stay linear.
    pub(super) static PROBES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn folded(name: &str) -> String {
    name.chars().flat_map(char::to_lowercase).collect()
}

/// `written` as a name no earlier collection has, ignoring case.
fn unique_name(written: &str, taken: &mut Taken, repairs: &mut Vec<String>) -> String {
    let mut name = text::cut(&text::one_line(written), MAX_NAME_CHARS);
    if name.is_empty() {
        name = "Unnamed".to_string();
    }
    let base = name.clone();
    let key = folded(&base);
    while taken.names.contains(&folded(&name)) {
        #[cfg(test)]
        PROBES.with(|p| p.set(p.get() + 1));
        let n = taken.next.entry(key.clone()).or_insert(2);
        let suffix = format!(" ({n})");
        *n += 1;
        let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
        name = format!("{}{suffix}", text::cut(&base, room));
    }
    taken.names.insert(folded(&name));
    if name != written {
        repairs.push(format!("a collection named “{written}” is now “{name}”"));
    }
    name
}

fn repaired_marks(marks: Vec<Mark>, collection: &str, repairs: &mut Vec<String>) -> Vec<Mark> {
    // Where each record's mark is in `kept`.
    let mut at: HashMap<String, usize> = HashMap::with_capacity(marks.len());
    let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
    for mut mark in marks {
        if let Some(note) = mark.note.take() {
            let folded = text::cut(&text::one_line(&note), MAX_NOTE_CHARS);
            if folded != note && !folded.is_empty() {
                repairs.push(format!(
                    "the note on `{}` in “{collection}” was put on one line of at most \
                     {MAX_NOTE_CHARS} characters",
                    mark.id
                ));
            }
            mark.note = (!folded.is_empty()).then_some(folded);
        }
        let Some(&first) = at.get(&mark.id) else {
            at.insert(mark.id.clone(), kept.len());
            kept.push(mark);
            continue;
        };
        repairs.push(format!(
            "`{}` was marked twice in “{collection}”; it is kept once",
            mark.id
        ));
        if kept[first].note.is_none() {
            kept[first].note = mark.note;
        }
    }
    kept
}
