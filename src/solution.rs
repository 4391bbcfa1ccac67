//! The `rondo-solution/1` answer: ranked options, or an explanation of why there is none
//! (in words, and as data: a [`Diagnosis`] with its blockers and tested relaxations).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The value of the `format` field of an answer.
pub const FORMAT: &str = "rondo-solution/1";

/// Whether any schedule was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// At least one option.
    Scheduled,
    /// No valid schedule exists; `explanation` says why.
    Infeasible,
}

/// An answer to one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolutionDoc {
    /// Always [`FORMAT`].
    pub format: String,
    /// The request's id.
    pub problem: String,
    /// Scheduled or infeasible.
    pub status: Status,
    /// Valid, pairwise different schedules; the first finishes earliest.
    pub options: Vec<OptionDoc>,
    /// Why no schedule exists, in words (null when scheduled).
    pub explanation: Option<String>,
    /// The same explanation as data: what blocks, and what would unblock it
    /// (an optional extension of the format; absent when scheduled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<Diagnosis>,
}

/// One schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionDoc {
    /// End of its last round.
    pub finish: DateTime<Utc>,
    /// Every round, in start order.
    pub rounds: Vec<PlacedRound>,
    /// How good it is, by named parts.
    pub score: Score,
}

/// A round placed at a time with its interviewers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedRound {
    /// The round's id.
    pub round: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant (start + duration).
    pub end: DateTime<Utc>,
    /// Interviewer ids filling the round's requirements.
    pub interviewers: Vec<String>,
    /// Trainees who join the round, apart from the interviewers (optional extension,
    /// `docs/problem-trainees.md`; absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainees: Vec<PlacedTrainee>,
}

impl PlacedRound {
    /// Everyone in the round: the interviewers, then the trainees.
    pub fn everyone(&self) -> impl Iterator<Item = &String> {
        self.interviewers
            .iter()
            .chain(self.trainees.iter().map(|t| &t.id))
    }
}

/// A trainee in a round: who, for which pool, in which role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedTrainee {
    /// The interviewer's id.
    pub id: String,
    /// The pool they are training for.
    pub pool: String,
    /// Shadow or reverse shadow (their stage on the pool's path).
    pub role: crate::problem::TraineeRole,
}

/// The soft score of an option: `total` in `[0, 1]` (higher is better) and its named
/// parts, each in `[0, 1]`, that a coordinator can read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Weighted mean of the parts.
    pub total: f64,
    /// Part name → value in `[0, 1]`.
    pub parts: BTreeMap<String, f64>,
    /// The parts in words, best news first (an optional extension of the format).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

/// What blocks a request and what would unblock it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// The reasons, most specific first.
    pub blockers: Vec<Blocker>,
    /// Changes that each make the request feasible, smallest first.
    pub relaxations: Vec<Relaxation>,
}

/// One reason why no schedule exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blocker {
    /// The round it concerns, if one.
    pub round: Option<String>,
    /// The hard rule (1..=9) that cannot be met.
    pub rule: u8,
    /// The people it concerns (ids).
    pub people: Vec<String>,
    /// In words, for a coordinator.
    pub message: String,
}

/// A change to the request that makes it feasible, with the finish it then allows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relaxation {
    /// What to change.
    pub kind: RelaxationKind,
    /// In words, for a coordinator (and a button label).
    pub message: String,
    /// The earliest finish found once relaxed (a valid schedule exists then).
    pub finish: Option<DateTime<Utc>>,
}

/// The kinds of relaxation Rondo tries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RelaxationKind {
    /// Move the horizon's end later.
    ExtendHorizon {
        /// The new end.
        end: DateTime<Utc>,
    },
    /// Allow the candidate more interview minutes per day.
    RaiseCandidateDailyMinutes {
        /// The new limit.
        minutes: u32,
    },
    /// Let a `same_day` group spread over several days.
    DropSameDay {
        /// The round ids of the group.
        rounds: Vec<String>,
    },
    /// Allow a longer gap between two rounds.
    WidenMaxGap {
        /// The later round.
        round: String,
        /// The round it follows.
        after: String,
        /// The new largest gap in minutes (`None`: no limit).
        minutes: Option<i64>,
    },
    /// Allow a shorter gap between two rounds.
    ShortenMinGap {
        /// The later round.
        round: String,
        /// The round it follows.
        after: String,
        /// The new least gap in minutes.
        minutes: i64,
    },
    /// Ask fewer interviewers from a pool.
    FewerFromPool {
        /// The round.
        round: String,
        /// The pool.
        pool: String,
        /// The new count.
        count: u32,
    },
    /// Lift an interviewer's daily and weekly caps.
    LiftCaps {
        /// The interviewer.
        interviewer: String,
    },
    /// Drop all buffers around interviews.
    NoBuffers,
}

impl Diagnosis {
    /// The whole diagnosis as one paragraph of text.
    pub fn text(&self) -> String {
        let mut out: Vec<String> = self.blockers.iter().map(|b| b.message.clone()).collect();
        if !self.relaxations.is_empty() {
            let r: Vec<String> = self.relaxations.iter().map(|r| r.message.clone()).collect();
            out.push(format!("It becomes possible if you: {}.", r.join("; or ")));
        }
        out.join(" ")
    }
}
