//! The real `rondo solve` binary: JSON on stdout from a file or stdin, `--pretty` in
//! everyone's local time, and refusals that print nothing on stdout, exit non-zero and
//! name the field at fault on stderr.

use super::{candidate, interviewer, request, round, with};
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A request with one round on Monday 2026-03-02 09:30Z-10:30Z: candidate in Kolkata
/// (15:00-16:00 IST), `ber` in Berlin (10:30 CET) and `nyc` in New York (04:30 EST).
fn good() -> Value {
    with(
        request(
            ["2026-03-02T09:30:00Z", "2026-03-03T00:00:00Z"],
            15,
            candidate(
                "Asia/Kolkata",
                &[["2026-03-02T09:30:00Z", "2026-03-02T10:30:00Z"]],
            ),
            vec![
                interviewer(
                    "ber",
                    "Europe/Berlin",
                    &["p"],
                    json!({"mon": [["00:00", "24:00"]]}),
                ),
                interviewer(
                    "nyc",
                    "America/New_York",
                    &["q"],
                    json!({"mon": [["00:00", "24:00"]]}),
                ),
            ],
            vec![round(
                "panel",
                60,
                json!([{"pool": "p"}, {"person": "nyc"}]),
            )],
        ),
        |v| v["rounds"][0]["name"] = json!("Panel interview"),
    )
}

/// A file under the test binary's temporary folder holding `text`.
fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("create the cli temp folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a temp request");
    path
}

