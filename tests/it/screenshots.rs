//! The pictures in `screenshots/`, drawn by the real renderer through `TestBackend` and written
//! as SVG. The test fails when a committed picture no longer matches what the renderer draws;
//! regenerate them all with
//!
//!     INSTA_UPDATE=always cargo test --test it screenshots::
//!
//! then look at them (any browser opens SVG) before committing.

use crate::common;

use crate::svg;
use common::{app, buffer, press};
use std::path::PathBuf;

/// Large enough to show each view whole, small enough to read in a README.
const SIZE: (u16, u16) = (120, 36);

/// Each picture: its file name and the keys that lead to it from the start.
const SHOTS: &[(&str, &str)] = &[
    ("list", ""),
    ("detail", "/tan weiping<Enter>"),
    ("search", "/poverty count"),
    ("timeline", "t2019"),
    ("statistics", "S"),
    ("map", "w"),
    ("map-china", "wzzz"),
    ("citation-picker", "/xinhua 2024<Enter>Y"),
    ("help", "?"),
    ("quotes", "Qpoverty -tibet<Enter>"),
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots")
}

#[test]
fn screenshots_match_the_renderer() {
    let mut stale = Vec::new();
    for (name, keys) in SHOTS {
        let mut a = app();
        buffer(&mut a, SIZE.0, SIZE.1);
        press(&mut a, keys);
        let drawn = svg::render(&buffer(&mut a, SIZE.0, SIZE.1));
        let path = dir().join(format!("{name}.svg"));
        if let Err(why) = common::generated(&path, &drawn) {
            stale.push(why);
        }
    }
    assert!(
        stale.is_empty(),
        "The screenshots no longer match what the renderer draws:\n  {}\n\
         If the change is intended, regenerate them with\n\n    \
         INSTA_UPDATE=always cargo test --test it screenshots::\n\n\
         then look at screenshots/*.svg and commit them.",
        stale.join("\n  ")
    );
}

#[test]
fn every_screenshot_is_in_the_list() {
    // A picture left over from a removed view would go stale unnoticed.
    let Ok(entries) = std::fs::read_dir(dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".svg") {
            assert!(
                SHOTS.iter().any(|(n, _)| *n == stem),
                "screenshots/{name} is not drawn by tests/it/screenshots.rs: remove it or add it"
            );
        }
    }
}
