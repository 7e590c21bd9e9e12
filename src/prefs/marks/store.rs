//! Reading the marks file, and saving through `sync.rs`.
//!
//! A file that cannot be read is reported and, at the explorer's first save, kept aside as
//! `marks.json.bad` (`.bad.1`, `.bad.2`... if that exists), never lost and never replacing one
//! kept before; so is the original of a file that had to be repaired. A command that only reads
//! the marks leaves the file alone, and says so. A FIFO, a device or a file over the size limit
//! at the marks' path is refused without waiting or reading it all.

use super::file::{self, Unreadable};
use super::{Marks, sync};
use crate::ingest::safe_file::{self, Refused};
use crate::text::sanitize;
use std::path::Path;

/// How many repairs a message names before it only counts the rest.
const REPAIRS_NAMED: usize = 3;

/// What becomes of a marks file that cannot be used as it is: the words of a message must match
/// what the program reading it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// The explorer sets it aside at its first save.
    SetAside,
    /// A command that only reads the marks never touches the file.
    LeftAlone,
}

impl Fate {
    /// The end of the message about a file that was not read: `explorer` when it will be set
    /// aside.
    fn of_unread(self, explorer: String) -> String {
        match self {
            Fate::SetAside => explorer,
            Fate::LeftAlone => "ngo-atlas leaves it alone".to_string(),
        }
    }

    /// The end of the message about a file whose marks were read with repairs.
    fn of_repaired(self, aside: &str) -> String {
        match self {
            Fate::SetAside => format!("the original will be kept as {aside}"),
            Fate::LeftAlone => "the file is left as it is".to_string(),
        }
    }
}

impl Marks {
    /// Reads the marks at `path`, for the explorer. A missing file is the default collection,
    /// empty; an unreadable or corrupt one is the same and a problem to report (see
    /// [`Marks::take_problem`]), never an error that stops the program. A file from before
    /// collections is read into the default collection.
    pub fn load(path: Option<&Path>) -> Marks {
        let mut marks = Marks {
            path: path.map(Path::to_path_buf),
            ..Marks::default()
        };
        let Some(path) = path else {
            return marks;
        };
        if let Err(problem) = marks.fill(path, Fate::SetAside) {
            marks.problem = Some(problem);
        }
        marks
    }

    /// Reads the marks at `path` for a command that only reads them: a file that exists but
    /// cannot be used is an error (in words, naming the file), not an empty list. A file that
    /// had to be repaired is read, the repairs left in [`Marks::take_problem`]; nothing is
    /// written or set aside.
    pub fn read(path: &Path) -> Result<Marks, String> {
        let mut marks = Marks {
            path: Some(path.to_path_buf()),
            ..Marks::default()
        };
        marks.fill(path, Fate::LeftAlone)?;
        Ok(marks)
    }

    /// Reads the file into `self`; the error is the problem to report.
    fn fill(&mut self, path: &Path, fate: Fate) -> Result<(), String> {
        let shown = sanitize::line(&path.display().to_string()).into_owned();
        let limit = crate::data::limits::MAX_MARKS_BYTES;
        let bytes = match safe_file::read(path, true, limit) {
            Ok(bytes) => bytes,
            Err(Refused::NotFound) => return Ok(()),
            Err(refused) => {
                let why = match refused {
                    Refused::NotPlain(what) => format!("it is not a plain file but {what}"),
                    Refused::TooLarge(size) => crate::data::limits::too_large(size, limit, "it"),
                    Refused::Io(e) => format!("cannot read it: {e}"),
                    Refused::NotFound | Refused::Link => "cannot read it".to_string(),
                };
                return Err(format!(
                    "Marks not loaded from {shown}: {why}; {}",
                    fate.of_unread("it will be set aside".to_string())
                ));
            }
        };
        let aside = format!(
            "{}.bad",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let read = match file::parse(&String::from_utf8_lossy(&bytes)) {
            Ok(read) => read,
            Err(Unreadable::Version(v)) => {
                return Err(format!(
                    "Marks not loaded: {shown} is version {v} of the format; this ngo-atlas reads \
                     versions 1 and {}; {}",
                    file::VERSION,
                    fate.of_unread(format!("it will be kept as {aside}"))
                ));
            }
            Err(Unreadable::NotMarks(e)) => {
                return Err(format!(
                    "Marks not loaded: {shown} is not a marks file ({e}); {}",
                    fate.of_unread(format!("it will be kept as {aside}"))
                ));
            }
        };
        self.changes += 1;
        self.shelf = read.shelf;
        self.current = read.current;
        self.list = std::mem::take(&mut self.shelf[self.current].marks);
        if !read.repairs.is_empty() {
            // The repaired marks are used; the original is kept for whoever edited it.
            let mut named = read.repairs[..read.repairs.len().min(REPAIRS_NAMED)].join("; ");
            if read.repairs.len() > REPAIRS_NAMED {
                named.push_str(&format!(
                    "; and {} more",
                    read.repairs.len() - REPAIRS_NAMED
                ));
            }
            self.problem = Some(format!(
                "Marks in {shown} were repaired: {}; {}",
                sanitize::line(&named),
                fate.of_repaired(&aside)
            ));
        }
        Ok(())
    }

    /// Writes this program's changes on top of the file as it is now (see `sync.rs`) and takes
    /// the result, saying what the user should hear (a note another window replaced). In
    /// memory this does nothing. On failure every change is kept, to be saved again.
    pub fn save(&mut self) -> Result<Vec<String>, String> {
        let Some(path) = self.path.clone() else {
            return Ok(Vec::new());
        };
        let disk = sync::commit(&path, &self.all_pending())?;
        Ok(self.saved(disk))
    }

    /// Takes the file as another program left it, keeping this program's unsaved changes on
    /// top; says what the user should hear. In memory this does nothing.
    pub fn reread(&mut self) -> Result<Vec<String>, String> {
        let Some(path) = self.path.clone() else {
            return Ok(Vec::new());
        };
        let disk = sync::read(&path, 0)?;
        Ok(self.saved(disk))
    }
}
