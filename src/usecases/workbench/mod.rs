//! The scheduling workbench: the options found for one candidate and what the coordinator
//! makes of them before and after booking, with `now` passed in. The desktop window holds
//! one [`Workbench`] for its Schedule screen; every step is one call:
//!
//! - [`Workbench::find`]: options for a candidate, a plan and dates typed in their zone
//!   ([`horizon`]: whole local days, at most two months), found by the engine on what is
//!   stored; [`Workbench::relax`] accepts one of the engine's suggestions when nothing
//!   fits and finds again;
//! - [`Workbench::show`], [`Workbench::move_round`], [`Workbench::reset`],
//!   [`Workbench::swap`]: an option drawn on the candidate's day ([`view`]), a round moved
//!   by grid steps or a pool seat given to someone else, checked by the engine's rules at
//!   once;
//! - [`Workbench::book`]: the option as adjusted, booked with the store's re-check and
//!   its invites written; [`Workbench::send_update`]: its moved rounds moved together
//!   ([`super::loops::reschedule`], all or nothing) and their updated invites written.
//!
//! The state is locked only briefly: the engine runs outside the lock, so the window can
//! keep asking for views while options are found.

pub mod horizon;
pub mod view;

use super::connected::reading;
use super::loops::{self, Outbox, Sent};
use super::propose::{adjust_option, propose_detailed, ProposeRequest};
use super::{bookings, relax, UseCaseError};
use crate::domain::{Booking, BookingId, CandidateId, PlanId};
use crate::problem::Problem;
use crate::solution::{PlacedRound, SolutionDoc};
use crate::store::Store;
use crate::swap::{self, Choice};
use chrono::{DateTime, Utc};
use horizon::FindForm;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};
use view::{answer_view, schedule_view, view_at_round, AnswerView, ScheduleView};

/// The options found for one candidate, and what the coordinator made of them.
#[derive(Debug, Clone)]
struct Session {
    /// Who is scheduled.
    candidate: CandidateId,
    /// The plan used.
    plan: PlanId,
    /// What was proposed for (a relaxation may change it).
    request: ProposeRequest,
    /// The request the engine got, validated (the timeline draws on it).
    problem: Problem,
    /// The engine's answer.
    answer: SolutionDoc,
    /// Each option as adjusted by hand (starts as the engine's).
    edited: Vec<Vec<PlacedRound>>,
    /// The option booked, with its bookings as stored.
    booked: Option<BookedLoop>,
    /// What reading the linked calendars before the search said, in words.
    calendar_notes: Vec<String>,
}

/// An option of the session that was booked.
#[derive(Debug, Clone)]
struct BookedLoop {
    /// The option's index.
    option: usize,
    /// Its bookings as last stored.
    bookings: Vec<Booking>,
}

impl Session {
    /// Option `index` as adjusted, or an error that says to pick one of those listed.
    fn option(&self, index: usize) -> Result<&[PlacedRound], UseCaseError> {
        self.edited
            .get(index)
            .map(Vec::as_slice)
            .ok_or(UseCaseError::OptionMissing {
                option: index + 1,
                count: self.edited.len(),
            })
    }

    /// The options as the engine answered `request` for `plan`.
    fn new(plan: PlanId, request: ProposeRequest, problem: Problem, answer: SolutionDoc) -> Self {
        Session {
            candidate: request.candidate.clone(),
            plan,
            request,
            edited: answer.options.iter().map(|o| o.rounds.clone()).collect(),
            problem,
            answer,
            booked: None,
            calendar_notes: Vec::new(),
        }
    }
}

/// The scheduling workbench: at most one candidate's options at a time (see the module
/// doc). Safe to share between threads.
#[derive(Debug, Default)]
pub struct Workbench {
    session: Mutex<Option<Session>>,
}

