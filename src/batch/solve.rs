//! The batch engine's driver: each candidate alone, a first answer, improvement with
//! proof, and the answer document.
//!
//! 1. *Alone*: every candidate's loop is searched exactly against the pool with nothing
//!    held. A candidate with no placement even alone is left out with the single
//!    engine's explanation; the others' earliest finishes bound the sum of finishes.
//! 2. *First answer*: candidates in a smart order (heaviest first, then the earliest
//!    finish alone), each placed at its earliest finish against what the earlier ones
//!    hold ([`super::place`]).
//! 3. *Improvement*: large-neighbourhood search ([`super::improve`]) frees a few
//!    related candidates and places them again, in other orders, with the left-out
//!    ones, keeping a change when the answer is no worse.
//! 4. *Proof*: bounds from relaxations ([`super::bound`], then the candidates queueing
//!    for one pool's people, [`super::queue`]), and for small batches a complete
//!    search ([`super::exact`]); the answer is `optimal` when its value meets the bound.
//!
//! Work is counted in search nodes and placements, never in time, so the same request
//! gives the same answer; the time limit is only a safety cap (see [`Limits`]).

use super::answer::{
    BatchSolutionDoc, BatchStatus, ObjectiveDoc, ScheduledDoc, UnscheduledDoc, SOLUTION_FORMAT,
};
use super::apart::{lower, Apart};
use super::bound;
use super::dates::date_groups;
use super::exact;
use super::improve::Improver;
use super::pairs::pair_bound;
use super::place::{place, Outcome, Placement};
use super::pool::Pool;
use super::queue::Queue;
use super::reasons;
use super::request::Batch;
use super::twins::twins;
use crate::engine::grid::{Grid, Secs};
use crate::solution::PlacedRound;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Nodes the search of one candidate alone may visit (its finish then bounds the sum).
pub(crate) const ALONE_BUDGET: u64 = 2_000_000;
/// Nodes one placement against the others may visit.
pub(crate) const PLACE_BUDGET: u64 = 5_000;
/// Work charged for compiling one candidate's model, in nodes: about what a compile
/// costs in time (measured on the public set, with work counted as
/// [`crate::engine::search::Search::effort`]).
pub(crate) const PLACE_COST: u64 = 100;

/// How long the engine may work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Work allowed, in search nodes; `None`: the engine's own budget for the batch's
    /// size. The answer depends only on the request and this budget.
    pub work: Option<u64>,
    /// A safety cap on the wall-clock time. Reaching it makes the answer depend on the
    /// machine's speed, so the work budget ends well before it on any normal machine.
    pub time_limit: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            work: None,
            time_limit: Duration::from_secs(10),
        }
    }
}

impl Limits {
    /// The engine's own work budget, capped at `secs` seconds.
    pub fn for_seconds(secs: f64) -> Limits {
        Limits {
            work: None,
            time_limit: Duration::from_secs_f64(secs.clamp(0.001, 86_400.0)),
        }
    }
}

/// What a solve did, besides its answer (for benchmarks and tests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SolveStats {
    /// Time from the start to the first complete valid answer.
    pub first_answer: Duration,
    /// Time to the end.
    pub total: Duration,
    /// Work done, in nodes (compiling a candidate's model charged as `PLACE_COST`, its
    /// measured cost).
    pub work: u64,
    /// Improvement rounds tried.
    pub rounds: u64,
    /// True if the time cap (not the work budget or a proof) ended the search.
    pub hit_time_limit: bool,
    /// Where the time went: the state after each phase, in order.
    pub phases: Vec<Phase>,
}

/// The state of a solve after one of its phases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    /// What ran: "first answer", "joint search", ...
    pub name: &'static str,
    /// Time from the start of the solve.
    pub at: Duration,
    /// Work done from the start, as [`SolveStats::work`].
    pub work: u64,
    /// The answer's sum of finishes, minutes.
    pub sum: i64,
    /// The bound's sum of finishes, minutes.
    pub bound: i64,
}

