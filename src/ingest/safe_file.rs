//! Opening files that come from outside without being tricked by what they are: a FIFO would
//! block the program forever, a device (`/dev/zero`) never ends, and a symbolic link in a data
//! directory can point anywhere (a token in another file, then echoed in an error message).
//!
//! A file is opened with `O_NONBLOCK` (opening a FIFO does not wait for a writer) and, where
//! links are refused, `O_NOFOLLOW`; then the type and size of the file actually opened are
//! checked, so nothing can be swapped in between a check and the open.

#[cfg(unix)]
pub mod at;

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why a file could not be used.
#[derive(Debug)]
pub enum Refused {
    NotFound,
    /// A symbolic link where links are refused.
    Link,
    /// Not a regular file: what it is instead ("a directory", "a FIFO"...).
    NotPlain(&'static str),
    /// Over the size limit: its size.
    TooLarge(u64),
    Io(io::Error),
}

impl Refused {
    fn from_io(e: io::Error) -> Refused {
        match e.kind() {
            io::ErrorKind::NotFound => Refused::NotFound,
            _ => Refused::Io(e),
        }
    }
}

/// What a file is, in words, from its type.
pub fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_file() {
        "a plain file"
    } else {
        "not a plain file"
    }
}

/// Opens `path` for reading if it is a plain file of at most `limit` bytes; with `follow`
/// false, a symbolic link is refused (`O_NOFOLLOW`). Returns the file and its size.
pub fn open(path: &Path, follow: bool, limit: u64) -> Result<(File, u64), Refused> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC;
        if !follow {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    #[cfg(not(unix))]
    {
        // Without O_NONBLOCK, look first: the window is the price of portability.
        match std::fs::symlink_metadata(path) {
            Ok(m) if !follow && m.file_type().is_symlink() => return Err(Refused::Link),
            Ok(m) if follow && !std::fs::metadata(path).is_ok_and(|m| m.is_file()) => {
                return Err(Refused::NotPlain(kind_of(m.file_type())));
            }
            _ => {}
        }
    }
    let file = match options.open(path) {
        Ok(f) => f,
        // O_NOFOLLOW on a link fails with ELOOP.
        #[cfg(unix)]
        Err(e) if !follow && e.raw_os_error() == Some(libc::ELOOP) => return Err(Refused::Link),
        Err(e) => return Err(Refused::from_io(e)),
    };
    let meta = file.metadata().map_err(Refused::Io)?;
    if !meta.is_file() {
        return Err(Refused::NotPlain(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(Refused::TooLarge(meta.len()));
    }
    Ok((file, meta.len()))
}

/// Reads a file opened by [`open`] whole, cut off past `limit` bytes (a file can grow while it
/// is read).
pub fn read_all(file: File, size: u64, limit: u64) -> Result<Vec<u8>, Refused> {
    let mut bytes = Vec::with_capacity(size.min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`open`] then [`read_all`].
pub fn read(path: &Path, follow: bool, limit: u64) -> Result<Vec<u8>, Refused> {
    let (file, size) = open(path, follow, limit)?;
    read_all(file, size, limit)
}

/// How long a writer waits for another program to let go of a lock.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);

/// The file a path names, following symbolic links (at most 40, as the kernel does); a link
/// to a file that does not exist yet names that file.
pub fn resolve(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&at) {
            Ok(to) => {
                at = match at.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                }
            }
            Err(_) => return at,
        }
    }
    at
}

/// Makes a folder and the folders above it, or says in words why not.
fn make_folder(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => format!(
            "{} is {}, not a folder",
            dir.display(),
            kind_of(m.file_type())
        ),
        _ => format!("cannot make the folder {}: {e}", dir.display()),
    })
}

/// A lock held until dropped.
pub struct Lock(#[allow(dead_code)] File);

/// Takes the advisory lock `<target>.lock` beside a file that several programs write, waiting
/// at most [`LOCK_WAIT`] for another to let go.
pub fn lock_beside(target: &Path) -> Result<Lock, String> {
    let mut name = target.as_os_str().to_owned();
    name.push(".lock");
    let at = PathBuf::from(name);
    if let Some(dir) = at.parent().filter(|d| !d.as_os_str().is_empty()) {
        make_folder(dir)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&at)
        .map_err(|e| format!("cannot lock {}: {e}", at.display()))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock(file)),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(format!(
                    "another program has held the lock {} for over {} s",
                    at.display(),
                    LOCK_WAIT.as_secs()
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(format!("cannot lock {}: {e}", at.display()));
            }
        }
    }
}

/// Keeps what is at `path` as `path.bad` (`.bad.1`… when that is taken), never replacing one
/// kept before. A hard link keeps it without moving it, so the path is replaced by a rename and
/// is never empty; what cannot be linked (a folder) is moved.
fn keep_aside(path: &Path) -> std::io::Result<Option<PathBuf>> {
    for n in 0..1000 {
        let mut aside = path.to_path_buf().into_os_string();
        aside.push(if n == 0 {
            ".bad".to_string()
        } else {
            format!(".bad.{n}")
        });
        let aside = PathBuf::from(aside);
        match std::fs::hard_link(path, &aside) {
            Ok(()) => return Ok(Some(aside)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // Removed meanwhile: there is nothing left to keep.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(_) if std::fs::symlink_metadata(&aside).is_err() => {
                std::fs::rename(path, &aside)?;
                return Ok(Some(aside));
            }
            Err(_) => continue,
        }
    }
    Err(std::io::Error::other(
        "a thousand earlier copies are already set aside; remove some",
    ))
}

