//! Citations of a [`Source`] in eight styles, as plain text ready to paste.
//!
//! What a source does not say is left out the way each style prescribes and never invented: no
//! URL, no access date, no guessed author. An untitled source gets a bracketed description made
//! from its `name` (see [`description`]), a source with no date gets the style's "n.d." where the
//! style asks for one.
//!
//! Author names are taken as printed in the article. A name of exactly two words, such as
//! "Li Lei", is read as a Chinese name, family name first: family "Li", given "Lei" (APA and
//! Harvard write "Li, L.", Chicago and MLA keep "Li Lei" without a comma, as they do for names
//! whose family name comes first). Any other name is used whole, as a literal, never split.

use crate::model::Source;

mod apa;
mod biblatex;
mod chicago;
mod csl_json;
mod harvard;
mod mla;
mod plain;
mod record;
mod ris;

pub use chicago::note as chicago_note;
pub use record::for_record;

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
}

/// The full citation of `source` in `style`, as plain text without markup.
///
/// One-line styles (APA, Chicago, MLA, Harvard, plain) end without a newline; the record formats
/// (BibLaTeX, RIS, CSL-JSON) span several lines and end with one. For Chicago this is the
/// bibliography entry, the form one pastes into a bibliography; the footnote form is
/// [`chicago_note`].
pub fn cite(source: &Source, style: Style) -> String {
    match style {
        Style::Apa => apa::format(source),
        Style::Chicago => chicago::bibliography(source),
        Style::Mla => mla::format(source),
        Style::Harvard => harvard::format(source),
        Style::Biblatex => biblatex::format(source),
        Style::Ris => ris::format(source),
        Style::CslJson => csl_json::format(source),
        Style::Plain => plain::format(source),
    }
}

/// Words a citation key skips and that title case leaves in lower case.
const MINOR_WORDS: &[&str] = &[
    "a", "about", "across", "after", "against", "along", "amid", "among", "an", "and", "around",
    "as", "at", "before", "behind", "between", "but", "by", "during", "for", "from", "in", "into",
    "near", "nor", "of", "off", "on", "onto", "or", "over", "per", "since", "than", "the",
    "through", "to", "toward", "towards", "under", "until", "up", "upon", "via", "with", "within",
    "without",
];

/// A stable citation key: outlet, year and the first significant word of the title, in
/// lower-case ASCII, e.g. `xinhua2024chinas`. An unknown outlet gives `anon`, an unknown year
/// nothing; without a title the word comes from the source's `name`, and failing that from its
/// id. It depends only on those fields, so it is the same on every run.
pub fn key(source: &Source) -> String {
    let ascii = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let outlet = source.outlet.as_deref().map(ascii).unwrap_or_default();
    let mut key = if outlet.is_empty() {
        "anon".to_string()
    } else {
        outlet
    };
    if let Some(date) = source.published {
        key.push_str(&date.year.to_string());
    }
    let text = source
        .title
        .clone()
        .unwrap_or_else(|| name_stem(&source.name));
    let word = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/'))
        .map(ascii)
        .find(|w| {
            !w.is_empty()
                && !w.starts_with(|c: char| c.is_ascii_digit())
                && !MINOR_WORDS.contains(&w.as_str())
        })
        .unwrap_or_else(|| ascii(source.id.as_str()));
    key.push_str(&word);
    key
}

/// Text from the data made safe for a citation: whitespace runs (line breaks included) become
/// one space, and control and bidirectional-override characters are dropped.
pub(crate) fn clean(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| c.is_whitespace() || !hidden(c))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Control characters, and the marks that silently reorder text (bidirectional overrides).
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The title, cleaned, if the source has one.
pub(crate) fn title(source: &Source) -> Option<String> {
    source.title.as_deref().map(clean).filter(|t| !t.is_empty())
}

/// The outlet, cleaned, if known.
pub(crate) fn outlet(source: &Source) -> Option<String> {
    source
        .outlet
        .as_deref()
        .map(clean)
        .filter(|t| !t.is_empty())
}

