//! Benchmark of the hiring-day engine on the public set `../shared/bench/batch/`.
//!
//! Run with `cargo bench --bench batch` (release build, one thread). Every instance is
//! solved once (the engine is deterministic, so a second run repeats the same work);
//! per family and size it prints the median and worst time to the final answer and to
//! the first valid answer, next to the CP-SAT reference's time from `expected.tsv`, and
//! how many answers meet the reference's value. `-- --quick` solves only the small and
//! tiny instances; `-- --only NAME` those whose name contains NAME; `-- --phases`
//! prints where each instance's time went.

use rondo::batch::{self, Batch, Limits};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    // `-- --phases`: where each instance's time went, phase by phase.
    let phases = args.iter().any(|a| a == "--phases");
    // `-- --only NAME`: the instances whose name contains NAME (for profiling one).
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1).cloned());
    let bench = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/batch");
    let Ok(tsv) = std::fs::read_to_string(bench.join("expected.tsv")) else {
        println!(
            "SKIPPED batch bench: ../shared/bench/batch/expected.tsv is not beside this checkout"
        );
        return;
    };
    #[derive(Default)]
    struct Row {
        total: Vec<Duration>,
        first: Vec<Duration>,
        oracle: Vec<f64>,
        met: usize,
    }
    let mut groups: BTreeMap<String, Row> = BTreeMap::new();
    let limits = Limits {
        work: None,
        time_limit: Duration::from_secs(120),
    };
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let [inst, weight, sum, _optimal, _bw, _bs, oracle] = f[..] else {
            continue;
        };
        // `superday-small-001` → `superday small`; `rule-10-buffer-001` → `rule tiny`.
        let group = match inst.split('-').collect::<Vec<_>>()[..] {
            ["rule", ..] => "rule tiny".to_string(),
            [family, "week", size, _] => format!("{family}-week {size}"),
            [family, size, _] => format!("{family} {size}"),
            _ => inst.to_string(),
        };
        if quick && !(group.ends_with("small") || group.ends_with("tiny")) {
            continue;
        }
        if only.as_ref().is_some_and(|o| !inst.contains(o.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(bench.join(format!("instances/{inst}.json")))
            .expect("instance file");
        let b = Batch::from_json(&text).expect("a valid instance");
        let (answer, stats) = batch::solve_with(&b, &limits);
        let row = groups.entry(group).or_default();
        row.total.push(stats.total);
        row.first.push(stats.first_answer);
        row.oracle.push(oracle.parse().unwrap_or(f64::NAN));
        let want = (
            weight.parse::<u64>().unwrap_or(0),
            sum.parse::<i64>().unwrap_or(0),
        );
        let got = (
            answer.objective.scheduled_weight,
            answer.objective.sum_finish_minutes,
        );
        if got.0 > want.0 || (got.0 == want.0 && got.1 <= want.1) {
            row.met += 1;
        }
        eprintln!(
            "{inst}: {:.0} ms (first answer {:.1} ms), weight {} sum {} (reference {} {}){}",
            ms(stats.total),
            ms(stats.first_answer),
            got.0,
            got.1,
            want.0,
            want.1,
            if answer.optimal {
                ", proven optimal"
            } else {
                ""
            }
        );
        if phases {
            for p in &stats.phases {
                eprintln!(
                    "    {:>8.1} ms  work {:>9}  sum {:>7}  bound {:>7}  after {}",
                    ms(p.at),
                    p.work,
                    p.sum,
                    p.bound,
                    p.name
                );
            }
        }
    }
    println!("| family | size | instances | median final | worst final | median first | worst first | CP-SAT (median) | meets reference |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (group, mut row) in groups {
        let (family, size) = group.split_once(' ').unwrap_or((&group, ""));
        row.total.sort();
        row.first.sort();
        row.oracle.sort_by(f64::total_cmp);
        println!(
            "| {family} | {size} | {} | {:.0} ms | {:.0} ms | {:.1} ms | {:.1} ms | {:.0} ms | {}/{} |",
            row.total.len(),
            ms(row.total[row.total.len() / 2]),
            ms(*row.total.last().expect("one run")),
            ms(row.first[row.first.len() / 2]),
            ms(*row.first.last().expect("one run")),
            row.oracle[row.oracle.len() / 2] * 1000.0,
            row.met,
            row.total.len()
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
