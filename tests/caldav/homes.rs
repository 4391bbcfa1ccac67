//! A sync with nothing changed lists the calendar home once and reads no calendar,
//! yet marks every calendar read; a change on one calendar is read while the others
//! are skipped; a server whose home listing gives no tokens is read calendar by
//! calendar, as before. The requests are counted by a proxy between Rondo and Radicale.

use super::tiny::{recording_proxy, Recorder, Seen};
use super::{ada_busy, at, event, fresh_path, new_calendar, server, upload};
use rondo::caldav::{CalendarCopy, CopyRead};
use rondo::interval::Interval;
use rondo::store::Store;
use rondo::usecases::connected::reading::{self, ReadMethod, SyncSummary};
use rondo::usecases::connected::{accounts, give_password, overview};

const USER: &str = "bob";
const PASSWORD: &str = "bob-pw";

/// A desk whose account reaches Radicale through `proxy`, with Ada linked to three
/// new calendars of bob's, one event each (24, 25 and 26 November, 09:00-10:00 UTC).
struct Desk {
    _dir: tempfile::TempDir,
    store: Store,
    /// The three calendars' paths on the server.
    paths: Vec<String>,
    /// Their addresses on Radicale itself (to change them behind the proxy's back).
    direct: Vec<String>,
}

fn desk(rad: &server::Radicale, proxy: &Recorder, name: &str) -> Desk {
    let mut paths = Vec::new();
    let mut direct = Vec::new();
    for n in 0..3 {
        let path = fresh_path(USER, &format!("{name}-{n}"));
        let cal = new_calendar(rad, USER, &path, &format!("{name} {n}"));
        let day = 24 + n;
        upload(
            USER,
            &cal,
            "meeting",
            &event(
                "meeting",
                &format!("202611{day}T090000Z"),
                &format!("202611{day}T100000Z"),
            ),
        );
        paths.push(path);
        direct.push(cal);
    }
    let dir = tempfile::tempdir().expect("data folder");
    let store = Store::open(dir.path()).expect("open");
    let ada = super::ada();
    store.put(&ada).expect("ada");
    let added = accounts::add(
        &store,
        "team",
        &format!("{}/", proxy.base),
        Some(USER),
        Some(PASSWORD.into()),
        &rondo::passwords::MemoryKeyring::default(),
        at("2026-11-20T09:00:00Z"),
    )
    .expect("add the account through the proxy");
    give_password(&added.account, PASSWORD).expect("password for this run");
    for path in &paths {
        let url = format!("{}{path}", proxy.base);
        accounts::link(&store, &ada.id, "team", &accounts::Which::At(url)).expect("link");
    }
    Desk {
        _dir: dir,
        store,
        paths,
        direct,
    }
}

fn november() -> Interval {
    Interval {
        start: at("2026-11-20T00:00:00Z"),
        end: at("2026-12-20T00:00:00Z"),
    }
}

/// How each of the desk's calendars was read, in the order of its paths.
fn methods(desk: &Desk, summary: &SyncSummary) -> Vec<ReadMethod> {
    assert_eq!(summary.failed, 0, "every calendar read: {summary:?}");
    let read = &summary.people[0].calendars;
    desk.paths
        .iter()
        .map(|p| {
            read.iter()
                .find(|c| c.url.ends_with(p.as_str()))
                .unwrap_or_else(|| panic!("{p} was read: {summary:?}"))
                .method
        })
        .collect()
}

/// The paths REPORTs were sent to.
fn reports(seen: &[Seen]) -> Vec<String> {
    seen.iter()
        .filter(|s| s.method == "REPORT")
        .map(|s| s.path.clone())
        .collect()
}

fn hour(start: &str, end: &str) -> Interval {
    Interval {
        start: at(start),
        end: at(end),
    }
}

