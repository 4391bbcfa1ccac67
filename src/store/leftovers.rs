//! What a killed process leaves behind in the data folder, and how [`super::Store::open`]
//! clears it before anything reads it.
//!
//! sled 0.34 writes a snapshot of its page table while it opens (recovery), first to
//! `snap.<lsn>.generating`, fsynced, then renamed to `snap.<lsn>`: the rename is the
//! snapshot's commit point. But when sled looks for the newest snapshot it skips only
//! `.in___motion` files, not `.generating` ones (later sled versions skip them). A
//! process killed while its sled wrote one leaves a partial file, named after a higher
//! log position than the last complete snapshot; the next open takes it for the newest,
//! finds its checksum wrong and refuses the whole database with
//! `Corruption { at: None }`. Nothing was lost: the previous snapshot and the log hold
//! everything, which is what sled itself recovers from once the file is gone.

use super::StoreError;
use std::path::Path;

/// Whether `name` is a snapshot file sled had not finished writing.
fn is_unfinished_snapshot(name: &str) -> bool {
    name.starts_with("snap.") && name.ends_with(".generating")
}

/// Removes the unfinished sled snapshots in sled folder `db` (see the module doc).
/// `dir` is the data folder, for errors.
pub(crate) fn remove_unfinished_snapshots(dir: &Path, db: &Path) -> Result<(), StoreError> {
    let entries = match std::fs::read_dir(db) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::from_io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::from_io(dir, e))?;
        let name = entry.file_name();
        if name.to_str().is_some_and(is_unfinished_snapshot) {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(StoreError::from_io(dir, e)),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::is_unfinished_snapshot;

    #[test]
    fn only_unfinished_snapshots_are_picked() {
        let cases = [
            ("snap.0000000015DD39BC.generating", true),
            ("snap.0000000015DD39BC", false),
            ("snap.0000000015DD39BC.in___motion", false),
            ("conf", false),
            ("db", false),
            ("blobs", false),
            ("notsnap.1.generating", false),
        ];
        for (name, want) in cases {
            assert_eq!(is_unfinished_snapshot(name), want, "{name}");
        }
    }
}
