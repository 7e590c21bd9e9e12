//! The one door to YAML: a data file's text in, its list items as typed values out, or
//! problems in the project's own words. Nothing else in the crate reads YAML, so the parser can
//! be replaced here alone.
//!
//! A file is read in parts of whole top-level items (`- ` at column 0 starts one), so that one
//! bad record does not hide the others and parts can be parsed on several threads. Each item
//! goes first to [`fast`], a parser for the plain YAML that datasets are written in, which
//! builds a small tree that [`de`] hands to serde. Whatever it is unsure of goes to serde_yaml,
//! after [`scan`] has walked it with libyaml to check the limits. A file that is not a plain
//! block list (a JSON array, a `---` header), or in which the items cannot be told apart by
//! their `- ` lines, is walked whole and each item handed to serde_yaml by its exact span.
//!
//! No path parses a whole file into memory at once: a record's tree is bounded by
//! [`Limits::record_nodes`], and serde_yaml only ever sees one item.

mod whole;
pub use whole::parse_whole;
mod part;
pub use part::parse_part;
mod de;
mod fast;
mod scan;
mod words;

use crate::data::limits::thousands;
use serde::de::DeserializeOwned;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// How much one file may hold; see `crate::data::limits` for the values and why.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Deepest nesting of lists and mappings, the top-level list included.
    pub depth: usize,
    /// Longest text, in bytes once unescaped.
    pub text_bytes: usize,
    /// Most nodes (each list, mapping, key and value counts one) in one record.
    pub record_nodes: usize,
    /// Most nodes in one file, what aliases expand to included.
    pub file_nodes: u64,
    /// Most nodes that aliases may add to one file.
    pub alias_nodes: u64,
    /// Most records in one file.
    pub records: usize,
    /// Problems after which parsing stops.
    pub problems: usize,
}

impl Default for Limits {
    fn default() -> Self {
        use crate::data::limits::*;
        Limits {
            depth: MAX_DEPTH,
            text_bytes: MAX_TEXT_BYTES,
            record_nodes: MAX_RECORD_NODES,
            file_nodes: MAX_FILE_NODES,
            alias_nodes: MAX_ALIAS_NODES,
            records: MAX_RECORDS,
            problems: MAX_PROBLEMS,
        }
    }
}

impl Limits {
    fn depth_message(&self) -> String {
        format!(
            "lists and mappings nested more than {} deep, the most allowed (a record needs 5)",
            self.depth
        )
    }

    fn text_message(&self, key: &str, len: usize) -> String {
        let what = if key.is_empty() || key.len() > 200 {
            "a text is".to_string()
        } else {
            format!("`{}` is", crate::text::sanitize::line(key))
        };
        format!(
            "{what} {} bytes long; one text may be at most {} bytes ({} KiB)",
            thousands(len as u64),
            thousands(self.text_bytes as u64),
            self.text_bytes / 1024
        )
    }

    fn record_nodes_message(&self) -> String {
        format!(
            "the record holds more than {} values (each list, mapping, key and text counts \
             one), the most one record may hold",
            thousands(self.record_nodes as u64)
        )
    }

    fn memory_message(&self) -> String {
        format!(
            "the file's records would take more than {} times its size in memory (or 1.75 GiB): \
             it holds too many values for its size (long lists of one-letter items?)",
            MEMORY_PER_BYTE
        )
    }

    fn file_nodes_message(&self) -> String {
        format!(
            "the file holds more than {} values (each list, mapping, key and text counts one), \
             the most one file may hold: split the file's records into another dataset",
            thousands(self.file_nodes)
        )
    }

    fn alias_message(&self) -> String {
        format!(
            "aliases (`*name`) expand to more than {} values in a record, or {} in a file, \
             the most allowed: a YAML \"billion laughs\"?",
            thousands(self.record_nodes as u64),
            thousands(self.alias_nodes)
        )
    }
}

/// What a document is at its root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Nothing, or only comments, or `~`.
    #[default]
    Empty,
    List,
    Other,
}

/// One record: its value, the 1-based line its item starts on and its bytes in the file.
#[derive(Debug)]
pub struct Item<T> {
    pub value: T,
    pub line: usize,
    pub span: Range<usize>,
}

/// A problem, at a 1-based line and column of the file, in the record it is in if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub line: usize,
    pub col: usize,
    pub record: Option<String>,
    pub message: String,
}

/// What part of a file gave.
#[derive(Debug)]
pub struct Parsed<T> {
    pub items: Vec<Item<T>>,
    pub errors: Vec<Error>,
    /// Whether it stopped before its end because the problems reached their limit.
    pub cut_short: bool,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            items: Vec::new(),
            errors: Vec::new(),
            cut_short: false,
        }
    }
}

/// The items of this part cannot be told apart by their `- ` lines (or hold a syntax error):
/// the file must be read whole with [`parse_whole`].
#[derive(Debug, PartialEq, Eq)]
pub struct Resync;

