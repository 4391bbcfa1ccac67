//! Connected calendars through the `rondo` binary and its store: an account added, its
//! calendar linked and read (then only the changes), the team's interview calendar
//! chosen; two desks (two data folders, two processes at a time) booking the same
//! interviewer from the same free time never both book, even when one is killed with
//! SIGKILL in the middle; the other desk's bookings show up as busy after a sync.

use super::{client, fresh_path, new_calendar, server, upload};
use rondo::caldav::{sync_events, CalendarRef, SyncState};
use rondo::domain::{Booking, Interviewer};
use rondo::ical::import::{busy_from_ics, ImportOptions, Window};
use rondo::interval::Interval;
use rondo::store::Store;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `rondo --data-dir DIR ARGS` with `password` for the calendar server.
fn rondo(dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rondo"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("RONDO_DATA_DIR")
        .env("RONDO_CALENDAR_PASSWORD", password)
        .stdin(Stdio::null())
        .output()
        .expect("the rondo binary runs")
}

fn ok(dir: &Path, password: &str, args: &[&str]) -> String {
    let out = rondo(dir, password, args);
    assert!(
        out.status.success(),
        "rondo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn json(dir: &Path, password: &str, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ok(dir, password, &all))
        .unwrap_or_else(|e| panic!("rondo {args:?} --json prints JSON: {e}"))
}

/// A desk: its data folder, user and password.
struct Desk {
    dir: tempfile::TempDir,
    user: &'static str,
    password: &'static str,
}

impl Desk {
    fn new(user: &'static str) -> Desk {
        let password = server::USERS
            .iter()
            .find(|(u, _)| *u == user)
            .map(|(_, p)| *p)
            .expect("a test user");
        Desk {
            dir: tempfile::tempdir().expect("a data folder"),
            user,
            password,
        }
    }

    fn ok(&self, args: &[&str]) -> String {
        ok(self.dir.path(), self.password, args)
    }

    fn run(&self, args: &[&str]) -> Output {
        rondo(self.dir.path(), self.password, args)
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        json(self.dir.path(), self.password, args)
    }

    /// Adds the account `team` on `rad`, Ada (ada@example.com, UTC, 09:00-17:00) and the
    /// one-round plan `chat` with her.
    fn seed(&self, rad: &server::Radicale) {
        self.ok(&[
            "calendar", "add", "team", "--url", &rad.base, "--user", self.user,
        ]);
        self.ok(&[
            "interviewer",
            "add",
            "--id",
            "ada",
            "--name",
            "Ada",
            "--zone",
            "UTC",
            "--email",
            "ada@example.com",
            "--hours",
            "mon-fri 09:00-17:00",
        ]);
        self.ok(&["plan", "add", "--id", "chat", "--round", "Chat | 60 | @ada"]);
    }

    /// A new candidate `id` free on `day` from 09:00 to 11:00 UTC, proposed for.
    fn propose(&self, id: &str, day: &str) {
        self.ok(&[
            "candidate",
            "add",
            "--id",
            id,
            "--name",
            id,
            "--zone",
            "UTC",
            "--plan",
            "chat",
            "--available",
            &format!("{day} 09:00-11:00"),
        ]);
        self.ok(&["propose", "--candidate", id, "--from", day, "--to", day]);
    }

    /// Ada's busy time read from calendar `location`, from the desk's store.
    fn busy_from(&self, location: &str) -> Vec<Interval> {
        let store = Store::open(self.dir.path()).expect("the store opens whole");
        let ada: Interviewer = store.need("ada").expect("ada");
        ada.calendars
            .iter()
            .filter(|c| c.location == location)
            .flat_map(|c| c.busy.iter().copied())
            .collect()
    }

    /// The desk's live bookings, read from its store (no process holds it now).
    fn live(&self) -> Vec<Booking> {
        let store = Store::open(self.dir.path()).expect("the store opens whole");
        store
            .all::<Booking>()
            .expect("bookings read")
            .into_iter()
            .filter(|b| b.status.is_live())
            .collect()
    }
}

/// Every live interview in `desks`' stores: no two overlap (they all have Ada).
fn assert_no_double_booking(desks: &[&Desk]) -> Vec<Booking> {
    let mut all: Vec<Booking> = desks.iter().flat_map(|d| d.live()).collect();
    all.sort_by_key(|b| b.start);
    for w in all.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "Ada is booked twice: {} {}–{} and {} {}–{}",
            w[0].uid,
            w[0].start,
            w[0].end,
            w[1].uid,
            w[1].start,
            w[1].end
        );
    }
    all
}

