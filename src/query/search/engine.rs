//! The scan behind every search: a byte-mask and `memchr` prefilter before the scorer, two
//! threads on large datasets, top rows selected rather than everything sorted, earlier results
//! narrowed rather than everything scanned again, and stale scans abandoned as soon as a newer
//! query arrives.

use super::corpus::{ALIAS_BREAK, Corpus, FIRST_QUOTE};
use super::filter::FilterIndex;
use super::fold::fold;
use super::rank::{self, Classified, Word};
use super::select::{CANCEL_EVERY, halves, select, top, without_loose};
use super::terms::{term_at, words_of};
use super::words::Needle;
use super::{Field, Hit, Query};
use crate::data::tables::kind_slot;
use std::borrow::Cow;
use std::collections::VecDeque;

/// Finished scans kept for narrowing: enough to make backspacing over a word instant too.
const KEPT: usize = 8;

/// A 64-bit set of the bytes in `s`: letters and digits get a bit each, other bytes share the
/// rest. A word can only match a record whose set contains the word's set.
pub fn mask(s: &[u8]) -> u64 {
    s.iter().fold(0, |m, &b| m | byte_bit(b))
}

/// The bit of one byte in a [`mask`] (ASCII letters as lower case).
pub fn byte_bit(b: u8) -> u64 {
    let bit = match b.to_ascii_lowercase() {
        b @ b'a'..=b'z' => b - b'a',
        b @ b'0'..=b'9' => 26 + b - b'0',
        b => 36 + b % 28,
    };
    1 << bit
}

