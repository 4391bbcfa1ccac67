//! Proven bounds on the best answer: no valid answer beats them.
//!
//! *Weight*: a capacity relaxation of the shared pool. Every person can hold at most
//! so many interviews in the batch ([`Pool::capacity`]: their free starts day by day,
//! their caps, what is booked). For a group of people `R` (the members of a pool, or
//! one named person), every interview that can only be held by someone of `R` uses
//! one of `R`'s interviews: a round naming a person of `R`, a seat of a pool whose
//! members (other than the people the candidate's plan names) all belong to `R`. So
//! the scheduled candidates' needs of `R` fit in `R`'s capacity. Each group alone is a
//! 0/1 knapsack (needs as sizes, weights as values), solved exactly by dynamic
//! programming, and groups combine: with each candidate charged to one group at most,
//! the groups' knapsacks add up (a hiring week where each candidate needs their own
//! department head). Taking first the group that cuts most, the bound is never more
//! than any one group's, nor than the weight of the candidates who can be placed alone.
//!
//! *Sum of finishes*: any answer of that weight schedules a set of candidates of that
//! weight, each finishing no earlier than alone; the least sum of earliest finishes
//! alone over the sets of exactly that weight (another dynamic programme) bounds the
//! sum. When no set reaches that weight exactly, the weight bound drops to the largest
//! weight some set reaches. When every candidate who fits alone must be scheduled, each
//! group also works as parallel machines: one interview per candidate needing it, the
//! shortest first on the machine free first, bounds the sum of their ends, hence of
//! the finishes; the larger of the bounds holds.

use super::answer::ObjectiveDoc;
use super::dates::DateGroup;
use super::pool::{named_in, Pool};
use super::request::Batch;
use crate::engine::grid::Secs;
use crate::problem::Requirement;
use std::collections::BTreeSet;

/// Largest weight bound whose sum bound is computed by the table (of that many entries).
const MOST_WEIGHT: u64 = 200_000;

/// A bound on every valid answer of `b`, from the pool with nothing held and each
/// candidate's earliest finish alone (`None`: cannot be placed even alone; otherwise
/// a lower bound on their finish, seconds).
pub(crate) fn bound(
    b: &Batch,
    pool: &Pool,
    alone_finish: &[Option<Secs>],
    dates: &[DateGroup],
) -> ObjectiveDoc {
    let h0 = b.horizon.start.timestamp();
    let weights: Vec<u64> = b.candidates.iter().map(|c| u64::from(c.weight)).collect();
    let possible: Vec<usize> = (0..b.candidates.len())
        .filter(|&c| alone_finish[c].is_some())
        .collect();
    let groups = groups(b, pool);
    // Its first group alone is each group's own knapsack bound at its best, and with no
    // group that cuts it is the weight of everyone possible.
    let cuts: Vec<&dyn Cut> = groups
        .iter()
        .map(|g| g as &dyn Cut)
        .chain(dates.iter().map(|d| d as &dyn Cut))
        .collect();
    let w_max = charged_apart(&cuts, &possible, &weights);
    let all: u64 = possible.iter().map(|&c| weights[c]).sum();
    if w_max > MOST_WEIGHT {
        // Too heavy for the table: the sum bound holds only if everyone must fit.
        let secs: Secs = possible
            .iter()
            .map(|&c| alone_finish[c].unwrap_or(h0) - h0)
            .sum();
        return ObjectiveDoc {
            scheduled_weight: w_max,
            sum_finish_minutes: if w_max == all { secs.div_euclid(60) } else { 0 },
        };
    }
    // Least sum of finishes per exact weight, over sets of possible candidates.
    let top = w_max as usize;
    let mut least: Vec<Option<Secs>> = vec![None; top + 1];
    least[0] = Some(0);
    for &c in &possible {
        let w = weights[c] as usize;
        let f = alone_finish[c].unwrap_or(h0) - h0;
        for x in (w..=top).rev() {
            if let Some(prev) = least[x - w] {
                let v = prev + f;
                if least[x].is_none_or(|cur| v < cur) {
                    least[x] = Some(v);
                }
            }
        }
    }
    let (w, secs) = (0..=top)
        .rev()
        .find_map(|x| least[x].map(|s| (x as u64, s)))
        .unwrap_or((0, 0));
    // When every candidate who fits alone must be scheduled, each group's members
    // hold one interview per candidate needing them: a parallel-machine bound.
    let secs = if w == all {
        groups
            .iter()
            .map(|g| one_each(g, pool, &possible) - h0 * count_needing(g, &possible) as i64)
            .fold(secs, Secs::max)
    } else {
        secs
    };
    ObjectiveDoc {
        scheduled_weight: w,
        sum_finish_minutes: secs.div_euclid(60),
    }
}

