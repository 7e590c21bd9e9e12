//! Readers for the three record formats, strict in the way the tools that import them are:
//! the CSL-JSON 1.0.2 input schema, BibTeX's brace counting, and RIS's one-tag-a-line layout.
//! Shared by the golden and the hostile-input tests.

#![allow(dead_code)]

use serde_json::Value;

/// The type a CSL 1.0.2 variable takes in `csl-data.json`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CslType {
    String,
    StringOrNumber,
    Names,
    Date,
    Strings,
    Object,
}

/// Every property of an item in the CSL-JSON 1.0.2 input schema
/// (`schemas/input/csl-data.json` at tag v1.0.2 of citation-style-language/schema), with its
/// type. The schema has `"additionalProperties": false`, so nothing else is allowed.
pub const CSL_VARIABLES: &[(&str, CslType)] = {
    use CslType::*;
    &[
        ("type", String),
        ("id", StringOrNumber),
        ("citation-key", String),
        ("categories", Strings),
        ("language", String),
        ("journalAbbreviation", String),
        ("shortTitle", String),
        ("author", Names),
        ("chair", Names),
        ("collection-editor", Names),
        ("compiler", Names),
        ("composer", Names),
        ("container-author", Names),
        ("contributor", Names),
        ("curator", Names),
        ("director", Names),
        ("editor", Names),
        ("editorial-director", Names),
        ("executive-producer", Names),
        ("guest", Names),
        ("host", Names),
        ("interviewer", Names),
        ("illustrator", Names),
        ("narrator", Names),
        ("organizer", Names),
        ("original-author", Names),
        ("performer", Names),
        ("producer", Names),
        ("recipient", Names),
        ("reviewed-author", Names),
        ("script-writer", Names),
        ("series-creator", Names),
        ("translator", Names),
        ("accessed", Date),
        ("available-date", Date),
        ("event-date", Date),
        ("issued", Date),
        ("original-date", Date),
        ("submitted", Date),
        ("abstract", String),
        ("annote", String),
        ("archive", String),
        ("archive_collection", String),
        ("archive_location", String),
        ("archive-place", String),
        ("authority", String),
        ("call-number", String),
        ("chapter-number", StringOrNumber),
        ("citation-number", StringOrNumber),
        ("citation-label", String),
        ("collection-number", StringOrNumber),
        ("collection-title", String),
        ("container-title", String),
        ("container-title-short", String),
        ("dimensions", String),
        ("division", String),
        ("DOI", String),
        ("edition", StringOrNumber),
        ("event", String),
        ("event-title", String),
        ("event-place", String),
        ("first-reference-note-number", StringOrNumber),
        ("genre", String),
        ("ISBN", String),
        ("ISSN", String),
        ("issue", StringOrNumber),
        ("jurisdiction", String),
        ("keyword", String),
        ("locator", StringOrNumber),
        ("medium", String),
        ("note", String),
        ("number", StringOrNumber),
        ("number-of-pages", StringOrNumber),
        ("number-of-volumes", StringOrNumber),
        ("original-publisher", String),
        ("original-publisher-place", String),
        ("original-title", String),
        ("page", StringOrNumber),
        ("page-first", StringOrNumber),
        ("part", StringOrNumber),
        ("part-title", String),
        ("PMCID", String),
        ("PMID", String),
        ("printing", StringOrNumber),
        ("publisher", String),
        ("publisher-place", String),
        ("references", String),
        ("reviewed-genre", String),
        ("reviewed-title", String),
        ("scale", String),
        ("section", String),
        ("source", String),
        ("status", String),
        ("supplement", StringOrNumber),
        ("title", String),
        ("title-short", String),
        ("URL", String),
        ("version", String),
        ("volume", StringOrNumber),
        ("volume-title", String),
        ("volume-title-short", String),
        ("year-suffix", String),
        ("custom", Object),
    ]
};

/// The item types the CSL 1.0.2 schema allows.
pub const CSL_TYPES: &[&str] = &[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
];

const NAME_PARTS: &[(&str, CslType)] = {
    use CslType::*;
    &[
        ("family", String),
        ("given", String),
        ("dropping-particle", String),
        ("non-dropping-particle", String),
        ("suffix", String),
        ("literal", String),
    ]
};

