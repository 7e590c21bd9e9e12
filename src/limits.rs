//! How much a dataset may hold, and the one pass that enforces it before serde sees a file.
//!
//! A dataset is input from outside, so a file can be built to exhaust time or memory: a YAML
//! "billion laughs" (aliases of aliases), brackets nested a million deep (libyaml's scanner slows
//! down with the depth of `[`/`{`, and serde_yaml reads all of a file's events before it checks
//! its own depth limit), a 100 MB file, a name of a megabyte. Every limit below is far above what
//! real data needs (the built-in dataset is 182 records in 150 kB, nested 5 deep, with no text over
//! 1 kB and no alias; the synthetic million-record dataset of the benchmarks has a 120 MB file),
//! and each is reported as `file:line:col` like any other problem.
//!
//! [`scan`] first looks at the bytes: a file with no alias, no dense brackets and no item longer
//! than a text may be provably stays within every limit (the usual case, at a few percent of the
//! cost of parsing). Any other file is walked event by event with libyaml itself, the parser
//! serde_yaml uses, so its view of nesting and aliases is exactly the one serde_yaml would act
//! on; the walk stops at the first limit crossed, which is what bounds its own cost.

use std::collections::HashMap;
use std::ffi::CStr;
use std::mem::MaybeUninit;
use std::ops::ControlFlow;
#[allow(clippy::unsafe_removed_from_name)]
// `sys` as serde_yaml calls it; the calls say `unsafe`
use unsafe_libyaml as sys;

/// Largest data file read, in bytes. Checked before reading, so a huge file costs nothing.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Most records in one dataset, all files together: twice the largest benchmarked.
pub const MAX_RECORDS: usize = 2_000_000;
/// Longest single text (a name, a summary, a quote), in bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Deepest nesting of lists and mappings. A record needs 5.
pub const MAX_DEPTH: usize = 32;
/// Most nodes that aliases (`*name`) may add to one file by expansion.
pub const MAX_ALIAS_NODES: u64 = 100_000;
/// Longest record id, in bytes.
pub const MAX_ID_BYTES: usize = 128;
/// Most problems listed for one dataset; past this only their number is given.
pub const MAX_PROBLEMS: usize = 1_000;

/// A limit crossed, at a 1-based line and column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// `12345678` as `12,345,678`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The message for a file over [`MAX_FILE_BYTES`].
pub fn file_too_large(bytes: u64) -> String {
    format!(
        "the file is {} bytes ({:.1} MiB); a data file may be at most {} MiB",
        thousands(bytes),
        bytes as f64 / (1024.0 * 1024.0),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// The message for a dataset over [`MAX_RECORDS`].
pub fn too_many_records(count: usize) -> String {
    format!(
        "the dataset holds more than {} records ({} so far), the most one dataset may hold",
        thousands(MAX_RECORDS as u64),
        thousands(count as u64)
    )
}

/// Checks a file's size, nesting, aliases, text lengths and record count. A YAML syntax error is
/// not reported here: serde_yaml reports it, in its own words, right after.
pub fn scan(text: &str) -> Result<(), Exceeded> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(Exceeded {
            line: 1,
            col: 1,
            message: file_too_large(text.len() as u64),
        });
    }
    if plainly_within_limits(text) {
        return Ok(());
    }
    scan_within(text, MAX_RECORDS).map(|_| ())
}

/// A byte-level check that proves, for the usual file, what the event walk would find, at a
/// fraction of its cost (the walk is a second full YAML parse):
///
/// * no `*`, so no alias, so nothing to expand;
/// * no more than 32 `[` or `{` within any 4,096 bytes of one line. libyaml's extra work per
///   token is one step per possible simple key, and those are the flow collections opened on
///   the current line in the last 1,024 characters (at most 4,096 bytes): this bounds it as the
///   depth limit would;
/// * each top-level item (from one `- ` at column 0 to the next) is at most half of
///   [`MAX_TEXT_BYTES`] long: a text is never more than 1.5 times its source (the escapes `\L`
///   and `\P` are the only ones that grow, from 2 bytes to 3);
/// * at most [`MAX_RECORDS`] items.
///
/// Nesting deeper than [`MAX_DEPTH`] in block style can pass this; it costs serde_yaml no more
/// than its length, and serde_yaml refuses it past 128 levels.
fn plainly_within_limits(text: &str) -> bool {
    const WINDOW: usize = 4096;
    const ITEM: usize = MAX_TEXT_BYTES / 2;
    let bytes = text.as_bytes();
    let mut opens: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    let mut item_start = 0;
    let mut items = 0;
    let mut line_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        if line_start && b == b'-' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\n' | b'\r'))
        {
            if i - item_start > ITEM {
                return false;
            }
            item_start = i;
            items += 1;
        }
        line_start = b == b'\n';
        match b {
            b'*' => return false,
            b'\n' => opens.clear(),
            b'[' | b'{' => {
                while opens.front().is_some_and(|&o| o + WINDOW <= i) {
                    opens.pop_front();
                }
                opens.push_back(i);
                if opens.len() > 32 {
                    return false;
                }
            }
            _ => {}
        }
    }
    bytes.len() - item_start <= ITEM && items <= MAX_RECORDS
}

