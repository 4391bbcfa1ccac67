//! Benchmark of the scheduling engine on the public set `../shared/bench/`.
//!
//! Run with `cargo bench --bench solve` (release build, one thread). For every instance
//! it parses and solves the request several times and prints, per family and size, the
//! median and worst time of parse + solve and of solve alone, next to the exact CP-SAT
//! reference time from `expected.tsv`, and the process's peak memory at the end.
//! It also checks option 1's finish against `expected.tsv`, so a fast wrong answer
//! cannot pass unnoticed.

#[path = "support/memory.rs"]
mod memory;
use memory::peak_memory;

use rondo::engine;
use rondo::problem::Problem;
use rondo::solution::Status;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const RUNS: usize = 15;

fn main() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench");
    let Ok(tsv) = std::fs::read_to_string(shared.join("expected.tsv")) else {
        println!("SKIPPED solve bench: ../shared/bench/expected.tsv is not beside this checkout");
        return;
    };
    struct Row {
        total: Vec<Duration>,
        solve: Vec<Duration>,
        oracle: Vec<f64>,
        count: usize,
    }
    let mut groups: BTreeMap<(String, String), Row> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let [inst, fam, size, expected, _build, oracle] = f[..] else {
            continue;
        };
        let text = std::fs::read_to_string(shared.join(format!("instances/{inst}.json")))
            .expect("instance file");
        let row = groups
            .entry((fam.to_string(), size.to_string()))
            .or_insert(Row {
                total: Vec::new(),
                solve: Vec::new(),
                oracle: Vec::new(),
                count: 0,
            });
        row.count += 1;
        row.oracle.push(oracle.parse().unwrap_or(f64::NAN));
        for run in 0..RUNS {
            let t0 = Instant::now();
            let p = Problem::from_json(&text).expect("valid instance");
            let t1 = Instant::now();
            let a = engine::solve(&p);
            let t2 = Instant::now();
            row.total.push(t2 - t0);
            row.solve.push(t2 - t1);
            if t2 - t0 > slowest.0 {
                slowest = (t2 - t0, inst.to_string());
            }
            if run == 0 {
                let got = match a.status {
                    Status::Infeasible => "infeasible".to_string(),
                    Status::Scheduled => {
                        a.options[0].finish.format("%Y-%m-%dT%H:%M:%SZ").to_string()
                    }
                };
                if got != expected {
                    wrong.push(format!("{inst}: got {got}, expected {expected}"));
                }
            }
        }
    }
    println!("rondo solve bench: {RUNS} runs per instance, release build, one thread");
    println!();
    println!("| family | size | instances | median parse+solve | worst parse+solve | median solve | worst solve | CP-SAT solve (median) |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for ((fam, size), row) in &mut groups {
        row.total.sort();
        row.solve.sort();
        row.oracle.sort_by(f64::total_cmp);
        let med = |v: &[Duration]| v[v.len() / 2];
        println!(
            "| {fam} | {size} | {} | {} | {} | {} | {} | {:.0} ms |",
            row.count,
            ms(med(&row.total)),
            ms(*row.total.last().unwrap_or(&Duration::ZERO)),
            ms(med(&row.solve)),
            ms(*row.solve.last().unwrap_or(&Duration::ZERO)),
            row.oracle[row.oracle.len() / 2] * 1000.0
        );
    }
    println!();
    println!("slowest single run: {} ({})", ms(slowest.0), slowest.1);
    println!("peak memory (VmHWM) of the whole run: {}", peak_memory());
    if wrong.is_empty() {
        println!("every option 1 finishes at the expected optimum");
    } else {
        println!("WRONG ANSWERS:");
        for w in &wrong {
            println!("  {w}");
        }
        std::process::exit(1);
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
