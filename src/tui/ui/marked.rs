//! Text with the words a search matched marked: a document line (its spans keep their tones),
//! or a field of a record cut to a width. Ranges are byte ranges in the text as written, as the
//! search gives them, so folding and sanitizing never shift what is marked.

use crate::prefs::theme::Theme;
use crate::text::doc;
use crate::text::sanitize::{self, display_width};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    ranges.iter().any(|r| r.contains(&at))
}

/// Pieces of `text` starting at byte `offset` of a longer text, each with whether it is marked.
fn pieces(text: &str, offset: usize, ranges: &[Range<usize>]) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let on = inside(ranges, offset + i);
        match out.last_mut() {
            Some((s, m)) if *m == on => s.push(c),
            _ => out.push((c.to_string(), on)),
        }
    }
    out
}

/// A document line with `ranges` (byte ranges in the line's whole text) marked.
pub fn doc_line(line: &doc::Line, ranges: &[Range<usize>], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for s in &line.spans {
        let style = theme.tone(s.tone);
        for (text, on) in pieces(&s.text, offset, ranges) {
            let look = if on {
                style.patch(theme.matched)
            } else {
                style
            };
            spans.push(Span::styled(text, look));
        }
        offset += s.text.len();
    }
    Line::from(spans)
}

/// `text` as written (sanitized for the screen), cut with `…` to `width` columns (at the end,
/// or in the middle when `middle`, keeping the distinguishing end of names that would
/// otherwise read the same), `ranges` marked with `mark` over `base`. Returns the spans and
/// the columns they take.
pub fn field(
    text: &str,
    ranges: &[Range<usize>],
    width: usize,
    middle: bool,
    base: Style,
    mark: Style,
) -> (Vec<Span<'static>>, usize) {
    let chars: Vec<(String, usize, bool)> = text
        .char_indices()
        .map(|(i, c)| {
            let mut buf = [0u8; 4];
            let safe = sanitize::line(c.encode_utf8(&mut buf)).into_owned();
            let w = display_width(&safe);
            (safe, w, inside(ranges, i))
        })
        .collect();
    let total: usize = chars.iter().map(|c| c.1).sum();
    if total <= width {
        return (spans(&chars, base, mark), total);
    }
    let room = width.saturating_sub(1);
    let head_room = if middle && width >= 5 {
        room - room * 2 / 5
    } else {
        room
    };
    let (mut head, mut used) = (0, 0);
    while head < chars.len() && used + chars[head].1 <= head_room {
        used += chars[head].1;
        head += 1;
    }
    let mut tail = chars.len();
    if middle && width >= 5 {
        while tail > head && used + chars[tail - 1].1 <= room {
            used += chars[tail - 1].1;
            tail -= 1;
        }
    }
    let mut out = spans(&chars[..head], base, mark);
    if width > 0 {
        out.push(Span::styled("…", base));
        used += 1;
    }
    out.extend(spans(&chars[tail..], base, mark));
    (out, used)
}

/// Characters as spans, neighbours with the same mark together.
fn spans(chars: &[(String, usize, bool)], base: Style, mark: Style) -> Vec<Span<'static>> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for (text, _, on) in chars {
        match out.last_mut() {
            Some((s, m)) if m == on => s.push_str(text),
            _ => out.push((text.clone(), *on)),
        }
    }
    out.into_iter()
        .map(|(text, on)| Span::styled(text, if on { base.patch(mark) } else { base }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_cut_field_keeps_its_marks_and_ends_in_an_ellipsis() {
        let mark = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let (spans, used) = field(
            "Amity Foundation",
            std::slice::from_ref(&(6..16)),
            10,
            false,
            Style::new(),
            mark,
        );
        assert_eq!(text(&spans), "Amity Fou…");
        assert_eq!(used, 10);
        assert_eq!(spans[1].content, "Fou");
        assert_eq!(spans[1].style, mark);
    }

    #[test]
    fn a_name_cut_in_the_middle_keeps_its_end_and_its_marks() {
        let mark = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let name = "China Foundation for Peace and Development";
        let (spans, used) = field(
            name,
            std::slice::from_ref(&(6..16)),
            20,
            true,
            Style::new(),
            mark,
        );
        let shown = text(&spans);
        assert_eq!(used, 20);
        assert!(
            shown.starts_with("China Found") && shown.ends_with("lopment"),
            "{shown}"
        );
        assert_eq!(spans[1].style, mark);
    }

    #[test]
    fn control_characters_are_shown_safely_and_marks_stay_on_their_words() {
        let mark = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let (spans, _) = field(
            "a\u{1b}b word",
            std::slice::from_ref(&(4..8)),
            40,
            false,
            Style::new(),
            mark,
        );
        assert!(!text(&spans).contains('\u{1b}'));
        assert_eq!(spans.last().map(|s| s.content.as_ref()), Some("word"));
    }
}
