//! APA 7 reference-list entry for a newspaper article:
//! `Author, A. (2024, March 13). Title. Newspaper.`
//!
//! Without an author the title moves to the author position; without a title as well the
//! bracketed description does. No date gives "(n.d.)", no outlet leaves the newspaper out, and
//! as no URL is known none is given. The original of a translated or adapted work is given last,
//! without a closing period: "(Original work published 2019)" (APA 7, 9.41). In a reference
//! list, works of one author in one year take letters: "(2019a, April 30)", "(n.d.-a)".

use super::Place;
use super::author::{Author, authors};
use super::text::{apostrophes, capitalize_after_colon, description, outlet, punct, title};
use crate::data::model::Source;

pub(super) fn format(source: &Source, place: &Place) -> String {
    let what = match title(source) {
        Some(t) => capitalize_after_colon(&apostrophes(&t)),
        None => format!("[{}]", description(source)),
    };
    let date = date(source, place.letter());
    let mut parts = match author_list(&authors(source)) {
        Some(names) => vec![punct(&names, '.'), format!("{date}."), punct(&what, '.')],
        None => vec![punct(&what, '.'), format!("{date}.")],
    };
    if let Some(o) = outlet(source) {
        parts.push(punct(&o, '.'));
    }
    if let Some(d) = source.originally_published {
        parts.push(format!("(Original work published {})", d.year));
    }
    parts.join(" ")
}

/// "(2024, March 13)", "(2019, April)", "(2020)" or "(n.d.)"; with a letter "(2024a, March 13)"
/// or "(n.d.-a)". A date the article does not print but the data infers is "(ca. 2020)": APA 7
/// gives a date it can only estimate with "ca." (circa), as in its archival references, and has
/// no brackets for a supplied date.
pub(super) fn date(source: &Source, letter: &str) -> String {
    let ca = if source.published_inferred {
        "ca. "
    } else {
        ""
    };
    match source.published {
        None if letter.is_empty() => "(n.d.)".to_string(),
        None => format!("(n.d.-{letter})"),
        Some(d) => match (d.month_name(), d.day) {
            (Some(m), Some(day)) => format!("({ca}{}{letter}, {m} {day})", d.year),
            (Some(m), None) => format!("({ca}{}{letter}, {m})", d.year),
            _ => format!("({ca}{}{letter})", d.year),
        },
    }
}

/// "Li, L.", "Li, L., & Wang, F.", "Li, L., Wang, F., & Zhao, M."; APA lists up to 20 names.
fn author_list(list: &[Author]) -> Option<String> {
    let names: Vec<String> = list.iter().map(Author::family_initials).collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{}, & {last}", rest.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{adapted, bare, full};
    use super::*;
    use crate::data::model::PartialDate;

    fn format(source: &Source) -> String {
        super::format(source, &Place::default())
    }

    #[test]
    fn full_entry() {
        assert_eq!(
            format(&full()),
            "Li, L. (2019, April 30). NGOs foster goodwill, emotional ties along Belt, Road. China Daily."
        );
    }

    #[test]
    fn no_date_is_nd_and_no_title_is_a_bracketed_description_in_author_position() {
        let s = bare("National social organizations in poverty alleviation, 2017–2019");
        assert_eq!(
            format(&s),
            "[Report on national social organizations in poverty alleviation, 2017–2019]. (n.d.)."
        );
    }

    #[test]
    fn no_author_moves_the_title_first_and_capitalizes_after_a_colon() {
        let mut s = bare("Xinhua (2024): x");
        s.title = Some("China's NGOs help promote rights: experts".into());
        s.outlet = Some("Xinhua".into());
        s.published = PartialDate::parse("2024-03").ok();
        assert_eq!(
            format(&s),
            "China’s NGOs help promote rights: Experts. (2024, March). Xinhua."
        );
    }

    #[test]
    fn author_without_title_keeps_the_description_after_the_date() {
        let mut s = full();
        s.title = None;
        s.authors.push("Wang Fang".into());
        assert_eq!(
            format(&s),
            "Li, L., & Wang, F. (2019, April 30). [Report on NGOs foster goodwill, emotional ties along Belt, Road]. China Daily."
        );
    }

    #[test]
    fn an_original_publication_closes_the_entry_without_a_period() {
        assert_eq!(
            format(&adapted()),
            "[Report on national social organizations in poverty alleviation (adapted from X)]. \
             (n.d.). (Original work published 2019)"
        );
    }

    #[test]
    fn letters_follow_the_year_or_nd() {
        let place = Place {
            letter: Some("b".into()),
            ..Place::default()
        };
        assert_eq!(
            super::format(&full(), &place),
            "Li, L. (2019b, April 30). NGOs foster goodwill, emotional ties along Belt, Road. China Daily."
        );
        let mut s = full();
        s.published = None;
        assert!(super::format(&s, &place).starts_with("Li, L. (n.d.-b). NGOs"));
    }
}
