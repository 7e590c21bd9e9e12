//! The detail pane: one record's document, a cursor over its links and a scroll position. Keys
//! read it as a pager does: `j`/`k` go from link to link and scroll through the text between
//! and beyond them, `g`/`G` reach the very top and bottom, Ctrl-E/Ctrl-Y and Ctrl-D/Ctrl-U
//! scroll whatever the cursor, so every line can be read with the keyboard alone.

use super::cursor::{delta, reveal};
use super::detail_doc::{self, DetailDoc};
use crate::data::index::Index;
use crate::prefs::keymap::Action;
use crate::query::search::{Field, Query, highlight};
use std::ops::Range;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailPane {
    pub record: Option<usize>,
    /// The link cursor: an index into the document's items.
    pub link: usize,
    /// The first line shown.
    pub scroll: usize,
    pub content: DetailDoc,
    /// The search that led here: where it matched, and its words to mark in that field.
    found: Option<(Field, Query)>,
    /// Those words, by line of the document: worked out when the search or the document
    /// changes, so drawing only reads them.
    marks: Vec<(usize, Vec<Range<usize>>)>,
    /// The record and width the document was built for.
    built: Option<(usize, usize)>,
    height: usize,
}

impl DetailPane {
    /// Shows `record` in a pane of `width`×`height` inner cells; a new record starts at the
    /// top with the first link selected.
    pub fn show(&mut self, index: &Index, record: Option<usize>, (width, height): (usize, usize)) {
        match record {
            Some(r) if self.built == Some((r, width)) && self.record == record => {
                self.height = height.max(1);
                self.clamp();
            }
            Some(r) => self.set(
                record,
                detail_doc::build(index, r, width),
                Some((r, width)),
                height,
            ),
            None => self.set(None, DetailDoc::default(), None, height),
        }
    }

    /// Shows any document with links, such as a view's: `record` names it (a new one starts
    /// at the top), `built` says what it was made from, so the same can be kept on a resize.
    pub fn set(
        &mut self,
        record: Option<usize>,
        content: DetailDoc,
        built: Option<(usize, usize)>,
        height: usize,
    ) {
        if record != self.record {
            self.record = record;
            self.link = 0;
            self.scroll = 0;
            self.found = None;
        }
        self.content = content;
        self.built = built;
        self.height = height.max(1);
        self.clamp();
        self.mark_found();
    }

    /// The search that led here: where it matched and its words.
    pub fn found(&self) -> Option<&(Field, Query)> {
        self.found.as_ref()
    }

    /// Forgets the search that led here.
    pub fn lose_found(&mut self) {
        self.found = None;
        self.marks.clear();
    }

    /// The words the search found on `line` of the document, if any.
    pub fn found_on(&self, line: usize) -> Option<&[Range<usize>]> {
        self.marks
            .iter()
            .find(|(l, _)| *l == line)
            .map(|(_, r)| r.as_slice())
    }

    fn mark_found(&mut self) {
        self.marks.clear();
        let Some((field, query)) = &self.found else {
            return;
        };
        let Some(lines) = self.content.lines_of(*field) else {
            return;
        };
        for i in lines {
            if let Some(line) = self.content.doc.lines.get(i) {
                self.marks.push((i, highlight(&line.text(), query, *field)));
            }
        }
    }

