//! The JSON shape of a `rondo-problem/1` request, exactly as `shared/formats/problem.md`
//! defines it. Nothing here is validated: see [`super::Problem::from_doc`].

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The value of the `format` field of a request.
pub const FORMAT: &str = "rondo-problem/1";

/// A scheduling request as read from or written to JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemDoc {
    /// Always [`FORMAT`].
    pub format: String,
    /// The request's id, echoed in the answer's `problem` field.
    pub id: String,
    /// The window every round must lie in; also the origin of the slot grid.
    pub horizon: HorizonDoc,
    /// Rounds start at `horizon.start + k * slot_minutes`.
    pub slot_minutes: i64,
    /// The person being interviewed.
    pub candidate: CandidateDoc,
    /// Everyone who may sit in a round.
    pub interviewers: Vec<InterviewerDoc>,
    /// The interview plan.
    pub rounds: Vec<RoundDoc>,
    /// Groups of round ids that must start on one local date of the candidate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_day: Vec<Vec<String>>,
    /// Only `earliest_finish` exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// How many options to return at most (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<i64>,
}

/// `[start, end)` of the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HorizonDoc {
    /// First instant a round may start.
    #[serde(with = "super::rfc3339")]
    pub start: DateTime<FixedOffset>,
    /// No round may end after this instant.
    #[serde(with = "super::rfc3339")]
    pub end: DateTime<FixedOffset>,
}

/// A half-open interval of instants, as RFC 3339 strings with offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntervalDoc {
    /// Inclusive start.
    #[serde(with = "super::rfc3339")]
    pub start: DateTime<FixedOffset>,
    /// Exclusive end.
    #[serde(with = "super::rfc3339")]
    pub end: DateTime<FixedOffset>,
}

/// The candidate of a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateDoc {
    /// Stable id of the candidate.
    pub id: String,
    /// Display name (optional extension; used in invites and tables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// E-mail address (optional extension; used in invites).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// IANA time zone name.
    pub time_zone: String,
    /// When the candidate can interview; touching windows join.
    #[serde(default)]
    pub available: Vec<IntervalDoc>,
    /// Interview minutes allowed per candidate-local date (none = no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_interview_minutes_per_day: Option<i64>,
}

/// Weekly working hours: weekday key (`mon`..`sun`) → list of `["HH:MM", "HH:MM"]`.
pub type WorkingHoursDoc = BTreeMap<String, Vec<[String; 2]>>;

/// An interviewer of a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterviewerDoc {
    /// Stable id of the interviewer.
    pub id: String,
    /// Display name (optional extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// E-mail address (optional extension; used in invites).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// IANA time zone name.
    pub time_zone: String,
    /// Pools this person may be picked from.
    #[serde(default)]
    pub pools: Vec<String>,
    /// Working hours per local weekday; a missing day is a day off.
    #[serde(default)]
    pub working_hours: WorkingHoursDoc,
    /// Busy time from their calendar.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub busy: Vec<IntervalDoc>,
    /// Interviews already booked (also count towards the caps).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub booked: Vec<IntervalDoc>,
    /// Minutes kept free before and after each interview (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer_minutes: Option<i64>,
    /// Interviews starting per local date at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_day: Option<i64>,
    /// Interviews starting per local ISO week at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_week: Option<i64>,
    /// Pools this person is training for, with their stage and progress (optional
    /// extension, `docs/problem-trainees.md`). While training for a pool they never fill
    /// one of its qualified seats, even if `pools` lists it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainee_in: Vec<TrainingDoc>,
}

/// Where a trainee stands on a pool's training path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingDoc {
    /// The pool they are training for.
    pub pool: String,
    /// Their stage: they shadow, or they lead while a qualified interviewer watches.
    pub stage: TraineeRole,
    /// Interviews left before they graduate (at least 1); the fewest is the closest.
    pub remaining: i64,
}

/// A trainee's part in a round, which is the stage of their training path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TraineeRole {
    /// Watches a round and does not lead it.
    Shadow,
    /// Leads the round while a qualified interviewer of the pool watches.
    ReverseShadow,
}

impl TraineeRole {
    /// The role as written in requests and answers (`shadow`, `reverse_shadow`).
    pub fn as_str(self) -> &'static str {
        match self {
            TraineeRole::Shadow => "shadow",
            TraineeRole::ReverseShadow => "reverse_shadow",
        }
    }
}

/// A round of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundDoc {
    /// Stable id, referenced by `after` and `same_day`.
    pub id: String,
    /// Display name (default: the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Length of the round.
    pub duration_minutes: i64,
    /// Who must sit in the round.
    pub interviewers: Vec<RequirementDoc>,
    /// Rounds this one must follow, with gaps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<AfterDoc>,
    /// Optional seats for trainees (optional extension, `docs/problem-trainees.md`):
    /// filled when a trainee is free, never at the cost of the schedule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainee_seats: Vec<TraineeSeatsDoc>,
}

/// Up to `count` trainees of a pool who may join a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraineeSeatsDoc {
    /// The pool the trainees are training for.
    pub pool: String,
    /// How many seats (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
}

/// One requirement of a round: `n` from a pool, or a named person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RequirementDoc {
    /// A named interviewer.
    Person {
        /// The interviewer's id.
        person: String,
    },
    /// `count` distinct interviewers from a pool.
    Pool {
        /// The pool name.
        pool: String,
        /// How many (default 1).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        count: Option<i64>,
    },
}

/// An order constraint: this round starts after round `round` ends, within gaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterDoc {
    /// The round that must come first.
    pub round: String,
    /// Least minutes between its end and this round's start (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_gap_minutes: Option<i64>,
    /// Most minutes between its end and this round's start (default: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_gap_minutes: Option<i64>,
}
