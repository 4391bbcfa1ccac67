//! Hiring days on a real store: the batch request built from stored candidates, the
//! whole answer booked in one transaction re-checked against the store, a stale day
//! refused naming the candidates to find again, and `rondo hiring-day` end to end.

use super::usecases::{cand, now, request, small_team, utc};
use rondo::domain::{Booking, CandidateId};
use rondo::interval::Interval;
use rondo::store::Store;
use rondo::usecases::bookings::book;
use rondo::usecases::hiring_day::{self, HiringDay, HiringDayRequest};
use rondo::usecases::propose::propose;
use rondo::usecases::{records, UseCaseError};
use std::process::Command;

fn cid(c: &str) -> CandidateId {
    CandidateId::new(c).expect("valid id")
}

/// [`small_team`] with two more candidates, `c` and `d`, on the same Monday.
fn four(dir: &std::path::Path) -> Store {
    let store = small_team(dir);
    records::add_candidate(&store, &cand("c")).expect("add c");
    records::add_candidate(&store, &cand("d")).expect("add d");
    store
}

fn monday(ids: &[&str]) -> HiringDayRequest {
    HiringDayRequest {
        candidates: ids.iter().map(|c| cid(c)).collect(),
        plan: None,
        horizon: Interval {
            start: utc(2026, 3, 9, 0, 0),
            end: utc(2026, 3, 10, 0, 0),
        },
        slot_minutes: 15,
        time_limit_secs: 30.0,
    }
}

#[test]
fn a_hiring_day_schedules_everyone_and_books_in_one_go() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = four(dir.path());
    let day = hiring_day::propose(&store, &monday(&["a", "b", "c", "d"])).expect("propose");
    assert_eq!(
        day.answer.scheduled.len(),
        4,
        "one recruiter and one engineer see four candidates on a free Monday: {:?}",
        day.answer.unscheduled
    );
    // One engineer: the four technical rounds follow one another from 09:30 Berlin.
    let mut finishes: Vec<_> = day.answer.scheduled.iter().map(|s| s.finish).collect();
    finishes.sort();
    let want: Vec<_> = (0..4)
        .map(|k| utc(2026, 3, 9, 9, 30) + chrono::Duration::hours(k))
        .collect();
    assert_eq!(finishes, want, "the engineer's rounds follow one another");
    let booked = hiring_day::book(&store, &day, now()).expect("book the day");
    assert_eq!(booked.len(), 8, "two rounds for each of four candidates");
    assert_eq!(store.count::<Booking>(), 8, "all stored");
    // The same day again: every candidate clashes with their own bookings now.
    match hiring_day::book(&store, &day, now()) {
        Err(UseCaseError::Conflict { reasons }) => {
            for c in ["a", "b", "c", "d"] {
                assert!(
                    reasons
                        .iter()
                        .any(|r| r.starts_with(&format!("find {c} again"))),
                    "names {c}: {reasons:?}"
                );
            }
        }
        other => panic!("booking the same day twice must be refused, got {other:?}"),
    }
    assert_eq!(store.count::<Booking>(), 8, "the refused day wrote nothing");
}

#[test]
fn a_stale_hiring_day_books_nothing_and_names_who_to_find_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = four(dir.path());
    let day = hiring_day::propose(&store, &monday(&["b", "c"])).expect("propose");
    assert_eq!(day.answer.scheduled.len(), 2, "both fit");
    // Meanwhile `a` is booked alone at 09:00, where the day put its first screen.
    propose(&store, &request("a"), now()).expect("propose a");
    book(&store, &cid("a"), 1, now()).expect("book a");
    let before = store.count::<Booking>();
    match hiring_day::book(&store, &day, now()) {
        Err(UseCaseError::Conflict { reasons }) => assert!(
            reasons.iter().any(|r| r.starts_with("find ")),
            "says whom to find again: {reasons:?}"
        ),
        other => panic!("a stale day must be refused, got {other:?}"),
    }
    assert_eq!(store.count::<Booking>(), before, "nothing half-written");
    let again = hiring_day::propose(&store, &monday(&["b", "c"])).expect("propose again");
    hiring_day::book(&store, &again, now()).expect("the fresh day books");
}

