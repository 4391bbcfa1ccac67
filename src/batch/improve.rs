//! The first answer and its improvement by large-neighbourhood search.
//!
//! The first answer places candidates one at a time, heaviest first, then those who
//! can finish earliest alone, each at its earliest finish against what the earlier
//! ones hold. A step of the improvement frees a few *related* candidates (who hold
//! people the others need, at times the others could use) and places them again in
//! another order, with a left-out candidate first when there is one, each again at its
//! earliest finish; the change is kept when the answer is no worse (so the search can
//! cross plateaus of equal value) and undone otherwise. Neighbourhoods are drawn by a
//! seeded generator, so the same request takes the same steps.

use super::answer::ObjectiveDoc;
use super::place::{alternatives, blocked_rounds, hold, place, release, Outcome, Placement};
use super::pool::{named_in, Pool};
use super::request::Batch;
use super::solve::{Alone, PLACE_BUDGET, PLACE_COST};
use crate::engine::grid::Secs;
use crate::example::SplitMix64;
use crate::problem::Requirement;

/// An answer's value: weight, and sum of `finish - h0` in seconds.
type Value = (u64, Secs);

/// Most candidates freed by one step.
const MAX_FREED: usize = 5;

/// The improving search's state.
pub(crate) struct Improver<'b> {
    /// The batch.
    pub b: &'b Batch,
    /// The pool, holding every placed candidate's interviews.
    pub pool: Pool,
    /// Placement per candidate (`None`: left out).
    pub placed: Vec<Option<Placement>>,
    /// Per candidate: can they be placed at all (not proven impossible alone)?
    pub possible: Vec<bool>,
    /// Per candidate: earliest finish alone (a lower bound on any finish), seconds.
    pub alone_finish: Vec<Secs>,
    /// Per candidate: which interviewers could sit in one of their rounds.
    eligible: Vec<Vec<bool>>,
    /// Per candidate: the span of their availability inside the horizon, seconds.
    window: Vec<(Secs, Secs)>,
    weight: u64,
    sum_secs: i64,
    rng: SplitMix64,
    /// While set, pool seats are filled in an order drawn from it.
    salt: Option<u64>,
    /// Annealing temperature, seconds of the sum of finishes.
    temperature: f64,
    /// The best answer seen and its value.
    best: Option<(Value, Vec<Option<Placement>>)>,
    /// Work done so far, in nodes.
    pub work: u64,
}

