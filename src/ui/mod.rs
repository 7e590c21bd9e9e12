//! Drawing. Everything here reads the app's state and never changes it.

pub mod detail;
pub mod help;
mod list;
pub mod map;
pub mod marks;
mod popup;
pub mod stats;
pub mod svg;
pub mod text;
pub mod timeline;
pub mod views;

pub use popup::{history_area as popup_history_area, picker_area as popup_picker_area};
pub mod theme;

use crate::app::{App, TABS, View};
use crate::keymap::Mode;
use crate::sanitize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

/// Below this the panes cannot show anything useful, so the screen says so instead.
pub const MIN_SIZE: (u16, u16) = (50, 12);

/// Where each part of the screen goes, for a terminal of `size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub title: Rect,
    pub tabs: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
}

pub fn layout((w, h): (u16, u16)) -> Areas {
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        return Areas::default();
    }
    let body = h - 3;
    let list_w = (w * 2 / 5).clamp(24, 56);
    Areas {
        title: Rect::new(0, 0, w, 1),
        tabs: Rect::new(0, 1, w, 1),
        list: Rect::new(0, 2, list_w, body),
        detail: Rect::new(list_w, 2, w - list_w, body),
        status: Rect::new(0, h - 1, w, 1),
    }
}

/// Label of each tab with its count, as drawn, and its x range, for clicks. Labels shorten
/// until they fit the terminal's width.
pub fn tabs(app: &App) -> Vec<(String, u16, u16)> {
    let label = |t: usize, level: usize| {
        let (name, short, n) = match App::tab_kind(t) {
            Some(k) => (k.plural(), k.short(), app.index.of_kind(k).len()),
            None => ("All", "all", app.index.len()),
        };
        match level {
            0 => format!("{t} {name} {n}"),
            1 => format!("{name} {n}"),
            _ => format!("{short} {n}"),
        }
    };
    let width = |level: usize| -> usize {
        (0..TABS)
            .map(|t| sanitize::display_width(&label(t, level)) + tab_gap(level))
            .sum()
    };
    let level = (0..3)
        .find(|&l| width(l) <= app.size.0 as usize)
        .unwrap_or(2);
    let mut x = 1;
    (0..TABS)
        .map(|t| {
            let text = label(t, level);
            let w = sanitize::display_width(&text) as u16;
            let range = (text, x, x + w);
            x += w + tab_gap(level) as u16;
            range
        })
        .collect()
}

/// Space between tabs: a separator with room around it, or a bare one when space is short.
fn tab_gap(level: usize) -> usize {
    if level < 2 { 3 } else { 1 }
}

pub fn block<'a>(title: Line<'a>, focused: bool, app: &App) -> Block<'a> {
    let t = &app.options.theme;
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused { t.border_focus } else { t.border })
        .style(t.base)
        .title(title)
}

pub fn render(app: &App, frame: &mut Frame) {
    let size = frame.area();
    // Themes with a background of their own paint it everywhere first.
    frame.render_widget(Block::new().style(app.options.theme.base), size);
    if size.width < MIN_SIZE.0 || size.height < MIN_SIZE.1 {
        let msg = format!(
            "Terminal too small: {}×{}. ngo-atlas needs at least {}×{}; enlarge the window or press q to quit.",
            size.width, size.height, MIN_SIZE.0, MIN_SIZE.1
        );
        let lines: Vec<Line> = text::wrap(&msg, size.width as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), size);
        return;
    }
    let areas = layout((size.width, size.height));
    render_title(app, frame, areas.title);
    match app.view {
        View::Browse => {
            render_tabs(app, frame, areas.tabs);
            list::render(app, frame, areas.list);
            detail::render(app, frame, areas.detail);
        }
        View::Timeline => timeline::render(app, frame),
        View::Stats => stats::render(app, frame),
        View::Map => map::render(app, frame),
    }
    render_status(app, frame, areas.status);
    match app.mode {
        Mode::Help => help::render(app, frame, size),
        Mode::Picker => popup::picker(app, frame, size),
        Mode::History => popup::history(app, frame, size),
        Mode::Popup => popup::text(app, frame, size),
        Mode::Marks => marks::render(app, frame, size),
        Mode::Browse | Mode::Search | Mode::Timeline | Mode::Stats | Mode::Map => {}
    }
}

