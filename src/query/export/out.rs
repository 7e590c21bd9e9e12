//! Where exports are written: always new files, never through a symbolic link, never over
//! something that exists.
//!
//! A file is created with `O_CREAT|O_EXCL`, which fails on anything already at the path, a
//! dangling link included. A directory is either created, or an existing empty one; a symbolic
//! link given as the directory (a synced folder) is followed once, to the directory it names,
//! as the marks file's link is. On Unix that directory is then opened once with `O_NOFOLLOW`
//! and its files are created relative to that handle (`openat`), so swapping it for a link
//! half-way writes nothing anywhere else.

#[cfg(unix)]
use crate::ingest::safe_file::at;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// An error in words the user can act on, naming the path.
fn explain(path: &Path, e: &io::Error) -> String {
    let p = path.display();
    match e.kind() {
        io::ErrorKind::AlreadyExists => {
            format!("{p} already exists; exports never overwrite a file: choose a new name")
        }
        io::ErrorKind::PermissionDenied => format!("cannot write {p}: permission denied"),
        _ if is_loop(e) => format!(
            "{p} is a symbolic link; exports are not written through links: give the real path"
        ),
        _ => format!("cannot create {p}: {e}"),
    }
}

/// `O_NOFOLLOW` met a symbolic link.
fn is_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Creates a new file at `path`; fails if anything is there, a symbolic link included.
pub fn create_file(path: &Path) -> Result<File, String> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| explain(path, &e))
}

/// A directory to write new files into.
pub struct OutDir {
    path: PathBuf,
    #[cfg(unix)]
    handle: std::os::fd::OwnedFd,
}

impl OutDir {
    /// Creates the directory, or takes an existing one if it is a real directory and empty.
    pub fn prepare(given: &Path) -> Result<OutDir, String> {
        let resolved = crate::ingest::safe_file::resolve(given);
        let path = resolved.as_path();
        let p = path.display();
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                std::fs::create_dir(path).map_err(|e| explain(path, &e))?;
            }
            Err(e) => return Err(format!("cannot use {p}: {e}")),
            Ok(m) if m.file_type().is_symlink() => {
                return Err(format!(
                    "{p} is a symbolic link; exports are not written through links: give the real directory"
                ));
            }
            Ok(m) if !m.is_dir() => {
                return Err(format!(
                    "{p} exists and is not a directory; give a new or empty directory"
                ));
            }
            Ok(_) => {
                let mut names: Vec<String> = std::fs::read_dir(path)
                    .map_err(|e| format!("cannot read {p}: {e}"))?
                    .filter_map(|entry| entry.ok())
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect();
                if !names.is_empty() {
                    names.sort();
                    let more = names.len().saturating_sub(3);
                    names.truncate(3);
                    let mut held = names.join(", ");
                    if more > 0 {
                        held.push_str(&format!(" and {more} more"));
                    }
                    return Err(format!(
                        "{p} is not empty (it holds {held}); give a new or empty directory, so that no file is overwritten"
                    ));
                }
            }
        }
        Ok(OutDir {
            path: path.to_path_buf(),
            #[cfg(unix)]
            handle: at::open_dir(path, true).map_err(|e| explain(path, &e))?,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates a new file `name` in the directory.
    pub fn create(&self, name: &str) -> Result<File, String> {
        let full = self.path.join(name);
        #[cfg(unix)]
        {
            let flags = at::O_WRONLY | at::O_CREAT | at::O_EXCL | at::O_NOFOLLOW | at::O_CLOEXEC;
            at::open_at(&self.handle, name, flags, 0o644)
                .map(File::from)
                .map_err(|e| explain(&full, &e))
        }
        #[cfg(not(unix))]
        {
            create_file(&full)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_directory_is_made_and_its_files_are_never_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = OutDir::prepare(&tmp.path().join("new")).unwrap();
        std::io::Write::write_all(&mut dir.create("a.csv").unwrap(), b"x").unwrap();
        let again = dir.create("a.csv").unwrap_err();
        assert!(again.contains("already exists"), "{again}");
        let full = OutDir::prepare(dir.path()).err().unwrap();
        assert!(
            full.contains("not empty") && full.contains("a.csv"),
            "{full}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_folder_is_followed_and_no_file_is_written_through_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("elsewhere");
        std::fs::create_dir(&target).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink("elsewhere", &link).unwrap();
        let dir = OutDir::prepare(&link).unwrap();
        assert_eq!(dir.path(), target);
        std::io::Write::write_all(&mut dir.create("a.csv").unwrap(), b"x").unwrap();
        assert!(target.join("a.csv").exists());
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A dangling link where the file would go: not followed, not replaced.
        let victim = tmp.path().join("victim.txt");
        let file_link = tmp.path().join("out.graphml");
        std::os::unix::fs::symlink(&victim, &file_link).unwrap();
        assert!(
            create_file(&file_link)
                .unwrap_err()
                .contains("already exists")
        );
        assert!(!victim.exists());
        let dir = OutDir::prepare(&tmp.path().join("d")).unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("people.csv")).unwrap();
        assert!(
            dir.create("people.csv")
                .unwrap_err()
                .contains("already exists")
        );
        assert!(!victim.exists());
    }
}
