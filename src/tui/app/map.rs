//! The map: a marker for every place with coordinates, and with each marker the records there:
//! the place, what is based, held, run or counted there, and places inside it that have no
//! coordinates of their own (with their records). Zoom and pan are plain numbers so history can
//! keep them. Which cells show a marker and where labels go are worked out when the view moves,
//! not when the selection does.

mod markers;
use super::cursor::{Cursor, delta};
use super::filter::RowFilter;
use super::lazy::Lazy;
use super::screen::{Screen, open_selected, preparing};
use super::{Ctx, Outcome, Place};
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::record::{Record, Relation};
use crate::prefs::keymap::Action;
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::layout::{self, Geo, REGIONS, inside, project, unproject};
pub use markers::{Drawn, markers};
use markers::{draw, located, markers_of};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// A record at a marker, and the place without coordinates it is there through, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Here {
    pub record: usize,
    pub via: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub place: usize,
    pub lon: f64,
    pub lat: f64,
    /// The place itself first, then what is there.
    pub here: Vec<Here>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MapFocus {
    #[default]
    Places,
    Here,
}

/// What history keeps of the map: the view as integers (hundredths of a degree), the selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapState {
    pub lon: i32,
    pub lat: i32,
    /// Degrees of longitude across the map, in hundredths; 0 until first fitted to a region.
    pub span: u32,
    /// The region last chosen, while the map still shows it unchanged.
    pub region: Option<usize>,
    pub places: Cursor,
    pub here: Cursor,
    pub focus: MapFocus,
}

/// The closest zoom: a few degrees across, enough to tell neighbouring cities apart.
const MIN_SPAN: f64 = 2.0;

impl MapState {
    pub fn geo(&self) -> Geo {
        Geo {
            lon: f64::from(self.lon) / 100.0,
            lat: f64::from(self.lat) / 100.0,
            span: if self.span == 0 {
                360.0
            } else {
                f64::from(self.span) / 100.0
            },
        }
    }

    fn set_geo(&mut self, g: Geo) {
        self.lon = (g.lon.clamp(-180.0, 180.0) * 100.0).round() as i32;
        self.lat = (g.lat.clamp(-85.0, 85.0) * 100.0).round() as i32;
        self.span = (g.span.clamp(MIN_SPAN, 360.0) * 100.0).round() as u32;
    }
}

#[derive(Default)]
pub struct MapView {
    pub state: MapState,
    pub model: Lazy<Vec<Marker>>,
    pub drawn: Drawn,
    /// The record to open the map on, once its markers are built.
    pub pending: Option<Option<usize>>,
    /// The markers are narrowed to a filter's records (`|`).
    pub narrowed: Option<Arc<RowFilter>>,
}

/// Where a record is: itself if it is a place, else the places it links to.
fn places_of(index: &Index, r: usize) -> Vec<usize> {
    if index.kind(r) == Kind::Place {
        return vec![r];
    }
    index
        .record(r)
        .links()
        .into_iter()
        .filter_map(|l| index.resolve(l.target))
        .filter(|&t| index.kind(t) == Kind::Place)
        .collect()
}

fn list_height(area: ratatui::layout::Rect) -> usize {
    layout::inner_height(area)
}

impl MapView {
    /// Selects the marker for the record the map was opened from, once the markers exist.
    fn settle_pending(&mut self, index: &Index, size: (u16, u16)) {
        let Some(m) = self.model.get().cloned() else {
            return;
        };
        let Some(from) = self.pending.take() else {
            return;
        };
        let first = self.state.span == 0;
        if first {
            self.fit_region(0, size);
        }
        let found = from.and_then(|r| {
            places_of(index, r)
                .into_iter()
                .filter_map(|p| located(index, p))
                .find_map(|p| m.iter().position(|mk| mk.place == p))
        });
        match found {
            Some(i) => {
                self.select_place(i);
                self.state.focus = MapFocus::Places;
                self.center_on_selected(size);
            }
            None if first => {
                // Start on the place with the most records: where the dataset is.
                let busiest = (0..m.len())
                    .max_by_key(|&i| (m[i].here.len(), std::cmp::Reverse(i)))
                    .unwrap_or(0);
                self.state.places = Cursor::at(busiest);
            }
            None => {}
        }
    }

    pub fn markers(&self) -> &[Marker] {
        self.model.get().map_or(&[], |m| m.as_slice())
    }

    pub fn marker(&self) -> Option<&Marker> {
        self.markers().get(self.state.places.selected)
    }

    pub fn selected_record(&self) -> Option<usize> {
        self.record_at(&self.state)
    }

