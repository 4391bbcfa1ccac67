//! What was sent lives in the store: invites written are recorded in the `invites_sent`
//! tree, kept in backups and brought back by a restore, and the `invites-sent.json` of
//! older builds is imported once on open (after an upgrade too).

use super::migration::copy_dir;
use super::usecases::{now, request, small_team};
use rondo::domain::{Booking, BookingId, CandidateId, InviteSent};
use rondo::ical::export::Person;
use rondo::store::{Store, SENT_FILE};
use rondo::usecases::backup::{export, parse, restore, save};
use rondo::usecases::invites::{self, SentLog};
use rondo::usecases::pipeline::{rows, Waiting};
use rondo::usecases::propose::propose;
use rondo::usecases::UseCaseError;
use std::path::{Path, PathBuf};

fn organizer() -> Person {
    Person {
        name: "Ana Ilić".into(),
        email: "ana@example.com".into(),
    }
}

/// What waits on the coordinator for candidate `id`.
fn waiting(store: &Store, id: &str) -> Waiting {
    rows(store, now())
        .expect("pipeline")
        .into_iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("candidate {id} has a line"))
        .waiting
}

/// Candidate `a` of the small team booked (option 1), and the bookings.
pub(super) fn booked_team(dir: &Path) -> (Store, Vec<Booking>) {
    let store = small_team(dir);
    propose(&store, &request("a"), now()).expect("propose");
    let a = CandidateId::new("a").expect("valid id");
    let booked = rondo::usecases::bookings::book(&store, &a, 1, now()).expect("book");
    (store, booked)
}

#[test]
fn a_backup_keeps_what_was_sent_and_a_restore_brings_it_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("invite folder");
    let (store, booked) = booked_team(dir.path());
    assert_eq!(waiting(&store, "a"), Waiting::Send, "booked, not sent yet");
    let written = invites::write(&store, &booked, out.path(), &organizer(), now())
        .expect("write the invites");
    assert!(!written.files.is_empty(), "invite files written");
    assert_ne!(waiting(&store, "a"), Waiting::Send, "sent");

    let doc = export(&store, now()).expect("export");
    let mut sent: Vec<(String, u32, String)> = doc
        .invites_sent
        .iter()
        .map(|s| (s.booking.to_string(), s.sequence, s.folder.clone()))
        .collect();
    sent.sort();
    let folder = out.path().to_str().expect("a Unicode path").to_string();
    let mut want: Vec<(String, u32, String)> = booked
        .iter()
        .map(|b| (b.id.to_string(), b.sequence, folder.clone()))
        .collect();
    want.sort();
    assert_eq!(sent, want, "the backup holds what was sent, where");
    let file = dir.path().join("backup.json");
    save(&doc, &file).expect("save the backup");
    let text = std::fs::read_to_string(&file).expect("read the backup");
    assert!(
        text.contains("\"invites_sent\""),
        "the field is in the file"
    );

    // Into another data folder, and over data that had sent nothing.
    let other = tempfile::tempdir().expect("temp dir");
    let mut fresh = small_team(other.path());
    assert_eq!(
        waiting(&fresh, "a"),
        Waiting::Schedule,
        "nothing booked yet"
    );
    let summary = restore(&mut fresh, &parse(&text).expect("parse")).expect("restore");
    assert_eq!(summary.invites_sent, booked.len(), "counted");
    let log = SentLog::load(&fresh).expect("sent log");
    for b in &booked {
        assert!(log.is_current(b), "{} is sent after the restore", b.id);
        assert_eq!(log.folder(&b.id), Some(out.path()), "{} went there", b.id);
    }
    assert_ne!(
        waiting(&fresh, "a"),
        Waiting::Send,
        "after the restore the bookings do not show \"to send\" again"
    );
    drop(fresh);
    let reopened = Store::open(other.path()).expect("reopen");
    assert_eq!(
        reopened.count::<InviteSent>(),
        booked.len(),
        "the records are stored, not only held"
    );
}

#[test]
fn an_older_backup_without_the_field_restores_with_nothing_sent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("invite folder");
    let (mut store, booked) = booked_team(dir.path());
    invites::write(&store, &booked, out.path(), &organizer(), now()).expect("write");
    let mut json = serde_json::to_value(export(&store, now()).expect("export")).expect("json");
    json.as_object_mut()
        .expect("an object")
        .remove("invites_sent")
        .expect("the field was there");
    let doc = parse(&json.to_string()).expect("an older backup still parses");
    assert!(doc.invites_sent.is_empty(), "nothing sent in it");
    restore(&mut store, &doc).expect("restore");
    assert_eq!(
        waiting(&store, "a"),
        Waiting::Send,
        "a backup that did not say what was sent leaves it to send"
    );
}

