//! Whole bibliographies: every source behind a set of records, each once, ordered as the style
//! orders its list, with the marks a list needs and a single entry does not.
//!
//! - Order: by what the entry begins with (author; for an unsigned article the newspaper in
//!   Chicago and Harvard, the title elsewhere; an initial "A", "An" or "The" of a title is
//!   ignored), then APA by date with undated works first, Harvard by year with undated works
//!   last, Chicago, MLA and the record formats by title (biblatex's name-title-year), plain text
//!   by date. Ties fall back on the title and then the source id, so the order is total.
//! - APA and Harvard give works of one author in one year letters: "(2019a)", "(2019b)".
//! - Chicago writes an author repeated from the entry above as "———", MLA as "---".
//! - BibLaTeX, RIS and CSL-JSON keys are unique: the first source keeps its key, later ones
//!   take `a`, `b`, … after it.
//!
//! Everything is linear or n log n in the number of records and sources, so a collection of a
//! million records is cited as fast as it is read.

use super::author::{Author, authors};
use super::key::{letters, unique_keys};
use super::text::{description, outlet, title};
use super::{Place, Style, csl_json, format};
use crate::data::index::Index;
use crate::data::model::Source;
use crate::data::record::Record;
use crate::text::sanitize;
use std::cmp::Ordering;
use std::collections::HashSet;

/// A bibliography for a list of record ids, and what could not be found.
#[derive(Debug, Clone, PartialEq)]
pub struct Bibliography {
    /// The entries in the style, ready to print or copy (see [`bibliography`]).
    pub text: String,
    /// How many distinct sources it cites.
    pub sources: usize,
    /// Ids that name no record in the dataset, each once, in the order given (a mark whose
    /// record has left the dataset, say). They are skipped, not fatal.
    pub unknown: Vec<String>,
}

/// The bibliography of the records with these ids: every source behind them (a source record
/// stands for itself), each once. This is what `ngo-atlas cite ID ID…` prints and what a
/// collection of marks copies; a list of record ids is all it needs.
pub fn for_ids<'a>(
    index: &Index,
    ids: impl IntoIterator<Item = &'a str>,
    style: Style,
) -> Bibliography {
    let mut records = Vec::new();
    let mut unknown = Vec::new();
    let mut missing = HashSet::new();
    for id in ids {
        match index.get(id) {
            Some(i) => records.push(i),
            None if missing.insert(id) => unknown.push(id.to_string()),
            None => {}
        }
    }
    let sources = sources_of(index, &records);
    Bibliography {
        text: sanitize::for_clipboard(&bibliography(&sources, style)),
        sources: sources.len(),
        unknown,
    }
}

/// The bibliography of the records at these positions in the index, as [`for_ids`] makes it.
pub fn for_records(index: &Index, records: &[usize], style: Style) -> String {
    sanitize::for_clipboard(&bibliography(&sources_of(index, records), style))
}

/// The sources behind `records`, each once, in the order first met: a source record is its own
/// source; any other record contributes the sources of its quotes. Positions outside the index
/// and references to missing sources are skipped.
pub fn sources_of<'a>(index: &'a Index, records: &[usize]) -> Vec<&'a Source> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut add = |i: usize, out: &mut Vec<&'a Source>| {
        if let Record::Source(s) = index.record(i)
            && seen.insert(i)
        {
            out.push(s);
        }
    };
    for &r in records.iter().filter(|&&r| r < index.len()) {
        match index.record(r) {
            Record::Source(_) => add(r, &mut out),
            record => {
                for quote in record.sources() {
                    if let Some(i) = index.resolve(&quote.source) {
                        add(i, &mut out);
                    }
                }
            }
        }
    }
    out
}

