//! The use cases on a real store: propose, book (and the race two proposals run),
//! reschedule, cancel, calendar import, deletes that would orphan records.

use chrono::{DateTime, TimeZone, Utc};
use rondo::domain::{
    AfterRule, Booking, BookingStatus, Candidate, CandidateId, Interviewer, InterviewerId, Need,
    Plan, PlanId, RoundId, RoundSpec, SourceId, WeeklyHours,
};
use rondo::interval::{Interval, IntervalSet};
use rondo::store::{Store, StoreError};
use rondo::usecases::bookings::{book, cancel, reschedule, set_status};
use rondo::usecases::calendar::import_calendar;
use rondo::usecases::propose::{propose, ProposeRequest};
use rondo::usecases::{records, UseCaseError};

pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("a valid UTC instant")
}

pub fn now() -> DateTime<Utc> {
    utc(2026, 3, 1, 12, 0)
}

fn ivr(id: &str, pool: &str) -> Interviewer {
    let mut i = Interviewer::new(
        InterviewerId::new(id).expect("valid id"),
        &format!("Person {id}"),
        chrono_tz::Europe::Berlin,
        WeeklyHours::parse("mon-fri 09:00-17:00").expect("valid hours"),
    );
    i.pools.insert(pool.to_string());
    i
}

pub fn cand(id: &str) -> Candidate {
    let mut c = Candidate::new(
        CandidateId::new(id).expect("valid id"),
        &format!("Candidate {id}"),
        chrono_tz::Europe::Berlin,
    );
    // Monday 2026-03-09, 09:00-17:00 in Berlin (UTC+1).
    c.available = IntervalSet::from_intervals(vec![Interval {
        start: utc(2026, 3, 9, 8, 0),
        end: utc(2026, 3, 9, 16, 0),
    }]);
    c.plan = Some(PlanId::new("two").expect("valid id"));
    c
}

/// A store with one recruiter, one backend engineer, a two-round plan and candidates `a`, `b`.
pub fn small_team(dir: &std::path::Path) -> Store {
    let store = Store::open(dir).expect("open");
    small_team_in(&store);
    store
}

/// Adds [`small_team`]'s records to an open store.
pub fn small_team_in(store: &Store) {
    records::add_interviewer(store, &ivr("rec-1", "recruiting")).expect("add recruiter");
    records::add_interviewer(store, &ivr("eng-1", "backend")).expect("add engineer");
    let plan = Plan {
        id: PlanId::new("two").expect("valid id"),
        name: "Two rounds".into(),
        job: "Backend engineer".into(),
        rounds: vec![
            RoundSpec {
                id: RoundId::new("screen").expect("valid"),
                name: "Recruiter screen".into(),
                duration_minutes: 30,
                needs: vec![Need::Pool {
                    pool: "recruiting".into(),
                    count: 1,
                }],
                after: vec![],
                trainee_seats: Vec::new(),
            },
            RoundSpec {
                id: RoundId::new("tech").expect("valid"),
                name: "Technical".into(),
                duration_minutes: 60,
                needs: vec![Need::Pool {
                    pool: "backend".into(),
                    count: 1,
                }],
                after: vec![AfterRule {
                    round: RoundId::new("screen").expect("valid"),
                    min_gap_minutes: 0,
                    max_gap_minutes: None,
                }],
                trainee_seats: Vec::new(),
            },
        ],
        same_day: vec![],
    };
    records::add_plan(store, &plan).expect("add plan");
    records::add_candidate(store, &cand("a")).expect("add a");
    records::add_candidate(store, &cand("b")).expect("add b");
}

pub fn request(c: &str) -> ProposeRequest {
    ProposeRequest {
        candidate: CandidateId::new(c).expect("valid id"),
        plan: None,
        horizon: Interval {
            start: utc(2026, 3, 9, 0, 0),
            end: utc(2026, 3, 10, 0, 0),
        },
        options: 3,
        slot_minutes: 15,
    }
}

fn cid(c: &str) -> CandidateId {
    CandidateId::new(c).expect("valid id")
}

#[test]
fn propose_then_book_writes_one_booking_per_round_with_fresh_uids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = small_team(dir.path());
    let p = propose(&store, &request("a"), now()).expect("propose");
    assert!(
        !p.options.is_empty(),
        "a free Monday gives options: {:?}",
        p.explanation
    );
    let first = &p.options[0];
    assert_eq!(
        first.slots[0].start,
        utc(2026, 3, 9, 8, 0),
        "option 1 starts at 09:00 Berlin"
    );
    assert_eq!(
        first.finish,
        utc(2026, 3, 9, 9, 30),
        "option 1 finishes as early as possible"
    );
    let booked = book(&store, &cid("a"), 1, now()).expect("book option 1");
    assert_eq!(booked.len(), 2, "one booking per round");
    for b in &booked {
        assert_eq!(
            (b.sequence, b.status),
            (0, BookingStatus::Proposed),
            "booking {} is new",
            b.id
        );
        let stored: Booking = store.need(b.id.as_str()).expect("stored");
        assert_eq!(&stored, b, "booking {} is stored as returned", b.id);
    }
    assert_ne!(
        booked[0].uid, booked[1].uid,
        "each booking has its own calendar UID"
    );
    let week = store
        .bookings_starting(utc(2026, 3, 9, 0, 0), utc(2026, 3, 16, 0, 0))
        .expect("week");
    assert_eq!(week.len(), 2, "the week lists both bookings");
    match book(&store, &cid("a"), 1, now()) {
        Err(UseCaseError::NoProposal { .. }) => {}
        other => panic!("a proposal is used up by booking it, got {other:?}"),
    }
    match propose(&store, &request("a"), now()).map(|_| book(&store, &cid("a"), 99, now())) {
        Ok(Err(UseCaseError::NoSuchOption { count, .. })) => {
            assert!(count >= 1, "says how many options there are")
        }
        other => panic!("option 99 does not exist, got {other:?}"),
    }
}

