//! Hostile text in a dataset must not get out of the field it was put in (issue 16, item 5).
//!
//! Each nasty string, and then thousands of generated ones, goes into every text field of a
//! source; the BibLaTeX, RIS and CSL-JSON of it, alone and in a bibliography with others, are
//! read back the way biber, Zotero and citeproc read them. Every entry must keep exactly the
//! fields the formatter meant, with balanced braces, and every value must read back as the text
//! that went in (line breaks and control characters made spaces or dropped, as documented).

use crate::cite_support;

use cite_support::{BibEntry, bib_entries, csl_items, ris_records, untex};
use ngo_atlas::data::model::{Id, PartialDate, Source};
use ngo_atlas::query::cite::{Style, bibliography, cite, description};
use proptest::prelude::*;
use serde_json::Value;

const NASTY: &[&str] = &[
    "a} , url = \"http://evil.example\" , x = {b",
    "{",
    "}",
    "}}}} {{",
    "\\",
    "\\}",
    "\\{",
    "a\\",
    "%",
    "100% of #1 & $2_x ~^",
    "#",
    "@",
    "@article{evil, title = {x}}",
    "line one\nline two",
    "\n",
    "a\r\nER  - \nTY  - JOUR\nUR  - http://evil.example",
    "ER  - ",
    "\"quoted\" and 'single'",
    "Li and Wang",
    "and",
    "Li, Lei",
    "\u{202e}reversed\u{202c} \u{1b}[31mred\u{7}",
    "tab\there\u{2028}sep\u{2029}para\u{85}nel",
    "中国社会组织动态 “curly” ‘quotes’",
    "\\textbf{bold} \\end{document}",
    "{\\}",
    "",
    "   ",
];

