//! A small filter of how a record's summary, quotes and notes begin their words, so that most
//! records can be ruled out for a word without reading their text (which, shared with the
//! index, is scattered over the heap: reading it was most of a search's time).
//!
//! For every place a word can begin (see `words`), the first two and the first three characters
//! from there set one bit each, of 128 for pairs and 128 for triples. A query word that starts
//! with a letter, digit or CJK character can only begin a word of the text if both of its bits
//! are set. False positives are read and checked; there are no false negatives.

use super::words::{is_cjk, is_word_char};

/// A record's filter: bits 0–127 for two characters, 128–255 for three.
pub type Bloom = [u64; 4];

/// The bits a query word needs; `None` when the filter cannot tell (a word of one character,
/// or one that starts with punctuation, which can match where no word begins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pair: u8,
    triple: Option<u8>,
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a over bytes: the bit of a pair or triple is the top bits of the hash of its bytes,
/// ASCII letters in lower case.
fn step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(PRIME)
}

/// Seven well-mixed bits of `h`: FNV's own high bits hardly depend on two or three bytes.
fn bit(h: u64) -> u8 {
    let h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    (h ^ (h >> 33)) as u8 & 127
}

/// The bits of the first two and three characters of `s`, if it has that many.
fn hashes(s: &str) -> (Option<u8>, Option<u8>) {
    let mut h = SEED;
    let mut out = (None, None);
    for (n, c) in s.chars().take(3).enumerate() {
        let mut buf = [0; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = step(h, b);
        }
        match n {
            1 => out.0 = Some(bit(h)),
            2 => out.1 = Some(bit(h)),
            _ => {}
        }
    }
    out
}

impl Key {
    /// `word` is folded.
    pub fn new(word: &str) -> Option<Key> {
        let first = word.chars().next()?;
        if !is_word_char(first) && !is_cjk(first) {
            return None;
        }
        let (pair, triple) = hashes(word);
        Some(Key {
            pair: pair?,
            triple,
        })
    }

    pub fn in_bloom(&self, b: &Bloom) -> bool {
        let has = |bit: usize| b[bit / 64] & 1 << (bit % 64) != 0;
        has(usize::from(self.pair)) && self.triple.is_none_or(|t| has(128 + usize::from(t)))
    }
}

fn set(b: &mut Bloom, pair: Option<u8>, triple: Option<u8>) {
    if let Some(p) = pair {
        b[usize::from(p) / 64] |= 1 << (p % 64);
    }
    if let Some(t) = triple {
        let bit = 128 + usize::from(t);
        b[bit / 64] |= 1 << (bit % 64);
    }
}

/// Adds the word beginnings of `text` (folded, or differing from its fold only in ASCII case).
pub fn add(b: &mut Bloom, text: &str) {
    let bytes = text.as_bytes();
    if text.is_ascii() {
        // Bytes are characters: the same hashes as `hashes`, without decoding.
        let mut prev = false;
        for (i, &c) in bytes.iter().enumerate() {
            let word = c.is_ascii_alphanumeric();
            if word && !prev && i + 1 < bytes.len() {
                let h = step(step(SEED, c), bytes[i + 1]);
                let triple = bytes.get(i + 2).map(|&t| bit(step(h, t)));
                set(b, Some(bit(h)), triple);
            }
            prev = word;
        }
        return;
    }
    let mut prev = false;
    for (i, c) in text.char_indices() {
        let word = is_word_char(c);
        if (word && !prev) || is_cjk(c) {
            let (pair, triple) = hashes(&text[i..]);
            set(b, pair, triple);
        }
        prev = word;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::words::Needle;

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
            let folded = crate::search::fold::fold(text);
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
                        if crate::search::fold::only_ascii_case(text) {
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
        assert_eq!(Key::new("s"), None, "one character: the filter cannot tell");
        assert_eq!(Key::new("-up"), None, "punctuation first");
    }
}
