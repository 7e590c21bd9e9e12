//! `ngo-atlas quotes QUERY`: every quote that matches, one line each in context, with its
//! record and source; or as JSON or CSV with each quote's full citation. The rows and their
//! order are the explorer's quotes list's.

use super::Outcome;
use crate::data::index::Index;
use crate::query::cite::Style;
use crate::query::concordance::{self, Order, Query, Row};
use crate::query::search::{UserSets, source_label};

/// Exit code when no quote matches.
pub const NO_QUOTE: i32 = 1;

/// How the rows are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Keyword-in-context lines for reading.
    Text,
    Json,
    Csv,
}

pub fn quotes(index: &Index, query: &str, order: Order, format: Format, style: Style) -> Outcome {
    quotes_of(index, query, order, format, style, UserSets::default())
}

/// [`quotes`] with the user's notes and collections, for `has:note` and `marked:`.
pub fn quotes_of(
    index: &Index,
    query: &str,
    order: Order,
    format: Format,
    style: Style,
    user: UserSets,
) -> Outcome {
    let parsed = Query::parse(query)
        .map_err(|e| (e, 2))?
        .with_user(std::sync::Arc::new(user));
    if parsed.is_empty() {
        return Err((
            "give a word or a \"phrase\" to find in the quotes".to_string(),
            2,
        ));
    }
    let rows = concordance::rows(index, &parsed, order, None).map_err(|e| (e, 2))?;
    if rows.is_empty() {
        return Err((
            format!(
                "no quote matches {}",
                crate::text::sanitize::line(query.trim())
            ),
            NO_QUOTE,
        ));
    }
    match format {
        Format::Text => Ok(text(index, &rows)),
        Format::Json => {
            let out: Vec<_> = rows
                .iter()
                .map(|r| concordance::cited(index, r, style))
                .collect();
            let mut text = serde_json::to_string_pretty(&out).map_err(|e| (e.to_string(), 1))?;
            text.push('\n');
            Ok(text)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            for row in &rows {
                w.serialize(concordance::cited(index, row, style))
                    .map_err(|e| (e.to_string(), 1))?;
            }
            let bytes = w.into_inner().map_err(|e| (e.to_string(), 1))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
}

/// The rows as keyword-in-context lines: the match in a fixed column, then the record and
/// the source's short name.
fn text(index: &Index, rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows {
        let quote = concordance::quote(index, row);
        let [left, matched, right] = concordance::context(quote, &row.hit, 40, 40);
        let record = index.record(row.record);
        let source = concordance::source(index, row)
            .map(source_label)
            .unwrap_or_default();
        let pad = 40usize.saturating_sub(crate::text::sanitize::display_width(&left));
        out.push_str(&format!(
            "{}{left}{matched}{right}  · {} · {}\n",
            " ".repeat(pad),
            crate::text::sanitize::line(record.name()),
            crate::text::sanitize::line(&source)
        ));
    }
    out
}
