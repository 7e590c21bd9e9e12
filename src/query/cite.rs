//! Citations of a [`Source`] in eight styles, as plain text ready to paste, one at a time
//! ([`cite`]) or as a whole bibliography ([`bibliography()`], [`for_ids`]).
//!
//! The editions followed: APA 7 (reference-list entry), the Chicago Manual of Style 17th edition
//! notes-bibliography system (the bibliography entry; [`chicago_note`] gives the note), the MLA
//! Handbook 9th edition (works-cited entry), and Harvard as Cite Them Right gives it. The
//! record formats are BibLaTeX for biber, RIS and CSL-JSON 1.0.2.
//!
//! What a source does not say is left out the way each style prescribes and never invented: no
//! URL, no access date, no guessed author. An untitled source gets a description made from its
//! `name` (see [`description`]), bracketed where the style brackets supplied text and marked as
//! supplied in the record formats; a source with no date gets the style's "n.d." where the style
//! asks for one; the original of an adapted work is dated the way each style dates an original
//! publication.

use crate::data::model::Source;

mod apa;
mod author;
mod biblatex;
mod bibliography;
mod chicago;
mod csl_json;
mod harvard;
mod in_text;
mod key;
mod mla;
mod plain;
mod quotes;
mod record;
mod ris;
mod text;

pub use bibliography::{Bibliography, bibliography, for_ids, for_records, keys, sources_of};
pub use chicago::note as chicago_note;
pub use in_text::{in_text, short_note};
pub use key::key;
pub use quotes::quote_line;
pub use record::{for_record, in_text_for_record};
pub use text::description;

/// A citation style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Apa,
    Chicago,
    Mla,
    Harvard,
    Biblatex,
    Ris,
    CslJson,
    Plain,
}

impl Style {
    pub const ALL: [Style; 8] = [
        Style::Apa,
        Style::Chicago,
        Style::Mla,
        Style::Harvard,
        Style::Biblatex,
        Style::Ris,
        Style::CslJson,
        Style::Plain,
    ];

    /// Parses a style as typed on the command line, ignoring case.
    pub fn parse(s: &str) -> Option<Style> {
        match s.trim().to_ascii_lowercase().as_str() {
            "apa" => Some(Style::Apa),
            "chicago" => Some(Style::Chicago),
            "mla" => Some(Style::Mla),
            "harvard" => Some(Style::Harvard),
            "bibtex" | "biblatex" => Some(Style::Biblatex),
            "ris" => Some(Style::Ris),
            "csl-json" | "csljson" | "csl" => Some(Style::CslJson),
            "plain" => Some(Style::Plain),
            _ => None,
        }
    }

    /// The name as typed on the command line; [`Style::parse`] reads it back.
    pub fn name(self) -> &'static str {
        match self {
            Style::Apa => "apa",
            Style::Chicago => "chicago",
            Style::Mla => "mla",
            Style::Harvard => "harvard",
            Style::Biblatex => "bibtex",
            Style::Ris => "ris",
            Style::CslJson => "csl-json",
            Style::Plain => "plain",
        }
    }

    /// The name for humans, e.g. in a menu.
    pub fn label(self) -> &'static str {
        match self {
            Style::Apa => "APA 7",
            Style::Chicago => "Chicago (notes and bibliography)",
            Style::Mla => "MLA 9",
            Style::Harvard => "Harvard",
            Style::Biblatex => "BibLaTeX",
            Style::Ris => "RIS",
            Style::CslJson => "CSL-JSON",
            Style::Plain => "Plain text",
        }
    }

    /// Exactly which edition and form is written, for help texts and documentation.
    pub fn edition(self) -> &'static str {
        match self {
            Style::Apa => "APA 7th edition, reference-list entry",
            Style::Chicago => {
                "Chicago Manual of Style 17th edition, notes-bibliography system, bibliography entry"
            }
            Style::Mla => "MLA Handbook 9th edition, works-cited entry",
            Style::Harvard => "Harvard as Cite Them Right gives it, reference-list entry",
            Style::Biblatex => "BibLaTeX @article with entrysubtype = {newspaper}, for biber",
            Style::Ris => "RIS record of type NEWS",
            Style::CslJson => "CSL-JSON 1.0.2: always an array of article-newspaper items",
            Style::Plain => "one readable line: outlet, \"title\", date, authors",
        }
    }
}

