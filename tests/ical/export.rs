//! Exported invites: checked by every installed checker (ical.js, python icalendar,
//! libical, khal) for the same instants, UID and SEQUENCE as the booking, and typed
//! text that tries to break the file.

use crate::support::{checkers_or_skip, shared_or_skip};
use chrono::{DateTime, Utc};
use rondo::ical::content;
use rondo::ical::export::{
    round_invites, write_invite, write_publish, Attendee, ExportError, Invite, Method, Person,
    Role, RoundBooking,
};
use rondo::ical::values::unescape_text;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every checker of `shared/ics/checkers`: exported files must pass all of them.
pub const ALL_CHECKERS: &str = "icaljs,py,libical,khal";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("test instant")
        .with_timezone(&Utc)
}

fn person(name: &str, email: &str) -> Person {
    Person {
        name: name.into(),
        email: email.into(),
    }
}

fn booking(
    key: &str,
    start: &str,
    end: &str,
    candidate_zone: chrono_tz::Tz,
    panel_zone: chrono_tz::Tz,
) -> RoundBooking {
    RoundBooking {
        key: key.into(),
        round_name: "Technical interview".into(),
        company: "Example Corp".into(),
        candidate: person("Jürgen Müller", "juergen@example.org"),
        candidate_zone,
        interviewers: vec![
            person("Ana Interviewer", "ana@example.com"),
            person("Bo Builder", "bo@example.com"),
        ],
        shadows: vec![person("Chloé Shadow", "chloe@example.com")],
        panel_zone,
        start: at(start),
        end: at(end),
        video_link: "https://meet.example.com/abc-defg-hij".into(),
        contact: person("Recruiting, Example", "recruiting@example.com"),
        notes: "Focus on systems; ask about the migration".into(),
        sequence: 0,
    }
}

fn organizer() -> Person {
    person("Recruiting, Example Corp", "recruiting@example.com")
}

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ical-export");
    std::fs::create_dir_all(&d).expect("create export dir");
    d
}

/// Runs check-invite.py on `path` with `checkers` and returns its JSON verdict.
pub fn check_invite(shared: &Path, path: &Path, checkers: &str) -> (bool, Value) {
    let out = Command::new("python3")
        .arg(shared.join("ics/checkers/check-invite.py"))
        .arg(path)
        .args(["--json", "--checkers", checkers])
        .output()
        .expect("run check-invite.py");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.success(), v)
}