#[test]
fn rondo_hiring_day_propose_then_book() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(four(dir.path()));
    let out_file = dir.path().join("day.json");
    // `four` opened the store at `dir` (and closed it); the binary uses the same folder.
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_rondo"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env_remove("RONDO_DATA_DIR")
            .output()
            .expect("the rondo binary runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let out = out_file.to_string_lossy().to_string();
    let sheets = dir.path().join("sheets");
    let (ok, text, err) = run(&[
        "hiring-day",
        "propose",
        "--stage",
        "applied",
        "--from",
        "2026-03-09",
        "--to",
        "2026-03-09",
        "--out",
        &out,
        "--sheets",
        &sheets.to_string_lossy(),
    ]);
    assert!(ok, "propose: {err}");
    assert!(text.contains("4 of 4 candidates scheduled"), "{text}");
    assert!(
        text.contains("Saved the day of 2 interviewers and the itinerary of 4 candidates"),
        "{text}"
    );
    for f in [
        "day-eng-1.txt",
        "day-rec-1.ics",
        "itinerary-c.txt",
        "itinerary-c.ics",
    ] {
        assert!(sheets.join(f).is_file(), "--sheets writes {f}: {text}");
    }
    assert!(
        text.contains("rec-1"),
        "the grid has the recruiter's row: {text}"
    );
    assert!(text.contains("Itineraries"), "{text}");
    let day: HiringDay =
        serde_json::from_str(&std::fs::read_to_string(&out_file).expect("--out written"))
            .expect("a hiring day");
    assert_eq!(day.answer.scheduled.len(), 4);
    let invites = dir.path().join("invites");
    let (ok, text, err) = run(&[
        "hiring-day",
        "book",
        &out,
        "--invites",
        &invites.to_string_lossy(),
    ]);
    assert!(ok, "book: {err}");
    assert!(text.contains("booked 8 rounds for 4 candidates"), "{text}");
    assert!(text.contains("invite file(s) into"), "{text}");
    for c in ["a", "b", "c", "d"] {
        assert!(
            invites.join(c).join("loop.ics").is_file(),
            "{c}'s invites are written in a folder of their own: {text}"
        );
    }
    let (ok, _, err) = run(&["hiring-day", "book", &out]);
    assert!(!ok, "booking the same file twice is refused");
    assert!(err.contains("again"), "says whom to find again: {err}");
}

