//! A seat of a booked interview given to someone else, when an interviewer declined
//! ("needs a replacement"): who could take it ([`choices`]: members of the plan's pool
//! that seat was filled from, not already in the loop, with whom the whole loop still
//! holds, the least loaded first) and the change itself ([`replace`]: the booking keeps
//! its UID and time, SEQUENCE + 1, re-checked inside the store's transaction like any
//! loop change). When mail is set up the update goes to everyone still invited and a
//! CANCEL to the person who left, in the same transaction.

use super::bookings::{guarded, loop_of, LoopChange};
use super::connected::team;
use super::loops::{self, Changed, Outbox};
use super::UseCaseError;
use crate::domain::{Booking, BookingId, Interviewer, InterviewerId, Need, Plan};
use crate::ical::export::Method;
use crate::mail::outbox::Queued;
use crate::store::Store;
use crate::swap::{Choice, SwapError};
use chrono::{DateTime, Utc};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::Path;

/// Booking `b` (as stored) with `into` in the seat of `out`, SEQUENCE + 1, made at
/// `now`.
fn restaffed(
    b: &Booking,
    out: &InterviewerId,
    into: &InterviewerId,
    now: DateTime<Utc>,
) -> Result<Booking, UseCaseError> {
    if !b.status.is_live() {
        return Err(UseCaseError::Closed {
            booking: b.id.to_string(),
            status: b.status,
        });
    }
    if !b.interviewers.contains(out) {
        return Err(SwapError::NotInRound(out.to_string(), b.round_name.clone()).into());
    }
    let mut b = b.clone();
    for seat in b.interviewers.iter_mut().filter(|i| *i == out) {
        *seat = into.clone();
    }
    b.sequence += 1;
    b.updated_at = now;
    Ok(b)
}

/// The people who could take `out`'s seat in booking `booking`, best first: members of
/// the pools the stored plan fills that round from (those `out` belongs to), not named
/// by the plan, not already in the candidate's loop, and with whom the loop breaks no
/// rule it did not break before; the fewest interviews booked in the week around it
/// first, then by name. Every person is checked in one transaction that writes nothing.
///
/// # Errors
/// [`UseCaseError::Swap`] when `out` is not in the booking or the plan names them for
/// that round; store errors.
pub fn choices(
    store: &Store,
    booking: &BookingId,
    out: &InterviewerId,
) -> Result<Vec<Choice>, UseCaseError> {
    let b: Booking = store.need(booking.as_str())?;
    let leaving: Interviewer = store.need(out.as_str())?;
    if !b.interviewers.contains(out) {
        return Err(SwapError::NotInRound(leaving.name, b.round_name).into());
    }
    let plan: Option<Plan> = store.get(b.plan.as_str())?;
    let needs: Vec<Need> = plan
        .as_ref()
        .and_then(|p| p.round(&b.round))
        .map(|r| r.needs.clone())
        .unwrap_or_default();
    if needs.contains(&Need::Person(out.clone())) {
        return Err(SwapError::Named(leaving.name).into());
    }
    let pools: BTreeSet<&str> = needs
        .iter()
        .filter_map(|n| match n {
            Need::Pool { pool, .. } if leaving.pools.iter().any(|p| p == pool) => {
                Some(pool.as_str())
            }
            Need::Pool { .. } | Need::Person(_) => None,
        })
        .collect();
    let named: BTreeSet<InterviewerId> = plan
        .as_ref()
        .map(super::propose::named_people)
        .unwrap_or_default();
    let taken: BTreeSet<InterviewerId> = loop_of(store, std::slice::from_ref(&b))?
        .iter()
        .flat_map(|x| x.people().cloned())
        .collect();
    let mut tried: Vec<(Interviewer, LoopChange)> = Vec::new();
    for who in store.all::<Interviewer>()? {
        if taken.contains(&who.id)
            || named.contains(&who.id)
            || !who.pools.iter().any(|p| pools.contains(p.as_str()))
        {
            continue;
        }
        let change = LoopChange::of(store, vec![restaffed(&b, out, &who.id, b.updated_at)?])?;
        tried.push((who, change));
    }
    // The write's own re-check of each, in one transaction that writes nothing.
    let holds: RefCell<Vec<bool>> = RefCell::new(Vec::new());
    super::bookings::write(store, &[], None, |view| {
        let mut found = Vec::with_capacity(tried.len());
        for (_, change) in &tried {
            match change.check(view) {
                Ok(()) => found.push(true),
                Err(UseCaseError::Conflict { .. }) => found.push(false),
                Err(e) => return Err(e),
            }
        }
        *holds.borrow_mut() = found;
        Ok(())
    })?;
    let day = crate::store::codec::day_number(b.start);
    let mut found = Vec::new();
    for ((who, _), free) in tried.iter().zip(holds.into_inner()) {
        if !free {
            continue;
        }
        let booked = store.interviewer_days(&who.id, day - 3, day + 3)?.len();
        found.push(Choice {
            id: who.id.to_string(),
            name: who.name.clone(),
            booked,
        });
    }
    found.sort_by(|a, b| (a.booked, &a.name).cmp(&(b.booked, &b.name)));
    Ok(found)
}