/// (uid, sequence, start, end) of every VEVENT occurrence one checker reported.
fn events_of(v: &Value, checker: &str) -> Vec<(String, Option<i64>, String, String)> {
    let mut got: Vec<_> = v["checkers"][checker]["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["uid"].as_str().unwrap_or_default().to_string(),
                        e["sequence"].as_i64(),
                        e["start_utc"].as_str().unwrap_or_default().to_string(),
                        e["end_utc"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    got.sort();
    got
}

fn z(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[test]
fn every_exported_file_passes_every_checker() {
    let test = "every_exported_file_passes_every_checker";
    let Some(shared) = shared_or_skip(test) else {
        return;
    };
    if !checkers_or_skip(test, &shared, ALL_CHECKERS) {
        return;
    }
    let stamp = at("2026-03-01T09:00:00Z");
    let org = organizer();
    let cases = [
        (
            "berlin-dst-day",
            booking(
                "req1/cand1/tech",
                "2026-03-29T07:00:00Z",
                "2026-03-29T08:00:00Z",
                chrono_tz::Europe::Berlin,
                chrono_tz::America::New_York,
            ),
        ),
        (
            "kolkata",
            booking(
                "req1/cand2/screen",
                "2026-06-10T04:30:00Z",
                "2026-06-10T05:15:00Z",
                chrono_tz::Asia::Kolkata,
                chrono_tz::Europe::Berlin,
            ),
        ),
        (
            "sydney-dst-day",
            booking(
                "req2/cand3/onsite",
                "2026-04-04T23:00:00Z",
                "2026-04-05T01:00:00Z",
                chrono_tz::Australia::Sydney,
                chrono_tz::Australia::Lord_Howe,
            ),
        ),
        (
            "new-york-fold",
            booking(
                "req2/cand4/hm",
                "2026-11-01T06:00:00Z",
                "2026-11-01T06:45:00Z",
                chrono_tz::America::New_York,
                chrono_tz::UTC,
            ),
        ),
    ];
    let dir = out_dir();
    /// A written file and the (UID, SEQUENCE, start, end) of each event in it.
    type Written = (PathBuf, Vec<(String, i64, DateTime<Utc>, DateTime<Utc>)>);
    let mut files: Vec<Written> = Vec::new();
    let mut loop_invites = Vec::new();
    for (name, b) in &cases {
        // Request, reschedule (+1 h, SEQUENCE 1), cancel (SEQUENCE 2).
        let mut moved = b.clone();
        moved.start += chrono::Duration::hours(1);
        moved.end += chrono::Duration::hours(1);
        moved.sequence = 1;
        let mut cancelled = moved.clone();
        cancelled.sequence = 2;
        for (step, bk, method) in [
            ("request", b, Method::Request),
            ("update", &moved, Method::Request),
            ("cancel", &cancelled, Method::Cancel),
        ] {
            let (cand, panel) = round_invites(bk, &org, method, stamp);
            assert_ne!(cand.uid, panel.uid, "{name}: two audiences, two UIDs");
            for (who, inv) in [("candidate", &cand), ("panel", &panel)] {
                let path = dir.join(format!("{name}-{step}-{who}.ics"));
                std::fs::write(&path, write_invite(inv).expect("writes")).expect("save");
                files.push((
                    path,
                    vec![(inv.uid.clone(), i64::from(inv.sequence), inv.start, inv.end)],
                ));
            }
            if step == "request" {
                loop_invites.push(cand);
            }
        }
    }
    let publish = dir.join("loop-publish.ics");
    std::fs::write(&publish, write_publish(&loop_invites).expect("publish")).expect("save");
    files.push((
        publish,
        loop_invites
            .iter()
            .map(|i| (i.uid.clone(), i64::from(i.sequence), i.start, i.end))
            .collect(),
    ));

    for (path, want) in &files {
        let (ok, v) = check_invite(&shared, path, ALL_CHECKERS);
        assert!(
            ok,
            "{}: check-invite failed: {}",
            path.display(),
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
        let mut want: Vec<_> = want
            .iter()
            .map(|(u, s, a, b)| (u.clone(), Some(*s), z(*a), z(*b)))
            .collect();
        want.sort();
        let checkers: Vec<String> = v["checkers"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        assert_eq!(
            checkers.len(),
            ALL_CHECKERS.split(',').count(),
            "{}: every checker ran: {checkers:?}",
            path.display()
        );
        for c in &checkers {
            let got = events_of(&v, c);
            let got: Vec<_> = if c == "khal" {
                // khal cannot report SEQUENCE.
                got.into_iter()
                    .map(|(u, _, a, b)| (u, None, a, b))
                    .collect()
            } else {
                got
            };
            let want: Vec<_> = if c == "khal" {
                want.iter()
                    .map(|(u, _, a, b)| (u.clone(), None, a.clone(), b.clone()))
                    .collect()
            } else {
                want.clone()
            };
            assert_eq!(
                got,
                want,
                "{} read by {c}: UID, SEQUENCE and instants as booked",
                path.display()
            );
        }
        let text = std::fs::read_to_string(path).expect("read back");
        assert!(
            text.split("\r\n").all(|l| l.len() <= 75),
            "{}: every line ≤ 75 octets",
            path.display()
        );
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "{}: CRLF only",
            path.display()
        );
    }
}

const NASTY: &str = "Ann \"The Hammer\" O'Neil;\r\nX-INJECTED:1\nATTENDEE:mailto:evil@x.example,\\ back\\slash, comma; semi:colon ^caret";

#[test]
fn typed_text_never_adds_or_breaks_a_property() {
    let nasty_person = person(NASTY, "ann@example.com");
    let invite = Invite {
        uid: "nasty-1@rondo.invalid".into(),
        sequence: 3,
        method: Method::Request,
        summary: NASTY.into(),
        description: NASTY.into(),
        location: NASTY.into(),
        start: at("2026-10-25T00:30:00Z"),
        end: at("2026-10-25T01:30:00Z"),
        display_zone: chrono_tz::Europe::Berlin,
        organizer: person(NASTY, "org@example.com"),
        attendees: vec![Attendee {
            person: nasty_person,
            role: Role::Required,
            rsvp: true,
        }],
        dtstamp: at("2026-10-01T00:00:00Z"),
        tentative: false,
    };
    let text = write_invite(&invite).expect("writes");
    // Our own reader: exactly the properties we wrote, each once, values intact.
    let doc = content::read(&text);
    assert!(
        doc.junk_lines.is_empty() && doc.unclosed.is_empty(),
        "clean structure:\n{text}"
    );
    let cal = &doc.roots[0];
    let ev = cal
        .children
        .iter()
        .find(|c| c.name == "VEVENT")
        .expect("one VEVENT");
    let mut names: Vec<&str> = ev.props.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "ATTENDEE",
            "DESCRIPTION",
            "DTEND",
            "DTSTAMP",
            "DTSTART",
            "LOCATION",
            "ORGANIZER",
            "SEQUENCE",
            "STATUS",
            "SUMMARY",
            "TRANSP",
            "UID",
            "X-MICROSOFT-CDO-BUSYSTATUS",
            "X-MICROSOFT-CDO-INTENDEDSTATUS"
        ],
        "no property added or lost:\n{text}"
    );
    let typed = NASTY.replace("\r\n", "\n");
    for name in ["SUMMARY", "DESCRIPTION", "LOCATION"] {
        let v = unescape_text(&ev.prop(name).expect("present").value);
        assert_eq!(v, typed, "{name} reads back as typed");
    }
    let att = ev.prop("ATTENDEE").expect("attendee");
    assert_eq!(
        att.value, "mailto:ann@example.com",
        "attendee address intact"
    );
    assert_eq!(
        att.param("ROLE"),
        Some("REQ-PARTICIPANT"),
        "ROLE after CN intact"
    );
    // The fold instant (02:30 Berlin twice) is written in UTC, not as an ambiguous wall time.
    assert_eq!(
        ev.prop("DTSTART").map(|p| p.value.as_str()),
        Some("20261025T003000Z"),
        "fold written in UTC"
    );

    let test = "typed_text_never_adds_or_breaks_a_property (checkers)";
    let Some(shared) = shared_or_skip(test) else {
        return;
    };
    if !checkers_or_skip(test, &shared, "icaljs,py,libical") {
        return;
    }
    let path = out_dir().join("nasty.ics");
    std::fs::write(&path, &text).expect("save");
    // khal prints a summary's newline as a line break that its checker then cannot
    // split (a checker artefact: `khal-check.sh`), so the text test uses the other three.
    let (ok, v) = check_invite(&shared, &path, "icaljs,py,libical");
    assert!(
        ok,
        "all checkers parse it: {}",
        serde_json::to_string_pretty(&v).unwrap_or_default()
    );
    for c in ["icaljs", "py"] {
        let events = &v["checkers"][c]["events"];
        assert_eq!(events.as_array().map(Vec::len), Some(1), "{c}: one event");
        assert_eq!(
            events[0]["summary"].as_str(),
            Some(typed.as_str()),
            "{c}: SUMMARY round-trips"
        );
        assert_eq!(events[0]["sequence"].as_i64(), Some(3), "{c}: SEQUENCE");
    }
}

#[test]
fn invalid_invites_are_errors_not_files() {
    let good = Invite {
        uid: "u@x".into(),
        sequence: 0,
        method: Method::Request,
        summary: "s".into(),
        description: String::new(),
        location: String::new(),
        start: at("2026-01-01T10:00:00Z"),
        end: at("2026-01-01T11:00:00Z"),
        display_zone: chrono_tz::UTC,
        organizer: person("o", "o@x.example"),
        attendees: vec![Attendee {
            person: person("a", "a@x.example"),
            role: Role::Required,
            rsvp: true,
        }],
        dtstamp: at("2026-01-01T00:00:00Z"),
        tentative: false,
    };
    assert!(write_invite(&good).is_ok(), "the base case is valid");
    type Case = (&'static str, fn(&mut Invite), fn(&ExportError) -> bool);
    let cases: &[Case] = &[
        (
            "end before start",
            |i| i.end = i.start,
            |e| matches!(e, ExportError::EndNotAfterStart { .. }),
        ),
        (
            "uid with space",
            |i| i.uid = "a b".into(),
            |e| matches!(e, ExportError::BadUid { .. }),
        ),
        (
            "email with colon",
            |i| i.attendees[0].person.email = "a:b@x".into(),
            |e| matches!(e, ExportError::BadEmail { .. }),
        ),
        (
            "organizer without @",
            |i| i.organizer.email = "nobody".into(),
            |e| matches!(e, ExportError::BadEmail { .. }),
        ),
        (
            "request without attendees",
            |i| i.attendees.clear(),
            |e| matches!(e, ExportError::NoAttendees { .. }),
        ),
    ];
    for (what, edit, want) in cases {
        let mut inv = good.clone();
        edit(&mut inv);
        let err = write_invite(&inv).expect_err(what);
        assert!(want(&err), "{what}: {err:?}");
    }
    assert_eq!(
        write_publish(&[]),
        Err(ExportError::NothingToPublish),
        "empty publish"
    );
}