impl<'b> Improver<'b> {
    /// A search over `b` with nothing placed; `work` is what was spent before.
    pub fn new(b: &'b Batch, pool: Pool, alone: &[Alone], work: u64) -> Improver<'b> {
        let n_ivr = b.interviewers.len();
        let eligible = b
            .candidates
            .iter()
            .map(|c| {
                let p = &c.problem;
                let named = named_in(p);
                let mut e = vec![false; n_ivr];
                for r in &p.rounds {
                    for q in &r.requirements {
                        match q {
                            Requirement::Person(i) => e[*i] = true,
                            Requirement::Pool { pool, .. } => {
                                for (i, it) in b.interviewers.iter().enumerate() {
                                    if !named[i] && it.pools.contains(pool) {
                                        e[i] = true;
                                    }
                                }
                            }
                        }
                    }
                }
                e
            })
            .collect();
        let window = b
            .candidates
            .iter()
            .map(|c| {
                let av = c.problem.candidate.available.intervals();
                let a = av.first().map_or(pool.grid.h0, |i| i.start.timestamp());
                let e = av.last().map_or(pool.grid.h0, |i| i.end.timestamp());
                (a.max(pool.grid.h0), e.min(pool.grid.h1))
            })
            .collect();
        let min_finish = |c: &super::request::BatchCandidate| {
            pool.grid.h0
                + c.problem
                    .rounds
                    .iter()
                    .map(|r| i64::from(r.duration_minutes) * 60)
                    .sum::<i64>()
        };
        let alone_finish = alone
            .iter()
            .zip(&b.candidates)
            .map(|(a, c)| match a {
                Alone::Finish(f) => *f,
                _ => min_finish(c),
            })
            .collect();
        Improver {
            b,
            placed: vec![None; b.candidates.len()],
            possible: alone.iter().map(Alone::possible).collect(),
            alone_finish,
            eligible,
            window,
            weight: 0,
            sum_secs: 0,
            rng: SplitMix64::new(0x5EED_0B47_C4A1_D0E5),
            salt: None,
            temperature: 0.0,
            best: None,
            work,
            pool,
        }
    }

    /// The present answer's value.
    pub fn objective(&self) -> ObjectiveDoc {
        ObjectiveDoc {
            scheduled_weight: self.weight,
            sum_finish_minutes: self.sum_secs / 60,
        }
    }

    /// Tries to place candidate `c` (not placed) at its earliest finish now.
    pub fn insert(&mut self, c: usize) -> bool {
        self.insert_within(c, PLACE_BUDGET)
    }

    /// [`Improver::insert`] with a search budget of `budget` nodes.
    fn insert_within(&mut self, c: usize, budget: u64) -> bool {
        let cand = &self.b.candidates[c];
        self.work += PLACE_COST;
        let salt = self.salt;
        match place(&mut self.pool, cand, budget, &mut self.work, salt) {
            Outcome::Placed(pl, _) => {
                hold(&mut self.pool, cand, c, &pl);
                self.weight += u64::from(cand.weight);
                self.sum_secs += pl.finish - self.pool.grid.h0;
                self.placed[c] = Some(pl);
                true
            }
            Outcome::Impossible | Outcome::GaveUp => false,
        }
    }

    /// Weight of candidate `c`.
    pub fn weight_of(&self, c: usize) -> u64 {
        u64::from(self.b.candidates[c].weight)
    }

    /// The present answer's weight and sum of `finish - h0` in seconds.
    pub fn objective_secs(&self) -> (u64, Secs) {
        (self.weight, self.sum_secs)
    }

    /// Puts back a known placement of `c` (not placed).
    pub fn restore(&mut self, c: usize, pl: Placement) {
        let cand = &self.b.candidates[c];
        hold(&mut self.pool, cand, c, &pl);
        self.weight += u64::from(cand.weight);
        self.sum_secs += pl.finish - self.pool.grid.h0;
        self.placed[c] = Some(pl);
    }

    /// Removes `c`'s placement, returning it.
    pub fn remove(&mut self, c: usize) -> Option<Placement> {
        let pl = self.placed[c].take()?;
        release(&mut self.pool, c, &pl);
        self.weight -= u64::from(self.b.candidates[c].weight);
        self.sum_secs -= pl.finish - self.pool.grid.h0;
        Some(pl)
    }

    /// The first answer: heaviest first, then earliest finish alone.
    pub fn greedy(&mut self) {
        let mut order: Vec<usize> = (0..self.b.candidates.len())
            .filter(|&c| self.possible[c])
            .collect();
        order.sort_by_key(|&c| {
            (
                std::cmp::Reverse(self.b.candidates[c].weight),
                self.alone_finish[c],
                c,
            )
        });
        for c in order {
            self.insert(c);
        }
    }

    /// Candidates whose interviews use people `c` could use, within `c`'s window.
    pub(crate) fn related(&self, c: usize) -> Vec<usize> {
        self.holders(c, &self.eligible[c])
    }

    /// Candidates whose interviews within `c`'s window use one of `people`.
    pub(crate) fn holders(&self, c: usize, people: &[bool]) -> Vec<usize> {
        self.holders_until(c, people, Secs::MAX)
    }

    /// Candidates holding people `c` could use, between the start of `c`'s window and
    /// `until`: those who may stand between `c` and an earlier finish.
    pub(crate) fn blockers(&self, c: usize, until: Secs) -> Vec<usize> {
        self.holders_until(c, &self.eligible[c], until)
    }

    /// Candidates whose interviews within `c`'s window, before `until`, use one of
    /// `people`.
    fn holders_until(&self, c: usize, people: &[bool], until: Secs) -> Vec<usize> {
        let (a, e) = self.window[c];
        let e = e.min(until);
        let el = people;
        let mut out = Vec::new();
        for (o, pl) in self.placed.iter().enumerate() {
            let Some(pl) = pl else { continue };
            if o == c {
                continue;
            }
            let oc = &self.b.candidates[o].problem;
            let touches = pl
                .starts
                .iter()
                .zip(&pl.people)
                .enumerate()
                .any(|(r, (&k, ppl))| {
                    let s = self.pool.grid.at(k);
                    let f = s + i64::from(oc.rounds[r].duration_minutes) * 60;
                    s < e && f > a && ppl.iter().any(|&i| el[i])
                });
            if touches {
                out.push(o);
            }
        }
        out
    }

    /// A step with one-step lookahead: frees a candidate and one or two related ones,
    /// tries several placements of the first (some finishing later, some with other
    /// people), each followed by the others at their earliest, and keeps the best
    /// combination if the answer is no worse. This finds the trades sequential
    /// placement misses: one candidate a little later so that another is much earlier.
    fn pilot_step(&mut self, placed: &[usize]) {
        let before = self.objective_secs();
        let first = placed[self.rng.below(placed.len())];
        let mut rel = self.related(first);
        if rel.is_empty() {
            return;
        }
        self.rng.shuffle(&mut rel);
        rel.truncate(1 + self.rng.below(2));
        let mut freed = vec![first];
        freed.extend(&rel);
        let old: Vec<(usize, Placement)> = freed
            .iter()
            .filter_map(|&c| self.remove(c).map(|pl| (c, pl)))
            .collect();
        let slack = 60 * (15 + 15 * self.rng.below(8) as i64);
        let salt = self.rng.next_u64();
        self.work += PLACE_COST;
        let alts = alternatives(
            &mut self.pool,
            &self.b.candidates[first],
            slack,
            6,
            PLACE_BUDGET,
            &mut self.work,
            salt,
        );
        let mut best: Option<((u64, Secs), usize)> = None;
        for (k, alt) in alts.iter().enumerate() {
            self.restore(first, alt.clone());
            let mut done = Vec::new();
            for &c in &rel {
                if self.insert(c) {
                    done.push(c);
                }
            }
            let value = self.objective_secs();
            if best.is_none_or(|(b, _)| better(value, b)) {
                best = Some((value, k));
            }
            for c in done {
                self.remove(c);
            }
            self.remove(first);
        }
        let keep = match best {
            Some((value, k)) if self.accepts(before, value) => {
                self.restore(first, alts[k].clone());
                for &c in &rel {
                    self.insert(c);
                }
                true
            }
            _ => false,
        };
        if !keep {
            for &c in &freed {
                self.remove(c);
            }
            for (c, pl) in old {
                self.restore(c, pl);
            }
        }
    }

    /// Two to five candidates seen one after the other by one interviewer (drawn among
    /// those who see at least two): reordering who gets a busy person first is what
    /// moves finishes when one person is the bottleneck.
    fn queue_of_someone(&mut self) -> Vec<usize> {
        let busy: Vec<usize> = (0..self.pool.held.len())
            .filter(|&i| {
                let h = &self.pool.held[i];
                h.iter().any(|x| x.cand != h[0].cand)
            })
            .collect();
        if busy.is_empty() {
            return Vec::new();
        }
        let i = busy[self.rng.below(busy.len())];
        let mut holds: Vec<(Secs, usize)> = self.pool.held[i]
            .iter()
            .map(|h| (h.start, h.cand))
            .collect();
        holds.sort_unstable();
        let mut queue: Vec<usize> = Vec::new();
        for (_, c) in holds {
            if !queue.contains(&c) {
                queue.push(c);
            }
        }
        let len = (2 + self.rng.below(MAX_FREED - 1)).min(queue.len());
        let from = self.rng.below(queue.len() - len + 1);
        queue[from..from + len].to_vec()
    }

    /// Whether a step from value `before` to `after` is kept: more weight always, less
    /// never; the same weight with a sum no larger always, and a larger sum with a
    /// chance that falls with the increase and with the temperature (simulated
    /// annealing, so the search can leave a local optimum; the best answer seen is kept
    /// aside, see [`Improver::keep_best`]).
    fn accepts(&mut self, before: (u64, Secs), after: (u64, Secs)) -> bool {
        if after.0 != before.0 {
            return after.0 > before.0;
        }
        let delta = after.1 - before.1;
        if delta <= 0 {
            return true;
        }
        if self.temperature <= 0.0 {
            return false;
        }
        let u = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        u < (-(delta as f64) / self.temperature).exp()
    }

    /// Sets the annealing temperature, in seconds of the sum of finishes.
    pub fn set_temperature(&mut self, t: f64) {
        self.temperature = t;
    }

    /// Notes the present answer if it is the best seen.
    pub(crate) fn note_best(&mut self) {
        let now = self.objective_secs();
        if self.best.as_ref().is_none_or(|(b, _)| better(now, *b)) {
            self.best = Some((now, self.placed.clone()));
        }
    }

    /// Puts back the best answer seen, if the present one is worse.
    pub fn keep_best(&mut self) {
        let Some((value, placed)) = self.best.take() else {
            return;
        };
        if !better(value, self.objective_secs()) {
            return;
        }
        for c in 0..self.placed.len() {
            self.remove(c);
        }
        for (c, pl) in placed.into_iter().enumerate() {
            if let Some(pl) = pl {
                self.restore(c, pl);
            }
        }
    }

    /// One improvement step (the best answer seen is kept aside).
    pub fn step(&mut self) {
        self.step_once();
        self.note_best();
    }

    fn step_once(&mut self) {
        let n = self.b.candidates.len();
        let left_out: Vec<usize> = (0..n)
            .filter(|&c| self.possible[c] && self.placed[c].is_none())
            .collect();
        let placed: Vec<usize> = (0..n).filter(|&c| self.placed[c].is_some()).collect();
        let before = self.objective_secs();
        let (mut freed, mut order): (Vec<usize>, Vec<usize>);
        let mut extra = 0;
        let mut make_room = false;
        if !left_out.is_empty() && (placed.is_empty() || self.rng.chance(60)) {
            // Make room for a left-out candidate, heavier ones drawn more often.
            let total: u64 = left_out
                .iter()
                .map(|&c| u64::from(self.b.candidates[c].weight))
                .sum();
            let mut x = self.rng.below(total as usize) as u64;
            let mut u = left_out[0];
            for &c in &left_out {
                let w = u64::from(self.b.candidates[c].weight);
                if x < w {
                    u = c;
                    break;
                }
                x -= w;
            }
            // Free first those who hold the people of a round that has no time left.
            let blocked = blocked_rounds(&mut self.pool, &self.b.candidates[u]);
            self.work += PLACE_COST;
            let named = named_in(&self.b.candidates[u].problem);
            let mut rel = if blocked.is_empty() {
                // Persons named in the plan are the scarce ones: free their holders
                // more often than any holder of the pools.
                let by_name = self.holders(u, &named);
                if !by_name.is_empty() && self.rng.chance(70) {
                    by_name
                } else {
                    self.related(u)
                }
            } else {
                let p = &self.b.candidates[u].problem;
                let mut people = vec![false; self.b.interviewers.len()];
                for &r in &blocked {
                    for q in &p.rounds[r].requirements {
                        match q {
                            Requirement::Person(i) => people[*i] = true,
                            Requirement::Pool { pool, .. } => {
                                for (i, it) in self.b.interviewers.iter().enumerate() {
                                    if !named[i] && it.pools.contains(pool) {
                                        people[i] = true;
                                    }
                                }
                            }
                        }
                    }
                }
                self.holders(u, &people)
            };
            self.rng.shuffle(&mut rel);
            let k = 1 + self.rng.below(rel.len().clamp(1, MAX_FREED - 1));
            rel.truncate(k);
            freed = rel;
            order = vec![u];
            make_room = true;
            let mut back = freed.clone();
            self.rng.shuffle(&mut back);
            back.sort_by_key(|&c| std::cmp::Reverse(self.b.candidates[c].weight));
            order.extend(back);
        } else {
            if placed.is_empty() {
                return;
            }
            if self.rng.chance(25) {
                self.pilot_step(&placed);
                return;
            }
            if self.rng.chance(40) {
                // The queue of one interviewer: consecutive candidates they see.
                freed = self.queue_of_someone();
            } else {
                // Shorten finishes: a candidate and some of those in its way.
                let s = placed[self.rng.below(placed.len())];
                let mut rel = self.related(s);
                self.rng.shuffle(&mut rel);
                let k = self.rng.below(rel.len().min(MAX_FREED - 1) + 1);
                rel.truncate(k);
                freed = vec![s];
                freed.extend(rel);
            }
            if freed.is_empty() {
                return;
            }
            order = freed.clone();
            self.rng.shuffle(&mut order);
            if self.rng.chance(50) {
                order.sort_by_key(|&c| self.alone_finish[c]);
            }
            // Left-out candidates get a chance too, after the freed ones.
            for &u in left_out.iter().take(2) {
                order.push(u);
                extra += 1;
            }
        }
        let freed_count = order.len() - extra;
        self.salt = self.rng.chance(30).then(|| self.rng.next_u64());
        freed.sort_unstable();
        let old: Vec<(usize, Placement)> = freed
            .iter()
            .filter_map(|&c| self.remove(c).map(|pl| (c, pl)))
            .collect();
        let mut inserted = Vec::new();
        let mut failed_first = false;
        for (k, &c) in order.iter().enumerate() {
            let budget = if k < freed_count {
                PLACE_BUDGET
            } else {
                PLACE_BUDGET / 10
            };
            if self.placed[c].is_none() {
                if self.insert_within(c, budget) {
                    inserted.push(c);
                } else if k == 0 && make_room {
                    // The left-out candidate still does not fit: nothing to gain.
                    failed_first = true;
                    break;
                }
            }
        }
        self.salt = None;
        let after = self.objective_secs();
        if failed_first || !self.accepts(before, after) {
            for c in inserted {
                self.remove(c);
            }
            for (c, pl) in old {
                self.restore(c, pl);
            }
        }
    }
}

/// True if value `a` (weight, seconds) beats `b`.
pub(crate) fn better(a: (u64, Secs), b: (u64, Secs)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}