/// Gives `out`'s seat in booking `booking` to `into` (one of the [`choices`]): the
/// booking keeps its time and UID, SEQUENCE + 1, re-checked inside the store's
/// transaction. When `outbox` mails, the update to the candidate and the new panel and
/// a CANCEL to `out` are queued in the same transaction; when `folder` is given the
/// update's invites are written there too.
///
/// # Errors
/// [`UseCaseError::Swap`] when `into` is not one of the choices;
/// [`UseCaseError::Conflict`] when the store changed meanwhile and the loop no longer
/// holds; [`UseCaseError::NoAddress`] when someone has no e-mail address.
pub fn replace(
    store: &Store,
    booking: &BookingId,
    out: &InterviewerId,
    into: &InterviewerId,
    folder: Option<&Path>,
    outbox: &Outbox,
    now: DateTime<Utc>,
) -> Result<Changed, UseCaseError> {
    if !choices(store, booking, out)?
        .iter()
        .any(|c| c.id == into.as_str())
    {
        return Err(SwapError::NotEligible(into.to_string()).into());
    }
    let old: Booking = store.need(booking.as_str())?;
    let new = restaffed(&old, out, into, now)?;
    let leaving: Interviewer = store.need(out.as_str())?;
    let change = LoopChange::of(store, vec![new])?;
    let guard = team::before(store, &change.changed, now)?;
    outbox.with_mailer(store, now, |mail| {
        let with_cancel = |list: &[Booking]| -> Result<Vec<Queued>, UseCaseError> {
            let mut all = match mail {
                Some(make) => make(list)?,
                None => Vec::new(),
            };
            let mut gone = old.clone();
            gone.sequence += 1;
            all.extend(removed(
                store,
                &gone,
                &leaving.email,
                &outbox.organizer,
                now,
            )?);
            Ok(all)
        };
        let mailer: Option<super::bookings::Mailer<'_>> = if mail.is_some() {
            Some(&with_cancel)
        } else {
            None
        };
        guarded(
            store,
            guard,
            &change.changed,
            &change.round_loop,
            mailer,
            now,
            |view| change.check(view),
        )
    })?;
    loops::written(store, change.changed, folder, outbox, now)
}

/// The CANCEL of booking `gone` (its panel invite as it was, at the new SEQUENCE) for
/// `email` alone, the one attendee left in it.
fn removed(
    store: &Store,
    gone: &Booking,
    email: &str,
    organizer: &crate::ical::export::Person,
    now: DateTime<Utc>,
) -> Result<Option<Queued>, UseCaseError> {
    let all = super::mail::addressed(
        store,
        std::slice::from_ref(gone),
        organizer,
        |_| Method::Cancel,
        now,
    )?;
    let Some(mut one) = all
        .iter()
        .filter(|a| !a.for_candidate)
        .find_map(|a| a.only_to(email))
    else {
        return Ok(None);
    };
    let wanted = crate::ical::itip::mail_address(email);
    one.invite
        .attendees
        .retain(|a| crate::ical::itip::mail_address(&a.person.email) == wanted);
    one.queued("removed", now).map(Some)
}