/// The full citation of `source` in `style`, as plain text without markup.
///
/// One-line styles (APA, Chicago, MLA, Harvard, plain) end without a newline; the record formats
/// (BibLaTeX, RIS, CSL-JSON) span several lines and end with one. For Chicago this is the
/// bibliography entry, the form one pastes into a bibliography; the footnote form is
/// [`chicago_note`]. CSL-JSON is always an array, here of one item, as the CSL schema requires.
pub fn cite(source: &Source, style: Style) -> String {
    format(source, style, &Place::default())
}

/// How one source is written at its place in a list. A lone citation uses the defaults; in a
/// bibliography a source may take a suffixed key, a letter after its year, or a dash for an
/// author repeated from the entry above.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Place {
    /// The citation key (BibLaTeX, RIS `ID`, CSL-JSON `id`); `None` means the source's own
    /// [`key`].
    pub key: Option<String>,
    /// "a", "b", … after the year (APA, Harvard): the same author twice in one year.
    pub letter: Option<String>,
    /// The author (or what stands in the author's place) is that of the entry above: Chicago
    /// writes "———", MLA "---".
    pub repeated: bool,
}

impl Place {
    pub(crate) fn key(&self, source: &Source) -> String {
        self.key.clone().unwrap_or_else(|| key::key(source))
    }

    pub(crate) fn letter(&self) -> &str {
        self.letter.as_deref().unwrap_or("")
    }
}

pub(crate) fn format(source: &Source, style: Style, place: &Place) -> String {
    match style {
        Style::Apa => apa::format(source, place),
        Style::Chicago => chicago::bibliography(source, place),
        Style::Mla => mla::format(source, place),
        Style::Harvard => harvard::format(source, place),
        Style::Biblatex => biblatex::format(source, place),
        Style::Ris => ris::format(source, place),
        Style::CslJson => csl_json::array(&[(source, place.key(source))]),
        Style::Plain => plain::format(source),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::data::model::{Id, PartialDate};

    /// A source with only the fields every record has; tests fill in the rest.
    pub(crate) fn bare(name: &str) -> Source {
        Source {
            id: Id::from("test-source"),
            name: name.into(),
            aliases: vec![],
            summary: "A test source.".to_string(),
            title: None,
            outlet: None,
            authors: vec![],
            published: None,
            published_inferred: false,
            originally_published: None,
            section: None,
            language: "en".into(),
            text_file: None,
            notes: None,
        }
    }

    pub(crate) fn full() -> Source {
        Source {
            title: Some("NGOs foster goodwill, emotional ties along Belt, Road".to_string()),
            outlet: Some("China Daily".into()),
            authors: vec!["Li Lei".into()],
            published: Some(PartialDate::parse("2019-04-30").unwrap()),
            section: Some("China / Society".into()),
            ..bare("China Daily (2019): NGOs foster goodwill, emotional ties along Belt, Road")
        }
    }

    /// The adapted report: no title, outlet, author or date, but an original published on
    /// 26 August 2019.
    pub(crate) fn adapted() -> Source {
        Source {
            originally_published: Some(PartialDate::parse("2019-08-26").unwrap()),
            ..bare("National social organizations in poverty alleviation (adapted from X)")
        }
    }

    #[test]
    fn styles_parse_their_own_names_and_aliases() {
        for style in Style::ALL {
            assert_eq!(Style::parse(style.name()), Some(style));
        }
        assert_eq!(Style::parse("BibLaTeX"), Some(Style::Biblatex));
        assert_eq!(Style::parse("csl"), Some(Style::CslJson));
        assert_eq!(Style::parse("csljson"), Some(Style::CslJson));
        assert_eq!(Style::parse("vancouver"), None);
    }

    #[test]
    fn editions_are_named() {
        assert!(Style::Chicago.edition().contains("17th"));
        assert!(Style::Chicago.edition().contains("bibliography entry"));
        assert!(Style::Apa.edition().starts_with("APA 7"));
        assert!(Style::Mla.edition().contains("9th"));
        assert!(Style::Harvard.edition().contains("Cite Them Right"));
    }
}
