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