    pub fn record_at(&self, state: &MapState) -> Option<usize> {
        let m = self.markers().get(state.places.selected)?;
        match state.focus {
            MapFocus::Places => Some(m.place),
            MapFocus::Here => m.here.get(state.here.selected).map(|h| h.record),
        }
    }

    fn fit_region(&mut self, i: usize, size: (u16, u16)) {
        let i = i % REGIONS.len();
        self.state.set_geo(REGIONS[i].fit(layout::map_inner(size)));
        self.state.region = Some(i);
    }

    fn change_geo(&mut self, g: Geo) {
        self.state.set_geo(g);
        self.state.region = None;
    }

    /// Keeps the selections on screen and the markers drawn for the current view.
    pub fn layout(&mut self, index: &Index, size: (u16, u16)) {
        let areas = layout::map(size);
        let n = self.markers().len();
        let here_len = self.marker().map_or(0, |m| m.here.len());
        self.state.places.show(n, list_height(areas.places));
        self.state.here.show(here_len, list_height(areas.here));
        let inner = layout::map_inner(size);
        let key = Some((self.state.lon, self.state.lat, self.state.span, inner));
        if self.drawn.key != key
            && let Some(m) = self.model.get().cloned()
        {
            self.drawn = draw(index, &m, self.state.geo(), inner);
            self.drawn.key = key;
        }
    }

    /// Brings the selected marker into view, centred, keeping the zoom, if it is off the map.
    fn center_on_selected(&mut self, size: (u16, u16)) {
        let Some(m) = self.marker() else {
            return;
        };
        let (lon, lat) = (m.lon, m.lat);
        let g = self.state.geo();
        if project(g, layout::map_inner(size), lon, lat).is_none() {
            self.change_geo(Geo {
                lon,
                lat,
                span: g.span,
            });
        }
    }

    fn select_place(&mut self, i: usize) {
        if i != self.state.places.selected {
            self.state.places.selected = i;
            self.state.here = Cursor::default();
        }
    }

    /// The region presets as tabs.
    pub fn region_tabs(&self, width: u16) -> layout::Tabs {
        let labels: Vec<String> = REGIONS.iter().map(|r| r.name.to_string()).collect();
        layout::Tabs::new(labels, self.state.region, width, 3)
    }
}

impl Screen for MapView {
    fn filter(&self) -> Option<&Arc<RowFilter>> {
        self.narrowed.as_ref()
    }

    /// The markers are made again with what passes; the map stays where it is.
    fn set_filter(&mut self, filter: Option<Arc<RowFilter>>, _ctx: &Ctx) {
        self.narrowed = filter;
        self.model = Lazy::default();
        self.drawn = Drawn::default();
        self.state.places = Cursor::default();
        self.state.here = Cursor::default();
    }

    /// The wheel zooms the map around the pointer, and scrolls the lists.
    fn wheel(&mut self, x: u16, y: u16, d: i8, ctx: &Ctx) {
        let areas = layout::map(ctx.size);
        if inside(areas.map, x, y) {
            let inner = layout::map_inner(ctx.size);
            let g = self.state.geo();
            let (cx, cy) = (
                x.saturating_sub(areas.map.x + 1),
                y.saturating_sub(areas.map.y + 1),
            );
            let (lon, lat) = unproject(g, inner, cx, cy);
            let factor = if d < 0 { 1.5 } else { 1.0 / 1.5 };
            self.change_geo(g.zoom(factor, lon, lat));
        } else {
            let focus = if inside(areas.here, x, y) {
                MapFocus::Here
            } else if inside(areas.places, x, y) {
                MapFocus::Places
            } else {
                return;
            };
            self.state.focus = focus;
            let a = if d < 0 { Action::Up } else { Action::Down };
            for _ in 0..3 {
                self.update(a, ctx);
            }
        }
        self.layout(&ctx.index, ctx.size);
    }

    fn resize(&mut self, ctx: &Ctx) {
        self.layout(&ctx.index, ctx.size);
    }

    fn poll(&mut self, ctx: &Ctx) -> bool {
        let ready = self.model.poll();
        if ready {
            self.settle_pending(&ctx.index, ctx.size);
            self.layout(&ctx.index, ctx.size);
        }
        ready
    }

    fn busy(&self) -> bool {
        self.model.building()
    }

    fn wait(&mut self) {
        self.model.wait();
    }

    fn record(&self, _index: &Index) -> Option<usize> {
        self.selected_record()
    }

    fn place(&self, _index: &Index) -> Option<Place> {
        Some(Place::Map(self.state.clone()))
    }

