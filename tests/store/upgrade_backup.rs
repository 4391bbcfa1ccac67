//! The copy of the old database an upgrade keeps (`backups/schema-<N>`, written before
//! anything changes): whole, itself a data folder with the old records, written once,
//! and an upgrade that cannot write it changes nothing.

use super::migration::copy_dir;
use rondo::store::upgrade_backup::{backup_folder, BACKUPS_FOLDER};
use rondo::store::{Store, CURRENT_FILE, DB_FOLDER};
use std::path::{Path, PathBuf};

fn v2_fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-db")
}

/// Everything data folder `dir` holds, as a `rondo-data/1` document (opening a copy, so
/// `dir` itself is left as it is).
fn export_of_copy(dir: &Path) -> String {
    let copy = tempfile::tempdir().expect("temp dir");
    copy_dir(dir, copy.path());
    let store = Store::open(copy.path()).expect("open the copy");
    let doc =
        rondo::usecases::backup::export(&store, chrono::DateTime::UNIX_EPOCH).expect("export");
    serde_json::to_string(&doc).expect("json")
}

#[test]
fn an_upgrade_keeps_a_copy_of_the_old_database_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&v2_fixture(), dir.path());
    let before = export_of_copy(dir.path());
    let backup = backup_folder(dir.path(), 2);
    assert!(!backup.exists(), "no backup before the upgrade");

    drop(Store::open(dir.path()).expect("open and upgrade"));
    assert!(
        backup.join(DB_FOLDER).is_dir(),
        "the upgrade kept the old database in {}",
        backup.display()
    );
    let leftovers: Vec<String> = std::fs::read_dir(dir.path().join(BACKUPS_FOLDER))
        .expect("backups folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        leftovers,
        ["schema-2"],
        "one whole backup, no temporary folder"
    );
    assert!(
        !backup.join(CURRENT_FILE).exists(),
        "in the backup the old database is the current one"
    );
    {
        let raw = super::raw_sled(backup.join(DB_FOLDER));
        assert_eq!(
            raw.open_tree("meta")
                .expect("meta")
                .get("schema")
                .expect("read")
                .as_deref(),
            Some(2u32.to_be_bytes().as_slice()),
            "the backup is the schema-2 database as it was"
        );
    }
    assert_eq!(
        export_of_copy(&backup),
        before,
        "the backup holds every record the old data held"
    );

    // Opening upgraded data again does not rewrite the backup.
    std::fs::write(backup.join("mark"), b"").expect("mark the backup");
    drop(Store::open(dir.path()).expect("open again"));
    assert!(
        backup.join("mark").exists(),
        "the backup is written by the upgrade only"
    );
}

#[test]
fn an_upgrade_that_cannot_keep_its_backup_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&v2_fixture(), dir.path());
    // A file where the backups folder goes: the copy cannot be written.
    std::fs::write(dir.path().join(BACKUPS_FOLDER), b"in the way").expect("block");
    let refused = Store::open(dir.path());
    assert!(
        refused.is_err(),
        "the upgrade stops when its backup cannot be written"
    );
    drop(refused);
    assert!(
        !dir.path().join(CURRENT_FILE).exists(),
        "the old database is still the current one"
    );
    std::fs::remove_file(dir.path().join(BACKUPS_FOLDER)).expect("unblock");
    let store = Store::open(dir.path()).expect("the next start upgrades");
    assert_eq!(
        store.schema_version().expect("schema"),
        rondo::store::SCHEMA_VERSION
    );
    assert!(backup_folder(dir.path(), 2).join(DB_FOLDER).is_dir());
}
