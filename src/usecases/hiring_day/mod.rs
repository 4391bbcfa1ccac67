//! Hiring days from the store: the `rondo-batch/1` request built from the chosen
//! candidates (each with their plan, availability and zone) and every interviewer their
//! plans can use (hours, calendars, live bookings, caps), the batch engine's answer, and
//! booking the whole answer in one transaction.
//!
//! [`propose`] stores nothing: the [`HiringDay`] it returns (request and answer) is what
//! [`book`] takes back, from the window or from a file the command line wrote. Booking
//! re-checks every scheduled candidate's rounds inside the store's transaction against
//! what is stored then *and* the other candidates' new bookings, so a stale hiring day
//! books nothing and the conflict names the candidates to find again. The e-mails of
//! the new bookings are queued in the outbox in that same transaction when mail is set
//! up ([`book_mailed`]), exactly as a single booking queues its own.
//!
//! The window's Hiring day screen works through [`choose`] (whom and what to schedule,
//! as the coordinator picks it) and [`view`] (the day drawn: a grid of interviewers ×
//! time in the office's zone, itineraries, the proof and who was left out, in words);
//! [`plan`] and [`book_planned`] join them to [`propose`] and [`book_mailed`];
//! [`move_round`] moves a round of the planned day by hand, re-checked against the
//! whole day; [`sheets`] writes each interviewer's day and each candidate's itinerary.

pub mod choose;
pub mod sheets;
pub mod view;

use super::bookings::{guarded, placed_round, read_people, recheck, Mailer};
use super::connected::team;
use super::loops::{self, Changed, Outbox, Sent};
use super::propose::{build_doc, candidate_bookings, named_people, on_grid, problem_doc};
use super::UseCaseError;
use crate::batch::{
    self, Batch, BatchCandidateDoc, BatchDoc, BatchError, BatchSolutionDoc, Limits,
};
use crate::domain::{
    Booking, BookingStatus, Candidate, CandidateId, Interviewer, InterviewerId, Plan, PlanId,
    RoundId,
};
use crate::interval::Interval;
use crate::solution::PlacedRound;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What to schedule: who, over which window, on which grid.
#[derive(Debug, Clone, PartialEq)]
pub struct HiringDayRequest {
    /// The candidates (at least one).
    pub candidates: Vec<CandidateId>,
    /// The plan every candidate follows; `None`: each their own.
    pub plan: Option<PlanId>,
    /// The window every round must lie in.
    pub horizon: Interval,
    /// Grid step of round starts, in minutes.
    pub slot_minutes: u32,
    /// How long the engine may search, seconds (a safety cap; see `batch::Limits`).
    pub time_limit_secs: f64,
}

/// A proposed hiring day: the request built from the store and the engine's answer.
/// Saved as JSON by the command line and given back to [`book`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HiringDay {
    /// The request, as the engine got it.
    pub request: BatchDoc,
    /// The engine's answer: who is scheduled when, who is left out and why.
    pub answer: BatchSolutionDoc,
    /// The plan every candidate followed; absent: each their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanId>,
}

/// The plan `c` follows on a hiring day: the day's one plan, else their own.
fn plan_of(store: &Store, c: &Candidate, one: Option<&PlanId>) -> Result<Plan, UseCaseError> {
    let id = one
        .or(c.plan.as_ref())
        .ok_or_else(|| UseCaseError::NoPlan {
            candidate: c.id.to_string(),
        })?;
    Ok(store.need(id.as_str())?)
}

