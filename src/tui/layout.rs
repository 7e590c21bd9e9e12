//! Where things are on the screen: pane rectangles, tab ranges, popup boxes and the map's
//! projection. Geometry only, no styles: the app uses it to turn clicks and page sizes into state,
//! and the drawing code uses it to put things where the app expects them.

use ratatui::layout::{Position, Rect};

/// Below this the panes cannot show anything useful, so the screen says so instead.
pub const MIN_SIZE: (u16, u16) = (50, 12);

/// Where each part of the main screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub title: Rect,
    pub tabs: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
}

pub fn too_small((w, h): (u16, u16)) -> bool {
    w < MIN_SIZE.0 || h < MIN_SIZE.1
}

/// The lists and the detail: the list takes two fifths of the width, enough for most names, and
/// never less than a usable minimum; the detail takes the rest.
pub fn screen((w, h): (u16, u16)) -> Areas {
    if too_small((w, h)) {
        return Areas::default();
    }
    let body = h - 3;
    // Two fifths for the list; on a wide screen nearly half, so long names fit.
    let list_w = if w >= 160 {
        (w * 9 / 20).min(100)
    } else {
        (w * 2 / 5).max(24)
    };
    Areas {
        title: Rect::new(0, 0, w, 1),
        tabs: Rect::new(0, 1, w, 1),
        list: Rect::new(0, 2, list_w, body),
        detail: Rect::new(list_w, 2, w - list_w, body),
        status: Rect::new(0, h - 1, w, 1),
    }
}

/// The area below the title and tab rows and above the status bar, where a view draws.
pub fn body(size: (u16, u16)) -> Rect {
    let areas = screen(size);
    areas.list.union(areas.detail)
}

/// Rows inside a bordered pane.
pub fn inner_height(area: Rect) -> usize {
    area.height.saturating_sub(2) as usize
}

/// Columns inside a bordered pane.
pub fn inner_width(area: Rect) -> usize {
    area.width.saturating_sub(2) as usize
}

pub fn inside(area: Rect, x: u16, y: u16) -> bool {
    area.contains(Position::new(x, y))
}

/// The row within a bordered pane under (`x`, `y`), if the point is on its inner part.
pub fn inner_row(area: Rect, x: u16, y: u16) -> Option<usize> {
    (inside(area, x, y) && y > area.y && y + 1 < area.bottom()).then(|| (y - area.y - 1) as usize)
}

/// A view's main pane and its preview: beside it on wide terminals, under it on tall ones,
/// and none (an empty rectangle) when there is no room.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ViewAreas {
    pub header: Rect,
    pub main: Rect,
    pub info: Rect,
}

pub fn with_preview(size: (u16, u16)) -> ViewAreas {
    let header = screen(size).tabs;
    let body = body(size);
    if body.width >= 110 {
        let w = body.width - (body.width / 3).min(60);
        let info = Rect::new(body.x + w, body.y, body.width - w, body.height);
        let main = Rect { width: w, ..body };
        return ViewAreas { header, main, info };
    }
    if body.height >= 18 {
        let h = (body.height / 3).clamp(6, 9);
        let main = Rect {
            height: body.height - h,
            ..body
        };
        let info = Rect::new(body.x, body.y + main.height, body.width, h);
        return ViewAreas { header, main, info };
    }
    ViewAreas {
        header,
        main: body,
        info: Rect::default(),
    }
}

/// The map view: the map, the list of places beside it, and what is at the selected place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MapAreas {
    pub header: Rect,
    pub map: Rect,
    pub places: Rect,
    pub here: Rect,
}

pub fn map(size: (u16, u16)) -> MapAreas {
    let header = screen(size).tabs;
    let body = body(size);
    let side = (body.width * 3 / 10).clamp(24, 60).min(body.width);
    let map = Rect {
        width: body.width - side,
        ..body
    };
    let places_h = (body.height * 2 / 5).max(3).min(body.height);
    let places = Rect::new(map.right(), body.y, side, places_h);
    let here = Rect::new(map.right(), body.y + places_h, side, body.height - places_h);
    MapAreas {
        header,
        map,
        places,
        here,
    }
}

/// The map's drawing area inside its border, in cells.
pub fn map_inner(size: (u16, u16)) -> (u16, u16) {
    let a = map(size).map;
    (a.width.saturating_sub(2), a.height.saturating_sub(2))
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

fn whole((w, h): (u16, u16)) -> Rect {
    Rect::new(0, 0, w, h)
}

/// The citation style picker: a list of styles wide enough for their full names, and a
/// preview; the title and status bars stay in view.
pub fn picker(size: (u16, u16)) -> (Rect, Rect, Rect) {
    let below_title = Rect::new(0, 1, size.0, size.1.saturating_sub(2));
    let popup = centered(below_title, 110, 22);
    let longest = crate::query::cite::Style::ALL
        .iter()
        .map(|s| crate::text::sanitize::display_width(s.label()))
        .max()
        .unwrap_or(0) as u16;
    let list_w = (longest + 4).min(popup.width / 2);
    let list = Rect::new(popup.x, popup.y, list_w, popup.height);
    let preview = Rect::new(
        popup.x + list_w,
        popup.y,
        popup.width - list_w,
        popup.height,
    );
    (popup, list, preview)
}

/// A popup list of `len` rows: history, marks.
pub fn list_popup(size: (u16, u16), len: usize) -> Rect {
    let rows = (len.max(1) as u16).saturating_add(2).max(5);
    centered(whole(size), 76, rows)
}

pub fn help(size: (u16, u16)) -> Rect {
    centered(whole(size), 76, size.1.saturating_sub(2))
}

pub fn text_popup(size: (u16, u16)) -> Rect {
    centered(
        whole(size),
        size.0.saturating_sub(4),
        size.1.saturating_sub(4),
    )
}

/// A row of tabs as laid out: which labels show and where, and whether more lie beyond either
/// end (drawn as `‹` and `›`). The active tab always shows, however narrow the terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tabs {
    pub labels: Vec<String>,
    pub active: Option<usize>,
    /// Label index, first and last-plus-one column of each tab shown.
    pub shown: Vec<(usize, u16, u16)>,
    pub gap: u16,
    pub more_left: bool,
    pub more_right: bool,
}

