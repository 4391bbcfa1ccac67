//! Properties of `batch::solve` on tiny random hiring days:
//!
//! - a batch of one candidate agrees with `engine::solve` (scheduled exactly when the
//!   single engine finds a schedule, with the same earliest finish, proven);
//! - the same request gives the same answer;
//! - adding an interviewer never lowers the scheduled weight;
//! - tiny batches agree with a brute-force search (also when the complete search and
//!   the bounds start from the first answer): every candidate in turn is left out
//!   or given each placement that `engine::check` accepts against the interviews of
//!   the candidates placed before it, added to the interviewers' `booked` lists (rules
//!   10 and 11 of `batch.md` are rules 5 and 6 of `problem.md` with the batch's other
//!   interviews booked); the best weight, then the least sum of finishes, must equal
//!   the engine's answer, which must itself pass that check.

use crate::engine::props::{tiny_request, validated};
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use rondo::batch::{self, Batch, BatchCandidateDoc, BatchDoc, BatchSolutionDoc, Limits};
use rondo::engine::{check, solve};
use rondo::problem::{
    CandidateDoc, HorizonDoc, IntervalDoc, InterviewerDoc, Problem, ProblemDoc, Requirement,
    RequirementDoc, RoundDoc, WorkingHoursDoc,
};
use rondo::solution::PlacedRound;

/// splitmix64, so a seed names a batch.
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
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn iv(start: DateTime<Utc>, minutes: i64) -> IntervalDoc {
    IntervalDoc {
        start: start.fixed_offset(),
        end: (start + Duration::minutes(minutes)).fixed_offset(),
    }
}

/// A batch of one: the single request's candidate and plan.
fn batch_of_one(doc: &ProblemDoc) -> BatchDoc {
    BatchDoc {
        format: batch::FORMAT.into(),
        id: doc.id.clone(),
        horizon: doc.horizon.clone(),
        slot_minutes: doc.slot_minutes,
        interviewers: doc.interviewers.clone(),
        candidates: vec![BatchCandidateDoc {
            id: doc.candidate.id.clone(),
            name: None,
            email: None,
            time_zone: doc.candidate.time_zone.clone(),
            available: doc.candidate.available.clone(),
            max_interview_minutes_per_day: doc.candidate.max_interview_minutes_per_day,
            weight: None,
            rounds: doc.rounds.clone(),
            same_day: doc.same_day.clone(),
        }],
    }
}

/// A tiny hiring day on Monday 2026-03-02 (Berlin and Kolkata): 2-3 interviewers
/// (pools `a`, `b`, buffers, daily caps, a booking), 2-4 candidates of weight 1-3,
/// each with one round of 60 or 90 minutes needing a pool seat, a named person, or
/// both; slots of 30 or 60 minutes over a 10-hour horizon.
fn tiny_batch(seed: u64) -> BatchDoc {
    let mut rng = Rng(seed);
    let h0: DateTime<Utc> = "2026-03-02T07:00:00Z".parse().expect("an instant");
    let hours = 10;
    let slot = rng.pick(&[30, 60]);
    let n_ivr = rng.pick(&[2, 3, 3]);
    let interviewers: Vec<InterviewerDoc> = (0..n_ivr)
        .map(|k| {
            let mut pools = vec![];
            if k == 0 || rng.chance(70) {
                pools.push("a".to_string());
            }
            if rng.chance(40) {
                pools.push("b".to_string());
            }
            let mut wh = WorkingHoursDoc::new();
            let from = rng.pick(&["08:00", "09:00", "10:00"]);
            let to = rng.pick(&["12:00", "15:00", "17:00"]);
            wh.insert("mon".into(), vec![[from.into(), to.into()]]);
            InterviewerDoc {
                trainee_in: Vec::new(),
                id: format!("i{k}"),
                name: None,
                email: None,
                time_zone: rng.pick(&["Europe/Berlin", "Asia/Kolkata", "UTC"]).into(),
                pools,
                working_hours: wh,
                busy: if rng.chance(30) {
                    vec![iv(h0 + Duration::hours(rng.pick(&[2, 4])), 60)]
                } else {
                    vec![]
                },
                booked: if rng.chance(20) {
                    vec![iv(h0 - Duration::hours(20), 60)]
                } else {
                    vec![]
                },
                buffer_minutes: Some(rng.pick(&[0, 0, 15, 30])),
                max_per_day: rng.chance(40).then(|| rng.pick(&[1, 2])),
                max_per_week: None,
            }
        })
        .collect();
    let n_cand = rng.pick(&[2, 3, 3, 4]);
    let candidates = (0..n_cand)
        .map(|k| {
            let mut reqs = Vec::new();
            let kind = rng.below(10);
            if kind < 3 {
                reqs.push(RequirementDoc::Person {
                    person: format!("i{}", rng.below(n_ivr)),
                });
            }
            if kind >= 2 {
                reqs.push(RequirementDoc::Pool {
                    pool: if rng.chance(25) { "b" } else { "a" }.into(),
                    count: Some(1),
                });
            }
            let from = h0 + Duration::hours(rng.pick(&[0, 1, 2, 3]));
            BatchCandidateDoc {
                id: format!("c{k}"),
                name: None,
                email: None,
                time_zone: "Europe/Berlin".into(),
                available: vec![iv(from, 60 * rng.pick(&[2, 3, 5, 7]))],
                max_interview_minutes_per_day: None,
                weight: Some(rng.pick(&[1, 1, 2, 3])),
                rounds: vec![RoundDoc {
                    trainee_seats: Vec::new(),
                    id: "r".into(),
                    name: None,
                    duration_minutes: rng.pick(&[60, 90]),
                    interviewers: reqs,
                    after: vec![],
                }],
                same_day: vec![],
            }
        })
        .collect();
    let mut doc = BatchDoc {
        format: batch::FORMAT.into(),
        id: format!("tiny-batch-{seed}"),
        horizon: HorizonDoc {
            start: h0.fixed_offset(),
            end: (h0 + Duration::hours(hours)).fixed_offset(),
        },
        slot_minutes: slot,
        interviewers,
        candidates,
    };
    // A pool nobody is in would make the request a format error: give `b` a member.
    if !doc
        .interviewers
        .iter()
        .any(|i| i.pools.iter().any(|p| p == "b"))
    {
        doc.interviewers[0].pools.push("b".into());
    }
    doc
}

