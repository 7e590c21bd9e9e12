//! A sentence shown with the words no evidence supports marked underneath, wrapped so that no
//! line is wider than a terminal's usual 100 columns and each mark stays under its word, wide
//! (CJK) characters included.

use crate::text::sanitize;
use std::ops::Range;

/// Columns of text per line, after the indentation.
const WIDTH: usize = 92;

/// The sentence's lines, each with the line of marks under it (empty when nothing on it is
/// marked).
pub fn marked(sentence: &str, marks: &[Range<usize>]) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let (mut text, mut under, mut width) = (String::new(), String::new(), 0);
    // Marks are in order, as are the characters: one pass over both.
    let mut next = 0;
    for (word, at) in spans(sentence) {
        let shown: Vec<(String, bool)> = word
            .char_indices()
            .map(|(i, c)| {
                while marks.get(next).is_some_and(|m| m.end <= at + i) {
                    next += 1;
                }
                let inside = marks.get(next).is_some_and(|m| m.contains(&(at + i)));
                (sanitize::line(&c.to_string()).into_owned(), inside)
            })
            .collect();
        let w: usize = shown.iter().map(|(s, _)| sanitize::display_width(s)).sum();
        if width > 0 && width + 1 + w > WIDTH {
            lines.push(finish(&mut text, &mut under));
            width = 0;
        }
        if width > 0 {
            text.push(' ');
            under.push(' ');
            width += 1;
        }
        for (s, inside) in shown {
            let cols = sanitize::display_width(&s);
            text.push_str(&s);
            under.extend(std::iter::repeat_n(if inside { '^' } else { ' ' }, cols));
            width += cols;
        }
    }
    if width > 0 {
        lines.push(finish(&mut text, &mut under));
    }
    lines
}

fn finish(text: &mut String, under: &mut String) -> (String, String) {
    let marks = under.trim_end().to_string();
    under.clear();
    (std::mem::take(text), marks)
}

/// The sentence's words split at white space, with their byte offsets.
fn spans(s: &str) -> impl Iterator<Item = (&str, usize)> {
    s.split_whitespace()
        .map(move |w| (w, w.as_ptr() as usize - s.as_ptr() as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_sit_under_their_words_on_every_line() {
        let s = "Capital city of Guangxi.";
        let first: Vec<_> = std::iter::once(0..7).collect();
        let lines = marked(s, &first);
        assert_eq!(
            lines,
            [(
                "Capital city of Guangxi.".to_string(),
                "^^^^^^^".to_string()
            )]
        );
        let long = format!("{} 中国 end", "word ".repeat(30));
        let at = long.find('中').unwrap();
        let marks = std::iter::once(at..at + 6).collect::<Vec<_>>();
        let lines = marked(&long, &marks);
        assert!(
            lines
                .iter()
                .all(|(t, _)| sanitize::display_width(t) <= WIDTH)
        );
        let (text, marks) = lines.last().unwrap();
        let col = sanitize::display_width(&text[..text.find('中').unwrap()]);
        assert_eq!(marks, &format!("{}^^^^", " ".repeat(col)));
    }
}
