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
//! `F`, [`super::queue`]) cannot beat the answer to beat; a move, when the jobs left,
//! which all start no sooner, cannot ([`Joint::after_move`]); a node, when the
//! candidates queueing for the dates of a person with a daily cap cannot
//! ([`Joint::capped`]). It checks the longest gaps, the interviewers' daily caps
//! (counting what each booked before the batch) and the candidates' daily minutes of
//! what it places itself; `same_day` and weekly caps are left to the single engine's
//! `check`, which every answer it finds must pass whole before it is kept.
//!
//! Starting each round as early as its people allow misses no answer: place the rounds
//! of any valid answer in its order of start, each on its own people, and each lands
//! no later than there (its people, its candidate and its `after` rounds are all free
//! by then), so the search reaches an answer at least as good. Three rules keep that
//! true. A person named in two rounds of one candidate keeps no buffer between them
//! (rule 10 asks it only between candidates). A person whose date is full at the
//! earliest slot is tried from their next date: the answer's rounds placed before one
//! on that date start no later, so those the search put on the date are on it in the
//! answer too, and the cap leaves room there (a candidate whose date has no minutes
//! left for the round likewise). And a round that a later round must follow within a
//! longest gap (*tethered*) is tried at every start, not only the earliest: one of
//! them is the answer's, which leaves the later round its place. So a finished search
//! proves that nothing of its set sums below what it reached
//! ([`super::queue::JointFound`]).

use super::queue::Finishes;
use crate::engine::bits::Bits;
use crate::engine::grid::Secs;

/// Amounts per local date as the search adds them and takes them back: a person's
/// interviews, a candidate's interview seconds. A path holds few dates at once, so a
/// short list; a date whose amount falls back to zero leaves it.
#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct Tally(Vec<(i32, Secs)>);

impl Tally {
    /// The amounts of `counts`, one per date.
    pub(super) fn of(counts: impl Iterator<Item = (i32, u32)>) -> Tally {
        Tally(
            counts
                .filter(|&(_, n)| n > 0)
                .map(|(d, n)| (d, Secs::from(n)))
                .collect(),
        )
    }

    /// The amount on date `day`.
    pub(super) fn get(&self, day: i32) -> Secs {
        self.0
            .iter()
            .find(|&&(d, _)| d == day)
            .map_or(0, |&(_, n)| n)
    }

    /// Adds `amount` (negative: takes it back) on date `day`.
    pub(super) fn add(&mut self, day: i32, amount: Secs) {
        match self.0.iter().position(|&(d, _)| d == day) {
            Some(k) => {
                self.0[k].1 += amount;
                if self.0[k].1 == 0 {
                    self.0.swap_remove(k);
                }
            }
            None => self.0.push((day, amount)),
        }
    }

    /// True if both hold the same amounts on the same dates, in any order.
    fn same(&self, other: &Tally) -> bool {
        self.0.len() == other.0.len() && self.0.iter().all(|e| other.0.contains(e))
    }
}

