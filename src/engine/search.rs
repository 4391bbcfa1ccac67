//! Exact branch and bound over the candidate's sequence of rounds.
//!
//! The candidate's rounds never overlap, so every schedule is a sequence: the search
//! picks the next round (one whose predecessors are placed) and its start (a slot of its
//! domain at or after the previous round's end), earliest first. A node is cut when a
//! lower bound on its finish (earliest starts propagated over the `after` graph on the
//! domains, and the sum of the durations left) cannot beat the best schedule found.
//! When the search ends without running out of budget, the best schedule is optimal.
//!
//! Pool seats are filled by an incremental bipartite matching (augmenting paths), so
//! the interviewers themselves are never branched on: a placement is kept only if every
//! seat placed so far can still get its own free interviewer.

use super::grid::Secs;
use super::model::Model;
use crate::problem::{InterviewerIdx, RoundIdx};
use rustc_hash::FxHashMap as HashMap;

/// A complete schedule: the start slot of each round and the interviewer of each seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Schedule {
    /// Start slot per round (request order).
    pub starts: Vec<usize>,
    /// Interviewer per pool seat (`Model::seats` order).
    pub seats: Vec<InterviewerIdx>,
    /// End of the last round, seconds.
    pub finish: Secs,
}

/// What the search is for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mode {
    /// Find the earliest finish (strictly improving on the best so far).
    Optimize,
    /// Gather every schedule finishing no later than `limit` (at most `want`; more
    /// counts as running out of budget).
    All {
        /// Latest finish accepted.
        limit: Secs,
        /// Most schedules gathered.
        want: usize,
    },
    /// Gather different schedules finishing no later than `limit`.
    Collect {
        /// Latest finish accepted.
        limit: Secs,
        /// Slots to move on by after a subtree yielded a schedule.
        shift: usize,
        /// Stop after this many schedules.
        want: usize,
    },
}

/// Augmenting-path steps counted as one node of work ([`Search::effort`]).
pub(crate) const AUGMENTS_PER_NODE: u64 = 10;

/// The search state; see the module doc.
pub(crate) struct Search<'a, 'p> {
    m: &'a Model<'p>,
    mode: Mode,
    start: Vec<Option<usize>>,
    end: Vec<Secs>,
    placed: usize,
    cand_free: Secs,
    rest_sum: Secs,
    day_minutes: HashMap<i32, u32>,
    group_day: HashMap<usize, (i32, u32)>,
    cap_days: Vec<HashMap<i32, u32>>,
    cap_weeks: Vec<HashMap<i32, u32>>,
    caps_of_round: Vec<Vec<usize>>,
    seat_owner: Vec<Option<InterviewerIdx>>,
    ivr_seat: Vec<Option<usize>>,
    /// Best schedule found (optimize mode).
    pub best: Option<Schedule>,
    /// Schedules gathered (collect mode).
    pub found: Vec<Schedule>,
    /// Nodes visited.
    pub nodes: u64,
    /// Steps of the augmenting-path searches that filled pool seats: a node's cost grows
    /// with them, so [`Search::effort`] counts them too.
    augments: u64,
    budget: u64,
    /// True if the budget ran out before the search was complete.
    pub exhausted: bool,
    est_end: Vec<Secs>,
    saved_free: Vec<Secs>,
    /// Augmenting paths' visit marks: interviewer `i` is seen when `seen[i] == stamp`.
    seen: Vec<u32>,
    stamp: u32,
    /// The matching before a placement, to put back if the placement fails.
    saved_owner: Vec<Option<InterviewerIdx>>,
    /// Ready rounds per depth, reused so that a node allocates nothing.
    ready: Vec<Vec<(usize, RoundIdx)>>,
}

