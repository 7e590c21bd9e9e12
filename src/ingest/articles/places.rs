//! Where records and their fields are in the data files, for messages about quotes: found by
//! reading the YAML text again, only once something has failed.

use crate::data::model::Kind;
use crate::ingest::load::DataFile;
use std::collections::HashMap;

/// Where in the data files something is, as `file:line:col`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub col: usize,
}

/// Finds where records and their fields are in the data files, for messages. The files are read
/// and indexed on first use: a dataset whose quotes all check out never needs them.
pub(super) struct Places<'a> {
    read: &'a dyn Fn() -> Vec<DataFile>,
    files: Vec<DataFile>,
    records: Option<HashMap<String, Span>>,
}

/// Where a record is: its file, the byte range of its text, the line of its `- `.
#[derive(Clone)]
struct Span {
    file: usize,
    range: std::ops::Range<usize>,
    line: usize,
}

impl<'a> Places<'a> {
    pub(super) fn new(read: &'a dyn Fn() -> Vec<DataFile>) -> Self {
        Places {
            read,
            files: Vec::new(),
            records: None,
        }
    }

    fn record(&mut self, kind: Kind, id: &str) -> Option<Span> {
        if self.records.is_none() {
            self.files = (self.read)();
            let mut map = HashMap::new();
            for (f, file) in self.files.iter().enumerate() {
                for (range, line) in items(&file.text) {
                    if let Some(id) = item_id(&file.text[range.clone()]) {
                        map.entry(id.to_string()).or_insert(Span {
                            file: f,
                            range,
                            line,
                        });
                    }
                }
            }
            self.records = Some(map);
        }
        let found = self.records.as_ref()?.get(id)?.clone();
        // Only trust a match in the file of the record's kind (ids are unique across files, but a
        // quote may contain `id: x`).
        let name = &self.files[found.file].name;
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        (base == kind.file_name()).then_some(found)
    }

    fn at(&self, file: usize, text_start: usize, offset: usize, line: usize) -> Location {
        let text = &self.files[file].text;
        let before = &text[text_start..offset];
        Location {
            file: self.files[file].name.clone(),
            line: line + before.matches('\n').count(),
            col: 1 + before.rsplit('\n').next().unwrap_or("").chars().count(),
        }
    }

    fn fallback(&self, kind: Kind) -> Location {
        let file = self
            .files
            .iter()
            .find(|f| f.name.ends_with(kind.file_name()))
            .map_or(kind.file_name().to_string(), |f| f.name.clone());
        Location {
            file,
            line: 1,
            col: 1,
        }
    }

    /// The value of a record's `key` (e.g. `text_file:`), or the record's start.
    pub(super) fn field(&mut self, kind: Kind, id: &str, key: &str) -> Location {
        let Some(Span {
            file: f,
            range,
            line,
        }) = self.record(kind, id)
        else {
            return self.fallback(kind);
        };
        let chunk = &self.files[f].text[range.clone()];
        let at = keys(chunk, key)
            .next()
            .map_or(range.start, |k| range.start + value_at(chunk, k));
        self.at(f, range.start, at, line)
    }

    /// The value of the record's `nth` quote, counted in its `sources` list.
    pub(super) fn quote(&mut self, kind: Kind, id: &str, nth: usize) -> Location {
        let Some(Span {
            file: f,
            range,
            line,
        }) = self.record(kind, id)
        else {
            return self.fallback(kind);
        };
        let chunk = &self.files[f].text[range.clone()];
        let sources = keys(chunk, "sources:").last().unwrap_or(0);
        let at = keys(&chunk[sources..], "quote:")
            .nth(nth)
            .map_or(range.start, |k| {
                range.start + sources + value_at(&chunk[sources..], k)
            });
        self.at(f, range.start, at, line)
    }
}

