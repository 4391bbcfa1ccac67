//! E-mail for booked loops: the messages of a booking change ([`messages`]), queued in
//! the store with the change itself ([`crate::store::Store::write_bookings_queued`], or
//! [`queue`] for invites sent later), sent from the outbox ([`deliver`]), listed
//! ([`outbox`]) and retried ([`retry`]).
//!
//! Each stored booking gives two messages, as its invite files do: the candidate's
//! (to the candidate, on their clock) and the panel's (to every interviewer, each line
//! on their own clock), REQUEST for a live booking and CANCEL for a cancelled one, at
//! the booking's SEQUENCE. The outbox's rules (exactly once, backoff, in doubt after a
//! crash) are in [`crate::mail::outbox`].

use super::invites::live_bookings;
use super::UseCaseError;
use crate::domain::{Booking, Candidate, CandidateId, Interviewer};
use crate::ical::export::{booking_round_invites, Method, Party, Person};
use crate::mail::outbox::{Delivered, Delivery, Queued, Transport, RUN};
use crate::mail::{invite_message_variant, Recipient};
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// One booking's invite for one audience (the candidate, or the panel) and who
/// receives it, before it becomes an e-mail.
#[derive(Debug, Clone)]
pub struct Addressed {
    /// The booking.
    pub booking: crate::domain::BookingId,
    /// The invite.
    pub invite: crate::ical::export::Invite,
    /// Its recipients, each with their zone.
    pub to: Vec<Recipient>,
    /// True for the candidate's invite, false for the panel's.
    pub for_candidate: bool,
}

impl Addressed {
    /// The same invite for `email` alone (any case), if they receive it; the
    /// attendees in the calendar stay as they are.
    pub fn only_to(&self, email: &str) -> Option<Addressed> {
        let email = crate::ical::itip::mail_address(email);
        let one = self
            .to
            .iter()
            .find(|r| crate::ical::itip::mail_address(&r.person.email) == email)?;
        Some(Addressed {
            booking: self.booking.clone(),
            invite: self.invite.clone(),
            to: vec![one.clone()],
            for_candidate: self.for_candidate,
        })
    }

    /// It as a message waiting in the outbox, its Message-ID told apart from other
    /// messages of the same version by `variant` ("" for the invitation itself).
    pub fn queued(&self, variant: &str, now: DateTime<Utc>) -> Result<Queued, UseCaseError> {
        let message = invite_message_variant(&self.invite, &self.to, now, variant)?;
        Ok(Queued::new(message, vec![self.booking.clone()], now))
    }
}

/// The invites of `bookings` (each with `method_of` it), from `organizer`, dated `now`,
/// each audience with its recipients: per booking the candidate's, then the panel's.
///
/// # Errors
/// [`UseCaseError::NoAddress`] when someone has no e-mail address.
pub fn addressed(
    store: &Store,
    bookings: &[Booking],
    organizer: &Person,
    method_of: impl Fn(&Booking) -> Method,
    now: DateTime<Utc>,
) -> Result<Vec<Addressed>, UseCaseError> {
    let mut candidates: BTreeMap<&CandidateId, Candidate> = BTreeMap::new();
    let mut people: Vec<Interviewer> = Vec::new();
    for b in bookings {
        if !candidates.contains_key(&b.candidate) {
            candidates.insert(&b.candidate, store.need(b.candidate.as_str())?);
        }
        for id in b.people() {
            if !people.iter().any(|p| &p.id == id) {
                people.push(store.need(id.as_str())?);
            }
        }
    }
    let mut out = Vec::with_capacity(bookings.len() * 2);
    for b in bookings {
        let candidate = &candidates[&b.candidate];
        if candidate.email.trim().is_empty() {
            return Err(UseCaseError::NoAddress {
                who: format!("candidate {} ({})", candidate.name, candidate.id),
            });
        }
        let party = Party {
            candidate,
            interviewers: &people,
            organizer,
        };
        let (cand, panel) = booking_round_invites(b, party, method_of(b), now)?;
        let to_candidate = vec![Recipient {
            person: Person {
                name: candidate.name.clone(),
                email: candidate.email.trim().to_string(),
            },
            zone: candidate.time_zone,
        }];
        // The panel's invite goes to the trainees too (it names them as optional
        // attendees and says their part); the candidate's names neither.
        let mut to_panel = Vec::with_capacity(b.interviewers.len() + b.trainees.len());
        for id in b.people() {
            let it =
                people
                    .iter()
                    .find(|p| &p.id == id)
                    .ok_or_else(|| UseCaseError::NoAddress {
                        who: format!("interviewer {id}"),
                    })?;
            if it.email.trim().is_empty() {
                return Err(UseCaseError::NoAddress {
                    who: format!("interviewer {} ({})", it.name, it.id),
                });
            }
            to_panel.push(Recipient {
                person: Person {
                    name: it.name.clone(),
                    email: it.email.trim().to_string(),
                },
                zone: it.time_zone,
            });
        }
        for (invite, to, for_candidate) in [(cand, to_candidate, true), (panel, to_panel, false)] {
            out.push(Addressed {
                booking: b.id.clone(),
                invite,
                to,
                for_candidate,
            });
        }
    }
    Ok(out)
}

