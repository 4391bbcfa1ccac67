//! The `rondo-problem/1` scheduling request: its JSON form ([`ProblemDoc`]) and the
//! validated model the engine works on ([`Problem`]).
//!
//! Raw input becomes a validated value before anything uses it: [`Problem::from_doc`]
//! resolves time zones, checks every reference (pools, persons, `after` rounds), rejects
//! cycles and windows that end before they start, and expands nothing yet. Every error
//! names the field that is wrong ([`ProblemError`]).

mod doc;
mod model;
pub mod rfc3339;

pub use doc::{
    AfterDoc, CandidateDoc, HorizonDoc, IntervalDoc, InterviewerDoc, ProblemDoc, RequirementDoc,
    RoundDoc, WorkingHoursDoc, FORMAT,
};
pub(crate) use model::{parse_candidate, parse_frame, parse_interviewers, parse_plan};
pub use model::{
    After, Candidate, Interviewer, InterviewerIdx, Problem, ProblemError, Requirement, Round,
    RoundIdx, WallWindow, Weekday7,
};
