//! The shell's commands without a window: the adapters called on a real store in a
//! temporary data folder, checking what the UI receives (labels in words, codes it
//! branches on) and what lands on disk (invites read back).

mod mail;

use crate::e2e::tempfile_dir::TempDir;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rondo::ical::import::{busy_from_ics, ImportOptions, Window as Span};
use rondo::usecases::candidates::CandidateForm;
use rondo::usecases::people::InterviewerForm;
use rondo::usecases::pipeline::{Waiting, PAGE_SIZE};
use rondo::usecases::workbench::horizon::FindForm;
use rondo::usecases::workbench::view::AnswerView;
use rondo_app::commands::{app, bookings, calendar, candidates, people, plans, scheduling};
use rondo_app::error::ErrorCode;
use rondo_app::state::{AppState, DialogOverrides};
use std::collections::BTreeMap;
use std::path::Path;

/// A Monday morning in March 2026.
fn now() -> DateTime<Utc> {
    "2026-03-02T08:00:00Z".parse().expect("instant")
}

fn open(dir: &TempDir) -> AppState {
    AppState::open(dir.path().to_path_buf(), DialogOverrides::default(), now())
}

fn weekdays(text: &str) -> BTreeMap<String, String> {
    ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| (d.to_string(), text.to_string()))
        .collect()
}

fn maya() -> InterviewerForm {
    InterviewerForm {
        id: String::new(),
        name: "Maya Chen".into(),
        email: "maya@example.com".into(),
        zone: "America/Los_Angeles".into(),
        pools: "Backend, culture".into(),
        hours: weekdays("08:00-12:00, 13:00-16:30"),
        buffer_minutes: Some(10),
        max_per_day: Some(2),
        max_per_week: None,
    }
}

