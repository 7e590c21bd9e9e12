//! Checks across records: ids, links and their kinds, sources and quotes, dates and numbers.

use crate::data::dataset::{FileText, Origin, Problem};
use crate::data::limits::{MAX_ID_BYTES, MAX_PROBLEMS};
use crate::data::model::Kind;
use crate::data::record::Record;
use rustc_hash::FxHashMap as HashMap;

/// Is `s` a kebab-case slug: lower-case ASCII letters and digits in dash-separated words?
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

struct Reporter<'a> {
    files: &'a [FileText<'a>],
    problems: Vec<Problem>,
    /// Problems past `MAX_PROBLEMS`, counted but neither located nor listed: a dataset with a
    /// mistake in every record must still be checked in moments.
    more: usize,
    /// Where the first of those is, found without searching the record's text.
    first_skipped: Option<Problem>,
    /// What is left of the work allowed for "did you mean" hints, in character comparisons.
    hint_budget: usize,
}

impl<'a> Reporter<'a> {
    fn new(files: &'a [FileText<'a>]) -> Self {
        Reporter {
            files,
            problems: Vec::new(),
            more: 0,
            first_skipped: None,
            hint_budget: 100_000_000,
        }
    }

    fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    /// "Did you mean" candidates, while the budget lasts.
    fn closest<'b>(&mut self, wanted: &str, ids: impl Iterator<Item = &'b str>) -> Vec<&'b str> {
        if self.full() || self.hint_budget == 0 {
            return Vec::new();
        }
        let ids: Vec<&str> = ids.collect();
        let cost = ids
            .len()
            .saturating_mul(wanted.len().clamp(1, MAX_ID_BYTES) * 32);
        self.hint_budget = self.hint_budget.saturating_sub(cost);
        closest(wanted, ids.into_iter())
    }

    /// Reports at the first place `needle` occurs inside the record's text (a field name or a
    /// value), or at the record's start when it cannot be found.
    fn at(&mut self, record: &Record, origin: &Origin, needle: &str, message: String) {
        if self.full() {
            self.more += 1;
            self.first_skipped.get_or_insert_with(|| Problem {
                file: self.files[origin.file].name.to_string(),
                line: origin.line,
                col: 1,
                record: Some(shown_id(record)),
                message: String::new(),
            });
            return;
        }
        let file = &self.files[origin.file];
        let (line, col) = locate(file.text, origin, needle);
        self.problems.push(Problem {
            file: file.name.to_string(),
            line,
            col,
            record: Some(shown_id(record)),
            message,
        });
    }

    /// Takes in another reporter's problems, in order, keeping to the limit.
    fn append(&mut self, other: Reporter) {
        for p in other.problems {
            if self.full() {
                self.more += 1;
                self.first_skipped.get_or_insert(p);
            } else {
                self.problems.push(p);
            }
        }
        self.more += other.more;
        if self.first_skipped.is_none() {
            self.first_skipped = other.first_skipped;
        }
    }

    /// The problems, ending with how many more there are if some were not listed.
    fn finish(mut self) -> Vec<Problem> {
        if let Some(mut last) = self.first_skipped.take().filter(|_| self.more > 0) {
            last.col = 1;
            last.message = format!(
                "and {} more problems from here on, not listed: fix these first",
                self.more
            );
            self.problems.push(last);
        }
        self.problems
    }
}

/// A record's id as problems name it: cut short if it is too long to be a real one.
fn shown_id(record: &Record) -> String {
    let id = record.id().as_str();
    match id.char_indices().nth(MAX_ID_BYTES) {
        Some((end, _)) => format!("{}…", &id[..end]),
        None => id.to_string(),
    }
}

