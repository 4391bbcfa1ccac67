//! Training paths and trainees in a real store (`rondo::usecases::training`): progress
//! moves when a seated interview is held (marked, or over and not cancelled), never for a
//! cancelled one; the end of the path graduates the trainee into the pool, after
//! sign-off when the path asks; and everything survives a backup and a restore.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rondo::data::DataDoc;
use rondo::domain::{
    BookedTrainee, Booking, BookingId, BookingStatus, Interviewer, InterviewerId, Trainee,
    TrainingPath,
};
use rondo::example::{team, ExampleSpec};
use rondo::problem::TraineeRole;
use rondo::store::Store;
use rondo::team::training::Progress;
use rondo::usecases::{backup, training, UseCaseError};
use std::path::Path;

pub(crate) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 7, 0, 0)
        .single()
        .expect("an instant")
}

/// A small example team in a store, and someone who is not in pool `backend`.
pub(crate) fn stored_team(dir: &Path) -> (DataDoc, Store, InterviewerId) {
    let doc = team(
        &ExampleSpec {
            interviewers: 12,
            candidates: 6,
            bookings: 30,
            seed: 3,
            week_of: NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date"),
        },
        now(),
    );
    let mut store = Store::open(dir).expect("open");
    backup::restore(&mut store, &doc).expect("restore");
    let outsider = doc
        .interviewers
        .iter()
        .find(|i| !i.pools.contains("backend"))
        .expect("someone outside backend")
        .id
        .clone();
    (doc, store, outsider)
}

/// A booking like the team's first, `days` from now, one hour, seating `who` as
/// `role` of pool backend.
fn seated(
    doc: &DataDoc,
    n: u32,
    who: &InterviewerId,
    role: TraineeRole,
    days: i64,
    status: BookingStatus,
) -> Booking {
    let mut b = doc.bookings[0].clone();
    b.id = BookingId::new(format!("tr-{n:03}")).expect("an id");
    b.uid = format!("{}.test@rondo", b.id);
    b.start = now() + Duration::days(days);
    b.end = b.start + Duration::hours(1);
    b.interviewers.retain(|i| i != who);
    if b.interviewers.is_empty() {
        b.interviewers.push(doc.interviewers[0].id.clone());
    }
    b.trainees = vec![BookedTrainee {
        interviewer: who.clone(),
        pool: "backend".into(),
        role,
    }];
    b.status = status;
    b
}

fn write(store: &Store, b: &Booking) {
    store
        .write_bookings(std::slice::from_ref(b), |_| Ok::<(), ()>(()))
        .expect("written");
}

fn stand(store: &Store, who: &InterviewerId, at: DateTime<Utc>) -> Progress {
    training::of_person(store, who, at).expect("standing")[0].progress
}

