//! The map view: ratatui's world map with a marker per place, the region tabs, the list of
//! places and the records at the selected one. The geometry (which cell shows which longitude
//! and latitude) lives here so that drawing and clicking agree.

use super::views::{self, render_tabs, row_style, tab_ranges};
use super::{block, layout};
use crate::app::App;
use crate::app::map::{MapFocus, Marker};
use crate::sanitize::{self, display_width, truncate_to_width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker as Dots;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Context, Line as Stroke, Map, MapResolution};

/// Where the map looks: its centre and how many degrees of longitude it spans.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geo {
    pub lon: f64,
    pub lat: f64,
    pub span: f64,
}

/// A terminal cell is about twice as tall as it is wide, so a row covers twice the degrees a
/// column does, which keeps the map's shapes true (up to a whole pole-to-pole view).
const CELL_ASPECT: f64 = 2.0;
/// Pole to pole; a taller map would only show empty rows.
const MAX_LAT_SPAN: f64 = 180.0;

impl Geo {
    /// Degrees across and down for a map of `w`×`h` cells.
    pub fn spans(self, (w, h): (u16, u16)) -> (f64, f64) {
        let (w, h) = (f64::from(w.max(1)), f64::from(h.max(1)));
        (
            self.span,
            (self.span * CELL_ASPECT * h / w).min(MAX_LAT_SPAN),
        )
    }

    /// Longitudes and latitudes at the edges; the view slides to stay between the poles.
    pub fn bounds(self, inner: (u16, u16)) -> ([f64; 2], [f64; 2]) {
        let (w, h) = self.spans(inner);
        let lat = self.lat.clamp(-90.0 + h / 2.0, 90.0 - h / 2.0);
        (
            [self.lon - w / 2.0, self.lon + w / 2.0],
            [lat - h / 2.0, lat + h / 2.0],
        )
    }

    /// Zooms by `factor` (above 1 is closer) keeping the point (`lon`, `lat`) where it is on
    /// screen.
    pub fn zoom(self, factor: f64, lon: f64, lat: f64) -> Geo {
        Geo {
            lon: lon + (self.lon - lon) / factor,
            lat: lat + (self.lat - lat) / factor,
            span: self.span / factor,
        }
    }
}

/// A region the map can be fitted to: its name and extent in degrees.
pub struct Region {
    pub name: &'static str,
    pub lon: (f64, f64),
    pub lat: (f64, f64),
}

pub const REGIONS: [Region; 4] = [
    Region {
        name: "World",
        lon: (-180.0, 180.0),
        lat: (-56.0, 80.0),
    },
    Region {
        name: "Asia",
        lon: (25.0, 150.0),
        lat: (-10.0, 60.0),
    },
    Region {
        name: "Southeast Asia",
        lon: (90.0, 130.0),
        lat: (-11.0, 29.0),
    },
    Region {
        name: "China",
        lon: (73.0, 135.0),
        lat: (17.0, 54.0),
    },
];

impl Region {
    /// The view that shows all of the region on a map of `inner` cells.
    pub fn fit(&self, (w, h): (u16, u16)) -> Geo {
        let (w, h) = (f64::from(w.max(1)), f64::from(h.max(1)));
        let across = self.lon.1 - self.lon.0;
        let down = self.lat.1 - self.lat.0;
        Geo {
            lon: (self.lon.0 + self.lon.1) / 2.0,
            lat: (self.lat.0 + self.lat.1) / 2.0,
            span: across.max(down * w / (h * CELL_ASPECT)).min(360.0),
        }
    }
}

/// The cell (relative to the map's inner area) that shows a point, if it is on the map.
pub fn project(g: Geo, inner: (u16, u16), lon: f64, lat: f64) -> Option<(u16, u16)> {
    let ([left, right], [bottom, top]) = g.bounds(inner);
    let x = ((lon - left) / (right - left) * f64::from(inner.0)).floor();
    let y = ((top - lat) / (top - bottom) * f64::from(inner.1)).floor();
    let ok = |v: f64, max: u16| v >= 0.0 && v < f64::from(max);
    (ok(x, inner.0) && ok(y, inner.1)).then_some((x as u16, y as u16))
}