    fn restore(&mut self, place: &Place, ctx: &Ctx) {
        if let Place::Map(s) = place {
            self.state = s.clone();
            self.shown(ctx, None);
        }
    }

    fn shown(&mut self, ctx: &Ctx, from: Option<usize>) {
        let keep = self.narrowed.clone();
        self.model
            .start(&ctx.index, move |index| markers_of(index, keep.as_deref()));
        self.pending = Some(from);
        self.settle_pending(&ctx.index, ctx.size);
        self.layout(&ctx.index, ctx.size);
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        if self.model.get().is_none() {
            return preparing(action, "The map is still being prepared");
        }
        let areas = layout::map(ctx.size);
        let g = self.state.geo();
        let inner = layout::map_inner(ctx.size);
        match self.state.focus {
            MapFocus::Places => {
                if let Some(d) = delta(action, list_height(areas.places)) {
                    let next =
                        super::cursor::step(self.state.places.selected, d, self.markers().len());
                    self.select_place(next);
                    self.center_on_selected(ctx.size);
                }
            }
            MapFocus::Here => {
                if let Some(d) = delta(action, list_height(areas.here)) {
                    let len = self.marker().map_or(0, |m| m.here.len());
                    self.state.here.step(d, len, list_height(areas.here));
                }
            }
        }
        match action {
            Action::Close => return Outcome::Close,
            Action::Open => {
                return open_selected(self.selected_record());
            }
            Action::FocusNext | Action::FocusPrev => {
                self.state.focus = match self.state.focus {
                    MapFocus::Places => MapFocus::Here,
                    MapFocus::Here => MapFocus::Places,
                }
            }
            Action::ZoomIn => self.change_geo(g.zoom(1.5, g.lon, g.lat)),
            Action::ZoomOut => self.change_geo(g.zoom(1.0 / 1.5, g.lon, g.lat)),
            Action::NextRegion | Action::PrevRegion => {
                let n = REGIONS.len();
                let next = match (self.state.region, action) {
                    (Some(r), Action::NextRegion) => r + 1,
                    (Some(r), _) => r + n - 1,
                    (None, Action::NextRegion) => 0,
                    (None, _) => n - 1,
                };
                self.fit_region(next, ctx.size);
            }
            Action::PanWest | Action::PanEast | Action::PanNorth | Action::PanSouth => {
                let (w, h) = g.spans(inner);
                let (dx, dy) = match action {
                    Action::PanWest => (-w, 0.0),
                    Action::PanEast => (w, 0.0),
                    Action::PanNorth => (0.0, h),
                    _ => (0.0, -h),
                };
                self.change_geo(Geo {
                    lon: g.lon + dx / 4.0,
                    lat: g.lat + dy / 4.0,
                    span: g.span,
                });
            }
            _ => {}
        }
        self.layout(&ctx.index, ctx.size);
        Outcome::Stay
    }

    fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
        if self.model.get().is_none() {
            return Outcome::Stay;
        }
        let areas = layout::map(ctx.size);
        if inside(areas.header, x, y) {
            if let Some(i) = self.region_tabs(areas.header.width).at(x) {
                self.fit_region(i, ctx.size);
                self.layout(&ctx.index, ctx.size);
            }
            return Outcome::Stay;
        }
        let s = self.state.clone();
        let hit = if inside(areas.map, x, y) {
            let (cx, cy) = (
                x.saturating_sub(areas.map.x + 1),
                y.saturating_sub(areas.map.y + 1),
            );
            layout::nearest(&self.drawn.cells, cx, cy).map(|i| (MapFocus::Places, i))
        } else if let Some(row) = layout::inner_row(areas.places, x, y) {
            s.places
                .row_at(row, self.markers().len())
                .map(|i| (MapFocus::Places, i))
        } else if let Some(row) = layout::inner_row(areas.here, x, y) {
            let len = self.marker().map_or(0, |m| m.here.len());
            s.here.row_at(row, len).map(|i| (MapFocus::Here, i))
        } else {
            None
        };
        if let Some((focus, i)) = hit {
            let again = focus == s.focus
                && match focus {
                    MapFocus::Places => i == s.places.selected,
                    MapFocus::Here => i == s.here.selected,
                };
            self.state.focus = focus;
            match focus {
                MapFocus::Places => self.select_place(i),
                MapFocus::Here => self.state.here.selected = i,
            }
            if again && let Some(r) = self.selected_record() {
                return Outcome::Open(r);
            }
        }
        self.layout(&ctx.index, ctx.size);
        Outcome::Stay
    }
}

#[cfg(test)]
mod tests;
