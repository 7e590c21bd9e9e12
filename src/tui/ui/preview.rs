//! A record in short beside a view: name, kind, summary, fields, sources and notes.

use super::block;
use crate::prefs::keymap::Action;
use crate::text::doc::wrap;
use crate::text::sanitize::{self, truncate_to_width};
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws `record` in `area`; `extra` lines (already sanitized) come first, under the name.
pub fn render(app: &App, frame: &mut Frame, area: Rect, record: Option<usize>, extra: Vec<String>) {
    if area.is_empty() {
        return;
    }
    let t = &app.options.theme;
    let width = area.width.saturating_sub(2).max(1) as usize;
    let height = area.height.saturating_sub(2) as usize;
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
            if lines.len() > height {
                break;
            }
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
        let mut sources: Vec<usize> = Vec::new();
        for s in rec.sources() {
            if let Some(i) = app.index.resolve(&s.source)
                && !sources.contains(&i)
            {
                sources.push(i);
            }
        }
        for (i, &s) in sources.iter().enumerate() {
            let label = if i == 0 { "Source" } else { "" };
            let name = sanitize::line(app.index.record(s).name());
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<11} "), t.label),
                Span::raw(truncate_to_width(&name, width.saturating_sub(12)).into_owned()),
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
    lines.truncate(height);
    let open = app
        .keymap
        .key_for(app.key_mode(), Action::Open)
        .map(|k| format!(" Preview · {k} opens "))
        .unwrap_or_else(|| " Preview ".into());
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(open), false, t)),
        area,
    );
}
