//! A parser for the part of YAML that datasets are written in, about twenty times faster than
//! libyaml through serde_yaml: block mappings and sequences, flow collections, plain, quoted,
//! literal (`|`) and folded (`>`) scalars, and comments. It parses one top-level list item into
//! a small tree that [`super::de`] hands to serde.
//!
//! It is only ever a shortcut. Whatever it is not sure of (anchors, aliases, tags, tabs, CRs,
//! multi-line plain or quoted scalars, explicit keys, odd indentation, any syntax error) makes
//! it give up with [`Stop::Unsure`], and the caller parses the item with serde_yaml instead;
//! so its answer, when it gives one, is the one serde_yaml would give. The limits are the
//! exception: crossing one is [`Stop::Limit`], an answer, since the tree it has built so far is
//! what serde_yaml would have to build too.

use super::Limits;

mod scalars;
use std::borrow::Cow;

/// No next sibling.
pub(super) const NONE: u32 = u32::MAX;

pub(super) enum Value<'a> {
    /// A scalar's text, and whether it was plain (unquoted, so `null`, `true` and numbers are
    /// read as such).
    Scalar(Cow<'a, str>, bool),
    /// `first` child, `len` children (a mapping's are key, value, key, value...).
    Seq(u32, u32),
    Map(u32, u32),
}

pub(super) struct Node<'a> {
    pub value: Value<'a>,
    pub next: u32,
}

/// Why parsing stopped.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Stop {
    /// Outside what this parser handles, or invalid: serde_yaml decides.
    Unsure,
    /// A limit crossed, at a byte offset of the text, with the message.
    Limit(usize, String),
}

type R<T> = Result<T, Stop>;

/// What a parser allocates, kept from one record to the next.
#[derive(Default)]
pub(super) struct Buffers<'a> {
    nodes: Vec<Node<'a>>,
    stack: Vec<u32>,
}

pub(super) struct Parser<'a> {
    b: &'a [u8],
    text: &'a str,
    pos: usize,
    pub nodes: Vec<Node<'a>>,
    /// Children of the collections being parsed, innermost last: one allocation for all.
    stack: Vec<u32>,
    depth: usize,
    limits: &'a Limits,
    /// The key whose value is being parsed, to name it when a text is too long.
    key: &'a str,
}

/// Bytes that need a second look before a chunk is trusted to this parser: controls (tab and
/// CR included, not LF), DEL, and the lead bytes of the characters libyaml treats specially (C1
/// controls and NEL; LS and PS, which it reads as line breaks; a BOM; U+FFFE and U+FFFF).
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\n' as usize;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t[0xef] = true;
    t
};

/// Whether `b` holds a byte of [`SPECIAL`] that is what it seems. Eight bytes at a time while
/// they are printable ASCII, the usual case.
fn suspicious(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    loop {
        while let Some(word) = b.get(i..i + 8) {
            let w = u64::from_le_bytes([
                word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
            ]);
            // A byte under 0x20 or over 0x7e (or a line feed, rechecked below) in the word?
            let low = w.wrapping_sub(ONES * 0x20) & !w;
            let del = (w ^ (ONES * 0x7f)).wrapping_sub(ONES) & !(w ^ (ONES * 0x7f));
            if (low | del | w) & HIGH != 0 {
                break;
            }
            i += 8;
        }
        let end = (i + 8).min(b.len());
        let Some(k) = b[i..end].iter().position(|&c| SPECIAL[c as usize]) else {
            if end == b.len() {
                return false;
            }
            i = end;
            continue;
        };
        i += k;
        let next = (b.get(i + 1).copied(), b.get(i + 2).copied());
        let bad = match b[i] {
            0xc2 => matches!(next.0, Some(0x80..=0x9f)),
            0xe2 => next.0 == Some(0x80) && matches!(next.1, Some(0xa8 | 0xa9)),
            0xef => matches!(
                next,
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ),
            _ => true,
        };
        if bad {
            return true;
        }
        i += 1;
    }
}