#[test]
fn held_interviews_move_a_trainee_to_graduation_and_cancelled_ones_do_not() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (doc, store, who) = stored_team(tmp.path());
    assert!(
        matches!(
            training::enroll(&store, &who, "backend", now()),
            Err(UseCaseError::NoTrainingPath { .. })
        ),
        "no path yet"
    );
    training::set_path(
        &store,
        &TrainingPath::new("Backend", 2, 1, true).expect("a path"),
    )
    .expect("path stored");
    training::enroll(&store, &who, "backend", now()).expect("enrolled");
    assert!(
        matches!(
            training::enroll(&store, &who, "backend", now()),
            Err(UseCaseError::AlreadyTraining { .. })
        ),
        "twice"
    );
    let insider = doc
        .interviewers
        .iter()
        .find(|i| i.pools.contains("backend"))
        .expect("someone in backend");
    assert!(
        matches!(
            training::enroll(&store, &insider.id, "backend", now()),
            Err(UseCaseError::AlreadyInPool { .. })
        ),
        "a qualified interviewer does not train"
    );

    use BookingStatus::{Cancelled, Confirmed};
    use TraineeRole::{ReverseShadow as R, Shadow as S};
    let shadow1 = seated(&doc, 1, &who, S, 1, Confirmed);
    let shadow_cancelled = seated(&doc, 2, &who, S, 2, Confirmed);
    let shadow2 = seated(&doc, 3, &who, S, 3, Confirmed);
    let reverse = seated(&doc, 4, &who, R, 5, Confirmed);
    for b in [&shadow1, &shadow_cancelled, &shadow2, &reverse] {
        write(&store, b);
    }
    let mut cancelled = shadow_cancelled.clone();
    cancelled.set_status(Cancelled, now()).expect("cancellable");
    write(&store, &cancelled);

    let at = |days: i64| now() + Duration::days(days) + Duration::hours(2);
    let training_at = |p: Progress| match p {
        Progress::Training {
            shadows_held,
            reverse_shadows_held,
            remaining,
            ..
        } => Some((shadows_held, reverse_shadows_held, remaining)),
        _ => None,
    };
    assert_eq!(
        training_at(stand(&store, &who, now())),
        Some((0, 0, 3)),
        "nothing held yet"
    );
    assert_eq!(
        training_at(stand(&store, &who, at(2))),
        Some((1, 0, 2)),
        "the first shadow is over; the cancelled one does not count"
    );
    // Marking the second shadow held counts it before its end.
    assert!(
        matches!(
            training::mark_held(&store, &cancelled.id, &who, at(2)),
            Err(UseCaseError::Closed { .. })
        ),
        "a cancelled interview cannot be marked held"
    );
    let other = doc.interviewers[1].id.clone();
    assert!(
        matches!(
            training::mark_held(&store, &shadow2.id, &other, at(2)),
            Err(UseCaseError::NotTheirInterview { .. })
        ),
        "only the booking's own trainee"
    );
    let s = training::mark_held(&store, &shadow2.id, &who, at(2)).expect("marked");
    assert_eq!(training_at(s.progress), Some((2, 0, 1)), "two shadows held");
    assert!(
        matches!(
            training::sign_off(&store, &who, "backend", at(2)),
            Err(UseCaseError::NotAwaitingSignOff { .. })
        ),
        "not before the reverse shadow"
    );
    // After the reverse shadow: waiting for sign-off, not in the pool yet.
    assert_eq!(
        stand(&store, &who, at(6)),
        Progress::AwaitingSignOff,
        "waits for sign-off"
    );
    let person: Interviewer = store.need(who.as_str()).expect("stored");
    assert!(!person.pools.contains("backend"), "not graduated yet");
    let engine = training::engine_training(&store, at(6)).expect("engine view");
    assert!(
        !engine.contains_key(&who),
        "waiting for sign-off: no trainee seats"
    );
    let s = training::sign_off(&store, &who, "backend", at(6)).expect("signed off");
    assert_eq!(s.progress, Progress::Graduated, "graduated");
    let person: Interviewer = store.need(who.as_str()).expect("stored");
    assert!(person.pools.contains("backend"), "graduated into the pool");
    let record: Trainee = store.need(who.as_str()).expect("record");
    assert_eq!(
        record.tracks[0].graduated_at,
        Some(at(6)),
        "graduation is stamped"
    );
    assert_eq!(
        stand(&store, &who, at(9)),
        Progress::Graduated,
        "stays graduated"
    );
}

