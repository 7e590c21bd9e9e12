//! RIS record of type `NEWS`, one tag a line, ending with `ER  - `.
//!
//! The title goes in `TI` only (not `T1` as well: importers that read both may keep it twice),
//! the newspaper in `T2`, as Zotero and EndNote read newspaper records; `DA` is
//! `YYYY/MM/DD/` with unknown parts left empty (`2020///`). An untitled source gets a bracketed
//! description as its title. Lines end with `\n`, never `\r`.

use super::{Author, authors, clean, description, key, outlet, title};
use crate::model::Source;

pub(super) fn format(source: &Source) -> String {
    let mut tags: Vec<(&str, String)> = vec![("TY", "NEWS".into()), ("ID", key(source))];
    for author in authors(source) {
        tags.push(("AU", name(&author)));
    }
    let title = title(source).unwrap_or_else(|| format!("[{}]", description(source)));
    tags.push(("TI", title));
    if let Some(o) = outlet(source) {
        tags.push(("T2", o));
    }
    if let Some(s) = source
        .section
        .as_deref()
        .map(clean)
        .filter(|s| !s.is_empty())
    {
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
    let language = clean(&source.language);
    if !language.is_empty() {
        tags.push(("LA", language));
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
    use super::super::tests::{bare, full};
    use super::*;
    use crate::model::PartialDate;

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
}
