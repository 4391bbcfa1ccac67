//! One candidate's loop placed against what the others hold: the single-candidate
//! engine's exact search ([`crate::engine::search`]) on the pool's narrowed start sets.
//!
//! The search finds the earliest finish this candidate can have given everyone else's
//! interviews; its seats are then filled by a matching that tries first the people the
//! rest of the batch needs least, so the others keep the most room.

use super::pool::Pool;
use super::request::BatchCandidate;
use crate::engine::assign::match_seats;
use crate::engine::grid::Secs;
use crate::engine::model::{augment, Model};
use crate::engine::search::{Mode, Schedule, Search};
use crate::example::SplitMix64;
use crate::problem::InterviewerIdx;

/// Where and with whom one candidate's rounds take place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    /// Start slot per round (plan order).
    pub starts: Vec<usize>,
    /// People per round (plan order): the named persons, then the pool seats.
    pub people: Vec<Vec<InterviewerIdx>>,
    /// End of the last round, seconds.
    pub finish: Secs,
}

impl Placement {
    /// Everyone taking part, with repeats.
    pub fn everyone(&self) -> impl Iterator<Item = InterviewerIdx> + '_ {
        self.people.iter().flatten().copied()
    }
}

/// What the search says about a candidate against the pool's present state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The earliest-finishing placement (or, if the budget ran out, a valid one).
    Placed(Placement, bool),
    /// Proven: no placement exists against what the others hold.
    Impossible,
    /// The budget ran out before any placement was found.
    GaveUp,
}

/// Places candidate `c` against the pool (which must not hold any of `c`'s
/// interviews), searching at most `budget` nodes; adds the nodes used to `work`.
/// Pool seats go first to the people the batch needs least, or with a `salt`, in an
/// order drawn from it (the improvement's way to try other people).
pub(crate) fn place(
    pool: &mut Pool,
    c: &BatchCandidate,
    budget: u64,
    work: &mut u64,
    salt: Option<u64>,
) -> Outcome {
    let m = compile(pool, c);
    let outcome = if !seats_can_fit(&m) {
        Outcome::Impossible
    } else {
        let mut s = Search::new(&m, Mode::Optimize, budget);
        s.run();
        *work += s.effort();
        match s.best.take() {
            Some(mut best) => {
                if let Some(salt) = salt.filter(|s| s % 2 == 1) {
                    // Another schedule with the same finish, drawn from a few.
                    let mut more = collect(&m, best.finish, 2, 8, budget, work);
                    let k = (SplitMix64::new(salt).next_u64() % (more.len() as u64 + 1)) as usize;
                    if k > 0 {
                        best = more.swap_remove(k - 1);
                    }
                }
                Outcome::Placed(with_people(pool, &m, &best, salt), !s.exhausted)
            }
            None if s.exhausted => Outcome::GaveUp,
            None => Outcome::Impossible,
        }
    };
    pool.sets = m.c.sets;
    outcome
}

/// Up to `want` different placements of candidate `c` against the pool, finishing at
/// most `slack` seconds after the earliest finish it can have, each with people
/// preferred as [`place`] does and with people drawn from `salt`; the earliest first.
pub(crate) fn alternatives(
    pool: &mut Pool,
    c: &BatchCandidate,
    slack: Secs,
    want: usize,
    budget: u64,
    work: &mut u64,
    salt: u64,
) -> Vec<Placement> {
    let m = compile(pool, c);
    let mut out: Vec<Placement> = Vec::new();
    if seats_can_fit(&m) {
        let mut s = Search::new(&m, Mode::Optimize, budget);
        s.run();
        *work += s.effort();
        if let Some(best) = s.best.take() {
            let shift = (900 / m.grid.step).max(1) as usize;
            let mut times = vec![best.clone()];
            times.extend(collect(&m, best.finish + slack, shift, want, budget, work));
            for (k, t) in times.iter().enumerate() {
                for salt in [None, Some(salt.wrapping_add(k as u64) | 1)] {
                    let pl = with_people(pool, &m, t, salt);
                    if !out.contains(&pl) {
                        out.push(pl);
                    }
                }
            }
            out.sort_by_key(|pl| pl.finish);
        }
    }
    pool.sets = m.c.sets;
    out
}

