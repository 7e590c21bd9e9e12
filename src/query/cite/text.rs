//! Text shared by the styles: cleaning what comes from the data, the description of an untitled
//! source, sentence punctuation, and the two ways of capitalizing a title.

use crate::data::model::Source;

/// Words a citation key skips and that title case leaves in lower case.
pub(super) const MINOR_WORDS: &[&str] = &[
    "a", "about", "across", "after", "against", "along", "amid", "among", "an", "and", "around",
    "as", "at", "before", "behind", "between", "but", "by", "during", "for", "from", "in", "into",
    "near", "nor", "of", "off", "on", "onto", "or", "over", "per", "since", "than", "the",
    "through", "to", "toward", "towards", "under", "until", "up", "upon", "via", "with", "within",
    "without",
];

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

/// The section, cleaned, if known.
pub(crate) fn section(source: &Source) -> Option<String> {
    source
        .section
        .as_deref()
        .map(clean)
        .filter(|t| !t.is_empty())
}

/// The source's `name` without what repeats other fields: a leading "Outlet (2019): " and a
/// trailing "(2022)" year are dropped.
pub(super) fn name_stem(name: &str) -> String {
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
/// supplied description (APA, Harvard, BibLaTeX, RIS) add the brackets themselves; CSL-JSON
/// carries it bare in `genre`, where CSL styles look for it.
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

/// What the record formats say about a title they had to supply.
pub(super) const SUPPLIED: &str = "Untitled; description supplied";

/// The note of a record format that cannot mark a date as approximate (RIS).
pub(super) const INFERRED: &str = "Date of publication inferred; not printed in the article";

/// Appends `mark` unless the text already ends a sentence ("?", "!", or "." when `mark` is ".").
/// A straight apostrophe between two letters or digits made curly (`China's` → `China’s`), as
/// every text style sets it: the data holds both forms, and a list of references would show them
/// side by side.
pub(crate) fn apostrophes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between = i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if c == '\'' && between { '’' } else { c }
        })
        .collect()
}

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
mod tests {
    use super::super::tests::bare;
    use super::*;

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

    #[test]
    fn apostrophes_inside_words_are_curled_and_quotes_are_not() {
        assert_eq!(apostrophes("China's NGOs"), "China’s NGOs");
        assert_eq!(apostrophes("'quoted' and 1990's"), "'quoted' and 1990’s");
    }

    #[test]
    fn punct_does_not_double_a_sentence_end() {
        assert_eq!(punct("Over?", '.'), "Over?");
        assert_eq!(punct("Ltd.", '.'), "Ltd.");
        assert_eq!(punct("Ltd.", ','), "Ltd.,");
    }
}
