//! Text that comes from outside, made safe and shaped: sanitizing, display width and wrapping, spreadsheet-safe cells.

pub mod closest;
pub mod doc;
pub mod formula;
pub mod sanitize;
