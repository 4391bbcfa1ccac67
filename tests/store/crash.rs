//! The crash test: a child process writes continuously (calendar imports, bookings, and
//! moves of a two-round loop, both rounds in one transaction) and prints each record once
//! its write has returned; the test kills it with SIGKILL at random moments, over and
//! over. After every kill the database must open, hold every record reported committed,
//! have no half-written booking (each booking in both indexes, each index entry pointing
//! at a whole booking), and hold the loop either as it was or as moved: never one round
//! moved without the other.
//!
//! A quarter of the time the next writer starts on the killed one's files without the
//! test opening them in between, so that the writer's own open does sled's recovery and
//! can be killed in the middle of it.
//!
//! The child is this same test binary, started again with `RONDO_CRASH_CHILD` set: the
//! test's body then runs the writer instead of the killer.
//!
//! Long runs: `RONDO_CRASH_KILLS=5000` raises the number of kills (100 by default, the
//! CI size), `RONDO_CRASH_ANYTIME=100` makes that percentage of the kills fall at any
//! moment, opening included, instead of while writing (20 by default), and
//! `RONDO_CRASH_KEEP=DIR` copies the data folder to `DIR` when it fails to open or
//! verify, for inspection.

use chrono::{DateTime, Duration, Utc};
use rondo::domain::{
    Booking, BookingStatus, CandidateId, Interviewer, InterviewerId, PlanId, RoundId, SourceId,
};
use rondo::example::SplitMix64;
use rondo::interval::Interval;
use rondo::store::{Store, WriteError};
use rondo::usecases::bookings::reschedule_loop;
use rondo::usecases::calendar::import_calendar;
use rondo::usecases::records;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const TEST_NAME: &str = "store::crash::killed_writers_never_lose_a_committed_record";
/// Kills per run unless `RONDO_CRASH_KILLS` says otherwise.
const KILLS: usize = 100;
const PEOPLE: [&str; 2] = ["rec-1", "eng-1"];
/// The loop's interviewers (no other booking names them).
const LOOP_PEOPLE: [&str; 2] = ["rec-2", "eng-2"];
/// The loop's bookings: candidate b's screen and technical round.
const LOOP: [&str; 2] = ["lp-screen", "lp-tech"];
/// Each loop move shifts both rounds by this many minutes, forth then back.
const LOOP_STEP: i64 = 15;

fn base() -> DateTime<Utc> {
    super::usecases::utc(2026, 3, 2, 0, 0)
}

/// The busy blocks of import number `i`: two blocks placed by `i`, so each import differs.
fn busy_for(i: u64) -> Vec<Interval> {
    let s = base() + Duration::minutes(i as i64);
    vec![
        Interval {
            start: s,
            end: s + Duration::minutes(30),
        },
        Interval {
            start: s + Duration::minutes(60),
            end: s + Duration::minutes(75),
        },
    ]
}

fn booking_start(i: u64) -> DateTime<Utc> {
    base() + Duration::minutes(i as i64)
}

/// Where round `k` of the loop starts after `moves` moves: Monday 2026-03-09, 10:00 and
/// 11:00 in Berlin, 15 minutes later after an odd number of moves.
fn loop_start(k: usize, moves: u32) -> DateTime<Utc> {
    super::usecases::utc(2026, 3, 9, 9 + k as u32, 0)
        + Duration::minutes(LOOP_STEP * i64::from(moves % 2))
}