/// One round of one candidate in the joint search.
pub(super) struct JointJob {
    /// Its candidate, as an index into the set.
    pub owner: usize,
    pub dur: Secs,
    /// Its seats.
    pub seats: Vec<JointSeat>,
    /// `F` of the round.
    pub steps: Finishes,
    /// Jobs of the same owner that end before it starts: least gap, most gap.
    pub preds: Vec<(usize, Secs, Option<Secs>)>,
    /// A later round of its candidate must start at most so long after it ends: it is
    /// tried at every start, not only the earliest (an earlier start could leave that
    /// round too far behind).
    pub tethered: bool,
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
    /// The named people with a daily cap, and their dates ([`Joint::capped`]).
    pub capped: &'q [Capped],
    /// Per candidate of the set: their interview minutes allowed per local date
    /// (seconds), with the date of each slot; `None` without a limit.
    pub cand_days: &'q [Option<(Secs, Vec<i32>)>],
    /// Per candidate of the set: their interview time so far per local date (seconds).
    pub cand_time: Vec<Tally>,
    /// Per person: the first person alike to them in everything the search reads
    /// (buffer, dates, cap, and possible starts in every seat), maybe themselves.
    pub class: &'q [usize],
    /// Per person: someone else is alike to them.
    pub has_alike: &'q [bool],
    /// Per person: the first instant they are free again, and its slot.
    pub free: Vec<Secs>,
    pub free_slot: Vec<usize>,
    /// Per person: the candidate of their latest interview and the slot it ends at (a
    /// person named in two rounds of one candidate keeps no buffer between them).
    pub last: Vec<(usize, usize)>,
    /// Per candidate of the set: the end of their latest round, the latest end so far,
    /// and who has sat with them.
    pub owner_free: Vec<Secs>,
    pub owner_end: Vec<Secs>,
    pub owner_used: Vec<Vec<bool>>,
    /// Per person: their interviews per day in the search.
    pub day_count: Vec<Tally>,
    /// Per job: its start slot and people, once placed.
    pub start: Vec<Option<usize>>,
    pub people: Vec<Vec<usize>>,
    /// The least sum found (of `finish - h0`), or the one to beat.
    pub best: Secs,
    /// The starts and people of the best found.
    pub best_starts: Option<(Vec<usize>, Vec<Vec<usize>>)>,
    pub nodes: u64,
    /// Ways to start a job looked at: a node's cost grows with them (a tethered round
    /// brings one per start).
    pub moves: u64,
    /// The most work it may do ([`Joint::spent`]).
    pub budget: u64,
    /// Stop at the first answer found (as out of budget).
    pub first_only: bool,
    /// Each depth's working space.
    pub scratch: Vec<Scratch>,
}

/// One way to start a job at a node: its least finish from there (`- h0`), its start
/// slot, the job, and where its people sit in the node's arena.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Move {
    finish: Secs,
    t: usize,
    job: usize,
    at: usize,
}

/// A person named in some round, with a daily cap: the candidates who still need them
/// queue for their dates ([`Joint::capped`]).
pub(super) struct Capped {
    pub person: usize,
    /// Their dates in the horizon: the first slot of each and the first after it.
    pub dates: Vec<(usize, usize)>,
}

impl Capped {
    /// Every person named in a seat of `jobs` with a daily cap.
    pub fn of(jobs: &[JointJob], day_of: &[Vec<i32>], per_day: &[Option<u32>]) -> Vec<Capped> {
        let mut out: Vec<Capped> = Vec::new();
        for seat in jobs.iter().flat_map(|j| &j.seats) {
            let &[(m, _)] = seat.on.as_slice() else {
                continue;
            };
            if seat.pool || per_day[m].is_none() || out.iter().any(|c| c.person == m) {
                continue;
            }
            let days = &day_of[m];
            let mut dates = Vec::new();
            let mut a = 0;
            while a < days.len() {
                let z = a + days[a..].partition_point(|&d| d == days[a]);
                dates.push((a, z));
                a = z;
            }
            out.push(Capped { person: m, dates });
        }
        out
    }
}

/// Candidates queueing for one capped person's dates that [`Joint::capped`] looks at,
/// at most (it tries every way to give them dates).
const CAPPED_MOST: usize = 6;

/// A node's working space, kept per depth so that the search allocates nothing once
/// it has been down every depth.
#[derive(Default)]
pub(super) struct Scratch {
    least: Vec<Secs>,
    moves: Vec<Move>,
    /// The people of every move, one after another (a move's job says how many).
    arena: Vec<usize>,
    /// The free instants the move being tried overwrote.
    frees: Vec<(Secs, (usize, usize))>,
    /// The jobs whose `after` rounds are placed: (job, earliest slot, latest start).
    ready: Vec<(usize, usize, Secs)>,
    /// The jobs left: (owner, earliest start, duration).
    release: Vec<(usize, Secs, Secs)>,
    /// The people chosen so far for a job's seats, and their indices in each seat's
    /// list (see [`Joint::choose`]).
    chosen: Vec<usize>,
    picks: Vec<usize>,
    /// Per job left: its earliest start slot.
    first: Vec<usize>,
    /// [`Joint::capped`]'s candidates (owner, job, seat), the cost of each of them
    /// on each date with room, and the least cost of each subset of them.
    items: Vec<(usize, usize, usize)>,
    costs: Vec<Secs>,
    least_of: Vec<Secs>,
    spare: Vec<Secs>,
    /// Each candidate's least finish below a move ([`Joint::after_move`]).
    after: Vec<Secs>,
}

