//! The scan behind every search: lower-cased keys laid out once at load, a byte-mask and
//! `memchr` prefilter before the scorer, two threads on large datasets, top rows selected rather
//! than everything sorted, and stale scans abandoned as soon as a newer query arrives.

use super::matcher::{FastSkim, Matcher};
use super::{Field, Hit, Query};
use crate::index::Index;
use crate::model::Kind;
use memchr::memmem;
use std::cmp::Reverse;
use std::collections::VecDeque;
use std::ops::Range;

/// Candidates per thread below which a second thread costs more than it saves.
const PARALLEL_FROM: usize = 16_384;
/// How often a scan looks whether it has been overtaken by a newer query.
const CANCEL_EVERY: usize = 2_048;
/// Finished scans kept for narrowing: enough to make backspacing over a word instant too.
const KEPT: usize = 8;

const WEIGHTS: [(Field, i64); 4] = [
    (Field::Name, 4),
    (Field::Alias, 3),
    (Field::Id, 2),
    (Field::Summary, 1),
];

/// Every record's search keys, lower-cased, back to back in one string in the order a scan
/// visits them (the index's: kinds in `Kind::ALL` order, each sorted by name). One allocation
/// instead of four per record, and a scan that reads memory in order: visiting records by
/// their own numbers made most of a scan's time cache misses.
///
/// Records are known here by their position in that order; `order` turns one into a record.
pub struct Engine {
    text: String,
    /// Start of the keys, then the end of the name, aliases, id and summary, by position.
    bounds: Vec<[u32; 5]>,
    /// Which bytes occur anywhere in the keys (see `mask`), by position.
    masks: Vec<u64>,
    /// The record at each position.
    order: Vec<u32>,
    /// Every position, to scan all of them as a slice.
    positions: Vec<u32>,
    /// Positions of each kind, in `Kind::ALL` order.
    kinds: Vec<Range<usize>>,
}

/// A 64-bit set of the bytes in `s`: letters and digits get a bit each, other bytes share the
/// rest. A word can only match a record whose set contains the word's set.
pub fn mask(s: &[u8]) -> u64 {
    s.iter().fold(0, |m, &b| {
        let bit = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + b - b'0',
            _ => 36 + b % 28,
        };
        m | 1 << bit
    })
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

/// A query word, prepared once per scan.
pub struct Word<'a> {
    pub text: &'a str,
    pub mask: u64,
    pub finder: memmem::Finder<'a>,
    /// More than any field of weight 1 can score for this word, found as typed: each character
    /// scores at most a match (16) and a bonus (16).
    pub ceiling: i64,
}

