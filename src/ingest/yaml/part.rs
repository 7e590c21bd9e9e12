//! Parsing a part of a file made of whole top-level items: each item on the fast path, else walked for the limits and read by serde_yaml.

use super::*;

/// Parses a part of a file made of whole top-level items (it starts with one), as found by
/// [`head`] and cut by [`last_item_start`]. `before` is how many problems are known to come
/// before this part: once they and the part's own reach [`Limits::problems`], the part stops,
/// as nothing after would be listed.
pub fn parse_part<T: DeserializeOwned>(
    text: &str,
    start: Start,
    limits: &Limits,
    counts: &Counts,
    before: &AtomicUsize,
) -> Result<Parsed<T>, Resync> {
    let starts = items(text);
    let mut out = Parsed {
        items: Vec::with_capacity(starts.len()),
        errors: Vec::new(),
        cut_short: false,
    };
    let mut buffers = fast::Buffers::default();
    for (k, &(from, line)) in starts.iter().enumerate() {
        if before.load(Ordering::Relaxed) + out.errors.len() >= limits.problems {
            out.cut_short = true;
            break;
        }
        let to = starts.get(k + 1).map_or(text.len(), |s| s.0);
        let chunk = &text[from..to];
        let line = start.line + line;
        let span = start.offset + from..start.offset + to;
        let error = |(l, col): (usize, usize), message: String| Error {
            line: line + l - 1,
            col,
            record: record_id(chunk),
            message,
        };
        // CRLF line ends (a file saved on Windows) read as LF: YAML makes no difference, and
        // lines and columns stay where they were.
        let crlf = memchr::memchr(b'\r', chunk.as_bytes()).map(|_| chunk.replace("\r\n", "\n"));
        let (value, count, memory) = match &crlf {
            None => {
                let mut parser = fast::Parser::new(chunk, limits, std::mem::take(&mut buffers));
                let outcome = fast_item::<T>(&mut parser, chunk);
                buffers = parser.recycle();
                outcome
            }
            Some(lf) => {
                let mut parser = fast::Parser::new(lf, limits, fast::Buffers::default());
                fast_item::<T>(&mut parser, lf)
            }
        };
        let value = match value {
            Ok(value) => value,
            Err(((l, col), message)) => {
                out.errors.push(error((l, col), message));
                continue;
            }
        };
        let value = match value {
            Some(value) => {
                let before = counts.nodes.fetch_add(count, Ordering::Relaxed);
                if before + count > limits.file_nodes {
                    out.errors.push(error((1, 1), limits.file_nodes_message()));
                    break;
                }
                if !counts.charge(memory.unwrap_or(0)) {
                    out.errors.push(error((1, 1), limits.memory_message()));
                    break;
                }
                value
            }
            None => match slow_item::<T>(chunk, limits, counts)? {
                Ok(value) => value,
                Err((at, message, stop)) => {
                    out.errors.push(error(at, message));
                    if stop {
                        break;
                    }
                    continue;
                }
            },
        };
        out.items.push(Item { value, line, span });
    }
    Ok(out)
}

/// An item the fast parser left, read carefully: its value, or its problem and whether the
/// part must stop there (a limit of the whole file crossed).
#[allow(clippy::type_complexity)]
fn slow_item<T: DeserializeOwned>(
    chunk: &str,
    limits: &Limits,
    counts: &Counts,
) -> Result<Result<T, ((usize, usize), String, bool)>, Resync> {
    Ok(match careful::<T>(chunk, limits, counts)? {
        Ok((value, nodes)) => {
            // About half the nodes of a record are keys.
            if counts.charge(cost::<T>(nodes / 2, nodes / 2, chunk.len() as u64)) {
                Ok(value)
            } else {
                Err(((1, 1), limits.memory_message(), true))
            }
        }
        Err((at, message)) => {
            let stop = message == limits.file_nodes_message();
            Err((at, message, stop))
        }
    })
}

/// The fast path on one item: its value if the fast parser was sure of it (with its node count
/// and memory cost), `Ok(None)` if not, or a limit crossed.
#[allow(clippy::type_complexity)]
fn fast_item<T: DeserializeOwned>(
    parser: &mut fast::Parser,
    text: &str,
) -> (Result<Option<T>, Located>, u64, Option<u64>) {
    let value = match parser.item() {
        Ok(()) => T::deserialize(de::De {
            nodes: &parser.nodes,
            at: 0,
        })
        .ok(),
        Err(fast::Stop::Limit(at, message)) => {
            return (Err((line_col(text, at), message)), 0, None);
        }
        Err(fast::Stop::Unsure) => None,
    };
    let memory = value
        .as_ref()
        .map(|_| cost::<T>(parser.values(), parser.items(), parser.text_bytes()));
    (Ok(value), parser.nodes.len() as u64, memory)
}

/// A problem at a 1-based line and column of an item's text.
type Located = ((usize, usize), String);

/// One item the fast parser left: walked with libyaml for the limits, then read by serde_yaml;
/// with its value, the number of nodes the walk counted.
/// A limit or a type error is the item's problem (at a line and column of `chunk`); a syntax
/// error, or anything but exactly one item, means the items were not cut where YAML sees them.
fn careful<T: DeserializeOwned>(
    chunk: &str,
    limits: &Limits,
    counts: &Counts,
) -> Result<Result<(T, u64), Located>, Resync> {
    let walked = scan::walk(
        chunk,
        limits,
        counts.nodes.load(Ordering::Relaxed),
        counts.expanded.load(Ordering::Relaxed),
    );
    let walked = match walked {
        Ok(w) if w.items.len() == 1 && w.shape == Shape::List => w,
        Err(scan::Halt::Limit(at, message)) => {
            return Ok(Err(((at.line + 1, at.col + 1), message)));
        }
        _ => return Err(Resync),
    };
    counts.nodes.fetch_add(walked.nodes, Ordering::Relaxed);
    counts
        .expanded
        .fetch_add(walked.expanded, Ordering::Relaxed);
    match serde_yaml::from_str::<Vec<T>>(chunk) {
        Ok(mut one) if one.len() == 1 => Ok(Ok((one.remove(0), walked.nodes))),
        Ok(_) => Err(Resync),
        Err(e) => Ok(Err(words::serde(&e, chunk))),
    }
}