/// One bibliography of `sources` in `style`: each source once (by id), ordered as the style
/// requires, with year letters, repeated-author dashes and unique keys where the style has them.
/// One-line styles put one entry a line, with no newline after the last; BibLaTeX and RIS
/// separate entries by a blank line; CSL-JSON is one array. No sources give an empty text (an
/// empty array in CSL-JSON).
pub fn bibliography(sources: &[&Source], style: Style) -> String {
    match style {
        Style::CslJson => csl_json::array(&keys(sources, style)),
        Style::Biblatex | Style::Ris => keys(sources, style)
            .into_iter()
            .map(|(s, key)| {
                let place = Place {
                    key: Some(key),
                    ..Place::default()
                };
                format(s, style, &place)
            })
            .collect::<Vec<_>>()
            .join("\n"),
        _ => {
            let entries = ordered(sources, style);
            let places = places(style, &entries);
            entries
                .iter()
                .zip(places)
                .map(|(e, place)| format(e.source, style, &place))
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

/// The entries of `sources`, each source once (by id), in the style's order.
fn ordered<'a>(sources: &[&'a Source], style: Style) -> Vec<Entry<'a>> {
    let mut ids = HashSet::new();
    let mut entries: Vec<Entry> = sources
        .iter()
        .filter(|s| ids.insert(&s.id))
        .map(|s| Entry::new(s, style))
        .collect();
    entries.sort_by(|a, b| order(style, a, b));
    entries
}

/// Each source's key exactly as [`bibliography`] gives it in `style` (BibLaTeX, RIS and
/// CSL-JSON have keys), in the bibliography's order: for a text that cites the entries of a
/// bibliography written beside it (a memo's `[@key]`).
pub fn keys<'a>(sources: &[&'a Source], style: Style) -> Vec<(&'a Source, String)> {
    let ordered: Vec<&Source> = ordered(sources, style).iter().map(|e| e.source).collect();
    let keys = unique_keys(&ordered);
    ordered.into_iter().zip(keys).collect()
}

/// What an entry begins with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    Names,
    Outlet,
    Title,
}

/// A source with what its place in the list depends on, computed once.
struct Entry<'a> {
    source: &'a Source,
    lead: Lead,
    /// The leading element as written, for "same author" and its folded form for sorting.
    leader: String,
    leader_key: String,
    title_key: String,
}

impl<'a> Entry<'a> {
    fn new(source: &'a Source, style: Style) -> Entry<'a> {
        let heading = title(source).unwrap_or_else(|| description(source));
        let names: Vec<String> = authors(source)
            .iter()
            .map(|a| match a {
                Author::Person { family, given } => format!("{family}, {given}"),
                Author::Literal(n) => n.clone(),
            })
            .collect();
        let under_outlet = matches!(style, Style::Chicago | Style::Harvard | Style::Plain);
        let (lead, leader) = match (outlet(source), names.is_empty()) {
            (Some(o), _) if style == Style::Plain => (Lead::Outlet, o),
            (_, false) if style != Style::Plain => (Lead::Names, names.join("; ")),
            (Some(o), true) if under_outlet => (Lead::Outlet, o),
            _ => (Lead::Title, heading.clone()),
        };
        Entry {
            source,
            lead,
            leader_key: fold(&leader, lead == Lead::Title),
            leader,
            title_key: fold(&heading, true),
        }
    }

    /// Year, month and day; unknown parts sort first.
    fn date(&self) -> (i32, u8, u8) {
        self.source.published.map_or((0, 0, 0), |d| {
            (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0))
        })
    }
}

/// The form entries are alphabetized by: lower case, letters, digits and single spaces only
/// (punctuation, brackets and apostrophes do not count, so "China's" and "China’s" sort alike and
/// "Brown" comes before "Browning"), and for a title without an initial article.
fn fold(s: &str, title: bool) -> String {
    let kept: String = s
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<&str> = kept.split_whitespace().collect();
    let skip = usize::from(title && words.len() > 1 && matches!(words[0], "a" | "an" | "the"));
    words[skip..].join(" ")
}

