//! A concordance of quotes: every quote of every record that matches a query, one row each,
//! with the matched words placed for a keyword-in-context line. The explorer's quotes list and
//! `ngo-atlas quotes` both read it, so they list the same rows in the same order.
//!
//! The query's words match where a word of the quote begins (`irreplace` finds
//! "irreplaceable"), ignoring case, accents and the kind of quotation marks, as search does;
//! CJK text matches anywhere. `"belt and road"` in double quotes is a phrase: its words one
//! after another. `-word` leaves out quotes holding a word that begins so. A first `org:`,
//! `person:`… keeps the quotes of records of that kind; `quote:` is allowed and changes nothing.
//! Search's filters (`in:china`, `year:2019`, `source:xinhua`, `-kind:person`...) keep the
//! quotes of the records they let through. Every term must match.

use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::record::Record;
use crate::query::search::fold::{self, Mapped};
use crate::query::search::terms::{self, OPERATORS, Term, term_at, words_of};
use crate::query::search::{Filter, FilterIndex, Op, UserSets};
use std::cmp::Ordering;
use std::ops::Range;
use std::sync::Arc;

/// Most terms a query may hold; more are an error, not a slow scan.
pub const MAX_TERMS: usize = 16;

/// A parsed concordance query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub kind: Option<Kind>,
    /// Each term a sequence of folded words (one for a word, more for a phrase).
    pub terms: Vec<Vec<String>>,
    /// Folded words and phrases whose quotes are left out.
    pub without: Vec<Vec<String>>,
    /// Search's filters: only the quotes of the records they let through.
    pub filters: Vec<Filter>,
    /// The user's notes and collections, for `has:note` and `marked:` (see [`Query::with_user`]).
    pub user: Arc<UserSets>,
}

impl Query {
    /// Reads `text` (by [`terms::parse`], as search reads a query); an error says what is wrong
    /// in words (an unclosed quotation mark, only exclusions, too many terms).
    pub fn parse(text: &str) -> Result<Query, String> {
        let mut q = Query::default();
        let mut first = true;
        let parsed = terms::parse(text, |name| {
            let filter =
                first && (Kind::parse(name).is_some() || matches!(name, "quote" | "quotes"));
            first = false;
            filter
        });
        if parsed.unclosed {
            let at = text.rfind(['"', '“']).unwrap_or(0);
            return Err(format!(
                "the phrase {} has no closing quotation mark (\")",
                text[at..].trim_end()
            ));
        }
        for term in parsed.terms {
            match term {
                Term::Filter(name) => q.kind = q.kind.or(Kind::parse(&name)),
                Term::Word(w) => q.terms.push(vec![w]),
                Term::Phrase(words) => q.terms.push(words),
                Term::Without(words) => q.without.push(words),
                Term::Op {
                    name,
                    value,
                    negated,
                } => q.operator(&name, &value, negated)?,
            }
        }
        if q.terms.is_empty() && !q.without.is_empty() {
            return Err("a query needs a word to find, not only words to leave out".to_string());
        }
        if q.terms.len() + q.without.len() > MAX_TERMS {
            return Err(format!(
                "a query may hold at most {MAX_TERMS} words and phrases"
            ));
        }
        Ok(q)
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The query with the user's notes and collections, for `has:note` and `marked:`.
    pub fn with_user(mut self, user: Arc<UserSets>) -> Query {
        self.user = user;
        self
    }

    /// Takes in `name:value`: `org:word` (anywhere) keeps a kind and finds the word, any
    /// filter of search's is a filter here.
    fn operator(&mut self, name: &str, value: &str, negated: bool) -> Result<(), String> {
        let filter = OPERATORS.contains(&name) && !value.trim().is_empty();
        if !filter && (Kind::parse(name).is_some() || matches!(name, "quote" | "quotes")) {
            if negated {
                return Err(format!(
                    "`-{name}:` cannot leave out a kind: write `-kind:{name}`"
                ));
            }
            self.kind = self.kind.or(Kind::parse(name));
            let words = fold::fold(value);
            self.terms
                .extend(words.split_whitespace().map(|w| vec![w.to_string()]));
            return Ok(());
        }
        match Filter::parse(name, value, negated)? {
            Filter {
                negated: false,
                op: Op::Kind(k),
            } if self.kind.is_none() => self.kind = Some(k),
            f => self.filters.push(f),
        }
        Ok(())
    }

    /// The words to mark in a quote, as search marks them.
    pub fn words(&self) -> Vec<String> {
        self.terms.iter().flatten().cloned().collect()
    }
}

/// One matching quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub record: usize,
    /// Which of the record's sources holds the quote.
    pub at: usize,
    /// The first match in the quote, in bytes of the quote as written.
    pub hit: Range<usize>,
}

/// The orders rows can be listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// By source (its short name, then date), then record.
    #[default]
    Source,
    Date,
    Record,
    /// By the words before the match, nearest first, as concordances sort.
    Left,
    Right,
}

