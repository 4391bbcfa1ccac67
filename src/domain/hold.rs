//! Times offered to a candidate and held on the panel until they pick one.

use super::{BookingId, CandidateId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where an offer stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OfferState {
    /// Sent; the holds stand until the candidate picks or they expire.
    Open,
    /// The candidate picked option `index` (0-based): it is booked, the rest released.
    Picked {
        /// The option.
        index: usize,
        /// When the pick was recorded.
        at: DateTime<Utc>,
    },
    /// Every hold was released without a pick (expired, or withdrawn).
    Released {
        /// Why, in words.
        why: String,
        /// When.
        at: DateTime<Utc>,
    },
}

/// Up to five times offered to one candidate in one e-mail, each held on its panel's
/// calendars as tentative bookings (status `held`) until the candidate picks one or the
/// holds expire. Kept by candidate (tree `offers`): one open offer per candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldOffer {
    /// The candidate.
    pub candidate: CandidateId,
    /// What the options' event UIDs derive from (`mail::offer::option_uid`).
    pub key: String,
    /// Each option's held bookings (its rounds), in the order offered.
    pub options: Vec<Vec<BookingId>>,
    /// The SEQUENCE the options were sent at.
    pub sequence: u32,
    /// When the offer was sent.
    pub sent_at: DateTime<Utc>,
    /// When the holds lapse unless the candidate picked.
    pub expires_at: DateTime<Utc>,
    /// Where it stands.
    pub state: OfferState,
}

impl HoldOffer {
    /// True while the candidate may still pick.
    pub fn is_open(&self) -> bool {
        self.state == OfferState::Open
    }

    /// True when it is open and its holds lapsed at `now`.
    pub fn has_expired(&self, now: DateTime<Utc>) -> bool {
        self.is_open() && self.expires_at <= now
    }
}