impl SolveStats {
    fn phase(&mut self, name: &'static str, t0: Instant, imp: &Improver, bound: &ObjectiveDoc) {
        self.phases.push(Phase {
            name,
            at: t0.elapsed(),
            work: imp.work,
            sum: imp.objective().sum_finish_minutes,
            bound: bound.sum_finish_minutes,
        });
    }
}

/// Schedules a batch with the default limits.
pub fn solve(b: &Batch) -> BatchSolutionDoc {
    solve_with(b, &Limits::default()).0
}

/// Schedules a batch within `limits`: the best answer found, its proven bound, and
/// what the solve did.
pub fn solve_with(b: &Batch, limits: &Limits) -> (BatchSolutionDoc, SolveStats) {
    let t0 = Instant::now();
    let (mut imp, alone) = first_answer(b);
    let n = b.candidates.len();
    let first_answer = t0.elapsed();
    let mut stats = SolveStats {
        first_answer,
        ..SolveStats::default()
    };
    // 3, 4. Improve until proven, out of work or out of time.
    let least: Vec<Option<Secs>> = (0..n)
        .map(|c| imp.possible[c].then_some(imp.alone_finish[c]))
        .collect();
    let dates = date_groups(b, &imp.possible);
    let mut bound = bound::bound(b, &imp.pool, &least, &dates);
    let deadline = t0 + limits.time_limit;
    let budget = limits.work.unwrap_or_else(|| default_work(b));
    let small = imp.possible.iter().filter(|&&p| p).count() <= EXACT_MAX_CANDIDATES;
    stats.phase("first answer", t0, &imp, &bound);
    let mut proven = imp.objective() == bound;
    let mut queue = None;
    if small && !proven {
        // A small batch's first answer is often optimal already: the searches that can
        // prove it, each on a short leash, before any improvement.
        queue = new_queue(b, &mut imp, &least, &bound, budget, EARLY_F_STRIDE);
        if let Some(q) = queue.as_mut() {
            q.allow(EARLY_QUEUE_WORK);
            if let Some(least) = joint_search(b, &mut imp, q, EARLY_JOINT_WORK, true) {
                raise(&mut bound, least);
            }
            proven = imp.objective() == bound;
        }
        stats.phase("joint search on the first answer", t0, &imp, &bound);
        if !proven {
            proven = exact::solve_exactly(
                &mut imp,
                queue.as_mut(),
                bound.scheduled_weight,
                EARLY_EXACT_BUDGET,
                deadline,
            );
            if proven {
                bound = imp.objective();
            }
        }
        stats.phase("complete search on the first answer", t0, &imp, &bound);
    }
    // A little improvement first gives the complete search of a small batch a good
    // answer to beat; then the complete search, or more improvement.
    let warm_up = if small {
        imp.work + budget / 20
    } else {
        budget
    };
    let mut apart = Apart {
        alone: &least,
        dates: &dates,
        tried: None,
        work: 0,
        known: HashMap::new(),
    };
    if !proven {
        proven = improve(
            &mut imp,
            &mut bound,
            warm_up,
            deadline,
            &mut stats,
            Some(&mut apart),
        );
        stats.phase("improvement", t0, &imp, &bound);
    }
    if !proven
        && imp.objective().scheduled_weight < bound.scheduled_weight
        && Instant::now() < deadline
    {
        let mut q = Queue::new(b, &least, 0, 1, (budget / QUEUE_SHARE).min(QUEUE_MOST));
        if let Some((w, sum)) = pair_bound(&mut imp, &mut q, PAIR_WORK) {
            lower(&mut bound, w, sum);
        }
        proven = imp.objective() == bound;
        stats.phase("pairs that clash", t0, &imp, &bound);
    }
    if !proven && Instant::now() < deadline {
        // The relaxation is much weaker on F's lower bounds: F at every slot.
        queue = new_queue(b, &mut imp, &least, &bound, budget, 1);
        if let Some(q) = queue.as_mut() {
            queue_bound(&mut imp, q, &mut bound);
        }
        proven = imp.objective() == bound;
        stats.phase("queue relaxation", t0, &imp, &bound);
    }
    if !proven && Instant::now() < deadline && apart.tried != Some(imp.objective_secs()) {
        apart.bound(&mut imp, &mut bound, budget);
        proven = imp.objective() == bound;
        stats.phase("groups apart", t0, &imp, &bound);
    }
    if !proven && small && Instant::now() < deadline {
        // The joint search first: on a hiring day it finds and proves in a fraction of
        // what the complete search spends.
        let work = JOINT_WORK * JOINT_SETS;
        if let Some(least) = queue
            .as_mut()
            .and_then(|q| joint_search(b, &mut imp, q, work, false))
        {
            raise(&mut bound, least);
        }
        proven = imp.objective() == bound;
        stats.phase("joint search", t0, &imp, &bound);
    }
    if !proven && small && Instant::now() < deadline {
        proven = exact::solve_exactly(
            &mut imp,
            queue.as_mut(),
            bound.scheduled_weight,
            EXACT_BUDGET,
            deadline,
        );
        stats.phase("complete search", t0, &imp, &bound);
        if proven {
            bound = imp.objective();
        } else {
            proven = improve(&mut imp, &mut bound, budget, deadline, &mut stats, None);
            stats.phase("more improvement", t0, &imp, &bound);
        }
    }
    let objective = imp.objective();
    let optimal = proven || objective == bound;
    stats.work = imp.work;
    let reasons = reasons::unscheduled(b, &mut imp, &alone);
    let doc = to_doc(
        b,
        &imp.pool.grid,
        &imp.placed,
        objective,
        bound,
        optimal,
        reasons,
    );
    stats.total = t0.elapsed();
    (doc, stats)
}

