//! The `rondo-problem/1` scheduling request: its JSON form ([`ProblemDoc`]) and the
//! validated model the engine works on ([`Problem`]).
//!
//! Raw input becomes a validated value before anything uses it: [`Problem::from_doc`]
//! resolves time zones, checks every reference (pools, persons, `after` rounds), rejects
//! cycles and windows that end before they start, and expands nothing yet. Every error
//! names the field that is wrong ([`ProblemError`]).
//!
//! The optional trainee fields (`trainee_in` on an interviewer, `trainee_seats` on a
//! round; `docs/problem-trainees.md`) extend the format without changing what a request
//! without them means.

mod doc;
mod model;
pub mod rfc3339;

pub use doc::{
    AfterDoc, CandidateDoc, HorizonDoc, IntervalDoc, InterviewerDoc, ProblemDoc, RequirementDoc,
    RoundDoc, TraineeRole, TraineeSeatsDoc, TrainingDoc, WorkingHoursDoc, FORMAT,
};
pub(crate) use model::{parse_candidate, parse_frame, parse_interviewers, parse_plan};
pub use model::{
    After, Candidate, Interviewer, InterviewerIdx, Problem, ProblemError, Requirement, Round,
    RoundIdx, TraineeSeats, Training, WallWindow, Weekday7,
};
