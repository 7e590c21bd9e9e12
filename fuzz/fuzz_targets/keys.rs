//! Arbitrary key, mouse, paste and resize sequences applied to the explorer, drawn after each.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)] // each target uses half of it
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::keys(data));
