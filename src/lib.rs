//! ngo-atlas: a terminal explorer for a sourced dataset on Chinese social organizations.

pub mod cite;
pub mod clipboard;
pub mod model;
pub mod sanitize;
