//! A sharper bound on the sum of finishes of a small batch: its candidates queue for
//! the people of one pool.
//!
//! The bound of [`super::bound`] lets every candidate finish as early as alone, which
//! is far off where a few people serve everyone: two recruiters and four candidates
//! whose loops all open with the recruiter cannot all start at nine. This relaxation
//! keeps exactly that queue. For one pool (or one named person), each candidate keeps
//! one round that needs someone of it, a *job*; every other constraint between the
//! candidates is dropped. A job can start only where its round could start alone and
//! where one of its eligible people is free for it (working, not busy, with their
//! buffer); two jobs held by one person never overlap and keep that person's buffer
//! between them. A candidate whose job starts at or after `t` finishes no earlier than
//! `F(t)`, their earliest finish alone with that round starting at or after `t` (the
//! single-candidate engine's exact search on the narrowed domain). Any valid answer
//! gives such a queue, so the least sum of `F` over every queue bounds its sum of
//! finishes.
//!
//! The least sum is found by a branch and bound over the jobs in order of start: each
//! step starts one more job, on one of its people, at the earliest slot at or after the
//! previous job's start where that person is free. `F` never falls as a start grows, so
//! some optimal queue is reached this way (place the jobs of an optimal queue in its
//! order of start: each lands no later than there). A branch is cut when what it holds
//! plus every other job at its earliest start now cannot beat the best known. A round
//! of several seats is a job per seat, placed one after the other; the jobs of one
//! candidate never overlap and keep their `after` gaps. The bound is taken for every
//! pool and named person (fewest people first), with each candidate's first, last or
//! every round of it as the jobs, and for every two pools together; the largest holds.
//! The complete search ([`super::exact`]) asks again at its nodes, with the interviews
//! its path holds as busy time, using only the relaxation that did best.

use super::joint::{Capped, Joint, JointJob, JointSeat, Tally};
use super::named::named_clash;
use super::place::{compile, Placement};
use super::pool::Pool;
use super::request::Batch;
use super::twins::twins;
use crate::engine::bits::Bits;
use crate::engine::grid::{Grid, Secs, ZoneDays};
use crate::engine::search::{Mode, Search};
use crate::problem::InterviewerIdx;
use std::collections::BTreeMap;

/// Nodes the single-candidate search may visit for one value of `F`.
const F_BUDGET: u64 = 200_000;

/// Whom a job needs: one person of a pool, or one named person.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Pool(String),
    Person(InterviewerIdx),
}

/// One round of one candidate as the relaxation sees it.
struct RoundInfo {
    /// Its possible starts alone.
    domain: Bits,
    dur: Secs,
    /// Rounds that end before it starts, with the least gap and the most gap (if any),
    /// seconds.
    preds: Vec<(usize, Secs, Option<Secs>)>,
    /// The pool of each seat, in a placement's order (after the named people).
    seat_pools: Vec<String>,
    /// Per key it needs: the people who may hold it, each with their possible starts.
    keys: Vec<Need>,
}

/// What one round needs of one key.
struct Need {
    key: Key,
    /// The people who may hold it, each with their possible starts.
    people: Vec<(InterviewerIdx, Bits)>,
    /// How many of them at once.
    count: usize,
}

/// Which rounds of a candidate needing a key become jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// The one that can start first.
    First,
    /// The one that can start last.
    Last,
    /// Every one.
    All,
}

/// What the joint search of one set found.
pub(crate) struct JointFound {
    /// The least sum of `finish - h0` it reached (seconds): its best answer's, or the
    /// sum to beat if it found none below.
    pub least: Secs,
    /// Its best answer below the sum to beat, each candidate with their placement;
    /// not checked.
    pub placed: Option<Vec<(usize, Placement)>>,
    /// True if the search finished: what it leaves out (`same_day`, weekly caps,
    /// what is booked) only relaxes the rules, so no answer of the set sums below
    /// `least`.
    pub exhaustive: bool,
}

/// `F` of one (candidate, round), or a lower bound of it: `(from, s, f)` triples,
/// increasing in all three, each the earliest finish `f` with the round starting at or
/// after `from`, reached with the round at `s`. So a start at or after `t` finishes at
/// `f` exactly for `from <= t <= s`, and no earlier than the previous triple's `f` in
/// the gaps between one `s` and the next `from` (`F` never falls as `t` grows); past the
/// last `s`, no finish within the cap.
#[derive(Debug, Clone, Default)]
pub(super) struct Steps(Vec<(usize, usize, Secs)>);