/// The single-candidate model of `c` on the pool's present start sets. The pool's
/// sets move into the model: give them back with `pool.sets = m.sets`.
pub(crate) fn compile<'c>(pool: &mut Pool, c: &'c BatchCandidate) -> Model<'c> {
    let sets = std::mem::take(&mut pool.sets);
    let mut m = Model::with_cache(&c.problem, sets);
    // Caps of a person named in several rounds are counted by the search: add what the
    // batch already holds of theirs.
    for cap in m.shared_caps.iter_mut() {
        for (&d, &n) in &pool.held_day[cap.who] {
            *cap.booked_days.entry(d).or_insert(0) += n;
        }
        for (&w, &n) in &pool.held_week[cap.who] {
            *cap.booked_weeks.entry(w).or_insert(0) += n;
        }
    }
    m
}

/// Schedules of `m` finishing by `limit`, differing by `shift` slots in some round.
fn collect(
    m: &Model,
    limit: Secs,
    shift: usize,
    want: usize,
    budget: u64,
    work: &mut u64,
) -> Vec<Schedule> {
    let mut more = Search::new(m, Mode::Collect { limit, shift, want }, budget);
    more.run();
    *work += more.effort();
    more.found
}

/// The placement of schedule `s`: its times, the named people and pool seats filled
/// by a matching that prefers the people the batch needs least (or, with a `salt`,
/// people in an order drawn from it).
fn with_people(pool: &Pool, m: &Model, s: &Schedule, salt: Option<u64>) -> Placement {
    let key = |i: InterviewerIdx| match salt {
        None => (u64::from(pool.pressure[i]), i),
        Some(s) => (SplitMix64::new(s ^ i as u64).next_u64(), i),
    };
    let seats = match_seats(m, s, |i, _| key(i)).unwrap_or_else(|| s.seats.clone());
    with_seats(m, s, &seats)
}

/// The placement of schedule `s` with pool seats filled by `seats` (`Model::seats` order).
fn with_seats(m: &Model, s: &Schedule, seats: &[InterviewerIdx]) -> Placement {
    let people = m
        .rounds
        .iter()
        .map(|rm| {
            rm.named
                .iter()
                .map(|&(w, _)| w)
                .chain(rm.seats.iter().map(|&seat| seats[seat]))
                .collect()
        })
        .collect();
    Placement {
        starts: s.starts.clone(),
        people,
        finish: s.finish,
    }
}

/// A necessary condition checked before the search: on some date (any date, unless
/// one `same_day` group holds the whole plan), every round has a possible start and
/// every pool seat of the loop can get its own person, free at a possible start of the
/// seat's round. A pool person sits in at most one round of a candidate, so when the
/// pool is mostly taken this fails at once where the search would try every time.
fn seats_can_fit(m: &Model) -> bool {
    let n = m.grid.n;
    let one_day =
        m.rounds[0].group.is_some() && m.rounds.iter().all(|r| r.group == m.rounds[0].group);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    if one_day {
        let days = &m.cand_days.day;
        let mut a = 0;
        for k in 1..=n {
            if k == n || days[k] != days[a] {
                ranges.push((a, k));
                a = k;
            }
        }
    } else {
        ranges.push((0, n));
    }
    ranges.into_iter().any(|(a, e)| {
        if !m
            .rounds
            .iter()
            .all(|r| r.domain.next_at_or_after(a).is_some_and(|k| k < e))
        {
            return false;
        }
        let adj: Vec<Vec<InterviewerIdx>> = m
            .seats
            .iter()
            .map(|seat| {
                let dom = &m.rounds[seat.round].domain;
                seat.eligible
                    .iter()
                    .filter(|&&(_, b)| m.sets.starts[b].meets_within(dom, a, e))
                    .map(|&(i, _)| i)
                    .collect()
            })
            .collect();
        let mut owner = std::collections::HashMap::new();
        (0..adj.len()).all(|s| augment(s, &adj, &mut owner, &mut Vec::new()))
    })
}