/// Steps 1 and 2: every candidate alone, then the first answer.
fn first_answer(b: &Batch) -> (Improver<'_>, Vec<Alone>) {
    let mut pool = Pool::new(b);
    let mut work = 0u64;
    let mut alone: Vec<Alone> = Vec::with_capacity(b.candidates.len());
    for c in &b.candidates {
        work += PLACE_COST;
        alone.push(match place(&mut pool, c, ALONE_BUDGET, &mut work, None) {
            Outcome::Placed(pl, true) => Alone::Finish(pl.finish),
            Outcome::Placed(_, false) => Alone::Unproven,
            Outcome::Impossible => Alone::Impossible,
            Outcome::GaveUp => Alone::Unknown,
        });
    }
    let mut imp = Improver::new(b, pool, &alone, work);
    imp.greedy();
    (imp, alone)
}

/// The queue relaxation's data ([`super::queue`]) for proving the answer held, when it
/// has the bound's weight and the sets of candidates of that weight can be listed
/// (see [`sets_of_weight`]); `alone` is each candidate's finish alone (`None`:
/// impossible).
fn new_queue<'b>(
    b: &'b Batch,
    imp: &mut Improver,
    alone: &[Option<Secs>],
    bound: &ObjectiveDoc,
    budget: u64,
    stride: usize,
) -> Option<Queue<'b>> {
    let (w, beat) = imp.objective_secs();
    if w != bound.scheduled_weight {
        return None;
    }
    let sets = sets_of_weight(imp, w)?;
    // A candidate of an answer below `beat` finishes at most this far past their
    // finish alone: everyone else of their set finishes no earlier than alone.
    let h0 = imp.pool.grid.h0;
    let least_alone = sets
        .iter()
        .map(|set| set.iter().map(|&c| imp.alone_finish[c] - h0).sum::<Secs>())
        .min()
        .unwrap_or(beat);
    let slack = beat - least_alone;
    Some(Queue::new(
        b,
        alone,
        slack,
        stride,
        (budget / QUEUE_SHARE).min(QUEUE_MOST),
    ))
}

/// Raises the bound's sum by the queue relaxation for every set of candidates an
/// answer of the bound's weight can schedule, when the answer held has that weight.
fn queue_bound(imp: &mut Improver, q: &mut Queue, bound: &mut ObjectiveDoc) {
    let (w, beat) = imp.objective_secs();
    if w != bound.scheduled_weight {
        return;
    }
    let Some(sets) = sets_of_weight(imp, w) else {
        return;
    };
    let before = q.work;
    let least = sets
        .iter()
        .map(|set| q.bound(set, beat))
        .min()
        .unwrap_or(beat);
    imp.work += q.work - before;
    raise(bound, least);
}

