//! CSL-JSON item of type `article-newspaper`, pretty-printed, as citation managers (Zotero,
//! pandoc-citeproc) read it. `issued` holds only the known date parts; unknown fields are left
//! out; an untitled source gets a bracketed description as its title.

use super::{Author, authors, clean, description, key, outlet, title};
use crate::model::Source;
use serde::Serialize;

#[derive(Serialize)]
struct Item {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Name>,
    title: String,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<Issued>,
    #[serde(skip_serializing_if = "String::is_empty")]
    language: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Name {
    Person { family: String, given: String },
    Literal { literal: String },
}

#[derive(Serialize)]
struct Issued {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<i32>; 1],
}

pub(super) fn format(source: &Source) -> String {
    let author = authors(source)
        .into_iter()
        .map(|a| match a {
            Author::Person { family, given } => Name::Person { family, given },
            Author::Literal(literal) => Name::Literal { literal },
        })
        .collect();
    let issued = source.published.map(|d| {
        let parts = [Some(d.year), d.month.map(i32::from), d.day.map(i32::from)];
        Issued {
            date_parts: [parts.into_iter().flatten().collect()],
        }
    });
    let item = Item {
        id: key(source),
        kind: "article-newspaper",
        author,
        title: title(source).unwrap_or_else(|| format!("[{}]", description(source))),
        container_title: outlet(source),
        section: source
            .section
            .as_deref()
            .map(clean)
            .filter(|s| !s.is_empty()),
        issued,
        language: clean(&source.language),
    };
    let mut out = serde_json::to_string_pretty(&item).expect("a CSL item always serializes");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{bare, full};
    use super::*;
    use crate::model::PartialDate;
    use serde_json::{Value, json};

    #[test]
    fn full_item_parses_and_has_every_known_field() {
        let v: Value = serde_json::from_str(&format(&full())).unwrap();
        assert_eq!(v["type"], "article-newspaper");
        assert_eq!(v["id"], "chinadaily2019ngos");
        assert_eq!(v["author"], json!([{"family": "Li", "given": "Lei"}]));
        assert_eq!(v["container-title"], "China Daily");
        assert_eq!(v["issued"], json!({"date-parts": [[2019, 4, 30]]}));
        assert_eq!(v["language"], "en");
    }

    #[test]
    fn only_known_date_parts_and_no_unknown_fields() {
        let mut s = bare("16th ASEAN-China Forum (2022)");
        s.published = PartialDate::parse("2022").ok();
        let v: Value = serde_json::from_str(&format(&s)).unwrap();
        assert_eq!(v["issued"], json!({"date-parts": [[2022]]}));
        assert_eq!(v["title"], "[Report on the 16th ASEAN-China Forum]");
        for absent in ["author", "container-title", "section", "URL", "accessed"] {
            assert!(v.get(absent).is_none(), "{absent}");
        }
        s.published = None;
        let v: Value = serde_json::from_str(&format(&s)).unwrap();
        assert!(v.get("issued").is_none());
    }
}