impl<'a> Word<'a> {
    pub fn new(text: &'a str) -> Word<'a> {
        Word {
            text,
            mask: mask(text.as_bytes()),
            finder: memmem::Finder::new(text.as_bytes()),
            ceiling: 2 * 32 * text.chars().count() as i64,
        }
    }
}

/// A finished scan, kept to narrow the next query: every matching record, and the best ones.
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

/// Does every record that matches `new` also match `old`? True when the kind is the same and
/// each of the old words is the start of the new word in its place: typing on.
fn extends(new: &Query, old: &Query) -> bool {
    new.kind == old.kind
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

impl Engine {
    pub fn new(index: &Index) -> Engine {
        let mut text = String::new();
        let mut bounds = Vec::with_capacity(index.len());
        let mut masks = Vec::with_capacity(index.len());
        let push = |text: &mut String, s: &str| {
            // Lower-casing only what needs it keeps an ASCII dataset to one copy.
            if s.bytes().any(|b| b.is_ascii_uppercase()) || !s.is_ascii() {
                text.push_str(&s.to_lowercase());
            } else {
                text.push_str(s);
            }
            text.len() as u32
        };
        let mut order = Vec::with_capacity(index.len());
        let mut kinds = Vec::new();
        for kind in Kind::ALL {
            let from = order.len();
            order.extend(index.of_kind(kind).iter().map(|&i| i as u32));
            kinds.push(from..order.len());
        }
        // Sized up front: grown by doubling, the string would need twice its size at the moment
        // it moves, and at a million records that decided the peak memory.
        let size: usize = index
            .records
            .iter()
            .map(|r| {
                let aliases: usize = r.aliases().iter().map(|a| a.len() + " · ".len()).sum();
                r.name().len() + aliases + r.id().as_str().len() + r.summary().len()
            })
            .sum();
        text.reserve(size + size / 16);
        for &record in &order {
            let r = index.record(record as usize);
            let start = text.len() as u32;
            let name = push(&mut text, r.name());
            let aliases = push(&mut text, &r.aliases().join(" · "));
            // Ids are kebab-case slugs: already lower-case, and matched as they are.
            text.push_str(r.id().as_str());
            let id = text.len() as u32;
            let summary = push(&mut text, r.summary());
            masks.push(mask(&text.as_bytes()[start as usize..]));
            bounds.push([start, name, aliases, id, summary]);
        }
        text.shrink_to_fit();
        Engine {
            text,
            bounds,
            masks,
            positions: (0..order.len() as u32).collect(),
            order,
            kinds,
        }
    }

    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    fn field(&self, pos: usize, field: Field) -> &str {
        let b = &self.bounds[pos];
        let (from, to) = match field {
            Field::Name => (b[0], b[1]),
            Field::Alias => (b[1], b[2]),
            Field::Id => (b[2], b[3]),
            Field::Summary => (b[3], b[4]),
        };
        &self.text[from as usize..to as usize]
    }

    /// Scores one record against every word; `None` if some word matches nowhere.
    fn score(&self, m: &mut impl Matcher, pos: usize, words: &[Word]) -> Option<(i64, Field)> {
        let have = self.masks[pos];
        if words.iter().any(|w| w.mask & !have != 0) {
            return None;
        }
        let mut total = 0;
        let mut best_field = Field::Summary;
        let mut best_weight = 0;
        for word in words {
            let mut best: Option<(i64, Field, i64)> = None;
            for (field, weight) in WEIGHTS {
                // Fields are tried by weight; once even a perfect match in this one could not
                // beat the best so far (ties keep the earlier field), the rest can be skipped.
                if best.is_some_and(|b| b.0 >= word.ceiling * weight) {
                    break;
                }
                let text = self.field(pos, field);
                // Summaries are long enough for any few letters to match somewhere, so there a
                // word must appear as typed; names, aliases and ids match fuzzily.
                let contains = if field == Field::Summary {
                    if word.finder.find(text.as_bytes()).is_none() {
                        continue;
                    }
                    true
                } else {
                    if !subsequence(text.as_bytes(), word.text.as_bytes()) {
                        continue;
                    }
                    word.finder.find(text.as_bytes()).is_some()
                };
                if let Some(s) = m.score(text, word.text) {
                    // A word found as it was typed beats a scattered fuzzy match.
                    let s = s * weight * if contains { 2 } else { 1 };
                    if best.is_none_or(|b| s > b.0) {
                        best = Some((s, field, weight));
                    }
                }
            }
            let (s, field, weight) = best?;
            total += s;
            if weight > best_weight {
                best_weight = weight;
                best_field = field;
            }
        }
        Some((total, best_field))
    }

    /// Scores `candidates` in order; `None` if `cancelled` said so part way.
    fn score_all(
        &self,
        candidates: &[u32],
        words: &[Word],
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<(u32, i64, Field)>> {
        let mut m = FastSkim::default();
        let mut out = Vec::new();
        for chunk in candidates.chunks(CANCEL_EVERY) {
            if cancelled() {
                return None;
            }
            for &pos in chunk {
                if let Some((score, field)) = self.score(&mut m, pos as usize, words) {
                    out.push((pos, score, field));
                }
            }
        }
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
        let all = match query.kind {
            Some(k) => &self.positions[self.kinds[Kind::ALL.iter().position(|&x| x == k)?].clone()],
            None => &self.positions[..],
        };
        let candidates = recent
            .0
            .iter()
            .filter(|s| extends(query, &s.query))
            .min_by_key(|s| s.matches.len())
            .map_or(all, |s| &s.matches[..]);
        let words: Vec<Word> = query.words.iter().map(|w| Word::new(w)).collect();
        let scored = if candidates.len() >= 2 * PARALLEL_FROM {
            let (a, b) = candidates.split_at(candidates.len() / 2);
            let (a, b) = std::thread::scope(|s| {
                let other = s.spawn(|| self.score_all(b, &words, cancelled));
                let mine = self.score_all(a, &words, cancelled);
                (mine, other.join().ok().flatten())
            });
            let mut a = a?;
            a.extend(b?);
            a
        } else {
            self.score_all(candidates, &words, cancelled)?
        };
        let found = Found {
            hits: top(&scored, limit, &self.order),
            total: scored.len(),
            scanned: candidates.len(),
        };
        recent.remember(Scan {
            query: query.clone(),
            matches: scored.iter().map(|&(r, ..)| r).collect(),
            hits: found.hits.clone(),
        });
        Some(found)
    }
}

/// The best `limit` rows, best first; equal scores keep their order (the index's kind-then-name
/// order), exactly as a stable sort of everything would, without sorting everything.
fn top(scored: &[(u32, i64, Field)], limit: usize, order: &[u32]) -> Vec<Hit> {
    let mut keys: Vec<(Reverse<i64>, u32)> = scored
        .iter()
        .enumerate()
        .map(|(pos, &(_, score, _))| (Reverse(score), pos as u32))
        .collect();
    if keys.len() > limit && limit > 0 {
        keys.select_nth_unstable(limit - 1);
    }
    keys.truncate(limit);
    keys.sort_unstable();
    keys.into_iter()
        .map(|(_, pos)| {
            let (at, score, field) = scored[pos as usize];
            Hit {
                record: order[at as usize] as usize,
                score,
                field,
            }
        })
        .collect()
}
