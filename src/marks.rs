//! Bookmarks that outlive a session: a list of record ids, each with the record's name as last
//! seen, so that a mark whose record has left the dataset can still be named.
//!
//! The file is JSON, written whole to a temporary file in the same directory and renamed over the
//! old one, so a crash mid-write leaves the old marks, never half a file. A file that cannot be
//! read is reported and set aside (renamed `marks.json.bad`) before the first save, never lost.

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
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return marks,
            Err(e) => {
                marks.unusable = true;
                marks.problem = Some(format!(
                    "Marks not loaded: cannot read {}: {e}",
                    path.display()
                ));
                return marks;
            }
        };
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
                    "Marks not loaded: {} is not a marks file ({e}); it is kept as {}.bad",
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
            let mut aside = path.clone().into_os_string();
            aside.push(".bad");
            std::fs::rename(&path, &aside).map_err(|e| fail("set aside", e))?;
            self.unusable = false;
        }
        let file = File {
            version: VERSION,
            marks: self.list.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        text.push('\n');
        let tmp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        let written = std::fs::File::create(&tmp)
            .and_then(|mut f| {
                f.write_all(text.as_bytes())?;
                f.sync_all()
            })
            .and_then(|()| std::fs::rename(&tmp, &path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(fail("write", e));
        }
        Ok(())
    }
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
    fn an_unwritable_place_is_an_error_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").unwrap();
        let mut marks = Marks::load(Some(&blocker.join(FILE_NAME)));
        marks.toggle("a", "A");
        assert!(marks.save().is_err());
    }
}