/// Weekday windows 12:00-21:00 (Kolkata) from `first` for `days` days.
fn availability(first: NaiveDate, days: i64) -> String {
    (0..days)
        .map(|d| first + Duration::days(d))
        .filter(|d| chrono::Datelike::weekday(d).num_days_from_monday() < 5)
        .map(|d| format!("{d} 12:00-21:00"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A panel in Europe and the US for the loop's pools, with `backend` backend engineers,
/// on a store cleared of the example team.
fn panel(state: &AppState, backend: usize) {
    app::clear(state, now()).expect("cleared");
    let mut people = vec![
        ("Ben Okafor", "Europe/London", "recruiting"),
        ("Ana Novak", "Europe/Berlin", "system-design"),
        ("Sam Ortiz", "America/New_York", "hr"),
    ];
    for (name, zone) in [
        ("Lea Weber", "Europe/Berlin"),
        ("Tom Visser", "Europe/Amsterdam"),
    ]
    .into_iter()
    .take(backend)
    {
        people.push((name, zone, "backend"));
    }
    for (name, zone, pools) in people {
        people::save(
            state,
            &InterviewerForm {
                name: name.into(),
                zone: zone.into(),
                pools: pools.into(),
                hours: weekdays("08:00-18:00"),
                max_per_day: Some(3),
                ..maya()
            },
        )
        .unwrap_or_else(|e| panic!("{name}: {}", e.message));
    }
}

/// A four-round plan (the 5-round loop without its product round) and a candidate in
/// Kolkata in it; returns (candidate id, plan id).
fn kolkata_loop(state: &AppState) -> (String, String) {
    let plan = plans::create(state, "loop", "Platform engineer").expect("a plan from a template");
    let mut form = plans::list(state)
        .expect("plans")
        .into_iter()
        .find(|p| p.id == plan)
        .expect("the new plan is listed");
    form.rounds.retain(|r| r.id != "product");
    plans::save(state, &form).expect("four rounds are a valid plan");
    let id = candidates::save(
        state,
        &CandidateForm {
            id: String::new(),
            name: "Priya Raman".into(),
            email: "priya@example.org".into(),
            zone: "Asia/Kolkata".into(),
            plan: plan.clone(),
            stage: rondo::domain::Stage::Interviewing,
            available: availability("2026-03-03".parse().expect("date"), 12),
            max_minutes_per_day: None,
            notes: String::new(),
        },
    )
    .expect("a valid candidate");
    (id, plan)
}

fn find(state: &AppState, candidate: &str) -> AnswerView {
    let form = FindForm {
        candidate: candidate.into(),
        plan: String::new(),
        from: "2026-03-03".into(),
        to: "2026-03-13".into(),
    };
    scheduling::find(state, &form, now()).expect("proposed")
}

/// The instants an invite file stands for, read back with the core's importer.
fn instants_of(path: &Path) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let text = std::fs::read_to_string(path).expect("read an invite");
    let window = Span::new(
        "2026-01-01T00:00:00Z".parse().expect("instant"),
        "2027-01-01T00:00:00Z".parse().expect("instant"),
    )
    .expect("a window");
    busy_from_ics(&text, window, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{} parses back: {e}", path.display()))
        .busy
        .iter()
        .map(|i| (i.start, i.end))
        .collect()
}

fn property(path: &Path, name: &str) -> String {
    std::fs::read_to_string(path)
        .expect("read an invite")
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")).map(str::to_string))
        .unwrap_or_else(|| panic!("{} has no {name}", path.display()))
}

#[test]
fn the_first_start_seeds_the_example_team_and_a_second_window_is_told_the_data_is_open() {
    let dir = TempDir::new("seed");
    let state = open(&dir);
    let info = app::info(&state);
    assert!(
        info.problem.is_none(),
        "the store opens: {:?}",
        info.problem
    );
    assert!(
        info.notice.is_some(),
        "the first start says the example was loaded"
    );
    assert!(
        info.counts.interviewers > 0 && info.counts.candidates > 0 && info.counts.plans > 0,
        "a small team is stored: {:?}",
        info.counts
    );
    let second = open(&dir);
    let err = second.open_error().expect("the folder is taken");
    assert_eq!(err.code, ErrorCode::AlreadyOpen, "the UI branches on it");
    assert!(
        err.message.contains("already open") && err.message.contains("RONDO_DATA_DIR"),
        "it says what to do: {}",
        err.message
    );
    let page = candidates::page(&second, "", None, 0, now()).expect_err("no data");
    assert_eq!(page.code, ErrorCode::AlreadyOpen, "every command says so");
    drop(second);

    app::clear(&state, now()).expect("cleared");
    let info = app::info(&state);
    assert_eq!(
        (
            info.counts.interviewers,
            info.counts.candidates,
            info.counts.bookings
        ),
        (0, 0, 0),
        "clearing deletes everything"
    );
    drop(state);
    let again = open(&dir);
    assert_eq!(
        app::info(&again).counts.interviewers,
        0,
        "a cleared store is not seeded again on the next start"
    );
    app::example(&again, now()).expect("the example again");
    assert!(
        app::info(&again).counts.interviewers > 0,
        "the example is back"
    );
}

#[test]
fn the_pipeline_is_grouped_paged_and_searchable() {
    let dir = TempDir::new("pipeline");
    let state = open(&dir);
    let all = candidates::page(&state, "", None, 0, now()).expect("a page");
    assert_eq!(all.total, all.matched, "no search: everyone matches");
    assert!(all.rows.len() <= PAGE_SIZE, "one page at most");
    let jobs: Vec<&str> = all.rows.iter().map(|r| r.job.as_str()).collect();
    let mut sorted = jobs.clone();
    sorted.sort();
    assert_eq!(jobs, sorted, "grouped by job");
    let first = &all.rows[0];
    let found = candidates::page(&state, &first.name, None, 0, now()).expect("search");
    assert!(
        found.rows.iter().any(|r| r.id == first.id),
        "searching a name finds them"
    );
    let (id, _) = kolkata_loop(&state);
    let page = candidates::page(&state, "Priya Raman", Some(Waiting::Schedule), 0, now())
        .expect("a filtered page");
    let row = page
        .rows
        .iter()
        .find(|r| r.id == id)
        .expect("the new candidate");
    assert_eq!(row.waiting_text, "to schedule", "nothing booked yet");
    assert_eq!(row.place, "Kolkata, UTC+05:30", "their place and offset");
}

#[test]
fn interviewers_are_validated_edited_and_keep_their_calendars() {
    let dir = TempDir::new("people");
    let state = open(&dir);
    let cases: Vec<(&str, InterviewerForm, &str)> = vec![
        (
            "empty name",
            InterviewerForm {
                name: " ".into(),
                ..maya()
            },
            "Name",
        ),
        (
            "unknown zone",
            InterviewerForm {
                zone: "Mars/Olympus".into(),
                ..maya()
            },
            "Time zone",
        ),
        (
            "no hours",
            InterviewerForm {
                hours: BTreeMap::new(),
                ..maya()
            },
            "at least one day",
        ),
        (
            "free text",
            InterviewerForm {
                hours: weekdays("9 to 5"),
                ..maya()
            },
            "Monday",
        ),
        (
            "reversed",
            InterviewerForm {
                hours: weekdays("17:00-09:00"),
                ..maya()
            },
            "ends before it starts",
        ),
    ];
    for (what, form, says) in cases {
        let err = people::save(&state, &form).expect_err(what);
        assert_eq!(
            err.code,
            ErrorCode::BadInput,
            "{what}: shown next to the form"
        );
        assert!(
            err.message.contains(says),
            "{what}: {:?} should mention {says:?}",
            err.message
        );
    }
    let id = people::save(&state, &maya()).expect("added");
    assert_eq!(id, "maya-chen", "the id comes from the name");
    let page = people::list(&state, "maya", 0, now()).expect("listed");
    let m = &page.people[0];
    assert_eq!(m.place, "Los Angeles, UTC−08:00", "zone and winter offset");
    assert_eq!(m.pools, ["backend", "culture"], "pools are normalised");

    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@t\r\nDTSTART:20260303T170000Z\r\nDTEND:20260303T180000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b@t\r\nDTSTART:nonsense\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let s = calendar::import_text(&state, &id, Path::new("/tmp/work.ics"), ics, now())
        .expect("imported");
    assert_eq!(
        (s.events, s.busy_blocks, s.source.as_str()),
        (1, 1, "work"),
        "one event read into calendar work"
    );
    assert_eq!(
        s.skipped.len(),
        1,
        "the broken event is reported: {:?}",
        s.skipped
    );
    let edited = InterviewerForm {
        id: id.clone(),
        max_per_week: Some(4),
        ..maya()
    };
    people::save(&state, &edited).expect("edited");
    let m = &people::list(&state, "maya", 0, now())
        .expect("listed")
        .people[0];
    assert_eq!(
        (m.max_per_week, m.busy_blocks),
        (Some(4), 1),
        "edits keep the imported calendar"
    );
    let other = ics.replace("20260303T", "20260304T");
    let again = calendar::import_text(&state, &id, Path::new("work.ics"), &other, now())
        .expect("imported again");
    assert_eq!(again.busy_blocks, 1, "one block read");
    let m = &people::list(&state, "maya", 0, now())
        .expect("listed")
        .people[0];
    assert_eq!(
        m.busy_blocks, 1,
        "a new import of the same calendar replaces its busy time"
    );
}

#[test]
fn plans_start_from_templates_and_invalid_edits_are_refused() {
    let dir = TempDir::new("plans");
    let state = open(&dir);
    let id = plans::create(&state, "fintech", "Payments engineer").expect("created");
    let mut form = plans::list(&state)
        .expect("plans")
        .into_iter()
        .find(|p| p.id == id)
        .expect("listed");
    assert_eq!(form.rounds.len(), 5, "the 5-step template");
    assert_eq!(form.rounds[1].after, "talent 1d", "gaps read in days");
    form.rounds[0].after = "final 0m".into();
    let err = plans::save(&state, &form).expect_err("a cycle");
    assert_eq!(err.code, ErrorCode::BadInput, "shown next to the plan");
    assert!(
        err.message.contains("cycle"),
        "it names the problem: {}",
        err.message
    );
    form.rounds[0].after = String::new();
    form.rounds[2].needs = "1 from engineering, @nobody-here".into();
    let err = plans::save(&state, &form).expect_err("an unknown person");
    assert_eq!(err.code, ErrorCode::NotFound, "{}", err.message);
    form.rounds[2].needs = "1 from engineering".into();
    form.rounds[2].duration_minutes = 75;
    plans::save(&state, &form).expect("a valid edit");
    let stored = plans::list(&state)
        .expect("plans")
        .into_iter()
        .find(|p| p.id == id)
        .expect("listed");
    assert_eq!(
        (
            stored.rounds[2].duration_minutes,
            stored.rounds[2].needs.as_str()
        ),
        (75, "1 from engineering"),
        "stored"
    );
    assert!(
        plans::create(&state, "loop", " ").is_err(),
        "a plan needs a job"
    );
}

#[test]
fn a_kolkata_loop_is_booked_sent_moved_and_cancelled_with_the_same_uids() {
    let dir = TempDir::new("book");
    let out = TempDir::new("invites");
    let state = open(&dir);
    panel(&state, 2);
    let (cand, _) = kolkata_loop(&state);
    let answer = find(&state, &cand);
    assert!(answer.scheduled, "options are found: {:?}", answer.blockers);
    assert!(
        answer.options[0].finish.contains("Kolkata"),
        "in the candidate's zone"
    );
    let view = state.workbench.show(0, None).expect("drawn");
    assert_eq!(view.rounds.len(), 4, "four rounds placed");
    assert_eq!(
        view.timeline.rows[0].city, "Kolkata",
        "the candidate's row comes first"
    );

    assert!(
        !app::settings_view(&state).organizer_set,
        "a new data folder has the placeholder organizer"
    );
    let refused = app::set_organizer_in(&state, "Ana", "ana at example").unwrap_err();
    assert_eq!(refused.code, ErrorCode::BadInput, "{}", refused.message);
    let set = app::set_organizer_in(&state, "Ana Ilić", "ana@hr.example.com").expect("set");
    assert!(set.organizer_set);
    assert_eq!(
        rondo::usecases::settings::Settings::load(dir.path())
            .organizer()
            .email,
        "ana@hr.example.com",
        "kept in the data folder for the next start"
    );

    let sent = bookings::book_into(&state, 0, out.path(), now()).expect("booked");
    assert_eq!(sent.bookings.len(), 4, "one booking a round");
    let first = out
        .path()
        .join(format!("{}-candidate.ics", sent.bookings[0].round_id));
    let text = std::fs::read_to_string(&first).expect("read an invite");
    assert!(
        text.lines()
            .any(|l| l.starts_with("ORGANIZER") && l.ends_with("mailto:ana@hr.example.com")),
        "the coordinator organizes: {text}"
    );
    let mut uids = Vec::new();
    for b in &sent.bookings {
        for audience in ["candidate", "panel"] {
            let file = out.path().join(format!("{}-{audience}.ics", b.round_id));
            assert_eq!(
                instants_of(&file),
                [(b.start, b.end)],
                "{}: {audience}'s invite holds the booked instants",
                b.round_id
            );
            assert_eq!(property(&file, "METHOD"), "REQUEST", "an invitation");
            assert_eq!(property(&file, "SEQUENCE"), "0", "first version");
            uids.push((
                file,
                property(
                    &out.path().join(format!("{}-{audience}.ics", b.round_id)),
                    "UID",
                ),
            ));
        }
    }
    assert!(
        out.path().join("loop.ics").is_file(),
        "the whole loop to add"
    );
    let row = candidates::page(&state, "Priya Raman", None, 0, now())
        .expect("page")
        .rows
        .remove(0);
    assert!(
        row.waiting_text.starts_with("to confirm"),
        "sent, not confirmed yet: {}",
        row.waiting_text
    );
    assert!(
        row.next.as_deref().is_some_and(|n| n.contains("Kolkata")),
        "next interview on her clock: {:?}",
        row.next
    );

    // Move the last round one slot either way and send the update.
    let last = view.rounds.last().expect("a round").round.clone();
    let moved = [1, -2].iter().find_map(|k| {
        state
            .workbench
            .move_round(0, &last, *k)
            .ok()
            .filter(|v| v.holds)
    });
    assert!(moved.is_some(), "a one-slot move of the last round holds");
    let update = bookings::update_into(&state, now()).expect("rescheduled");
    assert_eq!(update.sequence, 1, "a newer version");
    let b = &update.bookings[0];
    let file = out.path().join(format!("{}-candidate.ics", b.round_id));
    assert_eq!(
        instants_of(&file),
        [(b.start, b.end)],
        "the update carries the new time"
    );
    let uid = uids
        .iter()
        .find(|(f, _)| f == &file)
        .map(|(_, u)| u.clone());
    assert_eq!(
        Some(property(&file, "UID")),
        uid,
        "same event for the calendar"
    );

    // Conflict: someone else's booking is re-checked by the store, not trusted.
    let live = candidates::detail(&state, &cand, now())
        .expect("her page")
        .bookings;
    assert_eq!(live.len(), 4, "four live interviews");
    let cancelled = bookings::cancel_loop(&state, &cand, out.path(), now()).expect("cancelled");
    assert_eq!(cancelled.bookings.len(), 4, "every round cancelled");
    for b in &cancelled.bookings {
        for audience in ["candidate", "panel"] {
            let req = out.path().join(format!("{}-{audience}.ics", b.round_id));
            let can = out
                .path()
                .join(format!("{}-{audience}-cancelled.ics", b.round_id));
            assert_eq!(
                property(&can, "METHOD"),
                "CANCEL",
                "{}: a cancellation",
                b.round_id
            );
            assert_eq!(
                property(&can, "UID"),
                property(&req, "UID"),
                "{}: same UID as its invite",
                b.round_id
            );
            let (r, c): (u32, u32) = (
                property(&req, "SEQUENCE").parse().expect("number"),
                property(&can, "SEQUENCE").parse().expect("number"),
            );
            assert!(c > r, "{}: SEQUENCE {c} above the invite's {r}", b.round_id);
        }
    }
    let row = candidates::page(&state, "Priya Raman", None, 0, now())
        .expect("page")
        .rows
        .remove(0);
    assert_eq!(
        row.waiting_text, "to schedule",
        "after cancelling she waits to be scheduled again"
    );
}

#[test]
fn a_booking_that_no_longer_fits_is_a_conflict_and_nothing_is_booked() {
    let dir = TempDir::new("conflict");
    let out = TempDir::new("conflict-out");
    let state = open(&dir);
    panel(&state, 2);
    let (cand, _) = kolkata_loop(&state);
    assert!(find(&state, &cand).scheduled, "options are found");
    let first = state.workbench.show(0, None).expect("option 1").rounds;
    let r = &first[0];
    // The interviewer's calendar now says they are busy exactly then.
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@t\r\nDTSTART:{}\r\nDTEND:{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        r.start.format("%Y%m%dT%H%M%SZ"),
        r.end.format("%Y%m%dT%H%M%SZ")
    );
    calendar::import_text(&state, &r.people[0].id, Path::new("late.ics"), &ics, now())
        .expect("imported");
    let err = bookings::book_into(&state, 0, out.path(), now()).expect_err("a clash");
    assert_eq!(
        err.code,
        ErrorCode::Conflict,
        "the UI offers to find options again: {}",
        err.message
    );
    assert!(
        err.message.contains("Find options again"),
        "{}",
        err.message
    );
    let live = candidates::detail(&state, &cand, now())
        .expect("her page")
        .bookings;
    assert!(live.is_empty(), "nothing was booked");
}

#[test]
fn an_impossible_request_explains_itself_and_a_suggestion_makes_it_possible() {
    let dir = TempDir::new("relax");
    let state = open(&dir);
    // One backend engineer for a technical interview that needs two.
    panel(&state, 1);
    let (cand, _) = kolkata_loop(&state);
    let answer = find(&state, &cand);
    assert!(
        !answer.scheduled,
        "one backend engineer cannot fill two seats"
    );
    assert!(!answer.blockers.is_empty(), "the engine says why");
    assert!(!answer.relaxations.is_empty(), "and what would help");
    let relaxed = scheduling::relax(&state, 0, now()).expect("accepted");
    let (changed, after) = (relaxed.changed, relaxed.answer);
    assert!(!changed.is_empty(), "the change is said in words");
    assert!(
        after.scheduled,
        "a suggestion tested by the engine makes it possible ({changed})"
    );
}

#[test]
fn the_core_library_has_no_gui_dependency() {
    // The shell adapts the core; the core must build and run without any window library.
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "rondo",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        tree.lines().any(|l| l.starts_with("chrono ")),
        "the tree lists the core's dependencies"
    );
    for gui in ["tauri", "wry", "gtk", "webkit2gtk", "tao "] {
        assert!(
            !tree.lines().any(|l| l.starts_with(gui)),
            "the core depends on {gui}: {tree}"
        );
    }
}

#[test]
fn the_shell_calls_use_cases_and_keeps_no_logic_of_its_own() {
    // The shell adapts: it names the core's use cases and the types they return, never
    // the engine, the time-zone code or the request format.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("lib.rs")];
    for dir in [src.clone(), src.join("commands")] {
        for e in std::fs::read_dir(&dir).expect("read src") {
            let path = e.expect("entry").path();
            if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 8, "the shell's sources are read: {files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read a source");
        for banned in [
            "rondo::engine",
            "rondo::zone",
            "rondo::problem",
            "chrono_tz",
            "wall_instant",
            "Duration::",
        ] {
            assert!(
                !text.contains(banned),
                "{} uses {banned}: that belongs in the core",
                f.display()
            );
        }
    }
}