/// Candidate b's two-round loop with its own interviewers, booked once.
fn book_the_loop(store: &Store) {
    for (id, pool) in LOOP_PEOPLE.iter().zip(["recruiting", "backend"]) {
        let mut i = Interviewer::new(
            InterviewerId::new(*id).expect("valid"),
            id,
            chrono_tz::Europe::Berlin,
            rondo::domain::WeeklyHours::parse("mon-fri 09:00-17:00").expect("valid"),
        );
        i.pools.insert(pool.to_string());
        records::add_interviewer(store, &i).expect("add a loop interviewer");
    }
    let list: Vec<Booking> = LOOP
        .iter()
        .enumerate()
        .map(|(k, id)| {
            let start = loop_start(k, 0);
            Booking {
                uid: format!("{id}.crash@rondo"),
                id: rondo::domain::BookingId::new(*id).expect("valid"),
                sequence: 0,
                candidate: CandidateId::new("b").expect("valid"),
                plan: PlanId::new("two").expect("valid"),
                round: RoundId::new(["screen", "tech"][k]).expect("valid"),
                round_name: format!("loop {k}"),
                start,
                end: start + Duration::minutes([30, 60][k]),
                interviewers: vec![InterviewerId::new(LOOP_PEOPLE[k]).expect("valid")],
                trainees: Vec::new(),
                status: BookingStatus::Proposed,
                created_at: base(),
                updated_at: base(),
            }
        })
        .collect();
    if let Err(WriteError::Check(e) | WriteError::Store(e)) =
        store.write_bookings(&list, |_| Ok(()))
    {
        panic!("child cannot book the loop: {e}")
    }
}

/// Moves both rounds of the loop in one step (forth or back); returns the moves made.
fn move_the_loop(store: &Store) -> u32 {
    let rounds: Vec<Booking> = LOOP
        .iter()
        .map(|id| store.need(id).expect("the loop is booked"))
        .collect();
    let done = rounds[0].sequence;
    let step = Duration::minutes(if done.is_multiple_of(2) {
        LOOP_STEP
    } else {
        -LOOP_STEP
    });
    let moves: Vec<_> = rounds
        .iter()
        .map(|b| (b.id.clone(), b.start + step))
        .collect();
    reschedule_loop(store, &moves, base())
        .unwrap_or_else(|e| panic!("child loop move failed: {e}"));
    done + 1
}

/// The writer: runs until killed, printing `I <interviewer> <i>` and `B <id> <i>` after
/// each committed import and booking.
fn writer(dir: &std::path::Path, round: u64) -> ! {
    let store = Store::open(dir).unwrap_or_else(|e| panic!("child cannot open: {e}"));
    if store.count::<Interviewer>() == 0 {
        super::usecases::small_team_in(&store);
    }
    if store
        .get::<Booking>(LOOP[0])
        .expect("read the loop")
        .is_none()
    {
        book_the_loop(&store);
    }
    let candidate = CandidateId::new("a").expect("valid");
    for k in 0.. {
        let i = round * 10_000 + k;
        if k % 4 == 2 {
            let moves = move_the_loop(&store);
            println!("M loop {moves}");
        } else if k % 3 == 0 {
            let who = InterviewerId::new(PEOPLE[(k / 3) as usize % 2]).expect("valid");
            import_calendar(
                &store,
                &who,
                &SourceId::new("work").expect("valid"),
                "work.ics",
                busy_for(i),
                base(),
            )
            .unwrap_or_else(|e| panic!("child import failed: {e}"));
            println!("I {who} {i}");
        } else {
            let id = store.new_booking_id().expect("booking id");
            let start = booking_start(i);
            let who = InterviewerId::new(PEOPLE[(k % 2) as usize]).expect("valid");
            let b = Booking {
                uid: format!("{id}.crash@rondo"),
                id,
                sequence: 0,
                candidate: candidate.clone(),
                plan: PlanId::new("two").expect("valid"),
                round: RoundId::new("screen").expect("valid"),
                round_name: format!("crash {i}"),
                start,
                end: start + Duration::minutes(30),
                interviewers: vec![who.clone()],
                trainees: Vec::new(),
                status: if k % 5 == 0 {
                    BookingStatus::Cancelled
                } else {
                    BookingStatus::Proposed
                },
                created_at: base(),
                updated_at: base(),
            };
            // Read inside the transaction, as book does, so the killed writes include reads.
            let written = store.write_bookings(std::slice::from_ref(&b), |view| {
                view.interviewer(&who).map(|_| ())
            });
            match written {
                Ok(()) => println!("B {} {i}", b.id),
                Err(WriteError::Check(e) | WriteError::Store(e)) => {
                    panic!("child booking failed: {e}")
                }
            }
        }
    }
    unreachable!("the writer loops until it is killed")
}

