//! The shell's commands without a window: the adapters called on a workspace, checking
//! what the UI receives (labels in words, codes it branches on).

use rondo_app::commands::{calendar, candidates, people, plans, scheduling};
use rondo_app::error::ErrorCode;
use rondo_app::state::Workspace;
use std::collections::BTreeMap;

fn weekdays(text: &str) -> BTreeMap<String, String> {
    ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| (d.to_string(), text.to_string()))
        .collect()
}

fn maya() -> people::NewInterviewer {
    people::NewInterviewer {
        name: "Maya Chen".into(),
        email: "maya@example.com".into(),
        zone: "America/Los_Angeles".into(),
        pools: "Backend, culture".into(),
        hours: weekdays("08:00-12:00, 13:00-16:30"),
        buffer_minutes: Some(10),
        max_per_day: Some(2),
    }
}

#[test]
fn adding_an_interviewer_validates_and_lists_them_in_their_zone() {
    let mut ws = Workspace::example();
    let id = people::add(&mut ws, maya()).expect("a valid interviewer is added");
    assert_eq!(id, "maya-chen", "the id comes from the name");
    let again = people::add(&mut ws, maya()).expect("a namesake is added too");
    assert_eq!(again, "maya-chen-2", "ids stay unique");
    let now = "2026-07-01T12:00:00Z".parse().expect("instant");
    let list = people::list(&ws, now);
    let m = list.iter().find(|p| p.id == "maya-chen").expect("listed");
    assert_eq!(m.place, "Los Angeles, UTC−07:00", "zone and summer offset");
    assert_eq!(m.clock, "05:00", "her local clock at 12:00 UTC");
    assert_eq!(m.pools, ["backend", "culture"], "pools are normalised");
    assert_eq!(
        m.hours[0].text, "08:00-12:00, 13:00-16:30",
        "Monday's hours round-trip"
    );
    assert_eq!(m.hours[5].text, "", "Saturday is a day off");
}

#[test]
fn bad_interviewer_input_is_refused_with_the_field_and_what_to_enter() {
    let cases: Vec<(&str, people::NewInterviewer, &str)> = vec![
        (
            "empty name",
            people::NewInterviewer {
                name: " ".into(),
                ..maya()
            },
            "Name",
        ),
        (
            "unknown zone",
            people::NewInterviewer {
                zone: "Mars/Olympus".into(),
                ..maya()
            },
            "Time zone",
        ),
        (
            "no hours",
            people::NewInterviewer {
                hours: BTreeMap::new(),
                ..maya()
            },
            "at least one day",
        ),
        (
            "free text hours",
            people::NewInterviewer {
                hours: weekdays("9 to 5"),
                ..maya()
            },
            "Monday",
        ),
        (
            "reversed hours",
            people::NewInterviewer {
                hours: weekdays("17:00-09:00"),
                ..maya()
            },
            "ends before it starts",
        ),
        (
            "25 o'clock",
            people::NewInterviewer {
                hours: weekdays("09:00-25:00"),
                ..maya()
            },
            "09:00-17:00",
        ),
    ];
    for (what, input, says) in cases {
        let mut ws = Workspace::example();
        let before = ws.doc.interviewers.len();
        let err = people::add(&mut ws, input).expect_err(what);
        assert_eq!(
            err.code,
            ErrorCode::BadInput,
            "{what}: the UI shows it next to the form"
        );
        assert!(
            err.message.contains(says),
            "{what}: {:?} should mention {says:?}",
            err.message
        );
        assert_eq!(
            ws.doc.interviewers.len(),
            before,
            "{what}: nothing is added"
        );
    }
}

#[test]
fn working_hours_may_end_at_midnight_and_empty_days_are_days_off() {
    let mut text = BTreeMap::new();
    text.insert("mon".to_string(), "18:00-24:00".to_string());
    text.insert("tue".to_string(), "  ".to_string());
    let hours = people::parse_hours(&text).expect("24:00 ends a day");
    assert_eq!(
        hours["mon"],
        [["18:00".to_string(), "24:00".to_string()]],
        "Monday"
    );
    assert!(!hours.contains_key("tue"), "a blank day is a day off");
}

