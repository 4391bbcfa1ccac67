//! `rondo solve-batch` on bad requests (exit 2, the field named, nothing on stdout) and
//! on a good one (`--pretty` draws the grid and the itineraries).

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], input: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rondo"))
        .arg("solve-batch")
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the rondo binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write the request");
    let out = child.wait_with_output().expect("rondo ends");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// A request with one interviewer and two candidates; `cand` replaces the second.
fn request(second: &str) -> String {
    format!(
        r#"{{"format":"rondo-batch/1","id":"cli","horizon":{{"start":"2026-03-29T06:00:00Z","end":"2026-03-29T18:00:00Z"}},
"slot_minutes":15,
"interviewers":[{{"id":"ivr-1","time_zone":"Europe/Berlin","pools":["tech"],"working_hours":{{"sun":[["09:00","17:00"]]}},"buffer_minutes":15}}],
"candidates":[{{"id":"cand-1","time_zone":"Asia/Kolkata","weight":2,"available":[{{"start":"2026-03-29T06:00:00Z","end":"2026-03-29T18:00:00Z"}}],
"rounds":[{{"id":"tech","duration_minutes":60,"interviewers":[{{"pool":"tech"}}]}}]}},{second}]}}"#
    )
}

const GOOD_SECOND: &str = r#"{"id":"cand-2","time_zone":"America/New_York","available":[{"start":"2026-03-29T08:00:00Z","end":"2026-03-29T18:00:00Z"}],"rounds":[{"id":"tech","duration_minutes":60,"interviewers":[{"pool":"tech"}]}]}"#;

#[test]
fn bad_requests_exit_2_naming_the_field() {
    let cases = [
        (
            GOOD_SECOND.replace(r#""duration_minutes":60"#, r#""duration_minutes":"sixty""#),
            "candidates[1].rounds[0].duration_minutes",
            "a mistyped field",
        ),
        (
            GOOD_SECOND.replace(r#""id":"cand-2""#, r#""id":"cand-2","weight":0"#),
            "candidates[1] (cand-2).weight",
            "a weight below 1",
        ),
        (
            GOOD_SECOND.replace(r#""id":"cand-2""#, r#""id":"cand-1""#),
            "appears twice",
            "a repeated candidate id",
        ),
        (
            GOOD_SECOND.replace(r#"{"pool":"tech"}"#, r#"{"pool":"design"}"#),
            "candidates[1] (cand-2)",
            "a pool nobody is in",
        ),
        (
            GOOD_SECOND.replace("America/New_York", "Mars/Olympus"),
            "Mars/Olympus",
            "an unknown time zone",
        ),
    ];
    for (second, field, case) in cases {
        let (code, stdout, stderr) = run(&[], &request(&second));
        assert_eq!(code, Some(2), "{case}: exit code; stderr {stderr}");
        assert!(stdout.is_empty(), "{case}: nothing on stdout, got {stdout}");
        assert!(stderr.contains(field), "{case}: names {field}: {stderr}");
    }
}

#[test]
fn pretty_draws_the_day_and_each_itinerary_in_its_own_time() {
    let (code, stdout, stderr) = run(&["--pretty"], &request(GOOD_SECOND));
    assert_eq!(code, Some(0), "{stderr}");
    // One interviewer with a 15-minute buffer, from 09:00 Berlin (07:00Z: the day summer
    // time starts there): cand-1 at 07:00Z, cand-2 (free from 08:00Z) after the buffer.
    for want in [
        "2 of 2 candidates scheduled, weight 3",
        "proven optimal",
        "ivr-1",
        "AAAA.BBBB",
        "Sun 29 Mar 12:30–13:30",
        "Sun 29 Mar 04:15–05:15",
    ] {
        assert!(stdout.contains(want), "--pretty shows {want:?}:\n{stdout}");
    }
}