/// The point at the middle of a cell.
pub fn unproject(g: Geo, inner: (u16, u16), x: u16, y: u16) -> (f64, f64) {
    let ([left, right], [bottom, top]) = g.bounds(inner);
    let (w, h) = (f64::from(inner.0.max(1)), f64::from(inner.1.max(1)));
    (
        left + (f64::from(x) + 0.5) / w * (right - left),
        top - (f64::from(y) + 0.5) / h * (top - bottom),
    )
}

/// The marker nearest a clicked cell, within a couple of cells of it.
pub fn nearest(markers: &[Marker], g: Geo, inner: (u16, u16), x: u16, y: u16) -> Option<usize> {
    markers
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let (mx, my) = project(g, inner, m.lon, m.lat)?;
            let dx = (i32::from(mx) - i32::from(x)).abs();
            let dy = (i32::from(my) - i32::from(y)).abs();
            (dx <= 2 && dy <= 1).then_some((dx + 2 * dy, i))
        })
        .min()
        .map(|(_, i)| i)
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub map: Rect,
    pub places: Rect,
    pub here: Rect,
}

pub fn areas(size: (u16, u16)) -> Areas {
    let header = layout(size).tabs;
    let body = views::body(size);
    let side = (body.width * 3 / 10).clamp(24, 44).min(body.width);
    let map = Rect {
        width: body.width - side,
        ..body
    };
    let places_h = (body.height * 2 / 5).max(3).min(body.height);
    let places = Rect::new(map.right(), body.y, side, places_h);
    let here = Rect::new(map.right(), body.y + places_h, side, body.height - places_h);
    Areas {
        header,
        map,
        places,
        here,
    }
}

/// The region presets as tabs, with x ranges, for clicks.
pub fn region_tabs(app: &App) -> Vec<(String, u16, u16)> {
    tab_ranges(
        REGIONS.iter().map(|r| r.name.to_string()).collect(),
        app.size.0,
    )
}

