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
pub struct FastSkim {
    /// Columns computed per row: all, but for [`FastSkim::self_score`].
    band: usize,
    bytes: Vec<u8>,
    text: Vec<char>,
    pattern: Vec<char>,
    first: Vec<usize>,
    bonus: Vec<i32>,
    cells: Vec<Cell>,
}

impl Default for FastSkim {
    fn default() -> Self {
        FastSkim {
            band: usize::MAX,
            bytes: Vec::new(),
            text: Vec::new(),
            pattern: Vec::new(),
            first: Vec::new(),
            bonus: Vec::new(),
            cells: Vec::new(),
        }
    }
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
    /// What `word` scores against itself (`spaced`: against itself after a space): the most
    /// any text gives it, computed in time linear in its length.
    ///
    /// The text is the pattern (or one space longer), so the only alignment is the pattern's
    /// own: row `i` matches near column `i`. Every cell of the matrix is computed from the
    /// cells to its left and above-left, and the cells the score and the quirky reads of
    /// SkimMatcherV2 reach lie within a few columns of that diagonal. So a band of
    /// [`SELF_BAND`] columns per row gives exactly the full matrix's score (the tests compare
    /// both), where the full matrix cost the square of the length: 29 s for a 100,000-letter
    /// word.
    pub fn self_score(&mut self, word: &str, spaced: bool) -> Option<i64> {
        if word.is_empty() {
            return Some(0);
        }
        let text = if spaced {
            format!(" {word}")
        } else {
            word.to_string()
        };
        self.band = SELF_BAND;
        let score = self.dp(&text, word);
        self.band = usize::MAX;
        score.map(i64::from)
    }

    fn dp(&mut self, text: &str, pattern: &str) -> Option<i32> {
        let band = self.band;
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
                band,
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
            band,
            &mut self.first,
            &mut self.bonus,
            &mut self.cells,
        )
    }
}

/// Columns per row that [`FastSkim::self_score`] computes: the diagonal, and the two cells to
/// its right that later rows read.
const SELF_BAND: usize = 4;

#[cfg(test)]
thread_local! {
    /// Matrix cells computed on this thread, for the tests that bound the work.
    pub static CELLS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// SkimMatcherV2's score-only path (two rows of the matrix), step for step, so that even its
/// quirks give the same numbers. Each row is computed from the first place its pattern
/// character can go, for at most `band` columns.
fn dp<C: Ch>(
    c: &[C],
    p: &[C],
    band: usize,
    first: &mut Vec<usize>,
    bonus: &mut Vec<i32>,
    cells: &mut Vec<Cell>,
) -> Option<i32> {
    if !firsts(c, p, first) {
        return None;
    }
    // Nor is anything after the last place the pattern's last character can go: a cell is
    // computed from cells in its column and the columns to its left only, so the cells the
    // score is taken from (the last row's, up to that place) are the same without them.
    let end = c
        .iter()
        .rposition(|&ch| ch.eq_ignore_case(p[p.len() - 1]))?;
    let cols = c.len() + 1;
    // Nothing before the first match of the pattern's first character is ever read: bonuses
    // and cells are set up from there on only.
    let start = first[0];
    bonuses(&c[..=end], start, bonus);
    // SkimMatcherV2 reuses its matrix between calls without clearing it, and reads a few
    // cells' `bonus` before writing them, so its scores can depend on the text scored
    // before. Starting from a clear matrix gives what a fresh SkimMatcherV2 gives, always.
    if cells.len() < 2 * cols {
        cells.resize(2 * cols, RESET);
    }
    let m = &mut cells[..2 * cols];
    m[start..end + 2].fill(Cell {
        p: GAP_EXTENSION,
        ..RESET
    });
    m[cols + start..cols + end + 2].fill(RESET);
    for (i, &p_ch) in p.iter().enumerate() {
        let row = ((i + 1) & 1) * cols;
        let row_prev = (i & 1) * cols;
        let to_skip = first[i];
        let row_cells = &c[to_skip..to_skip.saturating_add(band).min(end + 1)];
        #[cfg(test)]
        CELLS.with(|n| n.set(n.get() + row_cells.len() as u64));
        for (j, &c_ch) in row_cells.iter().enumerate() {
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
    m[last_row + from..=last_row + end + 1]
        .iter()
        .map(|cell| cell.m)
        .max()
}

/// The first place each pattern character can go, in order; false when the pattern does not
/// fit in the text.
fn firsts<C: Ch>(c: &[C], p: &[C], first: &mut Vec<usize>) -> bool {
    first.clear();
    for (idx, &ch) in c.iter().enumerate() {
        match p.get(first.len()) {
            Some(&pc) if ch.eq_ignore_case(pc) => first.push(idx),
            Some(_) => {}
            None => break,
        }
    }
    first.len() == p.len()
}

/// The bonus of a match at each column from `start` on, by the characters around it.
fn bonuses<C: Ch>(c: &[C], start: usize, bonus: &mut Vec<i32>) {
    let cols = c.len() + 1;
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
}

/// A repeatable random number below `n` for each call (xorshift), for the tests' random strings.
#[cfg(test)]
mod tests;
