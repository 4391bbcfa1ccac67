//! The interviewers' side read from the store: the load of each person per week against
//! their caps, how many more loops of each plan fit this week and next, and the
//! pipeline's pace per job. The Team screen and `rondo report` call these and show the
//! same numbers; the computations themselves are [`crate::team`]'s, on plain inputs.
//!
//! Bookings are read through the `bookings_by_start` index over the weeks asked for,
//! widened by a day on each side: a week begins at local midnight of each person's zone,
//! which lies within fourteen hours of UTC midnight everywhere.

use super::pipeline::{rows, Waiting};
use super::propose::BOOKED_MARGIN_DAYS;
use super::UseCaseError;
use crate::domain::{Booking, BookingStatus, Candidate, Interviewer, Plan};
use crate::team::capacity::{plan_room, this_week_and_next, PlanRoom};
use crate::team::load::{closest_to_cap, heat_map, team_load, HeatMap, MemberLoad, NearCap};
use crate::team::pipeline::{job_pace, Applicant, BookedRound, JobPace};
use crate::team::{members_from, with_bookings, IsoWeek};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How far ahead bookings are read for the pipeline's pace.
const LOOK_AHEAD_DAYS: i64 = 366;

/// The bookings starting in the weeks `first ..= last` of any zone (a day's margin on
/// each side; the figures place each one in its person's own week).
fn bookings_in_weeks(
    store: &crate::store::Store,
    first: IsoWeek,
    last: IsoWeek,
) -> Result<Vec<Booking>, UseCaseError> {
    let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
    Ok(store.bookings_starting(
        midnight(first.monday()) - Duration::days(1),
        midnight(last.plus(1).monday()) + Duration::days(1),
    )?)
}

/// Refuses a pool no interviewer belongs to (a typo would otherwise print an empty
/// table).
fn known_pool(people: &[Interviewer], pool: Option<&str>) -> Result<(), UseCaseError> {
    let Some(pool) = pool else { return Ok(()) };
    if people.iter().any(|i| i.pools.contains(pool)) {
        return Ok(());
    }
    let mut known: Vec<&str> = people
        .iter()
        .flat_map(|i| i.pools.iter().map(String::as_str))
        .collect();
    known.sort_unstable();
    known.dedup();
    Err(UseCaseError::UnknownPool {
        pool: pool.to_string(),
        known: known.join(", "),
    })
}