/// What is shared by the parts of one file, which may be parsed on different threads, and by
/// all files: counts that the limits apply to.
#[derive(Debug, Default)]
pub struct Counts {
    /// Nodes in this file so far, and nodes that its aliases added.
    pub nodes: AtomicU64,
    pub expanded: AtomicU64,
    /// Memory the file's records take so far, as [`cost`] counts it, and how much they may
    /// take (0: no budget).
    pub memory: AtomicU64,
    pub budget: u64,
}

impl Counts {
    /// The counts of a file of `size` bytes, whose records may take [`MEMORY_PER_BYTE`] times
    /// its size in memory, plus [`MEMORY_ALLOWANCE`], and never more than [`MEMORY_MOST`].
    pub fn for_file(size: u64) -> Counts {
        Counts {
            budget: (size.saturating_mul(MEMORY_PER_BYTE) + MEMORY_ALLOWANCE).min(MEMORY_MOST),
            ..Counts::default()
        }
    }

    /// Charges a record's memory; false once the file's records are over their budget.
    fn charge(&self, bytes: u64) -> bool {
        let before = self.memory.fetch_add(bytes, Ordering::Relaxed);
        self.budget == 0 || before + bytes <= self.budget
    }
}

/// How many times its size a file's records may take in memory (as [`cost`] counts it), what
/// any file may take besides, and the most any file may take: what keeps one file under 2 GB.
/// Records like the synthetic ones count 2 to 3 times their text, terse ones (a name, a short
/// summary, one short quote) 6 to 7; a list of one-letter items 28.
pub const MEMORY_PER_BYTE: u64 = 8;
pub const MEMORY_ALLOWANCE: u64 = 64 << 20;
pub const MEMORY_MOST: u64 = 1792 << 20;

/// What a record is taken to cost in memory: its struct and origin, for every value (not the
/// keys, which are not kept) an allocation of at least 32 bytes, for every list item the 24
/// bytes of its place in the list, and the text. About a third over what a record of the
/// synthetic data really takes; exact for a list of one-letter texts.
fn cost<T>(values: u64, items: u64, text: u64) -> u64 {
    (std::mem::size_of::<T>() + 64) as u64 + values * 32 + items * 24 + text
}

/// Where a part of a file starts: its byte offset and 1-based line in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    pub offset: usize,
    pub line: usize,
}

/// How a file begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// Blank lines and comments, then the first item at this offset.
    Items(usize),
    /// Only blank lines and comments.
    Empty,
    /// Something else first: the file must be read whole.
    Other,
}

/// How `text` (without a byte-order mark) begins.
pub fn head(text: &str) -> Head {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_item(line.as_bytes()) {
            return Head::Items(offset);
        }
        let body = line.trim_start_matches(' ').trim_end_matches(['\n', '\r']);
        if !(body.is_empty() || body.starts_with('#')) {
            return Head::Other;
        }
        offset += line.len();
    }
    Head::Empty
}

/// Whether a line starts a top-level item: `-` at column 0, then a space or the line's end.
fn is_item(line: &[u8]) -> bool {
    line.first() == Some(&b'-') && matches!(line.get(1), None | Some(b' ' | b'\n' | b'\r'))
}

/// The start of the last top-level item in `bytes` after its first byte, where a part may be
/// cut so that it holds whole items; `None` if there is none.
pub fn last_item_start(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    while let Some(nl) = memchr::memrchr(b'\n', &bytes[..end]) {
        if is_item(&bytes[nl + 1..]) {
            return Some(nl + 1);
        }
        end = nl;
    }
    None
}

/// Offsets and 0-based line numbers of the top-level items of a part that starts with one.
fn items(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = vec![(0, 0)];
    let mut line = 0;
    let mut at = 0;
    while let Some(nl) = memchr::memchr(b'\n', &b[at..]) {
        at += nl + 1;
        line += 1;
        if is_item(&b[at..]) {
            out.push((at, line));
        }
    }
    out
}

/// Line and column (1-based, in characters) of a byte offset in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = 1 + memchr::memchr_iter(b'\n', before).count();
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let col = 1 + String::from_utf8_lossy(&before[start..]).chars().count();
    (line, col)
}

/// The `id:` of an item's text, so that its problems can name it even when it did not parse.
pub fn record_id(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let l = l.trim_start_matches(['-', ' ']);
        l.strip_prefix("id:")
            .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty() && v.len() <= crate::data::limits::MAX_ID_BYTES)
    })
}

/// The message for a file with no records.
pub const EMPTY: &str =
    "the file holds no records: write `[]` if it is meant to be empty, or remove it";

/// The id of the top-level record that `line` (1-based) falls in, if it has one.
fn record_at(text: &str, line: usize) -> Option<String> {
    let starts = items(text);
    let i = starts.iter().rposition(|&(_, l)| l < line)?;
    let end = starts.get(i + 1).map_or(text.len(), |s| s.0);
    record_id(&text[starts[i].0..end])
}

#[cfg(test)]
mod tests;