#[test]
fn an_unchanged_sync_lists_the_home_once_and_reads_only_the_calendar_that_changed() {
    let Some(rad) = server::radicale("an_unchanged_sync_lists_the_home_once") else {
        return;
    };
    let proxy = recording_proxy(rad.port, |_| None);
    let desk = desk(rad, &proxy, "home");
    let now = at("2026-11-20T09:00:00Z");
    let first = reading::sync(&desk.store, None, november(), now).expect("first sync");
    assert_eq!(methods(&desk, &first), [ReadMethod::Query; 3]);
    assert!(
        !reports(&proxy.take()).is_empty(),
        "the first sync reads the calendars"
    );
    let busy = ada_busy(&desk.store);
    assert_eq!(busy.len(), 3, "one event per calendar: {busy:?}");
    let copies = desk.store.all::<CalendarCopy>().expect("copies");
    assert_eq!(copies.len(), 3, "one copy per calendar");

    let later = now + chrono::Duration::minutes(1);
    let second = reading::sync(&desk.store, None, november(), later).expect("unchanged sync");
    assert_eq!(
        desk.store.all::<CalendarCopy>().expect("copies"),
        copies,
        "an unchanged sync does not write the copies (their events) again"
    );
    let reads = desk.store.all::<CopyRead>().expect("reads");
    assert_eq!(reads.len(), 3);
    assert!(
        reads
            .iter()
            .all(|r| r.read_at == Some(later) && r.error.is_none()),
        "when each was read is written apart: {reads:?}"
    );
    assert_eq!(methods(&desk, &second), [ReadMethod::Unchanged; 3]);
    assert_eq!(second.read, 3, "unchanged calendars count as read");
    assert_eq!(second.homes_listed, 1, "bob's calendars share one home");
    let seen = proxy.take();
    assert_eq!(
        seen.iter()
            .map(|s| (s.method.as_str(), s.path.as_str(), s.header("depth")))
            .collect::<Vec<_>>(),
        [("PROPFIND", "/bob/", Some("1"))],
        "one listing of the home, no REPORT on any calendar"
    );
    assert_eq!(ada_busy(&desk.store), busy, "the busy time held stands");
    for c in &second.people[0].calendars {
        assert_eq!(c.read_at, Some(later), "{c:?}");
        assert_eq!(
            (c.events, c.busy_blocks),
            (1, 1),
            "as read last time: {c:?}"
        );
    }
    let lines =
        overview::person_calendars(&desk.store, "ada", later + chrono::Duration::minutes(3))
            .expect("Ada's calendars");
    assert_eq!(lines.len(), 3);
    for line in &lines {
        assert!(
            line.ends_with("read 3 minutes ago"),
            "last read is the unchanged sync, not the first: {line}"
        );
    }

    // A new event on the second calendar, written behind the proxy's back.
    upload(
        USER,
        &desk.direct[1],
        "added",
        &event("added", "20261127T140000Z", "20261127T150000Z"),
    );
    let third = reading::sync(
        &desk.store,
        None,
        november(),
        later + chrono::Duration::minutes(1),
    )
    .expect("sync after a change");
    assert_eq!(
        methods(&desk, &third),
        [
            ReadMethod::Unchanged,
            ReadMethod::SyncCollection,
            ReadMethod::Unchanged
        ]
    );
    let seen = proxy.take();
    let reported = reports(&seen);
    assert!(
        !reported.is_empty() && reported.iter().all(|p| p == &desk.paths[1]),
        "only the changed calendar is read: {reported:?}"
    );
    assert!(
        ada_busy(&desk.store).contains(&hour("2026-11-27T14:00:00Z", "2026-11-27T15:00:00Z")),
        "the new event is busy time"
    );
    assert_eq!(ada_busy(&desk.store).len(), 4);

    // A window reaching past the one read is read again, whatever the tags say.
    let wider = Interval {
        start: november().start,
        end: at("2027-01-20T00:00:00Z"),
    };
    let fourth = reading::sync(
        &desk.store,
        None,
        wider,
        later + chrono::Duration::minutes(2),
    )
    .expect("a wider window");
    assert!(
        methods(&desk, &fourth)
            .iter()
            .all(|m| *m != ReadMethod::Unchanged),
        "{fourth:?}"
    );
    assert!(reports(&proxy.take()).len() >= 3, "each calendar read");
}

/// Asks a Depth-1 PROPFIND for neither `sync-token` nor `getctag`: a server that offers
/// neither in its listings.
fn without_tokens(request: &Seen) -> Option<String> {
    (request.method == "PROPFIND" && request.header("depth") == Some("1")).then(|| {
        request
            .body
            .replace("<D:sync-token/>", "")
            .replace("<CS:getctag/>", "")
    })
}

/// A desk behind a proxy that rewrites requests with `rewrite`, synced twice a minute
/// apart with nothing changed: the desk, Ada's busy time after the first sync, the
/// second sync, and the requests it sent.
fn synced_twice(
    test: &str,
    rewrite: fn(&Seen) -> Option<String>,
) -> Option<(Desk, Vec<Interval>, SyncSummary, Vec<Seen>)> {
    let rad = server::radicale(test)?;
    let proxy = recording_proxy(rad.port, rewrite);
    let desk = desk(rad, &proxy, test);
    let now = at("2026-11-20T09:00:00Z");
    reading::sync(&desk.store, None, november(), now).expect("first sync");
    let busy = ada_busy(&desk.store);
    proxy.take();
    let again = reading::sync(
        &desk.store,
        None,
        november(),
        now + chrono::Duration::minutes(1),
    )
    .expect("second sync");
    let seen = proxy.take();
    Some((desk, busy, again, seen))
}

#[test]
fn a_home_listing_without_tokens_falls_back_to_reading_each_calendar() {
    let Some((desk, busy, again, seen)) = synced_twice("tokenless", without_tokens) else {
        return;
    };
    let now = at("2026-11-20T09:00:00Z");
    assert_eq!(methods(&desk, &again), [ReadMethod::SyncCollection; 3]);
    let mut reported = reports(&seen);
    reported.sort();
    reported.dedup();
    let mut paths = desk.paths.clone();
    paths.sort();
    assert_eq!(reported, paths, "every calendar read by itself");
    assert_eq!(ada_busy(&desk.store), busy);
    for c in &again.people[0].calendars {
        assert_eq!(
            (c.fetched, c.read_at),
            (0, Some(now + chrono::Duration::minutes(1)))
        );
    }
}

/// Asks a Depth-1 PROPFIND for no `getctag`: a server that lists sync tokens only.
fn without_ctag(request: &Seen) -> Option<String> {
    (request.method == "PROPFIND" && request.header("depth") == Some("1"))
        .then(|| request.body.replace("<CS:getctag/>", ""))
}

#[test]
fn a_home_listing_with_sync_tokens_only_still_skips_unchanged_calendars() {
    let Some((desk, busy, again, seen)) = synced_twice("token-only", without_ctag) else {
        return;
    };
    assert_eq!(methods(&desk, &again), [ReadMethod::Unchanged; 3]);
    assert_eq!(ada_busy(&desk.store), busy);
    assert_eq!(
        seen.iter()
            .map(|s| (s.method.as_str(), s.path.as_str()))
            .collect::<Vec<_>>(),
        [("PROPFIND", "/bob/"), ("PROPFIND", "/bob/")],
        "a listing for ctags that gives none, then one for sync tokens; no REPORT"
    );
}
