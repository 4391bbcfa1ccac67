//! Writing bookings: publish with `If-None-Match: *`, move with `If-Match`, a stale ETag
//! refused as a typed conflict, cancel (mark CANCELLED, or delete).

use super::{client, event, fresh_path, new_calendar, server, window};
use rondo::caldav::write::{self, Deleted};
use rondo::caldav::{busy, sync_events, CalDavError, CalendarRef, SyncState};
use rondo::ical::import::ImportOptions;

#[test]
fn publish_move_conflict_cancel_and_delete() {
    let Some(rad) = server::radicale("publish_move_conflict_cancel") else {
        return;
    };
    let cal = new_calendar(rad, "team", &fresh_path("team", "interviews"), "Interviews");
    let c = client("team");
    let uid = "bk-000042.tag-panel@rondo";
    let url = write::event_url(&cal, uid).unwrap();
    // An invite as written for people carries METHOD; the resource must not.
    let invite = event(uid, "20261124T100000Z", "20261124T110000Z")
        .replace("VERSION:2.0\r\n", "VERSION:2.0\r\nMETHOD:REQUEST\r\n");

    let first = write::create(&c, &url, &invite).expect("publish");
    let etag = first.etag.clone().expect("the server gives the new ETag");
    let (stored, _) = write::get(&c, &url).unwrap().expect("it is there");
    assert!(!stored.contains("METHOD"), "stored without METHOD");

    // Publishing again over it is refused: someone (we) already wrote that UID.
    let again = write::create(&c, &url, &invite).unwrap_err();
    assert!(matches!(again, CalDavError::Conflict { .. }), "{again:?}");

    // Moving with the ETag held works and gives a new ETag.
    let moved = write::update(
        &c,
        &url,
        &etag,
        &event(uid, "20261125T100000Z", "20261125T110000Z"),
    )
    .expect("move with If-Match");
    let new_etag = moved.etag.clone().expect("new ETag");
    assert_ne!(new_etag, etag);

    // Another desk still holding the old ETag is refused with a typed conflict.
    let stale = write::update(
        &c,
        &url,
        &etag,
        &event(uid, "20261126T100000Z", "20261126T110000Z"),
    )
    .unwrap_err();
    assert!(matches!(stale, CalDavError::Conflict { .. }), "{stale:?}");
    assert!(
        stale
            .to_string()
            .contains("changed on the server by someone else"),
        "{stale}"
    );
    let (now_there, _) = write::get(&c, &url).unwrap().unwrap();
    assert!(
        now_there.contains("20261125T100000Z"),
        "the refused write changed nothing"
    );

    // Cancelling marks it CANCELLED: it stays, and is no longer busy time.
    let w = window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
    let calendar = CalendarRef {
        url: cal.clone(),
        sync_collection: true,
    };
    let (state, _) = sync_events(&c, &calendar, &SyncState::default(), w).unwrap();
    assert_eq!(
        busy(&state, w, &ImportOptions::default()).import.busy.len(),
        1
    );
    let cancelled = write::cancel(&c, &url, &new_etag, &now_there).expect("mark cancelled");
    let (state, _) = sync_events(&c, &calendar, &state, w).unwrap();
    assert!(
        busy(&state, w, &ImportOptions::default())
            .import
            .busy
            .is_empty(),
        "a cancelled event is not busy"
    );

    // Deleting with a stale ETag is refused; with the current one it goes.
    let refused = write::delete(&c, &url, Some(&new_etag)).unwrap_err();
    assert!(
        matches!(refused, CalDavError::Conflict { .. }),
        "{refused:?}"
    );
    let current = cancelled.etag.expect("ETag after cancel");
    assert_eq!(
        write::delete(&c, &url, Some(&current)).unwrap(),
        Deleted::Removed
    );
    assert_eq!(write::delete(&c, &url, None).unwrap(), Deleted::AlreadyGone);
    assert!(write::get(&c, &url).unwrap().is_none());
}

#[test]
fn writing_where_the_account_may_only_read_is_forbidden_in_words() {
    let Some(rad) = server::radicale("writing_where_the_account_may_only_read") else {
        return;
    };
    let _ = write::make_calendar(
        &client("carol"),
        &rondo::caldav::parse_url(&rad.url("/carol/busy/")).unwrap(),
        "Carol (busy)",
    )
    .unwrap();
    let url = write::event_url(&rad.url("/carol/busy/"), "intruder").unwrap();
    let err = write::create(
        &client("alice"),
        &url,
        &event("intruder", "20261124T100000Z", "20261124T110000Z"),
    )
    .unwrap_err();
    assert!(matches!(err, CalDavError::Forbidden { .. }), "{err:?}");
    assert!(
        err.to_string().contains("does not allow alice to write"),
        "{err}"
    );
}
