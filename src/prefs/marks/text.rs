//! The one-line text a user gives the marks: names of collections and notes. Both are folded
//! onto one line rather than refused, since a pasted paragraph is still what the user meant to
//! write; what cannot be folded (a name that is left empty, text over the cap) is refused with
//! words that say what to do.

use crate::text::sanitize;
use std::fmt;

/// The longest name of a collection, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// The longest note on a mark, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// Why an operation on the collections was refused. Each reads as a sentence for the status bar
/// or the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A collection's name is empty, or only spaces and control characters.
    EmptyName,
    /// A collection's name is over [`MAX_NAME_CHARS`]: how long it is.
    NameTooLong { chars: usize },
    /// Another collection has this name, ignoring case: that collection's name.
    NameTaken(String),
    /// No collection has the name asked for: that name, and the names there are.
    Unknown { name: String, known: Vec<String> },
    /// The default collection is always kept: its name.
    Default(String),
    /// The record is not marked in the collection.
    NotMarked { id: String, collection: String },
    /// A mark moved to the collection it is already in.
    SameCollection(String),
    /// The record is also marked in the collection it moves to, with another note: moving would
    /// lose one of the two.
    NotesDiffer { id: String, collection: String },
    /// A note is over [`MAX_NOTE_CHARS`]: how long it is.
    NoteTooLong { chars: usize },
    /// There are as many collections as may be kept.
    TooMany,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |t: &str| sanitize::line(t).into_owned();
        match self {
            Refusal::EmptyName => f.write_str("a collection needs a name"),
            Refusal::NameTooLong { chars } => write!(
                f,
                "a collection's name is at most {MAX_NAME_CHARS} characters; this one has {chars}"
            ),
            Refusal::NameTaken(name) => write!(
                f,
                "there is already a collection named “{}” (names are compared ignoring case)",
                s(name)
            ),
            Refusal::Unknown { name, known } => {
                let known: Vec<String> = known.iter().map(|k| format!("“{}”", s(k))).collect();
                write!(
                    f,
                    "no collection is named “{}”; the collections are {}",
                    s(name),
                    known.join(", ")
                )
            }
            Refusal::Default(name) => write!(
                f,
                "“{}” is the default collection, which is always kept; unmark its records instead",
                s(name)
            ),
            Refusal::NotMarked { id, collection } => {
                write!(f, "`{}` is not marked in “{}”", s(id), s(collection))
            }
            Refusal::SameCollection(name) => {
                write!(f, "the mark is already in “{}”", s(name))
            }
            Refusal::NotesDiffer { id, collection } => write!(
                f,
                "`{}` is marked in “{}” too, with another note; clear one of the two notes, then move it",
                s(id),
                s(collection)
            ),
            Refusal::TooMany => write!(
                f,
                "there are {} collections, the most ngo-atlas keeps; delete one first",
                super::file::MAX_COLLECTIONS
            ),
            Refusal::NoteTooLong { chars } => write!(
                f,
                "a note is one line of at most {MAX_NOTE_CHARS} characters; this one has {chars}"
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// `s` on one line: line breaks, tabs and every other control character count as spaces, runs of
/// spaces become one, and the ends are trimmed. Everything else is kept as typed (CJK, emoji,
/// bidi controls, which [`sanitize`] makes inert wherever the text is shown).
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// A collection's name as it is kept, or why it cannot be one.
pub(super) fn collection_name(typed: &str) -> Result<String, Refusal> {
    let name = one_line(typed);
    if name.is_empty() {
        return Err(Refusal::EmptyName);
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Refusal::NameTooLong { chars });
    }
    Ok(name)
}

/// A note as it is kept (`None`: blank, which clears the note), or why it cannot be one.
pub(super) fn note(typed: &str) -> Result<Option<String>, Refusal> {
    let note = one_line(typed);
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(Refusal::NoteTooLong { chars });
    }
    Ok((!note.is_empty()).then_some(note))
}

/// Whether two names are the same ignoring case (in every script that has case).
pub(super) fn same_name(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The first `max` characters of `s`.
pub(super) fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
