//! Files to records on several threads: this thread reads each file in parts of whole records
//! and hands them on through a short queue (so at most a few parts are in memory at once); the
//! parsing threads turn each part into records. Parts come back tagged with their place, so the
//! records keep the files' order whichever thread parsed them.

use super::files::{Bytes, Input, PART, not_utf8};
use super::{Phase, Status};
use crate::data::dataset::{Origin, Problem};
use crate::data::model::{Event, Kind, Organization, Person, Place, Programme, Source, Statistic};
use crate::data::record::Record;
use crate::ingest::yaml::{self, Counts, Head, Limits, Parsed, Resync, Start};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Read;
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

/// Parts put back in reading order as they finish, so that the records go straight into the
/// dataset's own vector: no second copy of a million records at the end.
struct Merge {
    /// The next part to append, in reading order, and those done before their turn.
    next: usize,
    waiting: BTreeMap<usize, (usize, Outcome)>,
    out: Output,
    /// Per file: where its records and problems start in `out`, and whether it is to be
    /// parsed again whole (then where its records and problems go).
    starts: Vec<Option<(usize, usize)>>,
    whole: Vec<bool>,
}

impl Merge {
    fn new(files: usize) -> Merge {
        Merge {
            next: 0,
            waiting: BTreeMap::new(),
            out: Output::default(),
            starts: vec![None; files],
            whole: vec![false; files],
        }
    }

    /// Takes in part `seq` of `file`, and every part after it that was waiting for it.
    fn done(&mut self, seq: usize, file: usize, outcome: Outcome, shared: &Shared) {
        self.waiting.insert(seq, (file, outcome));
        while let Some((file, outcome)) = self.waiting.remove(&self.next) {
            self.next += 1;
            let out = &mut self.out;
            let start = *self.starts[file].get_or_insert((out.records.len(), out.problems.len()));
            match outcome {
                _ if self.whole[file] => {
                    if let Ok((records, _)) = outcome {
                        shared.records.fetch_sub(records.len(), Ordering::Relaxed);
                    }
                }
                Ok((records, mut problems)) => {
                    out.records.reserve(records.len());
                    out.origins.reserve(records.len());
                    for (record, origin) in records {
                        out.records.push(record);
                        out.origins.push(origin);
                    }
                    out.problems.append(&mut problems);
                }
                Err(Resync) => {
                    // What came of the file so far goes; it is read again, whole, later.
                    self.whole[file] = true;
                    let records = out.records.len() - start.0;
                    shared.records.fetch_sub(records, Ordering::Relaxed);
                    out.records.truncate(start.0);
                    out.origins.truncate(start.0);
                    out.problems.truncate(start.1);
                }
            }
            shared.problems.store(out.problems.len(), Ordering::Relaxed);
        }
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
fn whole_again(inputs: &mut [Input], names: &[String], merge: Merge, shared: &Shared) -> Output {
    let mut out = merge.out;
    // From the last, so that the places of the earlier ones do not move.
    for file in (0..inputs.len()).rev().filter(|&f| merge.whole[f]) {
        let Some((at_record, at_problem)) = merge.starts[file] else {
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
        let (records, origins): (Vec<Record>, Vec<Origin>) = records.into_iter().unzip();
        out.records.splice(at_record..at_record, records);
        out.origins.splice(at_record..at_record, origins);
        out.problems.splice(at_problem..at_problem, problems);
    }
    out
}

fn problem_at(name: &str, message: String) -> Problem {
    Problem {
        file: name.to_string(),
        line: 1,
        col: 1,
        record: None,
        message,
    }
}

/// Reads one input in parts and queues them; returns how many were queued. A problem found
/// while reading (not UTF-8, nothing in the file) is queued as a job of its own, so that it
/// takes its place among the file's problems.
fn read<'a>(
    file: usize,
    input: &'a mut Input,
    queue: &mut Queue<'_, 'a>,
    shared: &Shared,
) -> usize {
    let name = input.name.clone();
    let mut sent = 0;
    let fail = |problem: Problem, queue: &mut Queue<'_, 'a>| {
        usize::from(queue.push(Job::Problem { file, problem }))
    };
    let at = |message: String| problem_at(&name, message);
    let mut reader = match &mut input.bytes {
        Bytes::Memory(text) => Reader::Memory(text.as_bytes()),
        Bytes::Disk(f) => Reader::Disk(f, Vec::new(), false),
    };
    // The head: up to the first item, which must be only comments (else: read it whole).
    if let Err(e) = reader.fill(PART) {
        return fail(at(format!("cannot read the file: {e}")), queue);
    }
    let first = reader.available();
    let bom = if first.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let head_text = match std::str::from_utf8(&first[bom..]) {
        Ok(t) => t,
        // Cut in the middle of a character, or not UTF-8: the head is what comes before.
        Err(e) => std::str::from_utf8(&first[bom..bom + e.valid_up_to()]).unwrap_or(""),
    };
    let (skip, mut line) = match yaml::head(head_text) {
        Head::Items(at) => (bom + at, 1 + head_text[..at].matches('\n').count()),
        Head::Empty if reader.at_end() && head_text.len() + bom == first.len() => {
            return fail(at(yaml::EMPTY.to_string()), queue);
        }
        _ => {
            // Not a plain block list: the whole file, as one job.
            if let Err(e) = reader.fill(usize::MAX) {
                return fail(at(format!("cannot read the file: {e}")), queue);
            }
            let all = reader.take(reader.available().len());
            return match utf8(all, &name, 0, 1) {
                Ok(text) => usize::from(queue.push(Job::Whole { file, text })),
                Err(p) => fail(p, queue),
            };
        }
    };
    reader.take(skip);
    // The head is read: count it, so that the gauge ends at the files' full size.
    shared.bytes_done.fetch_add(skip as u64, Ordering::Relaxed);
    let mut offset = skip;
    loop {
        if shared.stopped() {
            return sent;
        }
        if let Err(e) = reader.fill(PART) {
            return sent + fail(at(format!("cannot read the file: {e}")), queue);
        }
        let available = reader.available();
        if available.is_empty() {
            return sent;
        }
        let cut = if reader.at_end() && available.len() <= PART {
            available.len()
        } else {
            match yaml::last_item_start(&available[..available.len().min(PART)]) {
                Some(cut) => cut,
                // One record longer than a part: read on to its end.
                None => match yaml::last_item_start(available) {
                    Some(cut) => cut,
                    None if reader.at_end() => available.len(),
                    None => {
                        if let Err(e) = reader.fill(available.len() * 2) {
                            return sent + fail(at(format!("cannot read the file: {e}")), queue);
                        }
                        continue;
                    }
                },
            }
        };
        let part = reader.take(cut);
        let text = match utf8(part, &name, offset, line) {
            Ok(text) => text,
            Err(p) => return sent + fail(p, queue),
        };
        let start = Start { offset, line };
        offset += text.len();
        line += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        if !queue.push(Job::Part { file, start, text }) {
            return sent;
        }
        sent += 1;
    }
}

/// Bytes as text, or the problem of the first byte that is not UTF-8.
fn utf8<'a>(
    bytes: Cow<'a, [u8]>,
    name: &str,
    offset: usize,
    line: usize,
) -> Result<Cow<'a, str>, Problem> {
    match bytes {
        Cow::Borrowed(b) => std::str::from_utf8(b)
            .map(Cow::Borrowed)
            .map_err(|e| not_utf8(name, b, e.valid_up_to(), offset, line)),
        Cow::Owned(b) => String::from_utf8(b).map(Cow::Owned).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            not_utf8(name, e.as_bytes(), valid, offset, line)
        }),
    }
}