#[test]
fn the_example_loop_is_scheduled_and_read_in_everyones_zone() {
    let mut ws = Workspace::example();
    let answer = rondo::engine::solve(&ws.problem);
    ws.edited = answer.options.iter().map(|o| o.rounds.clone()).collect();
    ws.answer = Some(answer);
    let view = scheduling::answer_view(&ws);
    assert!(view.scheduled, "the example has a schedule");
    assert!(view.options.len() >= 2, "several options to choose from");
    assert!(
        view.options.iter().all(|o| o.holds),
        "every engine option holds"
    );
    assert!(
        view.options[0].finish.ends_with("Kolkata"),
        "finish in the candidate's zone"
    );
    let s = scheduling::schedule_view(&ws, 0, None).expect("option 1 draws");
    assert_eq!(s.rounds.len(), 4, "four rounds");
    assert!(s.holds, "it holds");
    assert_eq!(
        s.timeline.rows[0].zone, "Asia/Kolkata",
        "the candidate's row comes first"
    );
    assert!(
        s.rounds
            .iter()
            .all(|r| r.when.contains("Kolkata (candidate)")),
        "every round is read in the candidate's zone"
    );
    let rows = candidates::rows(&ws);
    assert_eq!(
        rows[0].waiting, "to confirm: options found",
        "the pipeline follows"
    );
    assert!(rows[0].next.is_some(), "with the first interview");
}

#[test]
fn moving_a_round_is_checked_at_once_and_undo_needs_no_solve() {
    let mut ws = Workspace::example();
    let err = scheduling::move_round_in(&mut ws, 0, "tech", 1).expect_err("no options yet");
    assert_eq!(
        err.code,
        ErrorCode::NotReady,
        "moving before finding options"
    );
    let answer = rondo::engine::solve(&ws.problem);
    ws.edited = answer.options.iter().map(|o| o.rounds.clone()).collect();
    ws.answer = Some(answer);
    // Twelve hours earlier the candidate is asleep (available 09:00-20:00 Kolkata).
    let v = scheduling::move_round_in(&mut ws, 0, "tech", -48).expect("inside the horizon");
    assert!(!v.holds, "the move breaks a rule");
    let tech = v
        .timeline
        .rounds
        .iter()
        .find(|r| r.round == "tech")
        .expect("tech drawn");
    assert!(
        !tech.problems.is_empty(),
        "the broken rule is attached to the round"
    );
    assert!(
        !scheduling::answer_view(&ws).options[0].holds,
        "the option's badge follows"
    );
    let err = scheduling::move_round_in(&mut ws, 0, "nope", 1).expect_err("unknown round");
    assert_eq!(err.code, ErrorCode::NotFound, "an unknown round");
    let err = scheduling::move_round_in(&mut ws, 0, "tech", -100_000).expect_err("far away");
    assert_eq!(err.code, ErrorCode::BadInput, "outside the dates");
    let err = scheduling::schedule_view(&ws, 99, None).expect_err("no option 100");
    assert_eq!(err.code, ErrorCode::NotFound, "an unknown option");
}

#[test]
fn plan_lengths_are_validated_and_edits_drop_stale_options() {
    let mut ws = Workspace::example();
    let answer = rondo::engine::solve(&ws.problem);
    ws.answer = Some(answer);
    for bad in [0, -30, 7, 600] {
        let err = plans::set_duration(&mut ws, "tech", bad).expect_err("refused");
        assert_eq!(err.code, ErrorCode::BadInput, "{bad} minutes");
    }
    assert!(ws.answer.is_some(), "a refused edit keeps the answer");
    plans::set_duration(&mut ws, "tech", 90).expect("90 minutes");
    assert!(
        ws.answer.is_none(),
        "an edit drops options found for the old plan"
    );
    let tech = plans::list(&ws)
        .into_iter()
        .find(|r| r.id == "tech")
        .expect("listed");
    assert_eq!(tech.duration_minutes, 90, "the new length");
    assert_eq!(tech.needs, ["2 from backend"], "who is needed, in words");
    assert_eq!(
        tech.after,
        ["after Recruiter screen, at least 1 day later"],
        "order in words"
    );
    assert_eq!(tech.same_day_with, ["System design"], "same-day group");
}

