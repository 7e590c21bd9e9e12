//! `ngo-atlas search --lines QUERY`: filters lines of text the way `fzf --filter` does, with the
//! explorer's rules. Every space-separated word must match the line fuzzily, case-insensitively;
//! a word found as typed scores double. Lines print best first; equal scores put the shorter
//! line first, then the earlier one (fzf's default tie-break). An empty query passes every line
//! through in order.

use super::engine::{Word, subsequence};
use super::matcher::{FastSkim, Matcher};
use std::borrow::Cow;
use std::io::{self, Write};

/// Lines per thread below which a second thread costs more than it saves.
const PARALLEL_FROM: usize = 20_000;

/// The lines of `input`, without their `\n`; a last line without one still counts.
fn split(input: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::with_capacity(input.len() / 40 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', input) {
        lines.push(&input[start..end]);
        start = end + 1;
    }
    if start < input.len() {
        lines.push(&input[start..]);
    }
    lines
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

/// The bytes of a word's characters that any line matching it must contain, in order, before
/// it is lower-cased beyond ASCII: its ASCII and its CJK characters. Other letters may come
/// from lower-casing a capital, and are left to the scorer. So may `k` and `i` when the input
/// has the two capitals that lower-case to them (KELVIN SIGN, capital I with a dot).
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

/// Scores `lines`; `lowered` is the input with ASCII lower-cased, `offsets` where each line is.
fn score(
    lines: &[&[u8]],
    offsets: &[usize],
    lowered: &[u8],
    words: &[Word],
    needles: &[Vec<u8>],
) -> Vec<(i64, u32)> {
    let mut m = FastSkim::default();
    let mut out = Vec::new();
    'line: for (i, line) in lines.iter().enumerate() {
        let at = offsets[i];
        let ascii_lower = &lowered[at..at + line.len()];
        // Rule most lines out on bytes before building anything.
        if !needles.iter().all(|n| subsequence(ascii_lower, n)) {
            continue;
        }
        let text = lower(line, ascii_lower);
        let mut total = 0;
        for w in words {
            let Some(s) = m.score(&text, w.text) else {
                continue 'line;
            };
            let exact = w.finder.find(text.as_bytes()).is_some();
            total += s * if exact { 2 } else { 1 };
        }
        out.push((total, i as u32));
    }
    out
}

/// Writes the lines of `input` that match `query`, best first; returns how many matched.
pub fn filter(input: &[u8], query: &str, out: &mut impl Write) -> io::Result<usize> {
    let lines = split(input);
    let lowered_words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if lowered_words.is_empty() {
        for line in &lines {
            out.write_all(line)?;
            out.write_all(b"\n")?;
        }
        return Ok(lines.len());
    }
    let words: Vec<Word> = lowered_words.iter().map(|w| Word::new(w)).collect();
    let lowered = input.to_ascii_lowercase();
    let odd_capitals = ["\u{212A}", "\u{130}"]
        .iter()
        .any(|c| memchr::memmem::find(input, c.as_bytes()).is_some());
    let needles: Vec<Vec<u8>> = words.iter().map(|w| needle(w.text, odd_capitals)).collect();
    let base = input.as_ptr() as usize;
    let offsets: Vec<usize> = lines.iter().map(|l| l.as_ptr() as usize - base).collect();
    let mut scored = if lines.len() >= 2 * PARALLEL_FROM {
        let half = lines.len() / 2;
        let (a, b) = std::thread::scope(|s| {
            let other =
                s.spawn(|| score(&lines[half..], &offsets[half..], &lowered, &words, &needles));
            let mine = score(&lines[..half], &offsets[..half], &lowered, &words, &needles);
            (mine, other.join())
        });
        let mut all = a;
        let b = b.unwrap_or_else(|e| std::panic::resume_unwind(e));
        all.extend(b.into_iter().map(|(s, i)| (s, i + half as u32)));
        all
    } else {
        score(&lines, &offsets, &lowered, &words, &needles)
    };
    scored.sort_unstable_by_key(|&(s, i)| (std::cmp::Reverse(s), lines[i as usize].len(), i));
    for &(_, i) in &scored {
        out.write_all(lines[i as usize])?;
        out.write_all(b"\n")?;
    }
    Ok(scored.len())
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
        let input: String = (0..50_000).map(|i| format!("line {i} of text\n")).collect();
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
