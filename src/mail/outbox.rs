//! The outbox: e-mails waiting to be sent, kept in the store (tree `outbox`) so that a
//! crash, a lost connection or a closed laptop never loses one.
//!
//! A booking change queues its messages in the same store transaction that writes the
//! bookings ([`crate::store::Store::write_bookings_queued`]): either both are stored or
//! neither is. Each entry is keyed by its `Message-ID`, which derives from the event
//! UID(s), SEQUENCE, METHOD and recipients: queuing the same version for the same
//! people again finds the entry already there and does nothing.
//!
//! [`deliver`](crate::usecases::mail::deliver) sends what is due, one message at a
//! time, and records each step durably before the next: `waiting → sending → sent`, or
//! back to `waiting` with a later `not_before` (backoff) after a failure that a later
//! try can mend, or `failed` (shown in words with "Retry") after one that needs a
//! person. A message found `sending` when a run starts was in flight when an earlier
//! process died: the server may or may not have accepted it (nothing in SMTP can tell
//! afterwards), so it is sent again with the same `Message-ID`, which receiving servers
//! and calendar clients treat as the same message; [`Delivered::in_doubt`] counts
//! those. A crash anywhere else is exact: before the server accepted, the message is
//! sent once on restart; after it was recorded `sent`, never again.

use super::message::Outgoing;
use super::smtp::SendError;
use crate::domain::BookingId;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How many times a message is tried before it waits for a person ("Retry").
pub const MAX_ATTEMPTS: u32 = 8;

/// How often a sender that keeps running (the window's) looks for retries come due
/// when nothing else woke it: half the shortest [`backoff`].
pub const RETRY_CHECK: std::time::Duration = std::time::Duration::from_secs(30);

/// The wait before the next try after `attempts` failed tries: 1, 2, 4, … minutes, at
/// most an hour.
pub fn backoff(attempts: u32) -> Duration {
    Duration::minutes(1i64 << attempts.saturating_sub(1).min(6)).min(Duration::hours(1))
}

/// Where a queued message is on its way out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Delivery {
    /// To be sent at or after `not_before`.
    Waiting {
        /// Tries so far.
        attempts: u32,
        /// Not before this instant (backoff after a failed try).
        not_before: DateTime<Utc>,
        /// Why the last try failed, if one did.
        last_error: Option<String>,
    },
    /// Handed to the server; the outcome is not recorded yet.
    Sending {
        /// Tries so far, this one included.
        attempts: u32,
        /// When this try started.
        since: DateTime<Utc>,
    },
    /// The server accepted it.
    Sent {
        /// Tries it took.
        attempts: u32,
        /// When the server accepted it.
        at: DateTime<Utc>,
    },
    /// It will not go without a person changing something (settings, address) and
    /// pressing Retry.
    Failed {
        /// Tries so far.
        attempts: u32,
        /// Why, in words.
        error: String,
        /// When it failed last.
        at: DateTime<Utc>,
    },
}

impl Delivery {
    /// The state's name (`waiting`, `sending`, `sent`, `failed`).
    pub fn name(&self) -> &'static str {
        match self {
            Delivery::Waiting { .. } => "waiting",
            Delivery::Sending { .. } => "sending",
            Delivery::Sent { .. } => "sent",
            Delivery::Failed { .. } => "failed",
        }
    }

    /// Tries so far.
    pub fn attempts(&self) -> u32 {
        match self {
            Delivery::Waiting { attempts, .. }
            | Delivery::Sending { attempts, .. }
            | Delivery::Sent { attempts, .. }
            | Delivery::Failed { attempts, .. } => *attempts,
        }
    }
}

/// One message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    /// Its `Message-ID` (the key).
    pub id: String,
    /// The bookings it is about.
    pub bookings: Vec<BookingId>,
    /// When it was queued.
    pub queued_at: DateTime<Utc>,
    /// The message, bytes and envelope as they will be sent (a retry sends the same).
    pub message: Outgoing,
    /// Where it is.
    pub delivery: Delivery,
}

impl Queued {
    /// `message` about `bookings`, waiting to be sent from `now`.
    pub fn new(message: Outgoing, bookings: Vec<BookingId>, now: DateTime<Utc>) -> Queued {
        Queued {
            id: message.message_id.clone(),
            bookings,
            queued_at: now,
            message,
            delivery: Delivery::Waiting {
                attempts: 0,
                not_before: now,
                last_error: None,
            },
        }
    }

