//! Opening files relative to an open folder (`openat`), so nothing can swap a link in between a
//! check and an open: the few calls std does not offer, through `libc`.

use std::ffi::CString;
use std::io;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

pub use libc::{O_CLOEXEC, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_RDONLY, O_WRONLY};

fn c_name(name: &[u8]) -> io::Result<CString> {
    CString::new(name).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
}

/// Opens the folder at `path`; with `nofollow`, a link there is refused (`ELOOP`).
pub fn open_dir(path: &Path, nofollow: bool) -> io::Result<OwnedFd> {
    let mut flags = libc::O_DIRECTORY | O_RDONLY | O_CLOEXEC;
    if nofollow {
        flags |= O_NOFOLLOW;
    }
    let name = c_name(path.as_os_str().as_bytes())?;
    // SAFETY: open with a NUL-terminated path; the descriptor is owned at once.
    let fd = unsafe { libc::open(name.as_ptr(), flags) };
    own(fd)
}

/// Opens `name` in the folder `dir` with `flags` (and `mode` for a file it creates).
pub fn open_at(dir: &impl AsFd, name: &str, flags: i32, mode: u32) -> io::Result<OwnedFd> {
    let c = c_name(name.as_bytes())?;
    let dir = dir.as_fd().as_raw_fd();
    // SAFETY: openat on an open folder with a NUL-terminated name; the descriptor is owned.
    let fd = unsafe { libc::openat(dir, c.as_ptr(), flags, mode as libc::c_uint) };
    own(fd)
}

/// Opens the folder `name` in `dir`, refusing a link.
pub fn open_dir_at(dir: &impl AsFd, name: &str) -> io::Result<OwnedFd> {
    open_at(
        dir,
        name,
        libc::O_DIRECTORY | O_RDONLY | O_CLOEXEC | O_NOFOLLOW,
        0,
    )
}

/// Whether `name` in `dir` is a symbolic link (not followed).
pub fn is_link_at(dir: &impl AsFd, name: &str) -> bool {
    let Ok(c) = c_name(name.as_bytes()) else {
        return false;
    };
    // SAFETY: fstatat fills a stat we own, about a NUL-terminated name in an open folder.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let ok = unsafe {
        libc::fstatat(
            dir.as_fd().as_raw_fd(),
            c.as_ptr(),
            &mut st,
            libc::AT_SYMLINK_NOFOLLOW,
        )
    } == 0;
    ok && st.st_mode & libc::S_IFMT == libc::S_IFLNK
}

fn own(fd: i32) -> io::Result<OwnedFd> {
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a descriptor just opened, owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Makes a named pipe at `path` (tests of what refuses one).
pub fn mkfifo(path: &Path) -> io::Result<()> {
    let c = c_name(path.as_os_str().as_bytes())?;
    // SAFETY: a NUL-terminated path and a mode.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
