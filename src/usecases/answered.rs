//! What each invitee of a booking answered, read from the store: the invitation as last
//! sent, the answers to it, the booking's state from them (`usecases::replies` changes
//! them; the candidate's page and the outbox only read them, without importing the
//! change paths).

use super::UseCaseError;
use crate::answers::{status, AnswerStatus, BookingAnswers, Counter, Invitation, Invitee, Part};
use crate::domain::{Booking, BookingId, Candidate, Interviewer, InviteSent};
use crate::ical::export::audience_uid;
use crate::ical::itip::PartStat;
use crate::mail::outbox::{Delivery, Queued};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The booking whose invitations carry event UID `uid` (`bk-000042.tag-candidate@rondo`
/// is booking `bk-000042`'s candidate invitation), if it is one of this store's.
pub fn booking_of_uid(store: &Store, uid: &str) -> Result<Option<Booking>, UseCaseError> {
    let Some(id) = uid.split('.').next().filter(|id| id.starts_with("bk-")) else {
        return Ok(None);
    };
    let Ok(id) = BookingId::new(id) else {
        return Ok(None);
    };
    Ok(store.get::<Booking>(id.as_str())?.filter(|b| {
        ["candidate", "panel"]
            .iter()
            .any(|a| audience_uid(&b.uid, a) == uid)
    }))
}

/// When the version of `b` now stored was last sent: by e-mail (the outbox) or into a
/// folder (the sent-invite record), if it was.
fn sent_at(store: &Store, b: &Booking) -> Result<Option<DateTime<Utc>>, UseCaseError> {
    let by_mail = store
        .all::<Queued>()?
        .into_iter()
        .filter(|q| q.bookings.contains(&b.id) && q.message.sequence == b.sequence)
        .filter_map(|q| match q.delivery {
            Delivery::Sent { at, .. } => Some(at),
            _ => None,
        })
        .min();
    let by_file = store
        .get::<InviteSent>(b.id.as_str())?
        .filter(|s| s.sequence == b.sequence)
        .map(|s| s.at);
    Ok(by_mail.into_iter().chain(by_file).min())
}

/// Booking `b` as its answers see it: its two invitations' UIDs, its SEQUENCE, when that
/// version went out, and who is invited (the candidate and each interviewer).
pub fn invitation(store: &Store, b: &Booking) -> Result<Invitation, UseCaseError> {
    let c: Candidate = store.need(b.candidate.as_str())?;
    let mut invitees = vec![Invitee {
        email: c.email.trim().to_string(),
        name: c.name.clone(),
        part: Part::Candidate,
    }];
    for id in &b.interviewers {
        let i: Interviewer = store.need(id.as_str())?;
        invitees.push(Invitee {
            email: i.email.trim().to_string(),
            name: i.name.clone(),
            part: Part::Interviewer,
        });
    }
    invitees.retain(|i| !i.email.is_empty());
    Ok(Invitation {
        uids: vec![
            audience_uid(&b.uid, "candidate"),
            audience_uid(&b.uid, "panel"),
        ],
        recurrence_id: None,
        sequence: b.sequence,
        sent_at: sent_at(store, b)?,
        start: b.start,
        invitees,
    })
}

/// The answers stored for booking `id` (none yet: empty).
pub fn answers_of(store: &Store, id: &BookingId) -> Result<BookingAnswers, UseCaseError> {
    Ok(store
        .get::<BookingAnswers>(id.as_str())?
        .unwrap_or_else(|| BookingAnswers::new(id.clone())))
}

/// Booking `b`'s state from its answers ("2 of 3 accepted", "needs a replacement…").
pub fn answer_status(store: &Store, b: &Booking) -> Result<AnswerStatus, UseCaseError> {
    Ok(status(
        &invitation(store, b)?,
        &answers_of(store, &b.id)?.answers,
    ))
}

/// One invitee's answer to the version of a booking sent last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Said {
    /// Their name.
    pub name: String,
    /// Their address.
    pub email: String,
    /// Their part.
    pub part: Part,
    /// What they answered, in words ("accepted", "not answered").
    pub answer: String,
    /// True when they declined (or delegated): their seat needs someone else.
    pub declined: bool,
}

/// Each invitee of booking `b` with their answer to its current version, the booking's
/// state from them, and the proposed times waiting.
pub fn who_said(
    store: &Store,
    b: &Booking,
) -> Result<(Vec<Said>, AnswerStatus, Vec<Counter>), UseCaseError> {
    let inv = invitation(store, b)?;
    let held = answers_of(store, &b.id)?;
    let said = inv
        .invitees
        .iter()
        .map(|i| {
            let said = held
                .answers
                .current(&i.email, inv.sequence)
                .map_or(PartStat::NeedsAction, |a| a.partstat);
            Said {
                name: i.name.clone(),
                email: i.email.clone(),
                part: i.part,
                answer: said.words().to_string(),
                declined: matches!(said, PartStat::Declined | PartStat::Delegated),
            }
        })
        .collect();
    Ok((said, status(&inv, &held.answers), held.counters))
}
