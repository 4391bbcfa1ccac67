//! What an answer to an invitation changes: the pure decisions over typed bookings,
//! before any store is involved.
//!
//! A booking is invited as an [`Invitation`]: the event UIDs it was sent under (the
//! candidate's and the panel's), the occurrence (none for a single event), its current
//! SEQUENCE and the DTSTAMP that version was sent with, and the people invited, each
//! with their part ([`Part`]). [`Answers`] holds what each person answered so far.
//! [`judge`] takes one incoming iTIP message and says what it does — a new answer for
//! one person ([`Incoming::Answer`]), a proposed new time ([`Incoming::Counter`]), a
//! request for the invite again ([`Incoming::Refresh`]) — or why it changes nothing
//! ([`Rejection`], always in words). [`Answers::record`] applies an answer; nothing
//! else changes the answers, so a rejected message cannot change anything.
//!
//! The rules (RFC 5546 §3.2.3, with what real clients send):
//! - Match by UID and RECURRENCE-ID; a UID the booking was not sent under is refused.
//! - A reply to an older SEQUENCE answers a time that no longer holds: ignored, saying
//!   so. A reply without SEQUENCE (Google leaves it out) answers the current version
//!   when it was made after that version was sent and names the booking's time (or
//!   none); otherwise it is as stale as one with SEQUENCE 0.
//! - When one person answers twice, the later DTSTAMP wins; an answer with the same
//!   DTSTAMP and the same word is a duplicate and changes nothing.
//! - Only invited people answer: anyone else is refused, saying who. Only that
//!   person's PARTSTAT changes.
//!
//! [`status()`] derives the booking's state from the answers ("2 of 3 accepted",
//! "needs a replacement", …); [`pick`] reads the candidate's answer to a set of
//! options.

pub mod pick;
pub mod status;

pub use status::{status, AnswerStatus};

use crate::ical::itip::{mail_address, ItipMessage, ItipMethod, PartStat};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Someone's part in a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The candidate: a decline means the interview must move.
    Candidate,
    /// An interviewer who must be there: a decline means someone else must sit in.
    Interviewer,
    /// An optional attendee (a shadow): their answer never blocks the booking.
    Optional,
}

/// One invited person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitee {
    /// Their mail address (matched without regard to case).
    pub email: String,
    /// Their name, for messages.
    pub name: String,
    /// Their part.
    pub part: Part,
}

/// A booking as its answers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// The event UIDs the booking's invites were sent under (candidate's and panel's).
    pub uids: Vec<String>,
    /// The occurrence, for one instance of a series; `None` for a single event.
    pub recurrence_id: Option<DateTime<Utc>>,
    /// The SEQUENCE of the version sent last.
    pub sequence: u32,
    /// The DTSTAMP that version was sent with, when known.
    pub sent_at: Option<DateTime<Utc>>,
    /// The booking's start as sent (a reply naming another time answers another version).
    pub start: DateTime<Utc>,
    /// Who is invited.
    pub invitees: Vec<Invitee>,
}

impl Invitation {
    /// The invitee with address `email` (any case, with or without `mailto:`).
    pub fn invitee(&self, email: &str) -> Option<&Invitee> {
        let email = mail_address(email);
        self.invitees
            .iter()
            .find(|i| mail_address(&i.email) == email)
    }
}

/// One person's recorded answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// What they said.
    pub partstat: PartStat,
    /// The DTSTAMP of the message that said it.
    pub dtstamp: DateTime<Utc>,
    /// The SEQUENCE it answers (the current one when the message had none and was
    /// judged current).
    pub sequence: u32,
    /// What they wrote with it.
    pub comment: Option<String>,
}

/// What each invitee answered, by lower-cased address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    /// By address.
    pub by_email: BTreeMap<String, Answer>,
}

impl Answers {
    /// The answer of `email` that holds for SEQUENCE `sequence`: an answer to an older
    /// version no longer counts once the time changed.
    pub fn current(&self, email: &str, sequence: u32) -> Option<&Answer> {
        self.by_email
            .get(&mail_address(email))
            .filter(|a| a.sequence == sequence)
    }

    /// Records `change` (from [`judge`]).
    pub fn record(&mut self, change: &Change) {
        self.by_email
            .insert(mail_address(&change.email), change.answer.clone());
    }
}

/// A new answer for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Who (their address as invited).
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their part.
    pub part: Part,
    /// What they had answered before for this version, if anything.
    pub before: Option<PartStat>,
    /// The answer now.
    pub answer: Answer,
}

/// A proposed new time (COUNTER), for the coordinator to accept or decline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counter {
    /// Who proposes.
    pub email: String,
    /// Their name.
    pub name: String,
    /// The proposed start.
    pub start: DateTime<Utc>,
    /// The proposed end.
    pub end: DateTime<Utc>,
    /// What they wrote.
    pub comment: Option<String>,
}

