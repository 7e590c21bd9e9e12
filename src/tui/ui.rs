//! Drawing. Everything here reads the app's state and never changes it: documents and layouts
//! were made when a key changed them, so a frame only copies what is on screen.

mod around;
mod bars;
mod detail;
mod facets;
mod help;
mod lists;
pub mod loading;
mod map;
mod marked;
mod marks;
mod paths;
mod popups;
mod preview;
mod quotes;
mod search;
mod stats;
mod timeline;

use crate::prefs::theme::Theme;
use crate::text::doc::{self, Tone};
use crate::tui::app::View;
use crate::tui::app::{App, Overlay};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

pub use layout::MIN_SIZE;

/// A pane's frame: thick and bold when it has the keyboard, so focus shows without colour.
pub fn block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .style(theme.base)
        .title(title)
}

/// A document line in the theme's styles.
pub fn styled(line: &doc::Line, theme: &Theme) -> Line<'static> {
    Line::from(
        line.spans
            .iter()
            .map(|s| Span::styled(s.text.clone(), theme.tone(s.tone)))
            .collect::<Vec<_>>(),
    )
}

/// A selectable line (its first span a two-column marker), as selected: the marker is `▶ `
/// and the whole line, padded to `width`, takes the selection's style.
pub fn selected(line: &doc::Line, width: usize, style: Style, theme: &Theme) -> Line<'static> {
    let mut spans: Vec<Span> = Vec::with_capacity(line.spans.len() + 1);
    let mut used = 0;
    for (i, s) in line.spans.iter().enumerate() {
        let text = if i == 0 {
            "▶ ".to_string()
        } else {
            s.text.clone()
        };
        used += crate::text::sanitize::display_width(&text);
        // Bars keep their colour; everything else takes the selection's look.
        let look = if s.tone == Tone::Bar {
            theme.tone(Tone::Bar)
        } else {
            style
        };
        spans.push(Span::styled(text, look));
    }
    spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    Line::from(spans)
}

/// The style of a selected row: in the focused pane, or where focus is not.
pub fn selection(theme: &Theme, focused: bool) -> Style {
    if focused {
        theme.selected
    } else {
        theme.selected_unfocused
    }
}

/// A scrollbar on the right border of a pane whose text is longer than it, drawn in the
/// border's own line so it reads as part of the frame.
pub fn scrollbar(
    frame: &mut Frame,
    area: Rect,
    (total, offset): (usize, usize),
    focused: bool,
    theme: &Theme,
) {
    let height = layout::inner_height(area);
    if total <= height || area.height < 3 {
        return;
    }
    let mut state = ScrollbarState::new(total.saturating_sub(height))
        .position(offset)
        .viewport_content_length(height);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some(if focused { "┃" } else { "│" }))
        .thumb_symbol("▐")
        .style(if focused {
            theme.border_focus
        } else {
            theme.border
        });
    frame.render_stateful_widget(
        bar,
        Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        },
        &mut state,
    );
}

pub fn render(app: &App, frame: &mut Frame) {
    let size = frame.area();
    let theme = &app.options.theme;
    // Themes with a background of their own paint it everywhere first.
    frame.render_widget(Block::new().style(theme.base), size);
    if layout::too_small((size.width, size.height)) {
        too_small(frame, size);
        return;
    }
    // The app lays itself out for `app.size`. In a smaller frame (the terminal shrank and the
    // app has not been told yet) it would draw outside it: this frame stays blank, and the
    // resize that follows draws the screen again.
    if size.width < app.size.0 || size.height < app.size.1 {
        return;
    }
    let areas = layout::screen((size.width, size.height));
    bars::title(app, frame, areas.title);
    match app.view {
        _ if app.search().is_some() => {
            bars::kind_tabs(app, frame, areas.tabs);
            lists::render(app, frame);
            detail::render(app, frame);
        }
        View::Browse => {
            bars::kind_tabs(app, frame, areas.tabs);
            lists::render(app, frame);
            detail::render(app, frame);
        }
        View::Timeline => timeline::render(app, frame),
        View::Stats => stats::render(app, frame),
        View::Map => map::render(app, frame),
        View::Paths => paths::render(app, frame),
        View::Around => around::render(app, frame),
    }
    bars::status(app, frame, areas.status);
    match &app.overlay {
        Some(Overlay::Help(h)) => help::render(app, h, frame),
        Some(Overlay::Picker(p)) => popups::picker(app, p, frame),
        Some(Overlay::History(h)) => popups::history(app, &h.cursor, frame),
        Some(Overlay::Marks(m)) => marks::render(app, m, frame),
        Some(Overlay::Quotes(q)) => quotes::render(app, q, frame),
        Some(Overlay::Popup(p)) => popups::text(app, p, frame),
        Some(Overlay::Filter(f)) => popups::filter_line(app, f, frame),
        Some(Overlay::Facets(f)) => facets::render(app, f, frame),
        Some(Overlay::Search(_)) | None => {}
    }
}

fn too_small(frame: &mut Frame, size: Rect) {
    let msg = format!(
        "Terminal too small: {}×{}. ngo-atlas needs at least {}×{}; enlarge the window or press q to quit.",
        size.width, size.height, MIN_SIZE.0, MIN_SIZE.1
    );
    let lines: Vec<Line> = doc::wrap(&msg, size.width as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines), size);
}

/// A view's "getting ready" pane, while its data is built in the background.
pub fn preparing(frame: &mut Frame, area: Rect, what: &str, theme: &Theme) {
    frame.render_widget(
        Paragraph::new(Line::styled(format!("Preparing the {what}…"), theme.dim)).block(block(
            Line::from(format!(" {what} ")),
            true,
            theme,
        )),
        area,
    );
}
