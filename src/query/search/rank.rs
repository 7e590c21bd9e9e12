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

mod whole;
use super::bloom::{Bloom, Key, Starts};
use super::corpus::{ALIAS_BREAK, Corpus, FIRST_QUOTE, NOTES, SUMMARY};
use super::engine::byte_bit;
use super::engine::subsequence;
use super::matcher::{FastSkim, Matcher};
use super::typo::Near;
use super::words::{Needle, is_cjk, is_word_char, starts_word};
use super::{Field, Tier};
use memchr::memmem;
pub use whole::{best_quote, score};
use whole::{exact, listed};

/// A query word, prepared once per search.
pub struct Word {
    pub text: String,
    pub mask: u64,
    finder: memmem::Finder<'static>,
    pub needle: Needle,
    /// Whether it has `'` or `"`, which texts may hold as typographic marks (see
    /// [`Corpus::holds`]).
    quoted: bool,
    /// What it scores against itself, and after a space (see [`Word::most`]).
    top: i64,
    spaced: i64,
    /// The word beginnings a text must have to hold this word, if the filter can tell.
    key: Option<Key>,
    /// No text of the corpus begins a word as this one does (see [`Word::in_no_text`]).
    in_no_text: bool,
    /// The bit of the word's first byte among a record's name initials; 0 when any place
    /// can begin it (it starts with punctuation).
    initial: u64,
    /// Records with a name or alias word near this one, by position.
    near: Vec<Near>,
    /// The query is this one short word ([`super::Query::is_short`]): a match of its letters
    /// scattered through a name, or a typo, counts only where no text holds the word.
    pub short: bool,
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
            quoted: text.contains(['\'', '"']),
            top: FastSkim::default().self_score(text, false).unwrap_or(0),
            spaced: FastSkim::default().self_score(text, true).unwrap_or(0),
            key: Key::new(text),
            in_no_text: false,
            initial: match text.chars().next() {
                Some(c) if is_word_char(c) || is_cjk(c) => byte_bit(text.as_bytes()[0]),
                _ => 0,
            },
            near,
            near_bits,
            short: false,
        }
    }

    /// Marks the word as held by no text when no word of the corpus's texts begins as it does:
    /// then no record's text is read for it.
    pub fn in_no_text(mut self, starts: &Starts) -> Word {
        self.in_no_text = self.key.is_some_and(|k| !k.anywhere(starts));
        self
    }

    /// May a text whose record's filter is `b` hold the word?
    fn in_bloom(&self, b: &Bloom) -> bool {
        !self.in_no_text && self.key.is_none_or(|k| k.in_bloom(b))
    }

    /// Is `s` a loose match of a short word, which a text holding the word beats?
    fn loose(&self, s: Tier) -> bool {
        self.short && matches!(s, Tier::Fuzzy | Tier::Typo)
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

    /// The most the fuzzy scorer can give this word in `text`: what the word scores against
    /// itself if `text` starts with its first character, else what it scores after a space
    /// (the scorer's bonuses are largest at the start of a text, then after a space; the tests
    /// of `matcher` check both bounds).
    fn most(&self, text: &str) -> i64 {
        if text.chars().next() == self.text.chars().next() {
            self.top
        } else {
            self.spaced
        }
    }

    fn chars(&self) -> i64 {
        self.text.chars().count() as i64
    }

    /// Can the word begin a word of the record's name or aliases? (If not, no need to look.)
    fn may_start(&self, c: &Corpus, pos: usize) -> bool {
        self.initial == 0 || c.initials[pos] & self.initial != 0
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

/// Points for a word found in a summary, quote or note: its characters. All such matches of a
/// word are worth the same (the index's order breaks the tie), so that the best of them can be
/// chosen without reading every text that may hold the word.
fn text_points(word: &Word) -> i64 {
    32 * word.chars()
}

/// Whether `needle`'s characters occur in `hay` in order. Bytes tell first; for a needle that
/// is not ASCII, bytes of different characters could line up.
fn in_order(hay: &str, needle: &str) -> bool {
    if !subsequence(hay.as_bytes(), needle.as_bytes()) {
        return false;
    }
    if needle.is_ascii() {
        return true;
    }
    let mut rest = hay.chars();
    needle.chars().all(|c| rest.any(|t| t == c))
}

/// Whether the word matches `text` (a name, an alias) fuzzily: as typed anywhere in it
/// (`Some(true)`), or its characters in order from where one of its words begins
/// (`Some(false)`, as `tnwp` matches Tan Weiping). Letters scattered from the middle of a word
/// are not a match: they are what made a two-letter query match most names.
fn fuzzy(text: &str, w: &Word, may_start: bool) -> Option<bool> {
    if !subsequence(text.as_bytes(), w.text.as_bytes()) {
        return None;
    }
    if w.finder.find(text.as_bytes()).is_some() {
        return Some(true);
    }
    let first = w.text.chars().next()?;
    if !may_start {
        return None;
    }
    // Only the first word that starts with the character matters: a later one has fewer
    // characters after it.
    let mut at = 0;
    while let Some(i) = memchr::memchr(w.text.as_bytes()[0], &text.as_bytes()[at..]) {
        let p = at + i;
        at = p + 1;
        if text.is_char_boundary(p) && text[p..].starts_with(first) && starts_word(text, p) {
            let rest = &text[p + first.len_utf8()..];
            return in_order(rest, &w.text[first.len_utf8()..]).then_some(false);
        }
    }
    None
}

/// The name, then each alias (most records have none: no need to split nothing).
fn keys(c: &Corpus, pos: usize) -> impl Iterator<Item = &str> {
    let aliases = c.aliases(pos);
    let split = (!aliases.is_empty()).then(|| aliases.split(ALIAS_BREAK));
    std::iter::once(c.name(pos)).chain(split.into_iter().flatten())
}

/// The tier of a word's best match in the name, an alias or the id, without scoring it: what
/// [`in_keys`] would say, for the many records whose points are never needed.
fn keys_tier(c: &Corpus, pos: usize, w: &Word) -> Option<Quick> {
    if w.mask & !c.masks[pos] != 0 {
        return None;
    }
    let may_start = w.may_start(c, pos);
    // The best tier so far, and the most points a field of that tier can score.
    let mut best: Option<(Tier, i64)> = None;
    for (i, text) in keys(c, pos).enumerate() {
        let Some(typed) = fuzzy(text, w, may_start) else {
            continue;
        };
        let prefix = typed && may_start && w.needle.find(text, 0).is_some();
        if i == 0 && prefix && text.starts_with(w.text.as_str()) {
            // What nothing can beat: the name starts with the word (see `Word::top`).
            return Some(Quick::Known(Scored {
                tier: Tier::Prefix,
                points: w.top * 4 * 2,
                field: Field::Name,
            }));
        }
        let weight = if i == 0 { 4 } else { 3 };
        let most = w.most(text) * weight * if typed { 2 } else { 1 };
        let tier = if prefix { Tier::Prefix } else { Tier::Fuzzy };
        best = match best {
            Some((t, m)) if t < tier => Some((t, m)),
            Some((t, m)) if t == tier => Some((t, m.max(most))),
            _ => Some((tier, most)),
        };
    }
    if best.is_none() && w.needle.find(c.id(pos), 0).is_some() {
        best = Some((Tier::Fuzzy, w.most(c.id(pos)) * 2 * 2));
    }
    best.map(|(tier, most)| Quick::Keys(tier, most))
}

/// The best match of a word in the name, an alias or the id.
fn in_keys(c: &Corpus, m: &mut FastSkim, pos: usize, w: &Word) -> Option<Scored> {
    if w.mask & !c.masks[pos] != 0 {
        return None;
    }
    let mut best: Option<Scored> = None;
    for (i, text) in keys(c, pos).enumerate() {
        let (field, weight) = if i == 0 {
            (Field::Name, 4)
        } else {
            (Field::Alias, 3)
        };
        let may_start = w.may_start(c, pos);
        let Some(typed) = fuzzy(text, w, may_start) else {
            continue;
        };
        let Some(s) = m.score(text, &w.text) else {
            continue;
        };
        let tier = if typed && may_start && w.needle.find(text, 0).is_some() {
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
    if !w.in_bloom(&c.blooms[pos]) {
        return None;
    }
    let holds = |slot: usize| c.holds(pos, slot, &w.needle, w.quoted);
    if !quotes_only && holds(SUMMARY) {
        return Some(Scored {
            tier: Tier::Summary,
            points: text_points(w),
            field: Field::Summary,
        });
    }
    let quotes = (FIRST_QUOTE..c.slots(pos)).map(|s| (s, Field::Quote(s - FIRST_QUOTE)));
    let notes = std::iter::once((NOTES, Field::Note)).filter(|_| !quotes_only);
    for (slot, field) in quotes.chain(notes) {
        if holds(slot) {
            return Some(Scored {
                tier: Tier::Text,
                points: text_points(w),
                field,
            });
        }
    }
    None
}

/// A word's match through a typo in a name or alias word.
fn typo(pos: usize, w: &Word) -> Option<Scored> {
    let near = w.near(pos)?;
    let chars = w.text.chars().count() as i64;
    let weight = if near.in_name { 4 } else { 3 };
    Some(Scored {
        tier: Tier::Typo,
        points: weight * 16 * (2 * chars - i64::from(near.edits)),
        field: if near.in_name {
            Field::Name
        } else {
            Field::Alias
        },
    })
}

/// The best match of one word in the record at `pos`.
fn word(c: &Corpus, m: &mut FastSkim, pos: usize, w: &Word, quotes_only: bool) -> Option<Scored> {
    if quotes_only {
        return in_texts(c, pos, w, true);
    }
    match in_keys(c, m, pos, w).or_else(|| typo(pos, w)) {
        Some(s) if w.loose(s.tier) => in_texts(c, pos, w, false).or(Some(s)),
        Some(s) => Some(s),
        None => in_texts(c, pos, w, false),
    }
}

/// What is known of a word's match without the fuzzy scorer: a match in the name, an alias or
/// the id, whose points need the scorer, or any other match, whose points are known.
enum Quick {
    /// The tier, and the most points the match can have.
    Keys(Tier, i64),
    Known(Scored),
    /// Perhaps in a summary, quote or note (the filter says the text may hold the word, which
    /// only reading it can tell), for at most so many points, in at best that tier.
    Texts(i64, Tier),
    /// A short word's loose match in the keys, which a text holding the word beats: as
    /// `Texts`, but a loose match where no text holds the word.
    Loose(i64, Tier),
}

fn quick(c: &Corpus, pos: usize, w: &Word, quotes_only: bool) -> Option<Quick> {
    let texts = || {
        let maybe = w.in_bloom(&c.blooms[pos]);
        let summary = !quotes_only && w.key.is_none_or(|k| k.in_summary(c.summaries[pos]));
        let best = if summary { Tier::Summary } else { Tier::Text };
        maybe.then_some(Quick::Texts(text_points(w), best))
    };
    if quotes_only {
        return texts();
    }
    // A short word's loose match gives way to a text that holds the word. Whether one does is
    // read only if the list needs it (see `select`): a short word has a loose match in most
    // names, and reading all their texts was most of the time of a key at a million records.
    let defer = |loose: Quick| match texts() {
        Some(Quick::Texts(most, best)) => Some(Quick::Loose(most, best)),
        _ => Some(loose),
    };
    if let Some(keys) = keys_tier(c, pos, w) {
        return match keys {
            Quick::Keys(t, _) if w.loose(t) => defer(keys),
            keys => Some(keys),
        };
    }
    match typo(pos, w) {
        Some(s) if w.loose(s.tier) => defer(Quick::Known(s)),
        Some(s) => Some(Quick::Known(s)),
        None => texts(),
    }
}

/// A record's match as far as it is known without the fuzzy scorer and without reading its
/// summary, quotes or notes: its tier, which decides whether its points are needed at all, the
/// most points it can have, and the whole score when nothing more is needed (then `most` is
/// its points). A record some word of which may only be in its texts is `unread`: its tier is
/// then the best such a match can have (a summary's, or a quote's for `quote:`), and it may
/// turn out not to match at all.
///
/// A `loose` record is unread too: a short word's loose match in its keys, whose texts may
/// hold the word. Read, it is either a match in a text ([`text_score`]) or a loose match,
/// which is left out of the list when better ones exist (see `select::without_loose`).
///
/// Sixteen bytes (points as `i32`, the field as a number): a first letter at a million records
/// classifies most of them, and writing a list of 56-byte entries was most of its time.
#[derive(Debug, Clone, Copy)]
pub struct Classified {
    most: i32,
    /// The points and field of the whole score, when `known`.
    points: i32,
    field: u32,
    pub tier: Tier,
    known: bool,
    pub unread: bool,
    pub loose: bool,
}

impl Classified {
    pub fn new(
        tier: Tier,
        most: i64,
        scored: Option<Scored>,
        unread: bool,
        loose: bool,
    ) -> Classified {
        let narrow = |n: i64| n.clamp(i32::MIN.into(), i32::MAX.into()) as i32;
        Classified {
            most: narrow(most),
            points: scored.map_or(0, |s| narrow(s.points)),
            field: scored.map_or(0, |s| field_number(s.field)),
            tier,
            known: scored.is_some(),
            unread,
            loose,
        }
    }

    /// A record whose whole score is known.
    pub fn known(s: Scored) -> Classified {
        Classified::new(s.tier, s.points, Some(s), false, false)
    }

    /// The most points the record can have.
    pub fn most(&self) -> i64 {
        self.most.into()
    }

    /// The whole score, when nothing more is needed to know it.
    pub fn scored(&self) -> Option<Scored> {
        self.known.then(|| Scored {
            tier: self.tier,
            points: self.points.into(),
            field: field_of(self.field),
        })
    }
}

/// A field as a number: its place among the fields, a quote's from `Quote(0)` on.
fn field_number(field: Field) -> u32 {
    match field {
        Field::Name => 0,
        Field::Alias => 1,
        Field::Id => 2,
        Field::Summary => 3,
        Field::Note => 4,
        Field::Quote(i) => 5u32.saturating_add(u32::try_from(i).unwrap_or(u32::MAX)),
    }
}

fn field_of(n: u32) -> Field {
    match n {
        0 => Field::Name,
        1 => Field::Alias,
        2 => Field::Id,
        3 => Field::Summary,
        4 => Field::Note,
        q => Field::Quote((q - 5) as usize),
    }
}

/// The tier of the record at `pos` (and its score, when that costs nothing more); `None` if
/// some word matches nowhere. Agrees with [`score`], which a record that is `unread` needs.
pub fn classify(c: &Corpus, pos: usize, words: &[Word], quotes_only: bool) -> Option<Classified> {
    if words.is_empty() {
        return listed(c, pos, quotes_only).map(Classified::known);
    }
    let mut worst: Option<(Tier, Field)> = None;
    let mut points = 0;
    let mut most = 0;
    let mut known = true;
    let mut unread = false;
    let mut loose = false;
    for w in words {
        let (tier, field) = match quick(c, pos, w, quotes_only)? {
            Quick::Keys(t, m) => {
                known = false;
                most += m;
                (t, Field::Name)
            }
            Quick::Known(s) => {
                points += s.points;
                (s.tier, s.field)
            }
            Quick::Texts(m, best) => {
                (known, unread) = (false, true);
                most += m;
                (best, Field::Summary)
            }
            Quick::Loose(m, best) => {
                (known, unread, loose) = (false, true, true);
                most += m;
                (best, Field::Summary)
            }
        };
        if worst.is_none_or(|x| tier > x.0) {
            worst = Some((tier, field));
        }
    }
    let (mut tier, mut field) = worst?;
    // The whole query as a name, an alias or the id means every word is in them.
    if !quotes_only
        && (tier <= Tier::Fuzzy || loose)
        && let Some(f) = exact(c, pos, words)
    {
        (tier, field) = (Tier::Exact, f);
        if loose {
            // Rare (an id equal to the word): scored now, as nothing is left to read.
            return score(c, &mut FastSkim::default(), pos, words, quotes_only)
                .map(Classified::known);
        }
    }
    let scored = known.then_some(Scored {
        tier,
        points,
        field,
    });
    Some(Classified::new(tier, most + points, scored, unread, loose))
}

/// A `loose` record's score once its texts are known not to hold the word: its loose match
/// in the name, an alias, the id, or by a typo (no text is read).
pub fn loose_score(c: &Corpus, m: &mut FastSkim, pos: usize, words: &[Word]) -> Option<Scored> {
    combined(words, |w| in_keys(c, m, pos, w).or_else(|| typo(pos, w)))
}

/// A `loose` record's match in its texts (see [`Classified`]): `None` if they do not hold
/// every word, and it is a loose match.
pub fn text_score(c: &Corpus, pos: usize, words: &[Word]) -> Option<Scored> {
    combined(words, |w| in_texts(c, pos, w, false))
}

/// Each word's match as `matched` finds it, combined: the tier and field of the weakest, the
/// points of all; `None` if some word has none (or there are no words).
fn combined(words: &[Word], mut matched: impl FnMut(&Word) -> Option<Scored>) -> Option<Scored> {
    let mut worst: Option<Scored> = None;
    let mut points = 0;
    for w in words {
        let s = matched(w)?;
        points += s.points;
        if worst.is_none_or(|x| s.tier > x.tier) {
            worst = Some(s);
        }
    }
    worst.map(|w| Scored { points, ..w })
}
