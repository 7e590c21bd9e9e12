//! `ngo-atlas check --claims`: finds sentences of names and summaries that say more than the
//! record's evidence, the defect a curator cannot find by eye in a large dataset.
//!
//! A sentence's claims are its names (capitalized words inside it, acronyms, words in another
//! script), its numbers and dates, and its qualifiers ("all", "first", "yearly", "capital"...).
//! Each must appear, in the loose form [`words::key`] gives, in the record's quotes, in the name or
//! quotes of a record linked to it either way (its sources' names give their years), among its
//! own dates, or where it marks public knowledge: a field it lists in `public_knowledge` (the
//! aliases, the type; a listed `name` or `summary` is not checked at all) or a sentence of its
//! notes that says "public knowledge". A source, which has no quotes, rests on its title, outlet,
//! authors, the records that quote it and, with `--articles`, its article. What is found nowhere
//! is reported, marked, as a warning: a lead for a curator, not a proof.

mod evidence;
pub mod render;
pub mod words;

use super::places::{Location, Places};
use crate::data::index::Index;
use crate::data::record::Record;
use crate::ingest::load::DataFile;
use crate::text::sanitize;
use evidence::{Evidence, hash, linked, own};
use std::fmt::Write;
use std::ops::Range;
use std::path::Path;

/// A sentence with words that nothing the record rests on says.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub at: Location,
    pub record: String,
    /// `name` or `summary`.
    pub field: &'static str,
    pub sentence: String,
    /// The words not found, as byte ranges of `sentence`.
    pub marks: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub records: usize,
    pub sentences: usize,
    pub claims: Vec<Claim>,
}

impl Claim {
    /// The words not found, as written.
    pub fn words(&self) -> Vec<&str> {
        self.marks
            .iter()
            .map(|m| &self.sentence[m.clone()])
            .collect()
    }

    /// `file:line:col: record: warning: …`, then the sentence with the words marked.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let head = format!(
            "{}:{}:{}: {}: warning: {} says what no quote or linked record does: {}",
            self.at.file,
            self.at.line,
            self.at.col,
            self.record,
            self.field,
            self.words().join(", ")
        );
        let _ = writeln!(out, "{}", sanitize::line(&head));
        for (text, marks) in render::marked(&self.sentence, &self.marks) {
            let _ = writeln!(out, "    {text}");
            if !marks.is_empty() {
                let _ = writeln!(out, "    {marks}");
            }
        }
        out
    }
}

impl Report {
    /// Every warning, for standard error.
    pub fn problems(&self) -> String {
        self.claims.iter().map(Claim::describe).collect()
    }

    /// One line for standard output.
    pub fn summary(&self) -> String {
        let n = self.claims.len();
        format!(
            "claims: {} sentences of names and summaries in {} records checked against their evidence; {}\n",
            self.sentences,
            self.records,
            match n {
                0 => "every claim found".to_string(),
                1 => "1 warning".to_string(),
                n => format!("{n} warnings"),
            }
        )
    }
}

/// Checks every record's name and summary. `files` gives the data files, read only to say where
/// a warning is; `articles`, when given, is the folder of the sources' article texts.
pub fn check(index: &Index, files: &dyn Fn() -> Vec<DataFile>, articles: Option<&Path>) -> Report {
    let article = |r: &Record| -> Option<String> {
        let (Record::Source(s), Some(dir)) = (r, articles) else {
            return None;
        };
        super::read_article(dir, s.text_file.as_deref()?).ok()
    };
    let evidence = Evidence::new(index, &article);
    let mut places = Places::new(files);
    let mut report = Report::default();
    for i in 0..index.len() {
        let r = index.record(i);
        report.records += 1;
        let mut context = Context {
            index,
            evidence: &evidence,
            record: i,
            own: None,
            linked: None,
        };
        let listed = |f: &str| r.public_knowledge().iter().any(|p| p == f);
        for (field, key, text) in [
            ("name", "name:", r.name()),
            ("summary", "summary:", r.summary()),
        ] {
            if listed(field) {
                continue;
            }
            let sentences = if field == "name" {
                std::iter::once(0..text.len()).collect()
            } else {
                words::sentences(text)
            };
            for s in sentences {
                report.sentences += 1;
                let sentence = &text[s];
                let marks = context.unsupported(sentence);
                if let Some(first) = marks.first() {
                    report.claims.push(Claim {
                        at: places.word(r.kind(), r.id().as_str(), key, sentence, first.clone()),
                        record: r.id().to_string(),
                        field,
                        sentence: sentence.to_string(),
                        marks,
                    });
                }
            }
        }
    }
    report
}

/// One record's evidence, gathered as far as its words need.
struct Context<'a> {
    index: &'a Index,
    evidence: &'a Evidence,
    record: usize,
    own: Option<rustc_hash::FxHashSet<u64>>,
    linked: Option<Linked>,
}

/// The records linked to one: a few are searched one by one; the words of many (a hub with
/// thousands of links) are gathered once, so that no word costs a search per link.
enum Linked {
    Few(Vec<usize>),
    Many(rustc_hash::FxHashSet<u64>),
}

/// Links past which a record's linked words are gathered into one set.
const FEW: usize = 64;

impl Context<'_> {
    /// The byte ranges of the sentence's claims found nowhere.
    fn unsupported(&mut self, sentence: &str) -> Vec<Range<usize>> {
        let name = |k: &str| self.evidence.written_as_name(k);
        let claims: Vec<(Range<usize>, u64)> = words::words(sentence)
            .into_iter()
            .filter_map(|w| {
                let k = words::key(w.text);
                words::class(&w, &k, &name)?;
                Some((w.at, hash(&k)))
            })
            .collect();
        claims
            .into_iter()
            .filter(|&(_, h)| !self.supported(h))
            .map(|(at, _)| at)
            .collect()
    }

    fn supported(&mut self, h: u64) -> bool {
        let (index, evidence, i) = (self.index, self.evidence, self.record);
        if evidence.in_quotes(i, h) {
            return true;
        }
        if self
            .own
            .get_or_insert_with(|| own(index.record(i)))
            .contains(&h)
        {
            return true;
        }
        let linked = self.linked.get_or_insert_with(|| {
            let records = linked(index, i);
            if records.len() <= FEW {
                Linked::Few(records)
            } else {
                Linked::Many(evidence.linked_words(&records))
            }
        });
        match linked {
            Linked::Few(records) => records.iter().any(|&j| evidence.in_linked(j, h)),
            Linked::Many(words) => words.contains(&h),
        }
    }
}

#[cfg(test)]
mod tests;
