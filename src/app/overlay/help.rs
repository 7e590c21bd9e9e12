//! The help screen, generated from the keymap so that it cannot go stale. It opens at the keys
//! of the mode the user was in.

use crate::app::cursor::delta;
use crate::doc::{Doc, Line, Tone};
use crate::keymap::{Action, Keymap, Mode};

pub struct Help {
    pub doc: Doc,
    pub scroll: usize,
}

const MOUSE: &[(&str, &str)] = &[
    ("click", "select a row, a tab or a link"),
    ("click again", "open the selected row or follow the link"),
    ("wheel", "scroll the pane under the pointer"),
    ("click a view's name", "switch view (top right)"),
    (
        "click a tab",
        "timeline: filter a kind; map: go to a region",
    ),
    (
        "wheel on the map",
        "zoom in (up) or out (down) at the pointer",
    ),
];

impl Help {
    /// Help for every mode, scrolled to the section of `from`.
    pub fn new(keymap: &Keymap, from: Mode) -> Help {
        let mut doc = Doc::default();
        doc.push(Line::new(
            "ngo-atlas: every key of every mode",
            Tone::Heading,
        ));
        doc.blank();
        let mut scroll = 0;
        for mode in Mode::ALL {
            if mode == from {
                scroll = doc.lines.len();
            }
            doc.push(Line::new(keymap.title(mode), Tone::Subheading));
            for (keys, help) in keymap.help(mode) {
                doc.push(Line::new(format!("  {keys:<26}"), Tone::Key).push(help, Tone::Plain));
            }
            doc.blank();
        }
        doc.push(Line::new("Mouse", Tone::Subheading));
        for (what, help) in MOUSE {
            doc.push(Line::new(format!("  {what:<26}"), Tone::Key).push(*help, Tone::Plain));
        }
        doc.blank();
        doc.push(Line::new(
            "Search prefixes: org: person: event: programme: stat: place: source:",
            Tone::Dim,
        ));
        Help { doc, scroll }
    }

    pub fn update(&mut self, action: Action, page: usize) {
        if let Some(d) = delta(action, page) {
            let max = self.doc.lines.len().saturating_sub(page.max(1));
            self.scroll = (self.scroll as isize)
                .saturating_add(d)
                .clamp(0, max as isize) as usize;
        }
    }
}
