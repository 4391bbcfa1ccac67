//! Proposing: turn what is stored for a candidate and a plan into a `rondo-problem/1`
//! request (the interviewers who can fill its rounds with their calendars' busy blocks
//! and their live bookings as `booked`, the candidate's availability minus their own
//! live bookings, and, when the plan offers trainee seats, the trainees of those pools
//! with where they stand), run the engine, and keep the ranked options so `book` can
//! name one.

use super::UseCaseError;
use crate::domain::{
    Candidate, CandidateId, Interviewer, InterviewerId, Need, Plan, PlanId, Proposal,
    ProposedOption, Slot,
};
use crate::interval::{Interval, IntervalSet};
use crate::problem::{
    AfterDoc, CandidateDoc, HorizonDoc, IntervalDoc, InterviewerDoc, ProblemDoc, RequirementDoc,
    RoundDoc, TraineeSeatsDoc, TrainingDoc, FORMAT,
};
use crate::solution::OptionDoc;
use crate::store::{codec, Store};
use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeSet, HashMap};

/// How far around the horizon bookings are read: caps count whole local ISO weeks, and
/// a week in any zone lies within 8 UTC days of any of its instants.
pub const BOOKED_MARGIN_DAYS: i64 = 8;

/// Default grid step of round starts, in minutes.
pub const DEFAULT_SLOT_MINUTES: u32 = 15;

/// What to propose for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposeRequest {
    /// Who is interviewed.
    pub candidate: CandidateId,
    /// Which plan (`None`: the candidate's own plan).
    pub plan: Option<PlanId>,
    /// The window every round must lie in.
    pub horizon: Interval,
    /// How many options at most (at least 1).
    pub options: usize,
    /// Grid step of round starts, in minutes.
    pub slot_minutes: u32,
}

/// Proposes ranked options for `req`, keeps them as the candidate's latest proposal
/// (replacing the previous one) and returns them. An impossible plan is not an error:
/// the proposal has no options and an explanation.
pub fn propose(
    store: &Store,
    req: &ProposeRequest,
    now: DateTime<Utc>,
) -> Result<Proposal, UseCaseError> {
    Ok(propose_detailed(store, req, now)?.proposal)
}

/// A proposal with what it was found from: the request the engine got and its whole
/// answer (with the diagnosis and tested relaxations when nothing fits). The desktop app
/// draws options on the request's timeline and offers the relaxations as buttons.
#[derive(Debug, Clone)]
pub struct Proposed {
    /// The proposal, as stored.
    pub proposal: Proposal,
    /// The request built from the store.
    pub doc: ProblemDoc,
    /// The request, validated.
    pub problem: crate::problem::Problem,
    /// The engine's answer.
    pub answer: crate::solution::SolutionDoc,
}

/// [`propose`], keeping the request and the engine's whole answer.
pub fn propose_detailed(
    store: &Store,
    req: &ProposeRequest,
    now: DateTime<Utc>,
) -> Result<Proposed, UseCaseError> {
    let horizon = on_grid(req.horizon, req.slot_minutes);
    if horizon.is_empty() {
        return Err(UseCaseError::EmptyHorizon {
            from: req.horizon.start.to_rfc3339(),
            to: req.horizon.end.to_rfc3339(),
        });
    }
    let candidate: Candidate = store.need(req.candidate.as_str())?;
    let plan_id = req
        .plan
        .clone()
        .or_else(|| candidate.plan.clone())
        .ok_or_else(|| UseCaseError::NoPlan {
            candidate: candidate.id.to_string(),
        })?;
    let plan: Plan = store.need(plan_id.as_str())?;
    let mut doc = problem_doc(
        store,
        &candidate,
        &plan,
        horizon,
        req.slot_minutes,
        req.options,
    )?;
    let training = super::training::engine_training(store, now)?;
    add_trainees(store, &mut doc, horizon, &plan, &training)?;
    let problem = crate::problem::Problem::from_doc(&doc)?;
    let answer = crate::engine::solve(&problem);
    let options = answer
        .options
        .iter()
        .map(option_from_doc)
        .collect::<Result<Vec<_>, _>>()?;
    let proposal = Proposal {
        candidate: candidate.id.clone(),
        plan: plan.id.clone(),
        horizon,
        slot_minutes: req.slot_minutes,
        made_at: now,
        options,
        explanation: answer.explanation.clone(),
    };
    store.put(&proposal)?;
    Ok(Proposed {
        proposal,
        doc,
        problem,
        answer,
    })
}