/// Interviewers × the ISO weeks from the week of `from` to the week of `to` (each person's
/// weeks in their own zone), with only the members of `pool` when one is given.
pub fn load(
    store: &crate::store::Store,
    from: NaiveDate,
    to: NaiveDate,
    pool: Option<&str>,
) -> Result<HeatMap, UseCaseError> {
    if to < from {
        return Err(UseCaseError::EmptyHorizon {
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    let people = store.all::<Interviewer>()?;
    known_pool(&people, pool)?;
    let (first, last) = (IsoWeek::of(from), IsoWeek::of(to));
    let bookings = bookings_in_weeks(store, first, last)?;
    let weeks = usize::try_from(last.weeks_since(first) + 1).unwrap_or(1);
    Ok(heat_map(
        &members_from(&people, &bookings),
        first,
        weeks,
        pool,
    ))
}

/// Everyone's load now: this week, next and the eight before against their caps, and
/// the `near` people closest to their weekly cap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadNow {
    /// One per interviewer, in id order.
    pub people: Vec<MemberLoad>,
    /// The people with the least room left this week, fullest first.
    pub closest_to_cap: Vec<NearCap>,
}

/// [`LoadNow`] at `now`.
pub fn load_now(
    store: &crate::store::Store,
    now: DateTime<Utc>,
    near: usize,
) -> Result<LoadNow, UseCaseError> {
    let people = store.all::<Interviewer>()?;
    let this = IsoWeek::of(now.date_naive());
    // A day's margin covers every zone's week; the figures keep each booking's own.
    let bookings = bookings_in_weeks(store, this.plus(-9), this.plus(2))?;
    let loads = team_load(&members_from(&people, &bookings), now);
    Ok(LoadNow {
        closest_to_cap: closest_to_cap(&loads, near),
        people: loads,
    })
}

/// How many more loops of each stored plan fit the rest of this week and next (ISO
/// weeks of `zone`, the coordinator's), at most `limit` each, found by the engine on
/// the stored people, calendars, caps and bookings.
pub fn room(
    store: &crate::store::Store,
    now: DateTime<Utc>,
    zone: Tz,
    slot_minutes: u32,
    limit: usize,
) -> Result<Vec<PlanRoom>, UseCaseError> {
    let people = store.all::<Interviewer>()?;
    let [this, next] = this_week_and_next(now, zone, slot_minutes);
    // The bookings a proposal would read for either week (a day more on each side, as
    // whole UTC days): earlier days of this week weigh on its caps. `loop_request` keeps
    // each week's own.
    let margin = Duration::days(BOOKED_MARGIN_DAYS + 1);
    let bookings = store.bookings_starting(this.start - margin, next.end + margin)?;
    let with = with_bookings(&people, &bookings);
    store
        .all::<Plan>()?
        .iter()
        .map(|p| Ok(plan_room(p, &with, now, zone, slot_minutes, limit)?))
        .collect()
}

/// How many of a job's candidates wait on each thing (see [`Waiting`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JobWaiting {
    /// The job ("" for candidates in no plan).
    pub job: String,
    /// Invites to write.
    pub send: usize,
    /// Bookings to confirm.
    pub confirm: usize,
    /// Loops to schedule.
    pub schedule: usize,
}

/// The pipeline's figures per job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineReport {
    /// Days from applying to the first interview and to a full loop booked.
    pub pace: Vec<JobPace>,
    /// What the loops of each job wait on.
    pub waiting: Vec<JobWaiting>,
}

/// The pipeline's pace and what waits, per job, as stored at `now`. Candidates whose
/// record has no `applied` instant (made by older builds) are left out of the pace.
pub fn pipeline(
    store: &crate::store::Store,
    now: DateTime<Utc>,
) -> Result<PipelineReport, UseCaseError> {
    let plans: HashMap<String, Plan> = store
        .all::<Plan>()?
        .into_iter()
        .map(|p| (p.id.to_string(), p))
        .collect();
    let candidates: Vec<Candidate> = store.all::<Candidate>()?;
    let earliest = candidates.iter().filter_map(|c| c.applied).min();
    let mut booked: HashMap<String, Vec<BookedRound>> = HashMap::new();
    if let Some(from) = earliest {
        for b in store.bookings_starting(from, now + Duration::days(LOOK_AHEAD_DAYS))? {
            if b.status == BookingStatus::Cancelled {
                continue;
            }
            booked
                .entry(b.candidate.to_string())
                .or_default()
                .push(BookedRound {
                    round: b.round.to_string(),
                    start: b.start,
                    booked_at: b.created_at,
                });
        }
    }
    let applicants: Vec<Applicant> = candidates
        .iter()
        .filter_map(|c| {
            let plan = plans.get(c.plan.as_ref()?.as_str())?;
            Some(Applicant {
                job: plan.job.clone(),
                applied: c.applied?,
                plan_rounds: plan.rounds.iter().map(|r| r.id.to_string()).collect(),
                booked: booked.remove(c.id.as_str()).unwrap_or_default(),
            })
        })
        .collect();
    let mut waiting: BTreeMap<String, JobWaiting> = BTreeMap::new();
    for row in rows(store, now)? {
        let w = waiting
            .entry(row.job.clone())
            .or_insert_with(|| JobWaiting {
                job: row.job.clone(),
                ..JobWaiting::default()
            });
        match row.waiting {
            Waiting::Send => w.send += 1,
            Waiting::Confirm => w.confirm += 1,
            Waiting::Schedule => w.schedule += 1,
            Waiting::Nothing => {}
        }
    }
    Ok(PipelineReport {
        pace: job_pace(&applicants),
        waiting: waiting.into_values().collect(),
    })
}
