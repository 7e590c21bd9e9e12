//! YAML to records. Each file is split into its top-level list items so that one bad record does
//! not hide the others: every problem is reported at once, each as `file:line:col`.

use crate::model::{Event, Kind, Organization, Person, Place, Programme, Source, Statistic};
use crate::record::Record;
use crate::validate;
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::Path;

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
        f.write_str(&crate::sanitize::line(&line))
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
pub struct DataFile {
    pub name: String,
    pub text: String,
}

/// A loaded, valid dataset.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub records: Vec<Record>,
}

/// The dataset compiled into the binary, so `ngo-atlas` works from any directory.
pub fn builtin_files() -> Vec<DataFile> {
    macro_rules! file {
        ($name:literal) => {
            DataFile {
                name: concat!("data/", $name).to_string(),
                text: include_str!(concat!("../data/", $name)).to_string(),
            }
        };
    }
    vec![
        file!("sources.yaml"),
        file!("organizations.yaml"),
        file!("people.yaml"),
        file!("places.yaml"),
        file!("events.yaml"),
        file!("programmes.yaml"),
        file!("statistics.yaml"),
    ]
}

pub fn load_builtin() -> Result<Dataset, Vec<Problem>> {
    load_files(&builtin_files())
}

/// Reads the data files of a directory: one `<kinds>.yaml` per kind. Other files (a README) are
/// left alone, with two exceptions that would otherwise load a dataset silently missing a kind:
/// an unknown `.yaml` file is an error, as it is most likely a misnamed one, and so is a file
/// named after a kind (`people.json`, `people.yaml.bak`) when that kind's `.yaml` file is absent.
/// Hidden files and folders are ignored.
pub fn read_dir(dir: &Path) -> Result<Vec<DataFile>, Vec<Problem>> {
    let at = |name: String, message: String| Problem {
        file: name,
        line: 1,
        col: 1,
        record: None,
        message,
    };
    let shown = dir.display().to_string();
    let expected: Vec<&str> = Kind::ALL.iter().map(|k| k.file_name()).collect();
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![at(
                shown,
                format!(
                    "no such directory: --data names a directory holding {}",
                    expected.join(", ")
                ),
            )]);
        }
        Ok(m) if !m.is_dir() => {
            return Err(vec![at(
                shown,
                format!(
                    "not a directory: --data names a directory holding {}",
                    expected.join(", ")
                ),
            )]);
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
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for name in &names {
        let path = dir.join(name);
        let shown = path.display().to_string();
        let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        if name.starts_with('.') {
            continue;
        }
        if !expected.contains(&name.as_str()) {
            if is_yaml {
                let hint = match crate::validate::closest(name, expected.iter().copied()).first() {
                    Some(near) => format!("did you mean `{near}`? Expected one of "),
                    None => "expected one of ".to_string(),
                };
                problems.push(at(
                    shown,
                    format!("unknown data file `{name}`: {hint}{}", expected.join(", ")),
                ));
            } else if let Some(meant) = expected.iter().find(|e| {
                let stem = e.trim_end_matches(".yaml");
                name.to_lowercase().starts_with(&format!("{stem}."))
                    && !names.contains(&e.to_string())
            }) {
                problems.push(at(
                    shown,
                    format!(
                        "`{name}` is not read, and there is no `{meant}`: only YAML files named \
                         after their kind are data files. Rename or convert it to `{meant}` \
                         (JSON is valid YAML), or move it out of the directory"
                    ),
                ));
            }
            continue;
        }
        match read_limited(&path) {
            Err(message) => problems.push(at(shown, message)),
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(DataFile { name: shown, text }),
                Err(e) => {
                    let valid = e.utf8_error().valid_up_to();
                    let bytes = e.as_bytes();
                    let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
                    let col = 1 + bytes[..valid]
                        .iter()
                        .rev()
                        .take_while(|&&b| b != b'\n')
                        .count();
                    problems.push(Problem {
                        file: shown,
                        line,
                        col,
                        record: None,
                        message: format!(
                            "the file is not UTF-8 text (invalid byte 0x{:02x} at offset {valid})",
                            bytes[valid]
                        ),
                    });
                }
            },
        }
    }
    if files.is_empty() && problems.is_empty() {
        problems.push(at(
            shown,
            "no data files here: expected sources.yaml, organizations.yaml, people.yaml, \
             places.yaml, events.yaml, programmes.yaml and statistics.yaml"
                .to_string(),
        ));
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Reads a data file whole, refusing what is not a regular file (a FIFO would block, a device
/// never end) and, before reading, a file over the size limit.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = crate::limits::MAX_FILE_BYTES;
    let not_regular = || "not a regular file: a data file must be a plain file".to_string();
    // Checked before opening too: opening a FIFO waits for a writer.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => return Err(not_regular()),
        _ => {}
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > limit {
        return Err(crate::limits::file_too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read is still cut off at the limit.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(crate::limits::file_too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

pub fn load_dir(dir: &Path) -> Result<Dataset, Vec<Problem>> {
    load_files(&read_dir(dir)?)
}

/// Parses and validates; either every record is good or nothing is returned.
pub fn load_files(files: &[DataFile]) -> Result<Dataset, Vec<Problem>> {
    let mut records = Vec::new();
    let mut origins = Vec::new();
    let mut problems = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let base = file.name.rsplit(['/', '\\']).next().unwrap_or(&file.name);
        let Some(kind) = Kind::ALL.into_iter().find(|k| k.file_name() == base) else {
            continue;
        };
        let parse = match kind {
            Kind::Organization => parse_file::<Organization>(file, index, Record::Organization),
            Kind::Person => parse_file::<Person>(file, index, Record::Person),
            Kind::Event => parse_file::<Event>(file, index, Record::Event),
            Kind::Programme => parse_file::<Programme>(file, index, Record::Programme),
            Kind::Statistic => parse_file::<Statistic>(file, index, Record::Statistic),
            Kind::Place => parse_file::<Place>(file, index, Record::Place),
            Kind::Source => parse_file::<Source>(file, index, Record::Source),
        };
        match parse {
            Ok(parsed) => {
                for (record, origin) in parsed {
                    records.push(record);
                    origins.push(origin);
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
        if records.len() > crate::limits::MAX_RECORDS {
            problems.push(Problem {
                file: file.name.clone(),
                line: 1,
                col: 1,
                record: None,
                message: crate::limits::too_many_records(records.len()),
            });
            return Err(problems);
        }
    }
    problems.extend(validate::validate(&records, &origins, files));
    if problems.is_empty() {
        Ok(Dataset { records })
    } else {
        Err(problems)
    }
}

/// Byte offsets of each top-level list item (`- ` at column 0) and its 1-based line.
fn items(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if body == "-" || body.starts_with("- ") {
            out.push((offset, n + 1));
        }
        offset += line.len();
    }
    out
}

fn yaml_problem(file: &DataFile, e: &serde_yaml::Error, line_offset: usize) -> Problem {
    let (line, col) = e
        .location()
        .map(|l| (l.line() + line_offset, l.column()))
        .unwrap_or((1 + line_offset, 1));
    // serde_yaml appends " at line X column Y" relative to what it parsed; we give our own.
    let message = e.to_string();
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    // The path of the first record of a chunk, ".[0]", means nothing to the reader.
    let message = message
        .strip_prefix(".[0].")
        .or_else(|| message.strip_prefix(".[0]: "))
        .map(str::to_string)
        .unwrap_or(message);
    Problem {
        file: file.name.clone(),
        line,
        col,
        record: None,
        message,
    }
}

fn parse_file<T: DeserializeOwned>(
    file: &DataFile,
    index: usize,
    wrap: fn(T) -> Record,
) -> Result<Vec<(Record, Origin)>, Vec<Problem>> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let bom = file.text.len() - text.len();
    if let Err(e) = crate::limits::scan(text) {
        let mut p = Problem {
            file: file.name.clone(),
            line: e.line,
            col: e.col,
            record: None,
            message: e.message,
        };
        p.record = record_at(text, p.line);
        return Err(vec![p]);
    }
    // First the whole file, for syntax errors and a shape check.
    let whole: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => return Err(vec![yaml_problem(file, &e, 0)]),
    };
    let count = match &whole {
        // Most likely a file cut short or not yet written: loading on without it would hide a kind.
        serde_yaml::Value::Null => {
            return Err(vec![Problem {
                file: file.name.clone(),
                line: 1,
                col: 1,
                record: None,
                message: "the file holds no records: write `[]` if it is meant to be empty, or \
                          remove it"
                    .to_string(),
            }]);
        }
        serde_yaml::Value::Sequence(s) => s.len(),
        _ => {
            return Err(vec![Problem {
                file: file.name.clone(),
                line: 1,
                col: 1,
                record: None,
                message: "expected a list of records (each starting with `- `)".to_string(),
            }]);
        }
    };
    let starts = items(text);
    if starts.len() != count {
        // Not plain block style (a flow list, say): parse the whole and locate by serde alone.
        return serde_yaml::from_str::<Vec<T>>(text)
            .map(|list| {
                let origin = Origin {
                    file: index,
                    line: 1,
                    span: bom..file.text.len(),
                };
                list.into_iter()
                    .map(|r| (wrap(r), origin.clone()))
                    .collect()
            })
            .map_err(|e| vec![yaml_problem(file, &e, 0)]);
    }
    let mut out = Vec::with_capacity(count);
    let mut problems = Vec::new();
    for (i, &(start, line)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |s| s.0);
        match serde_yaml::from_str::<Vec<T>>(&text[start..end]) {
            Ok(mut one) if one.len() == 1 => {
                let record = wrap(one.remove(0));
                let origin = Origin {
                    file: index,
                    line,
                    span: start + bom..end + bom,
                };
                out.push((record, origin));
            }
            Ok(_) => {}
            Err(e) => {
                let chunk = &text[start..end];
                let mut p = yaml_problem(file, &e, line - 1);
                p.record = record_id(chunk);
                // Errors raised by our own types (a bad date) point at the record, not the value.
                if p.line == line
                    && let Some(value) = p.message.split('`').nth(1)
                    && let Some(at) = chunk.find(value)
                {
                    p.line = line + chunk[..at].matches('\n').count();
                    p.col = 1 + chunk[..at]
                        .rsplit('\n')
                        .next()
                        .unwrap_or("")
                        .chars()
                        .count();
                }
                problems.push(p);
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The id of the top-level record that `line` (1-based) falls in, if it has one.
fn record_at(text: &str, line: usize) -> Option<String> {
    let starts = items(text);
    let i = starts.iter().rposition(|&(_, l)| l <= line)?;
    let end = starts.get(i + 1).map_or(text.len(), |s| s.0);
    record_id(&text[starts[i].0..end])
}

/// The `id:` of a record that failed to parse, so its errors can still name it.
fn record_id(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let l = l.trim_start_matches(['-', ' ']);
        l.strip_prefix("id:")
            .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty() && v.len() <= crate::limits::MAX_ID_BYTES)
    })
}
