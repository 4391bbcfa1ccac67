//! Rondo's memory: an embedded sled database behind typed trees.
//!
//! [`Store::open`] takes the data folder's lock ([`StoreError::AlreadyOpen`] for a second
//! process), opens sled, checks the schema version and migrates older databases
//! ([`migrate`]). Records are read and written as domain values ([`Record`]); every write
//! is flushed before it returns, so a change that returned `Ok` survives a crash.
//! Bookings are written only through [`Store::write_bookings`], one sled transaction
//! that also keeps the two booking indexes in step and runs the caller's re-check on the
//! state inside the transaction.
//!
//! The parts, by what they hold:
//! - [`tree`]: the trees of a database ([`Tree`]), each named once;
//! - `records`: records kept as they are (people, plans, proposals), by id ([`Record`]);
//! - `bookings`: bookings and their indexes, written in one transaction ([`TxView`],
//!   [`WriteError`], [`DayEntry`]);
//! - `open`: opening a data folder: its lock, what a killed process left, the schema
//!   check and upgrade ([`migrate`]);
//! - `restore`: replacing everything by writing a new generation ([`generations`]);
//! - `sent_file`: the `invites-sent.json` of older builds, imported once;
//! - [`codec`]: the encodings of keys and values (also in DESIGN.md).
//!
//! Trees (schema 3): `meta`, `interviewers`, `candidates`, `plans`, `bookings`,
//! `bookings_by_start` (index: week listings), `interviewer_days` (index: who is booked
//! on which day, read inside booking transactions), `candidate_bookings` (index: a
//! candidate's live bookings), `proposals` (latest proposal per candidate),
//! `invites_sent` (which version of each booking's invites was written, and where),
//! `training_paths` (each pool's path) and `trainees` (each interviewer's training).

mod bookings;
pub mod codec;
mod error;
mod folder;
pub mod generations;
mod leftovers;
mod lock;
pub mod migrate;
mod open;
mod records;
mod restore;
mod sent_file;
mod space;
pub mod tree;
pub mod upgrade_backup;

pub use bookings::{DayEntry, TxView, WriteError};
pub use error::StoreError;
pub use folder::{platform_data_dir, resolve_data_dir, DATA_DIR_ENV};
pub use generations::CURRENT_FILE;
pub use lock::LOCK_FILE;
pub use records::{PlainRecord, Record};
pub use restore::Contents;
pub use sent_file::SENT_FILE;
pub use tree::Tree;

use crate::domain::BookingId;
use std::fs::File;
use std::path::{Path, PathBuf};
use tree::Trees;

/// The schema version this build writes and reads (older ones are migrated on open).
pub const SCHEMA_VERSION: u32 = 3;

/// Name of the first sled folder inside the data folder (generation 0; later ones are
/// `db-1`, `db-2`, ... named by [`CURRENT_FILE`], see [`generations`]).
pub const DB_FOLDER: &str = "db";

/// Key of the schema version in the `meta` tree (4 bytes, big-endian).
pub(crate) const SCHEMA_KEY: &[u8] = b"schema";
/// Key of the commit counter in the `meta` tree (8 bytes, big-endian): one more after
/// every committed change; mirrored in the lock file to detect lost or damaged data.
pub(crate) const COMMITS_KEY: &[u8] = b"commits";
/// Key of the booking-id counter in the `meta` tree (8 bytes, big-endian).
pub(crate) const NEXT_BOOKING_KEY: &[u8] = b"next_booking";
/// Key of the database's random instance tag in the `meta` tree (used in calendar UIDs).
pub(crate) const INSTANCE_KEY: &[u8] = b"instance";

/// The open database of one data folder. Cheap to share between threads (`&Store`).
pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    trees: Trees,
    /// Which generation of the data trees is current (a restore makes the next one).
    generation: u64,
    instance: String,
    /// The highest commit count written to the lock file.
    mirrored: std::sync::Mutex<u64>,
    // Declared last: dropped after the database, so the next opener finds sled closed.
    _lock: File,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish()
    }
}

impl Store {
    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema version stored in the database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(migrate::read_schema(&self.dir, &self.trees[Tree::Meta])?.unwrap_or(0))
    }

    /// This database's random tag, part of every calendar UID it issues.
    pub fn instance_tag(&self) -> &str {
        &self.instance
    }

    fn sled<T>(&self, r: sled::Result<T>) -> Result<T, StoreError> {
        r.map_err(|e| StoreError::from_sled(&self.dir, e))
    }

    /// Makes every change so far durable: counts one more commit in `meta`, flushes
    /// sled (an fsync), then mirrors the count in the lock file. Every write calls it
    /// before returning, so a change that returned `Ok` survives a crash.
    ///
    /// sled recovers a prefix of its log, so a database whose count is below the
    /// mirrored one has lost committed changes (truncated or overwritten files), and
    /// [`Store::open`] refuses it before writing anything. The mirror is written
    /// without an fsync: if it is lost in a crash it holds an older, lower count, which
    /// is still a correct lower bound.
    pub fn commit(&self) -> Result<(), StoreError> {
        let n = self.bump(COMMITS_KEY)?;
        let r = self.db.flush();
        self.sled(r)?;
        self.mirror(n)
    }

    /// Writes commit count `n`, durable in the database, to the lock file if it is
    /// higher than what the lock file holds.
    fn mirror(&self, n: u64) -> Result<(), StoreError> {
        let mut mirrored = self
            .mirrored
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if n > *mirrored {
            lock::write_commits(&self._lock, n).map_err(|e| StoreError::from_io(&self.dir, e))?;
            *mirrored = n;
        }
        Ok(())
    }

    /// Adds one to the 8-byte big-endian counter under `key` in `meta`; the new value.
    fn bump(&self, key: &[u8]) -> Result<u64, StoreError> {
        let next = self.sled(self.trees[Tree::Meta].update_and_fetch(key, |old| {
            let n = old
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                .map_or(0, u64::from_be_bytes);
            Some((n + 1).to_be_bytes().to_vec())
        }))?;
        Ok(next
            .and_then(|b| <[u8; 8]>::try_from(b.as_ref()).ok())
            .map_or(0, u64::from_be_bytes))
    }

    /// A new, never reused booking id (`bk-000042`). The counter lives in `meta` and is
    /// written before the booking it names, so after a crash it is never behind.
    pub fn new_booking_id(&self) -> Result<BookingId, StoreError> {
        let n = self.bump(NEXT_BOOKING_KEY)?;
        let id = BookingId::new(format!("bk-{n:06}")).map_err(|e| StoreError::Engine {
            dir: self.dir.clone(),
            detail: e.to_string(),
        })?;
        // A restored backup may already hold this id: skip to the next free one.
        if self.sled(self.trees[Tree::Bookings].contains_key(id.as_str().as_bytes()))? {
            return self.new_booking_id();
        }
        Ok(id)
    }
}
