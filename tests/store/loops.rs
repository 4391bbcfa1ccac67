//! A loop changed as a whole: several rounds moved in one transaction, re-checked by the
//! engine's rules against what is stored, with their updated invites; all or nothing.

use super::usecases::{now, request, small_team, utc};
use chrono::{DateTime, Duration, Utc};
use rondo::domain::{
    Booking, BookingId, Candidate, CandidateId, InterviewerId, Need, Plan, PlanId, RoundId,
    RoundSpec,
};
use rondo::ical::export::Person;
use rondo::ical::import::{busy_from_ics, ImportOptions, Window};
use rondo::interval::{Interval, IntervalSet};
use rondo::store::Store;
use rondo::usecases::invites::SentLog;
use rondo::usecases::loops::{self, Outbox};
use rondo::usecases::propose::propose;
use rondo::usecases::{backup, bookings, records, UseCaseError};
use std::collections::BTreeMap;
use std::path::Path;

/// Bookings and their new starts.
type Moves = Vec<(BookingId, DateTime<Utc>)>;

fn organizer() -> Person {
    Person {
        name: "Ana".into(),
        email: "ana@hr.example.com".into(),
    }
}

/// Every file of `dir` with its bytes.
pub fn folder(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read a file"),
            )
        })
        .collect()
}

/// Everything stored, as the backup document sees it.
fn stored(store: &Store) -> String {
    serde_json::to_string(&backup::export(store, now()).expect("export")).expect("json")
}

fn property(text: &str, name: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .unwrap_or_else(|| panic!("no {name} in {text}"))
        .to_string()
}

/// What the store records as sent.
fn sent_log(store: &Store) -> SentLog {
    SentLog::load(store).expect("the record of sent invites")
}

/// Books candidate `c`'s first option and writes its invites into `out`; returns the
/// bookings.
fn book_and_send(store: &Store, c: &str, out: &Path) -> Vec<Booking> {
    let p = propose(store, &request(c), now()).expect("propose");
    assert!(!p.options.is_empty(), "{c}: options found");
    let booked = bookings::book(store, &CandidateId::new(c).expect("id"), 1, now()).expect("book");
    let outbox = Outbox {
        organizer: organizer(),
        mail: false,
    };
    loops::send(store, &booked, out, &outbox, now()).expect("invites written");
    booked
}

#[test]
fn a_loop_move_that_breaks_a_rule_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("invites");
    let store = small_team(dir.path());
    let booked = book_and_send(&store, "a", out.path());
    let (screen, tech) = (&booked[0], &booked[1]);
    assert_eq!(
        (screen.round.as_str(), tech.round.as_str()),
        ("screen", "tech"),
        "the loop in order"
    );
    let before = (stored(&store), folder(out.path()), sent_log(&store));
    // Each case moves both rounds; one of the two new times breaks a rule.
    let later = |b: &Booking, minutes: i64| b.start + Duration::minutes(minutes);
    let cases: Vec<(&str, Moves)> = vec![
        (
            "the technical round after working hours",
            vec![
                (screen.id.clone(), later(screen, 60)),
                (tech.id.clone(), utc(2026, 3, 9, 16, 0)),
            ],
        ),
        (
            "the technical round before the screen it follows",
            vec![
                (screen.id.clone(), utc(2026, 3, 9, 12, 0)),
                (tech.id.clone(), utc(2026, 3, 9, 9, 0)),
            ],
        ),
        (
            "both rounds at once for the candidate",
            vec![
                (screen.id.clone(), utc(2026, 3, 9, 10, 0)),
                (tech.id.clone(), utc(2026, 3, 9, 10, 0)),
            ],
        ),
    ];
    for (name, moves) in cases {
        let outbox = Outbox {
            organizer: organizer(),
            mail: false,
        };
        match loops::reschedule(&store, &moves, Some(out.path()), &outbox, now()) {
            Err(UseCaseError::Conflict { reasons }) => {
                assert!(!reasons.is_empty(), "{name}: says why")
            }
            other => panic!("{name}: expected a conflict, got {other:?}"),
        }
        assert_eq!(stored(&store), before.0, "{name}: the store is unchanged");
        assert_eq!(
            folder(out.path()),
            before.1,
            "{name}: the invite folder is byte-identical"
        );
        assert_eq!(
            sent_log(&store),
            before.2,
            "{name}: nothing is recorded as sent"
        );
    }
    // Another candidate's booking in the same moves: not one loop, nothing moves.
    let other = book_and_send(&store, "b", out.path());
    let mixed = [
        (screen.id.clone(), later(screen, 15)),
        (other[0].id.clone(), later(&other[0], 15)),
    ];
    let before = stored(&store);
    assert!(
        matches!(
            bookings::reschedule_loop(&store, &mixed, now()),
            Err(UseCaseError::NotOneLoop { .. })
        ),
        "two candidates' rounds are not one loop"
    );
    assert_eq!(stored(&store), before, "nothing moved");
}

