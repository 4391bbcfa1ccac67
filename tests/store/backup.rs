//! Restoring a `rondo-data/1` document: all or nothing, and a bad record is named.

use super::usecases::{now, small_team};
use rondo::domain::{Booking, Candidate, Interviewer};
use rondo::store::{Store, CURRENT_FILE, DB_FOLDER};
use rondo::usecases::backup::{export, parse, restore};
use rondo::usecases::UseCaseError;

#[test]
fn a_bad_backup_names_the_record_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = small_team(dir.path());
    let good = serde_json::to_value(export(&store, now()).expect("export")).expect("json");
    type Edit = fn(&mut serde_json::Value);
    let cases: [(&str, Edit, &str); 6] = [
        (
            "unknown zone",
            |d| d["interviewers"][1]["time_zone"] = "Mars/Olympus".into(),
            "interviewers[1] (rec-1)",
        ),
        (
            "bad id",
            |d| d["candidates"][0]["id"] = "has space".into(),
            "candidates[0] (has space)",
        ),
        (
            "plan missing",
            |d| d["candidates"][1]["plan"] = "nope".into(),
            "candidates[1] (b)",
        ),
        (
            "duplicate interviewer",
            |d| d["interviewers"][1]["id"] = "eng-1".into(),
            "interviewers[1] (eng-1)",
        ),
        (
            "wrong format",
            |d| d["format"] = "rondo-data/9".into(),
            "format",
        ),
        (
            "backwards hours",
            |d| {
                d["interviewers"][0]["working_hours"]["mon"] =
                    serde_json::json!([["17:00", "09:00"]])
            },
            "interviewers[0] (eng-1)",
        ),
    ];
    let before = serde_json::to_string(&export(&store, now()).expect("export")).expect("json");
    for (name, edit, record) in cases {
        let mut doc = good.clone();
        edit(&mut doc);
        match parse(&doc.to_string()) {
            Err(e @ UseCaseError::BadBackup { .. }) => {
                assert!(
                    e.to_string().contains(record),
                    "{name}: the error names {record}: {e}"
                );
                assert!(
                    e.to_string().contains("nothing was changed"),
                    "{name}: says nothing changed: {e}"
                );
            }
            other => panic!("{name}: expected BadBackup, got {other:?}"),
        }
    }
    let after = serde_json::to_string(&export(&store, now()).expect("export")).expect("json");
    assert_eq!(before, after, "refused documents changed nothing");

    let mut doc = parse(&good.to_string()).expect("the good document parses");
    doc.candidates.retain(|c| c.id.as_str() != "b");
    let summary = restore(&mut store, &doc).expect("restore");
    assert_eq!(summary.candidates, 1, "one candidate restored");
    assert_eq!(
        store.count::<Candidate>(),
        1,
        "the restore replaced the candidates"
    );
    assert_eq!(
        store.count::<Interviewer>(),
        2,
        "and kept the interviewers of the document"
    );
    assert_eq!(store.count::<Booking>(), 0, "and its (empty) bookings");
}

/// The database folders (`db`, `db-1`, ...) in data folder `dir`, by name.
fn db_folders(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("data folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n == DB_FOLDER || n.starts_with("db-"))
        .collect();
    names.sort();
    names
}

fn candidate_ids(dir: &std::path::Path) -> Vec<String> {
    Store::open(dir)
        .expect("open")
        .all::<Candidate>()
        .expect("candidates")
        .into_iter()
        .map(|c| c.id.to_string())
        .collect()
}

#[test]
fn a_restore_leaves_only_the_new_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = small_team(dir.path());
    let mut doc = export(&store, now()).expect("export");
    doc.candidates.retain(|c| c.id.as_str() != "b");
    for round in 1..=2 {
        restore(&mut store, &doc).expect("restore");
        assert_eq!(
            db_folders(dir.path()),
            [format!("{DB_FOLDER}-{round}")],
            "restore {round}: the new database replaced the old one"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(CURRENT_FILE)).expect("current file"),
            format!("{DB_FOLDER}-{round}\n"),
            "restore {round}: {CURRENT_FILE} names it"
        );
    }
    drop(store);
    assert_eq!(
        candidate_ids(dir.path()),
        ["a"],
        "the restored data reopens"
    );
}

#[test]
fn an_interrupted_restore_leaves_the_old_data() {
    // Killed before its switch: a half-written next database, not named current.
    let dir = tempfile::tempdir().expect("temp dir");
    drop(small_team(dir.path()));
    {
        let raw = super::raw_sled(dir.path().join(format!("{DB_FOLDER}-1")));
        let half = raw.open_tree("candidates").expect("tree");
        half.insert("zz", b"\x03{\"half\": true}".as_slice())
            .expect("insert");
        raw.flush().expect("flush");
    }
    assert_eq!(
        candidate_ids(dir.path()),
        ["a", "b"],
        "killed before the switch: the old candidates are current"
    );
    assert_eq!(
        db_folders(dir.path()),
        [DB_FOLDER],
        "the unfinished database was deleted"
    );

    // Killed after its switch, before deleting the old database.
    let old = tempfile::tempdir().expect("temp dir");
    super::migration::copy_dir(&dir.path().join(DB_FOLDER), old.path());
    let mut store = Store::open(dir.path()).expect("open");
    let mut doc = export(&store, now()).expect("export");
    doc.candidates.retain(|c| c.id.as_str() != "a");
    restore(&mut store, &doc).expect("restore");
    drop(store);
    super::migration::copy_dir(old.path(), &dir.path().join(DB_FOLDER));
    assert_eq!(
        candidate_ids(dir.path()),
        ["b"],
        "killed after the switch: the restored candidates are current"
    );
    assert_eq!(
        db_folders(dir.path()),
        [format!("{DB_FOLDER}-1")],
        "the old database was deleted"
    );
}

#[test]
fn the_demo_team_seeds_only_an_empty_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = rondo::store::Store::open(dir.path()).expect("open");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 4).expect("valid date");
    let seeded = rondo::usecases::demo::seed_demo_if_empty(&mut store, today, now()).expect("seed");
    assert!(seeded, "an empty store gets the demo team");
    let counts = (store.count::<Interviewer>(), store.count::<Candidate>());
    assert_eq!(counts, (18, 8), "the demo team's size");
    let bookings = store.count::<Booking>();
    assert!(
        bookings > 20,
        "20 past bookings and loops booked ahead, found {bookings}"
    );
    let again =
        rondo::usecases::demo::seed_demo_if_empty(&mut store, today, now()).expect("seed again");
    assert!(!again, "a store with data is left alone");
    assert_eq!(
        store.count::<Booking>(),
        bookings,
        "nothing was added the second time"
    );
}
