//! Where the user has been, browser-style: every record opened (a search hit, a link, a list
//! row, a mark, a view) is one entry; going back and then opening something new drops what was
//! ahead; no two neighbouring entries show the same thing. What the screen shows now may have
//! drifted from the current entry (moving in a list, switching tab): it is written into the
//! history before any move, so nothing seen is lost.

use super::around::AroundState;
use super::lists::ListsPlace;
use super::map::MapState;
use super::paths::PathsState;
use super::screen::View;
use super::stats::StatsState;
use super::timeline::TimelineState;

/// A place to come back to, exactly as it was left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Lists(ListsPlace),
    Timeline(TimelineState),
    Stats(StatsState),
    Map(MapState),
    Paths(PathsState),
    Around(AroundState),
}

impl Place {
    pub fn view(&self) -> View {
        match self {
            Place::Lists(_) => View::Browse,
            Place::Timeline(_) => View::Timeline,
            Place::Stats(_) => View::Stats,
            Place::Map(_) => View::Map,
            Place::Paths(_) => View::Paths,
            Place::Around(_) => View::Around,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The record shown or selected there, which names the entry.
    pub record: Option<usize>,
    pub place: Place,
}

impl Location {
    /// Two locations show the same thing: the same view of the same record. Moving the
    /// selection within the timeline, the statistics or the map stays one place, whose entry
    /// keeps the latest selection.
    fn same(&self, other: &Location) -> bool {
        let view = self.place.view();
        view == other.place.view()
            && (self.record == other.record
                || matches!(view, View::Timeline | View::Stats | View::Map))
    }
}

#[derive(Debug, Clone, Default)]
pub struct History {
    entries: Vec<Location>,
    at: usize,
}

/// Entries kept at most; the oldest go first.
const MAX: usize = 1000;

impl History {
    pub fn entries(&self) -> &[Location] {
        &self.entries
    }

    /// The index of the current entry.
    pub fn at(&self) -> usize {
        self.at
    }

    pub fn current(&self) -> Option<&Location> {
        self.entries.get(self.at)
    }

    /// Writes what the screen shows into the history: over the current entry when it shows
    /// the same thing (its scroll and selection may have changed), else as a new entry after
    /// it. `truncate` drops what was ahead, as opening something new does.
    pub fn record(&mut self, here: Location, truncate: bool) {
        if let Some(current) = self.entries.get_mut(self.at) {
            if current.same(&here) {
                *current = here;
                if truncate {
                    self.entries.truncate(self.at + 1);
                }
                return;
            }
            if truncate {
                self.entries.truncate(self.at + 1);
            }
            self.at += 1;
        }
        if self
            .entries
            .get(self.at)
            .is_some_and(|next| next.same(&here))
        {
            self.entries[self.at] = here;
        } else {
            self.entries.insert(self.at, here);
        }
        if self.entries.len() > MAX {
            let extra = self.entries.len() - MAX;
            self.entries.drain(..extra);
            self.at -= extra.min(self.at);
        }
    }

    /// Steps `by` entries back (negative) or forward; the entry there, if any.
    pub fn go(&mut self, by: isize) -> Option<&Location> {
        let to = self.at as isize + by;
        if to < 0 || to as usize >= self.entries.len() {
            return None;
        }
        self.at = to as usize;
        self.entries.get(self.at)
    }

    /// Goes to entry `i`.
    pub fn go_to(&mut self, i: usize) -> Option<&Location> {
        self.go(i as isize - self.at as isize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(record: usize) -> Location {
        Location {
            record: Some(record),
            place: Place::Around(AroundState::default()),
        }
    }

    fn records(h: &History) -> Vec<usize> {
        h.entries().iter().filter_map(|l| l.record).collect()
    }

    #[test]
    fn opening_after_going_back_drops_what_was_ahead() {
        let mut h = History::default();
        for r in [1, 2, 3] {
            h.record(loc(r), true);
        }
        assert_eq!(h.go(-2).and_then(|l| l.record), Some(1));
        h.record(loc(1), true);
        h.record(loc(4), true);
        assert_eq!(records(&h), [1, 4]);
        assert_eq!(h.at(), 1);
    }

    #[test]
    fn no_two_neighbours_are_the_same() {
        let mut h = History::default();
        for r in [1, 1, 2, 2, 2, 1] {
            h.record(loc(r), true);
        }
        assert_eq!(records(&h), [1, 2, 1]);
    }

    #[test]
    fn a_new_selection_in_the_statistics_updates_its_entry() {
        let mut h = History::default();
        h.record(loc(1), true);
        let stats = |r| Location {
            record: Some(r),
            place: Place::Stats(StatsState::default()),
        };
        h.record(stats(5), true);
        h.record(stats(6), false);
        h.record(stats(7), false);
        assert_eq!(records(&h), [1, 7]);
    }

    #[test]
    fn a_drift_before_going_back_is_kept_after_the_current_entry() {
        let mut h = History::default();
        h.record(loc(1), true);
        h.record(loc(2), true);
        h.go(-1);
        // The user moved on to 3 without opening it, then goes forward: 3 is kept.
        h.record(loc(3), false);
        assert_eq!(records(&h), [1, 3, 2]);
        assert_eq!(h.at(), 1);
        assert_eq!(h.go(1).and_then(|l| l.record), Some(2));
    }
}
