//! A subscription address served by a tiny HTTP server: fetched whole once, then `304`
//! while it has not changed (by ETag or by Last-Modified), and again when it has.

use super::tiny::{response, serve};
use rondo::caldav::subscription::{fetch, Fetched, Validators};
use rondo::caldav::{CalDavError, Client, Timeouts};
use std::sync::{Arc, Mutex};

const V1: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:s1\r\nDTSTART:20261124T100000Z\r\nDTEND:20261124T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

fn public() -> Client {
    Client::new(None, Timeouts::default())
}

#[test]
fn a_subscription_is_fetched_once_then_not_modified_until_it_changes() {
    let version = Arc::new(Mutex::new(1));
    let v = version.clone();
    let tiny = serve(move |seen| {
        if seen.method != "GET" {
            return response("405 Method Not Allowed", &[], "");
        }
        let n = *v.lock().unwrap();
        let etag = format!("\"v{n}\"");
        let modified = format!("Tue, 0{n} Dec 2026 10:00:00 GMT");
        if seen.header("if-none-match") == Some(etag.as_str()) {
            return response("304 Not Modified", &[("ETag", &etag)], "");
        }
        if seen.header("if-none-match").is_none()
            && seen.header("if-modified-since") == Some(modified.as_str())
        {
            return response("304 Not Modified", &[], "");
        }
        let body = V1.replace("UID:s1", &format!("UID:s{n}"));
        response(
            "200 OK",
            &[
                ("Content-Type", "text/calendar"),
                ("ETag", &etag),
                ("Last-Modified", &modified),
            ],
            &body,
        )
    });
    let address = format!("{}/feed.ics", tiny.base);
    let Fetched::Changed { text, validators } =
        fetch(&public(), &address, None).expect("first fetch")
    else {
        panic!("the first fetch downloads")
    };
    assert!(text.contains("UID:s1"));
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        validators.last_modified.as_deref(),
        Some("Tue, 01 Dec 2026 10:00:00 GMT")
    );
    assert_eq!(
        fetch(&public(), &address, Some(&validators)).unwrap(),
        Fetched::NotModified,
        "same ETag: 304"
    );
    // A server that only keeps Last-Modified.
    let by_date = Validators {
        etag: None,
        last_modified: validators.last_modified.clone(),
    };
    assert_eq!(
        fetch(&public(), &address, Some(&by_date)).unwrap(),
        Fetched::NotModified,
        "same date: 304"
    );
    *version.lock().unwrap() = 2;
    let Fetched::Changed {
        text,
        validators: v2,
    } = fetch(&public(), &address, Some(&validators)).unwrap()
    else {
        panic!("a changed calendar is downloaded")
    };
    assert!(text.contains("UID:s2"));
    assert_eq!(v2.etag.as_deref(), Some("\"v2\""));
}

#[test]
fn a_subscription_that_is_not_a_calendar_or_not_there_says_so() {
    let tiny = serve(|seen| match seen.path.as_str() {
        "/login" => response(
            "200 OK",
            &[("Content-Type", "text/html")],
            "<html>Please sign in</html>",
        ),
        _ => response("404 Not Found", &[], "nope"),
    });
    let err = fetch(&public(), &format!("{}/login", tiny.base), None).unwrap_err();
    assert!(matches!(err, CalDavError::BadResponse { .. }), "{err:?}");
    assert!(err.to_string().contains("not an iCalendar file"), "{err}");
    let err = fetch(&public(), &format!("{}/gone.ics", tiny.base), None).unwrap_err();
    assert!(
        matches!(err, CalDavError::NotFound { status: 404, .. }),
        "{err:?}"
    );
}

#[test]
fn webcal_addresses_are_read_as_https() {
    let url = rondo::caldav::parse_url("webcal://calendar.example.com/feed.ics").unwrap();
    assert_eq!(url.as_str(), "https://calendar.example.com/feed.ics");
    assert!(rondo::caldav::parse_url("ftp://x/y").is_err());
    assert!(rondo::caldav::parse_url("not a url").is_err());
}

