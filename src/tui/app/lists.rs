//! The lists: a tab per kind (and one for all), the records of the tab, and the selected
//! record's detail pane. Rows come straight from the index, so moving costs the same at a
//! million records as at a hundred.

use super::cursor::{Cursor, delta};
use super::detail_pane::DetailPane;
use super::filter::RowFilter;
use super::screen::Screen;
use super::table::{self, Order, SortKey};
use super::{Ctx, Outcome, Place};
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::tables::kind_slot;
use crate::prefs::keymap::Action;
use crate::text::sanitize;
use crate::tui::layout::{self, inner_row, inside};
use std::sync::Arc;

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
    /// The filter on the rows, if any: going back brings it back.
    pub filter: Option<Arc<RowFilter>>,
}

#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub tab: usize,
    pub list: Cursor,
    pub focus: Focus,
    pub detail: DetailPane,
    /// How every tab is sorted; by name unless the user chose otherwise.
    pub order: Order,
    /// The records the rows are narrowed to (`|`), on every tab.
    filter: Option<Arc<RowFilter>>,
    /// The current tab's rows in `order` and through the filter, when that is not the index's
    /// own list.
    sorted: Option<Sorted>,
}

/// One tab sorted and filtered: its records in order, and where each record is (by record
/// number).
#[derive(Debug, Clone)]
struct Sorted {
    tab: usize,
    order: Order,
    filter: Option<Arc<RowFilter>>,
    rows: Vec<usize>,
    position: Vec<u32>,
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
/// to show the active one. Under a filter, each counts the records that pass it.
pub fn tabs(index: &Index, filter: Option<&RowFilter>, width: u16, active: usize) -> layout::Tabs {
    let label = |t: usize, level: usize| {
        let (name, short, n) = match tab_kind(t) {
            Some(k) => (k.plural(), k.short(), index.of_kind(k).len()),
            None => ("All", "all", index.len()),
        };
        let n = filter.map_or(n, |f| f.count(tab_kind(t)));
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

    /// The order a tab lists records in before any sorting, in words.
    pub fn given(&self) -> &'static str {
        match self.kind() {
            None => "kind, name",
            Some(Kind::Statistic) => "series",
            Some(_) => "name",
        }
    }

    /// The keys `s` cycles through on this tab: by name is the given order of most tabs.
    fn keys(&self) -> &'static [SortKey] {
        match self.kind() {
            None | Some(Kind::Statistic) => &[SortKey::Given, SortKey::Name, SortKey::Date],
            Some(_) => &[SortKey::Given, SortKey::Date],
        }
    }

    /// How many rows the list has, through the filter.
    pub fn len(&self, index: &Index) -> usize {
        match &self.sorted {
            Some(s) => s.rows.len(),
            None => index.list_len(self.kind()),
        }
    }

    /// The records of every row, in order.
    pub fn rows(&self, index: &Index) -> Vec<usize> {
        (0..self.len(index))
            .filter_map(|i| self.row(index, i))
            .collect()
    }

    /// How many records the tab lists without the filter.
    pub fn unfiltered_len(&self, index: &Index) -> usize {
        index.list_len(self.kind())
    }

    /// The record on row `row` of the list, in the list's order.
    pub fn row(&self, index: &Index, row: usize) -> Option<usize> {
        match &self.sorted {
            Some(s) => s.rows.get(row).copied(),
            None => index.list_row(self.kind(), row),
        }
    }

    /// Where record `r` is in the list, if the list shows it.
    fn position(&self, index: &Index, r: usize) -> Option<usize> {
        match &self.sorted {
            Some(s) => s
                .position
                .get(r)
                .filter(|&&p| p != u32::MAX)
                .map(|&p| p as usize),
            None => index.list_position(self.kind(), r),
        }
    }

