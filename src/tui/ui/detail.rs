//! The right pane: the shown record's document, its visible range in the title and a
//! scrollbar, and the link cursor.

use super::{block, marked, selected, selection, styled};
use crate::tui::app::{App, Focus};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame) {
    let area = layout::screen(app.size).detail;
    let t = &app.options.theme;
    let (pane, searching) = match app.search() {
        Some(s) => (&s.preview, true),
        None => (&app.views.lists.detail, false),
    };
    let focused = !searching && app.views.lists.focus == Focus::Detail && app.overlay.is_none();
    let height = layout::inner_height(area);
    let width = layout::inner_width(area);
    let (first, last, total) = pane.shown();
    let what = if searching { "Preview" } else { "Detail" };
    let title = if total > height {
        format!(" {what} {first}–{last}/{total} ")
    } else {
        format!(" {what} ")
    };
    let doc = &pane.content.doc;
    let cursor_row = doc.items.get(pane.link).copied();
    let lines: Vec<Line> = if pane.record.is_none() {
        vec![Line::styled("Nothing selected.", t.dim)]
    } else {
        doc.lines
            .iter()
            .enumerate()
            .skip(pane.scroll)
            .take(height)
            .map(|(i, l)| {
                if focused && Some(i) == cursor_row {
                    selected(l, width, selection(t, true), t)
                } else if let Some(found) = pane.found_on(i) {
                    // The words a search found, marked in the field where it found them.
                    marked::doc_line(l, found, t)
                } else {
                    styled(l, t)
                }
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), focused, t)),
        area,
    );
    super::scrollbar(frame, area, (total, pane.scroll), focused, t);
}
