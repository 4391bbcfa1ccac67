//! Trainees (`docs/problem-trainees.md`): optional trainee seats filled once the schedule
//! is chosen.
//!
//! - Hand-built tables: a trainee never fills a qualified seat of their pool; a reverse
//!   shadow sits only beside a qualified interviewer; trainees obey working hours, busy
//!   time, buffers and caps (on Berlin's 2026 spring-forward date); the trainee closest
//!   to graduating wins; a trainee takes part in one round of a loop.
//! - `check` on hand-broken trainee lists, each naming the rule it breaks.
//! - Properties on tiny random requests given random trainees and seats: the answer is
//!   the answer without trainee seats (same finish, same rounds, times and interviewers),
//!   every option passes `check`, every reverse shadow has a qualified interviewer beside
//!   it, and no free trainee is left out of a seat that could take them.
//! - Requests without the new fields: their answers carry no trainee field.

use super::props::{first_finish, show, tiny_request, validated};
use super::{candidate, interviewer, problem, request, round, span, utc, with};
use proptest::prelude::*;
use rondo::engine::{check, solve};
use rondo::problem::{
    InterviewerDoc, Problem, ProblemDoc, ProblemError, TraineeRole, TraineeSeatsDoc, TrainingDoc,
};
use rondo::solution::{PlacedRound, PlacedTrainee, SolutionDoc};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Sunday 2026-03-29 in Berlin, the spring-forward date: 02:00 CET jumps to 03:00 CEST.
/// Horizon 06:00Z-16:00Z (08:00-18:00 CEST), candidate free all of it, slot 30.
/// `q1` (qualified in backend) works 10:00-16:00 CEST (08:00Z-14:00Z); one 60-minute
/// round `tech` from backend with one trainee seat of backend.
fn sunday(trainees: Vec<Value>) -> Value {
    let h = ["2026-03-29T06:00:00Z", "2026-03-29T16:00:00Z"];
    let mut people = vec![interviewer(
        "q1",
        "Europe/Berlin",
        &["backend"],
        json!({"sun": [["10:00", "16:00"]]}),
    )];
    people.extend(trainees);
    request(
        h,
        30,
        candidate("UTC", &[h]),
        people,
        vec![with(
            round("tech", 60, json!([{"pool": "backend", "count": 1}])),
            |r| r["trainee_seats"] = json!([{"pool": "backend", "count": 1}]),
        )],
    )
}

/// A trainee of backend in Berlin working `hours` on Sunday.
fn trainee(id: &str, stage: &str, remaining: i64, hours: [&str; 2]) -> Value {
    with(
        interviewer(id, "Europe/Berlin", &[], json!({"sun": [hours]})),
        |i| i["trainee_in"] = json!([{"pool": "backend", "stage": stage, "remaining": remaining}]),
    )
}

/// Solves `req` (its first option must pass `check`) and returns option 1's rounds.
fn first_option(name: &str, req: &Value) -> (Problem, Vec<PlacedRound>) {
    let p = problem(name, req);
    let answer = solve(&p);
    for (k, o) in answer.options.iter().enumerate() {
        let v = check(&p, &o.rounds);
        assert!(v.is_empty(), "case {name}: option {} breaks {v:?}", k + 1);
    }
    let rounds = answer
        .options
        .first()
        .unwrap_or_else(|| panic!("case {name}: no schedule: {:?}", answer.explanation))
        .rounds
        .clone();
    (p, rounds)
}

