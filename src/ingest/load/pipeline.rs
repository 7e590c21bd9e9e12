//! Files to records on several threads: this thread reads each file in parts of whole records
//! and hands them on through a short queue (so at most a few parts are in memory at once); the
//! parsing threads turn each part into records. Parts come back tagged with their place, so the
//! records keep the files' order whichever thread parsed them.

mod read;

use super::files::Input;
use super::{Phase, Status};
use crate::data::dataset::{Origin, Problem};
use crate::data::model::{Event, Kind, Organization, Person, Place, Programme, Source, Statistic};
use crate::data::record::Record;
use crate::ingest::yaml::{self, Counts, Limits, Parsed, Resync, Start};
use read::{problem_at, read};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

/// What every thread of a load shares.
pub(super) struct Shared<'p> {
    pub progress: &'p (dyn Fn(&Status) + Sync),
    pub cancel: &'p AtomicBool,
    pub limits: Limits,
    /// Problems found so far in the files' order, without a gap: none after them is listed
    /// once they reach the limit. Records parsed, bytes parsed.
    pub problems: AtomicUsize,
    /// Whether some part was not parsed to its end because of the problems' limit.
    pub cut_short: AtomicBool,
    pub records: AtomicUsize,
    pub bytes_done: AtomicU64,
    pub files_done: AtomicUsize,
    pub files_total: usize,
    pub bytes_total: u64,
}

impl Shared<'_> {
    pub fn report(&self, phase: Phase) {
        (self.progress)(&Status {
            phase,
            files_done: self.files_done.load(Ordering::Relaxed),
            files_total: self.files_total,
            bytes_done: self.bytes_done.load(Ordering::Relaxed),
            bytes_total: self.bytes_total,
            records: self.records.load(Ordering::Relaxed),
        });
    }

    fn stopped(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
            || self.problems.load(Ordering::Relaxed) >= self.limits.problems
            || self.records.load(Ordering::Relaxed) > self.limits.records
    }
}

/// Records and their origins in file order, and the problems found.
#[derive(Default)]
pub(super) struct Output {
    pub records: Vec<Record>,
    pub origins: Vec<Origin>,
    pub problems: Vec<Problem>,
}

enum Job<'a> {
    /// Whole records of a plain block list.
    Part {
        file: usize,
        start: Start,
        text: Cow<'a, str>,
    },
    /// A file that is not a plain block list, read whole.
    Whole { file: usize, text: Cow<'a, str> },
    /// A problem found while reading, to be put in its place.
    Problem { file: usize, problem: Problem },
}

type Records = Vec<(Record, Origin)>;

/// A part's records and problems, or the news that its file must be read whole.
type Outcome = Result<(Records, Vec<Problem>), Resync>;

/// Per file: parts sent (known once the file is read), parts parsed, and its limits' counts.
#[derive(Default)]
struct FileState {
    sent: AtomicUsize,
    read: AtomicBool,
    parsed: AtomicUsize,
    counted: AtomicBool,
    counts: Counts,
}

