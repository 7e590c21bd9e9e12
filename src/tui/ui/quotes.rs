//! The quotes list: the query line, then every matching quote in context, the matched words in
//! a fixed middle column, the record and the source's short name at the right.

use super::block;
use crate::prefs::keymap::{Action, Mode};
use crate::query::concordance;
use crate::query::search::source_label;
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::App;
use crate::tui::app::overlay::QuotesList;
use crate::tui::app::overlay::quotes::areas;
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn render(app: &App, q: &QuotesList, frame: &mut Frame) {
    let t = &app.options.theme;
    let (popup, input, list) = areas(app.size);
    frame.render_widget(Clear, popup);
    let title = if q.ran.is_empty() {
        " Quotes ".to_string()
    } else {
        format!(" Quotes · {} ", q.summary())
    };
    frame.render_widget(block(Line::from(title), !q.editing, t), popup);
    let text = sanitize::line(&q.line.text).into_owned();
    let prompt = Line::from(vec![
        Span::styled("quotes with: ", t.dim),
        Span::styled(
            truncate_to_width(&text, (input.width as usize).saturating_sub(14)).into_owned(),
            if q.editing { t.title } else { Style::new() },
        ),
    ]);
    frame.render_widget(Paragraph::new(prompt), input);
    if q.editing {
        let before: String = q.line.text.chars().take(q.line.cursor).collect();
        let x = input.x + 13 + display_width(&sanitize::line(&before)) as u16;
        frame.set_cursor_position(Position::new(
            x.min(input.right().saturating_sub(1)),
            input.y,
        ));
    }
    let width = list.width as usize;
    let lines: Vec<Line> = if q.rows.is_empty() {
        let key = |a| {
            app.keymap
                .key_for(Mode::Edit, a)
                .unwrap_or_else(|| a.config_name())
        };
        let hint = if q.ran.is_empty() {
            format!(
                "Words, \"a phrase\", -left-out words; {} lists every quote that matches.",
                key(Action::Open)
            )
        } else {
            format!("No quote matches “{}”.", sanitize::line(&q.ran))
        };
        vec![Line::styled(hint, t.dim)]
    } else {
        q.rows
            .iter()
            .enumerate()
            .skip(q.list.offset)
            .take(list.height as usize)
            .map(|(i, row)| row_line(app, row, i == q.list.selected, width))
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), list);
}

/// One row: left context right-aligned up to the middle column, the match, the right context,
/// then "· record · source" at the right.
fn row_line(app: &App, row: &concordance::Row, selected: bool, width: usize) -> Line<'static> {
    let t = &app.options.theme;
    let index = &app.index;
    let record = sanitize::line(index.record(row.record).name()).into_owned();
    let source = concordance::source(index, row)
        .map(source_label)
        .unwrap_or_default();
    // Fixed columns, so that every match starts in the same one.
    let pad = |s: &str, w: usize| {
        let cut = truncate_to_width(s, w).into_owned();
        let fill = w.saturating_sub(display_width(&cut));
        cut + &" ".repeat(fill)
    };
    let aside = format!(
        "  · {} · {}",
        pad(&record, (width / 5).max(8)),
        pad(&sanitize::line(&source), (width / 6).max(8))
    );
    let room = width.saturating_sub(display_width(&aside) + 2);
    let quote = concordance::quote(index, row);
    let matched_w = display_width(&sanitize::line(&quote[row.hit.clone()]));
    let left_w = (room * 2 / 5).min(room.saturating_sub(matched_w));
    let right_w = room.saturating_sub(left_w + matched_w);
    let [left, matched, right] = concordance::context(quote, &row.hit, left_w, right_w);
    let matched = truncate_to_width(&matched, room.saturating_sub(left_w).max(1)).into_owned();
    let lead = left_w.saturating_sub(display_width(&left));
    let fill = room.saturating_sub(left_w + display_width(&matched) + display_width(&right));
    let base = if selected { t.selected } else { Style::new() };
    Line::from(vec![
        Span::styled(if selected { "▶ " } else { "  " }, base),
        Span::styled(format!("{}{left}", " ".repeat(lead)), base.patch(t.quote)),
        Span::styled(matched, base.patch(t.matched)),
        Span::styled(format!("{right}{}", " ".repeat(fill)), base.patch(t.quote)),
        Span::styled(aside, base.patch(t.dim)),
    ])
}
