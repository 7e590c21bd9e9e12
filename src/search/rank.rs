//! How one record matches a query: its tier, its points within the tier, and the field that
//! put it there. The rules, in order:
//!
//! 1. Every word must match somewhere in the record.
//! 2. Each word takes its best match: a name or alias word that starts with it (prefix), then
//!    the name, an alias or the id matching it fuzzily (letters in order; for the id, a part of
//!    it that starts with the word), then a name or alias word a typo or two away, then a
//!    summary word that starts with it, then a word of a quote or of the notes.
//! 3. A record ranks by its weakest word; the whole query equal to a name, an alias or the id
//!    ranks above everything.
//! 4. Within a tier, points decide: a name counts 4, an alias 3, the id 2 and the summary 1 times
//!    the fuzzy score, which doubles where the word is found as typed (the explorer's rules
//!    before tiers existed); equal points keep the index's order (kind, then name).

use super::corpus::{ALIAS_BREAK, Corpus, FIRST_QUOTE, NOTES, SUMMARY};
use super::engine::subsequence;
use super::matcher::{FastSkim, Matcher};
use super::typo::Near;
use super::words::{Found, Needle};
use super::{Field, Tier};
use memchr::memmem;

/// A query word, prepared once per search.
pub struct Word {
    pub text: String,
    pub mask: u64,
    finder: memmem::Finder<'static>,
    pub needle: Needle,
    /// Records with a name or alias word near this one, by position.
    near: Vec<Near>,
    /// The same as a bit per position, for the scan.
    near_bits: Vec<u64>,
}

impl Word {
    /// `text` is folded; `near` comes from the vocabulary; `len` is the number of positions.
    pub fn new(text: &str, near: Vec<Near>, len: usize) -> Word {
        let mut near_bits = Vec::new();
        if !near.is_empty() {
            near_bits = vec![0u64; len.div_ceil(64)];
            for n in &near {
                near_bits[n.position as usize / 64] |= 1 << (n.position % 64);
            }
        }
        Word {
            text: text.to_string(),
            mask: super::engine::mask(text.as_bytes()),
            finder: memmem::Finder::new(text.as_bytes()).into_owned(),
            needle: Needle::new(text),
            near,
            near_bits,
        }
    }

    /// Positions whose names have a word a typo or two away from this one (and none equal).
    pub fn typos(&self) -> impl Iterator<Item = u32> + '_ {
        self.near.iter().filter(|n| n.edits > 0).map(|n| n.position)
    }

    fn near(&self, pos: usize) -> Option<&Near> {
        let bits = self.near_bits.get(pos / 64)?;
        if bits & 1 << (pos % 64) == 0 {
            return None;
        }
        let i = self
            .near
            .binary_search_by_key(&(pos as u32), |n| n.position)
            .ok()?;
        self.near.get(i)
    }
}

/// A match: how good, how many points, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scored {
    pub tier: Tier,
    pub points: i64,
    pub field: Field,
}

impl Scored {
    /// Is `self` a better match than `other`?
    fn beats(&self, other: &Option<Scored>) -> bool {
        other.is_none_or(|o| (self.tier, -self.points) < (o.tier, -o.points))
    }
}

/// Points for a word found in a summary, quote or note: each character, and a whole word more.
fn text_points(word: &Word, found: Found) -> i64 {
    let chars = word.text.chars().count() as i64;
    32 * chars + if found.whole { 16 } else { 0 }
}

/// The best match of a word in the name, an alias or the id.
fn in_keys(c: &Corpus, m: &mut FastSkim, pos: usize, w: &Word) -> Option<Scored> {
    if w.mask & !c.masks[pos] != 0 {
        return None;
    }
    let mut best: Option<Scored> = None;
    let name = c.name(pos);
    let fields = std::iter::once((Field::Name, 4, name)).chain(
        c.aliases(pos)
            .split(ALIAS_BREAK)
            .map(|a| (Field::Alias, 3, a)),
    );
    for (field, weight, text) in fields {
        if !subsequence(text.as_bytes(), w.text.as_bytes()) {
            continue;
        }
        let Some(s) = m.score(text, &w.text) else {
            continue;
        };
        let typed = w.finder.find(text.as_bytes()).is_some();
        let tier = if typed && w.needle.find(text, 0).is_some() {
            Tier::Prefix
        } else {
            Tier::Fuzzy
        };
        let found = Scored {
            tier,
            points: s * weight * if typed { 2 } else { 1 },
            field,
        };
        if found.beats(&best) {
            best = Some(found);
        }
    }
    if best.is_none_or(|b| b.tier > Tier::Fuzzy) {
        let id = c.id(pos);
        if w.needle.find(id, 0).is_some()
            && let Some(s) = m.score(id, &w.text)
        {
            let found = Scored {
                tier: Tier::Fuzzy,
                points: s * 2 * 2,
                field: Field::Id,
            };
            if found.beats(&best) {
                best = Some(found);
            }
        }
    }
    best
}

