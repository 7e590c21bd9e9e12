//! What opens over the screen and takes the keys until it closes: the search box, help, the
//! citation style picker, the history, the marks, the quotes list, and text shown for copying
//! by hand. Each owns
//! its state and handles its own keys; what it asks of the app comes back as an [`Outcome`].

mod help;
pub mod marks;
mod picker;
mod popup;
pub mod quotes;
mod search;

pub use help::Help;
pub use marks::MarksList;
pub use picker::{Citing, Picker};
pub use popup::TextPopup;
pub use quotes::QuotesList;
pub use search::{HitText, MAX_HITS, SearchBox};

use super::cursor::Cursor;
use crate::prefs::keymap::Mode;

pub enum Overlay {
    Search(Box<SearchBox>),
    Help(Help),
    Picker(Picker),
    /// The history list; the cursor is over its entries.
    History(Cursor),
    /// The marks list, and what is open over it.
    Marks(MarksList),
    Popup(TextPopup),
    /// Every quote that matches a query, in context.
    Quotes(Box<QuotesList>),
}

impl Overlay {
    /// Which keys are live while it is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Search(_) => Mode::Search,
            Overlay::Help(h) => h.mode(),
            Overlay::Picker(_) => Mode::Picker,
            Overlay::History(_) => Mode::History,
            Overlay::Marks(m) => m.mode(),
            Overlay::Popup(_) => Mode::Popup,
            Overlay::Quotes(q) => q.mode(),
        }
    }
}
