//! The user's own files: settings, key bindings, theme, marks (locked, merged, undoable) and search history.

pub mod config;
pub mod copying;
pub mod keymap;
pub mod marks;
pub mod searches;
pub mod theme;