fn solved() -> Workspace {
    let mut ws = Workspace::example();
    let answer = rondo::engine::solve(&ws.problem);
    ws.edited = answer.options.iter().map(|o| o.rounds.clone()).collect();
    ws.answer = Some(answer);
    ws
}

#[test]
fn a_calendar_import_replaces_busy_time_and_reports_what_it_skipped() {
    let mut ws = Workspace::example();
    let s = calendar::import_into(&mut ws, "ben", "ben.ics", crate::e2e::BEN_ICS)
        .expect("a calendar with one broken event imports");
    assert_eq!(
        (s.events, s.occurrences),
        (2, 11),
        "two events, eleven occurrences"
    );
    assert_eq!(s.busy_blocks, 11, "ten stand-ups and the offsite");
    assert_eq!(s.busy_hours, 10.0, "10 × 30 min + 5 h");
    assert_eq!(s.skipped.len(), 1, "the broken event");
    assert!(
        s.skipped[0].starts_with("line "),
        "with its line: {:?}",
        s.skipped
    );
    let ben = ws
        .problem
        .interviewers
        .iter()
        .find(|i| i.id == "ben")
        .expect("ben");
    assert_eq!(
        ben.busy.intervals().len(),
        11,
        "the request now has his busy time"
    );

    let err = calendar::import_into(&mut ws, "ben", "notes.txt", "just some notes")
        .expect_err("not a calendar");
    assert_eq!(err.code, ErrorCode::BadInput, "shown in words");
    assert!(
        err.message.contains("notes.txt"),
        "names the file: {}",
        err.message
    );
    let err = calendar::import_into(&mut ws, "nobody", "x.ics", crate::e2e::BEN_ICS)
        .expect_err("unknown interviewer");
    assert_eq!(err.code, ErrorCode::NotFound, "an interviewer who is gone");
}

#[test]
fn booking_writes_invites_whose_instants_are_the_options_and_updates_keep_uids() {
    let dir = crate::e2e::tempfile_dir::TempDir::new("book");
    let now = "2026-03-01T10:00:00Z".parse().expect("instant");
    let mut ws = solved();
    let option = ws.edited[0].clone();
    let sent = calendar::book_into(&mut ws, 0, dir.path(), now).expect("booked");
    assert_eq!(sent.sequence, 0, "first invites");
    assert_eq!(
        sent.files.len(),
        4 * 2 + 1,
        "candidate and panel per round, and the loop"
    );
    let window = rondo::ical::import::Window::new(
        "2026-01-01T00:00:00Z".parse().expect("instant"),
        "2027-01-01T00:00:00Z".parse().expect("instant"),
    )
    .expect("window");
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.path().join(name)).expect("written");
        let busy = rondo::ical::import::busy_from_ics(
            &text,
            window,
            &rondo::ical::import::ImportOptions::default(),
        )
        .expect("parses back");
        (
            busy.busy
                .iter()
                .map(|i| (i.start, i.end))
                .collect::<Vec<_>>(),
            text,
        )
    };
    for r in &option {
        let (busy, text) = read(&format!("{}-candidate.ics", r.round));
        assert_eq!(
            busy,
            [(r.start, r.end)],
            "{}: the candidate's invite",
            r.round
        );
        assert!(text.contains("SEQUENCE:0"), "{}: first version", r.round);
    }
    let uid = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .expect("a UID")
    };
    let (_, before) = read("manager-candidate.ics");

    // A move that breaks a rule is never sent.
    scheduling::move_round_in(&mut ws, 0, "manager", -48).expect("inside the horizon");
    let err = calendar::update_into(&mut ws, now).expect_err("broken");
    assert_eq!(
        err.code,
        ErrorCode::BadInput,
        "the coordinator must fix it first"
    );
    let (_, unchanged) = read("manager-candidate.ics");
    assert_eq!(unchanged, before, "nothing was rewritten");

    scheduling::move_round_in(&mut ws, 0, "manager", 48).expect("back");
    let sent = calendar::update_into(&mut ws, now).expect("an update");
    assert_eq!(sent.sequence, 1, "the update's sequence");
    let row = &candidates::rows(&ws)[0];
    assert_eq!(
        row.waiting, "nothing: booked, invites written and updated",
        "pipeline"
    );
    let (_, after) = read("manager-candidate.ics");
    assert_eq!(
        uid(&after),
        uid(&before),
        "same UID: the same event for calendars"
    );
    assert!(after.contains("SEQUENCE:1"), "a newer version");
}

