//! BibLaTeX `@article` entry with `entrysubtype = {newspaper}`, as biblatex documents for
//! newspaper articles. Unknown fields are left out; an untitled source gets a bracketed
//! description as its title and a note saying so; the original of an adapted work goes in
//! `origdate`, the field biblatex has for it.
//!
//! Everything from the data is escaped so that it can never end a field: BibTeX and biber count
//! every brace, even one after a backslash, so `\{` would still close a field early. Braces are
//! written as `\textbraceleft{}` and `\textbraceright{}`, whose own braces pair up. The only
//! other braces are the ones this module adds, in pairs: around a field's value, around a
//! literal name, and around words holding capitals after the first word (`{Belt}`, `{NGOs}`),
//! so that styles which sentence-case titles keep proper nouns intact; the titles in the data
//! are already in sentence case, so this protects only what must stay.

use super::Place;
use super::author::{Author, authors};
use super::text::{SUPPLIED, clean, description, outlet, title};
use crate::data::model::Source;

pub(super) fn format(source: &Source, place: &Place) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let names: Vec<String> = authors(source).iter().map(name).collect();
    if !names.is_empty() {
        fields.push(("author", names.join(" and ")));
    }
    match title(source) {
        Some(t) => fields.push(("title", protect(&t))),
        None => {
            fields.push(("title", protect(&format!("[{}]", description(source)))));
            fields.push(("note", SUPPLIED.to_string()));
        }
    }
    if let Some(o) = outlet(source) {
        fields.push(("journaltitle", escape(&o)));
    }
    fields.push(("entrysubtype", "newspaper".to_string()));
    if let Some(d) = source.published {
        // An inferred date is EDTF's approximate `2020~`, which biber reads as circa (biblatex
        // prints "ca. 2020" with `datecirca`) and pandoc as CSL's `circa`.
        let approximate = if source.published_inferred { "~" } else { "" };
        fields.push(("date", format!("{d}{approximate}")));
    }
    if let Some(d) = source.originally_published {
        fields.push(("origdate", d.to_string()));
    }
    if let Some(l) = langid(&source.language) {
        fields.push(("langid", l.to_string()));
    }
    let mut out = format!("@article{{{},\n", place.key(source));
    for (field, value) in fields {
        out.push_str(&format!("  {field:<12} = {{{value}}},\n"));
    }
    out.push_str("}\n");
    out
}

/// "Li, Lei" (family, given); a literal name is braced so BibTeX does not split it. A part of a
/// two-word name that BibTeX would read as a separator (the word "and") is braced too.
fn name(author: &Author) -> String {
    let part = |p: &str| {
        if p.eq_ignore_ascii_case("and") {
            format!("{{{}}}", escape(p))
        } else {
            escape(p)
        }
    };
    match author {
        Author::Person { family, given } => format!("{}, {}", part(family), part(given)),
        Author::Literal(n) => format!("{{{}}}", escape(n)),
    }
}

/// Escapes the characters TeX treats specially; braces become commands whose own braces pair
/// up, so the result always has balanced braces.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escapes a title and braces every word after the first that holds a capital, and the first
/// word too when it holds a capital after its first letter ("NGOs"); punctuation around a word
/// stays outside. Each piece is escaped on its own and the braces are added in pairs around
/// escaped text, so the result is balanced whatever the title holds.
fn protect(title: &str) -> String {
    let mut out = Vec::new();
    for (i, word) in title.split(' ').enumerate() {
        let start = word.find(char::is_alphanumeric).unwrap_or(word.len());
        let end = word.rfind(char::is_alphanumeric).map_or(start, |e| {
            e + word[e..].chars().next().map_or(0, char::len_utf8)
        });
        let core = &word[start..end.max(start)];
        let capitals = core.chars().filter(|c| c.is_uppercase()).count();
        let first_is_capital = core.starts_with(char::is_uppercase);
        let needs = if i == 0 {
            capitals > usize::from(first_is_capital)
        } else {
            capitals > 0
        };
        if needs {
            out.push(format!(
                "{}{{{}}}{}",
                escape(&word[..start]),
                escape(core),
                escape(&word[end.max(start)..])
            ));
        } else {
            out.push(escape(word));
        }
    }
    out.join(" ")
}

