//! Hiring days: many candidates, one shared interviewer pool, scheduled together.
//!
//! [`Batch`] is a validated `rondo-batch/1` request (`shared/formats/batch.md`);
//! [`solve`] answers it with a [`BatchSolutionDoc`] (`rondo-batch-solution/1`): the
//! heaviest set of candidates that fits, each finishing as early as the others allow,
//! with a proven bound and the reasons in words why anyone was left out. [`move_round`]
//! moves one round of an answer by hand, re-checked against the whole day.

mod answer;
mod apart;
mod bound;
mod dates;
mod exact;
mod improve;
mod joint;
mod moves;
mod named;
mod pairs;
mod place;
mod pool;
mod pretty;
mod queue;
mod reasons;
mod request;
mod solve;
mod twins;

pub use answer::{
    BatchSolutionDoc, BatchStatus, ObjectiveDoc, ScheduledDoc, UnscheduledDoc, SOLUTION_FORMAT,
};
pub use moves::{move_round, Broken, MoveError};
pub use pretty::pretty;
pub use request::{Batch, BatchCandidate, BatchCandidateDoc, BatchDoc, BatchError, FORMAT};
pub use solve::{solve, solve_with, Limits, Phase, SolveStats};
