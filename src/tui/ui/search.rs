//! The search box in the left pane: the query line, then each hit with the words it matched
//! marked. When some hit matched outside its name, every hit takes two lines: the record, then
//! where it matched (the alias or id, or a one-line excerpt of the summary, quote or note with
//! the source's short name), so a hit in a quote is read in its context.

use super::lists::{Cut, clashes, row};
use super::{block, marked};
use crate::query::search::{Field, Hit, excerpt, highlight};
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::App;
use crate::tui::app::overlay::SearchBox;
use crate::tui::layout;
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Where the second line of a hit starts: a little in, so the rows of records stand out.
const INDENT: usize = 4;

pub fn render(app: &App, s: &SearchBox, frame: &mut Frame) {
    let area = layout::screen(app.size).list;
    let t = &app.options.theme;
    let kind = s
        .query
        .kind
        .map(|k| format!(" in {}", k.plural()))
        .unwrap_or_default();
    let quotes = if s.query.quotes_only { " quotes" } else { "" };
    let busy = if s.pending.is_some() {
        " · searching…"
    } else {
        ""
    };
    let more = if s.more { "+" } else { "" };
    let found = if s.preparing {
        "preparing the search…".to_string()
    } else {
        format!("{}{more} found{busy}", s.total)
    };
    let title = match s.path_from {
        Some(from) => format!(
            " Path from {} to… · {found} ",
            truncate_to_width(&sanitize::line(app.index.record(from).name()), 24),
        ),
        None => format!(" Search{quotes}{kind} · {found} "),
    };
    let width = layout::inner_width(area);
    let height = layout::inner_height(area).saturating_sub(1);
    let input = sanitize::line(&s.input);
    // The whole query shows selected while typing would replace it.
    let input_style = if s.replace { t.selected } else { Style::new() };
    let mut lines = vec![Line::from(vec![
        Span::styled("/ ", t.status_key),
        Span::styled(input.clone().into_owned(), input_style),
    ])];
    if s.hits.is_empty() && s.pending.is_none() && !s.preparing {
        lines.push(Line::styled("no match: try fewer or shorter words", t.dim));
    }
    let per_hit = s.lines_per_hit();
    let shown: Vec<(usize, &Hit)> = s
        .hits
        .iter()
        .enumerate()
        .skip(s.list.offset)
        .take(height / per_hit)
        .collect();
    let clash = clashes(app, shown.iter().map(|&(_, h)| h.record), true, width);
    for (&(i, hit), clash) in shown.iter().zip(clash) {
        let sel = i == s.list.selected;
        let style = if sel { t.selected } else { Style::new() };
        let name = app.index.record(hit.record).name();
        let matched = if s.query.quotes_only {
            Vec::new()
        } else {
            highlight(name, &s.query, Field::Name)
        };
        let cut = Cut {
            sel,
            with_kind: true,
            clash,
            by_date: false,
        };
        lines.push(row(app, hit.record, cut, width, style, &matched));
        if per_hit == 2 {
            lines.push(context(app, s, hit, width, style));
        }
    }
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        area,
    );
    // The terminal's own cursor shows where typing goes.
    let before: String = input.chars().take(s.cursor).collect();
    let x = area.x + 3 + display_width(&before) as u16;
    if x < area.right().saturating_sub(1) {
        frame.set_cursor_position(Position::new(x, area.y + 1));
    }
}

/// A hit's second line: where it matched, the words marked.
fn context(app: &App, s: &SearchBox, hit: &Hit, width: usize, style: Style) -> Line<'static> {
    let t = &app.options.theme;
    let record = app.index.record(hit.record);
    let base = if style == Style::new() { t.dim } else { style };
    let mark = base.patch(t.matched);
    let room = width.saturating_sub(INDENT);
    let mut spans = vec![Span::styled(" ".repeat(INDENT.min(width)), style)];
    let mut used = INDENT.min(width);
    let mut labelled = |label: &str, text: &str, ranges: Vec<std::ops::Range<usize>>| {
        let label = if label.is_empty() {
            String::new()
        } else {
            format!("{label}: ")
        };
        let (body, w) = marked::field(
            text,
            &ranges,
            room.saturating_sub(label.len()),
            false,
            base,
            mark,
        );
        spans.push(Span::styled(label.clone(), base));
        spans.extend(body);
        used += label.len() + w;
    };
    match hit.field {
        Field::Name => {
            let summary = record.summary().lines().next().unwrap_or_default();
            labelled("", summary, Vec::new());
        }
        Field::Id => {
            let id = record.id().as_str();
            labelled("id", id, highlight(id, &s.query, Field::Id));
        }
        Field::Alias => {
            let (alias, ranges) = record
                .aliases()
                .iter()
                .map(|a| (a.as_str(), highlight(a, &s.query, Field::Alias)))
                .find(|(_, r)| !r.is_empty())
                .unwrap_or_default();
            labelled("alias", alias, ranges);
        }
        Field::Summary | Field::Quote(_) | Field::Note => {
            let source = match hit.field {
                Field::Quote(i) => record
                    .sources()
                    .get(i)
                    .and_then(|q| app.index.resolve(&q.source))
                    .map(|r| crate::query::search::source_label(app.index.record(r))),
                _ => None,
            };
            // The source's short name, in at most a third of the line.
            let tail = source.map(|n| {
                let n = sanitize::line(&n);
                format!(" · {}", truncate_to_width(&n, (room / 3).max(12)))
            });
            let tail_w = tail.as_deref().map_or(0, display_width);
            let label = match hit.field {
                Field::Summary => "summary",
                Field::Note => "note",
                _ => "",
            };
            // The label and its space, the quotation marks, and the source after.
            let label_w = if label.is_empty() { 0 } else { label.len() + 2 };
            let marks_w = if matches!(hit.field, Field::Quote(_)) {
                2
            } else {
                0
            };
            let text_room = room.saturating_sub(label_w + marks_w + tail_w).max(8);
            match excerpt(&app.index, hit, &s.query, text_room) {
                Some(e) => {
                    let text = match hit.field {
                        Field::Quote(_) => format!("“{}”", e.text),
                        _ => e.text.clone(),
                    };
                    let shift = if text.len() > e.text.len() {
                        "“".len()
                    } else {
                        0
                    };
                    let ranges = e
                        .highlights
                        .iter()
                        .map(|r| r.start + shift..r.end + shift)
                        .collect();
                    labelled(label, &text, ranges);
                }
                None => labelled(label, "", Vec::new()),
            }
            if let Some(tail) = tail
                && used + tail_w <= width
            {
                used += tail_w;
                spans.push(Span::styled(tail, base));
            }
        }
    }
    if style != Style::new() {
        spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    }
    Line::from(spans)
}
