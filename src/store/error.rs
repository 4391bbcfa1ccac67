//! Why the store refused or failed, in words that say what to do. Nothing in this list
//! is ever "fixed" by overwriting data: every failure leaves the files as they were.

use crate::whole_file::WriteFileError;
use std::path::PathBuf;

/// What went wrong with the data folder or a record in it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another Rondo (app window or command) holds the data folder's lock.
    #[error("Rondo is already open on this data (folder {dir}): close the other Rondo window or command and try again, or use another folder with --data-dir")]
    AlreadyOpen {
        /// The data folder.
        dir: PathBuf,
    },
    /// The data folder cannot be created or written (permissions, read-only disk, a
    /// file in the way).
    #[error("cannot write to the data folder {dir} ({source}): choose a writable folder with --data-dir or RONDO_DATA_DIR, or fix its permissions")]
    Unwritable {
        /// The data folder.
        dir: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The disk holding the data folder is full; the change was not stored.
    #[error("the disk holding {dir} is full, so the last change was not stored: free some space and try again (what was stored before is intact)")]
    DiskFull {
        /// The data folder.
        dir: PathBuf,
    },
    /// The database files are damaged or truncated.
    #[error("the database in {dir} is damaged ({detail}): it was left untouched; restore a backup with `rondo data import FILE` into a new folder (--data-dir), and keep the damaged folder for support")]
    Corrupt {
        /// The data folder.
        dir: PathBuf,
        /// What was found.
        detail: String,
    },
    /// The database was written by a newer Rondo whose schema this one does not know.
    #[error("the data in {dir} was written by a newer Rondo (schema {found}; this one knows up to {supported}): install the newer Rondo; nothing was changed")]
    NewerSchema {
        /// The data folder.
        dir: PathBuf,
        /// Schema version found in the database.
        found: u32,
        /// Newest schema this build reads.
        supported: u32,
    },
    /// One record was written by a newer Rondo (its version byte is unknown here).
    #[error("{tree} record {key:?} was written by a newer Rondo (record version {version}; this one knows up to {supported}): install the newer Rondo; nothing was changed")]
    NewerRecord {
        /// The tree holding it.
        tree: &'static str,
        /// Its key, readably.
        key: String,
        /// The version byte found.
        version: u8,
        /// Newest record version this build reads.
        supported: u8,
    },
    /// One record could not be decoded.
    #[error("{tree} record {key:?} cannot be read ({detail}): the database may be damaged; export what can be read and restore a backup")]
    BadRecord {
        /// The tree holding it.
        tree: &'static str,
        /// Its key, readably.
        key: String,
        /// What is wrong.
        detail: String,
    },
    /// No record of that kind has that id.
    #[error("there is no {kind} {id}: list them with `rondo {kind} list`")]
    NotFound {
        /// `interviewer`, `candidate`, `plan`, `booking`.
        kind: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A record with that id already exists (adding refuses to replace it).
    #[error("there is already a {kind} {id}: pick another id, or edit the existing one")]
    Exists {
        /// `interviewer`, `candidate`, `plan`.
        kind: &'static str,
        /// The id given.
        id: String,
    },
    /// Deleting would leave other records pointing at nothing.
    #[error("{kind} {id} is still used by {user}: remove or change that first")]
    InUse {
        /// What was to be deleted.
        kind: &'static str,
        /// Its id.
        id: String,
        /// What still refers to it.
        user: String,
    },
    /// No data folder was given and the system has no home folder to derive one from.
    #[error("no data folder: this system has no home folder; name one with --data-dir DIR or RONDO_DATA_DIR")]
    NoDataDir,
    /// Another read or write error of the operating system.
    #[error(
        "reading or writing the data folder {dir} failed ({source}): check the disk and try again"
    )]
    Io {
        /// The data folder.
        dir: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The database engine reported a problem of its own.
    #[error("the database engine failed in {dir} ({detail}): try again; if it persists, export your data and report it")]
    Engine {
        /// The data folder.
        dir: PathBuf,
        /// sled's words.
        detail: String,
    },
}

impl StoreError {
    /// Maps an I/O error on `dir` to the variant that says what to do.
    pub(crate) fn from_io(dir: &std::path::Path, e: std::io::Error) -> StoreError {
        let dir = dir.to_path_buf();
        match e.raw_os_error() {
            Some(libc::ENOSPC) | Some(libc::EDQUOT) => StoreError::DiskFull { dir },
            Some(libc::EACCES) | Some(libc::EPERM) | Some(libc::EROFS) | Some(libc::ENOTDIR) => {
                StoreError::Unwritable { dir, source: e }
            }
            _ if e.to_string().contains("could not acquire lock") => {
                StoreError::AlreadyOpen { dir }
            }
            _ => match e.kind() {
                std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidData => {
                    StoreError::Corrupt {
                        dir,
                        detail: e.to_string(),
                    }
                }
                _ => StoreError::Io { dir, source: e },
            },
        }
    }

    /// Maps the failure to write a file of data folder `dir`.
    pub(crate) fn from_file_write(dir: &std::path::Path, e: WriteFileError) -> StoreError {
        let dir = dir.to_path_buf();
        match e {
            WriteFileError::DiskFull { .. } => StoreError::DiskFull { dir },
            WriteFileError::Unwritable { source, .. } => StoreError::Unwritable { dir, source },
            WriteFileError::Io { source, .. } => StoreError::Io { dir, source },
            e @ (WriteFileError::NoFolder { .. } | WriteFileError::NotAFile { .. }) => {
                StoreError::Io {
                    dir,
                    source: std::io::Error::new(std::io::ErrorKind::NotFound, e.to_string()),
                }
            }
        }
    }

    /// Maps a sled error on `dir`.
    pub(crate) fn from_sled(dir: &std::path::Path, e: sled::Error) -> StoreError {
        match e {
            sled::Error::Io(io) => StoreError::from_io(dir, io),
            sled::Error::Corruption { at, .. } => StoreError::Corrupt {
                dir: dir.to_path_buf(),
                detail: format!("sled found corruption at {at:?}"),
            },
            sled::Error::CollectionNotFound(name) => StoreError::Corrupt {
                dir: dir.to_path_buf(),
                detail: format!("tree {:?} is missing", String::from_utf8_lossy(&name)),
            },
            sled::Error::Unsupported(m) | sled::Error::ReportableBug(m) => StoreError::Engine {
                dir: dir.to_path_buf(),
                detail: m,
            },
        }
    }
}
