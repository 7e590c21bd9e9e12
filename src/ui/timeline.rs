//! The timeline view: kind filters on the tab row, the years and their entries, and a preview
//! of the selected entry's record.

use super::views::{self, preview, render_tabs, row_style, tab_ranges};
use super::{block, layout};
use crate::app::App;
use crate::app::timeline::Row;
use crate::model::Kind;
use crate::sanitize::{self, display_width, truncate_to_width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub list: Rect,
    /// Empty when the terminal has no room for it.
    pub info: Rect,
}

pub fn areas(size: (u16, u16)) -> Areas {
    let (list, info) = views::with_preview(size);
    Areas {
        header: layout(size).tabs,
        list,
        info,
    }
}

fn filter_label(kind: Option<Kind>, n: usize, short: bool) -> String {
    match (kind, short) {
        (None, false) => format!("All {n}"),
        (None, true) => format!("all {n}"),
        (Some(k), false) => format!("{} {n}", k.plural()),
        (Some(k), true) => format!("{} {n}", k.short()),
    }
}

/// The kind filters as tabs, with their x ranges, for clicks.
pub fn filter_tabs(app: &App) -> Vec<(String, u16, u16)> {
    let filters = app.timeline.filters();
    let width = app.size.0;
    let labels = |short| {
        filters
            .iter()
            .map(|&(k, n)| filter_label(k, n, short))
            .collect::<Vec<_>>()
    };
    let long = tab_ranges(labels(false), width);
    if long.len() == filters.len() {
        long
    } else {
        tab_ranges(labels(true), width)
    }
}

pub fn render(app: &App, frame: &mut Frame) {
    let a = areas(app.size);
    let tl = &app.timeline;
    let t = &app.options.theme;
    let filters = tl.filters();
    let active = filters.iter().position(|f| f.0 == tl.state.filter);
    let hint = app
        .keymap
        .key_for(
            crate::keymap::Mode::Timeline,
            crate::keymap::Action::NextKind,
        )
        .map(|k| format!("{k}: next kind"))
        .unwrap_or_default();
    render_tabs(app, frame, a.header, &filter_tabs(app), active, &hint);

    let rows = tl.rows();
    let visible = tl.visible();
    let pos = visible
        .iter()
        .position(|&i| i == tl.state.selected)
        .map_or(0, |p| p + 1);
    let filter = tl.state.filter.map_or("all kinds", |k| k.plural());
    let mut title = format!(" Timeline · {filter} · {pos}/{} ", visible.len());
    if !tl.state.typed.is_empty() {
        let typed = format!("{:_<4}", tl.state.typed);
        title.push_str(&format!("· year {typed} "));
    }
    let inner_w = a.list.width.saturating_sub(2) as usize;
    let height = a.list.height.saturating_sub(2) as usize;
    let lines: Vec<Line> = rows
        .iter()
        .skip(tl.state.offset)
        .take(height)
        .map(|row| match *row {
            Row::Year { year, count } => {
                let left = format!("{year} ");
                let right = format!(" {count}");
                let fill = inner_w.saturating_sub(left.len() + right.len());
                Line::from(vec![
                    Span::styled(left, t.heading),
                    Span::styled("─".repeat(fill), t.dim),
                    Span::styled(right, t.dim),
                ])
            }
            Row::Entry(i) => entry_line(app, i, inner_w),
        })
        .collect();
    let lines = if lines.is_empty() {
        vec![Line::styled("(nothing dated)", t.dim)]
    } else {
        lines
    };
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, app)),
        a.list,
    );
    if !a.info.is_empty() {
        let extra = tl
            .entries
            .get(tl.state.selected)
            .map(|e| {
                let mut s = format!("{} {}", e.label, e.date.human());
                if let Some(aside) = &e.aside {
                    s.push_str(&format!(" · {}", sanitize::line(aside)));
                }
                vec![s]
            })
            .unwrap_or_default();
        preview(app, frame, a.info, tl.selected_record(), extra);
    }
}

fn entry_line(app: &App, i: usize, width: usize) -> Line<'static> {
    let t = &app.options.theme;
    let e = &app.timeline.entries[i];
    let sel = i == app.timeline.state.selected;
    let style = row_style(app, sel, true);
    let mut spans = vec![Span::styled(if sel { "▶ " } else { "  " }, style)];
    let mut used = 2;
    spans.push(Span::styled(format!("{:<11} ", e.date.human()), style));
    used += 12;
    if width >= 44 {
        spans.push(Span::styled(
            format!("{:<9} ", e.label),
            if sel { style } else { t.kind },
        ));
        used += 10;
    }
    let room = width.saturating_sub(used);
    let text = sanitize::line(&e.text);
    let aside = e
        .aside
        .as_deref()
        .map(|a| format!(" {}", sanitize::line(a)));
    let aside_w = aside.as_deref().map_or(0, display_width);
    // An aside may take up to half the room; the name gets the rest.
    let aside = aside.filter(|_| aside_w <= room / 2);
    let text_room = room.saturating_sub(if aside.is_some() { aside_w } else { 0 });
    let text = truncate_to_width(&text, text_room).into_owned();
    used += display_width(&text);
    spans.push(Span::styled(text, style));
    if let Some(a) = aside {
        spans.push(Span::styled(
            " ".repeat(width.saturating_sub(used + aside_w)),
            style,
        ));
        spans.push(Span::styled(a, if sel { style } else { t.dim }));
    } else if sel {
        spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    }
    Line::from(spans)
}
