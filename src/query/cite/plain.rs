//! A readable one-line form: `Outlet, "Title", 2024-03-13, Author`, with whatever is unknown
//! simply absent. An untitled source shows its bracketed description in place of the title; the
//! original of an adapted work ends the line, "originally published 2019-08-26".

use super::author::{Author, authors};
use super::text::{apostrophes, description, outlet, title};
use crate::data::model::Source;

pub(super) fn format(source: &Source) -> String {
    let title = match title(source) {
        Some(t) => format!("\"{}\"", apostrophes(&t)),
        None => format!("[{}]", description(source)),
    };
    let names: Vec<String> = authors(source).iter().map(Author::as_printed).collect();
    let names = (!names.is_empty()).then(|| names.join(", "));
    [
        outlet(source),
        Some(title),
        source.published.map(|d| match source.published_inferred {
            true => format!("{d} (inferred)"),
            false => d.to_string(),
        }),
        names,
        source
            .originally_published
            .map(|d| format!("originally published {d}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{adapted, bare, full};
    use super::*;

    #[test]
    fn full_and_bare() {
        assert_eq!(
            format(&full()),
            "China Daily, \"NGOs foster goodwill, emotional ties along Belt, Road\", 2019-04-30, Li Lei"
        );
        assert_eq!(format(&bare("Some forum (2022)")), "[Report on some forum]");
        assert_eq!(
            format(&adapted()),
            "[Report on national social organizations in poverty alleviation (adapted from X)], \
             originally published 2019-08-26"
        );
    }
}
