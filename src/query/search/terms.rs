//! A query as a list of terms, the one parser behind the explorer's search, `ngo-atlas search`
//! and the concordance of quotes (`Q`, `ngo-atlas quotes`):
//!
//! - `word`: a word (folded: case, accents and compatibility forms away; folding can make one
//!   typed word two, each a term of its own);
//! - `"belt and road"` (or `“belt and road”`): a phrase, its words one after another;
//! - `-word`, `-"a phrase"`: left out, what holds it does not match;
//! - `name:` at the start of the query, for each name the caller accepts (`org:`, `quote:`): a
//!   filter, whatever follows its colon read on as terms;
//! - `name:value`, `-name:value` or `name:"a value"` anywhere: an operator ([`Term::Op`]), when
//!   `name` is ASCII letters and a value follows the colon (not `/`, so that a URL stays words
//!   even while its second `/` is typed), or when `name` is one of [`OPERATORS`] (`year:` alone
//!   is then an operator without a value, for the caller to refuse). The caller says what the
//!   names mean; a word ending in a colon (`governance:`) and anything else with a colon
//!   (`10:30`, `https://…`) stay words.
//!
//! Matching a phrase is [`term_at`]: on folded text split by [`words_of`], each word of the
//! phrase whole and the last as the start of a word, so `"belt and ro"` finds "Belt and Road"
//! while it is being typed.

use super::fold;
use super::words::{is_cjk, is_word_char};
use std::ops::Range;

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A filter named before its colon, lower-case (`org`, `quote`).
    Filter(String),
    /// A folded word.
    Word(String),
    /// Folded words that must stand one after another.
    Phrase(Vec<String>),
    /// Folded words (one for `-word`) whose holder is left out.
    Without(Vec<String>),
    /// `name:value`: an operator, its name lower-case, its value as typed (trimmed, without
    /// the quotation marks around it); `negated` for `-name:value`.
    Op {
        name: String,
        value: String,
        negated: bool,
    },
}

/// The operators' names: with an empty value they are still operators (and an error for the
/// caller to say), where any other `word:` is a word.
pub const OPERATORS: [&str; 7] = ["kind", "in", "year", "source", "linked", "has", "marked"];

/// The terms of a query, in the order typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Terms {
    pub terms: Vec<Term>,
    /// A phrase was opened and never closed: it runs to the end of the query. Search takes it
    /// as typed so far; the concordance says so.
    pub unclosed: bool,
}

const OPEN: [char; 2] = ['"', '“'];
const CLOSE: [char; 2] = ['"', '”'];

/// Reads `text` into terms; `is_filter` says which names before a colon, at the start of the
/// query, are filters (it may refuse a name it has already seen: that token is then words).
pub fn parse(text: &str, mut is_filter: impl FnMut(&str) -> bool) -> Terms {
    let mut out = Terms::default();
    let mut rest = text.trim_start();
    let mut leading = true;
    while !rest.is_empty() {
        let (negated, body) = match rest.strip_prefix('-') {
            Some(b) if b.starts_with(OPEN) || b.starts_with(|c: char| !c.is_whitespace()) => {
                (true, b)
            }
            _ => (false, rest),
        };
        if let Some(inner) = body.strip_prefix(OPEN) {
            let (phrase, after) = quoted(inner, &mut out.unclosed);
            let words = folded(phrase);
            if !words.is_empty() {
                out.terms.push(match negated {
                    true => Term::Without(words),
                    false => Term::Phrase(words),
                });
            }
            leading = false;
            rest = after.trim_start();
            continue;
        }
        let end = body.find(char::is_whitespace).unwrap_or(body.len());
        let token = &body[..end];
        rest = body[end..].trim_start();
        // An operator's name with a value is the operator (`source:xinhua`), even where the
        // same name alone is a leading filter (`source: xinhua`, the kind).
        if leading
            && !negated
            && let Some((name, tail)) = token.split_once(':')
            && (tail.is_empty() || !OPERATORS.contains(&name.to_lowercase().as_str()))
            && is_filter(&name.to_lowercase())
        {
            out.terms.push(Term::Filter(name.to_lowercase()));
            out.terms.extend(folded(tail).into_iter().map(Term::Word));
            continue;
        }
        leading = false;
        if let Some((name, value, after)) = operator(body, end) {
            out.terms.push(Term::Op {
                name,
                value,
                negated,
            });
            rest = after.trim_start();
            continue;
        }
        let words = folded(token);
        match negated {
            true if !words.is_empty() => out.terms.push(Term::Without(words)),
            _ => out.terms.extend(words.into_iter().map(Term::Word)),
        }
    }
    out
}

/// The text of a phrase opened just before `inner`, and what follows its closing mark; a
/// phrase never closed runs to the end, and `unclosed` is set.
fn quoted<'a>(inner: &'a str, unclosed: &mut bool) -> (&'a str, &'a str) {
    match inner.find(CLOSE) {
        Some(end) => {
            let close = inner[end..].chars().next().map_or(1, char::len_utf8);
            (&inner[..end], &inner[end + close..])
        }
        None => {
            *unclosed = true;
            (inner, "")
        }
    }
}

