//! The neighbourhood view: the tree of what is around a record, and a preview of the selected
//! record.

use super::{block, preparing, preview, selection};
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::App;
use crate::tui::app::around::Row;
use crate::tui::layout;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame) {
    let a = layout::with_preview(app.size);
    let t = &app.options.theme;
    let around = &app.views.around;
    if around.waiting {
        preparing(frame, a.main, "neighbourhood", t);
        return;
    }
    let height = layout::inner_height(a.main);
    let width = layout::inner_width(a.main);
    let c = around.state.cursor;
    let lines: Vec<Line> = around
        .rows
        .iter()
        .enumerate()
        .skip(c.offset)
        .take(height)
        .map(|(i, row)| {
            let sel = i == c.selected;
            let style = if sel {
                selection(t, true)
            } else {
                Style::new()
            };
            let (indent, marker, text, look) = parts(app, row);
            let lead = format!(
                "{}{}{marker}",
                if sel { "▶ " } else { "  " },
                "  ".repeat(indent)
            );
            let room = width.saturating_sub(display_width(&lead));
            let text = truncate_to_width(&text, room).into_owned();
            let fill = room.saturating_sub(display_width(&text));
            let look = if sel { style } else { look };
            Line::from(vec![
                Span::styled(lead, style),
                Span::styled(text, look),
                Span::styled(" ".repeat(fill), style),
            ])
        })
        .collect();
    let root = around
        .state
        .root
        .map(|r| sanitize::line(app.index.record(r).name()).into_owned())
        .unwrap_or_default();
    let title = truncate_to_width(&format!(" Around {root} "), width).into_owned();
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        a.main,
    );
    super::scrollbar(frame, a.main, (around.rows.len(), c.offset), true, t);
    preview::render(app, frame, a.info, around.selected_record(), Vec::new());
}

/// A row's depth, open/closed marker, text and look.
fn parts(app: &App, row: &Row) -> (usize, &'static str, String, Style) {
    let t = &app.options.theme;
    let name = |r: usize| sanitize::line(app.index.record(r).name()).into_owned();
    match row {
        Row::Root(r) => (0, "", name(*r), t.heading),
        Row::Group {
            depth,
            edge,
            count,
            open,
            ..
        } => (
            *depth,
            if *open { "▾ " } else { "▸ " },
            format!("{} ({count})", edge.label()),
            t.subheading,
        ),
        Row::Record {
            depth,
            record,
            openable,
            open,
            links,
            ..
        } => {
            let marker = match (openable, open) {
                (true, true) => "▾ ",
                (true, false) => "▸ ",
                _ => "  ",
            };
            let kind = app.index.kind(*record).short();
            (
                *depth,
                marker,
                match links.filter(|_| !*open) {
                    Some(n) => format!("{} · {kind} · {n} links", name(*record)),
                    None => format!("{} · {kind}", name(*record)),
                },
                t.link,
            )
        }
        Row::More { depth, count } => (*depth, "  ", format!("… and {count} more"), t.dim),
    }
}
