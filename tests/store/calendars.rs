//! Connected calendars in backups: a `rondo-data/1` document holds the desk's accounts,
//! links, what each linked calendar said when last read and which bookings reached the
//! server (never a password); a restore brings them back, a document that says nothing
//! of them keeps the desk's, and a bad calendar record is named and changes nothing.
//! (`tests/caldav/backup.rs` does the same through a real server.)

use super::sent::booked_team;
use super::usecases::now;
use rondo::caldav::sync::Resource;
use rondo::caldav::{
    AccountKind, CalendarAccount, CalendarCopy, CalendarLinks, CancelMode, LinkedCalendar,
    Published, ServerCalendar, SyncState, Tagged, TeamCalendar,
};
use rondo::domain::{AccountId, Booking, InterviewerId};
use rondo::store::Store;
use rondo::usecases::backup::{export, parse, restore};
use rondo::usecases::UseCaseError;

const CAL: &str = "https://cal.example.com/dav/eng-1/work/";

fn account() -> CalendarAccount {
    CalendarAccount {
        name: AccountId::new("team").expect("valid id"),
        kind: AccountKind::Server {
            url: "https://cal.example.com/".into(),
            user: "ana".into(),
        },
        calendars: vec![ServerCalendar {
            url: CAL.into(),
            name: "Work".into(),
            owner: Some("eng-1@example.com".into()),
            color: Some("#3366cc".into()),
            busy_only: false,
            sync_collection: true,
        }],
        listed_at: Some(now()),
        team: Some(TeamCalendar {
            url: "https://cal.example.com/dav/team/interviews/".into(),
            claims_url: "https://cal.example.com/dav/team/interviews/".into(),
            hold_seconds: 120,
            cancel: CancelMode::MarkCancelled,
        }),
    }
}

fn link() -> LinkedCalendar {
    LinkedCalendar {
        account: AccountId::new("team").expect("valid id"),
        url: CAL.into(),
    }
}

/// Plants an account, a link of eng-1, the copy of the linked calendar and a published
/// booking in `store`, as adding, linking, syncing and booking would have.
fn plant(store: &Store, booking: &Booking) {
    store.put(&account()).expect("account");
    store
        .put(&CalendarLinks {
            interviewer: InterviewerId::new("eng-1").expect("valid id"),
            calendars: vec![link()],
        })
        .expect("links");
    let mut state = SyncState {
        covered: Some((now(), now() + chrono::Duration::days(90))),
        token: Some("http://radicale.org/ns/sync/42".into()),
        ..SyncState::default()
    };
    state.resources.insert(
        "/dav/eng-1/work/standup.ics".into(),
        Resource {
            etag: Some("\"e1\"".into()),
            ics: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
        },
    );
    store
        .put(&CalendarCopy {
            key: link().copy_key(),
            state,
            validators: None,
            read_at: Some(now()),
            error: Some((now(), "the server did not answer".into())),
            tagged: Some(Tagged {
                tag: "http://radicale.org/ns/sync/42\u{1f}\"c42\"\u{1f}".into(),
                window: rondo::interval::Interval {
                    start: now(),
                    end: now() + chrono::Duration::days(90),
                },
                events: 1,
            }),
        })
        .expect("copy");
    store
        .put(&Published {
            booking: booking.id.clone(),
            url: "https://cal.example.com/dav/team/interviews/x.ics".into(),
            etag: Some("\"p1\"".into()),
            sequence: Some(0),
            at: now(),
            problem: None,
        })
        .expect("published");
}

/// Every connected-calendar record of `store`, as JSON (to compare two stores).
fn calendar_records(store: &Store) -> serde_json::Value {
    serde_json::json!({
        "accounts": store.all::<CalendarAccount>().expect("accounts"),
        "links": store.all::<CalendarLinks>().expect("links"),
        "copies": store.all::<CalendarCopy>().expect("copies"),
        "published": store.all::<Published>().expect("published"),
    })
}

#[test]
fn a_backup_keeps_the_connected_calendars_and_a_restore_brings_them_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, booked) = booked_team(dir.path());
    plant(&store, &booked[0]);
    let before = calendar_records(&store);
    let text = serde_json::to_string_pretty(&export(&store, now()).expect("export")).expect("json");
    assert!(
        text.contains("\"calendars\"") && text.contains("radicale.org/ns/sync/42"),
        "the document holds the calendars and their sync state: {text}"
    );

    let other = tempfile::tempdir().expect("another desk");
    let mut desk = Store::open(other.path()).expect("open");
    let summary = restore(&mut desk, &parse(&text).expect("parse")).expect("restore");
    assert_eq!(summary.calendar_accounts, Some(1));
    assert_eq!(
        calendar_records(&desk),
        before,
        "accounts, links, copies and published records come back as they were"
    );
    drop(desk);
    let reopened = Store::open(other.path()).expect("reopen");
    assert_eq!(
        calendar_records(&reopened),
        before,
        "and stay after a reopen"
    );
}

#[test]
fn a_backup_leaves_out_links_of_people_who_are_gone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, booked) = booked_team(dir.path());
    plant(&store, &booked[0]);
    // Linked, then deleted: the links stay in the store, not in a backup.
    let mut gone = store
        .get::<rondo::domain::Interviewer>("rec-1")
        .expect("read")
        .expect("rec-1");
    gone.id = InterviewerId::new("gone").expect("valid id");
    store.put(&gone).expect("gone");
    store
        .put(&CalendarLinks {
            interviewer: gone.id.clone(),
            calendars: vec![link()],
        })
        .expect("links of gone");
    rondo::usecases::records::delete_interviewer(&store, &gone.id).expect("delete gone");
    let doc = export(&store, now()).expect("export");
    let links = &doc.calendars.as_ref().expect("calendars").links;
    assert_eq!(links.len(), 1, "only eng-1's links: {links:?}");
    parse(&serde_json::to_string(&doc).expect("json")).expect("the export reads back");
}

