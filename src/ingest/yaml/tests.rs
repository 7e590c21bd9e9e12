use super::*;
use crate::data::model::{Organization, Statistic};
use serde_yaml::Value;

/// The fast path's reading of one item, if it is sure of it.
fn fast<T: DeserializeOwned>(chunk: &str) -> Option<T> {
    let limits = Limits::default();
    let mut parser = fast::Parser::new(chunk, &limits, fast::Buffers::default());
    parser.item().ok()?;
    T::deserialize(de::De {
        nodes: &parser.nodes,
        at: 0,
    })
    .ok()
}

/// serde_yaml's reading of one item.
fn slow<T: DeserializeOwned>(chunk: &str) -> Option<T> {
    serde_yaml::from_str::<Vec<T>>(chunk)
        .ok()
        .filter(|v| v.len() == 1)
        .and_then(|mut v| v.pop())
}

/// Values compared as YAML sees them: NaN equal to itself.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || (x.as_f64().is_some_and(f64::is_nan) && y.as_f64().is_some_and(f64::is_nan))
        }
        (Value::Sequence(x), Value::Sequence(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Mapping(x), Value::Mapping(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|((ka, va), (kb, vb))| same(ka, kb) && same(va, vb))
        }
        _ => a == b,
    }
}

/// Whatever the fast path answers for `chunk`, serde_yaml answers the same; returns whether
/// the fast path answered.
fn agrees(chunk: &str) -> bool {
    let Some(mine) = fast::<Value>(chunk) else {
        return false;
    };
    let theirs = slow::<Value>(chunk);
    assert!(
        theirs.as_ref().is_some_and(|t| same(&mine, t)),
        "the fast path read {chunk:?} as {mine:?}, serde_yaml as {theirs:?}"
    );
    true
}

#[test]
fn every_record_of_the_builtin_and_synthetic_data_takes_the_fast_path_and_reads_the_same() {
    // The built-in files as the repository holds them (read here: the loader uses this module).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<crate::data::dataset::DataFile> = std::fs::read_dir(&dir)
        .expect("data/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| crate::data::dataset::DataFile {
            name: p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            text: std::fs::read_to_string(&p).expect("a data file"),
        })
        .collect();
    files.extend(crate::synth::generate(3_000, 3));
    let mut items = 0;
    for file in &files {
        let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
        let Head::Items(first) = head(text) else {
            continue;
        };
        let body = &text[first..];
        let starts = super::items(body);
        for (k, &(from, _)) in starts.iter().enumerate() {
            let to = starts.get(k + 1).map_or(body.len(), |s| s.0);
            let chunk = &body[from..to];
            assert!(
                agrees(chunk),
                "{}: not on the fast path:\n{chunk}",
                file.name
            );
            items += 1;
        }
    }
    assert!(items > 3_000, "{items}");
}

