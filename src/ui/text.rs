//! Word wrapping by display width, so CJK text and long words never overflow a pane.

use unicode_width::UnicodeWidthChar;

/// Wraps already-sanitized text to `width` columns. Lines break at spaces, and on either side
/// of a wide (CJK) character, which needs no space around it; a word longer than the width is
/// cut. Existing line breaks are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        // Byte position in `line` after which it may break, and the width up to there.
        let mut last_break: Option<(usize, usize)> = None;
        for c in para.chars() {
            let w = c.width().unwrap_or(0);
            if c == ' ' && line.is_empty() && !out.is_empty() && line_w == 0 {
                continue;
            }
            if line_w + w > width && !line.is_empty() {
                match last_break {
                    Some((at, at_w)) if at > 0 => {
                        let rest = line.split_off(at);
                        out.push(line.trim_end().to_string());
                        line = rest.trim_start().to_string();
                        line_w = line_w - at_w - (rest.len() - rest.trim_start().len());
                    }
                    _ => {
                        out.push(std::mem::take(&mut line));
                        line_w = 0;
                    }
                }
                last_break = None;
                if c == ' ' && line.is_empty() {
                    continue;
                }
            }
            if w > 1 && !line.is_empty() {
                last_break = Some((line.len(), line_w));
            }
            line.push(c);
            line_w += w;
            if c == ' ' || w > 1 {
                last_break = Some((line.len(), line_w));
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use crate::sanitize::display_width;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn cuts_words_longer_than_the_width() {
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn cjk_breaks_between_characters_and_never_overflows() {
        let lines = wrap("中国社会组织动态 is the WeChat account 三区三州", 7);
        for l in &lines {
            assert!(display_width(l) <= 7, "{l:?} in {lines:?}");
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            "中国社会组织动态istheWeChataccount三区三州"
        );
    }

    #[test]
    fn keeps_paragraphs_and_survives_width_zero() {
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
        assert!(!wrap("something", 0).is_empty());
    }
}
