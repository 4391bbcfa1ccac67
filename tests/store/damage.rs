//! Damaged files, unwritable folders, full disks and data from a newer Rondo: each gives
//! a clear error and never overwrites what is on disk.

use super::mount::TmpMount;
use rondo::domain::{Candidate, CandidateId};
use rondo::store::{Store, StoreError, DB_FOLDER};
use std::path::Path;

fn candidate(i: usize, notes: &str) -> Candidate {
    let mut c = Candidate::new(
        CandidateId::new(format!("c-{i}")).expect("valid id"),
        "Grace Hopper",
        chrono_tz::America::New_York,
    );
    c.notes = notes.to_string();
    c
}

/// A data folder holding `n` candidates, closed.
fn folder_with(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    for i in 0..n {
        store.insert_new(&candidate(i, "")).expect("insert");
    }
    dir
}

/// Every file in sled folder `db` with its bytes, to compare before and after.
fn snapshot(db: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(db).expect("db folder") {
        let e = e.expect("entry");
        if e.path().is_file() {
            out.push((
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn damaged_or_truncated_files_are_refused_and_left_as_they_are() {
    type Damage = fn(&Path);
    let cases: [(&str, Damage); 5] = [
        ("log truncated to half", |db| {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(db.join("db"))
                .expect("open log");
            let len = f.metadata().expect("len").len();
            f.set_len(len / 2).expect("truncate");
        }),
        ("log truncated to 100 bytes", |db| {
            std::fs::OpenOptions::new()
                .write(true)
                .open(db.join("db"))
                .expect("open log")
                .set_len(100)
                .expect("truncate");
        }),
        ("log emptied", |db| {
            std::fs::OpenOptions::new()
                .write(true)
                .open(db.join("db"))
                .expect("open log")
                .set_len(0)
                .expect("truncate");
        }),
        ("log overwritten in the middle", |db| {
            let mut bytes = std::fs::read(db.join("db")).expect("read log");
            for b in bytes.iter_mut().skip(20).take(4000) {
                *b ^= 0x5a;
            }
            std::fs::write(db.join("db"), bytes).expect("write log");
        }),
        ("config replaced by garbage", |db| {
            std::fs::write(db.join("conf"), b"this is not a sled config").expect("write conf");
        }),
    ];
    for (name, damage) in cases {
        let dir = folder_with(150);
        damage(&dir.path().join(DB_FOLDER));
        let before = snapshot(&dir.path().join(DB_FOLDER));
        let conf_before = before.iter().find(|(n, _)| n == "conf").cloned();
        for attempt in 1..=2 {
            match Store::open(dir.path()) {
                Err(e @ StoreError::Corrupt { .. }) => {
                    assert!(
                        e.to_string().contains("damaged"),
                        "{name}: message says damaged: {e}"
                    );
                    assert!(
                        e.to_string().contains("rondo data import"),
                        "{name}: message says what to do: {e}"
                    );
                }
                Err(other) => panic!(
                    "{name}, attempt {attempt}: expected a damaged-database error, got {other} ({other:?})"
                ),
                Ok(s) => panic!(
                    "{name}, attempt {attempt}: damaged database opened with {} candidates",
                    s.count::<Candidate>()
                ),
            }
        }
        // sled's own recovery rewrites the torn tail of its log when it opens (DESIGN.md,
        // "What happens to a damaged database?"); Rondo refuses right after, so nothing
        // of Rondo's is written and the damage is never healed into a smaller database.
        let after = snapshot(&dir.path().join(DB_FOLDER));
        let conf_after = after.iter().find(|(n, _)| n == "conf").cloned();
        assert_eq!(
            conf_before, conf_after,
            "{name}: the configuration file is left as it was"
        );
    }
}

#[test]
fn a_folder_that_cannot_be_created_is_unwritable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").expect("write file");
    let cases = [
        ("the path is a regular file", file.clone()),
        ("a parent is a regular file", file.join("data")),
    ];
    for (name, path) in cases {
        match Store::open(&path) {
            Err(e @ StoreError::Unwritable { .. }) => {
                assert!(
                    e.to_string().contains("--data-dir"),
                    "{name}: says how to pick another folder: {e}"
                )
            }
            other => panic!("{name}: expected Unwritable, got {other:?}"),
        }
    }
    assert_eq!(
        std::fs::read(&file).expect("file still there"),
        b"x",
        "the file in the way is untouched"
    );
}

#[test]
fn a_read_only_disk_is_unwritable() {
    let Some(mount) = TmpMount::new("a_read_only_disk_is_unwritable", "1m", "ro") else {
        return;
    };
    match Store::open(&mount.join("data")) {
        Err(e @ StoreError::Unwritable { .. }) => {
            assert!(e.to_string().contains("cannot write"), "message: {e}")
        }
        other => panic!("read-only tmpfs: expected Unwritable, got {other:?}"),
    }
}

#[test]
fn a_full_disk_refuses_the_change_and_keeps_what_was_committed() {
    let Some(mount) = TmpMount::new(
        "a_full_disk_refuses_the_change_and_keeps_what_was_committed",
        "6m",
        "",
    ) else {
        return;
    };
    let dir = mount.join("data");
    let notes = "n".repeat(20_000);
    let mut committed = Vec::new();
    let mut failure = None;
    {
        let store = Store::open(&dir).expect("open on the small disk");
        for i in 0..2_000 {
            match store.put(&candidate(i, &notes)) {
                Ok(()) => committed.push(i),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
    }
    let failure = failure.expect("a 6 MB disk fills up before 2,000 notes of 20 kB");
    assert!(
        matches!(failure, StoreError::DiskFull { .. }),
        "the error says the disk is full: {failure}"
    );
    assert!(
        failure.to_string().contains("free some space"),
        "says what to do: {failure}"
    );
    assert!(
        !committed.is_empty(),
        "some candidates fit before the disk filled"
    );
    assert!(
        mount.remount("remount,size=64m"),
        "grow the tmpfs to free space"
    );
    let store = Store::open(&dir).expect("reopens once there is space");
    for i in &committed {
        let got: Option<Candidate> = store.get(&format!("c-{i}")).expect("read");
        assert_eq!(
            got.map(|c| c.notes.len()),
            Some(notes.len()),
            "candidate c-{i} committed before the disk filled is intact"
        );
    }
}

#[test]
fn a_schema_or_record_from_a_newer_rondo_is_refused_and_kept() {
    let dir = folder_with(3);
    {
        let db = super::raw_sled(dir.path().join(DB_FOLDER));
        db.open_tree("candidates")
            .expect("tree")
            .insert("c-1", b"\x07{\"from\":\"the future\"}".as_slice())
            .expect("raw insert");
        db.flush().expect("flush");
    }
    let store = Store::open(dir.path()).expect("a newer record alone does not stop opening");
    for (what, got) in [
        ("get", store.get::<Candidate>("c-1").map(|_| ())),
        ("all", store.all::<Candidate>().map(|_| ())),
    ] {
        match got {
            Err(e @ StoreError::NewerRecord { version: 7, .. }) => {
                assert!(
                    e.to_string().contains("newer Rondo"),
                    "{what}: says a newer Rondo wrote it: {e}"
                )
            }
            other => panic!("{what}: expected NewerRecord, got {other:?}"),
        }
    }
    drop(store);
    {
        let db = super::raw_sled(dir.path().join(DB_FOLDER));
        db.open_tree("meta")
            .expect("tree")
            .insert("schema", &4u32.to_be_bytes())
            .expect("raw insert");
        db.flush().expect("flush");
    }
    match Store::open(dir.path()) {
        Err(
            e @ StoreError::NewerSchema {
                found: 4,
                supported: 3,
                ..
            },
        ) => {
            assert!(
                e.to_string().contains("install the newer Rondo"),
                "says what to do: {e}"
            )
        }
        other => panic!("schema 4: expected NewerSchema, got {other:?}"),
    }
    let db = super::raw_sled(dir.path().join(DB_FOLDER));
    let rec = db
        .open_tree("candidates")
        .expect("tree")
        .get("c-1")
        .expect("read");
    assert_eq!(
        rec.as_deref(),
        Some(b"\x07{\"from\":\"the future\"}".as_slice()),
        "the newer record is kept byte for byte"
    );
    let schema = db
        .open_tree("meta")
        .expect("tree")
        .get("schema")
        .expect("read");
    assert_eq!(
        schema.as_deref(),
        Some(4u32.to_be_bytes().as_slice()),
        "the newer schema version is kept"
    );
}

#[test]
fn a_lost_or_damaged_current_file_is_refused_and_nothing_is_deleted() {
    use rondo::store::CURRENT_FILE;
    use rondo::usecases::backup::{export, restore};
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = super::usecases::small_team(dir.path());
        let doc = export(&store, super::usecases::now()).expect("export");
        restore(&mut store, &doc).expect("restore into db-1");
    }
    let current = dir.path().join(CURRENT_FILE);
    let good = std::fs::read(&current).expect("the current file");
    let db1 = dir.path().join(format!("{DB_FOLDER}-1"));
    type Damage = fn(&Path);
    let cases: [(&str, Damage, &str); 3] = [
        (
            "lost",
            |f| std::fs::remove_file(f).expect("remove"),
            "is missing, so which database folder is current is unknown",
        ),
        (
            "garbage",
            |f| std::fs::write(f, b"hello").expect("write"),
            "does not name a database folder",
        ),
        (
            "names a missing folder",
            |f| std::fs::write(f, b"db-7\n").expect("write"),
            "db-7 named by rondo.current is missing",
        ),
    ];
    for (name, damage, want) in cases {
        let before = snapshot(&db1);
        damage(&current);
        match Store::open(dir.path()) {
            Err(e @ StoreError::Corrupt { .. }) => {
                assert!(e.to_string().contains(want), "{name}: {e}")
            }
            other => panic!("{name}: expected Corrupt, got {other:?}"),
        }
        assert!(
            snapshot(&db1) == before,
            "{name}: the database is left as it was"
        );
        assert!(
            !dir.path().join(DB_FOLDER).exists(),
            "{name}: no empty database was started in its place"
        );
        std::fs::write(&current, &good).expect("put the file back");
        let store = Store::open(dir.path()).expect("opens again");
        assert_eq!(
            store.count::<Candidate>(),
            2,
            "{name}: the data is all there"
        );
    }
}
