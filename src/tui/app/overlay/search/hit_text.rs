//! What a hit's rows show: its name's matched words, and where else it matched (an alias or
//! id, or an excerpt of the summary, a quote or a note, with the quote's source). Worked out
//! once per query and width, when first drawn, and kept: drawing only reads it.

use super::SearchBox;
use crate::data::index::Index;
use crate::query::search::{Field, Hit, excerpt, highlight, source_label};
use crate::text::sanitize::{self, display_width, truncate_to_width};
use std::ops::Range;

/// A hit's words as shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitText {
    /// The matched words of the record's name.
    pub name: Vec<Range<usize>>,
    /// "alias", "id", "summary", "note", or nothing (a quote, or the summary under a name).
    pub label: &'static str,
    /// The alias, id or excerpt; a quote in its quotation marks.
    pub text: String,
    /// The matched words of `text`.
    pub ranges: Vec<Range<usize>>,
    /// A quote's source, " · Xinhua 2024", cut to a third of the room.
    pub source: Option<String>,
}

impl SearchBox {
    /// The words of hit `i` for a second line of `room` columns.
    pub fn hit_text(&self, index: &Index, i: usize, room: usize) -> HitText {
        if let Some(t) = self.shown.borrow().get(&(i, room)) {
            return t.clone();
        }
        let Some(hit) = self.hits.get(i) else {
            return HitText::default();
        };
        let mut t = self.where_matched(index, hit, room);
        t.name = match self.query.quotes_only {
            true => Vec::new(),
            false => highlight(index.record(hit.record).name(), &self.query, Field::Name),
        };
        self.shown.borrow_mut().insert((i, room), t.clone());
        t
    }

    fn where_matched(&self, index: &Index, hit: &Hit, room: usize) -> HitText {
        let record = index.record(hit.record);
        let plain = |label, text: &str, ranges| HitText {
            label,
            text: text.to_string(),
            ranges,
            ..HitText::default()
        };
        match hit.field {
            Field::Name => plain(
                "",
                record.summary().lines().next().unwrap_or_default(),
                vec![],
            ),
            Field::Id => {
                let id = record.id().as_str();
                plain("id", id, highlight(id, &self.query, Field::Id))
            }
            Field::Alias => {
                let (alias, ranges) = record
                    .aliases()
                    .iter()
                    .map(|a| (a.as_str(), highlight(a, &self.query, Field::Alias)))
                    .find(|(_, r)| !r.is_empty())
                    .unwrap_or_default();
                plain("alias", alias, ranges)
            }
            Field::Summary | Field::Quote(_) | Field::Note => self.excerpted(index, hit, room),
        }
    }

    /// An excerpt around the matched words of a summary, quote or note, with a quote's source.
    fn excerpted(&self, index: &Index, hit: &Hit, room: usize) -> HitText {
        let source = match hit.field {
            Field::Quote(i) => index
                .record(hit.record)
                .sources()
                .get(i)
                .and_then(|q| index.resolve(&q.source))
                .map(|r| source_label(index.record(r))),
            _ => None,
        };
        // The source's short name, in at most a third of the line.
        let source = source.map(|n| {
            let n = sanitize::line(&n);
            format!(" · {}", truncate_to_width(&n, (room / 3).max(12)))
        });
        let label = match hit.field {
            Field::Summary => "summary",
            Field::Note => "note",
            _ => "",
        };
        let quoted = matches!(hit.field, Field::Quote(_));
        // The label and its space, the quotation marks, and the source after.
        let label_w = if label.is_empty() { 0 } else { label.len() + 2 };
        let marks_w = if quoted { 2 } else { 0 };
        let source_w = source.as_deref().map_or(0, display_width);
        let text_room = room.saturating_sub(label_w + marks_w + source_w).max(8);
        let (text, ranges) = match excerpt(index, hit, &self.query, text_room) {
            Some(e) if quoted => {
                let shift = "“".len();
                let ranges = e.highlights.iter().map(|r| r.start + shift..r.end + shift);
                (format!("“{}”", e.text), ranges.collect())
            }
            Some(e) => (e.text, e.highlights),
            None => (String::new(), Vec::new()),
        };
        HitText {
            name: Vec::new(),
            label,
            text,
            ranges,
            source,
        }
    }
}