fn locate(text: &str, origin: &Origin, needle: &str) -> (usize, usize) {
    let span = text.get(origin.span.clone()).unwrap_or("");
    let found = (!needle.is_empty())
        .then(|| {
            span.match_indices(needle).map(|(i, _)| i).find(|&i| {
                // A whole token: not part of a longer id.
                let before = span[..i].chars().next_back();
                let after = span[i + needle.len()..].chars().next();
                let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
                !part(before) && !part(after)
            })
        })
        .flatten();
    match found {
        Some(i) => {
            let before = &span[..i];
            let line = origin.line + before.matches('\n').count();
            let col = 1 + before.rsplit('\n').next().unwrap_or("").chars().count();
            (line, col)
        }
        None => (origin.line, 1),
    }
}

/// Ids closest to `wanted`, for "did you mean" hints.
pub fn closest<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    crate::text::closest::closest(wanted, ids, MAX_ID_BYTES)
}

/// Each id's kind and the position of the record that has it.
type Kinds<'a> = HashMap<&'a str, (Kind, usize)>;

pub fn validate(records: &[Record], origins: &[Origin], files: &[FileText]) -> Vec<Problem> {
    let mut r = Reporter::new(files);
    // Keyed by the id's text itself, not the `Id` in its record: one memory access fewer per
    // lookup, and there are millions of lookups in a large dataset.
    let mut kinds: Kinds = HashMap::default();
    kinds.reserve(records.len());
    for (i, (record, origin)) in records.iter().zip(origins).enumerate() {
        let id = record.id();
        if id.as_str().len() > MAX_ID_BYTES {
            r.at(
                record,
                origin,
                "id:",
                format!(
                    "id is {} bytes long; an id may be at most {MAX_ID_BYTES}",
                    id.as_str().len()
                ),
            );
        } else if !is_slug(id.as_str()) {
            r.at(
                record,
                origin,
                id.as_str(),
                format!("id `{id}` is not kebab-case (lower-case letters, digits and dashes)"),
            );
        }
        if let Some(&(_, first)) = kinds.get(id.as_str()) {
            let o = &origins[first];
            let message = format!(
                "duplicate id `{id}`: already used at {}:{}",
                files[o.file].name, o.line
            );
            r.at(record, origin, id.as_str(), message);
        } else {
            kinds.insert(id.as_str(), (record.kind(), i));
        }
    }
    // Each record's links are checked on their own, so a large dataset is split between two
    // threads; the problems keep the records' order.
    let check = |records: &[Record], origins: &[Origin]| -> Reporter {
        let mut r = Reporter::new(files);
        for (record, origin) in records.iter().zip(origins) {
            check_record(&mut r, record, origin);
            check_links(&mut r, &kinds, record, origin);
            check_sources(&mut r, &kinds, record, origin);
        }
        r
    };
    let half = if records.len() >= 50_000 {
        records.len() / 2
    } else {
        records.len()
    };
    let (first, second) = std::thread::scope(|s| {
        let second = s.spawn(|| check(&records[half..], &origins[half..]));
        let first = check(&records[..half], &origins[..half]);
        (
            first,
            second
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    r.append(first);
    r.append(second);
    r.finish()
}

/// Every link of a record names a record of a kind the relation allows.
fn check_links(r: &mut Reporter, kinds: &Kinds, record: &Record, origin: &Origin) {
    let all_ids = || kinds.keys().copied();
    for link in record.links() {
        let field = link.relation.field();
        match kinds.get(link.target.as_str()) {
            None => {
                let hint = r.closest(link.target.as_str(), all_ids());
                let hint = if hint.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean {}?)", quote_list(&hint))
                };
                let message = format!("`{field}` links to unknown id `{}`{hint}", link.target);
                r.at(record, origin, link.target.as_str(), message);
            }
            Some(&(kind, _)) if !link.relation.targets().contains(&kind) => {
                let wanted: Vec<&str> = link.relation.targets().iter().map(|k| k.word()).collect();
                let message = format!(
                    "`{field}` must link to {}, but `{}` is {} {kind}",
                    wanted.join(" or "),
                    link.target,
                    article(kind.word())
                );
                r.at(record, origin, link.target.as_str(), message);
            }
            Some(_) => {}
        }
    }
}

/// A record has sources (but a source), each a source, each with a quote.
fn check_sources(r: &mut Reporter, kinds: &Kinds, record: &Record, origin: &Origin) {
    if record.kind() != Kind::Source && record.sources().is_empty() {
        r.at(
            record,
            origin,
            "",
            "has no sources: every record needs at least one {source, quote}".to_string(),
        );
    }
    for s in record.sources() {
        match kinds.get(s.source.as_str()) {
            None => {
                let sources = kinds
                    .iter()
                    .filter(|(_, (k, _))| *k == Kind::Source)
                    .map(|(id, _)| *id);
                let hint = r.closest(s.source.as_str(), sources);
                let hint = if hint.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean {}?)", quote_list(&hint))
                };
                let message = format!("source `{}` is not defined{hint}", s.source);
                r.at(record, origin, s.source.as_str(), message);
            }
            Some(&(kind, _)) if kind != Kind::Source => {
                let message = format!(
                    "`source` must name a source, but `{}` is {} {kind}",
                    s.source,
                    article(kind.word())
                );
                r.at(record, origin, s.source.as_str(), message);
            }
            Some(_) => {}
        }
        if s.quote.trim().is_empty() {
            r.at(
                record,
                origin,
                "quote:",
                format!("empty quote from source `{}`", s.source),
            );
        }
    }
}

