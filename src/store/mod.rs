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
//! Trees (schema 2): `meta`, `interviewers`, `candidates`, `plans`, `bookings`,
//! `bookings_by_start` (index: week listings), `interviewer_days` (index: who is booked
//! on which day, read inside booking transactions), `proposals` (latest proposal per
//! candidate). Encodings are in [`codec`] and DESIGN.md.

pub mod codec;
mod error;
mod folder;
mod leftovers;
mod lock;
pub mod migrate;
mod space;

pub use error::StoreError;
pub use folder::{platform_data_dir, resolve_data_dir, DATA_DIR_ENV};
pub use lock::LOCK_FILE;

use crate::domain::{Booking, BookingId, Candidate, Interviewer, InterviewerId, Plan, Proposal};
use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sled::transaction::{
    ConflictableTransactionError, TransactionError, TransactionalTree, UnabortableTransactionError,
};
use sled::Transactional;
use std::cell::RefCell;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The schema version this build writes and reads (older ones are migrated on open).
pub const SCHEMA_VERSION: u32 = 2;

/// How long [`Store::open`] waits for sled's own file lock to be let go by a store of
/// this process that was just closed.
const SLED_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Name of the sled folder inside the data folder.
pub const DB_FOLDER: &str = "db";

/// Key of the schema version in the `meta` tree (4 bytes, big-endian).
pub(crate) const SCHEMA_KEY: &[u8] = b"schema";
/// Key of the commit counter in the `meta` tree (8 bytes, big-endian): one more after
/// every committed change; mirrored in the lock file to detect lost or damaged data.
pub(crate) const COMMITS_KEY: &[u8] = b"commits";
/// Key of the current generation of the data trees in `meta` (8 bytes, big-endian;
/// absent = 0, the trees without a suffix).
pub(crate) const GENERATION_KEY: &[u8] = b"generation";
/// Key of the booking-id counter in the `meta` tree (8 bytes, big-endian).
pub(crate) const NEXT_BOOKING_KEY: &[u8] = b"next_booking";
/// Key of the database's random instance tag in the `meta` tree (used in calendar UIDs).
pub(crate) const INSTANCE_KEY: &[u8] = b"instance";

/// A kind of record kept in its own tree, keyed by its id.
pub trait Record: Serialize + DeserializeOwned {
    /// The kind's name in messages and on the command line (`interviewer`).
    const KIND: &'static str;
    /// The sled tree holding it.
    const TREE: &'static str;
    /// The key: the id's text.
    fn key(&self) -> &str;
}

/// A record that is written as it is, without indexes (every kind except bookings).
pub trait PlainRecord: Record {}

impl Record for Interviewer {
    const KIND: &'static str = "interviewer";
    const TREE: &'static str = "interviewers";
    fn key(&self) -> &str {
        self.id.as_str()
    }
}
impl PlainRecord for Interviewer {}

impl Record for Candidate {
    const KIND: &'static str = "candidate";
    const TREE: &'static str = "candidates";
    fn key(&self) -> &str {
        self.id.as_str()
    }
}
impl PlainRecord for Candidate {}

impl Record for Plan {
    const KIND: &'static str = "plan";
    const TREE: &'static str = "plans";
    fn key(&self) -> &str {
        self.id.as_str()
    }
}
impl PlainRecord for Plan {}

impl Record for Booking {
    const KIND: &'static str = "booking";
    const TREE: &'static str = "bookings";
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

impl Record for Proposal {
    const KIND: &'static str = "proposal";
    const TREE: &'static str = "proposals";
    fn key(&self) -> &str {
        self.candidate.as_str()
    }
}
impl PlainRecord for Proposal {}

/// One live booking of one interviewer, as kept in the `interviewer_days` index under
/// the UTC day of its start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayEntry {
    /// The booking.
    pub booking: BookingId,
    /// Its start.
    pub start: DateTime<Utc>,
    /// Its end.
    pub end: DateTime<Utc>,
}

/// The open trees.
#[derive(Clone)]
pub(crate) struct Trees {
    pub meta: sled::Tree,
    pub interviewers: sled::Tree,
    pub candidates: sled::Tree,
    pub plans: sled::Tree,
    pub bookings: sled::Tree,
    pub by_start: sled::Tree,
    pub by_candidate: sled::Tree,
    pub days: sled::Tree,
    pub proposals: sled::Tree,
}

