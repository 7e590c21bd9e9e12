//! The help screen, generated from the keymap so that it cannot go stale. It opens at the keys
//! of the mode the user was in, and `/` filters it to the lines that mention what is typed.

use super::{Answer, Layer, World};
use crate::prefs::keymap::{Action, Keymap, Mode};
use crate::text::doc::{Doc, Line, Tone};
use crate::tui::app::Outcome;
use crate::tui::app::cursor::delta;
use crate::tui::layout;

pub struct Help {
    /// Every line, and which of them are section headings.
    all: Doc,
    headings: Vec<usize>,
    /// What is shown: every line, or those matching the filter under their headings.
    pub doc: Doc,
    pub scroll: usize,
    pub filter: String,
    /// Keys go into the filter rather than move the help.
    pub typing: bool,
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
        let mut headings = Vec::new();
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
            headings.push(doc.lines.len());
            doc.push(Line::new(keymap.title(mode), Tone::Subheading));
            for (keys, help) in keymap.help(mode) {
                doc.push(Line::new(format!("  {keys:<26}"), Tone::Key).push(help, Tone::Plain));
            }
            doc.blank();
        }
        headings.push(doc.lines.len());
        doc.push(Line::new("Mouse", Tone::Subheading));
        for (what, help) in MOUSE {
            doc.push(Line::new(format!("  {what:<26}"), Tone::Key).push(*help, Tone::Plain));
        }
        doc.blank();
        doc.push(Line::new(
            "Search prefixes: org: person: event: programme: stat: place: source:",
            Tone::Dim,
        ));
        doc.push(Line::new(
            "Search: \"belt and road\" finds the words together, -word leaves out",
            Tone::Dim,
        ));
        Help {
            doc: doc.clone(),
            all: doc,
            headings,
            scroll,
            filter: String::new(),
            typing: false,
        }
    }

    /// Shows the lines that mention the filter, each under its section's heading.
    fn refilter(&mut self) {
        self.scroll = 0;
        let needle = self.filter.to_lowercase();
        if needle.is_empty() {
            self.doc = self.all.clone();
            return;
        }
        let mut doc = Doc::default();
        let mut heading: Option<usize> = None;
        let mut shown_heading = None;
        for (i, line) in self.all.lines.iter().enumerate() {
            if self.headings.contains(&i) {
                heading = Some(i);
                continue;
            }
            if !line.text().to_lowercase().contains(&needle) {
                continue;
            }
            if shown_heading != heading
                && let Some(h) = heading
            {
                if !doc.lines.is_empty() {
                    doc.blank();
                }
                doc.push(self.all.lines[h].clone());
                shown_heading = heading;
            }
            doc.push(line.clone());
        }
        if doc.lines.is_empty() {
            doc.push(Line::new(
                format!("No key's description mentions “{}”.", self.filter),
                Tone::Dim,
            ));
        }
        self.doc = doc;
    }

    /// Handles a key, `page` lines shown; false when the help should close.
    pub fn key(&mut self, action: Action, page: usize) -> bool {
        if self.typing {
            match action {
                Action::Input(c) => self.filter.push(c),
                Action::DeleteChar => {
                    self.filter.pop();
                }
                Action::ClearInput | Action::DeleteWord => self.filter.clear(),
                // Enter keeps the filter and gives the keys back to moving.
                Action::Open => {
                    self.typing = false;
                    return true;
                }
                // Esc drops the filter.
                Action::Close => {
                    self.typing = false;
                    self.filter.clear();
                }
                a => {
                    self.step(a, page);
                    return true;
                }
            }
            self.refilter();
            return true;
        }
        match action {
            Action::Close if !self.filter.is_empty() => {
                self.filter.clear();
                self.refilter();
            }
            Action::Close => return false,
            Action::Search => {
                self.typing = true;
            }
            a => self.step(a, page),
        }
        true
    }

    fn step(&mut self, action: Action, page: usize) {
        if let Some(d) = delta(action, page) {
            let max = self.doc.lines.len().saturating_sub(page.max(1));
            self.scroll = (self.scroll as isize)
                .saturating_add(d)
                .clamp(0, max as isize) as usize;
        }
    }
}

impl Layer for Help {
    /// The help's keys, or the search box's while a filter is typed.
    fn mode(&self) -> Mode {
        if self.typing {
            Mode::Search
        } else {
            Mode::Help
        }
    }

    fn update(&mut self, action: Action, w: &mut World) -> Answer {
        let page = layout::inner_height(layout::help(w.ctx.size));
        match self.key(action, page) {
            true => Answer::stay(),
            false => Outcome::Close.into(),
        }
    }

    /// Any click closes it.
    fn click(&mut self, _x: u16, _y: u16, _w: &mut World) -> Answer {
        Outcome::Close.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_keeps_the_matching_keys_under_their_headings() {
        let mut h = Help::new(&Keymap::default(), Mode::Browse);
        h.key(Action::Search, 20);
        assert_eq!(h.mode(), Mode::Search);
        for c in "zoom".chars() {
            h.key(Action::Input(c), 20);
        }
        let text: Vec<String> = h.doc.lines.iter().map(Line::text).collect();
        assert!(text.iter().any(|l| l.contains("zoom in")), "{text:?}");
        assert!(text.iter().any(|l| l == "Map"), "{text:?}");
        assert!(
            !text.iter().any(|l| l.contains("copy citation")),
            "{text:?}"
        );
        // Enter keeps the filter; Esc then drops it; Esc again closes.
        h.key(Action::Open, 20);
        assert_eq!(h.mode(), Mode::Help);
        assert!(h.key(Action::Close, 20));
        assert!(h.filter.is_empty());
        assert!(!h.key(Action::Close, 20));
    }

    #[test]
    fn help_opens_at_the_section_of_the_mode_it_was_called_from() {
        let h = Help::new(&Keymap::default(), Mode::Map);
        assert_eq!(h.doc.lines[h.scroll].text(), "Map");
    }
}
