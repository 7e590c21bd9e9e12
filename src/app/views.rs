//! The timeline, statistics and map views beside the lists: which one is shown, what history
//! keeps of it, and the keys and clicks they share. Each view's own state and logic live in its
//! own file.

use super::map::MapState;
use super::stats::StatsState;
use super::timeline::TimelineState;
use super::{App, Effect, Focus, Location};
use crate::keymap::{Action, Mode};
use crate::sanitize;
use crate::ui;
use ratatui::layout::{Position, Rect};

/// What fills the screen below the title: the lists and detail, or one of the views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Browse,
    Timeline,
    Stats,
    Map,
}

impl View {
    pub const ALL: [View; 4] = [View::Browse, View::Timeline, View::Stats, View::Map];

    pub fn title(self) -> &'static str {
        match self {
            View::Browse => "lists",
            View::Timeline => "timeline",
            View::Stats => "stats",
            View::Map => "map",
        }
    }

    /// The keymap's mode for this view when no popup is open.
    pub fn mode(self) -> Mode {
        match self {
            View::Browse => Mode::Browse,
            View::Timeline => Mode::Timeline,
            View::Stats => Mode::Stats,
            View::Map => Mode::Map,
        }
    }
}

/// What history keeps of the shown view, so that Back returns to it as it was left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewPlace {
    Browse,
    Timeline(TimelineState),
    Stats(StatsState),
    Map(MapState),
}

impl ViewPlace {
    pub fn view(&self) -> View {
        match self {
            ViewPlace::Browse => View::Browse,
            ViewPlace::Timeline(_) => View::Timeline,
            ViewPlace::Stats(_) => View::Stats,
            ViewPlace::Map(_) => View::Map,
        }
    }
}

pub(super) fn inside(area: Rect, x: u16, y: u16) -> bool {
    area.contains(Position::new(x, y))
}

impl App {
    /// Which keys are live: a popup's, else the shown view's.
    pub fn key_mode(&self) -> Mode {
        match self.mode {
            Mode::Browse => self.view.mode(),
            m => m,
        }
    }

    pub(super) fn view_place(&self) -> ViewPlace {
        match self.view {
            View::Browse => ViewPlace::Browse,
            View::Timeline => ViewPlace::Timeline(self.timeline.state.clone()),
            View::Stats => ViewPlace::Stats(self.stats.state.clone()),
            View::Map => ViewPlace::Map(self.map.state.clone()),
        }
    }

    pub(super) fn restore_view(&mut self, place: &ViewPlace) {
        self.view = place.view();
        match place {
            ViewPlace::Browse => {}
            ViewPlace::Timeline(s) => self.timeline.state = s.clone(),
            ViewPlace::Stats(s) => self.stats.state = s.clone(),
            ViewPlace::Map(s) => self.map.state = s.clone(),
        }
    }

    /// Switching views is not a step in history, as switching kind tabs is not: only opening a
    /// record is.
    pub(super) fn show_view(&mut self, view: View) {
        self.view = view;
        if view == View::Map {
            self.map_shown();
        }
        self.keep_visible();
    }

    /// The record selected in the shown view: what Enter opens and `y` cites.
    pub fn view_record(&self) -> Option<usize> {
        match self.view {
            View::Browse => None,
            View::Timeline => self.timeline.selected_record(),
            View::Stats => self.stats.selected_record(),
            View::Map => self.map.selected_record(),
        }
    }

    /// Opening a record from a view is a jump, so Back returns to the view.
    pub(super) fn open_record(&mut self, record: Option<usize>) {
        match record {
            Some(r) => self.jump(r, Focus::Detail),
            None => self.status = Some("Nothing selected to open".into()),
        }
    }

    /// A history entry as the history popup and the breadcrumb name it.
    pub fn location_label(&self, loc: &Location) -> String {
        let name = |r: usize| sanitize::line(self.index.record(r).name()).into_owned();
        let pick = match &loc.view {
            ViewPlace::Browse => return name(loc.record),
            ViewPlace::Timeline(s) => self.timeline.record_at(s),
            ViewPlace::Stats(s) => self.stats.record_at(s),
            ViewPlace::Map(s) => self.map.record_at(s),
        };
        let view = loc.view.view().title();
        match pick {
            Some(r) => format!("{view}: {}", name(r)),
            None => view.to_string(),
        }
    }

    /// Keys in a view. What every view shares is handled as in the lists.
    pub(super) fn view_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Help
            | Action::Search
            | Action::Back
            | Action::Forward
            | Action::Copy
            | Action::PickStyle
            | Action::CopyId
            | Action::History => return self.browse_action(action),
            Action::ShowView(v) => self.show_view(v),
            Action::Open => self.open_record(self.view_record()),
            a => match self.view {
                View::Browse => return self.browse_action(a),
                View::Timeline => self.timeline_action(a),
                View::Stats => self.stats_action(a),
                View::Map => self.map_action(a),
            },
        }
        None
    }

    /// Keeps each view's selection on screen; called from `keep_visible`.
    pub(super) fn keep_views_visible(&mut self) {
        self.keep_timeline_visible();
        self.keep_stats_visible();
        self.keep_map_visible();
    }

    /// A click anywhere while no popup is open: the view switcher in the title bar, else the
    /// shown view. Returns `None` when the lists should handle it.
    pub(super) fn view_click(&mut self, x: u16, y: u16) -> Option<Option<Effect>> {
        if let Some(v) = ui::views::switcher(self)
            .into_iter()
            .find(|s| y == 0 && (s.2..s.3).contains(&x))
        {
            self.show_view(v.0);
            return Some(None);
        }
        match self.view {
            View::Browse => None,
            View::Timeline => Some(self.timeline_click(x, y)),
            View::Stats => Some(self.stats_click(x, y)),
            View::Map => Some(self.map_click(x, y)),
        }
    }

    /// The wheel in a view; returns false when the lists should handle it.
    pub(super) fn view_wheel(&mut self, x: u16, y: u16, delta: i8) -> bool {
        match self.view {
            View::Browse => return false,
            View::Timeline => self.timeline_wheel(x, y, delta),
            View::Stats => self.stats_wheel(x, y, delta),
            View::Map => self.map_wheel(x, y, delta),
        }
        true
    }

    /// Moves a cursor over `len` items by `delta`, the way every list here moves.
    pub(super) fn step(cursor: usize, delta: isize, len: usize) -> usize {
        let last = len.saturating_sub(1) as isize;
        (cursor as isize + delta).clamp(0, last.max(0)) as usize
    }

    /// A page, a jump to an end, or one step, for `Up`/`Down`/`PageUp`/... in a view.
    pub(super) fn delta_of(action: Action, page: usize) -> Option<isize> {
        let page = page.max(1) as isize;
        Some(match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -page,
            Action::PageDown => page,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            _ => return None,
        })
    }
}