impl FileState {
    /// Counts the file as done once, when it has been read and all its parts parsed.
    fn maybe_done(&self, shared: &Shared) {
        if self.read.load(Ordering::Acquire)
            && self.parsed.load(Ordering::Acquire) == self.sent.load(Ordering::Acquire)
            && !self.counted.swap(true, Ordering::AcqRel)
        {
            shared.files_done.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Parts put back in reading order as they finish. Their records are moved into the dataset's
/// own vector once, at the end, when their number is known: a vector grown as they came would
/// hold its old and new room at once while it grew, and be left with up to twice the room.
struct Merge {
    /// The next part to append, in reading order, and those done before their turn.
    next: usize,
    waiting: BTreeMap<usize, (usize, Outcome)>,
    parts: Vec<Records>,
    problems: Vec<Problem>,
    /// Per file: where its parts and problems start, and whether it is to be parsed again
    /// whole (then where its records and problems go).
    starts: Vec<Option<(usize, usize)>>,
    whole: Vec<bool>,
}

impl Merge {
    fn new(files: usize) -> Merge {
        Merge {
            next: 0,
            waiting: BTreeMap::new(),
            parts: Vec::new(),
            problems: Vec::new(),
            starts: vec![None; files],
            whole: vec![false; files],
        }
    }

    /// Takes in part `seq` of `file`, and every part after it that was waiting for it.
    fn done(&mut self, seq: usize, file: usize, outcome: Outcome, shared: &Shared) {
        self.waiting.insert(seq, (file, outcome));
        while let Some((file, outcome)) = self.waiting.remove(&self.next) {
            self.next += 1;
            let start = *self.starts[file].get_or_insert((self.parts.len(), self.problems.len()));
            match outcome {
                _ if self.whole[file] => {
                    if let Ok((records, _)) = outcome {
                        shared.records.fetch_sub(records.len(), Ordering::Relaxed);
                    }
                }
                Ok((records, mut problems)) => {
                    if !records.is_empty() {
                        self.parts.push(records);
                    }
                    self.problems.append(&mut problems);
                }
                Err(Resync) => {
                    // What came of the file so far goes; it is read again, whole, later.
                    self.whole[file] = true;
                    let records: usize = self.parts.drain(start.0..).map(|p| p.len()).sum();
                    shared.records.fetch_sub(records, Ordering::Relaxed);
                    self.problems.truncate(start.1);
                }
            }
            shared
                .problems
                .store(self.problems.len(), Ordering::Relaxed);
        }
    }

    /// The records of every part in order, in vectors of their exact size; each part is let go
    /// as soon as its records are moved.
    fn into_output(self) -> Output {
        let count = self.parts.iter().map(Vec::len).sum();
        let mut out = Output {
            records: Vec::with_capacity(count),
            origins: Vec::with_capacity(count),
            problems: self.problems,
        };
        for part in self.parts {
            for (record, origin) in part {
                out.records.push(record);
                out.origins.push(origin);
            }
        }
        out
    }
}

/// Jobs numbered in the order they are read.
struct Queue<'s, 'a> {
    send: &'s mpsc::SyncSender<(usize, Job<'a>)>,
    seq: usize,
}

impl<'a> Queue<'_, 'a> {
    /// Queues a job; false if no thread is left to take it.
    fn push(&mut self, job: Job<'a>) -> bool {
        let sent = self.send.send((self.seq, job)).is_ok();
        self.seq += 1;
        sent
    }
}

/// Parses every input. Threads: this one reads, up to two parse (the machine this is written
/// for has two cores; YAML parsing divides well by part).
pub(super) fn parse(inputs: &mut [Input], shared: &Shared) -> Output {
    let states: Vec<FileState> = inputs
        .iter()
        .map(|i| FileState {
            counts: Counts::for_file(i.size),
            ..FileState::default()
        })
        .collect();
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let kinds: Vec<Kind> = inputs.iter().map(|i| i.kind).collect();
    let merge = Mutex::new(Merge::new(inputs.len()));
    let lock = || merge.lock().unwrap_or_else(|e| e.into_inner());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    {
        let (send, receive) = mpsc::sync_channel::<(usize, Job)>(threads * 2);
        let receive = Mutex::new(receive);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    loop {
                        let job = receive.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok((seq, job)) = job else { return };
                        let (file, bytes) = match &job {
                            Job::Part { file, text, .. } | Job::Whole { file, text } => {
                                (*file, text.len())
                            }
                            Job::Problem { file, .. } => (*file, 0),
                        };
                        let outcome = if shared.stopped() {
                            shared.cut_short.store(true, Ordering::Relaxed);
                            Ok((Vec::new(), Vec::new()))
                        } else {
                            run(kinds[file], job, &names, &states[file].counts, shared)
                        };
                        if let Ok((records, _)) = &outcome {
                            shared.records.fetch_add(records.len(), Ordering::Relaxed);
                        }
                        shared.bytes_done.fetch_add(bytes as u64, Ordering::Relaxed);
                        lock().done(seq, file, outcome, shared);
                        states[file].parsed.fetch_add(1, Ordering::AcqRel);
                        states[file].maybe_done(shared);
                        shared.report(Phase::Parsing);
                    }
                });
            }
            let mut queue = Queue {
                send: &send,
                seq: 0,
            };
            for (file, input) in inputs.iter_mut().enumerate() {
                if shared.stopped() {
                    break;
                }
                let sent = read(file, input, &mut queue, shared);
                states[file].sent.store(sent, Ordering::Release);
                states[file].read.store(true, Ordering::Release);
                states[file].maybe_done(shared);
            }
            drop(send);
        });
    }
    let merge = merge.into_inner().unwrap_or_else(|e| e.into_inner());
    whole_again(inputs, &names, merge, shared)
}