impl Tabs {
    pub fn new(labels: Vec<String>, active: Option<usize>, width: u16, gap: u16) -> Tabs {
        let widths: Vec<u16> = labels
            .iter()
            .map(|l| crate::text::sanitize::display_width(l) as u16)
            .collect();
        // Lays out from `first`, leaving room for the markers; the tabs that fit.
        let lay = |first: usize, markers: bool| {
            let left: u16 = if first > 0 { 3 } else { 1 };
            let right = if markers { 2 } else { 0 };
            let mut x = left;
            let mut out = Vec::new();
            for (i, &w) in widths.iter().enumerate().skip(first) {
                if x.saturating_add(w).saturating_add(right) > width {
                    break;
                }
                out.push((i, x, x + w));
                x = x.saturating_add(w + gap);
            }
            out
        };
        let all = lay(0, false);
        let mut t = Tabs {
            labels,
            active,
            shown: all,
            gap,
            more_left: false,
            more_right: false,
        };
        if t.shown.len() == widths.len() {
            return t;
        }
        let active = active.unwrap_or(0).min(widths.len().saturating_sub(1));
        let mut first = 0;
        loop {
            let shown = lay(first, true);
            if shown.iter().any(|&(i, ..)| i == active) || first >= active {
                t.more_left = first > 0;
                t.more_right = shown.last().is_none_or(|&(i, ..)| i + 1 < widths.len());
                t.shown = shown;
                return t;
            }
            first += 1;
        }
    }

    /// The label under column `x`.
    pub fn at(&self, x: u16) -> Option<usize> {
        self.shown
            .iter()
            .find(|&&(_, a, b)| (a..b).contains(&x))
            .map(|&(i, ..)| i)
    }

    /// The first column after the tabs and their markers.
    pub fn end(&self) -> u16 {
        let last = self.shown.last().map_or(1, |&(_, _, b)| b);
        if self.more_right { last + 2 } else { last }
    }
}

/// The view switcher at the right of the title bar: the x range of each label. `labels` are
/// the long forms ("t timeline") and the short ones ("t"); the long ones are used when there
/// is room beside 30 columns of title, none at all below 12.
pub fn switcher(long: &[String], short: &[String], width: u16) -> (bool, Vec<(u16, u16)>) {
    let total = |labels: &[String]| -> usize {
        labels
            .iter()
            .map(|l| crate::text::sanitize::display_width(l) + 2)
            .sum()
    };
    let w = width as usize;
    if w < total(short) + 12 {
        return (false, Vec::new());
    }
    let use_long = w >= total(long) + 30;
    let labels = if use_long { long } else { short };
    let mut x = (w - total(labels)) as u16;
    let ranges = labels
        .iter()
        .map(|l| {
            let start = x + 1;
            let end = start + crate::text::sanitize::display_width(l) as u16;
            x = end + 1;
            (start, end)
        })
        .collect();
    (use_long, ranges)
}

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

/// Of points already projected to cells, the one nearest a clicked cell, within a couple of
/// cells of it.
pub fn nearest(cells: &[(usize, u16, u16)], x: u16, y: u16) -> Option<usize> {
    cells
        .iter()
        .filter_map(|&(i, mx, my)| {
            let dx = (i32::from(mx) - i32::from(x)).abs();
            let dy = (i32::from(my) - i32::from(y)).abs();
            (dx <= 2 && dy <= 1).then_some((dx + 2 * dy, i))
        })
        .min()
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fill_the_screen_without_overlap() {
        for size in [(50, 12), (80, 24), (120, 40), (200, 60)] {
            let a = screen(size);
            assert_eq!(a.list.width + a.detail.width, size.0);
            assert_eq!(a.list.height + 3, size.1);
            assert!(a.list.width >= 24);
        }
        assert_eq!(screen((49, 40)), Areas::default());
    }

    #[test]
    fn a_point_projects_back_to_its_own_cell() {
        let g = REGIONS[3].fit((80, 30));
        let (x, y) = project(g, (80, 30), 116.4, 39.9).expect("Beijing is in China");
        let (lon, lat) = unproject(g, (80, 30), x, y);
        assert_eq!(project(g, (80, 30), lon, lat), Some((x, y)));
    }

    #[test]
    fn tabs_that_do_not_fit_scroll_and_the_active_one_always_shows() {
        let labels: Vec<String> = ["aaaa", "bbbb", "cccc", "dddd"].map(String::from).to_vec();
        let all = Tabs::new(labels.clone(), Some(0), 40, 3);
        assert_eq!(all.shown.len(), 4);
        assert!(!all.more_left && !all.more_right);
        let start = Tabs::new(labels.clone(), Some(0), 14, 3);
        assert_eq!(start.shown, vec![(0, 1, 5), (1, 8, 12)]);
        assert!(start.more_right && !start.more_left);
        assert_eq!(start.at(9), Some(1));
        assert_eq!(start.at(6), None);
        let end = Tabs::new(labels, Some(3), 14, 3);
        assert!(end.shown.iter().any(|&(i, ..)| i == 3), "{end:?}");
        assert!(end.more_left);
    }
}
