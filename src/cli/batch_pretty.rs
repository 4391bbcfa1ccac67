//! The `--pretty` form of a hiring-day answer.

use rondo::batch::{Batch, BatchSolutionDoc};

/// The answer as text (placeholder until the grid lands).
pub fn pretty(_b: &Batch, a: &BatchSolutionDoc) -> String {
    serde_json::to_string_pretty(a).unwrap_or_default()
}