/// Can a plain scalar start with this byte? The indicators cannot (YAML 1.2, 7.3.3); `-`, `?`
/// and `:` can when followed by a non-space, of which only `-` (negative numbers, `-foo`) is
/// allowed here.
fn plain_start(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        None => false,
        Some(b'-') => !matches!(b.get(i + 1), None | Some(b' ' | b'\n')),
        Some(
            b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
            | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n',
        ) => false,
        Some(_) => true,
    }
}

impl<'a> Parser<'a> {
    /// A parser of `text`, building into `buffers` (emptied first), so that one allocation
    /// serves every record of a file.
    pub fn new(text: &'a str, limits: &'a Limits, buffers: Buffers<'a>) -> Parser<'a> {
        let Buffers {
            mut nodes,
            mut stack,
        } = buffers;
        nodes.clear();
        stack.clear();
        Parser {
            b: text.as_bytes(),
            text,
            pos: 0,
            nodes,
            stack,
            depth: 0,
            limits,
            key: "",
        }
    }

    /// How many of the nodes are values rather than mapping keys.
    pub fn values(&self) -> u64 {
        let keys: u64 = self
            .nodes
            .iter()
            .map(|n| match n.value {
                Value::Map(_, len) => u64::from(len / 2),
                _ => 0,
            })
            .sum();
        self.nodes.len() as u64 - keys
    }

    /// How many nodes are items of a list.
    pub fn items(&self) -> u64 {
        self.nodes
            .iter()
            .map(|n| match n.value {
                Value::Seq(_, len) => u64::from(len),
                _ => 0,
            })
            .sum()
    }

    /// Bytes of text in the scalars.
    pub fn text_bytes(&self) -> u64 {
        self.nodes
            .iter()
            .map(|n| match &n.value {
                Value::Scalar(s, _) => s.len() as u64,
                _ => 0,
            })
            .sum()
    }

    /// The buffers, for the next record.
    pub fn recycle(self) -> Buffers<'a> {
        Buffers {
            nodes: self.nodes,
            stack: self.stack,
        }
    }

    /// Parses `text` as exactly one top-level list item (`- ...`), into `self.nodes` with the
    /// item's value at index 0. The top-level list counts as the first level of nesting.
    pub fn item(&mut self) -> R<()> {
        if suspicious(self.b) || !self.text.starts_with('-') {
            return Err(Stop::Unsure);
        }
        self.pos = 1;
        self.depth = 1;
        self.block_value(0, true)?;
        // The item must be all of the text.
        match self.next_line() {
            None => Ok(()),
            Some(_) => Err(Stop::Unsure),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    fn spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
    }

    fn line_start(&self, i: usize) -> usize {
        self.b[..i]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1)
    }

    /// After a value: spaces, perhaps a comment (after a space), then the end of the line.
    fn end_of_line(&mut self) -> R<()> {
        self.spaces();
        match self.peek() {
            None | Some(b'\n') => Ok(()),
            Some(b'#') if self.pos > 0 && self.b[self.pos - 1] == b' ' => {
                self.pos = memchr::memchr(b'\n', &self.b[self.pos..])
                    .map_or(self.b.len(), |i| self.pos + i);
                Ok(())
            }
            _ => Err(Stop::Unsure),
        }
    }

    /// The next line with content (not blank, not only a comment) after the current one: its
    /// start and indentation. Does not move.
    fn next_line(&self) -> Option<(usize, usize)> {
        let mut i = memchr::memchr(b'\n', &self.b[self.pos..])? + self.pos + 1;
        loop {
            let start = i;
            while self.at(i) == Some(b' ') {
                i += 1;
            }
            match self.at(i) {
                None => return None,
                Some(b'\n') => i += 1,
                Some(b'#') => i = memchr::memchr(b'\n', &self.b[i..])? + i + 1,
                Some(_) => return Some((start, i - start)),
            }
        }
    }

    fn is_dash(&self, i: usize) -> bool {
        self.at(i) == Some(b'-') && matches!(self.at(i + 1), None | Some(b' ' | b'\n'))
    }

