//! The scan behind every search: a byte-mask and `memchr` prefilter before the scorer, two
//! threads on large datasets, top rows selected rather than everything sorted, earlier results
//! narrowed rather than everything scanned again, and stale scans abandoned as soon as a newer
//! query arrives.

use super::corpus::Corpus;
use super::matcher::FastSkim;
use super::rank::{self, Classified, Scored, Word};
use super::{Field, Hit, Query};
use crate::model::Kind;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};

/// Candidates per thread below which a second thread costs more than it saves.
const PARALLEL_FROM: usize = 16_384;
/// How often a scan looks whether it has been overtaken by a newer query.
const CANCEL_EVERY: usize = 2_048;
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

/// A finished scan, kept to narrow the next query: every matching position, and the best hits.
struct Scan {
    query: Query,
    matches: Vec<u32>,
    hits: Vec<Hit>,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// The best matches, best first.
    pub hits: Vec<Hit>,
    /// How many records match in all.
    pub total: usize,
    /// Records scored to get here: the whole kind, fewer when the query narrowed an earlier
    /// one, none when it repeated one.
    pub scanned: usize,
}

/// Recent scans, newest last.
#[derive(Default)]
pub struct Recent(VecDeque<Scan>);

/// Does every record that matches `new` also match `old`, but for typos? True when the kind and
/// scope are the same and each of the old words is the start of the new word in its place:
/// typing on. (A longer word may match by a typo where its start matched nothing: those records
/// are added from the vocabulary, see [`Engine::scan`].)
fn extends(new: &Query, old: &Query) -> bool {
    new.kind == old.kind
        && new.quotes_only == old.quotes_only
        && old.words.len() <= new.words.len()
        && old
            .words
            .iter()
            .zip(&new.words)
            .all(|(o, n)| n.starts_with(o.as_str()))
}

