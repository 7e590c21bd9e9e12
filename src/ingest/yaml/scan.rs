//! A walk over libyaml's events, the parser serde_yaml uses, so that its view of nesting,
//! aliases and where each list item starts and ends is exactly the one serde_yaml acts on. It
//! allocates nothing per node and stops at the first limit crossed or the first syntax error,
//! which is what bounds its own cost; serde_yaml is only called on what it has let through.

use super::{Limits, Shape};
use std::collections::HashMap;
use std::ffi::CStr;
use std::mem::MaybeUninit;
use std::ops::ControlFlow;
#[allow(clippy::unsafe_removed_from_name)]
// `sys` as serde_yaml calls it; the calls say `unsafe`
use unsafe_libyaml as sys;

/// A position in the text: byte offset, 0-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Mark {
    pub index: usize,
    pub line: usize,
    pub col: usize,
}

impl Mark {
    fn of(m: &sys::yaml_mark_t) -> Mark {
        Mark {
            index: m.index as usize,
            line: m.line as usize,
            col: m.column as usize,
        }
    }
}

/// Why the walk stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Halt {
    /// A limit crossed, at a mark.
    Limit(Mark, String),
    /// libyaml's syntax error: its problem, where, and what it was reading (and from where).
    Syntax {
        problem: String,
        at: Mark,
        context: Option<(String, Mark)>,
    },
}

/// One top-level list item: where its node starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub start: Mark,
    pub end: Mark,
}

/// What the walk saw of the document.
#[derive(Debug, Default)]
pub(super) struct Walked {
    pub shape: Shape,
    /// Where the top-level list starts (its first `-` or its `[`) and ends.
    pub list: Option<Span>,
    pub items: Vec<Span>,
    pub nodes: u64,
    pub expanded: u64,
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

struct Walk<'l> {
    limits: &'l Limits,
    open: Vec<Open>,
    /// Nodes so far, counting what aliases expand to, and nodes in the current item.
    nodes: u64,
    item_start: u64,
    /// Nodes added by aliases alone.
    expanded: u64,
    /// Expanded size of each anchored node; `None` while the node is still open.
    anchors: HashMap<Vec<u8>, Option<u64>>,
    documents: usize,
    out: Walked,
}

/// Walks `text`, checking every limit, and says what it holds. `nodes_before` and
/// `expanded_before` carry the counts of the file's earlier parts, which count towards the
/// file's limits.
pub(super) fn walk(
    text: &str,
    limits: &Limits,
    nodes_before: u64,
    expanded_before: u64,
) -> Result<Walked, Halt> {
    let mut w = Walk {
        limits,
        open: Vec::new(),
        nodes: nodes_before,
        item_start: nodes_before,
        expanded: expanded_before,
        anchors: HashMap::new(),
        documents: 0,
        out: Walked::default(),
    };
    events(text, |e| w.event(e))?;
    w.out.nodes = w.nodes - nodes_before;
    w.out.expanded = w.expanded - expanded_before;
    Ok(w.out)
}

