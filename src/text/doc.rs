//! Text laid out for a pane, with each piece marked by what it is (a heading, a link, a quote)
//! rather than how it looks: the app builds and caches these documents, the drawing code gives
//! each tone the theme's style. Also word wrapping by display width.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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

/// Quotation marks around a quote: the other kind when the quote itself holds double ones.
pub fn quoted(quote: &str) -> String {
    if quote.contains('“') || quote.contains('"') {
        format!("‘{quote}’")
    } else {
        format!("“{quote}”")
    }
}

/// Wraps already-sanitized text to `width` columns where the Unicode line breaking algorithm
/// (UAX #14) allows a break: at spaces, between CJK characters, but never before `，` or `。`
/// nor after an opening quotation mark. A word longer than the width is cut between grapheme
/// clusters. Existing line breaks are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        // The width of `line`, and of it without its trailing spaces.
        let mut line_w = 0;
        let mut from = 0;
        for (to, _) in unicode_linebreak::linebreaks(para) {
            let piece = &para[from..to];
            from = to;
            let piece_w = piece.trim_end().width();
            if !line.is_empty() && line_w + piece_w > width {
                out.push(line.trim_end().to_string());
                line.clear();
                line_w = 0;
            }
            if piece_w > width {
                cut_long(piece, width, &mut line, &mut line_w, &mut out);
                continue;
            }
            line.push_str(piece);
            line_w += piece.width();
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// Cuts a piece longer than a whole line between grapheme clusters, keeping the rest for what
/// follows. As in Chinese typesetting, a closing mark (`，` `。` `”`) is not left to start a line
/// nor an opening one (`“` `《`) to end one: the character before it moves down with it. (UAX #14
/// never breaks around `“` and `”`, so a quoted Chinese phrase is one long piece.)
fn cut_long(
    piece: &str,
    width: usize,
    line: &mut String,
    line_w: &mut usize,
    out: &mut Vec<String>,
) {
    for g in piece.graphemes(true) {
        let w = g.width();
        if !line.is_empty() && *line_w + w > width && !g.trim().is_empty() {
            let mut carry = String::new();
            let last = line.grapheme_indices(true).next_back();
            if let Some((at, before)) = last
                && at > 0
                && (no_start(g) || no_end(before))
            {
                carry = line.split_off(at);
            }
            out.push(line.trim_end().to_string());
            *line_w = carry.width();
            *line = carry;
        }
        line.push_str(g);
        *line_w += w;
    }
}

/// Marks that close a phrase or sentence, which no line should start with.
fn no_start(g: &str) -> bool {
    matches!(
        g,
        "，" | "。"
            | "、"
            | "："
            | "；"
            | "！"
            | "？"
            | "”"
            | "’"
            | "）"
            | "》"
            | "」"
            | "』"
            | "】"
    )
}

/// Marks that open a phrase, which no line should end with.
fn no_end(g: &str) -> bool {
    matches!(g, "“" | "‘" | "（" | "《" | "「" | "『" | "【")
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use crate::text::sanitize::display_width;

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
    fn chinese_punctuation_never_starts_a_line_and_an_opening_quote_never_ends_one() {
        // A break before `，` or after `“` would leave them alone at a line's start or end.
        let text = "中国社会组织，积极参与“一带一路”建设。";
        for width in 4..24 {
            let lines = wrap(text, width);
            assert_eq!(lines.concat(), text, "at {width}");
            for l in &lines {
                assert!(display_width(l) <= width, "{l:?} at {width}: {lines:?}");
                assert!(!l.starts_with(['，', '。', '”']), "{l:?} at {width}");
                assert!(!l.ends_with('“'), "{l:?} at {width}");
            }
        }
    }

    #[test]
    fn keeps_paragraphs_and_survives_width_zero() {
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
        assert!(!wrap("something", 0).is_empty());
    }
}
