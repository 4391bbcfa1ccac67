//! Properties of `engine::solve` on tiny random requests around the 2026 DST changes:
//!
//! - the same request gives the same answer (and the order interviewers are listed in
//!   does not change the earliest finish);
//! - adding availability never makes a solvable request unsolvable, nor later;
//! - the earliest finish agrees with a brute-force search that enumerates every grid
//!   start of every round and every choice of interviewers for every seat, and keeps
//!   what `engine::check` accepts (`check` is written apart from the search);
//! - every option passes `check`, and options are pairwise different.
//!
//! Requests are drawn from a seed by a small deterministic generator, so a failure
//! prints the seed and the request as JSON.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use rondo::engine::{check, solve};
use rondo::problem::{
    AfterDoc, CandidateDoc, HorizonDoc, IntervalDoc, InterviewerDoc, Problem, ProblemDoc,
    Requirement, RequirementDoc, RoundDoc, WorkingHoursDoc,
};
use rondo::solution::{PlacedRound, SolutionDoc};
use std::collections::{BTreeSet, HashMap};

/// Zones whose 2026 changes the generator aims at, and UTC.
const ZONES: [&str; 6] = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "UTC",
];

/// UTC dates near the 2026 changes: New York 03-08 and 11-01, Berlin 03-29 and 10-25,
/// Sydney and Lord Howe 04-05 (falls on 04-04 UTC) and 10-04 (10-03 UTC), and a plain
/// Monday.
const DATES: [&str; 8] = [
    "2026-03-08",
    "2026-11-01",
    "2026-03-29",
    "2026-10-25",
    "2026-04-04",
    "2026-10-03",
    "2026-03-02",
    "2026-03-02",
];

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// splitmix64: a small deterministic generator, so a seed names a request.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

fn iv(start: DateTime<Utc>, minutes: i64) -> IntervalDoc {
    IntervalDoc {
        start: start.fixed_offset(),
        end: (start + Duration::minutes(minutes)).fixed_offset(),
    }
}