impl Steps {
    /// The least finish (or a lower bound of it) with the round starting at or after
    /// slot `t`, if within the cap.
    pub fn finish_from(&self, t: usize) -> Option<Secs> {
        let k = self.0.partition_point(|&(_, s, _)| s < t);
        let &(from, _, f) = self.0.get(k)?;
        if from <= t || k == 0 {
            Some(f)
        } else {
            Some(self.0[k - 1].2)
        }
    }

    /// [`Steps::finish_from`] at every slot of a grid of `n` slots, read in one step
    /// (the joint search reads it at every move it looks at).
    pub fn dense(&self, n: usize) -> Finishes {
        Finishes(
            (0..n)
                .map(|t| self.finish_from(t).unwrap_or(Secs::MAX))
                .collect(),
        )
    }
}

/// `F` of a round at every slot ([`Steps::dense`]); `Secs::MAX` where no finish is
/// within the cap.
#[derive(Debug, Clone, Default)]
pub(super) struct Finishes(Vec<Secs>);

impl Finishes {
    /// As [`Steps::finish_from`].
    #[inline]
    pub fn finish_from(&self, t: usize) -> Option<Secs> {
        self.0.get(t).copied().filter(|&f| f != Secs::MAX)
    }
}

/// The relaxation's data for a batch: every candidate's rounds and, computed when
/// first asked, their `F`.
pub(crate) struct Queue<'b> {
    b: &'b Batch,
    pool: Pool,
    grid: Grid,
    rounds: Vec<Vec<RoundInfo>>,
    /// `F` by (candidate, round), a candidate's twin's ([`super::twins`]) shared.
    steps: BTreeMap<(usize, usize), Steps>,
    twin: Vec<usize>,
    /// Earliest finish alone per candidate, seconds.
    alone: Vec<Secs>,
    /// Finishes past `alone + slack` need not be told apart (they cannot lead to a
    /// sum below the one to beat).
    slack: Secs,
    /// `F` is searched every this many slots where it is dear (see [`Queue::new`]).
    stride: usize,
    /// Per interviewer: interviews the rest of the batch holds, `[start, end)` seconds
    /// (the complete search's candidates placed so far).
    held: Vec<Vec<(Secs, Secs)>>,
    /// The spec that gave the best bound last time [`Queue::bound`] ran.
    preferred: Option<Vec<(Key, Pick)>>,
    /// Work done, in search nodes.
    pub work: u64,
    budget: u64,
}

