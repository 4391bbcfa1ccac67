//! Hiring days on a real store: the batch request built from stored candidates, the
//! whole answer booked in one transaction re-checked against the store, a stale day
//! refused naming the candidates to find again, and `rondo hiring-day` end to end.

use super::usecases::{cand, now, request, small_team, utc};
use rondo::domain::{Booking, CandidateId};
use rondo::interval::Interval;
use rondo::store::Store;
use rondo::usecases::bookings::book;
use rondo::usecases::hiring_day::{self, HiringDay, HiringDayRequest};
use rondo::usecases::propose::propose;
use rondo::usecases::{records, UseCaseError};
use std::process::Command;

fn cid(c: &str) -> CandidateId {
    CandidateId::new(c).expect("valid id")
}

/// [`small_team`] with two more candidates, `c` and `d`, on the same Monday.
fn four(dir: &std::path::Path) -> Store {
    let store = small_team(dir);
    records::add_candidate(&store, &cand("c")).expect("add c");
    records::add_candidate(&store, &cand("d")).expect("add d");
    store
}

fn monday(ids: &[&str]) -> HiringDayRequest {
    HiringDayRequest {
        candidates: ids.iter().map(|c| cid(c)).collect(),
        horizon: Interval {
            start: utc(2026, 3, 9, 0, 0),
            end: utc(2026, 3, 10, 0, 0),
        },
        slot_minutes: 15,
        time_limit_secs: 30.0,
    }
}

#[test]
fn a_hiring_day_schedules_everyone_and_books_in_one_go() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = four(dir.path());
    let day = hiring_day::propose(&store, &monday(&["a", "b", "c", "d"])).expect("propose");
    assert_eq!(
        day.answer.scheduled.len(),
        4,
        "one recruiter and one engineer see four candidates on a free Monday: {:?}",
        day.answer.unscheduled
    );
    // One engineer: the four technical rounds follow one another from 09:30 Berlin.
    let mut finishes: Vec<_> = day.answer.scheduled.iter().map(|s| s.finish).collect();
    finishes.sort();
    let want: Vec<_> = (0..4)
        .map(|k| utc(2026, 3, 9, 9, 30) + chrono::Duration::hours(k))
        .collect();
    assert_eq!(finishes, want, "the engineer's rounds follow one another");
    let booked = hiring_day::book(&store, &day, now()).expect("book the day");
    assert_eq!(booked.len(), 8, "two rounds for each of four candidates");
    assert_eq!(store.count::<Booking>(), 8, "all stored");
    // The same day again: every candidate clashes with their own bookings now.
    match hiring_day::book(&store, &day, now()) {
        Err(UseCaseError::Conflict { reasons }) => {
            for c in ["a", "b", "c", "d"] {
                assert!(
                    reasons
                        .iter()
                        .any(|r| r.starts_with(&format!("find {c} again"))),
                    "names {c}: {reasons:?}"
                );
            }
        }
        other => panic!("booking the same day twice must be refused, got {other:?}"),
    }
    assert_eq!(store.count::<Booking>(), 8, "the refused day wrote nothing");
}

#[test]
fn a_stale_hiring_day_books_nothing_and_names_who_to_find_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = four(dir.path());
    let day = hiring_day::propose(&store, &monday(&["b", "c"])).expect("propose");
    assert_eq!(day.answer.scheduled.len(), 2, "both fit");
    // Meanwhile `a` is booked alone at 09:00, where the day put its first screen.
    propose(&store, &request("a"), now()).expect("propose a");
    book(&store, &cid("a"), 1, now()).expect("book a");
    let before = store.count::<Booking>();
    match hiring_day::book(&store, &day, now()) {
        Err(UseCaseError::Conflict { reasons }) => assert!(
            reasons.iter().any(|r| r.starts_with("find ")),
            "says whom to find again: {reasons:?}"
        ),
        other => panic!("a stale day must be refused, got {other:?}"),
    }
    assert_eq!(store.count::<Booking>(), before, "nothing half-written");
    let again = hiring_day::propose(&store, &monday(&["b", "c"])).expect("propose again");
    hiring_day::book(&store, &again, now()).expect("the fresh day books");
}

#[test]
fn rondo_hiring_day_propose_then_book() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(four(dir.path()));
    let out_file = dir.path().join("day.json");
    // `four` opened the store at `dir` (and closed it); the binary uses the same folder.
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_rondo"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env_remove("RONDO_DATA_DIR")
            .output()
            .expect("the rondo binary runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let out = out_file.to_string_lossy().to_string();
    let (ok, text, err) = run(&[
        "hiring-day",
        "propose",
        "--stage",
        "applied",
        "--from",
        "2026-03-09",
        "--to",
        "2026-03-09",
        "--out",
        &out,
    ]);
    assert!(ok, "propose: {err}");
    assert!(text.contains("4 of 4 candidates scheduled"), "{text}");
    assert!(
        text.contains("rec-1"),
        "the grid has the recruiter's row: {text}"
    );
    assert!(text.contains("Itineraries"), "{text}");
    let day: HiringDay =
        serde_json::from_str(&std::fs::read_to_string(&out_file).expect("--out written"))
            .expect("a hiring day");
    assert_eq!(day.answer.scheduled.len(), 4);
    let (ok, text, err) = run(&["hiring-day", "book", &out]);
    assert!(ok, "book: {err}");
    assert!(text.contains("booked 8 rounds for 4 candidates"), "{text}");
    let (ok, _, err) = run(&["hiring-day", "book", &out]);
    assert!(!ok, "booking the same file twice is refused");
    assert!(err.contains("again"), "says whom to find again: {err}");
}
