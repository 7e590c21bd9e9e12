//! Arbitrary bytes as a dataset: load, validate, index, search, lay out and cite.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)] // each target uses half of it
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::load_bytes(data));
