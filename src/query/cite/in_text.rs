//! What goes in the text of a paper, where the reference list entry is only pointed at: the
//! in-text citation of the author-date styles (APA `(Li, 2019)`, Harvard `(Xinhua, 2024)`), MLA's
//! parenthetical `(Li)`, Chicago's short note (`Li, “NGOs Foster Goodwill.”`), and for the record
//! formats the citation command that points at their key (`\autocite{key}`, pandoc's `[@key]`).
//!
//! Each names the work by what leads its reference entry, so the reader finds it there: the
//! authors, or in their place what the style puts first (APA and MLA the title, Harvard the
//! newspaper), shortened to its first few words as the manuals ask. A date the data infers is
//! marked as the entry marks it (`ca. 2020`, `c. 2020`); an adapted work in APA gives both
//! years, original first (`2019/n.d.`), as APA 7 cites a republished work.

use super::author::{Author, authors};
use super::quotes::{Outer, inner};
use super::text::{MINOR_WORDS, description, outlet, title, title_case};
use super::{Style, key};
use crate::data::model::Source;

/// The in-text form of `source` in `style`; for Chicago the short note.
pub fn in_text(source: &Source, style: Style) -> String {
    match style {
        Style::Apa | Style::Plain => apa(source),
        Style::Harvard => harvard(source),
        Style::Mla => mla(source),
        Style::Chicago => short_note(source),
        Style::Biblatex => format!("\\autocite{{{}}}", key(source)),
        Style::Ris | Style::CslJson => format!("[@{}]", key(source)),
    }
}

/// Chicago's short note (CMOS 17): the author's family name and a short title of up to
/// four words, or the short title alone for an unsigned article.
pub fn short_note(source: &Source) -> String {
    let what = match title(source) {
        Some(t) => format!(
            "“{}”",
            inner(&title_case(&short(&t)), Outer::Double).with_mark('.')
        ),
        None => format!("{}.", described(source)),
    };
    match families(source, " and ", " and ", 3) {
        Some(names) => format!("{names}, {what}"),
        None => what,
    }
}

/// `(Li, 2019)`, `(Li & Wang, 2019)`, `(Li et al., 2019)`; unsigned, the short title in title
/// case and quotation marks, `(“China’s NGOs Contribute,” ca. 2020)`; untitled, the bracketed
/// description.
fn apa(source: &Source) -> String {
    let lead = match (families(source, " & ", ", & ", 2), title(source)) {
        (Some(names), _) => format!("{names},"),
        (None, Some(t)) => format!(
            "“{}”",
            inner(&title_case(&short(&t)), Outer::Double).with_mark(',')
        ),
        (None, None) => format!("[{}],", described(source)),
    };
    let year = match source.published {
        Some(d) if source.published_inferred => format!("ca. {}", d.year),
        Some(d) => d.year.to_string(),
        None => "n.d.".to_string(),
    };
    match source.originally_published {
        Some(o) => format!("({lead} {}/{year})", o.year),
        None => format!("({lead} {year})"),
    }
}

/// `(Li, 2019)`, `(Li and Wang, 2019)`, `(Xinhua, 2024)` for an unsigned newspaper article,
/// `(‘China’s NGOs contribute’, c. 2020)` with neither, `(no date)` undated.
fn harvard(source: &Source) -> String {
    let lead = match (families(source, " and ", " and ", 3), outlet(source)) {
        (Some(names), _) => names,
        (None, Some(o)) => o,
        (None, None) => match title(source) {
            Some(t) => format!("‘{}’", inner(&short(&t), Outer::Single).text),
            None => format!("[{}]", described(source)),
        },
    };
    let year = match source.published {
        Some(d) if source.published_inferred => format!("c. {}", d.year),
        Some(d) => d.year.to_string(),
        None => "no date".to_string(),
    };
    format!("({lead}, {year})")
}

/// MLA 9 names the author, or the short title, and the page (news on the web has none): `(Li)`,
/// `(“China’s NGOs Contribute”)`.
fn mla(source: &Source) -> String {
    let lead = match (families(source, " and ", " and ", 2), title(source)) {
        (Some(names), _) => names,
        (None, Some(t)) => format!("“{}”", inner(&title_case(&short(&t)), Outer::Double).text),
        (None, None) => described(source),
    };
    format!("({lead})")
}

/// Family names: one, two joined by `two`, three joined by `, ` and `last` when `most` allows
/// three, else the first and "et al.".
fn families(source: &Source, two: &str, last: &str, most: usize) -> Option<String> {
    let names: Vec<String> = authors(source)
        .iter()
        .map(|a| match a {
            Author::Person { family, .. } => family.clone(),
            Author::Literal(name) => name.clone(),
        })
        .collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [a, b] => Some(format!("{a}{two}{b}")),
        [a, b, c] if most >= 3 => Some(format!("{a}, {b}{last}{c}")),
        [first, ..] => Some(format!("{first} et al.")),
    }
}

