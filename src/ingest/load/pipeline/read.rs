//! Reading one input into parts of whole items, each queued as a job.

use super::{Job, Queue, Shared};
use crate::data::dataset::Problem;
use crate::ingest::load::files::{Bytes, Input, PART, not_utf8};
use crate::ingest::yaml::{self, Head, Start};
use std::borrow::Cow;
use std::io::Read;
use std::sync::atomic::Ordering;

pub(super) fn problem_at(name: &str, message: String) -> Problem {
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
pub(super) fn read<'a>(
    file: usize,
    input: &'a mut Input,
    queue: &mut Queue<'_, 'a>,
    shared: &Shared,
) -> usize {
    let name = input.name.clone();
    let mut reader = match &mut input.bytes {
        Bytes::Memory(text) => Reader::Memory(text.as_bytes()),
        Bytes::Disk(f) => Reader::Disk(f, Vec::new(), false),
    };
    let (skip, line) = match read_head(file, &name, &mut reader, queue) {
        Ok(head) => head,
        Err(sent) => return sent,
    };
    reader.take(skip);
    // The head is read: count it, so that the gauge ends at the files' full size.
    shared.bytes_done.fetch_add(skip as u64, Ordering::Relaxed);
    read_parts(file, &name, &mut reader, (skip, line), queue, shared)
}

/// Queues a problem found while reading; 1 if it was queued.
fn fail<'a>(file: usize, problem: Problem, queue: &mut Queue<'_, 'a>) -> usize {
    usize::from(queue.push(Job::Problem { file, problem }))
}

/// The head of a file, up to its first item, which must be only comments: how many bytes to
/// skip and the first item's line. A file that is not a plain block list is queued whole
/// instead, and an empty one or one that cannot be read as a problem: `Err` with how many jobs
/// that queued.
fn read_head<'a>(
    file: usize,
    name: &str,
    reader: &mut Reader<'a>,
    queue: &mut Queue<'_, 'a>,
) -> Result<(usize, usize), usize> {
    let at = |message: String| problem_at(name, message);
    if let Err(e) = reader.fill(PART) {
        return Err(fail(file, at(format!("cannot read the file: {e}")), queue));
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
    match yaml::head(head_text) {
        Head::Items(at) => Ok((bom + at, 1 + head_text[..at].matches('\n').count())),
        Head::Empty if reader.at_end() && head_text.len() + bom == first.len() => {
            Err(fail(file, at(yaml::EMPTY.to_string()), queue))
        }
        _ => {
            // Not a plain block list: the whole file, as one job.
            if let Err(e) = reader.fill(usize::MAX) {
                return Err(fail(file, at(format!("cannot read the file: {e}")), queue));
            }
            let all = reader.take(reader.available().len());
            Err(match utf8(all, name, 0, 1) {
                Ok(text) => usize::from(queue.push(Job::Whole { file, text })),
                Err(p) => fail(file, p, queue),
            })
        }
    }
}

/// The items of a file after its head, in parts of whole items of about [`PART`] bytes.
fn read_parts<'a>(
    file: usize,
    name: &str,
    reader: &mut Reader<'a>,
    (mut offset, mut line): (usize, usize),
    queue: &mut Queue<'_, 'a>,
    shared: &Shared,
) -> usize {
    let at = |message: String| problem_at(name, message);
    let mut sent = 0;
    loop {
        if shared.stopped() {
            return sent;
        }
        if let Err(e) = reader.fill(PART) {
            return sent + fail(file, at(format!("cannot read the file: {e}")), queue);
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
                            let problem = at(format!("cannot read the file: {e}"));
                            return sent + fail(file, problem, queue);
                        }
                        continue;
                    }
                },
            }
        };
        let part = reader.take(cut);
        let text = match utf8(part, name, offset, line) {
            Ok(text) => text,
            Err(p) => return sent + fail(file, p, queue),
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
