//! Every integration test in one binary: one link of the crate instead of one per file, so a
//! build after a change is quick. Each file is a module, run by area with
//! `cargo test --test it marks::` (or any part of a test name).

mod cite_support;
mod common;
mod oracle;
mod pty;
mod search_oracle;
mod svg;

mod app;
mod architecture;
mod check;
mod cite_cli;
mod cite_golden;
mod cite_hostile;
mod cli;
mod collections_app;
mod concordance;
mod config_cli;
mod config_screens;
mod connections_view;
mod curator;
mod data_coverage;
mod e2e;
mod export;
mod export_safety;
mod figures;
mod fuzz_regressions;
mod hostile_data;
mod index;
mod marks;
mod marks_cli;
mod path;
mod pty_core;
mod pty_hostile;
mod pty_lifecycle;
mod query_limits;
mod quotes;
mod reading;
mod readme;
mod render_props;
mod schema;
mod screens;
mod screenshots;
mod search_cli;
mod search_engine;
mod search_filters;
mod search_lines;
mod search_phrases;
mod search_quotes;
mod search_screen;
mod snapshot;
mod synth;
mod tables_app;
mod terminal_output;
mod views;
