//! The request compiled for search: for every round, the set of slots at which it could
//! start if it were alone ("domain"), built from bit sets per interviewer and duration,
//! then narrowed by arc consistency over `after` gaps and `same_day` groups.
//!
//! Everything here is exact: a slot leaves a domain only if no valid schedule starts the
//! round there. What the domains cannot express (pool interviewers shared between
//! rounds, caps of a person named in several rounds, the candidate's daily minutes) is
//! checked during the search.

use super::bits::Bits;
use super::grid::{day_of, secs, week_of, Grid, Secs, ZoneDays};
use crate::availability::working_intervals;
use crate::interval::{Interval, IntervalSet};
use crate::problem::{InterviewerIdx, Problem, Requirement, RoundIdx};
use chrono_tz::Tz;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

/// One seat of a round filled from a pool.
#[derive(Debug, Clone)]
pub(crate) struct Seat {
    /// The round.
    pub round: RoundIdx,
    /// The pool's name.
    pub pool: String,
    /// Interviewers who may fill it, each with its start set (index into `Model::starts`).
    pub eligible: Vec<(InterviewerIdx, usize)>,
}

/// One optional trainee seat of a round (see `trainees.rs`).
#[derive(Debug, Clone)]
pub(crate) struct TraineeSeat {
    /// The round.
    pub round: RoundIdx,
    /// The pool the trainee is training for.
    pub pool: String,
    /// Trainees of the pool who are named in no round, each with its start set.
    pub eligible: Vec<(InterviewerIdx, usize)>,
}

/// A predecessor constraint seen from the later round.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pred {
    /// The earlier round.
    pub round: RoundIdx,
    /// Least seconds between its end and our start.
    pub min: Secs,
    /// Most seconds between its end and our start.
    pub max: Option<Secs>,
}

/// A round compiled for search.
#[derive(Debug, Clone)]
pub(crate) struct RoundModel {
    /// Duration in seconds.
    pub dur: Secs,
    /// Slots where the round could start in isolation.
    pub domain: Bits,
    /// Indices into `Model::seats`.
    pub seats: Vec<usize>,
    /// Named interviewers, with their start set (index into `Model::starts`).
    pub named: Vec<(InterviewerIdx, usize)>,
    /// Rounds it follows.
    pub preds: Vec<Pred>,
    /// The `same_day` group it belongs to, if any (groups sharing a round are merged).
    pub group: Option<usize>,
}

/// Caps of a person named in more than one round: checked as the search places them.
#[derive(Debug, Clone)]
pub(crate) struct SharedCaps {
    /// The interviewer.
    pub who: InterviewerIdx,
    /// Booked interviews per local day number.
    pub booked_days: FxHashMap<i32, u32>,
    /// Booked interviews per local ISO week key.
    pub booked_weeks: FxHashMap<i32, u32>,
    /// `max_per_day`.
    pub per_day: Option<u32>,
    /// `max_per_week`.
    pub per_week: Option<u32>,
}

/// Booked interviews of `it` per local day number and per local ISO week key, as the
/// caps count them.
pub(crate) fn booked_per_day_and_week(
    it: &crate::problem::Interviewer,
) -> (FxHashMap<i32, u32>, FxHashMap<i32, u32>) {
    let mut per_day = FxHashMap::default();
    let mut per_week = FxHashMap::default();
    for b in &it.booked {
        let d = day_of(it.zone, b.start.timestamp());
        *per_day.entry(d).or_insert(0) += 1;
        *per_week.entry(week_of(d)).or_insert(0) += 1;
    }
    (per_day, per_week)
}

impl SharedCaps {
    /// The caps of interviewer `who` of `p` with what they have booked.
    fn of(p: &Problem, who: InterviewerIdx) -> SharedCaps {
        let it = &p.interviewers[who];
        let (booked_days, booked_weeks) = booked_per_day_and_week(it);
        SharedCaps {
            who,
            booked_days,
            booked_weeks,
            per_day: it.max_per_day,
            per_week: it.max_per_week,
        }
    }
}

/// The compiled request: the request and what was compiled from it ([`Compiled`],
/// whose fields it shows as its own).
#[derive(Debug)]
pub(crate) struct Model<'p> {
    /// The validated request.
    pub p: &'p Problem,
    /// Everything compiled from it.
    pub c: Compiled,
}

