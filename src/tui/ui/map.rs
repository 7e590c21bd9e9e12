//! The map view: ratatui's world map with a marker per place, the region tabs, the list of
//! places and the records at the selected one. Where markers and labels go was worked out when
//! the map last moved; a frame only draws them.

use super::bars::tab_row;
use super::{block, preparing, selection};
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::App;
use crate::tui::app::map::MapFocus;
use crate::tui::layout::{self, REGIONS, project};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker as Dots;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Context, Line as Stroke, Map, MapResolution};

pub fn render(app: &App, frame: &mut Frame) {
    let a = layout::map(app.size);
    let t = &app.options.theme;
    let s = &app.views.map.state;
    if app.views.map.model.get().is_none() {
        preparing(frame, a.map, "map", t);
        return;
    }
    let g = s.geo();
    let inner = layout::map_inner(app.size);
    let hint = format!("{:.0}° across", g.span);
    tab_row(
        app,
        frame,
        a.header,
        &app.views.map.region_tabs(a.header.width),
        &hint,
    );
    let narrowed = app.views.map.narrowed.as_ref();
    let narrowed = narrowed.map(|f| format!("· {} ", sanitize::line(&f.text)));
    let title = match s.region {
        Some(r) => format!(" Map · {} ", REGIONS[r].name),
        None => " Map ".to_string(),
    } + &narrowed.unwrap_or_default();
    let land = t.map_land.fg.or(t.base.fg).unwrap_or(Color::Reset);
    let (xb, yb) = g.bounds(inner);
    // The world map is a cloud of about 5,000 coastline points, a degree or so apart. Braille
    // dots are finer than that when zoomed in and the coast falls apart into specks, so closer
    // views use half blocks, about as coarse as the points are.
    let degrees_per_column = g.span / f64::from(inner.0.max(1));
    let dots = if degrees_per_column > 1.5 {
        Dots::Braille
    } else {
        Dots::HalfBlock
    };
    let grid = t.map_grid.fg.unwrap_or(Color::Reset);
    // Without colour the grid is told from the coast only by the coast's coarser blocks.
    let show_grid = t.map_grid.fg.is_some() || dots != Dots::Braille;
    let step = grid_step(g.span);
    let canvas = Canvas::default()
        .background_color(t.base.bg.unwrap_or(Color::Reset))
        .block(block(Line::from(title), s.focus == MapFocus::Places, t))
        .marker(Dots::Braille)
        .x_bounds(xb)
        .y_bounds(yb)
        .paint(|ctx| {
            // Meridians and parallels in fine dots, so places far from any coast can still be
            // told apart (the map has coastlines only, no borders).
            if show_grid {
                graticule(ctx, xb, yb, degrees_per_column, step, grid);
                ctx.layer();
            }
            ctx.marker(dots);
            ctx.draw(&Map {
                resolution: MapResolution::High,
                color: land,
            });
        });
    frame.render_widget(canvas, a.map);
    draw_markers(app, frame, a.map, inner);
    draw_places(app, frame, a.places);
    draw_here(app, frame, a.here);
}

/// Degrees between grid lines: a handful across the map.
fn grid_step(span: f64) -> f64 {
    [1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0]
        .into_iter()
        .find(|s| span / s <= 8.0)
        .unwrap_or(90.0)
}

fn graticule(
    ctx: &mut Context,
    [left, right]: [f64; 2],
    [bottom, top]: [f64; 2],
    per_column: f64,
    step: f64,
    color: Color,
) {
    let first = |from: f64| (from / step).ceil() as i32;
    let last = |to: f64| (to / step).floor() as i32;
    for i in first(left.max(-180.0))..=last(right.min(180.0)) {
        let x = f64::from(i) * step;
        ctx.draw(&Stroke::new(x, bottom.max(-90.0), x, top.min(90.0), color));
        let name = match x {
            0.0 => "0°".to_string(),
            x if x < 0.0 => format!("{}°W", -x),
            x => format!("{x}°E"),
        };
        // A label that would run off the right edge is left out rather than cut.
        let cols = name.chars().count() as f64 + 1.0;
        if x + cols * per_column <= right {
            ctx.print(x, top, Span::styled(name, Style::new().fg(color)));
        }
    }
    for i in first(bottom.max(-90.0))..=last(top.min(90.0)) {
        let y = f64::from(i) * step;
        ctx.draw(&Stroke::new(
            left.max(-180.0),
            y,
            right.min(180.0),
            y,
            color,
        ));
        let name = match y {
            0.0 => "0°".to_string(),
            y if y < 0.0 => format!("{}°S", -y),
            y => format!("{y}°N"),
        };
        ctx.print(left, y, Span::styled(name, Style::new().fg(color)));
    }
}

