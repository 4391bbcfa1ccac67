//! "Find options" reads stale calendars first: an event added on the server after a
//! first read blocks its slot in the next search made a few minutes later, and a
//! server that cannot be reached blocks nothing but is named in words beside the
//! options.

use super::{at, event, fresh_path, new_calendar, server, upload};
use rondo::caldav::{AccountKind, CalendarAccount, ServerCalendar};
use rondo::domain::{AccountId, CandidateId, Interviewer};
use rondo::interval::Interval;
use rondo::store::Store;
use rondo::usecases::connected::{accounts, give_password, reading};
use rondo::usecases::workbench::horizon::FindForm;
use rondo::usecases::workbench::Workbench;

/// Ada (UTC, office hours), one one-hour round that needs her, and a candidate free
/// only on Tuesday 2026-11-24 from 09:00 to 11:00 UTC.
fn team(store: &Store) -> Interviewer {
    let ada = super::ada();
    store.put(&ada).expect("ada");
    let free = Interval {
        start: at("2026-11-24T09:00:00Z"),
        end: at("2026-11-24T11:00:00Z"),
    };
    crate::support::one_round::one_round(store, &ada.id, "Cat", &[free]);
    ada
}

/// A desk (its data folder and store) with Ada's calendar `label` on Radicale, new for
/// this test, read through the account "team"; and the moment the test starts, Friday
/// 2026-11-20 09:00 UTC.
fn linked_desk(
    rad: &server::Radicale,
    path: &str,
    label: &str,
) -> (
    String,
    tempfile::TempDir,
    Store,
    Interviewer,
    chrono::DateTime<chrono::Utc>,
) {
    let cal = new_calendar(rad, "alice", &fresh_path("alice", path), label);
    let dir = tempfile::tempdir().expect("data folder");
    let store = Store::open(dir.path()).expect("open");
    let ada = team(&store);
    let now = at("2026-11-20T09:00:00Z");
    let added = accounts::add(
        &store,
        "team",
        &format!("{}/", rad.base),
        Some("alice"),
        Some("alice-pw".into()),
        &rondo::passwords::MemoryKeyring::default(),
        now,
    )
    .expect("add the account");
    give_password(&added.account, "alice-pw").expect("password for this run");
    accounts::link(&store, &ada.id, "team", &accounts::Which::At(cal.clone())).expect("link");
    (cal, dir, store, ada, now)
}

fn form() -> FindForm {
    FindForm {
        candidate: "cat".into(),
        plan: String::new(),
        from: "2026-11-24".into(),
        to: "2026-11-24".into(),
    }
}

#[test]
fn find_options_reads_stale_calendars_first_and_a_dead_server_blocks_nothing() {
    let Some(rad) = server::radicale("find_options_reads_stale_calendars_first") else {
        return;
    };
    let (cal, _dir, store, ada, now) = linked_desk(rad, "find", "Find");
    // A second calendar of Ada's on a server that is gone (nothing listens there).
    let gone = format!(
        "http://127.0.0.1:{}/ada.ics",
        std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port()
    );
    store
        .put(&CalendarAccount {
            name: AccountId::new("gone").expect("valid id"),
            kind: AccountKind::Subscription { url: gone.clone() },
            calendars: vec![ServerCalendar {
                url: gone.clone(),
                name: "Gone".into(),
                owner: None,
                color: None,
                busy_only: false,
                sync_collection: false,
            }],
            listed_at: Some(now),
            team: None,
        })
        .expect("the gone account");
    accounts::link(&store, &ada.id, "gone", &accounts::Which::At(gone)).expect("link gone");

    let bench = Workbench::default();
    let first = bench.find(&store, &form(), now).expect("first find");
    assert!(first.scheduled, "Ada is free on Tuesday morning: {first:?}");
    assert!(
        first
            .calendars
            .iter()
            .any(|n| n.contains("read again from 1 calendar")),
        "the first find read her calendar: {:?}",
        first.calendars
    );
    assert!(
        first
            .calendars
            .iter()
            .any(|n| n.contains("Ada's calendar could not be read") && n.contains("never read")),
        "the dead server is named in words: {:?}",
        first.calendars
    );

    upload(
        "alice",
        &cal,
        "offsite",
        &event("offsite", "20261124T080000Z", "20261124T120000Z"),
    );
    let soon = bench
        .find(&store, &form(), now + chrono::Duration::minutes(1))
        .expect("find a minute later");
    assert!(
        soon.scheduled && soon.calendars.is_empty(),
        "a copy a minute old is trusted, nothing read: {soon:?}"
    );
    let later = now + chrono::Duration::minutes(reading::FRESH_FOR_MINUTES + 1);
    let after = bench.find(&store, &form(), later).expect("find later");
    assert!(
        !after.scheduled,
        "the event added on the server blocks the only slot: {after:?}"
    );
    assert!(
        after
            .calendars
            .iter()
            .any(|n| n.contains("could not be read") && n.contains("never read")),
        "still said: {:?}",
        after.calendars
    );
}

#[test]
fn book_reads_stale_calendars_first_and_refuses_time_that_became_busy() {
    let Some(rad) = server::radicale("book_reads_stale_calendars_first") else {
        return;
    };
    let (cal, _dir, store, _, now) = linked_desk(rad, "book", "Book");
    let found = Workbench::default()
        .find(&store, &form(), now)
        .expect("find");
    assert!(found.scheduled, "Ada is free on Tuesday morning: {found:?}");

    // The whole of Cat's time becomes busy on the server after the options were found.
    upload(
        "alice",
        &cal,
        "offsite",
        &event("offsite", "20261124T080000Z", "20261124T120000Z"),
    );
    let later = now + chrono::Duration::minutes(reading::FRESH_FOR_MINUTES + 1);
    let cat = CandidateId::new("cat").expect("valid id");
    let refused = rondo::usecases::bookings::book(&store, &cat, 1, later)
        .expect_err("the option now overlaps the event read from the server");
    assert!(
        matches!(refused, rondo::usecases::UseCaseError::Conflict { .. }),
        "refused as a conflict, in words: {refused}"
    );
    assert!(
        store
            .all::<rondo::domain::Booking>()
            .expect("read")
            .is_empty(),
        "nothing was booked"
    );
    let copy_read = store
        .get::<Interviewer>("ada")
        .expect("read")
        .expect("ada")
        .calendars
        .iter()
        .map(|c| c.busy.len())
        .sum::<usize>();
    assert_eq!(copy_read, 1, "the event was read into Ada's busy time");
}
