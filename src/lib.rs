//! ngo-atlas: a terminal explorer for a sourced dataset on Chinese social organizations.

pub mod app;
pub mod cite;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod dataset;
pub mod detail;
pub mod explore;
pub mod index;
pub mod keymap;
pub mod limits;
pub mod load;
pub mod marks;
pub mod model;
pub mod record;
pub mod safe_file;
pub mod sanitize;
pub mod search;
pub mod synth;
pub mod ui;
pub mod validate;
pub mod yaml;
