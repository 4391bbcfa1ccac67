//! An interviewer declined: the pipeline says "needs a replacement", the core offers who
//! could take the seat (same pool, free, the loop still valid, least loaded first) and
//! giving it sends the update to the new panel and the candidate and a CANCEL to the
//! one who left, all with the change; a person who cannot take it changes nothing.

use super::import::{import, reply};
use crate::store::usecases::now;
use chrono::Duration;
use rondo::domain::{Booking, Interviewer, InterviewerId, WeeklyHours};
use rondo::ical::export::audience_uid;
use rondo::store::Store;
use rondo::usecases::{mail as mailing, records, replace, replies, UseCaseError};

/// Adds a copy of the backend engineer `eng-1` as `id`, named `name`, in `pool`, with
/// `hours`.
fn colleague(store: &Store, id: &str, name: &str, pool: &str, hours: &str) {
    let mut i: Interviewer = store.need("eng-1").expect("eng-1");
    i.id = InterviewerId::new(id).expect("id");
    i.name = name.into();
    i.email = format!("{id}@corp.example.com");
    i.pools = [pool.to_string()].into();
    i.working_hours = WeeklyHours::parse(hours).expect("hours");
    records::add_interviewer(store, &i).expect("added");
}

fn label(store: &Store, id: &str) -> String {
    let b: Booking = store.need(id).expect("booking");
    replies::answer_status(store, &b).expect("status").label()
}

#[test]
fn a_declined_seat_goes_to_a_free_colleague_with_the_update_and_a_cancel() {
    let dir = tempfile::tempdir().expect("dir");
    let store = super::team_with_addresses(dir.path());
    colleague(
        &store,
        "eng-2",
        "Zoe Backend",
        "backend",
        "mon-fri 09:00-17:00",
    );
    colleague(
        &store,
        "eng-3",
        "Bo Backend",
        "backend",
        "mon-fri 09:00-17:00",
    );
    colleague(&store, "eng-4", "Al Weekend", "backend", "sat 09:00-17:00");
    colleague(
        &store,
        "fe-1",
        "Fay Frontend",
        "frontend",
        "mon-fri 09:00-17:00",
    );
    let (out, booked) = super::book_with_mail(&store);
    let tech = booked
        .into_iter()
        .find(|b| b.round.as_str() == "tech")
        .expect("tech");
    let leaving = tech.interviewers[0].clone();
    assert_eq!(leaving.as_str(), "eng-1");
    let decline = reply(
        "REPLY",
        &audience_uid(&tech.uid, "panel"),
        Some(0),
        "eng-1@corp.example.com",
        "DECLINED",
        now() + Duration::hours(1),
        None,
    );
    let o = import(&store, &decline).expect("read");
    assert!(o[0].changed, "{o:?}");
    assert!(
        label(&store, tech.id.as_str()).starts_with("needs a replacement for"),
        "{}",
        label(&store, tech.id.as_str())
    );

    let names: Vec<String> = replace::choices(&store, &tech.id, &leaving)
        .expect("choices")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        names,
        ["Bo Backend", "Zoe Backend"],
        "the backend pool, free then (not the weekend worker, not frontend), equally loaded so by name"
    );

    let before = mailing::outbox(&store).expect("outbox").len();
    let fay = InterviewerId::new("fe-1").expect("id");
    let refused = replace::replace(&store, &tech.id, &leaving, &fay, None, &out, now());
    assert!(
        matches!(refused, Err(UseCaseError::Swap(_))),
        "not one of the choices: {refused:?}"
    );
    let unchanged: Booking = store.need(tech.id.as_str()).expect("booking");
    assert_eq!(
        (unchanged.sequence, unchanged.interviewers.clone()),
        (0, vec![leaving.clone()]),
        "a refused replacement changes nothing"
    );
    assert_eq!(mailing::outbox(&store).expect("outbox").len(), before);

    let zoe = InterviewerId::new("eng-2").expect("id");
    let t = now() + Duration::hours(2);
    let changed =
        replace::replace(&store, &tech.id, &leaving, &zoe, None, &out, t).expect("replaced");
    let stored: Booking = store.need(tech.id.as_str()).expect("booking");
    assert_eq!(changed.bookings, std::slice::from_ref(&stored));
    assert_eq!(
        (
            stored.sequence,
            stored.interviewers.clone(),
            stored.start,
            stored.uid.clone()
        ),
        (1, vec![zoe.clone()], tech.start, tech.uid.clone()),
        "same time and UID, the new person, SEQUENCE + 1"
    );
    let fresh: Vec<_> = mailing::outbox(&store)
        .expect("outbox")
        .into_iter()
        .skip(before)
        .map(|q| (q.message.method, q.message.to, q.message.sequence))
        .collect();
    let mut fresh_sorted = fresh.clone();
    fresh_sorted.sort();
    assert_eq!(
        fresh_sorted,
        [
            (
                "CANCEL".to_string(),
                vec!["eng-1@corp.example.com".to_string()],
                1
            ),
            (
                "REQUEST".to_string(),
                vec!["a@mail.example.org".to_string()],
                1
            ),
            (
                "REQUEST".to_string(),
                vec!["eng-2@corp.example.com".to_string()],
                1
            ),
        ],
        "the update to the candidate and the new panel, a CANCEL to the one who left"
    );
    assert_eq!(
        label(&store, tech.id.as_str()),
        "0 of 2 accepted",
        "a new version: everyone answers again"
    );
    assert!(
        matches!(
            replace::choices(&store, &tech.id, &leaving),
            Err(UseCaseError::Swap(_))
        ),
        "eng-1 is no longer in the interview"
    );
}

