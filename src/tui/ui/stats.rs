//! The statistics view: the section tabs, the charts and the table (only the lines on screen
//! are made), and a preview of the selected figure's record.

use super::bars::tab_row;
use super::{block, preparing, preview, selected, selection, styled};
use crate::prefs::keymap::{Action, Mode};
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::app::stats::{StatRow, statistic, when};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame) {
    let a = layout::with_preview(app.size);
    let t = &app.options.theme;
    let st = &app.views.stats;
    let Some(m) = st.ready() else {
        preparing(frame, a.main, "statistics", t);
        return;
    };
    let hint = app
        .keymap
        .key_for(Mode::Stats, Action::ToggleExact)
        .map(|k| {
            let what = if st.state.exact { "rounded" } else { "exact" };
            format!("{k}: {what} values")
        })
        .unwrap_or_default();
    tab_row(
        app,
        frame,
        a.header,
        &st.section_tabs(a.header.width),
        &hint,
    );

    let height = layout::inner_height(a.main);
    let width = layout::inner_width(a.main);
    let n = m.len();
    let values = if st.state.exact { "exact" } else { "rounded" };
    let in_table = m.is_table(m.section_of(st.state.selected));
    let order = if in_table {
        format!(" · {}", st.state.order.short("file order"))
    } else {
        String::new()
    };
    let narrowed = st
        .narrowed
        .as_ref()
        .map(|f| format!(" · {}", sanitize::line(&f.text)))
        .unwrap_or_default();
    let title = format!(
        " Statistics · {}/{n}{narrowed} · {values} values{order} ",
        (st.state.selected + 1).min(n)
    );
    let lines: Vec<Line> = (st.state.scroll..(st.state.scroll + height).min(m.rows))
        .map(|row| {
            let line = st.line(&app.index, row);
            if m.at_row(row) == Some(StatRow::Item(st.state.selected)) {
                selected(&line, width, selection(t, true), t)
            } else {
                styled(&line, t)
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        a.main,
    );
    super::scrollbar(frame, a.main, (m.rows, st.state.scroll), true, t);
    let r = st.selected_record();
    let extra = r
        .and_then(|r| statistic(&app.index, r))
        .map(|s| {
            let other = s.figure().text(!st.state.exact);
            let shown = s.figure().text(st.state.exact);
            let line = if other == shown {
                format!("{shown} · {}", when(s))
            } else {
                format!("{shown} ({other}) · {}", when(s))
            };
            vec![sanitize::line(&line).into_owned()]
        })
        .unwrap_or_default();
    preview::render(app, frame, a.info, r, extra);
}
