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
//! Only the interviewers booked in a loop change, so their start sets are recomputed and
//! everyone else's are reused ([`super::model::StartSets::forget`]).

use super::assign;
use super::model::{Model, StartSets};
use super::search::{Mode, Search};
use crate::interval::Interval;
use crate::problem::Problem;
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
    let mut sets = StartSets::default();
    let mut loops = Vec::new();
    loop {
        if loops.len() >= limit {
            return LoopsThatFit {
                loops,
                stop: Stop::Limit,
                full_rounds: Vec::new(),
            };
        }
        let m = Model::with_cache(&state, std::mem::take(&mut sets));
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
        sets = m.sets;
        for r in &rounds {
            let iv = Interval {
                start: r.start,
                end: r.end,
            };
            let people = r
                .interviewers
                .iter()
                .chain(r.trainees.iter().map(|t| &t.id));
            for id in people {
                if let Some(&w) = by_id.get(id) {
                    state.interviewers[w].booked.push(iv);
                    sets.forget(w);
                }
            }
        }
        loops.push(rounds);
    }
}