fn wall(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Random weekly hours: most days one or two windows, starts often on DST edges.
fn working_hours(rng: &mut Rng) -> WorkingHoursDoc {
    let starts = [
        0, 60, 90, 120, 150, 180, 360, 480, 540, 720, 840, 1080, 1320,
    ];
    let lengths = [60, 240, 480, 720, 1440, 1440, 1440];
    let mut wh = WorkingHoursDoc::new();
    for day in WEEKDAYS {
        if !rng.chance(90) {
            continue;
        }
        let mut windows = Vec::new();
        for _ in 0..rng.range(1, 2) {
            let s = rng.pick(&starts);
            let e = (s + rng.pick(&lengths)).min(1440);
            windows.push([wall(s), wall(e)]);
        }
        wh.insert(day.to_string(), windows);
    }
    wh
}

/// A tiny random request: 1-3 rounds, 1-4 interviewers, 1-2 pools, a horizon of 1-2
/// days across a 2026 DST change, slot 30-60 minutes.
pub(crate) fn tiny_request(seed: u64) -> ProblemDoc {
    let mut rng = Rng(seed);
    let date: NaiveDate = rng.pick(&DATES).parse().expect("a date");
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
    let h0 = midnight - Duration::hours(12)
        + Duration::minutes(60 * rng.range(0, 23) + rng.pick(&[0, 0, 15]));
    let days = rng.range(1, 2);
    let h1 = h0 + Duration::days(days);
    let span_h = 24 * days;
    let slot = rng.pick(&[30, 45, 60]);

    let available = (0..rng.range(1, 3))
        .map(|_| {
            let start =
                h0 + Duration::minutes(60 * rng.range(0, span_h - 2) + rng.pick(&[0, 15, 30]));
            iv(start, 60 * rng.range(4, 16))
        })
        .collect();
    let candidate = CandidateDoc {
        id: "cand".into(),
        name: None,
        email: None,
        time_zone: rng.pick(&ZONES).into(),
        available,
        max_interview_minutes_per_day: rng.chance(30).then(|| rng.pick(&[60, 90, 120, 180])),
    };

    let n_ivr = rng.pick(&[1, 2, 3, 3, 4, 4, 4]);
    let mut interviewers: Vec<InterviewerDoc> = (0..n_ivr)
        .map(|k| {
            let mut pools = Vec::new();
            if rng.chance(85) {
                pools.push("a".to_string());
            }
            if rng.chance(45) {
                pools.push("b".to_string());
            }
            let busy = (0..rng.range(0, 2))
                .map(|_| {
                    iv(
                        h0 + Duration::minutes(30 * rng.range(0, 2 * span_h)),
                        rng.pick(&[30, 60, 120]),
                    )
                })
                .collect();
            // Some bookings fall in the days before the horizon (same week, caps).
            let booked = (0..rng.range(0, 2))
                .map(|_| iv(h0 + Duration::minutes(30 * rng.range(-96, 2 * span_h)), 60))
                .collect();
            InterviewerDoc {
                id: format!("i{k}"),
                name: None,
                email: None,
                time_zone: rng.pick(&ZONES).into(),
                pools,
                working_hours: working_hours(&mut rng),
                busy,
                booked,
                buffer_minutes: Some(rng.pick(&[0, 0, 10, 15])),
                max_per_day: rng.chance(40).then(|| rng.pick(&[1, 2])),
                max_per_week: rng.chance(30).then(|| rng.pick(&[1, 2, 3])),
                trainee_in: Vec::new(),
            }
        })
        .collect();
    // Every round needs a pool that exists or a person.
    if interviewers.iter().all(|i| i.pools.is_empty()) && rng.chance(50) {
        interviewers[0].pools.push("a".into());
    }
    let pools: Vec<String> = interviewers
        .iter()
        .flat_map(|i| i.pools.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();

    let n_rounds = rng.range(1, 3) as usize;
    let mut rounds: Vec<RoundDoc> = Vec::new();
    for k in 0..n_rounds {
        let mut reqs = Vec::new();
        let kind = rng.below(100);
        if pools.is_empty() || kind < 20 {
            reqs.push(RequirementDoc::Person {
                person: format!("i{}", rng.range(0, n_ivr - 1)),
            });
        }
        if !pools.is_empty() && (kind >= 20 || (kind < 10 && reqs.len() == 1)) {
            // Mostly the larger pool `a`; two people only from a pool that has them.
            let pool = if pools.len() > 1 && rng.chance(30) {
                pools[1].clone()
            } else {
                pools[0].clone()
            };
            let members = interviewers
                .iter()
                .filter(|i| i.pools.contains(&pool))
                .count();
            let count = if members >= 2 && rng.chance(20) { 2 } else { 1 };
            reqs.push(RequirementDoc::Pool {
                pool,
                count: Some(count),
            });
        }
        let after = if k > 0 && rng.chance(45) {
            let min = rng.pick(&[0, 0, 30, 60]);
            vec![AfterDoc {
                round: format!("r{}", rng.range(0, k as i64 - 1)),
                min_gap_minutes: Some(min),
                max_gap_minutes: rng
                    .pick(&[None, None, Some(0), Some(60), Some(240)])
                    .map(|m| min + m),
            }]
        } else {
            Vec::new()
        };
        rounds.push(RoundDoc {
            id: format!("r{k}"),
            name: None,
            duration_minutes: rng.pick(&[30, 45, 60, 90]),
            interviewers: reqs,
            after,
            trainee_seats: Vec::new(),
        });
    }
    let same_day = if n_rounds >= 2 && rng.chance(30) {
        vec![vec!["r0".to_string(), format!("r{}", n_rounds - 1)]]
    } else {
        Vec::new()
    };
    ProblemDoc {
        format: "rondo-problem/1".into(),
        id: format!("tiny-{seed}"),
        horizon: HorizonDoc {
            start: h0.fixed_offset(),
            end: h1.fixed_offset(),
        },
        slot_minutes: slot,
        candidate,
        interviewers,
        rounds,
        same_day,
        objective: None,
        options: Some(rng.range(1, 3)),
    }
}

pub(crate) fn validated(doc: &ProblemDoc) -> Problem {
    Problem::from_doc(doc).unwrap_or_else(|e| {
        panic!(
            "the generator made a refused request ({e}):\n{}",
            serde_json::to_string(doc).unwrap_or_default()
        )
    })
}

pub(super) fn show(doc: &ProblemDoc) -> String {
    serde_json::to_string(doc).unwrap_or_default()
}

/// The request cut down to the rounds `keep` (their `after` and `same_day` links among
/// themselves kept). Any valid schedule of the whole request, cut down the same way, is
/// valid for this one, so a part `check` rejects here can be pruned from the search.
fn part(doc: &ProblemDoc, keep: &[usize]) -> Problem {
    let ids: BTreeSet<String> = keep.iter().map(|&k| doc.rounds[k].id.clone()).collect();
    let mut d = doc.clone();
    d.rounds = keep
        .iter()
        .map(|&k| {
            let mut r = doc.rounds[k].clone();
            r.after.retain(|a| ids.contains(&a.round));
            r
        })
        .collect();
    d.same_day = doc
        .same_day
        .iter()
        .map(|g| {
            g.iter()
                .filter(|r| ids.contains(*r))
                .cloned()
                .collect::<Vec<_>>()
        })
        .filter(|g| !g.is_empty())
        .collect();
    validated(&d)
}

/// Every list of distinct interviewers that could fill round `r`'s requirements, one
/// per seat: the named person, and every combination of `count` pool members.
fn seatings(p: &Problem, r: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new()];
    for q in &p.rounds[r].requirements {
        let mut next = Vec::new();
        match q {
            Requirement::Person(x) => {
                for s in &out {
                    if !s.contains(x) {
                        next.push([s.clone(), vec![*x]].concat());
                    }
                }
            }
            Requirement::Pool { pool, count } => {
                let members: Vec<usize> = (0..p.interviewers.len())
                    .filter(|&i| p.interviewers[i].pools.contains(pool))
                    .collect();
                for s in &out {
                    let free: Vec<usize> =
                        members.iter().copied().filter(|i| !s.contains(i)).collect();
                    for c in combinations(&free, *count as usize) {
                        next.push([s.clone(), c].concat());
                    }
                }
            }
        }
        out = next;
    }
    out
}

fn combinations(xs: &[usize], k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for (i, &x) in xs.iter().enumerate() {
        for mut rest in combinations(&xs[i + 1..], k - 1) {
            rest.insert(0, x);
            out.push(rest);
        }
    }
    out
}

/// The earliest finish of any schedule `check` accepts, by exhaustive search: every
/// grid start of every round times every seating. Rounds and pairs of rounds that
/// `check` rejects on their own are pruned (see [`part`]), as are pairs that overlap
/// for the candidate (rule 2).
pub(super) fn brute_force(doc: &ProblemDoc) -> Option<(DateTime<Utc>, Vec<PlacedRound>)> {
    let p = validated(doc);
    let n = p.rounds.len();
    let step = Duration::minutes(i64::from(p.slot_minutes));
    let mut cands: Vec<Vec<PlacedRound>> = Vec::new();
    for r in 0..n {
        let alone = part(doc, &[r]);
        let dur = Duration::minutes(i64::from(p.rounds[r].duration_minutes));
        let seats = seatings(&p, r);
        let mut list = Vec::new();
        let mut start = p.horizon.start;
        while start + dur <= p.horizon.end {
            for s in &seats {
                let pr = PlacedRound {
                    round: p.rounds[r].id.clone(),
                    start,
                    end: start + dur,
                    interviewers: s.iter().map(|&i| p.interviewers[i].id.clone()).collect(),
                    trainees: Vec::new(),
                };
                if check(&alone, std::slice::from_ref(&pr)).is_empty() {
                    list.push(pr);
                }
            }
            start += step;
        }
        list.sort_by_key(|pr| pr.end);
        cands.push(list);
    }
    let pairs: HashMap<(usize, usize), Problem> = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .map(|(i, j)| ((i, j), part(doc, &[i, j])))
        .collect();
    let mut memo: HashMap<(usize, usize, usize, usize), bool> = HashMap::new();
    let mut best: Option<(DateTime<Utc>, Vec<PlacedRound>)> = None;
    let mut chosen: Vec<usize> = Vec::new();
    search(&p, &cands, &pairs, &mut memo, &mut chosen, &mut best);
    best
}

fn search(
    p: &Problem,
    cands: &[Vec<PlacedRound>],
    pairs: &HashMap<(usize, usize), Problem>,
    memo: &mut HashMap<(usize, usize, usize, usize), bool>,
    chosen: &mut Vec<usize>,
    best: &mut Option<(DateTime<Utc>, Vec<PlacedRound>)>,
) {
    let r = chosen.len();
    if r == cands.len() {
        let plan: Vec<PlacedRound> = chosen
            .iter()
            .enumerate()
            .map(|(k, &c)| cands[k][c].clone())
            .collect();
        if check(p, &plan).is_empty() {
            let finish = plan
                .iter()
                .map(|x| x.end)
                .max()
                .expect("at least one round");
            if best.as_ref().is_none_or(|b| finish < b.0) {
                *best = Some((finish, plan));
            }
        }
        return;
    }
    for c in 0..cands[r].len() {
        let me = &cands[r][c];
        // Sorted by end: nothing further can finish earlier than the best so far.
        if best.as_ref().is_some_and(|b| me.end >= b.0) {
            break;
        }
        let fits = (0..r).all(|k| {
            let other = &cands[k][chosen[k]];
            if other.start < me.end && me.start < other.end {
                return false;
            }
            *memo
                .entry((k, chosen[k], r, c))
                .or_insert_with(|| check(&pairs[&(k, r)], &[other.clone(), me.clone()]).is_empty())
        });
        if fits {
            chosen.push(c);
            search(p, cands, pairs, memo, chosen, best);
            chosen.pop();
        }
    }
}

pub(super) fn first_finish(a: &SolutionDoc) -> Option<DateTime<Utc>> {
    a.options.first().map(|o| o.finish)
}

/// An option as a comparable value: each round's start and interviewer set.
fn shape(rounds: &[PlacedRound]) -> BTreeSet<(String, DateTime<Utc>, BTreeSet<String>)> {
    rounds
        .iter()
        .map(|r| {
            (
                r.round.clone(),
                r.start,
                r.interviewers.iter().cloned().collect(),
            )
        })
        .collect()
}

/// One way to add availability to a request, drawn from `rng`.
fn relax(doc: &ProblemDoc, rng: &mut Rng) -> (String, ProblemDoc) {
    let mut d = doc.clone();
    let n_ivr = d.interviewers.len() as u64;
    let k = rng.below(n_ivr) as usize;
    let what = match rng.below(7) {
        0 => {
            let w = rng.below(d.candidate.available.len() as u64) as usize;
            let extra = 60 * rng.range(1, 6);
            let win = &mut d.candidate.available[w];
            win.end = (win.end + Duration::minutes(extra)).fixed_offset();
            format!("candidate window {w} ends {extra} min later")
        }
        1 => {
            let start = d.horizon.start.to_utc() + Duration::hours(rng.range(0, 30));
            d.candidate.available.push(iv(start, 60 * rng.range(1, 6)));
            "candidate gets one more window".to_string()
        }
        2 if !d.interviewers[k].busy.is_empty() => {
            d.interviewers[k].busy.remove(0);
            format!("i{k} loses a busy block")
        }
        3 if !d.interviewers[k].booked.is_empty() => {
            d.interviewers[k].booked.remove(0);
            format!("i{k} loses a booking")
        }
        4 => {
            let day = rng.pick(&WEEKDAYS);
            let s = rng.pick(&[0, 120, 480, 720]);
            let e = (s + rng.pick(&[120, 480, 1440])).min(1440);
            d.interviewers[k]
                .working_hours
                .entry(day.to_string())
                .or_default()
                .push([wall(s), wall(e)]);
            format!("i{k} also works {day} {}-{}", wall(s), wall(e))
        }
        5 => {
            d.interviewers[k].max_per_day = None;
            d.interviewers[k].max_per_week = None;
            format!("i{k}'s caps lifted")
        }
        _ => {
            d.candidate.max_interview_minutes_per_day = None;
            "candidate's daily minutes lifted".to_string()
        }
    };
    (what, d)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn same_request_same_answer(seed in any::<u64>()) {
        let doc = tiny_request(seed);
        let p = validated(&doc);
        let once = serde_json::to_string(&solve(&p)).expect("serializes");
        let twice = serde_json::to_string(&solve(&validated(&doc))).expect("serializes");
        prop_assert_eq!(&once, &twice, "seed {}: two solves differ for {}", seed, show(&doc));

        let mut reversed = doc.clone();
        reversed.interviewers.reverse();
        let a = solve(&p);
        let b = solve(&validated(&reversed));
        prop_assert_eq!(
            first_finish(&a), first_finish(&b),
            "seed {}: listing interviewers in reverse changes option 1's finish for {}", seed, show(&doc)
        );
    }

    #[test]
    fn more_availability_never_hurts(seed in any::<u64>(), how in any::<u64>()) {
        let doc = tiny_request(seed);
        let before = first_finish(&solve(&validated(&doc)));
        let (what, relaxed) = relax(&doc, &mut Rng(how));
        let after = first_finish(&solve(&validated(&relaxed)));
        if let Some(b) = before {
            prop_assert!(
                after.is_some_and(|a| a <= b),
                "seed {}: after '{}' option 1 finishes {:?}, before {} for {}",
                seed, what, after, b, show(&doc)
            );
        }
    }

    #[test]
    fn solvable_exactly_when_brute_force_finds_a_schedule(seed in any::<u64>()) {
        let doc = tiny_request(seed);
        let p = validated(&doc);
        let answer = solve(&p);
        let brute = brute_force(&doc);
        prop_assert_eq!(
            answer.options.is_empty(), brute.is_none(),
            "seed {}: solve says {}, brute force found {:?} for {}",
            seed, super::finish_text(&answer),
            brute.as_ref().map(|b| serde_json::to_string(&b.1).unwrap_or_default()), show(&doc)
        );
        if let (Some(o), Some(b)) = (answer.options.first(), &brute) {
            prop_assert!(
                o.finish >= b.0,
                "seed {}: option 1 finishes {} before the brute-force minimum {}: check and solve disagree",
                seed, o.finish, b.0
            );
        }
        for (k, o) in answer.options.iter().enumerate() {
            let v = check(&p, &o.rounds);
            prop_assert!(v.is_empty(), "seed {}: option {} breaks {:?} for {}", seed, k + 1, v, show(&doc));
            prop_assert!(
                o.rounds.iter().map(|r| r.end).max() == Some(o.finish),
                "seed {}: option {}'s finish is not its last end", seed, k + 1
            );
            for (j, earlier) in answer.options[..k].iter().enumerate() {
                prop_assert!(
                    shape(&earlier.rounds) != shape(&o.rounds),
                    "seed {}: options {} and {} are the same schedule for {}", seed, j + 1, k + 1, show(&doc)
                );
            }
        }
        prop_assert!(answer.options.len() <= p.options, "seed {}: more options than asked", seed);
    }
}

/// The properties above mean little if the generator makes mostly hopeless requests:
/// a fair share must be solvable, with several rounds among them.
#[test]
fn generator_makes_solvable_requests() {
    let seeds = 0..200u64;
    let solvable: Vec<usize> = seeds
        .filter_map(|seed| {
            let doc = tiny_request(seed);
            first_finish(&solve(&validated(&doc))).map(|_| doc.rounds.len())
        })
        .collect();
    let multi = solvable.iter().filter(|&&n| n > 1).count();
    assert!(
        solvable.len() >= 50,
        "only {} of 200 tiny requests are solvable: the properties would be vacuous",
        solvable.len()
    );
    assert!(
        multi >= 15,
        "only {multi} of 200 tiny requests with 2-3 rounds are solvable"
    );
}
