//! The one place that keeps a selection on screen, for every list, document and popup.

use crate::prefs::keymap::Action;

/// Scrolls `offset` so that rows `top..=row` are on a screen of `height` rows, then keeps the
/// screen within `total` rows. `top` is usually `row`, or a heading above it that should come
/// into view with it.
pub fn reveal(offset: &mut usize, top: usize, row: usize, total: usize, height: usize) {
    let height = height.max(1);
    if top < *offset {
        *offset = top;
    } else if row >= *offset + height {
        *offset = (row + 1 - height).min(top);
    }
    *offset = (*offset).min(total.saturating_sub(height));
}

/// How far a movement key goes in a list of pages of `page` rows: one row, half a page, a
/// page, or to an end.
pub fn delta(action: Action, page: usize) -> Option<isize> {
    let page = page.max(1) as isize;
    Some(match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::HalfPageUp => -(page / 2).max(1),
        Action::HalfPageDown => (page / 2).max(1),
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

/// `cursor` moved by `delta` within `len` items.
pub fn step(cursor: usize, delta: isize, len: usize) -> usize {
    let last = len.saturating_sub(1) as isize;
    (cursor as isize)
        .saturating_add(delta)
        .clamp(0, last.max(0)) as usize
}

/// A selected row of a list and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    pub fn at(selected: usize) -> Cursor {
        Cursor {
            selected,
            offset: 0,
        }
    }

    /// Moves by `delta` within `len` rows and keeps the selection on a screen of `height`.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        self.selected = step(self.selected, delta, len);
        self.show(len, height);
    }

    /// Selects row `i` (clamped to the list) and keeps it on screen.
    pub fn select(&mut self, i: usize, len: usize, height: usize) {
        self.selected = i.min(len.saturating_sub(1));
        self.show(len, height);
    }

    /// Keeps the selection on a screen of `height` rows.
    pub fn show(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        reveal(&mut self.offset, self.selected, self.selected, len, height);
    }

    /// The row under a click on the `row`th visible line, if there is one.
    pub fn row_at(&self, row: usize, len: usize) -> Option<usize> {
        let i = self.offset + row;
        (i < len).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_on_screen_and_the_screen_within_the_list() {
        let mut c = Cursor::default();
        c.step(15, 100, 10);
        assert_eq!((c.selected, c.offset), (15, 6));
        c.step(-10, 100, 10);
        assert_eq!((c.selected, c.offset), (5, 5));
        c.step(isize::MAX / 2, 100, 10);
        assert_eq!((c.selected, c.offset), (99, 90));
        c.show(20, 10);
        assert_eq!((c.selected, c.offset), (19, 10));
    }

    #[test]
    fn a_heading_comes_into_view_with_its_first_row() {
        let mut offset = 10;
        reveal(&mut offset, 7, 8, 100, 5);
        assert_eq!(offset, 7);
        reveal(&mut offset, 19, 20, 100, 5);
        assert_eq!(offset, 16);
    }
}
