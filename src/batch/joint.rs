//! A search over the rounds of several candidates together, in order of start, for an
//! answer the improvement cannot reach: one where three candidates each give a little
//! (a round five minutes later so that a buffer clears another's team interview, which
//! lets a third start earlier).
//!
//! Every round of every candidate of the set is a job; each step starts one more job
//! whose `after` rounds are placed, on a choice of people (one per seat, nobody twice
//! for one candidate), at the earliest slot at or after the previous job's start where
//! all of them are free and the round can start. A branch is cut when the finishes it
//! holds plus every other candidate's least finish from here (the queue relaxation's
//! `F`, [`super::queue`]) cannot beat the answer to beat. It checks the longest gaps
//! and the daily caps of what it places itself; `same_day`, weekly caps and what is
//! booked are left to the single engine's `check`, which every answer it finds must
//! pass whole before it is kept.
//!
//! Starting each round as early as its people allow misses no answer when what the
//! search leaves out only relaxes the rules: place the rounds of any valid answer in
//! its order of start, each on its own people, and each lands no later than there (its
//! people, its candidate and its `after` rounds are all free by then), so the search
//! reaches an answer at least as good. That holds with no longest gaps (an earlier
//! round could leave a later one too far behind), no named person (the buffer kept
//! between two rounds of one candidate is not theirs to keep) and daily caps only for
//! people whose possible starts fall on one date (an earlier start never moves an
//! interview to another date). Then a finished search proves that nothing of its set
//! sums below what it reached ([`super::queue::JointFound`]).

use super::queue::Steps;
use crate::engine::bits::Bits;
use crate::engine::grid::Secs;

/// One round of one candidate in the joint search.
pub(super) struct JointJob {
    /// Its candidate, as an index into the set.
    pub owner: usize,
    pub dur: Secs,
    /// Its seats.
    pub seats: Vec<JointSeat>,
    /// `F` of the round.
    pub steps: Steps,
    /// Jobs of the same owner that end before it starts: least gap, most gap.
    pub preds: Vec<(usize, Secs, Option<Secs>)>,
}

/// One seat of a round in the joint search.
pub(super) struct JointSeat {
    /// The people (indices into the search's people) who may fill it, with their
    /// possible starts.
    pub on: Vec<(usize, Bits)>,
    /// A pool seat: nobody sits twice with one candidate.
    pub pool: bool,
    /// Which of the round's needs it fills: seats of one need take people in
    /// increasing order (they are alike).
    pub need: usize,
}

/// The search's state; see the module doc. People are indices into the search's own
/// list of the people the set's seats may take.
pub(super) struct Joint<'q> {
    pub grid: &'q crate::engine::grid::Grid,
    pub jobs: &'q [JointJob],
    /// Per person: their buffer, their day of each slot, their most interviews a day.
    pub buffer: &'q [Secs],
    pub day_of: &'q [Vec<i32>],
    pub per_day: &'q [Option<u32>],
    /// Per person: the first instant they are free again.
    pub free: Vec<Secs>,
    /// Per candidate of the set: the end of their latest round, the latest end so far,
    /// and who has sat with them.
    pub owner_free: Vec<Secs>,
    pub owner_end: Vec<Secs>,
    pub owner_used: Vec<Vec<bool>>,
    /// Per person: their interviews per day in the search.
    pub day_count: Vec<Vec<(i32, u32)>>,
    /// Per job: its start slot and people, once placed.
    pub start: Vec<Option<usize>>,
    pub people: Vec<Vec<usize>>,
    /// The least sum found (of `finish - h0`), or the one to beat.
    pub best: Secs,
    /// The starts and people of the best found.
    pub best_starts: Option<(Vec<usize>, Vec<Vec<usize>>)>,
    pub nodes: u64,
    pub budget: u64,
}

