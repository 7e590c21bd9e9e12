//! The search box in the left pane: the query line, then each hit with the words it matched
//! marked. When some hit matched outside its name, every hit takes two lines: the record, then
//! where it matched (the alias or id, or a one-line excerpt of the summary, quote or note with
//! the source's short name), so a hit in a quote is read in its context.

use super::lists::{Cut, clashes, row};
use super::{block, marked};
use crate::query::search::Hit;
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::App;
use crate::tui::app::overlay::{HitText, SearchBox};
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
        let loose = match s.loose {
            0 => String::new(),
            n => format!(" · {n} loose"),
        };
        format!("{}{more} found{loose}{busy}", s.total)
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
    if let Some(error) = &s.error {
        lines.push(Line::styled(sanitize::line(error).into_owned(), t.dim));
    } else if s.hits.is_empty() && s.pending.is_none() && !s.preparing {
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
        let text = s.hit_text(&app.index, i, width.saturating_sub(INDENT));
        let cut = Cut {
            sel,
            with_kind: true,
            clash,
            by_date: false,
        };
        lines.push(row(app, hit.record, cut, width, style, &text.name));
        if per_hit == 2 {
            lines.push(context(app, &text, width, style));
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
fn context(app: &App, text: &HitText, width: usize, style: Style) -> Line<'static> {
    let t = &app.options.theme;
    let base = if style == Style::new() { t.dim } else { style };
    let mark = base.patch(t.matched);
    let room = width.saturating_sub(INDENT);
    let mut spans = vec![Span::styled(" ".repeat(INDENT.min(width)), style)];
    let mut used = INDENT.min(width);
    let label = match text.label {
        "" => String::new(),
        l => format!("{l}: "),
    };
    let (body, w) = marked::field(
        &text.text,
        &text.ranges,
        room.saturating_sub(label.len()),
        false,
        base,
        mark,
    );
    spans.push(Span::styled(label.clone(), base));
    spans.extend(body);
    used += label.len() + w;
    if let Some(source) = &text.source {
        let source_w = display_width(source);
        if used + source_w <= width {
            used += source_w;
            spans.push(Span::styled(source.clone(), base));
        }
    }
    if style != Style::new() {
        spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    }
    Line::from(spans)
}
