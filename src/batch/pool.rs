//! The shared interviewer pool while a batch is being scheduled: which interviews each
//! person holds for which candidate, and every person's start sets narrowed to match.
//!
//! The single-candidate engine reads an interviewer's possible starts from a bit set per
//! (interviewer, round duration): free for the whole round with buffers, working, and
//! on a date and week whose caps leave room ([`StartSets`]). Another candidate's
//! interview is to those sets exactly what a booked interview is (rule 10 is rule 5
//! with the buffer, rule 11 is rule 6 counting the batch), so placing a candidate
//! against what the others hold is a single-candidate search on narrowed sets. Holding
//! or releasing an interview recomputes only that person's sets, from sets computed
//! once with nothing held.

use crate::batch::request::Batch;
use crate::engine::bits::Bits;
use crate::engine::grid::{week_of, Grid, Secs, ZoneDays};
use crate::engine::model::{booked_per_day_and_week, StartSets};
use crate::problem::{InterviewerIdx, Requirement};
use rustc_hash::FxHashMap as HashMap;

/// One interview held by a person for a candidate of the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hold {
    /// Start, seconds.
    pub start: Secs,
    /// End, seconds.
    pub end: Secs,
    /// The candidate (index in the batch).
    pub cand: usize,
    /// The person's local day number of the start.
    pub day: i32,
}

/// The pool's state; see the module doc.
pub(crate) struct Pool {
    /// The slot grid shared by every candidate.
    pub grid: Grid,
    /// Current start sets (nothing of a candidate being placed is held).
    pub sets: StartSets,
    /// Start sets with nothing held, by the same index.
    base: Vec<Bits>,
    /// Per interviewer: (duration, set index) of every set in use.
    by_ivr: Vec<Vec<(Secs, usize)>>,
    /// Per interviewer: buffer in seconds.
    buffer: Vec<Secs>,
    /// Per interviewer: `max_per_day`, `max_per_week`.
    caps: Vec<(Option<u32>, Option<u32>)>,
    /// Per interviewer: index of their zone in `zone_day` and `zone_ranges`.
    zone_of: Vec<usize>,
    /// Per distinct zone: the local day number of each slot.
    zone_day: Vec<Vec<i32>>,
    /// Per distinct zone: each local day with its ISO week and slot range `[a, e)`.
    zone_ranges: Vec<Vec<DayRange>>,
    /// Per interviewer: booked interviews per local day and ISO week.
    booked_day: Vec<HashMap<i32, u32>>,
    booked_week: Vec<HashMap<i32, u32>>,
    /// Per interviewer: interviews held in the batch per local day and ISO week.
    pub held_day: Vec<HashMap<i32, u32>>,
    /// See `held_day`.
    pub held_week: Vec<HashMap<i32, u32>>,
    /// Per interviewer: the interviews they hold.
    pub held: Vec<Vec<Hold>>,
    /// Per interviewer: how many pool seats of the whole batch they could fill.
    pub pressure: Vec<u32>,
}

impl Pool {
    /// The pool of a batch with nothing held: start sets for every (interviewer,
    /// duration) any candidate's plan can ask for.
    pub fn new(b: &Batch) -> Pool {
        let first = &b.candidates[0].problem;
        let grid = Grid::new(first);
        let n_ivr = b.interviewers.len();
        let mut sets = StartSets::default();
        let mut by_ivr: Vec<Vec<(Secs, usize)>> = vec![Vec::new(); n_ivr];
        let mut pressure = vec![0u32; n_ivr];
        for c in &b.candidates {
            let p = &c.problem;
            let named = named_in(p);
            for r in &p.rounds {
                let dur = i64::from(r.duration_minutes) * 60;
                let mut need = |who: InterviewerIdx, sets: &mut StartSets| {
                    let k = sets.get(p, &grid, who, dur);
                    if !by_ivr[who].iter().any(|&(_, x)| x == k) {
                        by_ivr[who].push((dur, k));
                    }
                };
                for q in &r.requirements {
                    match q {
                        Requirement::Person(who) => need(*who, &mut sets),
                        Requirement::Pool { pool, count } => {
                            for (i, it) in b.interviewers.iter().enumerate() {
                                if !named[i] && it.pools.contains(pool) {
                                    need(i, &mut sets);
                                    pressure[i] += count;
                                }
                            }
                        }
                    }
                }
            }
        }
        let base = sets.starts.clone();
        let mut zones: Vec<chrono_tz::Tz> = Vec::new();
        let mut zone_of = Vec::with_capacity(n_ivr);
        for it in &b.interviewers {
            let z = match zones.iter().position(|&z| z == it.zone) {
                Some(z) => z,
                None => {
                    zones.push(it.zone);
                    zones.len() - 1
                }
            };
            zone_of.push(z);
        }
        let mut zone_day = Vec::with_capacity(zones.len());
        let mut zone_ranges = Vec::with_capacity(zones.len());
        for &z in &zones {
            let days = sets
                .zone_days
                .entry(z)
                .or_insert_with(|| ZoneDays::new(&grid, z));
            let mut ranges: Vec<DayRange> = Vec::new();
            for (k, &d) in days.day.iter().enumerate() {
                match ranges.last_mut() {
                    Some(r) if r.day == d => r.end = k + 1,
                    _ => ranges.push(DayRange {
                        day: d,
                        week: week_of(d),
                        start: k,
                        end: k + 1,
                    }),
                }
            }
            zone_day.push(days.day.clone());
            zone_ranges.push(ranges);
        }
        let (booked_day, booked_week): (Vec<_>, Vec<_>) =
            b.interviewers.iter().map(booked_per_day_and_week).unzip();
        Pool {
            grid,
            sets,
            base,
            by_ivr,
            buffer: b
                .interviewers
                .iter()
                .map(|it| i64::from(it.buffer_minutes) * 60)
                .collect(),
            caps: b
                .interviewers
                .iter()
                .map(|it| (it.max_per_day, it.max_per_week))
                .collect(),
            zone_of,
            zone_day,
            zone_ranges,
            booked_day,
            booked_week,
            held_day: vec![HashMap::default(); n_ivr],
            held_week: vec![HashMap::default(); n_ivr],
            held: vec![Vec::new(); n_ivr],
            pressure,
        }
    }

