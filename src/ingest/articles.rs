//! Checks every quote of a dataset against the text of the article it cites, the loop a curator
//! runs while building a dataset: `ngo-atlas check --articles DIR`.
//!
//! Each source names its article's text file (`text_file`, relative to DIR). A quote must appear
//! in that text character for character, as the dataset's rules require, with two allowances: a
//! run of white space counts as one space (line breaks in a capture are not the author's), and
//! ` ... ` marks an elision, each piece between elisions appearing in the article in the quote's
//! order. Curly and straight quotation marks are different characters: when they are all that
//! differs, the report says so. Sources that name no text file are listed, not failed.

mod budget;
pub mod claims;
mod closest;
mod places;

pub use budget::{Budget, Skipped};
pub use closest::{Closest, Column};
pub use places::Location;

use crate::data::model::Kind;
use crate::data::record::Record;
use crate::data::records::Records;
use crate::ingest::load::DataFile;
use crate::text::sanitize;
use places::Places;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// An article larger than this is not read: real articles are a few kilobytes.
pub const MAX_ARTICLE_BYTES: u64 = 16 << 20;

/// Why a quote does not check out.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// A piece of the quote is not in the article; the closest passage, if any resembles it.
    /// `skipped` says why the passage was not searched, when earlier searches used up the time
    /// allowed for the article or for the whole check.
    NotFound {
        piece: String,
        closest: Option<Closest>,
        skipped: Option<Skipped>,
    },
    /// Every piece is in the article, but not in the quote's order.
    OutOfOrder,
}

/// A quote that is not in its article as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    pub at: Location,
    pub record: String,
    pub source: String,
    /// The article's file name, as the source names it.
    pub article: String,
    /// Which piece failed, and of how many, when the quote has elisions.
    pub piece: Option<(usize, usize)>,
    pub failure: Failure,
}

/// A source whose text file names something that cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub at: Location,
    pub source: String,
    pub message: String,
}

/// A source with no `text_file`, and how many quotes cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unchecked {
    pub source: String,
    pub quotes: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Articles read.
    pub articles: usize,
    /// Quotes checked, and the pieces they make between elisions.
    pub quotes: usize,
    pub pieces: usize,
    pub mismatches: Vec<Mismatch>,
    pub unreadable: Vec<Unreadable>,
    pub unchecked: Vec<Unchecked>,
}

impl Report {
    /// No quote failed and every named article could be read.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty() && self.unreadable.is_empty()
    }

    /// Every failure, as lines for standard error: each starts `file:line:col: record: `.
    pub fn problems(&self) -> String {
        let mut out = String::new();
        for u in &self.unreadable {
            let _ = writeln!(
                out,
                "{}",
                sanitize::line(&format!(
                    "{}:{}:{}: {}: {}",
                    u.at.file, u.at.line, u.at.col, u.source, u.message
                ))
            );
        }
        for m in &self.mismatches {
            out.push_str(&m.describe());
        }
        out
    }

    /// What was checked, and the sources that could not be: for standard output.
    pub fn summary(&self, dir: &Path) -> String {
        let mut out = String::new();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let found = self.quotes - self.mismatches.len();
        let _ = write!(
            out,
            "quotes: {} of {} found in {} in {}",
            found,
            plural(self.quotes, "quote", "quotes"),
            plural(self.articles, "article", "articles"),
            sanitize::line(&dir.display().to_string())
        );
        if self.pieces != self.quotes {
            let _ = write!(out, " ({} pieces between elisions)", self.pieces);
        }
        out.push('\n');
        if !self.unchecked.is_empty() {
            let list: Vec<String> = self
                .unchecked
                .iter()
                .map(|u| format!("{} ({})", u.source, plural(u.quotes, "quote", "quotes")))
                .collect();
            let _ = writeln!(
                out,
                "not checked, no text_file: {}",
                sanitize::line(&list.join(", "))
            );
        }
        out
    }
}