/// What the formats make of text from the data: whitespace runs become one space, control and
/// bidirectional-override characters go.
fn clean(s: &str) -> String {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    let kept: String = s
        .chars()
        .filter(|&c| c.is_whitespace() || !hidden(c))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn base(id: &str) -> Source {
    Source {
        id: Id::from(id),
        name: "China Daily (2019): NGOs foster goodwill".into(),
        aliases: vec![],
        summary: "A source.".to_string(),
        title: Some("NGOs foster goodwill".to_string()),
        outlet: Some("China Daily".into()),
        authors: vec!["Li Lei".into()],
        published: PartialDate::parse("2019-04-30").ok(),
        published_inferred: false,
        originally_published: None,
        text_file: None,
        section: Some("China / Society".into()),
        language: "en".into(),
        notes: None,
    }
}

/// Sources with `text` in each field in turn (and in all of them at once).
fn hostile_sources(text: &str) -> Vec<Source> {
    let t = text.to_string();
    let mut out = Vec::new();
    let mut add = |label: &str, f: &dyn Fn(&mut Source)| {
        let mut s = base(&format!("hostile-{label}"));
        f(&mut s);
        out.push(s);
    };
    add("title", &|s| s.title = Some(t.clone()));
    add("name", &|s| {
        s.title = None;
        s.name = t.as_str().into();
    });
    add("outlet", &|s| s.outlet = Some(t.as_str().into()));
    add("author", &|s| s.authors = vec![t.as_str().into()]);
    add("authors", &|s| {
        s.authors = vec![
            format!("Li {t}").into(),
            t.as_str().into(),
            "Wang Fang".into(),
        ]
    });
    add("section", &|s| s.section = Some(t.as_str().into()));
    add("language", &|s| s.language = t.as_str().into());
    add("notes", &|s| {
        s.notes = Some(t.clone());
        s.summary = t.clone();
        s.aliases = vec![t.as_str().into()];
    });
    add("everything", &|s| {
        s.title = Some(t.clone());
        s.name = t.as_str().into();
        s.outlet = Some(t.as_str().into());
        s.authors = vec![t.as_str().into(), format!("{t} {t}").into()];
        s.section = Some(t.as_str().into());
        s.language = t.as_str().into();
        s.notes = Some(t.clone());
    });
    out
}

/// The title as the formats must carry it: the cleaned title, or the bracketed description.
fn expected_title(s: &Source) -> (String, bool) {
    match s.title.as_deref().map(clean).filter(|t| !t.is_empty()) {
        Some(t) => (t, false),
        None => (format!("[{}]", description(s)), true),
    }
}

/// The authors as "Family, Given" for a plain two-word name, else whole.
fn expected_authors(s: &Source) -> Vec<String> {
    s.authors
        .iter()
        .map(|a| clean(a))
        .filter(|a| !a.is_empty())
        .map(|a| match a.split(' ').collect::<Vec<_>>()[..] {
            [f, g] if !a.contains(',') => format!("{f}, {g}"),
            _ => a.clone(),
        })
        .collect()
}

fn nonempty(s: &Option<impl std::ops::Deref<Target = str>>) -> Option<String> {
    s.as_deref().map(clean).filter(|v| !v.is_empty())
}

/// Splits a BibTeX name list at ` and ` outside braces, as BibTeX does.
fn bib_names(value: &str) -> Vec<String> {
    let mut names = vec![String::new()];
    let mut depth = 0;
    let words: Vec<&str> = value.split(' ').collect();
    for (i, w) in words.iter().enumerate() {
        if depth == 0 && *w == "and" && i > 0 && i + 1 < words.len() {
            names.push(String::new());
            continue;
        }
        let last = names.last_mut().unwrap();
        if !last.is_empty() {
            last.push(' ');
        }
        last.push_str(w);
        depth += w.matches('{').count() as i32 - w.matches('}').count() as i32;
    }
    names
}

fn check_biblatex(s: &Source, e: &BibEntry) -> Result<(), String> {
    let (title, supplied) = expected_title(s);
    let mut expected = vec![];
    if !expected_authors(s).is_empty() {
        expected.push("author");
    }
    expected.push("title");
    if supplied {
        expected.push("note");
    }
    if nonempty(&s.outlet).is_some() {
        expected.push("journaltitle");
    }
    expected.push("entrysubtype");
    if s.published.is_some() {
        expected.push("date");
    }
    let known = ["en", "en-us", "en-gb", "fr", "de", "es", "ru"];
    if known.contains(&s.language.to_ascii_lowercase().as_str()) {
        expected.push("langid");
    }
    let names: Vec<&str> = e.fields.iter().map(|(n, _)| n.as_str()).collect();
    if names != expected {
        return Err(format!("fields {names:?}, expected {expected:?}"));
    }
    if untex(e.get("title").unwrap_or("")) != title {
        return Err(format!("title {:?} is not {title:?}", e.get("title")));
    }
    if let Some(o) = nonempty(&s.outlet)
        && untex(e.get("journaltitle").unwrap_or("")) != o
    {
        return Err(format!("journaltitle {:?}", e.get("journaltitle")));
    }
    let authors = expected_authors(s);
    if !authors.is_empty() {
        let got: Vec<String> = bib_names(e.get("author").unwrap_or(""))
            .iter()
            .map(|n| untex(n))
            .collect();
        if got != authors {
            return Err(format!("authors {got:?}, expected {authors:?}"));
        }
    }
    Ok(())
}

fn check_ris(s: &Source, record: &[(String, String)]) -> Result<(), String> {
    let get = |tag: &str| -> Vec<&str> {
        record
            .iter()
            .filter(|(t, _)| t == tag)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let allowed = [
        "TY", "ID", "AU", "TI", "T2", "SE", "PY", "DA", "OP", "LA", "N1",
    ];
    if let Some((t, _)) = record.iter().find(|(t, _)| !allowed.contains(&t.as_str())) {
        return Err(format!("unexpected tag {t}"));
    }
    let (title, supplied) = expected_title(s);
    if get("TI") != [title.as_str()] {
        return Err(format!("TI {:?} is not {title:?}", get("TI")));
    }
    if get("N1").len() != usize::from(supplied) {
        return Err(format!("N1 {:?}", get("N1")));
    }
    if get("AU") != expected_authors(s) {
        return Err(format!("AU {:?}", get("AU")));
    }
    let opt = |v: Option<String>| v.into_iter().collect::<Vec<_>>();
    if get("T2") != opt(nonempty(&s.outlet)) || get("SE") != opt(nonempty(&s.section)) {
        return Err(format!("T2 {:?} SE {:?}", get("T2"), get("SE")));
    }
    Ok(())
}

fn check_csl(s: &Source, item: &Value) -> Result<(), String> {
    let (title, supplied) = expected_title(s);
    let got = if supplied {
        item.get("genre")
            .and_then(Value::as_str)
            .map(|g| format!("[{g}]"))
    } else {
        item.get("title").and_then(Value::as_str).map(String::from)
    };
    if got.as_deref() != Some(title.as_str()) || (supplied && item.get("title").is_some()) {
        return Err(format!("title/genre {item}"));
    }
    let text = |k: &str| item.get(k).and_then(Value::as_str).map(String::from);
    if text("container-title") != nonempty(&s.outlet) || text("section") != nonempty(&s.section) {
        return Err(format!("container-title/section {item}"));
    }
    Ok(())
}

/// Every check on one source alone, and on all of `sources` in one bibliography.
fn check(sources: &[Source]) -> Result<(), String> {
    for s in sources {
        let what = |e: String| format!("{}: {e}", s.id);
        let bib = cite(s, Style::Biblatex);
        let entries = bib_entries(&bib).map_err(what)?;
        if entries.len() != 1 {
            return Err(what(format!(
                "{} entries from one source:\n{bib}",
                entries.len()
            )));
        }
        check_biblatex(s, &entries[0]).map_err(|e| what(format!("{e}\n{bib}")))?;
        let ris = cite(s, Style::Ris);
        let records = ris_records(&ris).map_err(what)?;
        if records.len() != 1 {
            return Err(what(format!("{} RIS records:\n{ris}", records.len())));
        }
        check_ris(s, &records[0]).map_err(|e| what(format!("{e}\n{ris}")))?;
        let items = csl_items(&cite(s, Style::CslJson)).map_err(what)?;
        check_csl(s, &items[0]).map_err(what)?;
        for style in [
            Style::Apa,
            Style::Chicago,
            Style::Mla,
            Style::Harvard,
            Style::Plain,
        ] {
            let line = cite(s, style);
            if line.contains('\n') || line.chars().any(char::is_control) {
                return Err(what(format!("{} spans lines: {line:?}", style.name())));
            }
        }
    }
    let refs: Vec<&Source> = sources.iter().collect();
    let bib = bib_entries(&bibliography(&refs, Style::Biblatex))?;
    let ris = ris_records(&bibliography(&refs, Style::Ris))?;
    let csl = csl_items(&bibliography(&refs, Style::CslJson))?;
    let n = sources.len();
    if bib.len() != n || ris.len() != n || csl.len() != n {
        return Err(format!(
            "{n} sources: {} / {} / {}",
            bib.len(),
            ris.len(),
            csl.len()
        ));
    }
    let mut keys: Vec<&str> = bib.iter().map(|e| e.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    if keys.len() != n {
        return Err("BibLaTeX keys repeat in a bibliography".to_string());
    }
    for style in [
        Style::Apa,
        Style::Chicago,
        Style::Mla,
        Style::Harvard,
        Style::Plain,
    ] {
        let text = bibliography(&refs, style);
        if text.lines().count() != n {
            return Err(format!("{}: not one line an entry:\n{text}", style.name()));
        }
    }
    Ok(())
}

#[test]
fn nasty_strings_stay_inside_their_fields() {
    let mut failures = Vec::new();
    for text in NASTY {
        if let Err(e) = check(&hostile_sources(text)) {
            failures.push(format!("{text:?}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_reported_url_injection_yields_no_url_field() {
    let mut s = base("injected");
    s.title = Some("a} , url = \"http://evil.example\" , x = {b".to_string());
    let entries = bib_entries(&cite(&s, Style::Biblatex)).expect("parses");
    let names: Vec<&str> = entries[0].fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "author",
            "title",
            "journaltitle",
            "entrysubtype",
            "date",
            "langid"
        ]
    );
    assert_eq!(entries[0].get("journaltitle"), Some("China Daily"));
    assert_eq!(entries[0].get("date"), Some("2019-04-30"));
}

/// Characters that mean something to TeX, BibTeX, RIS or JSON, and some that do not.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '{', '}', '\\', '%', '#', '@', '&', '$', '_', '~', '^', '"', '\'', ',', '=', ' ', '\n',
            '\r', '\t', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{202e}', '\u{1b}', '\0', '’',
            '“', '-', 'E', 'R', 'T', 'Y', 'a', 'n', 'd', 'X',
        ]),
        1 => any::<char>(),
    ]
}

proptest! {
    #[test]
    fn generated_strings_stay_inside_their_fields(
        chars in prop::collection::vec(nasty_char(), 0..40)
    ) {
        let text: String = chars.into_iter().collect();
        let result = check(&hostile_sources(&text));
        prop_assert!(result.is_ok(), "{:?}: {}", text, result.unwrap_err());
    }
}
