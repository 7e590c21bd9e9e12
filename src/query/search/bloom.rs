//! A small filter of how a record's summary, quotes and notes begin their words, so that most
//! records can be ruled out for a word without reading their text (which, shared with the
//! index, is scattered over the heap: reading it was most of a search's time).
//!
//! For every place a word can begin (see `words`), its first character sets a bit of 64 (as
//! `engine::mask` assigns them), and the first two and the first three characters from there
//! set one bit each, of 128 for pairs and 128 for triples. A query word that starts with a
//! letter, digit or CJK character can only begin a word of the text if all of its bits are set.
//! False positives are read and checked; there are no false negatives.
//!
//! Beside the records' filters, one of the whole corpus ([`Starts`]): the first two and three
//! characters of every word beginning of every text, a bit each of four million. A word that
//! stops matching any name most often begins no word of any text either (`brot`, `ir` on the
//! synthetic data); the records' filters, a tenth to a fifth of whose bits a record's text
//! sets, let through that many records to be read for it, where this one rules them all out.

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
    /// The first two and three characters as numbers (see [`codes`]), for [`Starts`].
    codes: [Option<u64>; 2],
}

/// Two or three characters as one number, 21 bits a code point (ASCII letters in lower case,
/// as folding leaves them), and the bit that number sets: the top bits of a multiplicative
/// hash, which mixes every input bit into them.
fn bit(packed: u64) -> u8 {
    (spread(packed) >> 57) as u8
}

fn spread(packed: u64) -> u64 {
    packed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn code(c: char) -> u64 {
    u64::from(u32::from(c.to_ascii_lowercase()))
}

/// The numbers of the first two and three characters of `chars`, if it has that many.
fn codes(mut chars: impl Iterator<Item = char>) -> (Option<u64>, Option<u64>) {
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return (None, None);
    };
    let pair = code(a) | code(b) << 21;
    (Some(pair), chars.next().map(|c| pair | code(c) << 42))
}

/// Log2 of the bits of [`Starts`]: 512 KB, whatever the corpus's size. The synthetic million
/// records' texts begin words in a few thousand ways; a corpus of every Chinese character pair
/// would set a few million bits, and the filter would then rule out less, never wrongly.
const STARTS_LOG: u32 = 22;

/// How a whole corpus's texts begin their words (see the module's comment); empty when not
/// made, which rules nothing out.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Starts(Vec<u64>);

impl Starts {
    pub fn new() -> Starts {
        Starts(vec![0; 1 << (STARTS_LOG - 6)])
    }

    fn at(packed: u64) -> (usize, u64) {
        let i = spread(packed) >> (64 - STARTS_LOG);
        ((i / 64) as usize, 1 << (i % 64))
    }

    fn set(&mut self, packed: u64) {
        let (word, bit) = Starts::at(packed);
        if let Some(w) = self.0.get_mut(word) {
            *w |= bit;
        }
    }

    fn has(&self, packed: u64) -> bool {
        let (word, bit) = Starts::at(packed);
        self.0.get(word).is_none_or(|w| w & bit != 0)
    }

    /// A filter of `words` words, which only a crafted file could give.
    #[cfg(test)]
    pub fn sized(words: usize) -> Starts {
        Starts(vec![0; words])
    }

    /// Whether it is empty or of its one size (a kept corpus's, read back).
    pub fn fits(&self) -> bool {
        self.0.is_empty() || self.0.len() == 1 << (STARTS_LOG - 6)
    }
}

impl Key {
    /// `word` is folded.
    pub fn new(word: &str) -> Option<Key> {
        let first = word.chars().next()?;
        if !is_word_char(first) && !is_cjk(first) {
            return None;
        }
        let (pair, triple) = codes(word.chars());
        Some(Key {
            initial: byte_bit(word.as_bytes()[0]),
            pair: pair.map(bit),
            triple: triple.map(bit),
            codes: [pair, triple],
        })
    }

    /// May some text of the corpus whose word beginnings are `starts` hold the word?
    pub fn anywhere(&self, starts: &Starts) -> bool {
        self.codes.iter().flatten().all(|&c| starts.has(c))
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

fn set(b: &mut Bloom, starts: &mut Starts, first: u8, (pair, triple): (Option<u64>, Option<u64>)) {
    b.initials |= byte_bit(first);
    if let Some(p) = pair {
        starts.set(p);
        let p = bit(p);
        b.pairs[usize::from(p / 64)] |= 1 << (p % 64);
    }
    if let Some(t) = triple {
        starts.set(t);
        let t = bit(t);
        b.triples[usize::from(t / 64)] |= 1 << (t % 64);
    }
}

/// Adds the word beginnings of `text` (folded, or differing from its fold only in ASCII case)
/// to a record's filter and to its corpus's.
pub fn add(b: &mut Bloom, starts: &mut Starts, text: &str) {
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
                    let triple = pair.and_then(|p| Some(p | code(*bytes.get(i + 2)?) << 42));
                    set(b, starts, first, (pair, triple));
                } else {
                    set(b, starts, first, codes(text[i..].chars()));
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
            set(b, starts, first, codes(text[i..].chars()));
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
        add(&mut b, &mut Starts::new(), text);
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
            let mut starts = Starts::new();
            add(&mut b, &mut starts, text);
            let mut folded_bloom = Bloom::default();
            let mut folded_starts = Starts::new();
            add(&mut folded_bloom, &mut folded_starts, &folded);
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
                        assert!(key.anywhere(&folded_starts), "{word:?} in {folded:?}");
                        assert!(key.in_summary(summary_bits(&folded)), "{word:?}");
                        if crate::query::search::fold::only_ascii_case(text) {
                            assert!(key.in_bloom(&b), "{word:?} in {text:?}");
                            assert!(key.anywhere(&starts), "{word:?} in {text:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn most_other_words_are_ruled_out() {
        let mut b = Bloom::default();
        let mut starts = Starts::new();
        add(
            &mut b,
            &mut starts,
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
        // The corpus's filter has room for every beginning: none of the absent is let through.
        let through: Vec<&str> = absent
            .into_iter()
            .filter(|w| Key::new(w).is_some_and(|k| k.anywhere(&starts)))
            .collect();
        assert_eq!(through, Vec::<&str>::new());
        assert!(Key::new("stuck").is_some_and(|k| k.anywhere(&starts)));
        assert!(Key::new("s").is_some_and(|k| k.anywhere(&starts)));
        assert!(
            Key::new("ir").is_some_and(|k| k.anywhere(&Starts::default())),
            "an empty filter rules nothing out"
        );
    }
}