/// The trainees of round `id` as `id:role` strings.
fn trainees_of(rounds: &[PlacedRound], id: &str) -> Vec<String> {
    rounds
        .iter()
        .find(|r| r.round == id)
        .map(|r| {
            r.trainees
                .iter()
                .map(|t| format!("{}:{}", t.id, t.role.as_str()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_trainee_never_fills_a_qualified_seat_of_their_pool() {
    // t1 lists backend in `pools` too and works from 08:00 CEST (06:00Z); q1 only from
    // 10:00 CEST (08:00Z). Were t1 qualified, the round would finish at 07:00Z.
    let t1_in_pool = with(trainee("t1", "shadow", 2, ["08:00", "18:00"]), |i| {
        i["pools"] = json!(["backend"])
    });
    let (_, rounds) = first_option(
        "trainee listed in the pool",
        &sunday(vec![t1_in_pool.clone()]),
    );
    assert_eq!(
        (rounds[0].start, rounds[0].interviewers.clone()),
        (utc("2026-03-29T08:00:00Z"), vec!["q1".to_string()]),
        "q1 at 10:00 CEST, not t1 at 08:00"
    );
    assert_eq!(
        trainees_of(&rounds, "tech"),
        ["t1:shadow"],
        "t1 shadows instead"
    );

    // Alone in the pool, the trainee cannot make the round possible.
    let alone = with(sunday(vec![t1_in_pool]), |v| {
        v["interviewers"].as_array_mut().map(|a| a.remove(0));
    });
    let p = problem("trainee alone", &alone);
    let answer = solve(&p);
    assert!(
        answer.options.is_empty(),
        "a pool of trainees alone fills no qualified seat: {:?}",
        answer.options
    );
}

#[test]
fn a_reverse_shadow_sits_only_beside_a_qualified_interviewer() {
    // A round led by a named person who is not in backend, with a backend trainee seat.
    let hm = |pools: &[&str]| {
        interviewer(
            "hm",
            "Europe/Berlin",
            pools,
            json!({"sun": [["10:00", "16:00"]]}),
        )
    };
    let named_round = |trainees: Vec<Value>, hm_pools: &[&str]| {
        let mut v = sunday(trainees);
        v["interviewers"]
            .as_array_mut()
            .expect("a list")
            .push(hm(hm_pools));
        v["rounds"][0]["interviewers"] = json!([{"person": "hm"}]);
        v
    };
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        (
            "reverse shadow, the round's only interviewer is not in backend",
            named_round(
                vec![trainee("r1", "reverse_shadow", 1, ["08:00", "18:00"])],
                &["managers"],
            ),
            vec![],
        ),
        (
            "shadow, the same round",
            named_round(
                vec![trainee("s1", "shadow", 3, ["08:00", "18:00"])],
                &["managers"],
            ),
            vec!["s1:shadow"],
        ),
        (
            "reverse shadow, the named person is in backend",
            named_round(
                vec![trainee("r1", "reverse_shadow", 1, ["08:00", "18:00"])],
                &["backend"],
            ),
            vec!["r1:reverse_shadow"],
        ),
        (
            "reverse shadow beside q1 from the backend seat",
            sunday(vec![trainee("r1", "reverse_shadow", 1, ["08:00", "18:00"])]),
            vec!["r1:reverse_shadow"],
        ),
        (
            "a farther shadow gets the seat the closer reverse shadow cannot take",
            named_round(
                vec![
                    trainee("r1", "reverse_shadow", 1, ["08:00", "18:00"]),
                    trainee("s1", "shadow", 4, ["08:00", "18:00"]),
                ],
                &["managers"],
            ),
            vec!["s1:shadow"],
        ),
    ];
    for (name, req, want) in cases {
        let (p, rounds) = first_option(name, &req);
        assert_eq!(trainees_of(&rounds, "tech"), want, "case {name}");
        for r in &rounds {
            for t in r
                .trainees
                .iter()
                .filter(|t| t.role == TraineeRole::ReverseShadow)
            {
                assert!(
                    qualified_beside(&p, r, t),
                    "case {name}: reverse shadow {} alone in {}",
                    t.id,
                    r.round
                );
            }
        }
    }
}

/// True if an interviewer of round `r` is qualified in the trainee's pool.
fn qualified_beside(p: &Problem, r: &PlacedRound, t: &PlacedTrainee) -> bool {
    r.interviewers.iter().any(|id| {
        p.interviewers
            .iter()
            .any(|it| &it.id == id && it.pools.contains(&t.pool))
    })
}

#[test]
fn trainees_obey_working_hours_busy_time_buffers_and_caps() {
    // The round sits at 08:00Z-09:00Z (10:00-11:00 CEST on the spring-forward Sunday).
    let t = |f: &dyn Fn(&mut Value)| {
        let mut v = trainee("t1", "shadow", 2, ["08:00", "18:00"]);
        f(&mut v);
        sunday(vec![v])
    };
    let cases: Vec<(&str, Value, bool)> = vec![
        ("free all day", t(&|_| {}), true),
        (
            // 10:30 CEST is 08:30Z: the round would end after they stop.
            "stops working at 10:30 CEST",
            t(&|i| i["working_hours"] = json!({"sun": [["08:00", "10:30"]]})),
            false,
        ),
        (
            // 02:30 does not exist that night; 03:00 CEST = 01:00Z, so 11:00 CEST = 09:00Z.
            "works from the gap's 02:30 to 11:00 CEST",
            t(&|i| i["working_hours"] = json!({"sun": [["02:30", "11:00"]]})),
            true,
        ),
        (
            "busy 08:30Z-08:45Z",
            t(&|i| i["busy"] = json!([span("2026-03-29T08:30:00Z", "2026-03-29T08:45:00Z")])),
            false,
        ),
        (
            "booked 09:00Z-09:30Z with no buffer",
            t(&|i| i["booked"] = json!([span("2026-03-29T09:00:00Z", "2026-03-29T09:30:00Z")])),
            true,
        ),
        (
            "booked 09:00Z-09:30Z with a 15-minute buffer",
            t(&|i| {
                i["booked"] = json!([span("2026-03-29T09:00:00Z", "2026-03-29T09:30:00Z")]);
                i["buffer_minutes"] = json!(15);
            }),
            false,
        ),
        (
            "one booked that day, max_per_day 1",
            t(&|i| {
                i["booked"] = json!([span("2026-03-29T14:00:00Z", "2026-03-29T15:00:00Z")]);
                i["max_per_day"] = json!(1);
            }),
            false,
        ),
        (
            // Berlin's Saturday 23:30 CET is 22:30Z on the 28th: another local date.
            "one booked the evening before, max_per_day 1",
            t(&|i| {
                i["booked"] = json!([span("2026-03-28T22:30:00Z", "2026-03-28T22:45:00Z")]);
                i["max_per_day"] = json!(1);
            }),
            true,
        ),
        (
            // Monday 23 March is in the same ISO week as Sunday 29 March.
            "two booked earlier that week, max_per_week 2",
            t(&|i| {
                i["booked"] = json!([
                    span("2026-03-23T09:00:00Z", "2026-03-23T10:00:00Z"),
                    span("2026-03-24T09:00:00Z", "2026-03-24T10:00:00Z")
                ]);
                i["max_per_week"] = json!(2);
            }),
            false,
        ),
        (
            // Monday 30 March begins the next ISO week.
            "two booked the next week, max_per_week 2",
            t(&|i| {
                i["booked"] = json!([
                    span("2026-03-30T09:00:00Z", "2026-03-30T10:00:00Z"),
                    span("2026-03-31T09:00:00Z", "2026-03-31T10:00:00Z")
                ]);
                i["max_per_week"] = json!(2);
            }),
            true,
        ),
    ];
    for (name, req, seated) in cases {
        let (_, rounds) = first_option(name, &req);
        assert_eq!(
            rounds[0].start,
            utc("2026-03-29T08:00:00Z"),
            "case {name}: the trainee never moves the round"
        );
        let want: Vec<&str> = if seated { vec!["t1:shadow"] } else { vec![] };
        assert_eq!(trainees_of(&rounds, "tech"), want, "case {name}");
    }
}

#[test]
fn the_trainee_closest_to_graduating_gets_the_seat() {
    let all_day = ["08:00", "18:00"];
    let cases: Vec<(&str, Vec<Value>, Vec<&str>)> = vec![
        (
            "3 left against 1 left",
            vec![
                trainee("far", "shadow", 3, all_day),
                trainee("near", "shadow", 1, all_day),
            ],
            vec!["near:shadow"],
        ),
        (
            "equally far: the reverse shadow is further along",
            vec![
                trainee("sh", "shadow", 2, all_day),
                trainee("rs", "reverse_shadow", 2, all_day),
            ],
            vec!["rs:reverse_shadow"],
        ),
        (
            "equally far, same stage: the lighter week",
            vec![
                with(trainee("busy", "shadow", 2, all_day), |i| {
                    i["booked"] = json!([span("2026-03-24T09:00:00Z", "2026-03-24T10:00:00Z")])
                }),
                trainee("light", "shadow", 2, all_day),
            ],
            vec!["light:shadow"],
        ),
        (
            "the closest is not free: the next one",
            vec![
                trainee("near", "shadow", 1, ["13:00", "18:00"]),
                trainee("far", "shadow", 3, all_day),
            ],
            vec!["far:shadow"],
        ),
    ];
    for (name, people, want) in cases {
        let (_, rounds) = first_option(name, &sunday(people));
        assert_eq!(trainees_of(&rounds, "tech"), want, "case {name}");
    }
}

/// Two rounds on the Sunday, `a` then `b`, each with one backend trainee seat.
fn two_rounds(trainees: Vec<Value>) -> Value {
    with(sunday(trainees), |v| {
        v["interviewers"]
            .as_array_mut()
            .expect("a list")
            .push(interviewer(
                "q2",
                "Europe/Berlin",
                &["backend"],
                json!({"sun": [["10:00", "16:00"]]}),
            ));
        let seat = json!([{"pool": "backend", "count": 1}]);
        v["rounds"] = json!([
            {"id": "a", "duration_minutes": 60, "interviewers": [{"pool": "backend"}],
             "trainee_seats": seat},
            {"id": "b", "duration_minutes": 60, "interviewers": [{"pool": "backend"}],
             "trainee_seats": seat, "after": [{"round": "a"}]}
        ]);
    })
}

#[test]
fn a_trainee_takes_part_in_one_round_of_a_loop() {
    // `near` could sit in a or b, `far` only in a (they stop at 09:00Z = 11:00 CEST).
    // Greedy by closeness with moves: near goes to b so far can have a.
    let (_, rounds) = first_option(
        "two seats, two trainees",
        &two_rounds(vec![
            trainee("near", "shadow", 1, ["08:00", "18:00"]),
            trainee("far", "shadow", 5, ["08:00", "11:00"]),
        ]),
    );
    assert_eq!(
        (trainees_of(&rounds, "a"), trainees_of(&rounds, "b")),
        (
            vec!["far:shadow".to_string()],
            vec!["near:shadow".to_string()]
        ),
        "both seated, each once"
    );

    let (_, rounds) = first_option(
        "two seats, one trainee",
        &two_rounds(vec![trainee("only", "shadow", 1, ["08:00", "18:00"])]),
    );
    let seated: Vec<String> = ["a", "b"]
        .iter()
        .flat_map(|r| trainees_of(&rounds, r))
        .collect();
    assert_eq!(
        seated,
        ["only:shadow"],
        "one trainee fills one seat of the loop"
    );

    // A recruiter who trains for backend: an interviewer of the screen, so no trainee
    // in the technical round of the same loop.
    let mut v = sunday(vec![with(
        trainee("rec", "shadow", 1, ["08:00", "18:00"]),
        |i| i["pools"] = json!(["recruiting"]),
    )]);
    v["rounds"] = json!([
        {"id": "screen", "duration_minutes": 30, "interviewers": [{"pool": "recruiting"}]},
        {"id": "tech", "duration_minutes": 60, "interviewers": [{"pool": "backend"}],
         "trainee_seats": [{"pool": "backend"}], "after": [{"round": "screen"}]}
    ]);
    let (_, rounds) = first_option("recruiter in training", &v);
    assert!(
        trainees_of(&rounds, "tech").is_empty(),
        "rec interviews in the screen and cannot also train in tech: {rounds:?}"
    );
}

#[test]
fn check_names_the_broken_trainee_rule() {
    let base = sunday(vec![
        trainee("t1", "shadow", 2, ["08:00", "18:00"]),
        trainee("r1", "reverse_shadow", 1, ["08:00", "18:00"]),
        with(
            interviewer(
                "other",
                "Europe/Berlin",
                &["frontend"],
                json!({"sun": [["08:00", "18:00"]]}),
            ),
            |i| i["trainee_in"] = json!([{"pool": "frontend2", "stage": "shadow", "remaining": 1}]),
        ),
        with(trainee("capped", "shadow", 1, ["08:00", "18:00"]), |i| {
            i["booked"] = json!([span("2026-03-29T14:00:00Z", "2026-03-29T15:00:00Z")]);
            i["max_per_day"] = json!(1);
        }),
        with(trainee("late", "shadow", 1, ["13:00", "18:00"]), |i| {
            i["busy"] = json!([span("2026-03-29T08:30:00Z", "2026-03-29T08:45:00Z")])
        }),
    ]);
    let p = problem("check base", &base);
    let tech = |who: &[&str], trainees: &[(&str, &str, TraineeRole)]| PlacedRound {
        round: "tech".into(),
        start: utc("2026-03-29T08:00:00Z"),
        end: utc("2026-03-29T09:00:00Z"),
        interviewers: who.iter().map(|s| s.to_string()).collect(),
        trainees: trainees
            .iter()
            .map(|(id, pool, role)| PlacedTrainee {
                id: id.to_string(),
                pool: pool.to_string(),
                role: *role,
            })
            .collect(),
    };
    use TraineeRole::{ReverseShadow as Rs, Shadow as Sh};
    let cases: Vec<(&str, PlacedRound, Vec<u8>)> = vec![
        (
            "a shadow beside q1",
            tech(&["q1"], &[("t1", "backend", Sh)]),
            vec![],
        ),
        (
            "a reverse shadow beside q1",
            tech(&["q1"], &[("r1", "backend", Rs)]),
            vec![],
        ),
        (
            "two trainees in one seat",
            tech(&["q1"], &[("t1", "backend", Sh), ("r1", "backend", Rs)]),
            vec![10],
        ),
        (
            "t1 in the wrong role",
            tech(&["q1"], &[("t1", "backend", Rs)]),
            vec![10],
        ),
        (
            "a seat of a pool the round does not offer",
            tech(&["q1"], &[("other", "frontend2", Sh)]),
            vec![10],
        ),
        (
            "someone not training for backend",
            tech(&["q1"], &[("q1", "backend", Sh)]),
            vec![10, 10],
        ),
        (
            "an unknown person",
            tech(&["q1"], &[("nobody", "backend", Sh)]),
            vec![10],
        ),
        (
            "a trainee in the qualified seat",
            tech(&["t1"], &[]),
            vec![3],
        ),
        (
            "a trainee past their daily cap",
            tech(&["q1"], &[("capped", "backend", Sh)]),
            vec![6],
        ),
        (
            "a trainee not working and busy",
            tech(&["q1"], &[("late", "backend", Sh)]),
            vec![4, 5],
        ),
    ];
    for (name, pr, want) in cases {
        let mut got: Vec<u8> = check(&p, &[pr]).iter().map(|v| v.rule).collect();
        got.sort_unstable();
        assert_eq!(got, want, "case {name}");
    }

    // Rule 11: a reverse shadow beside a named person outside backend.
    let named = with(base, |v| {
        v["interviewers"]
            .as_array_mut()
            .expect("a list")
            .push(interviewer(
                "hm",
                "Europe/Berlin",
                &["managers"],
                json!({"sun": [["08:00", "18:00"]]}),
            ));
        v["rounds"][0]["interviewers"] = json!([{"person": "hm"}]);
    });
    let p = problem("named hm", &named);
    let got: Vec<u8> = check(&p, &[tech(&["hm"], &[("r1", "backend", Rs)])])
        .iter()
        .map(|v| v.rule)
        .collect();
    assert_eq!(got, [11], "reverse shadow with no one qualified beside");
    let got: Vec<u8> = check(&p, &[tech(&["hm"], &[("hm", "backend", Sh)])])
        .iter()
        .map(|v| v.rule)
        .collect();
    assert_eq!(
        got,
        [10, 10, 10],
        "hm: both interviewer and trainee, not training, named in the plan"
    );

    // Rule 10: one trainee in two rounds of a loop.
    let two = two_rounds(vec![trainee("t1", "shadow", 1, ["08:00", "18:00"])]);
    let p = problem("two rounds", &two);
    let at = |round: &str, s: &str, e: &str, who: &str, t: &[&str]| PlacedRound {
        round: round.into(),
        start: utc(s),
        end: utc(e),
        interviewers: vec![who.into()],
        trainees: t
            .iter()
            .map(|id| PlacedTrainee {
                id: id.to_string(),
                pool: "backend".into(),
                role: Sh,
            })
            .collect(),
    };
    let got: Vec<u8> = check(
        &p,
        &[
            at(
                "a",
                "2026-03-29T08:00:00Z",
                "2026-03-29T09:00:00Z",
                "q1",
                &["t1"],
            ),
            at(
                "b",
                "2026-03-29T09:00:00Z",
                "2026-03-29T10:00:00Z",
                "q2",
                &["t1"],
            ),
        ],
    )
    .iter()
    .map(|v| v.rule)
    .collect();
    assert_eq!(got, [10], "t1 in two rounds");
}

#[test]
fn bad_trainee_fields_are_refused_naming_the_field() {
    let ok = sunday(vec![trainee("t1", "shadow", 2, ["08:00", "18:00"])]);
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "remaining 0",
            with(ok.clone(), |v| {
                v["interviewers"][1]["trainee_in"][0]["remaining"] = json!(0)
            }),
            "interviewers[1] (t1).trainee_in.remaining",
        ),
        (
            "a pool twice in trainee_in",
            with(ok.clone(), |v| {
                v["interviewers"][1]["trainee_in"] = json!([
                    {"pool": "backend", "stage": "shadow", "remaining": 2},
                    {"pool": "backend", "stage": "reverse_shadow", "remaining": 1}
                ])
            }),
            "interviewers[1] (t1).trainee_in",
        ),
        (
            "an unknown stage",
            with(ok.clone(), |v| {
                v["interviewers"][1]["trainee_in"][0]["stage"] = json!("lead")
            }),
            "lead",
        ),
        (
            "a seat for a pool no one has or trains for",
            with(ok.clone(), |v| {
                v["rounds"][0]["trainee_seats"] = json!([{"pool": "frontend"}])
            }),
            "rounds[0] (tech).trainee_seats",
        ),
        (
            "a pool twice in trainee_seats",
            with(ok.clone(), |v| {
                v["rounds"][0]["trainee_seats"] = json!([{"pool": "backend"}, {"pool": "backend"}])
            }),
            "rounds[0] (tech).trainee_seats",
        ),
        (
            "count 0",
            with(ok.clone(), |v| {
                v["rounds"][0]["trainee_seats"][0]["count"] = json!(0)
            }),
            "rounds[0] (tech).trainee_seats.count",
        ),
        (
            "an unknown field in a seat",
            with(ok, |v| {
                v["rounds"][0]["trainee_seats"][0]["stage"] = json!("shadow")
            }),
            "stage",
        ),
    ];
    for (name, req, names) in cases {
        match Problem::from_json(&req.to_string()) {
            Ok(_) => panic!("case {name}: accepted"),
            Err(e) => {
                let text = e.to_string();
                assert!(
                    text.contains(names),
                    "case {name}: the message {text:?} does not name {names:?}"
                );
                if name == "a pool twice in trainee_in" {
                    assert!(
                        matches!(e, ProblemError::DuplicatePool { .. }),
                        "case {name}"
                    );
                }
            }
        }
    }
}

#[test]
fn answers_to_requests_without_trainee_fields_carry_none() {
    for seed in 0..40u64 {
        let doc = tiny_request(seed);
        let text = serde_json::to_string(&doc).expect("serializes");
        assert!(
            !text.contains("trainee"),
            "seed {seed}: a request without trainees writes no trainee field"
        );
        let answer = serde_json::to_string(&solve(&validated(&doc))).expect("serializes");
        assert!(
            !answer.contains("trainee"),
            "seed {seed}: the answer names trainees: {answer}"
        );
    }
}

/// `doc` with trainees: some people start training for a pool (sometimes one they are
/// listed in), a few new trainees join, and rounds offer trainee seats.
fn with_trainees(doc: &ProblemDoc, seed: u64) -> ProblemDoc {
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n.max(1)
    };
    let stage = |k: u64| {
        if k == 0 {
            TraineeRole::Shadow
        } else {
            TraineeRole::ReverseShadow
        }
    };
    let mut d = doc.clone();
    let pools = ["a", "b"];
    for it in d.interviewers.iter_mut() {
        if next(100) < 35 {
            it.trainee_in.push(TrainingDoc {
                pool: pools[next(2) as usize].into(),
                stage: stage(next(2)),
                remaining: 1 + next(4) as i64,
            });
        }
    }
    for k in 0..next(4) {
        let model = d.interviewers[next(d.interviewers.len() as u64) as usize].clone();
        d.interviewers.push(InterviewerDoc {
            id: format!("t{k}"),
            pools: Vec::new(),
            trainee_in: vec![TrainingDoc {
                pool: pools[next(2) as usize].into(),
                stage: stage(next(2)),
                remaining: 1 + next(4) as i64,
            }],
            ..model
        });
    }
    let known: BTreeSet<String> = d
        .interviewers
        .iter()
        .flat_map(|i| {
            i.pools
                .iter()
                .cloned()
                .chain(i.trainee_in.iter().map(|t| t.pool.clone()))
        })
        .collect();
    for r in d.rounds.iter_mut() {
        for pool in &known {
            if next(100) < 60 {
                r.trainee_seats.push(TraineeSeatsDoc {
                    pool: pool.clone(),
                    count: Some(1 + next(2) as i64),
                });
            }
        }
    }
    d
}

/// `doc` with every round's trainee seats removed (trainees still training).
fn without_seats(doc: &ProblemDoc) -> ProblemDoc {
    let mut d = doc.clone();
    for r in d.rounds.iter_mut() {
        r.trainee_seats.clear();
    }
    d
}

/// Options without their trainees.
fn bare(a: &SolutionDoc) -> Vec<(String, Vec<PlacedRound>)> {
    a.options
        .iter()
        .map(|o| {
            let rounds = o
                .rounds
                .iter()
                .map(|r| PlacedRound {
                    trainees: Vec::new(),
                    ..r.clone()
                })
                .collect();
            (o.finish.to_rfc3339(), rounds)
        })
        .collect()
}

/// A qualified seat filled by someone training for its pool, read from the request as
/// written (not from the validated model the engine shares with `check`): a listed
/// interviewer training for pool P may sit in a round that needs P only if the round
/// names them or also needs a pool they are in and not training for.
fn training_pool_seat(doc: &ProblemDoc, rounds: &[PlacedRound]) -> Option<String> {
    use rondo::problem::RequirementDoc;
    for r in rounds {
        let spec = doc.rounds.iter().find(|x| x.id == r.round)?;
        for id in &r.interviewers {
            let it = doc.interviewers.iter().find(|i| &i.id == id)?;
            let training: BTreeSet<&str> = it.trainee_in.iter().map(|t| t.pool.as_str()).collect();
            let mut needs_trained = false;
            let mut other_reason = false;
            for q in &spec.interviewers {
                match q {
                    RequirementDoc::Person { person } => other_reason |= person == id,
                    RequirementDoc::Pool { pool, .. } => {
                        needs_trained |= training.contains(pool.as_str());
                        other_reason |=
                            it.pools.contains(pool) && !training.contains(pool.as_str());
                    }
                }
            }
            if needs_trained && !other_reason {
                return Some(format!(
                    "{id} fills a seat of {} only by a pool they train for",
                    r.round
                ));
            }
        }
    }
    None
}

/// Every trainee of the request who could be added to a round of `rounds` with room in
/// one of its seats so that `check` still accepts the option: a seat left empty that a
/// free trainee could have taken.
fn missed_trainees(p: &Problem, rounds: &[PlacedRound]) -> Vec<String> {
    let mut missed = Vec::new();
    for (k, r) in rounds.iter().enumerate() {
        let Some(spec) = p.rounds.iter().find(|x| x.id == r.round) else {
            continue;
        };
        for seat in &spec.trainee_seats {
            let used = r.trainees.iter().filter(|t| t.pool == seat.pool).count();
            if used as u32 >= seat.count {
                continue;
            }
            for it in &p.interviewers {
                let Some(t) = it.training_for(&seat.pool) else {
                    continue;
                };
                let mut trial = rounds.to_vec();
                trial[k].trainees.push(PlacedTrainee {
                    id: it.id.clone(),
                    pool: seat.pool.clone(),
                    role: t.role,
                });
                if check(p, &trial).is_empty() {
                    missed.push(format!("{} in {} ({})", it.id, r.round, seat.pool));
                }
            }
        }
    }
    missed
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn trainee_seats_never_change_the_schedule(seed in any::<u64>(), how in any::<u64>()) {
        let doc = with_trainees(&tiny_request(seed), how);
        let p = validated(&doc);
        let with_seats = solve(&p);
        let without = solve(&validated(&without_seats(&doc)));
        prop_assert_eq!(
            first_finish(&with_seats), first_finish(&without),
            "seed {} / {}: trainee seats change the earliest finish of {}", seed, how, show(&doc)
        );
        prop_assert_eq!(
            bare(&with_seats), bare(&without),
            "seed {} / {}: trainee seats change the options of {}", seed, how, show(&doc)
        );
        for (k, o) in with_seats.options.iter().enumerate() {
            let v = check(&p, &o.rounds);
            prop_assert!(v.is_empty(), "seed {} / {}: option {} breaks {:?} for {}", seed, how, k + 1, v, show(&doc));
            for r in &o.rounds {
                for t in &r.trainees {
                    prop_assert!(
                        !r.interviewers.contains(&t.id),
                        "seed {} / {}: {} both interviews and trains in {}", seed, how, t.id, r.round
                    );
                    if t.role == TraineeRole::ReverseShadow {
                        prop_assert!(
                            qualified_beside(&p, r, t),
                            "seed {} / {}: reverse shadow {} alone in {} for {}", seed, how, t.id, r.round, show(&doc)
                        );
                    }
                }
            }
            if let Some(why) = training_pool_seat(&doc, &o.rounds) {
                prop_assert!(false, "seed {} / {}: {} for {}", seed, how, why, show(&doc));
            }
            let missed = missed_trainees(&p, &o.rounds);
            prop_assert!(
                missed.is_empty(),
                "seed {} / {}: option {} leaves free trainees out: {:?} for {}", seed, how, k + 1, missed, show(&doc)
            );
        }
    }
}

/// The property above means little unless trainees are often seated.
#[test]
fn the_trainee_generator_seats_trainees() {
    let mut seated = 0;
    let mut reverse = 0;
    for seed in 0..200u64 {
        let doc = with_trainees(&tiny_request(seed), seed + 7);
        let answer = solve(&validated(&doc));
        for o in &answer.options {
            for r in &o.rounds {
                seated += r.trainees.len();
                reverse += r
                    .trainees
                    .iter()
                    .filter(|t| t.role == TraineeRole::ReverseShadow)
                    .count();
            }
        }
    }
    assert!(
        seated >= 40 && reverse >= 10,
        "only {seated} trainees seated ({reverse} reverse shadows) over 200 random requests"
    );
}
