//! A key or a mouse event while no overlay is open: what every view shares (help, search,
//! history, copying, switching views), else the view's own through [`Screen`].

use super::overlay::{
    FacetsPanel, FilterLine, Help, HistoryList, MarksList, Overlay, Picker, QuotesList, SearchBox,
};
use super::screen::{Screen, View};
use super::{App, Effect, Outcome};
use crate::prefs::keymap::Action;
use crate::query::cite::Style;
use crate::text::sanitize;

impl App {
    /// A key while no overlay is open.
    pub(super) fn view_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Copy => self.copy(self.options.style),
            Action::CopyInText => self.copy_in_text(),
            Action::CopyId => self.copy_id(),
            Action::CopyRows => Some(self.copy_rows()),
            Action::Mark => self.toggle_mark(),
            a if self.open_overlay(a) || self.go_somewhere(a) => None,
            a => {
                let ctx = self.ctx();
                let outcome = self.views.get_mut(self.view).update(a, &ctx);
                self.follow(outcome);
                None
            }
        }
    }

    /// Opens the overlay `action` asks for; false when it asks for none.
    fn open_overlay(&mut self, action: Action) -> bool {
        let ctx = self.ctx();
        let searcher = self.searcher.as_ref();
        let overlay = match action {
            Action::Help => Overlay::Help(Help::new(&self.keymap, self.key_mode())),
            Action::Search => {
                let s = SearchBox::open(&self.last_query, &self.searches, &ctx, searcher);
                Overlay::Search(Box::new(s))
            }
            Action::History => {
                self.history.record(self.here(), false);
                let len = self.history.entries().len();
                Overlay::History(HistoryList::at(self.history.at(), len, &ctx))
            }
            Action::PickStyle => match self.view_record() {
                Some(r) => Overlay::Picker(Picker::new(&self.index, r, self.options.style)),
                None => return self.say_true("Nothing here to cite"),
            },
            Action::PathFrom => match self.view_record() {
                Some(from) => {
                    let mut s = SearchBox::open("", &self.searches, &ctx, searcher);
                    s.path_from = Some(from);
                    Overlay::Search(Box::new(s))
                }
                None => return self.say_true("Nothing here to start a path from"),
            },
            Action::Marks => Overlay::Marks(MarksList::default()),
            Action::Quotes => {
                let q = QuotesList::open(&self.last_query, &ctx, searcher);
                Overlay::Quotes(Box::new(q))
            }
            Action::Facets => {
                let Some(searcher) = &self.searcher else {
                    return self
                        .say_true("The search is still being prepared: try again in a moment");
                };
                let l = &self.views.lists;
                let records = l.rows(&self.index);
                let base = l.filter().map_or("", |f| f.text.as_str());
                Overlay::Facets(FacetsPanel::open(records, base, &self.index, searcher))
            }
            Action::Filter => {
                let view = self.views.get(self.view);
                let text = view.filter().map(|f| f.text.clone()).unwrap_or_default();
                Overlay::Filter(FilterLine::open(&text))
            }
            _ => return false,
        };
        self.overlay = Some(overlay);
        true
    }

    /// Goes where `action` leads: back, forward, another view, the neighbourhood, the
    /// problems of the files; false when it leads nowhere.
    fn go_somewhere(&mut self, action: Action) -> bool {
        match action {
            Action::Back => self.go(-1),
            Action::Forward => self.go(1),
            Action::ShowView(mode) => match View::of(mode) {
                Some(v) => self.show_view(v),
                None => return false,
            },
            Action::Problems => self.show_problems(),
            Action::Around => match self.view_record() {
                Some(r) if self.view == View::Around => {
                    // From a record in the tree, its own neighbourhood: a step in history.
                    self.history.record(self.here(), true);
                    self.views.around.ask(r);
                    self.want_graph();
                    self.history.record(self.here(), true);
                }
                Some(_) => self.show_view(View::Around),
                None => self.status = Some("Nothing here to look around".into()),
            },
            _ => return false,
        }
        true
    }

    fn say_true(&mut self, message: &str) -> bool {
        self.status = Some(message.to_string());
        true
    }

    /// The citation of the record selected, in `style`.
    pub(super) fn copy(&self, style: Style) -> Option<Effect> {
        let r = self.view_record()?;
        let name = self.index.record(r).name();
        Some(Effect::Copy {
            text: crate::query::cite::for_record(&self.index, r, style),
            what: format!("{} citation of “{}”", style.label(), sanitize::line(name)),
        })
    }

    /// What goes in the text of a paper for the record selected: its in-text citation.
    fn copy_in_text(&self) -> Option<Effect> {
        let r = self.view_record()?;
        let style = self.options.style;
        Some(Effect::Copy {
            text: crate::query::cite::in_text_for_record(&self.index, r, style),
            what: format!(
                "{} in-text citation of “{}”",
                style.label(),
                sanitize::line(self.index.record(r).name())
            ),
        })
    }

    fn copy_id(&self) -> Option<Effect> {
        let r = self.view_record()?;
        let id = self.index.record(r).id().to_string();
        Some(Effect::Copy {
            what: format!("id {id}"),
            text: id,
        })
    }

    /// Every row of the list or the table of figures, in its order, as TSV.
    fn copy_rows(&self) -> Effect {
        let (text, what) = match self.view {
            View::Browse => (self.views.lists.rows_tsv(&self.index), "list"),
            _ => (self.views.stats.rows_tsv(&self.index), "figures"),
        };
        let rows = text.lines().count().saturating_sub(1);
        Effect::Copy {
            text,
            what: format!("all {rows} rows of the {what} as TSV"),
        }
    }

    /// Does what a view asked for.
    pub(super) fn follow(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Stay => {}
            Outcome::Close => self.show_view(View::Browse),
            Outcome::Open(r) => self.open(r),
            Outcome::Status(s) => self.status = Some(s),
        }
    }

    /// A click: on an overlay, else the view switcher in the title bar, else the view.
    pub(super) fn click(&mut self, x: u16, y: u16) -> Option<Effect> {
        if self.overlay.is_some() {
            return self.overlay_click(x, y);
        }
        if y == 0 {
            if let Some(&(v, ..)) = self.switcher().iter().find(|s| (s.2..s.3).contains(&x)) {
                self.show_view(v);
            }
            return None;
        }
        let ctx = self.ctx();
        let outcome = self.views.get_mut(self.view).click(x, y, &ctx);
        self.follow(outcome);
        None
    }

    pub(super) fn wheel(&mut self, x: u16, y: u16, d: i8) -> Option<Effect> {
        if self.overlay.is_some() {
            return self.overlay_wheel(x, y, d);
        }
        let ctx = self.ctx();
        self.views.get_mut(self.view).wheel(x, y, d, &ctx);
        None
    }
}