    /// Adds a node. The key it is the value of, if it is a mapping's value, is named when it
    /// is a text over the limit.
    fn push(&mut self, value: Value<'a>, at: usize) -> R<u32> {
        let key = std::mem::take(&mut self.key);
        if self.nodes.len() >= self.limits.record_nodes {
            return Err(Stop::Limit(at, self.limits.record_nodes_message()));
        }
        if let Value::Scalar(text, _) = &value
            && text.len() > self.limits.text_bytes
        {
            return Err(Stop::Limit(at, self.limits.text_message(key, text.len())));
        }
        self.nodes.push(Node { value, next: NONE });
        Ok((self.nodes.len() - 1) as u32)
    }

    fn open(&mut self, at: usize) -> R<()> {
        if self.depth >= self.limits.depth {
            return Err(Stop::Limit(at, self.limits.depth_message()));
        }
        self.depth += 1;
        Ok(())
    }

    /// Links the children on the stack from `base` as siblings, sets the container's first
    /// child and length, and takes them off the stack.
    fn close(&mut self, container: u32, base: usize) {
        let children = &self.stack[base..];
        for w in children.windows(2) {
            self.nodes[w[0] as usize].next = w[1];
        }
        let first = children.first().copied().unwrap_or(NONE);
        let len = children.len() as u32;
        self.stack.truncate(base);
        match &mut self.nodes[container as usize].value {
            Value::Seq(f, l) | Value::Map(f, l) => {
                *f = first;
                *l = len;
            }
            Value::Scalar(..) => {}
        }
        self.depth -= 1;
    }

    /// The node after an indicator (`-` or `key:`) on the current line, `pos` just past it.
    /// `n` is the indentation of the collection it belongs to; `entry` when it is a sequence
    /// entry, where a mapping or a sequence may start on the same line.
    fn block_value(&mut self, n: usize, entry: bool) -> R<u32> {
        if !matches!(self.peek(), None | Some(b' ' | b'\n')) {
            return Err(Stop::Unsure);
        }
        self.spaces();
        let here = self.pos;
        match self.peek() {
            None | Some(b'\n') | Some(b'#') => {
                self.end_of_line()?;
                match self.next_line() {
                    Some((start, indent)) if self.is_dash(start + indent) => {
                        if (entry && indent > n) || (!entry && indent >= n) {
                            self.pos = start + indent;
                            return self.block_seq(indent);
                        }
                        self.push(Value::Scalar(Cow::Borrowed(""), true), here)
                    }
                    Some((start, indent)) if indent > n => {
                        self.pos = start + indent;
                        self.block_map(indent)
                    }
                    _ => self.push(Value::Scalar(Cow::Borrowed(""), true), here),
                }
            }
            Some(b'[' | b'{') => {
                let node = self.flow_node(n)?;
                self.end_of_line()?;
                Ok(node)
            }
            Some(b'|' | b'>') => self.block_scalar(n),
            Some(b'"' | b'\'') => {
                let value = self.quoted(Some(n))?;
                self.spaces();
                if self.peek() == Some(b':')
                    && matches!(self.at(self.pos + 1), None | Some(b' ' | b'\n'))
                {
                    // A key on several lines is not a key.
                    if !entry || self.line_start(self.pos) > here {
                        return Err(Stop::Unsure);
                    }
                    self.pos = here;
                    let col = here - self.line_start(here);
                    return self.block_map(col);
                }
                let node = self.push(Value::Scalar(value, false), here)?;
                self.end_of_line()?;
                Ok(node)
            }
            Some(b'-') if self.is_dash(here) => {
                if !entry {
                    return Err(Stop::Unsure);
                }
                let col = here - self.line_start(here);
                self.block_seq(col)
            }
            _ if plain_start(self.b, here) => {
                let (end, key) = self.plain_in_block();
                if key {
                    if !entry {
                        return Err(Stop::Unsure);
                    }
                    let col = here - self.line_start(here);
                    return self.block_map(col);
                }
                let value = self.plain_lines(here, end, n)?;
                let node = self.push(Value::Scalar(value, true), here)?;
                self.end_of_line()?;
                // A more indented line that did not continue the scalar: not handled here.
                if let Some((_, indent)) = self.next_line()
                    && indent > n
                {
                    return Err(Stop::Unsure);
                }
                Ok(node)
            }
            _ => Err(Stop::Unsure),
        }
    }