/// The source's `name` without what repeats other fields: a leading "Outlet (2019): " and a
/// trailing "(2022)" year are dropped.
fn name_stem(name: &str) -> String {
    let mut stem = clean(name);
    if let Some(at) = stem.find("): ")
        && stem[..at].rsplit_once('(').is_some_and(|(_, y)| is_year(y))
    {
        stem = stem[at + 3..].to_string();
    }
    if let Some(rest) = stem.strip_suffix(')')
        && let Some((head, year)) = rest.rsplit_once(" (")
        && is_year(year)
    {
        stem = head.to_string();
    }
    stem
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// What an untitled source is, without brackets: "Report on " and the source's `name` (less what
/// repeats the date), e.g. "Report on the 16th ASEAN-China Forum on Social Development and
/// Poverty Reduction". Two small grammar rules apply: a name that starts with an ordinal such as
/// "16th" takes "the"; a sentence-case name ("National social organizations ...") loses its
/// initial capital, which is only there because the word came first. Styles that bracket a
/// supplied description (APA, Harvard, the record formats) add the brackets themselves.
pub fn description(source: &Source) -> String {
    let stem = name_stem(&source.name);
    if stem.is_empty() {
        return "Untitled source".to_string();
    }
    let mut words = stem.splitn(3, ' ');
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    let ordinal = first.starts_with(|c: char| c.is_ascii_digit())
        && ["st", "nd", "rd", "th"].iter().any(|s| first.ends_with(s));
    let sentence_case = {
        let mut cs = first.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(char::is_lowercase)
            && second.starts_with(char::is_lowercase)
    };
    let body = if sentence_case {
        let mut cs = stem.chars();
        cs.next()
            .map(|c| c.to_lowercase().chain(cs).collect())
            .unwrap_or_default()
    } else {
        stem.clone()
    };
    let article = if ordinal { "the " } else { "" };
    format!("Report on {article}{body}")
}

/// One author as printed in the article.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Author {
    /// A two-word name, read family name first ("Li Lei": family "Li", given "Lei").
    Person { family: String, given: String },
    /// Any other name (one word, three or more, an agency), used whole.
    Literal(String),
}

impl Author {
    pub(crate) fn parse(full: &str) -> Author {
        let full = clean(full);
        match full.split(' ').collect::<Vec<_>>()[..] {
            [family, given] => Author::Person {
                family: family.to_string(),
                given: given.to_string(),
            },
            _ => Author::Literal(full),
        }
    }

    /// "Li, L." as APA and Harvard write it; a literal stays whole.
    pub(crate) fn family_initials(&self) -> String {
        match self {
            Author::Person { family, given } => {
                let initials: Vec<String> = given
                    .split('-')
                    .filter_map(|part| part.chars().next())
                    .map(|c| format!("{}.", c.to_uppercase()))
                    .collect();
                format!("{family}, {}", initials.join("-"))
            }
            Author::Literal(name) => name.clone(),
        }
    }

    /// The name as printed ("Li Lei"): Chicago and MLA do not invert a family-first name.
    pub(crate) fn as_printed(&self) -> String {
        match self {
            Author::Person { family, given } => format!("{family} {given}"),
            Author::Literal(name) => name.clone(),
        }
    }
}

pub(crate) fn authors(source: &Source) -> Vec<Author> {
    source
        .authors
        .iter()
        .filter(|a| !clean(a).is_empty())
        .map(|a| Author::parse(a))
        .collect()
}

/// Appends `mark` unless the text already ends a sentence ("?", "!", or "." when `mark` is ".").
pub(crate) fn punct(text: &str, mark: char) -> String {
    if text.ends_with(['?', '!']) || (mark == '.' && text.ends_with('.')) {
        text.to_string()
    } else {
        format!("{text}{mark}")
    }
}

/// Headline-style capitals for Chicago and MLA: every all-lower-case word is capitalized except
/// articles, prepositions and coordinating conjunctions inside the title; the first and last
/// words and the first word after a colon are always capitalized. Words that already hold a
/// capital ("NGOs", "iPhone") are left alone, and so is the rest of a hyphenated word.
pub(crate) fn title_case(title: &str) -> String {
    let words: Vec<&str> = title.split(' ').collect();
    let last = words.len().saturating_sub(1);
    let mut out = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let core: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        let starts = i == 0 || i == last || words[i - 1].ends_with(':');
        let minor = MINOR_WORDS.contains(&core.as_str());
        if !core.is_empty() && core.chars().all(char::is_lowercase) && (starts || !minor) {
            out.push(capitalize_first_letter(word));
        } else {
            out.push(word.to_string());
        }
    }
    out.join(" ")
}

