//! A bound from groups of candidates searched apart.
//!
//! Leaving out every rule between two groups of candidates only relaxes: any valid
//! answer, read group by group, is valid for each group alone, so the least sum of
//! each group alone adds up to a bound on the whole. The bound meets the answer when
//! the groups are chosen well: a candidate who finishes later than alone is grouped
//! with the candidates holding people they could use before their finish (those who
//! may stand in their way), and every other candidate forms a group of one, whose least
//! sum is their finish alone. A hiring week where three candidates queue for one
//! manager and seven for two recruiters is proven by two small joint searches
//! ([`super::joint`]) instead of one over everyone, which could not finish.
//!
//! A candidate left out is grouped with whoever holds people they could use at any
//! time; the group's weight is proven when every set of it heavier than the answer's
//! part is refuted (by the weight bounds on that set alone, [`super::bound`] and
//! [`super::dates`], else by a search for any placement of it). The improvement tries
//! the groups on each better answer it finds ([`Apart`]).
//!
//! Any split bounds the whole, not only the blockers': a group too large to search is
//! split where its candidates name nobody in common ([`by_named`]). What a group's
//! searches find (its most weight, its least sum at it) is a fact of the group alone,
//! so it is kept for the later tries ([`Apart::known`]).

use std::collections::HashMap;

use super::answer::ObjectiveDoc;
use super::bound;
use super::dates::DateGroup;
use super::improve::Improver;
use super::place::Placement;
use super::pool::named_in;
use super::queue::Queue;
use super::request::Batch;
use super::solve::{day_is_valid, raise, JOINT_WORK, QUEUE_MOST, QUEUE_SHARE};
use crate::engine::grid::Secs;

/// The groups of the answer `imp` holds (of the candidates who can be placed), each
/// of at most `most` candidates; `None` if a group grows past `most` even split by
/// the people its candidates name ([`by_named`]). Looking for the blockers is charged
/// to `imp.work`, a node per candidate looked at.
fn groups(imp: &mut Improver, most: usize) -> Option<Vec<Vec<usize>>> {
    let n = imp.placed.len();
    let mut links = Links::new(n);
    for c in (0..n).filter(|&c| imp.possible[c]) {
        // A candidate left out: whoever holds people they could use at any time.
        let finish = imp.placed[c].as_ref().map_or(Secs::MAX, |pl| pl.finish);
        if finish <= imp.alone_finish[c] {
            continue;
        }
        imp.work += n as u64;
        for o in imp.blockers(c, finish) {
            links.join(c, o);
        }
    }
    let on_time = |imp: &Improver, c: usize| {
        imp.placed[c]
            .as_ref()
            .is_some_and(|pl| pl.finish <= imp.alone_finish[c])
    };
    let mut out = Vec::new();
    for g in links.classes((0..n).filter(|&c| imp.possible[c])) {
        if g.len() <= most {
            out.push(g);
            continue;
        }
        for part in by_named(imp.b, &g) {
            // A late or left-out candidate alone in a part is bounded by their
            // finish alone, short of the answer: such a split proves nothing.
            if part.len() > most || part.len() == 1 && !on_time(imp, part[0]) {
                return None;
            }
            out.push(part);
        }
    }
    Some(out)
}

/// Group `g` split into the parts whose candidates name no person in common (two
/// candidates who both name a manager are in one part, and so is a third naming the
/// head of department with either). Any split of the candidates bounds the whole, as
/// the module says; this one keeps together what holds a hiring week's candidates
/// back by days (a named person's few seats a day, under a daily cap) and leaves out
/// only the pools between the parts, whose many seats cost minutes.
fn by_named(b: &Batch, g: &[usize]) -> Vec<Vec<usize>> {
    let named: Vec<Vec<bool>> = g
        .iter()
        .map(|&c| named_in(&b.candidates[c].problem))
        .collect();
    let mut links = Links::new(g.len());
    for x in 0..g.len() {
        for y in 0..x {
            if named[x].iter().zip(&named[y]).any(|(&p, &q)| p && q) {
                links.join(x, y);
            }
        }
    }
    links
        .classes(0..g.len())
        .into_iter()
        .map(|part| part.into_iter().map(|x| g[x]).collect())
        .collect()
}

/// Which of `0..n` are linked, by union-find.
struct Links {
    leader: Vec<usize>,
}

