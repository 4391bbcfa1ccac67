//! A weight bound from each person's dates: a person with a daily cap holds at most
//! that many interviews on each of their dates, and each candidate can meet them only
//! on some dates.
//!
//! The capacity bound ([`super::bound`]) counts a person's interviews over the whole
//! horizon; it cannot see that eight candidates who all need the head of department,
//! one interview a day, can only meet her on the same three dates. Here every
//! candidate who needs someone of a group of people (one named person, or the members
//! of a pool) takes one of their interviews with them: on a (person, date) where that
//! round could start alone, at most as many on a date as the person's daily cap leaves,
//! and as many in an ISO week as the weekly cap leaves. The candidates that can be
//! given such interviews all at once form a matroid (a gammoid: candidates routed to
//! dates, dates to weeks), so taking them heaviest first, each if a route can still
//! be found, gives the heaviest such set exactly.

use super::place::compile;
use super::pool::Pool;
use super::request::Batch;
use crate::engine::grid::week_of;
use crate::problem::InterviewerIdx;
use std::collections::BTreeMap;

/// Who a group of people is: one named person, or a pool.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Person(InterviewerIdx),
    Pool(String),
}

/// One group of people and, per candidate who needs them, the dates they could meet.
pub(crate) struct DateGroup {
    /// Per candidate: the (person, date) nodes where they could hold an interview
    /// with the group (`None`: they need nobody of it).
    options: Vec<Option<Vec<usize>>>,
    /// Per node: how many interviews it may hold, and its week.
    node_room: Vec<u32>,
    node_week: Vec<usize>,
    /// Per week node: how many interviews it may hold.
    week_room: Vec<u32>,
}

impl DateGroup {
    /// True if candidate `c` needs someone of the group.
    pub fn needs(&self, c: usize) -> bool {
        self.options[c].is_some()
    }

    /// The heaviest weight of candidates of `items` (`(candidate, weight)`) who can
    /// each be given an interview at once.
    pub fn fits(&self, items: &[(usize, u64)]) -> u64 {
        let mut order: Vec<(usize, u64)> = items.to_vec();
        order.sort_by_key(|&(c, w)| (std::cmp::Reverse(w), c));
        // Vertices: the sink, the weeks, the nodes, then each candidate of `order`.
        let (weeks, nodes) = (self.week_room.len(), self.node_room.len());
        let mut f = Flow::new(1 + weeks + nodes + order.len());
        for (wk, &room) in self.week_room.iter().enumerate() {
            f.edge(1 + wk, 0, room);
        }
        for v in 0..nodes {
            f.edge(1 + weeks + v, 1 + self.node_week[v], self.node_room[v]);
        }
        let mut total = 0;
        for (k, &(c, w)) in order.iter().enumerate() {
            let Some(options) = &self.options[c] else {
                total += w;
                continue;
            };
            let me = 1 + weeks + nodes + k;
            for &v in options {
                f.edge(me, 1 + weeks + v, 1);
            }
            if f.augment(me) {
                total += w;
            }
        }
        total
    }
}

/// A small flow network toward vertex 0, augmented one unit at a time.
struct Flow {
    /// Per vertex: its edges, as indices into `to` and `cap`.
    out: Vec<Vec<usize>>,
    /// Edges in pairs (an edge, then its reverse): head and residual capacity.
    to: Vec<usize>,
    cap: Vec<u32>,
    seen: Vec<bool>,
}

impl Flow {
    fn new(n: usize) -> Flow {
        Flow {
            out: vec![Vec::new(); n],
            to: Vec::new(),
            cap: Vec::new(),
            seen: vec![false; n],
        }
    }

    fn edge(&mut self, a: usize, b: usize, cap: u32) {
        self.out[a].push(self.to.len());
        self.to.push(b);
        self.cap.push(cap);
        self.out[b].push(self.to.len());
        self.to.push(a);
        self.cap.push(0);
    }

    /// Sends one unit from `from` to vertex 0 along a path with room; false if none.
    fn augment(&mut self, from: usize) -> bool {
        self.seen.iter_mut().for_each(|s| *s = false);
        self.push(from)
    }

    fn push(&mut self, v: usize) -> bool {
        if v == 0 {
            return true;
        }
        self.seen[v] = true;
        for k in 0..self.out[v].len() {
            let e = self.out[v][k];
            let u = self.to[e];
            if self.cap[e] > 0 && !self.seen[u] && self.push(u) {
                self.cap[e] -= 1;
                self.cap[e ^ 1] += 1;
                return true;
            }
        }
        false
    }
}

/// The (person, local date) pairs where a candidate could meet a group.
type Pairs = Vec<(InterviewerIdx, i32)>;

