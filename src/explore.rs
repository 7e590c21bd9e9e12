//! Placeholder: the explorer lands next.
use crate::index::Index;
use std::path::Path;
use std::process::ExitCode;
pub fn run(index: Index, _data: Option<&Path>) -> ExitCode {
    println!("{} records", index.len());
    ExitCode::SUCCESS
}
