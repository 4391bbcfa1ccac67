//! A copy of the old database, kept before a schema upgrade changes anything (a newer
//! Rondo installed over an older one upgrades the data on its first start).
//!
//! The copy is `backups/schema-<N>/db` in the data folder, where N is the old schema:
//! the old generation's sled folder as it was, named `db` so that the backup folder is
//! itself a data folder. An older Rondo opens it as it is (`RONDO_DATA_DIR=…/backups/
//! schema-2`); this one upgrades a copy of it like any old data. It is written to
//! `schema-<N>.tmp` first and renamed into place, so a backup folder is always whole;
//! an upgrade done again after an interruption writes it again.
//!
//! Why a raw copy and not a `rondo-data/1` export? The export lives above the store (in
//! the use cases) and leaves the kept proposals out; the copy is every byte the old
//! version had, and needs no code that could itself be wrong about the old schema.

use super::StoreError;
use std::path::{Path, PathBuf};

/// The folder in the data folder that holds the copies made before upgrades.
pub const BACKUPS_FOLDER: &str = "backups";

/// The backup made before upgrading data folder `dir` from schema `schema`.
pub fn backup_folder(dir: &Path, schema: u32) -> PathBuf {
    dir.join(BACKUPS_FOLDER).join(format!("schema-{schema}"))
}

/// Copies sled folder `old` (the current generation of data folder `dir`, at schema
/// `schema`) to [`backup_folder`]`/db`, durably, and returns the backup folder. On a
/// failure (a full disk) nothing is left half-written and the error says why.
pub(crate) fn write(dir: &Path, old: &Path, schema: u32) -> Result<PathBuf, StoreError> {
    let io = |e| StoreError::from_io(dir, e);
    let target = backup_folder(dir, schema);
    let tmp = target.with_extension("tmp");
    remove_if_there(&tmp).map_err(io)?;
    let copied = copy_tree(old, &tmp.join(super::DB_FOLDER));
    if let Err(e) = copied {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(io(e));
    }
    remove_if_there(&target).map_err(io)?;
    std::fs::rename(&tmp, &target).map_err(io)?;
    if let Some(parent) = target.parent() {
        crate::whole_file::sync_folder(parent).map_err(io)?;
    }
    Ok(target)
}

fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Copies folder `from` to the new folder `to`, every file fsynced.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
            std::fs::File::open(&dest)?.sync_all()?;
        }
    }
    crate::whole_file::sync_folder(to)
}
