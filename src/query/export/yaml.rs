//! Records as YAML that every reader takes the same way, YAML 1.1 readers (PyYAML, Ruby's
//! Psych, older libyaml bindings) as well as YAML 1.2 ones.
//!
//! A 1.1 reader turns unquoted `on`, `Yes`, `n`, `1_000`, `0777`, `12:30:00`, `2020-01-02`, `~`
//! or `.nan` into a boolean, a number, a date or nothing, and a name, an id or a date "as
//! written" (`2019-04-01`) must stay text. So a string is written without quotes only when it
//! cannot be read as anything else by either version: it starts with a letter, holds only
//! letters, digits, spaces and `_ - . , ( ) / & '`, does not end in a space, and is not one of
//! the words that 1.1 reads as a boolean or null. Everything else is double-quoted, with
//! JSON-style escapes (which YAML's double quotes share) and `\uXXXX` for every character that
//! YAML does not allow raw in a file (C0 and C1 controls, DEL, U+FEFF, U+FFFE, U+FFFF).
//! Numbers are written as JSON writes them, so they read back as the same numbers.

use serde_json::{Map, Number, Value};
use std::io::{self, Write};

/// Words a YAML 1.1 reader takes as booleans (yes/no/on/off/y/n/true/false) or null, in each
/// case form it accepts.
const READ_AS_SOMETHING_ELSE: [&str; 11] = [
    "y", "yes", "n", "no", "true", "false", "on", "off", "null", "nan", "inf",
];

/// Whether `s` can be written as a plain (unquoted) scalar and read back as this text by any
/// YAML reader.
pub fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let allowed = |c: char| c.is_alphanumeric() || " _-.,()/&'".contains(c);
    first.is_alphabetic()
        && !s.ends_with(' ')
        && s.chars().all(allowed)
        && !READ_AS_SOMETHING_ELSE
            .iter()
            .any(|w| w.eq_ignore_ascii_case(s))
}

/// `s` as a double-quoted YAML scalar.
fn quoted(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Not printable in a YAML stream, or read as a line break by a 1.1 reader.
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn scalar(s: &str, out: &mut String) {
    if plain_is_safe(s) {
        out.push_str(s);
    } else {
        quoted(s, out);
    }
}

/// As JSON writes it, except that an exponent gets a fraction and a sign (`1e300` becomes
/// `1.0e+300`): YAML 1.1 reads a float only in that form, and `1e300` as text.
fn number(n: &Number, out: &mut String) {
    let s = n.to_string();
    match s.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            out.push_str(mantissa);
            if !mantissa.contains('.') {
                out.push_str(".0");
            }
            out.push('e');
            if !exponent.starts_with(['+', '-']) {
                out.push('+');
            }
            out.push_str(exponent);
        }
        None => out.push_str(&s),
    }
}

/// A value that fits after `key: ` or `- ` on the same line: a scalar or an empty collection.
fn inline(v: &Value, out: &mut String) -> bool {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => number(n, out),
        Value::String(s) => scalar(s, out),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        _ => return false,
    }
    true
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A non-empty mapping at `depth` spaces; its first key goes where the cursor is when
/// `started` (after a `- `).
fn mapping(m: &Map<String, Value>, depth: usize, started: bool, out: &mut String) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 || !started {
            indent(out, depth);
        }
        scalar(k, out);
        out.push(':');
        let mark = out.len();
        out.push(' ');
        if inline(v, out) {
            out.push('\n');
            continue;
        }
        out.truncate(mark);
        out.push('\n');
        block(v, depth + 2, false, out);
    }
}

/// A non-empty sequence at `depth` spaces, like [`mapping`].
fn sequence(items: &[Value], depth: usize, started: bool, out: &mut String) {
    for (i, v) in items.iter().enumerate() {
        if i > 0 || !started {
            indent(out, depth);
        }
        out.push_str("- ");
        if inline(v, out) {
            out.push('\n');
        } else {
            block(v, depth + 2, true, out);
        }
    }
}

fn block(v: &Value, depth: usize, started: bool, out: &mut String) {
    match v {
        Value::Object(m) => mapping(m, depth, started, out),
        Value::Array(a) => sequence(a, depth, started, out),
        // Only collections reach here; a scalar is written inline.
        other => {
            inline(other, out);
            out.push('\n');
        }
    }
}

/// Writes `values` as one YAML sequence, one value at a time.
pub fn write_seq<W: Write>(
    values: impl Iterator<Item = io::Result<Value>>,
    mut w: W,
) -> io::Result<()> {
    let mut any = false;
    let mut out = String::new();
    for v in values {
        let v = v?;
        out.clear();
        out.push_str("- ");
        if inline(&v, &mut out) {
            out.push('\n');
        } else {
            block(&v, 2, true, &mut out);
        }
        w.write_all(out.as_bytes())?;
        any = true;
    }
    if !any {
        w.write_all(b"[]\n")?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn yaml(v: Value) -> String {
        let mut out = Vec::new();
        write_seq(std::iter::once(Ok(v)), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn what_a_yaml_1_1_reader_would_misread_is_quoted() {
        for s in [
            "on",
            "Yes",
            "N",
            "off",
            "1_000",
            "12:30:00",
            "2020-01-02",
            "~",
            "null",
            "0777",
            "0x1F",
            ".nan",
            "-.inf",
            "=",
            "<<",
            "",
            " lead",
            "trail ",
            "a: b",
            "a #b",
            "-",
            "1e3",
            "true",
        ] {
            assert!(!plain_is_safe(s), "{s:?}");
        }
        for s in [
            "Oxfam",
            "Tan Weiping",
            "China Foundation for Poverty Alleviation",
            "中国扶贫基金会",
        ] {
            assert!(plain_is_safe(s), "{s:?}");
        }
    }

    #[test]
    fn nesting_and_escapes_read_back_the_same() {
        let v = json!({
            "id": "2020-01-02",
            "name": "on",
            "nested": {"list": ["a", ["b", {"c": 1.5}], [], {}], "empty": ""},
            "text": "line\none \u{1b}[31m \u{85} \u{2028} \"quoted\" \\",
            "n": -5,
            "big": 1e300,
            "small": -2.5e-7,
            "none": null,
            "yes": true,
        });
        let text = yaml(v.clone());
        let back: Vec<Value> = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, vec![v], "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{85}'),
            "{text}"
        );
    }

    #[test]
    fn no_records_is_an_empty_list() {
        let mut out = Vec::new();
        write_seq(std::iter::empty(), &mut out).unwrap();
        assert_eq!(out, b"[]\n");
    }
}
