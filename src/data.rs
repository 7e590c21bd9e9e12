//! The record types, partial dates and qualifiers, the dataset, the index (ids, backlinks, adjacency) and the limits.

pub mod dataset;
pub mod index;
pub mod limits;
pub mod model;
pub mod record;
pub mod records;
pub mod tables;
