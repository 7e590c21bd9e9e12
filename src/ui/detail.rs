//! The right pane: one record laid out as wrapped lines, with every link on a line of its own so
//! the link cursor (and a mouse click) can land on it.

use super::block;
use super::text::wrap;
use crate::app::{App, Focus};
use crate::keymap::Mode;
use crate::sanitize::{self, truncate_to_width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The detail pane's content at a given width.
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// The line of each link, in the order of `Detail::targets()`.
    pub link_rows: Vec<usize>,
}

pub fn document(app: &App, width: u16) -> Doc {
    let width = (width as usize).max(1);
    let t = &app.options.theme;
    let mut doc = Doc {
        lines: Vec::new(),
        link_rows: Vec::new(),
    };
    let (Some(d), Some(current)) = (&app.detail, app.current()) else {
        doc.lines.push(Line::styled("Nothing selected.", t.dim));
        return doc;
    };
    debug_assert_eq!(d.record, current);
    let r = app.index.record(d.record);
    let para = |doc: &mut Doc, text: &str, style: Style, indent: usize| {
        for l in wrap(&sanitize::text(text), width.saturating_sub(indent)) {
            doc.lines
                .push(Line::styled(format!("{}{l}", " ".repeat(indent)), style));
        }
    };
    para(&mut doc, r.name(), t.heading, 0);
    doc.lines.push(Line::styled(
        truncate_to_width(&format!("{} · {}", r.kind(), r.id()), width).into_owned(),
        t.kind,
    ));
    if !r.aliases().is_empty() {
        para(
            &mut doc,
            &format!("Also: {}", r.aliases().join(" · ")),
            t.dim,
            0,
        );
    }
    doc.lines.push(Line::raw(""));
    para(&mut doc, r.summary(), Style::new(), 0);
    if !d.fields.is_empty() {
        doc.lines.push(Line::raw(""));
        for (label, value) in &d.fields {
            let value_lines = wrap(&sanitize::line(value), width.saturating_sub(12).max(1));
            for (i, v) in value_lines.into_iter().enumerate() {
                let label = if i == 0 { *label } else { "" };
                doc.lines.push(Line::from(vec![
                    Span::styled(format!("{label:<11} "), t.label),
                    Span::raw(v),
                ]));
            }
        }
    }
    if let Some(n) = r.notes() {
        doc.lines.push(Line::raw(""));
        para(&mut doc, &format!("Note: {n}"), t.dim, 0);
    }
    if !r.public_knowledge().is_empty() {
        let fields = r.public_knowledge().join(", ");
        para(
            &mut doc,
            &format!("From public knowledge, not the sources: {fields}"),
            t.dim,
            0,
        );
    }
    let focused = app.focus == Focus::Detail && app.mode == Mode::Browse;
    let mut n = 0;
    let link_line = |doc: &mut Doc, target: usize, note: Option<&str>, n: &mut usize| {
        let selected = focused && *n == app.link;
        let name = sanitize::line(app.index.record(target).name()).into_owned();
        let text = match note {
            Some(note) => format!("{name} — {}", sanitize::line(note)),
            None => name,
        };
        let marker = if selected { "▶ " } else { "  " };
        let body = truncate_to_width(&text, width.saturating_sub(2)).into_owned();
        let style = if selected { t.selected } else { t.link };
        doc.link_rows.push(doc.lines.len());
        doc.lines.push(Line::from(vec![
            Span::styled(marker, style),
            Span::styled(body, style),
        ]));
        *n += 1;
    };
    for (heading, groups) in [(None, &d.links), (Some("Referenced by"), &d.backlinks)] {
        if groups.is_empty() {
            continue;
        }
        if let Some(h) = heading {
            doc.lines.push(Line::raw(""));
            doc.lines.push(Line::styled(h, t.heading));
        }
        for g in groups {
            doc.lines.push(Line::raw(""));
            doc.lines.push(Line::styled(
                format!("{} ({})", g.label, g.total),
                t.subheading,
            ));
            for item in &g.items {
                link_line(&mut doc, item.target, item.note.as_deref(), &mut n);
            }
            if g.total > g.items.len() {
                let more = g.total - g.items.len();
                doc.lines.push(Line::styled(
                    format!("  … and {more} more (`ngo-atlas show` lists them all)"),
                    t.dim,
                ));
            }
        }
    }
    if !d.quotes.is_empty() {
        doc.lines.push(Line::raw(""));
        doc.lines.push(Line::styled(
            format!("Sources ({})", d.quotes.len()),
            t.heading,
        ));
        for q in &d.quotes {
            link_line(&mut doc, q.source, None, &mut n);
            para(&mut doc, &format!("“{}”", q.quote), t.quote, 4);
        }
    }
    doc
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Detail && app.mode == Mode::Browse;
    let doc = document(app, area.width.saturating_sub(2));
    let height = area.height.saturating_sub(2) as usize;
    let total = doc.lines.len();
    let title = match app.mode {
        Mode::Search => " Preview ".to_string(),
        _ if total > height => format!(
            " Detail {}–{}/{} ",
            app.detail_scroll + 1,
            (app.detail_scroll + height).min(total),
            total
        ),
        _ => " Detail ".to_string(),
    };
    let lines: Vec<Line> = doc
        .lines
        .into_iter()
        .skip(app.detail_scroll)
        .take(height)
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), focused, app)),
        area,
    );
}
