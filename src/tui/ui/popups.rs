//! Popups over the panes: the citation style picker, the history, and text to copy by hand.

use super::block;
use crate::prefs::keymap::{Action, Mode};
use crate::query::cite::Style;
use crate::text::doc::wrap;
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::App;
use crate::tui::app::cursor::Cursor;
use crate::tui::app::history::Place;
use crate::tui::app::line_edit::LineEdit;
use crate::tui::app::overlay::{Citing, FilterLine, Picker, TextPopup, filter_line};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style as Look;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The user's key for an action, for popup titles.
fn key(app: &App, mode: Mode, action: Action) -> String {
    app.keymap.key_for(mode, action).unwrap_or_default()
}

pub(super) fn list_line(app: &App, text: String, selected: bool, width: usize) -> Line<'static> {
    let t = &app.options.theme;
    let marker = if selected { "▶ " } else { "  " };
    let style = if selected { t.selected } else { Look::new() };
    let body = truncate_to_width(&text, width.saturating_sub(2)).into_owned();
    let pad = width.saturating_sub(2 + sanitize::display_width(&body));
    Line::from(vec![
        Span::styled(marker, style),
        Span::styled(body, style),
        Span::styled(" ".repeat(pad), style),
    ])
}

pub fn picker(app: &App, p: &Picker, frame: &mut Frame) {
    let t = &app.options.theme;
    let (popup, list, right) = layout::picker(app.size);
    frame.render_widget(Clear, popup);
    let width = layout::inner_width(list);
    let title = match p.citing {
        Citing::Record(_) => " Style ",
        Citing::Marks(_) => " Bibliography style ",
    };
    let items: Vec<Line> = Style::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| list_line(app, s.label().to_string(), i == p.cursor, width))
        .collect();
    frame.render_widget(
        Paragraph::new(items).block(block(Line::from(title), true, t)),
        list,
    );
    let lines: Vec<Line> = wrap(&sanitize::text(&p.preview), layout::inner_width(right))
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(
            Line::from(format!(
                " Preview · {} copies · {} closes ",
                key(app, Mode::Picker, Action::Open),
                key(app, Mode::Picker, Action::Close)
            )),
            false,
            t,
        )),
        right,
    );
}

pub fn history(app: &App, c: &Cursor, frame: &mut Frame) {
    let t = &app.options.theme;
    let entries = app.history.entries();
    let popup = layout::list_popup(app.size, entries.len());
    frame.render_widget(Clear, popup);
    let height = layout::inner_height(popup);
    let width = layout::inner_width(popup);
    let here = app.history.at();
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(c.offset)
        .take(height)
        .map(|(i, loc)| {
            let tag = if i == here { "● " } else { "  " };
            let text = match (&loc.place, loc.record) {
                (Place::Lists(_), Some(r)) => {
                    let r = app.index.record(r);
                    format!("{tag}{} ({})", sanitize::line(r.name()), r.kind())
                }
                _ => format!("{tag}{}", app.location_label(loc)),
            };
            list_line(app, text, i == c.selected, width)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(
            Line::from(format!(
                " History · ● you are here · {} goes there ",
                key(app, Mode::History, Action::Open)
            )),
            true,
            t,
        )),
        popup,
    );
}

pub fn text(app: &App, p: &TextPopup, frame: &mut Frame) {
    let t = &app.options.theme;
    let popup = layout::text_popup(app.size);
    frame.render_widget(Clear, popup);
    let height = layout::inner_height(popup);
    let all = wrap(&sanitize::text(&p.body), layout::inner_width(popup));
    let scroll = p.scroll.min(all.len().saturating_sub(height));
    let lines: Vec<Line> = all
        .into_iter()
        .skip(scroll)
        .take(height)
        .map(Line::from)
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(
            Line::from(format!(" {} ", sanitize::line(&p.title))),
            true,
            t,
        )),
        popup,
    );
}

/// One line being written, in a box titled `title`, with a hint under it and the terminal's
/// cursor at the line's.
pub(super) fn line_editor(
    app: &App,
    area: Rect,
    title: String,
    line: &LineEdit,
    hint: &str,
    frame: &mut Frame,
) {
    let t = &app.options.theme;
    frame.render_widget(Clear, area);
    let width = layout::inner_width(area);
    // Each character as shown, so the cursor's column is right whatever the text holds.
    let shown: Vec<String> = line
        .text
        .chars()
        .map(|c| sanitize::line(&c.to_string()).into_owned())
        .collect();
    let before: usize = shown[..line.cursor.min(shown.len())]
        .iter()
        .map(|s| display_width(s))
        .sum();
    let room = width.saturating_sub(1).max(1);
    let mut skip = 0;
    let mut skipped = 0;
    while before - skipped >= room && skip < shown.len() {
        skipped += display_width(&shown[skip]);
        skip += 1;
    }
    let visible = truncate_to_width(&shown[skip..].concat(), width).into_owned();
    let look = if line.replace {
        t.selected
    } else {
        Look::new()
    };
    let lines = vec![
        Line::from(Span::styled(visible, look)),
        Line::styled(truncate_to_width(hint, width).into_owned(), t.dim),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        area,
    );
    let x = area.x + 1 + (before - skipped) as u16;
    if area.height > 2 && x < area.right().saturating_sub(1) {
        frame.set_cursor_position(Position::new(x, area.y + 1));
    }
}

/// The filter line, `|`: the query, and how to apply or leave it.
pub fn filter_line(app: &App, f: &FilterLine, frame: &mut Frame) {
    let area = filter_line::area(app.size);
    let title = match app.views.get(app.view()).filter() {
        Some(_) => " Filter the rows (empty: all rows) ".to_string(),
        None => " Filter the rows ".to_string(),
    };
    let hint = format!(
        "{} applies · {} leaves · in:place year:2019..2020 kind:org source:… has:quote -word",
        key(app, Mode::Edit, Action::Open),
        key(app, Mode::Edit, Action::Close)
    );
    line_editor(app, area, title, &f.line, &hint, frame);
}
