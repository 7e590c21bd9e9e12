//! The passage of an article that comes closest to a quote not found in it, aligned with the
//! quote character by character so that a curator sees at once what differs: a straight `'`
//! for a curly `’`, a dropped word, a typo.
//!
//! The search is an approximate substring match (edit distance with free ends in the article),
//! bounded so that a long article or a long quote costs milliseconds, not minutes: a long
//! article is first narrowed to the stretch that shares the most short runs of characters with
//! the quote.

use crate::text::sanitize;
use rustc_hash::FxHashMap;

/// One column of the alignment: a character of the article above one of the quote; either side
/// is `None` where the other has a character the first lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub article: Option<char>,
    pub quote: Option<char>,
}

impl Column {
    pub fn differs(&self) -> bool {
        self.article != self.quote
    }
}

/// The best passage and its alignment with the quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Closest {
    /// Characters to change, add or drop to turn the passage into the quote.
    pub distance: usize,
    /// The passage, as a range of characters of the article text.
    pub start: usize,
    pub end: usize,
    pub columns: Vec<Column>,
    /// Characters of the quote left out of the alignment before and after (a very long quote is
    /// aligned only around its first difference).
    pub quote_cut: (usize, usize),
}

/// Matrix cells allowed for one alignment: a 5,000-character article against a 600-character
/// quote fits; anything larger is narrowed first.
const MAX_CELLS: usize = 4_000_000;
/// The longest stretch of a quote aligned at once.
const MAX_QUOTE: usize = 800;
/// Length of the runs of characters used to find where a long article resembles the quote.
const GRAM: usize = 5;

/// The passage of `article` closest to `quote`, or `None` when nothing in it resembles the
/// quote at all. Both are sequences of characters with white space already squashed.
pub fn find(article: &[char], quote: &[char]) -> Option<Closest> {
    if quote.is_empty() || article.is_empty() {
        return None;
    }
    let (quote, cut) = narrow_quote(article, quote);
    let (from, to) = if (quote.len() + 1) * (article.len() + 1) <= MAX_CELLS {
        (0, article.len())
    } else {
        window(article, quote)?
    };
    let mut best = align(&article[from..to], quote);
    best.start += from;
    best.end += from;
    best.quote_cut = cut;
    Some(best)
}

/// A quote longer than `MAX_QUOTE` is cut to the stretch around its first difference: the
/// longest prefix found verbatim tells where that is.
fn narrow_quote<'q>(article: &[char], quote: &'q [char]) -> (&'q [char], (usize, usize)) {
    if quote.len() <= MAX_QUOTE {
        return (quote, (0, 0));
    }
    let text: String = article.iter().collect();
    let found = |n: usize| text.contains(&quote[..n].iter().collect::<String>());
    // Binary search for the longest prefix that the article contains.
    let (mut lo, mut hi) = (0, quote.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if found(mid) { lo = mid } else { hi = mid - 1 }
    }
    let start = lo.saturating_sub(MAX_QUOTE / 4);
    let end = (start + MAX_QUOTE).min(quote.len());
    (&quote[start..end], (start, quote.len() - end))
}

/// The stretch of a long article that shares the most runs of `GRAM` characters with the quote
/// on one diagonal, widened by half the quote on each side.
fn window(article: &[char], quote: &[char]) -> Option<(usize, usize)> {
    let g = GRAM.min(quote.len());
    // Runs are compared by a rolling hash of their characters (a collision only adds a stray
    // vote): scanning a 15 MB article costs a tenth of a second, not seconds.
    const B: u64 = 0x100_0000_01b3;
    let top = (0..g - 1).fold(1u64, |p, _| p.wrapping_mul(B));
    let rolling = |s: &[char]| -> Vec<u64> {
        let mut out = Vec::with_capacity(s.len().saturating_sub(g - 1));
        let mut h = 0u64;
        for (j, &c) in s.iter().enumerate() {
            if j >= g {
                h = h.wrapping_sub(u64::from(s[j - g]).wrapping_mul(top));
            }
            h = h.wrapping_mul(B).wrapping_add(u64::from(c));
            if j + 1 >= g {
                out.push(h);
            }
        }
        out
    };
    let mut grams: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, h) in rolling(quote).into_iter().enumerate() {
        grams.entry(h).or_default().push(i);
    }
    // Votes for where the quote would start in the article, in buckets of 16 characters.
    let mut votes: FxHashMap<isize, usize> = FxHashMap::default();
    let mut h = 0u64;
    for (j, &c) in article.iter().enumerate() {
        if j >= g {
            h = h.wrapping_sub(u64::from(article[j - g]).wrapping_mul(top));
        }
        h = h.wrapping_mul(B).wrapping_add(u64::from(c));
        if j + 1 < g {
            continue;
        }
        if let Some(at) = grams.get(&h) {
            let start = j + 1 - g;
            for &i in at {
                *votes
                    .entry((start as isize - i as isize).div_euclid(16))
                    .or_default() += 1;
            }
        }
    }
    let (&bucket, _) = votes.iter().max_by_key(|&(b, n)| (*n, -b))?;
    let start = bucket * 16;
    let slack = (quote.len() / 2 + 16) as isize;
    let from = (start - slack).max(0) as usize;
    let to = ((start + quote.len() as isize + slack).max(0) as usize).min(article.len());
    (from < to).then_some((from, to))
}