/// Checks everything after a kill; `imports`, `bookings` and `moves` (of the loop) are
/// what was reported committed.
fn verify(
    store: &Store,
    imports: &BTreeMap<String, u64>,
    bookings: &BTreeMap<String, u64>,
    moves: u64,
    kill: usize,
) {
    let all: Vec<Booking> = store
        .all()
        .unwrap_or_else(|e| panic!("kill {kill}: bookings unreadable: {e}"));
    let by_id: BTreeMap<&str, &Booking> = all.iter().map(|b| (b.id.as_str(), b)).collect();
    for (id, i) in bookings {
        let b = by_id
            .get(id.as_str())
            .unwrap_or_else(|| panic!("kill {kill}: committed booking {id} is lost"));
        assert_eq!(
            (b.start, b.round_name.as_str()),
            (booking_start(*i), format!("crash {i}").as_str()),
            "kill {kill}: booking {id} intact"
        );
    }
    // Bookings of round r start r * 10,000 minutes after base(): cover every round.
    let far = (
        base() - Duration::days(1),
        booking_start(10_000 * (kill as u64 + 2)),
    );
    let indexed = store
        .bookings_starting(far.0, far.1)
        .unwrap_or_else(|e| panic!("kill {kill}: week index unreadable: {e}"));
    assert_eq!(
        indexed.len(),
        all.len(),
        "kill {kill}: every booking is in the start index exactly once"
    );
    assert!(
        indexed.windows(2).all(|w| w[0].start <= w[1].start),
        "kill {kill}: the start index is in time order"
    );
    let rounds: Vec<Option<&&Booking>> = LOOP.iter().map(|id| by_id.get(id)).collect();
    if let [Some(screen), Some(tech)] = rounds.as_slice() {
        let n = screen.sequence;
        assert_eq!(
            (tech.sequence, screen.start, tech.start),
            (n, loop_start(0, n), loop_start(1, n)),
            "kill {kill}: the loop is as it was or as moved, both rounds together"
        );
        assert!(
            u64::from(n) >= moves,
            "kill {kill}: {moves} loop moves were committed, {n} are stored"
        );
    } else {
        assert!(
            rounds.iter().all(Option::is_none) && moves == 0,
            "kill {kill}: the loop is booked whole or not at all: {rounds:?}"
        );
    }
    for who in PEOPLE.iter().chain(&LOOP_PEOPLE) {
        let who = InterviewerId::new(*who).expect("valid");
        let days = store
            .interviewer_days(&who, i64::MIN / 2, i64::MAX / 2)
            .unwrap_or_else(|e| panic!("kill {kill}: day index unreadable: {e}"));
        let live: Vec<&Booking> = all
            .iter()
            .filter(|b| b.status.is_live() && b.interviewers.contains(&who))
            .collect();
        assert_eq!(
            days.len(),
            live.len(),
            "kill {kill}: {who}'s day index holds each live booking once"
        );
        for d in &days {
            let b = by_id
                .get(d.booking.as_str())
                .unwrap_or_else(|| panic!("kill {kill}: day entry {} has no booking", d.booking));
            assert_eq!(
                (d.start, d.end),
                (b.start, b.end),
                "kill {kill}: day entry {} matches its booking",
                d.booking
            );
        }
        if let Some(i) = imports.get(who.as_str()) {
            let ivr: Interviewer = store.need(who.as_str()).expect("interviewer");
            let busy = &ivr
                .calendars
                .iter()
                .find(|c| c.id.as_str() == "work")
                .expect("work calendar")
                .busy;
            let j = (busy[0].start - base()).num_minutes() as u64;
            assert!(
                j >= *i && *busy == busy_for(j),
                "kill {kill}: {who}'s calendar is import {i} or a later whole one, found {busy:?}"
            );
        }
    }
}

