//! The lists: a tab per kind (and one for all), the records of the tab, and the selected
//! record's detail pane. Rows come straight from the index, so moving costs the same at a
//! million records as at a hundred.

use super::cursor::{Cursor, delta};
use super::detail_pane::DetailPane;
use super::{Ctx, Outcome};
use crate::index::Index;
use crate::keymap::Action;
use crate::layout::{self, inner_row, inside};
use crate::model::Kind;
use crate::sanitize;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Detail,
}

/// Tabs: 0 is all kinds, 1.. are `Kind::ALL` in order.
pub const TABS: usize = Kind::ALL.len() + 1;

pub fn tab_kind(tab: usize) -> Option<Kind> {
    tab.checked_sub(1).and_then(|i| Kind::ALL.get(i).copied())
}

/// What history keeps of the lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListsPlace {
    pub tab: usize,
    pub record: Option<usize>,
    pub list_offset: usize,
    pub focus: Focus,
    pub link: usize,
    pub scroll: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub tab: usize,
    pub list: Cursor,
    pub focus: Focus,
    pub detail: DetailPane,
}

/// The detail pane's inner size for a screen.
pub fn detail_size(size: (u16, u16)) -> (usize, usize) {
    let a = layout::screen(size).detail;
    (layout::inner_width(a), layout::inner_height(a))
}

fn list_height(size: (u16, u16)) -> usize {
    layout::inner_height(layout::screen(size).list)
}

/// The kind tabs as drawn: "1 Organizations 38", shortened until they all fit, else scrolled
/// to show the active one.
pub fn tabs(index: &Index, width: u16, active: usize) -> layout::Tabs {
    let label = |t: usize, level: usize| {
        let (name, short, n) = match tab_kind(t) {
            Some(k) => (k.plural(), k.short(), index.of_kind(k).len()),
            None => ("All", "all", index.len()),
        };
        match level {
            0 => format!("{t} {name} {n}"),
            1 => format!("{name} {n}"),
            _ => format!("{short} {n}"),
        }
    };
    let gap = |level: usize| if level < 2 { 3 } else { 1 };
    let fits = |level: usize| {
        let total: usize = (0..TABS)
            .map(|t| sanitize::display_width(&label(t, level)) + gap(level))
            .sum();
        total <= width as usize
    };
    let level = (0..3).find(|&l| fits(l)).unwrap_or(2);
    let labels: Vec<String> = (0..TABS).map(|t| label(t, level)).collect();
    layout::Tabs::new(labels, Some(active), width, gap(level) as u16)
}

impl Lists {
    pub fn new(ctx: &Ctx) -> Lists {
        let mut lists = Lists {
            tab: 1,
            ..Lists::default()
        };
        lists.refresh(ctx);
        lists
    }

    pub fn kind(&self) -> Option<Kind> {
        tab_kind(self.tab)
    }

    fn len(&self, index: &Index) -> usize {
        index.list_len(self.kind())
    }

    /// The record selected in the list.
    pub fn selected(&self, index: &Index) -> Option<usize> {
        index.list_row(self.kind(), self.list.selected)
    }

    /// Shows the selected record in the detail pane, laid out for the screen.
    fn refresh(&mut self, ctx: &Ctx) {
        let h = list_height(ctx.size);
        self.list.show(self.len(ctx.index), h);
        let record = self.selected(ctx.index);
        self.detail.show(ctx.index, record, detail_size(ctx.size));
    }

    pub fn resize(&mut self, ctx: &Ctx) {
        self.list.show(self.len(ctx.index), list_height(ctx.size));
        self.detail.resize(ctx.index, detail_size(ctx.size));
    }

    /// Switches tab, staying on the same record when the new tab lists it.
    pub fn set_tab(&mut self, tab: usize, ctx: &Ctx) {
        let keep = self.selected(ctx.index);
        self.tab = tab % TABS;
        let row = keep.and_then(|r| ctx.index.list_position(self.kind(), r));
        self.list = Cursor::at(row.unwrap_or(0));
        self.refresh(ctx);
    }