#[test]
fn two_proposals_from_the_same_free_time_cannot_both_book() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = small_team(dir.path());
    let pa = propose(&store, &request("a"), now()).expect("propose a");
    let pb = propose(&store, &request("b"), now()).expect("propose b");
    assert_eq!(
        pa.options[0].slots, pb.options[0].slots,
        "both see the same best slots, people included"
    );
    book(&store, &cid("a"), 1, now()).expect("a books first");
    let count = store.count::<Booking>();
    match book(&store, &cid("b"), 1, now()) {
        Err(e @ UseCaseError::Conflict { .. }) => assert!(
            e.to_string().contains("propose again"),
            "says what to do: {e}"
        ),
        other => panic!("b's stale option must be refused, got {other:?}"),
    }
    assert_eq!(
        store.count::<Booking>(),
        count,
        "the refused booking wrote nothing"
    );
    let again = propose(&store, &request("b"), now()).expect("propose b again");
    assert!(
        again.options[0].slots[0].start >= utc(2026, 3, 9, 8, 30),
        "b's new option avoids a's screen"
    );
    book(&store, &cid("b"), 1, now()).expect("b books the fresh option");
}

#[test]
fn concurrent_bookings_of_the_same_people_let_exactly_one_through() {
    for round in 0..8 {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = std::sync::Arc::new(small_team(dir.path()));
        propose(&store, &request("a"), now()).expect("propose a");
        propose(&store, &request("b"), now()).expect("propose b");
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let handles: Vec<_> = ["a", "b"]
            .into_iter()
            .map(|c| {
                let (store, barrier) = (store.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    book(&store, &cid(c), 1, now()).is_ok()
                })
            })
            .collect();
        let ok: Vec<bool> = handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect();
        assert_eq!(
            ok.iter().filter(|x| **x).count(),
            1,
            "round {round}: exactly one of two racing bookings wins: {ok:?}"
        );
        assert_eq!(
            store.count::<Booking>(),
            2,
            "round {round}: only the winner's two rounds are stored"
        );
    }
}

#[test]
fn reschedule_and_cancel_keep_the_uid_and_grow_the_sequence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = small_team(dir.path());
    propose(&store, &request("a"), now()).expect("propose");
    let booked = book(&store, &cid("a"), 1, now()).expect("book");
    let tech = booked
        .iter()
        .find(|b| b.round.as_str() == "tech")
        .expect("tech round")
        .clone();
    let moved =
        reschedule(&store, &tech.id, utc(2026, 3, 9, 13, 0), now()).expect("move to 14:00 Berlin");
    assert_eq!(
        (moved.uid.as_str(), moved.sequence),
        (tech.uid.as_str(), 1),
        "same UID, sequence 1"
    );
    assert_eq!(
        moved.end - moved.start,
        tech.end - tech.start,
        "same length"
    );
    let cases = [
        ("after working hours", utc(2026, 3, 9, 16, 30)),
        ("over the candidate's screen", utc(2026, 3, 9, 8, 0)),
    ];
    for (name, start) in cases {
        match reschedule(&store, &tech.id, start, now()) {
            Err(UseCaseError::Conflict { .. }) => {}
            other => panic!("{name}: expected a conflict, got {other:?}"),
        }
    }
    let held = set_status(&store, &tech.id, BookingStatus::Held, now()).expect("hold");
    assert_eq!(held.sequence, 2, "a status change grows the sequence");
    let back = set_status(&store, &tech.id, BookingStatus::Proposed, now());
    assert!(
        matches!(back, Err(UseCaseError::Invalid(_))),
        "held cannot go back to proposed: {back:?}"
    );
    let gone = cancel(&store, &tech.id, now()).expect("cancel");
    assert_eq!(
        (gone.status, gone.sequence, gone.uid.as_str()),
        (BookingStatus::Cancelled, 3, tech.uid.as_str()),
        "cancelled keeps its UID"
    );
    assert!(
        matches!(
            cancel(&store, &tech.id, now()),
            Err(UseCaseError::Closed { .. })
        ),
        "a cancelled booking stays cancelled"
    );
    let eng = InterviewerId::new("eng-1").expect("valid");
    let days = store.interviewer_days(&eng, 0, 100_000).expect("days");
    assert!(
        days.is_empty(),
        "a cancelled booking no longer occupies its interviewer: {days:?}"
    );
}