/// Edit distance of `quote` against the best substring of `text`, with the alignment.
fn align(text: &[char], quote: &[char]) -> Closest {
    let (m, n) = (quote.len(), text.len());
    let w = n + 1;
    // d[i * w + j]: distance of quote[..i] against a substring of text ending at j.
    let mut d = vec![0u32; (m + 1) * w];
    for i in 1..=m {
        d[i * w] = i as u32;
        for j in 1..=n {
            let sub = d[(i - 1) * w + j - 1] + u32::from(quote[i - 1] != text[j - 1]);
            let gap_text = d[(i - 1) * w + j] + 1;
            let gap_quote = d[i * w + j - 1] + 1;
            d[i * w + j] = sub.min(gap_text).min(gap_quote);
        }
    }
    // The first best end keeps the passage earliest in the article.
    let end = (0..=n).min_by_key(|&j| (d[m * w + j], j)).unwrap_or(n);
    let distance = d[m * w + end] as usize;
    let (mut i, mut j) = (m, end);
    let mut columns = Vec::with_capacity(m + 8);
    while i > 0 {
        let here = d[i * w + j];
        if j > 0 && here == d[(i - 1) * w + j - 1] + u32::from(quote[i - 1] != text[j - 1]) {
            columns.push(Column {
                article: Some(text[j - 1]),
                quote: Some(quote[i - 1]),
            });
            i -= 1;
            j -= 1;
        } else if here == d[(i - 1) * w + j] + 1 {
            columns.push(Column {
                article: None,
                quote: Some(quote[i - 1]),
            });
            i -= 1;
        } else {
            columns.push(Column {
                article: Some(text[j - 1]),
                quote: None,
            });
            j -= 1;
        }
    }
    columns.reverse();
    Closest {
        distance,
        start: j,
        end,
        columns,
        quote_cut: (0, 0),
    }
}

/// Columns of context shown on each side of a difference.
const CONTEXT: usize = 24;
/// An alignment this long is shown whole; a longer one only around its differences, in
/// stretches of at most `MAX_STRETCH` columns.
const WHOLE: usize = 100;
const MAX_STRETCH: usize = 100;
/// Stretches with differences shown at most; the rest are counted.
const MAX_STRETCHES: usize = 4;