#[test]
fn the_window_plans_the_day_on_the_office_clock_and_books_it_with_its_invites() {
    use rondo::usecases::hiring_day::choose::{self, DayForm, Filter};
    use rondo::usecases::pipeline;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = four(dir.path());
    let mut d: rondo::domain::Candidate = store.need("d").expect("d");
    d.name = "Dora Smith".into();
    store.put(&d).expect("rename d");
    let rows = pipeline::rows(&store, now()).expect("pipeline");
    let all = choose::choices(&store, &rows, &Filter::default(), now()).expect("choices");
    assert_eq!(all.matched, 4, "every candidate is offered");
    assert_eq!(all.jobs, ["Backend engineer"]);
    assert_eq!(all.offices.len(), 1, "everyone works in Berlin");
    assert!(
        all.offices[0]
            .label
            .starts_with("Berlin (UTC+01:00) · 2 interviewers"),
        "{:?}",
        all.offices[0]
    );
    let found = choose::choices(
        &store,
        &rows,
        &Filter {
            query: "dora".into(),
            ..Filter::default()
        },
        now(),
    )
    .expect("choices");
    assert_eq!(found.candidates.len(), 1, "a search narrows the list");
    let form = DayForm {
        candidates: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        plan: String::new(),
        office: "Europe/Berlin".into(),
        from: "2026-03-09".into(),
        to: "2026-03-09".into(),
    };
    let planned = hiring_day::plan(&store, &form).expect("plan");
    let v = &planned.view;
    assert!(
        v.summary
            .starts_with("4 of 4 candidates scheduled on Mon 9 Mar, on the clock of Berlin"),
        "{}",
        v.summary
    );
    assert_eq!(v.days.len(), 1, "one date");
    let grid = &v.days[0];
    let rows: Vec<&str> = grid.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        rows,
        ["eng-1", "rec-1"],
        "a row per interviewer who interviews, by id"
    );
    assert_eq!(
        grid.ticks.first().map(|t| t.label.as_str()),
        Some("09:00"),
        "the hours on the office's clock, from the hour of the first interview"
    );
    let eng = &grid.rows[0];
    assert_eq!(eng.blocks.len(), 4, "the engineer's four technical rounds");
    assert!(
        eng.blocks.windows(2).all(|w| w[0].end <= w[1].start),
        "the blocks never overlap: {:?}",
        eng.blocks
    );
    assert_eq!(v.itineraries.len(), 4);
    assert!(
        v.itineraries[0].rounds[0]
            .when
            .contains("Berlin (candidate)"),
        "{:?}",
        v.itineraries[0]
    );
    assert!(
        v.proof.starts_with("Best possible")
            || v.proof.starts_with("As many candidates as possible"),
        "everyone fits, so the weight is proved: {}",
        v.proof
    );
    let bad = DayForm {
        office: "Mars/Olympus".into(),
        ..form.clone()
    };
    assert!(
        matches!(
            hiring_day::plan(&store, &bad),
            Err(UseCaseError::Invalid(_))
        ),
        "an office that is not a zone is refused in words"
    );

    let folder = tempfile::tempdir().expect("invites folder");
    let out = files_only();
    let booked =
        hiring_day::book_planned(&store, &planned, folder.path(), &out, now()).expect("book");
    assert_eq!(booked.rounds, 8);
    assert!(
        booked.said.starts_with("Booked 4 candidates, 8 interviews"),
        "{}",
        booked.said
    );
    assert_eq!(store.count::<Booking>(), 8, "all stored");
    for c in ["a", "b", "c", "d"] {
        assert!(
            folder.path().join(c).join("loop.ics").is_file(),
            "{c}'s invites in a folder of their own: {:?}",
            booked.sent.files
        );
    }
    assert!(booked
        .sent
        .files
        .contains(&"a/screen-candidate.ics".to_string()));
}

#[test]
fn a_booked_hiring_day_queues_every_invite_e_mail_in_the_same_transaction() {
    use rondo::ical::export::Person;
    use rondo::usecases::loops::Outbox;
    use rondo::usecases::mail as mailing;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = crate::mail::team_with_addresses(dir.path());
    for id in ["c", "d"] {
        let mut c = cand(id);
        c.email = format!("{id}@mail.example.org");
        records::add_candidate(&store, &c).expect("add a candidate");
    }
    let organizer = Person {
        name: "Ana".into(),
        email: "ana@hr.example.com".into(),
    };
    let out = Outbox {
        organizer: organizer.clone(),
        mail: true,
    };
    let day = hiring_day::propose(&store, &monday(&["a", "b", "c", "d"])).expect("propose");
    let folder = tempfile::tempdir().expect("invites folder");
    let changed = hiring_day::book_and_send(&store, &day, Some(folder.path()), &out, now())
        .expect("book the day");
    assert_eq!(changed.bookings.len(), 8, "two rounds for each of four");
    let queued = mailing::outbox(&store).expect("outbox");
    let mut got: Vec<String> = queued.iter().map(|q| q.id.clone()).collect();
    got.sort();
    let mut want: Vec<String> = mailing::messages(&store, &changed.bookings, &organizer, now())
        .expect("messages")
        .into_iter()
        .map(|q| q.id)
        .collect();
    want.sort();
    assert!(!want.is_empty(), "a booked day has e-mails to send");
    assert_eq!(
        got, want,
        "exactly the e-mails a single booking of each would queue"
    );
    for c in ["a", "b", "c", "d"] {
        let to = format!("{c}@mail.example.org");
        assert!(
            queued.iter().any(|q| q.message.to.contains(&to)),
            "{c} gets an e-mail"
        );
    }
    assert!(
        changed
            .sent
            .is_some_and(|s| s.files.contains(&"d/loop.ics".to_string())),
        "the files are written too"
    );
    // The same day again clashes with itself: refused, nothing more queued.
    assert!(
        hiring_day::book_and_send(&store, &day, None, &out, now()).is_err(),
        "a day booked twice is refused"
    );
    assert_eq!(
        mailing::outbox(&store).expect("outbox").len(),
        queued.len(),
        "a refused day queues nothing"
    );
}

