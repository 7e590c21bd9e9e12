//! `ngo-atlas export`: the dataset as JSON, YAML, CSV, GraphML or GEXF, streamed to standard
//! output or into new files under `--out`.

use super::Outcome;
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::query::export::out::{OutDir, create_file};
use crate::query::export::{self, Format};
use crate::text::sanitize;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

/// Exit code for options that do not go together.
const USAGE: i32 = 2;

/// The file a kind's CSV table is written to: `organizations.csv`, `people.csv`...
pub fn csv_file_name(kind: Kind) -> String {
    format!("{}.csv", kind.plural().to_lowercase())
}

/// What `export` is asked for, besides the format.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions<'a> {
    /// With CSV: only this kind's table.
    pub kind: Option<Kind>,
    /// A new file (a new or empty directory for CSV) instead of standard output.
    pub out: Option<&'a Path>,
    /// With CSV: cells exactly as the dataset has them, formulas included.
    pub raw: bool,
}

pub fn export(index: &Index, format: Format, options: ExportOptions) -> Outcome {
    let ExportOptions { kind, out, raw } = options;
    if raw && format != Format::Csv {
        return Err((
            format!(
                "--raw is for CSV (cells as written, formulas included); --format {} is always exact",
                format.name()
            ),
            USAGE,
        ));
    }
    let cells = if raw {
        export::csv::Cells::Raw
    } else {
        export::csv::Cells::SpreadsheetSafe
    };
    if kind.is_some() && format != Format::Csv {
        return Err((
            format!(
                "--kind picks one CSV table; --format {} exports every record",
                format.name()
            ),
            USAGE,
        ));
    }
    match (format, out) {
        (Format::Csv, None) => match kind {
            Some(k) => to_stdout(|w| {
                export::csv::write_kind(index, k, w, cells)
                    .map(drop)
                    .map_err(csv_error)
            }),
            None => Err((
                "CSV is one table per kind: give --out DIR to write them all, or --kind KIND to print one"
                    .into(),
                USAGE,
            )),
        },
        (Format::Csv, Some(dir)) => csv_files(index, kind, dir, cells),
        (Format::Sqlite, None) => Err((
            "a SQLite database is a file: give --out FILE (a new one, such as atlas.db)".into(),
            USAGE,
        )),
        (Format::Sqlite, Some(path)) => {
            let n = export::sqlite::write(index, path).map_err(|e| (e, 1))?;
            Ok(format!("wrote {n} records to {}", path.display()))
        }
        (_, None) => to_stdout(|w| write(index, format, w).map(drop)),
        (_, Some(path)) => {
            let file = create_file(path).map_err(|e| (e, 1))?;
            let counts = write(index, format, BufWriter::with_capacity(1 << 16, file))
                .map_err(|e| (format!("cannot write {}: {e}; the file is incomplete", path.display()), 1))?;
            Ok(format!("wrote {counts} to {}", path.display()))
        }
    }
}

/// Writes a whole-dataset format; says what it wrote.
fn write<W: Write>(index: &Index, format: Format, w: W) -> io::Result<String> {
    let records = |n: usize| format!("{n} record{}", if n == 1 { "" } else { "s" });
    Ok(match format {
        Format::Json => records(export::json(index, w)?),
        Format::Yaml => records(export::yaml(index, w)?),
        Format::Graphml | Format::Gexf => {
            let c = if format == Format::Graphml {
                export::graphml::write(index, w)?
            } else {
                export::gexf::write(index, w)?
            };
            format!("{} nodes and {} edges", c.nodes, c.edges)
        }
        Format::Csv | Format::Sqlite => unreachable!("written to files of their own"),
    })
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// One file per kind (or the one asked for) in a new or empty directory.
fn csv_files(index: &Index, only: Option<Kind>, dir: &Path, cells: export::csv::Cells) -> Outcome {
    let out = OutDir::prepare(dir).map_err(|e| (e, 1))?;
    let mut lines = Vec::new();
    for kind in Kind::ALL
        .into_iter()
        .filter(|k| only.is_none_or(|o| o == *k))
    {
        let name = csv_file_name(kind);
        let file = out.create(&name).map_err(|e| (e, 1))?;
        let rows =
            export::csv::write_kind(index, kind, BufWriter::with_capacity(1 << 16, file), cells)
                .map_err(|e| {
                    let path = dir.join(&name);
                    (
                        format!(
                            "cannot write {}: {}; the file is incomplete",
                            path.display(),
                            csv_error(e)
                        ),
                        1,
                    )
                })?;
        lines.push(format!("{}: {rows} rows", dir.join(&name).display()));
    }
    Ok(lines.join("\n"))
}

/// Streams to standard output. A terminal gets the text made inert line by line, as every
/// subcommand does; a pipe gets it exactly. A closed pipe (`| head`) is not an error.
fn to_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Outcome {
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let lock = BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = if terminal {
        let mut w = Inert {
            inner: lock,
            line: Vec::new(),
        };
        f(&mut w).and_then(|()| w.flush())
    } else {
        let mut w = lock;
        f(&mut w).and_then(|()| w.flush())
    };
    match result {
        Ok(()) => Ok(String::new()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(String::new()),
        Err(e) => Err((format!("cannot write to standard output: {e}"), 1)),
    }
}

/// Passes text on a line at a time through the sanitizer, so an export shown on a terminal
/// cannot drive it.
struct Inert<W: Write> {
    inner: W,
    line: Vec<u8>,
}

impl<W: Write> Inert<W> {
    fn emit(&mut self) -> io::Result<()> {
        let text = String::from_utf8_lossy(&self.line);
        self.inner.write_all(sanitize::text(&text).as_bytes())?;
        self.line.clear();
        Ok(())
    }
}

impl<W: Write> Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for part in buf.split_inclusive(|&b| b == b'\n') {
            self.line.extend_from_slice(part);
            if part.ends_with(b"\n") {
                self.emit()?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.emit()?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_gets_no_escape_sequences() {
        let mut w = Inert {
            inner: Vec::new(),
            line: Vec::new(),
        };
        w.write_all("name,\u{1b}]52;c;aGk=\u{7}\nnext \u{202E}".as_bytes())
            .unwrap();
        w.flush().unwrap();
        let shown = String::from_utf8(w.inner).unwrap();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202E}'),
            "{shown}"
        );
        assert!(
            shown.starts_with("name,") && shown.contains("\nnext "),
            "{shown}"
        );
    }
}
