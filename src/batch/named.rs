//! Whether a named person can hold every round that names them, before the joint
//! search tries the rounds of everyone around them.
//!
//! A hiring week's final with the head of department and the manager together may have
//! one possible start for each candidate, the same one. The joint search starts jobs in
//! order of start, so the finals, which come last, clash only after every earlier round
//! of both candidates has been tried at every start: a proof of 200,000 work units that
//! nobody can read from the result. Leaving out everyone but one named person relaxes
//! the problem, so when that person cannot hold their rounds, at their own possible
//! starts, apart by their buffer and within their daily cap, no answer has the set.
//!
//! The check places the person's rounds one after another, each at its earliest start
//! after the previous one ends, in every order. That misses no schedule: sort any
//! valid one by start, and each round placed so lands no later than there (the one
//! before it ends no later, and the rest is the same argument the joint search makes
//! about a full date, [`super::joint`]).

use super::joint::{JointJob, Tally};
use crate::engine::bits::Bits;
use crate::engine::grid::{Grid, Secs};

/// One round that names the person: its candidate, its length, its possible starts.
struct Held<'j> {
    owner: usize,
    dur: Secs,
    on: &'j Bits,
}

/// The person's side of the check.
struct Person<'a, 'j> {
    grid: &'a Grid,
    rounds: Vec<Held<'j>>,
    buffer: Secs,
    day_of: &'a [i32],
    per_day: Option<u32>,
    placed: Vec<bool>,
    count: Tally,
    nodes: u64,
    most: u64,
}

/// True if a person named in `jobs` cannot hold every job that names them, so no
/// answer places them all. `buffer`, `day_of`, `per_day` and what each has `booked`
/// per date are per person of the search, as in [`super::joint::Joint`]. Each
/// person's check stops after `most` nodes and then says nothing; the nodes it took
/// are added to `work`.
pub(super) fn named_clash(
    grid: &Grid,
    jobs: &[JointJob],
    buffer: &[Secs],
    day_of: &[Vec<i32>],
    (per_day, booked): (&[Option<u32>], &[Tally]),
    most: u64,
    work: &mut u64,
) -> bool {
    for m in 0..buffer.len() {
        let rounds: Vec<Held> = jobs
            .iter()
            .flat_map(|j| {
                j.seats
                    .iter()
                    .filter(move |s| !s.pool && s.on.len() == 1 && s.on[0].0 == m)
                    .map(move |s| Held {
                        owner: j.owner,
                        dur: j.dur,
                        on: &s.on[0].1,
                    })
            })
            .collect();
        if rounds.len() < 2 {
            continue;
        }
        let mut p = Person {
            grid,
            placed: vec![false; rounds.len()],
            rounds,
            buffer: buffer[m],
            day_of: &day_of[m],
            per_day: per_day[m],
            count: booked[m].clone(),
            nodes: 0,
            most,
        };
        let fits = p.fits(0, None);
        *work += p.nodes;
        if fits == Some(false) {
            return true;
        }
    }
    false
}

impl Person<'_, '_> {
    /// Whether the rounds not placed yet fit after the last placed one (`last`: its
    /// candidate and end); `None` past the node limit.
    fn fits(&mut self, done: usize, last: Option<(usize, Secs)>) -> Option<bool> {
        if done == self.rounds.len() {
            return Some(true);
        }
        self.nodes += 1;
        if self.nodes > self.most {
            return None;
        }
        for k in 0..self.rounds.len() {
            if self.placed[k] {
                continue;
            }
            let Some(at) = self.earliest(k, last) else {
                // A round with no start left: no order places it.
                return Some(false);
            };
            let day = self.day_of[at];
            self.placed[k] = true;
            self.count.add(day, 1);
            let end = self.grid.at(at) + self.rounds[k].dur;
            let got = self.fits(done + 1, Some((self.rounds[k].owner, end)));
            self.count.add(day, -1);
            self.placed[k] = false;
            if got != Some(false) {
                return got;
            }
        }
        Some(false)
    }