/// The rounds of candidate `c` that have no possible start at all against what the
/// others hold (each alone, before the order of the loop is considered).
pub(crate) fn blocked_rounds(pool: &mut Pool, c: &BatchCandidate) -> Vec<usize> {
    let sets = std::mem::take(&mut pool.sets);
    let m = Model::with_cache(&c.problem, sets);
    let out = (0..m.rounds.len())
        .filter(|&r| m.raw_domains[r].is_empty())
        .collect();
    pool.sets = m.c.sets;
    out
}

/// Holds a placement of candidate `cand` in the pool.
pub(crate) fn hold(pool: &mut Pool, c: &BatchCandidate, cand: usize, pl: &Placement) {
    let rounds: Vec<(usize, Secs, &[InterviewerIdx])> = pl
        .starts
        .iter()
        .zip(&pl.people)
        .zip(&c.problem.rounds)
        .map(|((&k, people), r)| {
            (
                k,
                pool.grid.at(k) + i64::from(r.duration_minutes) * 60,
                people.as_slice(),
            )
        })
        .collect();
    pool.hold(cand, &rounds);
}

/// Releases a placement of candidate `cand` from the pool.
pub(crate) fn release(pool: &mut Pool, cand: usize, pl: &Placement) {
    pool.release(cand, pl.everyone());
}

/// Every placement of candidate `c` against the pool finishing by `limit` (each time
/// schedule with each way of filling its pool seats), earliest first; `None` if there
/// are more than `most` or the search runs out of `budget`.
pub(crate) fn all_placements(
    pool: &mut Pool,
    c: &BatchCandidate,
    limit: Secs,
    most: usize,
    budget: u64,
    work: &mut u64,
) -> Option<Vec<Placement>> {
    let m = compile(pool, c);
    let mut out = Some(Vec::new());
    if seats_can_fit(&m) {
        let mut s = Search::new(&m, Mode::All { limit, want: most }, budget);
        s.run();
        *work += s.effort();
        if s.exhausted {
            out = None;
        } else {
            let mut all = Vec::new();
            for t in &s.found {
                if !every_matching(&m, t, most, &mut all) {
                    out = None;
                    break;
                }
            }
            if let Some(v) = &mut out {
                all.sort_by_key(|pl: &Placement| pl.finish);
                *v = all;
            }
        }
    }
    pool.sets = m.c.sets;
    out
}

/// Appends every placement of schedule `s` (each distinct filling of its pool seats by
/// eligible people free then, nobody twice); false if `out` would exceed `most`.
fn every_matching(m: &Model, s: &Schedule, most: usize, out: &mut Vec<Placement>) -> bool {
    fn fill(
        m: &Model,
        s: &Schedule,
        seat: usize,
        chosen: &mut Vec<InterviewerIdx>,
        most: usize,
        out: &mut Vec<Placement>,
    ) -> bool {
        if seat == m.seats.len() {
            if out.len() >= most {
                return false;
            }
            let mut t = s.clone();
            t.seats = chosen.clone();
            out.push(with_seats(m, &t, &t.seats));
            return true;
        }
        let st = &m.seats[seat];
        let k = s.starts[st.round];
        // Seats of one requirement are interchangeable: keep their people increasing.
        let floor = match seat.checked_sub(1) {
            Some(prev) if m.seats[prev].round == st.round && m.seats[prev].pool == st.pool => {
                Some(chosen[prev])
            }
            _ => None,
        };
        for &(i, b) in &st.eligible {
            if floor.is_some_and(|f| i <= f) || chosen.contains(&i) || !m.sets.starts[b].contains(k)
            {
                continue;
            }
            chosen.push(i);
            let ok = fill(m, s, seat + 1, chosen, most, out);
            chosen.pop();
            if !ok {
                return false;
            }
        }
        true
    }
    fill(m, s, 0, &mut Vec::new(), most, out)
}
