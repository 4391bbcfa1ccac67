//! The public hiring-day set: every instance of `shared/bench/batch/instances/` solved
//! by the real `rondo solve-batch` binary, the answers judged by the independent checker
//! `shared/bench/batch/validate.py` against the reference results (`expected.tsv`):
//! every answer valid, the weight equal to the reference's where it proved it, the sum
//! equal where it proved optimality, never worse than its best found elsewhere.

use crate::support::shared_or_skip;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Worker threads: one `rondo solve-batch` each, on 2 shared cores.
const WORKERS: usize = 2;

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

    let out = Command::new("python3")
        .arg(&checker)
        .arg("--instances")
        .arg(bench.join("instances"))
        .arg("--answers")
        .arg(&out_dir)
        .arg("--expected")
        .arg(bench.join("expected.tsv"))
        .output()
        .expect("run python3 validate.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "validate.py exit {:?}:\n{stdout}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = stdout.lines().last().unwrap_or("");
    assert!(
        summary.contains(&format!("{} valid, 0 invalid", names.len())),
        "validate.py: {summary}"
    );
}
