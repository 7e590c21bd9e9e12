//! The facets panel: each facet's heading, its values with their counts on the right, the
//! selected value marked.

use super::{block, popups};
use crate::prefs::keymap::{Action, Mode};
use crate::text::sanitize::{display_width, truncate_to_width};
use crate::tui::app::App;
use crate::tui::app::overlay::facets::{self, FacetRow, FacetsPanel};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

pub fn render(app: &App, p: &FacetsPanel, frame: &mut Frame) {
    let t = &app.options.theme;
    let area = facets::area(app.size, p.rows.len());
    frame.render_widget(Clear, area);
    let width = layout::inner_width(area);
    let height = layout::inner_height(area);
    let selected = p.values.get(p.list.selected).copied();
    let counting = Line::styled(
        format!(
            "Counting the facets of {} rows…",
            crate::data::limits::thousands(p.of as u64)
        ),
        t.dim,
    );
    let lines: Vec<Line> = p
        .rows
        .iter()
        .enumerate()
        .skip(facets::first_row(p, height))
        .take(height)
        .map(|(i, row)| match row {
            FacetRow::Heading(title) => Line::styled(title.to_string(), t.heading),
            FacetRow::Value { label, count, .. } => {
                let count = crate::data::limits::thousands(*count as u64);
                let room = width.saturating_sub(display_width(&count) + 4);
                let label = truncate_to_width(label, room);
                let gap = room.saturating_sub(display_width(&label));
                let text = format!("{label}{}  {count}", " ".repeat(gap));
                popups::list_line(app, text, Some(i) == selected, width)
            }
        })
        .collect();
    let lines = match p.counting() {
        true => vec![counting],
        false if lines.is_empty() => vec![Line::styled("No rows to count.", t.dim)],
        false => lines,
    };
    let key = app
        .keymap
        .key_for(Mode::Facets, Action::Open)
        .unwrap_or_default();
    let of = crate::data::limits::thousands(p.of as u64);
    let title = format!(" Facets of {of} rows · {key} narrows to one ");
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        area,
    );
}