    /// Sorts the current tab when its order is not the index's; a tab is sorted once, when it
    /// or the order changes (O(n log n), then every row is a lookup).
    fn sort(&mut self, index: &Index) {
        if self.order.is_given() && self.filter.is_none() {
            self.sorted = None;
            return;
        }
        let same_filter = |s: &Sorted| match (&s.filter, &self.filter) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        if matches!(&self.sorted, Some(s) if s.tab == self.tab && s.order == self.order && same_filter(s))
        {
            return;
        }
        let kind = self.kind();
        let filter = self.filter.as_deref();
        let mut rows: Vec<usize> = (0..index.list_len(kind))
            .filter_map(|i| index.list_row(kind, i))
            .filter(|&r| filter.is_none_or(|f| f.contains(r)))
            .collect();
        if !self.order.is_given() {
            table::sort(index, &mut rows, self.order);
        }
        let mut position = vec![u32::MAX; index.len()];
        for (p, &r) in rows.iter().enumerate() {
            position[r] = p as u32;
        }
        self.sorted = Some(Sorted {
            tab: self.tab,
            order: self.order,
            filter: self.filter.clone(),
            rows,
            position,
        });
    }

    /// The data was loaded again: what was made from the old data goes.
    /// A filter names records of the old data, so it goes too.
    pub fn data_changed(&mut self) {
        self.filter = None;
        self.sorted = None;
        self.detail = DetailPane::default();
    }

    /// The record selected in the list.
    pub fn selected(&self, index: &Index) -> Option<usize> {
        self.row(index, self.list.selected)
    }

    /// Sorts by the next key, or the other way, staying on the selected record.
    fn resort(&mut self, order: Order, ctx: &Ctx) -> Outcome {
        let keep = self.selected(&ctx.index);
        self.order = order;
        self.sort(&ctx.index);
        let row = keep.and_then(|r| self.position(&ctx.index, r)).unwrap_or(0);
        self.list
            .select(row, self.len(&ctx.index), list_height(ctx.size));
        self.refresh(ctx);
        Outcome::Status(format!("Sorted {}", self.order.describe(self.given())))
    }

    /// Every row of the current tab, in its order, as tab-separated text with a header.
    pub fn rows_tsv(&self, index: &Index) -> String {
        let mut rows = vec![
            ["id", "kind", "name", "date", "value", "unit", "figure"]
                .map(String::from)
                .to_vec(),
        ];
        for r in self.rows(index) {
            let record = index.record(r);
            // The value as a number, and as reported (its qualifier and status kept).
            let (value, unit, figure) = match record {
                crate::data::record::Record::Statistic(s) => (
                    s.value.to_string(),
                    s.unit.to_string(),
                    s.figure().text(true),
                ),
                _ => Default::default(),
            };
            rows.push(vec![
                record.id().to_string(),
                record.kind().word().to_string(),
                record.name().to_string(),
                record.date().map(|d| d.to_string()).unwrap_or_default(),
                value,
                unit,
                figure,
            ]);
        }
        table::tsv(&rows)
    }

    /// Shows the selected record in the detail pane, laid out for the screen.
    fn refresh(&mut self, ctx: &Ctx) {
        self.sort(&ctx.index);
        let h = list_height(ctx.size);
        self.list.show(self.len(&ctx.index), h);
        let record = self.selected(&ctx.index);
        self.detail.show(&ctx.index, record, detail_size(ctx.size));
    }

    /// Switches tab, staying on the same record when the new tab lists it.
    pub fn set_tab(&mut self, tab: usize, ctx: &Ctx) {
        let keep = self.selected(&ctx.index);
        self.tab = tab % TABS;
        self.sort(&ctx.index);
        let row = keep.and_then(|r| self.position(&ctx.index, r));
        self.list = Cursor::at(row.unwrap_or(0));
        self.refresh(ctx);
    }

    /// Narrows the rows to `filter` (none: every row), staying on the selected record when it
    /// passes.
    fn narrow(&mut self, filter: Option<Arc<RowFilter>>, ctx: &Ctx) {
        let keep = self.selected(&ctx.index);
        self.filter = filter;
        self.sort(&ctx.index);
        // Nothing of this tab passes but records of other kinds do: show them all.
        if self.len(&ctx.index) == 0 && self.filter.as_ref().is_some_and(|f| f.count(None) > 0) {
            self.tab = 0;
            self.sort(&ctx.index);
        }
        let row = keep.and_then(|r| self.position(&ctx.index, r));
        self.list = Cursor::at(row.unwrap_or(0));
        self.focus = Focus::List;
        self.refresh(ctx);
    }

