//! A backup of a desk with a real account: the account, its link and the linked
//! calendar's sync state are in the document, the password is not (anywhere in the
//! file), and a restored desk's next sync fetches only what changed.

use super::{at, event, fresh_path, new_calendar, server, upload};
use rondo::interval::Interval;
use rondo::store::Store;
use rondo::usecases::backup::{export, parse, restore, save};
use rondo::usecases::connected::{accounts, give_password, reading};

const PASSWORD: &str = "alice-pw";

#[test]
fn a_backup_keeps_the_account_and_sync_state_but_never_the_password() {
    let Some(rad) = server::radicale("a_backup_keeps_the_account_and_sync_state") else {
        return;
    };
    let cal = new_calendar(rad, "alice", &fresh_path("alice", "backup"), "Backup");
    upload(
        "alice",
        &cal,
        "standup",
        &event("standup", "20261124T090000Z", "20261124T100000Z"),
    );
    let dir = tempfile::tempdir().expect("data folder");
    let store = Store::open(dir.path()).expect("open");
    let ada = super::ada();
    store.put(&ada).expect("ada");
    let now = at("2026-11-20T09:00:00Z");
    let keyring = rondo::passwords::MemoryKeyring::default();
    let added = accounts::add(
        &store,
        "team",
        &format!("{}/", rad.base),
        Some("alice"),
        Some(PASSWORD.into()),
        &keyring,
        now,
    )
    .expect("add the account");
    // Wherever this machine's keyring is, the syncs of this run find the password.
    give_password(&added.account, PASSWORD).expect("password for this run");
    accounts::link(&store, &ada.id, "team", &accounts::Which::At(cal.clone())).expect("link");
    let window = Interval {
        start: at("2026-11-20T00:00:00Z"),
        end: at("2026-12-20T00:00:00Z"),
    };
    let first = reading::sync(&store, Some("team"), window, now).expect("sync");
    assert_eq!(first.read, 1, "{first:?}");

    let file = dir.path().join("backup.json");
    save(&export(&store, now).expect("export"), &file).expect("save");
    let text = std::fs::read_to_string(&file).expect("read the backup");
    assert!(
        !text.contains(PASSWORD),
        "the password is nowhere in the backup"
    );
    assert!(
        text.contains(&cal) && text.contains("\"alice\"") && text.contains("UID:standup"),
        "the account, its link and the calendar's events are: {text}"
    );

    let other = tempfile::tempdir().expect("another desk");
    let mut desk = Store::open(other.path()).expect("open");
    restore(&mut desk, &parse(&text).expect("parse")).expect("restore");
    let again = reading::sync(&desk, Some("team"), window, now).expect("sync after restore");
    let read = &again.people[0].calendars[0];
    assert_eq!(read.error, None, "{read:?}");
    assert_eq!(
        read.fetched, 0,
        "the restored sync state makes the next read fetch nothing new: {read:?}"
    );
    assert_eq!(
        super::ada_busy(&desk),
        vec![Interval {
            start: at("2026-11-24T09:00:00Z"),
            end: at("2026-11-24T10:00:00Z"),
        }]
    );
}
