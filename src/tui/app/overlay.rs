//! What opens over the screen and takes the keys until it closes: the search box, help, the
//! citation style picker, the history, the marks, the quotes list, and text shown for copying
//! by hand. Each owns its state and implements [`Layer`], the one shape of an overlay: what
//! it may touch of the app comes in a [`World`], what it asks of the app goes back as an
//! [`Answer`]. A new overlay is one new file, one arm in [`Overlay`] and in its two matches.

pub mod facets;
pub mod filter_line;
mod help;
mod history;
pub mod marks;
mod picker;
mod popup;
pub mod quotes;
mod search;

pub use facets::FacetsPanel;
pub use filter_line::FilterLine;
pub use help::Help;
pub use history::HistoryList;
pub use marks::MarksList;
pub use picker::{Citing, Picker};
pub use popup::TextPopup;
pub use quotes::QuotesList;
pub use search::{HitText, MAX_HITS, SearchBox};

use super::filter::RowFilter;
use super::{Ctx, Effect, Outcome};
use crate::prefs::keymap::{Action, Keymap, Mode};
use crate::prefs::marks::Marks;
use crate::query::cite::Style;
use crate::query::search::{Field, Query, Searcher};
use std::sync::Arc;

/// What an overlay may read and change of the app while it has the keys.
pub struct World<'a> {
    pub ctx: &'a Ctx,
    /// The searcher, once built.
    pub searcher: Option<&'a Searcher>,
    pub marks: &'a mut Marks,
    pub keymap: &'a Keymap,
    /// The citation style chosen for the session.
    pub style: Style,
    /// The search history, newest last.
    pub searches: &'a mut Vec<String>,
    /// The query `/` and `Q` open with.
    pub last_query: &'a mut String,
    /// How many places the history holds.
    pub history_len: usize,
}

/// What follows a key in an overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Stay open, close, open a record or say something.
    Outcome(Outcome),
    /// The paths from one record to the other, the overlay closed.
    Paths(usize, usize),
    /// A history entry, the overlay closed.
    GoTo(usize),
    /// The rows of the view on screen narrowed to a filter's (none: all), the overlay closed.
    Filter(Option<Arc<RowFilter>>),
}

/// An overlay's answer to a key: what follows, what the outside world must do, and where in
/// the record to open what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub then: Then,
    pub effect: Option<Effect>,
    pub found: Option<(Field, Query)>,
}

impl From<Outcome> for Answer {
    fn from(outcome: Outcome) -> Answer {
        Answer {
            then: Then::Outcome(outcome),
            effect: None,
            found: None,
        }
    }
}

impl Answer {
    pub fn stay() -> Answer {
        Outcome::Stay.into()
    }

    pub fn then(then: Then) -> Answer {
        Answer {
            then,
            effect: None,
            found: None,
        }
    }
}

/// The one shape of an overlay.
pub trait Layer {
    /// Which keys are live while it is open.
    fn mode(&self) -> Mode;

    /// A key.
    fn update(&mut self, action: Action, w: &mut World) -> Answer;

    /// A click at (x, y) of the screen: on the overlay, or outside it (most close then).
    fn click(&mut self, x: u16, y: u16, w: &mut World) -> Answer;

    /// The mouse wheel at (x, y), `d` notches down (negative: up): by default three steps of
    /// the selection.
    fn wheel(&mut self, _x: u16, _y: u16, d: i8, w: &mut World) -> Answer {
        let a = if d < 0 { Action::Up } else { Action::Down };
        let mut answer = Answer::stay();
        for _ in 0..3 {
            answer = self.update(a, w);
        }
        answer
    }

    /// Text pasted while it is open; by default it means nothing.
    fn paste(&mut self, _text: &str, _w: &mut World) -> Answer {
        Answer::stay()
    }

    /// Lays it out again for `ctx.size`.
    fn resize(&mut self, _ctx: &Ctx) {}

    /// Takes what its background work produced: true when the screen changed.
    fn poll(&mut self, _w: &World) -> bool {
        false
    }

    /// Whether background work of it is under way (the run loop then polls).
    fn busy(&self) -> bool {
        false
    }

    /// Waits for its background work (tests and benchmarks).
    fn wait(&mut self, _w: &World) {}
}

pub enum Overlay {
    Search(Box<SearchBox>),
    Help(Help),
    Picker(Picker),
    History(HistoryList),
    /// The marks list, and what is open over it.
    Marks(MarksList),
    Popup(TextPopup),
    /// Every quote that matches a query, in context.
    Quotes(Box<QuotesList>),
    /// The query that narrows the rows.
    Filter(FilterLine),
    /// The most common values among the rows, each to narrow by.
    Facets(FacetsPanel),
}

impl Overlay {
    pub fn layer(&self) -> &dyn Layer {
        match self {
            Overlay::Search(s) => s.as_ref(),
            Overlay::Help(h) => h,
            Overlay::Picker(p) => p,
            Overlay::History(h) => h,
            Overlay::Marks(m) => m,
            Overlay::Popup(p) => p,
            Overlay::Quotes(q) => q.as_ref(),
            Overlay::Filter(f) => f,
            Overlay::Facets(f) => f,
        }
    }

    pub fn layer_mut(&mut self) -> &mut dyn Layer {
        match self {
            Overlay::Search(s) => s.as_mut(),
            Overlay::Help(h) => h,
            Overlay::Picker(p) => p,
            Overlay::History(h) => h,
            Overlay::Marks(m) => m,
            Overlay::Popup(p) => p,
            Overlay::Quotes(q) => q.as_mut(),
            Overlay::Filter(f) => f,
            Overlay::Facets(f) => f,
        }
    }

    /// Which keys are live while it is open.
    pub fn mode(&self) -> Mode {
        self.layer().mode()
    }
}
