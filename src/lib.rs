//! ngo-atlas: a terminal explorer for a sourced dataset on Chinese social organizations.
//!
//! The folders are the layers, each importing only those listed before it (see the README's
//! "Layout of the code"; `tests/it/architecture.rs` checks it): text, data, ingest, query,
//! prefs, tui, cli. `synth`, the synthetic dataset generator of `gen-synthetic`, benchmarks and
//! tests, sits above `data` and is used only by `cli` and test code, never on a loading path.

pub mod cli;
pub mod data;
pub mod ingest;
pub mod prefs;
pub mod query;
pub mod synth;
pub mod text;
pub mod tui;
