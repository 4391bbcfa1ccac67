//! Proven bounds on the best answer: no valid answer beats them.
//!
//! The weight of any answer is at most the weight of the candidates who can be placed
//! alone. If that is also the weight of the present answer, every such candidate is
//! scheduled in any answer of that weight, and each finishes no earlier than alone, so
//! the sum of their earliest finishes alone bounds the sum.

use super::answer::ObjectiveDoc;
use super::request::Batch;
use super::solve::Alone;

/// A bound on every valid answer of `b`.
pub(crate) fn bound(b: &Batch, alone: &[Alone]) -> ObjectiveDoc {
    let h0 = b.horizon.start.timestamp();
    let mut w = 0u64;
    let mut secs = 0i64;
    for (c, a) in b.candidates.iter().zip(alone) {
        if !a.possible() {
            continue;
        }
        w += u64::from(c.weight);
        secs += match a {
            Alone::Finish(f) => f - h0,
            _ => c
                .problem
                .rounds
                .iter()
                .map(|r| i64::from(r.duration_minutes) * 60)
                .sum(),
        };
    }
    ObjectiveDoc {
        scheduled_weight: w,
        sum_finish_minutes: secs / 60,
    }
}
