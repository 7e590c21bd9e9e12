//! Scalars: plain ones over several lines, quoted ones (with their escapes and line folding)
//! and block scalars (`|`, `>`). Each gives up with [`Stop::Unsure`] where it is not sure, as
//! the whole parser does.

use super::{Parser, R, Stop, Value, plain_start};
use std::borrow::Cow;

impl<'a> Parser<'a> {
    /// A plain scalar in a block whose first line runs from `here` to `end`, with the lines
    /// that continue it: each more indented than the block (`n`), folded into one space, as
    /// writers wrap long texts (PyYAML and ruamel.yaml at 80 columns). A continuation line
    /// that could mean anything else (it starts with an indicator or a comment, or holds `: `,
    /// ` #` or a final `:`) or a blank line in between is left to serde_yaml. Leaves `pos` at
    /// the end of the last line.
    pub(super) fn plain_lines(&mut self, here: usize, end: usize, n: usize) -> R<Cow<'a, str>> {
        let first = self.text[here..end].trim_end_matches(' ');
        let mut at = end;
        let mut folded: Option<String> = None;
        while self.at(at) == Some(b'\n') {
            let start = at + 1;
            let c = start + self.b[start..].iter().take_while(|&&b| b == b' ').count();
            if c - start <= n || matches!(self.at(c), None | Some(b'\n')) {
                break;
            }
            let line_end = memchr::memchr(b'\n', &self.b[c..]).map_or(self.b.len(), |k| c + k);
            let line = self.text[c..line_end].trim_end_matches(' ');
            if !plain_start(self.b, c)
                || line.ends_with(':')
                || memchr::memmem::find(line.as_bytes(), b": ").is_some()
                || memchr::memmem::find(line.as_bytes(), b" #").is_some()
            {
                return Err(Stop::Unsure);
            }
            let out = folded.get_or_insert_with(|| first.to_string());
            out.push(' ');
            out.push_str(line);
            at = line_end;
        }
        self.pos = at;
        Ok(match folded {
            Some(text) => Cow::Owned(text),
            None => {
                self.pos = end;
                Cow::Borrowed(first)
            }
        })
    }

    /// A quoted scalar, `pos` at its opening quote; leaves `pos` after the closing. In a block
    /// (`fold` is its indentation) it may go on over lines more indented than the block: each
    /// line break, with the spaces around it, folds into one space, and an escaped one (`\` at
    /// the end of a line, as PyYAML wraps) into nothing. A blank line in between is left to
    /// serde_yaml, as is any line break in a key or a flow collection.
    pub(super) fn quoted(&mut self, fold: Option<usize>) -> R<Cow<'a, str>> {
        let quote = self.b[self.pos];
        let start = self.pos + 1;
        let mut i = start;
        let mut owned: Option<String> = None;
        let mut from = start;
        loop {
            let found = if quote == b'"' {
                memchr::memchr3(b'"', b'\\', b'\n', &self.b[i..])
            } else {
                memchr::memchr2(b'\'', b'\n', &self.b[i..])
            };
            i = match found {
                Some(k) => i + k,
                None => return Err(Stop::Unsure),
            };
            match self.b[i] {
                b'\n' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(self.text[from..i].trim_end_matches(' '));
                    s.push(' ');
                    i = self.continued(i + 1, fold)?;
                    from = i;
                }
                b'\\' if self.at(i + 1) == Some(b'\n') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[from..i]);
                    i = self.continued(i + 2, fold)?;
                    from = i;
                }
                b'\'' if self.at(i + 1) == Some(b'\'') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[from..=i]);
                    i += 2;
                    from = i;
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[from..i]);
                    i = escape(self.b, i + 1, s)?;
                    from = i;
                }
                _ => break,
            }
        }
        self.pos = i + 1;
        Ok(match owned {
            Some(mut s) => {
                s.push_str(&self.text[from..i]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(&self.text[start..i]),
        })
    }

    /// Where the line at `start` that continues a quoted scalar has its content: after its
    /// indentation, which must be more than the block's (`fold`); a blank line is unsure.
    fn continued(&self, start: usize, fold: Option<usize>) -> R<usize> {
        let n = fold.ok_or(Stop::Unsure)?;
        let c = start + self.b[start..].iter().take_while(|&&b| b == b' ').count();
        if c - start <= n || matches!(self.at(c), None | Some(b'\n')) {
            return Err(Stop::Unsure);
        }
        Ok(c)
    }

    /// `|` or `>`, optionally with `-` (strip the final line break); the content lines follow,
    /// more indented than `n`.
    pub(super) fn block_scalar(&mut self, n: usize) -> R<u32> {
        let here = self.pos;
        let folded = self.b[self.pos] == b'>';
        self.pos += 1;
        let strip = match self.peek() {
            Some(b'-') => {
                self.pos += 1;
                true
            }
            Some(b' ' | b'\n') | None => false,
            // Keeping trailing lines (`+`) and explicit indentation are left to libyaml.
            _ => return Err(Stop::Unsure),
        };
        self.end_of_line()?;
        // The first content line sets the indentation; blank lines before it are not handled.
        if self.pos >= self.b.len() {
            return Err(Stop::Unsure);
        }
        let mut i = self.pos + 1;
        let indent = self.b[i..].iter().take_while(|&&c| c == b' ').count();
        if indent <= n || matches!(self.at(i + indent), None | Some(b'\n')) {
            return Err(Stop::Unsure);
        }
        let mut value = String::new();
        let mut breaks = 0usize;
        let mut any = false;
        let mut ended_with_break = false;
        loop {
            let spaces = self.b[i..].iter().take_while(|&&c| c == b' ').count();
            let content = i + spaces;
            match self.at(content) {
                // A blank line: part of the scalar if more content follows.
                Some(b'\n') if spaces <= indent => {
                    breaks += 1;
                    i = content + 1;
                    continue;
                }
                None if spaces == 0 || spaces <= indent => break,
                _ if spaces < indent => break,
                _ => {}
            }
            // Extra indentation is significant, and folds differently: not handled.
            if spaces > indent {
                return Err(Stop::Unsure);
            }
            let end =
                memchr::memchr(b'\n', &self.b[content..]).map_or(self.b.len(), |e| content + e);
            if any {
                if folded && breaks == 0 {
                    value.push(' ');
                } else {
                    let extra = usize::from(!folded);
                    value.extend(std::iter::repeat_n('\n', breaks + extra));
                }
            }
            value.push_str(&self.text[content..end]);
            any = true;
            breaks = 0;
            ended_with_break = end < self.b.len();
            self.pos = end;
            if end >= self.b.len() {
                break;
            }
            i = end + 1;
        }
        if !strip && ended_with_break {
            value.push('\n');
        }
        self.push(Value::Scalar(Cow::Owned(value), false), here)
    }
}

