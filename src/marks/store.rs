//! The marks file on disk.
//!
//! It is written whole to a temporary file in the same directory and renamed over the old one,
//! so a crash mid-write leaves the old marks, never half a file. The temporary file has a random
//! name and is created new, readable by its owner only, so nothing planted in the directory can
//! redirect the write. A file that cannot be read is reported and, by the explorer, set aside
//! (renamed `marks.json.bad`, or `.bad.1`, `.bad.2`... if that exists) before the first save,
//! never lost and never replacing one set aside before; so is the original of a file that had to
//! be repaired. A command that only reads the marks leaves the file alone, and says so. A FIFO, a device or a file over the size limit at the marks' path is refused
//! without waiting or reading it all.

use super::file::{self, Unreadable};
use super::{FILE_NAME, Marks};
use crate::safe_file::{self, Refused};
use crate::sanitize;
use std::io::Write;
use std::path::{Path, PathBuf};

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
            marks.unusable = true;
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
        let limit = crate::limits::MAX_MARKS_BYTES;
        let bytes = match safe_file::read(path, true, limit) {
            Ok(bytes) => bytes,
            Err(Refused::NotFound) => return Ok(()),
            Err(refused) => {
                let why = match refused {
                    Refused::NotPlain(what) => format!("it is not a plain file but {what}"),
                    Refused::TooLarge(size) => crate::limits::too_large(size, limit, "it"),
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
        self.shelf = read.shelf;
        self.current = read.current;
        self.list = std::mem::take(&mut self.shelf[self.current].marks);
        if !read.repairs.is_empty() {
            // The repaired marks are used; the original is kept for whoever edited it.
            self.unusable = true;
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

    /// Writes the marks, atomically. In memory this does nothing.
    pub fn save(&mut self) -> Result<(), String> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let fail = |what: &str, e: std::io::Error| format!("cannot {what} {}: {e}", path.display());
        std::fs::create_dir_all(dir).map_err(|e| fail("create the folder of", e))?;
        if self.unusable {
            match set_aside(&path) {
                // Removed meanwhile: there is nothing left to keep.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(fail("set aside", e)),
                Ok(_) => {}
            }
            self.unusable = false;
        }
        let text = file::write(self).map_err(|e| e.to_string())?;
        // Random name, created new (O_EXCL), mode 0600; removed if anything below fails.
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{FILE_NAME}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| fail("write", e))?;
        tmp.write_all(text.as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| fail("write", e))?;
        tmp.persist(&path).map_err(|e| fail("write", e.error))?;
        Ok(())
    }
}

/// Moves an unusable marks file out of the way as `<name>.bad`, or `<name>.bad.1`, `.bad.2`...
/// when that is taken: a file set aside is never replaced. A hard link is made first, which
/// fails rather than replace anything; where links cannot be made, a free name is renamed to.
fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    for n in 0..1000 {
        let mut aside = path.to_path_buf().into_os_string();
        aside.push(if n == 0 {
            ".bad".to_string()
        } else {
            format!(".bad.{n}")
        });
        let aside = PathBuf::from(aside);
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(e),
            Err(_) if std::fs::symlink_metadata(&aside).is_err() => {
                std::fs::rename(path, &aside)?;
                return Ok(aside);
            }
            Err(_) => continue,
        }
    }
    Err(std::io::Error::other(
        "a thousand earlier copies are already set aside; remove some",
    ))
}