/// Builds the batch request for `req` from what is stored and solves it.
pub fn propose(store: &Store, req: &HiringDayRequest) -> Result<HiringDay, UseCaseError> {
    let horizon = on_grid(req.horizon, req.slot_minutes);
    if horizon.is_empty() || req.candidates.is_empty() {
        return Err(UseCaseError::EmptyHorizon {
            from: req.horizon.start.to_rfc3339(),
            to: req.horizon.end.to_rfc3339(),
        });
    }
    let mut interviewers = BTreeMap::new();
    let mut candidates = Vec::with_capacity(req.candidates.len());
    for id in &req.candidates {
        let c: Candidate = store.need(id.as_str())?;
        let plan = plan_of(store, &c, req.plan.as_ref())?;
        let doc = problem_doc(store, &c, &plan, horizon, req.slot_minutes, 1)?;
        for it in doc.interviewers {
            interviewers.entry(it.id.clone()).or_insert(it);
        }
        candidates.push(BatchCandidateDoc {
            id: doc.candidate.id,
            name: doc.candidate.name,
            email: doc.candidate.email,
            time_zone: doc.candidate.time_zone,
            available: doc.candidate.available,
            max_interview_minutes_per_day: doc.candidate.max_interview_minutes_per_day,
            weight: None,
            rounds: doc.rounds,
            same_day: doc.same_day,
        });
    }
    let request = BatchDoc {
        format: batch::FORMAT.to_string(),
        id: format!("hiring-day-{}", horizon.start.format("%Y%m%dT%H%MZ")),
        horizon: crate::problem::HorizonDoc {
            start: horizon.start.fixed_offset(),
            end: horizon.end.fixed_offset(),
        },
        slot_minutes: i64::from(req.slot_minutes),
        interviewers: interviewers.into_values().collect(),
        candidates,
    };
    let b = Batch::from_doc(&request).map_err(from_batch)?;
    let (answer, _) = batch::solve_with(&b, &Limits::for_seconds(req.time_limit_secs));
    Ok(HiringDay {
        request,
        answer,
        plan: req.plan.clone(),
    })
}

/// Books every scheduled candidate of `day`: one booking per round, status `proposed`,
/// all in one transaction that re-checks each candidate's rounds against what is stored
/// at commit time plus the other candidates' new bookings. Refused with
/// [`UseCaseError::Conflict`] naming each candidate to find again, and then nothing is
/// written.
pub fn book(
    store: &Store,
    day: &HiringDay,
    now: DateTime<Utc>,
) -> Result<Vec<Booking>, UseCaseError> {
    book_mailed(store, day, now, None)
}

/// [`book`], queuing the e-mails `mail` makes of the new bookings (each round's
/// candidate and panel message, as a single booking's) in the same transaction: the
/// whole day and its messages are stored, or neither.
pub fn book_mailed(
    store: &Store,
    day: &HiringDay,
    now: DateTime<Utc>,
    mail: Option<Mailer<'_>>,
) -> Result<Vec<Booking>, UseCaseError> {
    let horizon = Interval {
        start: day.request.horizon.start.to_utc(),
        end: day.request.horizon.end.to_utc(),
    };
    let slot_minutes = u32::try_from(day.request.slot_minutes).unwrap_or(15);
    struct One {
        cand: Candidate,
        plan: Plan,
        own: crate::interval::IntervalSet,
        bookings: Vec<Booking>,
        placed: Vec<PlacedRound>,
    }
    let mut all: Vec<One> = Vec::new();
    let mut people: BTreeSet<InterviewerId> = BTreeSet::new();
    for s in &day.answer.scheduled {
        let cand: Candidate = store.need(&s.candidate)?;
        let plan = plan_of(store, &cand, day.plan.as_ref())?;
        let mut bookings = Vec::with_capacity(s.rounds.len());
        for r in &s.rounds {
            let id = store.new_booking_id()?;
            let round: RoundId = r.round.parse().map_err(UseCaseError::Invalid)?;
            let round_name = plan
                .round(&round)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| r.round.clone());
            let interviewers = r
                .interviewers
                .iter()
                .map(|i| i.parse::<InterviewerId>().map_err(UseCaseError::Invalid))
                .collect::<Result<Vec<_>, _>>()?;
            bookings.push(Booking {
                uid: format!("{id}.{}@rondo", store.instance_tag()),
                id,
                sequence: 0,
                candidate: cand.id.clone(),
                plan: plan.id.clone(),
                round,
                round_name,
                start: r.start,
                end: r.end,
                interviewers,
                trainees: Vec::new(),
                status: BookingStatus::Proposed,
                created_at: now,
                updated_at: now,
            });
        }
        people.extend(named_people(&plan));
        people.extend(bookings.iter().flat_map(|b| b.interviewers.iter().cloned()));
        let own = candidate_bookings(store, &cand.id, horizon, None)?;
        let placed = bookings.iter().map(placed_round).collect();
        all.push(One {
            cand,
            plan,
            own,
            bookings,
            placed,
        });
    }
    let every: Vec<Booking> = all.iter().flat_map(|o| o.bookings.clone()).collect();
    let every_placed: Vec<PlacedRound> = every.iter().map(placed_round).collect();
    let skip = BTreeSet::new();
    // The team calendar's claims and events, as single bookings take them.
    let guard = team::before(store, &every, now)?;
    guarded(store, guard, &every, &[], mail, now, |view| {
        let rows = read_people(view, &people, &every_placed, &skip)?;
        let mut clashes = Vec::new();
        for (k, one) in all.iter().enumerate() {
            // The others' new interviews are booked for this candidate's check.
            let rows_k: Vec<(Interviewer, Vec<Interval>)> = rows
                .iter()
                .map(|(i, booked)| {
                    let mut booked = booked.clone();
                    for (j, other) in all.iter().enumerate() {
                        if j == k {
                            continue;
                        }
                        booked.extend(
                            other
                                .bookings
                                .iter()
                                .filter(|b| b.interviewers.contains(&i.id))
                                .map(|b| Interval {
                                    start: b.start,
                                    end: b.end,
                                }),
                        );
                    }
                    (i.clone(), booked)
                })
                .collect();
            let doc = build_doc(
                &one.cand,
                &one.own,
                &one.plan,
                horizon,
                slot_minutes,
                1,
                &rows_k,
            );
            if let Err(UseCaseError::Conflict { reasons }) = recheck(&doc, &one.placed) {
                clashes.push(format!(
                    "find {} again: {}",
                    one.cand.id,
                    reasons.join("; ")
                ));
            }
        }
        if clashes.is_empty() {
            Ok(())
        } else {
            Err(UseCaseError::Conflict { reasons: clashes })
        }
    })?;
    Ok(every)
}

