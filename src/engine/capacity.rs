//! How many more loops of a plan fit: the engine books one loop, then another on what
//! is left, until none fits.
//!
//! Each loop is the earliest-finishing schedule of the request on the state left by the
//! loops before it, with interviewers picked as for a proposal (lightest week first);
//! its rounds are then added to the `booked` time of everyone in them, so buffers, caps
//! and the "one round per loop" rule weigh on the next loop exactly as on a real booking.
//! Every candidate is a new person, so the request's candidate is never used up.
//!
//! Why greedy, not the largest packing: packing loops is NP-hard in general, and a
//! coordinator books one loop at a time, taking what the engine proposes. The greedy
//! count is what that achieves, and it is a witness, not an estimate: the loops are
//! returned, each valid with the ones before it booked, and after the last one the
//! exact search finds no further loop. (A cleverer packing might fit more; this count
//! never promises a loop that booking cannot deliver.)
//!
//! The request is compiled once; after each loop only what the people booked in it
//! decide is computed again (their start sets, caps, and the rounds' domains:
//! [`super::model::Compiled::rebooked`]), not the whole model.

use super::assign;
use super::model::{Compiled, Model};
use super::search::{Mode, Search};
use crate::interval::Interval;
use crate::problem::{InterviewerIdx, Problem};
use crate::solution::PlacedRound;
use serde::Serialize;
use std::collections::HashMap;

/// Nodes the search for each loop may visit.
const LOOP_BUDGET: u64 = 1_000_000;

/// Why counting stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// No further loop fits: the count is final.
    NoneFits,
    /// The count reached the limit asked for; more may fit.
    Limit,
    /// The search for the next loop ran out of budget without finding one: the count
    /// is a lower bound.
    Budget,
}

/// The loops that fit, booked one after another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoopsThatFit {
    /// The loops in the order they were booked; each is valid on the request with the
    /// loops before it booked.
    pub loops: Vec<Vec<PlacedRound>>,
    /// Why counting stopped.
    pub stop: Stop,
    /// Ids of the rounds that no longer fit even alone when counting stopped (a pool or
    /// person out of time or caps): what limits the count. Empty when the rounds fit
    /// alone and only their order, gaps or shared people block a whole loop.
    pub full_rounds: Vec<String>,
}

impl LoopsThatFit {
    /// How many loops fit.
    pub fn count(&self) -> usize {
        self.loops.len()
    }
}

/// Books up to `limit` loops of `p`'s plan, one after another; see the module doc.
pub fn fit_loops(p: &Problem, limit: usize) -> LoopsThatFit {
    let mut state = p.clone();
    let by_id: HashMap<String, usize> = p
        .interviewers
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.clone(), i))
        .collect();
    let mut compiled: Option<(Compiled, Vec<InterviewerIdx>)> = None;
    let mut loops = Vec::new();
    loop {
        if loops.len() >= limit {
            return LoopsThatFit {
                loops,
                stop: Stop::Limit,
                full_rounds: Vec::new(),
            };
        }
        let m = match compiled.take() {
            None => Model::new(&state),
            Some((c, booked)) => c.rebooked(&state, &booked),
        };
        let mut search = Search::new(&m, Mode::Optimize, LOOP_BUDGET);
        search.run();
        let Some(mut schedule) = search.best.take() else {
            let stop = if search.exhausted {
                Stop::Budget
            } else {
                Stop::NoneFits
            };
            let full_rounds = (0..state.rounds.len())
                .filter(|&r| m.raw_domains[r].is_empty())
                .map(|r| state.rounds[r].id.clone())
                .collect();
            return LoopsThatFit {
                loops,
                stop,
                full_rounds,
            };
        };
        assign::prefer_interviewers(&m, &mut schedule);
        let rounds = super::placed_rounds(&m, &schedule);
        drop(search);
        let c = m.detach();
        let booked = book(&mut state, &by_id, &rounds);
        compiled = Some((c, booked));
        loops.push(rounds);
    }
}

/// Adds the rounds of a loop to the booked time of everyone in them (interviewers and
/// trainees; `by_id` finds them in `state`), and returns who they are.
fn book(
    state: &mut Problem,
    by_id: &HashMap<String, usize>,
    rounds: &[PlacedRound],
) -> Vec<InterviewerIdx> {
    let mut booked = Vec::new();
    for r in rounds {
        let iv = Interval {
            start: r.start,
            end: r.end,
        };
        let people = r.everyone();
        for id in people {
            if let Some(&w) = by_id.get(id) {
                state.interviewers[w].booked.push(iv);
                if !booked.contains(&w) {
                    booked.push(w);
                }
            }
        }
    }
    booked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::{team, ExampleSpec};
    use crate::team::capacity::{loop_request, this_week_and_next};
    use crate::team::with_bookings;

    #[test]
    fn a_model_updated_after_each_loop_is_the_model_compiled_afresh() {
        let (spec, now) = ExampleSpec::busy_week();
        let doc = team(&spec, now);
        let zone = chrono_tz::Europe::Amsterdam;
        let people = with_bookings(&doc.interviewers, &doc.bookings);
        let [week, _] = this_week_and_next(now, zone, 15);
        for plan in &doc.plans {
            let p = loop_request(plan, &people, week, zone, 15).expect("a valid request");
            let fit = fit_loops(&p, 8);
            let by_id: HashMap<String, usize> = p
                .interviewers
                .iter()
                .enumerate()
                .map(|(i, it)| (it.id.clone(), i))
                .collect();
            let mut state = p.clone();
            let mut compiled = Model::new(&state).detach();
            for (k, rounds) in fit.loops.iter().enumerate() {
                let who = book(&mut state, &by_id, rounds);
                let updated = compiled.rebooked(&state, &who);
                let fresh = Model::new(&state);
                let case = format!("plan {} after loop {}", plan.id, k + 1);
                for (r, (a, b)) in updated.rounds.iter().zip(&fresh.rounds).enumerate() {
                    assert_eq!(a.domain, b.domain, "{case}: domain of round {r}");
                    assert_eq!(
                        updated.raw_domains[r], fresh.raw_domains[r],
                        "{case}: round {r} alone"
                    );
                }
                for (a, b) in updated.seats.iter().zip(&fresh.seats) {
                    for (&(i, s), &(j, t)) in a.eligible.iter().zip(&b.eligible) {
                        assert_eq!(i, j, "{case}: the same people");
                        assert_eq!(
                            updated.sets.starts[s], fresh.sets.starts[t],
                            "{case}: the start set of {}",
                            p.interviewers[i].id
                        );
                    }
                }
                for (a, b) in updated.shared_caps.iter().zip(&fresh.shared_caps) {
                    assert_eq!(
                        (a.who, &a.booked_days, &a.booked_weeks),
                        (b.who, &b.booked_days, &b.booked_weeks),
                        "{case}: caps"
                    );
                }
                drop(fresh);
                compiled = updated.detach();
            }
            assert!(
                !fit.loops.is_empty() || plan.id.as_str() != "loop-platform",
                "the 5-round loop fits at least once on the generated team"
            );
        }
    }
}
