//! Reading datasets: YAML (the one door to the parser), loading with progress, validation, article checks, the snapshot of a loaded folder, file safety, watching and templates.

pub mod articles;
pub mod load;
pub mod safe_file;
pub mod snapshot;
pub mod template;
pub mod validate;
pub mod watch;
pub mod yaml;