/// An operator at the start of `body` (whose first token ends at `end`): its name, lower-case,
/// its value, and what follows it. See the module's notes for what is one.
fn operator(body: &str, end: usize) -> Option<(String, String, &str)> {
    let (name, after) = body[..end].split_once(':')?;
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let value_at = name.len() + 1;
    let rest = &body[value_at..];
    if let Some(inner) = rest.strip_prefix(OPEN) {
        let mut unclosed = false;
        let (value, after) = quoted(inner, &mut unclosed);
        return Some((name, value.trim().to_string(), after));
    }
    let known = OPERATORS.contains(&name.as_str());
    if !known && (after.is_empty() || after.starts_with('/')) {
        return None;
    }
    Some((name, after.to_string(), &body[end..]))
}

fn folded(text: &str) -> Vec<String> {
    fold::fold(text)
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// The words of folded `text`, as byte ranges: runs of word characters, and each CJK character
/// on its own.
pub fn words_of(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_cjk(c) {
            if let Some(s) = start.take() {
                words.push(s..i);
            }
            words.push(i..i + c.len_utf8());
        } else if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push(s..i);
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    words
}

/// The first place the words of `term` stand one after another in folded `text` (split into
/// `words` by [`words_of`]), the last one as the start of a word, the others whole. A term's
/// word is split as the text is (`china's` is `china`, `s`; each CJK character a word), so it
/// matches the text's words wherever they are written with an apostrophe or without spaces.
pub fn term_at(text: &str, words: &[Range<usize>], term: &[String]) -> Option<Range<usize>> {
    let parts: Vec<&str> = term
        .iter()
        .flat_map(|w| words_of(w).into_iter().map(move |r| &w[r]))
        .collect();
    let last = parts.len().checked_sub(1)?;
    (0..words.len()).find_map(|i| {
        let span = words.get(i..i + parts.len())?;
        let fits = span.iter().zip(&parts).enumerate().all(|(k, (w, t))| {
            let word = &text[w.clone()];
            if k == last {
                word.starts_with(t)
            } else {
                word == *t
            }
        });
        fits.then(|| span[0].start..span[last].start + parts[last].len())
    })
}

/// Whether folded `text` holds `term` (see [`term_at`]).
pub fn holds(text: &str, term: &[String]) -> bool {
    term_at(text, &words_of(text), term).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<Term> {
        parse(text, |name| matches!(name, "org" | "quote")).terms
    }

    fn w(s: &str) -> Term {
        Term::Word(s.into())
    }

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn words_phrases_and_exclusions() {
        assert_eq!(terms("Belt  Road"), [w("belt"), w("road")]);
        assert_eq!(
            terms("\"belt and road\" -Xinhua -\"human rights\" ngo"),
            [
                Term::Phrase(words("belt and road")),
                Term::Without(words("xinhua")),
                Term::Without(words("human rights")),
                w("ngo"),
            ]
        );
        assert_eq!(
            terms("“Belt and Road”"),
            [Term::Phrase(words("belt and road"))]
        );
        assert_eq!(terms("Stückelberger"), [w("stuckelberger")]);
    }

    #[test]
    fn filters_lead_and_unknown_names_are_words() {
        assert_eq!(
            terms("org: quote:brotherhood spirit"),
            [
                Term::Filter("org".into()),
                Term::Filter("quote".into()),
                w("brotherhood"),
                w("spirit")
            ]
        );
        // Folding keeps punctuation: what is not an operator is searched as typed.
        assert_eq!(
            terms("10:30 https://x.org governance:"),
            [w("10:30"), w("https://x.org"), w("governance:")]
        );
    }

    fn op(name: &str, value: &str, negated: bool) -> Term {
        Term::Op {
            name: name.into(),
            value: value.into(),
            negated,
        }
    }

    #[test]
    fn operators_stand_anywhere_with_a_value_or_a_known_name() {
        assert_eq!(
            terms("belt year:2017..2020 -in:China org:x"),
            [
                w("belt"),
                op("year", "2017..2020", false),
                op("in", "China", true),
                op("org", "x", false)
            ]
        );
        assert_eq!(
            terms("source:\"China Daily\" road"),
            [op("source", "China Daily", false), w("road")]
        );
        assert_eq!(terms("year: 2019"), [op("year", "", false), w("2019")]);
        assert_eq!(terms("yeer:2019"), [op("yeer", "2019", false)]);
        assert_eq!(terms("in:https://x"), [op("in", "https://x", false)]);
        let kinds = |t: &str| parse(t, |name| name == "source").terms;
        assert_eq!(kinds("source:xinhua"), [op("source", "xinhua", false)]);
        assert_eq!(
            kinds("source: xinhua"),
            [Term::Filter("source".into()), w("xinhua")]
        );
    }

    #[test]
    fn an_unclosed_phrase_runs_to_the_end_and_a_lone_dash_is_a_word() {
        let t = parse("\"belt and", |_| false);
        assert!(t.unclosed);
        assert_eq!(t.terms, [Term::Phrase(words("belt and"))]);
        assert_eq!(terms("- belt"), [w("-"), w("belt")]);
        assert_eq!(terms("non-profit"), [w("non-profit")]);
        assert_eq!(terms("\"\" -\"\""), []);
    }

    #[test]
    fn phrases_match_adjacent_words_in_order() {
        let text = "the belt and road initiative, 一带一路";
        let p = |s: &str| holds(text, &words(s));
        assert!(p("belt and road"));
        assert!(p("belt and ro"));
        assert!(!p("road and belt"));
        assert!(!p("belt road"));
        assert!(!p("be and road"));
        assert!(p("一带"));
        assert!(holds("china's ngos help", &words("china's ngos")));
        assert!(!holds("china's ngos help", &words("china ngos")));
        assert!(holds("云南绿火基金会", &words("绿火")));
    }
}