impl std::ops::Deref for Model<'_> {
    type Target = Compiled;
    fn deref(&self) -> &Compiled {
        &self.c
    }
}

impl std::ops::DerefMut for Model<'_> {
    fn deref_mut(&mut self) -> &mut Compiled {
        &mut self.c
    }
}

impl<'p> Model<'p> {
    /// Compiles a validated problem.
    pub fn new(p: &'p Problem) -> Model<'p> {
        Model::with_cache(p, StartSets::default())
    }

    /// Compiles a problem reusing the interviewers' start sets in `sets`, which must
    /// come from a problem with the same interviewers and horizon (relaxations that
    /// change only rounds, gaps, same-day groups or the candidate's limits).
    pub fn with_cache(p: &'p Problem, mut sets: StartSets) -> Model<'p> {
        let grid = Grid::new(p);
        // The candidate's local dates come from the cache too: walking the midnights of a
        // two-week horizon anew for each model was a tenth of a hiring week's solve.
        let cand_days = sets
            .zone_days
            .entry(p.candidate.zone)
            .or_insert_with(|| ZoneDays::new(&grid, p.candidate.zone))
            .clone();
        let named_anywhere: Vec<bool> = {
            let mut v = vec![false; p.interviewers.len()];
            for r in &p.rounds {
                for q in &r.requirements {
                    if let Requirement::Person(i) = q {
                        v[*i] = true;
                    }
                }
            }
            v
        };

        let horizon = IntervalSet::from_intervals(vec![p.horizon]);
        let cand_avail = secs(&p.candidate.available.intersection(&horizon));

        let mut seats = Vec::new();
        let mut rounds = Vec::with_capacity(p.rounds.len());
        let mut cand_ok = Vec::with_capacity(p.rounds.len());
        for (ri, r) in p.rounds.iter().enumerate() {
            let dur = i64::from(r.duration_minutes) * 60;
            let mut c = grid.starts_within(&cand_avail, dur);
            if p.candidate
                .max_minutes_per_day
                .is_some_and(|m| r.duration_minutes > m)
            {
                c = Bits::new(grid.n);
            }
            cand_ok.push(c);
            let mut named = Vec::new();
            let mut my_seats = Vec::new();
            for q in &r.requirements {
                match q {
                    Requirement::Person(who) => {
                        named.push((*who, sets.get(p, &grid, *who, dur)));
                    }
                    Requirement::Pool { pool, count } => {
                        let eligible: Vec<(InterviewerIdx, usize)> = sets
                            .members(p, &grid, pool, dur)
                            .iter()
                            .filter(|(i, _)| !named_anywhere[*i])
                            .copied()
                            .collect();
                        for _ in 0..*count {
                            my_seats.push(seats.len());
                            seats.push(Seat {
                                round: ri,
                                pool: pool.clone(),
                                eligible: eligible.clone(),
                            });
                        }
                    }
                }
            }
            rounds.push(RoundModel {
                dur,
                domain: Bits::new(grid.n),
                seats: my_seats,
                named,
                preds: Vec::new(),
                group: None,
            });
        }
        for (ri, round) in rounds.iter_mut().enumerate() {
            round.domain = alone_domain(p, ri, round, &seats, &sets.starts, &cand_ok[ri]);
        }
        for (ri, r) in p.rounds.iter().enumerate() {
            rounds[ri].preds = r
                .after
                .iter()
                .map(|a| Pred {
                    round: a.round,
                    min: a.min_gap_minutes * 60,
                    max: a.max_gap_minutes.map(|m| m * 60),
                })
                .collect();
        }
        // Merge same_day groups that share a round: one date for all of them.
        let mut group_of: Vec<Option<usize>> = vec![None; rounds.len()];
        let mut next_group = 0;
        for g in &p.same_day {
            let existing: Vec<usize> = g.iter().filter_map(|&r| group_of[r]).collect();
            let id = existing.first().copied().unwrap_or_else(|| {
                next_group += 1;
                next_group - 1
            });
            for slot in group_of.iter_mut() {
                if slot.is_some_and(|x| existing.contains(&x)) {
                    *slot = Some(id);
                }
            }
            for &r in g {
                group_of[r] = Some(id);
            }
        }
        for (ri, g) in group_of.into_iter().enumerate() {
            rounds[ri].group = g;
        }
        let shared_caps = p
            .interviewers
            .iter()
            .enumerate()
            .filter(|(i, it)| {
                (it.max_per_day.is_some() || it.max_per_week.is_some())
                    && p.named_rounds(*i).len() > 1
            })
            .map(|(i, _)| SharedCaps::of(p, i))
            .collect();
        let mut trainee_seats = Vec::new();
        for (ri, r) in p.rounds.iter().enumerate() {
            let dur = i64::from(r.duration_minutes) * 60;
            for t in &r.trainee_seats {
                let eligible: Vec<(InterviewerIdx, usize)> = p
                    .interviewers
                    .iter()
                    .enumerate()
                    .filter(|(i, it)| !named_anywhere[*i] && it.training_for(&t.pool).is_some())
                    .map(|(i, _)| (i, sets.get(p, &grid, i, dur)))
                    .collect();
                // More seats than trainees could never be filled.
                for _ in 0..(t.count as usize).min(eligible.len()) {
                    trainee_seats.push(TraineeSeat {
                        round: ri,
                        pool: t.pool.clone(),
                        eligible: eligible.clone(),
                    });
                }
            }
        }
        let topo = topo_order(p);
        let raw_domains = rounds.iter().map(|r| r.domain.clone()).collect();
        Compiled {
            grid,
            cand_days,
            sets,
            rounds,
            seats,
            shared_caps,
            trainee_seats,
            topo,
            cand_ok,
            raw_domains,
        }
        .attach(p)
    }

    /// The compiled request without the request itself, to be attached again to the
    /// request once some people's bookings grew ([`Compiled::rebooked`]).
    pub fn detach(self) -> Compiled {
        self.c
    }

    /// Removes slots with no support across `after` arcs and `same_day` groups, to a fixpoint.
    fn arc_consistency(&mut self) {
        let mut d: Vec<Bits> = self.rounds.iter().map(|r| r.domain.clone()).collect();
        self.consistent(&mut d, &|_, _| true, &|_| true);
        for (r, dom) in self.rounds.iter_mut().zip(d) {
            r.domain = dom;
        }
    }

    /// Narrows `domains` to a fixpoint of arc consistency over the `after` arcs for which
    /// `use_arc(later, earlier)` holds and the `same_day` groups for which `use_group`
    /// holds. Used by the model (all of them) and by explanations (a subset, to find
    /// the constraints that alone leave no time).
    pub fn consistent(
        &self,
        d: &mut [Bits],
        use_arc: &dyn Fn(usize, usize) -> bool,
        use_group: &dyn Fn(usize) -> bool,
    ) {
        let n = self.grid.n;
        let g = &self.grid;
        let days = &self.cand_days.day;
        let same_group = |a: usize, b: usize| {
            self.rounds[a].group.is_some_and(use_group)
                && self.rounds[a].group == self.rounds[b].group
        };
        for _ in 0..(4 * self.rounds.len() + 4) {
            let mut changed = false;
            for b in 0..self.rounds.len() {
                for pr in &self.rounds[b].preds {
                    let a = pr.round;
                    if !use_arc(b, a) {
                        continue;
                    }
                    let da = self.rounds[a].dur;
                    let same = same_group(a, b);
                    let (dom_a, dom_b) = two_mut(d, a, b);
                    if pr.max.is_none() && !same && da + pr.min >= 0 {
                        // A plain "B at least `min` after A ends": A needs some B late
                        // enough, B some A early enough, so each keeps a prefix / suffix.
                        let (Some(last_b), Some(first_a)) = (dom_b.last(), dom_a.first()) else {
                            changed |= !dom_a.is_empty() || !dom_b.is_empty();
                            dom_a.clear_range(0, n);
                            dom_b.clear_range(0, n);
                            continue;
                        };
                        let off = ((da + pr.min + g.step - 1) / g.step) as usize;
                        let a_to = (last_b + 1).saturating_sub(off);
                        if dom_a.next_at_or_after(a_to).is_some() {
                            dom_a.clear_range(a_to, n);
                            changed = true;
                        }
                        let b_from = first_a + off;
                        if b_from > 0 && dom_b.prev_at_or_before(b_from - 1).is_some() {
                            dom_b.clear_range(0, b_from);
                            changed = true;
                        }
                        continue;
                    }
                    // A at k needs B in [at(k)+da+min, at(k)+da+max] (same candidate day if grouped).
                    changed |= dom_a.retain(|k| {
                        let t = g.at(k) + da;
                        let lo = g.slot_at_or_after(t + pr.min);
                        let hi = match pr.max {
                            Some(mx) => g.slot_at_or_before(t + mx),
                            None => Some(n - 1),
                        };
                        let Some(hi) = hi else { return false };
                        match dom_b.next_at_or_after(lo) {
                            Some(s) if s <= hi => {
                                !same || on_day_forward(dom_b, days, s, hi, days[k])
                            }
                            _ => false,
                        }
                    });
                    // B at k needs A with at(kA)+da in [at(k)-max, at(k)-min].
                    changed |= dom_b.retain(|k| {
                        let t = g.at(k);
                        let Some(hi) = g.slot_at_or_before(t - pr.min - da) else {
                            return false;
                        };
                        let lo = match pr.max {
                            Some(mx) => g.slot_at_or_after(t - mx - da),
                            None => 0,
                        };
                        match dom_a.prev_at_or_before(hi) {
                            Some(s) if s >= lo => {
                                !same || on_day_backward(dom_a, days, s, lo, days[k])
                            }
                            _ => false,
                        }
                    });
                }
            }
            // same_day: a round's day must be a day on which every member has a slot.
            let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (ri, r) in self.rounds.iter().enumerate() {
                if let Some(gr) = r.group.filter(|&x| use_group(x)) {
                    groups.entry(gr).or_default().push(ri);
                }
            }
            // Slots are in time order, so their candidate days ascend: each round's days
            // are a sorted list, and the common days their sorted intersection.
            for members in groups.values() {
                let mut common: Option<Vec<i32>> = None;
                for &r in members {
                    let mut here: Vec<i32> = Vec::new();
                    for k in d[r].iter() {
                        if here.last() != Some(&days[k]) {
                            here.push(days[k]);
                        }
                    }
                    common = Some(match common {
                        None => here,
                        Some(x) => x
                            .into_iter()
                            .filter(|day| here.binary_search(day).is_ok())
                            .collect(),
                    });
                }
                let common = common.unwrap_or_default();
                for &r in members {
                    changed |= d[r].retain(|k| common.binary_search(&days[k]).is_ok());
                }
            }
            if !changed {
                break;
            }
        }
    }
}

/// Everything compiled from a request: a [`Model`] without its request
/// ([`Model::detach`]).
#[derive(Debug)]
pub(crate) struct Compiled {
    /// Slot grid.
    pub grid: Grid,
    /// Candidate-local day number of each slot.
    pub cand_days: ZoneDays,
    /// Start sets per (interviewer, duration) and the local days of their zones.
    pub sets: StartSets,
    /// Rounds, as in the request.
    pub rounds: Vec<RoundModel>,
    /// Pool seats of all rounds.
    pub seats: Vec<Seat>,
    /// Persons named in several rounds whose caps need checking in the search.
    pub shared_caps: Vec<SharedCaps>,
    /// Optional trainee seats of all rounds; the search never sees them.
    pub trainee_seats: Vec<TraineeSeat>,
    /// Rounds in an order where every round comes after its predecessors.
    pub topo: Vec<RoundIdx>,
    /// Candidate start sets before any interviewer is considered, per round.
    pub cand_ok: Vec<Bits>,
    /// Rounds' domains before arc consistency, for explanations.
    pub raw_domains: Vec<Bits>,
}

impl Compiled {
    /// The model of `p`, which is the request this was compiled from with more
    /// `booked` time for the interviewers `who` and nothing else changed (the greedy
    /// count of loops that fit books one loop at a time). Only what those people's
    /// bookings decide is computed again: their start sets (in place, so every seat
    /// keeps its index), their caps, then the rounds' domains (a round alone, then arc
    /// consistency from the old domains: more bookings only ever remove slots). The
    /// result is the model `Model::new(p)` would build, up to slots that arc
    /// consistency leaves and no schedule uses.
    pub fn rebooked<'p>(mut self, p: &'p Problem, who: &[InterviewerIdx]) -> Model<'p> {
        for &w in who {
            self.sets.refresh(p, &self.grid, w);
        }
        for caps in self.shared_caps.iter_mut().filter(|c| who.contains(&c.who)) {
            *caps = SharedCaps::of(p, caps.who);
        }
        for (ri, round) in self.rounds.iter_mut().enumerate() {
            self.raw_domains[ri] = alone_domain(
                p,
                ri,
                round,
                &self.seats,
                &self.sets.starts,
                &self.cand_ok[ri],
            );
            round.domain.and_with(&self.raw_domains[ri]);
        }
        self.attach(p)
    }