impl<'a, 'p> Search<'a, 'p> {
    /// A fresh search over a compiled model.
    pub fn new(m: &'a Model<'p>, mode: Mode, budget: u64) -> Self {
        let n = m.rounds.len();
        let caps_of_round = (0..n)
            .map(|r| {
                m.shared_caps
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| m.rounds[r].named.iter().any(|&(w, _)| w == c.who))
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        Search {
            m,
            mode,
            start: vec![None; n],
            end: vec![0; n],
            placed: 0,
            cand_free: m.grid.h0,
            rest_sum: m.rounds.iter().map(|r| r.dur).sum(),
            day_minutes: HashMap::default(),
            group_day: HashMap::default(),
            cap_days: vec![HashMap::default(); m.shared_caps.len()],
            cap_weeks: vec![HashMap::default(); m.shared_caps.len()],
            caps_of_round,
            seat_owner: vec![None; m.seats.len()],
            ivr_seat: vec![None; m.p.interviewers.len()],
            best: None,
            found: Vec::new(),
            nodes: 0,
            augments: 0,
            budget,
            exhausted: false,
            est_end: vec![0; n],
            saved_free: Vec::new(),
            seen: vec![0; m.p.interviewers.len()],
            stamp: 0,
            saved_owner: vec![None; m.seats.len()],
            ready: vec![Vec::new(); n + 1],
        }
    }

    /// Runs the search to completion or until the budget runs out.
    pub fn run(&mut self) {
        if self.m.rounds.iter().any(|r| r.domain.is_empty()) {
            return;
        }
        self.dfs();
    }

    /// The work this search did, in nodes: each node, plus the steps of its
    /// augmenting-path searches at [`AUGMENTS_PER_NODE`] to a node. Measured on the
    /// public hiring-day set, a step costs about a tenth of a node, and where pools are
    /// scarce a node takes three or four steps: counting them keeps a unit of work
    /// within a factor of two of the same time on every public batch (nodes alone
    /// varied fourfold), so a work budget is also a time budget.
    pub fn effort(&self) -> u64 {
        self.nodes + self.augments / AUGMENTS_PER_NODE
    }

    /// Latest finish a new schedule may have, in seconds.
    fn finish_limit(&self) -> Secs {
        match self.mode {
            Mode::Optimize => self.best.as_ref().map_or(Secs::MAX, |b| b.finish - 1),
            Mode::Collect { limit, .. } | Mode::All { limit, .. } => limit,
        }
    }

    fn dfs(&mut self) -> bool {
        self.nodes += 1;
        if self.nodes > self.budget {
            self.exhausted = true;
            return false;
        }
        let n = self.m.rounds.len();
        if self.placed == n {
            return self.leaf();
        }
        match self.lower_bound() {
            Some(lb) if lb <= self.finish_limit() => {}
            _ => return false,
        }
        // Ready rounds with their first possible start.
        let depth = self.placed;
        let mut ready = std::mem::take(&mut self.ready[depth]);
        ready.clear();
        for r in 0..n {
            if self.start[r].is_some()
                || !self.m.rounds[r]
                    .preds
                    .iter()
                    .all(|p| self.start[p.round].is_some())
            {
                continue;
            }
            let (lo, hi) = self.window(r, true);
            let (_, hi_alone) = self.window(r, false);
            match self.m.rounds[r].domain.next_at_or_after(lo) {
                Some(k) if k <= hi => ready.push((k, r)),
                // Not next, but maybe after others.
                Some(k) if k <= hi_alone => {}
                _ => {
                    // This round can never be placed from here.
                    self.ready[depth] = ready;
                    return false;
                }
            }
        }
        ready.sort_unstable();
        let found_any = self.branch(&ready);
        self.ready[depth] = ready;
        found_any
    }

    /// Tries each ready round at each of its starts, earliest first.
    fn branch(&mut self, ready: &[(usize, RoundIdx)]) -> bool {
        let mut found_any = false;
        for &(first, r) in ready {
            let mut next = Some(first);
            while let Some(k) = next {
                let (_, hi) = self.window(r, true);
                if k > hi {
                    break;
                }
                if let Some(g) = self.m.rounds[r].group {
                    if let Some(&(day, _)) = self.group_day.get(&g) {
                        if self.m.cand_days.day[k] > day {
                            break;
                        }
                    }
                }
                let mut step = 1;
                if self.place(r, k) {
                    let found = self.dfs();
                    self.unplace(r, k);
                    if found {
                        found_any = true;
                        if let Mode::Collect { shift, want, .. } = self.mode {
                            step = shift.max(1);
                            if self.found.len() >= want {
                                return true;
                            }
                        }
                    }
                }
                if self.exhausted {
                    return found_any;
                }
                next = self.m.rounds[r].domain.next_at_or_after(k + step);
            }
        }
        found_any
    }

    /// Slots `[lo, hi]` where round `r` may start now (its predecessors are placed).
    ///
    /// With `as_next`, the round is to be the candidate's next one, so every other
    /// round left must still fit after it; without, only the round itself must end in
    /// time (it may come later in the sequence).
    fn window(&self, r: RoundIdx, as_next: bool) -> (usize, usize) {
        let g = &self.m.grid;
        let rm = &self.m.rounds[r];
        let mut lo_t = self.cand_free;
        let after_it = if as_next { self.rest_sum } else { rm.dur };
        let mut hi_t = self.finish_limit().saturating_sub(after_it);
        for p in &rm.preds {
            let e = self.end[p.round];
            lo_t = lo_t.max(e + p.min);
            if let Some(mx) = p.max {
                hi_t = hi_t.min(e + mx);
            }
        }
        let lo = g.slot_at_or_after(lo_t);
        let hi = g.slot_at_or_before(hi_t);
        match hi {
            Some(hi) => (lo, hi),
            None => (1, 0),
        }
    }

    /// Earliest possible finish of any completion, or `None` if some round can no
    /// longer be placed.
    fn lower_bound(&mut self) -> Option<Secs> {
        let g = &self.m.grid;
        let mut lb = self.cand_free + self.rest_sum;
        for &u in &self.m.topo {
            if let Some(k) = self.start[u] {
                self.est_end[u] = g.at(k) + self.m.rounds[u].dur;
                continue;
            }
            let rm = &self.m.rounds[u];
            let mut lo_t = self.cand_free;
            let mut hi_t = Secs::MAX;
            for p in &rm.preds {
                lo_t = lo_t.max(self.est_end[p.round] + p.min);
                if self.start[p.round].is_some() {
                    if let Some(mx) = p.max {
                        hi_t = hi_t.min(self.end[p.round] + mx);
                    }
                }
            }
            let k = rm.domain.next_at_or_after(g.slot_at_or_after(lo_t))?;
            if g.at(k) > hi_t {
                return None;
            }
            if let Some(gr) = rm.group {
                if let Some(&(day, _)) = self.group_day.get(&gr) {
                    if self.m.cand_days.day[k] > day {
                        return None;
                    }
                }
            }
            self.est_end[u] = g.at(k) + rm.dur;
            lb = lb.max(self.est_end[u]);
        }
        Some(lb)
    }

    /// Places round `r` at slot `k` if the dynamic rules allow it; false leaves no trace.
    fn place(&mut self, r: RoundIdx, k: usize) -> bool {
        let m = self.m;
        let rm = &m.rounds[r];
        let day = m.cand_days.day[k];
        let minutes = (rm.dur / 60) as u32;
        if let Some(max) = m.p.candidate.max_minutes_per_day {
            if self.day_minutes.get(&day).copied().unwrap_or(0) + minutes > max {
                return false;
            }
        }
        if let Some(gr) = rm.group {
            if self.group_day.get(&gr).is_some_and(|&(d, _)| d != day) {
                return false;
            }
        }
        for &c in &self.caps_of_round[r] {
            let cap = &m.shared_caps[c];
            let zone = m.p.interviewers[cap.who].zone;
            let d = m.sets.zone_days.get(&zone).map_or(0, |z| z.day[k]);
            let w = super::grid::week_of(d);
            let day_n = cap.booked_days.get(&d).copied().unwrap_or(0)
                + self.cap_days[c].get(&d).copied().unwrap_or(0);
            let week_n = cap.booked_weeks.get(&w).copied().unwrap_or(0)
                + self.cap_weeks[c].get(&w).copied().unwrap_or(0);
            if cap.per_day.is_some_and(|mx| day_n + 1 > mx)
                || cap.per_week.is_some_and(|mx| week_n + 1 > mx)
            {
                return false;
            }
        }
        // Seats: tentatively set the start so that augmenting paths see it.
        self.start[r] = Some(k);
        self.saved_owner.copy_from_slice(&self.seat_owner);
        for &s in &rm.seats {
            self.new_stamp();
            if !self.augment(s) {
                self.restore_matching();
                self.start[r] = None;
                return false;
            }
        }
        // Commit.
        self.end[r] = m.grid.at(k) + rm.dur;
        self.placed += 1;
        self.rest_sum -= rm.dur;
        self.order_push(r);
        *self.day_minutes.entry(day).or_insert(0) += minutes;
        if let Some(gr) = rm.group {
            self.group_day.entry(gr).or_insert((day, 0)).1 += 1;
        }
        for &c in &self.caps_of_round[r] {
            let zone = m.p.interviewers[m.shared_caps[c].who].zone;
            let d = m.sets.zone_days.get(&zone).map_or(0, |z| z.day[k]);
            *self.cap_days[c].entry(d).or_insert(0) += 1;
            *self.cap_weeks[c]
                .entry(super::grid::week_of(d))
                .or_insert(0) += 1;
        }
        true
    }

    /// Makes `r` the candidate's latest round: the next one starts after it ends.
    fn order_push(&mut self, r: RoundIdx) {
        self.saved_free.push(self.cand_free);
        self.cand_free = self.end[r];
    }

    /// Undoes [`Search::place`]. Seats of `r` are released; other seats keep the
    /// (still valid) owners that augmenting paths gave them.
    fn unplace(&mut self, r: RoundIdx, k: usize) {
        let m = self.m;
        let rm = &m.rounds[r];
        let day = m.cand_days.day[k];
        self.cand_free = self.saved_free.pop().unwrap_or(m.grid.h0);
        self.placed -= 1;
        self.rest_sum += rm.dur;
        if let Some(v) = self.day_minutes.get_mut(&day) {
            *v -= (rm.dur / 60) as u32;
        }
        if let Some(gr) = rm.group {
            if let Some(e) = self.group_day.get_mut(&gr) {
                e.1 -= 1;
                if e.1 == 0 {
                    self.group_day.remove(&gr);
                }
            }
        }
        for &c in &self.caps_of_round[r] {
            let zone = m.p.interviewers[m.shared_caps[c].who].zone;
            let d = m.sets.zone_days.get(&zone).map_or(0, |z| z.day[k]);
            if let Some(v) = self.cap_days[c].get_mut(&d) {
                *v -= 1;
            }
            if let Some(v) = self.cap_weeks[c].get_mut(&super::grid::week_of(d)) {
                *v -= 1;
            }
        }
        for &s in &rm.seats {
            if let Some(i) = self.seat_owner[s].take() {
                self.ivr_seat[i] = None;
            }
        }
        self.start[r] = None;
    }

    /// Puts back the matching saved before a placement that failed.
    fn restore_matching(&mut self) {
        for (s, o) in self.seat_owner.iter().enumerate() {
            if let Some(i) = o {
                if self.ivr_seat[*i] == Some(s) {
                    self.ivr_seat[*i] = None;
                }
            }
        }
        self.seat_owner.copy_from_slice(&self.saved_owner);
        for (s, o) in self.seat_owner.iter().enumerate() {
            if let Some(i) = o {
                self.ivr_seat[*i] = Some(s);
            }
        }
    }

    /// Finds an interviewer for seat `s` (whose round has a start), moving others along
    /// an augmenting path if needed.
    fn augment(&mut self, s: usize) -> bool {
        self.augments += 1;
        let m = self.m;
        let seat = &m.seats[s];
        let Some(k) = self.start[seat.round] else {
            return false;
        };
        for &(i, b) in &seat.eligible {
            if self.seen[i] == self.stamp || !m.sets.starts[b].contains(k) {
                continue;
            }
            self.seen[i] = self.stamp;
            let free = match self.ivr_seat[i] {
                None => true,
                Some(other) => self.augment(other),
            };
            if free {
                self.seat_owner[s] = Some(i);
                self.ivr_seat[i] = Some(s);
                return true;
            }
        }
        false
    }

    /// Starts a new augmenting path search: nobody is seen yet.
    fn new_stamp(&mut self) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.fill(0);
            self.stamp = 1;
        }
    }

    fn leaf(&mut self) -> bool {
        let starts: Vec<usize> = self.start.iter().map(|s| s.unwrap_or(0)).collect();
        let seats: Vec<InterviewerIdx> = self.seat_owner.iter().map(|s| s.unwrap_or(0)).collect();
        let sched = Schedule {
            starts,
            seats,
            finish: self.cand_free,
        };
        match self.mode {
            Mode::Optimize => {
                if self.best.as_ref().is_none_or(|b| sched.finish < b.finish) {
                    self.best = Some(sched);
                    return true;
                }
                false
            }
            Mode::All { want, .. } => {
                if self.found.len() >= want {
                    self.exhausted = true;
                    return false;
                }
                self.found.push(sched);
                true
            }
            Mode::Collect { shift, .. } => {
                let distinct = self.found.iter().all(|f| {
                    f.starts
                        .iter()
                        .zip(&sched.starts)
                        .any(|(a, b)| a.abs_diff(*b) >= shift)
                });
                if distinct {
                    self.found.push(sched);
                }
                true
            }
        }
    }
}