/// A request this module built is refused only if the store holds something the
/// formats refuse; say which field, as a single request would.
fn from_batch(e: BatchError) -> UseCaseError {
    match e {
        BatchError::Shared(p) => UseCaseError::Problem(p),
        BatchError::Candidate { source, .. } => UseCaseError::Problem(source),
        other => UseCaseError::Conflict {
            reasons: vec![other.to_string()],
        },
    }
}

/// A hiring day planned in the window: the day (for [`book_planned`]), the office whose
/// clock its grid reads, and the day drawn.
#[derive(Debug, Clone)]
pub struct PlannedDay {
    /// The request and the engine's answer.
    pub day: HiringDay,
    /// The office's zone: the dates and the grid are on its clock.
    pub office: chrono_tz::Tz,
    /// The day as the window shows it.
    pub view: view::DayView,
    /// True once booked: its sheets can still be saved; it is not moved or booked again.
    pub booked: bool,
}

/// What moving a round did, for the window.
#[derive(Debug, Clone)]
pub struct MovedDay {
    /// The day with the round moved.
    pub planned: PlannedDay,
    /// In words: which round of whom starts when now.
    pub said: String,
}

/// Moves round `round` of `candidate` on the planned day by `slots` grid steps
/// (negative: earlier). The moved candidate is re-checked against every rule of the
/// whole day ([`batch::move_round`]: their own rules, the other candidates' seats and
/// the pool's caps); a refusal names each rule and who is in the way, and the day stays
/// as it was.
pub fn move_round(
    planned: &PlannedDay,
    candidate: &str,
    round: &str,
    slots: i64,
) -> Result<MovedDay, UseCaseError> {
    if planned.booked {
        return Err(UseCaseError::DayBooked);
    }
    let b = Batch::from_doc(&planned.day.request).map_err(from_batch)?;
    let answer = batch::move_round(
        &b,
        &planned.day.answer,
        candidate,
        round,
        slots,
        planned.office,
    )?;
    let day = HiringDay {
        answer,
        ..planned.day.clone()
    };
    let view = view::draw(&day, planned.office).map_err(from_batch)?;
    let said = day
        .answer
        .scheduled
        .iter()
        .find(|s| s.candidate == candidate)
        .and_then(|s| s.rounds.iter().find(|r| r.round == round))
        .and_then(|r| {
            let c = b.candidates.iter().find(|c| c.id() == candidate)?;
            let p = &c.problem;
            let name = p.rounds.iter().find(|x| x.id == round)?.name.clone();
            let who = p
                .candidate
                .name
                .clone()
                .unwrap_or_else(|| p.candidate.id.clone());
            let z = planned.office;
            Some(format!(
                "{name} of {who} now starts at {} {} {}; the whole day still keeps every rule.",
                crate::display::date_label(z, r.start),
                crate::display::clock_label(z, r.start),
                crate::display::city(z)
            ))
        })
        .unwrap_or_default();
    Ok(MovedDay {
        planned: PlannedDay {
            day,
            office: planned.office,
            view,
            booked: false,
        },
        said,
    })
}

