//! One table per hard rule of `shared/formats/problem.md`: tiny hand-built requests, each
//! with the earliest finish worked out by hand (or `infeasible`), on the real 2026 DST
//! dates. Then `engine::check` on hand-broken schedules, each naming the rule it breaks.
//!
//! Every expected instant below was derived from the rule text, not from the engine:
//! the comments show the arithmetic.

use super::{candidate, finish_text, interviewer, problem, request, round, span, utc, with};
use rondo::engine::{check, solve};
use rondo::solution::PlacedRound;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// A request and the finish option 1 must have (`…Z` or `infeasible`).
struct Case {
    name: &'static str,
    req: Value,
    expect: &'static str,
}

fn case(name: &'static str, req: Value, expect: &'static str) -> Case {
    Case { name, req, expect }
}

/// Solves every case; reports every wrong finish and every option `check` rejects.
fn run(rule: u8, cases: Vec<Case>) {
    let mut failures = Vec::new();
    for c in &cases {
        let p = problem(c.name, &c.req);
        let answer = solve(&p);
        let got = finish_text(&answer);
        if got != c.expect {
            failures.push(format!(
                "rule {rule}, case {:?}: expected {}, got {got}",
                c.name, c.expect
            ));
        }
        for (k, o) in answer.options.iter().enumerate() {
            let v = check(&p, &o.rounds);
            if !v.is_empty() {
                failures.push(format!(
                    "rule {rule}, case {:?}: option {} breaks {v:?}",
                    c.name,
                    k + 1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same windows on each of `days`.
fn hours(days: &[&str], windows: &[[&str; 2]]) -> Value {
    let mut m = serde_json::Map::new();
    for d in days {
        m.insert((*d).to_string(), json!(windows));
    }
    Value::Object(m)
}

const ALL_DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn pool(p: &str, count: i64) -> Value {
    json!([{"pool": p, "count": count}])
}

fn person(x: &str) -> Value {
    json!([{"person": x}])
}

/// Monday 2026-03-02, all in UTC: candidate 09:00-12:00, `a` in pool p working
/// 09:00-17:00, one 60-minute round from p, slot 15.
fn monday() -> Value {
    request(
        ["2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"],
        15,
        candidate("UTC", &[["2026-03-02T09:00:00Z", "2026-03-02T12:00:00Z"]]),
        vec![interviewer(
            "a",
            "UTC",
            &["p"],
            hours(&["mon"], &[["09:00", "17:00"]]),
        )],
        vec![round("r", 60, pool("p", 1))],
    )
}

/// One interviewer `a` in `zone` working `windows` on `day` only, a candidate in UTC
/// available through the horizon, one round of `minutes`, slot 30.
fn one_day(
    horizon: [&str; 2],
    zone: &str,
    day: &str,
    windows: &[[&str; 2]],
    minutes: i64,
) -> Value {
    request(
        horizon,
        30,
        candidate("UTC", &[horizon]),
        vec![interviewer("a", zone, &["p"], hours(&[day], windows))],
        vec![round("r", minutes, pool("p", 1))],
    )
}

fn set(v: &mut Value, path: &[&str], x: Value) {
    let mut at = v;
    for k in path {
        at = match k.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*k],
        };
    }
    *at = x;
}

#[test]
fn rule_1_grid_and_horizon() {
    let offset = |h0: &str, h1: &str, cand_from: &str| {
        with(monday(), |v| {
            set(v, &["horizon"], span(h0, h1));
            set(
                v,
                &["candidate", "available"],
                json!([span(cand_from, "2026-03-02T12:00:00Z")]),
            );
            set(v, &["rounds", "0", "duration_minutes"], json!(30));
        })
    };
    // Kolkata is +05:30: 09:00-10:00 IST is 03:30Z-04:30Z, off a 60-minute grid from 00:00Z.
    let kolkata = |slot: i64| {
        with(
            one_day(
                ["2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"],
                "Asia/Kolkata",
                "mon",
                &[["09:00", "10:00"]],
                60,
            ),
            |v| set(v, &["slot_minutes"], json!(slot)),
        )
    };
    run(
        1,
        vec![
            // Grid 09:05, 09:20, ...: the first slot is 09:05.
            case(
                "horizon starting 09:05 puts the grid on :05",
                offset(
                    "2026-03-02T09:05:00Z",
                    "2026-03-03T00:00:00Z",
                    "2026-03-02T09:00:00Z",
                ),
                "2026-03-02T09:35:00Z",
            ),
            // Candidate from 09:10: 09:05 is too early, the next slot is 09:20.
            case(
                "start between grid points waits for the next one",
                offset(
                    "2026-03-02T09:05:00Z",
                    "2026-03-03T00:00:00Z",
                    "2026-03-02T09:10:00Z",
                ),
                "2026-03-02T09:50:00Z",
            ),
            case(
                "round ending after the horizon is refused",
                offset(
                    "2026-03-02T09:05:00Z",
                    "2026-03-02T09:30:00Z",
                    "2026-03-02T09:00:00Z",
                ),
                "infeasible",
            ),
            case(
                "round ending exactly at the horizon end fits",
                offset(
                    "2026-03-02T09:05:00Z",
                    "2026-03-02T09:35:00Z",
                    "2026-03-02T09:00:00Z",
                ),
                "2026-03-02T09:35:00Z",
            ),
            case(
                "Kolkata hour on a 60-minute UTC grid",
                kolkata(60),
                "infeasible",
            ),
            case(
                "Kolkata hour on a 30-minute UTC grid",
                kolkata(30),
                "2026-03-02T04:30:00Z",
            ),
        ],
    );
}

#[test]
fn rule_2_candidate_available_and_no_overlap() {
    let avail = |windows: Value| with(monday(), |v| set(v, &["candidate", "available"], windows));
    let two_rounds = |until: &str| {
        request(
            ["2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"],
            15,
            candidate("UTC", &[["2026-03-02T09:00:00Z", until]]),
            vec![
                interviewer("a", "UTC", &["p"], hours(&["mon"], &[["09:00", "17:00"]])),
                interviewer("b", "UTC", &["p"], hours(&["mon"], &[["09:00", "17:00"]])),
            ],
            vec![round("r1", 60, pool("p", 1)), round("r2", 60, pool("p", 1))],
        )
    };
    run(
        2,
        vec![
            case(
                "touching windows join",
                avail(json!([
                    span("2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z"),
                    span("2026-03-02T09:30:00Z", "2026-03-02T10:00:00Z")
                ])),
                "2026-03-02T10:00:00Z",
            ),
            case(
                "a 15-minute hole splits the windows",
                avail(json!([
                    span("2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z"),
                    span("2026-03-02T09:45:00Z", "2026-03-02T10:45:00Z")
                ])),
                "2026-03-02T10:45:00Z",
            ),
            case(
                "window written in +05:30 (14:30-15:30 IST = 09:00-10:00Z)",
                avail(json!([span(
                    "2026-03-02T14:30:00+05:30",
                    "2026-03-02T15:30:00+05:30"
                )])),
                "2026-03-02T10:00:00Z",
            ),
            case(
                "two rounds back to back in two hours",
                two_rounds("2026-03-02T11:00:00Z"),
                "2026-03-02T11:00:00Z",
            ),
            case(
                "two one-hour rounds cannot share 90 minutes",
                two_rounds("2026-03-02T10:30:00Z"),
                "infeasible",
            ),
        ],
    );
}

/// Candidate Monday 09:00-12:00 UTC; interviewers `(id, pools)` working 09:00-17:00.
fn team(people: &[(&str, &[&str])], rounds: Vec<Value>) -> Value {
    request(
        ["2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"],
        15,
        candidate("UTC", &[["2026-03-02T09:00:00Z", "2026-03-02T12:00:00Z"]]),
        people
            .iter()
            .map(|(id, pools)| {
                interviewer(id, "UTC", pools, hours(&["mon"], &[["09:00", "17:00"]]))
            })
            .collect(),
        rounds,
    )
}

#[test]
fn rule_3_requirements() {
    let pool_and_person = || vec![round("r1", 60, pool("p", 1)), round("r2", 60, person("a"))];
    run(
        3,
        vec![
            case(
                "two from a pool of two",
                team(
                    &[("a", &["p"]), ("b", &["p"])],
                    vec![round("r", 60, pool("p", 2))],
                ),
                "2026-03-02T10:00:00Z",
            ),
            case(
                "two from a pool of one",
                team(
                    &[("a", &["p"]), ("b", &["q"])],
                    vec![round("r", 60, pool("p", 2))],
                ),
                "infeasible",
            ),
            case(
                "one pool member cannot sit in two rounds",
                team(
                    &[("a", &["p"]), ("b", &["q"])],
                    vec![round("r1", 60, pool("p", 1)), round("r2", 60, pool("p", 1))],
                ),
                "infeasible",
            ),
            case(
                "a person named in a round is never picked from a pool",
                team(&[("a", &["p"]), ("b", &["q"])], pool_and_person()),
                "infeasible",
            ),
            case(
                "pool filled by another member when its only other member is named",
                team(
                    &[("a", &["p"]), ("b", &["q"]), ("c", &["p"])],
                    pool_and_person(),
                ),
                "2026-03-02T11:00:00Z",
            ),
            case(
                "a person named in two rounds sits in both",
                team(
                    &[("a", &[])],
                    vec![round("r1", 60, person("a")), round("r2", 60, person("a"))],
                ),
                "2026-03-02T11:00:00Z",
            ),
            case(
                "person plus one from the pool they belong to",
                team(
                    &[("a", &["p"]), ("b", &["p"])],
                    vec![round(
                        "r",
                        60,
                        json!([{"person": "a"}, {"pool": "p", "count": 1}]),
                    )],
                ),
                "2026-03-02T10:00:00Z",
            ),
            case(
                "the named person cannot also fill the pool seat",
                team(
                    &[("a", &["p"]), ("b", &["q"])],
                    vec![round(
                        "r",
                        60,
                        json!([{"person": "a"}, {"pool": "p", "count": 1}]),
                    )],
                ),
                "infeasible",
            ),
        ],
    );
}

#[test]
fn rule_4_working_hours_across_dst() {
    let berlin_spring = ["2026-03-28T12:00:00Z", "2026-03-30T00:00:00Z"];
    let ny_spring = ["2026-03-07T12:00:00Z", "2026-03-09T00:00:00Z"];
    let ny_fall = ["2026-10-31T12:00:00Z", "2026-11-02T00:00:00Z"];
    let berlin_fall = ["2026-10-24T12:00:00Z", "2026-10-26T00:00:00Z"];
    let sydney_fall = ["2026-04-04T00:00:00Z", "2026-04-06T00:00:00Z"];
    let lord_howe_spring = ["2026-10-03T00:00:00Z", "2026-10-05T00:00:00Z"];
    let kolkata_days = ["2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z"];
    let kolkata_midnight = |windows: Value| {
        with(
            one_day(
                kolkata_days,
                "Asia/Kolkata",
                "mon",
                &[["22:00", "24:00"]],
                180,
            ),
            |v| set(v, &["interviewers", "0", "working_hours"], windows),
        )
    };
    let lunch = with(
        one_day(
            ["2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"],
            "UTC",
            "mon",
            &[["09:00", "12:00"], ["13:00", "17:00"]],
            90,
        ),
        |v| {
            set(
                v,
                &["candidate", "available"],
                json!([span("2026-03-02T11:00:00Z", "2026-03-02T17:00:00Z")]),
            )
        },
    );
    run(
        4,
        vec![
            // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z).
            // 01:00-02:30 is 00:00Z..01:00Z (02:30 does not exist: first instant after).
            case(
                "Berlin 01:00-02:30 on spring-forward day is one real hour",
                one_day(
                    berlin_spring,
                    "Europe/Berlin",
                    "sun",
                    &[["01:00", "02:30"]],
                    60,
                ),
                "2026-03-29T01:00:00Z",
            ),
            case(
                "Berlin 01:00-02:30 cannot hold 90 minutes",
                one_day(
                    berlin_spring,
                    "Europe/Berlin",
                    "sun",
                    &[["01:00", "02:30"]],
                    90,
                ),
                "infeasible",
            ),
            case(
                "Berlin 02:00-03:00 lies in the gap and is empty",
                one_day(
                    berlin_spring,
                    "Europe/Berlin",
                    "sun",
                    &[["02:00", "03:00"]],
                    30,
                ),
                "infeasible",
            ),
            // 02:30 (gap) -> 01:00Z; 04:00 CEST = 02:00Z.
            case(
                "Berlin window opening in the gap opens at 03:00 CEST",
                one_day(
                    berlin_spring,
                    "Europe/Berlin",
                    "sun",
                    &[["02:30", "04:00"]],
                    60,
                ),
                "2026-03-29T02:00:00Z",
            ),
            // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z); 04:00 EDT = 08:00Z.
            case(
                "New York 02:00-04:00 on spring-forward day is one real hour",
                one_day(
                    ny_spring,
                    "America/New_York",
                    "sun",
                    &[["02:00", "04:00"]],
                    60,
                ),
                "2026-03-08T08:00:00Z",
            ),
            case(
                "New York 02:00-04:00 cannot hold 90 minutes",
                one_day(
                    ny_spring,
                    "America/New_York",
                    "sun",
                    &[["02:00", "04:00"]],
                    90,
                ),
                "infeasible",
            ),
            // New York 2026-11-01: 01:00-02:00 happens twice; 01:00 is the earlier (05:00Z),
            // 02:00 EST = 07:00Z: two real hours.
            case(
                "New York ambiguous 01:00-02:00 is two real hours",
                one_day(
                    ny_fall,
                    "America/New_York",
                    "sun",
                    &[["01:00", "02:00"]],
                    120,
                ),
                "2026-11-01T07:00:00Z",
            ),
            case(
                "New York ambiguous 01:00-02:00 cannot hold 150 minutes",
                one_day(
                    ny_fall,
                    "America/New_York",
                    "sun",
                    &[["01:00", "02:00"]],
                    150,
                ),
                "infeasible",
            ),
            // Berlin 2026-10-25: 02:30 CEST = 00:30Z, 03:30 CET = 02:30Z.
            case(
                "Berlin ambiguous 02:30-03:30 is two real hours",
                one_day(
                    berlin_fall,
                    "Europe/Berlin",
                    "sun",
                    &[["02:30", "03:30"]],
                    120,
                ),
                "2026-10-25T02:30:00Z",
            ),
            // Sydney 2026-04-05: 03:00 AEDT falls back to 02:00 AEST; 02:00 AEDT = 15:00Z
            // (Apr 4), 04:00 AEST = 18:00Z.
            case(
                "Sydney 02:00-04:00 on fall-back day is three real hours",
                one_day(
                    sydney_fall,
                    "Australia/Sydney",
                    "sun",
                    &[["02:00", "04:00"]],
                    180,
                ),
                "2026-04-04T18:00:00Z",
            ),
            case(
                "Sydney 02:00-04:00 cannot hold 210 minutes",
                one_day(
                    sydney_fall,
                    "Australia/Sydney",
                    "sun",
                    &[["02:00", "04:00"]],
                    210,
                ),
                "infeasible",
            ),
            // Lord Howe 2026-04-05: 02:00 (+11) falls back 30 min to 01:30 (+10:30);
            // 01:00 = 14:00Z, 03:00 = 16:30Z.
            case(
                "Lord Howe 01:00-03:00 on fall-back day is 150 real minutes",
                one_day(
                    sydney_fall,
                    "Australia/Lord_Howe",
                    "sun",
                    &[["01:00", "03:00"]],
                    150,
                ),
                "2026-04-04T16:30:00Z",
            ),
            case(
                "Lord Howe 01:00-03:00 cannot hold 180 minutes",
                one_day(
                    sydney_fall,
                    "Australia/Lord_Howe",
                    "sun",
                    &[["01:00", "03:00"]],
                    180,
                ),
                "infeasible",
            ),
            // Lord Howe 2026-10-04: 02:00 jumps to 02:30 (+11); 02:00 -> 02:30 = 15:30Z, 03:00 = 16:00Z.
            case(
                "Lord Howe 02:00-03:00 on spring-forward day is 30 real minutes",
                one_day(
                    lord_howe_spring,
                    "Australia/Lord_Howe",
                    "sun",
                    &[["02:00", "03:00"]],
                    30,
                ),
                "2026-10-03T16:00:00Z",
            ),
            case(
                "Lord Howe 02:00-03:00 cannot hold 60 minutes",
                one_day(
                    lord_howe_spring,
                    "Australia/Lord_Howe",
                    "sun",
                    &[["02:00", "03:00"]],
                    60,
                ),
                "infeasible",
            ),
            // Kolkata Mon 22:00-24:00 + Tue 00:00-01:00 = 16:30Z..19:30Z Monday.
            case(
                "24:00 joins the next date's 00:00 window",
                kolkata_midnight(json!({"mon": [["22:00", "24:00"]], "tue": [["00:00", "01:00"]]})),
                "2026-03-02T19:30:00Z",
            ),
            case(
                "24:00 alone does not stretch past midnight",
                kolkata_midnight(json!({"mon": [["22:00", "24:00"]]})),
                "infeasible",
            ),
            // Candidate from 11:00: 11:00-12:00 is too short, so 13:00-14:30.
            case("a lunch gap splits the day", lunch, "2026-03-02T14:30:00Z"),
        ],
    );
}

#[test]
fn rule_5_busy_booked_buffers() {
    let ivr = |f: &dyn Fn(&mut Value)| with(monday(), |v| f(&mut v["interviewers"][0]));
    let ny_fall = |busy: Value| {
        let h = ["2026-10-31T12:00:00Z", "2026-11-02T00:00:00Z"];
        with(
            one_day(h, "America/New_York", "sun", &[["00:00", "04:00"]], 60),
            |v| {
                // 00:00 EDT = 04:00Z .. 04:00 EST = 09:00Z; candidate from 05:00Z.
                set(
                    v,
                    &["candidate", "available"],
                    json!([span("2026-11-01T05:00:00Z", "2026-11-01T09:00:00Z")]),
                );
                set(v, &["interviewers", "0", "busy"], json!([busy]));
            },
        )
    };
    run(
        5,
        vec![
            case(
                "busy 09:00-10:00",
                ivr(&|i| i["busy"] = json!([span("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z")])),
                "2026-03-02T11:00:00Z",
            ),
            case(
                "booked 09:00-10:00",
                ivr(&|i| {
                    i["booked"] = json!([span("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z")])
                }),
                "2026-03-02T11:00:00Z",
            ),
            case(
                "buffer 15 after a busy block",
                ivr(&|i| {
                    i["busy"] = json!([span("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z")]);
                    i["buffer_minutes"] = json!(15);
                }),
                "2026-03-02T11:15:00Z",
            ),
            case(
                "buffer 15 before a busy block at 10:00 leaves no room for 60 minutes",
                ivr(&|i| {
                    i["busy"] = json!([span("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")]);
                    i["buffer_minutes"] = json!(15);
                }),
                "infeasible",
            ),
            case(
                "45 minutes plus a 15-minute buffer touches the busy block: allowed",
                with(
                    ivr(&|i| {
                        i["busy"] = json!([span("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")]);
                        i["buffer_minutes"] = json!(15);
                    }),
                    |v| set(v, &["rounds", "0", "duration_minutes"], json!(45)),
                ),
                "2026-03-02T09:45:00Z",
            ),
            case(
                "zero-length busy blocks nothing",
                ivr(&|i| i["busy"] = json!([span("2026-03-02T09:30:00Z", "2026-03-02T09:30:00Z")])),
                "2026-03-02T10:00:00Z",
            ),
            case(
                "busy written in +01:00 (10:00-11:00 = 09:00-10:00Z)",
                ivr(&|i| {
                    i["busy"] = json!([span(
                        "2026-03-02T10:00:00+01:00",
                        "2026-03-02T11:00:00+01:00"
                    )])
                }),
                "2026-03-02T11:00:00Z",
            ),
            // The first 01:00-02:00 EDT is 05:00Z-06:00Z; the repeated hour (EST) stays free.
            case(
                "busy in the first pass of New York's repeated hour blocks only that hour",
                ny_fall(span(
                    "2026-11-01T01:00:00-04:00",
                    "2026-11-01T02:00:00-04:00",
                )),
                "2026-11-01T07:00:00Z",
            ),
            case(
                "busy in the second pass of New York's repeated hour blocks only that hour",
                ny_fall(span(
                    "2026-11-01T01:00:00-05:00",
                    "2026-11-01T02:00:00-05:00",
                )),
                "2026-11-01T06:00:00Z",
            ),
        ],
    );
}

/// `a` in `zone` working around the clock every day, with `booked` and caps; a
/// candidate in UTC available over `avail`; one 60-minute round, slot 60.
fn capped(zone: &str, horizon: [&str; 2], avail: [&str; 2], booked: Value, caps: Value) -> Value {
    request(
        horizon,
        60,
        candidate("UTC", &[avail]),
        vec![with(
            interviewer("a", zone, &["p"], hours(&ALL_DAYS, &[["00:00", "24:00"]])),
            |i| {
                i["booked"] = booked;
                for (k, x) in caps.as_object().expect("caps are an object") {
                    i[k] = x.clone();
                }
            },
        )],
        vec![round("r", 60, pool("p", 1))],
    )
}

/// `a` named in two one-hour rounds, working 09:00-17:00 UTC Monday and Tuesday.
fn named_twice(max_per_day: i64) -> Value {
    request(
        ["2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z"],
        15,
        candidate(
            "UTC",
            &[
                ["2026-03-02T09:00:00Z", "2026-03-02T17:00:00Z"],
                ["2026-03-03T09:00:00Z", "2026-03-03T17:00:00Z"],
            ],
        ),
        vec![with(
            interviewer(
                "a",
                "UTC",
                &[],
                hours(&["mon", "tue"], &[["09:00", "17:00"]]),
            ),
            |i| i["max_per_day"] = json!(max_per_day),
        )],
        vec![round("r1", 60, person("a")), round("r2", 60, person("a"))],
    )
}

#[test]
fn rule_6_caps_on_local_dates_and_weeks() {
    let two_days = ["2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z"];
    let from_mon_14 = ["2026-03-02T14:00:00Z", "2026-03-04T00:00:00Z"];
    // Booked 02:00Z Tue = Mon 21:00 EST: on Monday in New York, Tuesday in UTC.
    let late_booking = json!([span("2026-03-03T02:00:00Z", "2026-03-03T03:00:00Z")]);
    let week = ["2026-03-04T00:00:00Z", "2026-03-11T00:00:00Z"];
    let monday_bookings = json!([
        span("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"),
        span("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z")
    ]);
    // Sun 2026-03-08 10:00 AEDT; the next Sydney ISO week starts Mon 00:00 AEDT = 13:00Z.
    let sydney_sunday = json!([span("2026-03-07T23:00:00Z", "2026-03-08T00:00:00Z")]);
    let sydney_h = ["2026-03-08T00:00:00Z", "2026-03-10T00:00:00Z"];
    run(
        6,
        vec![
            // Monday (NY) is full: first Tuesday slot in New York is 00:00 EST = 05:00Z.
            case(
                "day cap on the New York date of a late booking",
                capped(
                    "America/New_York",
                    two_days,
                    from_mon_14,
                    late_booking.clone(),
                    json!({"max_per_day": 1}),
                ),
                "2026-03-03T06:00:00Z",
            ),
            case(
                "the same booking in UTC is on another date",
                capped(
                    "UTC",
                    two_days,
                    from_mon_14,
                    late_booking,
                    json!({"max_per_day": 1}),
                ),
                "2026-03-02T15:00:00Z",
            ),
            case(
                "week cap counts bookings before the horizon",
                capped(
                    "UTC",
                    week,
                    week,
                    monday_bookings.clone(),
                    json!({"max_per_week": 2}),
                ),
                "2026-03-09T01:00:00Z",
            ),
            case(
                "week cap with room left",
                capped(
                    "UTC",
                    week,
                    week,
                    monday_bookings.clone(),
                    json!({"max_per_week": 3}),
                ),
                "2026-03-04T01:00:00Z",
            ),
            case(
                "week cap on the Sydney ISO week",
                capped(
                    "Australia/Sydney",
                    sydney_h,
                    sydney_h,
                    sydney_sunday,
                    json!({"max_per_week": 1}),
                ),
                "2026-03-08T14:00:00Z",
            ),
            // Monday already holds two bookings, over the cap of 1: only Monday is refused.
            case(
                "a full date is avoided, not fatal",
                capped(
                    "UTC",
                    two_days,
                    two_days,
                    monday_bookings,
                    json!({"max_per_day": 1}),
                ),
                "2026-03-03T01:00:00Z",
            ),
            case(
                "max_per_day 0 allows nothing",
                capped(
                    "UTC",
                    two_days,
                    two_days,
                    json!([]),
                    json!({"max_per_day": 0}),
                ),
                "infeasible",
            ),
            case(
                "a person named twice with max_per_day 1 spreads over two dates",
                named_twice(1),
                "2026-03-03T10:00:00Z",
            ),
            case(
                "a person named twice with max_per_day 2 stays on Monday",
                named_twice(2),
                "2026-03-02T11:00:00Z",
            ),
        ],
    );
}

/// `a` in r1, `b` in r2, r2 after r1 with `after`; `a` and `b` working the given hours.
fn ordered(
    a_hours: [&str; 2],
    b_hours: [&str; 2],
    after: Value,
    days: &[&str],
    horizon_end: &str,
) -> Value {
    request(
        ["2026-03-02T00:00:00Z", horizon_end],
        15,
        candidate(
            "UTC",
            &[
                ["2026-03-02T09:00:00Z", "2026-03-02T17:00:00Z"],
                ["2026-03-03T09:00:00Z", "2026-03-03T17:00:00Z"],
            ],
        ),
        vec![
            interviewer("a", "UTC", &[], hours(days, &[a_hours])),
            interviewer("b", "UTC", &[], hours(days, &[b_hours])),
        ],
        vec![
            round("r1", 60, person("a")),
            with(round("r2", 60, person("b")), |r| r["after"] = after),
        ],
    )
}

#[test]
fn rule_7_order_and_gaps() {
    let day = ["09:00", "17:00"];
    let mon = &["mon"][..];
    let end = "2026-03-03T00:00:00Z";
    run(
        7,
        vec![
            case(
                "min gap 0: back to back",
                ordered(day, day, json!([{"round": "r1"}]), mon, end),
                "2026-03-02T11:00:00Z",
            ),
            case(
                "min gap 60",
                ordered(
                    day,
                    day,
                    json!([{"round": "r1", "min_gap_minutes": 60}]),
                    mon,
                    end,
                ),
                "2026-03-02T12:00:00Z",
            ),
            // r1 can only be 13:00-14:00, so r2 waits even though b is free at 09:00.
            case(
                "the later round waits for the earlier",
                ordered(["13:00", "17:00"], day, json!([{"round": "r1"}]), mon, end),
                "2026-03-02T15:00:00Z",
            ),
            // r1 ends 10:00 at the latest; b starts at 11:00: a gap of 60 at least.
            case(
                "max gap 30 cannot bridge an hour",
                ordered(
                    ["09:00", "10:00"],
                    ["11:00", "17:00"],
                    json!([{"round": "r1", "max_gap_minutes": 30}]),
                    mon,
                    end,
                ),
                "infeasible",
            ),
            case(
                "max gap 60 bridges exactly an hour",
                ordered(
                    ["09:00", "10:00"],
                    ["11:00", "17:00"],
                    json!([{"round": "r1", "max_gap_minutes": 60}]),
                    mon,
                    end,
                ),
                "2026-03-02T12:00:00Z",
            ),
            case(
                "min gap 1440 moves to the next day",
                ordered(
                    day,
                    day,
                    json!([{"round": "r1", "min_gap_minutes": 1440}]),
                    &["mon", "tue"],
                    "2026-03-04T00:00:00Z",
                ),
                "2026-03-03T11:00:00Z",
            ),
        ],
    );
}

/// Candidate in `zone` available 20:00Z Mon .. 06:00Z Tue; `a` works Mon 20:00-24:00 UTC,
/// `b` Tue 03:00-06:00 UTC; r1 with a, r2 with b, same_day.
fn late_pair(zone: &str) -> Value {
    with(
        request(
            ["2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z"],
            60,
            candidate(zone, &[["2026-03-02T20:00:00Z", "2026-03-03T06:00:00Z"]]),
            vec![
                interviewer("a", "UTC", &[], hours(&["mon"], &[["20:00", "24:00"]])),
                interviewer("b", "UTC", &[], hours(&["tue"], &[["03:00", "06:00"]])),
            ],
            vec![round("r1", 60, person("a")), round("r2", 60, person("b"))],
        ),
        |v| v["same_day"] = json!([["r1", "r2"]]),
    )
}

#[test]
fn rule_8_same_day_on_candidate_date() {
    run(
        8,
        vec![
            // 20:00Z Mon and 03:00Z Tue are both Monday in New York (15:00 and 22:00 EST).
            case(
                "same New York date across UTC midnight",
                late_pair("America/New_York"),
                "2026-03-03T04:00:00Z",
            ),
            case(
                "different UTC dates for a UTC candidate",
                late_pair("UTC"),
                "infeasible",
            ),
            case(
                "no same_day: the dates may differ",
                with(late_pair("UTC"), |v| v["same_day"] = json!([])),
                "2026-03-03T04:00:00Z",
            ),
        ],
    );
}

/// Candidate in `zone` available 17:00Z-20:00Z Mon, capped at `cap` minutes per local
/// date; two one-hour rounds with `a` and `b` working around the clock; slot 30.
fn evening(zone: &str, cap: Option<i64>) -> Value {
    with(
        request(
            ["2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z"],
            30,
            candidate(zone, &[["2026-03-02T17:00:00Z", "2026-03-02T20:00:00Z"]]),
            vec![
                interviewer("a", "UTC", &[], hours(&ALL_DAYS, &[["00:00", "24:00"]])),
                interviewer("b", "UTC", &[], hours(&ALL_DAYS, &[["00:00", "24:00"]])),
            ],
            vec![round("r1", 60, person("a")), round("r2", 60, person("b"))],
        ),
        |v| {
            if let Some(c) = cap {
                v["candidate"]["max_interview_minutes_per_day"] = json!(c);
            }
        },
    )
}

#[test]
fn rule_9_daily_minutes_on_candidate_date() {
    run(
        9,
        vec![
            // Kolkata midnight is 18:30Z: one round must start before, one at or after it.
            case(
                "Kolkata 60 min/day: split across IST midnight",
                evening("Asia/Kolkata", Some(60)),
                "2026-03-02T19:30:00Z",
            ),
            case(
                "Kolkata without a cap: back to back",
                evening("Asia/Kolkata", None),
                "2026-03-02T19:00:00Z",
            ),
            case(
                "Kolkata 120 min/day: back to back",
                evening("Asia/Kolkata", Some(120)),
                "2026-03-02T19:00:00Z",
            ),
            case(
                "UTC 60 min/day: both rounds on one UTC date",
                evening("UTC", Some(60)),
                "infeasible",
            ),
            case(
                "a cap of 0 minutes",
                evening("Asia/Kolkata", Some(0)),
                "infeasible",
            ),
        ],
    );
}

/// A placed round, written compactly.
fn placed(round: &str, start: &str, end: &str, who: &[&str]) -> PlacedRound {
    PlacedRound {
        round: round.to_string(),
        start: utc(start),
        end: utc(end),
        interviewers: who.iter().map(|s| s.to_string()).collect(),
        trainees: Vec::new(),
    }
}

/// A three-round plan on Monday 2026-03-02 (candidate in UTC with a lunch hole) for the
/// `check` table: r1 from pool p, r2 with named c at least 30 min after r1 and on r1's
/// date, r3 from pool q.
fn plan() -> Value {
    let work = || hours(&["mon", "tue"], &[["09:00", "17:00"]]);
    with(
        request(
            ["2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z"],
            15,
            with(
                candidate(
                    "UTC",
                    &[
                        ["2026-03-02T09:00:00Z", "2026-03-02T12:00:00Z"],
                        ["2026-03-02T13:00:00Z", "2026-03-02T17:00:00Z"],
                        ["2026-03-03T09:00:00Z", "2026-03-03T17:00:00Z"],
                    ],
                ),
                |c| c["max_interview_minutes_per_day"] = json!(150),
            ),
            vec![
                with(interviewer("a", "UTC", &["p"], work()), |i| {
                    i["booked"] = json!([span("2026-03-02T07:00:00Z", "2026-03-02T08:00:00Z")]);
                    i["max_per_day"] = json!(1);
                }),
                with(interviewer("b", "UTC", &["p"], work()), |i| {
                    i["busy"] = json!([span("2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z")]);
                    i["buffer_minutes"] = json!(10);
                }),
                interviewer("c", "UTC", &["p"], work()),
                // Berlin: 09:00-17:00 CET is 08:00Z-16:00Z.
                interviewer("d", "Europe/Berlin", &["p", "q"], work()),
            ],
            vec![
                round("r1", 30, pool("p", 1)),
                with(round("r2", 60, person("c")), |r| {
                    r["after"] = json!([{"round": "r1", "min_gap_minutes": 30}])
                }),
                round("r3", 30, pool("q", 1)),
            ],
        ),
        |v| v["same_day"] = json!([["r1", "r2"]]),
    )
}

/// The valid schedule of [`plan`], with `changes` replacing rounds by id (or removing
/// them when the replacement is `None`).
fn plan_schedule(changes: &[(&str, Option<PlacedRound>)]) -> Vec<PlacedRound> {
    let base = vec![
        placed("r1", "2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", &["b"]),
        placed("r2", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", &["c"]),
        placed("r3", "2026-03-02T11:00:00Z", "2026-03-02T11:30:00Z", &["d"]),
    ];
    base.into_iter()
        .filter_map(|r| match changes.iter().find(|(id, _)| *id == r.round) {
            Some((_, new)) => new.clone(),
            None => Some(r),
        })
        .collect()
}

#[test]
fn check_names_the_broken_rule() {
    let r1 = |s: &str, e: &str, who: &[&str]| placed("r1", s, e, who);
    let r2 = |s: &str, e: &str| placed("r2", s, e, &["c"]);
    let r3 = |s: &str, e: &str, who: &[&str]| placed("r3", s, e, who);
    let gap_dst = one_day(
        ["2026-03-28T12:00:00Z", "2026-03-30T00:00:00Z"],
        "Europe/Berlin",
        "sun",
        &[["02:00", "03:00"], ["03:30", "05:00"]],
        30,
    );
    let ny_late = capped(
        "America/New_York",
        ["2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z"],
        ["2026-03-02T14:00:00Z", "2026-03-04T00:00:00Z"],
        json!([span("2026-03-03T02:00:00Z", "2026-03-03T03:00:00Z")]),
        json!({"max_per_day": 1}),
    );
    let utc_late = with(ny_late.clone(), |v| {
        set(v, &["interviewers", "0", "time_zone"], json!("UTC"))
    });
    let ny_14 = vec![placed(
        "r",
        "2026-03-02T14:00:00Z",
        "2026-03-02T15:00:00Z",
        &["a"],
    )];
    let cases: Vec<(&str, Value, Vec<PlacedRound>, &[u8])> = vec![
        ("the valid plan", plan(), plan_schedule(&[]), &[]),
        (
            "r3 off the 15-minute grid",
            plan(),
            plan_schedule(&[(
                "r3",
                Some(r3("2026-03-02T11:05:00Z", "2026-03-02T11:35:00Z", &["d"])),
            )]),
            &[1],
        ),
        (
            "r3 ends 45 minutes after its start",
            plan(),
            plan_schedule(&[(
                "r3",
                Some(r3("2026-03-02T11:00:00Z", "2026-03-02T11:45:00Z", &["d"])),
            )]),
            &[1],
        ),
        ("r3 missing", plan(), plan_schedule(&[("r3", None)]), &[1]),
        (
            "r3 ends after the horizon",
            plan(),
            plan_schedule(&[(
                "r3",
                Some(r3("2026-03-03T23:45:00Z", "2026-03-04T00:15:00Z", &["d"])),
            )]),
            &[1, 2, 4],
        ),
        (
            "r3 in the candidate's lunch hole",
            plan(),
            plan_schedule(&[(
                "r3",
                Some(r3("2026-03-02T12:00:00Z", "2026-03-02T12:30:00Z", &["d"])),
            )]),
            &[2],
        ),
        (
            "r3 overlaps r2 for the candidate",
            plan(),
            plan_schedule(&[(
                "r3",
                Some(r3("2026-03-02T10:30:00Z", "2026-03-02T11:00:00Z", &["d"])),
            )]),
            &[2],
        ),
        (
            "named c picked from pool p",
            plan(),
            plan_schedule(&[(
                "r1",
                Some(r1("2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", &["c"])),
            )]),
            &[3],
        ),
        (
            "two interviewers for one seat",
            plan(),
            plan_schedule(&[(
                "r1",
                Some(r1(
                    "2026-03-02T09:00:00Z",
                    "2026-03-02T09:30:00Z",
                    &["b", "d"],
                )),
            )]),
            &[3],
        ),
        (
            "an unknown interviewer",
            plan(),
            plan_schedule(&[(
                "r1",
                Some(r1("2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", &["zed"])),
            )]),
            &[3],
        ),
        (
            "b is not in pool q",
            plan(),
            plan_schedule(&[(
                "r3",
                Some(r3("2026-03-02T11:00:00Z", "2026-03-02T11:30:00Z", &["b"])),
            )]),
            &[3],
        ),
        (
            "d sits in two rounds",
            plan(),
            plan_schedule(&[(
                "r1",
                Some(r1("2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", &["d"])),
            )]),
            &[3],
        ),
        // Berlin 17:00-17:30 CET is after d's day.
        (
            "d outside working hours",
            plan(),
            plan_schedule(&[(
                "r3",
                Some(r3("2026-03-02T16:00:00Z", "2026-03-02T16:30:00Z", &["d"])),
            )]),
            &[4],
        ),
        // Berlin 02:00-03:00 on 2026-03-29 is empty: 01:00Z-01:30Z is 03:00-03:30 CEST.
        (
            "a window inside the spring-forward gap holds nothing",
            gap_dst.clone(),
            vec![placed(
                "r",
                "2026-03-29T01:00:00Z",
                "2026-03-29T01:30:00Z",
                &["a"],
            )],
            &[4],
        ),
        (
            "03:30 CEST is 01:30Z",
            gap_dst,
            vec![placed(
                "r",
                "2026-03-29T01:30:00Z",
                "2026-03-29T02:00:00Z",
                &["a"],
            )],
            &[],
        ),
        // b busy 14:00-15:00 with a 10-minute buffer; r2 moves to keep r1's order.
        (
            "b's buffer touches a busy block",
            plan(),
            plan_schedule(&[
                (
                    "r1",
                    Some(r1("2026-03-02T13:30:00Z", "2026-03-02T14:00:00Z", &["b"])),
                ),
                (
                    "r2",
                    Some(r2("2026-03-02T14:30:00Z", "2026-03-02T15:30:00Z")),
                ),
            ]),
            &[5],
        ),
        (
            "a's booking on Monday fills max_per_day 1",
            plan(),
            plan_schedule(&[(
                "r1",
                Some(r1("2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", &["a"])),
            )]),
            &[6],
        ),
        (
            "a booking on the interviewer's New York date counts",
            ny_late,
            ny_14.clone(),
            &[6],
        ),
        (
            "the same booking is on another UTC date",
            utc_late,
            ny_14,
            &[],
        ),
        (
            "r2 15 minutes after r1, min gap 30",
            plan(),
            plan_schedule(&[(
                "r2",
                Some(r2("2026-03-02T09:45:00Z", "2026-03-02T10:45:00Z")),
            )]),
            &[7],
        ),
        (
            "r2 210 minutes after r1, max gap 120",
            with(plan(), |v| {
                v["rounds"][1]["after"][0]["max_gap_minutes"] = json!(120)
            }),
            plan_schedule(&[(
                "r2",
                Some(r2("2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z")),
            )]),
            &[7],
        ),
        (
            "r2 on Tuesday, r1 on Monday",
            plan(),
            plan_schedule(&[(
                "r2",
                Some(r2("2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z")),
            )]),
            &[8],
        ),
        (
            "120 minutes on Monday, cap 90",
            with(plan(), |v| {
                v["candidate"]["max_interview_minutes_per_day"] = json!(90)
            }),
            plan_schedule(&[]),
            &[9],
        ),
    ];
    let mut failures = Vec::new();
    for (name, req, schedule, rules) in &cases {
        let p = problem(name, req);
        let got: BTreeSet<u8> = check(&p, schedule).iter().map(|v| v.rule).collect();
        let want: BTreeSet<u8> = rules.iter().copied().collect();
        if got != want {
            failures.push(format!(
                "check, case {name:?}: expected rules {want:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
