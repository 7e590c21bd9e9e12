//! MLA 9 works-cited entry for a newspaper article:
//! `Li Lei. “Title in Title Case.” China Daily, 30 Apr. 2019.`
//!
//! A family-first name is not inverted and takes no comma ("Li Lei"). Without an author the
//! entry begins with the title; an untitled source gets a plain description, neither quoted nor
//! italicized. MLA has no "n.d.": an unknown date is simply left out, as is an unknown outlet.

use super::{Author, authors, description, outlet, punct, title, title_case};
use crate::model::Source;

pub(super) fn format(source: &Source) -> String {
    let mut parts = Vec::new();
    if let Some(names) = names(source) {
        parts.push(punct(&names, '.'));
    }
    parts.push(match title(source) {
        Some(t) => format!("“{}”", punct(&title_case(&t), '.')),
        None => punct(&description(source), '.'),
    });
    let container: Vec<String> = [outlet(source), date(source)]
        .into_iter()
        .flatten()
        .collect();
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
fn date(source: &Source) -> Option<String> {
    let d = source.published?;
    Some(match (d.month_mla(), d.day) {
        (Some(m), Some(day)) => format!("{day} {m} {}", d.year),
        (Some(m), None) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{bare, full};
    use super::*;
    use crate::model::PartialDate;

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
}