impl Order {
    pub const ALL: [Order; 5] = [
        Order::Source,
        Order::Date,
        Order::Record,
        Order::Left,
        Order::Right,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Order::Source => "source",
            Order::Date => "date",
            Order::Record => "record",
            Order::Left => "left context",
            Order::Right => "right context",
        }
    }

    pub fn parse(s: &str) -> Option<Order> {
        Order::ALL
            .into_iter()
            .find(|o| o.label().split(' ').next() == Some(s))
    }

    pub fn next(self) -> Order {
        let i = Order::ALL.iter().position(|&o| o == self).unwrap_or(0);
        Order::ALL[(i + 1) % Order::ALL.len()]
    }
}

/// The quote of a row.
pub fn quote<'a>(index: &'a Index, row: &Row) -> &'a str {
    &index.record(row.record).sources()[row.at].quote
}

/// The source record of a row, if it is in the dataset.
pub fn source<'a>(index: &'a Index, row: &Row) -> Option<&'a Record> {
    let id = &index.record(row.record).sources()[row.at].source;
    index.get(id.as_str()).map(|s| index.record(s))
}

/// A row's line in context: the words before the match cut to `left` columns, the match, and
/// the words after it cut to `right` columns, each cut at a word boundary (between characters
/// in CJK text) and marked `…` where cut. All on one line, made inert.
pub fn context(quote: &str, hit: &Range<usize>, left: usize, right: usize) -> [String; 3] {
    use crate::text::sanitize::{display_width, line};
    use unicode_segmentation::UnicodeSegmentation;
    let before = line(&quote[..hit.start]).into_owned();
    let after = line(&quote[hit.end..]).into_owned();
    let matched = line(&quote[hit.clone()]).into_owned();
    let before = if display_width(&before) <= left {
        before
    } else {
        let mut kept = String::new();
        let mut w = 1;
        for g in before.graphemes(true).rev() {
            w += display_width(g);
            if w > left {
                break;
            }
            kept.insert_str(0, g);
        }
        // Not half a word: from the first space on, unless the text has none (CJK).
        if let Some(space) = kept
            .find(' ')
            .filter(|_| !before[..before.len() - kept.len()].ends_with(' '))
        {
            kept.drain(..space);
        }
        format!("…{}", kept.trim_start())
    };
    let after = if display_width(&after) <= right {
        after
    } else {
        let mut kept = String::new();
        let mut w = 1;
        for g in after.graphemes(true) {
            w += display_width(g);
            if w > right {
                break;
            }
            kept.push_str(g);
        }
        if let Some(space) = kept
            .rfind(' ')
            .filter(|_| !after[kept.len()..].starts_with(' '))
        {
            kept.truncate(space);
        }
        format!("{}…", kept.trim_end())
    };
    [before, matched, after]
}

/// A row as it is copied and exported: its quote, record, source and full citation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Cited<'a> {
    pub quote: &'a str,
    pub record_id: &'a str,
    pub record_name: &'a str,
    pub source_id: &'a str,
    /// The source's short name (`Xinhua 2024`).
    pub source: String,
    pub date: String,
    pub citation: String,
}

/// What `ngo-atlas quotes --json/--csv` prints of a row and the quotes list copies.
pub fn cited<'a>(index: &'a Index, row: &Row, style: crate::query::cite::Style) -> Cited<'a> {
    let record = index.record(row.record);
    let s = &record.sources()[row.at];
    let found = source(index, row);
    Cited {
        quote: &s.quote,
        record_id: record.id().as_str(),
        record_name: record.name(),
        source_id: s.source.as_str(),
        source: found
            .map(crate::query::search::source_label)
            .unwrap_or_default(),
        date: found
            .and_then(|s| s.date())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        citation: index
            .get(s.source.as_str())
            .map(|i| crate::query::cite::for_record(index, i, style))
            .unwrap_or_default(),
    }
}

/// Every quote that matches, in `order`.
pub fn find(index: &Index, query: &Query, order: Order) -> Vec<Row> {
    rows(index, query, order, None).unwrap_or_default()
}

/// The rows of [`find`], or why the query's filters cannot run (a place, source, record or
/// collection the data does not hold), in words with a suggestion. `prepared` are the filter
/// lookups when the caller has them built (the explorer's searcher); else they are built here.
pub fn rows(
    index: &Index,
    query: &Query,
    order: Order,
    prepared: Option<&FilterIndex>,
) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    if query.is_empty() {
        return Ok(rows);
    }
    let kept = match (query.filters.is_empty(), prepared) {
        (true, _) => None,
        (false, Some(f)) => {
            let id_of = |r: usize| index.record(r).id().as_str();
            f.matching(&query.filters, &query.user, &id_of)?
        }
        // Built for this query: the list reads every quote anyway.
        (false, None) => {
            let id_of = |r: usize| index.record(r).id().as_str();
            FilterIndex::shared(index).matching(&query.filters, &query.user, &id_of)?
        }
    };
    for r in 0..index.len() {
        let record = index.record(r);
        if query.kind.is_some_and(|k| record.kind() != k)
            || kept.as_ref().is_some_and(|k| !k.contains(r))
        {
            continue;
        }
        for (at, s) in record.sources().iter().enumerate() {
            if let Some(hit) = matches(&s.quote, query) {
                rows.push(Row { record: r, at, hit });
            }
        }
    }
    sort(index, &mut rows, order);
    Ok(rows)
}

