//! A small filter of how a record's summary, quotes and notes begin their words, so that most
//! records can be ruled out for a word without reading their text (which, shared with the
//! index, is scattered over the heap: reading it was most of a search's time).
//!
//! For every place a word can begin (see `words`), its first character sets a bit of 64 (as
//! `engine::mask` assigns them), and the first two and the first three characters from there
//! set one bit each, of 128 for pairs and 128 for triples. A query word that starts with a
//! letter, digit or CJK character can only begin a word of the text if all of its bits are set.
//! False positives are read and checked; there are no false negatives.

use super::engine::byte_bit;
use super::words::{is_cjk, is_word_char};

/// A record's filter.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Bloom {
    initials: u64,
    pairs: [u64; 2],
    triples: [u64; 2],
}

/// The bits a query word needs; `None` when the filter cannot tell (a word that starts with
/// punctuation, which can match where no word begins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    initial: u64,
    pair: Option<u8>,
    triple: Option<u8>,
}

/// Two or three characters as one number, 21 bits a code point (ASCII letters in lower case,
/// as folding leaves them), and the bit that number sets: the top bits of a multiplicative
/// hash, which mixes every input bit into them.
fn bit(packed: u64) -> u8 {
    (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57) as u8
}

fn code(c: char) -> u64 {
    u64::from(u32::from(c.to_ascii_lowercase()))
}

/// The bits of the first two and three characters of `chars`, if it has that many.
fn hashes(mut chars: impl Iterator<Item = char>) -> (Option<u8>, Option<u8>) {
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return (None, None);
    };
    let pair = code(a) | code(b) << 21;
    (
        Some(bit(pair)),
        chars.next().map(|c| bit(pair | code(c) << 42)),
    )
}

impl Key {
    /// `word` is folded.
    pub fn new(word: &str) -> Option<Key> {
        let first = word.chars().next()?;
        if !is_word_char(first) && !is_cjk(first) {
            return None;
        }
        let (pair, triple) = hashes(word.chars());
        Some(Key {
            initial: byte_bit(word.as_bytes()[0]),
            pair,
            triple,
        })
    }

    /// May a summary whose filter folds to these bits (see [`Bloom::folded`]) hold the word?
    pub fn in_summary(&self, bits: u64) -> bool {
        let has = |bit: u8| bits & 1 << (bit % 64) != 0;
        self.pair.is_none_or(has) && self.triple.is_none_or(has)
    }

    pub fn in_bloom(&self, b: &Bloom) -> bool {
        let has = |half: &[u64; 2], bit: u8| half[usize::from(bit / 64)] & 1 << (bit % 64) != 0;
        b.initials & self.initial != 0
            && self.pair.is_none_or(|p| has(&b.pairs, p))
            && self.triple.is_none_or(|t| has(&b.triples, t))
    }
}

fn set(b: &mut Bloom, first: u8, pair: Option<u8>, triple: Option<u8>) {
    b.initials |= byte_bit(first);
    if let Some(p) = pair {
        b.pairs[usize::from(p / 64)] |= 1 << (p % 64);
    }
    if let Some(t) = triple {
        b.triples[usize::from(t / 64)] |= 1 << (t % 64);
    }
}