fn check_type(what: &str, v: &Value, t: CslType) -> Result<(), String> {
    let ok = match t {
        CslType::String => v.is_string(),
        CslType::StringOrNumber => v.is_string() || v.is_number(),
        CslType::Strings => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        CslType::Object => v.is_object(),
        CslType::Names => match v.as_array() {
            Some(names) => {
                for name in names {
                    let obj = name
                        .as_object()
                        .ok_or(format!("{what}: a name is not an object"))?;
                    for (k, part) in obj {
                        let (_, pt) = NAME_PARTS
                            .iter()
                            .find(|(n, _)| n == k)
                            .ok_or(format!("{what}: `{k}` is not a CSL name part"))?;
                        check_type(&format!("{what}.{k}"), part, *pt)?;
                    }
                }
                true
            }
            None => false,
        },
        CslType::Date => match v.as_object() {
            Some(obj) => {
                for (k, part) in obj {
                    match k.as_str() {
                        "date-parts" => {
                            let ranges = part.as_array().ok_or(format!("{what}: date-parts"))?;
                            if ranges.is_empty() || ranges.len() > 2 {
                                return Err(format!("{what}: 1 or 2 date ranges"));
                            }
                            for r in ranges {
                                let r = r.as_array().ok_or(format!("{what}: a date range"))?;
                                if r.is_empty()
                                    || r.len() > 3
                                    || !r.iter().all(|p| p.is_number() || p.is_string())
                                {
                                    return Err(format!("{what}: 1 to 3 date parts"));
                                }
                            }
                        }
                        "season" | "circa" | "literal" | "raw" => {}
                        other => return Err(format!("{what}: `{other}` is not a date property")),
                    }
                }
                true
            }
            None => false,
        },
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{what} has the wrong type for CSL 1.0.2: {v}"))
    }
}

/// Reads CSL-JSON as the 1.0.2 schema does: an array of items, each with `type` and `id`, only
/// the schema's variables, each of its type. Returns the items.
pub fn csl_items(text: &str) -> Result<Vec<Value>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let items = v
        .as_array()
        .ok_or("CSL-JSON must be an array, even for one item")?;
    for item in items {
        let obj = item.as_object().ok_or("an item is not an object")?;
        for required in ["type", "id"] {
            if !obj.contains_key(required) {
                return Err(format!("an item has no `{required}`: {item}"));
            }
        }
        for (k, value) in obj {
            let (_, t) = CSL_VARIABLES
                .iter()
                .find(|(n, _)| n == k)
                .ok_or(format!("`{k}` is not a CSL 1.0.2 variable"))?;
            check_type(k, value, *t)?;
        }
        let ty = obj["type"].as_str().unwrap_or("");
        if !CSL_TYPES.contains(&ty) {
            return Err(format!("`{ty}` is not a CSL 1.0.2 type"));
        }
    }
    Ok(items.clone())
}

/// One BibTeX entry as a reader that counts braces sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct BibEntry {
    pub kind: String,
    pub key: String,
    pub fields: Vec<(String, String)>,
}