/// REQUEST for a live booking, CANCEL for a cancelled one.
fn current_method(b: &Booking) -> Method {
    if b.status.is_live() {
        Method::Request
    } else {
        Method::Cancel
    }
}

/// The e-mails of `bookings` as stored (or about to be), from `organizer`, dated `now`:
/// per booking the candidate's and the panel's message, REQUEST when live and CANCEL
/// when cancelled. A held booking (one option of an offer, [`super::holds`]) mails its
/// panel a tentative hold and the candidate nothing: they have the offer's e-mail.
///
/// # Errors
/// [`UseCaseError::NoAddress`] when someone has no e-mail address (nothing is queued);
/// [`UseCaseError::Mail`] when a message cannot be made.
pub fn messages(
    store: &Store,
    bookings: &[Booking],
    organizer: &Person,
    now: DateTime<Utc>,
) -> Result<Vec<Queued>, UseCaseError> {
    let held: Vec<&crate::domain::BookingId> = bookings
        .iter()
        .filter(|b| b.status == crate::domain::BookingStatus::Held)
        .map(|b| &b.id)
        .collect();
    addressed(store, bookings, organizer, current_method, now)?
        .into_iter()
        .filter(|a| !(a.for_candidate && held.contains(&&a.booking)))
        .map(|mut a| {
            if held.contains(&&a.booking) {
                a.invite = crate::mail::offer::as_hold(a.invite);
            }
            a.queued("", now)
        })
        .collect()
}