/// Replaces the rounds of option `option` (1 = the first) of the candidate's kept
/// proposal by `rounds` (the coordinator moved a round or swapped a person), so that
/// [`super::bookings::book`] books what is shown. The rounds must be the option's rounds,
/// each once; whether they still hold is checked when booking.
pub fn adjust_option(
    store: &Store,
    candidate: &CandidateId,
    option: usize,
    rounds: &[crate::solution::PlacedRound],
) -> Result<Proposal, UseCaseError> {
    store.update(candidate.as_str(), |mut p: Proposal| {
        let count = p.options.len();
        let chosen = option
            .checked_sub(1)
            .and_then(|k| p.options.get_mut(k))
            .ok_or_else(|| UseCaseError::NoSuchOption {
                candidate: candidate.to_string(),
                count,
            })?;
        let mut slots = Vec::with_capacity(rounds.len());
        for r in rounds {
            if !chosen.slots.iter().any(|s| s.round.as_str() == r.round) {
                return Err(UseCaseError::Conflict {
                    reasons: vec![format!("round {} is not part of option {option}", r.round)],
                });
            }
            slots.push(slot_of(r)?);
        }
        if slots.len() != chosen.slots.len() {
            return Err(UseCaseError::Conflict {
                reasons: vec![format!(
                    "option {option} has {} rounds, {} were given",
                    chosen.slots.len(),
                    slots.len()
                )],
            });
        }
        slots.sort_by_key(|s| s.start);
        chosen.finish = slots.iter().map(|s| s.end).max().unwrap_or(chosen.finish);
        chosen.slots = slots;
        Ok(p)
    })
}

/// `horizon` with its start moved up to the next multiple of `slot_minutes` since the
/// Unix epoch and its end down to a whole second: round starts then fall on clock
/// quarter-hours (in every zone, whose offsets are whole quarter-hours), and the grid
/// survives being stored and read back, so `book` re-checks the very times proposed
/// (a horizon from "now + 1 day" would otherwise start at 14:05:17.3).
pub(crate) fn on_grid(horizon: Interval, slot_minutes: u32) -> Interval {
    let step = i64::from(slot_minutes.max(1)) * 60;
    let start = horizon.start.timestamp() + i64::from(horizon.start.timestamp_subsec_nanos() > 0);
    let start = start.div_euclid(step) * step + if start.rem_euclid(step) > 0 { step } else { 0 };
    let end = horizon.end.timestamp();
    match (
        DateTime::<Utc>::from_timestamp(start, 0),
        DateTime::<Utc>::from_timestamp(end, 0),
    ) {
        (Some(start), Some(end)) if start < end => Interval { start, end },
        _ => Interval {
            start: horizon.start,
            end: horizon.start,
        },
    }
}

/// The request the engine gets for `candidate` and `plan` over `horizon`, from what is
/// stored now (outside any transaction).
pub fn problem_doc(
    store: &Store,
    candidate: &Candidate,
    plan: &Plan,
    horizon: Interval,
    slot_minutes: u32,
    options: usize,
) -> Result<ProblemDoc, UseCaseError> {
    let pools = plan_pools(plan);
    let named = named_people(plan);
    let mut people = Vec::new();
    for i in store.all::<Interviewer>()? {
        if named.contains(&i.id) || i.pools.iter().any(|p| pools.contains(p.as_str())) {
            let (first, last) = booked_days(horizon.start, horizon.end);
            let booked: Vec<Interval> = store
                .interviewer_days(&i.id, first, last)?
                .into_iter()
                .map(|e| Interval {
                    start: e.start,
                    end: e.end,
                })
                .collect();
            people.push((i, booked));
        }
    }
    for who in &named {
        if !people.iter().any(|(i, _)| &i.id == who) {
            store.need::<Interviewer>(who.as_str())?;
        }
    }
    let own = candidate_bookings(store, &candidate.id, horizon, None)?;
    Ok(build_doc(
        candidate,
        &own,
        plan,
        horizon,
        slot_minutes,
        options,
        &people,
    ))
}