impl<'b> Queue<'b> {
    /// The relaxation of `b`, given each candidate's earliest finish alone (for those
    /// who can be placed), and `slack`: how far past that a candidate's finish can be
    /// in a queue that may still beat the sum to beat (that sum less the least sum
    /// alone of a set asked about: the others finish no earlier than alone). `budget` bounds the work.
    /// `F` is searched at every slot with `stride` 1, every `stride` slots else (a
    /// lower bound in between: cheaper, but the relaxation's bound is weaker with it).
    pub fn new(
        b: &'b Batch,
        alone: &[Option<Secs>],
        slack: Secs,
        stride: usize,
        budget: u64,
    ) -> Queue<'b> {
        let mut pool = Pool::new(b);
        let grid = pool.grid.clone();
        let mut rounds = Vec::with_capacity(b.candidates.len());
        for (c, cand) in b.candidates.iter().enumerate() {
            if alone[c].is_none() {
                rounds.push(Vec::new());
                continue;
            }
            let m = compile(&mut pool, cand);
            let info = m
                .rounds
                .iter()
                .map(|rm| {
                    let mut keys: Vec<Need> = Vec::new();
                    for &(who, k) in &rm.named {
                        keys.push(Need {
                            key: Key::Person(who),
                            people: vec![(who, m.sets.starts[k].clone())],
                            count: 1,
                        });
                    }
                    for &seat in &rm.seats {
                        let s = &m.seats[seat];
                        let key = Key::Pool(s.pool.clone());
                        match keys.iter_mut().find(|n| n.key == key) {
                            Some(need) => need.count += 1,
                            None => keys.push(Need {
                                key,
                                people: s
                                    .eligible
                                    .iter()
                                    .map(|&(who, k)| (who, m.sets.starts[k].clone()))
                                    .collect(),
                                count: 1,
                            }),
                        }
                    }
                    RoundInfo {
                        domain: rm.domain.clone(),
                        dur: rm.dur,
                        preds: rm.preds.iter().map(|p| (p.round, p.min, p.max)).collect(),
                        seat_pools: rm.seats.iter().map(|&k| m.seats[k].pool.clone()).collect(),
                        keys,
                    }
                })
                .collect();
            pool.sets = m.c.sets;
            rounds.push(info);
        }
        Queue {
            b,
            pool,
            grid,
            rounds,
            steps: BTreeMap::new(),
            twin: twins(b),
            alone: alone.iter().map(|f| f.unwrap_or(Secs::MAX)).collect(),
            slack,
            stride: stride.max(1),
            held: vec![Vec::new(); b.interviewers.len()],
            preferred: None,
            work: 0,
            budget,
        }
    }

    /// From now on, the relaxation's people are busy with the interviews of `pl`, a
    /// placement of candidate `c` (outside the sets asked about), keeping their
    /// buffers around them.
    pub fn hold(&mut self, c: usize, pl: &Placement) {
        let rounds = &self.b.candidates[c].problem.rounds;
        for (r, people) in pl.people.iter().enumerate() {
            let start = self.grid.at(pl.starts[r]);
            let end = start + i64::from(rounds[r].duration_minutes) * 60;
            for &i in people {
                self.held[i].push((start, end));
            }
        }
    }

    /// Takes back the interviews of the last [`Queue::hold`] of `pl`.
    pub fn release(&mut self, pl: &Placement) {
        for people in pl.people.iter().rev() {
            for &i in people.iter().rev() {
                self.held[i].pop();
            }
        }
    }

    /// From now on, finishes past `alone + slack` need not be told apart (see
    /// [`Queue::new`]); `F` already computed keeps its own.
    pub fn set_slack(&mut self, slack: Secs) {
        self.slack = slack;
    }

    /// Work left in the budget.
    pub fn left(&self) -> u64 {
        self.budget.saturating_sub(self.work)
    }

    /// More work allowed.
    pub fn allow(&mut self, more: u64) {
        self.budget = self.work + more;
    }

    /// A lower bound on the sum of `finish - h0` (seconds) of every valid answer that
    /// schedules exactly the candidates of `set` (each of whom can be placed alone),
    /// or `beat` if no answer of that set comes below `beat`. `None` if the work
    /// budget ran out first.
    pub fn bound(&mut self, set: &[usize], beat: Secs) -> Secs {
        // Keys with the fewest people first: they queue the most.
        let mut keys: Vec<(usize, Key)> = set
            .iter()
            .flat_map(|&c| self.rounds[c].iter().flat_map(|r| r.keys.iter()))
            .map(|n| (n.people.len(), n.key.clone()))
            .collect();
        keys.sort();
        keys.dedup_by(|a, b| a.1 == b.1);
        let keys: Vec<Key> = keys.into_iter().map(|(_, k)| k).collect();
        let twice = |key: &Key| {
            set.iter().any(|&c| {
                let rounds = self.rounds[c].iter();
                rounds
                    .filter(|r| r.keys.iter().any(|n| n.key == *key))
                    .count()
                    > 1
            })
        };
        let mut specs: Vec<Vec<(&Key, Pick)>> = Vec::new();
        for key in &keys {
            specs.push(vec![(key, Pick::First)]);
            if twice(key) {
                specs.push(vec![(key, Pick::Last)]);
                specs.push(vec![(key, Pick::All)]);
            }
        }
        for (a, ka) in keys.iter().enumerate() {
            for kb in &keys[a + 1..] {
                specs.push(vec![(ka, Pick::First), (kb, Pick::First)]);
            }
        }
        if set.len() <= EVERY_ROUND_MAX {
            // Every round of every candidate: the whole day but for caps, `same_day`
            // and the longest gaps.
            specs.push(keys.iter().map(|k| (k, Pick::All)).collect());
        }
        let h0 = self.grid.h0;
        let mut best: Secs = set.iter().map(|&c| self.alone[c] - h0).sum();
        let mut preferred = None;
        for spec in specs {
            if best >= beat || self.work >= self.budget {
                break;
            }
            if let Some(found) = self.one(set, &spec, beat) {
                if found > best {
                    best = found;
                    preferred = Some(spec.iter().map(|&(k, p)| (k.clone(), p)).collect());
                }
            }
        }
        if preferred.is_some() {
            self.preferred = preferred;
        }
        best.min(beat)
    }

    /// [`Queue::bound`] from the one relaxation that gave the best bound when it last
    /// ran (the sum alone if none did): what a search that asks at every node can
    /// afford.
    pub fn quick(&mut self, set: &[usize], beat: Secs) -> Secs {
        let h0 = self.grid.h0;
        let alone: Secs = set.iter().map(|&c| self.alone[c] - h0).sum();
        let Some(spec) = self.preferred.clone() else {
            return alone.min(beat);
        };
        let spec: Vec<(&Key, Pick)> = spec.iter().map(|(k, p)| (k, *p)).collect();
        match self.one(set, &spec, beat) {
            Some(found) => found.max(alone).min(beat),
            None => alone.min(beat),
        }
    }

    /// The least sum of the relaxation whose jobs are each candidate's rounds that
    /// `spec` picks, at most `beat`; `None` if its search or the search of some `F`
    /// ran out of budget (the relaxation then says nothing).
    fn one(&mut self, set: &[usize], spec: &[(&Key, Pick)], beat: Secs) -> Option<Secs> {
        let h0 = self.grid.h0;
        let mut fixed: Secs = 0;
        let mut jobs: Vec<Job> = Vec::new();
        let mut people: Vec<InterviewerIdx> = Vec::new();
        let mut owners = 0;
        for &c in set {
            // (round, key) pairs of this candidate, each round once.
            let mut picked: Vec<(usize, &Key)> = Vec::new();
            for &(key, pick) in spec {
                let of_key = self.rounds[c]
                    .iter()
                    .enumerate()
                    .filter(|(r, info)| {
                        info.keys.iter().any(|n| n.key == *key)
                            && picked.iter().all(|&(q, _)| q != *r)
                    })
                    .filter_map(|(r, info)| Some((info.domain.first()?, r)));
                let rounds: Vec<usize> = match pick {
                    Pick::First => of_key.min().map(|(_, r)| r).into_iter().collect(),
                    Pick::Last => of_key.max().map(|(_, r)| r).into_iter().collect(),
                    Pick::All => of_key.map(|(_, r)| r).collect(),
                };
                picked.extend(rounds.into_iter().map(|r| (r, key)));
            }
            if picked.is_empty() {
                fixed += self.alone[c] - h0;
                continue;
            }
            let owner = owners;
            owners += 1;
            for &(r, key) in &picked {
                let steps = self.steps_of(c, r)?.clone();
                let info = &self.rounds[c][r];
                let Some(need) = info.keys.iter().find(|n| n.key == *key) else {
                    continue;
                };
                let on = self.people_of(info, need, &mut people);
                // A round of several seats is one job per seat, placed one after the
                // other at no earlier start.
                let first = jobs.len();
                for part in 0..need.count {
                    jobs.push(Job {
                        owner,
                        cand: c,
                        round: r,
                        dur: info.dur,
                        on: on.clone(),
                        steps: steps.clone(),
                        preds: Vec::new(),
                        next_part: (part + 1 < need.count).then_some(first + part + 1),
                        first_part: first,
                    });
                }
            }
        }
        // Each job's predecessors among its candidate's jobs, as job indices.
        for j in 0..jobs.len() {
            let preds: Vec<(usize, Secs)> = self.rounds[jobs[j].cand][jobs[j].round]
                .preds
                .iter()
                .filter_map(|&(r, gap, _)| {
                    let k = jobs
                        .iter()
                        .rposition(|o| o.owner == jobs[j].owner && o.round == r)?;
                    Some((k, gap))
                })
                .collect();
            jobs[j].preds = preds;
        }
        if jobs.is_empty() {
            return Some(fixed.min(beat));
        }
        let buffer: Vec<Secs> = people.iter().map(|&i| self.pool.buffer(i)).collect();
        let mut dfs = Dfs {
            grid: &self.grid,
            jobs: &jobs,
            buffer: &buffer,
            free: vec![Secs::MIN; people.len()],
            last: vec![(usize::MAX, Secs::MIN); people.len()],
            owner_free: vec![Secs::MIN; owners],
            owner_held: vec![0; owners],
            start: vec![None; jobs.len()],
            before: vec![Secs::MIN; jobs.len()],
            machine: vec![0; jobs.len()],
            pending: None,
            best: beat - fixed,
            nodes: 0,
            steps: 0,
            budget: DFS_NODES.min(self.budget.saturating_sub(self.work)),
        };
        let done = dfs.run(0, jobs.len());
        self.work += dfs.effort();
        done.then(|| dfs.best + fixed)
    }

    /// The people who may hold `need` of round `info`, as indices into `people` (added
    /// there when new), each with the starts where both they and the round can start
    /// and the interviews held leave them free with their buffer.
    fn people_of(
        &self,
        info: &RoundInfo,
        need: &Need,
        people: &mut Vec<InterviewerIdx>,
    ) -> Vec<(usize, Bits)> {
        let mut on = Vec::with_capacity(need.people.len());
        for (i, starts) in &need.people {
            let mut ok = starts.clone();
            ok.and_with(&info.domain);
            let buf = self.pool.buffer(*i);
            for &(hs, he) in &self.held[*i] {
                // Starts whose interview would meet this one with the buffer.
                let a = self.grid.slot_at_or_after(hs - buf - info.dur + 1);
                let z = self.grid.slot_at_or_after(he + buf).min(ok.len());
                if a < z {
                    ok.clear_range(a, z);
                }
            }
            if ok.is_empty() {
                continue;
            }
            let m = match people.iter().position(|p| p == i) {
                Some(m) => m,
                None => {
                    people.push(*i);
                    people.len() - 1
                }
            };
            on.push((m, ok));
        }
        on
    }

    /// `F` of round `r` of candidate `c`, computed on first use.
    fn steps_of(&mut self, c: usize, r: usize) -> Option<&Steps> {
        let c = self.twin[c];
        if !self.steps.contains_key(&(c, r)) {
            let steps = self.compute(c, r)?;
            self.steps.insert((c, r), steps);
        }
        self.steps.get(&(c, r))
    }

    fn compute(&mut self, c: usize, r: usize) -> Option<Steps> {
        let cap = self.alone[c].saturating_add(self.slack);
        let mut m = compile(&mut self.pool, &self.b.candidates[c]);
        let whole: Vec<Bits> = m.rounds.iter().map(|rm| rm.domain.clone()).collect();
        let mut steps = Steps::default();
        let mut from = 0;
        let mut stride = self.stride;
        let mut gave_up = false;
        loop {
            // The earliest finish from slot `from` on, if the round can start there.
            let probe = match whole[r].next_at_or_after(from) {
                None => None,
                Some(t) => {
                    let mut d = whole.clone();
                    d[r].clear_range(0, t);
                    m.consistent(&mut d, &|_, _| true, &|_| true);
                    for (rm, dom) in m.c.rounds.iter_mut().zip(d) {
                        rm.domain = dom;
                    }
                    let mut s = Search::new(&m, Mode::Optimize, F_BUDGET);
                    s.run();
                    self.work += s.effort();
                    if s.exhausted {
                        gave_up = true;
                        break;
                    }
                    s.best
                }
            };
            if stride > 1 && probe.as_ref().is_none_or(|b| b.finish > cap) {
                // Nothing within the cap from here: the slots skipped may still hold
                // some, so they are searched one by one.
                stride = 1;
                if let Some(s) = steps.0.last().map(|&(_, s, _)| s).filter(|&s| s + 1 < from) {
                    from = s + 1;
                    continue;
                }
            }
            let Some(best) = probe else { break };
            let at = best.starts[r];
            steps.0.push((from, at, best.finish));
            if best.finish > cap || self.work > self.budget {
                gave_up = self.work > self.budget;
                break;
            }
            from = at + stride;
        }
        for (rm, dom) in m.c.rounds.iter_mut().zip(whole) {
            rm.domain = dom;
        }
        self.pool.sets = m.c.sets;
        (!gave_up).then_some(steps)
    }
}

