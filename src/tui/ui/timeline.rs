//! The timeline view: kind filters on the tab row, the years and their entries, and a preview
//! of the selected entry's record.

use super::bars::tab_row;
use super::{block, preparing, preview, selection};
use crate::prefs::keymap::{Action, Mode};
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::App;
use crate::tui::app::timeline::{Model, Row};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame) {
    let a = layout::with_preview(app.size);
    let t = &app.options.theme;
    let tl = &app.views.timeline;
    let Some(m) = tl.ready() else {
        preparing(frame, a.main, "timeline", t);
        return;
    };
    let f = m.filter(tl.state.filter);
    let tabs = tl.filter_tabs(a.header.width);
    let hint = app
        .keymap
        .key_for(Mode::Timeline, Action::NextKind)
        .map(|k| format!("{k}: next kind"))
        .unwrap_or_default();
    tab_row(app, frame, a.header, &tabs, &hint);

    let pos = tl.position().map_or(0, |(_, p)| p + 1);
    let filter = tl.state.filter.map_or("all kinds", |k| k.plural());
    let mut title = format!(" Timeline · {filter} · {pos}/{} ", f.len);
    if let Some(f) = &tl.narrowed {
        title.push_str(&format!("· {} ", sanitize::line(&f.text)));
    }
    if !tl.state.typed.is_empty() {
        title.push_str(&format!("· year {:_<4} ", tl.state.typed));
    }
    let width = layout::inner_width(a.main);
    let height = layout::inner_height(a.main);
    let lines: Vec<Line> = (tl.state.offset..tl.state.offset + height)
        .filter_map(|row| f.at_row(row))
        .map(|row| match row {
            Row::Year { year, count } => {
                let left = format!("{year} ");
                let right = format!(" {count}");
                let fill = width.saturating_sub(left.len() + right.len());
                Line::from(vec![
                    Span::styled(left, t.heading),
                    Span::styled("─".repeat(fill), t.dim),
                    Span::styled(right, t.dim),
                ])
            }
            Row::Entry(i) => entry_line(app, m, i, width),
        })
        .collect();
    let lines = if lines.is_empty() {
        vec![Line::styled("(nothing dated)", t.dim)]
    } else {
        lines
    };
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        a.main,
    );
    super::scrollbar(frame, a.main, (f.rows(), tl.state.offset), true, t);
    let extra = m
        .entries
        .get(tl.state.selected)
        .map(|e| {
            let mut s = format!("{} {}", e.label(), e.date.human());
            if let Some(aside) = &e.aside(&app.index) {
                s.push_str(&format!(" · {}", sanitize::line(aside)));
            }
            vec![s]
        })
        .unwrap_or_default();
    preview::render(app, frame, a.info, tl.selected_record(), extra);
}

fn entry_line(app: &App, m: &Model, i: usize, width: usize) -> Line<'static> {
    let t = &app.options.theme;
    let e = &m.entries[i];
    let sel = i == app.views.timeline.state.selected;
    let style = if sel {
        selection(t, true)
    } else {
        Style::new()
    };
    let mut spans = vec![Span::styled(if sel { "▶ " } else { "  " }, style)];
    let mut used = 2;
    spans.push(Span::styled(format!("{:<11} ", e.date.human()), style));
    used += 12;
    if width >= 44 {
        spans.push(Span::styled(
            format!("{:<9} ", e.label()),
            if sel { style } else { t.kind },
        ));
        used += 10;
    }
    let room = width.saturating_sub(used);
    let text = e.text(&app.index);
    let text = sanitize::line(&text);
    // " · " keeps the value apart from a name that fills its room ("…, 2019 · 74 counties").
    let aside = e
        .aside(&app.index)
        .map(|a| format!(" · {}", sanitize::line(&a)));
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
