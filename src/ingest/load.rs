//! Data files to a valid dataset, or every problem at once, each as `file:line:col`.
//!
//! [`load`] is the one call: it can run on any thread (the explorer runs it on a background
//! thread behind its first frame), reports its progress as it goes, and can be cancelled. Files
//! are read in parts of whole records and parsed on two threads; no file is ever held whole in
//! memory unless a problem has to be pointed at in it.

mod files;
mod pipeline;

use crate::data::dataset::FileText;
pub use crate::data::dataset::{DataFile, Dataset, Origin, Problem};
use crate::data::limits::{MAX_PROBLEMS, MAX_RECORDS, thousands};
use crate::ingest::{snapshot, validate};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

/// Where a dataset comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The dataset compiled into the binary.
    Builtin,
    /// A directory of `<kinds>.yaml` files (`--data DIR`).
    Dir(PathBuf),
    /// Files already in memory (tests, fuzzing, benchmarks).
    Files(Vec<DataFile>),
}

/// What a load is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Listing the directory and opening the files.
    Reading,
    /// Reading and parsing records; `bytes_done` grows.
    Parsing,
    /// Checking ids and links across records.
    Validating,
}

/// How far a load has got, for a progress gauge: what [`load`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub phase: Phase,
    /// Data files completely parsed, out of those found.
    pub files_done: usize,
    pub files_total: usize,
    /// Bytes of the data files parsed, out of their total size.
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Records parsed so far.
    pub records: usize,
}

/// Why a load gave no dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The dataset has problems: the first [`MAX_PROBLEMS`], then one saying how many more.
    Problems(Vec<Problem>),
    /// `cancel` was set.
    Cancelled,
}

/// Loads and validates a dataset: either every record is good or nothing is returned. A data
/// folder whose files are unchanged since a load that left a snapshot is read from the snapshot
/// instead, when the program has turned snapshots on ([`snapshot`]).
///
/// `progress` is called from the threads doing the work (so it must be quick and `Sync`) as
/// parts of files are parsed and when the phase changes. Setting `cancel` makes the load stop
/// at the next part and return [`Failure::Cancelled`].
pub fn load(
    source: &Source,
    progress: &(dyn Fn(&Status) + Sync),
    cancel: &AtomicBool,
) -> Result<Dataset, Failure> {
    let (mut dataset, snapshot) = load_first(source, progress, cancel)?;
    // A user who quit meanwhile is not kept waiting for the snapshot.
    if let Some(slot) = snapshot.filter(|_| !cancel.load(Ordering::Relaxed)) {
        slot.save(&mut dataset);
    }
    Ok(dataset)
}

/// Like [`load`], with the snapshot of a freshly parsed folder left to the caller to write
/// ([`snapshot::Slot::save_index`]) once the data is on screen: the explorer shows a cold
/// folder as soon as without a snapshot.
pub fn load_first(
    source: &Source,
    progress: &(dyn Fn(&Status) + Sync),
    cancel: &AtomicBool,
) -> Result<(Dataset, Option<snapshot::Slot>), Failure> {
    match source {
        Source::Builtin => {
            run(files::in_memory(&builtin_files()), None, progress, cancel).map(|d| (d, None))
        }
        Source::Files(files) => {
            run(files::in_memory(files), None, progress, cancel).map(|d| (d, None))
        }
        Source::Dir(dir) => {
            progress(&Status {
                phase: Phase::Reading,
                files_done: 0,
                files_total: 0,
                bytes_done: 0,
                bytes_total: 0,
                records: 0,
            });
            let slot = snapshot::Slot::of(dir);
            if let Some(dataset) = slot.as_ref().and_then(snapshot::Slot::open) {
                return Ok((dataset, None));
            }
            let inputs = files::open_dir(dir).map_err(Failure::Problems)?;
            Ok((run(inputs, Some(dir), progress, cancel)?, slot))
        }
    }
}