#[test]
fn a_document_without_calendars_keeps_the_desks_and_an_empty_one_clears_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, booked) = booked_team(dir.path());
    plant(&store, &booked[0]);
    let mut doc = serde_json::to_value(export(&store, now()).expect("export")).expect("json");
    doc.as_object_mut().expect("object").remove("calendars");
    let summary = restore(&mut store, &parse(&doc.to_string()).expect("parse")).expect("restore");
    assert_eq!(summary.calendar_accounts, None);
    assert_eq!(
        store.all::<CalendarAccount>().expect("accounts"),
        vec![account()],
        "an older backup keeps the desk's accounts"
    );
    assert_eq!(store.all::<CalendarLinks>().expect("links").len(), 1);

    rondo::usecases::backup::clear(&mut store, now()).expect("clear");
    assert!(
        store.all::<CalendarAccount>().expect("accounts").is_empty(),
        "clearing everything clears the accounts too"
    );
    assert!(store.all::<CalendarLinks>().expect("links").is_empty());
}

#[test]
fn a_bad_calendar_record_is_named_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, booked) = booked_team(dir.path());
    plant(&store, &booked[0]);
    let good = serde_json::to_value(export(&store, now()).expect("export")).expect("json");
    let before = calendar_records(&store);
    type Edit = fn(&mut serde_json::Value);
    let cases: [(&str, Edit, &str); 6] = [
        (
            "a password in the address",
            |d| {
                d["calendars"]["accounts"][0]["kind"]["url"] =
                    "https://ana:secret@cal.example.com/".into()
            },
            "calendars.accounts[0] (team)",
        ),
        (
            "links of someone not in the document",
            |d| d["calendars"]["links"][0]["interviewer"] = "nobody".into(),
            "calendars.links[0] (nobody)",
        ),
        (
            "links to an account not in the document",
            |d| d["calendars"]["links"][0]["calendars"][0]["account"] = "other".into(),
            "account other",
        ),
        (
            "a copy of a calendar nobody is linked to",
            |d| d["calendars"]["copies"][0]["key"] = "team\u{1f}https://elsewhere/".into(),
            "calendars.copies[0]",
        ),
        (
            "a published booking not in the document",
            |d| d["calendars"]["published"][0]["booking"] = "bk-999".into(),
            "calendars.published[0] (bk-999)",
        ),
        (
            "an account of the wrong shape",
            |d| d["calendars"]["accounts"][0]["kind"] = "server".into(),
            "calendars.accounts[0] (team)",
        ),
    ];
    for (name, edit, record) in cases {
        let mut doc = good.clone();
        edit(&mut doc);
        match parse(&doc.to_string()) {
            Err(e @ UseCaseError::BadBackup { .. }) => assert!(
                e.to_string().contains(record),
                "{name}: the error names {record}: {e}"
            ),
            Err(e) => panic!("{name}: a bad backup, not {e}"),
            Ok(parsed) => {
                let refused = restore(&mut store, &parsed);
                panic!("{name}: parsed; a restore said {refused:?}");
            }
        }
        assert_eq!(calendar_records(&store), before, "{name}: nothing changed");
    }
}

#[test]
fn the_window_sees_calendars_links_matches_and_when_each_was_read() {
    use rondo::usecases::connected::overview;
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, booked) = booked_team(dir.path());
    plant(&store, &booked[0]);
    let mut rec = store
        .get::<rondo::domain::Interviewer>("rec-1")
        .expect("read")
        .expect("rec-1");
    rec.email = "eng-1@example.com".into();
    store.put(&rec).expect("rec-1 owns the calendar by e-mail");
    let later = now() + chrono::Duration::minutes(3);
    let view = overview::calendars(&store, later).expect("view");
    let cal = &view.accounts[0].calendars[0];
    assert_eq!(cal.name, "Work");
    assert_eq!(cal.color.as_deref(), Some("#3366cc"));
    assert_eq!(
        cal.linked.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["eng-1"],
        "linked by hand"
    );
    assert_eq!(
        cal.suggested
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>(),
        ["rec-1"],
        "the e-mail match not linked yet"
    );
    assert_eq!(cal.read, "read 3 minutes ago");
    assert_eq!(
        overview::person_calendars(&store, "eng-1", later).expect("lines"),
        ["Work (team): read 3 minutes ago"]
    );

    let copy = |read: Option<i64>, failed: Option<i64>| CalendarCopy {
        key: link().copy_key(),
        state: SyncState::default(),
        validators: None,
        read_at: read.map(|m| now() + chrono::Duration::minutes(m)),
        error: failed.map(|m| {
            (
                now() + chrono::Duration::minutes(m),
                "the server did not answer".into(),
            )
        }),
        tagged: None,
    };
    let cases = [
        (None, "never read"),
        (Some(copy(None, None)), "never read"),
        (Some(copy(Some(0), None)), "read 3 minutes ago"),
        (Some(copy(Some(0), Some(-5))), "read 3 minutes ago"),
        (
            Some(copy(Some(-120), Some(1))),
            "could not be read 2 minutes ago: the server did not answer (read 2 hours ago)",
        ),
        (
            Some(copy(None, Some(2))),
            "could not be read 1 minute ago: the server did not answer (never read)",
        ),
    ];
    for (c, want) in cases {
        assert_eq!(overview::read_words(c.as_ref(), later), want, "{c:?}");
    }
}
