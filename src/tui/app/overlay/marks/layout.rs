//! Where the marks list and what opens over it go on screen: shared by the keys (page sizes,
//! clicks) and the drawing, so the two never disagree.

use crate::prefs::keymap::{Action, Keymap, Mode, key_name};
use crate::text::sanitize::{display_width, truncate_to_width};
use crate::tui::layout::centered;
use ratatui::layout::Rect;

/// The marks list: a frame with the collections as tabs on its first row, the marks below, a
/// rule, and the keys at the bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub popup: Rect,
    pub tabs: Rect,
    pub list: Rect,
    pub rule: Rect,
    pub footer: Rect,
}

/// Keys that only move the cursor: every list has them, so the footer leaves them out.
const MOVES: [Action; 8] = [
    Action::Up,
    Action::Down,
    Action::Top,
    Action::Bottom,
    Action::PageUp,
    Action::PageDown,
    Action::HalfPageUp,
    Action::HalfPageDown,
];

/// "key what" for each action of the marks list, its first key, in the keymap's order and
/// closing last.
fn footer_items(keymap: &Keymap) -> Vec<String> {
    let mut seen: Vec<Action> = Vec::new();
    let mut items: Vec<(bool, String)> = Vec::new();
    for b in &keymap.bindings {
        let skip = MOVES.contains(&b.action) || matches!(b.action, Action::Quit);
        if !b.modes.contains(&Mode::Marks) || skip || seen.contains(&b.action) {
            continue;
        }
        seen.push(b.action);
        let item = format!("{} {}", key_name(b.code, b.mods), b.help);
        items.push((b.action == Action::Close, item));
    }
    items.sort_by_key(|(close, _)| *close);
    items.into_iter().map(|(_, item)| item).collect()
}

/// The footer's lines at `width`: whole items joined by " · ", as many lines as they need.
pub fn footer_lines(keymap: &Keymap, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for item in footer_items(keymap) {
        let item = truncate_to_width(&item, width).into_owned();
        if !line.is_empty() && display_width(&line) + 3 + display_width(&item) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(&item);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The marks list for `len` marks on a screen of `size`, between the title and status bars.
pub fn areas(size: (u16, u16), len: usize, keymap: &Keymap) -> Areas {
    let below = Rect::new(0, 1.min(size.1), size.0, size.1.saturating_sub(2));
    let width = size.0.saturating_sub(4).min(100);
    let mut footer = footer_lines(keymap, width.saturating_sub(2) as usize).len() as u16;
    let len = u16::try_from(len.max(1)).unwrap_or(u16::MAX);
    let popup = centered(below, width, len.saturating_add(footer + 4));
    let inner = Rect::new(
        popup.x + 1,
        popup.y + 1,
        popup.width.saturating_sub(2),
        popup.height.saturating_sub(2),
    );
    // On a short screen the keys give way to the marks; the status bar names the main ones.
    footer = footer.min(inner.height.saturating_sub(3));
    let list_rows = inner.height.saturating_sub(2 + footer);
    let row = |y: u16, height: u16| Rect::new(inner.x, y, inner.width, height);
    Areas {
        popup,
        tabs: row(inner.y, 1.min(inner.height)),
        list: row(inner.y + 1, list_rows),
        rule: row(inner.y + 1 + list_rows, 1.min(inner.height)),
        footer: row(inner.y + 2 + list_rows, footer),
    }
}

/// The choice of `n` collections, over the middle of the screen.
pub fn chooser(size: (u16, u16), n: usize) -> Rect {
    let whole = Rect::new(0, 0, size.0, size.1);
    let rows = u16::try_from(n.max(1)).unwrap_or(u16::MAX);
    let height = rows.saturating_add(2).min(size.1.saturating_sub(4)).max(3);
    centered(whole, size.0.saturating_sub(8).min(60), height)
}

/// A question, over the middle of the screen: two lines for it and one for the keys.
pub fn question(size: (u16, u16)) -> Rect {
    let whole = Rect::new(0, 0, size.0, size.1);
    centered(whole, size.0.saturating_sub(4).min(64), 5)
}

/// The line being written: a frame with the line and the keys, over the bottom of the list.
pub fn editor(a: &Areas) -> Rect {
    let p = a.popup;
    let height = 4.min(p.height);
    Rect::new(
        p.x + 2.min(p.width / 2),
        p.bottom().saturating_sub(height + 1).max(p.y),
        p.width.saturating_sub(4),
        height,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_stack_inside_the_frame_at_every_size() {
        let keymap = Keymap::default();
        for size in [(50, 12), (80, 24), (120, 40), (300, 100)] {
            for len in [0, 1, 5, 1000] {
                let a = areas(size, len, &keymap);
                let inside = |r: Rect| r.x > a.popup.x && r.right() < a.popup.right();
                assert!(
                    inside(a.tabs) && inside(a.list) && inside(a.footer),
                    "{size:?}"
                );
                assert_eq!(a.list.y, a.tabs.bottom());
                assert_eq!(a.rule.y, a.list.bottom());
                assert_eq!(a.footer.y, a.rule.bottom());
                assert_eq!(a.footer.bottom() + 1, a.popup.bottom(), "{size:?} {len}");
                assert!(a.list.height >= 1, "{size:?} {len}");
                assert!(
                    a.popup.y >= 1 && a.popup.bottom() < size.1,
                    "bars stay in view"
                );
            }
        }
    }

    #[test]
    fn the_footer_names_every_key_of_the_list_but_the_moves() {
        let keymap = Keymap::default();
        let text = footer_lines(&keymap, 76).join(" · ");
        for item in [
            "Enter choose",
            "e note",
            "M move to…",
            "D delete collection",
            "y copy",
        ] {
            assert!(text.contains(item), "{text}");
        }
        assert!(text.ends_with("Esc close"), "{text}");
        assert!(!text.contains("down"), "{text}");
        for line in footer_lines(&keymap, 40) {
            assert!(display_width(&line) <= 40, "{line}");
        }
    }
}