impl Walk<'_> {
    fn event(&mut self, e: &sys::yaml_event_t) -> ControlFlow<Halt> {
        let start = Mark::of(&e.start_mark);
        let end = Mark::of(&e.end_mark);
        // SAFETY (every union read below): libyaml fills the variant that matches `type_`.
        let (anchor, opens) = match e.type_ {
            sys::YAML_DOCUMENT_START_EVENT => {
                self.documents += 1;
                if self.documents > 1 {
                    let message = "a second document (`---`) in one file: a data file holds \
                                   one list of records";
                    return ControlFlow::Break(Halt::Limit(start, message.to_string()));
                }
                return ControlFlow::Continue(());
            }
            sys::YAML_SCALAR_EVENT => (unsafe { e.data.scalar.anchor }, false),
            sys::YAML_SEQUENCE_START_EVENT => (unsafe { e.data.sequence_start.anchor }, true),
            sys::YAML_MAPPING_START_EVENT => (unsafe { e.data.mapping_start.anchor }, true),
            sys::YAML_ALIAS_EVENT => {
                return self.alias(unsafe { c_bytes(e.data.alias.anchor) }, start, end);
            }
            sys::YAML_SEQUENCE_END_EVENT | sys::YAML_MAPPING_END_EVENT => {
                self.close(end);
                return ControlFlow::Continue(());
            }
            _ => return ControlFlow::Continue(()),
        };
        let anchor = (!anchor.is_null()).then(|| unsafe { c_bytes(anchor) });
        let text = (e.type_ == sys::YAML_SCALAR_EVENT).then(|| unsafe {
            let s = &e.data.scalar;
            // SAFETY: libyaml's scalar value is `length` bytes long.
            std::slice::from_raw_parts(s.value, s.length as usize)
        });
        let collection = opens.then_some(e.type_ == sys::YAML_SEQUENCE_START_EVENT);
        self.node(start, end, anchor, text, collection)
    }

    /// An alias, `*name`: counts what it expands to.
    fn alias(&mut self, name: Vec<u8>, start: Mark, end: Mark) -> ControlFlow<Halt> {
        let at = |message: String| ControlFlow::Break(Halt::Limit(start, message));
        self.begin(start, end, None, None)?;
        let size = match self.anchors.get(&name) {
            Some(Some(size)) => *size,
            Some(None) => {
                return at(format!(
                    "the alias `*{}` refers to a node that contains it",
                    crate::text::sanitize::line(&String::from_utf8_lossy(&name))
                ));
            }
            None => 1, // an unknown anchor: serde_yaml says so
        };
        self.nodes = self.nodes.saturating_add(size);
        self.expanded = self.expanded.saturating_add(size);
        let in_item = self.open.first().is_some_and(|o| !o.mapping);
        if self.expanded > self.limits.alias_nodes
            || (in_item && self.nodes - self.item_start > self.limits.record_nodes as u64)
        {
            return at(self.limits.alias_message());
        }
        self.counted(start)?;
        if self.open.len() == 1 && !self.open[0].mapping {
            self.end_item(end);
        }
        ControlFlow::Continue(())
    }

    /// The end of a list or mapping: its anchor's size is known, and a top-level item ends.
    fn close(&mut self, end: Mark) {
        if let Some(open) = self.open.pop()
            && let Some(name) = open.anchor
        {
            self.anchors.insert(name, Some(self.nodes - open.start));
        }
        match self.open.len() {
            0 => {
                if let Some(list) = &mut self.out.list {
                    list.end = end;
                }
            }
            1 if !self.open[0].mapping => self.end_item(end),
            _ => {}
        }
    }

    /// A scalar (`text`), or the start of a list or mapping (`collection`).
    fn node(
        &mut self,
        start: Mark,
        end: Mark,
        anchor: Option<Vec<u8>>,
        text: Option<&[u8]>,
        collection: Option<bool>,
    ) -> ControlFlow<Halt> {
        let at = |message: String| ControlFlow::Break(Halt::Limit(start, message));
        let opens = collection.is_some();
        let short = text.filter(|t| t.len() <= 200);
        let key = self.begin(
            start,
            end,
            short.map(|b| String::from_utf8_lossy(b).into_owned()),
            collection,
        )?;
        self.nodes = self.nodes.saturating_add(1);
        if let Some(len) = text.map(<[u8]>::len)
            && len > self.limits.text_bytes
        {
            return at(self.limits.text_message(key.as_deref().unwrap_or(""), len));
        }
        if opens {
            if self.open.len() >= self.limits.depth {
                return at(self.limits.depth_message());
            }
            if let Some(name) = &anchor {
                self.anchors.insert(name.clone(), None);
            }
            self.open.push(Open {
                anchor,
                start: self.nodes - 1,
                mapping: collection == Some(false),
                expect_key: true,
                key: String::new(),
            });
        } else if let Some(name) = anchor {
            self.anchors.insert(name, Some(1));
        }
        self.counted(start)?;
        if !opens && self.open.len() == 1 && !self.open[0].mapping {
            self.end_item(end);
        }
        ControlFlow::Continue(())
    }

    /// A new node (`collection`: `Some(true)` for a list, `Some(false)` for a mapping): notes
    /// the document's shape at its root, counts and spans top-level items, and tracks mapping
    /// keys. Returns the key this node is the value of, if any.
    fn begin(
        &mut self,
        start: Mark,
        end: Mark,
        scalar: Option<String>,
        collection: Option<bool>,
    ) -> ControlFlow<Halt, Option<String>> {
        if self.open.is_empty() {
            self.out.shape = match (collection, &scalar) {
                (Some(true), _) => Shape::List,
                (None, Some(s)) if s.is_empty() || matches!(s.as_str(), "~" | "null") => {
                    Shape::Empty
                }
                _ => Shape::Other,
            };
            if collection == Some(true) {
                self.out.list = Some(Span { start, end });
            }
        }
        if self.open.len() == 1 && !self.open[0].mapping {
            if self.out.items.len() >= self.limits.records {
                return ControlFlow::Break(Halt::Limit(
                    start,
                    crate::data::limits::too_many_records(self.out.items.len() + 1),
                ));
            }
            self.item_start = self.nodes;
            self.out.items.push(Span { start, end: start });
        }
        let Some(parent) = self.open.last_mut() else {
            return ControlFlow::Continue(None);
        };
        if !parent.mapping {
            return ControlFlow::Continue(None);
        }
        parent.expect_key = !parent.expect_key;
        if !parent.expect_key {
            // This node is a key.
            parent.key = scalar.unwrap_or_default();
            ControlFlow::Continue(None)
        } else {
            ControlFlow::Continue(Some(parent.key.clone()))
        }
    }

    /// After a node is counted: the record's and the file's node limits.
    fn counted(&mut self, at: Mark) -> ControlFlow<Halt> {
        let in_item = self.open.first().is_some_and(|o| !o.mapping) && !self.out.items.is_empty();
        if in_item && self.nodes - self.item_start > self.limits.record_nodes as u64 {
            return ControlFlow::Break(Halt::Limit(at, self.limits.record_nodes_message()));
        }
        if self.nodes > self.limits.file_nodes {
            return ControlFlow::Break(Halt::Limit(at, self.limits.file_nodes_message()));
        }
        ControlFlow::Continue(())
    }

    fn end_item(&mut self, end: Mark) {
        if let Some(item) = self.out.items.last_mut() {
            item.end = end;
        }
    }
}

