//! One line of text edited as readline edits it: typed characters go in at the cursor,
//! Backspace, Ctrl-W and Ctrl-U delete, the arrows, Home/End and Alt-B/Alt-F move. The same
//! keys and the same behaviour as the search box's query line, for the notes on marks and the
//! names of collections.

use crate::prefs::keymap::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    /// The cursor's position in `text`, in chars.
    pub cursor: usize,
    /// The whole text is selected, as when a name is offered for renaming: typing replaces it,
    /// a cursor key keeps it for editing.
    pub replace: bool,
}

impl LineEdit {
    /// `text` with the cursor at its end; `selected` makes typing replace it.
    pub fn new(text: &str, selected: bool) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor: text.chars().count(),
            replace: selected && !text.is_empty(),
        }
    }

    /// Applies an editing key; false for any other action, which leaves the line as it was.
    pub fn edit(&mut self, action: Action) -> bool {
        let len = self.text.chars().count();
        let replace = std::mem::take(&mut self.replace);
        match action {
            Action::Input(c) => {
                if replace {
                    self.text.clear();
                    self.cursor = 0;
                }
                let at = byte_at(&self.text, self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Action::DeleteChar if replace => {
                self.text.clear();
                self.cursor = 0;
            }
            Action::DeleteChar => {
                if self.cursor > 0 {
                    let at = byte_at(&self.text, self.cursor - 1);
                    self.text.remove(at);
                    self.cursor -= 1;
                }
            }
            Action::DeleteWord => {
                let start = word_start(&self.text, self.cursor);
                let (a, b) = (byte_at(&self.text, start), byte_at(&self.text, self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = start;
            }
            Action::ClearInput => {
                let b = byte_at(&self.text, self.cursor);
                self.text.replace_range(..b, "");
                self.cursor = 0;
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(len),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = len,
            Action::WordLeft => self.cursor = word_start(&self.text, self.cursor),
            Action::WordRight => self.cursor = word_end(&self.text, self.cursor),
            _ => {
                self.replace = replace;
                return false;
            }
        }
        true
    }
}

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// Where the word before `cursor` starts, in chars.
fn word_start(s: &str, cursor: usize) -> usize {
    let chars: Vec<char> = s.chars().take(cursor).collect();
    let mut i = chars.len();
    while i > 0 && chars[i - 1] == ' ' {
        i -= 1;
    }
    while i > 0 && chars[i - 1] != ' ' {
        i -= 1;
    }
    i
}

/// Where the word after `cursor` ends, in chars.
fn word_end(s: &str, cursor: usize) -> usize {
    let chars: Vec<char> = s.chars().collect();
    let mut i = cursor.min(chars.len());
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    while i < chars.len() && chars[i] != ' ' {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(line: &mut LineEdit, text: &str) {
        for c in text.chars() {
            line.edit(Action::Input(c));
        }
    }

    #[test]
    fn typing_goes_in_at_the_cursor_in_any_script() {
        let mut line = LineEdit::new("扶贫 report", false);
        line.edit(Action::CursorHome);
        line.edit(Action::WordRight);
        typed(&mut line, "工作");
        assert_eq!(line.text, "扶贫工作 report");
        assert_eq!(line.cursor, 4);
        line.edit(Action::CursorEnd);
        line.edit(Action::DeleteWord);
        assert_eq!(line.text, "扶贫工作 ");
        line.edit(Action::DeleteChar);
        line.edit(Action::CursorLeft);
        line.edit(Action::ClearInput);
        assert_eq!((line.text.as_str(), line.cursor), ("作", 0));
    }

    #[test]
    fn a_selected_line_is_replaced_by_typing_and_kept_by_a_cursor_key() {
        let mut line = LineEdit::new("Chapter 2", true);
        typed(&mut line, "Ch3");
        assert_eq!(line.text, "Ch3");
        let mut line = LineEdit::new("Chapter 2", true);
        line.edit(Action::CursorLeft);
        typed(&mut line, "x");
        assert_eq!(line.text, "Chapter x2");
        let mut line = LineEdit::new("Chapter 2", true);
        line.edit(Action::DeleteChar);
        assert_eq!(line.text, "");
    }

    #[test]
    fn other_keys_are_not_edits_and_keep_the_selection() {
        let mut line = LineEdit::new("Chapter 2", true);
        assert!(!line.edit(Action::Open));
        assert!(line.replace);
        assert_eq!(line.text, "Chapter 2");
    }

    #[test]
    fn words_are_found_as_readline_finds_them() {
        assert_eq!(word_start("tan weiping", 11), 4);
        assert_eq!(word_start("tan weiping  ", 13), 4);
        assert_eq!(word_start("tan", 3), 0);
        assert_eq!(word_end("tan weiping", 0), 3);
        assert_eq!(word_end("tan weiping", 3), 11);
    }
}