/// A weight bound from several groups at once: each candidate is charged to at most
/// one group, and each group's knapsack bounds the weight of the candidates charged to
/// it (they all need it); the candidates charged nowhere count whole. Any answer's
/// scheduled candidates split the same way, so the sum bounds its weight. Groups are
/// taken by how much weight their knapsack cuts, on the candidates not yet charged:
/// where each candidate needs their own department head, every head cuts, and the
/// bound is the sum of what each head can take, not the least of one head's cut.
fn charged_apart(groups: &[&dyn Cut], possible: &[usize], weights: &[u64]) -> u64 {
    let mut charged = vec![false; weights.len()];
    let mut bound = 0u64;
    let mut used = vec![false; groups.len()];
    loop {
        let mut best: Option<(u64, usize, u64)> = None;
        for (gi, g) in groups.iter().enumerate().filter(|&(gi, _)| !used[gi]) {
            let items: Vec<(usize, u64)> = possible
                .iter()
                .filter(|&&c| !charged[c] && g.needs(c))
                .map(|&c| (c, weights[c]))
                .collect();
            let whole: u64 = items.iter().map(|&(_, w)| w).sum();
            let fits = g.fits(&items);
            let cut = whole - fits;
            if cut > 0 && best.is_none_or(|(b, _, _)| cut > b) {
                best = Some((cut, gi, fits));
            }
        }
        let Some((_, gi, fits)) = best else { break };
        used[gi] = true;
        bound += fits;
        for &c in possible {
            if groups[gi].needs(c) {
                charged[c] = true;
            }
        }
    }
    bound
        + possible
            .iter()
            .filter(|&&c| !charged[c])
            .map(|&c| weights[c])
            .sum::<u64>()
}

/// A relaxation that bounds the weight of the candidates who need something: the
/// heaviest of them that fit it.
trait Cut {
    /// True if candidate `c` needs it.
    fn needs(&self, c: usize) -> bool;
    /// The heaviest weight of candidates of `items` (`(candidate, weight)`, all of
    /// whom need it) that fit it together.
    fn fits(&self, items: &[(usize, u64)]) -> u64;
}

impl Cut for Group {
    fn needs(&self, c: usize) -> bool {
        self.need[c] > 0
    }

    fn fits(&self, items: &[(usize, u64)]) -> u64 {
        let items: Vec<(u64, u64)> = items.iter().map(|&(c, w)| (self.need[c], w)).collect();
        knapsack(&items, self.capacity)
    }
}

impl Cut for DateGroup {
    fn needs(&self, c: usize) -> bool {
        DateGroup::needs(self, c)
    }

    fn fits(&self, items: &[(usize, u64)]) -> u64 {
        DateGroup::fits(self, items)
    }
}

/// How many of `possible` need the group.
fn count_needing(g: &Group, possible: &[usize]) -> usize {
    possible.iter().filter(|&&c| g.need[c] > 0).count()
}

/// The least sum of the ends of one interview per candidate of `possible` needing the
/// group, each as long as that candidate's shortest such round, held by the members as
/// machines that start at the earliest time any member can and keep the least buffer
/// between two interviews: shortest first, each on the machine free first (optimal for
/// identical machines). Every candidate finishes no earlier than that interview ends.
fn one_each(g: &Group, pool: &Pool, possible: &[usize]) -> Secs {
    let Some(t0) = g.members.iter().filter_map(|&i| pool.first_start(i)).min() else {
        return 0;
    };
    let gap = g.members.iter().map(|&i| pool.buffer(i)).min().unwrap_or(0);
    let mut jobs: Vec<Secs> = possible
        .iter()
        .filter(|&&c| g.need[c] > 0)
        .map(|&c| g.shortest[c])
        .collect();
    jobs.sort_unstable();
    let mut free = vec![t0; g.members.len().max(1)];
    let mut sum = 0;
    for (k, p) in jobs.into_iter().enumerate() {
        let m = k % free.len();
        let end = free[m] + p;
        sum += end;
        free[m] = end + gap;
    }
    sum
}

/// A group of people of the capacity relaxation.
struct Group {
    /// Its members.
    members: Vec<usize>,
    /// Per candidate: how many interviews only members can hold.
    need: Vec<u64>,
    /// Per candidate: the shortest of those interviews, seconds (0 if none).
    shortest: Vec<Secs>,
    /// How many interviews the members can hold in all.
    capacity: u64,
}

