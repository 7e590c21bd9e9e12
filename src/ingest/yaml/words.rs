//! Parser errors in the project's words: libyaml's syntax errors said plainly, with what to do,
//! and serde's type errors with YAML's names for things ("a list", "a number"), never a path
//! like `.[0]` that means nothing to the reader, never a Rust type name.

/// A libyaml syntax error, with what it was reading when it failed (and where that began).
pub(super) fn syntax(problem: &str, context: Option<&(String, super::scan::Mark)>) -> String {
    let opened = context.map(|(what, at)| (what.as_str(), at.line + 1, at.col + 1));
    let since = |thing: &str| match opened {
        Some((_, line, col)) => format!(" (the {thing} opened at line {line}, column {col})"),
        None => String::new(),
    };
    match problem {
        "did not find expected ',' or ']'" => {
            format!(
                "expected `,` or `]`: a `[` list is not closed{}",
                since("list")
            )
        }
        "did not find expected ',' or '}'" => {
            format!(
                "expected `,` or `}}`: a `{{` mapping is not closed{}",
                since("mapping")
            )
        }
        "did not find expected key" => format!(
            "expected a `key: value` line here: check the indentation{}",
            since("mapping")
        ),
        "did not find expected '-' indicator" => {
            "expected a `- ` list item here: check the indentation".to_string()
        }
        "mapping values are not allowed in this context" => {
            "a `: ` inside a value: put the value in quotes, or check the indentation".to_string()
        }
        "block sequence entries are not allowed in this context" => {
            "a `- ` list item where a value was expected: check the indentation".to_string()
        }
        "found character that cannot start any token" => {
            "a character that cannot start a value here (a tab, `@` or a backquote?): indent \
             with spaces, and put such a value in quotes"
                .to_string()
        }
        "found unexpected end of stream" => match opened {
            Some((what, ..)) if what.contains("quoted scalar") => format!(
                "the file ends inside a quoted text: a closing quote is missing{}",
                since("quote")
            ),
            _ => "the file ends in the middle of a value".to_string(),
        },
        "found unknown escape character" => {
            "an unknown escape in a double-quoted text: write `\\\\` for a backslash, or use \
             single quotes"
                .to_string()
        }
        "control characters are not allowed" => {
            "a control character, which YAML does not allow: remove it, or write it as an \
             escape (`\\x07`) in double quotes"
                .to_string()
        }
        "could not find expected ':'" => {
            "expected `:` after a key (a key is on one line, at most 1,024 characters)".to_string()
        }
        "did not find expected node content" => "expected a value here".to_string(),
        p if p.contains("tab") => "a tab in the indentation: YAML indents with spaces".to_string(),
        p if p.contains("alias") || p.contains("anchor") => format!("{p} (`&name`, `*name`)"),
        p => format!("invalid YAML: {p}"),
    }
}

/// A serde_yaml error on `text`: where (1-based line and column of `text`) and what.
pub(super) fn serde(e: &serde_yaml::Error, text: &str) -> ((usize, usize), String) {
    let at = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let raw = e.to_string();
    // serde_yaml adds " at line X column Y" relative to the text it was given; we place it.
    let raw = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw.as_str(),
    };
    // The path of a record in a one-item list, ".[0]", means nothing to the reader.
    let raw = raw
        .strip_prefix(".[0].")
        .or_else(|| raw.strip_prefix(".[0]: "))
        .unwrap_or(raw);
    let (path, message) = split_path(raw);
    let at = relocate(at, message, text);
    let message = reword(message);
    let message = match path {
        Some(path) => format!("{path}: {message}"),
        None => message,
    };
    (at, message)
}

/// Our own types' errors (a date that is not one) say which value they refuse, first thing,
/// in backquotes; serde_yaml places them at the record. They are placed at the value instead.
fn relocate(at: (usize, usize), message: &str, text: &str) -> (usize, usize) {
    let Some(value) = message.strip_prefix('`').and_then(|m| m.split('`').next()) else {
        return at;
    };
    let Some(found) = text.find(value).filter(|_| at.0 == 1 && !value.is_empty()) else {
        return at;
    };
    let before = &text[..found];
    let line = 1 + before.matches('\n').count();
    let col = 1 + before.rsplit('\n').next().unwrap_or("").chars().count();
    (line, col)
}

/// `coordinates.lat: invalid type...` into the path and the message.
fn split_path(raw: &str) -> (Option<&str>, &str) {
    match raw.find(": ") {
        Some(i)
            if !raw[..i].contains(' ')
                && !raw[..i].is_empty()
                && raw[..i].bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'[' | b']')
                }) =>
        {
            (Some(&raw[..i]), &raw[i + 2..])
        }
        _ => (None, raw),
    }
}

/// serde's "invalid type: X, expected Y" in YAML's terms; other messages as they are.
fn reword(message: &str) -> String {
    if message == "unknown anchor" {
        return "an alias (`*name`) whose anchor (`&name`) is not in the same record: anchors \
                work within one record"
            .to_string();
    }
    if message.starts_with("data did not match any variant of untagged enum") {
        return "expected a date (YYYY, YYYY-MM or YYYY-MM-DD)".to_string();
    }
    let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    else {
        return message.to_string();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return message.to_string();
    };
    format!(
        "expected {}, found {}",
        expected_words(expected),
        found_words(found)
    )
}

fn expected_words(expected: &str) -> String {
    match expected {
        "f64" | "f32" => "a number".to_string(),
        "i64" | "i32" | "i16" | "i8" | "u64" | "u32" | "u16" | "u8" => "a whole number".to_string(),
        "a boolean" => "true or false".to_string(),
        "a string" => "a text".to_string(),
        "a sequence" => "a list".to_string(),
        e if e.starts_with("struct ") => "a mapping of `key: value` fields".to_string(),
        e => e.to_string(),
    }
}

fn found_words(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the text {s}");
    }
    for (prefix, word) in [
        ("integer `", "the number "),
        ("floating point `", "the number "),
        ("boolean `", ""),
    ] {
        if let Some(v) = found.strip_prefix(prefix) {
            return format!("{word}{}", v.trim_end_matches('`'));
        }
    }
    match found {
        "sequence" => "a list".to_string(),
        "map" => "a mapping".to_string(),
        "unit value" => "nothing (an empty value)".to_string(),
        f => f.to_string(),
    }
}
