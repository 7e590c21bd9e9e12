//! What every view is, in one shape: the lists, the timeline, the statistics, the map, the paths
//! and the neighbourhood each implement [`Screen`], and [`Views`] holds one of each. The app
//! talks to the view on screen only through this trait, so a new view is one new file, one
//! field here and one arm in [`Views::get_mut`].

use super::filter::RowFilter;
use super::{Ctx, Outcome, Place, around, lists, map, paths, stats, timeline};
use crate::data::index::Index;
use crate::prefs::keymap::{Action, Mode};
use crate::tui::layout::inside;
use ratatui::layout::Rect;
use std::sync::Arc;

pub trait Screen {
    /// A key for this view; what the app should do next.
    fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome;

    /// A click at (x, y) of the screen.
    fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome;

    /// Where the mouse wheel moves the selection; `None` for views that scroll instead.
    fn wheel_area(&self, _size: (u16, u16)) -> Option<Rect> {
        None
    }

    /// The mouse wheel at (x, y), `d` notches down (negative: up). By default three steps of
    /// the selection in [`Screen::wheel_area`].
    fn wheel(&mut self, x: u16, y: u16, d: i8, ctx: &Ctx) {
        if self.wheel_area(ctx.size).is_some_and(|a| inside(a, x, y)) {
            let a = if d < 0 { Action::Up } else { Action::Down };
            for _ in 0..3 {
                self.update(a, ctx);
            }
        }
    }

    /// Lays the view out again for `ctx.size`.
    fn resize(&mut self, ctx: &Ctx);

    /// Takes what the view's background work produced: true when the screen changed.
    fn poll(&mut self, _ctx: &Ctx) -> bool {
        false
    }

    /// Whether background work of this view is under way (the run loop then polls).
    fn busy(&self) -> bool {
        false
    }

    /// Waits for the view's background work (tests and benchmarks).
    fn wait(&mut self) {}

    /// Whether the view waits for the link graph.
    fn wants_graph(&self) -> bool {
        false
    }

    /// The record selected: what Enter opens and `y` cites.
    fn record(&self, index: &Index) -> Option<usize>;

    /// Where the view stands, for the history; `None` when it has nothing to come back to.
    fn place(&self, index: &Index) -> Option<Place>;

    /// Shows a place the history kept (a place of another view is ignored).
    fn restore(&mut self, place: &Place, ctx: &Ctx);

    /// The view comes on screen, from `from`, the record selected where the user was.
    fn shown(&mut self, _ctx: &Ctx, _from: Option<usize>) {}

    /// The filter on the view's rows (`|`), if any.
    fn filter(&self) -> Option<&Arc<RowFilter>> {
        None
    }

    /// Narrows the view's rows to the records of `filter` (none: all of them); a view with no
    /// rows to narrow keeps none ([`Screen::filter`] then says so).
    fn set_filter(&mut self, _filter: Option<Arc<RowFilter>>, _ctx: &Ctx) {}

    /// What the view has to say once its data is built ("opened at 2019"), once.
    fn said(&mut self) -> Option<String> {
        None
    }
}

/// Enter on a view's selection: the record, or a word that there is none.
pub fn open_selected(record: Option<usize>) -> Outcome {
    record.map_or(
        Outcome::Status("Nothing selected to open".into()),
        Outcome::Open,
    )
}

/// A key while the view's data is still being built: Esc still leaves, anything else is told
/// `why`.
pub fn preparing(action: Action, why: &str) -> Outcome {
    match action {
        Action::Close => Outcome::Close,
        _ => Outcome::Status(why.to_string()),
    }
}

/// What fills the screen below the title: the lists and detail, or one of the views. The app's
/// own tag: the keymap names a view by its keys' mode (`Action::ShowView(Mode::Map)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Browse,
    Timeline,
    Stats,
    Map,
    /// How one record is connected to another.
    Paths,
    /// What is around a record, two links out.
    Around,
}

impl View {
    /// The views of the switcher; the paths and neighbourhood views open from a record.
    pub const ALL: [View; 4] = [View::Browse, View::Timeline, View::Stats, View::Map];

    pub fn title(self) -> &'static str {
        match self {
            View::Browse => "lists",
            View::Timeline => "timeline",
            View::Stats => "stats",
            View::Map => "map",
            View::Paths => "paths",
            View::Around => "neighbourhood",
        }
    }

    /// The view a `ShowView` action names, by its mode.
    pub fn of(mode: Mode) -> Option<View> {
        View::ALL
            .into_iter()
            .chain([View::Paths, View::Around])
            .find(|v| v.mode() == mode)
    }

    /// The keymap's mode for this view when no popup is open.
    pub fn mode(self) -> Mode {
        match self {
            View::Browse => Mode::Browse,
            View::Timeline => Mode::Timeline,
            View::Stats => Mode::Stats,
            View::Map => Mode::Map,
            View::Paths => Mode::Paths,
            View::Around => Mode::Around,
        }
    }
}

/// One value per view.
pub struct Views {
    pub lists: lists::Lists,
    pub timeline: timeline::Timeline,
    pub stats: stats::Stats,
    pub map: map::MapView,
    pub paths: paths::Paths,
    pub around: around::Around,
}

impl Views {
    pub fn new(lists: lists::Lists) -> Views {
        Views {
            lists,
            timeline: Default::default(),
            stats: Default::default(),
            map: Default::default(),
            paths: Default::default(),
            around: Default::default(),
        }
    }

    pub fn get(&self, view: View) -> &dyn Screen {
        match view {
            View::Browse => &self.lists,
            View::Timeline => &self.timeline,
            View::Stats => &self.stats,
            View::Map => &self.map,
            View::Paths => &self.paths,
            View::Around => &self.around,
        }
    }

    pub fn get_mut(&mut self, view: View) -> &mut dyn Screen {
        match view {
            View::Browse => &mut self.lists,
            View::Timeline => &mut self.timeline,
            View::Stats => &mut self.stats,
            View::Map => &mut self.map,
            View::Paths => &mut self.paths,
            View::Around => &mut self.around,
        }
    }

    /// The data changed: each view's data is made again, and what the user set it to stays.
    pub fn data_changed(&mut self) {
        self.timeline = timeline::Timeline {
            state: timeline::TimelineState {
                filter: self.timeline.state.filter,
                ..Default::default()
            },
            ..Default::default()
        };
        self.stats = stats::Stats::with_state(stats::StatsState {
            exact: self.stats.state.exact,
            order: self.stats.state.order,
            ..Default::default()
        });
        self.map = map::MapView {
            state: self.map.state.clone(),
            ..Default::default()
        };
        // Documents made from the old data are not reused, even for the same record number.
        self.lists.data_changed();
        self.paths = Default::default();
        self.around = Default::default();
    }

    /// Every view, for what all of them do (lay out, poll, wait).
    pub fn all_mut(&mut self) -> [&mut dyn Screen; 6] {
        [
            &mut self.lists,
            &mut self.timeline,
            &mut self.stats,
            &mut self.map,
            &mut self.paths,
            &mut self.around,
        ]
    }

    pub fn all(&self) -> [&dyn Screen; 6] {
        [
            &self.lists,
            &self.timeline,
            &self.stats,
            &self.map,
            &self.paths,
            &self.around,
        ]
    }
}