    /// Scans a plain scalar on the current line from `pos` (without moving): where it ends, and
    /// whether what ends it is `:` and a space, making it a key.
    fn plain_in_block(&self) -> (usize, bool) {
        let mut i = self.pos;
        loop {
            i = match memchr::memchr3(b':', b'#', b'\n', &self.b[i..]) {
                Some(k) => i + k,
                None => return (self.b.len(), false),
            };
            match self.b[i] {
                b'\n' => return (i, false),
                b':' if matches!(self.at(i + 1), None | Some(b' ' | b'\n')) => return (i, true),
                b'#' if self.b[i - 1] == b' ' => return (i, false),
                _ => i += 1,
            }
        }
    }

    /// A block mapping whose first key is at `pos`, at indentation `m`.
    fn block_map(&mut self, m: usize) -> R<u32> {
        let here = self.pos;
        self.open(here)?;
        let map = self.push(Value::Map(NONE, 0), here)?;
        let base = self.stack.len();
        loop {
            let key_at = self.pos;
            let key: Cow<'a, str> = match self.peek() {
                Some(b'"' | b'\'') => self.quoted(None)?,
                _ if plain_start(self.b, key_at) => {
                    let (end, is_key) = self.plain_in_block();
                    if !is_key {
                        return Err(Stop::Unsure);
                    }
                    self.pos = end;
                    Cow::Borrowed(self.text[key_at..end].trim_end_matches(' '))
                }
                _ => return Err(Stop::Unsure),
            };
            // libyaml's limit on a simple key; and the colon right after it.
            if self.pos - key_at > 1024 || self.peek() != Some(b':') {
                return Err(Stop::Unsure);
            }
            self.pos += 1;
            let plain = !matches!(self.b[key_at], b'"' | b'\'');
            let name = match &key {
                Cow::Borrowed(k) => k,
                Cow::Owned(_) => "",
            };
            {
                let child = self.push(Value::Scalar(key, plain), key_at)?;
                self.stack.push(child);
            }
            self.key = name;
            {
                let child = self.block_value(m, false)?;
                self.stack.push(child);
            }
            match self.next_line() {
                Some((start, indent)) if indent == m => {
                    if self.is_dash(start + indent) {
                        return Err(Stop::Unsure);
                    }
                    self.pos = start + indent;
                }
                Some((_, indent)) if indent > m => return Err(Stop::Unsure),
                _ => break,
            }
        }
        self.close(map, base);
        Ok(map)
    }

    /// A block sequence whose first `-` is at `pos`, at indentation `s`.
    fn block_seq(&mut self, s: usize) -> R<u32> {
        let here = self.pos;
        self.open(here)?;
        let seq = self.push(Value::Seq(NONE, 0), here)?;
        let base = self.stack.len();
        loop {
            self.pos += 1;
            {
                let child = self.block_value(s, true)?;
                self.stack.push(child);
            }
            match self.next_line() {
                Some((start, indent)) if indent == s && self.is_dash(start + indent) => {
                    self.pos = start + indent;
                }
                Some((_, indent)) if indent > s => return Err(Stop::Unsure),
                _ => break,
            }
        }
        self.close(seq, base);
        Ok(seq)
    }

    /// Skips spaces, line breaks and comments inside a flow collection. A line inside one must
    /// be indented more than the block it is in.
    fn flow_space(&mut self, n: usize) -> R<()> {
        loop {
            match self.peek() {
                Some(b' ') => self.pos += 1,
                Some(b'\n') => {
                    self.pos += 1;
                    let indent = self.b[self.pos..]
                        .iter()
                        .take_while(|&&c| c == b' ')
                        .count();
                    if indent <= n && !matches!(self.at(self.pos + indent), Some(b'\n' | b'#')) {
                        return Err(Stop::Unsure);
                    }
                }
                Some(b'#') if matches!(self.at(self.pos.wrapping_sub(1)), Some(b' ' | b'\n')) => {
                    self.pos = memchr::memchr(b'\n', &self.b[self.pos..])
                        .map_or(self.b.len(), |i| self.pos + i);
                }
                _ => return Ok(()),
            }
        }
    }

    fn flow_node(&mut self, n: usize) -> R<u32> {
        let here = self.pos;
        match self.peek() {
            Some(b'[') => {
                self.open(here)?;
                let seq = self.push(Value::Seq(NONE, 0), here)?;
                self.pos += 1;
                let base = self.stack.len();
                loop {
                    self.flow_space(n)?;
                    if self.peek() == Some(b']') {
                        break;
                    }
                    {
                        let child = self.flow_node(n)?;
                        self.stack.push(child);
                    }
                    self.flow_space(n)?;
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b']') => break,
                        _ => return Err(Stop::Unsure),
                    }
                }
                self.pos += 1;
                self.close(seq, base);
                Ok(seq)
            }
            Some(b'{') => {
                self.open(here)?;
                let map = self.push(Value::Map(NONE, 0), here)?;
                self.pos += 1;
                let base = self.stack.len();
                loop {
                    self.flow_space(n)?;
                    if self.peek() == Some(b'}') {
                        break;
                    }
                    let key_at = self.pos;
                    let key = self.flow_scalar(n)?;
                    let name = match &key {
                        Value::Scalar(Cow::Borrowed(k), _) => *k,
                        _ => "",
                    };
                    {
                        let child = self.push(key, key_at)?;
                        self.stack.push(child);
                    }
                    self.key = name;
                    self.spaces();
                    // `key: value`; an empty value or a missing colon is left to libyaml.
                    if self.peek() != Some(b':')
                        || !matches!(self.at(self.pos + 1), Some(b' ' | b'\n'))
                    {
                        return Err(Stop::Unsure);
                    }
                    self.pos += 1;
                    self.flow_space(n)?;
                    if matches!(self.peek(), Some(b',' | b'}')) {
                        return Err(Stop::Unsure);
                    }
                    {
                        let child = self.flow_node(n)?;
                        self.stack.push(child);
                    }
                    self.flow_space(n)?;
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => break,
                        _ => return Err(Stop::Unsure),
                    }
                }
                self.pos += 1;
                self.close(map, base);
                Ok(map)
            }
            _ => {
                let value = self.flow_scalar(n)?;
                self.push(value, here)
            }
        }
    }

    /// A quoted scalar, or a plain one ending at a flow indicator, a comment or the line's end.
    fn flow_scalar(&mut self, _n: usize) -> R<Value<'a>> {
        match self.peek() {
            Some(b'"' | b'\'') => Ok(Value::Scalar(self.quoted(None)?, false)),
            _ if plain_start(self.b, self.pos) => {
                let start = self.pos;
                let mut i = start;
                loop {
                    match self.at(i) {
                        None | Some(b'\n' | b',' | b'[' | b']' | b'{' | b'}') => break,
                        Some(b':') if matches!(self.at(i + 1), Some(b' ' | b'\n')) => break,
                        // A colon elsewhere, and a comment, are left to libyaml.
                        Some(b':') => return Err(Stop::Unsure),
                        Some(b'#') if self.at(i - 1) == Some(b' ') => return Err(Stop::Unsure),
                        _ => i += 1,
                    }
                }
                self.pos = i;
                Ok(Value::Scalar(
                    Cow::Borrowed(self.text[start..i].trim_end_matches(' ')),
                    true,
                ))
            }
            _ => Err(Stop::Unsure),
        }
    }
}
