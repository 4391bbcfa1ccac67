//! `rondo ics busy` as a person runs it: output, JSON, and errors naming the argument.

use std::path::PathBuf;
use std::process::Command;

fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("rondo-ics-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("write temp file");
    path
}

const CAL: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:a\r\n\
DTSTART;TZID=Europe/Berlin:20260330T090000\r\nDTEND;TZID=Europe/Berlin:20260330T100000\r\n\
RRULE:FREQ=DAILY;COUNT=2\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nSUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

fn rondo(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rondo"))
        .args(args)
        .output()
        .expect("run rondo");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn busy_prints_utc_intervals_and_what_was_skipped() {
    let f = temp_file("busy.ics", CAL);
    let path = f.to_str().expect("utf-8 path");
    let (ok, out, err) = rondo(&[
        "ics",
        "busy",
        path,
        "--from",
        "2026-03-01",
        "--to",
        "2026-04-01",
    ]);
    assert!(ok, "exit 0: {err}");
    assert_eq!(
        out,
        "2026-03-30T07:00:00Z  2026-03-30T08:00:00Z\n2026-03-31T07:00:00Z  2026-03-31T08:00:00Z\n",
        "text output"
    );
    assert!(
        err.contains("line 10") && err.contains("no DTSTART"),
        "skipped event reported on stderr: {err}"
    );

    let (ok, out, _) = rondo(&[
        "ics",
        "busy",
        path,
        "--from",
        "2026-03-31",
        "--to",
        "2026-04-01",
        "--json",
        "--zone",
        "Europe/Berlin",
    ]);
    assert!(ok, "json exit 0");
    let v: serde_json::Value = serde_json::from_str(&out).expect("stdout is JSON");
    assert_eq!(
        v,
        serde_json::json!([{"start": "2026-03-31T07:00:00Z", "end": "2026-03-31T08:00:00Z"}]),
        "JSON list of {{start, end}}; window from Berlin midnight"
    );
    std::fs::remove_file(&f).ok();
}

#[test]
fn bad_arguments_are_named_in_the_error() {
    let f = temp_file("args.ics", CAL);
    let path = f.to_str().expect("utf-8 path");
    let missing = std::env::temp_dir().join("rondo-ics-does-not-exist.ics");
    let missing = missing.to_str().expect("utf-8 path");
    let not_ics = temp_file("not.ics", "just some text\n");
    let not_ics = not_ics.to_str().expect("utf-8 path");
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "ics",
                "busy",
                path,
                "--from",
                "2026-03-01",
                "--to",
                "2026-04-01",
                "--zone",
                "Mars/Olympus",
            ],
            "--zone",
        ),
        (
            &["ics", "busy", path, "--from", "March", "--to", "2026-04-01"],
            "--from",
        ),
        (
            &[
                "ics",
                "busy",
                path,
                "--from",
                "2026-03-01",
                "--to",
                "2026-13-01",
            ],
            "--to",
        ),
        (
            &[
                "ics",
                "busy",
                path,
                "--from",
                "2026-04-01",
                "--to",
                "2026-03-01",
            ],
            "--to",
        ),
        (
            &[
                "ics",
                "busy",
                missing,
                "--from",
                "2026-03-01",
                "--to",
                "2026-04-01",
            ],
            "FILE",
        ),
        (
            &[
                "ics",
                "busy",
                not_ics,
                "--from",
                "2026-03-01",
                "--to",
                "2026-04-01",
            ],
            "not an iCalendar file",
        ),
    ];
    for (args, needle) in cases {
        let (ok, _, err) = rondo(args);
        assert!(!ok, "{args:?} must fail");
        assert!(
            err.contains(needle),
            "{args:?}: error should name {needle}: {err}"
        );
    }
    std::fs::remove_file(&f).ok();
}

#[test]
fn solve_writes_the_invites_of_option_one() {
    let Some(shared) = crate::support::shared_or_skip("solve_writes_the_invites_of_option_one")
    else {
        return;
    };
    let request = shared.join("bench/instances/rule-all-example.json");
    let request = request.to_str().expect("utf-8 path");
    let dir = std::env::temp_dir().join(format!("rondo-invites-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    let dir_s = dir.to_str().expect("utf-8 path");
    let (ok, out, err) = rondo(&[
        "solve",
        request,
        "--invites",
        dir_s,
        "--organizer",
        "coordinator@example.com",
    ]);
    assert!(ok, "solve with --invites succeeds: {err}");
    let answer: serde_json::Value =
        serde_json::from_str(&out).expect("the answer is still JSON on stdout");
    let rounds = answer["options"][0]["rounds"]
        .as_array()
        .expect("option 1 has rounds");
    assert!(!rounds.is_empty(), "option 1 places rounds");
    let window = rondo::ical::import::Window::new(
        chrono::DateTime::parse_from_rfc3339("2000-01-01T00:00:00Z")
            .expect("date")
            .to_utc(),
        chrono::DateTime::parse_from_rfc3339("2100-01-01T00:00:00Z")
            .expect("date")
            .to_utc(),
    )
    .expect("window");
    let mut uids = std::collections::BTreeSet::new();
    for r in rounds {
        let id = r["round"].as_str().expect("round id");
        let start = r["start"].as_str().expect("start");
        let end = r["end"].as_str().expect("end");
        for audience in ["candidate", "panel"] {
            let path = dir.join(format!("{id}-{audience}.ics"));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{} written: {e}", path.display()));
            assert!(
                text.contains("METHOD:REQUEST\r\n") && text.contains("ORGANIZER"),
                "{id} {audience}: an iTIP request"
            );
            let uid = text
                .lines()
                .find_map(|l| l.strip_prefix("UID:"))
                .expect("a UID")
                .to_string();
            assert!(uids.insert(uid), "{id} {audience}: a UID of its own");
            let busy = rondo::ical::import::busy_from_ics(&text, window, &Default::default())
                .expect("reads back");
            let got: Vec<(String, String)> = busy
                .busy
                .iter()
                .map(|i| (i.start.to_rfc3339(), i.end.to_rfc3339()))
                .collect();
            let at = |s: &str| {
                chrono::DateTime::parse_from_rfc3339(s)
                    .expect("instant")
                    .to_utc()
                    .to_rfc3339()
            };
            assert_eq!(
                got,
                vec![(at(start), at(end))],
                "{id} {audience}: the booked instants"
            );
        }
    }
    assert!(
        dir.join("loop.ics").is_file(),
        "the candidate's loop as a PUBLISH file"
    );
    std::fs::remove_dir_all(&dir).ok();

    let (ok, _, err) = rondo(&["solve", request, "--invites", dir_s]);
    assert!(
        !ok && err.contains("--organizer"),
        "--invites needs --organizer: {err}"
    );
}