/// Parses and validates opened inputs; `dir` is the directory they are in, if any.
fn run(
    mut inputs: Vec<files::Input>,
    dir: Option<&Path>,
    progress: &(dyn Fn(&Status) + Sync),
    cancel: &AtomicBool,
) -> Result<Dataset, Failure> {
    let shared = pipeline::Shared {
        progress,
        cancel,
        limits: crate::ingest::yaml::Limits::default(),
        problems: AtomicUsize::new(0),
        cut_short: AtomicBool::new(false),
        records: AtomicUsize::new(0),
        bytes_done: AtomicU64::new(0),
        files_done: AtomicUsize::new(0),
        files_total: inputs.len(),
        bytes_total: inputs.iter().map(|i| i.size).sum(),
    };
    shared.report(Phase::Parsing);
    let parsed = pipeline::parse(&mut inputs, &shared);
    if cancel.load(Ordering::Relaxed) {
        return Err(Failure::Cancelled);
    }
    let mut problems = parsed.problems;
    let (records, origins) = (parsed.records, parsed.origins);
    let count = shared.records.load(Ordering::Relaxed).max(records.len());
    if count > MAX_RECORDS {
        let name = match dir {
            Some(dir) => dir.display().to_string(),
            None => inputs
                .last()
                .map_or("the dataset".into(), |i| i.name.clone()),
        };
        problems.push(Problem {
            file: name,
            line: 1,
            col: 1,
            record: None,
            message: crate::data::limits::too_many_records(count),
        });
    }
    if !problems.is_empty() {
        let cut_short = shared.cut_short.load(Ordering::Relaxed);
        return Err(Failure::Problems(capped(problems, cut_short)));
    }
    shared.report(Phase::Validating);
    match validated(&mut inputs, &records, &origins, cancel) {
        Ok(()) => Ok(Dataset {
            records: records.into(),
            ..Dataset::default()
        }),
        Err(problems) => Err(Failure::Problems(problems)),
    }
}

/// Validates the records across files. Files on disk were let go as they were parsed: without
/// their text, problems point at their record's first line, so the text is read back (and the
/// records validated again) only if there are any.
fn validated(
    inputs: &mut [files::Input],
    records: &[crate::data::record::Record],
    origins: &[Origin],
    cancel: &AtomicBool,
) -> Result<(), Vec<Problem>> {
    let mut texts: Vec<String> = vec![String::new(); inputs.len()];
    let check = |inputs: &[files::Input], texts: &[String]| {
        let files: Vec<FileText> = inputs
            .iter()
            .zip(texts)
            .map(|(i, t)| FileText {
                name: &i.name,
                text: i.memory().unwrap_or(t),
            })
            .collect();
        validate::validate(records, origins, &files)
    };
    let found = check(inputs, &texts);
    if found.is_empty() {
        return Ok(());
    }
    if inputs.iter().all(|i| i.memory().is_some()) || cancel.load(Ordering::Relaxed) {
        return Err(found);
    }
    for (text, input) in texts.iter_mut().zip(inputs.iter_mut()) {
        if input.memory().is_none() {
            *text = input.whole().map(|t| t.into_owned()).unwrap_or_default();
        }
    }
    Err(check(inputs, &texts))
}

/// Problems in file order, at most [`MAX_PROBLEMS`] of them, then (if there were more, or
/// parsing stopped for them) one that says so, where the last one listed is.
fn capped(mut problems: Vec<Problem>, cut_short: bool) -> Vec<Problem> {
    if problems.len() <= MAX_PROBLEMS && !cut_short {
        return problems;
    }
    problems.truncate(MAX_PROBLEMS);
    let Some(mut last) = problems.last().cloned() else {
        return problems;
    };
    last.message = format!(
        "and more problems after this one, not listed: checking stopped after {}; fix these \
         first",
        thousands(MAX_PROBLEMS as u64)
    );
    problems.push(last);
    problems
}

/// What [`load`] reports to when nothing is watching.
fn quiet(_: &Status) {}

