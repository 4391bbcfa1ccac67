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