/// One round of one candidate in the queue.
struct Job {
    /// Which candidate of the relaxation's it is (jobs of one owner never overlap).
    owner: usize,
    /// Its candidate and round.
    cand: usize,
    round: usize,
    dur: Secs,
    /// The people (indices into the queue's people) who may hold it, with the starts
    /// where both they and the round can start.
    on: Vec<(usize, Bits)>,
    steps: Steps,
    /// Jobs of the same owner that end before it starts, with the least gap.
    preds: Vec<(usize, Secs)>,
    /// The next seat of the same round, placed right after this one.
    next_part: Option<usize>,
    /// The job of the round's first seat (itself if it is the first).
    first_part: usize,
}

/// Nodes one relaxation's search may visit before it says nothing.
const DFS_NODES: u64 = 200_000;

/// Nodes the check of one named person's rounds may take before a joint search
/// ([`named_clash`]); a person with room to spare is placed by its first branch.
const NAMED_MOST: u64 = 2_000;

/// Sets of at most this many candidates also get the relaxation of every round.
const EVERY_ROUND_MAX: usize = 8;

struct Dfs<'q> {
    grid: &'q Grid,
    jobs: &'q [Job],
    buffer: &'q [Secs],
    /// Per person: the first instant they are free again.
    free: Vec<Secs>,
    /// Per person: the owner of their latest job and its end (a person named in two
    /// rounds of one candidate keeps no buffer between them).
    last: Vec<(usize, Secs)>,
    /// Per owner: the end of their latest job.
    owner_free: Vec<Secs>,
    /// Per owner: the latest finish their jobs placed so far call for (`- h0`).
    owner_held: Vec<Secs>,
    /// Start slot of each job placed.
    start: Vec<Option<usize>>,
    /// Per job placed: its owner's free instant before it.
    before: Vec<Secs>,
    /// Per job placed: its person.
    machine: Vec<usize>,
    /// The seat that must be placed next (the rest of a round begun).
    pending: Option<usize>,
    /// Least sum found (of the owners' `finish - h0`), or the one to beat.
    best: Secs,
    nodes: u64,
    /// (job, person) pairs looked at: a node's cost grows with them.
    steps: u64,
    budget: u64,
}

