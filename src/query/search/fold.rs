//! Folding: the one definition of "the same letters" that both the query and the data go
//! through, so `Stückelberger` finds `Stuckelberger`, `ＣＮＩＥ` finds `CNIE` and `China's`
//! finds `China’s`.
//!
//! A character folds by its Unicode compatibility decomposition (NFKD, from the
//! unicode-normalization crate), which turns full-width forms, ligatures and other
//! compatibility characters into their plain equivalents and splits accented letters into a
//! base letter and combining marks; the marks are dropped and what is left is lower-cased.
//! Curly quotes and apostrophes, which no normalisation form touches, become straight ones.
//! Each character folds on its own, so every folded character knows the original character it
//! came from, which is how highlights land on the original text.

use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Calls `emit` with each character that `c` folds to (none for a lone combining mark).
pub fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    if unchanged(c) {
        emit(c);
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for lower in d.to_lowercase() {
            if !is_combining_mark(lower) {
                emit(straight(lower));
            }
        }
    });
}

/// Characters that fold to themselves and are common enough in the data to be worth not
/// asking the normalisation tables about: the CJK ideographs, which have neither case nor a
/// decomposition (the compatibility ideographs, which do, are outside these ranges).
fn unchanged(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{20000}'..='\u{2EBEF}')
}

/// Typographic quotes and apostrophes as the straight ones people type.
fn straight(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => '"',
        _ => c,
    }
}

/// Appends the fold of `s` to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in s.chars() {
        fold_char(c, |f| out.push(f));
    }
}

/// `s` folded: lower-case, accents dropped, compatibility forms replaced, quotes straight.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Whether folding `s` changes nothing but the case of ASCII letters. Such text can be searched
/// as it is, comparing ASCII letters without regard to case, with the same result as searching
/// its fold; only the rest needs a folded copy.
pub fn only_ascii_case(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    s.chars().all(only_ascii_case_char)
}

fn only_ascii_case_char(c: char) -> bool {
    if c.is_ascii() || unchanged(c) {
        return true;
    }
    let mut n = 0;
    let mut same = true;
    fold_char(c, |f| {
        n += 1;
        same &= f == c;
    });
    n == 1 && same
}

/// Typographic quotation marks that fold to `'` or `"`. Like the straight marks, none of them
/// is a letter or digit, so they begin and end words where the straight marks would.
pub fn is_quote_mark(c: char) -> bool {
    matches!(c, '\u{2018}'..='\u{201F}')
}

/// Whether folding `s` changes nothing but the case of ASCII letters and typographic quotation
/// marks. Such text can be searched as it is for any word without `'` or `"` (the marks then
/// sit where the straight ones would, outside every match); only a word with one needs its
/// fold.
pub fn only_ascii_case_and_quote_marks(s: &str) -> bool {
    s.is_ascii()
        || s.chars()
            .all(|c| is_quote_mark(c) || only_ascii_case_char(c))
}

/// Whether `s` holds a typographic quotation mark.
pub fn has_quote_mark(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(is_quote_mark)
}

/// A folded text that remembers where each of its bytes came from in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    pub text: String,
    /// For each byte of `text`, the start of the original character it came from; one more
    /// entry, the original's length, ends it.
    from: Vec<u32>,
    /// For each byte of `text`, the end of that original character.
    to: Vec<u32>,
}

