//! A proposal: the ranked options the engine found for one candidate and plan, kept so
//! that a later `book --option N` books exactly what was shown.

use super::{CandidateId, InterviewerId, PlanId, RoundId};
use crate::interval::Interval;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Options for one candidate and plan over a horizon, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Who is interviewed.
    pub candidate: CandidateId,
    /// Which plan.
    pub plan: PlanId,
    /// The window searched.
    pub horizon: Interval,
    /// Grid step of round starts from `horizon.start`, in minutes.
    pub slot_minutes: u32,
    /// When it was made.
    pub made_at: DateTime<Utc>,
    /// Ranked options; option 1 (index 0) finishes earliest.
    pub options: Vec<ProposedOption>,
    /// Why there is no option, in words (when `options` is empty).
    #[serde(default)]
    pub explanation: Option<String>,
}

/// One way to place every round of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposedOption {
    /// End of the last round.
    pub finish: DateTime<Utc>,
    /// Every round, in start order.
    pub slots: Vec<Slot>,
    /// The engine's score in `[0, 1]`, higher is better.
    pub score: f64,
    /// The score in words.
    #[serde(default)]
    pub reasons: Vec<String>,
}

/// One round placed at an instant with its interviewers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// The round of the plan.
    pub round: RoundId,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
    /// Who sits in it.
    pub interviewers: Vec<InterviewerId>,
    /// Trainees the engine seated beside them (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainees: Vec<super::BookedTrainee>,
}
