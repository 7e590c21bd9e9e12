//! The data files of a directory: listed once, each opened once (never through a link, never a
//! FIFO or a device), then read in parts of whole records so that no file is ever in memory all
//! at once.

use crate::data::dataset::{DataFile, Problem};
use crate::data::limits::{MAX_FILE_BYTES, file_too_large};
use crate::data::model::Kind;
use crate::ingest::safe_file::{self, Refused};
use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;

/// Bytes read at a time, and about the size of a part handed to a parsing thread.
pub(super) const PART: usize = 2 << 20;

/// A data file to parse: its name as shown in messages, its kind, and where its bytes are.
pub(super) struct Input<'a> {
    pub name: String,
    pub kind: Kind,
    pub bytes: Bytes<'a>,
    pub size: u64,
}

pub(super) enum Bytes<'a> {
    Memory(&'a str),
    Disk(File),
}

impl Input<'_> {
    /// The text, when it is in memory.
    pub fn memory(&self) -> Option<&str> {
        match self.bytes {
            Bytes::Memory(text) => Some(text),
            Bytes::Disk(_) => None,
        }
    }

    /// The whole text again (to parse it whole, or to point at a problem in it).
    pub fn whole(&mut self) -> Result<Cow<'_, str>, String> {
        match &mut self.bytes {
            Bytes::Memory(text) => Ok(Cow::Borrowed(text)),
            Bytes::Disk(file) => {
                file.rewind()
                    .map_err(|e| format!("cannot read the file: {e}"))?;
                let mut bytes = Vec::with_capacity(self.size as usize);
                file.take(MAX_FILE_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| format!("cannot read the file: {e}"))?;
                if bytes.len() as u64 > MAX_FILE_BYTES {
                    return Err(file_too_large(bytes.len() as u64));
                }
                String::from_utf8(bytes).map(Cow::Owned).map_err(|_| {
                    "the file changed while it was read: not UTF-8 text any more".into()
                })
            }
        }
    }
}

fn at(file: String, message: String) -> Problem {
    Problem {
        file,
        line: 1,
        col: 1,
        record: None,
        message,
    }
}

/// The kind whose data file is called `name` (`people.yaml`), if any.
pub(super) fn kind_of_file(name: &str) -> Option<Kind> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    Kind::ALL.into_iter().find(|k| k.file_name() == base)
}

/// In-memory data files as inputs; a file not named after a kind is skipped.
pub(super) fn in_memory(files: &[DataFile]) -> Vec<Input<'_>> {
    files
        .iter()
        .filter_map(|f| {
            Some(Input {
                name: f.name.clone(),
                kind: kind_of_file(&f.name)?,
                bytes: Bytes::Memory(&f.text),
                size: f.text.len() as u64,
            })
        })
        .collect()
}

/// Lists a data directory once and opens its data files: one `<kinds>.yaml` per kind. Other
/// files (a README) are left alone, with two exceptions that would otherwise load a dataset
/// silently missing a kind: an unknown `.yaml` file is an error, as it is most likely a
/// misnamed one, and so is a file named after a kind (`people.json`, `people.yaml.bak`) when
/// that kind's `.yaml` file is absent. Hidden files and folders are ignored. A data file that
/// is a link, not a plain file, too large, or gone by the time it is opened is a problem.
pub(super) fn open_dir(dir: &Path) -> Result<Vec<Input<'static>>, Vec<Problem>> {
    let shown = dir.display().to_string();
    let expected: Vec<&str> = Kind::ALL.iter().map(|k| k.file_name()).collect();
    let holding = || format!("--data names a directory holding {}", expected.join(", "));
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![at(shown, format!("no such directory: {}", holding()))]);
        }
        Ok(m) if !m.is_dir() => {
            return Err(vec![at(shown, format!("not a directory: {}", holding()))]);
        }
        _ => {}
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        vec![at(
            shown.clone(),
            format!("cannot read the data directory: {e}"),
        )]
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    open_listed(dir, &names)
}