/// APA's sentence case keeps a title as printed but capitalizes the word after a colon.
pub(crate) fn capitalize_after_colon(title: &str) -> String {
    let words: Vec<&str> = title.split(' ').collect();
    let mut out = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let lower = word.chars().all(|c| !c.is_uppercase());
        if i > 0 && words[i - 1].ends_with(':') && lower {
            out.push(capitalize_first_letter(word));
        } else {
            out.push(word.to_string());
        }
    }
    out.join(" ")
}

fn capitalize_first_letter(word: &str) -> String {
    match word.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((at, c)) => {
            format!(
                "{}{}{}",
                &word[..at],
                c.to_uppercase(),
                &word[at + c.len_utf8()..]
            )
        }
        None => word.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Id, PartialDate};

    /// A source with only the fields every record has; tests fill in the rest.
    pub(crate) fn bare(name: &str) -> Source {
        Source {
            id: Id::from("test-source"),
            name: name.to_string(),
            aliases: vec![],
            summary: "A test source.".to_string(),
            title: None,
            outlet: None,
            authors: vec![],
            published: None,
            section: None,
            language: "en".to_string(),
            text_file: None,
            notes: None,
        }
    }

    pub(crate) fn full() -> Source {
        Source {
            title: Some("NGOs foster goodwill, emotional ties along Belt, Road".to_string()),
            outlet: Some("China Daily".to_string()),
            authors: vec!["Li Lei".to_string()],
            published: Some(PartialDate::parse("2019-04-30").unwrap()),
            section: Some("China / Society".to_string()),
            ..bare("China Daily (2019): NGOs foster goodwill, emotional ties along Belt, Road")
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
    fn keys_follow_outlet_year_word_and_are_stable() {
        let s = full();
        assert_eq!(key(&s), "chinadaily2019ngos");
        assert_eq!(key(&s), key(&s.clone()));
        let mut x = bare("Xinhua (2024): China's NGOs help promote rights");
        x.title = Some("China's NGOs help promote rights".into());
        x.outlet = Some("Xinhua".into());
        x.published = PartialDate::parse("2024-03-13").ok();
        assert_eq!(key(&x), "xinhua2024chinas");
        x.title = Some("The “Belt and Road” at ten".into());
        assert_eq!(key(&x), "xinhua2024belt");
    }

    #[test]
    fn keys_without_outlet_or_title_fall_back_and_are_never_empty() {
        let mut s = bare("16th ASEAN-China Forum on Social Development (2022)");
        s.published = PartialDate::parse("2022").ok();
        assert_eq!(key(&s), "anon2022asean");
        let s = bare("中国社会组织动态");
        assert_eq!(key(&s), "anontestsource");
    }

    #[test]
    fn descriptions_come_from_the_name_without_the_year() {
        let s = bare("16th ASEAN-China Forum on Social Development and Poverty Reduction (2022)");
        assert_eq!(
            description(&s),
            "Report on the 16th ASEAN-China Forum on Social Development and Poverty Reduction"
        );
        let s = bare("National social organizations in poverty alleviation, 2017–2019");
        assert_eq!(
            description(&s),
            "Report on national social organizations in poverty alleviation, 2017–2019"
        );
        let s = bare("Xinhua (2024): China's NGOs at the UN");
        assert_eq!(description(&s), "Report on China's NGOs at the UN");
        assert_eq!(description(&bare(" \n")), "Untitled source");
    }

    #[test]
    fn two_word_names_are_family_first_others_literal() {
        assert_eq!(Author::parse("Li Lei").family_initials(), "Li, L.");
        assert_eq!(Author::parse("Li Lei").as_printed(), "Li Lei");
        assert_eq!(Author::parse("Ou Xiao-ming").family_initials(), "Ou, X.-M.");
        assert_eq!(
            Author::parse("Xinhua News Agency"),
            Author::Literal("Xinhua News Agency".into())
        );
    }

    #[test]
    fn title_case_capitalizes_major_words_only() {
        assert_eq!(
            title_case("NGOs foster goodwill, emotional ties along Belt, Road"),
            "NGOs Foster Goodwill, Emotional Ties along Belt, Road"
        );
        assert_eq!(
            title_case("China's NGOs help promote rights, global governance: experts"),
            "China's NGOs Help Promote Rights, Global Governance: Experts"
        );
        assert_eq!(
            title_case("the work of an iPhone in"),
            "The Work of an iPhone In"
        );
    }

    #[test]
    fn clean_drops_control_characters() {
        assert_eq!(clean("a\tb\r\nc\u{7}d\u{202e}e  "), "a b cde");
    }
}
