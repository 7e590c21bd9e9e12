//! The help screen, drawn from the document the help overlay made from the keymap.

use super::{block, styled};
use crate::prefs::keymap::{Action, Mode};
use crate::tui::app::App;
use crate::tui::app::overlay::Help;
use crate::tui::layout;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

pub fn render(app: &App, h: &Help, frame: &mut Frame) {
    let t = &app.options.theme;
    let popup = layout::help(app.size);
    let height = layout::inner_height(popup);
    let total = h.doc.lines.len();
    let scroll = h.scroll.min(total.saturating_sub(height));
    let close = app
        .keymap
        .key_for(Mode::Help, Action::Close)
        .unwrap_or_default();
    let title = if h.typing || !h.filter.is_empty() {
        let cursor = if h.typing { "▏" } else { "" };
        format!(
            " Help · filter: {}{cursor} · {close} {} ",
            crate::text::sanitize::line(&h.filter),
            if h.typing { "clears" } else { "shows all" }
        )
    } else {
        let filter = app
            .keymap
            .key_for(Mode::Help, Action::Search)
            .map(|k| format!(" · {k} filters"))
            .unwrap_or_default();
        format!(" Help {}/{total}{filter} · {close} closes ", scroll + 1)
    };
    let lines: Vec<Line> = h
        .doc
        .lines
        .iter()
        .skip(scroll)
        .take(height)
        .map(|l| styled(l, t))
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        popup,
    );
    super::scrollbar(frame, popup, (total, scroll), true, t);
}