    /// The model of `p` made of this, its domains narrowed by arc consistency.
    fn attach(self, p: &Problem) -> Model<'_> {
        let mut m = Model { p, c: self };
        m.arc_consistency();
        m
    }
}

/// The slots where round `ri` of `p` could start if it were alone: the candidate is
/// free (`cand_ok`), every named person can start then, and each pool requirement has
/// enough free people (when a round's pools share people, a real matching of them).
fn alone_domain(
    p: &Problem,
    ri: RoundIdx,
    round: &RoundModel,
    seats: &[Seat],
    starts: &[Bits],
    cand_ok: &Bits,
) -> Bits {
    let n = cand_ok.len();
    let mut domain = cand_ok.clone();
    for (k, &(who, s)) in round.named.iter().enumerate() {
        if round.named[..k].iter().any(|&(w, _)| w == who) {
            // One person cannot fill two requirements of one round.
            return Bits::new(n);
        }
        domain.and_with(&starts[s]);
    }
    let mut my_seats = round.seats.iter().copied();
    for q in &p.rounds[ri].requirements {
        if let Requirement::Pool { count, .. } = q {
            let first = my_seats.next();
            for _ in 1..*count {
                my_seats.next();
            }
            if let Some(first) = first {
                domain.and_with(&at_least(
                    &seats[first].eligible,
                    starts,
                    *count as usize,
                    n,
                ));
            }
        }
    }
    if needs_matching(&round.seats, seats) {
        let cands: Vec<usize> = domain.iter().collect();
        for k in cands {
            if !round_matchable(&round.seats, seats, starts, k) {
                domain.remove(k);
            }
        }
    }
    domain
}

