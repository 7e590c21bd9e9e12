//! CSL-JSON items of type `article-newspaper`, as citation managers (Zotero, pandoc, citeproc-js)
//! read them: always an array, of one item or many, as the CSL 1.0.2 input schema requires.
//!
//! `issued` holds only the known date parts; unknown fields are left out. An untitled source has
//! no `title`: its description goes in `genre`, which CSL styles print in brackets where the
//! title would be (APA's `[Report on …]`), with a `note` saying it was supplied, so no style
//! title-cases it as if it were a headline. The original of an adapted work is `original-date`.

use super::author::{Author, authors};
use super::text::{SUPPLIED, clean, description, outlet, section, title};
use crate::data::model::{PartialDate, Source};
use serde::Serialize;

#[derive(Serialize)]
struct Item {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Name>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<String>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<Date>,
    #[serde(rename = "original-date", skip_serializing_if = "Option::is_none")]
    original_date: Option<Date>,
    #[serde(skip_serializing_if = "String::is_empty")]
    language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Name {
    Person { family: String, given: String },
    Literal { literal: String },
}

#[derive(Serialize)]
struct Date {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<i32>; 1],
    /// CSL's mark of an approximate date: an inferred publication date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    circa: bool,
}

impl From<PartialDate> for Date {
    fn from(d: PartialDate) -> Date {
        let parts = [Some(d.year), d.month.map(i32::from), d.day.map(i32::from)];
        Date {
            date_parts: [parts.into_iter().flatten().collect()],
            circa: false,
        }
    }
}

fn item(source: &Source, key: String) -> Item {
    let author = authors(source)
        .into_iter()
        .map(|a| match a {
            Author::Person { family, given } => Name::Person { family, given },
            Author::Literal(literal) => Name::Literal { literal },
        })
        .collect();
    let title = title(source);
    let supplied = title.is_none();
    Item {
        id: key,
        kind: "article-newspaper",
        author,
        genre: supplied.then(|| description(source)),
        title,
        container_title: outlet(source),
        section: section(source),
        issued: source.published.map(|d| Date {
            circa: source.published_inferred,
            ..Date::from(d)
        }),
        original_date: source.originally_published.map(Date::from),
        language: clean(&source.language),
        note: supplied.then_some(SUPPLIED),
    }
}

/// The sources with their keys as one pretty-printed CSL-JSON array, ending with a newline.
pub(super) fn array(sources: &[(&Source, String)]) -> String {
    let items: Vec<Item> = sources
        .iter()
        .map(|(source, key)| item(source, key.clone()))
        .collect();
    // Strings, numbers and arrays of them: serializing cannot fail.
    let mut out = serde_json::to_string_pretty(&items).expect("CSL items always serialize");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{adapted, bare, full};
    use super::*;
    use serde_json::{Value, json};

    fn one(source: &Source) -> Value {
        let v: Value = serde_json::from_str(&array(&[(source, super::super::key(source))]))
            .expect("valid JSON");
        let items = v.as_array().expect("an array");
        assert_eq!(items.len(), 1);
        items[0].clone()
    }

    #[test]
    fn full_item_parses_and_has_every_known_field() {
        let v = one(&full());
        assert_eq!(v["type"], "article-newspaper");
        assert_eq!(v["id"], "chinadaily2019ngos");
        assert_eq!(v["author"], json!([{"family": "Li", "given": "Lei"}]));
        assert_eq!(v["container-title"], "China Daily");
        assert_eq!(v["issued"], json!({"date-parts": [[2019, 4, 30]]}));
        assert_eq!(v["language"], "en");
        assert!(v.get("genre").is_none() && v.get("note").is_none());
    }

    #[test]
    fn only_known_date_parts_and_no_unknown_fields() {
        let mut s = bare("16th ASEAN-China Forum (2022)");
        s.published = PartialDate::parse("2022").ok();
        let v = one(&s);
        assert_eq!(v["issued"], json!({"date-parts": [[2022]]}));
        for absent in ["author", "container-title", "section", "URL", "accessed"] {
            assert!(v.get(absent).is_none(), "{absent}");
        }
        s.published = None;
        assert!(one(&s).get("issued").is_none());
    }

    #[test]
    fn an_untitled_item_carries_its_description_in_genre_with_a_note() {
        let v = one(&bare("16th ASEAN-China Forum (2022)"));
        assert!(v.get("title").is_none(), "{v}");
        assert_eq!(v["genre"], "Report on the 16th ASEAN-China Forum");
        assert_eq!(v["note"], "Untitled; description supplied");
    }

    #[test]
    fn the_original_date_is_original_date() {
        let v = one(&adapted());
        assert_eq!(v["original-date"], json!({"date-parts": [[2019, 8, 26]]}));
        assert!(v.get("issued").is_none());
    }

    #[test]
    fn several_sources_make_one_array() {
        let (a, b) = (full(), adapted());
        let v: Value = serde_json::from_str(&array(&[(&a, "a".into()), (&b, "b".into())])).unwrap();
        let ids: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }
}
