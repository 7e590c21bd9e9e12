//! Datasets of one hostile shape each, for benchmarks and tests of what the explorer must do in
//! O(n log n): N repetitions of one element that an ordinary dataset spreads thin.
//!
//! - `series`: one statistics series of N values, each on its own date;
//! - `nested-places`: N places, half of them inside one place (the other half on the map with
//!   coordinates of their own), the inner ones without coordinates;
//! - `crowded-place`: N organizations that all work in one place;
//! - `backlinks`: one organization that N others name as their parent.
//!
//! Each is a valid dataset, so the explorer opens it and `check` passes.

use super::Rng;
use crate::data::dataset::DataFile;
use crate::data::model::Kind;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Series,
    NestedPlaces,
    CrowdedPlace,
    Backlinks,
}

impl Shape {
    pub const ALL: [Shape; 4] = [
        Shape::Series,
        Shape::NestedPlaces,
        Shape::CrowdedPlace,
        Shape::Backlinks,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Series => "series",
            Shape::NestedPlaces => "nested-places",
            Shape::CrowdedPlace => "crowded-place",
            Shape::Backlinks => "backlinks",
        }
    }

    pub fn parse(s: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|shape| shape.name() == s)
    }
}

/// The `n`th day from 1 January 1900, as `YYYY-MM-DD`: distinct for every `n` up to about 2.9
/// million (the year stays at four digits).
fn day(n: usize) -> String {
    const DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = n;
    let mut year = 1900;
    loop {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let len = if leap { 366 } else { 365 };
        if rest < len {
            break;
        }
        rest -= len;
        year += 1;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let mut month = 0;
    loop {
        let len = DAYS[month] + usize::from(month == 1 && leap);
        if rest < len {
            break;
        }
        rest -= len;
        month += 1;
    }
    format!("{year}-{:02}-{:02}", month + 1, rest + 1)
}

fn sources(out: &mut String, quote: &str) {
    let _ = writeln!(
        out,
        "  sources:\n    - source: src-0\n      quote: \"{quote}\""
    );
}

/// One series of `n` statistics, a day apart.
fn series(r: &mut Rng, n: usize) -> String {
    let mut text = String::with_capacity(n * 200);
    for i in 0..n {
        let _ = writeln!(
            text,
            "- id: stat-{i}\n  name: \"Households reached, {}\"",
            day(i)
        );
        let _ = writeln!(text, "  summary: \"Households reached by one day.\"");
        let _ = writeln!(
            text,
            "  value: {}\n  unit: households",
            10 + r.below(100_000)
        );
        let _ = writeln!(
            text,
            "  measure: \"households reached\"\n  date: {}",
            day(i)
        );
        let _ = writeln!(text, "  series: one-long-series");
        sources(&mut text, "Households were reached.");
    }
    text
}

/// A place that `n - 1` others are within, every other one (the rest have coordinates).
fn nested(r: &mut Rng, n: usize) -> String {
    let mut text = String::with_capacity(n * 200);
    let _ = writeln!(
        text,
        "- id: place-0\n  name: \"The container\"\n  summary: s\n  \
                            coordinates: {{lat: 25.04, lon: 102.71}}"
    );
    sources(&mut text, "The container is a place.");
    for i in 1..n {
        let _ = writeln!(text, "- id: place-{i}\n  name: \"Place {i}\"\n  summary: s");
        if i % 2 == 1 {
            let _ = writeln!(text, "  within: place-0");
        } else {
            let lat = 18.0 + r.below(3_400) as f64 / 100.0;
            let lon = 74.0 + r.below(5_000) as f64 / 100.0;
            let _ = writeln!(text, "  coordinates: {{lat: {lat}, lon: {lon}}}");
        }
        sources(&mut text, "The place is there.");
    }
    text
}

/// The dataset of `shape` with `n` repeated elements.
pub fn generate(shape: Shape, n: usize, seed: u64) -> Vec<DataFile> {
    let mut r = Rng(seed ^ 0x5eed);
    let mut files: Vec<(Kind, String)> = Vec::new();
    let source = "- id: src-0\n  name: \"Synthetic source\"\n  summary: \"A made-up article.\"\n  \
                  title: \"Synthetic\"\n  language: en\n";
    files.push((Kind::Source, source.to_string()));
    match shape {
        Shape::Series => files.push((Kind::Statistic, series(&mut r, n))),
        Shape::NestedPlaces => files.push((Kind::Place, nested(&mut r, n))),
        Shape::CrowdedPlace | Shape::Backlinks => {
            let mut text = String::with_capacity(n * 200);
            let place = "- id: place-0\n  name: \"The crowded place\"\n  summary: s\n  \
                         coordinates: {lat: 25.04, lon: 102.71}\n  sources:\n    - source: \
                         src-0\n      quote: \"A place.\"\n";
            files.push((Kind::Place, place.to_string()));
            for i in 0..n {
                let _ = writeln!(
                    text,
                    "- id: org-{i}\n  name: \"Organization {i}\"\n  summary: s"
                );
                match shape {
                    Shape::CrowdedPlace => {
                        let _ = writeln!(text, "  works_in: [place-0]");
                    }
                    _ if i > 0 => {
                        let _ = writeln!(text, "  parent: org-0");
                    }
                    _ => {}
                }
                sources(&mut text, "The organization works there.");
            }
            files.push((Kind::Organization, text));
        }
    }
    files
        .into_iter()
        .map(|(kind, text)| DataFile {
            name: kind.file_name().to_string(),
            text: format!(
                "# Synthetic {} shape (ngo-atlas gen-synthetic --shape): not real data.\n{text}",
                shape.name()
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_distinct_and_real() {
        assert_eq!(day(0), "1900-01-01");
        assert_eq!(day(59), "1900-03-01");
        assert_eq!(day(365 + 365 + 365 + 365 + 31 + 28), "1904-02-29");
        let days: std::collections::HashSet<String> = (0..50_000).map(day).collect();
        assert_eq!(days.len(), 50_000);
        for d in days.iter().take(1000) {
            assert!(crate::data::model::PartialDate::parse(d).is_ok(), "{d}");
        }
    }
}