/// An untitled work's description up to its first comma or bracket: the words that say what it
/// is, without the years and the original's name.
fn described(source: &Source) -> String {
    let d = description(source);
    d.split([',', '(']).next().unwrap_or(&d).trim().to_string()
}

/// The first few words of a title (at most four, up to the first comma, colon or dash), ending
/// on a word that carries meaning: "China’s NGOs contribute to international poverty
/// alleviation" gives "China’s NGOs contribute".
fn short(title: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for word in title.split_whitespace() {
        if words.len() == 4 {
            break;
        }
        let stop = word.ends_with([',', ':', ';']) || matches!(word, "—" | "–" | "-");
        if !matches!(word, "—" | "–" | "-") {
            words.push(word.trim_end_matches([',', ':', ';']));
        }
        if stop {
            break;
        }
    }
    while words.len() > 1 && MINOR_WORDS.contains(&words[words.len() - 1].to_lowercase().as_str()) {
        words.pop();
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{adapted, bare, full};
    use super::*;
    use crate::data::model::PartialDate;

    fn unsigned(title: &str, outlet: Option<&str>, date: &str) -> Source {
        let mut s = bare("An unsigned article");
        s.title = Some(title.to_string());
        s.outlet = outlet.map(Into::into);
        s.published = PartialDate::parse(date).ok();
        s
    }

    #[test]
    fn short_titles_stop_at_punctuation_and_on_a_word_that_means_something() {
        assert_eq!(
            short("China’s NGOs contribute to international poverty alleviation, human rights"),
            "China’s NGOs contribute"
        );
        assert_eq!(
            short("NGOs foster goodwill, emotional ties along Belt, Road"),
            "NGOs foster goodwill"
        );
        assert_eq!(short("One"), "One");
        assert_eq!(short(""), "");
    }

    #[test]
    fn the_issue_s_three_examples() {
        assert_eq!(in_text(&full(), Style::Apa), "(Li, 2019)");
        let xinhua = unsigned(
            "China's NGOs help promote rights, global governance: experts",
            Some("Xinhua"),
            "2024-03-13",
        );
        assert_eq!(in_text(&xinhua, Style::Harvard), "(Xinhua, 2024)");
        let mut inferred = unsigned(
            "China’s NGOs contribute to international poverty alleviation, human rights",
            None,
            "2020",
        );
        assert_eq!(
            in_text(&inferred, Style::Apa),
            "(“China’s NGOs Contribute,” 2020)"
        );
        inferred.published_inferred = true;
        assert_eq!(
            in_text(&inferred, Style::Apa),
            "(“China’s NGOs Contribute,” ca. 2020)"
        );
        assert_eq!(
            in_text(&inferred, Style::Harvard),
            "(‘China’s NGOs contribute’, c. 2020)"
        );
    }

    #[test]
    fn every_style_has_a_form() {
        let s = full();
        assert_eq!(in_text(&s, Style::Harvard), "(Li, 2019)");
        assert_eq!(in_text(&s, Style::Mla), "(Li)");
        assert_eq!(in_text(&s, Style::Chicago), "Li, “NGOs Foster Goodwill.”");
        assert_eq!(
            in_text(&s, Style::Biblatex),
            "\\autocite{chinadaily2019ngos}"
        );
        assert_eq!(in_text(&s, Style::CslJson), "[@chinadaily2019ngos]");
        let mut two = full();
        two.authors.push("Wang Fang".into());
        assert_eq!(in_text(&two, Style::Apa), "(Li & Wang, 2019)");
        assert_eq!(in_text(&two, Style::Mla), "(Li and Wang)");
        two.authors.push("Zhao Min".into());
        assert_eq!(in_text(&two, Style::Apa), "(Li et al., 2019)");
        assert_eq!(in_text(&two, Style::Harvard), "(Li, Wang and Zhao, 2019)");
        assert_eq!(in_text(&two, Style::Mla), "(Li et al.)");
    }

    #[test]
    fn untitled_undated_and_adapted_works() {
        let a = adapted();
        assert_eq!(
            in_text(&a, Style::Apa),
            "([Report on national social organizations in poverty alleviation], 2019/n.d.)"
        );
        assert_eq!(
            in_text(&a, Style::Harvard),
            "([Report on national social organizations in poverty alleviation], no date)"
        );
        assert_eq!(
            in_text(&a, Style::Chicago),
            "Report on national social organizations in poverty alleviation."
        );
    }
}