/// The current invite of booking `b` again, for `email` alone (a REFRESH), or `None`
/// when they do not receive it. `asked_at` (the request's DTSTAMP) tells this copy
/// apart: importing the same request twice queues it once, a later request again.
pub fn resend_to(
    store: &Store,
    b: &Booking,
    email: &str,
    organizer: &Person,
    asked_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<Queued>, UseCaseError> {
    let variant = format!("refresh-{}", asked_at.timestamp());
    addressed(
        store,
        std::slice::from_ref(b),
        organizer,
        current_method,
        now,
    )?
    .iter()
    .find_map(|a| a.only_to(email))
    .map(|a| a.queued(&variant, now))
    .transpose()
}

/// The DECLINECOUNTER of booking `b` to `email`, who proposed `proposed` (a new start):
/// the interview as it stands, that person its only attendee. The proposed time tells
/// it apart, so declining the same proposal twice queues one message.
pub fn decline_to(
    store: &Store,
    b: &Booking,
    email: &str,
    proposed: DateTime<Utc>,
    organizer: &Person,
    now: DateTime<Utc>,
) -> Result<Option<Queued>, UseCaseError> {
    let variant = format!("declined-{}", proposed.timestamp());
    let all = addressed(
        store,
        std::slice::from_ref(b),
        organizer,
        |_| Method::DeclineCounter,
        now,
    )?;
    let Some(mut one) = all.iter().find_map(|a| a.only_to(email)) else {
        return Ok(None);
    };
    let wanted = crate::ical::itip::mail_address(email);
    one.invite
        .attendees
        .retain(|a| crate::ical::itip::mail_address(&a.person.email) == wanted);
    for a in &mut one.invite.attendees {
        a.rsvp = false;
    }
    one.queued(&variant, now).map(Some)
}

/// Queues the e-mails of `candidate`'s live bookings (or of every candidate's) at their
/// current version ([`pending`]); messages already queued or sent are left as they are.
/// Returns the messages newly queued.
pub fn queue(
    store: &Store,
    candidate: Option<&CandidateId>,
    organizer: &Person,
    now: DateTime<Utc>,
) -> Result<Vec<Queued>, UseCaseError> {
    let fresh = pending(store, candidate, organizer, now)?;
    store.put_all(&fresh)?;
    Ok(fresh)
}

/// The e-mails of `candidate`'s live bookings (or of every candidate's) at their
/// current version that are not in the outbox yet (what [`queue`] would add).
pub fn pending(
    store: &Store,
    candidate: Option<&CandidateId>,
    organizer: &Person,
    now: DateTime<Utc>,
) -> Result<Vec<Queued>, UseCaseError> {
    let list = match candidate {
        Some(c) => live_bookings(store, c)?,
        None => {
            let mut all = Vec::new();
            for c in store.all::<Candidate>()? {
                all.extend(live_bookings(store, &c.id)?);
            }
            all
        }
    };
    let mut fresh = Vec::new();
    for q in messages(store, &list, organizer, now)? {
        if store.get::<Queued>(&q.id)?.is_none() {
            fresh.push(q);
        }
    }
    Ok(fresh)
}

/// Sends a test message from the organizer to their own address through `transport`,
/// straight away (not through the outbox: it is about the account, not an interview).
/// Returns the address it went to.
///
/// # Errors
/// [`UseCaseError::Mail`] when the organizer's address cannot be mailed;
/// [`UseCaseError::Send`] saying why the server refused or could not be reached.
pub fn send_test(
    transport: &dyn Transport,
    organizer: &Person,
    now: DateTime<Utc>,
) -> Result<String, UseCaseError> {
    let message = crate::mail::message::test_message(organizer, now)?;
    transport.send(&message)?;
    Ok(organizer.email.clone())
}

/// Every message in the outbox, oldest first.
pub fn outbox(store: &Store) -> Result<Vec<Queued>, UseCaseError> {
    let mut all = store.all::<Queued>()?;
    all.sort_by(|a, b| (a.queued_at, &a.id).cmp(&(b.queued_at, &b.id)));
    Ok(all)
}

/// One outbox message as listed (`rondo outbox list`, the window's outbox): where it
/// stands and, when it waits or failed, why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutboxLine {
    /// Its Message-ID.
    pub id: String,
    /// `waiting`, `sending`, `sent` or `failed`.
    pub state: &'static str,
    /// Tries so far.
    pub attempts: u32,
    /// The iTIP method (REQUEST, CANCEL, …; empty for a plain message).
    pub method: String,
    /// Its recipients.
    pub to: Vec<String>,
    /// Its subject.
    pub subject: String,
    /// The bookings it is about.
    pub bookings: Vec<crate::domain::BookingId>,
    /// Why it waits or failed, in the server's and Rondo's words.
    pub why: Option<String>,
    /// True when only a person can make it go ("Retry" after fixing what `why` says).
    pub needs_retry: bool,
}

