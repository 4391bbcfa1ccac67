//! Generations of the database: a restore or a schema upgrade writes a whole new sled
//! database into a folder of its own beside the current one, and makes it current by
//! replacing one small file; the old folder is deleted after.
//!
//! - Generation 0 lives in the folder `db` ([`super::DB_FOLDER`]), generation n ≥ 1 in
//!   `db-<n>`.
//! - [`CURRENT_FILE`] (`rondo.current`) holds the current folder's name and a newline;
//!   without it, `db` is current. It is replaced atomically ([`crate::whole_file`]:
//!   written aside and fsynced, renamed over, and the data folder fsynced).
//! - A folder of any other generation is what a restore killed before its switch left,
//!   or the old one a finished switch had no time to delete: [`super::Store::open`]
//!   deletes them.
//!
//! Why not new trees in the same sled database? sled 0.34 never gives disk space back:
//! the segments of dropped trees stay in its file, and every open rewrites each free
//! segment with zeros (half a megabyte each, then an fsync), which made opening a store
//! that had been restored a few times slower than the data it holds. Dropping a tree
//! also reads all of it. A fresh database holds only what is current, and deleting a
//! folder is instant.

use super::{StoreError, DB_FOLDER};
use crate::whole_file;
use std::path::{Path, PathBuf};

/// Name of the file in the data folder that names the current database folder.
pub const CURRENT_FILE: &str = "rondo.current";

/// The folder name of generation `n`: `db`, then `db-1`, `db-2`, ...
pub(crate) fn folder_name(n: u64) -> String {
    if n == 0 {
        DB_FOLDER.to_string()
    } else {
        format!("{DB_FOLDER}-{n}")
    }
}

/// The folder of generation `n` in data folder `dir`.
pub(crate) fn folder(dir: &Path, n: u64) -> PathBuf {
    dir.join(folder_name(n))
}

/// The generation whose folder is named `name`, if it is such a folder name.
fn generation_of(name: &str) -> Option<u64> {
    if name == DB_FOLDER {
        return Some(0);
    }
    let digits = name.strip_prefix(DB_FOLDER)?.strip_prefix('-')?;
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    canonical.then(|| digits.parse().ok()).flatten()
}

fn corrupt(dir: &Path, detail: String) -> StoreError {
    StoreError::Corrupt {
        dir: dir.to_path_buf(),
        detail,
    }
}

/// The generations of the database folders in `dir`, in no order.
fn all(dir: &Path) -> Result<Vec<u64>, StoreError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| StoreError::from_io(dir, e))? {
        let entry = entry.map_err(|e| StoreError::from_io(dir, e))?;
        if entry.path().is_dir() {
            if let Some(n) = entry.file_name().to_str().and_then(generation_of) {
                out.push(n);
            }
        }
    }
    Ok(out)
}

/// The current generation of data folder `dir` (which exists). Refuses, changing
/// nothing, when [`CURRENT_FILE`] is unreadable or names a missing folder, or when it is
/// missing while `db` is gone and later folders exist (it was lost: starting an empty
/// database there would hide the data).
pub(crate) fn current(dir: &Path) -> Result<u64, StoreError> {
    match std::fs::read(dir.join(CURRENT_FILE)) {
        Ok(bytes) => {
            let n = std::str::from_utf8(&bytes)
                .ok()
                .and_then(|text| text.strip_suffix('\n'))
                .and_then(generation_of)
                .ok_or_else(|| {
                    corrupt(
                        dir,
                        format!("{CURRENT_FILE} does not name a database folder"),
                    )
                })?;
            if !folder(dir, n).is_dir() {
                return Err(corrupt(
                    dir,
                    format!(
                        "the current database folder {} named by {CURRENT_FILE} is missing",
                        folder_name(n)
                    ),
                ));
            }
            Ok(n)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !folder(dir, 0).exists() && all(dir)?.iter().any(|&n| n > 0) {
                return Err(corrupt(
                    dir,
                    format!(
                        "{CURRENT_FILE} is missing, so which database folder is current is unknown"
                    ),
                ));
            }
            Ok(0)
        }
        Err(e) => Err(StoreError::from_io(dir, e)),
    }
}

/// Makes generation `n` current: the switch ([`whole_file::write`]). Once this
/// returns, a crash or a power loss leaves generation `n` current.
pub(crate) fn make_current(dir: &Path, n: u64) -> Result<(), StoreError> {
    whole_file::write(
        &dir.join(CURRENT_FILE),
        format!("{}\n", folder_name(n)).as_bytes(),
    )
    .map_err(|e| StoreError::from_file_write(dir, e))
}

/// Deletes the folders of every generation but `current`, and temporary copies of
/// [`CURRENT_FILE`] left by a killed switch (we hold the lock: no switch is under way).
/// A folder that cannot be deleted now (Windows refuses while a file
/// in it is still open) is left for the next open.
pub(crate) fn remove_others(dir: &Path, current: u64) {
    let Ok(generations) = all(dir) else {
        return;
    };
    for n in generations.into_iter().filter(|&n| n != current) {
        let _ = std::fs::remove_dir_all(folder(dir, n));
    }
    // `rondo.current.tmp`: what builds before `whole_file` left.
    let _ = std::fs::remove_file(dir.join(format!("{CURRENT_FILE}.tmp")));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_str()
            .is_some_and(|name| whole_file::is_temporary_of(name, CURRENT_FILE))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_and_generations_match() {
        for n in [0, 1, 2, 10, 12345] {
            assert_eq!(generation_of(&folder_name(n)), Some(n), "generation {n}");
        }
        for name in [
            "db-0", "db-01", "db-", "db-x", "db-1x", "dbx", "db-+1", "blobs",
        ] {
            assert_eq!(generation_of(name), None, "{name} is no database folder");
        }
    }
}
