//! The team's figures read from a real store (`rondo::usecases::team`) and printed by
//! `rondo report`: the store's week ranges and its cancelled bookings are read right,
//! bad input is refused, and the CLI prints the same numbers as the core.

use crate::support::rondo;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rondo::data::DataDoc;
use rondo::domain::{Booking, BookingStatus};
use rondo::example::{team, ExampleSpec};
use rondo::store::Store;
use rondo::team::load::heat_map;
use rondo::team::pipeline::{job_pace, Applicant, BookedRound};
use rondo::team::{members_from, IsoWeek};
use rondo::usecases::{backup, team as report, UseCaseError};
use std::path::Path;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 7, 0, 0)
        .single()
        .expect("an instant")
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// An example team with some bookings cancelled, and a store holding it.
fn stored_team(dir: &Path) -> (DataDoc, Store) {
    let mut doc = team(
        &ExampleSpec {
            interviewers: 30,
            candidates: 24,
            bookings: 400,
            seed: 5,
            week_of: date("2026-03-04"),
        },
        now(),
    );
    let cancelled = doc
        .bookings
        .iter()
        .filter(|b| b.status == BookingStatus::Cancelled)
        .count();
    assert!(cancelled > 0, "the example team has cancelled bookings");
    let mut store = Store::open(dir).expect("open");
    backup::restore(&mut store, &doc).expect("restore");
    // What the store hands back is what the figures see (restore may normalise).
    doc = backup::export(&store, now()).expect("export");
    (doc, store)
}

#[test]
fn the_load_from_the_store_is_the_load_of_every_live_booking() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (doc, store) = stored_team(tmp.path());
    let (from, to) = (date("2025-12-01"), date("2026-03-18"));
    let map = report::load(&store, from, to, None).expect("a load");
    let weeks = IsoWeek::of(to).weeks_since(IsoWeek::of(from)) + 1;
    assert_eq!(map.weeks.len() as i64, weeks, "one column per week");
    // Reading every booking at once gives the same cells: the store's range of starts
    // misses none near a week's edge in any zone, and skips cancelled ones.
    let want = heat_map(
        &members_from(&doc.interviewers, &doc.bookings),
        IsoWeek::of(from),
        weeks as usize,
        None,
    );
    assert_eq!(map, want, "the stored load equals the whole team's");
    let counted: u32 = map
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| c.interviews)
        .sum();
    assert!(counted > 50, "the weeks hold interviews: {counted}");

    let pool = pool_name(&doc);
    let only = report::load(&store, from, to, Some(&pool)).expect("a pool's load");
    assert!(
        !only.rows.is_empty() && only.rows.len() < map.rows.len(),
        "pool {pool} is some of the team"
    );
    for row in &only.rows {
        let full = map
            .rows
            .iter()
            .find(|r| r.id == row.id)
            .expect("in the team");
        assert_eq!(row, full, "a pool's rows are the team's rows");
    }
    match report::load(&store, from, to, Some("no-such-pool")) {
        Err(UseCaseError::UnknownPool { pool, known }) => {
            assert_eq!(pool, "no-such-pool", "names the pool");
            assert!(known.contains(&pool_name(&doc)), "lists the pools: {known}");
        }
        other => panic!("an unknown pool is refused, got {other:?}"),
    }
    assert!(
        matches!(
            report::load(&store, to, from, None),
            Err(UseCaseError::EmptyHorizon { .. })
        ),
        "--to before --from is refused"
    );
}

fn pool_name(doc: &DataDoc) -> String {
    doc.interviewers[0]
        .pools
        .iter()
        .next()
        .expect("a pool")
        .clone()
}

#[test]
fn the_pipeline_pace_counts_live_bookings_from_the_day_they_applied() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (doc, store) = stored_team(tmp.path());
    let got = report::pipeline(&store, now()).expect("a report");
    // The same figures from the whole document, cancelled bookings left out.
    let applicants: Vec<Applicant> = doc
        .candidates
        .iter()
        .filter_map(|c| {
            let plan = doc.plans.iter().find(|p| Some(&p.id) == c.plan.as_ref())?;
            Some(Applicant {
                job: plan.job.clone(),
                applied: c.applied.expect("example candidates have applied"),
                plan_rounds: plan.rounds.iter().map(|r| r.id.to_string()).collect(),
                booked: doc
                    .bookings
                    .iter()
                    .filter(|b| b.candidate == c.id && b.status != BookingStatus::Cancelled)
                    .map(|b| BookedRound {
                        round: b.round.to_string(),
                        start: b.start,
                        booked_at: b.created_at,
                    })
                    .collect(),
            })
        })
        .collect();
    assert_eq!(got.pace, job_pace(&applicants), "pace per job");
    assert!(
        got.pace.iter().any(|p| p.to_first_interview.is_some()),
        "someone had a first interview"
    );
    let total: usize = got
        .waiting
        .iter()
        .map(|w| w.send + w.confirm + w.schedule)
        .sum();
    assert!(total > 0, "something waits on the coordinator");
    assert!(
        total <= doc.candidates.len(),
        "at most one reason per candidate"
    );
}

