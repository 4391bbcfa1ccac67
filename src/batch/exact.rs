//! A complete search over the whole batch, for batches small enough to finish it: the
//! answer it returns is proven optimal.
//!
//! Candidates are taken one at a time, heaviest first. Each is either left out or
//! placed in each of its possible placements against what the earlier ones hold
//! (every time schedule the single-candidate search can find, each with every way of
//! filling its pool seats), earliest finish first; the last candidate needs only its
//! earliest finish, since nothing comes after it. A branch is cut when even placing
//! every remaining candidate at their earliest finish alone could not beat the best
//! answer known, which starts as the improvement phase's answer. The search gives up
//! (and proves nothing) past its budget.

use super::improve::Improver;
use super::place::{all_placements, hold, place, release, Outcome, Placement};
use super::queue::Queue;
use crate::engine::grid::Secs;
use std::time::Instant;

/// No set reaches the weight.
const NONE: Secs = Secs::MAX / 4;

/// Most placements of one candidate the search enumerates at one node.
const MOST_PLACEMENTS: usize = 4_000;

struct Exact<'i, 'b, 'q> {
    imp: &'i mut Improver<'b>,
    /// The queue relaxation, holding the placements of the search's path.
    queue: Option<&'q mut Queue<'b>>,
    order: Vec<usize>,
    /// Weight of `order[k..]`.
    rest_weight: Vec<u64>,
    /// Per level `k` and weight `need`: the least sum of `finish - h0` (each alone,
    /// seconds) of a set of `order[k..]` weighing at least `need`.
    rest_min: Vec<Vec<Secs>>,
    current: Vec<Option<Placement>>,
    weight: u64,
    secs: Secs,
    best: (u64, Secs),
    best_placed: Option<Vec<Option<Placement>>>,
    most_weight: u64,
    work: u64,
    budget: u64,
    deadline: Instant,
    gave_up: bool,
}

/// Searches the whole batch, knowing that no answer weighs more than `most_weight`;
/// true if the improver now holds a proven optimal answer.
pub(crate) fn solve_exactly<'b>(
    imp: &mut Improver<'b>,
    queue: Option<&mut Queue<'b>>,
    most_weight: u64,
    budget: u64,
    deadline: Instant,
) -> bool {
    let h0 = imp.pool.grid.h0;
    let mut order: Vec<usize> = (0..imp.placed.len()).filter(|&c| imp.possible[c]).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(imp.weight_of(c)), imp.alone_finish[c], c));
    let mut rest_weight = vec![0; order.len() + 1];
    for k in (0..order.len()).rev() {
        rest_weight[k] = rest_weight[k + 1] + imp.weight_of(order[k]);
    }
    // rest_min[k][need]: least sum alone of a set of order[k..] weighing at least need.
    let top = rest_weight[0] as usize;
    let mut rest_min = vec![vec![NONE; top + 1]; order.len() + 1];
    rest_min[order.len()][0] = 0;
    for k in (0..order.len()).rev() {
        let (w, f) = (
            imp.weight_of(order[k]) as usize,
            imp.alone_finish[order[k]] - h0,
        );
        for need in 0..=top {
            let with = rest_min[k + 1][need.saturating_sub(w)].saturating_add(f);
            rest_min[k][need] = rest_min[k + 1][need].min(with);
        }
    }
    let start = imp.objective_secs();
    let incumbent = imp.placed.clone();
    for c in 0..imp.placed.len() {
        imp.remove(c);
    }
    let n = imp.placed.len();
    let mut x = Exact {
        imp,
        queue,
        order,
        rest_weight,
        rest_min,
        current: vec![None; n],
        weight: 0,
        secs: 0,
        best: start,
        best_placed: None,
        most_weight,
        work: 0,
        budget,
        deadline,
        gave_up: false,
    };
    x.dfs(0);
    let proven = !x.gave_up;
    let best = x.best_placed.take().unwrap_or(incumbent);
    let work = x.work;
    let imp = x.imp;
    imp.work += work;
    for (c, pl) in best.into_iter().enumerate() {
        if let Some(pl) = pl {
            imp.restore(c, pl);
        }
    }
    proven
}