#[test]
fn tricky_yaml_is_read_as_serde_yaml_reads_it_or_left_to_it() {
    let cases = [
        // Plain scalars that YAML reads as something else, or not.
        "- [1, -1, +1, 0, 007, 0x1F, 0o17, 0b101, -0x1F, 1.5, -1.5e3, .inf, -.inf, .NaN, 1_000]\n",
        "- [null, Null, NULL, ~, true, True, FALSE, yes, no, on, off, y, n]\n",
        "- [2019, 2019-05, 2019-05-01, '2019', \"2019\", 12:30, 1:2:3, 0.5.1, 1e, e1, -, +]\n",
        "- [18446744073709551615, 18446744073709551616, -9223372036854775809, 99999999999999999999]\n",
        "- [abc, face, bad, 0xZZ, 0o9, 0b2, +-1, --1, 1-, ++1]\n",
        // Quoting and escapes.
        "- \"a \\\"b\\\" \\\\ \\t \\n \\u00e9 \\U0001F600 \\x41 \\/ \\e \\0 \\_ \\N\"\n",
        "- 'it''s ''quoted'' \\n stays'\n",
        "- \"\"\n- ''\n",
        "- 'a' # comment\n",
        "- \"\\q\"\n",
        "- \"\\ud800\"\n",
        // Mappings and sequences, compact and not.
        "- id: a\n  name: A\n  list:\n    - x\n    - y\n  map:\n    k: v\n",
        "- id: a\n  list:\n  - x\n  - y\n  next: z\n",
        "- - a\n  - b\n- c\n",
        "-\n  id: a\n  name: b\n",
        "- a: 1\n  b:\n  c: ~\n",
        "- key with spaces: value with: colon\n",
        "- url: http://example.org/a#b\n",
        "- a: b # comment\n  # whole line\n  c: d\n",
        "- \"quoted key\": 1\n  'single': 2\n",
        "- a: b\n   c: d\n",
        "- a: multi\n    line plain\n",
        "- a: b\nc: d\n",
        "- a: 'b'c\n",
        "- a:b\n",
        "- a: -5\n  b: -x\n  c: - y\n",
        "- ? complex\n  : key\n",
        "- &anchor a\n",
        "- !tag a\n",
        "- a: @x\n",
        "- a: `x`\n",
        "- a: %x\n",
        "- a: b #c\n",
        "- a: b#c\n",
        // Flow collections.
        "- {id: a, list: [x, y, [z]], map: {k: v}}\n",
        "- [a, b, ]\n",
        "- [a, , b]\n",
        "- {a: b, c}\n",
        "- {a: }\n",
        "- [a: b]\n",
        "- {\"a\": \"b\"}\n",
        "- {\"a\":\"b\"}\n",
        "- [a,\n   b, # comment\n   c]\n",
        "- [a\n  , b]\n",
        "- [a b, c d]\n",
        "- [a #c\n  ]\n",
        "- [http://x]\n",
        "- {a: [1, 2], b: {c: {d: e}}}\n",
        // Block scalars.
        "- a: |\n    line one\n    line two\n  b: c\n",
        "- a: >\n    folded\n    text\n\n    new paragraph\n  b: c\n",
        "- a: >-\n    folded\n    text\n",
        "- a: |-\n    kept\n\n\n    breaks\n",
        "- a: |+\n    keep\n\n",
        "- a: |2\n    explicit\n",
        "- a: >\n    more\n      indented\n    back\n",
        "- a: |\n\n    leading blank\n",
        "- a: >-\n    trailing spaces   \n    here\n",
        "- a: |\n    # not a comment\n    x\n",
        "- >\n  top-level folded\n  scalar\n- b\n",
        "- a: |\n    last line without a break",
        "- a: |\n",
        // Odd whitespace and characters.
        "- a: b\t\n",
        "- a: b\r\n",
        "- a: \u{85}b\n",
        "- a: b\u{2028}c\n",
        "- a: \u{feff}b\n",
        "- a: 中文 — “curly” ’quotes’\n",
        "- a: b\n\n\n  c: d\n",
        "- a: b\n...\n",
        // Long texts wrapped over lines, as PyYAML and ruamel.yaml write them.
        "- a: wrapped plain\n    text here\n  b: c\n",
        "- a: trailing space \n    folded\n",
        "- a: one\n   two\n     three\n",
        "- a: not\n  continued\n",
        "- a: x\n    - y\n",
        "- a: x\n    y: z\n",
        "- a: x\n    y #c\n",
        "- a: x\n    # c\n    y\n",
        "- a: x\n\n    y\n",
        "- a: x\n    y:\n",
        "- a: x\n    [y]\n",
        "- a: \"wrapped \\u5B89\n    quoted\"\n",
        "- a: \"escaped\\\n    \\ break\"\n",
        "- a: 'single\n    it''s'\n",
        "- a: \"x\n  y\"\n",
        "- a: \"x\n\n    y\"\n",
        "- \"k\n  2\": v\n",
        "- plain item\n  continued\n- b\n",
        "- a:\n  - plain item\n    continued\n",
        "---\n",
        "- a\n---\n- b\n",
    ];
    // Every case the fast path answers, it answers as serde_yaml does (`agrees` asserts that);
    // which cases it answers is pinned too, so that a change of what it takes on is reviewed.
    let report: String = cases
        .iter()
        .map(|case| {
            let who = if agrees(case) { "fast " } else { "serde" };
            format!("{who} {case:?}\n")
        })
        .collect();
    insta::assert_snapshot!(report);
}

