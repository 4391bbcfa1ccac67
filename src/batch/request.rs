//! The `rondo-batch/1` request: its JSON form ([`BatchDoc`]) and the validated batch
//! ([`Batch`]) the batch engine works on.
//!
//! The parts a batch shares with `rondo-problem/1` (horizon, slot grid, interviewers, a
//! candidate, a plan) are read by the same code as a single request, so both formats
//! accept and refuse exactly the same things. Each candidate becomes a whole
//! [`Problem`]: the single-candidate request the batch engine places against what the
//! other candidates hold, and what `rondo solve` would be given for a batch of one.

use crate::interval::Interval;
use crate::problem::{
    parse_candidate, parse_frame, parse_interviewers, parse_plan, CandidateDoc, HorizonDoc,
    IntervalDoc, Interviewer, InterviewerDoc, Problem, ProblemError, RoundDoc,
};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The value of the `format` field of a hiring-day request.
pub const FORMAT: &str = "rondo-batch/1";

/// A hiring-day request as read from or written to JSON. Fields not described by
/// `shared/formats/batch.md` are ignored at this level and in candidates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchDoc {
    /// Always [`FORMAT`].
    pub format: String,
    /// The request's id, echoed in the answer's `problem` field.
    pub id: String,
    /// The window every round must lie in; also the origin of the slot grid.
    pub horizon: HorizonDoc,
    /// Rounds start at `horizon.start + k * slot_minutes`.
    pub slot_minutes: i64,
    /// The shared interviewer pool, exactly as in `rondo-problem/1`.
    pub interviewers: Vec<InterviewerDoc>,
    /// The candidates, each with their own plan.
    pub candidates: Vec<BatchCandidateDoc>,
}

/// One candidate of a batch: a `rondo-problem/1` candidate with a weight and a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchCandidateDoc {
    /// Stable id, unique in the batch.
    pub id: String,
    /// Display name (optional extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// E-mail address (optional extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// IANA time zone name.
    pub time_zone: String,
    /// When the candidate can interview; touching windows join.
    pub available: Vec<IntervalDoc>,
    /// Interview minutes allowed per candidate-local date (none = no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_interview_minutes_per_day: Option<i64>,
    /// How much scheduling this candidate counts (a whole number ≥ 1; default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    /// The candidate's interview plan, as `rounds` of `rondo-problem/1`.
    pub rounds: Vec<RoundDoc>,
    /// Groups of round ids that must start on one local date of the candidate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_day: Vec<Vec<String>>,
}

/// Why a hiring-day request was refused. Each variant names the field that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BatchError {
    /// The text is not JSON, or a field is missing or of the wrong type.
    #[error("the request is not a valid rondo-batch/1 document: {path}: {message}")]
    Json {
        /// Where in the document (`candidates[3].rounds[0].duration_minutes`).
        path: String,
        /// What the reader expected.
        message: String,
    },
    /// `format` is not `rondo-batch/1`.
    #[error("format is {found:?}; this reader understands \"{FORMAT}\"")]
    Format {
        /// The value found.
        found: String,
    },
    /// The horizon, the slot grid or an interviewer is wrong, as `rondo-problem/1` says.
    #[error("{0}")]
    Shared(ProblemError),
    /// `candidates` is empty.
    #[error("candidates: the batch has no candidates")]
    NoCandidates,
    /// Two candidates with one id.
    #[error("candidates[{index}]: candidate id {id:?} appears twice")]
    DuplicateCandidate {
        /// Position of the second one.
        index: usize,
        /// The repeated id.
        id: String,
    },
    /// A weight that is not a whole number ≥ 1.
    #[error("{field}: weight must be a whole number from 1 to 1000000, not {value}")]
    Weight {
        /// `candidates[k] (id).weight`.
        field: String,
        /// The value given.
        value: i64,
    },
    /// A candidate or their plan is wrong, as `rondo-problem/1` says.
    #[error("{field}: {source}")]
    Candidate {
        /// `candidates[k] (id)`.
        field: String,
        /// What is wrong, with the field inside the candidate.
        source: ProblemError,
    },
}