/// The event walk; the number of top-level items.
fn scan_within(text: &str, max_items: usize) -> Result<usize, Exceeded> {
    let mut walk = Walk {
        max_items,
        ..Walk::default()
    };
    events(text, |event| walk.event(event))?;
    Ok(walk.items)
}

/// One open list or mapping.
struct Open {
    /// Its anchor, and the node count when it started, to learn its expanded size when it ends.
    anchor: Option<Vec<u8>>,
    start: u64,
    /// For a mapping: whether the next node is a key, and the last key seen.
    mapping: bool,
    expect_key: bool,
    key: String,
}

#[derive(Default)]
struct Walk {
    open: Vec<Open>,
    /// Nodes so far, counting what aliases expand to.
    nodes: u64,
    /// Nodes added by aliases alone.
    expanded: u64,
    /// Expanded size of each anchored node; `None` while the node is still open.
    anchors: HashMap<Vec<u8>, Option<u64>>,
    items: usize,
    max_items: usize,
}

impl Walk {
    fn event(&mut self, e: &sys::yaml_event_t) -> ControlFlow<Exceeded> {
        let at = |message: String| {
            ControlFlow::Break(Exceeded {
                line: e.start_mark.line as usize + 1,
                col: e.start_mark.column as usize + 1,
                message,
            })
        };
        // SAFETY (every union read below): libyaml fills the variant that matches `type_`.
        let (anchor, opens) = match e.type_ {
            sys::YAML_SCALAR_EVENT => (unsafe { e.data.scalar.anchor }, false),
            sys::YAML_SEQUENCE_START_EVENT => (unsafe { e.data.sequence_start.anchor }, true),
            sys::YAML_MAPPING_START_EVENT => (unsafe { e.data.mapping_start.anchor }, true),
            sys::YAML_ALIAS_EVENT => {
                let name = unsafe { c_bytes(e.data.alias.anchor) };
                self.node_in_parent(None);
                if self.items > self.max_items {
                    return at(too_many_records(self.items));
                }
                let size = match self.anchors.get(&name) {
                    Some(Some(size)) => *size,
                    Some(None) => {
                        return at(format!(
                            "the alias `*{}` refers to a node that contains it",
                            String::from_utf8_lossy(&name)
                        ));
                    }
                    None => 1, // an unknown anchor: serde_yaml says so
                };
                self.nodes = self.nodes.saturating_add(size);
                self.expanded = self.expanded.saturating_add(size);
                if self.expanded > MAX_ALIAS_NODES {
                    return at(format!(
                        "aliases (`*name`) expand to more than {} nodes, the most one file may \
                         have: a YAML \"billion laughs\"?",
                        thousands(MAX_ALIAS_NODES)
                    ));
                }
                return ControlFlow::Continue(());
            }
            sys::YAML_SEQUENCE_END_EVENT | sys::YAML_MAPPING_END_EVENT => {
                if let Some(open) = self.open.pop()
                    && let Some(name) = open.anchor
                {
                    self.anchors.insert(name, Some(self.nodes - open.start));
                }
                return ControlFlow::Continue(());
            }
            _ => return ControlFlow::Continue(()),
        };
        let anchor = (!anchor.is_null()).then(|| unsafe { c_bytes(anchor) });
        let text = (e.type_ == sys::YAML_SCALAR_EVENT).then(|| unsafe {
            let s = &e.data.scalar;
            (s.length as usize, s.value)
        });
        let key = self.node_in_parent(text.filter(|t| t.0 <= 200).map(|(len, value)| {
            // SAFETY: libyaml's scalar value is `length` bytes long.
            let bytes = unsafe { std::slice::from_raw_parts(value, len) };
            String::from_utf8_lossy(bytes).into_owned()
        }));
        self.nodes = self.nodes.saturating_add(1);
        if self.items > self.max_items {
            return at(too_many_records(self.items));
        }
        if let Some((len, _)) = text
            && len > MAX_TEXT_BYTES
        {
            let what = match key {
                Some(k) => format!("`{}` is", crate::sanitize::line(&k)),
                None => "a text is".to_string(),
            };
            return at(format!(
                "{what} {} bytes long; one text may be at most {} bytes ({} KiB)",
                thousands(len as u64),
                thousands(MAX_TEXT_BYTES as u64),
                MAX_TEXT_BYTES / 1024
            ));
        }
        if opens {
            if self.open.len() >= MAX_DEPTH {
                return at(format!(
                    "lists and mappings nested more than {MAX_DEPTH} deep, the most allowed \
                     (a record needs 5)"
                ));
            }
            if let Some(name) = &anchor {
                self.anchors.insert(name.clone(), None);
            }
            self.open.push(Open {
                anchor,
                start: self.nodes - 1,
                mapping: e.type_ == sys::YAML_MAPPING_START_EVENT,
                expect_key: true,
                key: String::new(),
            });
        } else if let Some(name) = anchor {
            self.anchors.insert(name, Some(1));
        }
        ControlFlow::Continue(())
    }