fn quote_list(ids: &[&str]) -> String {
    ids.iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Checks within one record that serde cannot express.
fn check_record(r: &mut Reporter, record: &Record, origin: &Origin) {
    if record.name().trim().is_empty() {
        r.at(record, origin, "name:", "empty `name`".to_string());
    }
    if record.summary().trim().is_empty() {
        r.at(record, origin, "summary:", "empty `summary`".to_string());
    }
    let order = |field: &str, start, end| -> Option<String> {
        match (start, end) {
            (Some(a), Some(b)) if b < a => {
                Some(format!("`{field}` ({b}) is before the start ({a})"))
            }
            _ => None,
        }
    };
    match record {
        Record::Statistic(s) => {
            if !s.value.is_finite() {
                r.at(
                    record,
                    origin,
                    "value:",
                    "`value` must be a finite number".into(),
                );
            }
            if s.unit.trim().is_empty() {
                r.at(record, origin, "unit:", "empty `unit`".to_string());
            }
            if s.measure.trim().is_empty() {
                r.at(record, origin, "measure:", "empty `measure`".to_string());
            }
            if let Some(m) = order("date", s.start, s.date) {
                r.at(record, origin, "date:", m);
            }
        }
        Record::Event(e) => {
            if let Some(m) = order("end", e.date, e.end) {
                r.at(record, origin, "end:", m);
            }
        }
        Record::Programme(p) => {
            if let Some(m) = order("end", p.start, p.end) {
                r.at(record, origin, "end:", m);
            }
        }
        Record::Source(s) if s.published_inferred && s.published.is_none() => {
            r.at(
                record,
                origin,
                "published_inferred:",
                "`published_inferred` is set but there is no `published` date: give the date \
                 worked out from the article, or leave the flag out"
                    .into(),
            );
        }
        Record::Place(p) => {
            if let Some(c) = p.coordinates
                && (!(-90.0..=90.0).contains(&c.lat) || !(-180.0..=180.0).contains(&c.lon))
            {
                let message = format!(
                    "coordinates ({}, {}) are outside -90..90 latitude, -180..180 longitude",
                    c.lat, c.lon
                );
                r.at(record, origin, "coordinates:", message);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("tan-weiping"));
        assert!(is_slug("hrc-45"));
        for bad in ["Tan", "tan_weiping", "-a", "a-", "a--b", "", "中国"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn closest_ids_suggest_typos() {
        let ids = ["tan-weiping", "li-lei", "iprcc"];
        assert_eq!(closest("tan-weipin", ids.into_iter()), vec!["tan-weiping"]);
        assert!(closest("zzzzzzzz", ids.into_iter()).is_empty());
    }
}