    /// Shows `record`: on its own tab unless the current one lists it.
    pub fn show_record(&mut self, record: usize, focus: Focus, ctx: &Ctx) {
        if ctx.index.list_position(self.kind(), record).is_none() {
            let kind = ctx.index.record(record).kind();
            self.tab = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0) + 1;
        }
        let row = ctx.index.list_position(self.kind(), record).unwrap_or(0);
        self.list
            .select(row, self.len(ctx.index), list_height(ctx.size));
        self.focus = focus;
        self.refresh(ctx);
    }

    pub fn place(&self, index: &Index) -> ListsPlace {
        ListsPlace {
            tab: self.tab,
            record: self.selected(index),
            list_offset: self.list.offset,
            focus: self.focus,
            link: self.detail.link,
            scroll: self.detail.scroll,
        }
    }

    pub fn restore(&mut self, place: &ListsPlace, ctx: &Ctx) {
        self.tab = place.tab % TABS;
        let row = place
            .record
            .and_then(|r| ctx.index.list_position(self.kind(), r));
        self.list = Cursor {
            selected: row.unwrap_or(0),
            offset: place.list_offset,
        };
        self.focus = place.focus;
        self.refresh(ctx);
        self.detail.link = place.link;
        self.detail.scroll = place.scroll;
        self.detail.resize(ctx.index, detail_size(ctx.size));
    }

    /// What `y` cites: the source under the link cursor, else the record shown.
    pub fn copy_target(&self, index: &Index) -> Option<usize> {
        if self.focus == Focus::Detail
            && let Some(t) = self.detail.link_target()
            && index.record(t).kind() == Kind::Source
        {
            return Some(t);
        }
        self.detail.record
    }

    fn move_list(&mut self, d: isize, ctx: &Ctx) {
        let before = self.list.selected;
        self.list
            .step(d, self.len(ctx.index), list_height(ctx.size));
        if self.list.selected != before {
            self.refresh(ctx);
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        match action {
            Action::FocusNext | Action::FocusPrev => {
                self.focus = match self.focus {
                    Focus::List => Focus::Detail,
                    Focus::Detail => Focus::List,
                }
            }
            Action::FocusList => self.focus = Focus::List,
            Action::FocusDetail => self.focus = Focus::Detail,
            Action::Tab(t) => self.set_tab(t, ctx),
            Action::NextTab => self.set_tab(self.tab + 1, ctx),
            Action::PrevTab => self.set_tab(self.tab + TABS - 1, ctx),
            Action::Open => return self.open(),
            Action::ScrollDown | Action::ScrollUp => {
                self.detail.update(action);
            }
            a => match self.focus {
                Focus::List => {
                    if let Some(d) = delta(a, list_height(ctx.size)) {
                        self.move_list(d, ctx);
                    }
                }
                Focus::Detail => {
                    self.detail.update(a);
                }
            },
        }
        Outcome::Stay
    }

    fn open(&mut self) -> Outcome {
        match self.focus {
            Focus::List => match self.detail.record {
                Some(r) => Outcome::Open(r),
                None => Outcome::Status("Nothing here to open".into()),
            },
            Focus::Detail => match self.detail.link_target() {
                Some(t) => Outcome::Open(t),
                None => Outcome::Status("No link here to follow".into()),
            },
        }
    }

    pub fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
        let areas = layout::screen(ctx.size);
        if inside(areas.tabs, x, y) {
            if let Some(t) = tabs(ctx.index, areas.tabs.width, self.tab).at(x) {
                self.set_tab(t, ctx);
            }
        } else if let Some(row) = inner_row(areas.list, x, y) {
            if let Some(i) = self.list.row_at(row, self.len(ctx.index)) {
                let again = i == self.list.selected && self.focus == Focus::List;
                self.focus = Focus::List;
                if again {
                    return self.open();
                }
                self.list.selected = i;
                self.refresh(ctx);
            }
        } else if let Some(row) = inner_row(areas.detail, x, y) {
            let again = self.detail.click(row) == Some(true) && self.focus == Focus::Detail;
            self.focus = Focus::Detail;
            if again {
                return self.open();
            }
        }
        Outcome::Stay
    }

    pub fn wheel(&mut self, x: u16, y: u16, d: i8, ctx: &Ctx) {
        let areas = layout::screen(ctx.size);
        let step = isize::from(d) * 3;
        if inside(areas.list, x, y) {
            self.move_list(step, ctx);
        } else if inside(areas.detail, x, y) {
            self.detail.scroll_by(step);
        }
    }
}
