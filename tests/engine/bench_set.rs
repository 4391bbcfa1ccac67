//! The public benchmark set: every instance of `shared/bench/expected.tsv`, solved
//! in-process and judged by the independent checker `shared/bench/validate.py`, by
//! `engine::check`, and against the proven earliest finish.

use super::finish_text;
use crate::support::{program_or_skip, shared_or_skip};
use rondo::engine::{check, solve};
use rondo::problem::Problem;
use rondo::solution::Status;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Worker threads: solving plus one `python3 validate.py` each, on 2 shared cores.
const WORKERS: usize = 3;

/// One row of `expected.tsv`: instance name and its proven finish (or `infeasible`).
fn expected_rows(bench: &Path) -> Vec<(String, String)> {
    let tsv = std::fs::read_to_string(bench.join("expected.tsv"))
        .unwrap_or_else(|e| panic!("cannot read expected.tsv: {e}"));
    let mut lines = tsv.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("instance\tfamily\tsize\texpected_finish"),
        "expected.tsv header changed: {header:?}"
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 4, "expected.tsv row too short: {l:?}");
            (cols[0].to_string(), cols[3].to_string())
        })
        .collect()
}

/// Everything wrong with the engine's answer to one instance (empty when all is well).
fn judge(bench: &Path, out_dir: &Path, inst: &str, expected: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let req_path = bench.join("instances").join(format!("{inst}.json"));
    let text = match std::fs::read_to_string(&req_path) {
        Ok(t) => t,
        Err(e) => return vec![format!("{inst}: cannot read {}: {e}", req_path.display())],
    };
    let p = match Problem::from_json(&text) {
        Ok(p) => p,
        Err(e) => return vec![format!("{inst}: the request was refused: {e}")],
    };
    let answer = solve(&p);

    let got = finish_text(&answer);
    if got != expected {
        bad.push(format!(
            "{inst}: option 1 finishes {got}, expected {expected}"
        ));
    }
    for (k, o) in answer.options.iter().enumerate() {
        let v = check(&p, &o.rounds);
        if !v.is_empty() {
            bad.push(format!(
                "{inst}: engine::check rejects option {}: {v:?}",
                k + 1
            ));
        }
    }
    if answer.status == Status::Infeasible {
        if answer
            .explanation
            .as_deref()
            .is_none_or(|e| e.trim().is_empty())
        {
            bad.push(format!("{inst}: infeasible without an explanation"));
        }
        if answer
            .diagnosis
            .as_ref()
            .is_none_or(|d| d.blockers.is_empty())
        {
            bad.push(format!(
                "{inst}: infeasible without a diagnosis naming a blocker"
            ));
        }
    }

    let answer_path = out_dir.join(format!("{inst}.answer.json"));
    let json = serde_json::to_string_pretty(&answer).expect("an answer serializes");
    if let Err(e) = std::fs::write(&answer_path, json) {
        bad.push(format!(
            "{inst}: cannot write {}: {e}",
            answer_path.display()
        ));
        return bad;
    }
    match Command::new("python3")
        .arg(bench.join("validate.py"))
        .arg(&req_path)
        .arg(&answer_path)
        .arg("--expected-finish")
        .arg(expected)
        .output()
    {
        Err(e) => bad.push(format!("{inst}: cannot run python3 validate.py: {e}")),
        Ok(out) => {
            let stdout = String::from_utf8_lossy(&out.stdout);
            let last = stdout.lines().last().unwrap_or("");
            if !out.status.success() || !last.starts_with("valid:") {
                bad.push(format!(
                    "{inst}: validate.py exit {:?}, said:\n{}{}",
                    out.status.code(),
                    stdout,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    bad
}

#[test]
fn every_bench_instance_is_valid_and_optimal() {
    let test = "every_bench_instance_is_valid_and_optimal";
    let Some(shared) = shared_or_skip(test) else {
        return;
    };
    if !program_or_skip(test, "python3") {
        return;
    }
    let bench = shared.join("bench");
    let rows = expected_rows(&bench);
    assert!(
        rows.len() >= 60,
        "expected.tsv lists only {} instances",
        rows.len()
    );

    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench_set_answers");
    std::fs::create_dir_all(&out_dir).expect("create the answers folder");

    let queue = Mutex::new(rows.iter());
    let failures = Mutex::new(Vec::<String>::new());
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| loop {
                let next = queue.lock().expect("queue lock").next();
                let Some((inst, expected)) = next else { break };
                let bad = judge(&bench, &out_dir, inst, expected);
                failures.lock().expect("failures lock").extend(bad);
            });
        }
    });
    let mut failures = failures.into_inner().expect("failures lock");
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} problem(s) over {} instances:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