/// What a valid incoming message asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Incoming {
    /// A REPLY: record this answer.
    Answer(Change),
    /// A COUNTER: a new time proposed.
    Counter(Counter),
    /// A REFRESH: send this person the current invite again.
    Refresh {
        /// Who asks.
        email: String,
    },
}

/// Why a message changes nothing. Every variant says why in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Rejection {
    /// The UID is not one this booking was sent under.
    #[error("the answer is for event {uid}, which is not one of this booking's invitations")]
    OtherEvent {
        /// The UID answered.
        uid: String,
    },
    /// It answers another occurrence than the one sent.
    #[error("the answer is for another occurrence of the event than the one Rondo sent")]
    OtherOccurrence,
    /// It answers an older version.
    #[error(
        "{who} answered version {answered} of the invitation, but it has changed since \
         (version {current} was sent): their answer to the old time is ignored"
    )]
    Stale {
        /// Who.
        who: String,
        /// The SEQUENCE answered.
        answered: u32,
        /// The SEQUENCE sent last.
        current: u32,
    },
    /// It answers a version newer than any Rondo sent.
    #[error(
        "{who} answered version {answered} of the invitation, but Rondo sent version \
         {current} at most: the answer is not for an invitation Rondo sent"
    )]
    FromTheFuture {
        /// Who.
        who: String,
        /// The SEQUENCE answered.
        answered: u32,
        /// The SEQUENCE sent last.
        current: u32,
    },
    /// The person answered again later than this message.
    #[error("{who} answered again later ({later}): this older answer ({older}) is ignored")]
    Superseded {
        /// Who.
        who: String,
        /// This message's DTSTAMP.
        older: DateTime<Utc>,
        /// The DTSTAMP of the answer on record.
        later: DateTime<Utc>,
    },
    /// Exactly this answer is already recorded.
    #[error("{who} already answered {partstat}: nothing changes")]
    Duplicate {
        /// Who.
        who: String,
        /// Their answer.
        partstat: String,
    },
    /// Someone who was not invited.
    #[error("{email} was not invited to this interview: their answer is refused")]
    NotInvited {
        /// Their address.
        email: String,
    },
    /// No attendee in the message, or several and none can be told apart.
    #[error("the answer does not say who is answering ({why})")]
    NoReplier {
        /// What was found.
        why: String,
    },
    /// The message answers nothing (NEEDS-ACTION).
    #[error("{who}'s message gives no answer (participation \"not answered\")")]
    NoAnswer {
        /// Who.
        who: String,
    },
    /// A COUNTER without a usable proposed time.
    #[error("{who} proposed a new time but the message has no readable start and end")]
    NoProposedTime {
        /// Who.
        who: String,
    },
    /// A proposed time or a refresh where a choice among options was expected.
    #[error("a {method} message is not a choice among the options offered: accept one of them")]
    NotAPick {
        /// The METHOD.
        method: String,
    },
    /// A method that attendees do not send to an organizer.
    #[error(
        "this is a {method} message, which an organizer sends, not an answer: Rondo is the \
         organizer of its interviews"
    )]
    NotAnAnswer {
        /// The METHOD.
        method: String,
    },
}

/// The person who sent `msg`: its only attendee; or, when it lists several, the one
/// whose address is `from` (the e-mail's sender); or the only one who answered.
fn replier<'m>(msg: &'m ItipMessage, from: Option<&str>) -> Result<&'m str, Rejection> {
    match msg.attendees.as_slice() {
        [] => Err(Rejection::NoReplier {
            why: "no ATTENDEE in it".into(),
        }),
        [only] => Ok(&only.email),
        many => {
            if let Some(f) = from.map(mail_address) {
                if let Some(a) = many.iter().find(|a| a.email == f) {
                    return Ok(&a.email);
                }
            }
            let answered: Vec<_> = many
                .iter()
                .filter(|a| a.partstat != PartStat::NeedsAction)
                .collect();
            match answered.as_slice() {
                [one] => Ok(&one.email),
                _ => Err(Rejection::NoReplier {
                    why: format!("{} attendees are listed and none is the sender", many.len()),
                }),
            }
        }
    }
}

/// The SEQUENCE `msg` answers, judged against `inv` (see the module's rules).
fn answered_sequence(inv: &Invitation, msg: &ItipMessage, who: &str) -> Result<u32, Rejection> {
    let answered = match msg.sequence {
        Some(s) => s,
        None => {
            let made_after = inv.sent_at.is_none_or(|sent| msg.dtstamp >= sent);
            let same_time = msg.start.is_none_or(|s| s == inv.start);
            if made_after && same_time {
                inv.sequence
            } else {
                0
            }
        }
    };
    if answered < inv.sequence {
        return Err(Rejection::Stale {
            who: who.to_string(),
            answered,
            current: inv.sequence,
        });
    }
    if answered > inv.sequence {
        return Err(Rejection::FromTheFuture {
            who: who.to_string(),
            answered,
            current: inv.sequence,
        });
    }
    Ok(answered)
}