/// Puts rows in `order`; ties keep the dataset's order.
pub fn sort(index: &Index, rows: &mut [Row], order: Order) {
    let key = |row: &Row| -> String {
        let q = quote(index, row);
        match order {
            Order::Source => source(index, row)
                .map(crate::query::search::source_label)
                .unwrap_or_default()
                .to_lowercase(),
            Order::Date => source(index, row)
                .and_then(|s| s.date())
                .map(|d| d.to_string())
                .unwrap_or_else(|| "~".to_string()),
            Order::Record => index.record(row.record).name().to_lowercase(),
            Order::Left => fold::fold(&q[..row.hit.start])
                .split_whitespace()
                .rev()
                .collect::<Vec<_>>()
                .join(" "),
            Order::Right => fold::fold(&q[row.hit.end..]),
        }
    };
    let mut keyed: Vec<(String, Row)> = rows.iter().map(|r| (key(r), r.clone())).collect();
    keyed.sort_by(|a, b| match a.0.cmp(&b.0) {
        Ordering::Equal => (a.1.record, a.1.at).cmp(&(b.1.record, b.1.at)),
        o => o,
    });
    for (slot, (_, row)) in rows.iter_mut().zip(keyed) {
        *slot = row;
    }
}

/// Where `quote` matches `query`: the first match of its first term, in bytes of the quote.
pub fn matches(quote: &str, query: &Query) -> Option<Range<usize>> {
    let mapped = Mapped::new(quote);
    let text = &mapped.text;
    let words = words_of(text);
    if query
        .without
        .iter()
        .any(|w| term_at(text, &words, w).is_some())
    {
        return None;
    }
    let mut first = None;
    for term in &query.terms {
        let found = term_at(text, &words, term)?;
        first.get_or_insert(found);
    }
    first.map(|r| mapped.original(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Query {
        Query::parse(text).unwrap()
    }

    #[test]
    fn context_is_cut_at_word_boundaries() {
        let text = "China will strengthen cooperation with ASEAN countries on poverty reduction";
        let hit = matches(text, &q("cooperation")).unwrap();
        let [l, m, r] = context(text, &hit, 12, 14);
        assert_eq!(m, "cooperation");
        assert_eq!(l, "…strengthen ");
        assert_eq!(r, " with ASEAN…");
        let [l, _, r] = context(text, &hit, 80, 80);
        assert_eq!(
            (l.as_str(), r.as_str()),
            (
                "China will strengthen ",
                " with ASEAN countries on poverty reduction"
            )
        );
        // CJK has no spaces: cut between characters, never past the width.
        let cjk = "中国社会组织积极参与国际减贫合作";
        let hit = matches(cjk, &q("参与")).unwrap();
        let [l, _, r] = context(cjk, &hit, 7, 7);
        assert_eq!((l.as_str(), r.as_str()), ("…织积极", "国际减…"));
    }

    #[test]
    fn words_phrases_and_exclusions_are_read() {
        let query = q(r#"org: "Belt and Road" -silk Cooperación"#);
        assert_eq!(query.kind, Some(Kind::Organization));
        assert_eq!(
            query.terms,
            [vec!["belt", "and", "road"], vec!["cooperacion"]]
        );
        assert_eq!(query.without, [vec!["silk".to_string()]]);
        assert!(
            Query::parse(r#""belt and"#)
                .unwrap_err()
                .contains("closing")
        );
        assert!(
            Query::parse("-only")
                .unwrap_err()
                .contains("a word to find")
        );
    }

    #[test]
    fn a_phrase_matches_its_words_in_order_and_a_word_where_a_word_begins() {
        let text = "The Belt and Road Initiative brings irreplaceable benefits.";
        assert_eq!(matches(text, &q(r#""belt and road""#)), Some(4..17));
        assert_eq!(matches(text, &q(r#""road and belt""#)), None);
        assert_eq!(matches(text, &q("irreplace")), Some(36..45));
        assert_eq!(matches(text, &q("place")), None, "not inside a word");
        assert_eq!(matches(text, &q("belt -initiative")), None);
        assert_eq!(matches(text, &q("belt -silk")), Some(4..8));
        // Case, accents and curly quotes folded; the range is in the text as written.
        assert_eq!(matches("“Cooperación” é", &q("cooperacion")), Some(3..15));
        assert_eq!(matches("推进三区三州脱贫", &q("三区三州")), Some(6..18));
    }
}