/// Is there a slot of `dom` in `[s, hi]` on candidate day `day`, scanning up from `s`?
fn on_day_forward(dom: &Bits, days: &[i32], s: usize, hi: usize, day: i32) -> bool {
    let mut k = Some(s);
    while let Some(x) = k {
        if x > hi || days[x] > day {
            return false;
        }
        if days[x] == day {
            return true;
        }
        k = dom.next_at_or_after(x + 1);
    }
    false
}

/// Is there a slot of `dom` in `[lo, s]` on candidate day `day`, scanning down from `s`?
fn on_day_backward(dom: &Bits, days: &[i32], s: usize, lo: usize, day: i32) -> bool {
    let mut k = Some(s);
    while let Some(x) = k {
        if x < lo || days[x] < day {
            return false;
        }
        if days[x] == day {
            return true;
        }
        k = if x == 0 {
            None
        } else {
            dom.prev_at_or_before(x - 1)
        };
    }
    false
}

/// Two distinct elements of a slice, both mutable.
fn two_mut<T>(v: &mut [T], a: usize, b: usize) -> (&mut T, &mut T) {
    assert_ne!(a, b, "a round cannot follow itself");
    if a < b {
        let (x, y) = v.split_at_mut(b);
        (&mut x[a], &mut y[0])
    } else {
        let (x, y) = v.split_at_mut(a);
        (&mut y[0], &mut x[b])
    }
}

