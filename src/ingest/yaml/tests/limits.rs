//! Where reading stops and what it says: errors with their places, the limits on depth, size,
//! values, problems and records, and parts cut between items.

use super::*;

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
