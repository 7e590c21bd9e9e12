//! ngo-atlas: a terminal explorer for a sourced dataset on Chinese social organizations.

pub mod app;
pub mod articles;
pub mod cite;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod detail;
pub mod doc;
pub mod explore;
pub mod index;
pub mod keymap;
pub mod layout;
pub mod limits;
pub mod load;
pub mod marks;
pub mod model;
pub mod record;
pub mod sanitize;
pub mod search;
pub mod searches;
pub mod synth;
pub mod template;
pub mod theme;
pub mod ui;
pub mod validate;