/// The coordinator Ana's outbox, with no mail set up (invites are written as files).
fn files_only() -> rondo::usecases::loops::Outbox {
    rondo::usecases::loops::Outbox {
        organizer: rondo::ical::export::Person {
            name: "Ana".into(),
            email: "ana@hr.example.com".into(),
        },
        mail: false,
    }
}

/// The day planned in the window for `a`–`d` on the Monday, `d` in Kolkata.
fn planned_monday(store: &Store) -> hiring_day::PlannedDay {
    let mut d: rondo::domain::Candidate = store.need("d").expect("d");
    d.time_zone = chrono_tz::Asia::Kolkata;
    store.put(&d).expect("d moves to Kolkata");
    let form = hiring_day::choose::DayForm {
        candidates: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        plan: String::new(),
        office: "Europe/Berlin".into(),
        from: "2026-03-09".into(),
        to: "2026-03-09".into(),
    };
    hiring_day::plan(store, &form).expect("plan")
}

/// The candidate whose technical round ends last, and the round's start.
fn last_technical(day: &HiringDay) -> (String, chrono::DateTime<chrono::Utc>) {
    day.answer
        .scheduled
        .iter()
        .flat_map(|s| s.rounds.iter().map(move |r| (s, r)))
        .filter(|(_, r)| r.round == "tech")
        .max_by_key(|(_, r)| r.end)
        .map(|(s, r)| (s.candidate.clone(), r.start))
        .expect("a technical round")
}

#[test]
fn a_round_moved_on_the_planned_day_is_re_checked_and_booked_where_it_was_moved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = four(dir.path());
    let planned = planned_monday(&store);
    let (who, start) = last_technical(&planned.day);
    // One slot earlier: the engineer still interviews the one before, with no gap.
    match hiring_day::move_round(&planned, &who, "tech", -1) {
        Err(UseCaseError::Move(e)) => {
            let said = e.to_string();
            assert!(
                said.contains("rule 10") && said.contains("Person eng-1 interviews Candidate "),
                "names the rule and who is in the way: {said}"
            );
        }
        other => panic!("a move onto another candidate's round must be refused: {other:?}"),
    }
    // An hour later: the engineer and the candidate are free.
    let moved = hiring_day::move_round(&planned, &who, "tech", 4).expect("an hour later");
    assert!(
        moved.said.starts_with("Technical of Candidate ") && moved.said.contains("now starts at"),
        "{}",
        moved.said
    );
    let later = start + chrono::Duration::hours(1);
    let block = moved
        .planned
        .view
        .days
        .iter()
        .flat_map(|d| &d.rows)
        .flat_map(|r| &r.blocks)
        .find(|b| b.candidate == who && b.round_id == "tech")
        .expect("the moved block is drawn");
    assert!(
        block.title.contains(
            &later
                .with_timezone(&chrono_tz::Europe::Berlin)
                .format("%H:%M")
                .to_string()
        ),
        "{block:?}"
    );
    assert!(
        moved.planned.day.answer.objective.sum_finish_minutes
            == planned.day.answer.objective.sum_finish_minutes + 60,
        "an hour later adds an hour to the sum"
    );
    let folder = tempfile::tempdir().expect("invites folder");
    let out = files_only();
    hiring_day::book_planned(&store, &moved.planned, folder.path(), &out, now())
        .expect("the moved day books");
    let booked: Vec<Booking> = store.all().expect("bookings");
    let tech = booked
        .iter()
        .find(|b| b.candidate.as_str() == who && b.round.as_str() == "tech")
        .expect("the moved round is booked");
    assert_eq!(tech.start, later, "booked where it was moved");
    let spent = hiring_day::PlannedDay {
        booked: true,
        ..moved.planned
    };
    assert!(
        matches!(
            hiring_day::move_round(&spent, &who, "tech", 1),
            Err(UseCaseError::DayBooked)
        ),
        "a booked day is not moved"
    );
}