impl Exact<'_, '_, '_> {
    fn dfs(&mut self, level: usize) {
        if self.gave_up {
            return;
        }
        self.work += 1;
        if self.work > self.budget
            || (self.work.is_multiple_of(256) && Instant::now() >= self.deadline)
        {
            self.gave_up = true;
            return;
        }
        let (bw, bs) = self.best;
        let can_weigh = (self.weight + self.rest_weight[level]).min(self.most_weight);
        if can_weigh < bw || (can_weigh == bw && self.secs + self.rest_least(level, bw) >= bs) {
            return;
        }
        if level == self.order.len() {
            self.best = (self.weight, self.secs);
            self.best_placed = Some(self.current.clone());
            return;
        }
        let c = self.order[level];
        let h0 = self.imp.pool.grid.h0;
        let w = self.imp.weight_of(c);
        // What the candidates after c add at least, whatever c's placement: when every
        // one left (c too) must be placed to reach the best weight, their sum alone.
        // Otherwise nothing: with c placed, the weight may leave any of them out.
        let all_needed = self.weight + self.rest_weight[level] <= self.most_weight;
        let mut rest = self.rest_least(level + 1, bw.saturating_sub(w));
        if can_weigh == bw && all_needed && level + 1 < self.order.len() {
            // Everyone left must be placed: they queue for the people.
            if self.queued(level, bs - self.secs) {
                return;
            }
            let beat = bs - self.secs - (self.imp.alone_finish[c] - h0);
            rest = rest.max(self.queued_rest(level + 1, beat));
        }
        // Latest finish of c that can still lead to a strictly better answer.
        let limit = if can_weigh > bw {
            self.imp.pool.grid.h1
        } else {
            h0 + (bs - self.secs - rest) - 1
        };
        let cand = &self.imp.b.candidates[c];
        if level + 1 == self.order.len() {
            // The last one: its earliest finish is all that matters.
            let mut work = super::solve::PLACE_COST;
            let out = place(
                &mut self.imp.pool,
                cand,
                super::solve::ALONE_BUDGET,
                &mut work,
                None,
            );
            self.work += work;
            match out {
                Outcome::Placed(pl, true) => {
                    if pl.finish <= limit {
                        self.enter(c, w, pl, level);
                    }
                }
                Outcome::Placed(_, false) | Outcome::GaveUp => {
                    self.gave_up = true;
                    return;
                }
                Outcome::Impossible => {}
            }
        } else {
            let mut work = super::solve::PLACE_COST;
            let all = all_placements(
                &mut self.imp.pool,
                cand,
                limit,
                MOST_PLACEMENTS,
                self.budget.saturating_sub(self.work),
                &mut work,
            );
            self.work += work;
            let Some(all) = all else {
                self.gave_up = true;
                return;
            };
            for pl in all {
                // The limit tightens as better answers are found.
                let (bw, bs) = self.best;
                if (self.weight + self.rest_weight[level]).min(self.most_weight) == bw
                    && self.secs + (pl.finish - h0) + rest >= bs
                {
                    break;
                }
                self.enter(c, w, pl, level);
                if self.gave_up {
                    return;
                }
            }
        }
        // Or c is left out.
        self.dfs(level + 1);
    }

    /// A lower bound on the sum of `finish - h0` the candidates `order[level..]` add to
    /// an answer of weight `target` on top of what is placed: the least sum alone of a
    /// set of them that reaches it.
    fn rest_least(&self, level: usize, target: u64) -> Secs {
        let need = target.saturating_sub(self.weight) as usize;
        self.rest_min[level].get(need).copied().unwrap_or(NONE)
    }

    /// True if the candidates `order[level..]`, all of whom must be placed, cannot
    /// add less than `beat` to the sum, queueing for the people against what is held.
    fn queued(&mut self, level: usize, beat: Secs) -> bool {
        self.queued_rest(level, beat) >= beat
    }

    /// A lower bound on what the candidates `order[level..]` add to the sum against
    /// what is held (at most `beat`), from the queue relaxation.
    fn queued_rest(&mut self, level: usize, beat: Secs) -> Secs {
        let Some(q) = self.queue.as_mut() else {
            return 0;
        };
        let before = q.work;
        q.allow(self.budget.saturating_sub(self.work));
        let got = q.quick(&self.order[level..], beat);
        self.work += q.work - before;
        got
    }

    /// Places `c` with `pl`, searches below, and takes it back.
    fn enter(&mut self, c: usize, w: u64, pl: Placement, level: usize) {
        let h0 = self.imp.pool.grid.h0;
        let cand = &self.imp.b.candidates[c];
        hold(&mut self.imp.pool, cand, c, &pl);
        if let Some(q) = self.queue.as_mut() {
            q.hold(c, &pl);
        }
        self.weight += w;
        self.secs += pl.finish - h0;
        let f = pl.finish;
        self.current[c] = Some(pl);
        self.dfs(level + 1);
        if let Some(pl) = self.current[c].take() {
            if let Some(q) = self.queue.as_mut() {
                q.release(&pl);
            }
            release(&mut self.imp.pool, c, &pl);
        }
        self.weight -= w;
        self.secs -= f - h0;
    }
}
