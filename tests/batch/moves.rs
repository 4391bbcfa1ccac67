//! Moving one round of a hiring day by hand (`rondo::batch::move_round`): an accepted
//! move gives a day that keeps every rule with its value recomputed; a refused one
//! names each rule broken and who is in the way, in words.

use chrono::{DateTime, Utc};
use rondo::batch::{self, Batch, BatchSolutionDoc, MoveError};
use rondo::engine::check;
use serde_json::{json, Value};

/// Ana (the only engineer, 15 minutes between interviews) and Rita (the recruiter), in
/// London; Priya and Omar each have a 30-minute screen, then a 60-minute technical
/// round; Monday 9 and Tuesday 10 March 2026 (London is on UTC then).
fn request(ana_per_day: u32) -> Value {
    let hours = json!({"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]});
    let plan = json!([
        {"id": "screen", "name": "Recruiter screen", "duration_minutes": 30,
         "interviewers": [{"pool": "rec", "count": 1}]},
        {"id": "tech", "name": "Technical", "duration_minutes": 60,
         "interviewers": [{"pool": "eng", "count": 1}],
         "after": [{"round": "screen", "min_gap_minutes": 0}]}
    ]);
    let both_days = json!([{"start": "2026-03-09T00:00:00Z", "end": "2026-03-11T00:00:00Z"}]);
    json!({
        "format": "rondo-batch/1", "id": "moves",
        "horizon": {"start": "2026-03-09T00:00:00Z", "end": "2026-03-11T00:00:00Z"},
        "slot_minutes": 15,
        "interviewers": [
            {"id": "ana", "name": "Ana Engineer", "time_zone": "Europe/London", "pools": ["eng"],
             "working_hours": hours, "buffer_minutes": 15, "max_per_day": ana_per_day},
            {"id": "rita", "name": "Rita Recruiter", "time_zone": "Europe/London", "pools": ["rec"],
             "working_hours": hours}
        ],
        "candidates": [
            {"id": "p1", "name": "Priya", "time_zone": "Asia/Kolkata", "available": both_days,
             "rounds": plan},
            {"id": "p2", "name": "Omar", "time_zone": "Europe/London", "available": both_days,
             "rounds": plan}
        ]
    })
}

fn round(id: &str, start: &str, end: &str, who: &str) -> Value {
    json!({"round": id, "start": start, "end": end, "interviewers": [who]})
}

/// Priya: screen 09:00, technical 09:30–10:30; Omar: screen 09:30, technical on
/// `omar_tech` (start, end). Sum of finishes given as `sum`.
fn answer(omar_tech: (&str, &str), sum: i64) -> BatchSolutionDoc {
    serde_json::from_value(json!({
        "format": "rondo-batch-solution/1", "problem": "moves", "status": "scheduled",
        "scheduled": [
            {"candidate": "p1", "finish": "2026-03-09T10:30:00Z", "rounds": [
                round("screen", "2026-03-09T09:00:00Z", "2026-03-09T09:30:00Z", "rita"),
                round("tech", "2026-03-09T09:30:00Z", "2026-03-09T10:30:00Z", "ana")]},
            {"candidate": "p2", "finish": omar_tech.1, "rounds": [
                round("screen", "2026-03-09T09:30:00Z", "2026-03-09T10:00:00Z", "rita"),
                round("tech", omar_tech.0, omar_tech.1, "ana")]}
        ],
        "unscheduled": [],
        "objective": {"scheduled_weight": 2, "sum_finish_minutes": sum},
        "bound": {"scheduled_weight": 2, "sum_finish_minutes": sum},
        "optimal": true
    }))
    .expect("a valid answer document")
}

fn batch(ana_per_day: u32) -> Batch {
    Batch::from_json(&request(ana_per_day).to_string()).expect("a valid request")
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("an instant")
}

/// Every scheduled candidate of `a` passes the single engine's check with the others'
/// interviews booked (the batch format's reading of rules 1–11).
fn assert_whole_day_valid(b: &Batch, a: &BatchSolutionDoc, case: &str) {
    for s in &a.scheduled {
        let c = b
            .candidates
            .iter()
            .find(|c| c.id() == s.candidate)
            .expect("a known candidate");
        let mut p = c.problem.clone();
        for it in &mut p.interviewers {
            for o in a.scheduled.iter().filter(|o| o.candidate != s.candidate) {
                for r in o.rounds.iter().filter(|r| r.interviewers.contains(&it.id)) {
                    it.booked.push(rondo::interval::Interval {
                        start: r.start,
                        end: r.end,
                    });
                }
            }
        }
        let broken = check(&p, &s.rounds);
        assert!(
            broken.is_empty(),
            "{case}: {} breaks {broken:?}",
            s.candidate
        );
    }
}

#[test]
fn an_accepted_move_keeps_every_rule_and_recomputes_the_value() {
    let b = batch(4);
    // 10:30 + 11:45 = 630 + 705 minutes after the horizon's start.
    let a = answer(("2026-03-09T10:45:00Z", "2026-03-09T11:45:00Z"), 1335);
    assert_whole_day_valid(&b, &a, "the day as planned");
    let cases = [
        // (candidate, round, slots, new start, sum, still proved best, case)
        (
            "p2",
            "tech",
            4,
            "2026-03-09T11:45:00Z",
            1395,
            false,
            "Omar's technical an hour later",
        ),
        (
            "p2",
            "screen",
            2,
            "2026-03-09T10:00:00Z",
            1335,
            true,
            "Omar's screen half an hour later, still before his technical",
        ),
    ];
    for (cand, round, slots, start, sum, optimal, case) in cases {
        let moved = batch::move_round(&b, &a, cand, round, slots, chrono_tz::Europe::London)
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        let s = moved
            .scheduled
            .iter()
            .find(|s| s.candidate == cand)
            .expect("still scheduled");
        let r = s
            .rounds
            .iter()
            .find(|r| r.round == round)
            .expect("the round");
        assert_eq!(r.start, at(start), "{case}: the new start");
        assert_eq!(moved.objective.sum_finish_minutes, sum, "{case}: the sum");
        assert_eq!(
            moved.optimal, optimal,
            "{case}: the proof kept only if it holds"
        );
        assert_eq!(
            s.finish,
            s.rounds.iter().map(|r| r.end).max().expect("rounds"),
            "{case}: the finish follows the rounds"
        );
        assert!(
            s.rounds.windows(2).all(|w| w[0].start <= w[1].start),
            "{case}: rounds in start order"
        );
        assert_whole_day_valid(&b, &moved, case);
    }
}

/// A refused move: candidate, round, steps, the rules named, words said, the case.
type Refused = (
    &'static str,
    &'static str,
    i64,
    &'static [u8],
    &'static [&'static str],
    &'static str,
);

#[test]
fn a_refused_move_names_each_rule_and_who_is_in_the_way() {
    let b = batch(4);
    let a = answer(("2026-03-09T10:45:00Z", "2026-03-09T11:45:00Z"), 1335);
    let london = chrono_tz::Europe::London;
    let cases: [Refused; 4] = [
        (
            "p2",
            "tech",
            -1,
            &[10],
            &[
                "Ana Engineer interviews Priya (Technical) 09:30–10:30 London",
                "keeps 15 minutes between interviews",
                "Technical of Omar cannot start at Mon 9 Mar 10:30 London",
            ],
            "Omar's technical inside Ana's buffer after Priya's",
        ),
        (
            "p1",
            "tech",
            -4,
            &[2, 4, 7],
            &[
                "Recruiter screen: overlaps Technical for the candidate",
                "Ana Engineer does not work",
                "after Recruiter screen ends",
            ],
            "Priya's technical before Ana's day and on her own screen",
        ),
        (
            "p2",
            "screen",
            -2,
            &[10],
            &["Rita Recruiter interviews Priya (Recruiter screen) 09:00–09:30 London"],
            "Omar's screen on Priya's",
        ),
        (
            "p1",
            "screen",
            6,
            &[7],
            &["Technical: starts less than 0 min after Recruiter screen ends"],
            "Priya's screen after her own technical",
        ),
    ];
    for (cand, round, slots, rules, words, case) in cases {
        let err = batch::move_round(&b, &a, cand, round, slots, london).expect_err(case);
        let MoveError::Breaks { ref broken, .. } = err else {
            panic!("{case}: refused for the rules, got {err:?}");
        };
        let mut got: Vec<u8> = broken.iter().map(|x| x.rule).collect();
        got.sort_unstable();
        got.dedup();
        assert_eq!(got, rules, "{case}: the rules named: {broken:?}");
        let said = err.to_string();
        for w in words {
            assert!(said.contains(w), "{case}: says {w:?}: {said}");
        }
        assert!(said.ends_with("nothing was moved"), "{case}: {said}");
    }
}

#[test]
fn a_move_that_fills_an_interviewer_s_day_beyond_their_cap_is_refused_as_rule_11() {
    // Ana takes one interview a day: Priya's on Monday, Omar's on Tuesday.
    let b = batch(1);
    let a = answer(("2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z"), 630 + 2040);
    assert_whole_day_valid(&b, &a, "one a day");
    // Back to Monday 11:00, clear of Priya's 09:30–10:30 and the buffer.
    let err = batch::move_round(&b, &a, "p2", "tech", -88, chrono_tz::Europe::London)
        .expect_err("two interviews on Monday");
    let MoveError::Breaks { ref broken, .. } = err else {
        panic!("refused for the cap, got {err:?}");
    };
    assert_eq!(
        broken.iter().map(|x| x.rule).collect::<Vec<_>>(),
        [11],
        "only the cap counted over the whole day: {broken:?}"
    );
    let said = err.to_string();
    assert!(
        said.contains("Ana Engineer would have 2 interviews on 2026-03-09 (max_per_day 1)")
            && said.contains("counting the other candidates' interviews"),
        "{said}"
    );
    // Later on Tuesday is fine.
    let moved = batch::move_round(&b, &a, "p2", "tech", 4, chrono_tz::Europe::London)
        .expect("later on Tuesday");
    assert_whole_day_valid(&b, &moved, "Omar an hour later on Tuesday");
}

#[test]
fn a_move_of_someone_not_scheduled_or_off_the_dates_is_refused_in_words() {
    let b = batch(4);
    let a = answer(("2026-03-09T10:45:00Z", "2026-03-09T11:45:00Z"), 1335);
    let london = chrono_tz::Europe::London;
    let cases = [
        (
            "nobody",
            "tech",
            1,
            "nobody is not scheduled on this day",
            "an unknown candidate",
        ),
        (
            "p1",
            "lunch",
            1,
            "the schedule has no round \"lunch\"",
            "an unknown round",
        ),
        (
            "p1",
            "tech",
            -100,
            "cannot move outside the request's dates",
            "before the horizon",
        ),
    ];
    for (cand, round, slots, want, case) in cases {
        let err = batch::move_round(&b, &a, cand, round, slots, london).expect_err(case);
        assert!(err.to_string().contains(want), "{case}: {err}");
    }
}