    fn clamp(&mut self) {
        let n = self.content.targets.len();
        self.link = self.link.min(n.saturating_sub(1));
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// The same record and place in a pane of another size.
    pub fn resize(&mut self, index: &Index, size: (usize, usize)) {
        self.show(index, self.record, size);
    }

    pub fn lines(&self) -> usize {
        self.content.doc.lines.len()
    }

    fn max_scroll(&self) -> usize {
        self.lines().saturating_sub(self.height)
    }

    fn rows(&self) -> &[usize] {
        &self.content.doc.items
    }

    fn visible(&self, row: usize) -> bool {
        (self.scroll..self.scroll + self.height).contains(&row)
    }

    fn link_visible(&self) -> bool {
        self.rows().get(self.link).is_some_and(|&r| self.visible(r))
    }

    /// The record the link cursor is on.
    pub fn link_target(&self) -> Option<usize> {
        self.content.targets.get(self.link).copied()
    }

    /// Shows the selected link, and the group heading above it when scrolling up to it.
    fn reveal_link(&mut self) {
        if let Some(&row) = self.rows().get(self.link) {
            let total = self.lines();
            reveal(
                &mut self.scroll,
                row.saturating_sub(1),
                row,
                total,
                self.height,
            );
        }
    }

    /// After scrolling, the cursor moves onto a link on screen if its own went off it.
    fn keep_link_on_screen(&mut self, downwards: bool) {
        let Some(&row) = self.rows().get(self.link) else {
            return;
        };
        if self.visible(row) {
            return;
        }
        let on_screen: Vec<usize> = (0..self.rows().len())
            .filter(|&i| self.visible(self.rows()[i]))
            .collect();
        let pick = if downwards {
            on_screen.first()
        } else {
            on_screen.last()
        };
        if let Some(&i) = pick {
            self.link = i;
        }
    }

    pub fn scroll_by(&mut self, delta: isize) {
        let max = self.max_scroll() as isize;
        self.scroll = (self.scroll as isize).saturating_add(delta).clamp(0, max) as usize;
        self.keep_link_on_screen(delta > 0);
    }

    /// `j`: to the next link if it is on screen, else a line further down the text.
    fn down(&mut self) {
        if !self.rows().is_empty() && !self.link_visible() {
            self.keep_link_on_screen(true);
            if self.link_visible() {
                return;
            }
        }
        match self.rows().get(self.link + 1).copied() {
            Some(next) if self.visible(next) => {
                self.link += 1;
                self.reveal_link();
            }
            Some(_) if self.scroll < self.max_scroll() => self.scroll += 1,
            Some(_) => self.link += 1,
            None => self.scroll = (self.scroll + 1).min(self.max_scroll()),
        }
    }

    /// `k`: to the previous link if it is on screen, else a line further up the text.
    fn up(&mut self) {
        if !self.rows().is_empty() && !self.link_visible() {
            self.keep_link_on_screen(false);
            if self.link_visible() {
                return;
            }
        }
        let prev = self.link.checked_sub(1).map(|i| self.rows()[i]);
        match prev {
            Some(row) if row >= self.scroll => {
                self.link -= 1;
                self.reveal_link();
            }
            _ => self.scroll = self.scroll.saturating_sub(1),
        }
    }

    /// Handles a movement key; false when the key is not one.
    pub fn update(&mut self, action: Action) -> bool {
        let page = self.height;
        match action {
            Action::Down => self.down(),
            Action::Up => self.up(),
            Action::Top => {
                self.scroll = 0;
                self.link = 0;
            }
            Action::Bottom => {
                self.scroll = self.max_scroll();
                self.link = self.rows().len().saturating_sub(1);
            }
            Action::ScrollDown => self.scroll_by(1),
            Action::ScrollUp => self.scroll_by(-1),
            Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
                let d = delta(action, page).unwrap_or(0);
                self.scroll_by(d);
            }
            _ => return false,
        }
        true
    }

    /// A click on the `row`th line of the pane: selects the link there (true if it was
    /// already selected, so a second click follows it).
    pub fn click(&mut self, row: usize) -> Option<bool> {
        let line = self.scroll + row;
        let i = self.rows().iter().position(|&r| r == line)?;
        let again = i == self.link;
        self.link = i;
        Some(again)
    }

    /// Marks what a search found in the shown record and scrolls to it: a quote's first line
    /// at the top (after a line of context), the link cursor on its source.
    pub fn find(&mut self, field: Field, query: Query) {
        if let Some(lines) = self.content.lines_of(field)
            && matches!(field, Field::Quote(_) | Field::Note)
        {
            self.scroll = lines.start.saturating_sub(1).min(self.max_scroll());
            if let Some(i) = self.rows().iter().rposition(|&r| r < lines.start) {
                self.link = i;
            }
        }
        self.found = Some((field, query));
        self.mark_found();
    }

    /// The range of lines shown, for the pane's title.
    pub fn shown(&self) -> (usize, usize, usize) {
        let total = self.lines();
        (
            self.scroll + 1,
            (self.scroll + self.height).min(total),
            total,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pane(id: &str, size: (usize, usize)) -> (Index, DetailPane) {
        let index = Index::new(crate::ingest::load::load_builtin().expect("built-in dataset"));
        let mut p = DetailPane::default();
        let r = index.get(id).expect("record exists");
        p.show(&index, Some(r), size);
        (index, p)
    }

    #[test]
    fn j_reaches_every_line_and_k_comes_back_to_the_top() {
        let (_, mut p) = pane("cnie-2020-online-conference", (48, 10));
        assert!(p.lines() > 20);
        let mut last_seen = 0;
        for _ in 0..1000 {
            p.update(Action::Down);
            last_seen = last_seen.max(p.shown().1);
        }
        assert_eq!(last_seen, p.lines(), "the last line is reachable");
        for _ in 0..1000 {
            p.update(Action::Up);
        }
        assert_eq!((p.scroll, p.link), (0, 0));
    }

    #[test]
    fn g_and_capital_g_go_to_the_very_ends() {
        let (_, mut p) = pane("cnie-2020-online-conference", (48, 10));
        p.update(Action::Bottom);
        assert_eq!(p.shown().1, p.lines());
        assert_eq!(p.link + 1, p.content.targets.len());
        p.update(Action::Top);
        assert_eq!(p.shown().0, 1);
    }

    #[test]
    fn scrolling_keeps_the_link_cursor_on_screen() {
        let (_, mut p) = pane("cnie-2020-online-conference", (48, 10));
        p.update(Action::HalfPageDown);
        p.update(Action::HalfPageDown);
        p.update(Action::HalfPageDown);
        let row = p.content.doc.items[p.link];
        assert!(p.visible(row) || !p.content.doc.items.iter().any(|&r| p.visible(r)));
        p.update(Action::ScrollUp);
        assert!(p.scroll > 0);
    }
}
