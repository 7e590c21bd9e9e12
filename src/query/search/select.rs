//! Choosing the list from the records a scan classified, doing as little of the costly work as
//! the list needs: the fuzzy scorer only for matches that can rank high enough, and a record's
//! summary, quotes and notes read only when hits in names cannot fill the list.
//!
//! Every match of a tier better than the one where the list fills is in it. The rest compete
//! for the room left, in the order of the best they could score (tier, then the most points
//! they can have, then the index's order, which breaks ties); once the list is full and the
//! next could not beat its worst, neither can any after it, and the work stops. Records never
//! read are counted as `unread`: they may or may not match.

use super::corpus::Corpus;
use super::matcher::FastSkim;
use super::rank::{self, Classified, Scored, Word};
use super::{Hit, Query, Tier};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, Ordering};

/// Candidates per thread below which a second thread costs more than it saves.
pub const PARALLEL_FROM: usize = 16_384;
/// How often work looks whether it has been overtaken by a newer query.
pub const CANCEL_EVERY: usize = 2_048;

/// `f` over `items`, in two halves on two threads when there are enough of them to be worth
/// it, each pushing its results to the list it is given; the results in order. `None` if
/// either half gave up.
///
/// The list has room for a result per item from the start, the second half's appended to the
/// first's without growing it: a first letter at a million records classifies most of them,
/// and growing lists by doubling, then joining them, was half of its time (copies and fresh
/// pages). Room never written to is never touched.
pub fn halves<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&[T], &mut Vec<R>) -> Option<()> + Sync,
) -> Option<Vec<R>> {
    let mut out = Vec::with_capacity(items.len());
    if items.len() < 2 * PARALLEL_FROM {
        return f(items, &mut out).map(|()| out);
    }
    let (a, b) = items.split_at(items.len() / 2);
    let (a, b) = std::thread::scope(|s| {
        let other = s.spawn(|| {
            let mut rest = Vec::with_capacity(b.len());
            f(b, &mut rest).map(|()| rest)
        });
        (f(a, &mut out), other.join().ok().flatten())
    });
    a?;
    out.extend(b?);
    Some(out)
}

/// What was chosen.
pub struct Selection {
    /// Scored matches, at least those of the list (`top` cuts and orders them).
    pub scored: Vec<(u32, Scored)>,
    /// Unread records that were read and do not match, ascending.
    pub rejected: Vec<u32>,
    /// Unread records that were read and match.
    pub read: usize,
    /// Unread records left unread.
    pub unread: usize,
    /// `loose` records that were read and whose texts do not hold the word: loose matches,
    /// left out of the list (see [`without_loose`]) but not rejected.
    pub loose: usize,
}

/// A hit's place in the order, larger first: better tier, more points, earlier in the index.
type Key = (Reverse<Tier>, i64, Reverse<u32>);

struct Choice<'a> {
    corpus: &'a Corpus,
    words: &'a [Word],
    quotes_only: bool,
    cancelled: &'a (dyn Fn() -> bool + Sync),
}

impl Choice<'_> {
    /// The score of a classified record, reading and scoring what it needs; `None` if it
    /// turns out not to match (only an unread record can), or to be a loose match.
    fn score(&self, m: &mut FastSkim, pos: u32, c: &Classified) -> Option<Scored> {
        if c.loose {
            return rank::text_score(self.corpus, pos as usize, self.words);
        }
        c.scored()
            .or_else(|| rank::score(self.corpus, m, pos as usize, self.words, self.quotes_only))
    }

    /// Counts a record read that did not match: rejected, or loose.
    fn missed(&self, pos: u32, c: &Classified, out: &mut Selection) {
        match c.loose {
            true => out.loose += 1,
            false => out.rejected.push(pos),
        }
    }

    fn score_all(&self, items: &[(u32, Classified)]) -> Option<Vec<(u32, Option<Scored>)>> {
        halves(items, |part, out| {
            let mut m = FastSkim::default();
            for chunk in part.chunks(CANCEL_EVERY) {
                if (self.cancelled)() {
                    return None;
                }
                out.extend(chunk.iter().map(|(p, c)| (*p, self.score(&mut m, *p, c))));
            }
            Some(())
        })
    }
}

