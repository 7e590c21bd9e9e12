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
    load_dir_with(dir, &|_| {})
}

/// Parses and validates; either every record is good or nothing is returned.
pub fn load_files(files: &[DataFile]) -> Result<Dataset, Vec<Problem>> {
    load_files_with(files, &|_| {})
}

/// How far a load has got, for a progress indicator: bytes of YAML parsed out of the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Records per `serde_yaml` call on the fast path: setting a YAML parser up costs as much as
/// parsing a few records, so records are parsed in batches rather than one at a time.
const BATCH: usize = 256;

/// [`load_files`], reporting progress as batches of records are parsed (from any thread).
pub fn load_files_with(
    files: &[DataFile],
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Dataset, Vec<Problem>> {
    let (records, origins, mut problems) = parse_all(files.iter().collect(), progress);
    let name = files.last().map_or("the dataset", |f| f.name.as_str());
    if let Some(p) = too_many_records(name, records.len()) {
        problems.push(p);
        return Err(problems);
    }
    problems.extend(validate::validate(&records, &origins, files));
    if problems.is_empty() {
        Ok(Dataset { records })
    } else {
        Err(problems)
    }
}

/// [`load_dir`], reporting progress as batches of records are parsed (from any thread).
pub fn load_dir_with(
    dir: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Dataset, Vec<Problem>> {
    let files = read_dir(dir)?;
    let names: Vec<DataFile> = files
        .iter()
        .map(|f| DataFile {
            name: f.name.clone(),
            text: String::new(),
        })
        .collect();
    // Each file's text is let go as soon as it is parsed: at a million records that is a
    // third of a gigabyte, which validation needs only to say where a problem is.
    let (records, origins, mut problems) = parse_all(files, progress);
    if let Some(p) = too_many_records(&dir.display().to_string(), records.len()) {
        problems.push(p);
        return Err(problems);
    }
    if problems.is_empty() && validate::validate(&records, &origins, &names).is_empty() {
        return Ok(Dataset { records });
    }
    // Read the text back to point at each problem, exactly as when it was kept.
    let files = read_dir(dir)?;
    problems.extend(validate::validate(&records, &origins, &files));
    Err(problems)
}

/// The problem of a dataset over the record limit, counted after parsing (each file's own count
/// is checked before).
fn too_many_records(name: &str, count: usize) -> Option<Problem> {
    (count > crate::limits::MAX_RECORDS).then(|| Problem {
        file: name.to_string(),
        line: 1,
        col: 1,
        record: None,
        message: crate::limits::too_many_records(count),
    })
}

/// Parses every file, two threads taking the largest file left; a file (if owned) is dropped
/// as soon as it is parsed. Returns what parsed and the problems of what did not.
fn parse_all<F: std::borrow::Borrow<DataFile> + Send>(
    files: Vec<F>,
    progress: &(dyn Fn(Progress) + Sync),
) -> (Vec<Record>, Vec<Origin>, Vec<Problem>) {
    let count = files.len();
    let kinds: Vec<Option<Kind>> = files
        .iter()
        .map(|file| {
            let name = &file.borrow().name;
            let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
            Kind::ALL.into_iter().find(|k| k.file_name() == base)
        })
        .collect();
    let total = files.iter().map(|f| f.borrow().text.len()).sum();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let report = |bytes: usize| {
        let before = done.fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
        progress(Progress {
            done: before + bytes,
            total,
        });
    };
    // YAML parsing is the work and it divides well by file; more threads than the two cores
    // this is written for would only add contention. Largest first, so the two finish together.
    let mut queue: Vec<(usize, F)> = files.into_iter().enumerate().collect();
    queue.sort_by_key(|(_, f)| f.borrow().text.len());
    let queue = std::sync::Mutex::new(queue);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let Some((index, file)) = next else {
                return mine;
            };
            if let Some(kind) = kinds[index] {
                mine.push((index, parse_kind(kind, file.borrow(), index, &report)));
            }
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    let mut parsed: Vec<Option<Parsed>> = (0..count).map(|_| None).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            // A panic while parsing is a bug; let it surface as one.
            all.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        for (index, p) in all {
            parsed[index] = Some(p);
        }
    });
    let n: usize = parsed.iter().flatten().flatten().map(Vec::len).sum();
    let mut records = Vec::with_capacity(n);
    let mut origins = Vec::with_capacity(n);
    let mut problems = Vec::new();
    for p in parsed.into_iter().flatten() {
        match p {
            Ok(parsed) => {
                for (record, origin) in parsed {
                    records.push(record);
                    origins.push(origin);
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    (records, origins, problems)
}

type Parsed = Result<Vec<(Record, Origin)>, Vec<Problem>>;

fn parse_kind(
    kind: Kind,
    file: &DataFile,
    index: usize,
    report: &(dyn Fn(usize) + Sync),
) -> Parsed {
    match kind {
        Kind::Organization => parse_file::<Organization>(file, index, Record::Organization, report),
        Kind::Person => parse_file::<Person>(file, index, Record::Person, report),
        Kind::Event => parse_file::<Event>(file, index, Record::Event, report),
        Kind::Programme => parse_file::<Programme>(file, index, Record::Programme, report),
        Kind::Statistic => parse_file::<Statistic>(file, index, Record::Statistic, report),
        Kind::Place => parse_file::<Place>(file, index, Record::Place, report),
        Kind::Source => parse_file::<Source>(file, index, Record::Source, report),
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

/// The fast path: when the text before the first item is only comments and every batch of
/// items parses to exactly its number of records, the file is valid and each record's origin is
/// known from `items`. Anything else returns `None` and the careful path below runs instead, so
/// every error is still found and reported exactly as before.
fn parse_batches<T: DeserializeOwned>(
    file: &DataFile,
    index: usize,
    wrap: fn(T) -> Record,
    report: &(dyn Fn(usize) + Sync),
) -> Option<Vec<(Record, Origin)>> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let bom = file.text.len() - text.len();
    let starts = items(text);
    let head = &text[..starts.first().map_or(text.len(), |s| s.0)];
    let plain = |l: &str| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    };
    if !head.lines().all(plain) {
        return None;
    }
    let mut out = Vec::with_capacity(starts.len());
    for batch in starts.chunks(BATCH) {
        let from = batch[0].0;
        let last = out.len() + batch.len();
        let to = starts.get(last).map_or(text.len(), |s| s.0);
        let list: Vec<T> = serde_yaml::from_str(&text[from..to]).ok()?;
        if list.len() != batch.len() {
            return None;
        }
        for (k, record) in list.into_iter().enumerate() {
            let (start, line) = batch[k];
            let end = starts.get(out.len() + 1).map_or(text.len(), |s| s.0);
            out.push((
                wrap(record),
                Origin {
                    file: index,
                    line,
                    span: start + bom..end + bom,
                },
            ));
        }
        report(to - from);
    }
    Some(out)
}

fn parse_file<T: DeserializeOwned>(
    file: &DataFile,
    index: usize,
    wrap: fn(T) -> Record,
    report: &(dyn Fn(usize) + Sync),
) -> Result<Vec<(Record, Origin)>, Vec<Problem>> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let bom = file.text.len() - text.len();
    // Before any serde_yaml call: the limits are what keeps those calls cheap.
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
    if text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    }) {
        return Err(vec![empty_file(file)]);
    }
    if let Some(parsed) = parse_batches(file, index, wrap, report) {
        return Ok(parsed);
    }
    // First the whole file, for syntax errors and a shape check.
    let whole: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => return Err(vec![yaml_problem(file, &e, 0)]),
    };
    let count = match &whole {
        serde_yaml::Value::Null => return Err(vec![empty_file(file)]),
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

/// An empty file (or one of only comments, or `~`) is most likely one cut short or not yet
/// written: loading on without it would silently leave a kind out.
fn empty_file(file: &DataFile) -> Problem {
    Problem {
        file: file.name.clone(),
        line: 1,
        col: 1,
        record: None,
        message: "the file holds no records: write `[]` if it is meant to be empty, or remove it"
            .to_string(),
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
