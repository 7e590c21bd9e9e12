//! Harvard, as Cite Them Right gives it for a newspaper article:
//! `Li, L. (2019) ‘Title as printed’, China Daily, 30 April.`
//!
//! An unsigned article is listed under the newspaper's name; with no newspaper either, the
//! title takes the author position. An untitled source gets a bracketed description, no date
//! gives "(no date)". Nothing follows the day and month: no page, no URL, no access date is
//! known. A quotation inside the title takes double marks (British usage, single outside) and an
//! apostrophe is `’`. The original of a translated or adapted work is dated last: "Originally
//! published 26 August 2019." In a reference list, works of one author in one year take
//! letters: "(2019a)", "(no date a)".

use super::Place;
use super::author::{Author, authors};
use super::quotes::{Outer, inner};
use super::text::{description, outlet, punct, title};
use crate::data::model::Source;

pub(super) fn format(source: &Source, place: &Place) -> String {
    let what = match title(source) {
        Some(t) => format!("‘{}’", inner(&t, Outer::Single).text),
        None => format!("[{}]", description(source)),
    };
    let letter = place.letter();
    // A year the article does not print but the data infers is "(c. 2020)": Cite Them Right
    // gives an approximate date with "c." (circa).
    let ca = if source.published_inferred { "c. " } else { "" };
    let year = match source.published {
        Some(d) => format!("({ca}{}{letter})", d.year),
        None if letter.is_empty() => "(no date)".to_string(),
        None => format!("(no date {letter})"),
    };
    let outlet = outlet(source);
    let (lead, rest) = match (names(source), outlet) {
        (Some(n), o) => (format!("{n} {year} {what}"), o),
        (None, Some(o)) => (format!("{o} {year} {what}"), None),
        (None, None) => (format!("{what} {year}"), None),
    };
    let tail: Vec<String> = [rest, day_month(source)].into_iter().flatten().collect();
    let entry = if tail.is_empty() {
        punct(&lead, '.')
    } else {
        format!("{lead}, {}", punct(&tail.join(", "), '.'))
    };
    match source.originally_published {
        Some(d) => {
            let day_month = match (d.day, d.month_name()) {
                (Some(day), Some(m)) => format!("{day} {m} "),
                (None, Some(m)) => format!("{m} "),
                _ => String::new(),
            };
            format!("{entry} Originally published {day_month}{}.", d.year)
        }
        None => entry,
    }
}

/// "Li, L.", "Li, L. and Wang, F.", "Li, L., Wang, F. and Zhao, M.", "Li, L. et al." (4 or more).
fn names(source: &Source) -> Option<String> {
    let names: Vec<String> = authors(source)
        .iter()
        .map(Author::family_initials)
        .collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [a, b] => Some(format!("{a} and {b}")),
        [a, b, c] => Some(format!("{a}, {b} and {c}")),
        [first, ..] => Some(format!("{first} et al.")),
    }
}

/// "13 March" or "March"; the year is already in the author-date part.
fn day_month(source: &Source) -> Option<String> {
    let d = source.published?;
    let month = d.month_name()?;
    Some(match d.day {
        Some(day) => format!("{day} {month}"),
        None => month.to_string(),
    })
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
            "Li, L. (2019) ‘NGOs foster goodwill, emotional ties along Belt, Road’, China Daily, 30 April."
        );
    }

    #[test]
    fn unsigned_article_goes_under_the_newspaper() {
        let mut s = full();
        s.authors.clear();
        assert_eq!(
            format(&s),
            "China Daily (2019) ‘NGOs foster goodwill, emotional ties along Belt, Road’, 30 April."
        );
    }

    #[test]
    fn no_author_no_outlet_no_title_no_date() {
        let s = bare("16th ASEAN-China Forum (2022)");
        assert_eq!(
            format(&s),
            "[Report on the 16th ASEAN-China Forum] (no date)."
        );
        let mut s = s;
        s.title = Some("A title".into());
        s.published = PartialDate::parse("2020").ok();
        assert_eq!(format(&s), "‘A title’ (2020).");
    }

    #[test]
    fn apostrophes_are_curly_and_quotations_inside_double() {
        let mut s = full();
        s.title = Some("China's NGOs back 'common prosperity'".into());
        assert_eq!(
            format(&s),
            "Li, L. (2019) ‘China’s NGOs back “common prosperity”’, China Daily, 30 April."
        );
    }

    #[test]
    fn the_original_publication_closes_the_entry() {
        assert_eq!(
            format(&adapted()),
            "[Report on national social organizations in poverty alleviation (adapted from X)] \
             (no date). Originally published 26 August 2019."
        );
    }

    #[test]
    fn letters_follow_the_year() {
        let place = Place {
            letter: Some("a".into()),
            ..Place::default()
        };
        assert!(super::format(&full(), &place).starts_with("Li, L. (2019a) ‘NGOs"));
        let mut s = full();
        s.published = None;
        assert!(super::format(&s, &place).starts_with("Li, L. (no date a) ‘NGOs"));
    }
}