/// Work charged for a node, in the improvement's units (a node costs about 0.2 µs, a
/// unit 0.07-0.1 µs).
const NODE_COST: u64 = 2;
/// Work charged for a move looked at ([`Joint::after_move`] reads `F` of every job
/// left: about a unit).
const MOVE_COST: u64 = 1;

impl Joint<'_> {
    /// The work done so far, in the improvement's units.
    pub fn spent(&self) -> u64 {
        NODE_COST * self.nodes + MOVE_COST * self.moves
    }

    /// Searches below a node whose jobs start no later than slot `floor`, the last of
    /// them job `last`; false if out of budget.
    pub fn run(&mut self, floor: usize, last: usize, left: usize) -> bool {
        if self.scratch.len() <= left {
            self.scratch.resize_with(left + 1, Scratch::default);
        }
        let mut sc = std::mem::take(&mut self.scratch[left]);
        let finished = self.node(&mut sc, floor, last, left);
        self.scratch[left] = sc;
        finished
    }

    fn node(&mut self, sc: &mut Scratch, floor: usize, last: usize, left: usize) -> bool {
        self.nodes += 1;
        if self.spent() > self.budget {
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
            if self.first_only {
                self.budget = 0;
                return false;
            }
            return true;
        }
        sc.least.clear();
        sc.least.extend(self.owner_end.iter().map(|&e| e - h0));
        sc.moves.clear();
        sc.arena.clear();
        sc.ready.clear();
        sc.release.clear();
        sc.first.resize(self.jobs.len(), 0);
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
            // The least finish: the seats, one by one, each from the earliest the
            // ones before allow (they all start together).
            let from = self.grid.slot_at_or_after(after);
            let mut lo = from;
            for JointSeat { on, .. } in &job.seats {
                let first = on
                    .iter()
                    .filter_map(|(m, ok)| ok.next_at_or_after(lo.max(self.free_for(*m, o))))
                    .min();
                match first {
                    Some(t) => lo = lo.max(t),
                    None => return true,
                }
            }
            let Some(f) = job.steps.finish_from(lo) else {
                return true;
            };
            sc.least[o] = sc.least[o].max(f - h0);
            sc.first[j] = lo;
            sc.release.push((o, self.grid.at(lo), job.dur));
            if ready {
                sc.ready.push((j, from, before));
            }
        }
        // A candidate's rounds never overlap: those left, each from its earliest start,
        // one after another in order of release (the least makespan on one machine).
        sc.release.sort_unstable();
        let mut k = 0;
        while k < sc.release.len() {
            let o = sc.release[k].0;
            let mut end = Secs::MIN;
            while k < sc.release.len() && sc.release[k].0 == o {
                let (_, lo, dur) = sc.release[k];
                end = end.max(lo) + dur;
                k += 1;
            }
            sc.least[o] = sc.least[o].max(end - h0);
        }
        let sum: Secs = sc.least.iter().sum();
        if sum >= self.best || self.capped(sc, floor, sum) >= self.best {
            return true;
        }
        let (mut chosen, mut picks) = (
            std::mem::take(&mut sc.chosen),
            std::mem::take(&mut sc.picks),
        );
        for k in 0..sc.ready.len() {
            let (j, from, before) = sc.ready[k];
            let o = self.jobs[j].owner;
            let limit = self.best - (sum - sc.least[o]);
            self.choose(j, 0, from, limit, before, &mut chosen, &mut picks, sc);
        }
        (sc.chosen, sc.picks) = (chosen, picks);
        self.moves += sc.moves.len() as u64;
        sc.moves.sort_unstable();
        for k in 0..sc.moves.len() {
            let Move {
                finish,
                t,
                job: j,
                at,
            } = sc.moves[k];
            // Jobs starting together are taken in one order: the other reaches the
            // same day (they share nobody, so neither moves the other).
            if t == floor && j < last {
                continue;
            }
            let o = self.jobs[j].owner;
            if sum - sc.least[o] + sc.least[o].max(finish) >= self.best
                || self.after_move(sc, j, t, finish) >= self.best
            {
                continue;
            }
            let seats = self.jobs[j].seats.len();
            let end = self.grid.at(t) + self.jobs[j].dur;
            let saved = (self.owner_free[o], self.owner_end[o]);
            sc.frees.clear();
            for &m in &sc.arena[at..at + seats] {
                sc.frees.push((self.free[m], self.last[m]));
                self.free[m] = end + self.buffer[m];
                self.free_slot[m] = self.grid.slot_at_or_after(self.free[m]);
                self.last[m] = (o, self.grid.slot_at_or_after(end));
                self.owner_used[o][m] = true;
                self.day_count[m].add(self.day_of[m][t], 1);
            }
            self.owner_free[o] = end;
            self.owner_end[o] = self.owner_end[o].max(end);
            self.spend(o, t, self.jobs[j].dur);
            self.start[j] = Some(t);
            self.people[j].clear();
            self.people[j].extend_from_slice(&sc.arena[at..at + seats]);
            let ok = self.run(t, j, left - 1);
            self.start[j] = None;
            (self.owner_free[o], self.owner_end[o]) = saved;
            for (i, &m) in sc.arena[at..at + seats].iter().enumerate() {
                (self.free[m], self.last[m]) = sc.frees[i];
                self.free_slot[m] = self.grid.slot_at_or_after(self.free[m]);
                self.owner_used[o][m] = false;
                self.day_count[m].add(self.day_of[m][t], -1);
            }
            self.spend(o, t, -self.jobs[j].dur);
            if !ok {
                return false;
            }
        }
        true
    }

    /// A lower bound on the sum below the move starting job `j` at slot `t` with its
    /// candidate's least finish `finish` from there: every other job left starts at
    /// `t` or later too (jobs start in order), so its candidate finishes no sooner
    /// than its `F` from there. It costs a lookup per job left, where the node it
    /// saves costs a look at every person of every seat: most moves that start a round
    /// late (an interviewer's only free time) push another candidate's round past
    /// what can beat the answer.
    fn after_move(&self, sc: &mut Scratch, j: usize, t: usize, finish: Secs) -> Secs {
        sc.after.clear();
        sc.after.extend_from_slice(&sc.least);
        let o = self.jobs[j].owner;
        sc.after[o] = sc.after[o].max(finish);
        for (k, job) in self.jobs.iter().enumerate() {
            if k == j || self.start[k].is_some() || sc.first[k] >= t {
                continue;
            }
            match job.steps.finish_from(t) {
                Some(f) => {
                    let least = &mut sc.after[job.owner];
                    *least = (*least).max(f - self.grid.h0);
                }
                None => return Secs::MAX,
            }
        }
        sc.after.iter().sum()
    }

    /// A lower bound on the sum at a node whose jobs left start at slot `floor` or
    /// later and whose candidates' own bounds sum to `sum`: the largest over the named
    /// people with a daily cap of the candidates queueing for their dates. Each such
    /// candidate keeps one job that names the person (the one with the latest least
    /// finish); each date takes as many as the cap leaves room for; a job on a date
    /// starts no sooner than the person's first possible start for it there (and its
    /// earliest start), and a later start never finishes its candidate sooner. So the
    /// least cost of giving the jobs dates bounds what they add. A head of department
    /// with one final a day makes a hiring week's candidates finish days apart, which
    /// each candidate's own bound cannot see.
    fn capped(&self, sc: &mut Scratch, floor: usize, sum: Secs) -> Secs {
        let h0 = self.grid.h0;
        let mut most = sum;
        for capped in self.capped {
            let m = capped.person;
            let Some(cap) = self.per_day[m] else { continue };
            sc.items.clear();
            for (j, job) in self.jobs.iter().enumerate() {
                if self.start[j].is_some() {
                    continue;
                }
                let Some(s) = job
                    .seats
                    .iter()
                    .position(|s| !s.pool && s.on.first().is_some_and(|x| x.0 == m))
                else {
                    continue;
                };
                let o = job.owner;
                let f = |j: usize| {
                    let job: &JointJob = &self.jobs[j];
                    job.steps.finish_from(sc.first[j]).unwrap_or(Secs::MAX)
                };
                match sc.items.iter_mut().find(|it| it.0 == o) {
                    Some(it) if f(j) > f(it.1) => *it = (o, j, s),
                    Some(_) => {}
                    None => sc.items.push((o, j, s)),
                }
            }
            let k = sc.items.len();
            if !(2..=CAPPED_MOST).contains(&k) {
                continue;
            }
            // Each date with room from `floor` on: the cost of each candidate there,
            // once per interview the cap leaves room for (at most k).
            sc.costs.clear();
            let mut positions = 0;
            let mut distinct = true;
            for &(a, z) in &capped.dates {
                if z <= floor {
                    continue;
                }
                let day = self.day_of[m][a];
                let held = self.day_count[m].get(day);
                let room = (Secs::from(cap) - held).clamp(0, k as Secs) as usize;
                if room == 0 {
                    continue;
                }
                let at = sc.costs.len();
                let mut here = 0;
                for &(o, j, s) in &sc.items {
                    let from = a.max(floor).max(sc.first[j]);
                    let cost = self.jobs[j].seats[s].on[0]
                        .1
                        .next_at_or_after(from)
                        .filter(|&t| t < z)
                        .and_then(|t| self.jobs[j].steps.finish_from(t))
                        .map_or(Secs::MAX, |f| sc.least[o].max(f - h0));
                    if cost == sc.least[o] {
                        here += 1;
                    }
                    sc.costs.push(cost);
                }
                if here > room {
                    distinct = false;
                }
                for _ in 1..room {
                    sc.costs.extend_from_within(at..at + k);
                }
                positions += room;
            }
            if distinct {
                // No two of them need one date full already: nothing to add (unless
                // some finds no date at all, which the search sees itself).
                continue;
            }
            let full = (1usize << k) - 1;
            sc.least_of.clear();
            sc.least_of.resize(full + 1, Secs::MAX);
            sc.least_of[0] = 0;
            for p in 0..positions {
                let row = &sc.costs[p * k..(p + 1) * k];
                sc.spare.clear();
                sc.spare.extend_from_slice(&sc.least_of);
                for mask in 0..full {
                    let done = sc.least_of[mask];
                    if done == Secs::MAX {
                        continue;
                    }
                    for (i, &cost) in row.iter().enumerate() {
                        if mask & (1 << i) != 0 || cost == Secs::MAX {
                            continue;
                        }
                        let next = &mut sc.spare[mask | 1 << i];
                        *next = (*next).min(done + cost);
                    }
                }
                std::mem::swap(&mut sc.least_of, &mut sc.spare);
            }
            let queued = sc.least_of[full];
            if queued == Secs::MAX {
                return Secs::MAX;
            }
            let others = sum - sc.items.iter().map(|&(o, _, _)| sc.least[o]).sum::<Secs>();
            most = most.max(others + queued);
            if most >= self.best {
                break;
            }
        }
        most
    }

    /// The first slot person `m` is free for a round of candidate `o`.
    fn free_for(&self, m: usize, o: usize) -> usize {
        match self.last[m] {
            (owner, end) if owner == o => end,
            _ => self.free_slot[m],
        }
    }

    /// Adds `secs` (or takes them back, negative) to candidate `o`'s interview time on
    /// the date of slot `t`, where they have a daily limit.
    fn spend(&mut self, o: usize, t: usize, secs: Secs) {
        if let Some((_, days)) = &self.cand_days[o] {
            self.cand_time[o].add(days[t], secs);
        }
    }

    /// True if persons `x` and `m` have done the same so far: free at the same time,
    /// as many interviews on each date, and sat with the same candidates.
    fn same_state(&self, x: usize, m: usize) -> bool {
        self.free[x] == self.free[m]
            && self.last[x] == self.last[m]
            && self.owner_used.iter().all(|u| u[x] == u[m])
            && self.day_count[x].same(&self.day_count[m])
    }

    /// Every choice of people for the seats of job `j` from seat `k` on, with the
    /// earliest start they all allow, whose finish from there (`- h0`) is below
    /// `limit`: pushed to `sc.moves`, their people to `sc.arena`. `lo` is the earliest
    /// slot the seats chosen so far allow each on their own; `picks` holds, per seat
    /// chosen, the index of its person in the seat's list.
    #[allow(clippy::too_many_arguments)]
    fn choose(
        &self,
        j: usize,
        k: usize,
        lo: usize,
        limit: Secs,
        before: Secs,
        chosen: &mut Vec<usize>,
        picks: &mut Vec<usize>,
        sc: &mut Scratch,
    ) {
        let job = &self.jobs[j];
        let h0 = self.grid.h0;
        if k == job.seats.len() {
            // The earliest slot all of them can start at, on a date where none of
            // them has reached their daily cap (a full date moves the start to that
            // person's next date); a tethered job at every such slot.
            let mut t = lo;
            'earliest: loop {
                let mut moved = false;
                for (s, &i) in picks.iter().enumerate() {
                    match job.seats[s].on[i].1.next_at_or_after(t) {
                        Some(x) if x == t => {}
                        Some(x) => {
                            t = x;
                            moved = true;
                        }
                        None => return,
                    }
                }
                if moved {
                    continue;
                }
                for &m in chosen.iter() {
                    let Some(cap) = self.per_day[m] else { continue };
                    let day = self.day_of[m][t];
                    if self.day_count[m].get(day) >= Secs::from(cap) {
                        t = self.day_of[m].partition_point(|&d| d <= day);
                        if t >= self.grid.n {
                            return;
                        }
                        continue 'earliest;
                    }
                }
                // The candidate's own date full: from their next date (as a person's).
                if let Some((most, days)) = &self.cand_days[job.owner] {
                    let day = days[t];
                    if self.cand_time[job.owner].get(day) + job.dur > *most {
                        t = days.partition_point(|&d| d <= day);
                        if t >= self.grid.n {
                            return;
                        }
                        continue 'earliest;
                    }
                }
                if self.grid.at(t) > before {
                    return;
                }
                let Some(f) = job.steps.finish_from(t).filter(|&f| f - h0 < limit) else {
                    return;
                };
                sc.moves.push(Move {
                    finish: f - h0,
                    t,
                    job: j,
                    at: sc.arena.len(),
                });
                sc.arena.extend_from_slice(chosen);
                if !job.tethered || t + 1 >= self.grid.n {
                    return;
                }
                t += 1;
            }
        }
        let JointSeat { on, pool, need } = &job.seats[k];
        let o = job.owner;
        let alike = k > 0 && job.seats[k - 1].need == *need;
        for (i, (m, ok)) in on.iter().enumerate() {
            if chosen.contains(m) || (*pool && self.owner_used[o][*m]) {
                continue;
            }
            // Seats of one need: people in increasing order.
            if alike && chosen[k - 1] >= *m {
                continue;
            }
            // The earliest this person could start it; past the limit, nothing of
            // theirs can lead to a better answer (a later start never finishes sooner).
            let Some(t) = ok.next_at_or_after(lo.max(self.free_for(*m, o))) else {
                continue;
            };
            if job.steps.finish_from(t).is_none_or(|f| f - h0 >= limit) {
                continue;
            }
            // Of people alike in every way so far, only the first free one: the others
            // lead to the same days with names swapped.
            if self.has_alike[*m] {
                let first = on.iter().any(|&(x, _)| {
                    x < *m
                        && self.class[x] == self.class[*m]
                        && !chosen.contains(&x)
                        && !(alike && chosen[k - 1] >= x)
                        && self.same_state(x, *m)
                });
                if first {
                    continue;
                }
            }
            chosen.push(*m);
            picks.push(i);
            self.choose(j, k + 1, t, limit, before, chosen, picks, sc);
            chosen.pop();
            picks.pop();
        }
    }
}