/// The trees that hold data (all but `meta`); a restore writes a new generation of them.
const DATA_TREES: [&str; 8] = [
    "interviewers",
    "candidates",
    "plans",
    "bookings",
    "bookings_by_start",
    "candidate_bookings",
    "interviewer_days",
    "proposals",
];

/// The name of data tree `base` in generation `generation` (`bookings`, `bookings.g3`).
fn tree_name(base: &str, generation: u64) -> String {
    if generation == 0 {
        base.to_string()
    } else {
        format!("{base}.g{generation}")
    }
}

/// The generation a data tree's name belongs to, if it is a data tree at all.
fn generation_of(name: &[u8]) -> Option<u64> {
    let name = std::str::from_utf8(name).ok()?;
    let (base, generation) = match name.split_once(".g") {
        Some((base, g)) => (base, g.parse().ok()?),
        None => (name, 0),
    };
    DATA_TREES.contains(&base).then_some(generation)
}

impl Trees {
    pub(crate) fn open(db: &sled::Db, generation: u64) -> sled::Result<Trees> {
        let open = |base: &str| db.open_tree(tree_name(base, generation));
        Ok(Trees {
            meta: db.open_tree("meta")?,
            interviewers: open("interviewers")?,
            candidates: open("candidates")?,
            plans: open("plans")?,
            bookings: open("bookings")?,
            by_start: open("bookings_by_start")?,
            by_candidate: open("candidate_bookings")?,
            days: open("interviewer_days")?,
            proposals: open("proposals")?,
        })
    }

    fn by_name(&self, name: &str) -> &sled::Tree {
        match name {
            "interviewers" => &self.interviewers,
            "candidates" => &self.candidates,
            "plans" => &self.plans,
            "bookings" => &self.bookings,
            "proposals" => &self.proposals,
            other => unreachable!("no record tree named {other}"),
        }
    }
}

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

/// Why [`Store::write_bookings`] did not write: the caller's re-check refused, or the store failed.
#[derive(Debug)]
pub enum WriteError<E> {
    /// The re-check inside the transaction refused; nothing was written.
    Check(E),
    /// The store failed; nothing was written.
    Store(StoreError),
}

/// What a re-check may read inside a booking transaction: the state as it is at commit.
pub struct TxView<'a> {
    interviewers: &'a TransactionalTree,
    bookings: &'a TransactionalTree,
    days: &'a TransactionalTree,
    dir: &'a Path,
    failed: RefCell<Option<UnabortableTransactionError>>,
}

impl TxView<'_> {
    fn get(&self, tree: &TransactionalTree, key: &[u8]) -> Result<Option<sled::IVec>, StoreError> {
        tree.get(key).map_err(|e| {
            let msg = StoreError::Engine {
                dir: self.dir.to_path_buf(),
                detail: format!("transaction read failed: {e:?}"),
            };
            *self.failed.borrow_mut() = Some(e);
            msg
        })
    }

    /// The interviewer as stored now.
    pub fn interviewer(&self, id: &InterviewerId) -> Result<Option<Interviewer>, StoreError> {
        self.get(self.interviewers, id.as_str().as_bytes())?
            .map(|v| codec::decode("interviewers", id.as_str().as_bytes(), &v))
            .transpose()
    }

    /// The booking as stored now.
    pub fn booking(&self, id: &BookingId) -> Result<Option<Booking>, StoreError> {
        self.get(self.bookings, id.as_str().as_bytes())?
            .map(|v| codec::decode("bookings", id.as_str().as_bytes(), &v))
            .transpose()
    }

    /// The live bookings of `id` that start on UTC day `day` ([`codec::day_number`]).
    pub fn day(&self, id: &InterviewerId, day: i64) -> Result<Vec<DayEntry>, StoreError> {
        let key = codec::day_key(id.as_str(), day);
        Ok(match self.get(self.days, &key)? {
            Some(v) => codec::decode("interviewer_days", &key, &v)?,
            None => Vec::new(),
        })
    }
}

type TxResult<T, E> = Result<T, ConflictableTransactionError<WriteError<E>>>;

