//! The binary: parse the arguments, then the explorer or a subcommand (`cli::run`).

use clap::Parser;
use ngo_atlas::cli::{self, args::Args};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Args::try_parse() {
        Ok(args) => cli::run(args),
        Err(e) => cli::clap_error(&e),
    }
}