#[test]
fn an_update_before_booking_says_to_book_first() {
    let mut ws = solved();
    let err = calendar::update_into(&mut ws, "2026-03-01T10:00:00Z".parse().expect("instant"))
        .expect_err("nothing booked");
    assert_eq!(err.code, ErrorCode::NotReady, "a missing step");
}

#[test]
fn an_impossible_loop_explains_itself_and_a_suggestion_makes_it_possible() {
    let mut ws = Workspace::example();
    // 60 minutes a day cannot hold the technical and design rounds, which share a day.
    ws.edit(|d| d.candidate.max_interview_minutes_per_day = Some(60))
        .expect("a valid edit");
    let answer = rondo::engine::solve(&ws.problem);
    ws.answer = Some(answer);
    let view = scheduling::answer_view(&ws);
    assert!(!view.scheduled, "infeasible");
    assert!(!view.blockers.is_empty(), "the reasons in words");
    assert!(!view.relaxations.is_empty(), "and suggestions as buttons");
    let err = scheduling::relax_in(&mut ws, 99).expect_err("no such suggestion");
    assert_eq!(err.code, ErrorCode::NotFound, "a stale button");
    scheduling::relax_in(&mut ws, 0).expect("the first suggestion applies");
    let again = rondo::engine::solve(&ws.problem);
    assert!(
        !again.options.is_empty(),
        "after the change a schedule exists"
    );
}

#[test]
fn an_interviewer_is_swapped_only_for_someone_free_and_eligible() {
    let mut ws = solved();
    let tech = ws.edited[0]
        .iter()
        .find(|r| r.round == "tech")
        .cloned()
        .expect("tech is placed");
    let out = tech.interviewers[0].clone();
    let choices = scheduling::swap_choices_in(&ws, 0, "tech", &out).expect("a pool seat");
    for c in &choices {
        assert!(
            !tech.interviewers.contains(&c.id),
            "{}: not already in the round",
            c.id
        );
    }
    if let Some(c) = choices.first() {
        let v = scheduling::swap_in(&mut ws, 0, "tech", &out, &c.id).expect("swapped");
        assert!(v.holds, "the option still holds after the swap");
        let line = v.rounds.iter().find(|r| r.round == "tech").expect("tech");
        assert!(
            line.people.iter().any(|p| p.id == c.id),
            "the new person sits in"
        );
    }
    let err = scheduling::swap_choices_in(&ws, 0, "manager", "emil").expect_err("named");
    assert_eq!(
        err.code,
        ErrorCode::BadInput,
        "the plan names Emil for that round"
    );
    assert!(
        err.message.starts_with("Emil Novak"),
        "in words: {}",
        err.message
    );
}

#[test]
fn the_request_is_saved_in_the_data_folder_and_opened_on_next_start() {
    use rondo_app::state::{AppState, DialogOverrides, REQUEST_FILE};
    let dir = crate::e2e::tempfile_dir::TempDir::new("save");
    let first = Workspace::open(dir.path());
    assert_eq!(
        first.problem.interviewers.len(),
        6,
        "first start: the example team"
    );
    let state = AppState::new(dir.path().to_path_buf(), first, DialogOverrides::default());
    people::add(&mut state.workspace(), maya()).expect("added");
    state.save_request().expect("saved");
    let again = Workspace::open(dir.path());
    assert!(
        again.doc.interviewers.iter().any(|i| i.id == "maya-chen"),
        "the next start opens what was saved"
    );

    std::fs::write(dir.path().join(REQUEST_FILE), "{ not json").expect("corrupt it");
    let fallback = Workspace::open(dir.path());
    assert_eq!(
        fallback.problem.interviewers.len(),
        6,
        "an unreadable file: the example"
    );
    let aside = dir.path().join(format!("{REQUEST_FILE}.unreadable"));
    assert_eq!(
        std::fs::read_to_string(aside).expect("kept aside"),
        "{ not json",
        "the unreadable file is kept, not overwritten"
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