    /// Notes a new node in the innermost open collection: counts top-level items and tracks
    /// mapping keys. Returns the key this node is the value of, if any.
    fn node_in_parent(&mut self, scalar: Option<String>) -> Option<String> {
        if self.open.len() == 1 && !self.open[0].mapping {
            self.items += 1;
        }
        let parent = self.open.last_mut()?;
        if !parent.mapping {
            return None;
        }
        parent.expect_key = !parent.expect_key;
        if !parent.expect_key {
            // This node is a key.
            parent.key = scalar.unwrap_or_default();
            None
        } else {
            Some(parent.key.clone())
        }
    }
}

/// # Safety
/// `p` is a NUL-terminated string from libyaml.
unsafe fn c_bytes(p: *const u8) -> Vec<u8> {
    unsafe { CStr::from_ptr(p.cast()) }.to_bytes().to_vec()
}

/// Feeds every event of `text` to `f` until the stream ends, `f` breaks, or the YAML is invalid.
fn events(
    text: &str,
    mut f: impl FnMut(&sys::yaml_event_t) -> ControlFlow<Exceeded>,
) -> Result<(), Exceeded> {
    // SAFETY: the parser lives in a box that does not move (libyaml keeps a pointer to it), reads
    // `text`, which outlives it, and is deleted on every path; each event is deleted after use.
    unsafe {
        let mut parser: Box<MaybeUninit<sys::yaml_parser_t>> = Box::new(MaybeUninit::uninit());
        let p = parser.as_mut_ptr();
        if sys::yaml_parser_initialize(p).fail {
            return Ok(());
        }
        sys::yaml_parser_set_encoding(p, sys::YAML_UTF8_ENCODING);
        sys::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as u64);
        let result = loop {
            let mut event = MaybeUninit::<sys::yaml_event_t>::uninit();
            if sys::yaml_parser_parse(p, event.as_mut_ptr()).fail {
                break Ok(());
            }
            let event = event.as_mut_ptr();
            let end = (*event).type_ == sys::YAML_STREAM_END_EVENT;
            let flow = f(&*event);
            sys::yaml_event_delete(event);
            match flow {
                ControlFlow::Break(e) => break Err(e),
                ControlFlow::Continue(()) if end => break Ok(()),
                ControlFlow::Continue(()) => {}
            }
        };
        sys::yaml_parser_delete(p);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Exceeded {
        scan(text).expect_err("a limit")
    }

    fn walk(text: &str) -> Result<usize, Exceeded> {
        scan_within(text, MAX_RECORDS)
    }

    #[test]
    fn real_shapes_pass_and_items_are_counted() {
        let ok = "- id: a\n  name: A\n  sources: [{source: s, quote: \"q\"}]\n- id: b\n";
        assert_eq!(walk(ok), Ok(2));
        assert_eq!(walk(""), Ok(0));
        assert_eq!(walk("[a, b, c]"), Ok(3));
        assert_eq!(scan(ok), Ok(()));
        // Invalid YAML is left for serde_yaml to report.
        assert_eq!(walk("- [unclosed\n"), Ok(1));
    }

    #[test]
    fn the_byte_check_passes_usual_files_and_sends_the_rest_to_the_walk() {
        let record = "- id: a\n  name: A\n  aliases: [B, C]\n  sources: [{source: s, quote: q}]\n";
        assert!(plainly_within_limits(&record.repeat(1000)));
        assert!(plainly_within_limits(""));
        for (why, text) in [
            ("an alias", "- &a x\n- *a\n".to_string()),
            ("dense brackets", format!("- {}\n", "[".repeat(33))),
            (
                "a long item",
                format!("- name: {}\n- b\n", "x".repeat(MAX_TEXT_BYTES / 2)),
            ),
            (
                "a long head",
                format!("# {}\n- a\n", "x".repeat(MAX_TEXT_BYTES)),
            ),
        ] {
            assert!(!plainly_within_limits(&text), "{why}");
        }
        // Brackets spread over lines, or far apart on one, are fine.
        assert!(plainly_within_limits(&"- [a]\n".repeat(100)));
        let spread = format!("- {}\n", format!("[x]{}", " ".repeat(200)).repeat(100));
        assert!(plainly_within_limits(&spread));
    }

    #[test]
    fn billion_laughs() {
        let mut bomb = String::from("- &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ('a'..='i').zip('b'..='j') {
            let refs = vec![format!("*{prev}"); 10].join(", ");
            bomb.push_str(&format!("- &{name} [{refs}]\n"));
        }
        let e = err(&bomb);
        assert!(e.message.contains("billion laughs"), "{e:?}");
        assert_eq!(e.line, 5, "{e:?}");
        // A few aliases are fine.
        assert!(scan("- &s {source: a, quote: q}\n- *s\n- *s\n").is_ok());
    }

    #[test]
    fn recursive_alias() {
        let e = err("- &a [1, *a]\n");
        assert!(
            e.message.contains("refers to a node that contains it"),
            "{e:?}"
        );
    }

    #[test]
    fn deep_nesting_stops_early_and_says_where() {
        let deep = "[".repeat(1_000_000);
        let e = err(&deep);
        assert_eq!((e.line, e.col), (1, MAX_DEPTH + 1));
        assert!(e.message.contains("nested more than 32 deep"), "{e:?}");
        // Deep block nesting costs serde_yaml no more than its length, so the byte check lets
        // it through (serde_yaml stops at 128 levels); the walk still counts it.
        let block: String = (0..40)
            .map(|i| format!("{}- x:\n", "  ".repeat(i)))
            .collect();
        assert!(walk(&block).unwrap_err().message.contains("nested"));
    }

    #[test]
    fn escapes_that_grow_are_measured_after_unescaping() {
        // 40,000 `\L` escapes: 80,000 bytes of source, 120,000 of text.
        let text = format!("- name: \"{}\"\n", "\\L".repeat(40_000));
        assert!(
            err(&text)
                .message
                .starts_with("`name` is 120,000 bytes long")
        );
    }

    #[test]
    fn long_text_names_its_key() {
        let text = format!("- id: a\n  name: {}\n", "n".repeat(MAX_TEXT_BYTES + 1));
        let e = err(&text);
        assert_eq!((e.line, e.col), (2, 9));
        assert_eq!(
            e.message,
            "`name` is 65,537 bytes long; one text may be at most 65,536 bytes (64 KiB)"
        );
        let ok = format!("- name: {}\n", "n".repeat(MAX_TEXT_BYTES));
        assert!(scan(&ok).is_ok());
    }

    #[test]
    fn too_many_records_in_one_file() {
        let text = "- 1\n".repeat(11);
        assert_eq!(scan_within(&text, 11), Ok(11));
        let e = scan_within(&text, 10).expect_err("over");
        assert_eq!((e.line, e.col), (11, 3));
        assert_eq!(
            e.message,
            "the dataset holds more than 2,000,000 records (11 so far), the most one dataset may hold"
        );
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(104_857_600), "104,857,600");
        assert_eq!(
            file_too_large(104_857_600),
            "the file is 104,857,600 bytes (100.0 MiB); a data file may be at most 256 MiB"
        );
    }
}
