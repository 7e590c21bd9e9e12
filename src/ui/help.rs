//! The help screen, generated from the keymap so that it cannot go stale.

use super::{block, centered};
use crate::app::App;
use crate::keymap::Mode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.options.theme;
    let mut out = vec![
        Line::styled("ngo-atlas: every key of every mode", t.heading),
        Line::raw(""),
    ];
    for mode in Mode::ALL {
        out.push(Line::styled(app.keymap.title(mode), t.subheading));
        for (keys, help) in app.keymap.help(mode) {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<26}"), t.status_key),
                Span::raw(help),
            ]));
        }
        out.push(Line::raw(""));
    }
    out.push(Line::styled("Mouse", t.subheading));
    for (what, help) in [
        ("  click", "select a row, a tab or a link"),
        ("  click again", "open the selected row or follow the link"),
        ("  wheel", "scroll the pane under the pointer"),
        ("  click a view's name", "switch view (top right)"),
        (
            "  click a tab",
            "timeline: filter a kind; map: go to a region",
        ),
        (
            "  wheel on the map",
            "zoom in (up) or out (down) at the pointer",
        ),
    ] {
        out.push(Line::from(vec![
            Span::styled(format!("{what:<28}"), t.status_key),
            Span::raw(help),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "Search prefixes: org: person: event: programme: stat: place: source:",
        t.dim,
    ));
    out
}

pub fn line_count(app: &App) -> usize {
    lines(app).len()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let popup = centered(area, 72, area.height.saturating_sub(2));
    let all = lines(app);
    let height = popup.height.saturating_sub(2) as usize;
    let scroll = app.popup_cursor.min(all.len().saturating_sub(height));
    let close = app
        .keymap
        .key_for(Mode::Help, crate::keymap::Action::Close)
        .unwrap_or_default();
    let title = format!(" Help {}/{} · {close} closes ", scroll + 1, all.len());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(
            all.into_iter()
                .skip(scroll)
                .take(height)
                .collect::<Vec<_>>(),
        )
        .block(block(Line::from(title), true, app)),
        popup,
    );
}
