//! The map: a marker for every place with coordinates, and with each marker the records there:
//! the place, what is based, held, run or counted there, and places inside it that have no
//! coordinates of their own (with their records). Zoom and pan are plain numbers so history can
//! keep them.

use super::App;
use super::views::inside;
use crate::index::Index;
use crate::keymap::Action;
use crate::model::Kind;
use crate::record::{Record, Relation};
use crate::ui;
use crate::ui::map::{Geo, REGIONS};

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
    /// The selected marker, and the selected record among those there.
    pub selected: usize,
    pub here: usize,
    pub focus: MapFocus,
    pub places_offset: usize,
    pub here_offset: usize,
}

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

/// The closest zoom: a few degrees across, enough to tell neighbouring cities apart.
const MIN_SPAN: f64 = 2.0;

pub struct MapView {
    pub markers: Vec<Marker>,
    pub state: MapState,
}

/// The relations that put a record at a place, in the order the here list shows them.
const AT_PLACE: [Relation; 7] = [
    Relation::BasedIn,
    Relation::WorksIn,
    Relation::HeldIn,
    Relation::ProgrammePlace,
    Relation::Country,
    Relation::StatisticPlace,
    Relation::Subject,
];

fn coordinates(index: &Index, r: usize) -> Option<(f64, f64)> {
    match index.record(r) {
        Record::Place(p) => p.coordinates.map(|c| (c.lon, c.lat)),
        _ => None,
    }
}

/// The nearest place containing `r` (itself included) that has coordinates.
fn located(index: &Index, mut r: usize) -> Option<usize> {
    // `within` chains are short; the bound only guards against a cycle in a user's dataset.
    for _ in 0..16 {
        if coordinates(index, r).is_some() {
            return Some(r);
        }
        let Record::Place(p) = index.record(r) else {
            return None;
        };
        r = index.resolve(p.within.as_ref()?)?;
    }
    None
}

fn records_at(index: &Index, place: usize, via: Option<usize>, out: &mut Vec<Here>) {
    let mut found: Vec<usize> = index
        .backlinks(place)
        .iter()
        .filter(|b| AT_PLACE.contains(&b.relation))
        .map(|b| b.from)
        .collect();
    found.sort_by_cached_key(|&r| {
        let rec = index.record(r);
        (rec.kind(), rec.name().to_lowercase())
    });
    for record in found {
        if !out.iter().any(|h| h.record == record) {
            out.push(Here { record, via });
        }
    }
}

fn markers(index: &Index) -> Vec<Marker> {
    let places = index.of_kind(Kind::Place);
    let mut out: Vec<Marker> = places
        .iter()
        .filter_map(|&p| {
            let (lon, lat) = coordinates(index, p)?;
            let mut here = vec![Here {
                record: p,
                via: None,
            }];
            records_at(index, p, None, &mut here);
            // Places inside this one without coordinates of their own are shown here.
            for &q in places {
                if q != p && coordinates(index, q).is_none() && located(index, q) == Some(p) {
                    if !here.iter().any(|h| h.record == q) {
                        here.push(Here {
                            record: q,
                            via: None,
                        });
                    }
                    records_at(index, q, Some(q), &mut here);
                }
            }
            Some(Marker {
                place: p,
                lon,
                lat,
                here,
            })
        })
        .collect();
    out.sort_by_cached_key(|m| index.record(m.place).name().to_lowercase());
    out
}

impl MapView {
    pub fn new(index: &Index) -> MapView {
        let markers = markers(index);
        // Start on the place with the most records: where the dataset is.
        let selected = (0..markers.len())
            .max_by_key(|&i| (markers[i].here.len(), std::cmp::Reverse(i)))
            .unwrap_or(0);
        MapView {
            markers,
            state: MapState {
                selected,
                ..MapState::default()
            },
        }
    }

    pub fn selected_record(&self) -> Option<usize> {
        self.record_at(&self.state)
    }

    pub fn record_at(&self, state: &MapState) -> Option<usize> {
        let m = self.markers.get(state.selected)?;
        match state.focus {
            MapFocus::Places => Some(m.place),
            MapFocus::Here => m.here.get(state.here).map(|h| h.record),
        }
    }

    pub fn marker(&self) -> Option<&Marker> {
        self.markers.get(self.state.selected)
    }