fn render_title(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.options.theme;
    let mut spans = vec![
        Span::styled(" ngo-atlas ", t.title),
        Span::styled(
            format!("· {} · {} records ", app.options.origin, app.index.len()),
            t.dim,
        ),
    ];
    // The breadcrumb: the places the back key returns to, as many of the latest as fit beside
    // the view switcher. When few would, the dataset's name gives way to them.
    let available = area.width.saturating_sub(views::switcher_width(app)) as usize;
    let width_of = |spans: &[Span]| -> usize { spans.iter().map(|s| s.width()).sum() };
    if !app.back.is_empty() && available.saturating_sub(width_of(&spans) + 10) < 30 {
        spans.remove(1);
    }
    let room = available.saturating_sub(width_of(&spans) + 10);
    let mut trail: Vec<String> = Vec::new();
    let mut width = 0;
    for loc in app.back.iter().rev() {
        // The latest step gets what room there is, so a narrow title still names it.
        let max = if trail.is_empty() {
            room.saturating_sub(3).clamp(1, 24)
        } else {
            24
        };
        let name = sanitize::truncate_to_width(&app.location_label(loc), max).into_owned();
        let w = sanitize::display_width(&name) + 3;
        if width + w > room {
            trail.push("…".into());
            break;
        }
        width += w;
        trail.push(name);
    }
    if !trail.is_empty() {
        trail.reverse();
        spans.push(Span::styled(
            format!("│ {} › here", trail.join(" › ")),
            t.dim,
        ));
    }
    // The view switcher keeps its place at the right (its width includes the space before
    // it); whatever still does not fit is cut with an ellipsis.
    let room = available as u16;
    let width = |spans: &[Span]| -> usize {
        spans
            .iter()
            .map(|s| sanitize::display_width(&s.content))
            .sum()
    };
    if width(&spans) > room as usize
        && let Some(last) = spans.last_mut()
    {
        last.content = last.content.trim_end().to_string().into();
    }
    let over = width(&spans).saturating_sub(room as usize);
    if over > 0
        && let Some(last) = spans.last_mut()
    {
        let keep = sanitize::display_width(&last.content).saturating_sub(over);
        let cut = sanitize::truncate_to_width(&last.content, keep).into_owned();
        last.content = cut.into();
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)),
        Rect {
            width: room,
            ..area
        },
    );
    views::render_switcher(app, frame, area);
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.options.theme;
    let mut spans = vec![Span::raw(" ")];
    let tabs = tabs(app);
    for (i, (label, x, _)) in tabs.iter().cloned().enumerate() {
        if i > 0 {
            let gap = (x - tabs[i - 1].2) as usize;
            let sep = if gap >= 3 { " │ " } else { "│" };
            spans.push(Span::styled(sep, t.dim));
        }
        let style = if i == app.tab { t.tab_active } else { t.tab };
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.options.theme;
    let line = match &app.status {
        Some(msg) => Line::from(Span::styled(format!(" {}", sanitize::line(msg)), t.message)),
        None => {
            let mode = app.key_mode();
            let title = app.keymap.title(mode);
            let mut spans = vec![Span::styled(format!(" {title} "), t.dim)];
            let mut used = sanitize::display_width(&title) + 2;
            // Whole hints only: one cut in half helps nobody.
            for (key, help) in app.keymap.hints(mode) {
                let w = sanitize::display_width(&key) + help.chars().count() + 3;
                if used + w > area.width as usize {
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

/// A rectangle of `w`×`h` centred in `area`, never larger than it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
