//! Helpers shared by the integration tests: where `../shared` is, and what a test does
//! when something it needs (`../shared`, an iCalendar checker, `python3`) is missing:
//! under CI (`CI=true`) the test FAILS, so a run never passes without testing;
//! elsewhere it says plainly on stderr that it was skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod one_round;
pub mod smtp;

/// The `../shared` folder beside the checkout, if it is there.
#[allow(dead_code)]
pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then(|| dir.canonicalize().unwrap_or(dir))
}

/// Whether this is a CI run (`CI` set to `true` or `1`, as CI services do).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Test `test` cannot run because `what` is missing (`fix` says how to get it): under CI
/// this panics, failing the test; elsewhere it says it was [`skipped`].
pub fn missing(test: &str, what: &str, fix: &str) {
    if in_ci() {
        panic!("{test}: {what} is missing, and under CI=true that fails the run: {fix}");
    }
    skipped(test, &format!("{what} is missing ({fix})"));
}

/// Says on the terminal that test `test` was skipped and why. Written to stderr
/// directly, not with `eprintln!`, which the test harness swallows for passing tests.
pub fn skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// The `../shared` folder; when it is missing, see [`missing`] (then `None`).
#[allow(dead_code)]
pub fn shared_or_skip(test: &str) -> Option<PathBuf> {
    let dir = shared_dir();
    if dir.is_none() {
        missing(
            test,
            "../shared (beside this checkout)",
            "put the shared folder beside the checkout",
        );
    }
    dir
}

/// Whether the iCalendar checkers `list` (`icaljs,py,libical,khal`) of
/// `shared/ics/checkers` are installed; when they are not, see [`missing`] (then `false`).
#[allow(dead_code)]
pub fn checkers_or_skip(test: &str, shared: &Path, list: &str) -> bool {
    let ready = Command::new("bash")
        .arg(shared.join("ics/checkers/setup.sh"))
        .args(["--check", "--only", list])
        .output();
    match ready {
        Ok(out) if out.status.success() => true,
        other => {
            let said = other
                .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
                .unwrap_or_else(|e| e.to_string());
            missing(
                test,
                &format!("the iCalendar checkers {list}"),
                &format!(
                    "run scripts/test.sh or bash ../shared/ics/checkers/setup.sh; it said: {}",
                    said.trim()
                ),
            );
            false
        }
    }
}

/// Whether the program `program` runs (`program --version`); when it does not, see
/// [`missing`] (then `false`).
#[allow(dead_code)]
pub fn program_or_skip(test: &str, program: &str) -> bool {
    let runs = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        missing(
            test,
            &format!("the program {program}"),
            "run scripts/test.sh, which installs it",
        );
    }
    runs
}

/// Runs the `rondo` binary on data folder `dir` (never the caller's `RONDO_DATA_DIR`).
pub fn rondo(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rondo"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("RONDO_DATA_DIR")
        .output()
        .expect("the rondo binary runs")
}
