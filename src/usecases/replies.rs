//! Answers to the invitations Rondo sent, applied to the stored bookings: a reply saved
//! as `.eml` or `.ics` is read ([`crate::mail::inbound`]), each iTIP message in it is
//! matched to its booking by UID and judged ([`crate::answers::judge`]), and only a
//! judged change is stored (tree `answers`, by booking). A counter-proposal is kept
//! beside the answers until the coordinator accepts it (the interview moves, the update
//! goes to everyone: [`accept_counter`]) or declines it ([`decline_counter`]: a
//! DECLINECOUNTER goes to the person who proposed). A REFRESH queues the current
//! invite again for the person who asked. Mail goes through the outbox when mail is set
//! up ([`Outbox::mail`]); otherwise the outcome says what to do.
//!
//! Nothing a refused message says is stored: each [`Outcome`] says what changed, or why
//! nothing did.

use super::loops::{self, Outbox};
use super::UseCaseError;
use crate::answers::{judge, BookingAnswers, Counter, Incoming};
use crate::domain::{Booking, BookingId};
use crate::ical::itip::ItipMessage;
use crate::mail::inbound::read_reply;
use crate::mail::outbox::Queued;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub use super::answered::{answer_status, answers_of, booking_of_uid, invitation, who_said, Said};

/// Changes the answers stored for booking `id` with `f` and stores them (one record,
/// written whole).
fn change_answers(
    store: &Store,
    id: &BookingId,
    f: impl FnOnce(&mut BookingAnswers),
) -> Result<(), UseCaseError> {
    let mut a = answers_of(store, id)?;
    f(&mut a);
    Ok(store.put(&a)?)
}

pub use crate::answers::Outcome;