/// Adds the word beginnings of `text` (folded, or differing from its fold only in ASCII case).
pub fn add(b: &mut Bloom, text: &str) {
    let bytes = text.as_bytes();
    let code = |b: u8| u64::from(b.to_ascii_lowercase());
    let ascii = |i: usize| bytes.get(i).is_none_or(|b| b.is_ascii());
    let mut prev = false;
    let mut i = 0;
    while i < bytes.len() {
        let first = bytes[i];
        if first.is_ascii() {
            if !first.is_ascii_alphanumeric() {
                prev = false;
                i += 1;
                continue;
            }
            if !prev {
                if ascii(i + 1) && ascii(i + 2) {
                    // ASCII bytes are characters: the numbers `hashes` makes, without decoding.
                    let pair = bytes.get(i + 1).map(|&next| code(first) | code(next) << 21);
                    let triple = pair.and_then(|p| Some(bit(p | code(*bytes.get(i + 2)?) << 42)));
                    set(b, first, pair.map(bit), triple);
                } else {
                    let (pair, triple) = hashes(text[i..].chars());
                    set(b, first, pair, triple);
                }
            }
            // The rest of an ASCII word begins nothing.
            prev = true;
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        // CJK first: it needs no look-up in the tables of letters.
        let cjk = is_cjk(c);
        let word = !cjk && c.is_alphanumeric();
        if cjk || (word && !prev) {
            let (pair, triple) = hashes(text[i..].chars());
            set(b, first, pair, triple);
        }
        prev = word;
        i += c.len_utf8();
    }
}

impl Bloom {
    /// The pairs and triples of a filter folded into 64 bits: a summary's own, smaller filter,
    /// so that a record whose word can only be in its quotes or notes is known to rank no
    /// better than them.
    pub fn folded(&self) -> u64 {
        self.pairs[0] | self.pairs[1] | self.triples[0] | self.triples[1]
    }
}

/// The first-character bits (as in a [`Bloom`]) of every word beginning in `text`.
pub fn initials(text: &str) -> u64 {
    let mut out = 0;
    let mut prev = false;
    for (i, c) in text.char_indices() {
        let cjk = is_cjk(c);
        let word = !cjk && c.is_alphanumeric();
        if cjk || (word && !prev) {
            out |= byte_bit(text.as_bytes()[i]);
        }
        prev = word;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::search::words::Needle;

    fn summary_bits(text: &str) -> u64 {
        let mut b = Bloom::default();
        add(&mut b, text);
        b.folded()
    }

    /// Every word start a `Needle` finds passes the filter.
    #[test]
    fn no_word_that_begins_a_word_is_ruled_out() {
        let texts = [
            "Christoph Stuckelberger said countries should grow in a spirit of brotherhood.",
            "\"I give a thumb-up to the achievements\" O'Brien told the Global Times",
            "云南绿水基金会 — Yunnan ngo网络 2019年 forum",
            "Ｃａｆé ÉCOLE",
        ];
        for text in texts {
            let folded = crate::query::search::fold::fold(text);
            let mut b = Bloom::default();
            add(&mut b, text);
            let mut folded_bloom = Bloom::default();
            add(&mut folded_bloom, &folded);
            for (i, _) in folded.char_indices() {
                for end in folded[i..]
                    .char_indices()
                    .map(|(j, c)| i + j + c.len_utf8())
                    .take(6)
                {
                    let word = &folded[i..end];
                    let Some(key) = Key::new(word) else { continue };
                    if Needle::new(word).find(&folded, 0).is_some() {
                        assert!(key.in_bloom(&folded_bloom), "{word:?} in {folded:?}");
                        assert!(key.in_summary(summary_bits(&folded)), "{word:?}");
                        if crate::query::search::fold::only_ascii_case(text) {
                            assert!(key.in_bloom(&b), "{word:?} in {text:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn most_other_words_are_ruled_out() {
        let mut b = Bloom::default();
        add(
            &mut b,
            "Christoph Stuckelberger said countries should grow together.",
        );
        let absent = [
            "brotherhood",
            "poverty",
            "xinjiang",
            "zhao",
            "qinghai",
            "yunnan",
        ];
        let passed = absent
            .iter()
            .filter(|w| Key::new(w).is_some_and(|k| k.in_bloom(&b)))
            .count();
        assert!(passed <= 1, "{passed} false positives");
        assert!(Key::new("stuck").is_some_and(|k| k.in_bloom(&b)));
        assert!(Key::new("gr").is_some_and(|k| k.in_bloom(&b)));
        assert!(Key::new("s").is_some_and(|k| k.in_bloom(&b)));
        assert!(
            Key::new("z").is_some_and(|k| !k.in_bloom(&b)),
            "no word starts with z"
        );
        assert_eq!(Key::new("-up"), None, "punctuation first");
    }
}
