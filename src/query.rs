//! Questions asked of the index: search, the link graph (paths, neighbourhoods), citations, exports, the quotes concordance and the record summary.

pub mod cite;
pub mod concordance;
pub mod detail;
pub mod export;
pub mod graph;
pub mod search;