/// True if the day of `base` with the candidates of `placed` placed so instead passes
/// every rule (the joint search leaves some to this check).
pub(super) fn day_is_valid(
    b: &Batch,
    imp: &Improver,
    mut base: Vec<Option<Placement>>,
    placed: &[(usize, Placement)],
) -> bool {
    for (c, pl) in placed {
        base[*c] = Some(pl.clone());
    }
    // The value is not read by the check.
    let value = ObjectiveDoc {
        scheduled_weight: 0,
        sum_finish_minutes: 0,
    };
    let doc = to_doc(
        b,
        &imp.pool.grid,
        &base,
        value,
        value,
        false,
        vec![None; base.len()],
    );
    super::moves::day_is_valid(b, &doc)
}

/// Raises the bound's sum to a least sum of `finish - h0` in seconds.
pub(super) fn raise(bound: &mut ObjectiveDoc, least: Secs) {
    bound.sum_finish_minutes = bound.sum_finish_minutes.max(least.div_euclid(60));
}

/// The sets of candidates (who can be placed alone) weighing `w` in all: everyone
/// possible if that is their weight, else every such subset of a small batch (`None`
/// for a larger one), one of each set that differs only by twins ([`super::twins`]):
/// what a search says of one, it says of the other.
fn sets_of_weight(imp: &Improver, w: u64) -> Option<Vec<Vec<usize>>> {
    let possible: Vec<usize> = (0..imp.placed.len()).filter(|&c| imp.possible[c]).collect();
    let all: u64 = possible.iter().map(|&c| imp.weight_of(c)).sum();
    if all == w {
        return Some(vec![possible]);
    }
    if possible.len() > EXACT_MAX_CANDIDATES {
        return None;
    }
    let twin = twins(imp.b);
    let mut seen: Vec<Vec<usize>> = Vec::new();
    let mut sets = Vec::new();
    for mask in 0u32..1 << possible.len() {
        let set: Vec<usize> = (0..possible.len())
            .filter(|&k| mask & (1 << k) != 0)
            .map(|k| possible[k])
            .collect();
        if set.iter().map(|&c| imp.weight_of(c)).sum::<u64>() != w {
            continue;
        }
        let mut key: Vec<usize> = set.iter().map(|&c| twin[c]).collect();
        key.sort_unstable();
        if !seen.contains(&key) {
            seen.push(key);
            sets.push(set);
        }
    }
    Some(sets)
}

/// Looks for a better answer of the same weight with every round of a set of
/// candidates searched together ([`super::joint`]), and takes it if the whole day
/// passes the single engine's checks. Returns a lower bound on the sum of every answer
/// of that weight (seconds) when the search finished for every set. `work`: the most
/// all sets together may do, [`JOINT_WORK`] at most each; `to_prove`: stop at the
/// first set whose search does not finish (a proof needs every set).
fn joint_search(
    b: &Batch,
    imp: &mut Improver,
    q: &mut Queue,
    work: u64,
    to_prove: bool,
) -> Option<Secs> {
    let (w, mut beat) = imp.objective_secs();
    let sets = sets_of_weight(imp, w)?;
    let mut best: Option<Vec<(usize, Placement)>> = None;
    let mut least = Secs::MAX;
    let mut exhaustive = true;
    let mut left = work;
    for set in &sets {
        if left == 0 {
            exhaustive = false;
            break;
        }
        let before = q.work;
        let found = q.joint(set, beat, JOINT_WORK.min(left));
        imp.work += q.work - before;
        left = left.saturating_sub(q.work - before);
        let Some(found) = found else {
            exhaustive = false;
            if to_prove {
                break;
            }
            continue;
        };
        exhaustive &= found.exhaustive;
        least = least.min(found.least);
        let Some(placed) = found.placed else {
            continue;
        };
        if day_is_valid(b, imp, vec![None; imp.placed.len()], &placed) {
            beat = found.least;
            best = Some(placed);
        }
    }
    if let Some(placed) = best {
        for c in 0..imp.placed.len() {
            imp.remove(c);
        }
        for (c, pl) in placed {
            imp.restore(c, pl);
        }
    }
    exhaustive.then_some(least)
}

