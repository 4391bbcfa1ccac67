//! Option 1 finishes as early as any valid schedule can: exact agreement with the
//! brute-force search of [`super::props`], and the regression cases it found.
//!
//! The bug these tests pinned (fixed; they are in the suite since 9ca33aa):
//! `Search::dfs` (`src/engine/search.rs`) gave up a whole node when one ready round
//! could not start *next*, i.e. before `finish_limit - rest_sum`. That bound only holds
//! if the round is placed next; the round may still fit after another ready round, so
//! better schedules were pruned and the answer depended on the order rounds are listed
//! in.

use super::props::{brute_force, first_finish, show, tiny_request, validated};
use super::{candidate, finish_text, interviewer, problem, request, round};
use proptest::prelude::*;
use rondo::engine::solve;
use serde_json::{json, Value};

/// One interviewer `x` working around the clock, named in r0 (60 min), r1 (45 min) and
/// r2 (30 min, at least 60 min after r1 ends), listed in `order`; candidate free
/// 10:00-20:00 UTC on Monday 2026-03-02, slot 30.
fn three_rounds(order: &[usize]) -> Value {
    let rounds = [
        round("r0", 60, json!([{"person": "x"}])),
        round("r1", 45, json!([{"person": "x"}])),
        {
            let mut r = round("r2", 30, json!([{"person": "x"}]));
            r["after"] = json!([{"round": "r1", "min_gap_minutes": 60}]);
            r
        },
    ];
    request(
        ["2026-03-02T10:00:00Z", "2026-03-03T00:00:00Z"],
        30,
        candidate("UTC", &[["2026-03-02T10:00:00Z", "2026-03-02T20:00:00Z"]]),
        vec![interviewer(
            "x",
            "UTC",
            &[],
            json!({"mon": [["00:00", "24:00"]]}),
        )],
        order.iter().map(|&k| rounds[k].clone()).collect(),
    )
}

/// r1 10:00-10:45, r0 11:00-12:00, r2 12:00-12:30 (12:00 >= 10:45 + 60): 12:30 whatever
/// the order the rounds are listed in.
#[test]
fn earliest_finish_does_not_depend_on_round_order() {
    let mut failures = Vec::new();
    for order in [[0, 1, 2], [1, 0, 2], [2, 1, 0], [0, 2, 1]] {
        let v = three_rounds(&order);
        let got = finish_text(&solve(&problem("three rounds", &v)));
        if got != "2026-03-02T12:30:00Z" {
            failures.push(format!(
                "rounds listed in order {order:?}: finish {got}, expected 2026-03-02T12:30:00Z"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 160,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn option_1_finishes_at_the_brute_force_minimum(seed in any::<u64>()) {
        let doc = tiny_request(seed);
        let answer = solve(&validated(&doc));
        let brute = brute_force(&doc);
        prop_assert_eq!(
            first_finish(&answer), brute.as_ref().map(|b| b.0),
            "seed {}: solve's option 1 vs brute force (which found {:?}) for {}",
            seed, brute.as_ref().map(|b| serde_json::to_string(&b.1).unwrap_or_default()), show(&doc)
        );
    }
}
