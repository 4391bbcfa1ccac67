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
//! Trees (schema 3): `meta`, `interviewers`, `candidates`, `plans`, `bookings`,
//! `bookings_by_start` (index: week listings), `interviewer_days` (index: who is booked
//! on which day, read inside booking transactions), `candidate_bookings` (index: a
//! candidate's live bookings), `proposals` (latest proposal per candidate). Encodings are
//! in [`codec`] and DESIGN.md. A restore or a schema upgrade writes a new database
//! beside the current one and switches to it ([`generations`]).

pub mod codec;
mod error;
mod folder;
pub mod generations;
mod leftovers;
mod lock;
pub mod migrate;
mod space;
pub mod upgrade_backup;

pub use error::StoreError;
pub use folder::{platform_data_dir, resolve_data_dir, DATA_DIR_ENV};
pub use generations::CURRENT_FILE;
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
pub const SCHEMA_VERSION: u32 = 3;

/// How long [`Store::open`] waits for sled's own file lock to be let go by a store of
/// this process that was just closed.
const SLED_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

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

/// A kind of record kept in its own tree, keyed by its id, its value laid out as
/// [`codec::Value`] says.
pub trait Record: Serialize + DeserializeOwned + codec::Value {
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

/// One live booking, as listed in the `interviewer_days` index (under each of its
/// interviewers and the UTC day of its start) and the `candidate_bookings` index (under
/// its candidate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayEntry {
    /// The booking.
    pub booking: BookingId,
    /// Its start.
    pub start: DateTime<Utc>,
    /// Its end.
    pub end: DateTime<Utc>,
}

impl DayEntry {
    /// The entry of booking `b`.
    fn of(b: &Booking) -> DayEntry {
        DayEntry {
            booking: b.id.clone(),
            start: b.start,
            end: b.end,
        }
    }

    /// The order of entries in an index list: by start, then booking id.
    fn order(a: &DayEntry, b: &DayEntry) -> std::cmp::Ordering {
        (a.start, &a.booking).cmp(&(b.start, &b.booking))
    }
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

impl Trees {
    pub(crate) fn open(db: &sled::Db) -> sled::Result<Trees> {
        let open = |name: &str| db.open_tree(name);
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

    /// The data tree named `name` (a record kind's [`Record::TREE`] or an index).
    fn named(&self, name: &str) -> &sled::Tree {
        match name {
            "interviewers" => &self.interviewers,
            "candidates" => &self.candidates,
            "plans" => &self.plans,
            "bookings" => &self.bookings,
            "proposals" => &self.proposals,
            "bookings_by_start" => &self.by_start,
            "candidate_bookings" => &self.by_candidate,
            "interviewer_days" => &self.days,
            other => unreachable!("no data tree named {other}"),
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

/// Opens the sled database in folder `path` of data folder `dir`, after removing what a
/// killed open of it left ([`leftovers`]).
fn open_sled(dir: &Path, path: &Path) -> Result<sled::Db, StoreError> {
    leftovers::remove_unfinished_snapshots(dir, path)?;
    let config = sled::Config::new().path(path).mode(sled::Mode::LowSpace);
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
    match opened {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(e)) => Err(StoreError::from_sled(dir, e)),
        Err(panic) => {
            let detail = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "the database engine stopped on unreadable data".into());
            Err(StoreError::Corrupt {
                dir: dir.to_path_buf(),
                detail,
            })
        }
    }
}

/// A new random tag for a database (part of every calendar UID it issues).
fn new_instance_tag() -> String {
    use std::hash::{BuildHasher, Hasher};
    // std seeds each RandomState from the OS: a random tag with no extra dependency.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    format!("{:016x}", h.finish())
}

impl Store {
    /// Opens (creating if needed) the database in data folder `dir`: takes the folder's
    /// lock, opens the current sled database (`dir/db` until a restore or an upgrade
    /// wrote a newer one, see [`generations`]), refuses newer schemas and migrates older
    /// ones.
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
        let generation = generations::current(dir)?;
        let db = open_sled(dir, &generations::folder(dir, generation))?;
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
        match schema {
            Some(v) if v > SCHEMA_VERSION => {
                return Err(StoreError::NewerSchema {
                    dir: dir.to_path_buf(),
                    found: v,
                    supported: SCHEMA_VERSION,
                })
            }
            Some(_) => {}
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
            }
        }
        let stored_instance = meta
            .get(INSTANCE_KEY)
            .map_err(|e| StoreError::from_sled(dir, e))?;
        let instance = match &stored_instance {
            Some(v) => String::from_utf8_lossy(v).into_owned(),
            None => new_instance_tag(),
        };
        let (db, trees, generation) = match schema {
            Some(v) if v < SCHEMA_VERSION => {
                // Written as a new generation; the old database is only read, so until
                // the switch it stays current and an interrupted upgrade is done again.
                upgrade_backup::write(dir, &generations::folder(dir, generation), v)?;
                let old = migrate::read(dir, &db, v)?;
                let next = generation + 1;
                let new = new_meta(dir, &meta, commits + 1, &instance)?;
                let (new_db, new_trees) = write_generation(dir, next, &old.contents(), new)?;
                generations::make_current(dir, next)?;
                // Closed now, so that its folder can be deleted (Windows keeps open files).
                drop((meta, db));
                (new_db, new_trees, next)
            }
            _ => {
                let trees = Trees::open(&db).map_err(|e| StoreError::from_sled(dir, e))?;
                (db, trees, generation)
            }
        };
        let store = Store {
            dir: dir.to_path_buf(),
            db,
            trees,
            generation,
            instance,
            mirrored: std::sync::Mutex::new(mirrored.unwrap_or(0)),
            _lock: lock,
        };
        let first_open = schema.is_none();
        if first_open || (stored_instance.is_none() && schema == Some(SCHEMA_VERSION)) {
            if first_open {
                store.sled(
                    store
                        .trees
                        .meta
                        .insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes()),
                )?;
            }
            store.sled(
                store
                    .trees
                    .meta
                    .insert(INSTANCE_KEY, store.instance.as_bytes()),
            )?;
            // On a full disk the database still opens for reading; writes say DiskFull,
            // and the first one that fits makes these durable too.
            if space::ensure(dir, 0).is_ok() {
                store.commit()?;
            }
        }
        generations::remove_others(dir, store.generation);
        // A lock file without the count (written by an older Rondo, or lost) gets it;
        // if that fails the mirror stays lower, still a correct lower bound.
        let commits = read_commits(dir, &store.trees.meta)?;
        let _ = store.mirror(commits);
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
        let tree = self.trees.named(R::TREE);
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
        let tree = self.trees.named(R::TREE);
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
        self.trees.named(R::TREE).len()
    }

