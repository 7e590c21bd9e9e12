//! The explorer: its state (app), drawing (ui), the geometry both share (layout), the run loop (explore) and the clipboard chain.

pub mod app;
pub mod clipboard;
pub mod explore;
pub mod layout;
pub mod ui;