/// Whether `needle`'s bytes occur in `hay` in order: necessary for a fuzzy match, and far
/// cheaper to rule one out with `memchr` than to run the scorer.
pub fn subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut at = 0;
    for &b in needle {
        match memchr::memchr(b, &hay[at..]) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

/// A finished scan, kept to narrow the next query: every record that matches or may (was left
/// unread), and the best hits.
struct Scan {
    query: Query,
    matches: Vec<u32>,
    hits: Vec<Hit>,
    unread: usize,
    loose: usize,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// The best matches, best first.
    pub hits: Vec<Hit>,
    /// How many records are known to match.
    pub total: usize,
    /// How many more may: records whose summary, quotes or notes may hold a word but were not
    /// read, as the list was full of better hits without them (0 from
    /// [`crate::query::search::Searcher::find_counted`]).
    pub unread: usize,
    /// Records scored to get here: the whole kind, fewer when the query narrowed an earlier
    /// one, none when it repeated one.
    pub scanned: usize,
    /// Loose matches left out of the list: a short word's letters scattered through a name
    /// (see [`Query::is_short`]), where names starting with the word, an alias equal to it or
    /// texts holding it were found. Not in `total`. When nothing better matches, the loose
    /// matches are the list (and this is 0).
    pub loose: usize,
    /// Why the query cannot run (an unknown operator, a bad range, a place that is not
    /// there), in words with a suggestion; the hits are then empty.
    pub error: Option<String>,
}

impl Found {
    fn failed(error: String) -> Found {
        Found {
            error: Some(error),
            ..Found::default()
        }
    }
}

/// Recent scans, newest last.
#[derive(Default)]
pub struct Recent(VecDeque<Scan>);

/// Does every record that matches `new` also match `old`, but for typos? True when the kind and
/// scope are the same and each of the old words is the start of the new word in its place:
/// typing on. (A longer word may match by a typo where its start matched nothing: those records
/// are added from the vocabulary, see [`Engine::scan`].)
fn extends(new: &Query, old: &Query) -> bool {
    // An old scan narrowed by phrases or left-out words holds only what they let through: a
    // new query can narrow it under the same left-out terms and phrases typed on.
    let same_narrowing = !old.narrowed()
        || (old.without == new.without
            && old.phrases.len() == new.phrases.len()
            && old
                .phrases
                .iter()
                .zip(&new.phrases)
                .all(|(o, n)| typed_on(o, n)));
    same_narrowing
        && new.filters == old.filters
        && new.user == old.user
        && new.kind == old.kind
        && new.quotes_only == old.quotes_only
        && old.words.len() <= new.words.len()
        && old
            .words
            .iter()
            .zip(&new.words)
            .all(|(o, n)| n.starts_with(o.as_str()))
}

/// Is phrase `new` phrase `old` typed on: the same words, the last one longer or followed by
/// more? (Each of `old`'s words but the last matches whole, the last as a beginning, so
/// whatever holds `new` holds `old`.)
fn typed_on(old: &[String], new: &[String]) -> bool {
    let Some((last, whole)) = old.split_last() else {
        return true;
    };
    new.len() >= old.len()
        && whole.iter().zip(new).all(|(o, n)| o == n)
        && new[whole.len()].starts_with(last.as_str())
}

impl Recent {
    /// The answer of an earlier scan of the same query, if it holds enough.
    fn answer(&self, query: &Query, limit: usize, read_all: bool) -> Option<Found> {
        let same = self.0.iter().rev().find(|s| {
            s.query == *query
                && s.hits.len() >= limit.min(s.matches.len() - s.unread - s.loose)
                && (s.unread == 0 || !read_all)
        })?;
        Some(Found {
            hits: same.hits.iter().take(limit).cloned().collect(),
            total: same.matches.len() - same.unread - same.loose,
            unread: same.unread,
            scanned: 0,
            loose: same.loose,
            error: None,
        })
    }

    fn remember(&mut self, scan: Scan) {
        if self.0.len() == KEPT {
            self.0.pop_front();
        }
        self.0.push_back(scan);
    }
}

/// Records that may match the query of `words` though they did not match `old`, which it
/// extends: a record that failed an old word can match its longer form only by a typo, and only
/// if the word grew (the same word fails the same records). Ascending.
fn typo_only(old: &Query, words: &[Word]) -> Vec<u32> {
    let mut out: Vec<u32> = old
        .words
        .iter()
        .zip(words)
        .filter(|(o, n)| **o != n.text)
        .flat_map(|(_, n)| n.typos())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Two ascending lists as one, without repeats.
fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let next = a[i].min(b[j]);
        i += usize::from(a[i] == next);
        j += usize::from(b[j] == next);
        out.push(next);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// A term of a narrowed query (a phrase, or what is left out), with a cheap test a field must
/// pass before it is folded and split to look for it: its longest word must begin a word of the
/// field, as a [`Needle`] finds it in the corpus's text.
struct Narrowing {
    term: Vec<String>,
    needle: Needle,
    left_out: bool,
}

impl Narrowing {
    fn all(query: &Query) -> Vec<Narrowing> {
        let phrases = query.phrases.iter().filter(|p| p.len() > 1);
        let terms = phrases.map(|p| (p, false));
        let terms = terms.chain(query.without.iter().map(|w| (w, true)));
        terms
            .filter_map(|(term, left_out)| {
                let longest = term
                    .iter()
                    .flat_map(|w| words_of(w).into_iter().map(move |r| &w[r]))
                    .max_by_key(|w| w.len())?;
                Some(Narrowing {
                    term: term.clone(),
                    needle: Needle::new(longest),
                    left_out,
                })
            })
            .collect()
    }
}

/// Whether record `pos` holds each phrase in one of its fields and nothing left out in any: its
/// name, aliases, id, summary, notes and quotes (only the quotes for `quote:`), folded as
/// search folds them.
fn narrowed_ok(c: &Corpus, pos: usize, quotes_only: bool, narrowing: &[Narrowing]) -> bool {
    let mut fields: Vec<&str> = Vec::new();
    if !quotes_only {
        fields.push(c.name(pos));
        fields.extend(c.aliases(pos).split(ALIAS_BREAK));
        fields.push(c.id(pos));
    }
    let first = if quotes_only { FIRST_QUOTE } else { 0 };
    fields.extend((first..c.slots(pos)).filter_map(|s| c.text(pos, s)));
    narrowing.iter().all(|n| {
        let holds = fields.iter().any(|f| {
            n.needle.find(f, 0).is_some() && {
                let f = fold(f);
                term_at(&f, &words_of(&f), &n.term).is_some()
            }
        });
        holds != n.left_out
    })
}

pub struct Engine {
    pub corpus: Corpus,
    /// The lookups the operators are answered from: built with the searcher on a copied
    /// corpus, at the first query with an operator on a shared one.
    pub filters: std::sync::OnceLock<FilterIndex>,
}

impl Engine {
    pub fn len(&self) -> usize {
        self.corpus.len()
    }

    /// The filter lookups, built now if they were not.
    pub fn filter_index(&self) -> Option<&FilterIndex> {
        if let Some(f) = self.filters.get() {
            return Some(f);
        }
        let index = self.corpus.index()?;
        Some(self.filters.get_or_init(|| FilterIndex::shared(index)))
    }

    /// The records the query's operators let through, ascending, of its kind (every record of
    /// it when it has none); an error says what the data does not hold.
    pub fn scope(&self, query: &Query) -> Result<Vec<u32>, String> {
        let all = |k: Option<crate::data::model::Kind>| match k {
            Some(k) => self.corpus.by_kind[kind_slot(k)].clone(),
            None => self.corpus.all.clone(),
        };
        if query.filters.is_empty() {
            return Ok(all(query.kind));
        }
        let Some(fi) = self.filter_index() else {
            return Err("the filters are not available on this searcher".to_string());
        };
        let set = fi.matching(&query.filters, &query.user, &|r| self.corpus.id(r))?;
        let mut list = set.map_or_else(|| all(None), |s| s.positions());
        if let Some(k) = query.kind {
            list.retain(|&p| fi.kind(p as usize) == k);
        }
        Ok(list)
    }

    /// Classifies `candidates`: every match, with its tier; `None` if cancelled part way.
    fn classify_all(
        &self,
        candidates: &[u32],
        words: &[Word],
        quotes_only: bool,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<(u32, Classified)>> {
        halves(candidates, |part, out| {
            for chunk in part.chunks(CANCEL_EVERY) {
                if cancelled() {
                    return None;
                }
                for &pos in chunk {
                    if let Some(c) = rank::classify(&self.corpus, pos as usize, words, quotes_only)
                    {
                        out.push((pos, c));
                    }
                }
            }
            Some(())
        })
    }

    /// Keeps the classified records that hold the query's phrases and none of its left-out
    /// terms. Only such a query reads the texts of the records its words may match; a query of
    /// words is returned as it is. `None` if cancelled part way.
    fn narrow(
        &self,
        classified: Vec<(u32, Classified)>,
        query: &Query,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<(u32, Classified)>> {
        if !query.narrowed() {
            return Some(classified);
        }
        let narrowing = Narrowing::all(query);
        halves(&classified, |part, out| {
            for chunk in part.chunks(CANCEL_EVERY) {
                if cancelled() {
                    return None;
                }
                out.extend(chunk.iter().filter(|(p, _)| {
                    narrowed_ok(&self.corpus, *p as usize, query.quotes_only, &narrowing)
                }));
            }
            Some(())
        })
    }

    /// Runs `query`, starting from the narrowest earlier scan it extends. With `read_all`, every
    /// record that may match is read, so `Found::unread` is 0.
    pub fn scan(
        &self,
        query: &Query,
        limit: usize,
        read_all: bool,
        recent: &mut Recent,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Found> {
        if let Some(e) = &query.error {
            return Some(Found::failed(e.clone()));
        }
        if let Some(same) = recent.answer(query, limit, read_all) {
            return Some(same);
        }
        let c = &self.corpus;
        let words = self.words(query);
        let candidates = match self.candidates(query, &words, recent) {
            Ok(list) => list,
            Err(e) => return Some(Found::failed(e)),
        };
        let candidates = &candidates[..];
        let classified = self.classify_all(candidates, &words, query.quotes_only, cancelled)?;
        let mut listed = self.narrow(classified, query, cancelled)?;
        // What the next, longer query narrows from: every record classified, loose or not,
        // less those found not to match (below).
        let classified: Vec<u32> = listed.iter().map(|&(p, _)| p).collect();
        without_loose(c, query, &words, &mut listed, cancelled)?;
        let chosen = select(
            c,
            &listed,
            limit,
            &words,
            query.quotes_only,
            read_all,
            cancelled,
        )?;
        let hits = top(&chosen.scored, limit, &c.rank)
            .into_iter()
            .map(|mut hit| {
                if let Field::Quote(first) = hit.field {
                    hit.field = Field::Quote(rank::best_quote(c, hit.record, &words, first));
                }
                hit
            })
            .collect();
        let rejected = &chosen.rejected;
        let loose = classified.len() - listed.len() + chosen.loose;
        let found = Found {
            hits,
            total: listed.len() - rejected.len() - chosen.unread - chosen.loose,
            unread: chosen.unread,
            scanned: candidates.len(),
            loose,
            error: None,
        };
        recent.remember(Scan {
            query: query.clone(),
            matches: kept(classified, rejected),
            hits: found.hits.clone(),
            unread: chosen.unread,
            loose,
        });
        Some(found)
    }

    /// The records to classify: an earlier scan's matches that this query narrows (with the
    /// records a longer word may reach by a typo), else every record its kind and filters let
    /// through; an error when a filter names what the data does not hold.
    fn candidates<'a>(
        &'a self,
        query: &Query,
        words: &[Word],
        recent: &'a Recent,
    ) -> Result<Cow<'a, [u32]>, String> {
        let c = &self.corpus;
        let all = || -> Result<Cow<'a, [u32]>, String> {
            if !query.filters.is_empty() {
                return self.scope(query).map(Cow::Owned);
            }
            Ok(Cow::Borrowed(match query.kind {
                Some(k) => &c.by_kind[kind_slot(k)],
                None => &c.all[..],
            }))
        };
        let narrowed = recent.0.iter().filter(|s| extends(query, &s.query));
        let Some(s) = narrowed.min_by_key(|s| s.matches.len()) else {
            return all();
        };
        let mut near = typo_only(&s.query, words);
        if near.is_empty() {
            return Ok(Cow::Borrowed(&s.matches));
        }
        if query.kind.is_some() || !query.filters.is_empty() {
            let all = all()?;
            near.retain(|p| all.binary_search(p).is_ok());
        }
        Ok(Cow::Owned(union(&s.matches, &near)))
    }

    /// The query's words, prepared once: each with the vocabulary's words a typo away.
    fn words(&self, query: &Query) -> Vec<Word> {
        let c = &self.corpus;
        query
            .words
            .iter()
            .map(|w| {
                let near = if query.quotes_only {
                    Vec::new()
                } else {
                    c.vocabulary.near(w)
                };
                let mut word = Word::new(w, near, c.len()).in_no_text(&c.starts);
                word.short = query.is_short();
                word
            })
            .collect()
    }
}

/// What the next, longer query narrows from: every match, and what may match unread; the
/// classified records less those rejected (both in order).
fn kept(classified: Vec<u32>, rejected: &[u32]) -> Vec<u32> {
    let mut no = rejected.iter().peekable();
    classified
        .into_iter()
        .filter(|p| {
            while no.next_if(|r| *r < p).is_some() {}
            no.peek() != Some(&p)
        })
        .collect()
}
