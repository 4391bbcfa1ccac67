//! Why a candidate was left out, in words a coordinator understands: which round,
//! which people, and which candidates (with their weights) hold them.

use super::improve::Improver;
use super::place::blocked_rounds;
use super::pool::named_in;
use super::request::Batch;
use super::solve::Alone;
use crate::engine;
use crate::problem::Requirement;

/// Most candidates named in one reason; the rest are counted.
const MOST_NAMED: usize = 5;

/// A reason per candidate left out (`None` for the scheduled ones).
pub(crate) fn unscheduled(b: &Batch, imp: &mut Improver, alone: &[Alone]) -> Vec<Option<String>> {
    (0..b.candidates.len())
        .map(|c| {
            if imp.placed[c].is_some() {
                return None;
            }
            Some(match &alone[c] {
                Alone::Impossible => {
                    let doc = engine::solve(&b.candidates[c].problem);
                    format!(
                        "cannot be scheduled even alone: {}",
                        doc.explanation.unwrap_or_default()
                    )
                }
                Alone::Unknown => "no placement was found for this candidate even alone \
                    within the search's budget; try a longer --time-limit"
                    .to_string(),
                _ => taken(b, imp, c),
            })
        })
        .collect()
}

/// The reason of a candidate who fits alone but not beside the others.
fn taken(b: &Batch, imp: &mut Improver, c: usize) -> String {
    let cand = &b.candidates[c];
    let p = &cand.problem;
    let named = named_in(p);
    let blocked = blocked_rounds(&mut imp.pool, cand);
    let (what, holders) = match blocked.first() {
        Some(&r) => {
            let round = &p.rounds[r];
            let mut people = vec![false; b.interviewers.len()];
            let mut needs = Vec::new();
            for q in &round.requirements {
                match q {
                    Requirement::Person(i) => {
                        people[*i] = true;
                        needs.push(b.interviewers[*i].id.clone());
                    }
                    Requirement::Pool { pool, count } => {
                        for (i, it) in b.interviewers.iter().enumerate() {
                            people[i] |= !named[i] && it.pools.contains(pool);
                        }
                        needs.push(format!("{count} of pool {pool}"));
                    }
                }
            }
            (
                format!(
                    "round {}: {} ({}) has no free time left while this candidate is available",
                    round.name,
                    needs.join(" and "),
                    if round.requirements.len() == 1 {
                        "needed"
                    } else {
                        "all needed"
                    }
                ),
                imp.holders(c, &people),
            )
        }
        None => (
            "each round alone still has a free time, but the whole loop no longer fits \
             (its order, gaps and same-day rules) around the interviews already placed"
                .to_string(),
            imp.related(c),
        ),
    };
    let mut holders = holders;
    holders.sort_by_key(|&o| (std::cmp::Reverse(b.candidates[o].weight), o));
    if holders.is_empty() {
        return format!("{what}: the interviewers' daily or weekly limits are reached");
    }
    let mut names: Vec<String> = holders
        .iter()
        .take(MOST_NAMED)
        .map(|&o| {
            format!(
                "{} (weight {})",
                b.candidates[o].id(),
                b.candidates[o].weight
            )
        })
        .collect();
    if holders.len() > MOST_NAMED {
        names.push(format!("{} more", holders.len() - MOST_NAMED));
    }
    format!(
        "{what}: those interviewers are taken then by {}; this candidate has weight {}",
        names.join(", "),
        cand.weight
    )
}