/// What the engine is told of each trainee: their stage and interviews left per pool.
pub(crate) type TrainingNow = HashMap<InterviewerId, Vec<TrainingDoc>>;

/// The pools whose trainees the plan's rounds seat.
fn seat_pools(plan: &Plan) -> BTreeSet<&str> {
    plan.rounds
        .iter()
        .flat_map(|r| r.trainee_seats.iter().map(|s| s.pool.as_str()))
        .collect()
}

/// Adds to `doc` the trainees of the pools whose seats `plan` offers (with their
/// booked interviews near `horizon`), then their stages and the seats
/// ([`with_training`]). Nothing changes for a plan without trainee seats.
fn add_trainees(
    store: &Store,
    doc: &mut ProblemDoc,
    horizon: Interval,
    plan: &Plan,
    training: &TrainingNow,
) -> Result<(), UseCaseError> {
    let pools = seat_pools(plan);
    if pools.is_empty() {
        return Ok(());
    }
    let (first, last) = booked_days(horizon.start, horizon.end);
    for (who, tracks) in training {
        let wanted = tracks.iter().any(|t| pools.contains(t.pool.as_str()));
        if !wanted || doc.interviewers.iter().any(|i| i.id == who.as_str()) {
            continue;
        }
        let Some(i) = store.get::<Interviewer>(who.as_str())? else {
            continue;
        };
        let booked: Vec<Interval> = store
            .interviewer_days(who, first, last)?
            .into_iter()
            .map(|e| Interval {
                start: e.start,
                end: e.end,
            })
            .collect();
        doc.interviewers.push(interviewer_doc(&i, &booked, horizon));
    }
    // Request order: the engine's last tie-break among equally close trainees.
    doc.interviewers.sort_by(|a, b| a.id.cmp(&b.id));
    with_training(doc, plan, training);
    Ok(())
}

/// Tells the engine, in `doc`, each of its people's training for the pools `plan`
/// seats trainees of, and offers the plan's trainee seats (those of a pool someone in
/// the request belongs to or trains for: a seat nobody could take is left out).
pub(crate) fn with_training(doc: &mut ProblemDoc, plan: &Plan, training: &TrainingNow) {
    let pools = seat_pools(plan);
    if pools.is_empty() {
        return;
    }
    for i in &mut doc.interviewers {
        let Ok(id) = InterviewerId::new(i.id.clone()) else {
            continue;
        };
        i.trainee_in = training
            .get(&id)
            .into_iter()
            .flatten()
            .filter(|t| pools.contains(t.pool.as_str()))
            .cloned()
            .collect();
    }
    let present = |pool: &str| {
        doc.interviewers.iter().any(|i| {
            i.pools.iter().any(|p| p == pool) || i.trainee_in.iter().any(|t| t.pool == pool)
        })
    };
    let seats: Vec<Vec<TraineeSeatsDoc>> = plan
        .rounds
        .iter()
        .map(|r| {
            r.trainee_seats
                .iter()
                .filter(|s| present(&s.pool))
                .map(|s| TraineeSeatsDoc {
                    pool: s.pool.clone(),
                    count: Some(i64::from(s.count)),
                })
                .collect()
        })
        .collect();
    for (round, seats) in doc.rounds.iter_mut().zip(seats) {
        round.trainee_seats = seats;
    }
}

