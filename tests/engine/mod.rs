//! Tests of the scheduling engine (`rondo::engine`) and of `rondo solve`.
//!
//! - [`bench_set`]: every public benchmark instance, solved in-process and judged by
//!   `shared/bench/validate.py` against `expected.tsv`.
//! - [`rules`]: one table per hard rule of `shared/formats/problem.md`, tiny hand-built
//!   requests on real 2026 DST dates, and `check` on hand-broken schedules.
//! - [`props`]: determinism, monotonicity under added availability, and agreement with
//!   a brute-force search on tiny random requests.
//! - [`optimality`]: option 1 finishes exactly as early as the brute force finds, and
//!   the round-order regression case that agreement found.
//! - [`cli`]: the real `rondo` binary on good and bad requests.
//!
//! This module holds the small request builders the tables share.

mod bench_set;
mod cli;
mod optimality;
mod props;
mod rules;

use chrono::{DateTime, SecondsFormat, Utc};
use rondo::problem::Problem;
use rondo::solution::SolutionDoc;
use serde_json::{json, Value};

/// A `rondo-problem/1` request as JSON, with the fields every case needs.
pub fn request(
    horizon: [&str; 2],
    slot_minutes: i64,
    candidate: Value,
    interviewers: Vec<Value>,
    rounds: Vec<Value>,
) -> Value {
    json!({
        "format": "rondo-problem/1",
        "id": "case",
        "horizon": {"start": horizon[0], "end": horizon[1]},
        "slot_minutes": slot_minutes,
        "candidate": candidate,
        "interviewers": interviewers,
        "rounds": rounds,
    })
}

/// A candidate in `zone`, available in the given `[start, end)` windows.
pub fn candidate(zone: &str, available: &[[&str; 2]]) -> Value {
    json!({
        "id": "cand",
        "time_zone": zone,
        "available": available.iter().map(|w| span(w[0], w[1])).collect::<Vec<_>>(),
    })
}

/// An interviewer with pools and weekly working hours (`{"mon": [["09:00", "17:00"]]}`).
pub fn interviewer(id: &str, zone: &str, pools: &[&str], working_hours: Value) -> Value {
    json!({"id": id, "time_zone": zone, "pools": pools, "working_hours": working_hours})
}

/// A round of `minutes` with its requirements (`[{"pool": "p", "count": 1}]`).
pub fn round(id: &str, minutes: i64, requirements: Value) -> Value {
    json!({"id": id, "duration_minutes": minutes, "interviewers": requirements})
}

/// An interval object `{"start", "end"}`.
pub fn span(start: &str, end: &str) -> Value {
    json!({"start": start, "end": end})
}

/// The same JSON value with `f` applied: a case that differs from a base in one field.
pub fn with(mut v: Value, f: impl FnOnce(&mut Value)) -> Value {
    f(&mut v);
    v
}

/// Validates a request built by a test case; a refusal is a broken test case.
pub fn problem(case: &str, v: &Value) -> Problem {
    Problem::from_json(&v.to_string())
        .unwrap_or_else(|e| panic!("case {case}: the request was refused: {e}"))
}

/// An instant written as RFC 3339.
pub fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("bad instant {s:?} in a test: {e}"))
        .with_timezone(&Utc)
}

/// Option 1's finish as `…Z`, or `infeasible`.
pub fn finish_text(doc: &SolutionDoc) -> String {
    match doc.options.first() {
        Some(o) => o.finish.to_rfc3339_opts(SecondsFormat::Secs, true),
        None => "infeasible".to_string(),
    }
}