#[test]
fn a_sent_record_of_a_booking_not_in_the_backup_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("invite folder");
    let (mut store, booked) = booked_team(dir.path());
    invites::write(&store, &booked, out.path(), &organizer(), now()).expect("write");
    let mut doc = export(&store, now()).expect("export");
    let k = doc.invites_sent.len();
    let mut stray = doc.invites_sent[0].clone();
    stray.booking = BookingId::new("bk-999999").expect("valid id");
    doc.invites_sent.push(stray);
    let twice = {
        let mut d = doc.clone();
        d.invites_sent.truncate(k);
        d.invites_sent.push(d.invites_sent[0].clone());
        d
    };
    for (case, doc, want) in [
        (
            "a missing booking",
            doc,
            "bk-999999, which is not in the document",
        ),
        ("a booking twice", twice, "appears twice"),
    ] {
        match restore(&mut store, &doc) {
            Err(e @ UseCaseError::BadBackup { .. }) => {
                let text = e.to_string();
                assert!(
                    text.contains(&format!("invites_sent[{k}]")),
                    "{case}: {text}"
                );
                assert!(text.contains(want), "{case}: {text}");
            }
            other => panic!("{case}: expected BadBackup, got {other:?}"),
        }
        let text = serde_json::to_string(&doc).expect("json");
        assert!(
            matches!(parse(&text), Err(UseCaseError::BadBackup { .. })),
            "{case}: parsing refuses it too"
        );
    }
    assert_eq!(
        store.count::<InviteSent>(),
        booked.len(),
        "nothing was changed"
    );
}

/// Writes an `invites-sent.json` as builds before the tree did.
fn write_old_log(dir: &Path, entries: &[(&str, u32, &str)]) {
    let bookings: serde_json::Map<String, serde_json::Value> = entries
        .iter()
        .map(|(id, sequence, at)| {
            (
                id.to_string(),
                serde_json::json!({"sequence": sequence, "folder": "/home/ana/invites", "at": at}),
            )
        })
        .collect();
    std::fs::write(
        dir.join(SENT_FILE),
        serde_json::json!({ "bookings": bookings }).to_string(),
    )
    .expect("write the old log");
}

fn v1_fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-db")
}

#[test]
fn the_sent_file_of_an_older_build_is_imported_once() {
    // A schema-1 data folder with the file beside it: upgraded, then imported.
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&v1_fixture(), dir.path());
    write_old_log(
        dir.path(),
        &[
            ("bk-000001", 1, "2026-02-27T09:00:00Z"),
            ("bk-000002", 0, "2026-02-27T09:00:00Z"),
            ("bk-000777", 1, "2026-02-27T09:00:00Z"),
        ],
    );
    let store = Store::open(dir.path()).expect("open, upgrade and import");
    assert!(!dir.path().join(SENT_FILE).exists(), "the file is gone");
    let log = SentLog::load(&store).expect("sent log");
    let need = |id: &str| -> Booking { store.need(id).expect("a fixture booking") };
    assert!(
        log.is_current(&need("bk-000001")),
        "bk-000001 was sent at 1"
    );
    assert!(
        !log.is_current(&need("bk-000002")),
        "bk-000002 was sent at 0 and is at 1 now"
    );
    assert_eq!(
        store.count::<InviteSent>(),
        2,
        "a booking that is not stored is not imported"
    );

    // The file again (a crash before its deletion, or an older build wrote it): only
    // later entries replace what is stored.
    drop(store);
    write_old_log(
        dir.path(),
        &[
            ("bk-000001", 0, "2026-02-26T09:00:00Z"),
            ("bk-000002", 1, "2026-02-28T09:00:00Z"),
        ],
    );
    let store = Store::open(dir.path()).expect("open again");
    let log = SentLog::load(&store).expect("sent log");
    let need = |id: &str| -> Booking { store.need(id).expect("a fixture booking") };
    assert!(
        log.is_current(&need("bk-000001")),
        "an older entry does not replace a newer one"
    );
    assert!(log.is_current(&need("bk-000002")), "a newer entry does");

    // A file that cannot be read is left alone and changes nothing.
    drop(store);
    std::fs::write(dir.path().join(SENT_FILE), b"{not json").expect("write");
    let store = Store::open(dir.path()).expect("open with a bad file");
    assert_eq!(store.count::<InviteSent>(), 2, "nothing changed");
    assert_eq!(
        std::fs::read(dir.path().join(SENT_FILE)).ok(),
        Some(b"{not json".to_vec()),
        "the unreadable file is kept"
    );
}
