//! MLA Handbook 9th edition, works-cited entry for a newspaper article:
//! `Li Lei. “Title in Title Case.” China Daily, 30 Apr. 2019.`
//!
//! A family-first name is not inverted and takes no comma ("Li Lei"). Without an author the
//! entry begins with the title; an untitled source gets a plain description, neither quoted nor
//! italicized. MLA has no "n.d.": an unknown date is simply left out, as is an unknown outlet.
//! A quotation inside the title takes single marks and an apostrophe is `’`. The date of an
//! original publication is the optional element that follows the title (MLA 9, 5.108):
//! `Title. 26 Aug. 2019.` In a works-cited list, an author repeated from the entry above is
//! written as three hyphens (`---.`).

use super::Place;
use super::author::{Author, authors};
use super::quotes::{Outer, inner};
use super::text::{description, outlet, punct, title, title_case};
use crate::data::model::{PartialDate, Source};

pub(super) fn format(source: &Source, place: &Place) -> String {
    let mut parts = Vec::new();
    if let Some(names) = names(source) {
        parts.push(if place.repeated {
            "---.".to_string()
        } else {
            punct(&names, '.')
        });
    }
    parts.push(match title(source) {
        Some(t) => format!(
            "“{}”",
            inner(&t, Outer::Double).map(title_case).with_mark('.')
        ),
        None => punct(&description(source), '.'),
    });
    if let Some(original) = source.originally_published {
        parts.push(punct(&date(original), '.'));
    }
    // A date the article does not print is supplied information: MLA 9 brackets it, "[2020]".
    let published = source.published.map(|d| match date(d) {
        d if source.published_inferred => format!("[{d}]"),
        d => d,
    });
    let container: Vec<String> = [outlet(source), published].into_iter().flatten().collect();
    if !container.is_empty() {
        parts.push(punct(&container.join(", "), '.'));
    }
    parts.join(" ")
}

/// "Li Lei", "Li Lei and Wang Fang", "Li Lei et al." (MLA names one or two authors).
fn names(source: &Source) -> Option<String> {
    let names: Vec<String> = authors(source).iter().map(Author::as_printed).collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [a, b] => Some(format!("{a} and {b}")),
        [first, ..] => Some(format!("{first} et al.")),
    }
}

/// "13 Mar. 2024", "June 2019", "2020".
fn date(d: PartialDate) -> String {
    match (d.month_mla(), d.day) {
        (Some(m), Some(day)) => format!("{day} {m} {}", d.year),
        (Some(m), None) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{adapted, bare, full};
    use super::*;

    fn format(source: &Source) -> String {
        super::format(source, &Place::default())
    }

    #[test]
    fn full_entry() {
        assert_eq!(
            format(&full()),
            "Li Lei. “NGOs Foster Goodwill, Emotional Ties along Belt, Road.” China Daily, 30 Apr. 2019."
        );
    }

    #[test]
    fn no_author_starts_with_the_title_and_long_months_are_cut() {
        let mut s = full();
        s.authors.clear();
        s.published = PartialDate::parse("2023-09-05").ok();
        assert_eq!(
            format(&s),
            "“NGOs Foster Goodwill, Emotional Ties along Belt, Road.” China Daily, 5 Sept. 2023."
        );
    }

    #[test]
    fn untitled_undated_source_is_a_bare_description() {
        let s = bare("16th ASEAN-China Forum (2022)");
        assert_eq!(format(&s), "Report on the 16th ASEAN-China Forum.");
    }

    #[test]
    fn apostrophes_are_curly_inside_the_quotes() {
        let mut s = full();
        s.authors.clear();
        s.title = Some("China's NGOs help promote rights".into());
        assert_eq!(
            format(&s),
            "“China’s NGOs Help Promote Rights.” China Daily, 30 Apr. 2019."
        );
    }

    #[test]
    fn the_original_date_follows_the_title() {
        assert_eq!(
            format(&adapted()),
            "Report on national social organizations in poverty alleviation (adapted from X). \
             26 Aug. 2019."
        );
    }

    #[test]
    fn a_repeated_author_becomes_three_hyphens() {
        let place = Place {
            repeated: true,
            ..Place::default()
        };
        assert!(super::format(&full(), &place).starts_with("---. “NGOs Foster"));
    }
}