impl Mapped {
    pub fn new(original: &str) -> Mapped {
        let mut text = String::with_capacity(original.len());
        let mut from = Vec::with_capacity(original.len() + 1);
        let mut to = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            let end = (at + c.len_utf8()) as u32;
            fold_char(c, |f| {
                text.push(f);
                from.resize(text.len(), at as u32);
                to.resize(text.len(), end);
            });
        }
        from.push(original.len() as u32);
        Mapped { text, from, to }
    }

    /// The bytes of the original that `range` of the folded text came from, widened to whole
    /// original characters (a match on the `f` of a folded `ﬁ` highlights the whole `ﬁ`).
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.from[range.start.min(self.text.len())] as usize;
        if range.end <= range.start {
            return start..start;
        }
        let end = self.to[(range.end - 1).min(self.to.len().saturating_sub(1))] as usize;
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_fold_away() {
        assert_eq!(fold("Stückelberger"), "stuckelberger");
        assert_eq!(
            fold("ÉCOLE Polytechnique Fédérale"),
            "ecole polytechnique federale"
        );
        assert_eq!(fold("Ñuñoa, São Paulo, Łódź"), "nunoa, sao paulo, łodz");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ǅ"), "dz");
    }

    #[test]
    fn compatibility_forms_become_plain() {
        // Full-width Latin letters, digits and punctuation, as CJK input methods type them.
        assert_eq!(fold("ＣＮＩＥ　２０１９"), "cnie 2019");
        assert_eq!(fold("ｃｈｉｎａ＇ｓ"), "china's");
        // Ligatures, the Kelvin sign, superscripts, a circled digit.
        assert_eq!(fold("ﬁnance"), "finance");
        assert_eq!(fold("\u{212A}elvin x² ①"), "kelvin x2 1");
    }

    #[test]
    fn curly_quotes_become_straight() {
        assert_eq!(fold("China’s ‘own’ “words”"), "china's 'own' \"words\"");
    }

    #[test]
    fn cjk_is_left_as_it_is() {
        assert_eq!(fold("云南绿水基金会"), "云南绿水基金会");
        assert_eq!(fold("中国社会组织动态 CNIE"), "中国社会组织动态 cnie");
        // A compatibility ideograph becomes its unified twin.
        assert_eq!(fold("\u{F900}"), "\u{8C48}");
    }

    #[test]
    fn only_ascii_case_says_when_a_copy_is_needed() {
        assert!(only_ascii_case("Tan Weiping"));
        assert!(only_ascii_case("Yunnan — 云南绿水基金会"));
        assert!(!only_ascii_case("Stückelberger"));
        assert!(!only_ascii_case("China’s"));
        assert!(!only_ascii_case("ＣＮＩＥ"));
        assert!(!only_ascii_case("ÉCOLE"));
        assert!(only_ascii_case_and_quote_marks(
            "China’s “goodwill” ‚low‛ „x‟"
        ));
        assert!(!only_ascii_case_and_quote_marks("Stückelberger’s"));
        // A modifier letter apostrophe is a letter: it joins words, so it needs the fold.
        assert!(!only_ascii_case_and_quote_marks("weʼre"));
    }

    #[test]
    fn quote_marks_are_not_word_characters_as_their_folds_are_not() {
        for c in '\u{2018}'..='\u{201F}' {
            assert!(is_quote_mark(c));
            assert!(!crate::query::search::words::is_word_char(c), "{c}");
            let folded = fold(&c.to_string());
            assert!(folded == "'" || folded == "\"", "{c} folds to {folded}");
        }
    }

    #[test]
    fn positions_map_back_to_the_original() {
        let original = "Dr. Stückelberger’s ﬁle";
        let m = Mapped::new(original);
        assert_eq!(m.text, "dr. stuckelberger's file");
        let at = m.text.find("stuckelberger").unwrap_or(0);
        let back = m.original(at..at + "stuckelberger".len());
        assert_eq!(&original[back], "Stückelberger");
        let at = m.text.find("'s").unwrap_or(0);
        assert_eq!(&original[m.original(at..at + 2)], "’s");
        // Part of a ligature highlights the whole ligature.
        let at = m.text.find("fi").unwrap_or(0);
        assert_eq!(&original[m.original(at..at + 1)], "ﬁ");
        assert_eq!(m.original(3..3), 3..3);
        let cjk = "基金会 ＣＮＩＥ";
        let m = Mapped::new(cjk);
        let at = m.text.find("cnie").unwrap_or(0);
        assert_eq!(&cjk[m.original(at..at + 4)], "ＣＮＩＥ");
    }
}