/// Work the joint search may do for one set of candidates: `superday-small-003`'s
/// optimum takes 42,000; where it finds nothing (`superday-small-001`) the whole cap
/// is spent, about 0.1 s at this size.
pub(super) const JOINT_WORK: u64 = 1_000_000;
/// All the sets of a batch together get this many times [`JOINT_WORK`]: eight
/// candidates of whom four may be left out make 70 sets.
const JOINT_SETS: u64 = 4;
/// Work the joint search may do on the first answer of a small batch, all sets
/// together, before any improvement (about 20 ms).
const EARLY_JOINT_WORK: u64 = 200_000;
/// Work the searches on the first answer may do in all, `F` included: where the first
/// answer is far from the best (a hiring week's), `F` up to its finishes costs more
/// than the improvement that comes next.
const EARLY_QUEUE_WORK: u64 = 200_000;
/// The joint search on the first answer reads `F` searched every this many slots.
const EARLY_F_STRIDE: usize = 4;
/// Work the search for any placement of two candidates together may do
/// ([`super::pairs`]): `global-week-medium-003`'s clashing pairs take 50-120k.
const PAIR_WORK: u64 = 200_000;
/// Work the complete search may do on the first answer of a small batch.
const EARLY_EXACT_BUDGET: u64 = 50_000;

/// The queue relaxation may do this share of the batch's work budget...
pub(super) const QUEUE_SHARE: u64 = 5;
/// ... and at most this much.
pub(super) const QUEUE_MOST: u64 = 2_000_000;

/// Batches of at most this many candidates (who can be placed alone) get the complete
/// search.
const EXACT_MAX_CANDIDATES: usize = 8;
/// Starting temperature of the improvement's annealing, seconds of the sum of finishes.
const TEMPERATURE: f64 = 300.0;
/// Work the complete search may do.
const EXACT_BUDGET: u64 = 3_000_000;

/// The improvement's work budget for a batch, growing with the number of candidates.
/// Batches of up to [`LONGER_SEARCH_MAX`] candidates get [`LONGER_SEARCH`] halves of
/// it: a second or two there still answers far sooner than a coordinator waits, and the
/// public medium superdays reach the reference's sum (or beat it) only with it. Larger
/// batches get [`LARGE_SEARCH`] times it, at most [`LARGE_MOST`]: about 4 s on the
/// shared 2-core machine for the slowest public batch (`superday-large-001`), within
/// the 5 s a large hiring day may take; `tight-large-001` and `global-week-large-001`
/// reach the reference's sum only with it.
fn default_work(b: &Batch) -> u64 {
    let n = b.candidates.len() as u64;
    let plain = 1_000_000 + 100_000 * n;
    if n <= LONGER_SEARCH_MAX {
        LONGER_SEARCH * plain / 2
    } else {
        (LARGE_SEARCH * plain).min(LARGE_MOST)
    }
}

/// Batches of at most this many candidates get the longer search (see [`default_work`]).
const LONGER_SEARCH_MAX: u64 = 25;
/// How many halves of the plain work budget the longer search gets.
const LONGER_SEARCH: u64 = 5;
/// How many times the plain work budget larger batches get.
const LARGE_SEARCH: u64 = 3;
/// The most work a batch gets by default.
const LARGE_MOST: u64 = 20_000_000;

/// Improvement steps until the answer meets `bound`, `imp.work` reaches `budget` or the
/// deadline passes; true if the answer meets the bound. With `apart`, each better
/// answer is also tried for a proof by the groups searched apart, as long as those
/// tries take at most half the work.
fn improve(
    imp: &mut Improver,
    bound: &mut ObjectiveDoc,
    budget: u64,
    deadline: Instant,
    stats: &mut SolveStats,
    mut apart: Option<&mut Apart>,
) -> bool {
    let from = imp.work;
    let proven = loop {
        if let Some(apart) = apart.as_mut() {
            let now = imp.objective_secs();
            let spent = imp.work - from;
            if apart.tried.is_none_or(|t| super::improve::better(now, t))
                && apart.work <= spent.saturating_sub(apart.work)
            {
                apart.bound(imp, bound, budget);
            }
        }
        if imp.objective() == *bound {
            break true;
        }
        if imp.work >= budget {
            break false;
        }
        if Instant::now() >= deadline {
            stats.hit_time_limit = true;
            break false;
        }
        let left = 1.0 - (imp.work - from) as f64 / (budget.saturating_sub(from).max(1)) as f64;
        imp.set_temperature(TEMPERATURE * left.max(0.0));
        imp.step();
        stats.rounds += 1;
    };
    imp.keep_best();
    proven || imp.objective() == *bound
}