/// The pools the plan's rounds draw on.
pub(crate) fn plan_pools(plan: &Plan) -> BTreeSet<&str> {
    plan.rounds
        .iter()
        .flat_map(|r| r.needs.iter())
        .filter_map(|n| match n {
            Need::Pool { pool, .. } => Some(pool.as_str()),
            Need::Person(_) => None,
        })
        .collect()
}

/// Interviewers named by `person` in some round of the plan.
pub(crate) fn named_people(plan: &Plan) -> BTreeSet<InterviewerId> {
    plan.rounds
        .iter()
        .flat_map(|r| r.needs.iter())
        .filter_map(|n| match n {
            Need::Person(who) => Some(who.clone()),
            Need::Pool { .. } => None,
        })
        .collect()
}

/// The UTC days whose bookings matter for a window `[start, end)`.
pub(crate) fn booked_days(start: DateTime<Utc>, end: DateTime<Utc>) -> (i64, i64) {
    (
        codec::day_number(start - Duration::days(BOOKED_MARGIN_DAYS)),
        codec::day_number(end + Duration::days(BOOKED_MARGIN_DAYS)),
    )
}

/// The candidate's live bookings that may touch `horizon` (except `skip`), as a set.
pub(crate) fn candidate_bookings(
    store: &Store,
    candidate: &CandidateId,
    horizon: Interval,
    skip: Option<&crate::domain::BookingId>,
) -> Result<IntervalSet, UseCaseError> {
    Ok(store
        .candidate_bookings(candidate)?
        .into_iter()
        .filter(|e| Some(&e.booking) != skip && e.start < horizon.end && horizon.start < e.end)
        .map(|e| Interval {
            start: e.start,
            end: e.end,
        })
        .collect())
}

fn iv(i: &Interval) -> IntervalDoc {
    IntervalDoc {
        start: i.start.fixed_offset(),
        end: i.end.fixed_offset(),
    }
}

/// The interviewer as the engine sees them: busy blocks near the horizon, `booked`.
pub(crate) fn interviewer_doc(
    i: &Interviewer,
    booked: &[Interval],
    horizon: Interval,
) -> InterviewerDoc {
    let near = Interval {
        start: horizon.start - Duration::days(1),
        end: horizon.end + Duration::days(1),
    };
    InterviewerDoc {
        id: i.id.to_string(),
        name: Some(i.name.clone()),
        email: (!i.email.is_empty()).then(|| i.email.clone()),
        time_zone: i.time_zone.name().to_string(),
        pools: i.pools.iter().cloned().collect(),
        working_hours: i.working_hours.clone().into(),
        busy: i.busy().filter(|b| b.overlaps(&near)).map(iv).collect(),
        booked: booked.iter().map(iv).collect(),
        buffer_minutes: Some(i64::from(i.buffer_minutes)),
        max_per_day: i.max_per_day.map(i64::from),
        max_per_week: i.max_per_week.map(i64::from),
        trainee_in: Vec::new(),
    }
}

