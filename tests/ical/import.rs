//! Import rules, one small calendar per rule (RFC 5545 and CORPUS-FINDINGS rows).

use chrono::{DateTime, Utc};
use rondo::ical::import::{
    busy_from_ics, ImportError, ImportOptions, SkipReason, WarningReason, Window,
};

fn window(from: &str, to: &str) -> Window {
    let d = |s: &str| {
        DateTime::parse_from_rfc3339(&format!("{s}T00:00:00Z"))
            .expect("test date")
            .with_timezone(&Utc)
    };
    Window::new(d(from), d(to)).expect("test window")
}

fn cal(body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n")
        .replace('\n', "\r\n")
        .replace("\r\r", "\r")
}

fn spans(text: &str, opts: &ImportOptions) -> Vec<String> {
    let got =
        busy_from_ics(text, window("2026-01-01", "2027-01-01"), opts).expect("import succeeds");
    got.busy
        .iter()
        .map(|i| {
            format!(
                "{}/{}",
                i.start.format("%m-%dT%H:%M"),
                i.end.format("%m-%dT%H:%M")
            )
        })
        .collect()
}

const BERLIN_WEEKLY: &str = "BEGIN:VEVENT\nUID:w\nDTSTART;TZID=Europe/Berlin:20260316T090000\nDTEND;TZID=Europe/Berlin:20260316T100000\n\
RRULE:FREQ=WEEKLY;COUNT=5\nEXDATE;TZID=Europe/Berlin:20260323T090000\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:w\nRECURRENCE-ID;TZID=Europe/Berlin:20260330T090000\nDTSTART;TZID=Europe/Berlin:20260330T140000\n\
DTEND;TZID=Europe/Berlin:20260330T150000\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:w\nRECURRENCE-ID:20260406T070000Z\nDTSTART;TZID=Europe/Berlin:20260406T090000\nDTEND;TZID=Europe/Berlin:20260406T100000\nSTATUS:CANCELLED\nEND:VEVENT\n";