/// A subscription account through the use cases and a store: added (one fetch), linked,
/// read into busy time; the next sync is a 304 that keeps the busy time; a changed feed
/// replaces it; a feed that goes away keeps the last copy and says how old it is.
#[test]
fn a_subscription_account_fills_the_store_and_keeps_its_copy_when_the_feed_fails() {
    use rondo::domain::{Interviewer, InterviewerId, WeeklyHours, OFFICE_WEEK};
    use rondo::interval::Interval;
    use rondo::usecases::connected::{accounts, reading};
    let version = Arc::new(Mutex::new(1));
    let v = version.clone();
    let tiny = serve(move |seen| {
        let n = *v.lock().unwrap();
        if n == 0 {
            return response("503 Service Unavailable", &[], "");
        }
        let etag = format!("\"v{n}\"");
        if seen.header("if-none-match") == Some(etag.as_str()) {
            return response("304 Not Modified", &[("ETag", &etag)], "");
        }
        let body = V1
            .replace("T110000Z", &format!("T1{}0000Z", n + 1))
            .replace("T100000Z", &format!("T1{n}0000Z"));
        response(
            "200 OK",
            &[("Content-Type", "text/calendar"), ("ETag", &etag)],
            &body,
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let store = rondo::store::Store::open(dir.path()).unwrap();
    let ada = Interviewer::new(
        InterviewerId::new("ada").unwrap(),
        "Ada",
        chrono_tz::UTC,
        WeeklyHours::parse(OFFICE_WEEK).unwrap(),
    );
    store.put(&ada).unwrap();
    let now = super::at("2026-11-20T09:00:00Z");
    let feed = format!("{}/feed.ics", tiny.base).replace("http://", "webcal://");
    let keyring = rondo::passwords::MemoryKeyring::default();
    // webcal:// is read as https://, which the tiny server does not speak: refused in
    // words, nothing stored.
    let refused = accounts::add(&store, "feed", &feed, None, None, &keyring, now).unwrap_err();
    assert!(refused.to_string().contains("127.0.0.1"), "{refused}");
    assert!(accounts::list(&store).unwrap().is_empty());
    let feed = format!("{}/feed.ics", tiny.base);
    let added = accounts::add(&store, "feed", &feed, None, None, &keyring, now).unwrap();
    assert_eq!(added.account.calendars.len(), 1);
    assert_eq!(added.password, None, "a subscription has no password");
    accounts::link(&store, &ada.id, "feed", &accounts::Which::At(feed.clone())).unwrap();
    let window = Interval {
        start: super::at("2026-11-20T00:00:00Z"),
        end: super::at("2026-12-20T00:00:00Z"),
    };
    let busy = |store: &rondo::store::Store| -> Vec<Interval> {
        let i: Interviewer = store.need("ada").unwrap();
        i.calendars.iter().flat_map(|c| c.busy.clone()).collect()
    };
    let first = reading::sync(&store, None, window, now).unwrap();
    assert_eq!(
        first.people[0].calendars[0].method,
        reading::ReadMethod::Download
    );
    assert_eq!(busy(&store)[0].start, super::at("2026-11-24T11:00:00Z"));
    let second = reading::sync(&store, None, window, now).unwrap();
    assert_eq!(
        second.people[0].calendars[0].method,
        reading::ReadMethod::NotModified
    );
    assert_eq!(busy(&store).len(), 1, "a 304 keeps the busy time");
    *version.lock().unwrap() = 2;
    reading::sync(&store, None, window, now).unwrap();
    assert_eq!(
        busy(&store)[0].start,
        super::at("2026-11-24T12:00:00Z"),
        "replaced"
    );
    *version.lock().unwrap() = 0;
    let later = now + chrono::Duration::minutes(7);
    let failed = reading::sync(&store, None, window, later).unwrap();
    assert_eq!(failed.failed, 1);
    let said = failed.people[0].calendars[0].error.clone().unwrap();
    assert!(
        said.contains("try again later") && said.contains("7 minutes ago"),
        "{said}"
    );
    assert_eq!(
        busy(&store)[0].start,
        super::at("2026-11-24T12:00:00Z"),
        "the last copy stays"
    );
}
