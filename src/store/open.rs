//! Opening a data folder: its lock, what a killed process left, the current
//! generation, the schema check (newer refused, older upgraded) and the instance tag.

use super::restore::{new_meta, write_generation};
use super::{
    generations, leftovers, lock, migrate, space, tree::Trees, Store, StoreError, Tree,
    COMMITS_KEY, INSTANCE_KEY, SCHEMA_KEY, SCHEMA_VERSION,
};
use std::path::Path;

/// How long [`Store::open`] waits for sled's own file lock to be let go by a store of
/// this process that was just closed.
const SLED_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Opens the sled database in folder `path` of data folder `dir`, after removing what a
/// killed open of it left ([`leftovers`]).
pub(super) fn open_sled(dir: &Path, path: &Path) -> Result<sled::Db, StoreError> {
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
            .open_tree(Tree::Meta.name())
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
                    n.as_ref() == Tree::Meta.name().as_bytes()
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
                super::upgrade_backup::write(dir, &generations::folder(dir, generation), v)?;
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
                    store.trees[Tree::Meta].insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes()),
                )?;
            }
            store.sled(store.trees[Tree::Meta].insert(INSTANCE_KEY, store.instance.as_bytes()))?;
            // On a full disk the database still opens for reading; writes say DiskFull,
            // and the first one that fits makes these durable too.
            if space::ensure(dir, 0).is_ok() {
                store.commit()?;
            }
        }
        store.import_sent_file()?;
        generations::remove_others(dir, store.generation);
        // A lock file without the count (written by an older Rondo, or lost) gets it;
        // if that fails the mirror stays lower, still a correct lower bound.
        let commits = read_commits(dir, &store.trees[Tree::Meta])?;
        let _ = store.mirror(commits);
        Ok(store)
    }
}

/// The commit count stored in `meta` (0 when none).
pub(super) fn read_commits(dir: &Path, meta: &sled::Tree) -> Result<u64, StoreError> {
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