impl Recent {
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

/// `f` over `items`, in two halves on two threads when there are enough of them to be worth
/// it; the results in order. `None` if either half gave up.
fn halves<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&[T]) -> Option<Vec<R>> + Sync,
) -> Option<Vec<R>> {
    if items.len() < 2 * PARALLEL_FROM {
        return f(items);
    }
    let (a, b) = items.split_at(items.len() / 2);
    let (a, b) = std::thread::scope(|s| {
        let other = s.spawn(|| f(b));
        (f(a), other.join().ok().flatten())
    });
    let mut a = a?;
    a.extend(b?);
    Some(a)
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

pub struct Engine {
    pub corpus: Corpus,
}

impl Engine {
    pub fn len(&self) -> usize {
        self.corpus.len()
    }

    /// Classifies `candidates`: every match, with its tier; `None` if cancelled part way.
    fn classify_all(
        &self,
        candidates: &[u32],
        words: &[Word],
        quotes_only: bool,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<(u32, Classified)>> {
        halves(candidates, |part| {
            let mut out = Vec::new();
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
            Some(out)
        })
    }

    /// The scores of the matches that can make the list. Every match of a tier better than
    /// the one where `limit` fills is in it; of that last tier, only the best few, and a match
    /// is scored only if the most points it can have would get it in (most matches of a short
    /// word are scattered letters, which cannot beat as many found as typed).
    fn score_best(
        &self,
        classified: &[(u32, Classified)],
        limit: usize,
        words: &[Word],
        quotes_only: bool,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<(u32, Scored)>> {
        let mut counts = [0usize; 6];
        for (_, c) in classified {
            counts[c.tier as usize] += 1;
        }
        // The tier where the list fills (the last, if it never does), and how many come before.
        let (mut last, mut before) = (0, 0);
        for (tier, n) in counts.iter().enumerate() {
            last = tier;
            if before + n >= limit || tier == counts.len() - 1 {
                break;
            }
            before += n;
        }
        let score = |m: &mut FastSkim, pos: u32, c: &Classified| {
            c.scored
                .or_else(|| rank::score(&self.corpus, m, pos as usize, words, quotes_only))
        };
        let better: Vec<(u32, Classified)> = classified
            .iter()
            .filter(|(_, c)| (c.tier as usize) < last)
            .copied()
            .collect();
        let mut out = halves(&better, |part| {
            let mut m = FastSkim::default();
            let mut out = Vec::with_capacity(part.len());
            for chunk in part.chunks(CANCEL_EVERY) {
                if cancelled() {
                    return None;
                }
                out.extend(
                    chunk
                        .iter()
                        .filter_map(|(p, c)| Some((*p, score(&mut m, *p, c)?))),
                );
            }
            Some(out)
        })?;
        let room = limit.saturating_sub(before).min(counts[last]);
        if room == 0 {
            return Some(out);
        }
        // The last tier's matches by the most points they can have, highest first.
        let mut by_most: BTreeMap<Reverse<i64>, Vec<u32>> = BTreeMap::new();
        for (i, (_, c)) in classified.iter().enumerate() {
            if c.tier as usize == last {
                by_most.entry(Reverse(c.most)).or_default().push(i as u32);
            }
        }
        // The `room` best so far, the worst on top: fewer points, then later in the index.
        let mut kept: BinaryHeap<Reverse<(i64, Reverse<u32>, u32)>> = BinaryHeap::new();
        let mut scored: Vec<(u32, Scored)> = Vec::new();
        for (Reverse(most), entries) in by_most {
            if kept.len() == room && kept.peek().is_some_and(|Reverse(w)| most < w.0) {
                break;
            }
            // All of a bucket or none: they can all score as much.
            let bucket = halves(&entries, |part| {
                let mut m = FastSkim::default();
                let mut out = Vec::with_capacity(part.len());
                for chunk in part.chunks(CANCEL_EVERY) {
                    if cancelled() {
                        return None;
                    }
                    for &i in chunk {
                        let (pos, c) = &classified[i as usize];
                        out.extend(score(&mut m, *pos, c).map(|s| (*pos, s)));
                    }
                }
                Some(out)
            })?;
            for (pos, s) in bucket {
                let key = (
                    s.points,
                    Reverse(self.corpus.rank[pos as usize]),
                    scored.len() as u32,
                );
                if kept.len() < room {
                    kept.push(Reverse(key));
                } else if kept.peek().is_some_and(|Reverse(w)| key > *w) {
                    kept.pop();
                    kept.push(Reverse(key));
                } else {
                    continue;
                }
                scored.push((pos, s));
            }
        }
        out.extend(
            kept.into_iter()
                .map(|Reverse((_, _, i))| scored[i as usize]),
        );
        Some(out)
    }

    /// Runs `query`, starting from the narrowest earlier scan it extends.
    pub fn scan(
        &self,
        query: &Query,
        limit: usize,
        recent: &mut Recent,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Found> {
        if let Some(same) = recent
            .0
            .iter()
            .rev()
            .find(|s| s.query == *query && s.hits.len() >= limit.min(s.matches.len()))
        {
            return Some(Found {
                hits: same.hits.iter().take(limit).cloned().collect(),
                total: same.matches.len(),
                scanned: 0,
            });
        }
        let c = &self.corpus;
        let all = match query.kind {
            Some(k) => &c.by_kind[Kind::ALL.iter().position(|&x| x == k)?][..],
            None => &c.all[..],
        };
        let words: Vec<Word> = query
            .words
            .iter()
            .map(|w| {
                let near = if query.quotes_only {
                    Vec::new()
                } else {
                    c.vocabulary.near(w)
                };
                Word::new(w, near, c.len())
            })
            .collect();
        let narrowed = recent
            .0
            .iter()
            .filter(|s| extends(query, &s.query))
            .min_by_key(|s| s.matches.len());
        let widened;
        let candidates = match narrowed {
            Some(s) => {
                let mut near = typo_only(&s.query, &words);
                if near.is_empty() {
                    &s.matches[..]
                } else {
                    if query.kind.is_some() {
                        near.retain(|p| all.binary_search(p).is_ok());
                    }
                    widened = union(&s.matches, &near);
                    &widened[..]
                }
            }
            None => all,
        };
        let classified = self.classify_all(candidates, &words, query.quotes_only, cancelled)?;
        let scored = self.score_best(&classified, limit, &words, query.quotes_only, cancelled)?;
        let hits = top(&scored, limit, &c.rank)
            .into_iter()
            .map(|mut hit| {
                if let Field::Quote(first) = hit.field {
                    hit.field = Field::Quote(rank::best_quote(c, hit.record, &words, first));
                }
                hit
            })
            .collect();
        let found = Found {
            hits,
            total: classified.len(),
            scanned: candidates.len(),
        };
        recent.remember(Scan {
            query: query.clone(),
            matches: classified.iter().map(|&(p, _)| p).collect(),
            hits: found.hits.clone(),
        });
        Some(found)
    }
}

/// The best `limit` hits, best first; equal scores in the index's order (`rank`), exactly as a
/// stable sort of everything in that order would give, without sorting everything.
fn top(scored: &[(u32, Scored)], limit: usize, rank: &[u32]) -> Vec<Hit> {
    let mut keys: Vec<(Reverse<i64>, u32, u32)> = scored
        .iter()
        .enumerate()
        .map(|(i, (record, s))| {
            let score = Hit::rank(s.tier, s.points);
            (Reverse(score), rank[*record as usize], i as u32)
        })
        .collect();
    if keys.len() > limit && limit > 0 {
        keys.select_nth_unstable(limit - 1);
    }
    keys.truncate(limit);
    keys.sort_unstable();
    keys.into_iter()
        .map(|(Reverse(score), _, i)| {
            let (record, s) = scored[i as usize];
            Hit {
                record: record as usize,
                score,
                field: s.field,
            }
        })
        .collect()
}
