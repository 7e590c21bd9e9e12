//! What the three views share on screen: the view switcher in the title bar, a row of
//! clickable tabs under it, and a preview of the selected record.

use super::block;
use super::text::wrap;
use crate::app::{App, View};
use crate::keymap::{Action, Mode};
use crate::sanitize::{self, display_width, truncate_to_width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The area below the title and tab rows and above the status bar, where a view draws.
pub fn body((w, h): (u16, u16)) -> Rect {
    let areas = super::layout((w, h));
    areas.list.union(areas.detail)
}

/// A view's main pane and its preview: beside it on wide terminals, under it on tall ones,
/// and none (an empty rectangle) when there is no room.
pub fn with_preview(size: (u16, u16)) -> (Rect, Rect) {
    let body = body(size);
    if body.width >= 110 {
        let w = body.width - (body.width / 3).min(60);
        let info = Rect::new(body.x + w, body.y, body.width - w, body.height);
        return (Rect { width: w, ..body }, info);
    }
    if body.height >= 18 {
        let h = (body.height / 3).clamp(6, 9);
        let main = Rect {
            height: body.height - h,
            ..body
        };
        let info = Rect::new(body.x, body.y + main.height, body.width, h);
        return (main, info);
    }
    (body, Rect::default())
}

/// The view switcher at the right of the title bar: each view with its key ("t timeline"),
/// and the x range of each, for clicks. Names are dropped when the terminal is narrow.
pub fn switcher(app: &App) -> Vec<(View, String, u16, u16)> {
    let label = |v: View, long: bool| {
        let key = app.keymap.key_for(Mode::Browse, Action::ShowView(v));
        match (key, long) {
            (Some(k), true) => format!("{k} {}", v.title()),
            (Some(k), false) => k,
            (None, _) => v.title().to_string(),
        }
    };
    let width = |long: bool| -> usize {
        View::ALL
            .iter()
            .map(|&v| display_width(&label(v, long)) + 2)
            .sum()
    };
    let w = app.size.0 as usize;
    let long = w >= width(true) + 30;
    if w < width(false) + 12 {
        return Vec::new();
    }
    let mut x = (w - width(long)) as u16;
    View::ALL
        .iter()
        .map(|&v| {
            let text = label(v, long);
            let start = x + 1;
            let end = start + display_width(&text) as u16;
            x = end + 1;
            (v, text, start, end)
        })
        .collect()
}

/// How wide the switcher is, so the title can leave room for it.
pub fn switcher_width(app: &App) -> u16 {
    switcher(app)
        .first()
        .map_or(0, |s| app.size.0.saturating_sub(s.2 - 1))
}

pub fn render_switcher(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.options.theme;
    for (v, text, x, end) in switcher(app) {
        if end > area.right() {
            break;
        }
        let style = if v == app.view { t.tab_active } else { t.dim };
        frame.render_widget(
            Paragraph::new(Span::styled(text, style)),
            Rect::new(x, area.y, end - x, 1),
        );
    }
}

/// Lays out tab labels from x = 1 with separators, cutting those that do not fit.
pub fn tab_ranges(labels: Vec<String>, width: u16) -> Vec<(String, u16, u16)> {
    let mut x = 1u16;
    let mut out = Vec::new();
    for label in labels {
        let w = display_width(&label) as u16;
        if x + w > width {
            break;
        }
        out.push((label, x, x + w));
        x += w + 3;
    }
    out
}

pub fn render_tabs(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    tabs: &[(String, u16, u16)],
    active: Option<usize>,
    after: &str,
) {
    let t = &app.options.theme;
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (i, (label, _, end)) in tabs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", t.dim));
        }
        let style = if Some(i) == active {
            t.tab_active
        } else {
            t.tab
        };
        spans.push(Span::styled(label.clone(), style));
        used = *end as usize;
    }
    // A hint is shown whole or not at all.
    if used + 2 + display_width(after) <= area.width as usize && !after.is_empty() {
        spans.push(Span::styled(format!("  {after}"), t.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A record in short: name, kind, summary, its fields, notes and sources, for a view's side or
/// bottom pane. `extra` lines (already sanitized) come first, under the name.
pub fn preview(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    record: Option<usize>,
    extra: Vec<String>,
) {
    let t = &app.options.theme;
    let width = area.width.saturating_sub(2).max(1) as usize;
    let mut lines: Vec<Line> = Vec::new();
    if let Some(r) = record {
        let rec = app.index.record(r);
        for l in wrap(&sanitize::line(rec.name()), width) {
            lines.push(Line::styled(l, t.heading));
        }
        for e in extra {
            for l in wrap(&e, width) {
                lines.push(Line::styled(l, t.subheading));
            }
        }
        lines.push(Line::styled(
            truncate_to_width(&format!("{} · {}", rec.kind(), rec.id()), width).into_owned(),
            t.kind,
        ));
        for l in wrap(&sanitize::text(rec.summary()), width) {
            lines.push(Line::raw(l));
        }
        for (label, value) in rec.fields() {
            let value_lines = wrap(&sanitize::line(&value), width.saturating_sub(12).max(1));
            for (i, v) in value_lines.into_iter().enumerate() {
                let label = if i == 0 { label } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("{label:<11} "), t.label),
                    Span::raw(v),
                ]));
            }
        }
        let sources: Vec<String> = rec
            .sources()
            .iter()
            .filter_map(|s| app.index.resolve(&s.source))
            .map(|s| sanitize::line(app.index.record(s).name()).into_owned())
            .collect();
        for (i, s) in sources.iter().enumerate() {
            let label = if i == 0 { "Source" } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<11} "), t.label),
                Span::raw(truncate_to_width(s, width.saturating_sub(12)).into_owned()),
            ]));
        }
        if let Some(n) = rec.notes() {
            for l in wrap(&sanitize::text(&format!("Note: {n}")), width) {
                lines.push(Line::styled(l, t.dim));
            }
        }
    } else {
        lines.push(Line::styled("Nothing selected.", t.dim));
    }
    let open = app
        .keymap
        .key_for(app.key_mode(), Action::Open)
        .map(|k| format!(" Preview · {k} opens "))
        .unwrap_or_else(|| " Preview ".into());
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(open), false, app)),
        area,
    );
}

/// How a row of a view's list looks: selected in the focused list, selected elsewhere, or not.
pub fn row_style(app: &App, selected: bool, focused: bool) -> Style {
    let t = &app.options.theme;
    match (selected, focused) {
        (true, true) => t.selected,
        (true, false) => t.selected_unfocused,
        _ => Style::new(),
    }
}
