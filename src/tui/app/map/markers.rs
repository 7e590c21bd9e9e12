//! The map's data: a marker per place with what is there, and the markers as drawn for one view (one per cell, labels that cover nothing).

use super::*;
use crate::tui::app::filter::RowFilter;

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

pub(super) fn coordinates(index: &Index, r: usize) -> Option<(f64, f64)> {
    match index.record(r) {
        Record::Place(p) => p.coordinates.map(|c| (c.lon, c.lat)),
        _ => None,
    }
}

/// The nearest place containing `r` (itself included) that has coordinates.
pub(super) fn located(index: &Index, r: usize) -> Option<usize> {
    nearest(
        r,
        |r| coordinates(index, r).is_some(),
        |r| match index.record(r) {
            Record::Place(p) => index.resolve(p.within.as_ref()?),
            _ => None,
        },
    )
}

/// The nearest place containing `r` (itself included) that `has` coordinates, going up what
/// each is `within`.
fn nearest(
    mut r: usize,
    has: impl Fn(usize) -> bool,
    within: impl Fn(usize) -> Option<usize>,
) -> Option<usize> {
    // `within` chains are short; the bound only guards against a cycle in a user's dataset.
    for _ in 0..16 {
        if has(r) {
            return Some(r);
        }
        r = within(r)?;
    }
    None
}

fn records_at(
    index: &Index,
    place: usize,
    via: Option<usize>,
    seen: &mut FxHashSet<usize>,
    out: &mut Vec<Here>,
) {
    let mut found: Vec<usize> = index
        .backlinks(place)
        .iter()
        .filter(|b| AT_PLACE.contains(&b.relation))
        .map(|b| b.from)
        .collect();
    // In the lists' order (by kind, each by name, statistics by series), which the index knows
    // without reading a record: the map of a million records read on demand holds none but
    // its places.
    found.sort_by_key(|&r| {
        let kind = index.kind(r);
        (kind, index.list_position(Some(kind), r))
    });
    for record in found {
        if seen.insert(record) {
            out.push(Here { record, via });
        }
    }
}

/// Each place's coordinates, and the place it is within: read in one visit that keeps no
/// record (the map of a million records read on demand held every part with a place).
struct Places {
    at: FxHashMap<usize, (f64, f64)>,
    within: FxHashMap<usize, usize>,
}

impl Places {
    fn new(index: &Index) -> Places {
        let mut places = index.of_kind(Kind::Place).to_vec();
        places.sort_unstable();
        let mut out = Places {
            at: FxHashMap::default(),
            within: FxHashMap::default(),
        };
        index.records.visit(&places, |r, record| {
            let Record::Place(p) = record else { return };
            if let Some(c) = p.coordinates {
                out.at.insert(r, (c.lon, c.lat));
            }
            if let Some(w) = p.within.as_ref().and_then(|id| index.resolve(id)) {
                out.within.insert(r, w);
            }
        });
        out
    }

    /// What [`located`] says, from what was read.
    fn located(&self, r: usize) -> Option<usize> {
        nearest(
            r,
            |r| self.at.contains_key(&r),
            |r| self.within.get(&r).copied(),
        )
    }
}

/// Every marker with what is there: linear in places and links.
pub fn markers(index: &Index) -> Vec<Marker> {
    let places = index.of_kind(Kind::Place);
    let read = Places::new(index);
    // Places without coordinates, under the marker they are shown at, in name order.
    let mut inside_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &q in places {
        if !read.at.contains_key(&q)
            && let Some(p) = read.located(q)
        {
            inside_of.entry(p).or_default().push(q);
        }
    }
    places
        .iter()
        .filter_map(|&p| {
            let &(lon, lat) = read.at.get(&p)?;
            let mut seen = FxHashSet::default();
            seen.insert(p);
            let mut here = vec![Here {
                record: p,
                via: None,
            }];
            records_at(index, p, None, &mut seen, &mut here);
            for &q in inside_of.get(&p).map_or(&[][..], Vec::as_slice) {
                if seen.insert(q) {
                    here.push(Here {
                        record: q,
                        via: None,
                    });
                }
                records_at(index, q, Some(q), &mut seen, &mut here);
            }
            Some(Marker {
                place: p,
                lon,
                lat,
                here,
            })
        })
        .collect()
}

/// The markers of what passes `keep` (all: `None`): each with only what there passes, and
/// only those with something that passes.
pub(super) fn markers_of(index: &Index, keep: Option<&RowFilter>) -> Vec<Marker> {
    let mut all = markers(index);
    if let Some(f) = keep {
        all.retain_mut(|m| {
            let place = m.here.first().map(|h| h.record);
            m.here
                .retain(|h| Some(h.record) == place || f.contains(h.record));
            f.contains(m.place) || m.here.len() > 1
        });
    }
    all
}

/// Markers as drawn for one view of the map: one per cell, and labels placed so that none
/// covers another label or another place's marker.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drawn {
    pub key: Option<(i32, i32, u32, (u16, u16))>,
    /// Marker index, column and row, relative to the map's inner area.
    pub cells: Vec<(usize, u16, u16)>,
    /// Column, row and text of each label.
    pub labels: Vec<(u16, u16, String)>,
}

pub(super) fn draw(index: &Index, markers: &[Marker], g: Geo, inner: (u16, u16)) -> Drawn {
    let mut by_cell: FxHashMap<(u16, u16), usize> = FxHashMap::default();
    for (i, m) in markers.iter().enumerate() {
        if let Some(cell) = project(g, inner, m.lon, m.lat) {
            // The busiest place of a cell stands for it.
            let e = by_cell.entry(cell).or_insert(i);
            if markers[*e].here.len() < m.here.len() {
                *e = i;
            }
        }
    }
    let mut cells: Vec<(usize, u16, u16)> =
        by_cell.into_iter().map(|((x, y), i)| (i, x, y)).collect();
    cells.sort_unstable_by_key(|&(i, x, y)| (std::cmp::Reverse(markers[i].here.len()), i, x, y));
    let mut taken: Vec<Vec<(u16, u16)>> = vec![Vec::new(); inner.1 as usize];
    for &(_, x, y) in &cells {
        taken[y as usize].push((x, x + 1));
    }
    let mut labels = Vec::new();
    for &(i, x, y) in &cells {
        let name = sanitize::line(index.record(markers[i].place).name());
        let label = format!(" {} ", truncate_to_width(&name, 18));
        let w = display_width(&label) as u16;
        let row = &taken[y as usize];
        let free = |a: u16, b: u16| {
            b <= inner.0
                && row
                    .iter()
                    .all(|&(c, d)| b <= c || a >= d || (c == x && d == x + 1))
        };
        let at = if free(x + 1, x + 1 + w) {
            Some(x + 1)
        } else if x >= w && free(x - w, x) {
            Some(x - w)
        } else {
            None
        };
        if let Some(lx) = at {
            taken[y as usize].push((lx, lx + w));
            labels.push((lx, y, label));
        }
    }
    Drawn {
        key: None,
        cells,
        labels,
    }
}