    /// Writes `record`, replacing any record with its id, and flushes.
    pub fn put<R: PlainRecord>(&self, record: &R) -> Result<(), StoreError> {
        let tree = self.trees.named(R::TREE);
        let value = codec::encode(record);
        space::ensure(&self.dir, value.len() as u64)?;
        self.sled(tree.insert(record.key().as_bytes(), value))?;
        self.commit()
    }

    /// Writes `record` only if no record has its id ([`StoreError::Exists`]), and flushes.
    pub fn insert_new<R: PlainRecord>(&self, record: &R) -> Result<(), StoreError> {
        let tree = self.trees.named(R::TREE);
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
        let tree = self.trees.named(R::TREE);
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
        let tree = self.trees.named(R::TREE);
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
        let key = codec::candidate_key(id.as_str());
        match self.sled(self.trees.by_candidate.get(&key))? {
            Some(v) => codec::decode("candidate_bookings", &key, &v),
            None => Ok(Vec::new()),
        }
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
                        if old.status.is_live() {
                            for (tree, name, key) in index_keys(tc, td, &old) {
                                edit_entries(tree, name, key, &old, false)?
                                    .map_or(Ok(()), abort)?;
                            }
                        }
                    }
                    tb.insert(key, codec::encode(b))?;
                    ts.insert(
                        codec::by_start_key(b.start, b.id.as_str()),
                        codec::encode(b),
                    )?;
                    if b.status.is_live() {
                        for (tree, name, key) in index_keys(tc, td, b) {
                            edit_entries(tree, name, key, b, true)?.map_or(Ok(()), abort)?;
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
    /// records, all or nothing: they are written with their indexes into a new sled
    /// database beside the current one (fast sled batches), flushed, and only then does
    /// one small file make it current; the old one is deleted after ([`generations`]).
    /// A crash before the switch leaves the old data, and the next open deletes the
    /// unfinished database. Kept proposals are not carried over.
    pub fn replace_all(
        &mut self,
        interviewers: &[Interviewer],
        candidates: &[Candidate],
        plans: &[Plan],
        bookings: &[Booking],
    ) -> Result<(), StoreError> {
        self.replace_with(&Contents {
            interviewers,
            candidates,
            plans,
            bookings,
            proposals: &[],
        })
    }

    /// Writes `contents` and their indexes as a new generation ([`generations`]) with
    /// this database's counters and tag carried over (one more commit), makes it current
    /// and carries on with it; the old generation's folder is deleted.
    fn replace_with(&mut self, contents: &Contents) -> Result<(), StoreError> {
        let next = self.generation + 1;
        let commits = read_commits(&self.dir, &self.trees.meta)? + 1;
        let meta = new_meta(&self.dir, &self.trees.meta, commits, &self.instance)?;
        let (db, trees) = write_generation(&self.dir, next, contents, meta)?;
        let switched = generations::make_current(&self.dir, next);
        if switched.is_err() && generations::current(&self.dir).ok() != Some(next) {
            drop((db, trees));
            let _ = std::fs::remove_dir_all(generations::folder(&self.dir, next));
            return switched;
        }
        // Once `rondo.current` names it (even if fsyncing the folder then failed), the
        // new database is the one to write to.
        self.db = db;
        self.trees = trees;
        self.generation = next;
        switched?;
        self.mirror(commits)?;
        generations::remove_others(&self.dir, next);
        Ok(())
    }
}

/// The `meta` entries of a new generation: the schema, commit count `commits`, instance
/// tag `instance`, and the booking-id counter carried over from `old_meta`.
fn new_meta(
    dir: &Path,
    old_meta: &sled::Tree,
    commits: u64,
    instance: &str,
) -> Result<sled::Batch, StoreError> {
    let mut meta = sled::Batch::default();
    meta.insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes());
    meta.insert(COMMITS_KEY, &commits.to_be_bytes());
    meta.insert(INSTANCE_KEY, instance.as_bytes());
    if let Some(n) = old_meta
        .get(NEXT_BOOKING_KEY)
        .map_err(|e| StoreError::from_sled(dir, e))?
    {
        meta.insert(NEXT_BOOKING_KEY, n);
    }
    Ok(meta)
}

/// Writes `contents` and their indexes, and the `meta` entries `meta`, as a new sled
/// database in the folder of generation `next` of data folder `dir`, flushed; returns
/// it open. Not current yet: on failure the folder is deleted (the next open would
/// delete it too).
fn write_generation(
    dir: &Path,
    next: u64,
    contents: &Contents,
    meta: sled::Batch,
) -> Result<(sled::Db, Trees), StoreError> {
    let path = generations::folder(dir, next);
    // What an earlier attempt killed before its switch left there.
    match std::fs::remove_dir_all(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(StoreError::from_io(dir, e))
        }
        _ => {}
    }
    let (trees_pairs, size) = tree_pairs(contents);
    space::ensure(dir, size)?;
    let sled = |r| StoreError::from_sled(dir, r);
    let write = || -> Result<(sled::Db, Trees), StoreError> {
        let db = open_sled(dir, &path)?;
        let trees = Trees::open(&db).map_err(sled)?;
        for (name, pairs) in &trees_pairs {
            let tree = trees.named(name);
            for part in pairs.chunks(RESTORE_BATCH) {
                let mut batch = sled::Batch::default();
                for (k, v) in part {
                    batch.insert(k.as_slice(), v.as_slice());
                }
                tree.apply_batch(batch).map_err(sled)?;
            }
        }
        trees.meta.apply_batch(meta).map_err(sled)?;
        // Complete and durable before it becomes the current one.
        db.flush().map_err(sled)?;
        Ok((db, trees))
    };
    write().inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&path);
    })
}

