//! The fuzzy scorer behind a small trait, so it can be swapped after measurement.
//!
//! [`FastSkim`] computes fuzzy-matcher's `SkimMatcherV2` score, as the explorer has always used
//! it (a port of its score-only path, checked equal by the tests below against the crate
//! itself), without allocating, without thread-local look-ups, and with a direct path for
//! one-character patterns: at a million records those costs were most of a keystroke. Each
//! search thread owns its matcher, as a shared one would contend on its scratch buffers.

/// Scores a lower-cased pattern against a lower-cased text; `None` when the pattern's characters
/// do not all occur in the text in order.
pub trait Matcher: Send {
    fn score(&mut self, text: &str, pattern: &str) -> Option<i64>;
}

// SkimMatcherV2's default score configuration.
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
const FIRST_CHAR_MULTIPLIER: i32 = 2;
const NEG_INFINITY: i32 = i16::MIN as i32;

#[derive(Clone, Copy, PartialEq, Debug)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(ch: char) -> CharType {
    match ch {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty, _) | (CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower, CharType::Upper) | (CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

#[derive(Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

const RESET: Cell = Cell {
    m: NEG_INFINITY,
    p: NEG_INFINITY,
    bonus: 0,
};

/// SkimMatcherV2's scores, faster; its buffers are reused from call to call.
#[derive(Default)]
pub struct FastSkim {
    bytes: Vec<u8>,
    text: Vec<char>,
    pattern: Vec<char>,
    first: Vec<usize>,
    bonus: Vec<i32>,
    cells: Vec<Cell>,
}

impl Matcher for FastSkim {
    fn score(&mut self, text: &str, pattern: &str) -> Option<i64> {
        if pattern.is_empty() {
            return Some(0);
        }
        let mut p = pattern.chars();
        // An ASCII byte in UTF-8 is always that character, and a byte before it that is not
        // ASCII ends a character skim classes as a letter, so bytes suffice here.
        if let (Some(c), None) = (p.next(), p.next())
            && c.is_ascii()
        {
            return one_ascii_char(text.as_bytes(), c as u8);
        }
        self.dp(text, pattern).map(i64::from)
    }
}

/// A one-character pattern's score in closed form: the DP below reduces to the best in-place
/// bonus among the positions where the character occurs.
fn one_ascii_char(text: &[u8], p: u8) -> Option<i64> {
    let mut best: Option<i32> = None;
    for (j, &c) in text.iter().enumerate() {
        if !c.eq_ignore_ascii_case(&p) {
            continue;
        }
        let prev = if j == 0 { '\0' } else { text[j - 1] as char };
        let mut bonus = in_place_bonus(char_type(prev), char_type(c as char));
        if j == 0 {
            bonus *= FIRST_CHAR_MULTIPLIER;
        }
        let penalty = if c != p { PENALTY_CASE_MISMATCH } else { 0 };
        let score = GAP_EXTENSION + bonus + (SCORE_MATCH + penalty).max(0);
        best = Some(best.map_or(score, |b| b.max(score)));
    }
    best.map(i64::from)
}

/// A character as the scorer needs it: bytes for ASCII text (no decoding, a table for the
/// character classes), `char` for the rest.
trait Ch: Copy {
    fn class(self) -> CharType;
    fn eq_ignore_case(self, other: Self) -> bool;
    fn same(self, other: Self) -> bool;
    const NUL: Self;
}

impl Ch for u8 {
    fn class(self) -> CharType {
        ASCII_CLASS[usize::from(self & 0x7f)]
    }
    fn eq_ignore_case(self, other: u8) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
    fn same(self, other: u8) -> bool {
        self == other
    }
    const NUL: u8 = 0;
}

impl Ch for char {
    fn class(self) -> CharType {
        char_type(self)
    }
    fn eq_ignore_case(self, other: char) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
    fn same(self, other: char) -> bool {
        self == other
    }
    const NUL: char = '\0';
}

const ASCII_CLASS: [CharType; 128] = {
    let mut table = [CharType::Lower; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = match i as u8 {
            0 => CharType::Empty,
            b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => {
                CharType::HardSep
            }
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => CharType::SoftSep,
            b'0'..=b'9' => CharType::Number,
            b'A'..=b'Z' => CharType::Upper,
            _ => CharType::Lower,
        };
        i += 1;
    }
    table
};

/// The byte that stands in for a character that is not ASCII (see `FastSkim::dp`).
const STAND_IN: u8 = 0x7F;

impl FastSkim {
    fn dp(&mut self, text: &str, pattern: &str) -> Option<i32> {
        if pattern.is_ascii() && !pattern.contains(STAND_IN as char) {
            let text = if text.is_ascii() {
                text.as_bytes()
            } else {
                // Another character never matches an ASCII pattern; it only takes a place and
                // counts as a lower-case letter for the next one's bonus, as DEL does. So one
                // byte stands in for each, and the scores are the same, without decoding.
                self.bytes.clear();
                self.bytes.extend(
                    text.chars()
                        .map(|c| if c.is_ascii() { c as u8 } else { STAND_IN }),
                );
                &self.bytes
            };
            return dp(
                text,
                pattern.as_bytes(),
                &mut self.first,
                &mut self.bonus,
                &mut self.cells,
            );
        }
        self.text.clear();
        self.text.extend(text.chars());
        self.pattern.clear();
        self.pattern.extend(pattern.chars());
        dp(
            &self.text,
            &self.pattern,
            &mut self.first,
            &mut self.bonus,
            &mut self.cells,
        )
    }
}

/// SkimMatcherV2's score-only path (two rows of the matrix), step for step, so that even its
/// quirks give the same numbers.
fn dp<C: Ch>(
    c: &[C],
    p: &[C],
    first: &mut Vec<usize>,
    bonus: &mut Vec<i32>,
    cells: &mut Vec<Cell>,
) -> Option<i32> {
    first.clear();
    for (idx, &ch) in c.iter().enumerate() {
        match p.get(first.len()) {
            Some(&pc) if ch.eq_ignore_case(pc) => first.push(idx),
            Some(_) => {}
            None => break,
        }
    }
    if first.len() < p.len() {
        return None;
    }
    let cols = c.len() + 1;
    // Nothing before the first match of the pattern's first character is ever read: bonuses
    // and cells are set up from there on only.
    let start = first[0];
    bonus.clear();
    bonus.resize(cols, 0);
    let mut prev = if start == 0 { C::NUL } else { c[start - 1] };
    for (j, &ch) in c.iter().enumerate().skip(start) {
        bonus[j + 1] = in_place_bonus(prev.class(), ch.class());
        prev = ch;
    }
    if start == 0 && cols > 1 {
        bonus[1] *= FIRST_CHAR_MULTIPLIER;
    }
    // SkimMatcherV2 reuses its matrix between calls without clearing it, and reads a few
    // cells' `bonus` before writing them, so its scores can depend on the text scored
    // before. Starting from a clear matrix gives what a fresh SkimMatcherV2 gives, always.
    if cells.len() < 2 * cols {
        cells.resize(2 * cols, RESET);
    }
    let m = &mut cells[..2 * cols];
    m[start..cols].fill(Cell {
        p: GAP_EXTENSION,
        ..RESET
    });
    m[cols + start..].fill(RESET);
    for (i, &p_ch) in p.iter().enumerate() {
        let row = ((i + 1) & 1) * cols;
        let row_prev = (i & 1) * cols;
        let to_skip = first[i];
        for (j, &c_ch) in c[to_skip..].iter().enumerate() {
            let col = to_skip + j + 1;
            let cur = row + col;
            let last = row + col - 1;
            let diag = row_prev + col - 1;
            if c_ch.eq_ignore_case(p_ch) {
                let score = if c_ch.same(p_ch) {
                    SCORE_MATCH
                } else {
                    (SCORE_MATCH + PENALTY_CASE_MISMATCH).max(0)
                };
                let in_place = bonus[col];
                let consecutive = m[last].bonus.max(in_place.max(BONUS_CONSECUTIVE));
                m[last].bonus = consecutive;
                let by_match = m[diag].m + consecutive;
                let by_skip = m[diag].p + in_place;
                m[cur].m = by_match.max(by_skip) + score;
            } else {
                m[cur].m = NEG_INFINITY;
                m[cur].bonus = 0;
            }
            let open = GAP_START + GAP_EXTENSION + m[last].m;
            let extend = GAP_EXTENSION + m[last].p;
            m[cur].p = open.max(extend);
        }
    }
    let last_row = (p.len() & 1) * cols;
    let from = first[p.len() - 1];
    m[last_row + from..last_row + cols]
        .iter()
        .map(|cell| cell.m)
        .max()
}

/// A repeatable random number below `n` for each call (xorshift), for the tests' random strings.
#[cfg(test)]
fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    /// fuzzy-matcher's `SkimMatcherV2`, case-insensitive: the reference the fast one agrees with
    /// (a fresh one each time, see `FastSkim::dp`).
    struct Skim;

    impl Skim {
        fn score(&mut self, text: &str, pattern: &str) -> Option<i64> {
            SkimMatcherV2::default()
                .ignore_case()
                .fuzzy_match(text, pattern)
        }
    }

    /// A fresh SkimMatcherV2 for every call: see the note on its reused matrix in `dp`.
    fn agree(text: &str, pattern: &str, fast: &mut FastSkim) {
        let score = fast.score(text, pattern);
        assert_eq!(score, Skim.score(text, pattern), "{text:?} / {pattern:?}");
        // The search counts on this bound to skip scoring what cannot make the list.
        let most = 32 * pattern.chars().count() as i64;
        assert!(
            score.is_none_or(|s| s <= most),
            "{text:?} / {pattern:?}: {score:?}"
        );
    }

    #[test]
    fn fast_skim_scores_as_skim_does() {
        let mut fast = FastSkim::default();
        let texts = [
            "china ngo network for international exchanges",
            "tan weiping",
            "yunnan green water foundation — 云南绿水基金会",
            "o'brien mei-ling",
            "2019 hunan forum on poverty alleviation: 湖南扶贫论坛",
            "aaa bab abba baab",
            "HTTPServer fooBar a/b\\c (x) [y] {z}",
            "",
            "a",
        ];
        let patterns = [
            "a", "ab", "aba", "tan", "twp", "cnie", "ngo", "云南", "基金", "o'b", "2019", "forum",
            "hs", "fb", "zz", "ee", "nn", "ta", "x", "—",
        ];
        for t in texts {
            for p in patterns {
                agree(t, p, &mut fast);
            }
        }
    }

    #[test]
    fn fast_skim_agrees_on_random_strings() {
        let alphabet: Vec<char> = "abcAB -_/.:1云南é\u{7f}".chars().collect();
        let mut next = xorshift(12345);
        let mut fast = FastSkim::default();
        for _ in 0..20_000 {
            let t: String = (0..next(24))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let p: String = (0..1 + next(4))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            agree(&t, &p, &mut fast);
        }
    }
}
#[cfg(test)]
mod bounds {
    use super::*;

    /// What the search assumes of the scorer to skip scoring: a text that starts with the word
    /// scores what the word scores against itself, the most any text gives it; a text that
    /// starts with another character scores at most what the word scores after a space.
    #[test]
    fn a_word_at_the_start_scores_the_most() {
        let mut m = FastSkim::default();
        // Folded text: no capitals.
        let alphabet: Vec<char> = "abcab -_/.:()1云南".chars().collect();
        let mut next = xorshift(99);
        for _ in 0..200_000 {
            let p: String = (0..1 + next(5))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let mut t: String = (0..next(24))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            if next(3) == 0 {
                t = format!("{p}{t}");
            }
            let Some(score) = m.score(&t, &p) else {
                continue;
            };
            let itself = m.score(&p, &p).unwrap_or(0);
            let spaced = m.score(&format!(" {p}"), &p).unwrap_or(0);
            if t.starts_with(&p) {
                assert_eq!(score, itself, "{t:?} / {p:?}");
            } else if t.chars().next() == p.chars().next() {
                assert!(score <= itself, "{t:?} / {p:?}: {score} > {itself}");
            } else {
                assert!(score <= spaced, "{t:?} / {p:?}: {score} > {spaced}");
            }
        }
    }
}