/// A writer's record line: its last three words `I|B id number` (libtest may print the
/// test's name before the first one on the same line).
fn record(line: &str) -> Option<(char, String, u64)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [.., kind @ ("I" | "B" | "M"), id, i] => {
            Some((kind.chars().next()?, id.to_string(), i.parse().ok()?))
        }
        _ => None,
    }
}

/// Copies the data folder to `RONDO_CRASH_KEEP` if the test fails (dropped while panicking).
struct KeepOnFailure<'a>(&'a std::path::Path);

impl Drop for KeepOnFailure<'_> {
    fn drop(&mut self) {
        if let (true, Some(to)) = (
            std::thread::panicking(),
            std::env::var_os("RONDO_CRASH_KEEP"),
        ) {
            super::migration::copy_dir(self.0, std::path::Path::new(&to));
            eprintln!(
                "crash test: the data folder is kept in {}",
                to.to_string_lossy()
            );
        }
    }
}

#[test]
fn killed_writers_never_lose_a_committed_record() {
    if let Some(dir) = std::env::var_os("RONDO_CRASH_CHILD") {
        let round = std::env::var("RONDO_CRASH_ROUND")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(0);
        writer(std::path::Path::new(&dir), round);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let _keep = KeepOnFailure(dir.path());
    let kills: usize = std::env::var("RONDO_CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(KILLS);
    let anytime: usize = std::env::var("RONDO_CRASH_ANYTIME")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(20);
    let exe = std::env::current_exe().expect("this test binary");
    let mut rng = SplitMix64::new(2026);
    let (mut imports, mut bookings) = (BTreeMap::new(), BTreeMap::new());
    let mut moves = 0;
    let mut killed_mid_write = 0;
    for kill in 1..=kills {
        let mut child = Command::new(&exe)
            .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
            .env("RONDO_CRASH_CHILD", dir.path())
            .env("RONDO_CRASH_ROUND", kill.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut lines = Vec::new();
        if rng.chance(anytime) {
            // Now and then at any moment, opening included.
            std::thread::sleep(std::time::Duration::from_micros(rng.below(150_000) as u64));
        } else {
            // Mostly while it writes: after its first committed record, a random while later.
            while let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(20)) {
                let is_record = record(&line).is_some();
                lines.push(line);
                if is_record {
                    break;
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(rng.below(60) as u64));
        }
        child.kill().expect("SIGKILL the writer");
        let status = child.wait().expect("reap the writer");
        assert!(
            status.code().is_none(),
            "kill {kill}: the writer died by the signal, not on its own ({status})"
        );
        reader.join().expect("reader thread");
        lines.extend(rx.try_iter());
        let before = bookings.len() + imports.len() + moves as usize;
        for (kind, id, i) in lines.iter().filter_map(|l| record(l)) {
            match kind {
                'I' => {
                    imports.insert(id, i);
                }
                'M' => moves = moves.max(i),
                _ => {
                    bookings.insert(id, i);
                }
            };
        }
        if bookings.len() + imports.len() + moves as usize > before {
            killed_mid_write += 1;
        }
        // Now and then the next writer starts on the killed one's files directly, so that
        // its own open recovers them (and may be killed while sled does: the CI flake).
        if kill < kills && rng.chance(25) {
            continue;
        }
        let store = Store::open(dir.path())
            .unwrap_or_else(|e| panic!("kill {kill}: the database does not open: {e}"));
        verify(&store, &imports, &bookings, moves, kill);
    }
    eprintln!(
        "crash test: {kills} kills, {killed_mid_write} while writing; {} bookings and {moves} loop moves committed and found intact",
        bookings.len()
    );
    assert!(
        moves > 10,
        "the writers moved the loop many times ({moves})"
    );
    assert!(
        bookings.len() > 100,
        "the writers committed many bookings ({})",
        bookings.len()
    );
    assert!(
        killed_mid_write > kills * (100 - anytime.min(100)) / 200,
        "most kills hit a writer that was writing ({killed_mid_write} of {kills})"
    );
}

/// The snapshot files (`snap.*`) in sled folder `db`, by name.
fn snapshots(db: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(db)
        .expect("sled folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("snap."))
        .collect();
    names.sort();
    names
}

/// The CI flake of `killed_writers_never_lose_a_committed_record` (about one kill in a
/// thousand): sled 0.34 writes a snapshot while it opens, to `snap.<lsn>.generating`
/// renamed once complete, and takes a leftover `.generating` file for the newest
/// snapshot. A writer killed while its sled wrote one left a database that sled refused
/// (`Corruption { at: None }`) although nothing committed was lost.
#[test]
fn a_snapshot_half_written_by_a_killed_open_does_not_stop_the_next_open() {
    use rondo::domain::{Candidate, CandidateId};
    use rondo::store::DB_FOLDER;
    let ids: Vec<String> = (0..40).map(|i| format!("c-{i}")).collect();
    let before = tempfile::tempdir().expect("temp dir");
    {
        let store = Store::open(before.path()).expect("open");
        for id in &ids {
            let c = Candidate::new(
                CandidateId::new(id.as_str()).expect("valid id"),
                "Grace Hopper",
                chrono_tz::Europe::Berlin,
            );
            store.insert_new(&c).expect("insert");
        }
    }
    // The snapshot the next open writes: open a copy and take the new file.
    let reopened = tempfile::tempdir().expect("temp dir");
    super::migration::copy_dir(before.path(), reopened.path());
    drop(super::raw_sled(reopened.path().join(DB_FOLDER)));
    let old = snapshots(&before.path().join(DB_FOLDER));
    let new = snapshots(&reopened.path().join(DB_FOLDER));
    let written = new
        .iter()
        .find(|n| !old.contains(n))
        .unwrap_or_else(|| panic!("opening wrote a newer snapshot: {old:?} then {new:?}"));
    let bytes = std::fs::read(reopened.path().join(DB_FOLDER).join(written)).expect("snapshot");
    type Cut = fn(&[u8]) -> &[u8];
    let cases: [(&str, Cut); 3] = [
        ("killed right after creating it", |_| &[]),
        ("killed halfway through", |b| &b[..b.len() / 2]),
        ("killed before its checksum", |b| &b[..b.len() - 4]),
    ];
    for (name, cut) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        super::migration::copy_dir(before.path(), dir.path());
        let db = dir.path().join(DB_FOLDER);
        std::fs::write(db.join(format!("{written}.generating")), cut(&bytes))
            .expect("plant the unfinished snapshot");
        // sled alone refuses this folder: the bug this test pins.
        let raw = tempfile::tempdir().expect("temp dir");
        super::migration::copy_dir(dir.path(), raw.path());
        match sled::open(raw.path().join(DB_FOLDER)) {
            Err(sled::Error::Corruption { .. }) => {}
            other => panic!("{name}: sled 0.34 alone was expected to refuse it, got {other:?}"),
        }
        let store = Store::open(dir.path())
            .unwrap_or_else(|e| panic!("{name}: the database does not open: {e}"));
        let found: Vec<String> = store
            .all::<Candidate>()
            .unwrap_or_else(|e| panic!("{name}: candidates unreadable: {e}"))
            .into_iter()
            .map(|c| c.id.to_string())
            .collect();
        let mut want = ids.clone();
        want.sort();
        assert_eq!(found, want, "{name}: every committed candidate is there");
        assert!(
            !snapshots(&db).iter().any(|n| n.ends_with(".generating")),
            "{name}: the unfinished snapshot is gone: {:?}",
            snapshots(&db)
        );
    }
}