/// The date groups of a batch: per named person and per pool, the (person, date)
/// nodes each candidate who can be placed (`possible`) could take, from their rounds'
/// possible starts alone.
pub(crate) fn date_groups(b: &Batch, possible: &[bool]) -> Vec<DateGroup> {
    let mut pool = Pool::new(b);
    let n = b.candidates.len();
    // Per group: per candidate, the (person, date) pairs.
    let mut pairs: BTreeMap<Who, Vec<Option<Pairs>>> = BTreeMap::new();
    for (c, cand) in b.candidates.iter().enumerate() {
        if !possible[c] {
            continue;
        }
        let m = compile(&mut pool, cand);
        for rm in &m.rounds {
            let mut add = |who: Who, i: InterviewerIdx, k: usize| {
                let entry = pairs.entry(who).or_insert_with(|| vec![None; n]);
                let list = entry[c].get_or_insert_with(Vec::new);
                let mut bits = m.sets.starts[k].clone();
                bits.and_with(&rm.domain);
                let mut last = None;
                for slot in bits.iter() {
                    let day = pool.day(i, slot);
                    if last != Some(day) && !list.contains(&(i, day)) {
                        list.push((i, day));
                    }
                    last = Some(day);
                }
            };
            for &(i, k) in &rm.named {
                add(Who::Person(i), i, k);
            }
            for &s in &rm.seats {
                for &(i, k) in &m.seats[s].eligible {
                    add(Who::Pool(m.seats[s].pool.clone()), i, k);
                }
            }
        }
        pool.sets = m.c.sets;
    }
    pairs
        .into_values()
        .map(|per_cand| {
            let mut nodes: BTreeMap<(InterviewerIdx, i32), usize> = BTreeMap::new();
            let mut weeks: BTreeMap<(InterviewerIdx, i32), usize> = BTreeMap::new();
            let (mut node_room, mut node_week, mut week_room) =
                (Vec::new(), Vec::new(), Vec::new());
            let options = per_cand
                .into_iter()
                .map(|list| {
                    list.map(|list| {
                        list.into_iter()
                            .map(|(i, day)| {
                                *nodes.entry((i, day)).or_insert_with(|| {
                                    let (d, w) = pool.room(i, day);
                                    let wk = *weeks.entry((i, week_of(day))).or_insert_with(|| {
                                        week_room.push(w);
                                        week_room.len() - 1
                                    });
                                    node_room.push(d);
                                    node_week.push(wk);
                                    node_room.len() - 1
                                })
                            })
                            .collect()
                    })
                })
                .collect();
            DateGroup {
                options,
                node_room,
                node_week,
                week_room,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::DateGroup;

    /// A group whose nodes are dates with `room` each, in weeks `week` of `week_room`.
    fn group(
        options: Vec<Option<Vec<usize>>>,
        room: Vec<u32>,
        week: Vec<usize>,
        week_room: Vec<u32>,
    ) -> DateGroup {
        DateGroup {
            options,
            node_room: room,
            node_week: week,
            week_room,
        }
    }

    #[test]
    fn the_heaviest_candidates_who_can_all_meet_on_their_dates() {
        // A head of department, one interview a day; three candidates can only meet
        // her on Monday or Tuesday, a fourth on Tuesday or Wednesday.
        let options = vec![
            Some(vec![0, 1]),
            Some(vec![0, 1]),
            Some(vec![0, 1]),
            Some(vec![1, 2]),
            None,
        ];
        let g = group(
            options.clone(),
            vec![1, 1, 1],
            vec![0, 0, 0],
            vec![u32::MAX],
        );
        let items = [(0, 5), (1, 3), (2, 2), (3, 1), (4, 7)];
        assert_eq!(
            g.fits(&items),
            5 + 3 + 1 + 7,
            "two of the first three, the fourth moved to Wednesday, and the one who needs nobody"
        );
        // The fourth takes Tuesday first; the second then needs it: the fourth moves on.
        assert_eq!(g.fits(&[(3, 9), (0, 5), (1, 3)]), 17);
        // A weekly cap of two: the heaviest two of any dates.
        let capped = group(options, vec![1, 1, 1], vec![0, 0, 0], vec![2]);
        assert_eq!(capped.fits(&[(0, 5), (1, 3), (2, 2), (3, 4)]), 9);
        // Two weeks: Monday in one, Tuesday in the next, each week full after one.
        let weeks = group(
            vec![Some(vec![0, 1]), Some(vec![0])],
            vec![2, 2],
            vec![0, 1],
            vec![1, 1],
        );
        assert_eq!(
            weeks.fits(&[(0, 5), (1, 3)]),
            8,
            "the first moves to the second week to let the other in"
        );
    }
}
