//! Every input the fuzzers (`fuzz/`) found a crash with, replayed through the same harness. CI
//! does not run the fuzzers; it runs these. A new find goes in `tests/fuzz_regressions/<target>/`.

#[path = "../../fuzz/harness.rs"]
mod harness;

use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

fn replay(target: &str, run: fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{} crashes again", path.display());
    }
}

#[test]
fn load_inputs_found_by_the_fuzzer() {
    replay("load", harness::load_bytes);
}

#[test]
fn key_sequences_found_by_the_fuzzer() {
    replay("keys", harness::keys);
}

/// The harness itself: the built-in dataset survives it, and the small one loads.
#[test]
fn harness_runs_on_known_good_input() {
    let builtin: Vec<u8> = ngo_atlas::ingest::load::builtin_files()
        .iter()
        .map(|f| f.text.as_bytes())
        .collect::<Vec<_>>()
        .join(&0xFF);
    harness::load_bytes(&builtin);
    harness::keys(b"\x00j\x00j\x04\x00\x00/\x06ab\x01\x09\x28\x50\x09\x01\x01");
}