/// Keys per sled batch when a new generation is written. Atomicity comes from the
/// switch, not from the batches, so they can be small: sled holds one epoch guard for a
/// whole batch, and the memory of every node version a batch replaces is freed only
/// after it; a batch per tree of the 100,000-booking set left ~0.7 s of frees to
/// whatever touched sled next (the export after an import took three times as long).
const RESTORE_BATCH: usize = 1000;

/// Everything a new generation holds.
pub(crate) struct Contents<'a> {
    pub interviewers: &'a [Interviewer],
    pub candidates: &'a [Candidate],
    pub plans: &'a [Plan],
    pub bookings: &'a [Booking],
    pub proposals: &'a [Proposal],
}

/// Keys and values to write into a tree.
type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

/// The key-value pairs of every data tree for `c` and the three booking indexes, each
/// tree's in key order, with the bytes they hold.
fn tree_pairs(c: &Contents) -> (Vec<(&'static str, Pairs)>, u64) {
    let mut size = 0u64;
    let mut batch = |pairs: &mut dyn Iterator<Item = (Vec<u8>, Vec<u8>)>| {
        let mut batch: Pairs = pairs.collect();
        batch.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        size += batch
            .iter()
            .map(|(k, v)| (k.len() + v.len()) as u64)
            .sum::<u64>();
        batch
    };
    fn records<R: Record>(records: &[R]) -> impl Iterator<Item = (Vec<u8>, Vec<u8>)> + '_ {
        records
            .iter()
            .map(|r| (r.key().as_bytes().to_vec(), codec::encode(r)))
    }
    let out = vec![
        (Interviewer::TREE, batch(&mut records(c.interviewers))),
        (Candidate::TREE, batch(&mut records(c.candidates))),
        (Plan::TREE, batch(&mut records(c.plans))),
        (Booking::TREE, batch(&mut records(c.bookings))),
        (Proposal::TREE, batch(&mut records(c.proposals))),
        (
            "bookings_by_start",
            batch(&mut c.bookings.iter().map(|b| {
                (
                    codec::by_start_key(b.start, b.id.as_str()),
                    codec::encode(b),
                )
            })),
        ),
        (
            "interviewer_days",
            batch(
                &mut entry_index(c.bookings, |b| {
                    b.interviewers
                        .iter()
                        .map(|who| codec::day_key(who.as_str(), codec::day_number(b.start)))
                        .collect()
                })
                .into_iter()
                .map(|(k, v)| (k, codec::encode(&v))),
            ),
        ),
        (
            "candidate_bookings",
            batch(
                &mut entry_index(c.bookings, |b| {
                    vec![codec::candidate_key(b.candidate.as_str())]
                })
                .into_iter()
                .map(|(k, v)| (k, codec::encode(&v))),
            ),
        ),
    ];
    (out, size)
}

