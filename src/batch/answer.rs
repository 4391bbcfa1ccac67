//! The `rondo-batch-solution/1` answer: who is scheduled (each with their rounds), who
//! is not and why, the answer's value, and what the engine proved about it.

use crate::solution::PlacedRound;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The value of the `format` field of a hiring-day answer.
pub const SOLUTION_FORMAT: &str = "rondo-batch-solution/1";

/// How many candidates the answer schedules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchStatus {
    /// Every candidate.
    Scheduled,
    /// Some, not all.
    Partial,
    /// None.
    None,
}

/// The value of an answer, or a bound on it: most weight first, then the smallest sum
/// of finishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveDoc {
    /// Total weight of the scheduled candidates.
    pub scheduled_weight: u64,
    /// Sum over scheduled candidates of `finish − horizon.start`, in whole minutes.
    pub sum_finish_minutes: i64,
}

impl ObjectiveDoc {
    /// True if `self` is strictly better than `other` (more weight, or the same weight
    /// and a smaller sum).
    pub fn beats(&self, other: &ObjectiveDoc) -> bool {
        self.scheduled_weight > other.scheduled_weight
            || (self.scheduled_weight == other.scheduled_weight
                && self.sum_finish_minutes < other.sum_finish_minutes)
    }
}

/// A scheduled candidate with every round of their plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledDoc {
    /// The candidate's id.
    pub candidate: String,
    /// End of their last round.
    pub finish: DateTime<Utc>,
    /// Every round, in start order, with its interviewers.
    pub rounds: Vec<PlacedRound>,
}

/// A candidate left out, and why in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnscheduledDoc {
    /// The candidate's id.
    pub candidate: String,
    /// What stands in the way: a round, rule, people or dates, or the candidates of
    /// higher weight who took the seats.
    pub reason: String,
}

/// An answer to one hiring-day request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchSolutionDoc {
    /// Always [`SOLUTION_FORMAT`].
    pub format: String,
    /// The request's id.
    pub problem: String,
    /// Every candidate, some or none.
    pub status: BatchStatus,
    /// The scheduled candidates, in request order.
    pub scheduled: Vec<ScheduledDoc>,
    /// The others, in request order.
    pub unscheduled: Vec<UnscheduledDoc>,
    /// The answer's own value.
    pub objective: ObjectiveDoc,
    /// Proven: no valid answer beats it (`sum_finish_minutes` 0 for a bound on the
    /// weight alone).
    pub bound: ObjectiveDoc,
    /// True only when no valid answer beats this one (then `bound` = `objective`).
    pub optimal: bool,
}
