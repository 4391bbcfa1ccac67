//! Reading busy time from the server: events from the `.ics` corpus, uploaded one
//! resource per UID (as CalDAV stores them), read back with `calendar-query` and
//! Rondo's importer, give the same busy time as importing the file itself.

use super::{client, fresh_path, new_calendar, server, upload, window};
use rondo::caldav::{busy, free_busy, sync_events, CalendarRef, SyncState};
use rondo::ical::import::{busy_from_ics, ImportOptions};

/// Corpus files with recurrences, exceptions (RECURRENCE-ID), EXDATE, VTIMEZONE, Windows
/// and offset zone names and all-day series (`shared/ics/corpus/MANIFEST.tsv`), and a
/// window each where they happen. (Files Radicale itself refuses to store, such as
/// `calcard/259.ics` with its `X-INVALID-TIMEZONE`, cannot be part of this test.)
const FILES: &[(&str, &str, &str)] = &[
    (
        "shareable/calcard/297.ics",
        "1995-01-01T00:00:00Z",
        "2030-01-01T00:00:00Z",
    ),
    (
        "shareable/calcard/045.ics",
        "1995-01-01T00:00:00Z",
        "2030-01-01T00:00:00Z",
    ),
    (
        "shareable/calcard/ical_001.ics",
        "1995-01-01T00:00:00Z",
        "2030-01-01T00:00:00Z",
    ),
    (
        "shareable/ical.net/ALARM3.ics",
        "1995-01-01T00:00:00Z",
        "2030-01-01T00:00:00Z",
    ),
    (
        "shareable/ccs-calendarserver/PayDay.ics",
        "2000-01-01T00:00:00Z",
        "2030-01-01T00:00:00Z",
    ),
    (
        "shareable/khal/event_rrule_recuid.ics",
        "2014-01-01T00:00:00Z",
        "2015-01-01T00:00:00Z",
    ),
    (
        "shareable/node-ical/daily-count-exdate-recurrence-id.ics",
        "2015-01-01T00:00:00Z",
        "2016-01-01T00:00:00Z",
    ),
];

/// Splits a calendar file into one calendar object per UID (every VTIMEZONE copied into
/// each), as a CalDAV client would store it. Line endings become CRLF; METHOD is dropped.
pub fn split_by_uid(text: &str) -> Vec<(String, String)> {
    let unfolded_uid = |block: &[&str]| -> Option<String> {
        block
            .iter()
            .find(|l| l.to_ascii_uppercase().starts_with("UID:"))
            .map(|l| l[4..].trim().to_string())
    };
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut zones: Vec<Vec<&str>> = Vec::new();
    let mut events: Vec<(String, Vec<&str>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let upper = lines[i].to_ascii_uppercase();
        let kind = match upper.as_str() {
            "BEGIN:VTIMEZONE" => "VTIMEZONE",
            "BEGIN:VEVENT" => "VEVENT",
            _ => {
                i += 1;
                continue;
            }
        };
        let end = format!("END:{kind}");
        let start = i;
        while i < lines.len() && !lines[i].eq_ignore_ascii_case(&end) {
            i += 1;
        }
        let block = lines[start..(i + 1).min(lines.len())].to_vec();
        i += 1;
        if kind == "VTIMEZONE" {
            zones.push(block);
        } else if let Some(uid) = unfolded_uid(&block) {
            match events.iter_mut().find(|(u, _)| *u == uid) {
                Some((_, b)) => b.extend(block),
                None => events.push((uid, block)),
            }
        }
    }
    events
        .into_iter()
        .enumerate()
        .map(|(n, (uid, block))| {
            let mut out =
                String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rondo tests//EN\r\n");
            for z in &zones {
                for l in z {
                    out.push_str(l);
                    out.push_str("\r\n");
                }
            }
            for l in block {
                out.push_str(l);
                out.push_str("\r\n");
            }
            out.push_str("END:VCALENDAR\r\n");
            (format!("corpus-{n}-{}", uid.len()), out)
        })
        .collect()
}

#[test]
fn events_read_from_the_server_give_the_same_busy_time_as_the_file() {
    let Some(rad) = server::radicale("events_read_from_the_server") else {
        return;
    };
    let Some(shared) = crate::support::shared_or_skip("events_read_from_the_server") else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "../shared is needed under CI=true"
        );
        return;
    };
    let opts = ImportOptions::in_zone(chrono_tz::Europe::Berlin);
    for (file, from, to) in FILES {
        let text = std::fs::read_to_string(shared.join("ics/corpus").join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let w = window(from, to);
        let expected = busy_from_ics(&text, w, &opts).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            !expected.busy.is_empty(),
            "{file}: the file has busy time in the window"
        );
        let cal = new_calendar(rad, "alice", &fresh_path("alice", "corpus"), file);
        for (name, ics) in split_by_uid(&text) {
            upload("alice", &cal, &name, &ics);
        }
        let calendar = CalendarRef {
            url: cal,
            sync_collection: true,
        };
        let (state, report) = sync_events(&client("alice"), &calendar, &SyncState::default(), w)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(report.fetched > 0, "{file}: events fetched");
        let read = busy(&state, w, &opts);
        assert!(read.unreadable.is_empty(), "{file}: {:?}", read.unreadable);
        assert_eq!(
            read.import.busy, expected.busy,
            "{file}: busy time read from the server differs from the file's"
        );
        assert_eq!(
            read.import.occurrences, expected.occurrences,
            "{file}: occurrences"
        );
    }
}

#[test]
fn free_busy_query_gives_the_busy_time_of_a_busy_only_calendar() {
    let Some(rad) = server::radicale("free_busy_query_gives_the_busy_time") else {
        return;
    };
    let _ = rondo::caldav::write::make_calendar(
        &client("carol"),
        &rondo::caldav::parse_url(&rad.url("/carol/busy/")).unwrap(),
        "Carol (busy)",
    )
    .unwrap();
    let cal = rad.url("/carol/busy/");
    let weekly = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:fb-weekly\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261102T100000\r\nDTEND;TZID=Europe/Berlin:20261102T110000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Berlin:20261109T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let _ = rondo::caldav::write::delete(
        &client("carol"),
        &rondo::caldav::write::event_url(&cal, "fb-weekly").unwrap(),
        None,
    );
    upload("carol", &cal, "fb-weekly", weekly);
    let w = window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
    let opts = ImportOptions::in_zone(chrono_tz::Europe::Berlin);
    // Alice may only see carol's free-busy time: reading events is refused...
    let refused = sync_events(
        &client("alice"),
        &CalendarRef {
            url: cal.clone(),
            sync_collection: false,
        },
        &SyncState::default(),
        w,
    );
    assert!(
        refused.is_err(),
        "events of a busy-only calendar are not readable"
    );
    // ...and the free-busy query gives the same busy time as the event itself.
    let fb = free_busy(&client("alice"), &cal, w, &opts).expect("free-busy-query");
    let expected = busy_from_ics(weekly, w, &opts).unwrap();
    assert_eq!(
        fb.busy, expected.busy,
        "three weekly hours, the EXDATE left out"
    );
    assert_eq!(fb.busy.len(), 3);
}