/// The alignment as blocks of three lines: the article, the quote, and `^` under every column
/// that differs. A short alignment is one block; a long one shows only the stretches around its
/// differences, one block each of at most `MAX_STRETCH` columns, so no line wraps in a terminal
/// and the marks stay under their characters. `…` marks where a block is cut. Every character is
/// made safe for a terminal, and columns are padded to the same display width so the marks stay
/// aligned with wide (CJK) text too. The second value counts the stretches left out.
pub fn render(c: &Closest) -> (Vec<[String; 3]>, usize) {
    let cols = &c.columns;
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    if cols.len() <= WHOLE {
        stretches.push((0, cols.len()));
    } else {
        for k in (0..cols.len()).filter(|&k| cols[k].differs()) {
            let to = (k + CONTEXT + 1).min(cols.len());
            match stretches.last_mut() {
                Some(last) if k < last.1 => {}
                Some(last) if to - last.0 <= MAX_STRETCH => last.1 = to,
                Some(last) => {
                    let from = k.saturating_sub(CONTEXT).max(last.1);
                    stretches.push((from, to));
                }
                None => stretches.push((k.saturating_sub(CONTEXT), to)),
            }
        }
        if stretches.is_empty() {
            stretches.push((0, WHOLE));
        }
    }
    let more = stretches.len().saturating_sub(MAX_STRETCHES);
    stretches.truncate(MAX_STRETCHES);
    widen_to_words(cols, &mut stretches);
    let shown = |ch: Option<char>| {
        ch.map_or(String::new(), |ch| {
            sanitize::line(&ch.to_string()).into_owned()
        })
    };
    let blocks = stretches
        .iter()
        .map(|&(from, to)| {
            let mut rows = [String::new(), String::new(), String::new()];
            if from > 0 || c.quote_cut.0 > 0 {
                push_all(&mut rows, "…");
            }
            for col in &cols[from..to] {
                let (a, q) = (shown(col.article), shown(col.quote));
                let width = sanitize::display_width(&a)
                    .max(sanitize::display_width(&q))
                    .max(1);
                for (row, s) in [(0, &a), (1, &q)] {
                    rows[row].push_str(s);
                    rows[row].push_str(&" ".repeat(width - sanitize::display_width(s)));
                }
                rows[2].push_str(&(if col.differs() { "^" } else { " " }).repeat(width));
            }
            if to < cols.len() || c.quote_cut.1 > 0 {
                push_all(&mut rows, "…");
            }
            for row in &mut rows {
                let trimmed = row.trim_end().len();
                row.truncate(trimmed);
            }
            rows
        })
        .collect();
    (blocks, more)
}

/// Moves each stretch's cuts out to the nearest space in the article, a few columns at most and
/// never into the next stretch, so a block does not start or end in the middle of a word.
fn widen_to_words(cols: &[Column], stretches: &mut [(usize, usize)]) {
    const REACH: usize = 12;
    let space = |k: usize| cols[k].article == Some(' ');
    for n in 0..stretches.len() {
        let floor = if n == 0 { 0 } else { stretches[n - 1].1 };
        let ceiling = stretches.get(n + 1).map_or(cols.len(), |s| s.0);
        let (from, to) = stretches[n];
        if from > floor {
            let lowest = from.saturating_sub(REACH).max(floor);
            if let Some(k) = (lowest..from).rev().find(|&k| space(k)) {
                stretches[n].0 = k + 1;
            }
        }
        if to < ceiling {
            let highest = (to + REACH).min(ceiling);
            if let Some(k) = (to..highest).find(|&k| space(k)) {
                stretches[n].1 = k;
            }
        }
    }
}

/// The same text in the article and quote rows, blank in the marks row.
fn push_all(rows: &mut [String; 3], s: &str) {
    rows[0].push_str(s);
    rows[1].push_str(s);
    rows[2].push_str(&" ".repeat(sanitize::display_width(s)));
}