/// The events in the team's interview calendar (not the claims): their busy intervals.
fn server_interviews(calendar: &str) -> Vec<Interval> {
    let window = Window::new(
        super::at("2026-12-01T00:00:00Z"),
        super::at("2027-02-01T00:00:00Z"),
    )
    .expect("a window");
    let (state, _) = sync_events(
        &client("team"),
        &CalendarRef {
            url: calendar.to_string(),
            sync_collection: false,
        },
        &SyncState::default(),
        window,
    )
    .expect("the team calendar reads");
    let mut out = Vec::new();
    for r in state.resources.values() {
        if r.ics.contains("X-RONDO-STATE") || r.ics.contains("STATUS:CANCELLED") {
            continue; // a claim, or a cancelled interview
        }
        let b = busy_from_ics(&r.ics, window, &ImportOptions::default()).expect("an event");
        out.extend(b.busy.iter().map(|x| Interval {
            start: x.start,
            end: x.end,
        }));
    }
    out.sort_by_key(|i| i.start);
    out
}

fn assert_disjoint(list: &[Interval], what: &str) {
    for w in list.windows(2) {
        assert!(w[0].end <= w[1].start, "{what} overlap: {w:?}");
    }
}

#[test]
fn an_account_linked_and_read_then_only_changes() {
    let Some(rad) = server::radicale("an_account_linked_and_read") else {
        return;
    };
    let path = fresh_path("alice", "ada");
    let cal = new_calendar(rad, "alice", &path, "Ada at work");
    upload(
        "alice",
        &cal,
        "one",
        &super::event("one", "20261214T100000Z", "20261214T110000Z"),
    );
    let weekly = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:weekly\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261215T140000Z\r\nDTEND:20261215T150000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:weekly\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    upload("alice", &cal, "weekly", weekly);
    let desk = Desk::new("alice");
    // A wrong password is refused in words, and nothing is stored.
    let wrong = rondo(
        desk.dir.path(),
        "not-it",
        &[
            "calendar", "add", "team", "--url", &rad.base, "--user", "alice",
        ],
    );
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(!wrong.status.success());
    assert!(said.contains("refused the password for alice"), "{said}");
    assert_eq!(desk.json(&["calendar", "list"]), serde_json::json!([]));
    desk.seed(rad);
    let listed = desk.json(&["calendar", "list", "team"]);
    let urls: Vec<&str> = listed["calendars"]
        .as_array()
        .expect("calendars")
        .iter()
        .filter_map(|c| c["url"].as_str())
        .collect();
    assert!(urls.contains(&cal.as_str()), "{cal} in {urls:?}");
    desk.ok(&[
        "interviewer",
        "link",
        "ada",
        "--calendar",
        &format!("team:{path}"),
    ]);
    let sync = [
        "calendar",
        "sync",
        "--from",
        "2026-12-10",
        "--to",
        "2026-12-31",
    ];
    let first = desk.json(&sync);
    let read = &first["people"][0]["calendars"][0];
    assert_eq!(first["read"], 1, "{first}");
    assert_eq!(read["method"], "query", "{read}");
    assert_eq!(read["events"], 2, "two events: {read}");
    assert_eq!(
        read["busy_blocks"], 4,
        "one + the weekly's three in the window: {read}"
    );
    let from_server = desk.busy_from(&cal);
    assert_eq!(from_server.len(), 4, "{from_server:?}");
    // Nothing changed: nothing fetched.
    let again = desk.json(&sync);
    assert_eq!(again["people"][0]["calendars"][0]["fetched"], 0, "{again}");
    // One event moved on the server: one fetched, the busy time follows.
    let cl = client("alice");
    let one = rondo::caldav::write::event_url(&cal, "one").unwrap();
    let (_, etag) = rondo::caldav::write::get(&cl, &one)
        .unwrap()
        .expect("one is there");
    rondo::caldav::write::update(
        &cl,
        &one,
        &etag.expect("an ETag"),
        &super::event("one", "20261214T120000Z", "20261214T130000Z"),
    )
    .expect("moved on the server");
    let third = desk.json(&sync);
    let read = &third["people"][0]["calendars"][0];
    assert_eq!(read["fetched"], 1, "{read}");
    assert!(
        desk.busy_from(&cal)
            .iter()
            .any(|i| i.start == super::at("2026-12-14T12:00:00Z")),
        "the moved event is busy now"
    );
}