/// A file's bytes as they come: all at once from memory, in blocks from disk.
enum Reader<'a> {
    Memory(&'a [u8]),
    /// The file, what has been read and not yet taken, and whether the file has ended.
    Disk(&'a mut std::fs::File, Vec<u8>, bool),
}

impl<'a> Reader<'a> {
    /// Reads until at least `want` bytes are available or the file ends.
    fn fill(&mut self, want: usize) -> std::io::Result<()> {
        if let Reader::Disk(file, buf, end) = self {
            while !*end && buf.len() < want {
                let more = (want - buf.len()).min(PART);
                let got = (&mut **file).take(more as u64).read_to_end(buf)?;
                *end = got == 0;
            }
        }
        Ok(())
    }

    fn at_end(&self) -> bool {
        match self {
            Reader::Memory(_) => true,
            Reader::Disk(_, _, end) => *end,
        }
    }

    fn available(&self) -> &[u8] {
        match self {
            Reader::Memory(b) => b,
            Reader::Disk(_, buf, _) => buf,
        }
    }

    /// The next `n` bytes, no longer available.
    fn take(&mut self, n: usize) -> Cow<'a, [u8]> {
        match self {
            Reader::Memory(b) => {
                let (taken, rest) = b.split_at(n);
                *b = rest;
                Cow::Borrowed(taken)
            }
            Reader::Disk(_, buf, _) => {
                let rest = buf.split_off(n);
                Cow::Owned(std::mem::replace(buf, rest))
            }
        }
    }
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
