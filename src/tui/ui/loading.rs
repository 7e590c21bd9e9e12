//! The screens before the explorer can be browsed: a dataset loading, with its progress, and
//! the problems of one that did not load.

use super::block;
use crate::prefs::keymap::{Action, Keymap, Mode};
use crate::prefs::theme::Theme;
use crate::text::sanitize;
use crate::tui::app::boot::{Loading, Problems};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};

fn title_bar(frame: &mut Frame, theme: &Theme, origin: &str, what: &str) {
    let area = frame.area();
    let line = Line::from(vec![
        Span::styled(" ngo-atlas ", theme.title),
        Span::styled(format!("· {} · {what}", sanitize::line(origin)), theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), Rect { height: 1, ..area });
}

fn status_bar(frame: &mut Frame, theme: &Theme, text: String) {
    let area = frame.area();
    if area.height < 2 {
        return;
    }
    let y = area.bottom() - 1;
    frame.render_widget(
        Paragraph::new(Line::styled(text, theme.dim)),
        Rect::new(area.x, y, area.width, 1),
    );
}

/// Megabytes for people: "12.3 MB".
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

pub fn loading(l: &Loading, keymap: &Keymap, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    title_bar(frame, theme, &l.origin, "loading");
    let quit = keymap
        .shown_key(Mode::Browse, Action::Quit)
        .unwrap_or_default();
    status_bar(frame, theme, format!(" {quit} quits"));
    let boxed = layout::centered(area, 76, 7);
    let secs = l.elapsed().as_secs_f64();
    let (what, how_far) = if l.total > 0 {
        (
            format!(
                "{} of {} · file {} of {} · {} records",
                megabytes(l.done),
                megabytes(l.total),
                (l.files_done + 1).min(l.files_total),
                l.files_total,
                crate::data::limits::thousands(l.records as u64)
            ),
            format!("{:.0}%", l.ratio() * 100.0),
        )
    } else {
        ("listing the files".to_string(), String::new())
    };
    frame.render_widget(
        block(
            Line::from(format!(" Loading {} ", sanitize::line(&l.origin))),
            true,
            theme,
        ),
        boxed,
    );
    let inner_w = boxed.width.saturating_sub(4);
    let row = |dy: u16| Rect::new(boxed.x + 2, boxed.y + dy, inner_w, 1);
    if boxed.height >= 7 {
        frame.render_widget(
            Gauge::default()
                .gauge_style(theme.bar)
                .ratio(l.ratio())
                .label(how_far),
            row(2),
        );
        let lines = [format!("{} · {what}", l.phase), format!("{secs:.1} s")];
        for (k, text) in lines.iter().enumerate() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    sanitize::truncate_to_width(text, inner_w as usize).into_owned(),
                    theme.dim,
                )),
                row(3 + k as u16),
            );
        }
    }
}

pub fn problems(p: &Problems, keymap: &Keymap, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    let n = p.lines.len().saturating_sub(1);
    title_bar(frame, theme, &p.origin, &format!("{n} problems"));
    let quit = keymap
        .shown_key(Mode::Help, Action::Close)
        .unwrap_or_default();
    status_bar(
        frame,
        theme,
        format!(
            " The dataset was not loaded: fix these and start again · j/k scroll · {quit} quits"
        ),
    );
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    let height = layout::inner_height(body);
    let lines: Vec<Line> = p
        .lines
        .iter()
        .skip(p.scroll)
        .take(height)
        .map(|l| Line::raw(sanitize::line(l).into_owned()))
        .collect();
    let title = format!(
        " Problems {}–{}/{} ",
        p.scroll + 1,
        (p.scroll + height).min(p.lines.len()),
        p.lines.len()
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(Line::from(title), true, theme)),
        body,
    );
    super::scrollbar(frame, body, (p.lines.len(), p.scroll), true, theme);
}