#[test]
fn two_desks_booking_from_the_same_free_time_never_both_book() {
    let Some(rad) = server::radicale("two_desks_booking_from_the_same_free_time") else {
        return;
    };
    let calendar = new_calendar(rad, "team", &fresh_path("team", "interviews"), "Interviews");
    let (a, b) = (Desk::new("alice"), Desk::new("bob"));
    for d in [&a, &b] {
        d.seed(rad);
        d.ok(&["calendar", "publish", &format!("team:{calendar}")]);
    }
    const DAYS: u32 = 6;
    let mut refusals = Vec::new();
    let mut wins = 0;
    for n in 0..DAYS {
        // Both desks propose from the same free time, then book option 1 at once.
        let day = format!("2026-12-{:02}", 14 + n % 5 + 7 * (n / 5));
        let (ca, cb) = (format!("a{n}"), format!("b{n}"));
        a.propose(&ca, &day);
        b.propose(&cb, &day);
        let spawn = |d: &Desk, c: &str| {
            Command::new(env!("CARGO_BIN_EXE_rondo"))
                .arg("--data-dir")
                .arg(d.dir.path())
                .args(["book", "--candidate", c, "--option", "1"])
                .env_remove("RONDO_DATA_DIR")
                .env("RONDO_CALENDAR_PASSWORD", d.password)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("rondo book starts")
        };
        let (pa, pb) = (spawn(&a, &ca), spawn(&b, &cb));
        for out in [pa.wait_with_output(), pb.wait_with_output()] {
            let out = out.expect("rondo book ends");
            if out.status.success() {
                wins += 1;
            } else {
                let said = String::from_utf8_lossy(&out.stderr).to_string();
                assert!(
                    said.contains("by another coordinator") || said.contains("no longer fits"),
                    "a refusal says why in words: {said}"
                );
                refusals.push(said);
            }
        }
        assert_no_double_booking(&[&a, &b]);
    }
    assert_eq!(wins, DAYS as usize, "exactly one desk books each day");
    assert!(!refusals.is_empty(), "the desks did race");
    let booked = assert_no_double_booking(&[&a, &b]);
    // The interview calendar holds each booking once, none overlapping.
    let on_server = server_interviews(&calendar);
    assert_eq!(on_server.len(), booked.len(), "{on_server:?}");
    assert_disjoint(&on_server, "interviews on the server");
    // After a sync, each desk sees the other's bookings as Ada's busy time.
    a.ok(&["calendar", "sync"]);
    let store = Store::open(a.dir.path()).expect("A's store");
    let ada: Interviewer = store.need("ada").expect("ada");
    drop(store);
    let others: Vec<&Interval> = ada
        .calendars
        .iter()
        .filter(|c| c.id.as_str() == "other-desks")
        .flat_map(|c| c.busy.iter())
        .collect();
    for theirs in b.live() {
        assert!(
            others
                .iter()
                .any(|i| i.start <= theirs.start && theirs.end <= i.end),
            "B's booking at {} is busy for A: {others:?}",
            theirs.start
        );
    }
}

