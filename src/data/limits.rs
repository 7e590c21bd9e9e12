//! How much a dataset may hold, and the messages for what is over.
//!
//! A dataset is input from outside, so a file can be built to exhaust time or memory: a YAML
//! "billion laughs" (aliases of aliases), lists nested a million deep, fifteen million one-letter
//! items in one record, a 100 MB file, a name of a megabyte. Every limit below is far above what
//! real data needs (the built-in dataset is 183 records in 150 kB, nested 5 deep, with no text
//! over 1 kB, no record over 60 values and no alias; the synthetic million-record dataset of the
//! benchmarks has a 121 MB file of 7.4 million values), and each is reported as `file:line:col`
//! like any other problem. the YAML reader (`ingest/yaml`) enforces the ones about a file's contents while it
//! parses, before it has built more than one record.

/// Largest data file read, in bytes. Checked before reading, so a huge file costs nothing.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Most records in one dataset, all files together: twice the largest benchmarked.
pub const MAX_RECORDS: usize = 2_000_000;
/// Longest single text (a name, a summary, a quote), in bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Deepest nesting of lists and mappings, the file's own list included. A record needs 5.
pub const MAX_DEPTH: usize = 32;
/// Most values in one record: each list, mapping, key and text counts one. A record of the
/// built-in data has at most 60; a network with 2,000 members would have about 2,100.
pub const MAX_RECORD_NODES: usize = 10_000;
/// Most values in one file, counted the same way: enough for 2,000,000 records of 12 values,
/// or a 256 MiB file of records like the synthetic ones (about 16 bytes a value). Bounds the
/// memory one file's records can take (see the README's limits table).
pub const MAX_FILE_NODES: u64 = 24_000_000;
/// Most nodes that aliases (`*name`) may add to one file by expansion.
pub const MAX_ALIAS_NODES: u64 = 100_000;
/// Longest record id, in bytes.
pub const MAX_ID_BYTES: usize = 128;
/// Most problems listed for one dataset; past this only their number is given, and parsing
/// stops.
pub const MAX_PROBLEMS: usize = 1_000;
/// Largest settings file and bookmarks file read, in bytes.
pub const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;
pub const MAX_MARKS_BYTES: u64 = 16 * 1024 * 1024;

/// `12345678` as `12,345,678`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `104857600` as `100.0 MiB`.
pub fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The message for a file over `limit` bytes.
pub fn too_large(bytes: u64, limit: u64, what: &str) -> String {
    let limit = if limit.is_multiple_of(1024 * 1024) {
        format!("{} MiB", limit / (1024 * 1024))
    } else {
        format!("{} bytes", thousands(limit))
    };
    format!(
        "the file is {} bytes ({}); {what} may be at most {limit}",
        thousands(bytes),
        mib(bytes),
    )
}

/// The message for a file over [`MAX_FILE_BYTES`].
pub fn file_too_large(bytes: u64) -> String {
    too_large(bytes, MAX_FILE_BYTES, "a data file")
}

/// The message for a dataset over [`MAX_RECORDS`].
pub fn too_many_records(count: usize) -> String {
    format!(
        "the dataset holds more than {} records ({} so far), the most one dataset may hold",
        thousands(MAX_RECORDS as u64),
        thousands(count as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(104_857_600), "104,857,600");
        assert_eq!(
            file_too_large(104_857_600),
            "the file is 104,857,600 bytes (100.0 MiB); a data file may be at most 256 MiB"
        );
    }
}