impl Dfs<'_> {
    /// Work done, in nodes: a node, and a tenth of one per pair looked at (about what
    /// each costs next to a node of the single-candidate search).
    fn effort(&self) -> u64 {
        self.nodes + self.steps / 10
    }

    /// Searches below a node whose jobs placed so far start no later than slot `floor`
    /// (the latest start placed), with `left` jobs to place; false if out of budget.
    fn run(&mut self, floor: usize, left: usize) -> bool {
        self.nodes += 1;
        if self.effort() > self.budget {
            return false;
        }
        if left == 0 {
            self.best = self.best.min(self.owner_held.iter().sum());
            return true;
        }
        let h0 = self.grid.h0;
        // Every way to start one more job, and each owner's least finish from here.
        let mut moves: Vec<(Secs, usize, usize, usize)> = Vec::new();
        let mut least = self.owner_held.clone();
        for (j, job) in self.jobs.iter().enumerate() {
            if self.start[j].is_some() {
                continue;
            }
            // After its predecessors: they start earlier, so they are placed first.
            // The seats of one round are placed together, the first one first.
            let mut ready = self.pending.map_or(job.first_part == j, |p| p == j);
            let owner_free = if job.first_part == j {
                self.owner_free[job.owner]
            } else if self.start[job.first_part].is_some() {
                self.before[job.first_part]
            } else {
                self.owner_free[job.owner]
            };
            let mut after = owner_free.max(self.grid.at(floor));
            for &(p, gap) in &job.preds {
                match self.start[p] {
                    Some(s) => after = after.max(self.grid.at(s) + self.jobs[p].dur + gap),
                    None => ready = false,
                }
            }
            let mut job_least: Option<Secs> = None;
            self.steps += job.on.len() as u64;
            for (m, ok) in &job.on {
                let free = match self.last[*m] {
                    (owner, end) if owner == job.owner => end,
                    _ => self.free[*m],
                };
                let from = self.grid.slot_at_or_after(after.max(free));
                let Some(t) = ok.next_at_or_after(from) else {
                    continue;
                };
                let Some(f) = job.steps.finish_from(t) else {
                    continue;
                };
                let f = f - h0;
                job_least = Some(job_least.map_or(f, |l| l.min(f)));
                if ready && (job.first_part == j || *m > self.machine[j - 1]) {
                    // The seats of a round on people in increasing order: they are alike.
                    moves.push((f, t, j, *m));
                }
            }
            match job_least {
                Some(f) => least[job.owner] = least[job.owner].max(f),
                None => return true,
            }
        }
        let sum: Secs = least.iter().sum();
        if sum >= self.best {
            return true;
        }
        moves.sort_unstable();
        for (f, t, j, m) in moves {
            let o = self.jobs[j].owner;
            // This job at `f`, every other one at its least.
            if sum - least[o] + least[o].max(f) >= self.best {
                continue;
            }
            let (free, owner_free, held) = (self.free[m], self.owner_free[o], self.owner_held[o]);
            let last = self.last[m];
            let end = self.grid.at(t) + self.jobs[j].dur;
            let pending = self.pending;
            self.free[m] = end + self.buffer[m];
            self.last[m] = (o, end);
            self.before[j] = owner_free;
            self.owner_free[o] = owner_free.max(end);
            self.owner_held[o] = held.max(f);
            self.start[j] = Some(t);
            self.machine[j] = m;
            self.pending = self.jobs[j].next_part;
            let ok = self.run(t, left - 1);
            self.pending = pending;
            self.start[j] = None;
            (self.free[m], self.owner_free[o], self.owner_held[o]) = (free, owner_free, held);
            self.last[m] = last;
            if !ok {
                return false;
            }
        }
        true
    }
}

