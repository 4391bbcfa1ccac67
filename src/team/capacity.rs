//! How many more loops of a plan fit this week and next, on the state given.
//!
//! The request is the one a proposal would get (the same builder,
//! `usecases::propose::build_doc`): the plan's rounds, the interviewers who can sit in
//! them with their working hours, calendars, caps and booked interviews. The candidate
//! is a stand-in available throughout the week, so the count measures the
//! interviewers' room, not one person's diary. The engine then books loop after loop
//! ([`crate::engine::fit_loops`]: greedy, each loop the earliest that fits, and a
//! witness: the loops themselves come back).
//!
//! Weeks are ISO weeks of the zone given (the coordinator's): "this week" runs from
//! `now` (rounded up to the slot grid) to next Monday's midnight there, "next week"
//! from that midnight for seven days.

use super::IsoWeek;
use crate::domain::{Candidate, CandidateId, Interviewer, Plan};
use crate::engine::{fit_loops, LoopsThatFit, Stop};
use crate::interval::{Interval, IntervalSet};
use crate::problem::{Problem, ProblemError};
use crate::store::codec::day_number;
use crate::usecases::propose::{booked_days, build_doc, named_people, plan_pools};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// Id of the stand-in candidate of a capacity request.
pub const STAND_IN: &str = "capacity-stand-in";

/// The request for one more loop of `plan` within `horizon`: everyone of `people` who
/// belongs to a pool of the plan or is named in it, with their booked interviews near
/// the horizon (as a proposal reads them), and a
/// candidate in `zone` (whose dates the plan's same-day groups use) available
/// throughout.
pub fn loop_request(
    plan: &Plan,
    people: &[(Interviewer, Vec<Interval>)],
    horizon: Interval,
    zone: Tz,
    slot_minutes: u32,
) -> Result<Problem, ProblemError> {
    let pools = plan_pools(plan);
    let named = named_people(plan);
    // The bookings a proposal reads (those starting within a few days of the horizon):
    // the others can touch no slot, day or week of it.
    let (first, last) = booked_days(horizon.start, horizon.end);
    let in_plan: Vec<(Interviewer, Vec<Interval>)> = people
        .iter()
        .filter(|(i, _)| {
            named.contains(&i.id) || i.pools.iter().any(|p| pools.contains(p.as_str()))
        })
        .map(|(i, booked)| {
            let near = booked
                .iter()
                .filter(|b| (first..=last).contains(&day_number(b.start)))
                .copied()
                .collect();
            (i.clone(), near)
        })
        .collect();
    let id = CandidateId::new(STAND_IN)
        .unwrap_or_else(|e| unreachable!("the stand-in's id is a valid literal: {e}"));
    let mut stand_in = Candidate::new(id, "Any candidate", zone);
    stand_in.available = IntervalSet::from_intervals(vec![horizon]);
    let doc = build_doc(
        &stand_in,
        &IntervalSet::new(),
        plan,
        horizon,
        slot_minutes,
        1,
        &in_plan,
    );
    Problem::from_doc(&doc)
}

/// The rest of this week from `now` (its start rounded up to a multiple of
/// `slot_minutes` since the epoch) and the whole next week, as ISO weeks of `zone`.
pub fn this_week_and_next(now: DateTime<Utc>, zone: Tz, slot_minutes: u32) -> [Interval; 2] {
    let this = IsoWeek::containing(now, zone);
    let step = i64::from(slot_minutes.max(1)) * 60;
    let ts = now.timestamp();
    let on_grid = ts + (step - ts.rem_euclid(step)) % step;
    let start = DateTime::<Utc>::from_timestamp(on_grid, 0).unwrap_or(now);
    let next = this.plus(1).span_in(zone);
    [
        Interval {
            start: start.min(next.start),
            end: next.start,
        },
        next,
    ]
}

/// Loops of one plan that fit this week and next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRoom {
    /// The plan's id.
    pub plan: String,
    /// The rest of this week.
    pub this_week: LoopsThatFit,
    /// Next week.
    pub next_week: LoopsThatFit,
}

/// How many more loops of `plan` fit this week and next (at most `limit` each; the
/// count says when it stopped at the limit), on `people` and their bookings. The two
/// weeks are independent, so they are counted on two threads.
pub fn plan_room(
    plan: &Plan,
    people: &[(Interviewer, Vec<Interval>)],
    now: DateTime<Utc>,
    zone: Tz,
    slot_minutes: u32,
    limit: usize,
) -> Result<PlanRoom, ProblemError> {
    let [this, next] = this_week_and_next(now, zone, slot_minutes);
    let count = |horizon: Interval| -> Result<LoopsThatFit, ProblemError> {
        if horizon.end - horizon.start < Duration::minutes(i64::from(slot_minutes)) {
            return Ok(LoopsThatFit {
                loops: Vec::new(),
                stop: Stop::NoneFits,
                full_rounds: Vec::new(),
            });
        }
        Ok(fit_loops(
            &loop_request(plan, people, horizon, zone, slot_minutes)?,
            limit,
        ))
    };
    // The two weeks are counted apart, each on its own core.
    let (this_week, next_week) = std::thread::scope(|s| {
        let later = s.spawn(|| count(next));
        let first = count(this);
        let later = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, later)
    });
    Ok(PlanRoom {
        plan: plan.id.to_string(),
        this_week: this_week?,
        next_week: next_week?,
    })
}