/// The babel language name for a BCP 47 tag, where one is known.
fn langid(tag: &str) -> Option<&'static str> {
    match tag.to_ascii_lowercase().as_str() {
        "en" => Some("english"),
        "en-us" => Some("american"),
        "en-gb" => Some("british"),
        "fr" => Some("french"),
        "de" => Some("german"),
        "es" => Some("spanish"),
        "ru" => Some("russian"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{adapted, bare, full};
    use super::*;

    fn format(source: &Source) -> String {
        super::format(source, &Place::default())
    }

    /// Brace depth never below zero and back to zero at the end, counting every brace as
    /// BibTeX does, backslash or not.
    fn balanced(s: &str) -> bool {
        let mut depth = 0i32;
        for c in s.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return false;
            }
        }
        depth == 0
    }

    #[test]
    fn escapes_tex_specials() {
        assert_eq!(
            escape("R&D 100% {x}"),
            "R\\&D 100\\% \\textbraceleft{}x\\textbraceright{}"
        );
        assert_eq!(
            escape("a_b #1 $2 ~ ^ \\"),
            "a\\_b \\#1 \\$2 \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"
        );
    }

    #[test]
    fn protects_proper_nouns_but_not_the_sentence_capital() {
        assert_eq!(
            protect("NGOs foster ties along Belt, Road"),
            "{NGOs} foster ties along {Belt}, {Road}"
        );
        assert_eq!(
            protect("China's aid: “Xi” said"),
            "China's aid: “{Xi}” said"
        );
        assert_eq!(protect("a {B}"), "a \\textbraceleft{}{B}\\textbraceright{}");
        assert_eq!(
            protect("a \\X\\"),
            "a \\textbackslash{}{X}\\textbackslash{}"
        );
    }

    #[test]
    fn the_reported_injection_stays_inside_the_title() {
        let mut s = full();
        s.title = Some("a} , url = \"http://evil.example\" , x = {b".into());
        let out = format(&s);
        let title = out
            .lines()
            .find(|l| l.trim_start().starts_with("title"))
            .unwrap();
        assert!(balanced(title), "{title}");
        assert!(
            title.contains(
                "a\\textbraceright{} , url = \"http://evil.example\" , x = \\textbraceleft{}b"
            ),
            "{title}"
        );
        assert!(balanced(&out), "{out}");
    }

    #[test]
    fn names_that_look_like_syntax_are_braced() {
        assert_eq!(name(&Author::parse("Li, Lei")), "{Li, Lei}");
        assert_eq!(name(&Author::parse("and Lei")), "{and}, Lei");
        assert_eq!(name(&Author::parse("Li and Lei")), "{Li and Lei}");
    }

    #[test]
    fn full_entry() {
        let expected = "@article{chinadaily2019ngos,
  author       = {Li, Lei},
  title        = {{NGOs} foster goodwill, emotional ties along {Belt}, {Road}},
  journaltitle = {China Daily},
  entrysubtype = {newspaper},
  date         = {2019-04-30},
  langid       = {english},
}
";
        assert_eq!(format(&full()), expected);
    }

    #[test]
    fn untitled_undated_entry_has_a_bracketed_title_and_no_date() {
        let mut s = bare("R&D at 100% (2022)");
        s.language = "zh".into();
        let out = format(&s);
        assert!(
            out.contains("title        = {[Report on {R\\&D} at 100\\%]},"),
            "{out}"
        );
        assert!(out.contains("note         = {Untitled; description supplied},"));
        assert!(!out.contains("date") && !out.contains("langid") && !out.contains("author"));
    }

    #[test]
    fn the_original_date_is_origdate() {
        let out = format(&adapted());
        assert!(out.contains("  origdate     = {2019-08-26},\n"), "{out}");
        assert!(!out.contains("  date "), "{out}");
    }

    #[test]
    fn a_given_key_replaces_the_own_key() {
        let place = Place {
            key: Some("chinadaily2019ngosa".into()),
            ..Place::default()
        };
        assert!(super::format(&full(), &place).starts_with("@article{chinadaily2019ngosa,\n"));
    }
}
