//! The Schedule screen's work in the core, on the window bench's big store: 500
//! interviewers, 10,000 candidates and 20,000 bookings (`rondo::example::team`, seed 7,
//! around today). It times what each of the window's actions asks of the core, without
//! the window: building the pipeline's lines (launch), finding options for the
//! pipeline's first candidate, drawing an option (a switch to Schedule) and moving a
//! round (check + redraw).
//!
//! `cargo bench --bench workbench`. Targets: moves and draws well inside the window's
//! 100 ms (the window adds its own drawing on top).

mod support;

use chrono::Utc;
use rondo::example::{team, ExampleSpec};
use rondo::store::Store;
use rondo::usecases::backup::restore;
use rondo::usecases::pipeline;
use rondo::usecases::workbench::horizon::{schedule_form, FindForm};
use rondo::usecases::workbench::Workbench;
use std::time::{Duration, Instant};
use support::{median, ms};

/// How often each quick action is timed.
const RUNS: usize = 30;

fn report(what: &str, mut v: Vec<Duration>) {
    v.sort();
    let worst = v[v.len() - 1];
    println!(
        "workbench bench: {what:<34} median {:>9}   worst {:>9}   (n = {})",
        ms(median(v.clone())),
        ms(worst),
        v.len()
    );
}

fn main() {
    let now = Utc::now();
    let scale = support::scale();
    let spec = ExampleSpec {
        interviewers: 500 / scale,
        candidates: 10_000 / scale,
        bookings: 20_000 / scale,
        seed: 7,
        week_of: now.date_naive(),
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("open");
    restore(&mut store, &team(&spec, now)).expect("store the team");

    let mut builds = Vec::new();
    let mut rows = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        rows = pipeline::rows(&store, now).expect("pipeline");
        builds.push(t.elapsed());
    }
    report("pipeline lines (launch)", builds);
    let first = pipeline::page(&rows, "", None, 0, pipeline::PAGE_SIZE).rows[0]
        .id
        .clone();

    let form = schedule_form(&store, &first, now).expect("the schedule form");
    let find = FindForm {
        candidate: form.candidate.clone(),
        plan: form.plan.clone(),
        from: form.from.clone(),
        to: form.to.clone(),
    };
    let bench = Workbench::default();
    let mut finds = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let answer = bench.find(&store, &find, now).expect("find options");
        finds.push(t.elapsed());
        assert!(answer.scheduled, "the first candidate has options");
    }
    report("find options", finds);

    let mut shows = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        bench.show(0, None).expect("draw option 1");
        shows.push(t.elapsed());
    }
    report("draw an option (switch to Schedule)", shows);

    let round = bench.show(0, None).expect("draw").rounds[0].round.clone();
    let mut moves = Vec::new();
    for k in 0..RUNS {
        let slots = if k % 2 == 0 { 1 } else { -1 };
        let t = Instant::now();
        bench.move_round(0, &round, slots).expect("move a round");
        moves.push(t.elapsed());
    }
    report("move a round (check + redraw)", moves);

    let mut answers = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        bench.answer().expect("the answer");
        answers.push(t.elapsed());
    }
    report("the answer again (option badges)", answers);
}
