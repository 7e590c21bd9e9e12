//! Words in text: where one starts, and finding a query word at the start of one.
//!
//! A query word matches text "as a word" when it occurs where a word of the text begins: after
//! a space, punctuation or the start of the text (`irreplace` finds `irreplaceable`, `place`
//! does not). Chinese, Japanese and Korean are written without spaces, so every one of their
//! characters begins a word (`基金` finds `绿水基金会`).
//!
//! The text searched is either folded already or differs from its fold only in the case of
//! ASCII letters (see `fold::only_ascii_case`), or also in typographic quotation marks when the
//! word has neither `'` nor `"` (see `Corpus::holds`); the query word is folded. So comparing
//! ASCII letters without regard to case and every other byte exactly is the same as comparing
//! folds.

/// A character of a script written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{1100}'..='\u{11FF}'   // Hangul Jamo (what folding makes of syllables)
        | '\u{F900}'..='\u{FAFF}'   // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{2FFFF}' // CJK Extensions B and later
    )
}

/// A character that continues a word: a letter or digit of a script written with spaces.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Whether a word of `text` begins at byte `at` (a character boundary).
pub fn starts_word(text: &str, at: usize) -> bool {
    let Some(prev) = text[..at].chars().next_back() else {
        return true;
    };
    !is_word_char(prev) || text[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// Whether a word of `text` ends at byte `at` (a character boundary).
pub fn ends_word(text: &str, at: usize) -> bool {
    let Some(next) = text[at..].chars().next() else {
        return true;
    };
    !is_word_char(next)
        || text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c))
}

/// How common a byte is in text, roughly (English letter frequencies; the bytes of CJK text are
/// each rare): searches anchor on the rarest byte of what they look for.
pub fn commonness(b: u8) -> u8 {
    const LETTERS: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    match LETTERS.iter().position(|&l| l == b.to_ascii_lowercase()) {
        Some(rank) => 100 - rank as u8,
        None if b == b' ' => 101,
        None if b.is_ascii_digit() => 60,
        None if b >= 0xE0 => 70, // a lead byte of CJK: every character has one
        None => 50,
    }
}

/// A folded query word, ready to be looked for at word starts.
#[derive(Debug, Clone)]
pub struct Needle {
    bytes: Vec<u8>,
    /// Where in `bytes` the rarest byte is, and that byte in lower and upper case.
    anchor: (usize, u8, u8),
}

/// Where a needle was found: its start, and whether it is a whole word there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub at: usize,
    pub whole: bool,
}

impl Needle {
    /// `word` must be folded and not empty.
    pub fn new(word: &str) -> Needle {
        let bytes = word.as_bytes().to_vec();
        let (k, b) = bytes
            .iter()
            .copied()
            .enumerate()
            .min_by_key(|&(_, b)| commonness(b))
            .unwrap_or((0, 0));
        Needle {
            anchor: (k, b.to_ascii_lowercase(), b.to_ascii_uppercase()),
            bytes,
        }
    }

    fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The first place at or after byte `from` where the word begins a word of `text`.
    pub fn find(&self, text: &str, from: usize) -> Option<Found> {
        let hay = text.as_bytes();
        let n = self.bytes.len();
        let (k, lower, upper) = self.anchor;
        if n == 0 || hay.len() < n {
            return None;
        }
        let mut at = from + k;
        while at < hay.len() {
            let i = if lower == upper {
                memchr::memchr(lower, &hay[at..])
            } else {
                memchr::memchr2(lower, upper, &hay[at..])
            }?;
            let pos = at + i;
            at = pos + 1;
            let Some(start) = pos.checked_sub(k) else {
                continue;
            };
            let end = start + n;
            // The needle starts with a whole character, so a match starts on a boundary.
            if start < from || end > hay.len() || !hay[start..end].eq_ignore_ascii_case(&self.bytes)
            {
                continue;
            }
            if starts_word(text, start) {
                return Some(Found {
                    at: start,
                    whole: ends_word(text, end),
                });
            }
        }
        None
    }

    /// Every place the word begins a word of `text`, as byte ranges, left to right.
    pub fn find_all(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(f) = self.find(text, from) {
            out.push(f.at..f.at + self.len());
            from = f.at + self.len().max(1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, word: &str) -> Option<usize> {
        Needle::new(word).find(text, 0).map(|f| f.at)
    }

    #[test]
    fn words_match_at_their_start_only() {
        let text = "An irreplaceable role; the Brotherhood's place";
        assert_eq!(find(text, "irreplace"), Some(3));
        assert_eq!(find(text, "place"), Some(41));
        assert_eq!(find(text, "brotherhood"), Some(27));
        assert_eq!(find(text, "rotherhood"), None);
        assert_eq!(find(text, "s"), Some(39), "after an apostrophe");
        assert_eq!(find(text, "role;"), Some(17));
        assert_eq!(find(text, "zebra"), None);
    }

    #[test]
    fn whole_words_are_told_from_beginnings() {
        let n = Needle::new("foundation");
        let text = "Foundations of the Amity Foundation";
        assert_eq!(
            n.find(text, 0),
            Some(Found {
                at: 0,
                whole: false
            })
        );
        assert_eq!(
            n.find(text, 1),
            Some(Found {
                at: 25,
                whole: true
            })
        );
        assert_eq!(n.find_all(text), vec![0..10, 25..35]);
    }

    #[test]
    fn cjk_characters_each_begin_a_word() {
        let text = "云南绿水基金会 — Yunnan";
        assert_eq!(find(text, "基金"), Some("云南绿水".len()));
        assert_eq!(find(text, "yunnan"), Some(text.find("Yunnan").unwrap_or(0)));
        assert_eq!(find("中国ngo网络", "ngo"), Some("中国".len()));
        assert_eq!(find("中国ngo网络", "网络"), Some("中国ngo".len()));
        assert!(Needle::new("基金").find(text, 0).is_some_and(|f| f.whole));
    }

    #[test]
    fn hyphens_and_other_punctuation_are_part_of_what_is_typed() {
        let text = "\"I give a thumb-up to the achievements\"";
        assert_eq!(find(text, "thumb-up"), Some(10));
        assert_eq!(find(text, "thumb-"), Some(10));
        assert_eq!(find(text, "-up"), Some(15));
        assert_eq!(find(text, "\"i"), Some(0));
    }

    #[test]
    fn case_is_ignored_for_ascii_only() {
        assert_eq!(find("THE CNIE", "cnie"), Some(4));
        assert_eq!(find("The cnie", "cnie"), Some(4));
        // The text is folded or ASCII-cased only, so `É` never appears where `é` is looked
        // for; this only checks that non-ASCII bytes are compared exactly.
        assert_eq!(find("école", "école"), Some(0));
    }
}