/// Plans the day the coordinator chose in the window ([`choose::DayForm`]): the request
/// built from the store, solved, and drawn on the office's clock.
pub fn plan(store: &Store, form: &choose::DayForm) -> Result<PlannedDay, UseCaseError> {
    let (req, office) = choose::request(store, form)?;
    let day = propose(store, &req)?;
    let view = view::draw(&day, office).map_err(from_batch)?;
    Ok(PlannedDay {
        day,
        office,
        view,
        booked: false,
    })
}

/// Writes the invites of `list` into one folder per candidate under `folder` (named
/// by their id): every candidate's files have the same names (`screen-candidate.ics`,
/// `loop.ics`), and a later update of one candidate's loop goes to their own folder.
fn send_each(
    store: &Store,
    list: &[Booking],
    folder: &std::path::Path,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Sent, UseCaseError> {
    let mut by_candidate: BTreeMap<&CandidateId, Vec<Booking>> = BTreeMap::new();
    for b in list {
        by_candidate
            .entry(&b.candidate)
            .or_default()
            .push(b.clone());
    }
    let mut all = Sent {
        folder: folder.display().to_string(),
        files: Vec::new(),
        sequence: 0,
        bookings: Vec::new(),
        calendars: Vec::new(),
    };
    for (id, theirs) in by_candidate {
        // An id is letters, digits, `.`, `_` and `-`: only a leading dot could name
        // something other than a folder inside `folder`.
        let name = id
            .as_str()
            .replacen('.', "_", usize::from(id.as_str().starts_with('.')));
        let one = loops::send(store, &theirs, &folder.join(&name), out, now)?;
        all.files
            .extend(one.files.iter().map(|f| format!("{name}/{f}")));
        all.sequence = all.sequence.max(one.sequence);
        all.bookings.extend(one.bookings);
    }
    Ok(all)
}

/// What booking a planned day did, for the window.
#[derive(Debug, Clone, Serialize)]
pub struct BookedDay {
    /// In words: how many candidates and interviews, where the invites went, whether
    /// the e-mails wait in the outbox.
    pub said: String,
    /// How many interviews were booked.
    pub rounds: usize,
    /// The invites written.
    pub sent: Sent,
}

/// Books every scheduled candidate of `day` ([`book_mailed`]: one transaction,
/// re-checked, the e-mails queued with it when `out` sends mail) and, when `folder` is
/// given, writes the invites of every round into it (a folder per candidate), as a
/// single booking does.
pub fn book_and_send(
    store: &Store,
    day: &HiringDay,
    folder: Option<&std::path::Path>,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Changed, UseCaseError> {
    let bookings = out.with_mailer(store, now, |m| book_mailed(store, day, now, m))?;
    let sent = folder
        .map(|f| send_each(store, &bookings, f, out, now))
        .transpose()?;
    Ok(Changed { bookings, sent })
}

/// Books every scheduled candidate of `planned` and writes the invites into `folder`
/// ([`book_and_send`]), saying in words what was done.
pub fn book_planned(
    store: &Store,
    planned: &PlannedDay,
    folder: &std::path::Path,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<BookedDay, UseCaseError> {
    if planned.booked {
        return Err(UseCaseError::DayBooked);
    }
    let bookings = out.with_mailer(store, now, |m| book_mailed(store, &planned.day, now, m))?;
    let sent = send_each(store, &bookings, folder, out, now)?;
    let who = planned.day.answer.scheduled.len();
    let said = format!(
        "Booked {who} candidate{}, {} interview{}; {} invite files written to {}, a folder per candidate{}.",
        if who == 1 { "" } else { "s" },
        bookings.len(),
        if bookings.len() == 1 { "" } else { "s" },
        sent.files.len(),
        sent.folder,
        if out.mail {
            "; the e-mails wait in the outbox"
        } else {
            ""
        }
    );
    Ok(BookedDay {
        said,
        rounds: bookings.len(),
        sent,
    })
}