/// Largest weight accepted: sums of weights stay far from overflow.
const MAX_WEIGHT: i64 = 1_000_000;

/// A validated hiring-day request.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The request's id.
    pub id: String,
    /// Every round of every candidate lies inside it.
    pub horizon: Interval,
    /// Grid step of round starts, from `horizon.start`.
    pub slot_minutes: u32,
    /// The shared pool, in request order (indices are those of each candidate's problem).
    pub interviewers: Vec<Interviewer>,
    /// The candidates, in request order.
    pub candidates: Vec<BatchCandidate>,
}

/// One validated candidate of a batch.
#[derive(Debug, Clone)]
pub struct BatchCandidate {
    /// How much scheduling them counts (≥ 1).
    pub weight: u32,
    /// The candidate alone as a `rondo-problem/1` request: their availability and plan
    /// against the whole pool (with the pool's own calendars, nothing of the batch).
    pub problem: Problem,
}

impl BatchCandidate {
    /// The candidate's id.
    pub fn id(&self) -> &str {
        &self.problem.candidate.id
    }
}

impl Batch {
    /// Parses and validates a request from JSON text; a shape error names the path of
    /// the field.
    pub fn from_json(text: &str) -> Result<Batch, BatchError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let doc: BatchDoc = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            BatchError::Json {
                path: if path == "." { "request".into() } else { path },
                message: e.into_inner().to_string(),
            }
        })?;
        Batch::from_doc(&doc)
    }

    /// Validates a request document: the shared parts as `rondo-problem/1` reads them,
    /// then every candidate with its plan.
    pub fn from_doc(doc: &BatchDoc) -> Result<Batch, BatchError> {
        if doc.format != FORMAT {
            return Err(BatchError::Format {
                found: doc.format.clone(),
            });
        }
        let (horizon, slot_minutes) =
            parse_frame(&doc.horizon, doc.slot_minutes).map_err(BatchError::Shared)?;
        let interviewers = parse_interviewers(&doc.interviewers).map_err(BatchError::Shared)?;
        if doc.candidates.is_empty() {
            return Err(BatchError::NoCandidates);
        }
        let mut seen = HashSet::new();
        let mut candidates = Vec::with_capacity(doc.candidates.len());
        for (k, c) in doc.candidates.iter().enumerate() {
            if !seen.insert(c.id.as_str()) {
                return Err(BatchError::DuplicateCandidate {
                    index: k,
                    id: c.id.clone(),
                });
            }
            let field = format!("candidates[{k}] ({})", c.id);
            let weight = c.weight.unwrap_or(1);
            if !(1..=MAX_WEIGHT).contains(&weight) {
                return Err(BatchError::Weight {
                    field: format!("{field}.weight"),
                    value: weight,
                });
            }
            let in_candidate = |source| BatchError::Candidate {
                field: field.clone(),
                source,
            };
            let candidate_doc = CandidateDoc {
                id: c.id.clone(),
                name: c.name.clone(),
                email: c.email.clone(),
                time_zone: c.time_zone.clone(),
                available: c.available.clone(),
                max_interview_minutes_per_day: c.max_interview_minutes_per_day,
            };
            let candidate = parse_candidate(&candidate_doc, "").map_err(in_candidate)?;
            let (rounds, same_day) =
                parse_plan(&c.rounds, &c.same_day, &interviewers).map_err(in_candidate)?;
            candidates.push(BatchCandidate {
                weight: weight as u32,
                problem: Problem {
                    id: doc.id.clone(),
                    horizon,
                    slot_minutes,
                    candidate,
                    interviewers: interviewers.clone(),
                    rounds,
                    same_day,
                    options: 1,
                },
            });
        }
        Ok(Batch {
            id: doc.id.clone(),
            horizon,
            slot_minutes,
            interviewers,
            candidates,
        })
    }

    /// Total weight of all candidates.
    pub fn total_weight(&self) -> u64 {
        self.candidates.iter().map(|c| u64::from(c.weight)).sum()
    }
}
