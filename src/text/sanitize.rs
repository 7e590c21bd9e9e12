//! The one place that makes untrusted text safe to show or copy.
//!
//! Datasets come from outside (users load their own), so any string may carry
//! terminal escape sequences (`ESC ]52;…` could rewrite the user's clipboard,
//! `ESC [201~` could break out of bracketed paste), bidi overrides that make
//! text read differently from what it is, or stray controls that shift the
//! cursor and corrupt the layout. Every string drawn or copied goes through here.
//!
//! What happens to each kind of character (the same in all three functions
//! unless said otherwise):
//!
//! * C0 controls and DEL become their Control Pictures (`ESC` → `␛`,
//!   `NUL` → `␀`, `DEL` → `␡`), so the user sees that something was there.
//! * `\n` (and U+2028/U+2029) is kept by [`text`] and [`for_clipboard`], shown
//!   as `␊` by [`line`]; `\r` is shown as `␍` by [`line`], while [`text`] turns
//!   `\r\n` and a lone `\r` into `\n`.
//! * Tabs expand to spaces up to the next multiple of [`TAB_STOP`] display
//!   columns, counted from the start of the (displayed) line. A tab's width
//!   depends on the terminal, so leaving it would break column arithmetic.
//! * C1 controls (U+0080–U+009F), bidi embeddings, overrides and isolates
//!   (U+202A–U+202E, U+2066–U+2069), the deprecated format controls
//!   (U+206A–U+206F) and interlinear annotation (U+FFF9–U+FFFB) become an
//!   ASCII marker such as `<U+202E>`: ASCII has a width every terminal agrees
//!   on (U+FFFD is East-Asian-ambiguous), and the code tells the user exactly
//!   what is in their data.
//! * Invisible characters that only steer layout are removed: the direction
//!   marks (U+200E, U+200F, U+061C), zero-width space (U+200B), word joiner and
//!   invisible operators (U+2060–U+2064) and the BOM (U+FEFF). They draw
//!   nothing, so dropping them changes no glyph, but they can reorder or glue
//!   neighbouring text.
//! * Everything else passes untouched, including CJK, ZWJ (U+200D) and ZWNJ
//!   (U+200C), variation selectors, emoji tag sequences and combining marks.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Tabs expand to the next multiple of this many display columns.
pub const TAB_STOP: usize = 4;

/// For single-line display (names, list rows, status bar): newlines are shown
/// as `␊`/`␍` so that a row can never spill onto the next one.
pub fn line(s: &str) -> Cow<'_, str> {
    if needs_work(s, false) {
        Cow::Owned(rewrite(s, false))
    } else {
        Cow::Borrowed(s)
    }
}

/// For multi-line display (summaries, quotes): `\n` is kept, `\r\n` and a lone
/// `\r` become `\n`, everything else as in [`line`].
pub fn text(s: &str) -> Cow<'_, str> {
    if needs_work(s, true) {
        Cow::Owned(rewrite(s, true))
    } else {
        Cow::Borrowed(s)
    }
}

/// What may be copied: exactly what [`text`] shows, except that a tab stays a
/// tab, so rows copied as tab-separated text paste into a spreadsheet as
/// columns. Copying what the user saw (control pictures included) means a paste
/// never surprises them, and the result holds no control character other than
/// `\n` and `\t`: no ESC, no bidi control.
pub fn for_clipboard(s: &str) -> String {
    let cells: Vec<Cow<str>> = s.split('\t').map(text).collect();
    cells.join("\t")
}

/// Display width in terminal columns, for text that has been sanitized.
pub fn display_width(s: &str) -> usize {
    s.width()
}

/// Cut `s` to at most `max` display columns, ending with `…` when cut. Cuts
/// only where a new visible character starts, so a wide character, a
/// combining mark, an emoji ZWJ sequence or a flag pair is never split.
pub fn truncate_to_width(s: &str, max: usize) -> Cow<'_, str> {
    if s.width() <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1; // one column is kept for the ellipsis
    // Whole grapheme clusters, each measured as a string: the width of an emoji sequence
    // differs from the sum of its chars' widths.
    let (mut used, mut cut) = (0, 0);
    for (i, g) in s.grapheme_indices(true) {
        let w = g.width();
        if used + w > budget {
            break;
        }
        used += w;
        cut = i + g.len();
    }
    Cow::Owned(format!("{}…", &s[..cut]))
}