/// Reads the reply saved in `bytes` (`.eml` or `.ics`) and applies each of its messages
/// to the booking it answers, at `now`; a REFRESH queues the current invite for the
/// person who asked when `out` mails. A file that holds no answer at all is an error;
/// each message refused inside a readable file is an [`Outcome`] saying why.
///
/// # Errors
/// [`UseCaseError::Reply`] when the file holds no readable answer; store failures.
pub fn import(
    store: &Store,
    bytes: &[u8],
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, UseCaseError> {
    let file = read_reply(bytes)?;
    let mut done = Vec::with_capacity(file.messages.len());
    for msg in &file.messages {
        done.push(apply(store, msg, file.from.as_deref(), out, now)?);
    }
    Ok(done)
}

/// Queues `q` unless a message with its Message-ID is already in the outbox; true when
/// it was added.
fn queue_once(store: &Store, q: &Queued) -> Result<bool, UseCaseError> {
    match store.insert_new(q) {
        Ok(()) => Ok(true),
        Err(crate::store::StoreError::Exists { .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// What a REFRESH from `email` for booking `b` (asked at `asked_at`) does: the current
/// invite queued for them alone when mail is set up, else what to do.
fn refresh(
    store: &Store,
    b: &Booking,
    email: &str,
    asked_at: DateTime<Utc>,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<(String, bool), UseCaseError> {
    if !out.mail {
        return Ok((
            format!(
                "{email} asks for the invitation again (booking {}): set up mail \
                 (`rondo mail setup`) for Rondo to send it, or send them the invite file",
                b.id
            ),
            false,
        ));
    }
    let Some(q) = super::mail::resend_to(store, b, email, &out.organizer, asked_at, now)? else {
        return Ok((
            format!("{email} asks for the invitation again but does not receive it"),
            false,
        ));
    };
    Ok(if queue_once(store, &q)? {
        (
            format!(
                "{email} asks for the invitation again: version {} queued for them \
                 (`rondo outbox send`)",
                b.sequence
            ),
            true,
        )
    } else {
        (
            format!("{email}'s request for the invitation again is already in the outbox"),
            false,
        )
    })
}

fn apply(
    store: &Store,
    msg: &ItipMessage,
    from: Option<&str>,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Outcome, UseCaseError> {
    if let Some(done) = super::holds::answer(store, msg, from, out, now)? {
        return Ok(done);
    }
    let Some(b) = booking_of_uid(store, &msg.uid)? else {
        return Ok(Outcome {
            uid: msg.uid.clone(),
            booking: None,
            said: format!(
                "no interview of this Rondo has the event {}: the answer is for another \
                 invitation, or for data restored since",
                msg.uid
            ),
            changed: false,
            status: None,
        });
    };
    let inv = invitation(store, &b)?;
    let seen = answers_of(store, &b.id)?;
    let (said, changed) = match judge(&inv, &seen.answers, msg, from) {
        Err(why) => (why.to_string(), false),
        Ok(Incoming::Answer(change)) => {
            change_answers(store, &b.id, |a| a.answers.record(&change))?;
            let before = change
                .before
                .map_or("no answer".to_string(), |p| p.words().to_string());
            (
                format!(
                    "{}: {} (was {before})",
                    if change.name.is_empty() {
                        &change.email
                    } else {
                        &change.name
                    },
                    change.answer.partstat.words()
                ),
                true,
            )
        }
        Ok(Incoming::Counter(counter)) => {
            let text = format!(
                "{} proposes {} – {} instead: accept with `rondo reply accept {} {}` or decline \
                 with `rondo reply decline {} {}`",
                counter.name,
                counter.start.to_rfc3339(),
                counter.end.to_rfc3339(),
                b.id,
                counter.email,
                b.id,
                counter.email
            );
            change_answers(store, &b.id, |a| {
                a.counters.retain(|x| x.email != counter.email);
                a.counters.push(counter.clone());
            })?;
            (text, true)
        }
        Ok(Incoming::Refresh { email }) => refresh(store, &b, &email, msg.dtstamp, out, now)?,
    };
    Ok(Outcome {
        uid: msg.uid.clone(),
        booking: Some(b.id.clone()),
        said,
        changed,
        status: Some(answer_status(store, &b)?.label()),
    })
}

/// The time `email` proposed for `booking`, waiting.
fn find_counter(store: &Store, booking: &BookingId, email: &str) -> Result<Counter, UseCaseError> {
    let email = crate::ical::itip::mail_address(email);
    answers_of(store, booking)?
        .counters
        .into_iter()
        .find(|c| crate::ical::itip::mail_address(&c.email) == email)
        .ok_or_else(|| UseCaseError::NoCounter {
            booking: booking.to_string(),
            email,
        })
}

/// Forgets the time `email` proposed for `booking`, returning it.
fn take_counter(store: &Store, booking: &BookingId, email: &str) -> Result<Counter, UseCaseError> {
    let counter = find_counter(store, booking, email)?;
    let email = crate::ical::itip::mail_address(email);
    change_answers(store, booking, |a| {
        a.counters
            .retain(|c| crate::ical::itip::mail_address(&c.email) != email);
    })?;
    Ok(counter)
}

/// Accepts the time `email` proposed for `booking`: the interview moves there (same
/// length, re-checked like any move: a time that breaks a rule is refused and the
/// proposal kept) and its update goes to everyone (SEQUENCE + 1), e-mailed when mail is
/// set up, written into `folder` when given.
pub fn accept_counter(
    store: &Store,
    booking: &BookingId,
    email: &str,
    folder: Option<&std::path::Path>,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<loops::Changed, UseCaseError> {
    let counter = find_counter(store, booking, email)?;
    let changed = loops::reschedule(store, &[(booking.clone(), counter.start)], folder, out, now)?;
    take_counter(store, booking, email)?;
    Ok(changed)
}

/// A proposed time turned down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declined {
    /// The proposal, now forgotten.
    pub counter: Counter,
    /// The Message-ID of the DECLINECOUNTER queued for the person who proposed it, when
    /// mail is set up.
    pub queued: Option<String>,
}

/// Declines the time `email` proposed for `booking`: a DECLINECOUNTER is queued for
/// them when `out` mails (the interview as it stands), then the proposal is forgotten;
/// the interview stays as it is. Queued first: a crash between the two leaves the
/// proposal, and declining it again finds its message already queued.
pub fn decline_counter(
    store: &Store,
    booking: &BookingId,
    email: &str,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Declined, UseCaseError> {
    let counter = find_counter(store, booking, email)?;
    let mut queued = None;
    if out.mail {
        let b: Booking = store.need(booking.as_str())?;
        if let Some(q) = super::mail::decline_to(
            store,
            &b,
            &counter.email,
            counter.start,
            &out.organizer,
            now,
        )? {
            queue_once(store, &q)?;
            queued = Some(q.id);
        }
    }
    let counter = take_counter(store, booking, email)?;
    Ok(Declined { counter, queued })
}