#[test]
fn in_the_example_team_every_seat_of_a_booked_loop_finds_a_free_colleague() {
    use rondo::domain::{Candidate, Stage};
    use rondo::interval::Interval;
    use rondo::usecases::{bookings, propose};
    let dir = tempfile::tempdir().expect("dir");
    let t0 = super::at("2026-12-03T13:00:00Z");
    let store = example_with_twins(dir.path(), t0);
    let out = super::ana_mails();
    let mut booked = None;
    for c in store.all::<Candidate>().expect("candidates") {
        if c.plan.is_none()
            || !store.candidate_bookings(&c.id).expect("index").is_empty()
            || c.stage == Stage::Hired
        {
            continue;
        }
        let req = propose::ProposeRequest {
            candidate: c.id.clone(),
            plan: None,
            horizon: Interval {
                start: t0 + Duration::days(1),
                end: t0 + Duration::days(14),
            },
            options: 1,
            slot_minutes: 15,
        };
        if propose::propose(&store, &req, t0).is_ok_and(|p| !p.options.is_empty()) {
            booked = Some(
                out.with_mailer(&store, t0, |m| {
                    bookings::book_mailed(&store, &c.id, 1, t0, m)
                })
                .expect("booked"),
            );
            break;
        }
    }
    let booked = booked.expect("a candidate of the example could be booked");
    for b in &booked {
        for leaving in &b.interviewers {
            let found = replace::choices(&store, &b.id, leaving).expect("choices");
            assert!(
                !found.is_empty(),
                "{leaving} in {}: a colleague of the same hours is free",
                b.round_name
            );
            assert!(
                found.windows(2).all(|w| w[0].booked <= w[1].booked),
                "least loaded first: {found:?}"
            );
        }
    }
}

/// The example team, each interviewer with three colleagues of the same pools, hours and
/// zone who have nothing booked (as the window's mail E2E sets it up), at `t0`.
fn example_with_twins(dir: &std::path::Path, t0: chrono::DateTime<chrono::Utc>) -> Store {
    let mut store = Store::open(dir).expect("store");
    rondo::usecases::demo::load_example(&mut store, t0.date_naive(), t0).expect("example");
    for i in store.all::<Interviewer>().expect("people") {
        for tag in ["b", "c", "d"] {
            let mut twin = i.clone();
            twin.id = InterviewerId::new(format!("{}-{tag}", i.id)).expect("id");
            twin.name = format!("{} {tag}", i.name);
            twin.email = format!("{}-{tag}@colleague.example", i.id);
            records::add_interviewer(&store, &twin).expect("twin");
        }
    }
    store
}

