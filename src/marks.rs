//! Bookmarks that outlive a session: a list of record ids, each with the record's name as last
//! seen, so that a mark whose record has left the dataset can still be named.
//!
//! The file is JSON, written whole to a temporary file in the same directory and renamed over the
//! old one, so a crash mid-write leaves the old marks, never half a file. The temporary file has
//! a random name and is created new, readable by its owner only, so nothing planted in the
//! directory can redirect the write. A file that cannot be read is reported and set aside
//! (renamed `marks.json.bad`, or `.bad.1`, `.bad.2`... if that exists) before the first save,
//! never lost and never replacing one set aside before. A FIFO, a device or a file over the
//! size limit at the marks' path is refused without waiting or reading it all.

use crate::safe_file::{self, Refused};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file's name under the data directory.
pub const FILE_NAME: &str = "marks.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub id: String,
    /// The record's name when it was last seen in a dataset.
    pub name: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    marks: Vec<Mark>,
}

const VERSION: u32 = 1;

/// The marks and where they are kept; with no path they live in memory only (tests, or a user
/// with no home directory).
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub list: Vec<Mark>,
    path: Option<PathBuf>,
    /// The file exists but could not be used: it is moved aside before anything is written.
    unusable: bool,
    /// What went wrong while loading, for the status bar; taken once.
    problem: Option<String>,
}

impl Marks {
    /// Marks kept only for this session.
    pub fn in_memory() -> Marks {
        Marks::default()
    }

    /// Reads the marks at `path`. A missing file is an empty list; an unreadable or corrupt one
    /// is an empty list and a problem to report, never an error that stops the program.
    pub fn load(path: Option<&Path>) -> Marks {
        let mut marks = Marks {
            path: path.map(Path::to_path_buf),
            ..Marks::default()
        };
        let Some(path) = path else {
            return marks;
        };
        let limit = crate::limits::MAX_MARKS_BYTES;
        let bytes = match safe_file::read(path, true, limit) {
            Ok(bytes) => bytes,
            Err(Refused::NotFound) => return marks,
            Err(refused) => {
                let why = match refused {
                    Refused::NotPlain(what) => format!("it is not a plain file but {what}"),
                    Refused::TooLarge(size) => crate::limits::too_large(size, limit, "it"),
                    Refused::Io(e) => format!("cannot read it: {e}"),
                    Refused::NotFound | Refused::Link => "cannot read it".to_string(),
                };
                marks.unusable = true;
                marks.problem = Some(format!(
                    "Marks not loaded from {}: {why}; it will be set aside",
                    path.display()
                ));
                return marks;
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        match serde_json::from_str::<File>(&text) {
            Ok(file) if file.version == VERSION => marks.list = file.marks,
            Ok(file) => {
                marks.unusable = true;
                marks.problem = Some(format!(
                    "Marks not loaded: {} is version {} of the format; this ngo-atlas reads {VERSION}",
                    path.display(),
                    file.version
                ));
            }
            Err(e) => {
                marks.unusable = true;
                marks.problem = Some(format!(
                    "Marks not loaded: {} is not a marks file ({e}); it will be kept as {}.bad",
                    path.display(),
                    path.file_name().unwrap_or_default().to_string_lossy()
                ));
            }
        }
        marks
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The loading problem, once.
    pub fn take_problem(&mut self) -> Option<String> {
        self.problem.take()
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.list.iter().position(|m| m.id == id)
    }

    /// Marks a record, or unmarks it if it was marked; says whether it is now marked.
    pub fn toggle(&mut self, id: &str, name: &str) -> bool {
        match self.position(id) {
            Some(i) => {
                self.list.remove(i);
                false
            }
            None => {
                self.list.push(Mark {
                    id: id.to_string(),
                    name: name.to_string(),
                });
                true
            }
        }
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
            set_aside(&path).map_err(|e| fail("set aside", e))?;
            self.unusable = false;
        }
        let file = File {
            version: VERSION,
            marks: self.list.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        text.push('\n');
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deeper").join(FILE_NAME);
        let mut marks = Marks::load(Some(&path));
        assert!(marks.list.is_empty());
        assert_eq!(marks.take_problem(), None);
        assert!(marks.toggle("amity-foundation", "Amity Foundation"));
        assert!(marks.toggle("tan-weiping", "Tan Weiping"));
        marks.save().unwrap();
        let again = Marks::load(Some(&path));
        assert_eq!(again.list, marks.list);
        // Nothing but the file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![FILE_NAME]);
    }

    #[test]
    fn marking_twice_unmarks() {
        let mut marks = Marks::in_memory();
        assert!(marks.toggle("a", "A"));
        assert!(!marks.toggle("a", "A"));
        assert!(marks.list.is_empty());
        marks.save().unwrap();
    }

    #[test]
    fn a_corrupt_file_is_reported_ignored_and_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "{ not json").unwrap();
        let mut marks = Marks::load(Some(&path));
        assert!(marks.list.is_empty());
        let problem = marks.take_problem().unwrap();
        assert!(problem.contains("not a marks file"), "{problem}");
        assert_eq!(marks.take_problem(), None);
        marks.toggle("a", "A");
        marks.save().unwrap();
        let bad = dir.path().join(format!("{FILE_NAME}.bad"));
        assert_eq!(std::fs::read_to_string(bad).unwrap(), "{ not json");
        assert_eq!(Marks::load(Some(&path)).list.len(), 1);
    }

    #[test]
    fn every_file_set_aside_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for n in 0..3 {
            std::fs::write(&path, format!("corrupt {n}")).unwrap();
            let mut marks = Marks::load(Some(&path));
            assert!(marks.take_problem().is_some());
            marks.toggle("a", "A");
            marks.save().unwrap();
        }
        let kept = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(kept("marks.json.bad"), "corrupt 0");
        assert_eq!(kept("marks.json.bad.1"), "corrupt 1");
        assert_eq!(kept("marks.json.bad.2"), "corrupt 2");
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        // The old predictable temporary name, linked to another file.
        let planted = dir
            .path()
            .join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let mut marks = Marks::load(Some(&dir.path().join(FILE_NAME)));
        marks.toggle("a", "A");
        marks.save().unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(FILE_NAME))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "readable by its owner only: {mode:o}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join(FILE_NAME);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            let mut marks = Marks::load(Some(&fifo));
            let problem = marks.take_problem().unwrap();
            assert!(
                problem.contains("not a plain file but a named pipe"),
                "{problem}"
            );
        }
        let mut marks = Marks::load(Some(Path::new("/dev/zero")));
        let problem = marks.take_problem().unwrap();
        assert!(problem.contains("a device"), "{problem}");
    }

    #[test]
    fn an_unwritable_place_is_an_error_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").unwrap();
        let mut marks = Marks::load(Some(&blocker.join(FILE_NAME)));
        marks.toggle("a", "A");
        assert!(marks.save().is_err());
    }
}