#[test]
fn without_sign_off_the_last_interview_graduates_and_a_trainee_is_busy() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (doc, store, who) = stored_team(tmp.path());
    training::set_path(
        &store,
        &TrainingPath::new("backend", 1, 0, false).expect("a path"),
    )
    .expect("path");
    training::enroll(&store, &who, "backend", now()).expect("enrolled");
    let b = seated(&doc, 1, &who, TraineeRole::Shadow, 1, BookingStatus::Held);
    write(&store, &b);
    // The trainee is busy then, as the interviewers are (the day index lists them).
    let day = rondo::store::codec::day_number(b.start);
    let theirs = store.interviewer_days(&who, day, day).expect("days");
    assert!(
        theirs.iter().any(|e| e.booking == b.id),
        "the trainee's day lists the interview: {theirs:?}"
    );
    assert!(
        matches!(
            training::of_person(&store, &who, now()).expect("standing")[0].progress,
            Progress::Training { remaining: 1, .. }
        ),
        "ahead"
    );
    let after = b.end + Duration::minutes(1);
    let standings = training::standings(&store, after).expect("standings");
    assert_eq!(standings.len(), 1, "one trainee");
    assert_eq!(
        standings[0].progress,
        Progress::Graduated,
        "over: graduated"
    );
    let person: Interviewer = store.need(who.as_str()).expect("stored");
    assert!(person.pools.contains("backend"), "in the pool");
}

#[test]
fn paths_trainees_and_seated_bookings_survive_a_backup_and_a_restore() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (doc, store, who) = stored_team(tmp.path());
    training::set_path(
        &store,
        &TrainingPath::new("backend", 2, 1, true).expect("a path"),
    )
    .expect("path");
    training::set_path(
        &store,
        &TrainingPath::new("frontend", 1, 0, false).expect("a path"),
    )
    .expect("path");
    training::enroll(&store, &who, "backend", now()).expect("enrolled");
    let b = seated(
        &doc,
        1,
        &who,
        TraineeRole::Shadow,
        1,
        BookingStatus::Confirmed,
    );
    write(&store, &b);
    training::mark_held(&store, &b.id, &who, now()).expect("marked");
    let before = training::standings(&store, now()).expect("standings");

    let exported = backup::export(&store, now()).expect("export");
    assert_eq!(exported.training_paths.len(), 2, "both paths");
    assert_eq!(exported.trainees.len(), 1, "one trainee");
    let text = serde_json::to_string(&exported).expect("json");
    assert!(
        text.contains("\"trainees\":[{\"interviewer\""),
        "the seated booking names its trainee"
    );
    let read = backup::parse(&text).expect("parsed back");
    assert_eq!(read, exported, "the document reads back as written");

    let tmp2 = tempfile::tempdir().expect("tempdir");
    let mut other = Store::open(tmp2.path()).expect("open");
    backup::restore(&mut other, &read).expect("restored");
    assert_eq!(
        training::standings(&other, now()).expect("standings"),
        before,
        "the same standings after a restore"
    );
    let restored: Booking = other.need(b.id.as_str()).expect("booking");
    assert_eq!(restored.trainees, b.trainees, "the trainee seat is kept");
    let day = rondo::store::codec::day_number(b.start);
    assert!(
        other
            .interviewer_days(&who, day, day)
            .expect("days")
            .iter()
            .any(|e| e.booking == b.id),
        "the restored day index lists the trainee"
    );

    // A backup naming a pool without a path, or a trainee who is not there, is refused.
    let mut bad = exported.clone();
    bad.training_paths.retain(|p| p.pool != "backend");
    let err = backup::restore(&mut other, &bad).expect_err("refused");
    assert!(
        err.to_string().contains("no training path"),
        "names the missing path: {err}"
    );
    let mut bad = exported.clone();
    bad.trainees[0].interviewer = InterviewerId::new("nobody").expect("an id");
    let err = backup::restore(&mut other, &bad).expect_err("refused");
    assert!(
        err.to_string().contains("trainees[0] (nobody)"),
        "names the record: {err}"
    );
    // An older backup without the new fields is still read.
    let mut old: serde_json::Value = serde_json::to_value(&doc).expect("json");
    old.as_object_mut()
        .expect("object")
        .remove("training_paths");
    let old = backup::parse(&old.to_string()).expect("old backups read");
    assert!(old.trainees.is_empty(), "nobody in training");
}