impl OutboxLine {
    /// `q` as listed.
    pub fn of(q: &Queued) -> OutboxLine {
        let why = match &q.delivery {
            Delivery::Waiting { last_error, .. } => last_error.clone(),
            Delivery::Failed { error, .. } => Some(error.clone()),
            Delivery::Sending { .. } | Delivery::Sent { .. } => None,
        };
        OutboxLine {
            id: q.id.clone(),
            state: q.delivery.name(),
            attempts: q.delivery.attempts(),
            method: q.message.method.clone(),
            to: q.message.to.clone(),
            subject: q.message.subject.clone(),
            bookings: q.bookings.clone(),
            needs_retry: matches!(q.delivery, Delivery::Failed { .. }),
            why,
        }
    }
}

/// Every message in the outbox as listed, newest first when `newest_first`.
pub fn outbox_lines(store: &Store, newest_first: bool) -> Result<Vec<OutboxLine>, UseCaseError> {
    let mut lines: Vec<OutboxLine> = outbox(store)?.iter().map(OutboxLine::of).collect();
    if newest_first {
        lines.reverse();
    }
    Ok(lines)
}

/// Makes failed messages (the one with Message-ID `id`, or all) and those waiting for
/// a later try due now. Returns how many.
pub fn retry(store: &Store, id: Option<&str>, now: DateTime<Utc>) -> Result<usize, UseCaseError> {
    let mut n = 0;
    for q in outbox(store)? {
        if id.is_some_and(|i| i != q.id) {
            continue;
        }
        let again = match &q.delivery {
            Delivery::Failed {
                attempts, error, ..
            } => Delivery::Waiting {
                attempts: *attempts,
                not_before: now,
                last_error: Some(error.clone()),
            },
            Delivery::Waiting {
                attempts,
                last_error,
                ..
            } => Delivery::Waiting {
                attempts: *attempts,
                not_before: now,
                last_error: last_error.clone(),
            },
            Delivery::Sending { .. } | Delivery::Sent { .. } => continue,
        };
        set_delivery(store, &q.id, again)?;
        n += 1;
    }
    if n == 0 {
        if let Some(id) = id {
            return Err(UseCaseError::NothingToRetry { id: id.to_string() });
        }
    }
    Ok(n)
}

fn set_delivery(store: &Store, id: &str, delivery: Delivery) -> Result<Queued, UseCaseError> {
    store.update::<Queued, UseCaseError>(id, |mut q| {
        q.delivery = delivery.clone();
        Ok(q)
    })
}