impl Workbench {
    fn lock(&self) -> MutexGuard<'_, Option<Session>> {
        // A panic while the lock was held leaves a whole value (it is replaced whole).
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the session, or says to find options first.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, UseCaseError>,
    ) -> Result<T, UseCaseError> {
        f(self.lock().as_mut().ok_or(UseCaseError::NoWorkbench)?)
    }

    /// Proposes for `request` (the engine runs here, outside the lock) and makes the
    /// result the options worked on, shown with `calendar_notes`.
    fn propose(
        &self,
        store: &Store,
        request: ProposeRequest,
        plan: PlanId,
        now: DateTime<Utc>,
        calendar_notes: Vec<String>,
    ) -> Result<AnswerView, UseCaseError> {
        let proposed = propose_detailed(store, &request, now)?;
        let mut session = Session::new(plan, request, proposed.problem, proposed.answer);
        session.calendar_notes = calendar_notes;
        let view = answer_view(&session);
        *self.lock() = Some(session);
        Ok(view)
    }

    /// Finds options for the candidate, plan and dates of `form` (their zone's whole
    /// days) on what is stored, and works on them from now on. Linked calendars read
    /// more than a few minutes ago are read first ([`reading::refresh_stale`]); one
    /// that cannot be read blocks nothing, and the answer says so in words.
    pub fn find(
        &self,
        store: &Store,
        form: &FindForm,
        now: DateTime<Utc>,
    ) -> Result<AnswerView, UseCaseError> {
        let (request, plan) = horizon::request(store, form)?;
        let refreshed = reading::refresh_stale(store, now)?;
        self.propose(store, request, plan, now, refreshed.notes)
    }

    /// Makes the change the engine suggested (relaxation `index` of the answer) to what
    /// is stored and finds options again; returns the change in words and the answer.
    pub fn relax(
        &self,
        store: &Store,
        index: usize,
        now: DateTime<Utc>,
    ) -> Result<(String, AnswerView), UseCaseError> {
        let (request, plan, kind) = self.with(|s| {
            let kind = s
                .answer
                .diagnosis
                .as_ref()
                .and_then(|d| d.relaxations.get(index))
                .map(|r| r.kind.clone())
                .ok_or(UseCaseError::SuggestionGone)?;
            Ok((s.request.clone(), s.plan.clone(), kind))
        })?;
        let accepted = relax::accept(store, &request, &plan, &kind)?;
        let view = self.propose(store, accepted.request, plan, now, Vec::new())?;
        Ok((accepted.changed, view))
    }

    /// The answer as shown (after any manual moves); none before a search.
    pub fn answer(&self) -> Option<AnswerView> {
        self.lock().as_ref().map(answer_view)
    }

    /// Option `option` (0 = the first) drawn on the candidate's day `day` (the busiest
    /// day when absent).
    pub fn show(&self, option: usize, day: Option<usize>) -> Result<ScheduleView, UseCaseError> {
        self.with(|s| schedule_view(s, option, day))
    }

    /// Moves round `round` of option `option` by `slots` grid steps and draws the day it
    /// now starts on, with the rules it breaks, if any.
    pub fn move_round(
        &self,
        option: usize,
        round: &str,
        slots: i64,
    ) -> Result<ScheduleView, UseCaseError> {
        self.with(|s| {
            let moved = crate::display::shift_round(&s.problem, s.option(option)?, round, slots)?;
            s.edited[option] = moved;
            view_at_round(s, option, round)
        })
    }

    /// Puts option `option` back as the engine proposed it, or as booked when it is the
    /// booked one.
    pub fn reset(&self, option: usize) -> Result<ScheduleView, UseCaseError> {
        self.with(|s| {
            let booked = s.booked.as_ref().filter(|b| b.option == option).map(|b| {
                b.bookings
                    .iter()
                    .map(bookings::placed_round)
                    .collect::<Vec<_>>()
            });
            let original =
                booked.or_else(|| s.answer.options.get(option).map(|o| o.rounds.clone()));
            if let (Some(rounds), Some(slot)) = (original, s.edited.get_mut(option)) {
                *slot = rounds;
            }
            schedule_view(s, option, None)
        })
    }

    /// Who could take `out`'s seat in round `round` of option `option`, best first.
    pub fn swap_choices(
        &self,
        option: usize,
        round: &str,
        out: &str,
    ) -> Result<Vec<Choice>, UseCaseError> {
        self.with(|s| Ok(swap::choices(&s.problem, s.option(option)?, round, out)?))
    }

    /// Puts `into` in `out`'s seat of round `round` and draws the option again (refused
    /// for the booked option, whose interviewers are fixed).
    pub fn swap(
        &self,
        option: usize,
        round: &str,
        out: &str,
        into: &str,
    ) -> Result<ScheduleView, UseCaseError> {
        self.with(|s| {
            if s.booked.as_ref().is_some_and(|b| b.option == option) {
                return Err(UseCaseError::SeatsFixed);
            }
            let swapped = swap::swap(&s.problem, s.option(option)?, round, out, into)?;
            s.edited[option] = swapped;
            view_at_round(s, option, round)
        })
    }

    /// The booked option drawn again (after an update); the first option when none is
    /// booked.
    pub fn booked_view(&self) -> Result<ScheduleView, UseCaseError> {
        self.with(|s| {
            let option = s.booked.as_ref().map_or(0, |b| b.option);
            schedule_view(s, option, None)
        })
    }

    /// Books option `option` as adjusted (re-checked by the store inside its transaction)
    /// and writes its invites into `folder`.
    pub fn book(
        &self,
        store: &Store,
        option: usize,
        folder: &Path,
        out: &Outbox,
        now: DateTime<Utc>,
    ) -> Result<Sent, UseCaseError> {
        let (candidate, rounds) = self.with(|s| {
            if s.booked.is_some() {
                return Err(UseCaseError::AlreadyBooked);
            }
            let placed = s.option(option)?;
            if let Some(v) = crate::engine::check(&s.problem, placed).into_iter().next() {
                return Err(UseCaseError::Breaks { message: v.message });
            }
            Ok((s.candidate.clone(), placed.to_vec()))
        })?;
        adjust_option(store, &candidate, option + 1, &rounds)?;
        // Read here so the coordinator is told; the booking's own read finds them fresh.
        let refreshed = reading::refresh_stale(store, now)?;
        let booked = out.with_mailer(store, now, |m| {
            bookings::book_mailed(store, &candidate, option + 1, now, m)
        })?;
        if let Some(s) = self.lock().as_mut().filter(|s| s.candidate == candidate) {
            s.booked = Some(BookedLoop {
                option,
                bookings: booked.clone(),
            });
        }
        let mut sent = loops::send(store, &booked, folder, out, now)?;
        sent.calendars = refreshed.notes;
        Ok(sent)
    }

    /// Moves the booked option's moved rounds together, all or nothing
    /// ([`loops::reschedule`]: same UIDs, SEQUENCE + 1, re-checked against what is
    /// stored), and writes their updated invites where the first ones went (`fallback`
    /// when they were never written).
    pub fn send_update(
        &self,
        store: &Store,
        fallback: Option<&Path>,
        out: &Outbox,
        now: DateTime<Utc>,
    ) -> Result<Sent, UseCaseError> {
        let (candidate, moves, list) = self.with(|s| {
            let b = s.booked.as_ref().ok_or(UseCaseError::NotBooked)?;
            let placed = s.option(b.option)?;
            if let Some(v) = crate::engine::check(&s.problem, placed).into_iter().next() {
                return Err(UseCaseError::Breaks { message: v.message });
            }
            let moves: Vec<(BookingId, DateTime<Utc>)> = b
                .bookings
                .iter()
                .filter_map(|x| {
                    placed
                        .iter()
                        .find(|r| r.round == x.round.as_str() && r.start != x.start)
                        .map(|r| (x.id.clone(), r.start))
                })
                .collect();
            Ok((s.candidate.clone(), moves, b.bookings.clone()))
        })?;
        if moves.is_empty() {
            return Err(UseCaseError::NothingMoved);
        }
        let folder = loops::sent_folder(&super::invites::SentLog::load(store)?, &list)
            .or_else(|| fallback.map(Path::to_path_buf))
            .ok_or(UseCaseError::NoInviteFolder)?;
        let changed = loops::reschedule(store, &moves, Some(&folder), out, now)?;
        if let Some(b) = self
            .lock()
            .as_mut()
            .filter(|s| s.candidate == candidate)
            .and_then(|s| s.booked.as_mut())
        {
            for c in &changed.bookings {
                if let Some(x) = b.bookings.iter_mut().find(|x| x.id == c.id) {
                    *x = c.clone();
                }
            }
        }
        changed.sent.ok_or(UseCaseError::NoInviteFolder)
    }

    /// Forgets the options of `candidate` (their loop was cancelled).
    pub fn forget(&self, candidate: &CandidateId) {
        let mut s = self.lock();
        if s.as_ref().is_some_and(|s| &s.candidate == candidate) {
            *s = None;
        }
    }

    /// Forgets everything (the stored data was replaced).
    pub fn clear(&self) {
        *self.lock() = None;
    }
}
