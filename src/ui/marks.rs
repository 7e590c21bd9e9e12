//! The marks popup: bookmarked records, with the ones the dataset no longer has shown as missing.

use super::popup::list_line;
use super::{block, centered};
use crate::app::App;
use crate::keymap::{Action, Mode};
use crate::sanitize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// Where the popup is, for mouse clicks.
pub fn area(screen: Rect, len: usize) -> Rect {
    centered(screen, 70, (len.max(1) as u16).saturating_add(2).max(5))
}

/// The first mark shown, so that the cursor stays in view.
pub fn first_row(area: Rect, cursor: usize) -> usize {
    let height = area.height.saturating_sub(2) as usize;
    cursor.saturating_sub(height.saturating_sub(1))
}

pub fn render(app: &App, frame: &mut Frame, screen: Rect) {
    let t = &app.options.theme;
    let rows = app.mark_rows();
    let popup = area(screen, rows.len());
    frame.render_widget(Clear, popup);
    let key = |mode, action| app.keymap.key_for(mode, action).unwrap_or_default();
    let height = popup.height.saturating_sub(2) as usize;
    let width = popup.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = if rows.is_empty() {
        vec![Line::styled(
            format!(
                "No marks yet: {} marks the record you are on.",
                key(Mode::Browse, Action::Mark)
            ),
            t.dim,
        )]
    } else {
        rows.iter()
            .enumerate()
            .skip(first_row(popup, app.popup_cursor))
            .take(height)
            .map(|(i, row)| {
                let name = sanitize::line(&row.name);
                let text = match row.kind {
                    Some(kind) => format!("{name} ({kind})"),
                    None => format!("{name} · missing from this dataset"),
                };
                let selected = i == app.popup_cursor;
                let mut line = list_line(app, text, selected, width);
                if row.record.is_none() && !selected {
                    line = line.style(t.warning);
                }
                line
            })
            .collect()
    };
    let title = format!(
        " Marks · {} goes there · {} deletes · {} closes ",
        key(Mode::Marks, Action::Open),
        key(Mode::Marks, Action::DeleteMark),
        key(Mode::Marks, Action::Close),
    );
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, app)),
        popup,
    );
}