/// The groups of people of the capacity relaxation: per group, each candidate's need
/// of interviews only its members can hold, and the group's capacity.
fn groups(b: &Batch, pool: &Pool) -> Vec<Group> {
    let n_ivr = b.interviewers.len();
    let mut sets: BTreeSet<Vec<usize>> = BTreeSet::new();
    let mut pools: BTreeSet<&str> = BTreeSet::new();
    // A person named in two rounds of one plan may hold them back to back.
    let mut twice = vec![false; n_ivr];
    for c in &b.candidates {
        let mut seen = vec![0u32; n_ivr];
        for r in &c.problem.rounds {
            for q in &r.requirements {
                match q {
                    Requirement::Person(i) => {
                        sets.insert(vec![*i]);
                        seen[*i] += 1;
                    }
                    Requirement::Pool { pool, .. } => {
                        pools.insert(pool.as_str());
                    }
                }
            }
        }
        for (i, &k) in seen.iter().enumerate() {
            twice[i] |= k > 1;
        }
    }
    for p in &pools {
        let members: Vec<usize> = (0..n_ivr)
            .filter(|&i| b.interviewers[i].pools.contains(*p))
            .collect();
        sets.insert(members);
    }
    let cap: Vec<u64> = (0..n_ivr)
        .map(|i| pool.capacity(i, if twice[i] { 0 } else { pool.buffer(i) }))
        .collect();
    sets.into_iter()
        .filter(|set| !set.is_empty())
        .map(|set| {
            let inside = |i: usize| set.binary_search(&i).is_ok();
            let mut need = Vec::with_capacity(b.candidates.len());
            let mut shortest = Vec::with_capacity(b.candidates.len());
            for c in &b.candidates {
                let named = named_in(&c.problem);
                let mut n = 0u64;
                let mut least: Option<Secs> = None;
                for r in &c.problem.rounds {
                    let before = n;
                    for q in &r.requirements {
                        match q {
                            Requirement::Person(i) => n += u64::from(inside(*i)),
                            Requirement::Pool { pool: p, count } => {
                                let only_inside =
                                    b.interviewers.iter().enumerate().all(|(i, it)| {
                                        named[i] || !it.pools.contains(p) || inside(i)
                                    });
                                if only_inside {
                                    n += u64::from(*count);
                                }
                            }
                        }
                    }
                    if n > before {
                        let d = i64::from(r.duration_minutes) * 60;
                        least = Some(least.map_or(d, |l| l.min(d)));
                    }
                }
                need.push(n);
                shortest.push(least.unwrap_or(0));
            }
            let capacity = set.iter().map(|&i| cap[i]).sum();
            Group {
                members: set,
                need,
                shortest,
                capacity,
            }
        })
        .collect()
}

/// The most value a 0/1 knapsack of `capacity` holds, items as `(size, value)`.
fn knapsack(items: &[(u64, u64)], capacity: u64) -> u64 {
    let total: u64 = items.iter().map(|&(s, _)| s).sum();
    if total <= capacity {
        return items.iter().map(|&(_, v)| v).sum();
    }
    let cap = capacity as usize;
    let mut best = vec![0u64; cap + 1];
    for &(size, value) in items {
        let size = size as usize;
        if size > cap {
            continue;
        }
        for x in (size..=cap).rev() {
            best[x] = best[x].max(best[x - size] + value);
        }
    }
    best[cap]
}

#[cfg(test)]
mod tests {
    use super::{charged_apart, knapsack, Cut, Group};

    fn group(need: Vec<u64>, capacity: u64) -> Group {
        Group {
            members: vec![0],
            shortest: vec![0; need.len()],
            need,
            capacity,
        }
    }

    #[test]
    fn groups_that_cut_apart_add_up() {
        // Two department heads, one interview left for the first, two for the second,
        // each needed by three candidates; a pool everyone needs has room for all.
        let weights = [5, 3, 1, 2, 2, 2];
        let groups = [
            group(vec![1, 1, 1, 0, 0, 0], 1),
            group(vec![0, 0, 0, 1, 1, 1], 2),
            group(vec![1, 1, 1, 1, 1, 1], 10),
        ];
        let all: Vec<usize> = (0..6).collect();
        let cuts: Vec<&dyn Cut> = groups.iter().map(|g| g as &dyn Cut).collect();
        assert_eq!(
            charged_apart(&cuts, &all, &weights),
            5 + 4,
            "the heaviest for the first head, two for the second"
        );
        // A candidate who needs both heads is charged to one of them only.
        let groups = [group(vec![1, 1, 0], 1), group(vec![0, 1, 1], 1)];
        let cuts: Vec<&dyn Cut> = groups.iter().map(|g| g as &dyn Cut).collect();
        assert_eq!(charged_apart(&cuts, &[0, 1, 2], &[2, 2, 2]), 4);
        assert_eq!(
            charged_apart(&cuts, &[0, 2], &[2, 2, 2]),
            4,
            "nothing cuts when each head has room for whoever is possible"
        );
    }

    #[test]
    fn knapsack_takes_the_heaviest_set_that_fits() {
        let cases = [
            (
                vec![(1, 5), (1, 3), (1, 2)],
                2,
                8,
                "two seats: the two heaviest",
            ),
            (
                vec![(2, 5), (1, 3), (1, 3)],
                2,
                6,
                "two small beat one large",
            ),
            (vec![(1, 1), (1, 1)], 5, 2, "room for all"),
            (vec![(3, 9)], 2, 0, "too large for the capacity"),
            (vec![], 0, 0, "nothing to hold"),
        ];
        for (items, cap, want, case) in cases {
            assert_eq!(knapsack(&items, cap), want, "{case}");
        }
    }
}