/// Start sets per (interviewer, duration), computed once each and reusable across
/// models of problems that share interviewers and horizon.
#[derive(Debug, Clone, Default)]
pub(crate) struct StartSets {
    /// Local days of each interviewer zone.
    pub zone_days: FxHashMap<Tz, ZoneDays>,
    free: FxHashMap<InterviewerIdx, Vec<(Secs, Secs)>>,
    /// The start sets.
    pub starts: Vec<Bits>,
    index: FxHashMap<(InterviewerIdx, Secs), usize>,
    /// Per pool and duration: its members with their start sets. A hiring day compiles
    /// a model per placement, and looking up every interviewer's pools by name each
    /// time was a fifth of a large batch's solve.
    members: FxHashMap<String, FxHashMap<Secs, Vec<(InterviewerIdx, usize)>>>,
}

impl StartSets {
    /// Computes again, in place, every start set of `who` (and their free time) from
    /// `p`: for a request whose only change is this person's `booked` or `busy` time.
    /// Indices given out before stay valid.
    pub fn refresh(&mut self, p: &Problem, grid: &Grid, who: InterviewerIdx) {
        self.free.insert(who, free_time(p, who));
        let mine: Vec<(Secs, usize)> = self
            .index
            .iter()
            .filter(|&(&(w, _), _)| w == who)
            .map(|(&(_, dur), &k)| (dur, k))
            .collect();
        for (dur, k) in mine {
            self.starts[k] = self.compute(p, grid, who, dur);
        }
    }