#[test]
fn a_desk_killed_mid_booking_leaves_one_booking_at_most_and_nothing_half_written() {
    let Some(rad) = server::radicale("a_desk_killed_mid_booking") else {
        return;
    };
    let calendar = new_calendar(rad, "team", &fresh_path("team", "interviews"), "Interviews");
    let (a, b) = (Desk::new("alice"), Desk::new("bob"));
    for d in [&a, &b] {
        d.seed(rad);
        d.ok(&[
            "calendar",
            "publish",
            &format!("team:{calendar}"),
            "--hold",
            "2",
        ]);
    }
    // How long one whole booking takes here: the kills fall at fractions of it.
    a.propose("timed", "2027-01-01");
    let started = Instant::now();
    a.ok(&["book", "--candidate", "timed", "--option", "1"]);
    let whole = started.elapsed().as_millis() as u64;
    let mut outcomes = Vec::new();
    for (n, percent) in [10u64, 30, 50, 65, 80, 90, 97].into_iter().enumerate() {
        let delay = whole * percent / 100;
        let day = format!("2027-01-{:02}", [4, 5, 6, 7, 8, 11, 12][n]);
        let (ca, cb) = (format!("a{n}"), format!("b{n}"));
        a.propose(&ca, &day);
        b.propose(&cb, &day);
        let mut child = Command::new(env!("CARGO_BIN_EXE_rondo"))
            .arg("--data-dir")
            .arg(a.dir.path())
            .args(["book", "--candidate", &ca, "--option", "1"])
            .env_remove("RONDO_DATA_DIR")
            .env("RONDO_CALENDAR_PASSWORD", a.password)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("rondo book starts");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // A's store opens whole; B keeps trying the same slot until A's hold runs out
        // or A's next run gives back what it confirmed but never stored.
        let a_has = |a: &Desk| a.live().iter().any(|x| x.candidate.as_str() == ca);
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut b_said = Vec::new();
        loop {
            let out = b.run(&["book", "--candidate", &cb, "--option", "1"]);
            if out.status.success() {
                break;
            }
            let said = String::from_utf8_lossy(&out.stderr).to_string();
            assert!(
                said.contains("by another coordinator") || said.contains("no longer fits"),
                "B is refused in words: {said}"
            );
            b_said.push(said);
            // A booked it for real: B must never get it.
            if a_has(&a) || Instant::now() > deadline {
                break;
            }
            a.ok(&["calendar", "sync"]);
            std::thread::sleep(Duration::from_millis(500));
        }
        outcomes.push(format!(
            "killed after {delay} of {whole} ms: A booked {}, B refused {} time(s)",
            a_has(&a),
            b_said.len()
        ));
        let all = assert_no_double_booking(&[&a, &b]);
        let that_day = all
            .iter()
            .filter(|x| x.candidate.as_str() == ca || x.candidate.as_str() == cb)
            .count();
        assert_eq!(
            that_day, 1,
            "exactly one desk books the slot (attempt {n}, A killed after {delay} ms): {b_said:?}"
        );
    }
    eprintln!("{}", outcomes.join("\n"));
    let booked = assert_no_double_booking(&[&a, &b]);
    // A's sync wrote what its killed runs committed but did not publish.
    a.ok(&["calendar", "sync"]);
    let on_server = server_interviews(&calendar);
    assert_disjoint(&on_server, "interviews on the server");
    assert_eq!(on_server.len(), booked.len(), "{on_server:?} vs {booked:?}");
}

#[test]
fn a_move_and_a_cancel_reach_the_server_and_free_the_old_time() {
    let Some(rad) = server::radicale("a_move_and_a_cancel_reach_the_server") else {
        return;
    };
    let calendar = new_calendar(rad, "team", &fresh_path("team", "interviews"), "Interviews");
    let (a, b) = (Desk::new("alice"), Desk::new("bob"));
    for d in [&a, &b] {
        d.seed(rad);
        d.ok(&["calendar", "publish", &format!("team:{calendar}")]);
    }
    a.propose("c1", "2026-12-15");
    a.ok(&["book", "--candidate", "c1", "--option", "1"]);
    let booked = a.live().pop().expect("A booked");
    let event = |uid: &str| {
        let url = rondo::caldav::write::event_url(
            &calendar,
            &rondo::ical::export::audience_uid(uid, "panel"),
        )
        .unwrap();
        rondo::caldav::write::get(&client("team"), &url)
            .unwrap()
            .map(|(text, _)| text)
    };
    let first = event(&booked.uid).expect("the interview is on the server");
    assert!(first.contains("SEQUENCE:0"), "{first}");
    // Moved by two hours: the event follows at SEQUENCE 1, the old time is free for B.
    let later = booked.start + chrono::Duration::hours(2);
    a.ok(&[
        "booking",
        "reschedule",
        booked.id.as_str(),
        "--start",
        &later.to_rfc3339(),
    ]);
    let moved = event(&booked.uid).expect("still on the server");
    assert!(moved.contains("SEQUENCE:1"), "{moved}");
    assert!(
        moved.contains(&later.format("%Y%m%dT%H%M%S").to_string()),
        "the new time: {moved}"
    );
    b.propose("d1", "2026-12-15");
    b.ok(&["book", "--candidate", "d1", "--option", "1"]);
    let theirs = b.live().pop().expect("B booked");
    assert_eq!(
        theirs.start, booked.start,
        "B books A's old time (the same free time gives the same first option): A's \
         claims on it were given back by the move"
    );
    // Cancelled: the event is gone, and so are A's claims on that time.
    a.ok(&["booking", "cancel", booked.id.as_str()]);
    assert_eq!(
        event(&booked.uid),
        None,
        "the cancelled interview is deleted"
    );
    let claims = rondo::caldav::claim::list(
        &client("team"),
        &calendar,
        Interval {
            start: super::at("2026-12-15T00:00:00Z"),
            end: super::at("2026-12-16T00:00:00Z"),
        },
    )
    .expect("claims listed");
    assert!(
        claims.iter().all(|c| c.record.booking != booked.uid),
        "A's claims are given back: {claims:?}"
    );
    assert!(
        claims.iter().any(|c| c.record.booking == theirs.uid),
        "B's stay"
    );
}