#[test]
fn a_cancelled_interview_does_not_start_the_pace() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (mut doc, mut store) = stored_team(tmp.path());
    // One candidate alone: applied 10 days ago; their first booking cancelled, a
    // later one held.
    let c = doc.candidates[0].clone();
    let plan = doc
        .plans
        .iter()
        .find(|p| Some(&p.id) == c.plan.as_ref())
        .expect("a plan")
        .clone();
    let mut ours: Vec<Booking> = doc
        .bookings
        .iter()
        .filter(|b| b.candidate == c.id)
        .take(2)
        .cloned()
        .collect();
    assert_eq!(ours.len(), 2, "the first candidate has two bookings");
    let applied = now() - Duration::days(10);
    ours[0].start = applied + Duration::days(2);
    ours[0].end = ours[0].start + Duration::hours(1);
    ours[0].status = BookingStatus::Cancelled;
    ours[1].start = applied + Duration::days(5);
    ours[1].end = ours[1].start + Duration::hours(1);
    ours[1].status = BookingStatus::Held;
    for b in &mut ours {
        b.created_at = applied + Duration::days(1);
        b.updated_at = b.created_at;
    }
    let mut alone = c.clone();
    alone.applied = Some(applied);
    doc.candidates = vec![alone];
    doc.plans = vec![plan.clone()];
    doc.bookings = ours;
    doc.invites_sent.clear();
    backup::restore(&mut store, &doc).expect("restore the one candidate");
    let got = report::pipeline(&store, now()).expect("a report");
    assert_eq!(got.pace.len(), 1, "one job");
    let first = got.pace[0].to_first_interview.expect("a first interview");
    assert_eq!(
        (first.count, first.median),
        (1, 5.0),
        "five days: the cancelled one on day two does not count"
    );
}

#[test]
fn rondo_report_prints_the_cores_numbers_as_csv_and_refuses_bad_input() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (_, store) = stored_team(tmp.path());
    let map = report::load(&store, date("2026-02-02"), date("2026-03-08"), None).expect("load");
    drop(store);
    let out = rondo(
        tmp.path(),
        &[
            "report",
            "load",
            "--from",
            "2026-02-02",
            "--to",
            "2026-03-08",
            "--csv",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "interviewer,week,interviews,hours,max_per_week,share_of_cap",
        "header"
    );
    assert_eq!(
        lines.len() - 1,
        map.rows.len() * map.weeks.len(),
        "a line per interviewer and week"
    );
    for (row, line) in map
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().zip(&map.weeks).map(move |c| (r, c)))
        .zip(&lines[1..])
    {
        let (r, (cell, week)) = row;
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(
            (fields[0], fields[1], fields[2]),
            (
                r.id.as_str(),
                week.to_string().as_str(),
                cell.interviews.to_string().as_str()
            ),
            "the core's cell"
        );
    }
    let bad = rondo(
        tmp.path(),
        &[
            "report",
            "load",
            "--from",
            "2026-03-08",
            "--to",
            "2026-02-02",
        ],
    );
    assert!(!bad.status.success(), "--to before --from fails");
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--to after --from"),
        "says what to do: {}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let pipe = rondo(tmp.path(), &["report", "pipeline", "--csv"]);
    assert!(pipe.status.success(), "report pipeline runs");
    assert!(
        String::from_utf8_lossy(&pipe.stdout).starts_with("job,candidates,first_interview_n,"),
        "pipeline header"
    );
}

/// Regression: `team_room` read the bookings from a day before "now" only, so on a
/// Wednesday the interviews of Monday and Tuesday did not count against this week's
/// caps and the room was overstated. From the store it must equal the count on every
/// stored booking.
#[test]
fn the_room_from_the_store_counts_this_weeks_earlier_interviews() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // Busy enough that weekly caps bind (with the old read, 10 loops this week instead
    // of 6): two fifths of the bench's team.
    let doc = team(
        &ExampleSpec {
            interviewers: 200,
            candidates: 4_000,
            bookings: 40_000,
            seed: 1,
            week_of: date("2026-03-04"),
        },
        now(),
    );
    let mut store = Store::open(tmp.path()).expect("open");
    backup::restore(&mut store, &doc).expect("restore");
    let doc = backup::export(&store, now()).expect("export");
    let zone = chrono_tz::Europe::Amsterdam;
    let stored = report::room(&store, now(), zone, 15, 500).expect("the room");
    let people = rondo::team::with_bookings(&doc.interviewers, &doc.bookings);
    for plan in &doc.plans {
        let all = rondo::team::capacity::plan_room(plan, &people, now(), zone, 15, 500)
            .expect("a valid request");
        let read = stored
            .iter()
            .find(|r| r.plan == all.plan)
            .unwrap_or_else(|| panic!("a line for plan {}", all.plan));
        assert_eq!(
            (read.this_week.count(), read.next_week.count()),
            (all.this_week.count(), all.next_week.count()),
            "plan {}: loops this week and next from the store, and on every booking",
            all.plan
        );
    }
}
