//! Keyword in context: one line of a quote (or summary, or note) around the words a search
//! found, with the source's short name, for a hit's second line.

use super::highlight::highlight;
use super::{Field, Hit, Query};
use crate::data::index::Index;
use crate::data::record::Record;
use crate::text::sanitize;
use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One line of a field around the matched words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub field: Field,
    /// For a quote: the source record, and its short name (`Xinhua 2024`).
    pub source: Option<usize>,
    pub source_name: Option<String>,
    /// The line, safe to draw: line breaks and runs of spaces as one space, control characters
    /// as their symbols (see `sanitize`), `…` where the field was cut.
    pub text: String,
    /// The matched words in `text`, as byte ranges.
    pub highlights: Vec<Range<usize>>,
    /// The matched words in the field as it is in the data, as byte ranges: where the detail
    /// pane highlights them.
    pub matched: Vec<Range<usize>>,
}

/// A short name for a source in a line of text: its outlet and year (`Xinhua 2024`), or, when
/// the outlet is not known, the first words of its title or name and the year.
pub fn source_label(source: &Record) -> String {
    let year = source.date().map(|d| d.year.to_string());
    let head = match source {
        Record::Source(s) => s
            .outlet
            .as_deref()
            .filter(|o| !o.trim().is_empty())
            .map(String::from),
        _ => None,
    };
    let head = head.unwrap_or_else(|| {
        let title = match source {
            Record::Source(s) => s.title.as_deref(),
            _ => None,
        };
        let text = title.unwrap_or(source.name());
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut short = words.iter().take(3).copied().collect::<Vec<_>>().join(" ");
        if words.len() > 3 {
            short = short.trim_end_matches([',', ':', ';']).to_string() + "…";
        }
        short
    });
    match year {
        Some(y) if !head.contains(&y) => format!("{head} {y}"),
        _ => head,
    }
}

/// The excerpt of `hit`'s field, at most `width` columns wide; `None` for hits in a name, an
/// alias or the id (the row already shows those) and for fields the record does not have.
pub fn excerpt(index: &Index, hit: &Hit, query: &Query, width: usize) -> Option<Excerpt> {
    let r = index.record(hit.record);
    let (text, source) = match hit.field {
        Field::Summary => (r.summary(), None),
        Field::Note => (r.notes()?, None),
        Field::Quote(i) => {
            let s = r.sources().get(i)?;
            (s.quote.as_str(), index.resolve(&s.source))
        }
        Field::Name | Field::Alias | Field::Id => return None,
    };
    let matched = highlight(text, query, hit.field);
    let (line, highlights) = window(text, &matched, width.max(8));
    Some(Excerpt {
        field: hit.field,
        source,
        source_name: source.map(|s| source_label(index.record(s))),
        text: line,
        highlights,
        matched,
    })
}

/// `text` as one safe line, cut to `width` columns around the first of `ranges`; and the
/// ranges in that line.
fn window(text: &str, ranges: &[Range<usize>], width: usize) -> (String, Vec<Range<usize>>) {
    // The whole field as one line, with where each original byte went.
    let mut line = String::with_capacity(text.len());
    let mut at = vec![0usize; text.len() + 1];
    let mut space = false;
    for (i, c) in text.char_indices() {
        at[i] = line.len();
        if c.is_whitespace() {
            space = !line.is_empty();
        } else {
            if space {
                line.push(' ');
                at[i] = line.len();
                space = false;
            }
            let mut buf = [0; 4];
            line.push_str(&sanitize::line(c.encode_utf8(&mut buf)));
        }
    }
    at[text.len()] = line.len();
    // Bytes inside a character point at its start; only ends and starts are ever asked for.
    let spans: Vec<Range<usize>> = ranges
        .iter()
        .map(|r| at[r.start]..at[r.end])
        .filter(|r| r.start < r.end)
        .collect();
    if line.width() <= width {
        return (line, spans);
    }
    // A third of the room before the first match, the rest after it; if the rest of the
    // field fits, the room left over goes to what comes before.
    let focus = spans.first().map_or(0, |r| r.start);
    let mut start = back(&line, focus, width / 3);
    let lead = |start: usize| if start > 0 { "…" } else { "" };
    if forward(&line, start, width - lead(start).width()) == line.len() {
        start = back(&line, line.len(), width - 1);
    }
    // Start at a word when one begins near the cut.
    if start > 0
        && !line[..start].ends_with(' ')
        && let Some(space) = line[start..focus].find(' ')
        && line[start..start + space].width() < width / 6
    {
        start += space + 1;
    }
    let room = width - lead(start).width();
    let mut end = forward(&line, start, room);
    if end < line.len() {
        end = forward(&line, start, room - 1);
    }
    let tail = if end < line.len() { "…" } else { "" };
    let out = format!("{}{}{tail}", lead(start), &line[start..end]);
    let shift = lead(start).len();
    let spans = spans
        .into_iter()
        .filter(|r| r.end > start && r.start < end)
        .map(|r| r.start.max(start) - start + shift..r.end.min(end) - start + shift)
        .collect();
    (out, spans)
}

/// The earliest character boundary before `to` with at most `cols` columns up to `to`.
fn back(line: &str, to: usize, cols: usize) -> usize {
    let mut start = to;
    let mut used = 0;
    for (i, c) in line[..to].char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > cols {
            break;
        }
        start = i;
    }
    start
}

/// The latest character boundary after `from` with at most `cols` columns from `from`.
fn forward(line: &str, from: usize, cols: usize) -> usize {
    let mut end = from;
    let mut used = 0;
    for (i, c) in line[from..].char_indices() {
        used += c.width().unwrap_or(0);
        if used > cols {
            break;
        }
        end = from + i + c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One range, as the list `window` takes.
    fn once(r: Range<usize>) -> Vec<Range<usize>> {
        std::iter::once(r).collect()
    }

    #[test]
    fn a_short_field_is_kept_whole_on_one_line() {
        let text = "grow together\n  in a spirit of brotherhood";
        let at = text.find("brotherhood").unwrap_or(0);
        let (line, spans) = window(text, &once(at..at + 11), 80);
        assert_eq!(line, "grow together in a spirit of brotherhood");
        assert_eq!(&line[spans[0].clone()], "brotherhood");
    }

    #[test]
    fn a_long_field_is_cut_around_the_first_match() {
        let text = "Christoph Stuckelberger, chairman of the Geneva Agape Foundation, said \
                    countries should support each other and grow together in a spirit of \
                    brotherhood as he stressed the importance of cross-border exchanges.";
        let at = text.find("brotherhood").unwrap_or(0);
        let (line, spans) = window(text, &once(at..at + 11), 40);
        assert!(line.width() <= 40, "{line}");
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert_eq!(spans.len(), 1);
        assert_eq!(&line[spans[0].clone()], "brotherhood");
    }

    #[test]
    fn control_characters_are_made_visible_and_cjk_measured_by_width() {
        let text = "a\u{1b}[31mb 云南绿水基金会云南绿水基金会云南绿水基金会 end";
        let at = text.find("基金").unwrap_or(0);
        let (line, spans) = window(text, &once(at..at + "基金".len()), 20);
        assert!(!line.contains('\u{1b}'));
        assert!(line.width() <= 20, "{line}");
        assert_eq!(&line[spans[0].clone()], "基金");
    }
}