/// Decodes the escape after a backslash at `i` into `out`; returns the index after it.
fn escape(b: &[u8], i: usize, out: &mut String) -> R<usize> {
    let simple = match b.get(i) {
        Some(b'0') => '\0',
        Some(b'a') => '\u{7}',
        Some(b'b') => '\u{8}',
        Some(b't') => '\t',
        Some(b'n') => '\n',
        Some(b'v') => '\u{b}',
        Some(b'f') => '\u{c}',
        Some(b'r') => '\r',
        Some(b'e') => '\u{1b}',
        Some(b' ') => ' ',
        Some(b'"') => '"',
        Some(b'/') => '/',
        Some(b'\\') => '\\',
        Some(b'N') => '\u{85}',
        Some(b'_') => '\u{a0}',
        Some(b'L') => '\u{2028}',
        Some(b'P') => '\u{2029}',
        Some(b'x') => return hex(b, i + 1, 2, out),
        Some(b'u') => return hex(b, i + 1, 4, out),
        Some(b'U') => return hex(b, i + 1, 8, out),
        _ => return Err(Stop::Unsure),
    };
    out.push(simple);
    Ok(i + 1)
}

fn hex(b: &[u8], i: usize, len: usize, out: &mut String) -> R<usize> {
    let digits = b.get(i..i + len).ok_or(Stop::Unsure)?;
    let digits = std::str::from_utf8(digits).map_err(|_| Stop::Unsure)?;
    if !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return Err(Stop::Unsure);
    }
    let code = u32::from_str_radix(digits, 16).map_err(|_| Stop::Unsure)?;
    out.push(char::from_u32(code).ok_or(Stop::Unsure)?);
    Ok(i + len)
}