/// Assembles a request from records already read.
pub(crate) fn build_doc(
    candidate: &Candidate,
    own_bookings: &IntervalSet,
    plan: &Plan,
    horizon: Interval,
    slot_minutes: u32,
    options: usize,
    people: &[(Interviewer, Vec<Interval>)],
) -> ProblemDoc {
    let window = IntervalSet::from_intervals(vec![horizon]);
    let available = candidate
        .available
        .intersection(&window)
        .difference(own_bookings);
    ProblemDoc {
        format: FORMAT.to_string(),
        id: format!("{}-{}", candidate.id, plan.id),
        horizon: HorizonDoc {
            start: horizon.start.fixed_offset(),
            end: horizon.end.fixed_offset(),
        },
        slot_minutes: i64::from(slot_minutes),
        candidate: CandidateDoc {
            id: candidate.id.to_string(),
            name: Some(candidate.name.clone()),
            email: (!candidate.email.is_empty()).then(|| candidate.email.clone()),
            time_zone: candidate.time_zone.name().to_string(),
            available: available.intervals().iter().map(iv).collect(),
            max_interview_minutes_per_day: candidate.max_minutes_per_day.map(i64::from),
        },
        interviewers: people
            .iter()
            .map(|(i, b)| interviewer_doc(i, b, horizon))
            .collect(),
        rounds: plan
            .rounds
            .iter()
            .map(|r| RoundDoc {
                id: r.id.to_string(),
                name: Some(r.name.clone()),
                duration_minutes: i64::from(r.duration_minutes),
                interviewers: r
                    .needs
                    .iter()
                    .map(|n| match n {
                        Need::Pool { pool, count } => RequirementDoc::Pool {
                            pool: pool.clone(),
                            count: Some(i64::from(*count)),
                        },
                        Need::Person(who) => RequirementDoc::Person {
                            person: who.to_string(),
                        },
                    })
                    .collect(),
                after: r
                    .after
                    .iter()
                    .map(|a| AfterDoc {
                        round: a.round.to_string(),
                        min_gap_minutes: Some(i64::from(a.min_gap_minutes)),
                        max_gap_minutes: a.max_gap_minutes.map(i64::from),
                    })
                    .collect(),
                trainee_seats: Vec::new(),
            })
            .collect(),
        same_day: plan
            .same_day
            .iter()
            .map(|g| g.iter().map(|r| r.to_string()).collect())
            .collect(),
        objective: None,
        options: Some(options.max(1) as i64),
    }
}

fn option_from_doc(o: &OptionDoc) -> Result<ProposedOption, UseCaseError> {
    let slots = o
        .rounds
        .iter()
        .map(slot_of)
        .collect::<Result<Vec<_>, crate::domain::DomainError>>()?;
    Ok(ProposedOption {
        finish: o.finish,
        slots,
        score: o.score.total,
        reasons: o.score.reasons.clone(),
    })
}

/// A placed round of the engine's answer as a slot of a proposal (ids validated).
fn slot_of(r: &crate::solution::PlacedRound) -> Result<Slot, crate::domain::DomainError> {
    Ok(Slot {
        round: crate::domain::RoundId::new(r.round.clone())?,
        start: r.start,
        end: r.end,
        interviewers: r
            .interviewers
            .iter()
            .map(|i| InterviewerId::new(i.clone()))
            .collect::<Result<_, _>>()?,
        trainees: r
            .trainees
            .iter()
            .map(|t| {
                Ok(crate::domain::BookedTrainee {
                    interviewer: InterviewerId::new(t.id.clone())?,
                    pool: t.pool.clone(),
                    role: t.role,
                })
            })
            .collect::<Result<_, crate::domain::DomainError>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn horizons_start_on_the_slot_grid() {
        let at = |h, m, s| Utc.with_ymd_and_hms(2026, 11, 23, h, m, s).unwrap();
        let nanos = at(14, 5, 17) + Duration::nanoseconds(300);
        let cases = [
            (
                (at(14, 5, 17), at(20, 0, 0)),
                15,
                Some((at(14, 15, 0), at(20, 0, 0))),
            ),
            (
                (nanos, nanos + Duration::hours(1)),
                15,
                Some((at(14, 15, 0), at(15, 5, 17))),
            ),
            (
                (at(14, 0, 0), at(15, 0, 0)),
                15,
                Some((at(14, 0, 0), at(15, 0, 0))),
            ),
            (
                (at(14, 7, 0), at(15, 0, 0)),
                5,
                Some((at(14, 10, 0), at(15, 0, 0))),
            ),
            ((at(14, 0, 1), at(15, 0, 0)), 60, None),
        ];
        for ((start, end), step, want) in cases {
            let got = on_grid(Interval { start, end }, step);
            match want {
                Some((start, end)) => assert_eq!(got, Interval { start, end }, "every {step} min"),
                None => assert!(got.is_empty(), "{start} {end} every {step} min: {got:?}"),
            }
        }
    }
}
