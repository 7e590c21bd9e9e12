//! Text laid out for a pane, with each piece marked by what it is (a heading, a link, a quote)
//! rather than how it looks: the app builds and caches these documents, the drawing code gives
//! each tone the theme's style. Also word wrapping by display width.

use unicode_width::UnicodeWidthChar;

/// What a piece of text is, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Heading,
    Subheading,
    /// A record's kind and id, or a kind tag in a list.
    Kind,
    Dim,
    /// A field's name in a table of fields.
    Label,
    Link,
    Quote,
    /// Text the search matched.
    Matched,
    /// A key in help or hints.
    Key,
    Warning,
    Bar,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    pub spans: Vec<Span>,
}

impl Line {
    pub fn new(text: impl Into<String>, tone: Tone) -> Line {
        Line {
            spans: vec![Span {
                text: text.into(),
                tone,
            }],
        }
    }

    pub fn blank() -> Line {
        Line::default()
    }

    pub fn push(mut self, text: impl Into<String>, tone: Tone) -> Line {
        self.spans.push(Span {
            text: text.into(),
            tone,
        });
        self
    }

    /// The text without tones, for tests and searching a document.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A document for a pane at one width: lines, and which lines can be selected.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    pub lines: Vec<Line>,
    /// The line of each selectable item (a link, a bar), in order.
    pub items: Vec<usize>,
}

impl Doc {
    pub fn push(&mut self, line: Line) {
        self.lines.push(line);
    }

    /// Adds a line that can be selected; its first span is a two-column marker the drawing code
    /// turns into `▶ ` when the item is selected.
    pub fn push_item(&mut self, line: Line) {
        self.items.push(self.lines.len());
        self.lines.push(line);
    }

    /// Adds `text` wrapped to `width`, indented by `indent` columns.
    pub fn para(&mut self, text: &str, tone: Tone, width: usize, indent: usize) {
        for l in wrap(text, width.saturating_sub(indent)) {
            self.lines
                .push(Line::new(format!("{}{l}", " ".repeat(indent)), tone));
        }
    }

    pub fn blank(&mut self) {
        self.lines.push(Line::blank());
    }
}

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
