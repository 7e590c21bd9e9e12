//! BibLaTeX `@article` entry with `entrysubtype = {newspaper}`, as biblatex documents for
//! newspaper articles. Unknown fields are left out; an untitled source gets a bracketed
//! description as its title and a note saying so.
//!
//! Special characters are escaped, and words holding capitals after the first word are braced
//! (`{Belt}`, `{NGOs}`) so that styles which sentence-case titles keep proper nouns intact; the
//! titles in the data are already in sentence case, so this protects only what must stay.

use super::{Author, authors, clean, description, key, outlet, title};
use crate::model::Source;

pub(super) fn format(source: &Source) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let names: Vec<String> = authors(source).iter().map(name).collect();
    if !names.is_empty() {
        fields.push(("author", names.join(" and ")));
    }
    match title(source) {
        Some(t) => fields.push(("title", protect(&escape(&t)))),
        None => {
            let d = format!("[{}]", description(source));
            fields.push(("title", protect(&escape(&d))));
            fields.push(("note", "Untitled; description supplied".to_string()));
        }
    }
    if let Some(o) = outlet(source) {
        fields.push(("journaltitle", escape(&o)));
    }
    fields.push(("entrysubtype", "newspaper".to_string()));
    if let Some(d) = source.published {
        fields.push(("date", d.to_string()));
    }
    if let Some(l) = langid(&source.language) {
        fields.push(("langid", l.to_string()));
    }
    let mut out = format!("@article{{{},\n", key(source));
    for (field, value) in fields {
        out.push_str(&format!("  {field:<12} = {{{value}}},\n"));
    }
    out.push_str("}\n");
    out
}

/// "Li, Lei" (family, given); a literal name is braced so BibTeX does not split it.
fn name(author: &Author) -> String {
    match author {
        Author::Person { family, given } => format!("{}, {}", escape(family), escape(given)),
        Author::Literal(n) => format!("{{{}}}", escape(n)),
    }
}

/// Escapes the characters TeX treats specially.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Braces every word after the first that holds a capital, and the first word too when it holds
/// a capital after its first letter ("NGOs"); punctuation around a word stays outside.
fn protect(title: &str) -> String {
    let mut out = Vec::new();
    for (i, word) in title.split(' ').enumerate() {
        let start = word
            .find(|c: char| c.is_alphanumeric())
            .unwrap_or(word.len());
        let end = word
            .rfind(|c: char| c.is_alphanumeric())
            .map_or(start, |e| {
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
        // A control word such as `\textasciitilde{}` must not be split by a brace.
        let command = word.contains("\\text");
        if needs && !command {
            out.push(format!("{}{{{core}}}{}", &word[..start], &word[end..]));
        } else {
            out.push(word.to_string());
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
    use super::super::tests::{bare, full};
    use super::*;

    #[test]
    fn escapes_tex_specials() {
        assert_eq!(escape("R&D 100% {x}"), "R\\&D 100\\% \\{x\\}");
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
}
