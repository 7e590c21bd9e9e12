//! Collections of marks at the scale of a heavy user: ten collections of 10,000 marks each, a
//! third with notes (mixed ASCII and CJK), about 12 MB of file. What a key press in the explorer
//! costs (toggle, the `*` of one list row, switching, the notes of the record shown), and what
//! starting and saving cost (load, save, names brought up to date).
//!
//!     cargo bench --bench marks
//!
//! Prints a table of median wall and CPU time over five runs; CPU time is what a machine shared
//! with other work does not inflate.

mod common;

use common::median;
use criterion::{Criterion, criterion_group, criterion_main};
use ngo_atlas::prefs::marks::{FILE_NAME, Marks};
use std::hint::black_box;
use std::time::Duration;

const COLLECTIONS: usize = 10;
const PER_COLLECTION: usize = 10_000;

fn id(c: usize, i: usize) -> String {
    format!("record-{}", c * PER_COLLECTION / 2 + i)
}

fn filled(path: &std::path::Path) -> Marks {
    let mut marks = Marks::load(Some(path));
    for c in 0..COLLECTIONS {
        let name = format!("Chapter {c}");
        if c > 0 {
            marks.create(&name).expect("a new name");
            marks.switch(&name).expect("just made");
        }
        for i in 0..PER_COLLECTION {
            // Neighbouring collections share half their records, as chapters do.
            let id = id(c, i);
            marks.toggle(&id, &format!("Record {id} 名称"));
            if i % 3 == 0 {
                let note = format!("第{i}条笔记: check the figures against the 2019 report");
                marks.set_note(&id, &note).expect("a short note");
            }
        }
    }
    marks
}

fn bench(c: &mut Criterion) {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(FILE_NAME);
    let mut marks = filled(&path);
    marks.save().expect("saved");
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let mut report = vec![
        format!(
            "load average at start: {}; {COLLECTIONS} collections of {PER_COLLECTION} marks, \
             file of {:.1} MB",
            load.split(' ').next().unwrap_or("?"),
            size as f64 / 1e6
        ),
        "| operation | median wall | median CPU |".to_string(),
        "|---|---|---|".to_string(),
    ];
    let mut row = |what: &str, (wall, cpu): (f64, f64)| {
        report.push(format!("| {what} | {wall:.3} ms | {cpu:.3} ms |"));
    };
    row(
        "load the file",
        median(|| {
            black_box(Marks::load(Some(&path)));
        }),
    );
    row(
        "save the file (atomically, with fsync)",
        median(|| {
            marks.save().expect("saved");
        }),
    );
    let last = id(COLLECTIONS - 1, PER_COLLECTION - 1);
    row(
        "toggle the last mark off and on (m, twice)",
        median(|| {
            marks.toggle(&last, "x");
            marks.toggle(&last, "x");
        }),
    );
    row(
        "position of an unmarked record (the `*` of one list row)",
        median(|| {
            black_box(marks.position("not-marked"));
        }),
    );
    row(
        "switch to another collection and back",
        median(|| {
            marks.switch("Marked").expect("there");
            marks.switch("Chapter 9").expect("there");
        }),
    );
    row(
        "notes of one record in every collection (detail pane)",
        median(|| {
            black_box(marks.notes(&id(1, 0)));
        }),
    );
    row(
        "bring every name up to date (before each save)",
        median(|| marks.update_names(|id| Some(if id.len() > 3 { "Renamed" } else { "" }))),
    );
    row(
        "clone for the saving thread",
        median(|| {
            black_box(marks.clone());
        }),
    );
    println!("\n{}\n", report.join("\n"));
    // Keep criterion's own harness satisfied with one quick measurement.
    c.bench_function("marks/position", |b| {
        b.iter(|| black_box(marks.position("not-marked")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(500));
    targets = bench
}
criterion_main!(benches);
