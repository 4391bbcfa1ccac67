//! Training interviewers into pools: a pool's [`TrainingPath`] (N shadows, then M
//! reverse shadows, then an optional sign-off), each interviewer's [`Trainee`] record
//! (the pools they train for, which of their interviews were marked held, sign-off and
//! graduation), the trainees who sat in a booked round ([`BookedTrainee`]) and the
//! trainee seats a plan's round offers ([`TraineeSeats`]).
//!
//! Where a trainee stands is never stored: it is counted from their booked interviews
//! (`domain::progress::progress`), so a cancelled interview or one marked held changes it
//! without anything else to keep in step.

use super::{BookingId, DomainError, InterviewerId};
use crate::problem::TraineeRole;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Most interviews of one kind a path may ask for (a typo guard: 100 shadows is not a
/// path anyone walks).
pub const MAX_PATH_STEPS: u32 = 20;

/// A pool's training path: shadows, then reverse shadows, then (optionally) sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingPath {
    /// The pool it trains for (lower case, as pools are kept).
    pub pool: String,
    /// Shadows to hold first.
    pub shadows: u32,
    /// Reverse shadows to hold after them.
    pub reverse_shadows: u32,
    /// Whether someone signs the trainee off before they graduate.
    pub sign_off: bool,
}

impl TrainingPath {
    /// A path of `shadows` then `reverse_shadows` interviews for `pool` (any case; kept
    /// in lower case); at least one interview, at most [`MAX_PATH_STEPS`] of each kind.
    pub fn new(
        pool: &str,
        shadows: u32,
        reverse_shadows: u32,
        sign_off: bool,
    ) -> Result<TrainingPath, DomainError> {
        let path = TrainingPath {
            pool: pool.trim().to_lowercase(),
            shadows,
            reverse_shadows,
            sign_off,
        };
        path.validate()?;
        Ok(path)
    }

    /// Checks a path read from a backup or the store: a named lower-case pool, at least
    /// one interview, no absurd counts.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.pool.trim().is_empty() || self.pool != self.pool.to_lowercase() {
            return Err(DomainError::Empty {
                field: "training path pool (a pool name in lower case)",
            });
        }
        if self.shadows == 0 && self.reverse_shadows == 0 {
            return Err(DomainError::BadNumber {
                field: format!("training path of pool {}", self.pool),
                value: 0,
                rule: "ask for at least one shadow or reverse shadow",
            });
        }
        for n in [self.shadows, self.reverse_shadows] {
            if n > MAX_PATH_STEPS {
                return Err(DomainError::BadNumber {
                    field: format!("training path of pool {}", self.pool),
                    value: i64::from(n),
                    rule: "at most 20 shadows and 20 reverse shadows",
                });
            }
        }
        Ok(())
    }

    /// Interviews on the whole path.
    pub fn interviews(&self) -> u32 {
        self.shadows + self.reverse_shadows
    }
}

/// One pool an interviewer trains (or trained) for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Track {
    /// The pool.
    pub pool: String,
    /// When they started: only interviews from then on count.
    pub started_at: DateTime<Utc>,
    /// Their interviews a coordinator marked as held (counted even before their end).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub marked_held: BTreeSet<BookingId>,
    /// When they were signed off, if the path asks for it and it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_off_at: Option<DateTime<Utc>>,
    /// When they graduated into the pool (the pool was then added to theirs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graduated_at: Option<DateTime<Utc>>,
}

impl Track {
    /// Still training (not graduated).
    pub fn active(&self) -> bool {
        self.graduated_at.is_none()
    }
}

/// An interviewer's training, one track per pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trainee {
    /// The interviewer.
    pub interviewer: InterviewerId,
    /// The pools they train or trained for, each once.
    pub tracks: Vec<Track>,
}

impl Trainee {
    /// Their track for `pool`, if any.
    pub fn track(&self, pool: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.pool == pool)
    }

    /// Their track for `pool`, to change.
    pub fn track_mut(&mut self, pool: &str) -> Option<&mut Track> {
        self.tracks.iter_mut().find(|t| t.pool == pool)
    }

    /// Checks a record read from a backup: at least one track, each pool once.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.tracks.is_empty() {
            return Err(DomainError::Empty {
                field: "trainee tracks",
            });
        }
        let mut pools = BTreeSet::new();
        for t in &self.tracks {
            if t.pool.trim().is_empty() || !pools.insert(t.pool.as_str()) {
                return Err(DomainError::BadId {
                    kind: "training pool (empty or repeated)",
                    id: t.pool.clone(),
                });
            }
        }
        Ok(())
    }
}

/// A trainee who sat in a booked round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookedTrainee {
    /// The interviewer in training.
    pub interviewer: InterviewerId,
    /// The pool they train for.
    pub pool: String,
    /// Their part in the round.
    pub role: TraineeRole,
}

impl BookedTrainee {
    /// Their part in words, for the panel's invite ("shadowing", "reverse shadowing").
    pub fn role_words(&self) -> &'static str {
        match self.role {
            TraineeRole::Shadow => "shadowing",
            TraineeRole::ReverseShadow => "reverse shadowing",
        }
    }
}

/// Up to `count` trainees of `pool` may join a round ("+1 trainee from backend").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraineeSeats {
    /// The pool whose trainees may join.
    pub pool: String,
    /// How many at most (at least 1).
    pub count: u32,
}
