//! Settings → Calendars in the real window against a real CalDAV server (Radicale on a
//! free loopback port, started as `tests/caldav` starts it): a coordinator adds the
//! account, sees its calendar, links it to Ada, syncs, and "Find options" then keeps
//! clear of the meeting the server holds; People shows when Ada's calendar was read.
//! Outside CI a missing Radicale skips the test with a plain line; under `CI=true` it
//! fails.

#[path = "../../../tests/caldav/server.rs"]
#[allow(dead_code)]
mod server;

use super::{tempfile_dir::TempDir, Window};
use chrono::{Duration, Utc};
use rondo::caldav::{parse_url, write, Client, Credentials, Timeouts};
use rondo::domain::{
    Candidate, CandidateId, Interviewer, InterviewerId, Need, Plan, PlanId, RoundId, RoundSpec,
    WeeklyHours,
};
use rondo::interval::{Interval, IntervalSet};
use rondo::store::Store;

/// A data folder with Ada (UTC, every day 08:00-18:00), a one-hour round that needs
/// her, and Cat, free only on `day` from 09:00 to 11:00 UTC.
fn team(day: chrono::NaiveDate) -> TempDir {
    let dir = TempDir::new("calendars");
    let store = Store::open(dir.path()).expect("open the data folder");
    let mut ada = Interviewer::new(
        InterviewerId::new("ada").expect("valid id"),
        "Ada Lovelace",
        chrono_tz::UTC,
        WeeklyHours::parse("mon-sun 08:00-18:00").expect("hours"),
    );
    ada.email = "ada@example.com".into();
    store.put(&ada).expect("ada");
    store
        .put(&Plan {
            id: PlanId::new("one").expect("valid id"),
            name: "One round".into(),
            job: "Engineer".into(),
            rounds: vec![RoundSpec {
                id: RoundId::new("tech").expect("valid id"),
                name: "Technical".into(),
                duration_minutes: 60,
                needs: vec![Need::Person(ada.id.clone())],
                after: vec![],
            }],
            same_day: vec![],
        })
        .expect("plan");
    let mut cat = Candidate::new(
        CandidateId::new("cat").expect("valid id"),
        "Cat Ng",
        chrono_tz::UTC,
    );
    let at = |h: u32| day.and_hms_opt(h, 0, 0).expect("a time").and_utc();
    cat.available = IntervalSet::from_intervals(vec![Interval {
        start: at(9),
        end: at(11),
    }]);
    cat.plan = Some(PlanId::new("one").expect("valid id"));
    store.put(&cat).expect("cat");
    dir
}

/// Makes Alice's calendar `Work` on the server with a meeting over all of Cat's time.
fn meeting_on_server(rad: &server::Radicale, day: chrono::NaiveDate) {
    let client = Client::new(
        Some(Credentials {
            user: "alice".into(),
            password: "alice-pw".into(),
        }),
        Timeouts::default(),
    );
    let cal = rad.url("/alice/work/");
    write::make_calendar(&client, &parse_url(&cal).expect("address"), "Work").expect("MKCALENDAR");
    let d = day.format("%Y%m%d");
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rondo tests//EN\r\nBEGIN:VEVENT\r\nUID:offsite\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{d}T080000Z\r\nDTEND:{d}T120000Z\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    write::create(
        &client,
        &write::event_url(&cal, "offsite").expect("address"),
        &ics,
    )
    .expect("PUT the meeting");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_coordinator_connects_a_calendar_server_and_find_options_keeps_clear_of_its_meetings() {
    let Some(rad) = server::radicale("a_coordinator_connects_a_calendar_server") else {
        return;
    };
    // A week ahead: inside the default read window, and inside the two weeks the
    // Schedule form offers.
    let day = (Utc::now() + Duration::days(7)).date_naive();
    meeting_on_server(rad, day);
    let w = Window::open_in(team(day), &[]).await;

    // Before the calendar is connected, Ada looks free: options are found.
    w.click("nav-schedule").await;
    w.ready("schedule").await;
    w.fill("schedule-search", "Cat").await;
    w.click("pick-cat").await;
    w.wait_text("schedule-candidate", "Cat is chosen", |t| t == "Cat Ng")
        .await;
    w.click("find-options").await;
    w.get("option-1").await;

    // Settings → Calendars: add the account.
    w.click("nav-settings").await;
    w.ready("settings").await;
    w.fill("calendar-name", "team").await;
    w.fill("calendar-url", &format!("{}/", rad.base)).await;
    w.fill("calendar-user", "alice").await;
    w.fill("calendar-password", "alice-pw").await;
    w.click("calendar-add").await;
    let said = w
        .wait_text("calendar-said", "the account is added", |t| {
            t.contains("team added")
        })
        .await;
    assert!(said.contains("1 calendar"), "one calendar listed: {said}");
    let row = w.text("calendar-team-0").await;
    assert!(row.contains("Work"), "the calendar's name is shown: {row}");
    let password = w.text("account-password-team").await;
    assert!(
        password.contains("keyring") || password.contains("this run"),
        "where the password is kept is said plainly: {password}"
    );

    // Link it to Ada, by hand, and read it.
    let pick = w.get("link-person-team-0").await;
    w.reveal(&pick).await;
    pick.select_by_value("ada").await.expect("choose Ada");
    w.click("link-team-0").await;
    w.wait_text("linked-team-0", "Ada is linked", |t| {
        t.contains("Ada Lovelace")
    })
    .await;
    w.click("calendar-sync").await;
    let synced = w
        .wait_text("calendar-said", "the calendars are read", |t| {
            t.starts_with("Read ")
        })
        .await;
    assert_eq!(synced, "Read 1 calendar.", "nothing failed: {synced}");
    w.wait_text("read-team-0", "the read time is shown", |t| {
        t.starts_with("read ")
    })
    .await;
    w.screenshot("settings-calendars").await;

    // People: when Ada's calendar was last read.
    w.click("nav-people").await;
    w.ready("people").await;
    w.wait_text("connected-ada", "Ada's calendar and its read time", |t| {
        t.contains("Work (team): read")
    })
    .await;

    // Find options again: the meeting on the server covers Cat's only time.
    w.click("nav-schedule").await;
    w.ready("schedule").await;
    w.click("find-options").await;
    let blockers = w
        .wait_text("blockers", "no schedule fits any more", |t| !t.is_empty())
        .await;
    assert!(
        w.get("infeasible")
            .await
            .is_displayed()
            .await
            .expect("shown"),
        "the busy time from the server is respected: {blockers}"
    );
    w.close().await;
}