/// Replaces the file at `target` with `bytes`, atomically: a new file with a random name in the
/// same folder (created new, readable by its owner only, so nothing planted there can redirect
/// the write), flushed to disk, renamed over the old one, then the folder flushed so that the
/// rename lasts. A crash leaves the old file or the new one, never half of one; a full disk
/// leaves the old one. With `keep_old`, what was there is kept as `.bad` first (see
/// [`keep_aside`]), once the new file is written in full. The folder is made if missing.
pub fn replace(target: &Path, bytes: &[u8], keep_old: bool) -> Result<(), String> {
    let shown = target.display().to_string();
    let fail = |what: &str, e: io::Error| format!("cannot {what} {shown}: {e}");
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    make_folder(dir)?;
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail("write", e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail("write", e))?;
    if keep_old {
        keep_aside(target).map_err(|e| fail("keep the old copy of", e))?;
    }
    tmp.persist(target).map_err(|e| fail("write", e.error))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Reads `relative` (`/`-separated, no `..`) inside the folder `dir`, refusing a link at every
/// step, not only the last: a folder inside `dir` that is a link could lead anywhere. `dir`
/// itself may be a link, as the user named it.
pub fn read_under(dir: &Path, relative: &str, limit: u64) -> Result<Vec<u8>, Refused> {
    let parts: Vec<&str> = relative.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == "..")
    {
        return Err(Refused::NotPlain("a path out of its folder"));
    }
    #[cfg(unix)]
    {
        let io = |e: io::Error| match e.raw_os_error() {
            Some(libc::ELOOP) => Refused::Link,
            Some(libc::ENOTDIR) => Refused::NotPlain("under something that is not a folder"),
            _ => Refused::from_io(e),
        };
        let mut at = at::open_dir(dir, false).map_err(io)?;
        let (last, folders) = parts.split_last().ok_or(Refused::NotFound)?;
        for part in folders {
            at = match at::open_dir_at(&at, part) {
                Ok(fd) => fd,
                // Linux says ENOTDIR, not ELOOP, for a link opened as a folder: look again.
                Err(_) if at::is_link_at(&at, part) => return Err(Refused::Link),
                Err(e) => return Err(io(e)),
            };
        }
        let flags = at::O_RDONLY | at::O_NOFOLLOW | at::O_NONBLOCK | at::O_CLOEXEC;
        let file = File::from(at::open_at(&at, last, flags, 0).map_err(io)?);
        let meta = file.metadata().map_err(Refused::Io)?;
        if !meta.is_file() {
            return Err(Refused::NotPlain(kind_of(meta.file_type())));
        }
        if meta.len() > limit {
            return Err(Refused::TooLarge(meta.len()));
        }
        read_all(file, meta.len(), limit)
    }
    #[cfg(not(unix))]
    {
        // Without openat, look at each step first: the window is the price of portability.
        let mut path = dir.to_path_buf();
        for part in &parts {
            path.push(part);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(Refused::Link);
            }
        }
        read(&path, false, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_files_are_read_and_the_rest_refused() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("a.yaml");
        std::fs::write(&plain, "- x\n").unwrap();
        assert_eq!(read(&plain, false, 100).unwrap(), b"- x\n");
        assert!(matches!(read(&plain, false, 3), Err(Refused::TooLarge(4))));
        assert!(matches!(
            read(&dir.path().join("none"), false, 100),
            Err(Refused::NotFound)
        ));
        assert!(matches!(
            read(dir.path(), true, 100),
            Err(Refused::NotPlain("a directory"))
        ));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.yaml");
            std::os::unix::fs::symlink(&plain, &link).unwrap();
            assert!(matches!(read(&link, false, 100), Err(Refused::Link)));
            assert_eq!(read(&link, true, 100).unwrap(), b"- x\n");
            assert!(matches!(
                read(Path::new("/dev/zero"), true, 100),
                Err(Refused::NotPlain("a device"))
            ));
            let fifo = dir.path().join("fifo");
            at::mkfifo(&fifo).expect("mkfifo");
            // Under a folder, a link is refused at every step, the folder given aside.
            std::fs::create_dir(dir.path().join("sub")).unwrap();
            std::fs::write(dir.path().join("sub/b.txt"), "b").unwrap();
            assert_eq!(read_under(dir.path(), "sub/b.txt", 100).unwrap(), b"b");
            assert!(matches!(
                read_under(dir.path(), "link.yaml", 100),
                Err(Refused::Link)
            ));
            std::os::unix::fs::symlink(dir.path().join("sub"), dir.path().join("via")).unwrap();
            assert!(matches!(
                read_under(dir.path(), "via/b.txt", 100),
                Err(Refused::Link)
            ));
            assert!(matches!(
                read_under(&dir.path().join("via"), "b.txt", 100),
                Ok(b) if b == b"b"
            ));
            assert!(matches!(
                read_under(dir.path(), "sub/../a.yaml", 100),
                Err(Refused::NotPlain(_))
            ));
            // Returns at once instead of waiting for a writer.
            assert!(matches!(
                read(&fifo, true, 100),
                Err(Refused::NotPlain("a named pipe"))
            ));
        }
    }
}