fn order(style: Style, a: &Entry, b: &Entry) -> Ordering {
    let by_lead = a.leader_key.cmp(&b.leader_key);
    let dated = |e: &Entry| e.source.published.is_some();
    let rest = match style {
        // APA 7, 9.46–9.47: undated works first, then by date; then by title.
        Style::Apa => dated(a)
            .cmp(&dated(b))
            .then(a.date().cmp(&b.date()))
            .then(a.title_key.cmp(&b.title_key)),
        // Cite Them Right: by year (undated last), then by title.
        Style::Harvard => dated(b)
            .cmp(&dated(a))
            .then(a.date().0.cmp(&b.date().0))
            .then(a.title_key.cmp(&b.title_key)),
        Style::Plain => a.date().cmp(&b.date()).then(a.title_key.cmp(&b.title_key)),
        // Chicago and MLA list one author's works by title; biblatex sorts name, title, year.
        _ => a.title_key.cmp(&b.title_key).then(a.date().cmp(&b.date())),
    };
    by_lead
        .then(rest)
        .then_with(|| a.source.id.cmp(&b.source.id))
}

/// Year letters (APA, Harvard) and repeated-author dashes (Chicago, MLA) for sorted entries.
fn places(style: Style, entries: &[Entry]) -> Vec<Place> {
    let mut places = vec![Place::default(); entries.len()];
    let same_leader = |a: &Entry, b: &Entry| a.lead == b.lead && a.leader == b.leader;
    match style {
        Style::Apa | Style::Harvard => {
            let year = |e: &Entry| e.source.published.map(|d| d.year);
            let mut start = 0;
            while start < entries.len() {
                let mut end = start + 1;
                while end < entries.len()
                    && same_leader(&entries[start], &entries[end])
                    && year(&entries[start]) == year(&entries[end])
                {
                    end += 1;
                }
                if end - start > 1 {
                    for (n, place) in places[start..end].iter_mut().enumerate() {
                        place.letter = Some(letters(n));
                    }
                }
                start = end;
            }
        }
        Style::Chicago | Style::Mla => {
            let dashed = |e: &Entry| {
                e.lead == Lead::Names || (style == Style::Chicago && e.lead == Lead::Outlet)
            };
            for i in 1..entries.len() {
                let (prev, this) = (&entries[i - 1], &entries[i]);
                places[i].repeated = dashed(this) && same_leader(prev, this);
            }
        }
        _ => {}
    }
    places
}

#[cfg(test)]
mod tests {
    use super::super::tests::{bare, full};
    use super::*;
    use crate::data::model::{Id, PartialDate};

    fn source(id: &str, outlet: Option<&str>, title: Option<&str>, date: Option<&str>) -> Source {
        let mut s = bare(&format!("{} source", id));
        s.id = Id::from(id);
        s.outlet = outlet.map(Into::into);
        s.title = title.map(String::from);
        s.published = date.and_then(|d| PartialDate::parse(d).ok());
        s
    }

    #[test]
    fn folding_ignores_punctuation_case_and_articles() {
        assert_eq!(fold("China’s NGOs", true), fold("China's NGOs", true));
        assert_eq!(fold("[Report on X]", true), "report on x");
        assert_eq!(fold("The  Economist", true), "economist");
        assert_eq!(fold("The", true), "the");
        assert_eq!(fold("The Economist", false), "the economist");
        assert!(fold("Brown, J.", false) < fold("Browning, A.", false));
    }

    #[test]
    fn each_source_once_whatever_the_input_repeats() {
        let a = full();
        let out = bibliography(&[&a, &a, &a], Style::Apa);
        assert_eq!(out.lines().count(), 1, "{out}");
        let out = bibliography(&[&a, &a], Style::Biblatex);
        assert_eq!(out.matches("@article{").count(), 1, "{out}");
    }

    #[test]
    fn nothing_to_cite_is_empty_or_an_empty_array() {
        assert_eq!(bibliography(&[], Style::Apa), "");
        assert_eq!(bibliography(&[], Style::Ris), "");
        assert_eq!(bibliography(&[], Style::CslJson), "[]\n");
    }

