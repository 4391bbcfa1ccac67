//! Where the invites of a change go ([`Outbox`]): who organizes them and whether they are
//! also e-mailed.

use super::bookings;
use crate::domain::Booking;
use crate::ical::export::Person;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Where invites go from: who organizes them, and whether they are also e-mailed. What
/// was written into folders is recorded in the store by every write
/// ([`SentLog`](crate::usecases::invites::SentLog)); what is e-mailed is queued in the
/// store's outbox in the same transaction as the change ([`super::mail`]). It has a
/// module of its own so that every use case that writes can take one without importing
/// [`super::loops`].
#[derive(Debug, Clone)]
pub struct Outbox {
    /// The invites' organizer (the coordinator).
    pub organizer: Person,
    /// True when an outgoing mail account is set up: every booking, move and
    /// cancellation queues its e-mails with the change.
    pub mail: bool,
}

impl Outbox {
    /// The outbox the coordinator's settings describe.
    pub fn of(settings: &super::settings::Settings) -> Outbox {
        Outbox {
            organizer: settings.organizer(),
            mail: settings.mail.is_some(),
        }
    }

    /// Runs `f` with the mailer of a change made at `now` when mail is set up
    /// ([`bookings::Mailer`]), or with none.
    pub fn with_mailer<T>(
        &self,
        store: &Store,
        now: DateTime<Utc>,
        f: impl FnOnce(Option<bookings::Mailer<'_>>) -> T,
    ) -> T {
        let make = |list: &[Booking]| super::mail::messages(store, list, &self.organizer, now);
        f(self.mail.then_some(&make as bookings::Mailer<'_>))
    }
}