/// Bytes parsed out of the total: what [`load_dir_with`] reports, for callers written before
/// [`load`] and [`Status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// [`load`] of a directory, reporting bytes parsed (from any thread). [`load`] with [`Status`]
/// also says the phase, the files and the records, and can be cancelled.
pub fn load_dir_with(
    dir: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Dataset, Vec<Problem>> {
    let report = |s: &Status| {
        progress(Progress {
            done: s.bytes_done as usize,
            total: s.bytes_total as usize,
        })
    };
    load(
        &Source::Dir(dir.to_path_buf()),
        &report,
        &AtomicBool::new(false),
    )
    .map_err(problems)
}

/// The data files of a directory, read whole, with the same checks as a load (one listing, no
/// links, plain files of at most the size limit, UTF-8): for tools that need the text itself.
pub fn read_dir(dir: &Path) -> Result<Vec<DataFile>, Vec<Problem>> {
    let mut inputs = files::open_dir(dir)?;
    let mut out = Vec::new();
    let mut found = Vec::new();
    for input in &mut inputs {
        let name = input.name.clone();
        match input.whole() {
            Ok(text) => out.push(DataFile {
                name,
                text: text.into_owned(),
            }),
            Err(message) => found.push(Problem {
                file: name,
                line: 1,
                col: 1,
                record: None,
                message,
            }),
        }
    }
    if found.is_empty() {
        Ok(out)
    } else {
        Err(found)
    }
}

/// The problems of a failed load that cannot be cancelled.
pub fn problems(failure: Failure) -> Vec<Problem> {
    match failure {
        Failure::Problems(p) => p,
        Failure::Cancelled => Vec::new(),
    }
}

/// The dataset compiled into the binary, so `ngo-atlas` works from any directory.
pub fn builtin_files() -> Vec<DataFile> {
    macro_rules! file {
        ($name:literal) => {
            DataFile {
                name: concat!("data/", $name).to_string(),
                text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $name))
                    .to_string(),
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
    load(&Source::Builtin, &quiet, &AtomicBool::new(false)).map_err(problems)
}

/// [`load`] of files in memory, without progress.
pub fn load_files(files: &[DataFile]) -> Result<Dataset, Vec<Problem>> {
    run(
        files::in_memory(files),
        None,
        &quiet,
        &AtomicBool::new(false),
    )
    .map_err(problems)
}

/// [`load`] of a directory, without progress.
pub fn load_dir(dir: &Path) -> Result<Dataset, Vec<Problem>> {
    load(
        &Source::Dir(dir.to_path_buf()),
        &quiet,
        &AtomicBool::new(false),
    )
    .map_err(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_load_on_another_thread_reports_its_progress_to_the_end() {
        let dir = tempfile::tempdir().unwrap();
        // About 7 MB: several parts on two threads.
        crate::synth::write_dir(&dir.path().join("d"), &crate::synth::generate(15_000, 2)).unwrap();
        let source = Source::Dir(dir.path().join("d"));
        let seen: Mutex<Vec<Status>> = Mutex::new(Vec::new());
        let dataset = std::thread::scope(|s| {
            s.spawn(|| {
                load(
                    &source,
                    &|p: &Status| seen.lock().unwrap().push(*p),
                    &AtomicBool::new(false),
                )
            })
            .join()
            .unwrap()
        })
        .expect("valid");
        let seen = seen.into_inner().unwrap();
        let phases: Vec<Phase> = seen.iter().map(|p| p.phase).collect();
        assert_eq!(phases.first(), Some(&Phase::Reading));
        assert_eq!(phases.last(), Some(&Phase::Validating));
        let parsing: Vec<&Status> = seen.iter().filter(|p| p.phase == Phase::Parsing).collect();
        assert!(parsing.len() > 3, "{} reports", parsing.len());
        let last = seen.last().unwrap();
        assert_eq!((last.files_done, last.files_total), (7, 7));
        assert_eq!(last.bytes_done, last.bytes_total);
        assert_eq!(last.records, dataset.records.len());
        assert!(last.bytes_total > 5 << 20);
        // Bytes never go back, whichever thread reports.
        let max_bytes = parsing.iter().map(|p| p.bytes_done).max().unwrap();
        assert_eq!(max_bytes, last.bytes_total);
    }

    #[test]
    fn a_cancelled_load_stops_and_says_so() {
        let files = crate::synth::generate(15_000, 2);
        let cancel = AtomicBool::new(false);
        let reports = AtomicUsize::new(0);
        let outcome = load(
            &Source::Files(files),
            &|p: &Status| {
                reports.fetch_add(1, Ordering::Relaxed);
                if p.bytes_done > 0 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        );
        assert_eq!(outcome.err(), Some(Failure::Cancelled));
    }

    #[test]
    fn problems_are_capped_in_file_order_with_a_last_line() {
        let problems: Vec<Problem> = (0..1_500)
            .map(|i| Problem {
                file: "f".into(),
                line: i + 1,
                col: 3,
                record: None,
                message: "bad".into(),
            })
            .collect();
        let capped = capped(problems.clone(), false);
        assert_eq!(capped.len(), 1_001);
        assert_eq!(capped[1_000].line, 1_000);
        assert!(
            capped[1_000]
                .message
                .starts_with("and more problems after this one")
        );
        assert_eq!(super::capped(problems[..10].to_vec(), false).len(), 10);
        assert_eq!(super::capped(problems[..10].to_vec(), true).len(), 11);
    }
}