    #[test]
    fn titles_sort_without_their_article_and_brackets() {
        let a = source("a", None, Some("The zebra report"), Some("2020"));
        let b = source("b", None, Some("An apple a day"), Some("2020"));
        let c = source("c", None, None, Some("2020"));
        let out = bibliography(&[&a, &b, &c], Style::Mla);
        let firsts: Vec<String> = out.lines().map(|l| l.chars().take(6).collect()).collect();
        // "apple", "report on c source", "zebra"
        assert_eq!(firsts, ["“An Ap", "Report", "“The Z"], "{out}");
    }

    #[test]
    fn apa_puts_undated_works_first_and_letters_one_authors_year() {
        let mut a = full();
        a.id = Id::from("a");
        let mut b = full();
        b.id = Id::from("b");
        b.title = Some("Second story".into());
        b.published = PartialDate::parse("2019-05-02").ok();
        let mut c = full();
        c.id = Id::from("c");
        c.published = None;
        let out = bibliography(&[&b, &a, &c], Style::Apa);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("Li, L. (n.d.). NGOs"), "{out}");
        assert!(
            lines[1].starts_with("Li, L. (2019a, April 30). NGOs"),
            "{out}"
        );
        assert!(
            lines[2].starts_with("Li, L. (2019b, May 2). Second"),
            "{out}"
        );
        let out = bibliography(&[&b, &a, &c], Style::Harvard);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("Li, L. (2019a) ‘NGOs"), "{out}");
        assert!(lines[1].starts_with("Li, L. (2019b) ‘Second"), "{out}");
        assert!(lines[2].starts_with("Li, L. (no date) ‘NGOs"), "{out}");
    }

    #[test]
    fn chicago_and_mla_dash_a_repeated_author_and_order_by_title() {
        let mut a = full();
        a.id = Id::from("a");
        let mut b = full();
        b.id = Id::from("b");
        b.title = Some("Another story".into());
        let out = bibliography(&[&a, &b], Style::Chicago);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("Li Lei. “Another Story.”"), "{out}");
        assert!(lines[1].starts_with("———. “NGOs Foster"), "{out}");
        let out = bibliography(&[&a, &b], Style::Mla);
        assert!(
            out.lines().nth(1).unwrap().starts_with("---. “NGOs"),
            "{out}"
        );
        // Unsigned articles: Chicago lists them under the newspaper, MLA under the title.
        let x = source("x", Some("Xinhua"), Some("One"), Some("2024"));
        let y = source("y", Some("Xinhua"), Some("Two"), Some("2024"));
        let out = bibliography(&[&y, &x], Style::Chicago);
        assert_eq!(out, "Xinhua. “One.” 2024.\n———. “Two.” 2024.");
        let out = bibliography(&[&y, &x], Style::Mla);
        assert_eq!(out, "“One.” Xinhua, 2024.\n“Two.” Xinhua, 2024.");
        let out = bibliography(&[&y, &x], Style::Harvard);
        assert_eq!(out, "Xinhua (2024a) ‘One’.\nXinhua (2024b) ‘Two’.");
    }

    #[test]
    fn keys_collide_into_letters_in_list_order() {
        let mut a = full();
        a.id = Id::from("a");
        let mut b = full();
        b.id = Id::from("b");
        b.title = Some("NGOs once more".into());
        let out = bibliography(&[&b, &a], Style::Biblatex);
        let keys: Vec<&str> = out
            .lines()
            .filter_map(|l| l.strip_prefix("@article{"))
            .collect();
        assert_eq!(keys, ["chinadaily2019ngos,", "chinadaily2019ngosa,"]);
        assert!(out.contains("}\n\n@article{"), "{out}");
        let out = bibliography(&[&b, &a], Style::Ris);
        assert!(out.contains("ID  - chinadaily2019ngos\n"), "{out}");
        assert!(out.contains("ID  - chinadaily2019ngosa\n"), "{out}");
        assert!(out.contains("ER  - \n\nTY  - NEWS"), "{out}");
    }
}