impl Places<'_> {
    /// Where the word at `word` (bytes of `sentence`) is in the value of the record's `key`
    /// (`summary:`), the value's line breaks and indentation read as spaces; the value's start
    /// when the text differs (an escape in a quoted string), the record's when there is no key.
    pub(super) fn word(
        &mut self,
        kind: Kind,
        id: &str,
        key: &str,
        sentence: &str,
        word: std::ops::Range<usize>,
    ) -> Location {
        let Some(Span {
            file: f,
            range,
            line,
        }) = self.record(kind, id)
        else {
            return self.fallback(kind);
        };
        let chunk = &self.files[f].text[range.clone()];
        let Some(k) = keys(chunk, key).next() else {
            return self.at(f, range.start, range.start, line);
        };
        let value = value_at(chunk, k);
        let end = value_end(chunk, k);
        let at = find_loose(&chunk[value..end], &sentence[..word.end])
            .map_or(value, |found| value + found - word.len());
        self.at(f, range.start, range.start + at, line)
    }
}

/// Where the value of the key at `k` ends: at the next line indented no deeper than the key (the
/// next field), or at the end of the line for a key inside a flow mapping.
fn value_end(chunk: &str, k: usize) -> usize {
    let line_start = chunk[..k].rfind('\n').map_or(0, |i| i + 1);
    let line_end = chunk[k..].find('\n').map_or(chunk.len(), |i| k + i);
    let indent = k - line_start;
    if chunk[line_start..k].contains('{') {
        return line_end;
    }
    let mut at = line_end;
    while at < chunk.len() {
        let next = chunk[at + 1..]
            .find('\n')
            .map_or(chunk.len(), |i| at + 1 + i);
        let line = &chunk[at + 1..next];
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if !line.trim().is_empty() && spaces <= indent {
            return at;
        }
        at = next;
    }
    chunk.len()
}

/// The end of the first place where `needle`'s words follow each other in `hay` with any white
/// space between them.
fn find_loose(hay: &str, needle: &str) -> Option<usize> {
    let mut parts = needle.split_whitespace();
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    'start: for (at, _) in hay.match_indices(first) {
        let mut p = at + first.len();
        for part in &rest {
            let after = &hay[p..];
            let gap = after.len() - after.trim_start().len();
            if gap == 0 || !after[gap..].starts_with(part) {
                continue 'start;
            }
            p += gap + part.len();
        }
        return Some(p);
    }
    None
}

/// Byte ranges of each top-level list item (`- ` at column 0) with the 1-based line it starts on.
fn items(text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if body == "-" || body.starts_with("- ") {
            starts.push((offset, n + 1));
        }
        offset += line.len();
    }
    let ends = starts.iter().skip(1).map(|s| s.0).chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&(start, line), end)| (start..end, line))
        .collect()
}

/// The `id` of a list item, block (`- id: x`) or flow (`- {id: x, ...}`) style.
fn item_id(chunk: &str) -> Option<&str> {
    chunk.lines().find_map(|l| {
        let l = l.trim_start_matches(['-', ' ', '{']);
        let v = l.strip_prefix("id:")?.trim_start();
        let end = v.find([',', '}', '#']).unwrap_or(v.len());
        let v = v[..end].trim().trim_matches(['"', '\'']);
        (!v.is_empty()).then_some(v)
    })
}

/// Offsets of `key` used as a mapping key: at a line's start after indentation or `- `, or after
/// `{` or `, ` in a flow mapping.
fn keys<'t>(text: &'t str, key: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(key).map(|(i, _)| i).filter(move |&i| {
        let before = text[..i].trim_end_matches(' ');
        before.is_empty() || before.ends_with(['\n', '{', ',', '-'])
    })
}

/// The offset where the value after the key at `k` starts.
fn value_at(chunk: &str, k: usize) -> usize {
    let after = &chunk[k..];
    let colon = after.find(':').map_or(0, |c| c + 1);
    let spaces = after[colon..].len() - after[colon..].trim_start_matches(' ').len();
    k + colon + spaces
}
