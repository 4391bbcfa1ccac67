//! Opening a data folder: the lock, reopening, schemas newer than this build.

use rondo::domain::{Candidate, CandidateId};
use rondo::store::{Store, StoreError};

fn candidate(id: &str) -> Candidate {
    Candidate::new(
        CandidateId::new(id).expect("valid id"),
        "Ada Lovelace",
        chrono_tz::Europe::London,
    )
}

#[test]
fn a_second_open_of_one_folder_says_rondo_is_already_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = Store::open(dir.path()).expect("first open");
    let second = Store::open(dir.path());
    match second {
        Err(e @ StoreError::AlreadyOpen { .. }) => {
            assert!(
                e.to_string().contains("Rondo is already open on this data"),
                "message: {e}"
            );
            assert!(
                e.to_string().contains(&dir.path().display().to_string()),
                "names the folder: {e}"
            );
        }
        other => panic!("second open should be refused as already open, got {other:?}"),
    }
    drop(first);
    let again = Store::open(dir.path());
    assert!(
        again.is_ok(),
        "after the first store closes the folder opens again: {:?}",
        again.err()
    );
}

#[test]
fn records_survive_closing_and_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let store = Store::open(dir.path()).expect("open");
        store.insert_new(&candidate("c-1")).expect("insert");
        let dup = store.insert_new(&candidate("c-1"));
        assert!(
            matches!(dup, Err(StoreError::Exists { .. })),
            "adding an existing id is refused: {dup:?}"
        );
    }
    let store = Store::open(dir.path()).expect("reopen");
    let got: Option<Candidate> = store.get("c-1").expect("read");
    assert_eq!(got, Some(candidate("c-1")), "the candidate came back");
    assert_eq!(
        store.schema_version().expect("schema"),
        rondo::store::SCHEMA_VERSION,
        "new folders get the current schema"
    );
}