impl BibEntry {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses entries of the form `@kind{key, name = {value}, … }` the way BibTeX and biber do:
/// a value ends at the brace that balances its opening one, counting every brace, a backslash
/// before it or not. Anything else (a stray character between fields, an unbalanced value, a
/// quoted value) is an error, so a title that ends its field early cannot go unnoticed.
pub fn bib_entries(text: &str) -> Result<Vec<BibEntry>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    let skip_ws = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    let word = |i: &mut usize| -> String {
        let start = *i;
        while *i < chars.len() && (chars[*i].is_ascii_alphanumeric() || chars[*i] == '_') {
            *i += 1;
        }
        chars[start..*i].iter().collect()
    };
    loop {
        skip_ws(&mut i);
        if i >= chars.len() {
            return Ok(out);
        }
        if chars[i] != '@' {
            return Err(format!("expected `@` at {i}, found {:?}", chars[i]));
        }
        i += 1;
        let kind = word(&mut i);
        if chars.get(i) != Some(&'{') {
            return Err(format!("expected `{{` after @{kind}"));
        }
        i += 1;
        let key = word(&mut i);
        if key.is_empty() || chars.get(i) != Some(&',') {
            return Err(format!("bad key in @{kind}"));
        }
        i += 1;
        let mut fields = Vec::new();
        loop {
            skip_ws(&mut i);
            match chars.get(i) {
                Some('}') => {
                    i += 1;
                    break;
                }
                None => return Err(format!("{key}: entry not closed")),
                _ => {}
            }
            let name = word(&mut i);
            if name.is_empty() {
                return Err(format!(
                    "{key}: expected a field name at {:?}",
                    chars.get(i)
                ));
            }
            skip_ws(&mut i);
            if chars.get(i) != Some(&'=') {
                return Err(format!("{key}.{name}: expected `=`"));
            }
            i += 1;
            skip_ws(&mut i);
            if chars.get(i) != Some(&'{') {
                return Err(format!("{key}.{name}: expected a braced value"));
            }
            i += 1;
            let start = i;
            let mut depth = 1;
            while depth > 0 {
                match chars.get(i) {
                    Some('{') => depth += 1,
                    Some('}') => depth -= 1,
                    Some(_) => {}
                    None => return Err(format!("{key}.{name}: value never closed")),
                }
                i += 1;
            }
            let value: String = chars[start..i - 1].iter().collect();
            if fields.iter().any(|(n, _)| n == &name) {
                return Err(format!("{key}: field `{name}` twice"));
            }
            fields.push((name, value));
            skip_ws(&mut i);
            match chars.get(i) {
                Some(',') => i += 1,
                Some('}') => {}
                other => {
                    return Err(format!(
                        "{key}: expected `,` after a field, found {other:?}"
                    ));
                }
            }
        }
        out.push(BibEntry { kind, key, fields });
    }
}

/// A TeX value read back as text: our escapes become their characters again and the braces
/// that protect capitals disappear.
pub fn untex(value: &str) -> String {
    const COMMANDS: &[(&str, char)] = &[
        ("\\textbackslash{}", '\\'),
        ("\\textbraceleft{}", '{'),
        ("\\textbraceright{}", '}'),
        ("\\textasciitilde{}", '~'),
        ("\\textasciicircum{}", '^'),
    ];
    let mut out = String::new();
    let mut rest = value;
    'outer: while let Some(c) = rest.chars().next() {
        for (command, ch) in COMMANDS {
            if let Some(after) = rest.strip_prefix(command) {
                out.push(*ch);
                rest = after;
                continue 'outer;
            }
        }
        if c == '\\' {
            let mut it = rest[1..].chars();
            match it.next() {
                Some(e @ ('&' | '%' | '$' | '#' | '_')) => {
                    out.push(e);
                    rest = &rest[2..];
                    continue;
                }
                other => panic!("unexpected TeX escape \\{other:?} in {value:?}"),
            }
        }
        if c != '{' && c != '}' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// RIS records as importers read them: every line `XX  - value`, `TY` first, `ER  - ` last,
/// records separated by blank lines. A line that is not a tag is an error.
pub fn ris_records(text: &str) -> Result<Vec<Vec<(String, String)>>, String> {
    let mut records = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() && current.is_none() {
            continue;
        }
        let bytes = line.as_bytes();
        let tagged = bytes.len() >= 6
            && bytes[0].is_ascii_uppercase()
            && (bytes[1].is_ascii_uppercase() || bytes[1].is_ascii_digit())
            && &bytes[2..6] == b"  - ";
        if !tagged {
            return Err(format!("line {}: not a RIS tag line: {line:?}", n + 1));
        }
        let tag = line[..2].to_string();
        let value = line[6..].to_string();
        match (tag.as_str(), current.as_mut()) {
            ("TY", None) => current = Some(vec![(tag, value)]),
            ("TY", Some(_)) => return Err(format!("line {}: TY inside a record", n + 1)),
            (_, None) => return Err(format!("line {}: {tag} outside a record", n + 1)),
            ("ER", Some(_)) => {
                if !value.is_empty() {
                    return Err(format!("line {}: ER with a value", n + 1));
                }
                records.extend(current.take());
            }
            (_, Some(record)) => record.push((tag, value)),
        }
    }
    if current.is_some() {
        return Err("a record has no ER".to_string());
    }
    Ok(records)
}