/// Cut `s` to at most `max` display columns by taking out its middle: `People in pov…of 2012`.
/// Where two names differ only at the end (a year, a number), this keeps what tells them
/// apart. Never splits a wide character; zero-width characters stay with what precedes them.
pub fn truncate_middle(s: &str, max: usize) -> Cow<'_, str> {
    if s.width() <= max {
        return Cow::Borrowed(s);
    }
    if max < 5 {
        return truncate_to_width(s, max);
    }
    let room = max - 1;
    let tail_room = room * 2 / 5;
    let head = truncate_to_width(s, room - tail_room + 1);
    let head = head.trim_end_matches('…');
    let used = head.width();
    let mut tail_start = s.len();
    let mut tail_w = 0;
    for (i, g) in s.grapheme_indices(true).rev() {
        let w = g.width();
        if tail_w + w > room - used {
            break;
        }
        tail_w += w;
        tail_start = i;
    }
    Cow::Owned(format!("{head}…{}", &s[tail_start..]))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fix {
    Keep,
    Tab,
    Newline,
    CarriageReturn,
    Picture(char),
    Marker,
    Drop,
}

fn classify(c: char) -> Fix {
    match c {
        '\t' => Fix::Tab,
        '\n' | '\u{2028}' | '\u{2029}' => Fix::Newline,
        '\r' => Fix::CarriageReturn,
        '\0'..='\u{1F}' => Fix::Picture(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\u{7F}' => Fix::Picture('\u{2421}'),
        '\u{80}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FFF9}'..='\u{FFFB}' => Fix::Marker,
        '\u{061C}'
        | '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}' => Fix::Drop,
        _ => Fix::Keep,
    }
}

/// The fast path, run for every drawn cell of every frame: a byte scan that
/// only decodes a char when its UTF-8 lead byte is one that `classify` can
/// object to (C2: C1 controls, D8: U+061C, E2: U+2xxx, EF: U+FEFF/U+FFFx).
/// CJK lead bytes (E3–E9) never get decoded.
fn needs_work(s: &str, keep_newline: bool) -> bool {
    let bytes = s.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' => !keep_newline,
        0x00..=0x1F | 0x7F => true,
        0xC2 | 0xD8 | 0xE2 | 0xEF => s[i..]
            .chars()
            .next()
            .is_some_and(|c| classify(c) != Fix::Keep),
        _ => false,
    })
}

