//! The filters' lookups kept beside the snapshot of their records (a companion file
//! `KEY.filters`, see `ingest::snapshot::companion`): at a million records building them reads
//! every record and takes seconds of a warm `search in:… year:…`; reading them, a few tens of
//! milliseconds.
//!
//! Nothing read is trusted before it passes the companion's checks (this very snapshot, whole,
//! its checksum), `rkyv`'s validation, and [`FilterIndex::fits`], which makes sure every list,
//! set, date and name is in range for the index's records, so that no lookup in it can fail.

use super::FilterIndex;
use crate::data::dataset::Companion;
use crate::data::index::Index;
use crate::ingest::snapshot::companion;

/// The file ending of kept lookups.
const ENDING: &str = "filters";

/// The lookups kept for `index`'s records, if there are some that can be trusted.
pub fn read(index: &Index) -> Option<FilterIndex> {
    let kept = index.companion()?.named(ENDING);
    companion::read_archive(&kept, "filter lookups", |lookups: &FilterIndex| {
        lookups.fits(index)
    })
}

/// Are lookups kept for `index`'s records (not yet checked: [`read`] does that)?
pub fn present(index: &Index) -> bool {
    index
        .companion()
        .is_some_and(|c| c.named(ENDING).file.is_file())
}

/// Keeps `lookups` beside the snapshot `companion` belongs to.
pub fn write(lookups: &FilterIndex, companion: &Companion) {
    companion::write_archive(&companion.named(ENDING), "filter lookups", lookups);
}