    /// Interviewer `i`'s booked interviews (before the batch) per local day number.
    pub fn booked_days(&self, i: InterviewerIdx) -> impl Iterator<Item = (i32, u32)> + '_ {
        self.booked_day[i].iter().map(|(&d, &n)| (d, n))
    }

    /// Local day number of slot `k` for interviewer `i`.
    pub fn day(&self, i: InterviewerIdx, k: usize) -> i32 {
        self.zone_day[self.zone_of[i]][k]
    }

    /// Holds the interviews of candidate `cand`: `(start slot, end, people)` per round.
    pub fn hold(&mut self, cand: usize, rounds: &[(usize, Secs, &[InterviewerIdx])]) {
        let mut touched = Vec::new();
        for &(k, end, people) in rounds {
            let start = self.grid.at(k);
            for &i in people {
                let day = self.day(i, k);
                self.held[i].push(Hold {
                    start,
                    end,
                    cand,
                    day,
                });
                *self.held_day[i].entry(day).or_insert(0) += 1;
                *self.held_week[i].entry(week_of(day)).or_insert(0) += 1;
                touched.push(i);
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for i in touched {
            self.recompute(i);
        }
    }

    /// Releases every interview held for candidate `cand` by the people listed.
    pub fn release(&mut self, cand: usize, people: impl IntoIterator<Item = InterviewerIdx>) {
        let mut touched: Vec<InterviewerIdx> = people.into_iter().collect();
        touched.sort_unstable();
        touched.dedup();
        for &i in &touched {
            let mut kept = Vec::with_capacity(self.held[i].len());
            for h in std::mem::take(&mut self.held[i]) {
                if h.cand == cand {
                    dec(&mut self.held_day[i], h.day);
                    dec(&mut self.held_week[i], week_of(h.day));
                } else {
                    kept.push(h);
                }
            }
            self.held[i] = kept;
            self.recompute(i);
        }
    }

    /// The most interviews person `i` can hold in the whole batch, with nothing held:
    /// per local date, the most rounds of their shortest duration that fit one after
    /// the other in their free start slots (`gap` seconds apart besides the round
    /// itself), capped by `max_per_day`, then per ISO week by `max_per_week`, both less
    /// what is already booked. No valid answer gives them more; see `super::bound`.
    pub fn capacity(&self, i: InterviewerIdx, gap: Secs) -> u64 {
        let Some(&(dur, idx)) = self.by_ivr[i].iter().min_by_key(|&&(d, _)| d) else {
            return 0;
        };
        let bits = &self.base[idx];
        let (per_day, per_week) = self.caps[i];
        let mut weeks: HashMap<i32, u64> = HashMap::default();
        for r in &self.zone_ranges[self.zone_of[i]] {
            let mut n = 0u64;
            let mut from = r.start;
            while let Some(k) = bits.next_at_or_after(from).filter(|&k| k < r.end) {
                n += 1;
                from = self
                    .grid
                    .slot_at_or_after(self.grid.at(k) + dur + gap)
                    .max(k + 1);
            }
            if let Some(m) = per_day {
                let booked = self.booked_day[i].get(&r.day).copied().unwrap_or(0);
                n = n.min(u64::from(m.saturating_sub(booked)));
            }
            *weeks.entry(r.week).or_insert(0) += n;
        }
        weeks
            .into_iter()
            .map(|(w, n)| match per_week {
                Some(m) => {
                    let booked = self.booked_week[i].get(&w).copied().unwrap_or(0);
                    n.min(u64::from(m.saturating_sub(booked)))
                }
                None => n,
            })
            .sum()
    }

    /// How many more interviews person `i` may start on their local day `day` and in
    /// that day's ISO week: their caps less what is booked (`u32::MAX`: no cap).
    pub fn room(&self, i: InterviewerIdx, day: i32) -> (u32, u32) {
        let (per_day, per_week) = self.caps[i];
        let week = week_of(day);
        let left = |cap: Option<u32>, booked: &HashMap<i32, u32>, k: i32| {
            cap.map_or(u32::MAX, |m| {
                m.saturating_sub(booked.get(&k).copied().unwrap_or(0))
            })
        };
        (
            left(per_day, &self.booked_day[i], day),
            left(per_week, &self.booked_week[i], week),
        )
    }

    /// The earliest instant person `i` could start any interview of the batch, with
    /// nothing held (`None`: never).
    pub fn first_start(&self, i: InterviewerIdx) -> Option<Secs> {
        self.by_ivr[i]
            .iter()
            .filter_map(|&(_, idx)| self.base[idx].next_at_or_after(0))
            .min()
            .map(|k| self.grid.at(k))
    }

    /// Buffer of person `i`, seconds.
    pub fn buffer(&self, i: InterviewerIdx) -> Secs {
        self.buffer[i]
    }

    /// Rebuilds `i`'s start sets: nothing-held sets minus the starts whose round with
    /// buffers would touch a held interview, minus the dates and weeks now full.
    fn recompute(&mut self, i: InterviewerIdx) {
        let buf = self.buffer[i];
        let full = self.full_days(i);
        for &(dur, idx) in &self.by_ivr[i] {
            let bits = &mut self.sets.starts[idx];
            bits.clone_from(&self.base[idx]);
            for h in &self.held[i] {
                // A start t is blocked when [t - buf, t + dur + buf) meets [start, end).
                let a = self.grid.slot_at_or_after(h.start - dur - buf + 1);
                let e = self.grid.slot_at_or_after(h.end + buf);
                bits.clear_range(a, e);
            }
            for &(a, e) in &full {
                bits.clear_range(a, e);
            }
        }
    }

    /// The slot ranges of `i`'s local dates and weeks that their interviews (booked and
    /// held) already fill. Only the dates and weeks that hold an interview are looked
    /// at: walking every date of a two-week horizon on each hold and release was a tenth
    /// of a hiring week's solve.
    fn full_days(&self, i: InterviewerIdx) -> Vec<(usize, usize)> {
        let (per_day, per_week) = self.caps[i];
        let ranges = &self.zone_ranges[self.zone_of[i]];
        if per_day == Some(0) || per_week == Some(0) {
            return ranges.iter().map(|r| (r.start, r.end)).collect();
        }
        let count = |booked: &HashMap<i32, u32>, held: &HashMap<i32, u32>, k: i32| {
            booked.get(&k).copied().unwrap_or(0) + held.get(&k).copied().unwrap_or(0)
        };
        let mut full = Vec::new();
        if let Some(m) = per_day {
            let (booked, held) = (&self.booked_day[i], &self.held_day[i]);
            let held_only = held.keys().filter(|d| !booked.contains_key(d));
            for &day in booked.keys().chain(held_only) {
                if count(booked, held, day) >= m {
                    if let Ok(k) = ranges.binary_search_by_key(&day, |r| r.day) {
                        full.push((ranges[k].start, ranges[k].end));
                    }
                }
            }
        }
        if let Some(m) = per_week {
            let (booked, held) = (&self.booked_week[i], &self.held_week[i]);
            let held_only = held.keys().filter(|w| !booked.contains_key(w));
            for &week in booked.keys().chain(held_only) {
                if count(booked, held, week) >= m {
                    full.extend(
                        ranges
                            .iter()
                            .filter(|r| r.week == week)
                            .map(|r| (r.start, r.end)),
                    );
                }
            }
        }
        full
    }
}

/// One local day of a zone on the grid.
#[derive(Debug, Clone, Copy)]
struct DayRange {
    day: i32,
    week: i32,
    start: usize,
    end: usize,
}

fn dec(map: &mut HashMap<i32, u32>, key: i32) {
    if let Some(v) = map.get_mut(&key) {
        *v -= 1;
        if *v == 0 {
            map.remove(&key);
        }
    }
}

/// Per interviewer: named by `person` somewhere in the plan (so never in its pools).
pub(crate) fn named_in(p: &crate::problem::Problem) -> Vec<bool> {
    let mut v = vec![false; p.interviewers.len()];
    for r in &p.rounds {
        for q in &r.requirements {
            if let Requirement::Person(i) = q {
                v[*i] = true;
            }
        }
    }
    v
}
