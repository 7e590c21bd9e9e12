//! Parsing a whole file that is not a plain block list: libyaml walks it once, serde_yaml reads each item.

use super::*;

/// Parses a whole file that is not a plain block list, or whose items could not be told apart
/// by their lines: libyaml walks it once (limits, syntax, where each item is), then serde_yaml
/// reads each item on its own.
pub fn parse_whole<T: DeserializeOwned>(
    text: &str,
    limits: &Limits,
    counts: &Counts,
    before: &AtomicUsize,
) -> Parsed<T> {
    let mut out = Parsed::default();
    let mut fail = |line: usize, col: usize, message: String| {
        out.errors.push(Error {
            line,
            col,
            record: record_at(text, line),
            message,
        });
    };
    let (walked, list) = match walk_list(text, limits) {
        Ok(w) => w,
        Err((line, col, message)) => {
            fail(line, col, message);
            return out;
        }
    };
    // Decided before anything is built; about half the nodes of a record are keys.
    let items = walked.items.len() as u64;
    let nodes = walked.nodes;
    let memory = cost::<T>(nodes / 2, nodes / 2, text.len() as u64) + items * cost::<T>(0, 0, 0);
    if !counts.charge(memory) {
        fail(1, 1, limits.memory_message());
        return out;
    }
    let block = text.as_bytes().get(list.start.index) == Some(&b'-');
    for (k, item) in walked.items.iter().enumerate() {
        if before.load(Ordering::Relaxed) + out.errors.len() >= limits.problems {
            out.cut_short = true;
            break;
        }
        // A block item runs from where the one before it ended to where it ends, so that it
        // reads as a one-item list; a flow item is its own span.
        let from = match (block, k) {
            (false, _) => item.start,
            (true, 0) => list.start,
            (true, _) => walked.items[k - 1].end,
        };
        let to = if block {
            walked.items.get(k + 1).map_or(list.end, |_| item.end)
        } else {
            item.end
        };
        let chunk = &text[from.index..to.index.max(from.index)];
        // Spaces in place of what precedes the item on its line keep its columns right.
        let padded = format!("{}{chunk}", " ".repeat(from.col));
        let value = if block {
            serde_yaml::from_str::<Vec<T>>(&padded).map(|mut v| v.pop())
        } else {
            serde_yaml::from_str::<T>(&padded).map(Some)
        };
        let item_line = from.line + 1;
        match value {
            Ok(Some(value)) => out.items.push(Item {
                value,
                line: item_line,
                span: from.index..to.index,
            }),
            Ok(None) => {}
            Err(e) => {
                let ((line, col), message) = words::serde(&e, &padded);
                out.errors.push(Error {
                    line: item_line + line - 1,
                    col,
                    record: record_id(chunk),
                    message,
                });
            }
        }
    }
    out
}

/// libyaml's walk of a whole file that must be a list: the walk and where the list is, or the
/// problem (a limit, a syntax error, an empty file, something else than a list) at a 1-based
/// line and column.
fn walk_list(
    text: &str,
    limits: &Limits,
) -> Result<(scan::Walked, scan::Span), (usize, usize, String)> {
    let walked = match scan::walk(text, limits, 0, 0) {
        Ok(w) => w,
        Err(scan::Halt::Limit(at, message)) => return Err((at.line + 1, at.col + 1, message)),
        Err(scan::Halt::Syntax {
            problem,
            at,
            context,
        }) => {
            let message = words::syntax(&problem, context.as_ref());
            return Err((at.line + 1, at.col + 1, message));
        }
    };
    match (walked.shape, walked.list) {
        (Shape::List, Some(list)) => Ok((walked, list)),
        (Shape::Empty, _) => Err((1, 1, EMPTY.to_string())),
        _ => Err((
            1,
            1,
            "expected a list of records (each starting with `- `)".to_string(),
        )),
    }
}
