//! `ngo-atlas search --lines QUERY`: filters lines of text the way `fzf --filter` does, with the
//! explorer's rules. Every space-separated word must match the line fuzzily, case-insensitively;
//! a word found as typed scores double. Lines print best first; equal scores put the shorter
//! line first, then the earlier one (fzf's default tie-break). An empty query passes every line
//! through in order.
//!
//! Like grep, it does not look at every line: every matching line must contain the query's
//! rarest letter, so the scan jumps from one occurrence of that byte to the next with `memchr`
//! and only the lines it lands in are checked and scored.

use super::matcher::{FastSkim, Matcher};
use memchr::memmem;
use std::borrow::Cow;
use std::io::{self, Write};

/// Input bytes per thread below which a second thread costs more than it saves.
const PARALLEL_FROM: usize = 1 << 20;

/// A query word, prepared once.
struct Word<'a> {
    text: &'a str,
    finder: memmem::Finder<'a>,
}

impl<'a> Word<'a> {
    fn new(text: &'a str) -> Word<'a> {
        Word {
            text,
            finder: memmem::Finder::new(text.as_bytes()),
        }
    }
}

/// A matching line: its score, and where it is in the input.
#[derive(Clone, Copy)]
struct Found {
    score: i64,
    start: usize,
    len: usize,
}

/// A line as the matcher sees it: lower-cased, copying only when that changes something.
fn lower<'a>(line: &'a [u8], ascii_lower: &'a [u8]) -> Cow<'a, str> {
    match std::str::from_utf8(ascii_lower) {
        // Lower-casing ASCII bytes leaves UTF-8 valid; only cased non-ASCII letters need more.
        Ok(s) if s.is_ascii() || !s.chars().any(|c| !c.is_ascii() && c.is_uppercase()) => {
            Cow::Borrowed(s)
        }
        Ok(s) => Cow::Owned(s.to_lowercase()),
        Err(_) => Cow::Owned(String::from_utf8_lossy(line).to_lowercase()),
    }
}

/// The bytes of a word's characters that any line matching it must contain, in order, in
/// either case for ASCII letters: its ASCII and its CJK characters. Other letters may come from
/// lower-casing a capital, and are left to the scorer. So may `k` and `i` when the input has
/// the two capitals that lower-case to them (KELVIN SIGN, capital I with a dot).
fn needle(word: &str, odd_capitals: bool) -> Vec<u8> {
    let caseless = |c: char| {
        (c.is_ascii() && !(odd_capitals && matches!(c, 'k' | 'i')))
            || matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..)
    };
    let mut out = Vec::new();
    let mut buf = [0; 4];
    for c in word.chars().filter(|&c| caseless(c)) {
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    out
}

/// Finds `b` in `hay`, either case if it is an ASCII letter.
fn find(b: u8, hay: &[u8]) -> Option<usize> {
    if b.is_ascii_lowercase() {
        memchr::memchr2(b, b.to_ascii_uppercase(), hay)
    } else {
        memchr::memchr(b, hay)
    }
}

/// Whether `needle`'s bytes occur in `hay` in order, ASCII letters in either case.
fn subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut at = 0;
    for &b in needle {
        match find(b, &hay[at..]) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

/// How common a byte is in names, roughly (English letter frequencies; bytes of CJK text are
/// each rare): the scan anchors on the rarest byte of the query.
fn commonness(b: u8) -> u8 {
    const LETTERS: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    match LETTERS.iter().position(|&l| l == b) {
        Some(rank) => 100 - rank as u8,
        None if b == b' ' => 101,
        None if b.is_ascii_digit() => 60,
        None if b >= 0xE0 => 70, // a lead byte of CJK: every character has one
        None => 50,
    }
}

/// The longest line that is scored; longer ones that match are listed last.
pub const MAX_SCORED: usize = 64 * 1024;

/// Scores the lines of `chunk` (which starts at `base` in the input).
fn score(chunk: &[u8], base: usize, words: &[Word], needles: &[Vec<u8>]) -> Vec<Found> {
    let mut m = FastSkim::default();
    let mut out = Vec::new();
    let mut scratch = Vec::new();
    let anchor = needles
        .iter()
        .flatten()
        .copied()
        .min_by_key(|&b| commonness(b));
    let mut at = 0;
    while at < chunk.len() {
        // The next line that holds the anchor byte, if there is one.
        let start = match anchor {
            Some(b) => match find(b, &chunk[at..]) {
                Some(i) => memchr::memrchr(b'\n', &chunk[at..at + i]).map_or(at, |j| at + j + 1),
                None => break,
            },
            None => at,
        };
        let end = memchr::memchr(b'\n', &chunk[start..]).map_or(chunk.len(), |i| start + i);
        at = end + 1;
        let line = &chunk[start..end];
        if !needles.iter().all(|n| subsequence(line, n)) {
            continue;
        }
        // A line longer than any name or sentence (a whole file on one line) matches, as its
        // letters are there in order, but is not scored: the fuzzy scorer's tables grow with
        // the line, and a 55 MB line took 29 times its size.
        if line.len() > MAX_SCORED {
            out.push(Found {
                score: 0,
                start: base + start,
                len: line.len(),
            });
            continue;
        }
        scratch.clear();
        scratch.extend(line.iter().map(u8::to_ascii_lowercase));
        let text = lower(line, &scratch);
        let mut total = 0;
        let mut all = true;
        for w in words {
            let Some(s) = m.score(&text, w.text) else {
                all = false;
                break;
            };
            let exact = w.finder.find(text.as_bytes()).is_some();
            total += s * if exact { 2 } else { 1 };
        }
        if all {
            out.push(Found {
                score: total,
                start: base + start,
                len: line.len(),
            });
        }
    }
    out
}

/// Writes the lines of `input` that match `query`, best first; returns how many matched.
pub fn filter(input: &[u8], query: &str, out: &mut impl Write) -> io::Result<usize> {
    let lowered_words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if lowered_words.is_empty() {
        let body = input.strip_suffix(b"\n").unwrap_or(input);
        if input.is_empty() {
            return Ok(0);
        }
        let mut n = 0;
        for line in body.split(|&b| b == b'\n') {
            out.write_all(line)?;
            out.write_all(b"\n")?;
            n += 1;
        }
        return Ok(n);
    }
    let words: Vec<Word> = lowered_words.iter().map(|w| Word::new(w)).collect();
    // Only a query with `k` or `i` needs to know (two scans of the whole input otherwise).
    let odd_capitals = lowered_words.iter().any(|w| w.contains(['k', 'i']))
        && ["\u{212A}", "\u{130}"]
            .iter()
            .any(|c| memchr::memmem::find(input, c.as_bytes()).is_some());
    let needles: Vec<Vec<u8>> = words.iter().map(|w| needle(w.text, odd_capitals)).collect();
    let mut found = if input.len() >= 2 * PARALLEL_FROM {
        // Two halves, split at a line's end.
        let half = memchr::memchr(b'\n', &input[input.len() / 2..])
            .map_or(input.len(), |i| input.len() / 2 + i + 1);
        let (a, b) = input.split_at(half);
        let (a, b) = std::thread::scope(|s| {
            let other = s.spawn(|| score(b, half, &words, &needles));
            (score(a, 0, &words, &needles), other.join())
        });
        let mut all = a;
        all.extend(b.unwrap_or_else(|e| std::panic::resume_unwind(e)));
        all
    } else {
        score(input, 0, &words, &needles)
    };
    found.sort_unstable_by_key(|f| (std::cmp::Reverse(f.score), f.len, f.start));
    for f in &found {
        out.write_all(&input[f.start..f.start + f.len])?;
        out.write_all(b"\n")?;
    }
    Ok(found.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, query: &str) -> Vec<String> {
        let mut out = Vec::new();
        filter(input.as_bytes(), query, &mut out).expect("write to a Vec");
        String::from_utf8(out)
            .expect("UTF-8")
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_line_too_long_to_score_still_matches_and_comes_last() {
        let long = format!("{} tan weiping {}", "x".repeat(MAX_SCORED), "y".repeat(10));
        let input = format!("{long}\nTan Weiping\nno\n");
        let found = run(&input, "tanwei");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0], "Tan Weiping");
        assert_eq!(found[1], long);
    }

    #[test]
    fn best_first_and_every_word_must_match() {
        let input = "Tan Weiping, IPRCC\nthe weaving tannery\nWeiping Tan\nnothing here\n";
        assert_eq!(
            run(input, "tan weiping"),
            ["Weiping Tan", "Tan Weiping, IPRCC"]
        );
        // Scattered letters match too, below the words found as typed.
        assert_eq!(
            run(input, "tan wei").last().map(String::as_str),
            Some("the weaving tannery")
        );
        assert_eq!(run(input, "tan zebra"), Vec::<String>::new());
        assert_eq!(run(input, "IPRCC"), ["Tan Weiping, IPRCC"]);
    }

    #[test]
    fn cjk_and_case_folding() {
        let input = "云南绿水基金会 — Yunnan\nÉCOLE Internationale\n北京\n";
        assert_eq!(run(input, "基金"), ["云南绿水基金会 — Yunnan"]);
        assert_eq!(run(input, "école"), ["ÉCOLE Internationale"]);
        // Capitals that lower-case to ASCII letters are not missed by the byte prefilter.
        assert_eq!(run("\u{212A}ELVIN\nxyz\n", "kelvin"), ["\u{212A}ELVIN"]);
    }

    #[test]
    fn empty_input_and_empty_query() {
        assert!(run("", "tan").is_empty());
        assert_eq!(run("b\na", "  "), ["b", "a"]);
        assert_eq!(run("a\r\nb", "b"), ["b"]);
    }

    #[test]
    fn large_inputs_split_across_threads_keep_the_same_order() {
        let input: String = (0..200_000)
            .map(|i| format!("line {i} of text\n"))
            .collect();
        let got = run(&input, "9 9");
        let mut want: Vec<(i64, usize, usize, String)> = Vec::new();
        let mut m = FastSkim::default();
        for (i, l) in input.lines().enumerate() {
            if let Some(s) = m.score(l, "9") {
                let s = s * if l.contains('9') { 2 } else { 1 };
                want.push((-2 * s, l.len(), i, l.to_string()));
            }
        }
        want.sort();
        let want: Vec<String> = want.into_iter().map(|w| w.3).collect();
        assert_eq!(got, want);
    }
}

/// Output for a terminal: each line passes the sanitizer on its way, so a line of standard
/// input cannot drive the terminal (set its title, write its clipboard). Piped output is not
/// wrapped and stays exact.
pub struct Inert<W: Write> {
    out: W,
    line: Vec<u8>,
}

impl<W: Write> Inert<W> {
    pub fn new(out: W) -> Self {
        Inert {
            out,
            line: Vec::new(),
        }
    }
}

impl<W: Write> Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            self.line.extend_from_slice(&rest[..end]);
            let shown = String::from_utf8_lossy(&self.line);
            self.out
                .write_all(crate::text::sanitize::line(&shown).as_bytes())?;
            self.out.write_all(b"\n")?;
            self.line.clear();
            rest = &rest[end + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            let shown = String::from_utf8_lossy(&self.line).into_owned();
            self.out
                .write_all(crate::text::sanitize::line(&shown).as_bytes())?;
            self.line.clear();
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod inert_tests {
    use super::*;

    #[test]
    fn escapes_in_lines_are_made_inert_for_a_terminal() {
        let mut out = Inert::new(Vec::new());
        out.write_all(b"safe\n\x1b]0;pwned\x07 title\npartial \x1b[2J")
            .unwrap();
        out.flush().unwrap();
        let shown = String::from_utf8(out.out).unwrap();
        assert_eq!(shown, "safe\n␛]0;pwned␇ title\npartial ␛[2J");
    }
}
