//! Connected calendars against a real CalDAV server (Radicale, started once for this
//! binary by [`server`]) and tiny HTTP servers written here for what Radicale cannot
//! show (a subscription's 304, garbage, silence, a server going away, redirects).

mod backup;
mod claims;
mod desks;
mod discovery;
mod failures;
mod find;
mod homes;
mod reading;
mod server;
mod subscription;
mod sync;
mod tiny;
mod writing;

use rondo::caldav::{Client, Credentials, Timeouts};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A client signed in as `user` (password from [`server::USERS`]).
pub fn client(user: &str) -> Client {
    let password = server::USERS
        .iter()
        .find(|(u, _)| *u == user)
        .map(|(_, p)| p.to_string())
        .expect("a test user");
    Client::new(
        Some(Credentials {
            user: user.into(),
            password,
        }),
        Timeouts {
            connect: Duration::from_secs(5),
            request: Duration::from_secs(30),
        },
    )
}

/// A fresh calendar path under `user`'s home, unique in this run (`/alice/t3-reading/`).
pub fn fresh_path(user: &str, name: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!("/{user}/t{}-{name}/", N.fetch_add(1, Ordering::Relaxed))
}

/// Creates a calendar at `path` on the server as `user`; returns its address.
pub fn new_calendar(server: &server::Radicale, user: &str, path: &str, name: &str) -> String {
    let url = server.url(path);
    let created = rondo::caldav::write::make_calendar(
        &client(user),
        &rondo::caldav::parse_url(&url).unwrap(),
        name,
    )
    .expect("MKCALENDAR");
    assert!(created, "{path} is new");
    url
}

/// A one-event calendar: `uid` busy from `start` to `end` (UTC, `YYYYMMDDTHHMMSSZ`).
pub fn event(uid: &str, start: &str, end: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rondo tests//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:{uid}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

/// Uploads `ics` as `name`.ics into the calendar at `url`; returns the written resource.
pub fn upload(user: &str, calendar: &str, name: &str, ics: &str) -> rondo::caldav::write::Written {
    let url = rondo::caldav::write::event_url(calendar, name).unwrap();
    rondo::caldav::write::create(&client(user), &url, ics).expect("PUT of a new event")
}

/// An instant from RFC 3339.
pub fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .expect("RFC 3339")
        .with_timezone(&chrono::Utc)
}

/// The window `[from, to)`.
pub fn window(from: &str, to: &str) -> rondo::ical::import::Window {
    rondo::ical::import::Window::new(at(from), at(to)).expect("a window")
}

/// Ada: an interviewer in UTC with office hours and no calendars yet.
pub fn ada() -> rondo::domain::Interviewer {
    rondo::domain::Interviewer::new(
        rondo::domain::InterviewerId::new("ada").expect("valid id"),
        "Ada",
        chrono_tz::UTC,
        rondo::domain::WeeklyHours::parse(rondo::domain::OFFICE_WEEK).expect("hours"),
    )
}

/// Ada's busy time from all her calendar sources, sorted.
pub fn ada_busy(store: &rondo::store::Store) -> Vec<rondo::interval::Interval> {
    let mut busy: Vec<rondo::interval::Interval> = store
        .need::<rondo::domain::Interviewer>("ada")
        .expect("ada")
        .calendars
        .iter()
        .flat_map(|c| c.busy.clone())
        .collect();
    busy.sort();
    busy
}
