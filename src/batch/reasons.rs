//! Why a candidate was left out, in words a coordinator understands.

use super::improve::Improver;
use super::request::Batch;
use super::solve::Alone;
use crate::engine;

/// A reason per candidate left out (`None` for the scheduled ones).
pub(crate) fn unscheduled(b: &Batch, imp: &mut Improver, alone: &[Alone]) -> Vec<Option<String>> {
    b.candidates
        .iter()
        .enumerate()
        .map(|(c, cand)| {
            if imp.placed[c].is_some() {
                return None;
            }
            Some(match &alone[c] {
                Alone::Impossible => {
                    let doc = engine::solve(&cand.problem);
                    format!(
                        "cannot be scheduled even alone: {}",
                        doc.explanation.unwrap_or_default()
                    )
                }
                _ => {
                    "the interviewers this plan needs are taken by the other candidates".to_string()
                }
            })
        })
        .collect()
}
