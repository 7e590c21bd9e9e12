//! What a path search may cost: memory measured by a counting allocator (not time), on graphs
//! built so that the number of shortest chains explodes, and the `--limit` cap.

use ngo_atlas::data::index::Index;
use ngo_atlas::query::graph::Graph;
use ngo_atlas::query::graph::path::{MAX_LIMIT, PathOptions, shortest_chains};
use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Counts the bytes allocated now and the most ever at once since the last reset.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// `start`, then `layers` layers of `width` organizations each naming every organization of the
/// next layer as a member, then `finish`: width^layers shortest chains from start to finish,
/// every one of them tied on the ranking rule but for dataset order.
fn layered(dir: &std::path::Path, layers: usize, width: usize) {
    let q = "  sources:\n    - {source: art, quote: q}\n";
    let ids = |l: usize| -> Vec<String> { (0..width).map(|i| format!("l{l}n{i}")).collect() };
    let mut orgs = String::new();
    let _ = write!(
        orgs,
        "- id: start\n  name: Start\n  summary: s\n  members: [{}]\n{q}",
        ids(0).join(", ")
    );
    for l in 0..layers {
        let next = if l + 1 < layers {
            ids(l + 1).join(", ")
        } else {
            "finish".to_string()
        };
        for id in ids(l) {
            let _ = write!(
                orgs,
                "- id: {id}\n  name: Org {id}\n  summary: s\n  members: [{next}]\n{q}"
            );
        }
    }
    let _ = write!(orgs, "- id: finish\n  name: Finish\n  summary: s\n{q}");
    std::fs::write(dir.join("organizations.yaml"), orgs).unwrap();
    std::fs::write(
        dir.join("sources.yaml"),
        "- {id: art, name: The Article, summary: s, language: en}\n",
    )
    .unwrap();
}

#[test]
fn the_best_thousand_chains_of_millions_take_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    // 60 × 60 × 60 = 216,000 shortest chains, all through 60 meeting records.
    layered(dir.path(), 3, 60);
    let index = Index::new(ngo_atlas::ingest::load::load_dir(dir.path()).expect("loads"));
    let graph = Graph::new(&index).unwrap();
    let (from, to) = (index.get("start").unwrap(), index.get("finish").unwrap());
    let options = PathOptions {
        limit: MAX_LIMIT,
        ..PathOptions::default()
    };
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let chains = shortest_chains(
        &graph,
        from,
        to,
        &options,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert_eq!(chains.len(), MAX_LIMIT);
    assert!(chains.iter().all(|c| c.hops() == 4));
    // Best first: dataset order breaks the tie, so the first chain takes the first of each
    // layer, and the chains come in order.
    assert!(chains.windows(2).all(|w| w[0].records < w[1].records));
    // The thousand chains themselves take about 1,000 × (24 + 5 × 8) bytes; building every
    // chain and sorting took about 30 MB.
    assert!(
        peak < 4 << 20,
        "a search for {MAX_LIMIT} chains peaked at {peak} bytes"
    );
}

#[test]
fn a_limit_above_the_cap_is_refused_with_the_cap_named() {
    let out = Command::new(env!("CARGO_BIN_EXE_ngo-atlas"))
        .args(["path", "tan-weiping", "cambodia", "--limit", "65535"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("at most 1,000 chains"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_ngo-atlas"))
        .args(["path", "tan-weiping", "cambodia", "--limit", "1000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}