/// A plan of two hour-long rounds with the same engineer and no order between them, and
/// candidate `c` in it.
fn pair_plan(store: &Store) {
    let eng = InterviewerId::new("eng-1").expect("id");
    let round = |id: &str| RoundSpec {
        id: RoundId::new(id).expect("id"),
        name: id.to_uppercase(),
        duration_minutes: 60,
        needs: vec![Need::Person(eng.clone())],
        after: vec![],
        trainee_seats: Vec::new(),
    };
    let plan = Plan {
        id: PlanId::new("pair").expect("id"),
        name: "Pair".into(),
        job: "Backend engineer".into(),
        rounds: vec![round("intro"), round("deep")],
        same_day: vec![],
    };
    records::add_plan(store, &plan).expect("add the plan");
    let mut c = Candidate::new(
        CandidateId::new("c").expect("id"),
        "Candidate c",
        chrono_tz::Europe::Berlin,
    );
    c.available = IntervalSet::from_intervals(vec![Interval {
        start: utc(2026, 3, 9, 8, 0),
        end: utc(2026, 3, 9, 10, 0),
    }]);
    c.plan = Some(plan.id);
    records::add_candidate(store, &c).expect("add c");
}

#[test]
fn two_rounds_swap_times_in_one_move_with_updated_invites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("invites");
    let store = small_team(dir.path());
    pair_plan(&store);
    let booked = book_and_send(&store, "c", out.path());
    assert_eq!(booked.len(), 2, "two rounds booked");
    let (a, b) = (&booked[0], &booked[1]);
    assert_eq!(
        a.end, b.start,
        "back to back: the candidate's only two hours"
    );
    let swap = [(a.id.clone(), b.start), (b.id.clone(), a.start)];
    // One at a time, each move lands on the other round (the same engineer and the
    // same candidate): refused, and nothing changes.
    let before = stored(&store);
    for one in &swap {
        let r = bookings::reschedule_loop(&store, std::slice::from_ref(one), now());
        assert!(
            matches!(r, Err(UseCaseError::Conflict { .. })),
            "moving {} alone is refused: {r:?}",
            one.0
        );
        assert_eq!(stored(&store), before, "nothing moved");
    }
    let uid = |round: &str| {
        let text = std::fs::read_to_string(out.path().join(format!("{round}-candidate.ics")))
            .expect("an invite");
        property(&text, "UID")
    };
    let uids = (uid("intro"), uid("deep"));
    let outbox = Outbox {
        organizer: organizer(),
        mail: false,
    };
    let moved =
        loops::reschedule(&store, &swap, Some(out.path()), &outbox, now()).expect("the swap holds");
    assert_eq!(moved.bookings.len(), 2, "both rounds moved");
    for (m, (old, start)) in moved.bookings.iter().zip([(a, b.start), (b, a.start)]) {
        assert_eq!(
            (m.start, m.end - m.start, m.uid.as_str(), m.sequence),
            (
                start,
                old.end - old.start,
                old.uid.as_str(),
                old.sequence + 1
            ),
            "{}: new time, same length and UID, SEQUENCE + 1",
            m.round
        );
        let stored: Booking = store.need(m.id.as_str()).expect("stored");
        assert_eq!(&stored, m, "{}: stored as returned", m.round);
        let text = std::fs::read_to_string(out.path().join(format!("{}-candidate.ics", m.round)))
            .expect("the updated invite");
        assert_eq!(property(&text, "SEQUENCE"), "1", "{}: an update", m.round);
        let window = Window::new(utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0)).expect("window");
        let read = busy_from_ics(&text, window, &ImportOptions::default()).expect("it parses");
        assert_eq!(
            read.busy
                .iter()
                .map(|i| (i.start, i.end))
                .collect::<Vec<_>>(),
            [(m.start, m.end)],
            "{}: at its new time",
            m.round
        );
    }
    assert_eq!(
        (uid("intro"), uid("deep")),
        uids,
        "the same calendar events"
    );
    assert!(
        moved
            .bookings
            .iter()
            .all(|b| sent_log(&store).is_current(b)),
        "the updates are recorded as sent"
    );
}