impl Joint<'_> {
    /// Searches below a node whose jobs start no later than slot `floor`; false if out
    /// of budget.
    pub fn run(&mut self, floor: usize, left: usize) -> bool {
        self.nodes += 1;
        if self.nodes > self.budget {
            return false;
        }
        let h0 = self.grid.h0;
        if left == 0 {
            let sum: Secs = self.owner_end.iter().map(|&e| e - h0).sum();
            if sum < self.best {
                self.best = sum;
                self.best_starts = Some((
                    self.start.iter().map(|s| s.unwrap_or(0)).collect(),
                    self.people.clone(),
                ));
            }
            return true;
        }
        let mut least: Vec<Secs> = self.owner_end.iter().map(|&e| e - h0).collect();
        let mut moves: Vec<(Secs, usize, usize, Vec<usize>)> = Vec::new();
        for (j, job) in self.jobs.iter().enumerate() {
            if self.start[j].is_some() {
                continue;
            }
            let o = job.owner;
            let mut ready = true;
            let mut after = self.owner_free[o].max(self.grid.at(floor));
            let mut before = Secs::MAX;
            for &(p, min, max) in &job.preds {
                match self.start[p] {
                    Some(s) => {
                        let end = self.grid.at(s) + self.jobs[p].dur;
                        after = after.max(end + min);
                        if let Some(max) = max {
                            before = before.min(end + max);
                        }
                    }
                    None => ready = false,
                }
            }
            // The least finish: each seat at its own earliest.
            let mut lo = self.grid.slot_at_or_after(after);
            for JointSeat { on, .. } in &job.seats {
                let first = on
                    .iter()
                    .filter_map(|(m, ok)| {
                        ok.next_at_or_after(lo.max(self.grid.slot_at_or_after(self.free[*m])))
                    })
                    .min();
                match first {
                    Some(t) => lo = lo.max(t),
                    None => return true,
                }
            }
            let Some(f) = job.steps.finish_from(lo) else {
                return true;
            };
            least[o] = least[o].max(f - h0);
            if ready {
                let mut chosen = Vec::new();
                self.choose(j, 0, after, before, &mut chosen, &mut moves);
            }
        }
        let sum: Secs = least.iter().sum();
        if sum >= self.best {
            return true;
        }
        moves.sort_unstable();
        for (f, t, j, chosen) in moves {
            let o = self.jobs[j].owner;
            if sum - least[o] + least[o].max(f) >= self.best {
                continue;
            }
            let end = self.grid.at(t) + self.jobs[j].dur;
            let saved = (self.owner_free[o], self.owner_end[o]);
            let frees: Vec<Secs> = chosen.iter().map(|&m| self.free[m]).collect();
            for &m in &chosen {
                self.free[m] = end + self.buffer[m];
                self.owner_used[o][m] = true;
                self.count(m, t, true);
            }
            self.owner_free[o] = end;
            self.owner_end[o] = self.owner_end[o].max(end);
            self.start[j] = Some(t);
            self.people[j] = chosen.clone();
            let ok = self.run(t, left - 1);
            self.start[j] = None;
            (self.owner_free[o], self.owner_end[o]) = saved;
            for (k, &m) in chosen.iter().enumerate() {
                self.free[m] = frees[k];
                self.owner_used[o][m] = false;
                self.count(m, t, false);
            }
            if !ok {
                return false;
            }
        }
        true
    }

    /// Adds (or takes back) an interview of person `m` at slot `t` to their day's count.
    fn count(&mut self, m: usize, t: usize, add: bool) {
        let day = self.day_of[m][t];
        let counts = &mut self.day_count[m];
        match counts.iter().position(|&(d, _)| d == day) {
            Some(k) if add => counts[k].1 += 1,
            Some(k) => {
                counts[k].1 -= 1;
                if counts[k].1 == 0 {
                    counts.swap_remove(k);
                }
            }
            None if add => counts.push((day, 1)),
            None => {}
        }
    }

    /// Every choice of people for the seats of job `j` from seat `k` on, with the
    /// earliest start they all allow: pushed to `moves` as (finish, start, job, people).
    fn choose(
        &self,
        j: usize,
        k: usize,
        after: Secs,
        before: Secs,
        chosen: &mut Vec<usize>,
        moves: &mut Vec<(Secs, usize, usize, Vec<usize>)>,
    ) {
        let job = &self.jobs[j];
        if k == job.seats.len() {
            // The earliest slot all of them can start at.
            let mut t = self.grid.slot_at_or_after(after);
            for &m in chosen.iter() {
                t = t.max(self.grid.slot_at_or_after(self.free[m]));
            }
            loop {
                let mut moved = false;
                for (s, &m) in chosen.iter().enumerate() {
                    let Some((_, ok)) = job.seats[s].on.iter().find(|(x, _)| *x == m) else {
                        return;
                    };
                    match ok.next_at_or_after(t) {
                        Some(x) if x == t => {}
                        Some(x) => {
                            t = x;
                            moved = true;
                        }
                        None => return,
                    }
                }
                if !moved {
                    break;
                }
            }
            if self.grid.at(t) > before {
                return;
            }
            // Caps of the day.
            for &m in chosen.iter() {
                if let Some(cap) = self.per_day[m] {
                    let day = self.day_of[m][t];
                    let n = self.day_count[m]
                        .iter()
                        .find(|&&(d, _)| d == day)
                        .map_or(0, |&(_, n)| n);
                    if n >= cap {
                        return;
                    }
                }
            }
            if let Some(f) = job.steps.finish_from(t) {
                moves.push((f - self.grid.h0, t, j, chosen.clone()));
            }
            return;
        }
        let JointSeat { on, pool, need } = &job.seats[k];
        let o = job.owner;
        for (m, _) in on {
            if chosen.contains(m) || (*pool && self.owner_used[o][*m]) {
                continue;
            }
            // Seats of one need: people in increasing order.
            if k > 0 && job.seats[k - 1].need == *need && chosen[k - 1] >= *m {
                continue;
            }
            chosen.push(*m);
            self.choose(j, k + 1, after, before, chosen, moves);
            chosen.pop();
        }
    }
}