    /// True when [`deliver`](crate::usecases::mail::deliver) would send it at `now`:
    /// waiting and due, or left `sending` by a process that died.
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        match &self.delivery {
            Delivery::Waiting { not_before, .. } => *not_before <= now,
            Delivery::Sending { .. } => true,
            Delivery::Sent { .. } | Delivery::Failed { .. } => false,
        }
    }

    /// The state after a try that failed with `error` at `now`: waiting again after
    /// [`backoff`] when a later try can help and tries remain, else failed.
    pub fn after_failure(&self, error: &SendError, now: DateTime<Utc>) -> Delivery {
        let attempts = self.delivery.attempts();
        if error.is_transient() && attempts < MAX_ATTEMPTS {
            Delivery::Waiting {
                attempts,
                not_before: now + backoff(attempts),
                last_error: Some(error.to_string()),
            }
        } else {
            Delivery::Failed {
                attempts,
                error: error.to_string(),
                at: now,
            }
        }
    }
}

/// Something that sends a message (the SMTP sender; a recorder in tests).
pub trait Transport {
    /// Sends `message`.
    ///
    /// # Errors
    /// [`SendError`] saying why, and whether a later try can help.
    fn send(&self, message: &Outgoing) -> Result<(), SendError>;
}

impl Transport for super::smtp::SmtpSender {
    fn send(&self, message: &Outgoing) -> Result<(), SendError> {
        super::smtp::SmtpSender::send(self, message)
    }
}

/// What one delivery run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Delivered {
    /// Messages the server accepted.
    pub sent: usize,
    /// Of those, how many had been in flight when an earlier process died (sent again
    /// with the same Message-ID: the server may have had them already).
    pub in_doubt: usize,
    /// Messages that failed and will be tried again later.
    pub will_retry: usize,
    /// Messages that failed and wait for Retry, with why.
    pub failed: Vec<(String, String)>,
}

/// A small message with Message-ID `id`, for tests of the outbox.
#[cfg(test)]
pub(crate) fn test_message(id: &str) -> Outgoing {
    Outgoing {
        message_id: id.into(),
        uids: vec!["u".into()],
        sequence: 0,
        method: "REQUEST".into(),
        from: "a@example.com".into(),
        to: vec!["b@example.com".into()],
        subject: "s".into(),
        raw: "r".into(),
    }
}

/// One delivery run at a time in this process: a message found `sending` by a run
/// then always belongs to a process that died.
pub(crate) static RUN: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::smtp::SendError;

    fn at(min: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_780_000_000, 0).expect("instant") + Duration::minutes(min)
    }

    fn queued(delivery: Delivery) -> Queued {
        Queued {
            id: "<x@example.com>".into(),
            bookings: Vec::new(),
            queued_at: at(0),
            message: test_message("<x@example.com>"),
            delivery,
        }
    }

    #[test]
    fn backoff_doubles_from_a_minute_up_to_an_hour() {
        let minutes: Vec<i64> = (1..=9).map(|n| backoff(n).num_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn a_failure_waits_and_retries_or_waits_for_a_person() {
        let lost = SendError::Lost {
            server: "h:25".into(),
            message: "reset".into(),
        };
        let login = SendError::Login {
            server: "h:25".into(),
            user: "u".into(),
            message: "535".into(),
        };
        let q = queued(Delivery::Sending {
            attempts: 3,
            since: at(0),
        });
        assert_eq!(
            q.after_failure(&lost, at(10)),
            Delivery::Waiting {
                attempts: 3,
                not_before: at(14),
                last_error: Some(lost.to_string()),
            }
        );
        assert!(matches!(
            q.after_failure(&login, at(10)),
            Delivery::Failed { attempts: 3, .. }
        ));
        let last = queued(Delivery::Sending {
            attempts: MAX_ATTEMPTS,
            since: at(0),
        });
        assert!(
            matches!(last.after_failure(&lost, at(10)), Delivery::Failed { .. }),
            "tries run out"
        );
    }

    #[test]
    fn due_means_waiting_and_on_time_or_left_in_flight() {
        let waiting = |not_before| {
            queued(Delivery::Waiting {
                attempts: 1,
                not_before,
                last_error: None,
            })
        };
        assert!(waiting(at(5)).is_due(at(5)));
        assert!(!waiting(at(6)).is_due(at(5)));
        assert!(queued(Delivery::Sending {
            attempts: 1,
            since: at(0)
        })
        .is_due(at(0)));
        assert!(!queued(Delivery::Sent {
            attempts: 1,
            at: at(0)
        })
        .is_due(at(9)));
        assert!(!queued(Delivery::Failed {
            attempts: 1,
            error: "x".into(),
            at: at(0)
        })
        .is_due(at(9)));
    }
}