/// An index of the live bookings among `bookings` whose keys `keys` gives: key → their
/// entries, in start order.
fn entry_index(
    bookings: &[Booking],
    keys: impl Fn(&Booking) -> Vec<Vec<u8>>,
) -> std::collections::BTreeMap<Vec<u8>, Vec<DayEntry>> {
    let mut index: std::collections::BTreeMap<Vec<u8>, Vec<DayEntry>> = Default::default();
    for b in bookings.iter().filter(|b| b.status.is_live()) {
        for key in keys(b) {
            index.entry(key).or_default().push(DayEntry::of(b));
        }
    }
    for entries in index.values_mut() {
        entries.sort_by(DayEntry::order);
    }
    index
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

/// The index entries of live booking `b` inside a booking transaction: the
/// `candidate_bookings` list of its candidate (in `tc`) and the `interviewer_days` list
/// of each interviewer on its day (in `td`).
fn index_keys<'t>(
    tc: &'t TransactionalTree,
    td: &'t TransactionalTree,
    b: &Booking,
) -> Vec<(&'t TransactionalTree, &'static str, Vec<u8>)> {
    let day = codec::day_number(b.start);
    std::iter::once((
        tc,
        "candidate_bookings",
        codec::candidate_key(b.candidate.as_str()),
    ))
    .chain(
        b.interviewers
            .iter()
            .map(|who| (td, "interviewer_days", codec::day_key(who.as_str(), day))),
    )
    .collect()
}

/// Adds (`add`) or removes booking `b` in the list of entries under `key` of index
/// `tree` (named `name`) inside a transaction. The outer `Result` carries sled's
/// transaction errors, the inner one a decoding failure.
fn edit_entries(
    tree: &TransactionalTree,
    name: &'static str,
    key: Vec<u8>,
    b: &Booking,
    add: bool,
) -> Result<Option<StoreError>, UnabortableTransactionError> {
    let mut entries: Vec<DayEntry> = match tree.get(&key)? {
        Some(v) => match codec::decode(name, &key, &v) {
            Ok(list) => list,
            Err(e) => return Ok(Some(e)),
        },
        None => Vec::new(),
    };
    entries.retain(|e| e.booking != b.id);
    if add {
        entries.push(DayEntry::of(b));
        entries.sort_by(DayEntry::order);
    }
    if entries.is_empty() {
        tree.remove(key)?;
    } else {
        tree.insert(key, codec::encode(&entries))?;
    }
    Ok(None)
}
