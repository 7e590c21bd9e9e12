//! The title bar (name, dataset, the trail of places, the view switcher), the kind tabs and
//! the status bar.

use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::screen::Screen;
use crate::tui::app::{App, lists};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// `text` cut to `width` columns at a word boundary, with an ellipsis when anything is cut.
pub fn cut_at_word(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(1);
    let cut = truncate_to_width(text, room);
    let cut = cut.trim_end_matches('…');
    let at_word = match cut.rfind(' ') {
        Some(i) if i > room / 2 => &cut[..i],
        _ => cut,
    };
    format!("{}…", at_word.trim_end())
}

pub fn title(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.options.theme;
    let switcher = app.switcher();
    let right = switcher
        .first()
        .map_or(0, |s| area.width.saturating_sub(s.2 - 1));
    let available = area.width.saturating_sub(right) as usize;
    let mut spans = vec![Span::styled(" ngo-atlas ", t.title)];
    let origin = format!(
        "· {} · {} records ",
        sanitize::line(&app.options.origin),
        app.index.len()
    );
    let trail = app.trail();
    // The trail: as many of the latest places as fit; the dataset's name gives way to it.
    let used = display_width(" ngo-atlas ");
    let show_origin = trail.len() <= 1 || available >= used + display_width(&origin) + 40;
    if show_origin {
        spans.push(Span::styled(origin.clone(), t.dim));
    }
    if trail.len() > 1 {
        let room = available
            .saturating_sub(
                used + if show_origin {
                    display_width(&origin)
                } else {
                    0
                },
            )
            .saturating_sub(2);
        // The place the user is at gets up to half the room, so the one before it shows too;
        // older ones get what is left, each cut short, then an ellipsis for the rest.
        let latest_max = (room / 2).clamp(12, 40).min(room.max(1));
        let mut parts = vec![truncate_to_width(&trail[trail.len() - 1], latest_max).into_owned()];
        let mut width = display_width(&parts[0]);
        let older = &trail[..trail.len() - 1];
        for (i, name) in older.iter().rev().enumerate() {
            let more = i + 1 < older.len();
            let left = room.saturating_sub(width + 3 + if more { 4 } else { 0 });
            let max = 24.min(left);
            if max < 6 {
                if width + 4 <= room {
                    parts.push("…".into());
                }
                break;
            }
            let name = truncate_to_width(name, max).into_owned();
            width += 3 + display_width(&name);
            parts.push(name);
        }
        parts.reverse();
        spans.push(Span::styled(format!("│ {}", parts.join(" › ")), t.dim));
    }
    let line = Line::from(spans);
    let w = line.width().min(available);
    frame.render_widget(
        Paragraph::new(line),
        Rect {
            width: w as u16,
            ..area
        },
    );
    for (v, text, x, end) in switcher {
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

/// A row of tabs, the active one marked, `‹` and `›` where more lie beyond, and a hint after
/// them if it fits whole.
pub fn tab_row(app: &App, frame: &mut Frame, area: Rect, tabs: &layout::Tabs, after: &str) {
    let t = &app.options.theme;
    let mut spans = vec![Span::raw(if tabs.more_left { " ‹ " } else { " " })];
    for (n, &(i, ..)) in tabs.shown.iter().enumerate() {
        if n > 0 {
            let sep = if tabs.gap >= 3 { " │ " } else { "│" };
            spans.push(Span::styled(sep, t.dim));
        }
        let style = if Some(i) == tabs.active {
            t.tab_active
        } else {
            t.tab
        };
        spans.push(Span::styled(tabs.labels[i].clone(), style));
    }
    if tabs.more_right {
        spans.push(Span::styled(" ›", t.dim));
    }
    let end = tabs.end() as usize;
    if !after.is_empty() && end + 2 + display_width(after) <= area.width as usize {
        spans.push(Span::styled(format!("  {after}"), t.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn kind_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let l = &app.views.lists;
    let tabs = lists::tabs(&app.index, l.filter().map(|f| &**f), area.width, l.tab);
    tab_row(app, frame, area, &tabs, "");
}

pub fn status(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.options.theme;
    let width = area.width as usize;
    // Under --watch, the problems of the last edit stand in the status bar until fixed.
    let stale = app.stale.as_ref().map(|p| {
        let key = app
            .keymap
            .key_for(app.key_mode(), crate::prefs::keymap::Action::Problems)
            .map(|k| format!(" · {k} lists them"))
            .unwrap_or_default();
        format!(
            "⚠ The data files have {} since the last edit; the last good data is shown{key}",
            crate::data::dataset::count(p)
        )
    });
    // So do marks that could not be saved: the user must not think them safe.
    let standing = app.marks_warning().or(stale);
    let line = match app.status.as_ref().or(standing.as_ref()) {
        Some(msg) => Line::from(Span::styled(
            format!(
                " {}",
                cut_at_word(&sanitize::line(msg), width.saturating_sub(1))
            ),
            if app.status.is_none() {
                t.warning
            } else {
                t.message
            },
        )),
        None => {
            let mode = app.key_mode();
            let title = app.keymap.title(mode);
            let mut spans = vec![Span::styled(format!(" {title} "), t.dim)];
            let mut used = display_width(&title) + 2;
            // Whole hints only: one cut in half helps nobody.
            for (key, help) in app.keymap.hints(mode) {
                let w = display_width(&key) + help.chars().count() + 3;
                if used + w > width {
                    break;
                }
                used += w;
                spans.push(Span::styled(key, t.status_key));
                spans.push(Span::styled(format!(" {help}  "), t.status));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line).style(Style::new()), area);
}

#[cfg(test)]
mod tests {
    use super::cut_at_word;

    #[test]
    fn a_long_message_is_cut_between_words() {
        assert_eq!(
            cut_at_word("Copied the APA citation via tmux buffer", 30),
            "Copied the APA citation via…"
        );
        assert_eq!(cut_at_word("short", 30), "short");
    }
}