/// Opens the data files among `names`, as listed once from `dir`: a file is matched by its
/// name, and one gone by the time it is opened is a problem like any other.
fn open_listed(dir: &Path, names: &[String]) -> Result<Vec<Input<'static>>, Vec<Problem>> {
    let shown = dir.display().to_string();
    let expected: Vec<&str> = Kind::ALL.iter().map(|k| k.file_name()).collect();
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let path = dir.join(name);
        let shown = path.display().to_string();
        if name.starts_with('.') {
            continue;
        }
        let Some(kind) = kind_of_file(name) else {
            if let Some(p) = stray(name, names, &expected) {
                problems.push(at(shown, p));
            }
            continue;
        };
        match safe_file::open(&path, false, MAX_FILE_BYTES) {
            Ok((file, size)) => inputs.push(Input {
                name: shown,
                kind,
                bytes: Bytes::Disk(file),
                size,
            }),
            Err(refused) => problems.push(at(shown, refusal(refused))),
        }
    }
    if inputs.is_empty() && problems.is_empty() {
        problems.push(at(
            shown,
            "no data files here: expected sources.yaml, organizations.yaml, people.yaml, \
             places.yaml, events.yaml, programmes.yaml and statistics.yaml"
                .to_string(),
        ));
    }
    if problems.is_empty() {
        Ok(inputs)
    } else {
        Err(problems)
    }
}

/// Why a data file was not opened, in words.
fn refusal(refused: Refused) -> String {
    match refused {
        Refused::NotFound => {
            "the file disappeared while the dataset was being read: check again".to_string()
        }
        Refused::Link => "a symbolic link: data files must be plain files inside the \
                          directory (links are not followed); copy the file here instead"
            .to_string(),
        Refused::NotPlain(what) => {
            format!("not a regular file ({what}): a data file must be a plain file")
        }
        Refused::TooLarge(size) => file_too_large(size),
        Refused::Io(e) => format!("cannot read the file: {e}"),
    }
}

/// The problem with a file that is not a data file, if it looks like one that was meant to be.
fn stray(name: &str, names: &[String], expected: &[&str]) -> Option<String> {
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        let hint = match crate::ingest::validate::closest(name, expected.iter().copied()).first() {
            Some(near) => format!("did you mean `{near}`? Expected one of "),
            None => "expected one of ".to_string(),
        };
        return Some(format!(
            "unknown data file `{name}`: {hint}{}",
            expected.join(", ")
        ));
    }
    let meant = expected.iter().find(|e| {
        let stem = e.trim_end_matches(".yaml");
        name.to_lowercase().starts_with(&format!("{stem}.")) && !names.iter().any(|n| n == *e)
    })?;
    Some(format!(
        "`{name}` is not read, and there is no `{meant}`: only YAML files named after their \
         kind are data files. Rename or convert it to `{meant}` (JSON is valid YAML), or move \
         it out of the directory"
    ))
}

/// The problem of bytes that are not UTF-8, at the first bad byte; `offset` and `line` are
/// where `bytes` start in the file.
pub(super) fn not_utf8(
    name: &str,
    bytes: &[u8],
    valid: usize,
    offset: usize,
    line: usize,
) -> Problem {
    let before = &bytes[..valid];
    let lines = memchr::memchr_iter(b'\n', before).count();
    let col = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
    Problem {
        file: name.to_string(),
        line: line + lines,
        col,
        record: None,
        message: format!(
            "the file is not UTF-8 text (invalid byte 0x{:02x} at offset {})",
            bytes[valid],
            offset + valid
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_vanished_after_the_listing_is_a_problem_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sources.yaml"), "[]\n").unwrap();
        // Listed, then deleted before it was opened.
        let names = vec!["people.yaml".to_string(), "sources.yaml".to_string()];
        let problems = match open_listed(dir.path(), &names) {
            Err(p) => p,
            Ok(_) => panic!("a vanished file must be a problem"),
        };
        assert_eq!(problems.len(), 1);
        assert!(problems[0].file.ends_with("people.yaml"));
        assert!(
            problems[0].message.starts_with("the file disappeared"),
            "{}",
            problems[0].message
        );
    }
}