#[test]
fn import_rules_table() {
    let utc = ImportOptions::default();
    let ny = ImportOptions::in_zone(chrono_tz::America::New_York);
    let all_day_free = ImportOptions {
        all_day_busy: false,
        ..ImportOptions::default()
    };
    type Case<'a> = (&'a str, String, &'a ImportOptions, &'a [&'a str]);
    let cases: Vec<Case> = vec![
        ("weekly across Berlin DST, EXDATE, moved and cancelled overrides", cal(BERLIN_WEEKLY), &utc,
            &["03-16T08:00/03-16T09:00", "03-30T12:00/03-30T13:00", "04-13T07:00/04-13T08:00"]),
        ("DST gap: offset before the gap (RFC 5545 §3.3.5)",
            cal("BEGIN:VEVENT\nUID:g\nDTSTART;TZID=Europe/Berlin:20260329T023000\nDURATION:PT1H\nEND:VEVENT\n"), &utc,
            &["03-29T01:30/03-29T02:30"]),
        ("DST fold: first occurrence",
            cal("BEGIN:VEVENT\nUID:f\nDTSTART;TZID=America/New_York:20261101T013000\nDURATION:PT30M\nEND:VEVENT\n"), &utc,
            &["11-01T05:30/11-01T06:00"]),
        ("DURATION hours are exact across the gap (§3.3.6)",
            cal("BEGIN:VEVENT\nUID:d\nDTSTART;TZID=America/New_York:20260308T013000\nDURATION:PT2H\nEND:VEVENT\n"), &utc,
            &["03-08T06:30/03-08T08:30"]),
        ("Asia/Kolkata half-hour offset",
            cal("BEGIN:VEVENT\nUID:k\nDTSTART;TZID=Asia/Kolkata:20260601T100000\nDTEND;TZID=Asia/Kolkata:20260601T110000\nEND:VEVENT\n"), &utc,
            &["06-01T04:30/06-01T05:30"]),
        ("Windows name without VTIMEZONE via CLDR",
            cal("BEGIN:VEVENT\nUID:x\nDTSTART;TZID=W. Europe Standard Time:20260701T090000\nDTEND;TZID=W. Europe Standard Time:20260701T100000\nEND:VEVENT\n"), &utc,
            &["07-01T07:00/07-01T08:00"]),
        ("vendor prefix stripped",
            cal("BEGIN:VEVENT\nUID:v\nDTSTART;TZID=/softwarestudio.org/Olson_20011030_5/Pacific/Auckland:20260701T090000\nDURATION:PT1H\nEND:VEVENT\n"), &utc,
            &["06-30T21:00/06-30T22:00"]),
        ("truncated VTIMEZONE of an IANA name: tz database wins",
            cal("BEGIN:VTIMEZONE\nTZID:Australia/Sydney\nBEGIN:STANDARD\nDTSTART:20300405T030000\nTZOFFSETFROM:+1100\nTZOFFSETTO:+1000\nEND:STANDARD\nEND:VTIMEZONE\n\
BEGIN:VEVENT\nUID:s\nDTSTART;TZID=Australia/Sydney:20260110T090000\nDURATION:PT1H\nEND:VEVENT\n"), &utc,
            &["01-09T22:00/01-09T23:00"]),
        ("custom VTIMEZONE name uses its rules",
            cal("BEGIN:VTIMEZONE\nTZID:My Zone\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0300\nTZOFFSETTO:+0300\nEND:STANDARD\nEND:VTIMEZONE\n\
BEGIN:VEVENT\nUID:c\nDTSTART;TZID=My Zone:20260110T090000\nDTEND;TZID=My Zone:20260110T100000\nEND:VEVENT\n"), &utc,
            &["01-10T06:00/01-10T07:00"]),
        ("floating time in the interviewer's zone",
            cal("BEGIN:VEVENT\nUID:fl\nDTSTART:20260110T090000\nDTEND:20260110T100000\nEND:VEVENT\n"), &ny,
            &["01-10T14:00/01-10T15:00"]),
        ("all-day busy by default, in the interviewer's zone",
            cal("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20260110\nDTEND;VALUE=DATE:20260111\nEND:VEVENT\n"), &ny,
            &["01-10T05:00/01-11T05:00"]),
        ("all-day free by setting",
            cal("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20260110\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\nDTSTART:20260110T120000Z\nDURATION:PT1H\nEND:VEVENT\n"), &all_day_free,
            &["01-10T12:00/01-10T13:00"]),
        ("not busy: cancelled, transparent, CDO free; tentative busy",
            cal("BEGIN:VEVENT\nUID:1\nDTSTART:20260110T090000Z\nDURATION:PT1H\nSTATUS:CANCELLED\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:2\nDTSTART:20260110T110000Z\nDURATION:PT1H\nTRANSP:TRANSPARENT\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:3\nDTSTART:20260110T130000Z\nDURATION:PT1H\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:4\nDTSTART:20260110T150000Z\nDURATION:PT1H\nSTATUS:TENTATIVE\nEND:VEVENT\n"), &utc,
            &["01-10T15:00/01-10T16:00"]),
        ("Outlook all-day series: DATE-TIME RECURRENCE-ID matched by date (#1)",
            cal("BEGIN:VEVENT\nUID:o\nDTSTART;VALUE=DATE:20260105\nDTEND;VALUE=DATE:20260106\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:o\nRECURRENCE-ID;TZID=GMT Standard Time:20260106T000000\nDTSTART;VALUE=DATE:20260110\nDTEND;VALUE=DATE:20260111\nEND:VEVENT\n"), &utc,
            &["01-05T00:00/01-06T00:00", "01-07T00:00/01-08T00:00", "01-10T00:00/01-11T00:00"]),
        ("RDATE PERIOD, RDATE date-time, DTSTART always first (#6, #7)",
            cal("BEGIN:VEVENT\nUID:r\nDTSTART:20260110T090000Z\nDURATION:PT1H\nRDATE;VALUE=PERIOD:20260111T090000Z/PT3H\nRDATE:20260112T090000Z\nEND:VEVENT\n"), &utc,
            &["01-10T09:00/01-10T10:00", "01-11T09:00/01-11T12:00", "01-12T09:00/01-12T10:00"]),
        ("THISANDFUTURE moves the rest of the series",
            cal("BEGIN:VEVENT\nUID:t\nDTSTART:20260105T090000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=4\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:t\nRECURRENCE-ID;RANGE=THISANDFUTURE:20260107T090000Z\nDTSTART:20260107T150000Z\nDURATION:PT30M\nEND:VEVENT\n"), &utc,
            &["01-05T09:00/01-05T10:00", "01-06T09:00/01-06T10:00", "01-07T15:00/01-07T15:30", "01-08T15:00/01-08T15:30"]),
        ("duplicate UID: highest SEQUENCE wins (#10)",
            cal("BEGIN:VEVENT\nUID:s\nSEQUENCE:2\nDTSTART:20260110T150000Z\nDURATION:PT1H\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:s\nSEQUENCE:1\nDTSTART:20260110T090000Z\nDURATION:PT1H\nEND:VEVENT\n"), &utc,
            &["01-10T15:00/01-10T16:00"]),
        ("VFREEBUSY: FBTYPE other than FREE is busy",
            cal("BEGIN:VFREEBUSY\nUID:fb\nFREEBUSY:20260110T090000Z/PT1H,20260110T120000Z/20260110T130000Z\nFREEBUSY;FBTYPE=FREE:20260110T140000Z/PT1H\n\
FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260110T160000Z/PT30M\nEND:VFREEBUSY\n"), &utc,
            &["01-10T09:00/01-10T10:00", "01-10T12:00/01-10T13:00", "01-10T16:00/01-10T16:30"]),
        ("UNTIL in UTC with a zoned series; floating DTEND in DTSTART's zone (#5)",
            cal("BEGIN:VEVENT\nUID:u\nDTSTART;TZID=America/New_York:20260105T090000\nDTEND:20260105T100000\nRRULE:FREQ=DAILY;UNTIL=20260106T140000Z\nEND:VEVENT\n"), &utc,
            &["01-05T14:00/01-05T15:00", "01-06T14:00/01-06T15:00"]),
    ];
    for (what, text, opts, want) in &cases {
        assert_eq!(spans(text, opts), *want, "{what}");
    }
}

#[test]
fn broken_events_are_skipped_with_line_and_reason() {
    let text = cal("BEGIN:VEVENT\nUID:ok\nDTSTART:20260110T090000Z\nDURATION:PT1H\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:nostart\nSUMMARY:x\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:badstart\nDTSTART:2026-01-10\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:rule\nDTSTART:20260111T090000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;UNTL=2026;COUNT=2\nEND:VEVENT\n");
    let got = busy_from_ics(
        &text,
        window("2026-01-01", "2027-01-01"),
        &ImportOptions::default(),
    )
    .expect("import");
    assert_eq!(got.events, 2, "two events read");
    assert_eq!(
        got.busy_set().intervals(),
        got.busy.as_slice(),
        "busy is already canonical for the engine's IntervalSet"
    );
    assert_eq!(got.busy_seconds(), 3 * 3600, "three busy hours");
    assert_eq!(got.busy.len(), 3, "one + two instances busy");
    let skipped: Vec<(usize, Option<&str>, &SkipReason)> = got
        .skipped
        .iter()
        .map(|s| (s.line, s.uid.as_deref(), &s.reason))
        .collect();
    assert_eq!(
        skipped,
        vec![
            (9, Some("nostart"), &SkipReason::MissingStart),
            (
                15,
                Some("badstart"),
                &SkipReason::BadStart {
                    value: "2026-01-10".into()
                }
            ),
        ],
        "skipped events with BEGIN/DTSTART line and reason"
    );
    assert!(
        got.warnings.iter().any(|w| w.line == 21
            && matches!(&w.reason, WarningReason::RulePartIgnored { part } if part == "UNTL=2026")),
        "malformed RRULE part reported: {:?}",
        got.warnings
    );
}

#[test]
fn files_with_nothing_usable_are_errors() {
    let w = window("2026-01-01", "2027-01-01");
    let o = ImportOptions::default();
    type Case<'a> = (&'a str, String, fn(&ImportError) -> bool);
    let cases: Vec<Case> = vec![
        ("not a calendar", "hello: world\n".into(), |e| {
            matches!(e, ImportError::NotICalendar)
        }),
        ("empty", String::new(), |e| {
            matches!(e, ImportError::NotICalendar)
        }),
        ("no events", cal("BEGIN:VTODO\nUID:t\nEND:VTODO\n"), |e| {
            matches!(e, ImportError::NoEvents)
        }),
        (
            "all broken",
            cal("BEGIN:VEVENT\nUID:x\nEND:VEVENT\n"),
            |e| matches!(e, ImportError::NothingUsable { skipped: 1, .. }),
        ),
    ];
    for (what, text, want) in cases {
        let err = busy_from_ics(&text, w, &o).expect_err(what);
        assert!(want(&err), "{what}: got {err:?}");
        assert!(!err.to_string().is_empty(), "{what}: error says why");
    }
    let (a, b) = (w.end(), w.start());
    assert!(Window::new(a, b).is_err(), "reversed window is an error");
}
