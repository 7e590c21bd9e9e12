//! A key, a click, the wheel or a paste while an overlay is open: the overlay answers through
//! [`Layer`], and the app does what the answer asks (close it, open a record at what was found,
//! show the paths, go to a history entry).

use super::overlay::{Answer, Layer, Then, World};
use super::{App, Ctx, Effect, Outcome};
use crate::prefs::keymap::Action;

impl App {
    /// The open overlay and what it may touch of the app.
    pub(super) fn overlay_world<'a>(
        &'a mut self,
        ctx: &'a Ctx,
    ) -> Option<(&'a mut dyn Layer, World<'a>)> {
        let overlay = self.overlay.as_mut()?;
        let world = World {
            ctx,
            searcher: self.searcher.as_ref(),
            marks: &mut self.marks,
            keymap: &self.keymap,
            style: self.options.style,
            searches: &mut self.searches,
            last_query: &mut self.last_query,
            history_len: self.history.entries().len(),
        };
        Some((overlay.layer_mut(), world))
    }

    /// Hands the open overlay to `f` and does what its answer asks.
    fn with_overlay(
        &mut self,
        f: impl FnOnce(&mut dyn Layer, &mut World) -> Answer,
    ) -> Option<Effect> {
        let ctx = self.ctx();
        let (layer, mut world) = self.overlay_world(&ctx)?;
        let answer = f(layer, &mut world);
        match answer.then {
            Then::Outcome(Outcome::Stay) => {}
            Then::Outcome(Outcome::Status(s)) => self.status = Some(s),
            Then::Outcome(Outcome::Close) => self.overlay = None,
            Then::Outcome(Outcome::Open(r)) => {
                self.overlay = None;
                self.open_found(r, answer.found);
            }
            Then::Paths(from, to) => {
                self.overlay = None;
                self.show_paths(from, to);
            }
            Then::GoTo(entry) => {
                self.overlay = None;
                self.go_to(entry);
            }
            Then::Filter(filter) => {
                self.overlay = None;
                self.filter(filter);
            }
        }
        answer.effect
    }

    /// A key while an overlay is open.
    pub(super) fn overlay_action(&mut self, action: Action) -> Option<Effect> {
        self.with_overlay(|o, w| o.update(action, w))
    }

    /// A click while an overlay is open: on it, or outside it.
    pub(super) fn overlay_click(&mut self, x: u16, y: u16) -> Option<Effect> {
        self.with_overlay(|o, w| o.click(x, y, w))
    }

    /// The wheel while an overlay is open.
    pub(super) fn overlay_wheel(&mut self, x: u16, y: u16, d: i8) -> Option<Effect> {
        self.with_overlay(|o, w| o.wheel(x, y, d, w))
    }

    /// Text pasted while an overlay is open.
    pub(super) fn overlay_paste(&mut self, text: &str) -> Option<Effect> {
        self.with_overlay(|o, w| o.paste(text, w))
    }
}