impl Links {
    fn new(n: usize) -> Links {
        Links {
            leader: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.leader[x] != x {
            self.leader[x] = self.leader[self.leader[x]];
            x = self.leader[x];
        }
        x
    }

    fn join(&mut self, x: usize, y: usize) {
        let (a, b) = (self.find(x), self.find(y));
        self.leader[a.max(b)] = a.min(b);
    }

    /// The classes of `members`, in the order of their first member.
    fn classes(&mut self, members: impl Iterator<Item = usize>) -> Vec<Vec<usize>> {
        let mut classes: Vec<Vec<usize>> = Vec::new();
        let mut at: Vec<Option<usize>> = vec![None; self.leader.len()];
        for c in members {
            let l = self.find(c);
            match at[l] {
                Some(k) => classes[k].push(c),
                None => {
                    at[l] = Some(classes.len());
                    classes.push(vec![c]);
                }
            }
        }
        classes
    }
}

/// The groups searched apart, as the improvement tries them on its better answers.
pub(super) struct Apart<'a> {
    /// Each candidate's finish alone (`None`: impossible).
    pub alone: &'a [Option<Secs>],
    pub dates: &'a [DateGroup],
    /// The value of the answer last tried.
    pub tried: Option<(u64, Secs)>,
    /// Work the tries took.
    pub work: u64,
    /// The groups whose searches finished, with their most weight and least sum at it:
    /// facts of the group alone, whatever the answer, so a later try reads them.
    pub known: HashMap<Vec<usize>, (u64, Secs)>,
}

impl Apart<'_> {
    /// Tries the answer `imp` holds: sharpens `bound` if the groups' searches finish
    /// (and takes a group's better day found on the way).
    pub fn bound(&mut self, imp: &mut Improver, bound: &mut ObjectiveDoc, budget: u64) {
        self.tried = Some(imp.objective_secs());
        let before = imp.work;
        if let Some((w, least)) = self.search(imp, budget) {
            lower(bound, w, least);
        }
        imp.note_best();
        self.work += imp.work - before;
    }

    /// The bound of the groups searched apart: the most weight and the least sum
    /// (seconds) at that weight of every answer, if every group's searches finished
    /// and each group's most weight is the answer's on it. A better day of a group
    /// found on the way is taken when the whole day stays valid.
    fn search(&mut self, imp: &mut Improver, budget: u64) -> Option<(u64, Secs)> {
        let groups = groups(imp, APART_MOST)?;
        if groups.len() == 1 {
            // Everyone together: the small batch's own searches do it.
            return None;
        }
        let b = imp.b;
        let mut q = Queue::new(b, self.alone, 0, 1, (budget / QUEUE_SHARE).min(QUEUE_MOST));
        let (mut weight, mut total) = (0u64, 0 as Secs);
        for g in groups {
            let (w, least) = match self.known.get(&g) {
                Some(&known) => known,
                None => {
                    let before = q.work;
                    let got = group_least(b, imp, &mut q, self.dates, &g);
                    imp.work += q.work - before;
                    let known = got?;
                    self.known.insert(g, known);
                    known
                }
            };
            weight += w;
            total += least;
        }
        Some((weight, total))
    }
}

/// For group `g` alone: the weight the answer schedules of it, if no heavier set of it
/// fits, and the least sum (seconds) of a set of that weight.
fn group_least(
    b: &Batch,
    imp: &mut Improver,
    q: &mut Queue,
    dates: &[DateGroup],
    g: &[usize],
) -> Option<(u64, Secs)> {
    let h0 = imp.pool.grid.h0;
    let held_w: u64 = g
        .iter()
        .filter(|&&c| imp.placed[c].is_some())
        .map(|&c| imp.weight_of(c))
        .sum();
    let held: Secs = g
        .iter()
        .filter_map(|&c| imp.placed[c].as_ref())
        .map(|pl| pl.finish - h0)
        .sum();
    let sets: Vec<Vec<usize>> = (0u32..1 << g.len())
        .map(|mask| {
            (0..g.len())
                .filter(|&k| mask & (1 << k) != 0)
                .map(|k| g[k])
                .collect()
        })
        .collect();
    let weight: Vec<u64> = (0..imp.placed.len()).map(|c| imp.weight_of(c)).collect();
    let alone: Vec<Secs> = imp.alone_finish.iter().map(|&f| f - h0).collect();
    let weigh = |set: &[usize]| set.iter().map(|&c| weight[c]).sum::<u64>();
    // Every set heavier than the answer's, each without a member no longer heavier:
    // none fits (what does not fit, nothing larger does).
    for set in sets
        .iter()
        .filter(|set| weigh(set) > held_w && set.iter().all(|&c| weigh(set) - weight[c] <= held_w))
    {
        // The weight bound of that set alone first: it costs no search.
        let only: Vec<Option<Secs>> = (0..alone.len())
            .map(|c| set.contains(&c).then_some(imp.alone_finish[c]))
            .collect();
        if bound::bound(b, &imp.pool, &only, dates).scheduled_weight < weigh(set) {
            continue;
        }
        let found = q.fits(set, FIT_WORK.min(q.left()))?;
        if let Some(placed) = found.placed {
            adopt_if_valid(b, imp, g, placed);
            return None;
        }
        if !found.exhaustive {
            return None;
        }
    }
    // The least sum of a set of the answer's weight.
    let alone_sum = |set: &[usize]| set.iter().map(|&c| alone[c]).sum::<Secs>();
    let of_weight: Vec<&Vec<usize>> = sets.iter().filter(|s| weigh(s) == held_w).collect();
    let least_alone = of_weight.iter().map(|s| alone_sum(s)).min()?;
    if least_alone >= held {
        return Some((held_w, held));
    }
    q.set_slack(held - least_alone);
    let mut least = held;
    for set in of_weight {
        if alone_sum(set) >= held {
            continue;
        }
        let found = q.joint(set, held, JOINT_WORK.min(q.left()))?;
        if !found.exhaustive {
            return None;
        }
        least = least.min(found.least);
        if let Some(placed) = found.placed {
            adopt_if_valid(b, imp, g, placed);
        }
    }
    Some((held_w, least))
}

