//! Benchmark of the store with a big team: 500 interviewers, 10,000 candidates and
//! 100,000 bookings (an example team, seed 1).
//!
//! Run with `cargo bench --bench store`. It prints, each the median of several runs:
//! restoring the whole set from a `rondo-data/1` document (import) and exporting it;
//! opening the database and listing one week's bookings (target under 100 ms);
//! proposing the 5-round loop for stored candidates end to end (target under 50 ms);
//! export + import of the whole set (target under 5 s).

mod support;

use chrono::{Duration as Days, NaiveDate, TimeZone, Utc};
use rondo::domain::{Candidate, PlanId};
use rondo::example::{team, ExampleSpec};
use rondo::interval::Interval;
use rondo::store::Store;
use rondo::usecases::backup::{export, parse, restore};
use rondo::usecases::propose::{propose, ProposeRequest};
use std::time::Instant;
use support::{median, ms};

fn main() {
    let week_of = NaiveDate::from_ymd_opt(2026, 3, 4).expect("valid date");
    let now = Utc
        .with_ymd_and_hms(2026, 3, 2, 0, 0, 0)
        .single()
        .expect("valid instant");
    let scale = support::scale();
    let spec = ExampleSpec {
        interviewers: 500 / scale,
        candidates: 10_000 / scale,
        bookings: 100_000 / scale,
        seed: 1,
        week_of,
    };
    let t = Instant::now();
    let doc = team(&spec, now);
    println!(
        "store bench: generated {} interviewers, {} candidates, {} bookings in {}",
        spec.interviewers,
        spec.candidates,
        spec.bookings,
        ms(t.elapsed())
    );
    let text = serde_json::to_string(&doc).expect("json");
    println!(
        "store bench: the rondo-data/1 document is {:.1} MB",
        text.len() as f64 / 1e6
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let mut imports = Vec::new();
    for _ in 0..3 {
        let mut store = Store::open(dir.path()).expect("open");
        let t = Instant::now();
        let parsed = parse(&text).expect("the example parses");
        let parsed_at = t.elapsed();
        restore(&mut store, &parsed).expect("restore");
        imports.push(t.elapsed());
        println!(
            "store bench:   import run: parse + check {}, restore {}",
            ms(parsed_at),
            ms(t.elapsed() - parsed_at)
        );
    }
    let mut exports = Vec::new();
    {
        let store = Store::open(dir.path()).expect("open");
        for _ in 0..3 {
            let t = Instant::now();
            let out = serde_json::to_string(&export(&store, now).expect("export")).expect("json");
            exports.push(t.elapsed());
            assert!(out.len() > text.len() / 2, "the export holds the set");
        }
    }
    let (import, export_t) = (median(imports), median(exports));
    println!("store bench: import (parse + check + restore) {}, export (read + JSON) {}, together {} (target < 5 s)", ms(import), ms(export_t), ms(import + export_t));

    let week = Utc
        .with_ymd_and_hms(2026, 2, 23, 0, 0, 0)
        .single()
        .expect("valid instant");
    let mut opens = Vec::new();
    let mut lists = Vec::new();
    let mut count = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let store = Store::open(dir.path()).expect("open");
        let opened = t.elapsed();
        let list = store
            .bookings_starting(week, week + Days::days(7))
            .expect("week");
        lists.push(t.elapsed() - opened);
        opens.push(t.elapsed());
        count = list.len();
    }
    println!(
        "store bench: open + list one week ({count} bookings) {} (listing alone {}; target < 100 ms)",
        ms(median(opens)),
        ms(median(lists))
    );

    let store = Store::open(dir.path()).expect("open");
    let loop_plan = PlanId::new("loop-platform").expect("valid id");
    let candidates: Vec<Candidate> = store.all().expect("candidates");
    let mut times = Vec::new();
    let mut scheduled = 0;
    let from = Utc
        .with_ymd_and_hms(2026, 3, 2, 0, 0, 0)
        .single()
        .expect("valid instant");
    for c in candidates
        .iter()
        .filter(|c| c.plan.as_ref() == Some(&loop_plan))
        .take(20)
    {
        let req = ProposeRequest {
            candidate: c.id.clone(),
            plan: None,
            horizon: Interval {
                start: from,
                end: from + Days::days(14),
            },
            options: 3,
            slot_minutes: 15,
        };
        let t = Instant::now();
        let doc = rondo::usecases::propose::problem_doc(
            &store,
            c,
            &store.need(loop_plan.as_str()).expect("plan"),
            req.horizon,
            15,
            3,
        )
        .expect("doc");
        let built = t.elapsed();
        let problem = rondo::problem::Problem::from_doc(&doc).expect("valid");
        let t2 = Instant::now();
        let _ = rondo::engine::solve(&problem);
        if times.len() < 3 {
            println!(
                "store bench:   propose parts: build request {}, solve alone {}",
                ms(built),
                ms(t2.elapsed())
            );
        }
        let t = Instant::now();
        let p = propose(&store, &req, now).expect("propose");
        times.push(t.elapsed());
        scheduled += usize::from(!p.options.is_empty());
    }
    let worst = times.iter().max().copied().unwrap_or_default();
    println!(
        "store bench: propose the 5-round loop for a stored candidate: median {}, worst {} over {} candidates, {} scheduled (target < 50 ms)",
        ms(median(times.clone())),
        ms(worst),
        times.len(),
        scheduled
    );
}