fn solve_doc(doc: &BatchDoc) -> BatchSolutionDoc {
    solve_doc_with(doc, &Limits::default())
}

fn solve_doc_with(doc: &BatchDoc, limits: &Limits) -> BatchSolutionDoc {
    let b = Batch::from_doc(doc).unwrap_or_else(|e| {
        panic!(
            "the generator made a refused batch ({e}):\n{}",
            serde_json::to_string(doc).unwrap_or_default()
        )
    });
    batch::solve_with(&b, limits).0
}

/// Candidate `k` of `doc` alone, with `extra` interviews booked per interviewer id.
fn alone_with(doc: &BatchDoc, k: usize, extra: &[(String, IntervalDoc)]) -> Problem {
    let c = &doc.candidates[k];
    let mut interviewers = doc.interviewers.clone();
    for (who, when) in extra {
        if let Some(it) = interviewers.iter_mut().find(|i| &i.id == who) {
            it.booked.push(*when);
        }
    }
    validated(&ProblemDoc {
        format: "rondo-problem/1".into(),
        id: doc.id.clone(),
        horizon: doc.horizon.clone(),
        slot_minutes: doc.slot_minutes,
        candidate: CandidateDoc {
            id: c.id.clone(),
            name: None,
            email: None,
            time_zone: c.time_zone.clone(),
            available: c.available.clone(),
            max_interview_minutes_per_day: c.max_interview_minutes_per_day,
        },
        interviewers,
        rounds: c.rounds.clone(),
        same_day: c.same_day.clone(),
        objective: None,
        options: None,
    })
}

/// Every placement of the one-round plan of `p` that `check` accepts.
fn placements(p: &Problem) -> Vec<PlacedRound> {
    let round = &p.rounds[0];
    let mut seatings: Vec<Vec<usize>> = vec![vec![]];
    for q in &round.requirements {
        let mut next = Vec::new();
        for s in &seatings {
            match q {
                Requirement::Person(x) => next.push([s.clone(), vec![*x]].concat()),
                Requirement::Pool { pool, .. } => {
                    for i in 0..p.interviewers.len() {
                        if p.interviewers[i].pools.contains(pool) && !s.contains(&i) {
                            next.push([s.clone(), vec![i]].concat());
                        }
                    }
                }
            }
        }
        seatings = next;
    }
    let dur = Duration::minutes(i64::from(round.duration_minutes));
    let step = Duration::minutes(i64::from(p.slot_minutes));
    let mut out = Vec::new();
    let mut start = p.horizon.start;
    while start + dur <= p.horizon.end {
        for s in &seatings {
            let pr = PlacedRound {
                trainees: Vec::new(),
                round: round.id.clone(),
                start,
                end: start + dur,
                interviewers: s.iter().map(|&i| p.interviewers[i].id.clone()).collect(),
            };
            if check(p, std::slice::from_ref(&pr)).is_empty() {
                out.push(pr);
            }
        }
        start += step;
    }
    out
}

fn booked_of(pr: &PlacedRound) -> Vec<(String, IntervalDoc)> {
    pr.interviewers
        .iter()
        .map(|who| {
            (
                who.clone(),
                IntervalDoc {
                    start: pr.start.fixed_offset(),
                    end: pr.end.fixed_offset(),
                },
            )
        })
        .collect()
}

