//! The search box as an overlay: its keys, clicks and background search through [`Layer`],
//! and what the app keeps of a search that ends (the last query, the search history).

use super::SearchBox;
use crate::prefs::keymap::{Action, Mode};
use crate::tui::app::overlay::{Answer, Layer, Then, World};
use crate::tui::app::{Ctx, Effect, Outcome};

impl SearchBox {
    /// What the app does with a key's or a click's outcome: a path's other end, or the hit
    /// opened with the query remembered (and kept in the history once it opened something).
    fn answer(&self, outcome: Outcome, w: &mut World) -> Answer {
        if let Some(from) = self.path_from {
            return match outcome {
                Outcome::Open(to) => Answer::then(Then::Paths(from, to)),
                o => o.into(),
            };
        }
        if matches!(outcome, Outcome::Close | Outcome::Open(_)) {
            w.last_query.clone_from(&self.input);
        }
        let opened = matches!(outcome, Outcome::Open(_));
        let mut answer = Answer::from(outcome);
        if opened {
            answer.found = self.found();
            if crate::prefs::searches::push(w.searches, &self.input) {
                answer.effect = Some(Effect::SaveSearches(self.input.clone()));
            }
        }
        answer
    }
}

impl Layer for SearchBox {
    fn mode(&self) -> Mode {
        Mode::Search
    }

    fn update(&mut self, action: Action, w: &mut World) -> Answer {
        let outcome = self.key(action, w.ctx, w.searcher);
        self.answer(outcome, w)
    }

    /// A click on a hit selects it, on the selected one opens it.
    fn click(&mut self, x: u16, y: u16, w: &mut World) -> Answer {
        match self.clicked(x, y, w.ctx) {
            o @ Outcome::Open(_) => self.answer(o, w),
            _ => Answer::stay(),
        }
    }

    /// The wheel moves the selection over the hits, or scrolls the preview.
    fn wheel(&mut self, x: u16, y: u16, d: i8, w: &mut World) -> Answer {
        self.scrolled(x, y, d, w.ctx);
        Answer::stay()
    }

    fn paste(&mut self, text: &str, w: &mut World) -> Answer {
        self.pasted(text, w.ctx, w.searcher).into()
    }

    fn resize(&mut self, ctx: &Ctx) {
        self.relayout(ctx);
    }

    /// Takes a background search's results if they are ready.
    fn poll(&mut self, w: &World) -> bool {
        self.take_results(w.ctx, w.searcher)
    }

    fn busy(&self) -> bool {
        self.pending.is_some()
    }

    fn wait(&mut self, w: &World) {
        self.wait_for(w.ctx, w.searcher);
    }
}
