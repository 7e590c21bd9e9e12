//! The paths view: the chains between two records, hop by hop with their quotes, drawn like the
//! detail pane across the whole body.

use super::{block, selected, selection, styled};
use crate::tui::app::App;
use crate::tui::layout;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame) {
    let area = layout::body(app.size);
    let t = &app.options.theme;
    let pane = &app.views.paths.pane;
    let height = layout::inner_height(area);
    let width = layout::inner_width(area);
    let (first, last, total) = pane.shown();
    let title = if total > height {
        format!(" Paths {first}–{last}/{total} ")
    } else {
        " Paths ".to_string()
    };
    let doc = &pane.content.doc;
    let cursor_row = doc.items.get(pane.link).copied();
    let lines: Vec<Line> = doc
        .lines
        .iter()
        .enumerate()
        .skip(pane.scroll)
        .take(height)
        .map(|(i, l)| {
            if Some(i) == cursor_row {
                selected(l, width, selection(t, true), t)
            } else {
                styled(l, t)
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        area,
    );
    super::scrollbar(frame, area, (total, pane.scroll), true, t);
}
