//! Harvard, as Cite Them Right gives it for a newspaper article:
//! `Li, L. (2019) ‘Title as printed’, China Daily, 30 April.`
//!
//! An unsigned article is listed under the newspaper's name; with no newspaper either, the
//! title takes the author position. An untitled source gets a bracketed description, no date
//! gives "(no date)". Nothing follows the day and month: no page, no URL, no access date is
//! known.

use super::{Author, authors, description, outlet, punct, title};
use crate::model::Source;

pub(super) fn format(source: &Source) -> String {
    let what = match title(source) {
        Some(t) => format!("‘{t}’"),
        None => format!("[{}]", description(source)),
    };
    let year = match source.published {
        Some(d) => format!("({})", d.year),
        None => "(no date)".to_string(),
    };
    let outlet = outlet(source);
    let (lead, rest) = match (names(source), outlet) {
        (Some(n), o) => (format!("{n} {year} {what}"), o),
        (None, Some(o)) => (format!("{o} {year} {what}"), None),
        (None, None) => (format!("{what} {year}"), None),
    };
    let tail: Vec<String> = [rest, day_month(source)].into_iter().flatten().collect();
    if tail.is_empty() {
        punct(&lead, '.')
    } else {
        format!("{lead}, {}", punct(&tail.join(", "), '.'))
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
    use super::super::tests::{bare, full};
    use super::*;
    use crate::model::PartialDate;

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
}