/// When every difference is one look-alike character for another (punctuation, quotation
/// marks, dashes, spaces: what the eye skips over), the pairs, quote first: `(', ’)` says the
/// quote has a straight apostrophe where the article has a curly one.
pub fn substitutions(c: &Closest) -> Option<Vec<(char, char)>> {
    let mut pairs: Vec<(char, char)> = Vec::new();
    for col in c.columns.iter().filter(|c| c.differs()) {
        let (Some(a), Some(q)) = (col.article, col.quote) else {
            return None;
        };
        if a.is_alphanumeric() || q.is_alphanumeric() {
            return None;
        }
        if !pairs.contains(&(q, a)) {
            pairs.push((q, a));
        }
    }
    (!pairs.is_empty()).then_some(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_the_passage_with_a_changed_character() {
        let article =
            chars("The network, which was founded in 2005, said 20 of its 265 members worked");
        let quote = chars("which was founded in 2006, said 20");
        let c = find(&article, &quote).unwrap();
        assert_eq!(c.distance, 1);
        let passage: String = article[c.start..c.end].iter().collect();
        assert_eq!(passage, "which was founded in 2005, said 20");
        let [a, q, marks] = render(&c).0.remove(0);
        assert_eq!(a, "which was founded in 2005, said 20");
        assert_eq!(q, "which was founded in 2006, said 20");
        assert_eq!(marks.find('^'), Some(a.find("5,").unwrap()));
        // A changed digit shows plainly in the rows; only look-alikes get named.
        assert_eq!(substitutions(&c), None);
        let dashed = find(
            &chars("a deputy director said"),
            &chars("a deputy–director said"),
        )
        .unwrap();
        assert_eq!(substitutions(&dashed), Some(vec![('–', ' ')]));
    }

    #[test]
    fn shows_dropped_and_added_characters_in_place() {
        let article = chars("China’s NGOs have played an important role");
        let quote = chars("China's NGOs played a important role");
        let c = find(&article, &quote).unwrap();
        let [a, q, marks] = render(&c).0.remove(0);
        assert_eq!(a.chars().count(), q.chars().count(), "{a}\n{q}");
        assert_eq!(marks.matches('^').count(), c.distance);
        assert!(a.starts_with("China’s NGOs have"), "{a}");
        assert!(
            q.starts_with("China's NGOs      played a  important"),
            "{q}"
        );
        assert_eq!(substitutions(&c), None);
    }

    #[test]
    fn wide_characters_keep_the_marks_aligned() {
        let article = chars("published by 中国社会组织动态, the official account");
        let quote = chars("published by 中国社会组织动向, the official account");
        let c = find(&article, &quote).unwrap();
        let [a, q, marks] = render(&c).0.remove(0);
        let before = a.split('态').next().unwrap();
        // The marks sit under the differing character, counted in display columns.
        let col = sanitize::display_width(before);
        assert_eq!(marks.find('^'), Some(col));
        assert_eq!(marks.matches('^').count(), 2, "one wide character");
        assert_eq!(sanitize::display_width(&a), sanitize::display_width(&q));
    }

    #[test]
    fn control_characters_are_shown_inert() {
        let article = chars("plain text here");
        let quote = chars("plain \u{1b}[31mtext here");
        let c = find(&article, &quote).unwrap();
        let [_, q, _] = render(&c).0.remove(0);
        assert!(!q.contains('\u{1b}'), "{q:?}");
        assert!(q.contains('␛'), "{q}");
    }

    #[test]
    fn a_long_article_is_narrowed_to_the_likely_stretch() {
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!("filler sentence number {i} about nothing. "));
        }
        text.push_str(
            "Tan Weiping, deputy director of International Poverty Reduction Center in China said",
        );
        let article = chars(&text);
        let quote = chars(
            "Tan Weiping, deputy-director of International Poverty Reduction Centre in China",
        );
        let c = find(&article, &quote).unwrap();
        assert_eq!(c.distance, 3);
        let passage: String = article[c.start..c.end].iter().collect();
        assert!(
            passage.starts_with("Tan Weiping, deputy director"),
            "{passage}"
        );
    }

    #[test]
    fn a_long_quote_is_aligned_around_its_first_difference() {
        let body: String = (0..400).map(|i| format!("word{i} ")).collect();
        let article = chars(&body);
        let mut quote_text = body.clone();
        quote_text.replace_range(2000..2001, "X");
        let quote = chars(quote_text.trim_end());
        let c = find(&article, &quote).unwrap();
        assert_eq!(c.distance, 1);
        assert!(c.quote_cut.0 > 0);
        let [a, q, _] = render(&c).0.remove(0);
        assert!(a.starts_with('…') && q.starts_with('…'));
        assert!(q.contains('X'));
    }

    #[test]
    fn many_differences_are_shown_in_a_few_stretches() {
        let article: String = (0..60).map(|i| format!("alpha{i:02} beta ")).collect();
        let quote: String = (0..60).map(|i| format!("alpha{i:02} BETA ")).collect();
        let c = find(&chars(&article), &chars(quote.trim_end())).unwrap();
        let (blocks, more) = render(&c);
        assert_eq!(blocks.len(), MAX_STRETCHES);
        assert!(more > 0);
        for [a, q, marks] in &blocks {
            assert!(a.chars().count() <= MAX_STRETCH + 2, "{a}");
            assert_eq!(a.chars().count(), q.chars().count());
            assert!(marks.contains('^'));
        }
        assert!(blocks[1][0].starts_with('…'), "{}", blocks[1][0]);
    }
}