impl Mismatch {
    /// `file:line:col: record: quote not found in <article>`, then the closest passage with the
    /// differing characters marked.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let head = format!(
            "{}:{}:{}: {}: quote not found in {}",
            self.at.file, self.at.line, self.at.col, self.record, self.article
        );
        let _ = writeln!(out, "{}", sanitize::line(&head));
        if let Some((n, of)) = self.piece {
            let _ = writeln!(
                out,
                "  piece {n} of {of} (the quote's `...` mark elisions; each piece must be in the article)"
            );
        }
        match &self.failure {
            Failure::OutOfOrder => {
                let _ = writeln!(
                    out,
                    "  every piece is in the article, but not in this order"
                );
            }
            Failure::NotFound {
                skipped: Some(why), ..
            } => {
                let _ = writeln!(
                    out,
                    "  (closest passage not searched: {}; fix the quotes shown first)",
                    match why {
                        Skipped::Article => "the searches in this article used up their time",
                        Skipped::Overall => "the check's searches used up their time",
                    }
                );
            }
            Failure::NotFound { piece, closest, .. } => match closest {
                Some(c) if c.distance * 2 <= piece.chars().count() => {
                    let (blocks, more) = closest::render(c);
                    let n = c.distance;
                    let _ = writeln!(
                        out,
                        "  closest passage ({n} character{} differ{}):",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "s" } else { "" }
                    );
                    for [article, quote, marks] in blocks {
                        let _ = writeln!(out, "    article: {article}");
                        let _ = writeln!(out, "    quote:   {quote}");
                        let _ = writeln!(out, "             {marks}");
                    }
                    if more > 0 {
                        let _ = writeln!(
                            out,
                            "  and {more} more stretch{} with differences further on",
                            if more == 1 { "" } else { "es" }
                        );
                    }
                    if let Some(pairs) = closest::substitutions(c).filter(|p| p.len() <= 4) {
                        let said: Vec<String> = pairs
                            .iter()
                            .map(|(q, a)| {
                                format!("{} where the article has {}", shown(*q), shown(*a))
                            })
                            .collect();
                        let _ = writeln!(out, "  the quote has {}", said.join("; "));
                    }
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "  nothing in the article comes close: is the quote from another source?"
                    );
                }
            },
        }
        out
    }
}

/// A character named so that look-alikes can be told apart: `’ (U+2019)`.
fn shown(c: char) -> String {
    format!(
        "{} (U+{:04X})",
        sanitize::line(&c.to_string()),
        u32::from(c)
    )
}