impl Queue<'_> {
    /// Looks for placements of the candidates of `set` summing `finish - h0` to less
    /// than `beat` (seconds), doing at most `work` work ([`super::joint`]).
    /// `None` if some round has nobody to hold it or some `F` ran out of budget.
    pub fn joint(&mut self, set: &[usize], beat: Secs, work: u64) -> Option<JointFound> {
        self.joint_search(set, beat, work, false)
    }

    /// Looks for any placement of every candidate of `set` together, stopping at the
    /// first, within `work` work: a finished search that found none proves that no
    /// valid answer schedules them all. `F` is not needed (no sum is to be beaten): each
    /// round's is only where it can start.
    pub fn fits(&mut self, set: &[usize], work: u64) -> Option<JointFound> {
        self.joint_search(set, Secs::MAX, work, true)
    }

    fn joint_search(
        &mut self,
        set: &[usize],
        beat: Secs,
        work: u64,
        any: bool,
    ) -> Option<JointFound> {
        let mut jobs: Vec<JointJob> = Vec::new();
        let mut people: Vec<InterviewerIdx> = Vec::new();
        // (candidate, round) of each job.
        let mut of_job: Vec<(usize, usize)> = Vec::new();
        for (owner, &c) in set.iter().enumerate() {
            let first = jobs.len();
            for r in 0..self.rounds[c].len() {
                let info = &self.rounds[c][r];
                let mut seats = Vec::new();
                for (need, n) in info.keys.iter().enumerate() {
                    let on = self.people_of(info, n, &mut people);
                    let pool = matches!(n.key, Key::Pool(_));
                    for _ in 0..n.count {
                        seats.push(JointSeat {
                            on: on.clone(),
                            pool,
                            need,
                        });
                    }
                }
                if seats.is_empty() {
                    return None;
                }
                let preds = info
                    .preds
                    .iter()
                    .map(|&(q, min, max)| (first + q, min, max))
                    .collect();
                let tethered = self.rounds[c]
                    .iter()
                    .any(|o| o.preds.iter().any(|&(q, _, max)| q == r && max.is_some()));
                jobs.push(JointJob {
                    owner,
                    dur: info.dur,
                    seats,
                    steps: Finishes::default(),
                    preds,
                    tethered,
                });
                of_job.push((c, r));
            }
        }
        let buffer: Vec<Secs> = people.iter().map(|&i| self.pool.buffer(i)).collect();
        let day_of: Vec<Vec<i32>> = people
            .iter()
            .map(|&i| (0..self.grid.n).map(|k| self.pool.day(i, k)).collect())
            .collect();
        let per_day: Vec<Option<u32>> = people
            .iter()
            .map(|&i| self.b.interviewers[i].max_per_day)
            .collect();
        // What each person has booked before the batch counts toward their daily cap.
        let booked: Vec<Tally> = people
            .iter()
            .map(|&i| Tally::of(self.pool.booked_days(i)))
            .collect();
        if named_clash(
            &self.grid,
            &jobs,
            &buffer,
            &day_of,
            (&per_day, &booked),
            NAMED_MOST,
            &mut self.work,
        ) {
            // A named person cannot hold their rounds: no answer has the set.
            return Some(JointFound {
                least: beat,
                placed: None,
                exhaustive: true,
            });
        }
        let n_people = people.len();
        for (j, &(c, r)) in of_job.iter().enumerate() {
            let n = self.grid.n;
            jobs[j].steps = if any {
                // Any start up to the last the round can take alone, finishing no
                // earlier than the horizon's start.
                let last = self.rounds[c][r].domain.last()?;
                Steps(vec![(0, last, self.grid.h0)]).dense(n)
            } else {
                self.steps_of(c, r)?.dense(n)
            };
        }
        // Each person's first alike: same buffer, dates, cap, and starts in every seat.
        let seat_bits = |m: usize| -> Vec<Option<&Bits>> {
            jobs.iter()
                .flat_map(|j| j.seats.iter())
                .map(|seat| seat.on.iter().find(|(x, _)| *x == m).map(|(_, ok)| ok))
                .collect()
        };
        let bits: Vec<Vec<Option<&Bits>>> = (0..n_people).map(seat_bits).collect();
        let class: Vec<usize> = (0..n_people)
            .map(|m| {
                (0..m)
                    .find(|&x| {
                        buffer[x] == buffer[m]
                            && per_day[x] == per_day[m]
                            && day_of[x] == day_of[m]
                            && bits[x] == bits[m]
                    })
                    .unwrap_or(m)
            })
            .collect();
        let has_alike: Vec<bool> = (0..n_people)
            .map(|m| class.iter().filter(|&&k| k == class[m]).count() > 1)
            .collect();
        let capped = Capped::of(&jobs, &day_of, &per_day);
        let cand_days: Vec<Option<(Secs, Vec<i32>)>> = set
            .iter()
            .map(|&c| {
                let cand = &self.b.candidates[c].problem.candidate;
                let most = Secs::from(cand.max_minutes_per_day?) * 60;
                // The candidate's dates, as their model compiled them (cached per zone).
                let days = self
                    .pool
                    .sets
                    .zone_days
                    .entry(cand.zone)
                    .or_insert_with(|| ZoneDays::new(&self.grid, cand.zone));
                Some((most, days.day.clone()))
            })
            .collect();
        let mut search = Joint {
            grid: &self.grid,
            jobs: &jobs,
            capped: &capped,
            cand_days: &cand_days,
            cand_time: vec![Tally::default(); set.len()],
            buffer: &buffer,
            day_of: &day_of,
            per_day: &per_day,
            class: &class,
            has_alike: &has_alike,
            free: vec![Secs::MIN; n_people],
            free_slot: vec![0; n_people],
            last: vec![(usize::MAX, 0); n_people],
            owner_free: vec![Secs::MIN; set.len()],
            owner_end: vec![self.grid.h0; set.len()],
            owner_used: vec![vec![false; n_people]; set.len()],
            day_count: booked,
            start: vec![None; jobs.len()],
            people: vec![Vec::new(); jobs.len()],
            best: beat,
            best_starts: None,
            nodes: 0,
            moves: 0,
            budget: work,
            first_only: any,
            scratch: Vec::new(),
        };
        let finished = search.run(0, 0, jobs.len());
        self.work += search.spent();
        let exhaustive = finished;
        let least = search.best;
        let Some((starts, chosen)) = search.best_starts else {
            return Some(JointFound {
                least,
                placed: None,
                exhaustive,
            });
        };
        // Back to placements: per round the named people, then each seat's person.
        let mut out: Vec<(usize, Placement)> = Vec::new();
        for (owner, &c) in set.iter().enumerate() {
            let n = self.rounds[c].len();
            let mut pl = Placement {
                starts: vec![0; n],
                people: vec![Vec::new(); n],
                finish: self.grid.h0,
            };
            for (j, &(jc, r)) in of_job.iter().enumerate() {
                if jobs[j].owner != owner || jc != c {
                    continue;
                }
                let info = &self.rounds[c][r];
                pl.starts[r] = starts[j];
                pl.finish = pl.finish.max(self.grid.at(starts[j]) + info.dur);
                // The seats' people by need, in the order they were chosen.
                let mut by_need: Vec<Vec<InterviewerIdx>> = vec![Vec::new(); info.keys.len()];
                for (k, &m) in chosen[j].iter().enumerate() {
                    by_need[jobs[j].seats[k].need].push(people[m]);
                }
                let mut row: Vec<InterviewerIdx> = Vec::new();
                for (need, n) in info.keys.iter().enumerate() {
                    if let Key::Person(_) = n.key {
                        row.extend(by_need[need].iter().copied());
                    }
                }
                for pool in &info.seat_pools {
                    let need = info
                        .keys
                        .iter()
                        .position(|n| n.key == Key::Pool(pool.clone()))?;
                    if by_need[need].is_empty() {
                        return None;
                    }
                    row.push(by_need[need].remove(0));
                }
                pl.people[r] = row;
            }
            out.push((c, pl));
        }
        Some(JointFound {
            least,
            placed: Some(out),
            exhaustive,
        })
    }
}