/// What `msg` (one event of a file whose e-mail came `from`, when known) does to the
/// booking `inv` whose answers so far are `seen`. Pure: nothing changes until the
/// caller records the [`Change`].
///
/// # Errors
/// [`Rejection`] saying why the message changes nothing.
pub fn judge(
    inv: &Invitation,
    seen: &Answers,
    msg: &ItipMessage,
    from: Option<&str>,
) -> Result<Incoming, Rejection> {
    match msg.method {
        ItipMethod::Reply | ItipMethod::Counter | ItipMethod::Refresh => {}
        ItipMethod::DeclineCounter
        | ItipMethod::Request
        | ItipMethod::Cancel
        | ItipMethod::Publish
        | ItipMethod::Other(_) => {
            return Err(Rejection::NotAnAnswer {
                method: msg.method.as_str().to_string(),
            })
        }
    }
    if !inv.uids.iter().any(|u| u == &msg.uid) {
        return Err(Rejection::OtherEvent {
            uid: msg.uid.clone(),
        });
    }
    if msg.recurrence_id != inv.recurrence_id {
        return Err(Rejection::OtherOccurrence);
    }
    let email = replier(msg, from)?;
    let invitee = inv.invitee(email).ok_or_else(|| Rejection::NotInvited {
        email: email.to_string(),
    })?;
    let who = if invitee.name.is_empty() {
        invitee.email.clone()
    } else {
        invitee.name.clone()
    };
    if msg.method == ItipMethod::Refresh {
        return Ok(Incoming::Refresh {
            email: invitee.email.clone(),
        });
    }
    if msg.method == ItipMethod::Counter {
        let (Some(start), Some(end)) = (msg.start, msg.end) else {
            return Err(Rejection::NoProposedTime { who });
        };
        if end <= start {
            return Err(Rejection::NoProposedTime { who });
        }
        return Ok(Incoming::Counter(Counter {
            email: invitee.email.clone(),
            name: invitee.name.clone(),
            start,
            end,
            comment: msg.comment.clone(),
        }));
    }
    let sequence = answered_sequence(inv, msg, &who)?;
    let partstat = msg
        .attendees
        .iter()
        .find(|a| a.email == email)
        .map_or(PartStat::NeedsAction, |a| a.partstat);
    if partstat == PartStat::NeedsAction {
        return Err(Rejection::NoAnswer { who });
    }
    let before = seen.current(&invitee.email, inv.sequence);
    if let Some(b) = before {
        if b.dtstamp > msg.dtstamp {
            return Err(Rejection::Superseded {
                who,
                older: msg.dtstamp,
                later: b.dtstamp,
            });
        }
        if b.dtstamp == msg.dtstamp && b.partstat == partstat {
            return Err(Rejection::Duplicate {
                who,
                partstat: partstat.words().to_string(),
            });
        }
    }
    Ok(Incoming::Answer(Change {
        email: invitee.email.clone(),
        name: invitee.name.clone(),
        part: invitee.part,
        before: before.map(|b| b.partstat),
        answer: Answer {
            partstat,
            dtstamp: msg.dtstamp,
            sequence,
            comment: msg.comment.clone(),
        },
    }))
}

/// What the invitees of one booking answered so far, and the new times they proposed
/// that wait for the coordinator: kept in the store by booking id (tree `answers`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingAnswers {
    /// The booking.
    pub booking: crate::domain::BookingId,
    /// Each invitee's latest answer.
    pub answers: Answers,
    /// Proposed new times (COUNTER) not accepted or declined yet.
    #[serde(default)]
    pub counters: Vec<Counter>,
}

impl BookingAnswers {
    /// No answers yet for `booking`.
    pub fn new(booking: crate::domain::BookingId) -> BookingAnswers {
        BookingAnswers {
            booking,
            answers: Answers::default(),
            counters: Vec::new(),
        }
    }
}

/// What one message of an imported reply file did (`usecases::replies`; a hold's answer
/// says it the same way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The event UID it answers.
    pub uid: String,
    /// The booking, when one matched.
    pub booking: Option<crate::domain::BookingId>,
    /// What changed, or why nothing did, in words.
    pub said: String,
    /// True when something was stored.
    pub changed: bool,
    /// The booking's state after it, in words, when one matched.
    pub status: Option<String>,
}