fn abort<T, E>(e: StoreError) -> TxResult<T, E> {
    Err(ConflictableTransactionError::Abort(WriteError::Store(e)))
}

impl Store {
    /// Opens (creating if needed) the database in data folder `dir`: takes the folder's
    /// lock, opens sled in `dir/db`, refuses newer schemas and migrates older ones.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => StoreError::Unwritable {
                dir: dir.to_path_buf(),
                source: e,
            },
            _ => StoreError::from_io(dir, e),
        })?;
        let lock = lock::take(dir)?;
        let mirrored = lock::read_commits(&lock);
        let db_path = dir.join(DB_FOLDER);
        leftovers::remove_unfinished_snapshots(dir, &db_path)?;
        let config = sled::Config::new()
            .path(&db_path)
            .mode(sled::Mode::LowSpace);
        // sled 0.34 can panic on some damaged files instead of returning an error; a
        // panic while opening means the files are unreadable, which is what we report.
        let open_once = || std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open()));
        let mut opened = open_once();
        // We hold rondo.lock, so sled's own file lock can only be held by this process:
        // a store just closed whose last file handle sits in a task of sled's thread
        // pool (one pool for every database of the process, so it can queue behind
        // other work for a second or more when the machine is busy). Wait for it.
        let deadline = std::time::Instant::now() + SLED_LOCK_WAIT;
        while std::time::Instant::now() < deadline {
            match &opened {
                Ok(Err(sled::Error::Io(e))) if e.to_string().contains("could not acquire lock") => {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                    opened = open_once();
                }
                _ => break,
            }
        }
        let db = match opened {
            Ok(Ok(db)) => db,
            Ok(Err(e)) => return Err(StoreError::from_sled(dir, e)),
            Err(panic) => {
                let detail = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "the database engine stopped on unreadable data".into());
                return Err(StoreError::Corrupt {
                    dir: dir.to_path_buf(),
                    detail,
                });
            }
        };
        let meta = db
            .open_tree("meta")
            .map_err(|e| StoreError::from_sled(dir, e))?;
        let commits = read_commits(dir, &meta)?;
        if let Some(expected) = mirrored {
            if commits < expected {
                return Err(StoreError::Corrupt {
                    dir: dir.to_path_buf(),
                    detail: format!(
                        "it holds {commits} committed changes but {expected} were committed: files were truncated or overwritten"
                    ),
                });
            }
        }
        let schema = migrate::read_schema(dir, &meta)?;
        let generation = match meta
            .get(GENERATION_KEY)
            .map_err(|e| StoreError::from_sled(dir, e))?
        {
            None => 0,
            Some(v) => <[u8; 8]>::try_from(v.as_ref())
                .map(u64::from_be_bytes)
                .map_err(|_| StoreError::Corrupt {
                    dir: dir.to_path_buf(),
                    detail: "the generation is not 8 bytes".into(),
                })?,
        };
        let trees = match schema {
            Some(v) if v > SCHEMA_VERSION => {
                return Err(StoreError::NewerSchema {
                    dir: dir.to_path_buf(),
                    found: v,
                    supported: SCHEMA_VERSION,
                })
            }
            Some(v) => {
                let trees =
                    Trees::open(&db, generation).map_err(|e| StoreError::from_sled(dir, e))?;
                if v < SCHEMA_VERSION {
                    migrate::upgrade(dir, &trees, v)?;
                }
                trees
            }
            None => {
                let names = db.tree_names();
                let known_empty = names.iter().all(|n| {
                    n.as_ref() == b"meta"
                        || n.as_ref() == b"__sled__default"
                        || db.open_tree(n).map(|t| t.is_empty()).unwrap_or(false)
                });
                if !known_empty {
                    return Err(StoreError::Corrupt {
                        dir: dir.to_path_buf(),
                        detail: "records are present but the schema version is missing".into(),
                    });
                }
                let trees =
                    Trees::open(&db, generation).map_err(|e| StoreError::from_sled(dir, e))?;
                trees
                    .meta
                    .insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes())
                    .map_err(|e| StoreError::from_sled(dir, e))?;
                trees
            }
        };
        let instance = match trees
            .meta
            .get(INSTANCE_KEY)
            .map_err(|e| StoreError::from_sled(dir, e))?
        {
            Some(v) => String::from_utf8_lossy(&v).into_owned(),
            None => {
                use std::hash::{BuildHasher, Hasher};
                // std seeds each RandomState from the OS: a random tag with no extra dependency.
                let mut h = std::collections::hash_map::RandomState::new().build_hasher();
                h.write_u128(
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_nanos())
                        .unwrap_or(0),
                );
                let tag = format!("{:016x}", h.finish());
                trees
                    .meta
                    .insert(INSTANCE_KEY, tag.as_bytes())
                    .map_err(|e| StoreError::from_sled(dir, e))?;
                tag
            }
        };
        if space::ensure(dir, 0).is_ok() {
            // Trees of another generation are what an interrupted restore left, or the
            // previous generation a finished one had no time to drop.
            for name in db.tree_names() {
                if generation_of(&name).is_some_and(|g| g != generation) {
                    db.drop_tree(&name)
                        .map_err(|e| StoreError::from_sled(dir, e))?;
                }
            }
        }
        let store = Store {
            dir: dir.to_path_buf(),
            db,
            trees,
            generation,
            instance,
            mirrored: std::sync::Mutex::new(mirrored.unwrap_or(0)),
            _lock: lock,
        };
        // On a full disk the database still opens for reading; writes say DiskFull.
        if space::ensure(dir, 0).is_ok() {
            store.commit()?;
        }
        Ok(store)
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema version stored in the database.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(migrate::read_schema(&self.dir, &self.trees.meta)?.unwrap_or(0))
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
        let next = self.sled(self.trees.meta.update_and_fetch(key, |old| {
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
        if self.sled(self.trees.bookings.contains_key(id.as_str().as_bytes()))? {
            return self.new_booking_id();
        }
        Ok(id)
    }

    /// The record of kind `R` with id `id`, if any.
    pub fn get<R: Record>(&self, id: &str) -> Result<Option<R>, StoreError> {
        let tree = self.trees.by_name(R::TREE);
        match self.sled(tree.get(id.as_bytes()))? {
            Some(v) => codec::decode(R::TREE, id.as_bytes(), &v).map(Some),
            None => Ok(None),
        }
    }

    /// The record of kind `R` with id `id`, or [`StoreError::NotFound`].
    pub fn need<R: Record>(&self, id: &str) -> Result<R, StoreError> {
        self.get(id)?.ok_or_else(|| StoreError::NotFound {
            kind: R::KIND,
            id: id.to_string(),
        })
    }

    /// Every record of kind `R`, in id order.
    pub fn all<R: Record>(&self) -> Result<Vec<R>, StoreError> {
        let tree = self.trees.by_name(R::TREE);
        // No `with_capacity(tree.len())`: sled counts a tree by walking all of it.
        let mut out = Vec::new();
        for kv in tree.iter() {
            let (k, v) = self.sled(kv)?;
            out.push(codec::decode(R::TREE, &k, &v)?);
        }
        Ok(out)
    }

    /// How many records of kind `R` are stored.
    pub fn count<R: Record>(&self) -> usize {
        self.trees.by_name(R::TREE).len()
    }

    /// Writes `record`, replacing any record with its id, and flushes.
    pub fn put<R: PlainRecord>(&self, record: &R) -> Result<(), StoreError> {
        let tree = self.trees.by_name(R::TREE);
        let value = codec::encode(record);
        space::ensure(&self.dir, value.len() as u64)?;
        self.sled(tree.insert(record.key().as_bytes(), value))?;
        self.commit()
    }

    /// Writes `record` only if no record has its id ([`StoreError::Exists`]), and flushes.
    pub fn insert_new<R: PlainRecord>(&self, record: &R) -> Result<(), StoreError> {
        let tree = self.trees.by_name(R::TREE);
        let value = codec::encode(record);
        space::ensure(&self.dir, value.len() as u64)?;
        let swapped = self.sled(tree.compare_and_swap(
            record.key().as_bytes(),
            None as Option<&[u8]>,
            Some(value),
        ))?;
        if swapped.is_err() {
            return Err(StoreError::Exists {
                kind: R::KIND,
                id: record.key().to_string(),
            });
        }
        self.commit()
    }

    /// Reads the record of kind `R` with id `id`, passes it through `change`, and writes
    /// the result if the record did not change meanwhile (retrying if it did), then
    /// commits. A read-modify-write that never loses a concurrent edit.
    pub fn update<R: PlainRecord, E: From<StoreError>>(
        &self,
        id: &str,
        change: impl Fn(R) -> Result<R, E>,
    ) -> Result<R, E> {
        let tree = self.trees.by_name(R::TREE);
        loop {
            let Some(old) = self.sled(tree.get(id.as_bytes()))? else {
                return Err(StoreError::NotFound {
                    kind: R::KIND,
                    id: id.to_string(),
                }
                .into());
            };
            let new = change(codec::decode(R::TREE, id.as_bytes(), &old)?)?;
            let value = codec::encode(&new);
            space::ensure(&self.dir, value.len() as u64)?;
            if self
                .sled(tree.compare_and_swap(id.as_bytes(), Some(&old), Some(value)))?
                .is_ok()
            {
                self.commit()?;
                return Ok(new);
            }
        }
    }

    /// Deletes the record of kind `R` with id `id` ([`StoreError::NotFound`] if none), and flushes.
    pub fn remove<R: PlainRecord>(&self, id: &str) -> Result<(), StoreError> {
        let tree = self.trees.by_name(R::TREE);
        space::ensure(&self.dir, 0)?;
        if self.sled(tree.remove(id.as_bytes()))?.is_none() {
            return Err(StoreError::NotFound {
                kind: R::KIND,
                id: id.to_string(),
            });
        }
        self.commit()
    }

    /// Bookings whose start lies in `[from, to)`, in start order (any status), read
    /// through the `bookings_by_start` index.
    pub fn bookings_starting(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Booking>, StoreError> {
        let range = codec::instant_key(from).to_vec()..codec::instant_key(to).to_vec();
        let mut out = Vec::new();
        for kv in self.trees.by_start.range(range) {
            let (k, v) = self.sled(kv)?;
            out.push(codec::decode("bookings_by_start", &k, &v)?);
        }
        Ok(out)
    }

    /// The live bookings of candidate `id`, in start order, read through the
    /// `candidate_bookings` index.
    pub fn candidate_bookings(
        &self,
        id: &crate::domain::CandidateId,
    ) -> Result<Vec<DayEntry>, StoreError> {
        let mut out = Vec::new();
        for kv in self
            .trees
            .by_candidate
            .scan_prefix(codec::candidate_prefix(id.as_str()))
        {
            let (k, v) = self.sled(kv)?;
            out.push(codec::decode("candidate_bookings", &k, &v)?);
        }
        Ok(out)
    }

    /// The live bookings of interviewer `id` starting on UTC days `first_day..=last_day`
    /// ([`codec::day_number`]), read through the `interviewer_days` index.
    pub fn interviewer_days(
        &self,
        id: &InterviewerId,
        first_day: i64,
        last_day: i64,
    ) -> Result<Vec<DayEntry>, StoreError> {
        let range = codec::day_key(id.as_str(), first_day)..=codec::day_key(id.as_str(), last_day);
        let mut out = Vec::new();
        for kv in self.trees.days.range(range) {
            let (k, v) = self.sled(kv)?;
            out.extend(codec::decode::<Vec<DayEntry>>("interviewer_days", &k, &v)?);
        }
        Ok(out)
    }

    /// Writes `bookings` (new ones, or new versions of stored ones) in one transaction
    /// that first runs `check` on the state inside it, keeps both indexes in step, then
    /// flushes. If `check` refuses, or anything fails, nothing is written.
    pub fn write_bookings<E>(
        &self,
        bookings: &[Booking],
        check: impl Fn(&TxView) -> Result<(), E>,
    ) -> Result<(), WriteError<E>> {
        let t = &self.trees;
        let dir = self.dir.as_path();
        let size: u64 = bookings
            .iter()
            .map(|b| 600 + 200 * b.interviewers.len() as u64)
            .sum();
        space::ensure(dir, size).map_err(WriteError::Store)?;
        let result = (
            &t.interviewers,
            &t.bookings,
            &t.by_start,
            &t.days,
            &t.by_candidate,
        )
            .transaction(|(ti, tb, ts, td, tc)| -> TxResult<(), E> {
                let view = TxView {
                    interviewers: ti,
                    bookings: tb,
                    days: td,
                    dir,
                    failed: RefCell::new(None),
                };
                let checked = check(&view);
                if let Some(e) = view.failed.borrow_mut().take() {
                    return Err(e.into());
                }
                if let Err(e) = checked {
                    return Err(ConflictableTransactionError::Abort(WriteError::Check(e)));
                }
                for b in bookings {
                    let key = b.id.as_str().as_bytes();
                    if let Some(old) = tb.get(key)? {
                        let old: Booking = match codec::decode("bookings", key, &old) {
                            Ok(o) => o,
                            Err(e) => return abort(e),
                        };
                        ts.remove(codec::by_start_key(old.start, old.id.as_str()))?;
                        tc.remove(codec::candidate_key(
                            old.candidate.as_str(),
                            old.start,
                            old.id.as_str(),
                        ))?;
                        if old.status.is_live() {
                            for who in &old.interviewers {
                                edit_day(td, who, &old, false)?.map_or(Ok(()), abort)?;
                            }
                        }
                    }
                    tb.insert(key, codec::encode(b))?;
                    ts.insert(
                        codec::by_start_key(b.start, b.id.as_str()),
                        codec::encode(b),
                    )?;
                    if b.status.is_live() {
                        tc.insert(
                            codec::candidate_key(b.candidate.as_str(), b.start, b.id.as_str()),
                            codec::encode(&DayEntry {
                                booking: b.id.clone(),
                                start: b.start,
                                end: b.end,
                            }),
                        )?;
                        for who in &b.interviewers {
                            edit_day(td, who, b, true)?.map_or(Ok(()), abort)?;
                        }
                    }
                }
                Ok(())
            });
        match result {
            Ok(()) => self.commit().map_err(WriteError::Store),
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => {
                Err(WriteError::Store(StoreError::from_sled(dir, e)))
            }
        }
    }

    /// Replaces everything stored (people, plans, bookings, proposals) by the given
    /// records, all or nothing: they are written, with their indexes, into a new
    /// generation of the data trees (fast sled batches), flushed, and only then does one
    /// write to `meta` make that generation current; the old one is dropped after. A
    /// crash before the switch leaves the old data, and the next open drops the
    /// unfinished generation.
    pub fn replace_all(
        &mut self,
        interviewers: &[Interviewer],
        candidates: &[Candidate],
        plans: &[Plan],
        bookings: &[Booking],
    ) -> Result<(), StoreError> {
        let next = self.generation + 1;
        for base in DATA_TREES {
            self.sled(self.db.drop_tree(tree_name(base, next)))?;
        }
        let new = self.sled(Trees::open(&self.db, next))?;
        let pairs = record_pairs(interviewers, candidates, plans, bookings);
        let size: usize = pairs.iter().flatten().map(|(k, v)| k.len() + v.len()).sum();
        space::ensure(&self.dir, size as u64)?;
        let targets = [
            &new.interviewers,
            &new.candidates,
            &new.plans,
            &new.bookings,
            &new.by_start,
            &new.days,
            &new.by_candidate,
        ];
        for (tree, list) in targets.into_iter().zip(pairs) {
            let mut batch = sled::Batch::default();
            for (k, v) in list {
                batch.insert(k, v);
            }
            self.sled(tree.apply_batch(batch))?;
        }
        // The new generation is complete and durable before it becomes the current one.
        let flushed = self.db.flush();
        self.sled(flushed)?;
        self.sled(self.trees.meta.insert(GENERATION_KEY, &next.to_be_bytes()))?;
        self.commit()?;
        let old = self.generation;
        self.trees = new;
        self.generation = next;
        for base in DATA_TREES {
            self.sled(self.db.drop_tree(tree_name(base, old)))?;
        }
        Ok(())
    }
}

/// Key-value pairs of the records and of the three booking indexes, in the order
/// `interviewers, candidates, plans, bookings, bookings_by_start, interviewer_days,
/// candidate_bookings`.
pub(crate) fn record_pairs(
    interviewers: &[Interviewer],
    candidates: &[Candidate],
    plans: &[Plan],
    bookings: &[Booking],
) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    fn pairs<R: Record>(records: &[R]) -> Vec<(Vec<u8>, Vec<u8>)> {
        records
            .iter()
            .map(|r| (r.key().as_bytes().to_vec(), codec::encode(r)))
            .collect()
    }
    let live = || bookings.iter().filter(|b| b.status.is_live());
    vec![
        pairs(interviewers),
        pairs(candidates),
        pairs(plans),
        pairs(bookings),
        bookings
            .iter()
            .map(|b| {
                (
                    codec::by_start_key(b.start, b.id.as_str()),
                    codec::encode(b),
                )
            })
            .collect(),
        day_index(bookings)
            .iter()
            .map(|(k, v)| (k.clone(), codec::encode(v)))
            .collect(),
        live()
            .map(|b| {
                (
                    codec::candidate_key(b.candidate.as_str(), b.start, b.id.as_str()),
                    codec::encode(&DayEntry {
                        booking: b.id.clone(),
                        start: b.start,
                        end: b.end,
                    }),
                )
            })
            .collect(),
    ]
}

/// In one transaction over `trees`: inserts `new[k]` into `trees[k]`.
pub(crate) fn rewrite(
    dir: &Path,
    trees: &[&sled::Tree],
    new: &[Vec<(Vec<u8>, Vec<u8>)>],
) -> Result<(), StoreError> {
    let size: usize = new.iter().flatten().map(|(k, v)| k.len() + v.len()).sum();
    space::ensure(dir, size as u64)?;
    let result = trees.transaction(|tx| -> Result<(), ConflictableTransactionError<()>> {
        for (tree, pairs) in tx.iter().zip(new) {
            for (k, v) in pairs {
                tree.insert(k.as_slice(), v.as_slice())?;
            }
        }
        Ok(())
    });
    match result {
        Ok(()) => Ok(()),
        Err(TransactionError::Abort(())) => {
            unreachable!("a rewrite transaction never aborts by itself")
        }
        Err(TransactionError::Storage(e)) => Err(StoreError::from_sled(dir, e)),
    }
}

/// The `interviewer_days` index of `bookings`: key → entries of live bookings.
pub(crate) fn day_index(
    bookings: &[Booking],
) -> std::collections::BTreeMap<Vec<u8>, Vec<DayEntry>> {
    let mut days: std::collections::BTreeMap<Vec<u8>, Vec<DayEntry>> = Default::default();
    for b in bookings.iter().filter(|b| b.status.is_live()) {
        for who in &b.interviewers {
            days.entry(codec::day_key(who.as_str(), codec::day_number(b.start)))
                .or_default()
                .push(DayEntry {
                    booking: b.id.clone(),
                    start: b.start,
                    end: b.end,
                });
        }
    }
    days
}

/// The commit count stored in `meta` (0 when none).
fn read_commits(dir: &Path, meta: &sled::Tree) -> Result<u64, StoreError> {
    match meta
        .get(COMMITS_KEY)
        .map_err(|e| StoreError::from_sled(dir, e))?
    {
        None => Ok(0),
        Some(v) => <[u8; 8]>::try_from(v.as_ref())
            .map(u64::from_be_bytes)
            .map_err(|_| StoreError::Corrupt {
                dir: dir.to_path_buf(),
                detail: "the commit count is not 8 bytes".into(),
            }),
    }
}

/// Adds (`add`) or removes booking `b` from `who`'s day entry inside a transaction.
/// The outer `Result` carries sled's transaction errors, the inner one a decoding failure.
fn edit_day(
    td: &TransactionalTree,
    who: &InterviewerId,
    b: &Booking,
    add: bool,
) -> Result<Option<StoreError>, UnabortableTransactionError> {
    let key = codec::day_key(who.as_str(), codec::day_number(b.start));
    let mut entries: Vec<DayEntry> = match td.get(&key)? {
        Some(v) => match codec::decode("interviewer_days", &key, &v) {
            Ok(list) => list,
            Err(e) => return Ok(Some(e)),
        },
        None => Vec::new(),
    };
    entries.retain(|e| e.booking != b.id);
    if add {
        entries.push(DayEntry {
            booking: b.id.clone(),
            start: b.start,
            end: b.end,
        });
        entries.sort_by_key(|e| e.start);
    }
    if entries.is_empty() {
        td.remove(key)?;
    } else {
        td.insert(key, codec::encode(&entries))?;
    }
    Ok(None)
}
