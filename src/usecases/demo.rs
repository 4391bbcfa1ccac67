//! The desktop app's first-start demo: a small team whose pipeline looks like a real
//! morning. The example generator ([`crate::example::demo_team`]) gives people, plans and
//! a history of bookings; on top of that a few candidates get loops in the coming two
//! weeks, found and booked by the engine and the store exactly as a coordinator would
//! (so every one of them satisfies every rule), left at different points of their life
//! cycle: one confirmed, one held, one only proposed.

use super::bookings::{book, set_status};
use super::propose::{propose, ProposeRequest, DEFAULT_SLOT_MINUTES};
use super::UseCaseError;
use crate::domain::{Booking, BookingStatus, Candidate, Interviewer, Plan, Stage};
use crate::interval::Interval;
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};

/// Where the demo's upcoming loops are left, in the order they are given to candidates.
const LIFE_CYCLE: [&[BookingStatus]; 3] = [
    &[BookingStatus::Held, BookingStatus::Confirmed],
    &[BookingStatus::Held],
    &[],
];

/// Seeds the desktop app's first start: if nothing is stored yet (no interviewer,
/// candidate, plan or booking), restores the small demo team around `today`
/// ([`crate::example::demo_team`]) with a few loops booked ahead
/// ([`book_upcoming_loops`]) and returns `true`; otherwise changes nothing and
/// returns `false`.
pub fn seed_demo_if_empty(
    store: &mut Store,
    today: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, UseCaseError> {
    let empty = store.count::<Interviewer>() == 0
        && store.count::<Candidate>() == 0
        && store.count::<Plan>() == 0
        && store.count::<Booking>() == 0;
    if !empty {
        return Ok(false);
    }
    load_example(store, today, now)?;
    Ok(true)
}

/// Replaces everything stored by the example team of `today` (restored all at once) and
/// books its upcoming loops around `now`; returns how many loops were booked.
pub fn load_example(
    store: &mut Store,
    today: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize, UseCaseError> {
    super::backup::restore(store, &crate::example::demo_team(today, now))?;
    book_upcoming_loops(store, now)
}

/// Books upcoming loops for up to three interviewing candidates (see the module doc) and
/// returns how many loops were booked. A candidate for whom the engine finds nothing is
/// skipped: the demo then simply shows them as "to schedule".
pub fn book_upcoming_loops(store: &Store, now: DateTime<Utc>) -> Result<usize, UseCaseError> {
    let mut interviewing: Vec<Candidate> = store
        .all::<Candidate>()?
        .into_iter()
        .filter(|c| c.stage == Stage::Interviewing && c.plan.is_some())
        .collect();
    interviewing.sort_by(|a, b| a.name.cmp(&b.name));
    let horizon = Interval {
        start: now + Duration::days(1),
        end: now + Duration::days(15),
    };
    let mut booked = 0;
    for candidate in interviewing {
        let Some(steps) = LIFE_CYCLE.get(booked) else {
            break;
        };
        let req = ProposeRequest {
            candidate: candidate.id.clone(),
            plan: None,
            horizon,
            options: 1,
            slot_minutes: DEFAULT_SLOT_MINUTES,
        };
        let p = propose(store, &req, now)?;
        if p.options.is_empty() {
            continue;
        }
        for b in book(store, &candidate.id, 1, now)? {
            for &to in *steps {
                set_status(store, &b.id, to, now)?;
            }
        }
        booked += 1;
    }
    Ok(booked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_demo_has_one_loop_at_each_point_of_the_life_cycle() {
        // A winter week, the week of the spring DST change in Europe, a summer week.
        for (y, m, d) in [
            (2026, 1, 12),
            (2026, 3, 25),
            (2026, 7, 8),
            (2026, 11, 21),
            (2026, 11, 23),
        ] {
            // `now` off the quarter-hour grid, as the window's clock always is.
            let now = Utc.with_ymd_and_hms(y, m, d, 8, 3, 17).unwrap() + Duration::nanoseconds(250);
            one_loop_at_each_point(now);
        }
    }

    fn one_loop_at_each_point(now: DateTime<Utc>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let seeded = seed_demo_if_empty(&mut store, now.date_naive(), now).unwrap();
        assert!(seeded);
        let ahead: Vec<Booking> = store
            .bookings_starting(now, now + Duration::days(15))
            .unwrap()
            .into_iter()
            .filter(|b| !b.id.as_str().starts_with("ex-"))
            .collect();
        let count = |s: BookingStatus| ahead.iter().filter(|b| b.status == s).count();
        assert!(count(BookingStatus::Confirmed) > 0, "{ahead:#?}");
        assert!(count(BookingStatus::Held) > 0, "{ahead:#?}");
        assert!(count(BookingStatus::Proposed) > 0, "{ahead:#?}");
        let candidates: std::collections::BTreeSet<_> =
            ahead.iter().map(|b| b.candidate.clone()).collect();
        assert_eq!(
            candidates.len(),
            3,
            "three candidates have loops ahead ({now})"
        );
    }
}