fn rondo(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rondo"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rondo");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    if let Some(text) = stdin {
        pipe.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(pipe);
    child.wait_with_output().expect("wait for rondo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The answer on stdout must be a `rondo-solution/1` document finishing at 10:30Z.
fn assert_answer(case: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{case}: exit {:?}, stderr {}",
        out.status.code(),
        text(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{case}: stdout is not JSON ({e}): {}", text(&out.stdout)));
    assert_eq!(v["format"], "rondo-solution/1", "{case}: format");
    assert_eq!(v["problem"], "case", "{case}: problem id");
    assert_eq!(v["status"], "scheduled", "{case}: status");
    assert_eq!(
        v["options"][0]["finish"], "2026-03-02T10:30:00Z",
        "{case}: option 1's finish"
    );
    let mut who: Vec<&str> = v["options"][0]["rounds"][0]["interviewers"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    who.sort_unstable();
    assert_eq!(who, ["ber", "nyc"], "{case}: interviewers of the panel");
}

#[test]
fn solve_prints_the_answer_as_json_from_a_file_and_from_stdin() {
    let req = good().to_string();
    let file = temp_file("good.json", &req);
    let path = file.to_str().expect("a UTF-8 temp path");
    assert_answer("rondo solve FILE", &rondo(&["solve", path], None));
    assert_answer("rondo solve - (stdin)", &rondo(&["solve", "-"], Some(&req)));
}

#[test]
fn pretty_shows_each_round_in_everyones_local_time() {
    let file = temp_file("pretty.json", &good().to_string());
    let out = rondo(
        &["solve", file.to_str().expect("UTF-8 path"), "--pretty"],
        None,
    );
    assert!(
        out.status.success(),
        "--pretty failed: {}",
        text(&out.stderr)
    );
    let shown = text(&out.stdout);
    for (what, needle) in [
        ("round name", "Panel interview"),
        (
            "candidate, Kolkata (+05:30)",
            "Mon 02 Mar 15:00 – 16:00  candidate (Asia/Kolkata)",
        ),
        (
            "ber, Berlin (CET)",
            "Mon 02 Mar 10:30 – 11:30  ber (Europe/Berlin)",
        ),
        (
            "nyc, New York (EST)",
            "Mon 02 Mar 04:30 – 05:30  nyc (America/New_York)",
        ),
    ] {
        assert!(
            shown.contains(needle),
            "--pretty lacks the {what} line {needle:?}:\n{shown}"
        );
    }
}

#[test]
fn pretty_on_the_shared_example() {
    let Some(shared) = crate::support::shared_or_skip("pretty_on_the_shared_example") else {
        return;
    };
    let file = shared.join("bench/instances/rule-all-example.json");
    let out = rondo(
        &["solve", file.to_str().expect("UTF-8 path"), "--pretty"],
        None,
    );
    assert!(
        out.status.success(),
        "--pretty on rule-all-example failed: {}",
        text(&out.stderr)
    );
    let shown = text(&out.stdout);
    // Option 1 ends 2026-03-03T11:15:00Z, Tuesday 16:45 in Kolkata.
    assert!(
        shown.contains("Option 1 — finishes Tue 03 Mar 16:45 (Asia/Kolkata)"),
        "--pretty on rule-all-example lacks option 1's finish in Kolkata time:\n{shown}"
    );
}

/// A request refused by the reader: stdin text and words stderr must contain.
struct Refusal {
    name: &'static str,
    input: String,
    stderr_has: &'static [&'static str],
}

fn refusal(name: &'static str, input: String, stderr_has: &'static [&'static str]) -> Refusal {
    Refusal {
        name,
        input,
        stderr_has,
    }
}

fn run_refusal(case: &str, out: &Output, stderr_has: &[&str]) -> Vec<String> {
    let mut bad = Vec::new();
    if out.status.success() {
        bad.push(format!("{case}: exit 0, expected a refusal"));
    }
    if !out.stdout.is_empty() {
        bad.push(format!(
            "{case}: stdout is not empty: {}",
            text(&out.stdout)
        ));
    }
    let err = text(&out.stderr);
    for needle in stderr_has {
        if !err.contains(needle) {
            bad.push(format!("{case}: stderr lacks {needle:?}: {err}"));
        }
    }
    bad
}

#[test]
fn bad_requests_are_refused_naming_the_field() {
    let edit = |f: fn(&mut Value)| with(good(), f).to_string();
    let cases = vec![
        refusal(
            "unknown candidate time zone",
            edit(|v| v["candidate"]["time_zone"] = json!("Mars/Olympus_Mons")),
            &["candidate.time_zone", "Mars/Olympus_Mons"],
        ),
        refusal(
            "unknown interviewer time zone",
            edit(|v| v["interviewers"][1]["time_zone"] = json!("America/Gotham")),
            &["interviewers[1] (nyc).time_zone", "America/Gotham"],
        ),
        refusal(
            "round naming a missing pool",
            edit(|v| v["rounds"][0]["interviewers"][0] = json!({"pool": "frontend"})),
            &["rounds[0] (panel)", "frontend"],
        ),
        refusal(
            "round naming a missing person",
            edit(|v| v["rounds"][0]["interviewers"][1] = json!({"person": "ghost"})),
            &["rounds[0] (panel)", "ghost"],
        ),
        refusal(
            "after cycle",
            edit(|v| {
                v["rounds"][0]["after"] = json!([{"round": "debrief"}]);
                v["rounds"]
                    .as_array_mut()
                    .expect("rounds")
                    .push(json!({"id": "debrief", "duration_minutes": 30,
                        "interviewers": [{"pool": "p"}], "after": [{"round": "panel"}]}));
            }),
            &["cycle", "panel", "debrief"],
        ),
        refusal(
            "horizon ending before it starts",
            edit(|v| v["horizon"]["end"] = json!("2026-03-01T00:00:00Z")),
            &["horizon", "ends before it starts"],
        ),
        refusal(
            "busy interval ending before it starts",
            edit(|v| {
                v["interviewers"][0]["busy"] =
                    json!([{"start": "2026-03-02T12:00:00Z", "end": "2026-03-02T11:00:00Z"}])
            }),
            &["interviewers[0] (ber).busy", "ends before it starts"],
        ),
        refusal(
            "candidate window ending before it starts",
            edit(|v| {
                v["candidate"]["available"] =
                    json!([{"start": "2026-03-02T12:00:00Z", "end": "2026-03-02T11:00:00Z"}])
            }),
            &["candidate.available", "ends before it starts"],
        ),
        refusal(
            "working window ending before it starts",
            edit(|v| v["interviewers"][0]["working_hours"] = json!({"tue": [["17:00", "09:00"]]})),
            &[
                "interviewers[0] (ber).working_hours.tue",
                "17:00-09:00",
                "ends before it starts",
            ],
        ),
        refusal(
            "malformed JSON",
            good().to_string().replace("\"rounds\"", "\"rounds\" ,,"),
            &["not a valid rondo-problem/1 document"],
        ),
        refusal(
            "missing required field",
            edit(|v| {
                v.as_object_mut().expect("object").remove("slot_minutes");
            }),
            &["slot_minutes"],
        ),
    ];
    let mut failures = Vec::new();
    for c in &cases {
        let out = rondo(&["solve", "-"], Some(&c.input));
        failures.extend(run_refusal(c.name, &out, c.stderr_has));
    }
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli/no-such-request.json");
    let out = rondo(&["solve", missing.to_str().expect("UTF-8 path")], None);
    failures.extend(run_refusal("missing file", &out, &["no-such-request.json"]));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
