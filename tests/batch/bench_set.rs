//! The public hiring-day set: every instance of `shared/bench/batch/instances/` solved
//! by the real `rondo solve-batch` binary, the answers judged by the independent checker
//! `shared/bench/batch/validate.py`: every answer valid (all twelve rules, the objective
//! it claims, its `bound` and `optimal` consistent), and against the reference results
//! (`expected.tsv`) the weight equal to the reference's where it proved it, the sum
//! equal where it proved optimality, never worse than its best found elsewhere, except
//! on the instances of [`SHORT_OF_THE_REFERENCE`], where the engine is known to land a
//! little above the reference's sum (each still valid and never claiming a bound the
//! reference beats).

use crate::support::{program_or_skip, shared_or_skip};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Worker threads: one `rondo solve-batch` each, on 2 shared cores.
const WORKERS: usize = 2;

/// Instances whose sum of finishes the engine does not yet bring down to the
/// reference's (within 1%; see `benches/README.md`). Every other instance must meet the
/// reference; an instance listed here that meets it is reported so the list shrinks.
const SHORT_OF_THE_REFERENCE: &[&str] = &[];

/// A safety cap far above the work the engine budgets itself, so that the answers do
/// not depend on the machine's load (see `batch::Limits`).
const TIME_LIMIT_SECS: &str = "120";

fn solve_one(bench: &Path, out_dir: &Path, inst: &str) -> Option<String> {
    let req = bench.join("instances").join(format!("{inst}.json"));
    let out = Command::new(env!("CARGO_BIN_EXE_rondo"))
        .arg("solve-batch")
        .arg(&req)
        .args(["--time-limit", TIME_LIMIT_SECS])
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => return Some(format!("{inst}: cannot run rondo solve-batch: {e}")),
    };
    if !out.status.success() {
        return Some(format!(
            "{inst}: rondo solve-batch exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let path = out_dir.join(format!("{inst}.json"));
    std::fs::write(&path, &out.stdout)
        .err()
        .map(|e| format!("{inst}: cannot write {}: {e}", path.display()))
}

#[test]
fn every_public_instance_is_valid_and_as_good_as_the_reference() {
    let Some(shared) =
        shared_or_skip("every_public_instance_is_valid_and_as_good_as_the_reference")
    else {
        return;
    };
    if !program_or_skip(
        "every_public_instance_is_valid_and_as_good_as_the_reference",
        "python3",
    ) {
        return;
    }
    let bench = shared.join("bench/batch");
    let checker = bench.join("validate.py");
    assert!(checker.is_file(), "{} is missing", checker.display());
    let mut names: Vec<String> = std::fs::read_dir(bench.join("instances"))
        .expect("read the instances folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 30, "only {} instances", names.len());

    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("batch_answers");
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).expect("create the answers folder");

    let queue = Mutex::new(names.iter());
    let failures = Mutex::new(Vec::<String>::new());
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| loop {
                let next = queue.lock().expect("queue lock").next();
                let Some(inst) = next else { break };
                if let Some(bad) = solve_one(&bench, &out_dir, inst) {
                    failures.lock().expect("failures lock").push(bad);
                }
            });
        }
    });
    let failures = failures.into_inner().expect("failures lock");
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let judge = |expected: bool| {
        let mut cmd = Command::new("python3");
        cmd.arg(&checker)
            .arg("-q")
            .arg("--instances")
            .arg(bench.join("instances"))
            .arg("--answers")
            .arg(&out_dir);
        if expected {
            cmd.arg("--expected").arg(bench.join("expected.tsv"));
        }
        let out = cmd.output().expect("run python3 validate.py");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    // The rules and the answer's own claims, on every instance.
    let rules = judge(false);
    let invalid: Vec<&str> = rules.lines().filter(|l| l.contains(": invalid")).collect();
    assert!(invalid.is_empty(), "validate.py:\n{rules}");
    assert!(
        rules.contains(&format!(
            "{} instances, {} valid, 0 invalid",
            names.len(),
            names.len()
        )),
        "validate.py:\n{rules}"
    );
    // Against the reference.
    let compared = judge(true);
    let mut short = Vec::new();
    for line in compared.lines().filter(|l| l.contains(": invalid")) {
        let inst = line.split(':').next().unwrap_or("");
        if !SHORT_OF_THE_REFERENCE.contains(&inst) {
            short.push(line.to_string());
        }
    }
    // A claim of optimality or a bound that the reference beats is never allowed.
    let details = {
        let mut cmd = Command::new("python3");
        cmd.arg(&checker)
            .arg("--instances")
            .arg(bench.join("instances"))
            .arg("--answers")
            .arg(&out_dir)
            .arg("--expected")
            .arg(bench.join("expected.tsv"));
        String::from_utf8_lossy(&cmd.output().expect("run python3 validate.py").stdout).to_string()
    };
    let false_claims: Vec<&str> = details
        .lines()
        .filter(|l| l.trim_start().starts_with("optimal:") || l.trim_start().starts_with("bound:"))
        .collect();
    assert!(
        false_claims.is_empty(),
        "claims the reference beats:\n{}",
        false_claims.join("\n")
    );
    assert!(
        short.is_empty(),
        "short of the reference:\n{}\n\nvalidate.py --expected:\n{compared}",
        short.join("\n")
    );
    for inst in SHORT_OF_THE_REFERENCE {
        if compared
            .lines()
            .any(|l| l.starts_with(&format!("{inst}: valid")))
        {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "NOTE {inst} now meets the reference: remove it from SHORT_OF_THE_REFERENCE"
            );
        }
    }
}