/// A candidate searched alone against the pool with nothing held.
#[derive(Debug, Clone)]
pub(crate) enum Alone {
    /// Their earliest finish (proven).
    Finish(Secs),
    /// A placement found, its finish not proven earliest.
    Unproven,
    /// No placement exists even alone.
    Impossible,
    /// The search ran out of budget with nothing found.
    Unknown,
}

impl Alone {
    /// False only when proven impossible.
    pub fn possible(&self) -> bool {
        !matches!(self, Alone::Impossible)
    }
}

fn to_doc(
    b: &Batch,
    grid: &Grid,
    placed: &[Option<Placement>],
    objective: ObjectiveDoc,
    bound: ObjectiveDoc,
    optimal: bool,
    mut reasons: Vec<Option<String>>,
) -> BatchSolutionDoc {
    let mut scheduled = Vec::new();
    let mut unscheduled = Vec::new();
    for (ci, c) in b.candidates.iter().enumerate() {
        let p = &c.problem;
        match &placed[ci] {
            Some(pl) => {
                let mut rounds: Vec<PlacedRound> = p
                    .rounds
                    .iter()
                    .enumerate()
                    .map(|(r, round)| {
                        let start = grid.at(pl.starts[r]);
                        PlacedRound {
                            round: round.id.clone(),
                            start: Grid::instant(start),
                            end: Grid::instant(start + i64::from(round.duration_minutes) * 60),
                            interviewers: pl.people[r]
                                .iter()
                                .map(|&i| b.interviewers[i].id.clone())
                                .collect(),
                            // Hiring days seat no trainees (rondo-batch/1 has no seats for them).
                            trainees: Vec::new(),
                        }
                    })
                    .collect();
                rounds.sort_by(|a, b| a.start.cmp(&b.start).then(a.round.cmp(&b.round)));
                scheduled.push(ScheduledDoc {
                    candidate: c.id().to_string(),
                    finish: Grid::instant(pl.finish),
                    rounds,
                });
            }
            None => unscheduled.push(UnscheduledDoc {
                candidate: c.id().to_string(),
                reason: reasons[ci].take().unwrap_or_else(|| {
                    "no placement was found for this candidate within the search's budget"
                        .to_string()
                }),
            }),
        }
    }
    let status = if unscheduled.is_empty() {
        BatchStatus::Scheduled
    } else if scheduled.is_empty() {
        BatchStatus::None
    } else {
        BatchStatus::Partial
    };
    BatchSolutionDoc {
        format: SOLUTION_FORMAT.to_string(),
        problem: b.id.clone(),
        status,
        scheduled,
        unscheduled,
        objective,
        bound,
        optimal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A small hiring day in Berlin on Monday 2026-03-02, or Monday and Tuesday: 4-6
    /// interviewers (recruiters and technical people, often alike: the joint search's
    /// symmetry rule has something to do), daily caps of 1-3, sometimes half an hour
    /// busy or booked before the batch, 2-3 candidates, each with an intro (sometimes
    /// with a named recruiter, who may also hold their final right after it), a
    /// technical round of one or two seats after it (sometimes at most an hour or a day
    /// later), and sometimes a third round, sometimes at most 90 interview minutes a
    /// day; 15- or 30-minute slots.
    fn hiring_day(seed: u64) -> Batch {
        let mut x = seed | 1;
        let mut pick = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let slot = [15, 30][pick(2) as usize];
        let days = 1 + pick(2);
        let interviewers: Vec<String> = (0..4 + pick(3))
            .map(|k| {
                let pools = match (k, pick(4)) {
                    (0, _) => r#"["recruiting"]"#,
                    (1, _) => r#"["technical"]"#,
                    (_, 0) => r#"["recruiting"]"#,
                    (_, 1) => r#"["recruiting", "technical"]"#,
                    _ => r#"["technical"]"#,
                };
                let from = ["09:00", "09:00", "10:00"][pick(3) as usize];
                let to = ["13:00", "17:00", "17:00"][pick(3) as usize];
                // Half an hour taken on Monday: busy, or an interview booked before
                // the batch (which counts toward the daily cap too).
                let block = |h: u64| {
                    format!(
                        r#"[{{"start": "2026-03-02T{h:02}:00:00+01:00", "end": "2026-03-02T{h:02}:30:00+01:00"}}]"#
                    )
                };
                let (busy, booked) = match pick(4) {
                    0 => (block(10 + pick(4)), "[]".to_string()),
                    1 => ("[]".to_string(), block(10 + pick(4))),
                    _ => ("[]".to_string(), "[]".to_string()),
                };
                let cap = match pick(5) {
                    0 => "1",
                    1 => "2",
                    2 => "3",
                    _ => "null",
                };
                format!(
                    r#"{{"id": "i{k}", "time_zone": "Europe/Berlin", "pools": {pools},
                        "working_hours": {{"mon": [["{from}", "{to}"]], "tue": [["{from}", "{to}"]]}},
                        "busy": {busy}, "booked": {booked}, "buffer_minutes": {},
                        "max_per_day": {cap}}}"#,
                    [0, 0, 15][pick(3) as usize]
                )
            })
            .collect();
        let candidates: Vec<String> = (0..2 + pick(2))
            .map(|k| {
                let named = pick(2) == 0;
                let intro_by = if named {
                    r#"{"person": "i0"}"#
                } else {
                    r#"{"pool": "recruiting", "count": 1}"#
                };
                let third = match pick(3) {
                    0 => {
                        r#", {"id": "case", "duration_minutes": 30,
                         "interviewers": [{"pool": "technical", "count": 1}],
                         "after": [{"round": "intro", "min_gap_minutes": 0}]}"#
                    }
                    1 if named => {
                        r#", {"id": "final", "duration_minutes": 30,
                         "interviewers": [{"person": "i0"}],
                         "after": [{"round": "intro", "min_gap_minutes": 0}]}"#
                    }
                    _ => "",
                };
                let most = match pick(3) {
                    0 => r#", "max_gap_minutes": 60"#,
                    1 => r#", "max_gap_minutes": 1440"#,
                    _ => "",
                };
                let daily = match pick(4) {
                    0 => r#""max_interview_minutes_per_day": 90,"#,
                    _ => "",
                };
                format!(
                    r#"{{"id": "c{k}", "time_zone": "Europe/Berlin", {daily}
                        "available": [{{"start": "2026-03-02T{:02}:00:00+01:00", "end": "2026-03-0{}T17:00:00+01:00"}}],
                        "rounds": [
                          {{"id": "intro", "duration_minutes": {},
                            "interviewers": [{intro_by}]}},
                          {{"id": "tech", "duration_minutes": 60,
                            "interviewers": [{{"pool": "technical", "count": {}}}],
                            "after": [{{"round": "intro", "min_gap_minutes": {}{most}}}]}}{third}]}}"#,
                    9 + pick(2),
                    1 + days,
                    [30, 45][pick(2) as usize],
                    1 + pick(2),
                    [0, 15][pick(2) as usize]
                )
            })
            .collect();
        let text = format!(
            r#"{{"format": "rondo-batch/1", "id": "day-{seed}",
                "horizon": {{"start": "2026-03-02T07:00:00Z", "end": "2026-03-0{}T17:00:00Z"}},
                "slot_minutes": {slot}, "interviewers": [{}], "candidates": [{}]}}"#,
            1 + days,
            interviewers.join(","),
            candidates.join(",")
        );
        Batch::from_json(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn candidates_who_clash_in_pairs_bound_the_weight() {
        // One manager, free all Monday; four candidates free only 10:00-11:00, each for
        // an hour with her: no two fit, though her day holds eight such hours. The three
        // left out weigh more than the one placed, but they clash with each other too.
        let candidate = |k: usize, weight: u32| {
            format!(
                r#"{{"id": "c{k}", "time_zone": "Europe/Berlin", "weight": {weight},
                    "available": [{{"start": "2026-03-02T10:00:00+01:00", "end": "2026-03-02T11:00:00+01:00"}}],
                    "rounds": [{{"id": "talk", "duration_minutes": 60, "interviewers": [{{"person": "i0"}}]}}]}}"#
            )
        };
        let text = format!(
            r#"{{"format": "rondo-batch/1", "id": "pairs",
                "horizon": {{"start": "2026-03-02T07:00:00Z", "end": "2026-03-02T17:00:00Z"}},
                "slot_minutes": 15,
                "interviewers": [{{"id": "i0", "time_zone": "Europe/Berlin",
                    "working_hours": {{"mon": [["09:00", "17:00"]]}}, "busy": []}}],
                "candidates": [{}, {}, {}, {}]}}"#,
            candidate(0, 1),
            candidate(1, 2),
            candidate(2, 1),
            candidate(3, 1)
        );
        let b = Batch::from_json(&text).expect("a valid batch");
        let (mut imp, _) = first_answer(&b);
        assert_eq!(imp.objective_secs().0, 2, "the heavier one is placed");
        let least: Vec<Option<Secs>> = (0..4)
            .map(|c| imp.possible[c].then_some(imp.alone_finish[c]))
            .collect();
        let capacity = bound::bound(&b, &imp.pool, &least, &date_groups(&b, &imp.possible));
        assert!(capacity.scheduled_weight > 2, "her capacity cannot see it");
        let mut q = Queue::new(&b, &least, 0, 1, u64::MAX / 4);
        let (w, sum) = pair_bound(&mut imp, &mut q, 1_000_000).expect("three are left out");
        assert_eq!(w, 2, "no two clash-free candidates weigh more than c1");
        assert_eq!(
            sum,
            3 * 3600,
            "c1 alone finishes at 11:00 Berlin, 3 h after 07:00 UTC"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        /// Where the joint search says it finished and proves (so its symmetry and
        /// order rules cut nothing that mattered), its least sum is the complete
        /// search's optimum, and its answer of that sum is a valid day.
        #[test]
        fn the_joint_search_proves_what_the_complete_search_proves(seed in any::<u64>()) {
            let b = hiring_day(seed);
            let (mut imp, _) = first_answer(&b);
            prop_assume!(imp.placed.iter().all(Option::is_some));
            let (w, beat) = imp.objective_secs();
            let least: Vec<Option<Secs>> = (0..b.candidates.len())
                .map(|c| imp.possible[c].then_some(imp.alone_finish[c]))
                .collect();
            let bound = bound::bound(&b, &imp.pool, &least, &date_groups(&b, &imp.possible));
            let mut q = new_queue(&b, &mut imp, &least, &bound, u64::MAX / 4, 1 + seed as usize % 6)
                .expect("everyone is placed");
            let all: Vec<usize> = (0..b.candidates.len()).collect();
            let found = q.joint(&all, beat + 1, 20_000_000);
            let Some(found) = found.filter(|f| f.exhaustive) else {
                return Ok(());
            };
            let far = Instant::now() + Duration::from_secs(600);
            let proven = exact::solve_exactly(&mut imp, None, w, u64::MAX / 4, far);
            prop_assume!(proven);
            let optimum = imp.objective_secs().1;
            prop_assert_eq!(found.least, optimum, "seed {}", seed);
            let placed = found.placed.expect("an answer of the optimum");
            let mut trial: Vec<Option<Placement>> = vec![None; b.candidates.len()];
            for (c, pl) in placed {
                trial[c] = Some(pl);
            }
            let value = ObjectiveDoc {
                scheduled_weight: w,
                sum_finish_minutes: optimum / 60,
            };
            let doc = to_doc(&b, &imp.pool.grid, &trial, value, value, true, vec![None; trial.len()]);
            prop_assert!(super::super::moves::day_is_valid(&b, &doc), "seed {}", seed);
        }
    }
}
