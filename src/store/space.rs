//! Free-space guard. sled 0.34 does not recover well from running out of disk in the
//! middle of a write (its flush can wait forever), so every write first checks that the
//! data folder's disk keeps a reserve, and refuses with [`StoreError::DiskFull`] before
//! touching the database when it would not.

use super::StoreError;
use std::path::Path;

/// Space kept free for sled's own work (segment rewrites, snapshots): four 512 KiB segments.
pub const RESERVE_BYTES: u64 = 4 * 512 * 1024;

/// Bytes available to this user on the disk holding `dir`, if the system says.
#[cfg(unix)]
pub fn available(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: `path` is a valid NUL-terminated string and `stat` a plain struct that
    // statvfs fills in; nothing is kept after the call.
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::statvfs(path.as_ptr(), &mut stat) };
    (rc == 0).then(|| (stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64))
}

/// Bytes available on the disk holding `dir` (not known on this system).
#[cfg(not(unix))]
pub fn available(_dir: &Path) -> Option<u64> {
    None
}

/// Refuses a write of about `bytes` bytes if it would eat into the reserve.
pub fn ensure(dir: &Path, bytes: u64) -> Result<(), StoreError> {
    match available(dir) {
        Some(free) if free < RESERVE_BYTES.saturating_add(bytes.saturating_mul(2)) => {
            Err(StoreError::DiskFull {
                dir: dir.to_path_buf(),
            })
        }
        Some(_) | None => Ok(()),
    }
}
