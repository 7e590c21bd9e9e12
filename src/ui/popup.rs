//! Popups over the panes: the citation style picker, the history, and text to copy by hand.

use super::text::wrap;
use super::{block, centered};
use crate::app::App;
use crate::cite::Style;
use crate::keymap::{Action, Mode};
use crate::sanitize::{self, truncate_to_width};
use ratatui::Frame;
use ratatui::layout::Rect;
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

/// Where the picker's style list is, for mouse clicks.
pub fn picker_area(area: Rect) -> Rect {
    centered(area, 100, 22)
}

pub fn picker(app: &App, frame: &mut Frame, area: Rect) {
    let popup = picker_area(area);
    frame.render_widget(Clear, popup);
    let list_w = 30.min(popup.width / 3);
    let left = Rect::new(popup.x, popup.y, list_w, popup.height);
    let right = Rect::new(
        popup.x + list_w,
        popup.y,
        popup.width - list_w,
        popup.height,
    );
    let items: Vec<Line> = Style::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            list_line(
                app,
                s.label().to_string(),
                i == app.popup_cursor,
                list_w as usize - 2,
            )
        })
        .collect();
    frame.render_widget(
        Paragraph::new(items).block(block(Line::from(" Style "), true, app)),
        left,
    );
    let style = Style::ALL[app.popup_cursor.min(Style::ALL.len() - 1)];
    let preview = app
        .copy_citation(style)
        .map(|e| match e {
            crate::app::Effect::Copy { text, .. } => text,
            crate::app::Effect::Quit => String::new(),
        })
        .unwrap_or_default();
    let lines: Vec<Line> = wrap(
        &sanitize::text(&preview),
        right.width.saturating_sub(2) as usize,
    )
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
            app,
        )),
        right,
    );
}

/// Where the history popup is, for mouse clicks.
pub fn history_area(area: Rect, len: usize) -> Rect {
    centered(area, 70, (len as u16 + 2).max(5))
}

pub fn history(app: &App, frame: &mut Frame, area: Rect) {
    let (all, here) = app.history();
    let popup = history_area(area, all.len());
    frame.render_widget(Clear, popup);
    let height = popup.height.saturating_sub(2) as usize;
    let skip = app.popup_cursor.saturating_sub(height.saturating_sub(1));
    let width = popup.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(i, loc)| {
            let r = app.index.record(loc.record);
            let tag = if i == here { "● " } else { "  " };
            let text = match loc.view {
                crate::app::ViewPlace::Browse => {
                    format!("{tag}{} ({})", sanitize::line(r.name()), r.kind())
                }
                _ => format!("{tag}{}", app.location_label(loc)),
            };
            list_line(app, text, i == app.popup_cursor, width)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(
            Line::from(format!(
                " History · ● you are here · {} goes there ",
                key(app, Mode::History, Action::Open)
            )),
            true,
            app,
        )),
        popup,
    );
}

pub fn text(app: &App, frame: &mut Frame, area: Rect) {
    let Some((title, body)) = &app.popup_text else {
        return;
    };
    let popup = centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(4),
    );
    frame.render_widget(Clear, popup);
    let lines: Vec<Line> = wrap(
        &sanitize::text(body),
        popup.width.saturating_sub(2) as usize,
    )
    .into_iter()
    .map(Line::from)
    .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(
            Line::from(format!(" {} ", sanitize::line(title))),
            true,
            app,
        )),
        popup,
    );
}
