//! The synthetic generator's datasets load and validate, with quotes as long as real ones and
//! every hostile shape's repeated element. (The generator's own unit tests may not load what it
//! writes: loading uses the generator's tests, and two modules never import each other.)

use ngo_atlas::ingest::load::load_files;
use ngo_atlas::synth::{Shape, generate, generate_shape};

#[test]
fn generated_datasets_pass_validation() {
    for n in [1, 7, 50, 2_000] {
        let files = generate(n, 7);
        let dataset = load_files(&files).unwrap_or_else(|p| panic!("{n} records: {}", p[0]));
        assert!(dataset.records.len() >= n, "{n}");
        assert!(dataset.records.len() <= n + 7, "{n}");
    }
}

#[test]
fn quotes_are_as_long_as_real_ones_and_some_records_have_notes() {
    let dataset = load_files(&generate(2_000, 4)).expect("valid");
    let quotes: Vec<usize> = dataset
        .records
        .iter()
        .flat_map(|r| r.sources())
        .map(|s| s.quote.chars().count())
        .collect();
    let mean = quotes.iter().sum::<usize>() / quotes.len();
    assert!((120..=300).contains(&mean), "mean quote length {mean}");
    assert!(quotes.iter().all(|&n| (80..=400).contains(&n)));
    let notes = dataset
        .records
        .iter()
        .filter(|r| r.notes().is_some())
        .count();
    assert!(
        notes > 200 && notes < 600,
        "{notes} of 2,000 records have notes"
    );
}

#[test]
fn every_shape_is_a_valid_dataset_with_its_repeated_element() {
    for shape in Shape::ALL {
        let files = generate_shape(shape, 1_000, 1);
        let dataset = load_files(&files).unwrap_or_else(|p| panic!("{}: {}", shape.name(), p[0]));
        let records = &dataset.records;
        let count = |f: &dyn Fn(&ngo_atlas::data::record::Record) -> bool| {
            records.iter().filter(|r| f(r)).count()
        };
        let repeated = match shape {
            Shape::Series => count(&|r| {
                matches!(r, ngo_atlas::data::record::Record::Statistic(s)
                    if s.series.as_deref() == Some("one-long-series"))
            }),
            Shape::NestedPlaces => {
                count(&|r| r.links().iter().any(|l| l.target.as_str() == "place-0"))
            }
            Shape::CrowdedPlace | Shape::Backlinks => {
                let target = if shape == Shape::Backlinks {
                    "org-0"
                } else {
                    "place-0"
                };
                count(&|r| r.links().iter().any(|l| l.target.as_str() == target))
            }
        };
        let expected = match shape {
            Shape::NestedPlaces => 500,
            Shape::Backlinks => 999,
            _ => 1_000,
        };
        assert_eq!(repeated, expected, "{}", shape.name());
    }
}

#[test]
fn a_file_read_again_whole_keeps_its_place_among_the_others() {
    let mut files = generate(30_000, 3);
    let before = load_files(&files).expect("valid");
    let people = files
        .iter_mut()
        .find(|f| f.name == "people.yaml")
        .expect("people");
    assert!(people.text.len() > 3 << 20, "people.yaml is read in parts");
    // A quoted summary near the end with a line that looks like a record's start: the file's
    // parts are cut there, do not parse, and the whole file is read again.
    let at = people.text.rfind("\n  summary: \"").expect("a summary") + 13;
    people.text.insert_str(at, "Said\n\n- id: ");
    let after = load_files(&files).expect("still valid");
    let ids = |d: &ngo_atlas::data::dataset::Dataset| -> Vec<String> {
        d.records.iter().map(|r| r.id().to_string()).collect()
    };
    assert_eq!(ids(&before), ids(&after));
    let changed: Vec<&str> = before
        .records
        .iter()
        .zip(after.records.iter())
        .filter(|(b, a)| b.summary() != a.summary())
        .map(|(_, a)| a.summary())
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].starts_with("Said\n- id: "), "{changed:?}");
}
