//! `ngo-atlas cite`: the citation of a record's sources.

use super::{Outcome, find};
use crate::cite::{Style, for_record};
use crate::index::Index;

pub fn cite(index: &Index, id: &str, style: Style) -> Outcome {
    let i = find(index, id)?;
    Ok(for_record(index, i, style))
}