/// Parses again, whole, each file whose records could not be told apart by their lines, and
/// puts its records and problems where the file's place is.
fn whole_again(
    inputs: &mut [Input],
    names: &[String],
    mut merge: Merge,
    shared: &Shared,
) -> Output {
    // From the last, so that the places of the earlier ones do not move.
    for file in (0..inputs.len()).rev().filter(|&f| merge.whole[f]) {
        let Some((at_part, at_problem)) = merge.starts[file] else {
            continue;
        };
        let kind = inputs[file].kind;
        let (records, problems) = match inputs[file].whole() {
            Ok(text) => {
                let job = Job::Whole {
                    file,
                    text: Cow::Borrowed(&text),
                };
                let counts = Counts::for_file(text.len() as u64);
                run(kind, job, names, &counts, shared).unwrap_or_default()
            }
            Err(message) => (Vec::new(), vec![problem_at(&names[file], message)]),
        };
        merge.parts.insert(at_part, records);
        merge.problems.splice(at_problem..at_problem, problems);
    }
    merge.into_output()
}

/// Parses one job as records of its file's kind.
fn run(kind: Kind, job: Job, names: &[String], counts: &Counts, shared: &Shared) -> Outcome {
    match kind {
        Kind::Organization => {
            typed::<Organization>(job, Record::Organization, names, counts, shared)
        }
        Kind::Person => typed::<Person>(job, Record::Person, names, counts, shared),
        Kind::Event => typed::<Event>(job, Record::Event, names, counts, shared),
        Kind::Programme => typed::<Programme>(job, Record::Programme, names, counts, shared),
        Kind::Statistic => typed::<Statistic>(job, Record::Statistic, names, counts, shared),
        Kind::Place => typed::<Place>(job, Record::Place, names, counts, shared),
        Kind::Source => typed::<Source>(job, Record::Source, names, counts, shared),
    }
}

fn typed<T: DeserializeOwned>(
    job: Job,
    wrap: fn(T) -> Record,
    names: &[String],
    counts: &Counts,
    shared: &Shared,
) -> Outcome {
    let (file, parsed, bom) = match job {
        Job::Part { file, start, text } => {
            let parsed: Parsed<T> =
                yaml::parse_part(&text, start, &shared.limits, counts, &shared.problems)?;
            (file, parsed, 0)
        }
        Job::Problem { problem, .. } => return Ok((Vec::new(), vec![problem])),
        Job::Whole { file, text } => {
            let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let parsed = yaml::parse_whole(&text[bom..], &shared.limits, counts, &shared.problems);
            (file, parsed, bom)
        }
    };
    if parsed.cut_short {
        shared.cut_short.store(true, Ordering::Relaxed);
    }
    let records = parsed
        .items
        .into_iter()
        .map(|item| {
            let origin = Origin {
                file,
                line: item.line,
                span: item.span.start + bom..item.span.end + bom,
            };
            (wrap(item.value), origin)
        })
        .collect();
    let problems = parsed
        .errors
        .into_iter()
        .map(|e| Problem {
            file: names[file].clone(),
            line: e.line,
            col: e.col,
            record: e.record,
            message: e.message,
        })
        .collect();
    Ok((records, problems))
}