/// The best (weight, sum of finishes in minutes) of any valid answer, by exhaustion.
fn brute_force(doc: &BatchDoc) -> (u64, i64) {
    fn go(
        doc: &BatchDoc,
        k: usize,
        extra: &mut Vec<(String, IntervalDoc)>,
        value: (u64, i64),
        best: &mut (u64, i64),
    ) {
        if k == doc.candidates.len() {
            if value.0 > best.0 || (value.0 == best.0 && value.1 < best.1) {
                *best = value;
            }
            return;
        }
        let h0 = doc.horizon.start;
        let w = doc.candidates[k].weight.unwrap_or(1) as u64;
        for pr in placements(&alone_with(doc, k, extra)) {
            let n = extra.len();
            extra.extend(booked_of(&pr));
            let mins = (pr.end.fixed_offset() - h0).num_minutes();
            go(doc, k + 1, extra, (value.0 + w, value.1 + mins), best);
            extra.truncate(n);
        }
        go(doc, k + 1, extra, value, best);
    }
    let mut best = (0, 0);
    go(doc, 0, &mut Vec::new(), (0, 0), &mut best);
    best
}

/// The engine's answer is valid by the brute force's reading: each scheduled candidate
/// passes `check` with the others' interviews (all of them) booked.
fn assert_valid(doc: &BatchDoc, a: &BatchSolutionDoc) {
    for s in &a.scheduled {
        let k = doc
            .candidates
            .iter()
            .position(|c| c.id == s.candidate)
            .expect("a known candidate");
        let others: Vec<(String, IntervalDoc)> = a
            .scheduled
            .iter()
            .filter(|o| o.candidate != s.candidate)
            .flat_map(|o| o.rounds.iter().flat_map(booked_of))
            .collect();
        let v = check(&alone_with(doc, k, &others), &s.rounds);
        assert!(
            v.is_empty(),
            "{}: {v:?}\n{}",
            s.candidate,
            serde_json::to_string(doc).unwrap_or_default()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_batch_of_one_agrees_with_rondo_solve(seed in any::<u64>()) {
        let doc = tiny_request(seed);
        let single = solve(&validated(&doc));
        let a = solve_doc(&batch_of_one(&doc));
        match single.options.first() {
            Some(best) => {
                prop_assert_eq!(a.scheduled.len(), 1, "seed {}: the single engine schedules it", seed);
                prop_assert_eq!(a.scheduled[0].finish, best.finish, "seed {}: same earliest finish", seed);
                prop_assert!(a.optimal, "seed {}: a batch of one is proven", seed);
            }
            None => {
                prop_assert_eq!(a.unscheduled.len(), 1, "seed {}: the single engine finds nothing", seed);
                prop_assert!(a.unscheduled[0].reason.contains("even alone"), "seed {}: {}", seed, a.unscheduled[0].reason);
            }
        }
    }

    #[test]
    fn tiny_batches_agree_with_brute_force(seed in any::<u64>()) {
        let doc = tiny_batch(seed);
        let a = solve_doc(&doc);
        assert_valid(&doc, &a);
        let (w, sum) = brute_force(&doc);
        let got = (a.objective.scheduled_weight, a.objective.sum_finish_minutes);
        prop_assert_eq!(got, (w, sum), "seed {}: engine vs brute force\n{}", seed, serde_json::to_string(&doc).unwrap_or_default());
        let bound = (a.bound.scheduled_weight, a.bound.sum_finish_minutes);
        prop_assert!(!(w > bound.0 || (w == bound.0 && sum < bound.1)), "seed {}: the bound {:?} is beaten by {:?}", seed, bound, (w, sum));
    }

    /// With almost no improvement the complete search and the queue bound start from
    /// the first answer: whatever they prove must still be true.
    #[test]
    fn tiny_batches_agree_with_brute_force_from_the_first_answer(seed in any::<u64>()) {
        let doc = tiny_batch(seed);
        let a = solve_doc_with(&doc, &Limits { work: Some(50_000), ..Limits::default() });
        assert_valid(&doc, &a);
        let (w, sum) = brute_force(&doc);
        let got = (a.objective.scheduled_weight, a.objective.sum_finish_minutes);
        if a.optimal {
            prop_assert_eq!(got, (w, sum), "seed {}: proven but not the brute force's\n{}", seed, serde_json::to_string(&doc).unwrap_or_default());
        }
        let bound = (a.bound.scheduled_weight, a.bound.sum_finish_minutes);
        prop_assert!(!(w > bound.0 || (w == bound.0 && sum < bound.1)), "seed {}: the bound {:?} is beaten by {:?}", seed, bound, (w, sum));
    }

    #[test]
    fn the_same_batch_gets_the_same_answer(seed in any::<u64>()) {
        let doc = tiny_batch(seed);
        prop_assert_eq!(solve_doc(&doc), solve_doc(&doc), "seed {}", seed);
    }

    #[test]
    fn adding_an_interviewer_never_lowers_the_weight(seed in any::<u64>()) {
        let doc = tiny_batch(seed);
        let before = solve_doc(&doc);
        let mut more = doc.clone();
        let mut extra = more.interviewers[(seed % more.interviewers.len() as u64) as usize].clone();
        extra.id = "extra".into();
        extra.busy.clear();
        more.interviewers.push(extra);
        let after = solve_doc(&more);
        prop_assert!(after.objective.scheduled_weight >= before.objective.scheduled_weight,
            "seed {}: {} before, {} after", seed, before.objective.scheduled_weight, after.objective.scheduled_weight);
    }
}