#[test]
fn the_day_s_sheets_give_each_interviewer_s_day_and_each_candidate_s_itinerary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = four(dir.path());
    let planned = planned_monday(&store);
    let folder = tempfile::tempdir().expect("sheets folder");
    let organizer = rondo::ical::export::Person {
        name: "Ana Coordinator".into(),
        email: "ana@hr.example.com".into(),
    };
    let saved = hiring_day::sheets::save(&planned.day, &organizer, folder.path(), now())
        .expect("save the sheets");
    let mut names = saved.files.clone();
    names.sort();
    let mut want: Vec<String> = [
        "day-eng-1",
        "day-rec-1",
        "itinerary-a",
        "itinerary-b",
        "itinerary-c",
        "itinerary-d",
    ]
    .into_iter()
    .flat_map(|s| [format!("{s}.ics"), format!("{s}.txt")])
    .collect();
    want.sort();
    assert_eq!(
        names, want,
        "a day per interviewer, an itinerary per candidate"
    );
    assert!(
        saved
            .said
            .starts_with("Saved the day of 2 interviewers and the itinerary of 4 candidates"),
        "{}",
        saved.said
    );
    let read = |n: &str| std::fs::read_to_string(folder.path().join(n)).expect("a sheet");
    // The engineer's day on the Berlin clock: four technical rounds, each candidate named.
    let eng = read("day-eng-1.txt");
    assert!(
        eng.starts_with(
            "Person eng-1 — interviews of the hiring day\nTimes in Berlin (UTC+01:00)."
        ),
        "{eng}"
    );
    assert_eq!(eng.matches("Technical with Candidate ").count(), 4, "{eng}");
    assert!(eng.contains("Mon 9 Mar"), "{eng}");
    assert!(
        eng.contains("for them)"),
        "each candidate's own clock: {eng}"
    );
    // d's itinerary on the Kolkata clock (4 h 30 min after Berlin).
    let d = planned
        .day
        .answer
        .scheduled
        .iter()
        .find(|s| s.candidate == "d")
        .expect("d is scheduled");
    let first = d.rounds.iter().map(|r| r.start).min().expect("rounds");
    let kolkata = first
        .with_timezone(&chrono_tz::Asia::Kolkata)
        .format("%H:%M")
        .to_string();
    let itinerary = read("itinerary-d.txt");
    assert!(
        itinerary.starts_with("Itinerary of Candidate d\nTimes in Kolkata (UTC+05:30).")
            && itinerary.contains(&format!("  {kolkata}–"))
            && itinerary.contains("Recruiter screen with Person rec-1")
            && itinerary.contains("Done by Mon 9 Mar"),
        "{itinerary}"
    );
    // The calendar files: the engineer's four interviews in Berlin time; each passes
    // every iCalendar checker (EXPORT-RULES).
    let ics = read("day-eng-1.ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4, "{ics}");
    assert!(
        ics.contains("METHOD:PUBLISH") && ics.contains("TZID=Europe/Berlin"),
        "{ics}"
    );
    assert!(
        read("itinerary-d.ics").contains("TZID=Asia/Kolkata"),
        "d's in Kolkata time"
    );
    let test = "the_day_s_sheets_give_each_interviewer_s_day_and_each_candidate_s_itinerary";
    let Some(shared) = crate::support::shared_or_skip(test) else {
        return;
    };
    use crate::ical::export::{check_invite, ALL_CHECKERS};
    if !crate::support::checkers_or_skip(test, &shared, ALL_CHECKERS) {
        return;
    }
    for f in saved.files.iter().filter(|f| f.ends_with(".ics")) {
        let (ok, verdict) = check_invite(&shared, &folder.path().join(f), ALL_CHECKERS);
        assert!(ok, "{f} passes every checker: {verdict}");
    }
}
