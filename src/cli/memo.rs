//! `ngo-atlas marks --collection NAME --format markdown|org [--bib FILE]`: the research memo
//! of a collection (see [`crate::prefs::marks::memo`]), its bibliography written to FILE.

use super::Outcome;
use crate::data::index::Index;
use crate::prefs::marks::Marks;
use crate::prefs::marks::memo::{self, Markup};
use crate::query::cite::Style;
use std::io::Write;
use std::path::Path;

/// The memo of the collection `name` (the current one if `None`); with `bib`, the bibliography
/// is written there (BibLaTeX for `.bib`, CSL-JSON for `.json`), a new file.
pub fn memo(
    index: &Index,
    marks: &Marks,
    name: Option<&str>,
    markup: Markup,
    bib: Option<&Path>,
) -> Outcome {
    let style = match bib.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
        None if bib.is_none() => Style::Biblatex,
        Some(e) if e.eq_ignore_ascii_case("bib") => Style::Biblatex,
        Some(e) if e.eq_ignore_ascii_case("json") => Style::CslJson,
        _ => {
            return Err((
                "--bib FILE must end in .bib (BibLaTeX) or .json (CSL-JSON)".to_string(),
                2,
            ));
        }
    };
    let made = memo::memo(index, marks, name, markup, style).map_err(|e| (e, 1))?;
    if let Some(path) = bib {
        let mut file = crate::query::export::out::create_file(path).map_err(|e| (e, 1))?;
        file.write_all(made.bibliography.as_bytes())
            .and_then(|()| file.write_all(b"\n"))
            .map_err(|e| (format!("cannot write {}: {e}", path.display()), 1))?;
    }
    Ok(made.text)
}