pub fn render(app: &App, frame: &mut Frame) {
    let a = areas(app.size);
    let t = &app.options.theme;
    let s = &app.map.state;
    let g = s.geo();
    let inner_size = (
        a.map.width.saturating_sub(2),
        a.map.height.saturating_sub(2),
    );
    let hint = format!("{:.0}° across", g.span);
    render_tabs(app, frame, a.header, &region_tabs(app), s.region, &hint);

    let title = match s.region {
        Some(r) => format!(" Map · {} ", REGIONS[r].name),
        None => " Map ".to_string(),
    };
    let land = t.map_land.fg.or(t.base.fg).unwrap_or(Color::Reset);
    let (xb, yb) = g.bounds(inner_size);
    // The world map is a cloud of about 5,000 coastline points, a degree or so apart. Braille
    // dots are finer than that when zoomed in and the coast falls apart into specks, so closer
    // views use half blocks, about as coarse as the points are.
    let degrees_per_column = g.span / f64::from(inner_size.0.max(1));
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
        .block(block(Line::from(title), s.focus == MapFocus::Places, app))
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
    draw_markers(app, frame, a.map, g, inner_size);
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

/// Markers, then names beside as many as fit without covering another: the selected one first
/// (highlighted, in full), then the places with the most records.
fn draw_markers(app: &App, frame: &mut Frame, area: Rect, g: Geo, inner: (u16, u16)) {
    let t = &app.options.theme;
    let s = &app.map.state;
    let (x0, y0) = (area.x + 1, area.y + 1);
    let shown: Vec<(usize, u16, u16)> = app
        .map
        .markers
        .iter()
        .enumerate()
        .filter_map(|(i, m)| project(g, inner, m.lon, m.lat).map(|(x, y)| (i, x, y)))
        .collect();
    // Cells taken, per row of the map, as x ranges.
    let mut taken: Vec<Vec<(u16, u16)>> = vec![Vec::new(); inner.1 as usize];
    for &(_, x, y) in &shown {
        taken[y as usize].push((x, x + 1));
    }
    let mut order: Vec<&(usize, u16, u16)> = shown.iter().collect();
    order.sort_by_key(|(i, _, _)| {
        (
            *i != s.selected,
            std::cmp::Reverse(app.map.markers[*i].here.len()),
        )
    });
    // Markers and labels cover the land and grid under them, colours included.
    let under = Style::new()
        .fg(t.base.fg.unwrap_or(Color::Reset))
        .bg(t.base.bg.unwrap_or(Color::Reset));
    let over = |style: Style| under.patch(style);
    let buf = frame.buffer_mut();
    for &(i, x, y) in &shown {
        if i != s.selected {
            buf.set_string(x0 + x, y0 + y, "•", over(t.marker));
        }
    }
    for &&(i, x, y) in &order {
        let sel = i == s.selected;
        let name = sanitize::line(app.index.record(app.map.markers[i].place).name());
        let name = truncate_to_width(&name, if sel { 40 } else { 18 }).into_owned();
        let label = format!(" {name} ");
        let w = display_width(&label) as u16;
        let row = &mut taken[y as usize];
        let free = |a: u16, b: u16, row: &Vec<(u16, u16)>| {
            b <= inner.0
                && row
                    .iter()
                    .all(|&(c, d)| b <= c || a >= d || (c == x && d == x + 1))
        };
        // Right of the marker, else left of it; the selected one is labelled wherever it fits.
        let at = if free(x + 1, x + 1 + w, row) {
            Some(x + 1)
        } else if x >= w && free(x - w, x, row) {
            Some(x - w)
        } else if sel {
            Some(if x + 1 + w <= inner.0 {
                x + 1
            } else {
                x.saturating_sub(w)
            })
        } else {
            None
        };
        if let Some(lx) = at {
            let room = inner.0.saturating_sub(lx) as usize;
            let label = truncate_to_width(&label, room).into_owned();
            let style = if sel { t.selected } else { t.marker_label };
            buf.set_string(x0 + lx, y0 + y, &label, over(style));
            row.push((lx, lx + display_width(&label) as u16));
        }
        if sel {
            buf.set_string(x0 + x, y0 + y, "◉", over(t.selected));
        }
    }
}

fn draw_places(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.map.state;
    let t = &app.options.theme;
    let focused = s.focus == MapFocus::Places;
    let width = area.width.saturating_sub(2) as usize;
    let height = area.height.saturating_sub(2) as usize;
    let n = app.map.markers.len();
    let lines: Vec<Line> = app
        .map
        .markers
        .iter()
        .enumerate()
        .skip(s.places_offset)
        .take(height)
        .map(|(i, m)| {
            let sel = i == s.selected;
            let style = row_style(app, sel, focused);
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
    let title = format!(" Places {}/{n} ", (s.selected + 1).min(n));
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), focused, app)),
        area,
    );
}

fn draw_here(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.map.state;
    let t = &app.options.theme;
    let focused = s.focus == MapFocus::Here;
    let width = area.width.saturating_sub(2) as usize;
    let height = area.height.saturating_sub(2) as usize;
    let Some(m) = app.map.marker() else {
        frame.render_widget(
            Paragraph::new(Line::styled("No place has coordinates.", t.dim)).block(block(
                Line::from(" Here "),
                focused,
                app,
            )),
            area,
        );
        return;
    };
    let lines: Vec<Line> = m
        .here
        .iter()
        .enumerate()
        .skip(s.here_offset)
        .take(height)
        .map(|(i, h)| {
            let sel = i == s.here;
            let style = row_style(app, sel, focused);
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
        Paragraph::new(lines).block(block(Line::from(title), focused, app)),
        area,
    );
}
