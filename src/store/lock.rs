//! One Rondo per data folder: an exclusive advisory lock on `rondo.lock`, taken before
//! the database is opened and held for as long as the store is open. The operating
//! system drops it when the process ends, even by SIGKILL, so a crash never leaves a
//! stale lock behind.

use super::StoreError;
use fs2::FileExt;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Name of the lock file inside the data folder.
pub const LOCK_FILE: &str = "rondo.lock";

/// How long [`take`] keeps trying while the lock is held. A process that starts another
/// program copies its open files into it until that program replaces it (fork, then
/// exec): for that moment the child holds a copy of a store's lock file and so the lock,
/// even after the store closed. Far shorter than this; a second Rondo is still told at
/// once in human terms.
const CONTENDED_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// Takes the folder's lock, or [`StoreError::AlreadyOpen`] if someone holds it for
/// longer than [`CONTENDED_WAIT`].
pub fn take(dir: &Path) -> Result<File, StoreError> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(dir.join(LOCK_FILE))
        .map_err(|e| StoreError::from_io(dir, e))?;
    let deadline = std::time::Instant::now() + CONTENDED_WAIT;
    loop {
        match file.try_lock_exclusive() {
            Ok(()) => return Ok(file),
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.raw_os_error() == fs2::lock_contended_error().raw_os_error() =>
            {
                if std::time::Instant::now() >= deadline {
                    return Err(StoreError::AlreadyOpen {
                        dir: dir.to_path_buf(),
                    });
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) => return Err(StoreError::from_io(dir, e)),
        }
    }
}

/// Marks the lock file's content: the commit count follows as 8 bytes big-endian.
const MAGIC: &[u8; 8] = b"RONDOCNT";

/// The commit count mirrored in the lock file, if it holds one.
pub fn read_commits(mut file: &File) -> Option<u64> {
    let mut buf = [0u8; 16];
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_exact(&mut buf).ok()?;
    (&buf[..8] == MAGIC).then(|| u64::from_be_bytes(buf[8..].try_into().unwrap_or([0; 8])))
}

/// Mirrors commit count `n` in the lock file (one 16-byte write at offset 0, no fsync).
pub fn write_commits(mut file: &File, n: u64) -> std::io::Result<()> {
    let mut buf = [0u8; 16];
    buf[..8].copy_from_slice(MAGIC);
    buf[8..].copy_from_slice(&n.to_be_bytes());
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&buf)
}