    /// Index of the start set of `who` for rounds of `dur` seconds: free for the whole
    /// round with buffers, working, and not on a date or week their caps already fill.
    pub(crate) fn get(
        &mut self,
        p: &Problem,
        grid: &Grid,
        who: InterviewerIdx,
        dur: Secs,
    ) -> usize {
        if let Some(&k) = self.index.get(&(who, dur)) {
            return k;
        }
        let bits = self.compute(p, grid, who, dur);
        self.starts.push(bits);
        self.index.insert((who, dur), self.starts.len() - 1);
        self.starts.len() - 1
    }

    /// The members of `pool` with their start sets for rounds of `dur` seconds, in
    /// interviewer order.
    pub(crate) fn members(
        &mut self,
        p: &Problem,
        grid: &Grid,
        pool: &str,
        dur: Secs,
    ) -> &[(InterviewerIdx, usize)] {
        if !self.members.get(pool).is_some_and(|d| d.contains_key(&dur)) {
            let list: Vec<(InterviewerIdx, usize)> = (0..p.interviewers.len())
                .filter(|&i| p.interviewers[i].pools.contains(pool))
                .map(|i| (i, self.get(p, grid, i, dur)))
                .collect();
            self.members
                .entry(pool.to_string())
                .or_default()
                .insert(dur, list);
        }
        &self.members[pool][&dur]
    }

    /// The start set of `who` for rounds of `dur` seconds (their free time computed
    /// once and kept).
    fn compute(&mut self, p: &Problem, grid: &Grid, who: InterviewerIdx, dur: Secs) -> Bits {
        let it = &p.interviewers[who];
        let f = self.free.entry(who).or_insert_with(|| free_time(p, who));
        let mut bits = grid.starts_within(f, dur);
        let days = self
            .zone_days
            .entry(it.zone)
            .or_insert_with(|| ZoneDays::new(grid, it.zone));
        clear_capped_days(&mut bits, days, p, who);
        bits
    }
}

/// Free time of an interviewer inside the horizon: working hours minus busy and booked
/// time widened by the buffer on both sides.
pub(crate) fn free_time(p: &Problem, who: InterviewerIdx) -> Vec<(Secs, Secs)> {
    let it = &p.interviewers[who];
    let work = working_intervals(&it.working_hours, it.zone, p.horizon.start, p.horizon.end);
    let horizon = IntervalSet::from_intervals(vec![p.horizon]);
    let buf = chrono::Duration::minutes(i64::from(it.buffer_minutes));
    let blocked: IntervalSet = it
        .busy
        .intervals()
        .iter()
        .chain(it.booked.iter().filter(|b| !b.is_empty()))
        .map(|b| Interval {
            start: b.start - buf,
            end: b.end + buf,
        })
        .collect();
    secs(&work.intersection(&horizon).difference(&blocked))
}