    fn select(&mut self, i: usize) {
        if i != self.state.selected {
            self.state.selected = i;
            self.state.here = 0;
            self.state.here_offset = 0;
        }
    }
}

impl App {
    fn map_inner(&self) -> (u16, u16) {
        let a = ui::map::areas(self.size).map;
        (a.width.saturating_sub(2), a.height.saturating_sub(2))
    }

    fn fit_region(&mut self, i: usize) {
        let i = i % REGIONS.len();
        let g = REGIONS[i].fit(self.map_inner());
        self.map.state.set_geo(g);
        self.map.state.region = Some(i);
    }

    /// The first time the map is shown it fits the world to the terminal.
    pub(super) fn map_shown(&mut self) {
        if self.map.state.span == 0 {
            self.fit_region(0);
        }
    }

    fn change_geo(&mut self, g: Geo) {
        self.map.state.set_geo(g);
        self.map.state.region = None;
    }

    pub(super) fn map_action(&mut self, action: Action) {
        let areas = ui::map::areas(self.size);
        let g = self.map.state.geo();
        let inner = self.map_inner();
        let s = &self.map.state;
        let (len, cursor, page) = match s.focus {
            MapFocus::Places => (self.map.markers.len(), s.selected, areas.places.height),
            MapFocus::Here => (
                self.map.marker().map_or(0, |m| m.here.len()),
                s.here,
                areas.here.height,
            ),
        };
        if let Some(delta) = App::delta_of(action, page.saturating_sub(2) as usize) {
            let next = App::step(cursor, delta, len);
            match self.map.state.focus {
                MapFocus::Places => {
                    self.map.select(next);
                    self.center_on_selected();
                }
                MapFocus::Here => self.map.state.here = next,
            }
        }
        match action {
            Action::Close => self.show_view(super::View::Browse),
            Action::FocusNext | Action::FocusPrev => {
                self.map.state.focus = match self.map.state.focus {
                    MapFocus::Places => MapFocus::Here,
                    MapFocus::Here => MapFocus::Places,
                }
            }
            Action::ZoomIn => self.change_geo(g.zoom(1.5, g.lon, g.lat)),
            Action::ZoomOut => self.change_geo(g.zoom(1.0 / 1.5, g.lon, g.lat)),
            Action::NextRegion | Action::PrevRegion => {
                let n = REGIONS.len();
                let next = match (self.map.state.region, action) {
                    (Some(r), Action::NextRegion) => r + 1,
                    (Some(r), _) => r + n - 1,
                    (None, Action::NextRegion) => 0,
                    (None, _) => n - 1,
                };
                // The region's name shows in the tab row and the map's title.
                self.fit_region(next);
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
        self.keep_map_visible();
    }

    /// Brings the selected marker into view, centred, keeping the zoom, if it is off the map.
    fn center_on_selected(&mut self) {
        let Some(m) = self.map.marker() else {
            return;
        };
        let (lon, lat) = (m.lon, m.lat);
        let g = self.map.state.geo();
        if ui::map::project(g, self.map_inner(), lon, lat).is_none() {
            self.change_geo(Geo {
                lon,
                lat,
                span: g.span,
            });
        }
    }

    pub(super) fn keep_map_visible(&mut self) {
        let areas = ui::map::areas(self.size);
        let n = self.map.markers.len();
        let s = &mut self.map.state;
        s.selected = s.selected.min(n.saturating_sub(1));
        let here_len = self.map.markers.get(s.selected).map_or(0, |m| m.here.len());
        s.here = s.here.min(here_len.saturating_sub(1));
        let keep = |cursor: usize, offset: &mut usize, height: u16, len: usize| {
            let h = height.saturating_sub(2).max(1) as usize;
            if cursor < *offset {
                *offset = cursor;
            } else if cursor >= *offset + h {
                *offset = cursor + 1 - h;
            }
            *offset = (*offset).min(len.saturating_sub(h));
        };
        keep(s.selected, &mut s.places_offset, areas.places.height, n);
        keep(s.here, &mut s.here_offset, areas.here.height, here_len);
    }

    /// Row of a click inside a bordered list, if on one of its items.
    fn list_row(area: ratatui::layout::Rect, y: u16, offset: usize, len: usize) -> Option<usize> {
        if y <= area.y || y + 1 >= area.bottom() {
            return None;
        }
        let i = offset + (y - area.y - 1) as usize;
        (i < len).then_some(i)
    }

    pub(super) fn map_click(&mut self, x: u16, y: u16) -> Option<super::Effect> {
        let areas = ui::map::areas(self.size);
        let s = self.map.state.clone();
        if inside(areas.header, x, y) {
            if let Some(i) = ui::map::region_tabs(self)
                .iter()
                .position(|t| (t.1..t.2).contains(&x))
            {
                self.fit_region(i);
                self.keep_map_visible();
            }
            return None;
        }
        let hit = if inside(areas.map, x, y) {
            let inner = self.map_inner();
            let (cx, cy) = (
                x.saturating_sub(areas.map.x + 1),
                y.saturating_sub(areas.map.y + 1),
            );
            ui::map::nearest(&self.map.markers, s.geo(), inner, cx, cy)
                .map(|i| (MapFocus::Places, i))
        } else if inside(areas.places, x, y) {
            App::list_row(areas.places, y, s.places_offset, self.map.markers.len())
                .map(|i| (MapFocus::Places, i))
        } else if inside(areas.here, x, y) {
            let len = self.map.marker().map_or(0, |m| m.here.len());
            App::list_row(areas.here, y, s.here_offset, len).map(|i| (MapFocus::Here, i))
        } else {
            None
        };
        if let Some((focus, i)) = hit {
            let again = focus == s.focus
                && match focus {
                    MapFocus::Places => i == s.selected,
                    MapFocus::Here => i == s.here,
                };
            self.map.state.focus = focus;
            match focus {
                MapFocus::Places => self.map.select(i),
                MapFocus::Here => self.map.state.here = i,
            }
            if again {
                self.open_record(self.view_record());
            }
        }
        self.keep_map_visible();
        None
    }

    /// The wheel zooms the map around the pointer, and scrolls the lists.
    pub(super) fn map_wheel(&mut self, x: u16, y: u16, delta: i8) {
        let areas = ui::map::areas(self.size);
        if inside(areas.map, x, y) {
            let inner = self.map_inner();
            let g = self.map.state.geo();
            let (cx, cy) = (
                x.saturating_sub(areas.map.x + 1),
                y.saturating_sub(areas.map.y + 1),
            );
            let (lon, lat) = ui::map::unproject(g, inner, cx, cy);
            let factor = if delta < 0 { 1.5 } else { 1.0 / 1.5 };
            self.change_geo(g.zoom(factor, lon, lat));
        } else {
            let focus = if inside(areas.here, x, y) {
                MapFocus::Here
            } else if inside(areas.places, x, y) {
                MapFocus::Places
            } else {
                return;
            };
            self.map.state.focus = focus;
            let a = if delta < 0 { Action::Up } else { Action::Down };
            for _ in 0..3 {
                self.map_action(a);
            }
        }
        self.keep_map_visible();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> (Index, MapView) {
        let index = Index::new(crate::load::load_builtin().expect("built-in dataset loads"));
        let map = MapView::new(&index);
        (index, map)
    }

    #[test]
    fn every_place_with_coordinates_has_a_marker_and_no_other() {
        let (index, map) = map();
        let with: Vec<usize> = index
            .of_kind(Kind::Place)
            .iter()
            .copied()
            .filter(|&p| coordinates(&index, p).is_some())
            .collect();
        assert_eq!(map.markers.len(), with.len());
        assert!(map.markers.iter().all(|m| with.contains(&m.place)));
    }

    #[test]
    fn events_appear_at_their_place_and_places_without_coordinates_at_their_container() {
        let (index, map) = map();
        let at = |place: &str| {
            let p = index.get(place).unwrap();
            map.markers.iter().find(|m| m.place == p).unwrap()
        };
        let geneva = at("geneva");
        let session = index.get("hrc-55th-session").unwrap();
        assert!(geneva.here.iter().any(|h| h.record == session));
        let yongren = at("yongren-county");
        let lianchi = index.get("lianchi-township").unwrap();
        assert!(yongren.here.iter().any(|h| h.record == lianchi));
        assert!(yongren.here.iter().any(|h| h.via == Some(lianchi)));
    }
}