#[test]
fn a_second_loop_of_the_same_plan_still_finds_someone_to_take_a_declined_seat() {
    // The window's bug: a candidate "to schedule" whose earlier loop of the same plan
    // left a live booking (the example's Vera Reddy and her final) is booked again from
    // the Schedule screen; both loops hold a booking of that round, the loop's re-check
    // saw the round twice, and every colleague was refused.
    use rondo::domain::Candidate;
    use rondo::usecases::workbench::{horizon, Workbench};
    let dir = tempfile::tempdir().expect("dir");
    let t0 = super::at("2026-12-03T15:45:00Z");
    let store = example_with_twins(dir.path(), t0);
    let out = super::ana_mails();
    let bench = Workbench::default();
    let again = store
        .all::<Candidate>()
        .expect("candidates")
        .into_iter()
        .find(|c| {
            let live = rondo::usecases::invites::live_bookings(&store, &c.id).expect("live");
            let again = c.plan.is_some()
                && !live.is_empty()
                && live
                    .iter()
                    .all(|b| b.end <= t0 && Some(&b.plan) == c.plan.as_ref());
            let f = horizon::schedule_form(&store, c.id.as_str(), t0).expect("form");
            let form = horizon::FindForm {
                candidate: f.candidate,
                plan: f.plan,
                from: f.from,
                to: f.to,
            };
            again
                && bench
                    .find(&store, &form, t0)
                    .is_ok_and(|a| !a.options.is_empty())
        })
        .expect("the example has a candidate to schedule again with the same plan");
    let earlier = rondo::usecases::invites::live_bookings(&store, &again.id).expect("live");
    let folder = dir.path().join("invites");
    bench.book(&store, 0, &folder, &out, t0).expect("booked");
    let booked: Vec<Booking> = rondo::usecases::invites::live_bookings(&store, &again.id)
        .expect("live")
        .into_iter()
        .filter(|b| !earlier.iter().any(|e| e.id == b.id))
        .collect();
    assert!(
        booked
            .iter()
            .any(|b| earlier.iter().any(|e| e.round == b.round)),
        "the new loop books a round the earlier one still holds"
    );

    let b = booked
        .iter()
        .find(|b| b.interviewers.len() == 2)
        .or_else(|| booked.first())
        .expect("a booking");
    let leaving = b.interviewers[0].clone();
    let who: Interviewer = store.need(leaving.as_str()).expect("them");
    let decline = reply(
        "REPLY",
        &audience_uid(&b.uid, "panel"),
        Some(0),
        &who.email,
        "DECLINED",
        t0 + Duration::minutes(5),
        None,
    );
    let o = replies::import(&store, &decline, &out, t0 + Duration::minutes(6)).expect("read");
    assert!(o[0].changed, "the decline is recorded: {o:?}");
    for x in &booked {
        for seat in &x.interviewers {
            let found = replace::choices(&store, &x.id, seat).expect("choices");
            assert!(
                !found.is_empty(),
                "{seat} in {} of the second loop: a colleague of the same hours is free",
                x.round_name
            );
        }
    }
    let found = replace::choices(&store, &b.id, &leaving).expect("choices");
    let into = InterviewerId::new(found[0].id.clone()).expect("id");
    let t = t0 + Duration::minutes(10);
    replace::replace(&store, &b.id, &leaving, &into, None, &out, t).expect("the seat is given");
    let stored: Booking = store.need(b.id.as_str()).expect("booking");
    assert_eq!(
        (
            stored.sequence,
            stored.start,
            stored.interviewers.contains(&into)
        ),
        (1, b.start, true),
        "same time, the colleague in the seat, SEQUENCE + 1"
    );
    for e in &earlier {
        let kept: Booking = store.need(e.id.as_str()).expect("earlier");
        assert_eq!(&kept, e, "the earlier loop is left as it was");
    }
}