/// Clears the slots on local dates or weeks where the interviewer's booked interviews
/// already reach a cap (one more would break it).
fn clear_capped_days(bits: &mut Bits, days: &ZoneDays, p: &Problem, who: InterviewerIdx) {
    let it = &p.interviewers[who];
    if it.max_per_day.is_none() && it.max_per_week.is_none() {
        return;
    }
    let (per_day, per_week) = booked_per_day_and_week(it);
    let mut k = 0;
    while k < days.day.len() {
        let d = days.day[k];
        let mut e = k;
        while e < days.day.len() && days.day[e] == d {
            e += 1;
        }
        let day_full = it
            .max_per_day
            .is_some_and(|m| per_day.get(&d).copied().unwrap_or(0) >= m);
        let week_full = it
            .max_per_week
            .is_some_and(|m| per_week.get(&week_of(d)).copied().unwrap_or(0) >= m);
        if day_full || week_full {
            bits.clear_range(k, e);
        }
        k = e;
    }
}

/// Slots where at least `n` of the eligible interviewers can start (bit-sliced counting).
fn at_least(eligible: &[(InterviewerIdx, usize)], starts: &[Bits], n: usize, len: usize) -> Bits {
    let words = len.div_ceil(64);
    // planes[j] = slots where at least j+1 interviewers are free so far.
    let mut planes = vec![vec![0u64; words]; n];
    for &(_, s) in eligible {
        let x = starts[s].words();
        for j in (0..n).rev() {
            let (lower, upper) = planes.split_at_mut(j);
            let plane = &mut upper[0];
            for w in 0..words {
                let below = if j == 0 { !0 } else { lower[j - 1][w] };
                plane[w] |= below & x[w];
            }
        }
    }
    match planes.pop() {
        Some(last) => Bits::from_words(last, len),
        None => Bits::full(len),
    }
}

/// True if a round's seats draw on pools that share people (so counts alone can lie).
fn needs_matching(my_seats: &[usize], seats: &[Seat]) -> bool {
    let pools: Vec<&str> = my_seats.iter().map(|&s| seats[s].pool.as_str()).collect();
    let distinct: std::collections::BTreeSet<&str> = pools.iter().copied().collect();
    if distinct.len() < 2 {
        return false;
    }
    let mut seen: HashMap<InterviewerIdx, &str> = HashMap::new();
    for &s in my_seats {
        for &(i, _) in &seats[s].eligible {
            if let Some(&other) = seen.get(&i) {
                if other != seats[s].pool {
                    return true;
                }
            }
            seen.insert(i, &seats[s].pool);
        }
    }
    false
}

/// Can the seats of one round be filled by distinct interviewers all free at slot `k`?
fn round_matchable(my_seats: &[usize], seats: &[Seat], starts: &[Bits], k: usize) -> bool {
    let adj: Vec<Vec<InterviewerIdx>> = my_seats
        .iter()
        .map(|&s| {
            seats[s]
                .eligible
                .iter()
                .filter(|&&(_, b)| starts[b].contains(k))
                .map(|&(i, _)| i)
                .collect()
        })
        .collect();
    let mut owner: HashMap<InterviewerIdx, usize> = HashMap::new();
    (0..adj.len()).all(|s| augment(s, &adj, &mut owner, &mut Vec::new()))
}

/// Kuhn's augmenting path from seat `s` in the bipartite graph `adj` (seat → people),
/// moving earlier seats to other people if needed; true if `s` got someone.
pub(crate) fn augment(
    s: usize,
    adj: &[Vec<InterviewerIdx>],
    owner: &mut HashMap<InterviewerIdx, usize>,
    seen: &mut Vec<InterviewerIdx>,
) -> bool {
    for &i in &adj[s] {
        if seen.contains(&i) {
            continue;
        }
        seen.push(i);
        let free = match owner.get(&i) {
            None => true,
            Some(&o) => augment(o, adj, owner, seen),
        };
        if free {
            owner.insert(i, s);
            return true;
        }
    }
    false
}

/// Rounds ordered so that each comes after the rounds it follows (the request is acyclic).
fn topo_order(p: &Problem) -> Vec<RoundIdx> {
    let n = p.rounds.len();
    let mut done = vec![false; n];
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let before = out.len();
        for r in 0..n {
            if !done[r] && p.rounds[r].after.iter().all(|a| done[a.round]) {
                done[r] = true;
                out.push(r);
            }
        }
        if out.len() == before {
            break; // unreachable for a validated problem
        }
    }
    out
}
