//! Booking an option, rescheduling (one round, or several rounds of a loop at once:
//! [`reschedule_loop`]), cancelling, and moving a booking along its life cycle. Every
//! write re-checks against the state *inside* the store's transaction
//! ([`Store::write_bookings`]), so two proposals made from the same free time cannot both
//! book the same interviewer: the second finds the first's booking and is refused.

use super::connected::{reading, team};
use super::propose::{booked_days, build_doc, candidate_bookings, named_people, with_training};
use super::UseCaseError;
use crate::domain::{
    Booking, BookingId, BookingStatus, Candidate, CandidateId, Interviewer, InterviewerId, Need,
    Plan, PlanId, Proposal, RoundId, RoundSpec,
};
use crate::interval::{Interval, IntervalSet};
use crate::mail::outbox::Queued;
use crate::problem::{Problem, TrainingDoc};
use crate::solution::PlacedRound;
use crate::store::{Store, TxView, WriteError};
use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    book_mailed(store, candidate, option, now, None)
}

/// [`book`], queuing the e-mails `mail` makes of the new bookings in the same
/// transaction (see [`Mailer`]). Linked calendars read more than a few minutes ago are
/// read first ([`reading::refresh_stale`]), so the re-check sees time that became busy
/// on the server since the options were found (callers that show what was read call it
/// before: it reads nothing twice).
pub fn book_mailed(
    store: &Store,
    candidate: &CandidateId,
    option: usize,
    now: DateTime<Utc>,
    mail: Option<Mailer<'_>>,
) -> Result<Vec<Booking>, UseCaseError> {
    let proposal = kept_proposal(store, candidate)?;
    let chosen = option_of(&proposal, option)?;
    reading::refresh_stale(store, now)?;
    let fresh = NewLoop::of(store, &proposal, chosen, BookingStatus::Proposed, now)?;
    let guard = team::before(store, &fresh.bookings, now)?;
    guarded(store, guard, &fresh.bookings, &[], mail, now, |view| {
        fresh.check(view)
    })?;
    use_up_proposal(store, candidate)?;
    Ok(fresh.bookings)
}