/// Sends every message that is due, oldest first, through `transport`, recording each
/// step in the store before the next (`sending` before the server is asked, `sent`
/// once it accepted); `clock` gives the time of each step. One run at a time in a
/// process; see [`crate::mail::outbox`] for what a crash at each point does.
pub fn deliver(
    store: &Store,
    transport: &dyn Transport,
    clock: &dyn Fn() -> DateTime<Utc>,
) -> Result<Delivered, UseCaseError> {
    let _one_run = RUN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut done = Delivered::default();
    let start = clock();
    for q in outbox(store)?.into_iter().filter(|q| q.is_due(start)) {
        let in_doubt = matches!(q.delivery, Delivery::Sending { .. });
        let attempts = q.delivery.attempts() + 1;
        let q = set_delivery(
            store,
            &q.id,
            Delivery::Sending {
                attempts,
                since: clock(),
            },
        )?;
        match transport.send(&q.message) {
            Ok(()) => {
                set_delivery(
                    store,
                    &q.id,
                    Delivery::Sent {
                        attempts,
                        at: clock(),
                    },
                )?;
                done.sent += 1;
                done.in_doubt += usize::from(in_doubt);
            }
            Err(e) => {
                let next = q.after_failure(&e, clock());
                if let Delivery::Failed { error, .. } = &next {
                    done.failed.push((q.id.clone(), error.clone()));
                } else {
                    done.will_retry += 1;
                }
                set_delivery(store, &q.id, next)?;
            }
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::smtp::SendError;
    use crate::mail::Outgoing;
    use std::cell::RefCell;

    /// Records what it was asked to send; fails the first `fail` tries with `error`.
    struct Recorder {
        sent: RefCell<Vec<String>>,
        fail: RefCell<u32>,
        error: SendError,
    }

    impl Transport for Recorder {
        fn send(&self, m: &Outgoing) -> Result<(), SendError> {
            let mut fail = self.fail.borrow_mut();
            if *fail > 0 {
                *fail -= 1;
                return Err(self.error.clone());
            }
            self.sent.borrow_mut().push(m.message_id.clone());
            Ok(())
        }
    }

    fn at(min: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_780_000_000, 0).expect("instant")
            + chrono::Duration::minutes(min)
    }

    use crate::mail::outbox::test_message as message;

    #[test]
    fn the_outbox_sends_once_retries_later_and_waits_for_a_person() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path()).expect("store");
        let a = Queued::new(message("<a@x>"), Vec::new(), at(0));
        let b = Queued::new(message("<b@x>"), Vec::new(), at(1));
        store.put_all(&[a, b]).expect("queued");
        let lost = Recorder {
            sent: RefCell::default(),
            fail: RefCell::new(1),
            error: SendError::Lost {
                server: "h:25".into(),
                message: "reset".into(),
            },
        };
        let run = deliver(&store, &lost, &|| at(2)).expect("run");
        assert_eq!((run.sent, run.will_retry, run.in_doubt), (1, 1, 0));
        assert_eq!(
            *lost.sent.borrow(),
            ["<b@x>"],
            "the first failed, the second went"
        );
        let again = deliver(&store, &lost, &|| at(2)).expect("run");
        assert_eq!(again, Delivered::default(), "not due before its backoff");
        let later = deliver(&store, &lost, &|| at(3)).expect("run");
        assert_eq!(later.sent, 1);
        assert_eq!(*lost.sent.borrow(), ["<b@x>", "<a@x>"], "each sent once");
        let states: Vec<_> = outbox(&store)
            .expect("list")
            .into_iter()
            .map(|q| (q.id, q.delivery.name(), q.delivery.attempts()))
            .collect();
        assert_eq!(
            states,
            [("<a@x>".into(), "sent", 2), ("<b@x>".into(), "sent", 1)]
        );

        let refused = Recorder {
            sent: RefCell::default(),
            fail: RefCell::new(1),
            error: SendError::Login {
                server: "h:25".into(),
                user: "u".into(),
                message: "535".into(),
            },
        };
        store
            .put(&Queued::new(message("<c@x>"), Vec::new(), at(4)))
            .expect("queued");
        let run = deliver(&store, &refused, &|| at(5)).expect("run");
        assert_eq!(run.failed.len(), 1, "a refused login waits for a person");
        assert!(run.failed[0].1.contains("refused the login"), "{run:?}");
        assert_eq!(deliver(&store, &refused, &|| at(90)).expect("run").sent, 0);
        assert!(matches!(
            retry(&store, Some("<nope@x>"), at(90)),
            Err(UseCaseError::NothingToRetry { .. })
        ));
        assert_eq!(retry(&store, Some("<c@x>"), at(90)).expect("retry"), 1);
        assert_eq!(deliver(&store, &refused, &|| at(90)).expect("run").sent, 1);
        assert_eq!(*refused.sent.borrow(), ["<c@x>"]);
    }

    #[test]
    fn a_message_left_in_flight_is_sent_again_and_counted_in_doubt() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path()).expect("store");
        let mut q = Queued::new(message("<a@x>"), Vec::new(), at(0));
        q.delivery = Delivery::Sending {
            attempts: 1,
            since: at(0),
        };
        store.put(&q).expect("queued");
        let ok = Recorder {
            sent: RefCell::default(),
            fail: RefCell::new(0),
            error: SendError::Settings {
                message: String::new(),
            },
        };
        let run = deliver(&store, &ok, &|| at(1)).expect("run");
        assert_eq!((run.sent, run.in_doubt), (1, 1));
        assert_eq!(
            outbox(&store).expect("list")[0].delivery,
            Delivery::Sent {
                attempts: 2,
                at: at(1)
            }
        );
    }
}