    /// Shows `record`: on its own tab unless the current one lists it. A filter that leaves it
    /// out is set aside (going back brings it back); true when one was.
    pub fn show_record(&mut self, record: usize, focus: Focus, ctx: &Ctx) -> bool {
        let set_aside = self.filter.as_ref().is_some_and(|f| !f.contains(record));
        if set_aside {
            self.filter = None;
        }
        if ctx.index.list_position(self.kind(), record).is_none() {
            let kind = ctx.index.kind(record);
            self.tab = kind_slot(kind) + 1;
        }
        self.sort(&ctx.index);
        let row = self.position(&ctx.index, record).unwrap_or(0);
        self.list
            .select(row, self.len(&ctx.index), list_height(ctx.size));
        self.focus = focus;
        self.refresh(ctx);
        set_aside
    }

    /// Where the lists stand, for the history.
    pub fn spot(&self, index: &Index) -> ListsPlace {
        ListsPlace {
            tab: self.tab,
            record: self.selected(index),
            list_offset: self.list.offset,
            focus: self.focus,
            link: self.detail.link,
            scroll: self.detail.scroll,
            filter: self.filter.clone(),
        }
    }

    fn move_list(&mut self, d: isize, ctx: &Ctx) {
        let before = self.list.selected;
        self.list
            .step(d, self.len(&ctx.index), list_height(ctx.size));
        if self.list.selected != before {
            self.refresh(ctx);
        }
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
}

impl Screen for Lists {
    fn filter(&self) -> Option<&Arc<RowFilter>> {
        self.filter.as_ref()
    }

    fn set_filter(&mut self, filter: Option<Arc<RowFilter>>, ctx: &Ctx) {
        self.narrow(filter, ctx);
    }

    /// What `y` cites: the source under the link cursor, else the record shown.
    fn record(&self, index: &Index) -> Option<usize> {
        if self.focus == Focus::Detail
            && let Some(t) = self.detail.link_target()
            && index.kind(t) == Kind::Source
        {
            return Some(t);
        }
        self.detail.record
    }

    fn place(&self, index: &Index) -> Option<Place> {
        Some(Place::Lists(self.spot(index)))
    }

    fn restore(&mut self, place: &Place, ctx: &Ctx) {
        let Place::Lists(place) = place else { return };
        self.tab = place.tab % TABS;
        self.filter.clone_from(&place.filter);
        self.sort(&ctx.index);
        let row = place.record.and_then(|r| self.position(&ctx.index, r));
        self.list = Cursor {
            selected: row.unwrap_or(0),
            offset: place.list_offset,
        };
        self.focus = place.focus;
        self.refresh(ctx);
        self.detail.link = place.link;
        self.detail.scroll = place.scroll;
        self.detail.resize(&ctx.index, detail_size(ctx.size));
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
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
            Action::SortNext => return self.resort(self.order.next_key(self.keys()), ctx),
            Action::SortReverse => return self.resort(self.order.reversed(), ctx),
            Action::ScrollDown | Action::ScrollUp => {
                self.detail.update(action);
            }
            Action::ClearFilter if self.filter.is_some() => {
                self.narrow(None, ctx);
                return Outcome::Status("RowFilter cleared".into());
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

    fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
        let areas = layout::screen(ctx.size);
        if inside(areas.tabs, x, y) {
            let filter = self.filter.as_deref();
            if let Some(t) = tabs(&ctx.index, filter, areas.tabs.width, self.tab).at(x) {
                self.set_tab(t, ctx);
            }
        } else if let Some(row) = inner_row(areas.list, x, y) {
            if let Some(i) = self.list.row_at(row, self.len(&ctx.index)) {
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

    fn wheel(&mut self, x: u16, y: u16, d: i8, ctx: &Ctx) {
        let areas = layout::screen(ctx.size);
        let step = isize::from(d) * 3;
        if inside(areas.list, x, y) {
            self.move_list(step, ctx);
        } else if inside(areas.detail, x, y) {
            self.detail.scroll_by(step);
        }
    }

    fn resize(&mut self, ctx: &Ctx) {
        self.list.show(self.len(&ctx.index), list_height(ctx.size));
        self.detail.resize(&ctx.index, detail_size(ctx.size));
    }
}
