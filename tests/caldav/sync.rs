//! Incremental sync: after the first read, only what changed is fetched — with
//! `sync-collection` where the calendar offers it, and with ETags otherwise.

use super::{at, client, event, fresh_path, new_calendar, server, upload, window};
use rondo::caldav::sync::SyncMethod;
use rondo::caldav::write;
use rondo::caldav::{busy, sync_events, CalDavError, CalendarRef, SyncState};
use rondo::ical::import::ImportOptions;
use rondo::interval::Interval;

fn hours(list: &[(&str, &str)]) -> Vec<Interval> {
    list.iter()
        .map(|(s, e)| Interval {
            start: at(s),
            end: at(e),
        })
        .collect()
}

/// Adds, changes and deletes events between syncs; each sync fetches only the changes.
fn incremental(sync_collection: bool) {
    let Some(rad) = server::radicale("incremental_sync") else {
        return;
    };
    let cal = new_calendar(
        rad,
        "alice",
        &fresh_path("alice", "incremental"),
        "Incremental",
    );
    let w = window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
    let opts = ImportOptions::default();
    let c = client("alice");
    let calendar = CalendarRef {
        url: cal.clone(),
        sync_collection,
    };
    for n in 0..10 {
        let day = 2 + n;
        upload(
            "alice",
            &cal,
            &format!("e{n}"),
            &event(
                &format!("e{n}"),
                &format!("202611{day:02}T090000Z"),
                &format!("202611{day:02}T100000Z"),
            ),
        );
    }
    // One far outside the window: not fetched by the first read.
    upload(
        "alice",
        &cal,
        "far",
        &event("far", "20270601T090000Z", "20270601T100000Z"),
    );

    let (first, report) = sync_events(&c, &calendar, &SyncState::default(), w).expect("first sync");
    assert_eq!(report.method, SyncMethod::Query);
    assert_eq!(
        report.fetched, 10,
        "the ten events in the window: {report:?}"
    );
    assert_eq!(busy(&first, w, &opts).import.busy.len(), 10);

    let (same, report) = sync_events(&c, &calendar, &first, w).expect("sync, nothing changed");
    assert_eq!(
        report.fetched, 0,
        "nothing changed, nothing fetched: {report:?}"
    );
    assert_eq!(report.removed, 0);
    let expected_method = if sync_collection {
        SyncMethod::SyncCollection
    } else {
        SyncMethod::Query
    };
    assert_eq!(report.method, expected_method);
    assert_eq!(same.resources, first.resources);

    // Add one, move one, delete one.
    upload(
        "alice",
        &cal,
        "new",
        &event("new", "20261120T140000Z", "20261120T150000Z"),
    );
    let e3 = write::event_url(&cal, "e3").unwrap();
    let etag = first.resources[e3.path()].etag.clone().expect("an ETag");
    write::update(
        &c,
        &e3,
        &etag,
        &event("e3", "20261105T150000Z", "20261105T160000Z"),
    )
    .expect("move e3");
    write::delete(&c, &write::event_url(&cal, "e7").unwrap(), None).expect("delete e7");

    let (after, report) = sync_events(&c, &calendar, &same, w).expect("sync after changes");
    assert_eq!(report.method, expected_method);
    assert_eq!(
        report.fetched, 2,
        "only the new and the moved event: {report:?}"
    );
    assert_eq!(report.removed, 1, "the deleted one dropped: {report:?}");
    let b = busy(&after, w, &opts).import.busy;
    assert!(
        b.contains(&hours(&[("2026-11-20T14:00:00Z", "2026-11-20T15:00:00Z")])[0]),
        "the new one"
    );
    assert!(
        b.contains(&hours(&[("2026-11-05T15:00:00Z", "2026-11-05T16:00:00Z")])[0]),
        "e3 at its new time"
    );
    assert!(
        !b.contains(&hours(&[("2026-11-05T09:00:00Z", "2026-11-05T10:00:00Z")])[0]),
        "e3 not at its old time"
    );
    assert!(
        !b.contains(&hours(&[("2026-11-09T09:00:00Z", "2026-11-09T10:00:00Z")])[0]),
        "e7 gone"
    );
    assert_eq!(b.len(), 10);

    // A window that leaves the one covered is read again with a query; events held
    // keep their copy (ETags match), only the newly covered ones are fetched.
    let later = window("2026-11-01T00:00:00Z", "2027-07-01T00:00:00Z");
    let (wide, report) = sync_events(&c, &calendar, &after, later).expect("wider window");
    assert_eq!(report.method, SyncMethod::Query);
    assert_eq!(report.fetched, 1, "only the far event: {report:?}");
    assert_eq!(busy(&wide, later, &opts).import.busy.len(), 11);
}

#[test]
fn incremental_sync_with_sync_collection_fetches_only_changes() {
    incremental(true);
}

#[test]
fn incremental_sync_with_etags_fetches_only_changes() {
    incremental(false);
}

#[test]
fn an_unknown_sync_token_falls_back_to_a_query() {
    let Some(rad) = server::radicale("an_unknown_sync_token") else {
        return;
    };
    let cal = new_calendar(rad, "alice", &fresh_path("alice", "token"), "Token");
    upload(
        "alice",
        &cal,
        "a",
        &event("a", "20261102T090000Z", "20261102T100000Z"),
    );
    let w = window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
    let calendar = CalendarRef {
        url: cal,
        sync_collection: true,
    };
    let (mut state, _) =
        sync_events(&client("alice"), &calendar, &SyncState::default(), w).unwrap();
    state.token = Some("http://radicale.org/ns/sync/0000000000000000000000000000000000000000000000000000000000000000".into());
    let (again, report) = sync_events(&client("alice"), &calendar, &state, w).expect("falls back");
    assert_eq!(report.method, SyncMethod::Query);
    assert_eq!(
        report.fetched, 0,
        "the event held is kept by its ETag: {report:?}"
    );
    assert_eq!(again.resources.len(), 1);
    assert_ne!(again.token, state.token, "a fresh token");
}

#[test]
fn the_server_going_away_mid_sync_leaves_the_busy_copy_and_says_so() {
    let Some(rad) = server::radicale("the_server_going_away_mid_sync") else {
        return;
    };
    let cal_path = fresh_path("alice", "going-away");
    let cal = new_calendar(rad, "alice", &cal_path, "Going away");
    for n in 0..3 {
        upload(
            "alice",
            &cal,
            &format!("g{n}"),
            &event(
                &format!("g{n}"),
                &format!("2026111{n}T090000Z"),
                &format!("2026111{n}T100000Z"),
            ),
        );
    }
    let w = window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
    let c = client("alice");
    let direct = CalendarRef {
        url: cal.clone(),
        sync_collection: false,
    };
    let (held, _) = sync_events(&c, &direct, &SyncState::default(), w).unwrap();
    let before = busy(&held, w, &ImportOptions::default()).import.busy;
    // A change, then a sync through a proxy that lets the ETag listing through and
    // goes away before the multiget.
    upload(
        "alice",
        &cal,
        "g9",
        &event("g9", "20261125T090000Z", "20261125T100000Z"),
    );
    let proxy = super::tiny::dying_proxy(rad.port, 1);
    let through = CalendarRef {
        url: format!("{proxy}{cal_path}"),
        sync_collection: false,
    };
    let err = sync_events(&c, &through, &held, w).unwrap_err();
    assert!(matches!(err, CalDavError::Unreachable { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("could not be reached") && text.contains("try again"),
        "{text}"
    );
    // The copy held is untouched and still gives the busy time read before.
    assert_eq!(
        busy(&held, w, &ImportOptions::default()).import.busy,
        before
    );
}
