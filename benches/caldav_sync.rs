//! Reading 200 interviewers' calendars from a local CalDAV server (Radicale, started
//! here as the tests start it): 50 events each, a quarter of them weekly series, over a
//! 91-day window. Prints the first sync (everything downloaded and read by Rondo's
//! importer) and a sync with nothing changed, each with `sync-collection` and with
//! ETags, one calendar at a time and four at a time. Through the store (the use case),
//! also a sync after one calendar changed: the unchanged calendars are skipped by one
//! listing of their home.
//!
//!     bash scripts/test-servers.sh && cargo bench --bench caldav_sync
//!
//! Uploading the calendars takes many minutes on a loaded machine: with
//! `RONDO_TEST_RADICALE_STORAGE=/some/folder` they are kept there for the next run.
//!
//! Goals (issue 10): first sync under 10 s, unchanged sync under 1 s.

#[path = "../tests/caldav/server.rs"]
#[allow(dead_code)]
mod server;

use rondo::caldav::{busy, sync_events, CalendarRef, Client, Credentials, SyncState, Timeouts};
use rondo::ical::import::{ImportOptions, Window};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CALENDARS: usize = 200;
const EVENTS: usize = 50;

fn client() -> Client {
    Client::new(
        Some(Credentials {
            user: "team".into(),
            password: "team-pw".into(),
        }),
        Timeouts {
            connect: Duration::from_secs(5),
            request: Duration::from_secs(60),
        },
    )
}

fn event(cal: usize, n: usize) -> String {
    // Spread over 13 weeks of working days, 08:00-17:00 Berlin time.
    let day = 1 + (n * 7 + cal) % 91;
    let date =
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap() + chrono::Duration::days(day as i64);
    let hour = 8 + (n + cal) % 9;
    let rule = if n.is_multiple_of(4) {
        "RRULE:FREQ=WEEKLY;COUNT=8\r\n"
    } else {
        ""
    };
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rondo bench//EN\r\nBEGIN:VEVENT\r\nUID:iv{cal}-ev{n}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Berlin:{d}T{hour:02}0000\r\nDTEND;TZID=Europe/Berlin:{d}T{hour:02}4500\r\n{rule}SUMMARY:Meeting {n}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        d = date.format("%Y%m%d"),
    )
}

/// Runs `work(i)` for i in 0..n on `threads` threads.
fn pool(n: usize, threads: usize, work: impl Fn(usize) + Sync) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                work(i);
            });
        }
    });
}

fn sync_all(
    urls: &[String],
    states: &[SyncState],
    window: Window,
    sync_collection: bool,
    threads: usize,
) -> (Duration, Vec<SyncState>, usize, usize) {
    let out: Vec<std::sync::Mutex<Option<SyncState>>> =
        urls.iter().map(|_| Default::default()).collect();
    let fetched = AtomicUsize::new(0);
    let requests = AtomicUsize::new(0);
    let opts = ImportOptions::in_zone(chrono_tz::Europe::Berlin);
    let started = Instant::now();
    pool(urls.len(), threads, |i| {
        let c = client();
        let calendar = CalendarRef {
            url: urls[i].clone(),
            sync_collection,
        };
        let (state, report) = sync_events(&c, &calendar, &states[i], window).expect("sync");
        let b = busy(&state, window, &opts);
        assert!(b.import.events > 0 || report.held == 0);
        fetched.fetch_add(report.fetched, Ordering::Relaxed);
        requests.fetch_add(report.requests, Ordering::Relaxed);
        *out[i].lock().unwrap() = Some(state);
    });
    let took = started.elapsed();
    let states = out
        .into_iter()
        .map(|m| m.into_inner().unwrap().unwrap())
        .collect();
    (took, states, fetched.into_inner(), requests.into_inner())
}