#[test]
fn a_calendar_import_replaces_only_what_that_source_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = small_team(dir.path());
    let rec = InterviewerId::new("rec-1").expect("valid");
    let (work, personal) = (
        SourceId::new("work").expect("valid"),
        SourceId::new("personal").expect("valid"),
    );
    let block = |h: u32| Interval {
        start: utc(2026, 3, 9, h, 0),
        end: utc(2026, 3, 9, h + 1, 0),
    };
    import_calendar(&store, &rec, &work, "work.ics", vec![block(8)], now()).expect("first import");
    import_calendar(&store, &rec, &personal, "me.ics", vec![block(12)], now())
        .expect("personal import");
    let i = import_calendar(
        &store,
        &rec,
        &work,
        "work.ics",
        vec![block(9), block(8)],
        now(),
    )
    .expect("second import");
    let busy: Vec<(&str, Vec<Interval>)> = i
        .calendars
        .iter()
        .map(|c| (c.id.as_str(), c.busy.clone()))
        .collect();
    assert_eq!(
        busy,
        vec![
            (
                "work",
                vec![Interval {
                    start: utc(2026, 3, 9, 8, 0),
                    end: utc(2026, 3, 9, 10, 0)
                }]
            ),
            ("personal", vec![block(12)])
        ],
        "work replaced (blocks joined), personal kept"
    );
    let p = propose(&store, &request("a"), now()).expect("propose");
    assert_eq!(
        p.options[0].slots[0].start,
        utc(2026, 3, 9, 10, 0),
        "the screen avoids the imported busy time"
    );
    let missing = import_calendar(
        &store,
        &InterviewerId::new("nobody").expect("valid"),
        &work,
        "x",
        vec![],
        now(),
    );
    assert!(
        matches!(
            missing,
            Err(UseCaseError::Store(StoreError::NotFound { .. }))
        ),
        "unknown interviewer: {missing:?}"
    );
}

#[test]
fn deletes_that_would_orphan_records_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = small_team(dir.path());
    propose(&store, &request("a"), now()).expect("propose");
    let booked = book(&store, &cid("a"), 1, now()).expect("book");
    let screen = booked
        .iter()
        .find(|b| b.round.as_str() == "screen")
        .expect("screen");
    let rec = screen.interviewers[0].clone();
    let cases: [(&str, Result<(), UseCaseError>); 3] = [
        (
            "interviewer with a live booking",
            records::delete_interviewer(&store, &rec),
        ),
        (
            "candidate with a live booking",
            records::delete_candidate(&store, &cid("a")),
        ),
        (
            "plan with candidates",
            records::delete_plan(&store, &PlanId::new("two").expect("valid")),
        ),
    ];
    for (name, got) in cases {
        match got {
            Err(UseCaseError::Store(e @ StoreError::InUse { .. })) => {
                assert!(e.to_string().contains("still used by"), "{name}: {e}")
            }
            other => panic!("{name}: expected InUse, got {other:?}"),
        }
    }
    for b in &booked {
        cancel(&store, &b.id, now()).expect("cancel");
    }
    records::delete_interviewer(&store, &rec).expect("deletable once its bookings are cancelled");
    records::delete_candidate(&store, &cid("b")).expect("a candidate without bookings goes");
    let none: Option<Candidate> = store.get("b").expect("read");
    assert_eq!(none, None, "candidate b is gone");
}

#[test]
fn an_ics_import_replaces_the_source_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = small_team(dir.path());
    let rec = InterviewerId::new("rec-1").expect("valid");
    let work = SourceId::new("work").expect("valid");
    let window = Interval {
        start: utc(2026, 3, 9, 0, 0),
        end: utc(2026, 3, 16, 0, 0),
    };
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:standup@test\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260309T080000Z\r\nDTEND:20260309T090000Z\r\nSUMMARY:Planning\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let (stored, report) =
        rondo::usecases::calendar::import_ics(&store, &rec, &work, "work.ics", ics, window, now())
            .expect("import");
    assert_eq!(report.events, 1, "one event read");
    assert_eq!(
        stored.calendars[0].busy,
        vec![Interval {
            start: utc(2026, 3, 9, 8, 0),
            end: utc(2026, 3, 9, 9, 0)
        }],
        "its hour is busy"
    );
    let p = propose(&store, &request("a"), now()).expect("propose");
    assert_eq!(
        p.options[0].slots[0].start,
        utc(2026, 3, 9, 9, 0),
        "the screen waits for the busy hour to end"
    );
    let bad = rondo::usecases::calendar::import_ics(
        &store,
        &rec,
        &work,
        "junk.ics",
        "this is not a calendar",
        window,
        now(),
    );
    assert!(
        matches!(bad, Err(UseCaseError::Calendar(_))),
        "a file with nothing usable is refused: {bad:?}"
    );
    let kept: Interviewer = store.need("rec-1").expect("read");
    assert_eq!(
        kept.calendars, stored.calendars,
        "the refused file changed nothing"
    );
}
