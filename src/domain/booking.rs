//! Bookings: one round of one candidate placed at an instant with its interviewers, and
//! the life cycle `proposed → held → confirmed`, `→ cancelled` from any live status.
//!
//! A booking keeps one calendar `uid` for life and a `sequence` that grows with every
//! change, so calendar clients replace the invite they already have (RFC 5545 §3.8.7.4).

use super::{BookingId, CandidateId, DomainError, InterviewerId, PlanId, RoundId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a booking is in its life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Written from a chosen option; invites not answered yet.
    Proposed,
    /// The time is held on everyone's calendar.
    Held,
    /// Everyone accepted.
    Confirmed,
    /// Called off; it no longer blocks anyone.
    Cancelled,
}

impl BookingStatus {
    /// Every status, in life-cycle order.
    pub const ALL: [BookingStatus; 4] = [
        BookingStatus::Proposed,
        BookingStatus::Held,
        BookingStatus::Confirmed,
        BookingStatus::Cancelled,
    ];

    /// The status as written in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Proposed => "proposed",
            BookingStatus::Held => "held",
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Cancelled => "cancelled",
        }
    }

    /// True if a booking in this status occupies its interviewers.
    pub fn is_live(self) -> bool {
        match self {
            BookingStatus::Proposed | BookingStatus::Held | BookingStatus::Confirmed => true,
            BookingStatus::Cancelled => false,
        }
    }

    /// True if the life cycle allows going from `self` to `to`: forward along
    /// proposed → held → confirmed (skipping `held` is allowed), or to cancelled from any
    /// live status. Nothing leaves `cancelled`.
    pub fn can_become(self, to: BookingStatus) -> bool {
        use BookingStatus::{Cancelled, Confirmed, Held, Proposed};
        match (self, to) {
            (Proposed, Held) | (Proposed, Confirmed) | (Held, Confirmed) => true,
            (Proposed | Held | Confirmed, Cancelled) => true,
            (Proposed, Proposed) | (Held, Held) | (Held, Proposed) => false,
            (Confirmed, Proposed | Held | Confirmed) => false,
            (Cancelled, Proposed | Held | Confirmed | Cancelled) => false,
        }
    }
}

impl fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for BookingStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<BookingStatus, String> {
        BookingStatus::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| format!("unknown status {s:?} (proposed, held, confirmed, cancelled)"))
    }
}

/// One round of one candidate, placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    /// Stable id.
    pub id: BookingId,
    /// Calendar UID, the same for the booking's whole life.
    pub uid: String,
    /// Calendar SEQUENCE: 0 when written, one more with every change.
    pub sequence: u32,
    /// Who is interviewed.
    pub candidate: CandidateId,
    /// The plan the round belongs to.
    pub plan: PlanId,
    /// The round of the plan.
    pub round: RoundId,
    /// The round's display name when booked (invites keep showing it).
    pub round_name: String,
    /// First instant.
    pub start: DateTime<Utc>,
    /// End instant (exclusive), after `start`.
    pub end: DateTime<Utc>,
    /// Who sits in it as an interviewer.
    pub interviewers: Vec<InterviewerId>,
    /// Trainees who sit in it besides (absent when none): busy like the interviewers,
    /// named to the panel with their role, never to the candidate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainees: Vec<super::BookedTrainee>,
    /// Where it is in its life cycle.
    pub status: BookingStatus,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl Booking {
    /// Everyone it occupies: the interviewers, then the trainees.
    pub fn people(&self) -> impl Iterator<Item = &InterviewerId> {
        self.interviewers
            .iter()
            .chain(self.trainees.iter().map(|t| &t.interviewer))
    }

    /// Moves to `to` if the life cycle allows it, growing the sequence.
    pub fn set_status(&mut self, to: BookingStatus, now: DateTime<Utc>) -> Result<(), DomainError> {
        if !self.status.can_become(to) {
            return Err(DomainError::BadTransition {
                from: self.status,
                to,
            });
        }
        self.status = to;
        self.sequence += 1;
        self.updated_at = now;
        Ok(())
    }

    /// Checks what the types alone do not: it ends after it starts and has interviewers.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.end <= self.start {
            return Err(DomainError::BadInterval {
                field: format!("booking {}", self.id),
                start: self.start.to_rfc3339(),
                end: self.end.to_rfc3339(),
            });
        }
        if self.interviewers.is_empty() {
            return Err(DomainError::Empty {
                field: "booking interviewers",
            });
        }
        let mut seen = std::collections::BTreeSet::new();
        let twice = (!self.trainees.is_empty())
            .then(|| self.people().find(|who| !seen.insert(*who)))
            .flatten();
        if let Some(who) = twice {
            return Err(DomainError::BadId {
                kind: "booking interviewer or trainee (named twice)",
                id: who.to_string(),
            });
        }
        if self.uid.trim().is_empty() {
            return Err(DomainError::Empty {
                field: "booking uid",
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::BookingStatus::{self, Cancelled, Confirmed, Held, Proposed};

    #[test]
    fn life_cycle_allows_only_forward_moves_and_cancelling() {
        let allowed: [(BookingStatus, BookingStatus); 6] = [
            (Proposed, Held),
            (Proposed, Confirmed),
            (Held, Confirmed),
            (Proposed, Cancelled),
            (Held, Cancelled),
            (Confirmed, Cancelled),
        ];
        for from in BookingStatus::ALL {
            for to in BookingStatus::ALL {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from} -> {to}"
                );
            }
        }
    }
}