/// The best match of a word in a summary, a quote or the notes.
fn in_texts(c: &Corpus, pos: usize, w: &Word, quotes_only: bool) -> Option<Scored> {
    if !quotes_only && let Some(found) = c.text(pos, SUMMARY).and_then(|t| w.needle.find(t, 0)) {
        return Some(Scored {
            tier: Tier::Summary,
            points: text_points(w, found),
            field: Field::Summary,
        });
    }
    let quotes = (FIRST_QUOTE..c.slots(pos)).map(|s| (s, Field::Quote(s - FIRST_QUOTE)));
    let notes = std::iter::once((NOTES, Field::Note)).filter(|_| !quotes_only);
    for (slot, field) in quotes.chain(notes) {
        if let Some(found) = c.text(pos, slot).and_then(|t| w.needle.find(t, 0)) {
            return Some(Scored {
                tier: Tier::Text,
                points: text_points(w, found),
                field,
            });
        }
    }
    None
}

/// The best match of one word in the record at `pos`.
fn word(c: &Corpus, m: &mut FastSkim, pos: usize, w: &Word, quotes_only: bool) -> Option<Scored> {
    if quotes_only {
        return in_texts(c, pos, w, true);
    }
    let keys = in_keys(c, m, pos, w);
    if keys.is_some_and(|k| k.tier <= Tier::Fuzzy) {
        return keys;
    }
    if let Some(near) = w.near(pos) {
        let chars = w.text.chars().count() as i64;
        let weight = if near.in_name { 4 } else { 3 };
        return Some(Scored {
            tier: Tier::Typo,
            points: weight * 16 * (2 * chars - i64::from(near.edits)),
            field: if near.in_name {
                Field::Name
            } else {
                Field::Alias
            },
        });
    }
    in_texts(c, pos, w, false)
}

/// Do the words of `text` equal the query's words?
fn same_words(text: &str, words: &[Word]) -> bool {
    let mut parts = text.split_whitespace();
    words.iter().all(|w| parts.next() == Some(w.text.as_str())) && parts.next().is_none()
}

/// The whole query as the name, an alias or the id.
fn exact(c: &Corpus, pos: usize, words: &[Word]) -> Option<Field> {
    if same_words(c.name(pos), words) {
        Some(Field::Name)
    } else if c
        .aliases(pos)
        .split(ALIAS_BREAK)
        .any(|a| same_words(a, words))
    {
        Some(Field::Alias)
    } else if words.len() == 1 && c.id(pos) == words[0].text {
        Some(Field::Id)
    } else {
        None
    }
}

/// How the record at `pos` matches; `None` if some word matches nowhere.
pub fn score(
    c: &Corpus,
    m: &mut FastSkim,
    pos: usize,
    words: &[Word],
    quotes_only: bool,
) -> Option<Scored> {
    if words.is_empty() {
        let field = if quotes_only {
            if c.slots(pos) <= FIRST_QUOTE {
                return None;
            }
            Field::Quote(0)
        } else {
            Field::Name
        };
        return Some(Scored {
            tier: if quotes_only {
                Tier::Text
            } else {
                Tier::Prefix
            },
            points: 0,
            field,
        });
    }
    let mut worst: Option<Scored> = None;
    let mut points = 0;
    for w in words {
        let s = word(c, m, pos, w, quotes_only)?;
        points += s.points;
        if worst.is_none_or(|x| s.tier > x.tier) {
            worst = Some(s);
        }
    }
    let worst = worst?;
    if !quotes_only && let Some(field) = exact(c, pos, words) {
        return Some(Scored {
            tier: Tier::Exact,
            points,
            field,
        });
    }
    Some(Scored {
        tier: worst.tier,
        points,
        field: worst.field,
    })
}

/// For a hit in quotes: the quote with the most of the query's words (the first of those).
pub fn best_quote(c: &Corpus, pos: usize, words: &[Word], first: usize) -> usize {
    let mut best = (0, first);
    for slot in FIRST_QUOTE..c.slots(pos) {
        let Some(text) = c.text(pos, slot) else {
            continue;
        };
        let n = words
            .iter()
            .filter(|w| w.needle.find(text, 0).is_some())
            .count();
        if n > best.0 {
            best = (n, slot - FIRST_QUOTE);
        }
    }
    best.1
}
