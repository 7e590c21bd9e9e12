//! Chicago Manual of Style 17th edition, notes and bibliography, for a newspaper article.
//!
//! Bibliography: `Li Lei. “Title in Headline Style.” China Daily, April 30, 2019.`
//! Note: `Li Lei, “Title in Headline Style,” China Daily, April 30, 2019.`
//!
//! `cite` gives the bibliography entry: it is the one form a paper needs for every source, and a
//! single entry pastes cleanly; the footnote form is [`note`]. A family-first name is not
//! inverted (CMOS 8.14, "Li Lei", no comma). An unsigned article is listed under the newspaper's
//! name in the bibliography (CMOS 14.207); with no newspaper either, the title comes first. An
//! untitled source gets a plain descriptive phrase, no date gives "n.d.". A quotation inside the
//! title takes single marks and an apostrophe is `’`. The original of a translated or adapted
//! work is dated after the facts of publication, as Chicago gives an original for translations
//! and reprints: "Originally published August 26, 2019." In a bibliography, an author repeated
//! from the entry above is replaced by a 3-em dash (CMOS 14.68).

use super::Place;
use super::author::{Author, authors};
use super::quotes::{Outer, inner};
use super::text::{description, outlet, punct, title, title_case};
use crate::data::model::{PartialDate, Source};

/// The bibliography entry.
pub(super) fn bibliography(source: &Source, place: &Place) -> String {
    let when = published(source);
    let what = what(source, '.');
    let lead = |name: String| {
        if place.repeated {
            "———.".to_string()
        } else {
            punct(&name, '.')
        }
    };
    let entry = match (names(source), outlet(source)) {
        (Some(n), o) => format!("{} {what} {}", lead(n), tail(o, &when)),
        (None, Some(o)) => format!("{} {what} {}", lead(o), punct(&when, '.')),
        (None, None) => format!("{what} {}", punct(&when, '.')),
    };
    match source.originally_published {
        Some(d) => format!("{entry} Originally published {}.", date(Some(d))),
        None => entry,
    }
}

/// The first (full) footnote, without its number: `Li Lei, “Title,” China Daily, April 30, 2019.`
pub fn note(source: &Source) -> String {
    let what = what(source, ',');
    let tail = tail(outlet(source), &published(source));
    match names(source) {
        Some(n) => format!("{n}, {what} {tail}"),
        None => format!("{what} {tail}"),
    }
}

/// "China Daily, April 30, 2019." or "2020."
fn tail(outlet: Option<String>, date: &str) -> String {
    match outlet {
        Some(o) => format!("{o}, {}", punct(date, '.')),
        None => punct(date, '.'),
    }
}

/// The title in headline style and in quotes, `mark` inside them; or the plain description.
fn what(source: &Source, mark: char) -> String {
    match title(source) {
        Some(t) => format!(
            "“{}”",
            inner(&t, Outer::Double).map(title_case).with_mark(mark)
        ),
        None => punct(&description(source), mark),
    }
}

/// "Li Lei", "Li Lei and Wang Fang", "Li Lei, Wang Fang, and Zhao Min".
fn names(source: &Source) -> Option<String> {
    let names: Vec<String> = authors(source).iter().map(Author::as_printed).collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [a, b] => Some(format!("{a} and {b}")),
        [rest @ .., last] => Some(format!("{}, and {last}", rest.join(", "))),
    }
}

/// The publication date; one the article does not print but the data infers is bracketed,
/// "[2020]", as CMOS 17 brackets facts of publication supplied from outside the work.
fn published(source: &Source) -> String {
    match date(source.published) {
        d if source.published_inferred && source.published.is_some() => format!("[{d}]"),
        d => d,
    }
}

/// "March 13, 2024", "April 2019", "2020" or "n.d.".
fn date(date: Option<PartialDate>) -> String {
    match date {
        None => "n.d.".to_string(),
        Some(d) => match (d.month_name(), d.day) {
            (Some(m), Some(day)) => format!("{m} {day}, {}", d.year),
            (Some(m), None) => format!("{m} {}", d.year),
            _ => d.year.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{adapted, bare, full};
    use super::*;

    fn bibliography(source: &Source) -> String {
        super::bibliography(source, &Place::default())
    }

    #[test]
    fn full_entry_and_note() {
        let s = full();
        let title = "“NGOs Foster Goodwill, Emotional Ties along Belt, Road";
        assert_eq!(
            bibliography(&s),
            format!("Li Lei. {title}.” China Daily, April 30, 2019.")
        );
        assert_eq!(
            note(&s),
            format!("Li Lei, {title},” China Daily, April 30, 2019.")
        );
    }

    #[test]
    fn unsigned_article_is_listed_under_the_newspaper() {
        let mut s = full();
        s.authors.clear();
        s.title = Some("Is it over?".into());
        assert_eq!(
            bibliography(&s),
            "China Daily. “Is It Over?” April 30, 2019."
        );
        assert_eq!(note(&s), "“Is It Over?” China Daily, April 30, 2019.");
    }

    #[test]
    fn untitled_undated_source_gets_a_description_and_nd() {
        let s = bare("National social organizations in poverty alleviation");
        let d = "Report on national social organizations in poverty alleviation";
        assert_eq!(bibliography(&s), format!("{d}. n.d."));
        assert_eq!(note(&s), format!("{d}, n.d."));
        let mut s = s;
        s.published = PartialDate::parse("2022").ok();
        assert_eq!(bibliography(&s), format!("{d}. 2022."));
    }

    #[test]
    fn apostrophes_and_quotations_in_the_title_are_curly_and_nested() {
        let mut s = full();
        s.title = Some("China's NGOs back \"common prosperity\"".into());
        assert_eq!(
            bibliography(&s),
            "Li Lei. “China’s NGOs Back ‘Common Prosperity.’” China Daily, April 30, 2019."
        );
        assert_eq!(
            note(&s),
            "Li Lei, “China’s NGOs Back ‘Common Prosperity,’” China Daily, April 30, 2019."
        );
    }

    #[test]
    fn the_original_publication_closes_the_entry() {
        assert_eq!(
            bibliography(&adapted()),
            "Report on national social organizations in poverty alleviation (adapted from X). \
             n.d. Originally published August 26, 2019."
        );
    }

    #[test]
    fn a_repeated_author_becomes_a_three_em_dash() {
        let place = Place {
            repeated: true,
            ..Place::default()
        };
        assert!(super::bibliography(&full(), &place).starts_with("———. “NGOs Foster"));
    }
}
