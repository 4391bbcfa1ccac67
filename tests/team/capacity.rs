//! "How many more loops fit" on a generated team: the figure is what booking achieves.
//!
//! On an example team (`rondo::example::team`), the count of loops of the 5-round plan
//! that fit this week is checked three ways: the loops it returns are each valid
//! (`engine::check`, written apart from the search) with the ones before them booked;
//! after booking all of them the engine finds no further loop; and booking the first k
//! of them into the team's bookings leaves exactly N - k to fit.

use chrono::{DateTime, Utc};
use rondo::engine::{check, solve, Stop};
use rondo::example::{team, ExampleSpec};
use rondo::interval::Interval;
use rondo::solution::{PlacedRound, Status};
use rondo::team::capacity::{loop_request, plan_room, this_week_and_next};
use rondo::team::with_bookings;

const SLOT: u32 = 15;

fn now() -> DateTime<Utc> {
    ExampleSpec::busy_week().1
}

/// The people of a generated team with their live bookings, and its 5-round plan.
fn generated() -> (
    Vec<(rondo::domain::Interviewer, Vec<Interval>)>,
    rondo::domain::Plan,
) {
    let (spec, now) = ExampleSpec::busy_week();
    let doc = team(&spec, now);
    let plan = doc
        .plans
        .iter()
        .find(|p| p.id.as_str() == "loop-platform")
        .expect("the example team has the 5-round loop")
        .clone();
    (with_bookings(&doc.interviewers, &doc.bookings), plan)
}

/// `people` with the rounds of `loops` booked for everyone in them.
fn book(
    people: &[(rondo::domain::Interviewer, Vec<Interval>)],
    loops: &[Vec<PlacedRound>],
) -> Vec<(rondo::domain::Interviewer, Vec<Interval>)> {
    let mut out = people.to_vec();
    for r in loops.iter().flatten() {
        let who = r.everyone();
        for id in who {
            let (_, booked) = out
                .iter_mut()
                .find(|(i, _)| i.id.as_str() == id)
                .unwrap_or_else(|| panic!("{id} is a person of the team"));
            booked.push(Interval {
                start: r.start,
                end: r.end,
            });
        }
    }
    out
}

#[test]
fn the_loops_that_fit_are_what_booking_them_achieves() {
    let zone = chrono_tz::Europe::Amsterdam;
    let (people, plan) = generated();
    let room = plan_room(&plan, &people, now(), zone, SLOT, 500).expect("a valid request");
    let n = room.this_week.count();
    assert_eq!(
        room.this_week.stop,
        Stop::NoneFits,
        "counted to the end, not to a limit"
    );
    assert!(
        n >= 3,
        "a generated team of 45 has room for a few loops this week, found {n}"
    );

    // Each loop is valid on the week's request with the loops before it booked, and
    // after all of them nothing more fits.
    let [this_week, _] = this_week_and_next(now(), zone, SLOT);
    for k in 0..=n {
        let state = loop_request(
            &plan,
            &book(&people, &room.this_week.loops[..k]),
            this_week,
            zone,
            SLOT,
        )
        .expect("a valid request");
        if k < n {
            let v = check(&state, &room.this_week.loops[k]);
            assert!(v.is_empty(), "loop {} of {n} breaks {v:?}", k + 1);
        } else {
            let answer = solve(&state);
            assert_eq!(
                answer.status,
                Status::Infeasible,
                "after booking {n} loops, the engine still finds one: {:?}",
                answer.options.first().map(|o| &o.rounds)
            );
        }
    }

    // Booking the first k loops into the team leaves exactly n - k.
    for k in [1, n / 2, n - 1, n] {
        let booked = book(&people, &room.this_week.loops[..k]);
        let left = plan_room(&plan, &booked, now(), zone, SLOT, 500).expect("a valid request");
        assert_eq!(
            left.this_week.count(),
            n - k,
            "after booking {k} of the {n} loops"
        );
    }

    // Next week is counted on its own, from Monday.
    assert!(
        room.next_week
            .loops
            .iter()
            .flatten()
            .all(|r| r.start >= this_week.end),
        "next week's loops start next week"
    );
    let limited = plan_room(&plan, &people, now(), zone, SLOT, 2).expect("a valid request");
    assert_eq!(
        (limited.this_week.count(), limited.this_week.stop),
        (2, Stop::Limit),
        "a limit stops the count and says so"
    );
    assert_eq!(
        limited.this_week.loops[..],
        room.this_week.loops[..2],
        "the same first loops"
    );
}