/// Forgets the candidate's kept proposal once an option of it is booked or held.
pub(crate) fn use_up_proposal(store: &Store, candidate: &CandidateId) -> Result<(), UseCaseError> {
    match store.remove::<Proposal>(candidate.as_str()) {
        Ok(()) | Err(crate::store::StoreError::NotFound { .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The candidate's latest proposal, kept by `rondo propose` (refused when there is none
/// or it found no option).
pub(crate) fn kept_proposal(
    store: &Store,
    candidate: &CandidateId,
) -> Result<Proposal, UseCaseError> {
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
    Ok(proposal)
}

/// Option `option` (1 = the first) of `proposal`.
pub(crate) fn option_of(
    proposal: &Proposal,
    option: usize,
) -> Result<&crate::domain::ProposedOption, UseCaseError> {
    option
        .checked_sub(1)
        .and_then(|k| proposal.options.get(k))
        .ok_or_else(|| UseCaseError::NoSuchOption {
            candidate: proposal.candidate.to_string(),
            count: proposal.options.len(),
        })
}

/// The bookings of one option of a proposal, not stored yet, with what re-checks them
/// inside the write's transaction.
pub(crate) struct NewLoop {
    /// One booking per round, new ids and UIDs, sequence 0.
    pub bookings: Vec<Booking>,
    cand: Candidate,
    plan: Plan,
    proposal: Proposal,
    own: IntervalSet,
    people: BTreeSet<InterviewerId>,
    placed: Vec<PlacedRound>,
    /// Each trainee's stage and interviews left, for the trainee seats.
    training: HashMap<InterviewerId, Vec<TrainingDoc>>,
}

impl NewLoop {
    /// The bookings of option `chosen` of `proposal`, each with `status`, made at `now`.
    pub(crate) fn of(
        store: &Store,
        proposal: &Proposal,
        chosen: &crate::domain::ProposedOption,
        status: BookingStatus,
        now: DateTime<Utc>,
    ) -> Result<NewLoop, UseCaseError> {
        let candidate = &proposal.candidate;
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
                trainees: s.trainees.clone(),
                status,
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
        people.extend(bookings.iter().flat_map(|b| b.people().cloned()));
        let training = super::training::engine_training(store, now)?;
        let placed: Vec<PlacedRound> = bookings.iter().map(placed_round).collect();
        Ok(NewLoop {
            bookings,
            cand,
            plan,
            proposal: proposal.clone(),
            own,
            people,
            placed,
            training,
        })
    }

    /// The engine's hard rules on these bookings against what `view` (inside the
    /// write's transaction) holds.
    pub(crate) fn check(&self, view: &TxView) -> Result<(), UseCaseError> {
        let skip: BTreeSet<&BookingId> = BTreeSet::new();
        let rows = read_people(view, &self.people, &self.placed, &skip)?;
        let mut doc = build_doc(
            &self.cand,
            &self.own,
            &self.plan,
            self.proposal.horizon,
            self.proposal.slot_minutes,
            1,
            &rows,
        );
        with_training(&mut doc, &self.plan, &self.training);
        recheck(&doc, &self.placed)
    }
}

/// Moves a live booking to start at `start` (same length, same interviewers), keeping
/// its UID and growing its sequence: [`reschedule_loop`] with one move. Refused with
/// [`UseCaseError::Conflict`] if the new time breaks an interviewer's hours, buffer, busy
/// time or caps, overlaps another booking of the candidate, or breaks the plan's order.
pub fn reschedule(
    store: &Store,
    id: &BookingId,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Booking, UseCaseError> {
    let mut moved = reschedule_loop(store, &[(id.clone(), start)], now)?;
    moved.pop().ok_or_else(|| UseCaseError::NotOneLoop {
        message: format!("booking {id} was not moved"),
    })
}

/// Moves several rounds of one loop at once, all or nothing: each booking of `moves`
/// starts at its new time (same length, same interviewers, same UID, SEQUENCE + 1), in
/// one store transaction. Returns the moved bookings as stored, in the order of `moves`.
///
/// The loop (the candidate's live bookings of the moved rounds' plan) is checked by the
/// engine's [`crate::engine::check`] against what is stored at commit time: each person's
/// hours, calendars, other bookings (the loop's own old positions left out, so two rounds
/// can swap times), buffers and caps, the candidate's other interviews and daily limit,
/// and the plan's order, gaps and same-day groups between the loop's rounds. The move is
/// refused with [`UseCaseError::Conflict`] if the loop breaks a rule it did not break
/// before (a rule already broken by a round that stays put does not block moving the
/// others); nothing is written then.
pub fn reschedule_loop(
    store: &Store,
    moves: &[(BookingId, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Result<Vec<Booking>, UseCaseError> {
    reschedule_loop_mailed(store, moves, now, None)
}

/// [`reschedule_loop`], queuing the e-mails `mail` makes of the moved bookings in the
/// same transaction (see [`Mailer`]). Stale linked calendars are read first, as for
/// [`book_mailed`], so a move never lands on time that became busy on the server.
pub fn reschedule_loop_mailed(
    store: &Store,
    moves: &[(BookingId, DateTime<Utc>)],
    now: DateTime<Utc>,
    mail: Option<Mailer<'_>>,
) -> Result<Vec<Booking>, UseCaseError> {
    let Some((first_id, _)) = moves.first() else {
        return Ok(Vec::new());
    };
    reading::refresh_stale(store, now)?;
    let first: Booking = store.need(first_id.as_str())?;
    let mut moved: Vec<Booking> = Vec::with_capacity(moves.len());
    for (id, start) in moves {
        let old: Booking = store.need(id.as_str())?;
        if !old.status.is_live() {
            return Err(UseCaseError::Closed {
                booking: id.to_string(),
                status: old.status,
            });
        }
        if old.candidate != first.candidate || old.plan != first.plan {
            return Err(UseCaseError::NotOneLoop {
                message: format!(
                    "booking {id} is {}'s round of plan {}, booking {first_id} {}'s of plan {}",
                    old.candidate, old.plan, first.candidate, first.plan
                ),
            });
        }
        if moved.iter().any(|m| &m.id == id) {
            return Err(UseCaseError::NotOneLoop {
                message: format!("booking {id} is moved twice"),
            });
        }
        if start.timestamp() % 60 != 0 || start.timestamp_subsec_nanos() != 0 {
            return Err(UseCaseError::Invalid(crate::domain::DomainError::bad_text(
                "start",
                format!("{start} is not on a whole minute"),
            )));
        }
        let mut new = old.clone();
        new.start = *start;
        new.end = *start + (old.end - old.start);
        new.sequence += 1;
        new.updated_at = now;
        moved.push(new);
    }
    let change = LoopChange::of(store, moved)?;
    let guard = team::before(store, &change.changed, now)?;
    guarded(
        store,
        guard,
        &change.changed,
        &change.round_loop,
        mail,
        now,
        |view| change.check(view),
    )?;
    Ok(change.changed)
}

/// New versions of some bookings of one loop (moved, or with another interviewer in a
/// seat), with what re-checks the loop inside the write's transaction: the loop as it
/// will be (the changed bookings in place of the stored ones) against the people's
/// hours, calendars, other bookings, buffers and caps, the candidate's other interviews
/// and the stored plan's order, gaps and same-day groups. Refused only for a rule the
/// loop did not break before.
pub(crate) struct LoopChange {
    /// The new versions (SEQUENCE one more than stored).
    pub changed: Vec<Booking>,
    /// The loop as stored (the candidate's live bookings of the plan).
    pub round_loop: Vec<Booking>,
    cand_then: Candidate,
    own: IntervalSet,
    plan: Plan,
    horizon: Interval,
    people: BTreeSet<InterviewerId>,
    before: Vec<PlacedRound>,
    after: Vec<PlacedRound>,
}

impl LoopChange {
    /// The change of `changed` (bookings of one loop, at least one) as read from `store`.
    pub(crate) fn of(store: &Store, changed: Vec<Booking>) -> Result<LoopChange, UseCaseError> {
        let Some(first) = changed.first() else {
            return Err(UseCaseError::NotOneLoop {
                message: "nothing to change".to_string(),
            });
        };
        let cand: Candidate = store.need(first.candidate.as_str())?;
        let round_loop = loop_of(store, &changed)?;
        let new_loop: Vec<Booking> = round_loop
            .iter()
            .map(|b| changed.iter().find(|m| m.id == b.id).unwrap_or(b).clone())
            .collect();
        let before: Vec<PlacedRound> = round_loop.iter().map(everyone_named).collect();
        let after: Vec<PlacedRound> = new_loop.iter().map(everyone_named).collect();
        let windows: Vec<Interval> = before
            .iter()
            .chain(&after)
            .map(|r| Interval {
                start: r.start,
                end: r.end,
            })
            .collect();
        let (Some(start), Some(end)) = (
            windows.iter().map(|w| w.start).min(),
            windows.iter().map(|w| w.end).max(),
        ) else {
            return Err(UseCaseError::NotOneLoop {
                message: format!("booking {} is not live", first.id),
            });
        };
        // On the minute grid of the check: whole minutes from the horizon's start.
        let start = start
            - Duration::seconds(start.timestamp().rem_euclid(60))
            - Duration::nanoseconds(i64::from(start.timestamp_subsec_nanos()));
        let stored_plan: Option<Plan> = store.get(first.plan.as_str())?;
        let plan = loop_plan(&new_loop, stored_plan.as_ref());
        let loop_ids: BTreeSet<&BookingId> = round_loop.iter().map(|b| &b.id).collect();
        let own: IntervalSet = store
            .candidate_bookings(&first.candidate)?
            .into_iter()
            .filter(|e| !loop_ids.contains(&e.booking))
            .map(|e| Interval {
                start: e.start,
                end: e.end,
            })
            .collect();
        let mut cand_then = cand;
        cand_then.available = IntervalSet::from_intervals(windows);
        let people: BTreeSet<InterviewerId> = round_loop
            .iter()
            .chain(&new_loop)
            .flat_map(|b| b.people().cloned())
            .collect();
        Ok(LoopChange {
            changed,
            round_loop,
            cand_then,
            own,
            plan,
            horizon: Interval { start, end },
            people,
            before,
            after,
        })
    }

    /// Refuses the change if what `view` holds (inside the write's transaction) was
    /// changed meanwhile, or if the loop as changed breaks a rule it did not break
    /// before.
    pub(crate) fn check(&self, view: &TxView) -> Result<(), UseCaseError> {
        for m in &self.changed {
            let now_stored = view.booking(&m.id)?;
            if now_stored.as_ref().map(|b| b.sequence) != Some(m.sequence - 1) {
                return Err(UseCaseError::Conflict {
                    reasons: vec![format!("booking {} was changed meanwhile", m.id)],
                });
            }
        }
        let loop_ids: BTreeSet<&BookingId> = self.round_loop.iter().map(|b| &b.id).collect();
        let both: Vec<PlacedRound> = self.before.iter().chain(&self.after).cloned().collect();
        let rows = read_people(view, &self.people, &both, &loop_ids)?;
        let doc = build_doc(
            &self.cand_then,
            &self.own,
            &self.plan,
            self.horizon,
            1,
            1,
            &rows,
        );
        // A loop that cannot even be stated is a fault to show, not a busy person: as a
        // conflict it read as "nobody is free" (a round twice in one loop did).
        let problem = Problem::from_doc(&doc)?;
        let was = crate::engine::check(&problem, &self.before);
        let broken: Vec<String> = crate::engine::check(&problem, &self.after)
            .into_iter()
            .filter(|v| !was.contains(v))
            .map(|v| v.message)
            .collect();
        if broken.is_empty() {
            Ok(())
        } else {
            Err(UseCaseError::Conflict { reasons: broken })
        }
    }
}

/// The stored loop `changed` (bookings of one candidate and plan, at least one)
/// belongs to: one live booking per round of the plan, the changed one where there is
/// one, else the one starting nearest to the changed ones. A candidate interviewed again
/// with the same plan keeps the earlier loop's live bookings (a final still to be
/// closed, say): those are another loop, not a second copy of the round in this one.
pub(crate) fn loop_of(store: &Store, changed: &[Booking]) -> Result<Vec<Booking>, UseCaseError> {
    let Some(first) = changed.first() else {
        return Ok(Vec::new());
    };
    let near = changed.iter().map(|b| b.start).min().unwrap_or(first.start);
    let mut by_round: BTreeMap<RoundId, Booking> = BTreeMap::new();
    for e in store.candidate_bookings(&first.candidate)? {
        let b: Booking = store.need(e.booking.as_str())?;
        if b.plan != first.plan {
            continue;
        }
        let is_changed = |x: &Booking| changed.iter().any(|c| c.id == x.id);
        let closer = match by_round.get(&b.round) {
            None => true,
            Some(kept) if is_changed(kept) => false,
            Some(kept) => is_changed(&b) || (b.start - near).abs() < (kept.start - near).abs(),
        };
        if closer {
            by_round.insert(b.round.clone(), b);
        }
    }
    let mut round_loop: Vec<Booking> = by_round.into_values().collect();
    round_loop.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    Ok(round_loop)
}

/// The plan a loop is checked against: one round per booking, naming exactly its
/// interviewers, with the stored plan's order rules and same-day groups between the
/// loop's rounds (none when the plan is gone).
fn loop_plan(round_loop: &[Booking], stored: Option<&Plan>) -> Plan {
    let here: BTreeSet<&RoundId> = round_loop.iter().map(|b| &b.round).collect();
    let rounds = round_loop
        .iter()
        .map(|b| RoundSpec {
            id: b.round.clone(),
            name: b.round_name.clone(),
            duration_minutes: u32::try_from((b.end - b.start).num_minutes()).unwrap_or(u32::MAX),
            // Trainees too: a moved round must still find them free.
            needs: b.people().cloned().map(Need::Person).collect(),
            after: stored
                .and_then(|p| p.round(&b.round))
                .map(|r| {
                    r.after
                        .iter()
                        .filter(|a| here.contains(&a.round))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default(),
            trainee_seats: Vec::new(),
        })
        .collect();
    let same_day = stored
        .map(|p| {
            p.same_day
                .iter()
                .map(|g| {
                    g.iter()
                        .filter(|r| here.contains(r))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .filter(|g| g.len() > 1)
                .collect()
        })
        .unwrap_or_default();
    Plan {
        id: round_loop
            .first()
            .map(|b| b.plan.clone())
            .or_else(|| stored.map(|p| p.id.clone()))
            .unwrap_or_else(|| PlanId::new("loop").expect("a valid literal id")),
        name: stored.map_or_else(String::new, |p| p.name.clone()),
        job: String::new(),
        rounds,
        same_day,
    }
}

/// Cancels a live booking: status `cancelled`, sequence + 1; it stops blocking anyone.
pub fn cancel(store: &Store, id: &BookingId, now: DateTime<Utc>) -> Result<Booking, UseCaseError> {
    set_status(store, id, BookingStatus::Cancelled, now)
}

/// Cancels every booking of `ids` in one transaction (each status `cancelled`, sequence
/// + 1), all or none: a loop is never left half cancelled.
pub fn cancel_all(
    store: &Store,
    ids: &[BookingId],
    now: DateTime<Utc>,
) -> Result<Vec<Booking>, UseCaseError> {
    cancel_all_mailed(store, ids, now, None)
}

/// [`cancel_all`], queuing the e-mails `mail` makes of the cancelled bookings (CANCEL)
/// in the same transaction (see [`Mailer`]).
pub fn cancel_all_mailed(
    store: &Store,
    ids: &[BookingId],
    now: DateTime<Utc>,
    mail: Option<Mailer<'_>>,
) -> Result<Vec<Booking>, UseCaseError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let mut b: Booking = store.need(id.as_str())?;
        if !b.status.is_live() {
            return Err(UseCaseError::Closed {
                booking: id.to_string(),
                status: b.status,
            });
        }
        b.set_status(BookingStatus::Cancelled, now)?;
        out.push(b);
    }
    guarded(store, None, &out, &[], mail, now, |_| Ok(()))?;
    Ok(out)
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
    guarded(
        store,
        None,
        std::slice::from_ref(&b),
        &[],
        None,
        now,
        |_| Ok(()),
    )?;
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

/// [`write`] with the team calendar's steps around it ([`team`]): the claims `guard`
/// took are confirmed before the commit and given back if it is refused; after it, the
/// events of `bookings` are written (what did not reach the server is recorded and
/// written by the next sync) and the claims of `old` times given back.
pub(crate) fn guarded(
    store: &Store,
    mut guard: Option<team::Guard>,
    bookings: &[Booking],
    old: &[Booking],
    mail: Option<Mailer<'_>>,
    now: DateTime<Utc>,
    check: impl Fn(&TxView) -> Result<(), UseCaseError>,
) -> Result<(), UseCaseError> {
    if let Some(g) = guard.as_mut() {
        g.confirm(now)?;
    }
    if let Err(e) = write(store, bookings, mail, check) {
        if let Some(g) = &guard {
            g.give_back();
        }
        return Err(e);
    }
    let _not_yet_on_the_server = team::after(store, bookings, old, now);
    Ok(())
}

/// Makes the e-mails of a booking change from the bookings as they will be stored
/// ([`super::mail::messages`]): they are queued in the store's outbox in the same
/// transaction as the change, so both are stored or neither.
pub type Mailer<'a> = &'a dyn Fn(&[Booking]) -> Result<Vec<Queued>, UseCaseError>;

pub(crate) fn write(
    store: &Store,
    bookings: &[Booking],
    mail: Option<Mailer<'_>>,
    check: impl Fn(&TxView) -> Result<(), UseCaseError>,
) -> Result<(), UseCaseError> {
    let queued = match mail {
        Some(make) => make(bookings)?,
        None => Vec::new(),
    };
    store
        .write_bookings_queued(bookings, &queued, check)
        .map_err(|e| match e {
            WriteError::Check(e) => e,
            WriteError::Store(e) => UseCaseError::Store(e),
        })
}

/// A booking as a round placed in a schedule (what the engine's rules check).
pub(crate) fn placed_round(b: &Booking) -> PlacedRound {
    PlacedRound {
        round: b.round.to_string(),
        start: b.start,
        end: b.end,
        interviewers: b.interviewers.iter().map(|i| i.to_string()).collect(),
        trainees: b
            .trainees
            .iter()
            .map(|t| crate::solution::PlacedTrainee {
                id: t.interviewer.to_string(),
                pool: t.pool.clone(),
                role: t.role,
            })
            .collect(),
    }
}

/// A booking as a round whose every person, trainees too, is named by the loop's plan
/// ([`loop_plan`]): what a move is checked on, so a trainee must still be free, working
/// and under their caps at the new time.
fn everyone_named(b: &Booking) -> PlacedRound {
    PlacedRound {
        round: b.round.to_string(),
        start: b.start,
        end: b.end,
        interviewers: b.people().map(|i| i.to_string()).collect(),
        trainees: Vec::new(),
    }
}

/// Reads, inside the transaction, each person and their live bookings near `placed`
/// (except those in `skip`, which are being rewritten).
pub(crate) fn read_people(
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
pub(crate) fn recheck(
    doc: &crate::problem::ProblemDoc,
    placed: &[PlacedRound],
) -> Result<(), UseCaseError> {
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
