//! A query as search reads it: its words, phrases, left-out words, kind and filters, within
//! the limits of what is searched.

use super::filter::{Filter, Op, UserSets};
use super::fold;
use super::terms::{self, Term};
use crate::data::model::Kind;
use std::sync::Arc;

/// The longest query searched, in characters: a long sentence, far more than anyone types. A
/// longer one (a document pasted by mistake, a history line from a damaged file) is cut here.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// The most words a query has: each word is looked for in every record.
pub const MAX_QUERY_WORDS: usize = 64;

/// What the limits say about a query.
pub fn query_limits() -> String {
    format!(
        "a query holds at most {} characters and {} words",
        crate::data::limits::thousands(MAX_QUERY_CHARS as u64),
        MAX_QUERY_WORDS
    )
}

/// The part of `text` within [`MAX_QUERY_CHARS`] and [`MAX_QUERY_WORDS`] (cut at a character,
/// or just before the first word too many), and whether anything was cut.
pub fn within_limits(text: &str) -> (&str, bool) {
    let mut end = text.len();
    if let Some((at, _)) = text.char_indices().nth(MAX_QUERY_CHARS) {
        end = at;
    }
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in text[..end].char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > MAX_QUERY_WORDS {
                end = at;
                break;
            }
        }
    }
    (&text[..end], end < text.len())
}

/// A parsed query: an optional kind restriction (`org:`, `person:` ...), whether it searches
/// quotes only (`quote:`), the words to match, folded, the phrases and left-out words that
/// narrow what the words match, and the operators that narrow by what records are (`in:`,
/// `year:`...). The terms are read by [`terms::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub kind: Option<Kind>,
    pub quotes_only: bool,
    /// Every word to find: the plain ones and each phrase's, in the order typed. They rank a
    /// record; a phrase adds that its words stand together.
    pub words: Vec<String>,
    /// `"belt and road"`: words that must stand one after another in one field.
    pub phrases: Vec<Vec<String>>,
    /// `-word`, `-"a phrase"`: a record holding one in a field searched does not match.
    pub without: Vec<Vec<String>>,
    /// `in:cambodia`, `-year:2019`...: every one must let a record through.
    pub filters: Vec<Filter>,
    /// The user's notes and collections, for `has:note` and `marked:`: the caller fills them
    /// ([`Query::with_user`]); a query without them knows no collection.
    pub user: Arc<UserSets>,
    /// What is wrong with the query as typed (an unknown operator, a bad range), in words with
    /// a suggestion: such a query matches nothing, and says this instead.
    pub error: Option<String>,
}

impl Query {
    /// `org: foundation` or `org:foundation` restrict to organizations, `quote: brotherhood` to
    /// quotes, and both can be given (`person: quote: spirit`); unknown prefixes are searched
    /// for as text. `"belt and road"` is a phrase, `-word` and `-"a phrase"` leave out.
    pub fn parse(text: &str) -> Query {
        // However a query got here, it is searched within the limits.
        let (text, _) = within_limits(text);
        let (mut kind, mut quotes) = (false, false);
        let parsed = terms::parse(text, |name| match Kind::parse(name) {
            Some(_) if !kind => {
                kind = true;
                true
            }
            None if !quotes && matches!(name, "quote" | "quotes") => {
                quotes = true;
                true
            }
            _ => false,
        });
        let mut q = Query::default();
        for term in parsed.terms {
            match term {
                Term::Filter(name) => match Kind::parse(&name) {
                    Some(k) => q.kind = Some(k),
                    None => q.quotes_only = true,
                },
                Term::Word(w) => q.words.push(w),
                Term::Phrase(words) => {
                    q.words.extend(words.iter().cloned());
                    q.phrases.push(words);
                }
                Term::Without(words) => q.without.push(words),
                Term::Op {
                    name,
                    value,
                    negated,
                } => q.operator(&name, &value, negated),
            }
        }
        q
    }

    /// The query with the user's notes and collections, for `has:note` and `marked:`.
    pub fn with_user(mut self, user: Arc<UserSets>) -> Query {
        self.user = user;
        self
    }

    /// Takes in `name:value`: a kind or `quote:` as a leading prefix is taken (its value words
    /// to find), `kind:` without a `-` narrows the kind searched, any other operator is a
    /// filter; the first mistake is kept in `error`.
    fn operator(&mut self, name: &str, value: &str, negated: bool) {
        // `source:xinhua` is the operator; `source:` alone, the kind.
        let operator = terms::OPERATORS.contains(&name) && !value.trim().is_empty();
        let prefix = match operator {
            true => None,
            false => Kind::parse(name)
                .map(Some)
                .or(matches!(name, "quote" | "quotes").then_some(None)),
        };
        if let Some(kind) = prefix {
            if negated {
                let word = kind.map_or("quote", |k| k.word());
                self.fail(format!(
                    "`-{name}:` cannot leave out a kind: write `-kind:{word}`"
                ));
                return;
            }
            match kind {
                Some(k) => self.narrow_kind(k),
                None => self.quotes_only = true,
            }
            let folded = fold::fold(value);
            self.words
                .extend(folded.split_whitespace().map(String::from));
            return;
        }
        match Filter::parse(name, value, negated) {
            Ok(Filter {
                negated: false,
                op: Op::Kind(k),
            }) => self.narrow_kind(k),
            Ok(f) => self.filters.push(f),
            Err(e) => self.fail(e),
        }
    }

    /// Searches only kind `k`; a second, other kind leaves nothing, as a filter says.
    fn narrow_kind(&mut self, k: Kind) {
        match self.kind {
            Some(old) if old != k => self.filters.push(Filter {
                negated: false,
                op: Op::Kind(k),
            }),
            _ => self.kind = Some(k),
        }
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.kind.is_none()
            && !self.quotes_only
            && self.without.is_empty()
            && self.filters.is_empty()
            && self.error.is_none()
    }

    /// Is the query one short word (four characters at most), which finds names by their start
    /// before anything else and leaves letters scattered through a name as loose matches?
    pub fn is_short(&self) -> bool {
        !self.quotes_only && self.words.len() == 1 && self.words[0].chars().count() <= 4
    }

    /// Whether phrases or left-out words narrow the words' matches: only then does a search
    /// read a candidate's texts to check them.
    pub fn narrowed(&self) -> bool {
        self.phrases.iter().any(|p| p.len() > 1) || !self.without.is_empty()
    }
}