/// Takes the day held with `placed` instead of group `g`'s placements, if valid.
fn adopt_if_valid(b: &Batch, imp: &mut Improver, g: &[usize], placed: Vec<(usize, Placement)>) {
    let mut base = imp.placed.clone();
    for &c in g {
        base[c] = None;
    }
    if day_is_valid(b, imp, base, &placed) {
        for &c in g {
            imp.remove(c);
        }
        for (c, pl) in placed {
            imp.restore(c, pl);
        }
    }
}

/// Work the search for any placement of a set of a group may do.
const FIT_WORK: u64 = 200_000;

/// Groups searched apart have at most this many candidates.
const APART_MOST: usize = 8;

/// Takes a bound of weight `w` and sum `least` (of `finish - h0`, seconds) where it is
/// sharper: a lighter weight, or a larger sum at the same weight.
pub(super) fn lower(bound: &mut ObjectiveDoc, w: u64, least: Secs) {
    if w < bound.scheduled_weight {
        *bound = ObjectiveDoc {
            scheduled_weight: w,
            sum_finish_minutes: least.div_euclid(60),
        };
    } else if w == bound.scheduled_weight {
        raise(bound, least);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_splits_where_its_candidates_name_nobody_in_common() {
        // c0 and c1 share the manager m1, c2 shares the head h with c1, c3 has the
        // other manager m2, c4 names nobody: parts {c0, c1, c2}, {c3}, {c4}.
        let candidate = |k: usize, named: &[&str]| {
            let mut rounds = vec![r#"{"id": "screen", "duration_minutes": 30,
                "interviewers": [{"pool": "recruiting", "count": 1}]}"#
                .to_string()];
            for (r, who) in named.iter().enumerate() {
                rounds.push(format!(
                    r#"{{"id": "r{r}", "duration_minutes": 30,
                        "interviewers": [{{"person": "{who}"}}]}}"#
                ));
            }
            format!(
                r#"{{"id": "c{k}", "time_zone": "Europe/Berlin",
                    "available": [{{"start": "2026-03-02T08:00:00Z", "end": "2026-03-02T16:00:00Z"}}],
                    "rounds": [{}]}}"#,
                rounds.join(",")
            )
        };
        let person = |id: &str, pools: &str| {
            format!(
                r#"{{"id": "{id}", "time_zone": "Europe/Berlin", "pools": [{pools}],
                    "working_hours": {{"mon": [["09:00", "17:00"]]}}}}"#
            )
        };
        let text = format!(
            r#"{{"format": "rondo-batch/1", "id": "split",
                "horizon": {{"start": "2026-03-02T07:00:00Z", "end": "2026-03-02T17:00:00Z"}},
                "slot_minutes": 15,
                "interviewers": [{}, {}, {}, {}],
                "candidates": [{}, {}, {}, {}, {}]}}"#,
            person("m1", ""),
            person("m2", ""),
            person("h", ""),
            person("r", r#""recruiting""#),
            candidate(0, &["m1"]),
            candidate(1, &["m1", "h"]),
            candidate(2, &["h"]),
            candidate(3, &["m2"]),
            candidate(4, &[]),
        );
        let b = Batch::from_json(&text).expect("a valid batch");
        assert_eq!(
            by_named(&b, &[0, 1, 2, 3, 4]),
            vec![vec![0, 1, 2], vec![3], vec![4]]
        );
        assert_eq!(by_named(&b, &[3, 2, 0]), vec![vec![3], vec![2], vec![0]]);
    }
}
