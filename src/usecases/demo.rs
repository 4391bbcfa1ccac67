//! The desktop app's first-start demo: a small team whose pipeline looks like a real
//! morning. The example generator ([`crate::example::demo_team`]) gives people, plans and
//! a history of bookings; on top of that a few candidates get loops in the coming two
//! weeks, found and booked by the engine and the store exactly as a coordinator would
//! (so every one of them satisfies every rule), left at different points of their life
//! cycle: one confirmed, one held, one only proposed.

use super::bookings::{book, set_status};
use super::propose::{propose, ProposeRequest, DEFAULT_SLOT_MINUTES};
use super::UseCaseError;
use crate::domain::{
    Booking, BookingId, BookingStatus, Candidate, Interviewer, InterviewerId, Plan, Stage,
};
use crate::interval::Interval;
use crate::store::Store;
use chrono::{DateTime, Datelike, Duration, Utc};

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
    seed_trainees(store, now)?;
    book_upcoming_loops(store, now)
}

/// The pool the demo's trainees train for, and its path: 2 shadows, 1 reverse shadow,
/// sign-off.
const TRAINING_POOL: &str = "backend";
/// How far back the demo's bookings are looked at for clashes with the trainees' past
/// interviews.
const HISTORY_WEEKS: i64 = 52;
/// How many past interviews each of the demo's trainees sat in (the first is then
/// waiting for sign-off, the second half-way, the third just started).
const TRAINEE_HISTORY: [usize; 3] = [3, 1, 0];

/// Gives the demo a training path for pool `backend`, three trainees on it (each
/// started a week before their first interview), one trainee seat in every round that
/// asks for backend people (so the loops booked next seat trainees too), and past
/// interviews of that pool in which the trainees sat: the Team screen then shows
/// trainees at different points of the path. Returns how many
/// trainees there are (fewer when the team has too few people outside the pool).
pub fn seed_trainees(store: &Store, now: DateTime<Utc>) -> Result<usize, UseCaseError> {
    use super::training::{enroll, set_path};
    use crate::domain::{BookedTrainee, Need, TraineeSeats, TrainingPath};
    use crate::problem::TraineeRole;
    set_path(store, &TrainingPath::new(TRAINING_POOL, 2, 1, true)?)?;
    let mut trainees: Vec<Interviewer> = store
        .all::<Interviewer>()?
        .into_iter()
        .filter(|i| !i.pools.contains(TRAINING_POOL))
        .collect();
    trainees.truncate(TRAINEE_HISTORY.len());
    let wants_pool = |needs: &[Need]| {
        needs
            .iter()
            .any(|n| matches!(n, Need::Pool { pool, .. } if pool == TRAINING_POOL))
    };
    let mut with_seats = None;
    for mut plan in store.all::<Plan>()? {
        for r in &mut plan.rounds {
            if wants_pool(&r.needs) {
                r.trainee_seats = vec![TraineeSeats {
                    pool: TRAINING_POOL.to_string(),
                    count: 1,
                }];
                with_seats.get_or_insert((plan.id.clone(), r.clone()));
            }
        }
        store.put(&plan)?;
    }
    let candidates = store.all::<Candidate>()?;
    let qualified: Vec<Interviewer> = store
        .all::<Interviewer>()?
        .into_iter()
        .filter(|i| i.pools.contains(TRAINING_POOL))
        .collect();
    let (Some((plan, round)), Some(candidate), Some(lead)) =
        (with_seats, candidates.first(), qualified.first())
    else {
        for t in &trainees {
            enroll(store, &t.id, TRAINING_POOL, now - Duration::weeks(1))?;
        }
        return Ok(trainees.len());
    };
    let all = store.bookings_starting(
        now - Duration::weeks(HISTORY_WEEKS + 1),
        now + Duration::days(1),
    )?;
    let free = |who: &InterviewerId, start: DateTime<Utc>, end: DateTime<Utc>| {
        !all.iter().any(|o| {
            o.status != BookingStatus::Cancelled
                && o.start < end
                && start < o.end
                && o.people().any(|p| p == who)
        })
    };
    // The trainees' past interviews: the pool's round for an example candidate, led by
    // a qualified interviewer, at 11:00 on their clock on a weekday some weeks back
    // (where the lead and the trainee had nothing else).
    let mut seated: Vec<Booking> = Vec::new();
    let mut weeks_back = 2;
    for (t, &sessions) in trainees.iter().zip(&TRAINEE_HISTORY) {
        let mut first = None;
        for k in 0..sessions {
            let role = if k < 2 {
                TraineeRole::Shadow
            } else {
                TraineeRole::ReverseShadow
            };
            let (start, end) = loop {
                weeks_back += 1;
                let mut day = (now - Duration::weeks(weeks_back)).date_naive();
                while day.weekday().num_days_from_monday() != 1 {
                    day -= Duration::days(1);
                }
                let start = crate::zone::wall_instant(
                    lead.time_zone,
                    day,
                    crate::zone::WallTime::from_minutes(11 * 60)
                        .unwrap_or(crate::zone::WallTime::END_OF_DAY),
                );
                let end = start + Duration::minutes(i64::from(round.duration_minutes));
                if free(&lead.id, start, end) && free(&t.id, start, end) {
                    break (start, end);
                }
            };
            let id = BookingId::new(format!("ex-tr-{}", seated.len() + 1))?;
            seated.push(Booking {
                uid: format!("{id}.example@rondo"),
                id,
                sequence: 0,
                candidate: candidate.id.clone(),
                plan: plan.clone(),
                round: round.id.clone(),
                round_name: round.name.clone(),
                start,
                end,
                interviewers: vec![lead.id.clone()],
                trainees: vec![BookedTrainee {
                    interviewer: t.id.clone(),
                    pool: TRAINING_POOL.to_string(),
                    role,
                }],
                status: BookingStatus::Confirmed,
                created_at: start - Duration::days(5),
                updated_at: start - Duration::days(5),
            });
            first = first.min(Some(start)).or(Some(start));
        }
        // They started a week before their first interview (or a week ago).
        let started = first.unwrap_or(now) - Duration::weeks(1);
        enroll(store, &t.id, TRAINING_POOL, started)?;
    }
    store
        .write_bookings(&seated, |_| Ok::<(), UseCaseError>(()))
        .map_err(|e| match e {
            crate::store::WriteError::Check(e) => e,
            crate::store::WriteError::Store(e) => e.into(),
        })?;
    Ok(trainees.len())
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

    #[test]
    fn the_demo_has_trainees_at_different_points_of_their_path() {
        use crate::domain::progress::Progress;
        let now = Utc.with_ymd_and_hms(2026, 3, 25, 8, 3, 17).unwrap();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        load_example(&mut store, now.date_naive(), now).expect("example");
        let standings = super::super::training::standings(&store, now).expect("standings");
        assert_eq!(standings.len(), 3, "three trainees: {standings:#?}");
        assert_eq!(
            standings
                .iter()
                .filter(|s| s.progress == Progress::AwaitingSignOff)
                .count(),
            1,
            "one waits for sign-off: {standings:#?}"
        );
        assert!(
            standings
                .iter()
                .any(|s| matches!(s.progress, Progress::Training { .. }) && s.held > 0),
            "one is under way: {standings:#?}"
        );
        // The rounds asking for backend people offer a trainee seat, so options seat a
        // trainee whenever one is free.
        let seats: usize = store
            .all::<Plan>()
            .unwrap()
            .iter()
            .flat_map(|p| &p.rounds)
            .map(|r| r.trainee_seats.len())
            .sum();
        assert!(seats > 0, "a round offers a trainee seat");
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
