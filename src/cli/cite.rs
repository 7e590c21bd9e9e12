//! `ngo-atlas cite`: the citation of a record's sources, or one bibliography for several records
//! or for every source.

use super::{Outcome, find};
use crate::cite::{Style, bibliography, for_record, sources_of};
use crate::index::Index;
use crate::model::Kind;
use crate::sanitize;

/// What to cite: one record as today (a source's citation, or each quote of a record with its
/// source's citation), several records as one deduplicated bibliography, or every source.
pub enum Cited<'a> {
    Ids(&'a [String]),
    All,
}

/// Exit code when there is nothing to cite.
pub const NOTHING: i32 = 1;

pub fn cite(index: &Index, what: Cited, style: Style) -> Outcome {
    let records = match &what {
        Cited::Ids([id]) => return Ok(for_record(index, find(index, id)?, style)),
        Cited::Ids(ids) => {
            let mut records = Vec::with_capacity(ids.len());
            let mut problems = Vec::new();
            for id in ids.iter() {
                match find(index, id) {
                    Ok(i) => records.push(i),
                    Err((message, _)) => problems.push(message),
                }
            }
            if !problems.is_empty() {
                return Err((problems.join("\nngo-atlas: "), super::UNKNOWN_ID));
            }
            records
        }
        Cited::All => index.of_kind(Kind::Source).to_vec(),
    };
    let sources = sources_of(index, &records);
    if sources.is_empty() {
        let why = match what {
            Cited::All => "the dataset has no source records",
            Cited::Ids(_) => "none of these records names a source",
        };
        return Err((format!("nothing to cite: {why}"), NOTHING));
    }
    Ok(sanitize::for_clipboard(&bibliography(&sources, style)))
}