/// Runs of white space count as one space: line breaks in a capture are not the author's.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pieces of a quote between ` ... ` elisions, squashed, empty pieces left out.
pub fn pieces(quote: &str) -> Vec<String> {
    quote
        .split("...")
        .map(squash)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Where `needle` sits in `text`: each piece after the end of the one before. `Err(true)` when
/// every piece is in the text but not in order, `Err(false)` naming the first missing piece.
fn find_in_order(text: &str, pieces: &[String]) -> Result<(), (usize, bool)> {
    // memchr's searcher (SIMD where the processor has it): a quote that is not in a 15 MB
    // article costs milliseconds to rule out.
    let find = |hay: &str, p: &str| memchr::memmem::find(hay.as_bytes(), p.as_bytes());
    let contains = |p: &String| find(text, p).is_some();
    let mut from = 0;
    for (i, p) in pieces.iter().enumerate() {
        match find(&text[from..], p) {
            Some(at) => from += at + p.len(),
            None if from > 0 && contains(p) => {
                let all = pieces.iter().all(contains);
                return Err((i, all));
            }
            None => return Err((i, false)),
        }
    }
    Ok(())
}

/// Reads one article, `name` inside the folder `dir`: a plain file of UTF-8 text, within the size
/// limit, opened the way data files are (no link followed, at any step; no FIFO, no device).
/// A refused file is named with the reason, and nothing of its content is said.
pub(crate) fn read_article(dir: &Path, name: &str) -> Result<String, String> {
    use crate::ingest::safe_file::{Refused, read_under};
    let path = dir.join(name);
    let shown = path.display();
    let bytes = read_under(dir, name, MAX_ARTICLE_BYTES).map_err(|e| match e {
        Refused::NotFound => format!("cannot read {shown}: no such file"),
        Refused::Link => format!(
            "{shown} is a symbolic link, or is reached through one: articles must be plain files inside the articles folder, so the link was not followed"
        ),
        Refused::NotPlain(what) => format!("{shown} is not a plain file: {what}"),
        Refused::TooLarge(size) => format!(
            "{shown} is {} MiB; an article may be at most {} MiB",
            size >> 20,
            MAX_ARTICLE_BYTES >> 20
        ),
        Refused::Io(e) => format!("cannot read {shown}: {e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{shown} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// Checks every quote of `records` against the articles in `dir`. `files` gives the data files
/// the records were loaded from; it is called only if something fails, to say where.
pub fn check(records: &Records, files: &dyn Fn() -> Vec<DataFile>, dir: &Path) -> Report {
    check_within(records, files, dir, &mut Budget::default())
}

/// Each source's article: its text (squashed), file name and characters (collected when a
/// quote first fails against it), or why there is none.
enum Article<'a> {
    Text(String, &'a str, std::cell::OnceCell<Vec<char>>),
    NoFile,
    Unreadable,
}

/// Every source's article, read once; the unreadable ones reported.
fn read_articles<'a>(
    records: &'a Records,
    dir: &Path,
    report: &mut Report,
    places: &mut Places,
) -> HashMap<&'a str, Article<'a>> {
    let mut texts = HashMap::new();
    for r in records {
        let Record::Source(s) = r else { continue };
        let text = match &s.text_file {
            None => Article::NoFile,
            Some(name) => match read_article(dir, name) {
                Ok(t) => {
                    report.articles += 1;
                    Article::Text(squash(&t), name.as_str(), std::cell::OnceCell::new())
                }
                Err(message) => {
                    report.unreadable.push(Unreadable {
                        at: places.field(Kind::Source, s.id.as_str(), "text_file:"),
                        source: s.id.to_string(),
                        message,
                    });
                    Article::Unreadable
                }
            },
        };
        texts.insert(s.id.as_str(), text);
    }
    texts
}

/// [`check`] with the closest-passage searches bounded by `budget`, which then tells the work
/// they did.
pub fn check_within(
    records: &Records,
    files: &dyn Fn() -> Vec<DataFile>,
    dir: &Path,
    budget: &mut Budget,
) -> Report {
    let mut report = Report::default();
    let mut places = Places::new(files);
    let texts = read_articles(records, dir, &mut report, &mut places);
    let mut unchecked: HashMap<&str, usize> = HashMap::new();
    // The same quote of the same source is checked once: generated datasets repeat them.
    // Passing quotes are remembered as `None`, failing ones by their verdict's place in
    // `failed`, so a large dataset's map stays small.
    let mut seen: HashMap<(&str, &str), Option<u32>> = HashMap::new();
    let mut failed: Vec<(Option<(usize, usize)>, Failure)> = Vec::new();
    for r in records {
        for (nth, q) in r.sources().iter().enumerate() {
            let source = q.source.as_str();
            let (text, article, chars) = match texts.get(source) {
                Some(Article::Text(text, article, chars)) => (text, article, chars),
                Some(Article::NoFile) => {
                    *unchecked.entry(source).or_default() += 1;
                    continue;
                }
                // Already reported; a source that is not defined is the loader's to report.
                Some(Article::Unreadable) | None => continue,
            };
            report.quotes += 1;
            report.pieces += q
                .quote
                .split("...")
                .filter(|p| !p.trim().is_empty())
                .count();
            let outcome = *seen.entry((source, q.quote.as_str())).or_insert_with(|| {
                let verdict = judge(text, &pieces(&q.quote), (*article, &mut *budget), || {
                    chars.get_or_init(|| text.chars().collect())
                });
                verdict.map(|v| {
                    failed.push(v);
                    (failed.len() - 1) as u32
                })
            });
            if let Some((piece, failure)) = outcome.map(|k| failed[k as usize].clone()) {
                report.mismatches.push(Mismatch {
                    at: places.quote(r.kind(), r.id().as_str(), nth),
                    record: r.id().to_string(),
                    source: source.to_string(),
                    article: article.to_string(),
                    piece,
                    failure,
                });
            }
        }
    }
    let mut unchecked: Vec<Unchecked> = unchecked
        .into_iter()
        .map(|(source, quotes)| Unchecked {
            source: source.to_string(),
            quotes,
        })
        .collect();
    unchecked.sort_by(|a, b| a.source.cmp(&b.source));
    report.unchecked = unchecked;
    report
}

/// `None` when a quote is in its article; otherwise which piece failed (and of how many) and why.
type Verdict = Option<(Option<(usize, usize)>, Failure)>;

/// Judges one quote, split in its pieces, against an article's squashed text; `chars` gives
/// the article's characters for the closest-passage search, which spends the budget of the
/// article named.
fn judge<'c>(
    text: &str,
    pieces: &[String],
    (article, budget): (&str, &mut Budget),
    chars: impl FnOnce() -> &'c Vec<char>,
) -> Verdict {
    let (i, out_of_order) = find_in_order(text, pieces).err()?;
    let which = (pieces.len() > 1).then_some((i + 1, pieces.len()));
    if out_of_order {
        return Some((which, Failure::OutOfOrder));
    }
    let piece: Vec<char> = pieces[i].chars().collect();
    let skipped = budget
        .spend(article, Budget::cost(text.len(), piece.len()))
        .err();
    let closest = match skipped {
        None => closest::find(chars(), &piece),
        Some(_) => None,
    };
    Some((
        which,
        Failure::NotFound {
            piece: pieces[i].clone(),
            closest,
            skipped,
        },
    ))
}

#[cfg(test)]
mod tests;