/// Chooses from `classified` (ascending by record) what the best `limit` hits need. With
/// `read_all`, every unread record is read, so that the number of matches is exact.
pub fn select(
    corpus: &Corpus,
    classified: &[(u32, Classified)],
    limit: usize,
    words: &[Word],
    quotes_only: bool,
    read_all: bool,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Selection> {
    let choice = Choice {
        corpus,
        words,
        quotes_only,
        cancelled,
    };
    let mut counts = [0usize; 6];
    for (_, c) in classified.iter().filter(|(_, c)| !c.unread) {
        counts[c.tier as usize] += 1;
    }
    // The tier where read matches fill the list (the last, if they never do), and how many
    // come before it. Unread records can be no better than a summary's (a quote's).
    let floor = if quotes_only {
        Tier::Text
    } else {
        Tier::Summary
    };
    let (mut last, mut before) = (0, 0);
    for (tier, n) in counts.iter().enumerate() {
        last = tier;
        if before + n >= limit || tier == counts.len() - 1 {
            break;
        }
        before += n;
    }
    // Unread records compete only if the list is not full before their best tier.
    let last = last.min(floor as usize);
    let before: usize = counts[..last].iter().sum();
    let sure: Vec<(u32, Classified)> = classified
        .iter()
        .filter(|(_, c)| !c.unread && (c.tier as usize) < last)
        .copied()
        .collect();
    let mut scored: Vec<(u32, Scored)> = choice
        .score_all(&sure)?
        .into_iter()
        .filter_map(|(p, s)| Some((p, s?)))
        .collect();
    // The last tier's read matches, and, if it is a summary's (a quote's), everything unread
    // and every read match in texts.
    let competing: Vec<usize> = (0..classified.len())
        .filter(|&i| {
            let c = &classified[i].1;
            match (c.unread, last == floor as usize) {
                (true, unread_compete) => unread_compete,
                (false, true) => c.tier as usize >= last,
                (false, false) => c.tier as usize == last,
            }
        })
        .collect();
    let room = limit.saturating_sub(before);
    let mut out = Selection {
        scored: Vec::new(),
        rejected: Vec::new(),
        read: 0,
        unread: 0,
        loose: 0,
    };
    let done = compete(&choice, classified, competing, room, &mut scored, &mut out)?;
    read_the_rest(&choice, classified, done, read_all, &mut out)?;
    out.rejected.sort_unstable();
    out.scored = scored;
    Some(out)
}

/// Every unread record not read for the list (`done` were): read now if every match must be
/// counted, else counted as unread.
fn read_the_rest(
    choice: &Choice,
    classified: &[(u32, Classified)],
    done: Vec<usize>,
    read_all: bool,
    out: &mut Selection,
) -> Option<()> {
    let unread = |&(_, c): &(u32, Classified)| c.unread;
    if !read_all {
        let read = done.iter().filter(|&&i| unread(&classified[i])).count();
        out.unread = classified.iter().filter(|e| unread(e)).count() - read;
        return Some(());
    }
    let mut left: Vec<bool> = classified.iter().map(unread).collect();
    for i in done {
        left[i] = false;
    }
    let left: Vec<(u32, Classified)> = classified
        .iter()
        .zip(&left)
        .filter(|(_, l)| **l)
        .map(|(e, _)| *e)
        .collect();
    for ((pos, s), (_, c)) in choice.score_all(&left)?.into_iter().zip(&left) {
        match s {
            Some(_) => out.read += 1,
            None => choice.missed(pos, c, out),
        }
    }
    Some(())
}

/// The best `room` scored so far, the worst on top of the heap.
struct Best {
    room: usize,
    kept: BinaryHeap<Reverse<(Key, usize)>>,
    found: Vec<(u32, Scored)>,
}

impl Best {
    /// Whether a candidate that can do at best `hope` cannot get in any more.
    fn beyond(&self, hope: &Key) -> bool {
        self.kept.len() == self.room
            && self
                .kept
                .peek()
                .is_some_and(|Reverse((worst, _))| hope < worst)
    }

    /// Keeps `scored` if it beats the worst kept, or there is room.
    fn offer(&mut self, key: Key, scored: (u32, Scored)) {
        if self.kept.len() < self.room {
            self.kept.push(Reverse((key, self.found.len())));
        } else if self.kept.peek().is_some_and(|Reverse((w, _))| key > *w) {
            self.kept.pop();
            self.kept.push(Reverse((key, self.found.len())));
        } else {
            return;
        }
        self.found.push(scored);
    }

    fn into_scored(self) -> impl Iterator<Item = (u32, Scored)> {
        let found = self.found;
        self.kept.into_iter().map(move |Reverse((_, i))| found[i])
    }
}

/// Fills `room` places from `competing` (indices into `classified`), best possible first,
/// until none left could beat the worst kept; returns the indices it read.
fn compete(
    choice: &Choice,
    classified: &[(u32, Classified)],
    competing: Vec<usize>,
    room: usize,
    scored: &mut Vec<(u32, Scored)>,
    out: &mut Selection,
) -> Option<Vec<usize>> {
    let rank = &choice.corpus.rank;
    // The best a candidate could do (an unread record's tier is the best it could have).
    let hope = |i: usize| -> Key {
        let (pos, c) = &classified[i];
        (Reverse(c.tier), c.most(), Reverse(rank[*pos as usize]))
    };
    let mut best = Best {
        room,
        kept: BinaryHeap::new(),
        found: Vec::new(),
    };
    // Each candidate's hope computed once, beside it: sorting by a key read through two
    // scattered tables was most of a short word's search at a million records.
    let mut competing: Vec<(Reverse<Key>, usize)> = competing
        .into_iter()
        .map(|i| (Reverse(hope(i)), i))
        .collect();
    // Best hope first, a batch at a time: most searches need only the first. Each batch is
    // twice the last, so that picking them out costs no more than sorting everything.
    let mut from = 0;
    let mut size = (2 * room).max(CANCEL_EVERY);
    while from < competing.len() && room > 0 {
        let batch = size.min(competing.len() - from);
        size *= 2;
        let rest = &mut competing[from..];
        if batch < rest.len() {
            rest.select_nth_unstable(batch);
        }
        rest[..batch].sort_unstable();
        let start = from;
        from += batch;
        // Stop before the batch if its best cannot get in.
        if best.beyond(&competing[start].0.0) {
            from = start;
            break;
        }
        let items: Vec<(u32, Classified)> = competing[start..from]
            .iter()
            .map(|&(_, i)| classified[i])
            .collect();
        let mut stop = None;
        for (k, (pos, s)) in choice.score_all(&items)?.into_iter().enumerate() {
            let (Reverse(hoped), i) = competing[start + k];
            if best.beyond(&hoped) {
                stop = Some(start + k);
                break;
            }
            let Some(s) = s else {
                choice.missed(pos, &classified[i].1, out);
                continue;
            };
            if classified[i].1.unread {
                out.read += 1;
            }
            best.offer(
                (Reverse(s.tier), s.points, Reverse(rank[pos as usize])),
                (pos, s),
            );
        }
        if let Some(at) = stop {
            from = at;
            break;
        }
    }
    scored.extend(best.into_scored());
    Some(competing[..from].iter().map(|&(_, i)| i).collect())
}

/// Leaves out of a short query's matches the loose ones (see `Found::loose`), when better
/// ones exist and loose ones too. Whether a record not yet read (its word perhaps in a text)
/// is better is read here, on two threads, until one is. `loose` records stay, unread: read
/// for the list, those whose texts do not hold the word are left out then (see
/// [`Selection::loose`]). When nothing is better, they are loose matches, and classified as
/// such. `None` if cancelled part way.
pub fn without_loose(
    corpus: &Corpus,
    query: &Query,
    words: &[Word],
    classified: &mut Vec<(u32, Classified)>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<()> {
    let loose = |k: &Classified| !k.unread && matches!(k.tier, Tier::Fuzzy | Tier::Typo);
    if !query.is_short() || !classified.iter().any(|(_, k)| loose(k) || k.loose) {
        return Some(());
    }
    let sure = classified.iter().any(|(_, k)| !k.unread && !loose(k));
    if sure || any_read_matches(corpus, words, classified, cancelled)? {
        classified.retain(|(_, c)| !loose(c));
        return Some(());
    }
    // Every `loose` record was read above, and none holds the word in a text.
    *classified = halves(classified, |part, out| {
        let mut m = FastSkim::default();
        for chunk in part.chunks(CANCEL_EVERY) {
            if cancelled() {
                return None;
            }
            out.extend(chunk.iter().map(|&(p, c)| match c.loose {
                true => (p, loose_match(corpus, &mut m, p, words)),
                false => (p, c),
            }));
        }
        Some(())
    })?;
    Some(())
}

/// Does some unread record match, once read (a `loose` one: in a text)? Read on two threads,
/// until one does; `None` if cancelled part way.
fn any_read_matches(
    corpus: &Corpus,
    words: &[Word],
    classified: &[(u32, Classified)],
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<bool> {
    let found = AtomicBool::new(false);
    halves(classified, |part, _: &mut Vec<()>| {
        let mut m = FastSkim::default();
        for chunk in part.chunks(CANCEL_EVERY) {
            if found.load(Ordering::Relaxed) {
                break;
            }
            if cancelled() {
                return None;
            }
            let matches = |&(p, k): &(u32, Classified)| match k.loose {
                true => rank::text_score(corpus, p as usize, words).is_some(),
                false => {
                    k.unread && rank::score(corpus, &mut m, p as usize, words, false).is_some()
                }
            };
            if chunk.iter().any(matches) {
                found.store(true, Ordering::Relaxed);
            }
        }
        Some(())
    })?;
    Some(found.into_inner())
}

/// A `loose` record whose texts do not hold the word, classified as the loose match it is.
fn loose_match(corpus: &Corpus, m: &mut FastSkim, pos: u32, words: &[Word]) -> Classified {
    match rank::loose_score(corpus, m, pos as usize, words) {
        Some(s) => Classified::known(s),
        // Where the scorer disagrees with the classifier: scored again when listed, and
        // rejected then, as a full score finds no match either.
        None => Classified::new(Tier::Fuzzy, 0, None, false, false),
    }
}

/// The best `limit` hits, best first; equal scores in the index's order (`rank`), exactly as a
/// stable sort of everything in that order would give, without sorting everything.
pub fn top(scored: &[(u32, Scored)], limit: usize, rank: &[u32]) -> Vec<Hit> {
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