/// Markers and their labels as placed, then the selected place on top, labelled in full.
fn draw_markers(app: &App, frame: &mut Frame, area: Rect, inner: (u16, u16)) {
    let t = &app.options.theme;
    let m = &app.views.map;
    let (x0, y0) = (area.x + 1, area.y + 1);
    // Markers and labels cover the land and grid under them, colours included.
    let under = Style::new()
        .fg(t.base.fg.unwrap_or(Color::Reset))
        .bg(t.base.bg.unwrap_or(Color::Reset));
    let over = |style: Style| under.patch(style);
    let buf = frame.buffer_mut();
    for &(_, x, y) in &m.drawn.cells {
        buf.set_string(x0 + x, y0 + y, "•", over(t.marker));
    }
    for (x, y, label) in &m.drawn.labels {
        let room = inner.0.saturating_sub(*x) as usize;
        let label = truncate_to_width(label, room);
        buf.set_string(x0 + x, y0 + y, label.as_ref(), over(t.marker_label));
    }
    let Some(sel) = m.marker() else {
        return;
    };
    let Some((x, y)) = project(m.state.geo(), inner, sel.lon, sel.lat) else {
        return;
    };
    let name = sanitize::line(app.index.record(sel.place).name());
    let label = format!(" {} ", truncate_to_width(&name, 40));
    let w = display_width(&label) as u16;
    let lx = if x + 1 + w <= inner.0 {
        x + 1
    } else {
        x.saturating_sub(w)
    };
    let room = inner.0.saturating_sub(lx) as usize;
    let label = truncate_to_width(&label, room);
    buf.set_string(x0 + lx, y0 + y, label.as_ref(), over(t.selected));
    buf.set_string(x0 + x, y0 + y, "◉", over(t.selected));
}

fn draw_places(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.views.map.state;
    let t = &app.options.theme;
    let focused = s.focus == MapFocus::Places;
    let width = layout::inner_width(area);
    let height = layout::inner_height(area);
    let markers = app.views.map.markers();
    let n = markers.len();
    let lines: Vec<Line> = markers
        .iter()
        .enumerate()
        .skip(s.places.offset)
        .take(height)
        .map(|(i, m)| {
            let sel = i == s.places.selected;
            let style = if sel {
                selection(t, focused)
            } else {
                Style::new()
            };
            let count = format!(" {}", m.here.len().saturating_sub(1));
            let name = sanitize::line(app.index.record(m.place).name());
            let room = width.saturating_sub(2 + count.len());
            let name = truncate_to_width(&name, room).into_owned();
            let fill = room.saturating_sub(display_width(&name));
            Line::from(vec![
                Span::styled(if sel { "▶ " } else { "  " }, style),
                Span::styled(name, style),
                Span::styled(" ".repeat(fill), style),
                Span::styled(count, if sel { style } else { t.dim }),
            ])
        })
        .collect();
    let title = format!(" Places {}/{n} ", (s.places.selected + 1).min(n));
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), focused, t)),
        area,
    );
    super::scrollbar(frame, area, (n, s.places.offset), focused, t);
}

fn draw_here(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.views.map.state;
    let t = &app.options.theme;
    let focused = s.focus == MapFocus::Here;
    let width = layout::inner_width(area);
    let height = layout::inner_height(area);
    let Some(m) = app.views.map.marker() else {
        frame.render_widget(
            Paragraph::new(Line::styled("No place has coordinates.", t.dim)).block(block(
                Line::from(" Here "),
                focused,
                t,
            )),
            area,
        );
        return;
    };
    let lines: Vec<Line> = m
        .here
        .iter()
        .enumerate()
        .skip(s.here.offset)
        .take(height)
        .map(|(i, h)| {
            let sel = i == s.here.selected;
            let style = if sel {
                selection(t, focused)
            } else {
                Style::new()
            };
            let rec = app.index.record(h.record);
            let tag = format!("{:<7}", rec.kind().short());
            let mut text = sanitize::line(rec.name()).into_owned();
            if let Some(v) = h.via {
                text.push_str(&format!(
                    " (in {})",
                    sanitize::line(app.index.record(v).name())
                ));
            }
            let room = width.saturating_sub(2 + tag.len());
            let text = truncate_to_width(&text, room).into_owned();
            let fill = room.saturating_sub(display_width(&text));
            Line::from(vec![
                Span::styled(if sel { "▶ " } else { "  " }, style),
                Span::styled(tag, if sel { style } else { t.kind }),
                Span::styled(text, style),
                Span::styled(" ".repeat(fill), style),
            ])
        })
        .collect();
    let name = sanitize::line(app.index.record(m.place).name());
    let title = format!(" Here: {name} · {} ", m.here.len().saturating_sub(1));
    let title = truncate_to_width(&title, width).into_owned();
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), focused, t)),
        area,
    );
    super::scrollbar(frame, area, (m.here.len(), s.here.offset), focused, t);
}
