//! RIS record of type `NEWS`, one tag a line, ending with `ER  - `.
//!
//! The title goes in `TI` only (not `T1` as well: importers that read both may keep it twice),
//! the newspaper in `T2`, as Zotero and EndNote read newspaper records; `DA` is
//! `YYYY/MM/DD/` with unknown parts left empty (`2020///`). An untitled source gets a bracketed
//! description as its title and an `N1` note saying it was supplied; the original of an adapted
//! work is dated in `OP` ("original publication"). Lines end with `\n`, never `\r`; every value
//! is one line (line breaks in the data become spaces), so nothing in a field can start a tag or
//! end the record.

use super::Place;
use super::author::{Author, authors};
use super::text::{INFERRED, SUPPLIED, clean, description, outlet, section, title};
use crate::data::model::Source;

pub(super) fn format(source: &Source, place: &Place) -> String {
    let mut tags: Vec<(&str, String)> = vec![("TY", "NEWS".into()), ("ID", place.key(source))];
    for author in authors(source) {
        tags.push(("AU", name(&author)));
    }
    let supplied = match title(source) {
        Some(t) => {
            tags.push(("TI", t));
            false
        }
        None => {
            tags.push(("TI", format!("[{}]", description(source))));
            true
        }
    };
    if let Some(o) = outlet(source) {
        tags.push(("T2", o));
    }
    if let Some(s) = section(source) {
        tags.push(("SE", s));
    }
    if let Some(d) = source.published {
        tags.push(("PY", d.year.to_string()));
        let part = |p: Option<u8>| p.map(|n| format!("{n:02}")).unwrap_or_default();
        tags.push((
            "DA",
            format!("{}/{}/{}/", d.year, part(d.month), part(d.day)),
        ));
    }
    if let Some(d) = source.originally_published {
        tags.push(("OP", d.to_string()));
    }
    let language = clean(&source.language);
    if !language.is_empty() {
        tags.push(("LA", language));
    }
    if supplied {
        tags.push(("N1", SUPPLIED.to_string()));
    }
    if source.published_inferred && source.published.is_some() {
        // RIS has no field for an approximate date: a note says it.
        tags.push(("N1", INFERRED.to_string()));
    }
    let mut out = String::new();
    for (tag, value) in tags {
        out.push_str(&format!("{tag}  - {value}\n"));
    }
    out.push_str("ER  - \n");
    out
}

/// "Li, Lei"; a literal name as printed.
fn name(author: &Author) -> String {
    match author {
        Author::Person { family, given } => format!("{family}, {given}"),
        Author::Literal(n) => n.clone(),
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
    fn full_record() {
        let expected = "TY  - NEWS
ID  - chinadaily2019ngos
AU  - Li, Lei
TI  - NGOs foster goodwill, emotional ties along Belt, Road
T2  - China Daily
SE  - China / Society
PY  - 2019
DA  - 2019/04/30/
LA  - en
ER  - \n";
        assert_eq!(format(&full()), expected);
    }

    #[test]
    fn partial_date_leaves_unknown_parts_empty_and_no_date_no_tags() {
        let mut s = bare("16th ASEAN-China Forum (2022)");
        assert!(!format(&s).contains("PY") && !format(&s).contains("DA"));
        assert!(format(&s).contains("TI  - [Report on the 16th ASEAN-China Forum]\n"));
        s.published = PartialDate::parse("2022").ok();
        assert!(format(&s).contains("PY  - 2022\nDA  - 2022///\n"));
    }

    #[test]
    fn a_supplied_title_is_noted_and_the_original_dated() {
        let out = format(&adapted());
        assert!(
            out.contains("N1  - Untitled; description supplied\n"),
            "{out}"
        );
        assert!(out.contains("OP  - 2019-08-26\n"), "{out}");
        assert!(!format(&full()).contains("N1"));
    }

    #[test]
    fn a_record_end_inside_a_field_stays_inside_its_line() {
        let mut s = full();
        s.title = Some("a\nER  - \nTY  - JOUR\r\nUR  - http://evil.example".into());
        let out = format(&s);
        assert_eq!(out.matches("\nER  - ").count(), 1, "{out}");
        assert!(out.ends_with("\nER  - \n"));
        assert!(
            out.contains("TI  - a ER - TY - JOUR UR - http://evil.example\n"),
            "{out}"
        );
    }
}