    /// Round `k`'s earliest start after `last` (its buffer too, if another
    /// candidate's) on a date with room under the cap.
    fn earliest(&self, k: usize, last: Option<(usize, Secs)>) -> Option<usize> {
        let r = &self.rounds[k];
        let mut from = match last {
            None => 0,
            Some((owner, end)) if owner == r.owner => self.grid.slot_at_or_after(end),
            Some((_, end)) => self.grid.slot_at_or_after(end + self.buffer),
        };
        loop {
            let at = r.on.next_at_or_after(from)?;
            let day = self.day_of[at];
            match self.per_day {
                Some(cap) if self.count.get(day) >= Secs::from(cap) => {
                    // That date is full: the next date (dates never fall with time).
                    from = self.day_of.partition_point(|&d| d <= day);
                }
                _ => return Some(at),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::joint::JointSeat;
    use crate::batch::queue::Finishes;

    /// A 15-minute grid of one day (96 slots), every slot on date 0.
    fn grid() -> Grid {
        Grid {
            h0: 0,
            h1: 24 * 3600,
            step: 900,
            n: 97,
        }
    }

    /// A round of candidate `owner`, `minutes` long, naming person 0 (and, with
    /// `pool`, a seat of pool person 1 too), possible at `starts`.
    fn round(owner: usize, minutes: i64, starts: &[usize], pool: bool) -> JointJob {
        let mut on = Bits::new(grid().n);
        for &k in starts {
            on.set_range(k, k + 1);
        }
        let mut seats = vec![JointSeat {
            on: vec![(0, on.clone())],
            pool: false,
            need: 0,
        }];
        if pool {
            seats.push(JointSeat {
                on: vec![(1, on)],
                pool: true,
                need: 1,
            });
        }
        JointJob {
            owner,
            dur: minutes * 60,
            seats,
            steps: Finishes::default(),
            preds: Vec::new(),
            tethered: false,
        }
    }

    fn clash(jobs: &[JointJob], buffer: Secs, per_day: Option<u32>) -> bool {
        clash_booked(jobs, buffer, per_day, 0)
    }

    /// As [`clash`], with `booked` interviews of person 0 on the day already.
    fn clash_booked(jobs: &[JointJob], buffer: Secs, per_day: Option<u32>, booked: u32) -> bool {
        let g = grid();
        let day_of = vec![vec![0; g.n]; 2];
        let booked = [Tally::of([(0, booked)].into_iter()), Tally::default()];
        let mut work = 0;
        let caps = (&[per_day, None][..], &booked[..]);
        named_clash(&g, jobs, &[buffer, 0], &day_of, caps, 2_000, &mut work)
    }

    #[test]
    fn rounds_of_one_named_person_clash_only_where_no_order_fits() {
        // Two finals whose only start is 10:00: one of them cannot be held.
        assert!(clash(
            &[round(0, 45, &[40], false), round(1, 45, &[40], false)],
            0,
            None
        ));
        // A second start at 10:45 for one of them: both are held.
        assert!(!clash(
            &[round(0, 45, &[40], false), round(1, 45, &[40, 43], false)],
            0,
            None
        ));
        // ... unless the person's 10-minute buffer pushes the second to 11:00.
        assert!(clash(
            &[round(0, 45, &[40], false), round(1, 45, &[40, 43], false)],
            600,
            None
        ));
        // One candidate's two rounds keep no buffer between them.
        assert!(!clash(
            &[round(0, 45, &[40], false), round(0, 45, &[40, 43], false)],
            600,
            None
        ));
        // The later round first in the list: the check tries every order.
        assert!(!clash(
            &[round(0, 45, &[44], false), round(1, 45, &[40], false)],
            0,
            None
        ));
        // A cap of one a day, and both only on that date.
        assert!(clash(
            &[round(0, 45, &[40], false), round(1, 45, &[60], false)],
            0,
            Some(1)
        ));
        // A cap of two, one of them booked before the batch.
        let two = [round(0, 45, &[40], false), round(1, 45, &[60], false)];
        assert!(!clash_booked(&two, 0, Some(2), 0));
        assert!(clash_booked(&two, 0, Some(2), 1));
        // Pool seats are left out: person 1 sits in both at 10:00 and the pool does
        // not count, but person 0 still cannot.
        assert!(clash(
            &[round(0, 45, &[40], true), round(1, 45, &[40], true)],
            0,
            None
        ));
        assert!(!clash(
            &[round(0, 45, &[40], true), round(1, 45, &[43], true)],
            0,
            None
        ));
    }
}
