//! Booking an option, rescheduling, cancelling, and moving a booking along its life
//! cycle. Every write re-checks against the state *inside* the store's transaction
//! ([`Store::write_bookings`]), so two proposals made from the same free time cannot both
//! book the same interviewer: the second finds the first's booking and is refused.

use super::propose::{booked_days, build_doc, candidate_bookings, named_people};
use super::UseCaseError;
use crate::domain::{
    Booking, BookingId, BookingStatus, Candidate, CandidateId, Interviewer, InterviewerId, Need,
    Plan, Proposal, RoundSpec,
};
use crate::interval::{Interval, IntervalSet};
use crate::problem::Problem;
use crate::solution::PlacedRound;
use crate::store::{Store, TxView, WriteError};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

/// Books option `option` (1 = the first) of the candidate's latest proposal: one
/// booking per round, status `proposed`, a new calendar UID each, sequence 0. The
/// proposal is used up. Refused with [`UseCaseError::Conflict`] if the option no longer
/// satisfies every hard rule on what is stored at commit time.
pub fn book(
    store: &Store,
    candidate: &CandidateId,
    option: usize,
    now: DateTime<Utc>,
) -> Result<Vec<Booking>, UseCaseError> {
    let proposal: Proposal =
        store
            .get(candidate.as_str())?
            .ok_or_else(|| UseCaseError::NoProposal {
                candidate: candidate.to_string(),
            })?;
    if proposal.options.is_empty() {
        return Err(UseCaseError::NoOptions {
            candidate: candidate.to_string(),
        });
    }
    let chosen = option
        .checked_sub(1)
        .and_then(|k| proposal.options.get(k))
        .ok_or_else(|| UseCaseError::NoSuchOption {
            candidate: candidate.to_string(),
            count: proposal.options.len(),
        })?;
    let cand: Candidate = store.need(candidate.as_str())?;
    let plan: Plan = store.need(proposal.plan.as_str())?;
    let mut bookings = Vec::with_capacity(chosen.slots.len());
    for s in &chosen.slots {
        let id = store.new_booking_id()?;
        let round_name = plan
            .round(&s.round)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| s.round.to_string());
        bookings.push(Booking {
            uid: format!("{id}.{}@rondo", store.instance_tag()),
            id,
            sequence: 0,
            candidate: candidate.clone(),
            plan: plan.id.clone(),
            round: s.round.clone(),
            round_name,
            start: s.start,
            end: s.end,
            interviewers: s.interviewers.clone(),
            status: BookingStatus::Proposed,
            created_at: now,
            updated_at: now,
        });
    }
    let own = candidate_bookings(store, candidate, proposal.horizon, None)?;
    let mut people: BTreeSet<InterviewerId> = named_people(&plan);
    people.extend(
        chosen
            .slots
            .iter()
            .flat_map(|s| s.interviewers.iter().cloned()),
    );
    let placed: Vec<PlacedRound> = bookings.iter().map(placed_round).collect();
    let skip: BTreeSet<&BookingId> = BTreeSet::new();
    write(store, &bookings, |view| {
        let rows = read_people(view, &people, &placed, &skip)?;
        let doc = build_doc(
            &cand,
            &own,
            &plan,
            proposal.horizon,
            proposal.slot_minutes,
            1,
            &rows,
        );
        recheck(&doc, &placed)
    })?;
    match store.remove::<Proposal>(candidate.as_str()) {
        Ok(()) | Err(crate::store::StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(bookings)
}

/// Moves a live booking to start at `start` (same length, same interviewers), keeping
/// its UID and growing its sequence. Refused with [`UseCaseError::Conflict`] if the new
/// time breaks an interviewer's hours, buffer, busy time or caps, or overlaps another
/// booking of the candidate.
pub fn reschedule(
    store: &Store,
    id: &BookingId,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Booking, UseCaseError> {
    let old: Booking = store.need(id.as_str())?;
    if !old.status.is_live() {
        return Err(UseCaseError::Closed {
            booking: id.to_string(),
            status: old.status,
        });
    }
    let mut new = old.clone();
    new.start = start;
    new.end = start + (old.end - old.start);
    new.sequence += 1;
    new.updated_at = now;
    let window = Interval {
        start: new.start,
        end: new.end,
    };
    let own = candidate_bookings(store, &old.candidate, window, Some(&old.id))?;
    if own.overlaps(&window) {
        return Err(UseCaseError::Conflict {
            reasons: vec![format!(
                "candidate {} has another interview then",
                old.candidate
            )],
        });
    }
    let cand: Candidate = store.need(old.candidate.as_str())?;
    // A one-round plan naming exactly the booking's interviewers, checked at its new time.
    let plan = Plan {
        id: old.plan.clone(),
        name: old.round_name.clone(),
        job: String::new(),
        rounds: vec![RoundSpec {
            id: old.round.clone(),
            name: old.round_name.clone(),
            duration_minutes: u32::try_from((old.end - old.start).num_minutes())
                .unwrap_or(u32::MAX),
            needs: old.interviewers.iter().cloned().map(Need::Person).collect(),
            after: vec![],
        }],
        same_day: vec![],
    };
    let mut cand_now = cand.clone();
    cand_now.available = IntervalSet::from_intervals(vec![window]);
    let people: BTreeSet<InterviewerId> = old.interviewers.iter().cloned().collect();
    let placed = vec![placed_round(&new)];
    let skip: BTreeSet<&BookingId> = [&old.id].into_iter().collect();
    write(store, std::slice::from_ref(&new), |view| {
        let rows = read_people(view, &people, &placed, &skip)?;
        let doc = build_doc(&cand_now, &IntervalSet::new(), &plan, window, 1, 1, &rows);
        recheck(&doc, &placed)
    })?;
    Ok(new)
}

/// Cancels a live booking: status `cancelled`, sequence + 1; it stops blocking anyone.
pub fn cancel(store: &Store, id: &BookingId, now: DateTime<Utc>) -> Result<Booking, UseCaseError> {
    set_status(store, id, BookingStatus::Cancelled, now)
}

/// Moves a booking along its life cycle (proposed → held → confirmed, or cancelled),
/// growing its sequence.
pub fn set_status(
    store: &Store,
    id: &BookingId,
    to: BookingStatus,
    now: DateTime<Utc>,
) -> Result<Booking, UseCaseError> {
    let mut b: Booking = store.need(id.as_str())?;
    if !b.status.is_live() {
        return Err(UseCaseError::Closed {
            booking: id.to_string(),
            status: b.status,
        });
    }
    b.set_status(to, now)?;
    write(store, std::slice::from_ref(&b), |_| Ok(()))?;
    Ok(b)
}

/// Bookings starting in `[from, to)`, in start order (any status).
pub fn list_between(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Booking>, UseCaseError> {
    Ok(store.bookings_starting(from, to)?)
}

fn write(
    store: &Store,
    bookings: &[Booking],
    check: impl Fn(&TxView) -> Result<(), UseCaseError>,
) -> Result<(), UseCaseError> {
    store.write_bookings(bookings, check).map_err(|e| match e {
        WriteError::Check(e) => e,
        WriteError::Store(e) => UseCaseError::Store(e),
    })
}

fn placed_round(b: &Booking) -> PlacedRound {
    PlacedRound {
        round: b.round.to_string(),
        start: b.start,
        end: b.end,
        interviewers: b.interviewers.iter().map(|i| i.to_string()).collect(),
        trainees: Vec::new(),
    }
}

/// Reads, inside the transaction, each person and their live bookings near `placed`
/// (except those in `skip`, which are being rewritten).
fn read_people(
    view: &TxView,
    people: &BTreeSet<InterviewerId>,
    placed: &[PlacedRound],
    skip: &BTreeSet<&BookingId>,
) -> Result<Vec<(Interviewer, Vec<Interval>)>, UseCaseError> {
    let start = placed.iter().map(|p| p.start).min();
    let end = placed.iter().map(|p| p.end).max();
    let (Some(start), Some(end)) = (start, end) else {
        return Ok(Vec::new());
    };
    let (first, last) = booked_days(start, end);
    let mut rows = Vec::with_capacity(people.len());
    for who in people {
        let Some(i) = view.interviewer(who)? else {
            return Err(UseCaseError::Conflict {
                reasons: vec![format!("interviewer {who} was deleted")],
            });
        };
        let mut booked = Vec::new();
        for day in first..=last {
            booked.extend(
                view.day(who, day)?
                    .into_iter()
                    .filter(|e| !skip.contains(&e.booking))
                    .map(|e| Interval {
                        start: e.start,
                        end: e.end,
                    }),
            );
        }
        rows.push((i, booked));
    }
    Ok(rows)
}

/// The engine's nine hard rules on `placed`, as a conflict if any is broken.
fn recheck(doc: &crate::problem::ProblemDoc, placed: &[PlacedRound]) -> Result<(), UseCaseError> {
    let problem = Problem::from_doc(doc).map_err(|e| UseCaseError::Conflict {
        reasons: vec![e.to_string()],
    })?;
    let violations = crate::engine::check(&problem, placed);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(UseCaseError::Conflict {
            reasons: violations.into_iter().map(|v| v.message).collect(),
        })
    }
}