/// # Safety
/// `p` is a NUL-terminated string from libyaml.
unsafe fn c_bytes(p: *const u8) -> Vec<u8> {
    unsafe { CStr::from_ptr(p.cast()) }.to_bytes().to_vec()
}

/// # Safety
/// `p` is null or a NUL-terminated string from libyaml.
unsafe fn c_string(p: *const std::ffi::c_char) -> Option<String> {
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Feeds every event of `text` to `f` until the stream ends, `f` breaks, or the YAML is invalid.
fn events(
    text: &str,
    mut f: impl FnMut(&sys::yaml_event_t) -> ControlFlow<Halt>,
) -> Result<(), Halt> {
    // SAFETY: the parser lives in a box that does not move (libyaml keeps a pointer to it), reads
    // `text`, which outlives it, and is deleted on every path; each event is deleted after use.
    unsafe {
        let mut parser: Box<MaybeUninit<sys::yaml_parser_t>> = Box::new(MaybeUninit::uninit());
        let p = parser.as_mut_ptr();
        if sys::yaml_parser_initialize(p).fail {
            return Err(Halt::Syntax {
                problem: "the YAML parser could not start (out of memory?)".to_string(),
                at: Mark::default(),
                context: None,
            });
        }
        sys::yaml_parser_set_encoding(p, sys::YAML_UTF8_ENCODING);
        sys::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as u64);
        let result = loop {
            let mut event = MaybeUninit::<sys::yaml_event_t>::uninit();
            if sys::yaml_parser_parse(p, event.as_mut_ptr()).fail {
                // libyaml is not running: reading its error fields aliases nothing.
                let failed = &*p;
                let problem = c_string(failed.problem)
                    .unwrap_or_else(|| "the YAML parser failed".to_string());
                let context = c_string(failed.context).map(|c| (c, Mark::of(&failed.context_mark)));
                break Err(Halt::Syntax {
                    problem,
                    at: Mark::of(&failed.problem_mark),
                    context,
                });
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