fn rewrite(s: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    // Tab stops need the column of the displayed line: `col_base` columns up to
    // `seg_start`, plus the width of what has been pushed since. Measuring the
    // segment as a string (not char by char) keeps emoji sequences right.
    let (mut col_base, mut seg_start) = (0usize, 0usize);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match classify(c) {
            Fix::Keep => out.push(c),
            Fix::Picture(p) => out.push(p),
            Fix::Marker => out.push_str(&format!("<U+{:04X}>", c as u32)),
            Fix::Drop => {}
            Fix::Tab => {
                let col = col_base + out[seg_start..].width();
                let pad = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', pad));
                col_base = col + pad;
                seg_start = out.len();
            }
            Fix::Newline | Fix::CarriageReturn if multiline => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    continue; // the '\n' that follows makes the one newline
                }
                out.push('\n');
                col_base = 0;
                seg_start = out.len();
            }
            Fix::Newline => out.push('\u{240A}'),
            Fix::CarriageReturn => out.push('\u{240D}'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(c: Cow<'_, str>) -> String {
        assert!(matches!(c, Cow::Owned(_)), "expected a rewrite");
        c.into_owned()
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(owned(line("\x1b]0;pwned\x07")), "␛]0;pwned␇");
        assert_eq!(owned(line("\x1b[31mred")), "␛[31mred");
        assert_eq!(owned(line("\x1b]52;c;aGk=\x07")), "␛]52;c;aGk=␇");
        assert_eq!(
            owned(text("\x1b[200~rm -rf ~\x1b[201~")),
            "␛[200~rm -rf ~␛[201~"
        );
        assert_eq!(owned(line("a\0b")), "a␀b");
    }

    #[test]
    fn c1_and_del() {
        assert_eq!(owned(line("a\u{9b}31m")), "a<U+009B>31m");
        assert_eq!(owned(line("\u{85}")), "<U+0085>");
        assert_eq!(owned(line("a\x7fb")), "a␡b");
    }

    #[test]
    fn bidi_controls_marked_and_marks_removed() {
        assert_eq!(owned(line("abc\u{202e}fed")), "abc<U+202E>fed");
        assert_eq!(owned(line("\u{2066}x\u{2069}")), "<U+2066>x<U+2069>");
        assert_eq!(owned(line("a\u{200f}b\u{200e}c\u{feff}")), "abc");
        assert_eq!(for_clipboard("x\u{202d}y"), "x<U+202D>y");
    }

    #[test]
    fn a_middle_cut_keeps_the_end_that_tells_names_apart() {
        let a = truncate_middle("People in poverty in China, end of 2012", 30);
        let b = truncate_middle("People in poverty in China, end of 2019", 30);
        assert_ne!(a, b);
        assert!(a.ends_with("2012") && a.starts_with("People"), "{a}");
        assert!(display_width(&a) <= 30);
        let cjk = truncate_middle("中国社会组织动态与三区三州的扶贫", 11);
        assert!(display_width(&cjk) <= 11, "{cjk}");
        assert_eq!(truncate_middle("short", 30), "short");
    }

    #[test]
    fn tabs_expand_to_stops_by_display_width() {
        assert_eq!(owned(line("\tx")), "    x");
        assert_eq!(owned(line("ab\tc")), "ab  c");
        assert_eq!(owned(line("abcd\te")), "abcd    e");
        assert_eq!(owned(line("中\tx")), "中  x");
        assert_eq!(owned(line("中国\tx")), "中国    x");
        assert_eq!(owned(line("中文字\tx\ty")), "中文字  x   y");
        // A new line restarts the columns in `text`; in `line` it is one more glyph.
        assert_eq!(owned(text("ab\ncd\te")), "ab\ncd  e");
        assert_eq!(owned(line("ab\ncd\te")), "ab␊cd   e");
    }

    #[test]
    fn newlines_per_context() {
        assert_eq!(owned(line("a\nb\r\nc\rd")), "a␊b␍␊c␍d");
        assert_eq!(owned(text("a\nb\r\nc\rd")), "a\nb\nc\nd");
        assert_eq!(owned(text("a\u{2028}b")), "a\nb");
        assert!(matches!(text("one\ntwo\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn ordinary_text_is_borrowed_and_unchanged() {
        for s in [
            "",
            "plain ascii ~!@#",
            "中国社会组织动态",
            "“引号”—省略…",
            "👨\u{200d}👩\u{200d}👧 family",
            "👍🏽 ❤\u{fe0f} 🇨🇳",
            "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}",
            "e\u{301}a\u{308}",
            "می\u{200c}خواهم",
            "한국어 Ελληνικά العربية",
        ] {
            assert!(matches!(line(s), Cow::Borrowed(_)), "{s:?}");
            assert!(matches!(text(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(for_clipboard(s), s);
        }
    }

    #[test]
    fn clipboard_text_has_no_controls() {
        let dirty = "a\x1b]52;c;eA==\x07\tb\r\nc\u{9b}\u{202e}\x7f";
        let clean = for_clipboard(dirty);
        assert_eq!(clean, "a␛]52;c;eA==␇\tb\nc<U+009B><U+202E>␡");
        assert!(
            clean
                .chars()
                .all(|c| c == '\n' || c == '\t' || !c.is_control())
        );
    }

    #[test]
    fn fast_path_agrees_with_classify_for_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            let flagged = classify(c) != Fix::Keep;
            assert_eq!(needs_work(&s, false), flagged, "{c:?}");
            // Whatever we emit is already clean.
            assert!(matches!(line(&line(&s)), Cow::Borrowed(_)), "{c:?}");
            assert!(matches!(text(&text(&s)), Cow::Borrowed(_)), "{c:?}");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(display_width("中国社会组织动态"), 16);
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("👨\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(display_width("e\u{301}"), 1);
    }

    #[test]
    fn truncation_by_display_width() {
        let cjk = "中国社会组织动态";
        assert!(matches!(truncate_to_width(cjk, 16), Cow::Borrowed(_)));
        assert_eq!(truncate_to_width(cjk, 15), "中国社会组织动…");
        // Width 10: four chars (8) plus the ellipsis; a fifth would make 11.
        assert_eq!(truncate_to_width(cjk, 10), "中国社会…");
        assert_eq!(truncate_to_width(cjk, 2), "…");
        assert_eq!(truncate_to_width(cjk, 1), "…");
        assert_eq!(truncate_to_width(cjk, 0), "");
        assert_eq!(truncate_to_width("", 0), "");
        assert_eq!(truncate_to_width("abcdef", 4), "abc…");
        for max in 0..20 {
            let t = truncate_to_width(cjk, max);
            assert!(display_width(&t) <= max, "{max}: {t}");
        }
    }

    #[test]
    fn truncation_keeps_clusters_whole() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(
            truncate_to_width(&format!("{family}{family}x"), 4),
            format!("{family}…")
        );
        assert_eq!(
            truncate_to_width("e\u{301}e\u{301}e\u{301}", 2),
            "e\u{301}…"
        );
        assert_eq!(truncate_to_width("❤\u{fe0f}❤\u{fe0f}", 3), "❤\u{fe0f}…");
        assert_eq!(truncate_to_width("🇨🇳🇯🇵🇰🇷", 5), "🇨🇳🇯🇵…");
        assert_eq!(truncate_to_width("🇨🇳🇯🇵🇰🇷", 4), "🇨🇳…");
        assert_eq!(truncate_to_width("👍🏽👍🏽", 3), "👍🏽…");
    }
}