/// A tiny random generator of YAML documents in the styles people write, to compare both
/// parsers on thousands of shapes no one thought to write down.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn scalar(&mut self) -> String {
        const WORDS: [&str; 24] = [
            "a",
            "b c",
            "2019",
            "2019-05",
            "-3",
            "1.5",
            "~",
            "null",
            "true",
            "no",
            "0x1F",
            "007",
            "中文",
            "it's",
            "a:b",
            "a #b",
            "x—y",
            ".inf",
            "",
            "-",
            "http://x.org",
            "é",
            "[x]",
            "q\"q",
        ];
        let w = WORDS[self.below(WORDS.len() as u64) as usize];
        match self.below(4) {
            0 => format!("'{}'", w.replace('\'', "''")),
            1 => format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\"")),
            _ => w.to_string(),
        }
    }

    fn flow(&mut self, depth: u32) -> String {
        match if depth > 2 { 0 } else { self.below(3) } {
            0 => self.scalar(),
            1 => {
                let items: Vec<String> = (0..self.below(4)).map(|_| self.flow(depth + 1)).collect();
                format!("[{}]", items.join(", "))
            }
            _ => {
                let items: Vec<String> = (0..self.below(4))
                    .map(|i| format!("k{i}: {}", self.flow(depth + 1)))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
        }
    }

    /// A block node at `indent`, after `key:` or `-` on the current line.
    fn block(&mut self, out: &mut String, indent: usize, depth: u32) {
        let pad = " ".repeat(indent);
        match if depth > 3 { 0 } else { self.below(6) } {
            0 if self.below(3) == 0 => {
                out.push(' ');
                self.wrapped(out, indent);
            }
            0 | 1 => {
                out.push(' ');
                out.push_str(&self.scalar());
                if self.below(5) == 0 {
                    out.push_str(" # note");
                }
                out.push('\n');
            }
            2 => {
                out.push(' ');
                out.push_str(&self.flow(0));
                out.push('\n');
            }
            3 => {
                let style = [">", ">-", "|", "|-"][self.below(4) as usize];
                out.push_str(&format!(" {style}\n"));
                for k in 0..1 + self.below(3) {
                    if k > 0 && self.below(3) == 0 {
                        out.push('\n');
                    }
                    out.push_str(&format!("{pad}  line {k} {}\n", self.below(100)));
                }
            }
            4 => {
                out.push('\n');
                for _ in 0..1 + self.below(3) {
                    out.push_str(&format!("{pad}  -"));
                    self.block(out, indent + 4, depth + 1);
                }
            }
            _ => {
                out.push('\n');
                for i in 0..1 + self.below(3) {
                    out.push_str(&format!("{pad}  key{i}:"));
                    self.block(out, indent + 2, depth + 1);
                }
            }
        }
    }

    /// A text wrapped over several lines, as writers wrap long texts: plain, single or double
    /// quoted (with escaped line breaks), the lines indented more than, as much as or less than
    /// the block at `indent`, sometimes with trailing spaces or a blank line between.
    fn wrapped(&mut self, out: &mut String, indent: usize) {
        let quote = ["", "", "'", "\""][self.below(4) as usize];
        out.push_str(quote);
        for k in 0..2 + self.below(3) {
            if k > 0 {
                if self.below(6) == 0 {
                    out.push(' ');
                }
                if quote == "\"" && self.below(4) == 0 {
                    out.push('\\');
                }
                out.push('\n');
                if self.below(12) == 0 {
                    out.push('\n');
                }
                let pad = match self.below(10) {
                    0 => indent,
                    1 => indent.saturating_sub(1),
                    2 => indent + 1,
                    _ => indent + 2 + self.below(3) as usize,
                };
                out.push_str(&" ".repeat(pad));
            }
            let word = self.scalar();
            let word = if quote.is_empty() {
                word
            } else {
                word.trim_matches(['\'', '"'])
                    .replace(['\'', '"', '\\'], "")
            };
            out.push_str(&word);
        }
        out.push_str(quote);
        out.push('\n');
    }

    fn item(&mut self) -> String {
        let mut out = String::new();
        if self.below(4) == 0 {
            out.push('-');
            self.block(&mut out, 0, 0);
            return out;
        }
        for i in 0..1 + self.below(5) {
            out.push_str(if i == 0 { "- " } else { "  " });
            out.push_str(&format!("f{i}:"));
            self.block(&mut out, 2, 1);
        }
        out
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// The fast path's rule: on every input it accepts it agrees with the reference parser.
    /// Documents in the styles people write, from a seed...
    #[test]
    fn generated_documents_the_fast_path_accepts_read_as_serde_yaml_reads_them(seed: u64) {
        agrees(&Gen(seed).item());
    }

    /// ...and any text made of the characters that matter to YAML.
    #[test]
    fn any_text_the_fast_path_accepts_reads_as_serde_yaml_reads_it(
        body in "[-a-z0-9 :#'\"\\\\\\[\\]{},|>&*!?%@`~.\n\t]{0,80}"
    ) {
        agrees(&format!("- {body}\n"));
    }
}

#[test]
fn random_documents_are_read_as_serde_yaml_reads_them() {
    let mut g = Gen(20_240_601);
    let mut answered = 0;
    let n = 3_000;
    for _ in 0..n {
        if agrees(&g.item()) {
            answered += 1;
        }
    }
    assert!(
        answered > n * 6 / 10,
        "only {answered} of {n} on the fast path"
    );
}

#[test]
fn typed_records_read_the_same_both_ways() {
    let org = "- id: a\n  name: \"A — 甲\"\n  aliases: [A1, 'A 2']\n  summary: >-\n    Two\n    lines.\n  founded: 2011-05\n  works_in: [p, q]\n  sources:\n    - source: s\n      quote: \"q \\\"x\\\"\"\n";
    let mine: Organization = fast(org).expect("fast");
    assert_eq!(Some(&mine), slow::<Organization>(org).as_ref());
    let stat = "- id: s\n  name: S\n  summary: S\n  value: 1.5e3\n  unit: people\n  measure: m\n  date: 2019\n";
    let mine: Statistic = fast(stat).expect("fast");
    assert_eq!(Some(&mine), slow::<Statistic>(stat).as_ref());
    // Type errors are left to serde_yaml, which words them.
    assert!(fast::<Statistic>(&stat.replace("1.5e3", "\"1.5e3\"")).is_none());
    assert!(fast::<Organization>("- id: a\n  nmae: A\n").is_none());
}

fn part<T: DeserializeOwned>(text: &str, limits: &Limits) -> Result<Parsed<T>, Resync> {
    parse_part(
        text,
        Start { offset: 0, line: 1 },
        limits,
        &Counts::default(),
        &AtomicUsize::new(0),
    )
}

fn first_error(text: &str, limits: &Limits) -> Error {
    let parsed = match part::<Value>(text, limits) {
        Ok(p) => p,
        Err(Resync) => parse_whole(text, limits, &Counts::default(), &AtomicUsize::new(0)),
    };
    parsed.errors.into_iter().next().expect("an error")
}

#[test]
fn items_keep_their_lines_and_spans() {
    let text = "- a: 1\n# c\n- b: 2\n\n- c: 3\n";
    let parsed: Parsed<Value> = part(text, &Limits::default()).unwrap();
    let at: Vec<(usize, &str)> = parsed
        .items
        .iter()
        .map(|i| (i.line, &text[i.span.clone()]))
        .collect();
    assert_eq!(
        at,
        vec![(1, "- a: 1\n# c\n"), (3, "- b: 2\n\n"), (5, "- c: 3\n")]
    );
}

#[test]
fn a_json_array_and_a_headed_file_are_read_whole() {
    assert_eq!(head("[{\"id\": \"a\"}]"), Head::Other);
    assert_eq!(head("---\n- a\n"), Head::Other);
    assert_eq!(head("# c\n\n- a\n"), Head::Items(5));
    assert_eq!(head("# only\n\n"), Head::Empty);
    let text = "[{\"a\": 1},\n {\"b\": 2}]";
    let parsed: Parsed<Value> = parse_whole(
        text,
        &Limits::default(),
        &Counts::default(),
        &AtomicUsize::new(0),
    );
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let spans: Vec<(usize, &str)> = parsed
        .items
        .iter()
        .map(|i| (i.line, &text[i.span.clone()]))
        .collect();
    assert_eq!(spans, vec![(1, "{\"a\": 1}"), (2, "{\"b\": 2}")]);
}

#[test]
fn a_syntax_error_is_said_plainly_where_it_is() {
    let e = first_error(
        "- id: org-a\n  name: Org A\n  sources: [{source: src-a, quote: \"x\"}\n",
        &Limits::default(),
    );
    assert_eq!((e.line, e.col), (4, 1));
    assert_eq!(e.record.as_deref(), Some("org-a"));
    assert_eq!(
        e.message,
        "expected `,` or `]`: a `[` list is not closed (the list opened at line 3, column 12)"
    );
}

#[test]
fn type_errors_name_the_field_in_yaml_words() {
    let text = "- id: p\n  name: P\n  summary: S\n  coordinates: {lat: north, lon: 1}\n";
    let parsed: Parsed<crate::data::model::Place> = part(text, &Limits::default()).unwrap();
    let e = &parsed.errors[0];
    assert_eq!((e.line, e.col), (4, 22));
    assert_eq!(
        e.message,
        "coordinates.lat: expected a number, found the text \"north\""
    );
}

#[test]
fn billion_laughs() {
    let mut bomb = String::from("- laughs:\n  - &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in ('a'..='i').zip('b'..='j') {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("  - &{name} [{refs}]\n"));
    }
    let e = first_error(&bomb, &Limits::default());
    assert!(e.message.contains("billion laughs"), "{e:?}");
    assert_eq!(e.line, 5, "{e:?}");
    // An alias cannot reach into another record, where it could not be counted.
    let e = first_error("- &a [x, x]\n- [*a, *a]\n", &Limits::default());
    assert!(
        e.message.contains("anchors work within one record"),
        "{e:?}"
    );
}

#[test]
fn recursive_alias() {
    let e = first_error("- &a [1, *a]\n", &Limits::default());
    assert!(
        e.message.contains("refers to a node that contains it"),
        "{e:?}"
    );
}

#[test]
fn deep_nesting_stops_early_and_says_where() {
    let deep = format!("- {}", "[".repeat(1_000_000));
    let e = first_error(&deep, &Limits::default());
    // The file's own list is the first level.
    assert_eq!((e.line, e.col), (1, 3 + MAX_DEPTH - 1));
    assert!(e.message.contains("nested more than 32 deep"), "{e:?}");
    // Block nesting counts the same, however it is written.
    let block: String = (0..40)
        .map(|i| format!("{}- x:\n", "  ".repeat(i)))
        .collect();
    assert!(
        first_error(&block, &Limits::default())
            .message
            .contains("nested")
    );
    let dashes = format!("{}x\n", "- ".repeat(100_000));
    assert!(
        first_error(&dashes, &Limits::default())
            .message
            .contains("nested")
    );
}

use crate::data::limits::{MAX_DEPTH, MAX_TEXT_BYTES};

#[test]
fn escapes_that_grow_are_measured_after_unescaping() {
    // 40,000 `\L` escapes: 80,000 bytes of source, 120,000 of text.
    let text = format!("- name: \"{}\"\n", "\\L".repeat(40_000));
    assert!(
        first_error(&text, &Limits::default())
            .message
            .starts_with("`name` is 120,000 bytes long")
    );
}

#[test]
fn long_text_names_its_key() {
    let text = format!("- id: a\n  name: {}\n", "n".repeat(MAX_TEXT_BYTES + 1));
    let e = first_error(&text, &Limits::default());
    assert_eq!((e.line, e.col), (2, 9));
    assert_eq!(
        e.message,
        "`name` is 65,537 bytes long; one text may be at most 65,536 bytes (64 KiB)"
    );
    let ok = format!("- name: {}\n", "n".repeat(MAX_TEXT_BYTES));
    assert!(
        part::<Value>(&ok, &Limits::default())
            .unwrap()
            .errors
            .is_empty()
    );
}

#[test]
fn values_are_counted_per_record_and_per_file() {
    let limits = Limits {
        record_nodes: 10,
        file_nodes: 25,
        ..Limits::default()
    };
    // A mapping, its 2 keys and a value, a list of n: 5 + n values.
    let record = |n: usize| format!("- a: 1\n  b: [{}]\n", vec!["x"; n].join(", "));
    assert!(
        part::<Value>(&record(5), &limits)
            .unwrap()
            .errors
            .is_empty()
    );
    let e = first_error(&record(6), &limits);
    assert!(
        e.message
            .starts_with("the record holds more than 10 values"),
        "{e:?}"
    );
    assert_eq!((e.line, e.col), (2, 22));
    // Block lists count the same, and so do records on the careful path.
    let block = format!("- a:\n{}", "  - x\n".repeat(12));
    assert!(
        first_error(&block, &limits)
            .message
            .contains("more than 10 values")
    );
    let careful = format!("- a: &x 1\n  b: [{}]\n", ["y"; 10].join(", "));
    assert!(
        first_error(&careful, &limits)
            .message
            .contains("more than 10 values")
    );
    // Three records of 9 are over the file's 25.
    let three = record(4).repeat(3);
    let parsed = part::<Value>(&three, &limits).unwrap();
    assert_eq!(parsed.items.len(), 2);
    assert!(
        parsed.errors[0]
            .message
            .starts_with("the file holds more than 25 values")
    );
}

#[test]
fn parsing_stops_at_the_problem_limit() {
    let limits = Limits {
        problems: 10,
        ..Limits::default()
    };
    let text = "- x\n".repeat(1_000);
    let parse = |before: usize| -> Parsed<Organization> {
        parse_part(
            &text,
            Start { offset: 0, line: 1 },
            &limits,
            &Counts::default(),
            &AtomicUsize::new(before),
        )
        .unwrap()
    };
    assert_eq!(parse(0).errors.len(), 10);
    // With problems before it, a part stops sooner.
    assert_eq!(parse(7).errors.len(), 3);
    assert_eq!(parse(10).errors.len(), 0);
}

#[test]
fn too_many_records_in_one_file() {
    let limits = Limits {
        records: 10,
        ..Limits::default()
    };
    let text = "- 1\n".repeat(11);
    assert_eq!(
        scan::walk(&text, &limits, 0, 0).map(|w| w.items.len()).ok(),
        None
    );
    let e = first_error(&format!("[{}]", ["1"; 11].join(", ")), &limits);
    assert_eq!((e.line, e.col), (1, 32));
    assert_eq!(
        e.message,
        "the dataset holds more than 2,000,000 records (11 so far), the most one dataset may hold"
    );
}

#[test]
fn parts_are_cut_between_items() {
    let text = b"- a\n  b: - c\n- d\n-\n  e\n";
    assert_eq!(last_item_start(text), Some(17));
    assert_eq!(last_item_start(&text[..17]), Some(13));
    assert_eq!(last_item_start(b"- a\n  x\n"), None);
}

#[test]
fn a_file_whose_records_would_take_far_more_memory_than_its_size_is_refused() {
    // 9,000 one-letter aliases a record: 2 bytes of file, about 56 of memory each.
    let record = format!("- id: a\n  aliases: [{}]\n", ["a"; 9_000].join(","));
    let text = record.repeat(4);
    let counts = Counts {
        budget: text.len() as u64 * MEMORY_PER_BYTE,
        ..Counts::default()
    };
    let parsed = parse_part::<Value>(
        &text,
        Start { offset: 0, line: 1 },
        &Limits::default(),
        &counts,
        &AtomicUsize::new(0),
    )
    .unwrap();
    assert_eq!(
        parsed.items.len(),
        1,
        "the second record is over the budget"
    );
    assert!(
        parsed.errors[0]
            .message
            .contains("more than 8 times its size in memory")
    );
    // Ordinary records are far from it: at most 3 times their size, as this counts.
    for file in crate::synth::generate(2_000, 1) {
        if file.name != "organizations.yaml" {
            continue;
        }
        let Head::Items(first) = head(&file.text) else {
            continue;
        };
        let body = &file.text[first..];
        let counts = Counts {
            budget: body.len() as u64 * 3,
            ..Counts::default()
        };
        let parsed = parse_part::<Organization>(
            body,
            Start { offset: 0, line: 1 },
            &Limits::default(),
            &counts,
            &AtomicUsize::new(0),
        )
        .unwrap();
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors.first());
    }
}

#[test]
fn crlf_files_read_the_same_as_lf_ones() {
    let files = crate::synth::generate(500, 9);
    for file in &files {
        let Head::Items(first) = head(&file.text) else {
            continue;
        };
        let lf = &file.text[first..];
        let crlf = lf.replace('\n', "\r\n");
        let read = |text: &str| -> Vec<(usize, Value)> {
            part::<Value>(text, &Limits::default())
                .unwrap()
                .items
                .into_iter()
                .map(|i| (i.line, i.value))
                .collect()
        };
        let (a, b) = (read(lf), read(&crlf));
        assert_eq!(a.len(), b.len(), "{}", file.name);
        for ((la, va), (lb, vb)) in a.iter().zip(&b) {
            assert_eq!(la, lb);
            assert!(same(va, vb), "{}: {va:?} / {vb:?}", file.name);
        }
        // And as serde_yaml reads the CRLF text.
        let starts = super::items(&crlf);
        for (k, &(from, _)) in starts.iter().enumerate().take(50) {
            let to = starts.get(k + 1).map_or(crlf.len(), |s| s.0);
            let theirs = slow::<Value>(&crlf[from..to]).expect("valid");
            assert!(same(&b[k].1, &theirs), "{}", file.name);
        }
    }
}