fn main() {
    let Some(rad) = server::radicale("caldav_sync bench") else {
        eprintln!("run scripts/test-servers.sh first");
        std::process::exit(1);
    };
    let c = client();
    let urls: Vec<String> = (0..CALENDARS)
        .map(|i| rad.url(&format!("/team/iv-{i:03}/")))
        .collect();
    let started = Instant::now();
    pool(CALENDARS, 4, |i| {
        let url = rondo::caldav::parse_url(&urls[i]).unwrap();
        if !rondo::caldav::write::make_calendar(&c, &url, &format!("Interviewer {i}")).unwrap() {
            return; // kept from an earlier run (RONDO_TEST_RADICALE_STORAGE)
        }
        for n in 0..EVENTS {
            let at = rondo::caldav::write::event_url(&urls[i], &format!("ev{n}")).unwrap();
            rondo::caldav::write::create(&c, &at, &event(i, n)).unwrap();
        }
    });
    println!(
        "setup: {CALENDARS} calendars x {EVENTS} events ({} recurring each) uploaded in {:.1} s",
        EVENTS / 4,
        started.elapsed().as_secs_f64()
    );
    let window = Window::new(
        chrono::DateTime::parse_from_rfc3339("2026-11-30T00:00:00Z")
            .unwrap()
            .into(),
        chrono::DateTime::parse_from_rfc3339("2027-03-01T00:00:00Z")
            .unwrap()
            .into(),
    )
    .unwrap();
    through_the_store(&rad.base, &urls, window);
    if std::env::args().any(|a| a == "store") {
        return; // `cargo bench --bench caldav_sync -- store`: only the use case's figures
    }
    let empty: Vec<SyncState> = vec![SyncState::default(); CALENDARS];
    println!("| sync | method | threads | time | resources fetched | requests |");
    println!("| --- | --- | ---: | ---: | ---: | ---: |");
    for threads in [1, 4] {
        for sync_collection in [true, false] {
            let method = if sync_collection {
                "sync-collection"
            } else {
                "ETags"
            };
            let (first, states, fetched, requests) =
                sync_all(&urls, &empty, window, sync_collection, threads);
            println!(
                "| first | {method} | {threads} | {:.2} s | {fetched} | {requests} |",
                first.as_secs_f64()
            );
            let (again, _, fetched, requests) =
                sync_all(&urls, &states, window, sync_collection, threads);
            println!(
                "| unchanged | {method} | {threads} | {:.2} s | {fetched} | {requests} |",
                again.as_secs_f64()
            );
        }
    }
    // The importer's share: busy time of all 200 calendars from the states held.
    let (_, states, _, _) = sync_all(&urls, &empty, window, true, 4);
    let opts = ImportOptions::in_zone(chrono_tz::Europe::Berlin);
    let started = Instant::now();
    let mut intervals = 0;
    for s in &states {
        intervals += busy(s, window, &opts).import.busy.len();
    }
    println!(
        "busy time of all {CALENDARS} calendars from the copies held: {:.0} ms ({intervals} busy intervals)",
        started.elapsed().as_secs_f64() * 1000.0
    );
}

/// What a coordinator runs (`rondo calendar sync`): the use case on a real store, with
/// the account added by discovery, each interviewer linked to their calendar, the busy
/// time written into the store: the first sync, then one with nothing changed.
fn through_the_store(base: &str, urls: &[String], window: Window) {
    use rondo::domain::{Interviewer, InterviewerId, WeeklyHours};
    use rondo::interval::Interval;
    use rondo::usecases::connected::{accounts, reading};
    let dir = tempfile::tempdir().expect("a data folder");
    let store = rondo::store::Store::open(dir.path()).expect("a store");
    let now: chrono::DateTime<chrono::Utc> = window.start();
    let people: Vec<Interviewer> = (0..urls.len())
        .map(|i| {
            Interviewer::new(
                InterviewerId::new(format!("iv-{i:03}")).unwrap(),
                &format!("Interviewer {i}"),
                chrono_tz::Europe::Berlin,
                WeeklyHours::parse(rondo::domain::OFFICE_WEEK).expect("office hours"),
            )
        })
        .collect();
    store.put_all(&people).expect("interviewers stored");
    let keyring = rondo::passwords::MemoryKeyring::default();
    let started = Instant::now();
    let added = accounts::add(
        &store,
        "team",
        base,
        Some("team"),
        Some("team-pw".into()),
        &keyring,
        now,
    )
    .expect("the account is added");
    println!(
        "store: account added by discovery, {} calendars listed in {:.2} s",
        added.account.calendars.len(),
        started.elapsed().as_secs_f64()
    );
    for (p, url) in people.iter().zip(urls) {
        accounts::link(&store, &p.id, "team", &accounts::Which::At(url.clone())).expect("linked");
    }
    let span = Interval {
        start: window.start(),
        end: window.end(),
    };
    let steps = ["first", "unchanged", "one calendar changed"];
    for (n, what) in steps.into_iter().enumerate() {
        if n == 2 {
            let name = format!("added-{}", std::process::id());
            let at = rondo::caldav::write::event_url(&urls[7], &name).unwrap();
            let ics = event(7, EVENTS).replace("UID:iv7-ev50", &format!("UID:{name}"));
            rondo::caldav::write::create(&client(), &at, &ics).unwrap();
        }
        let started = Instant::now();
        let summary = reading::sync(&store, None, span, now).expect("sync");
        let took = started.elapsed();
        let read = || summary.people.iter().flat_map(|p| p.calendars.iter());
        let fetched: usize = read().map(|c| c.fetched).sum();
        let blocks: usize = read().map(|c| c.busy_blocks).sum();
        let requests: usize = read().map(|c| c.requests).sum::<usize>() + summary.homes_listed;
        let unchanged = read()
            .filter(|c| c.method == reading::ReadMethod::Unchanged)
            .count();
        assert_eq!(summary.failed, 0, "every calendar read");
        if n == 1 {
            let home = rondo::caldav::tags::home_of(&urls[0]).unwrap();
            let listed = Instant::now();
            let tags = rondo::caldav::tags::tags(&client(), &home).expect("the home listed");
            println!(
                "store: the home listing alone (Depth-1 PROPFIND of getctag, {} calendars tagged): {:.2} s",
                tags.len(),
                listed.elapsed().as_secs_f64()
            );
        }
        println!(
            "store: {what} sync of {} calendars into the store: {:.2} s ({fetched} resources fetched, {blocks} busy blocks, {unchanged} calendars unchanged, {requests} requests)",
            summary.read,
            took.as_secs_f64()
        );
    }
}
