//! The window's forms and the command line read the same text into the same records:
//! hours with a lunch break, pools in any case, availability a window a line, and a
//! plan's rounds (`2 from Backend, @ana-novak`, `technical 15m-4h`). The window's
//! commands are one call each to these use cases (`src-tauri/src/commands/`), so the
//! use cases stand for the window here, and the real `rondo` binary for the CLI.

use rondo::domain::{Candidate, Interviewer, Need, Plan, Stage};
use rondo::store::Store;
use rondo::usecases::candidates::{self, CandidateForm};
use rondo::usecases::people::{self, InterviewerForm};
use rondo::usecases::plans::{self, PlanForm, RoundForm};
use std::collections::BTreeMap;
use std::path::Path;

/// Runs the `rondo` command line on data folder `dir` and returns what it printed as
/// JSON.
fn cli(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rondo"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .arg("--json")
        .env_remove("RONDO_DATA_DIR")
        .output()
        .expect("run rondo");
    assert!(
        out.status.success(),
        "rondo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("rondo prints JSON")
}

#[test]
fn the_command_line_and_the_window_read_the_same_text_into_the_same_records() {
    let window = tempfile::tempdir().expect("temp dir");
    let line = tempfile::tempdir().expect("temp dir");
    let store = Store::open(window.path()).expect("open");
    // An interviewer: pools in any case, hours with a lunch break.
    let hours = "09:00-12:30, 13:30 – 17:30";
    let ana = people::save(
        &store,
        &InterviewerForm {
            id: String::new(),
            name: "Ana Novak".into(),
            email: String::new(),
            zone: "Europe/Berlin".into(),
            pools: "System-Design, Backend".into(),
            // The week editor's Monday to Friday, each with the same windows.
            hours: ["mon", "tue", "wed", "thu", "fri"]
                .into_iter()
                .map(|d| (d.to_string(), hours.to_string()))
                .collect::<BTreeMap<_, _>>(),
            buffer_minutes: None,
            max_per_day: None,
            max_per_week: None,
        },
    )
    .expect("the window adds her");
    let from_cli = cli(
        line.path(),
        &[
            "interviewer",
            "add",
            "--name",
            "Ana Novak",
            "--zone",
            "Europe/Berlin",
            "--pools",
            "System-Design, Backend",
            "--hours",
            &format!("mon-fri {hours}"),
        ],
    );
    let from_window: Interviewer = store.need(ana.id.as_str()).expect("stored");
    let from_window = serde_json::to_value(&from_window).expect("json");
    for field in ["id", "pools", "working_hours", "time_zone"] {
        assert_eq!(
            from_cli[field], from_window[field],
            "interviewer {field}: the same from the same text"
        );
    }
    assert_eq!(
        from_window["pools"],
        serde_json::json!(["backend", "system-design"])
    );

    // A candidate: availability one window a line on her clock.
    let available = "2026-03-09 12:00-21:00\n2026-03-10 09:00-24:00";
    let cand = candidates::save(
        &store,
        &CandidateForm {
            id: String::new(),
            name: "Priya Raman".into(),
            email: String::new(),
            zone: "Asia/Kolkata".into(),
            plan: String::new(),
            stage: Stage::Applied,
            available: available.into(),
            max_minutes_per_day: None,
            notes: String::new(),
        },
    )
    .expect("the window adds her");
    let cand_cli = cli(
        line.path(),
        &[
            "candidate",
            "add",
            "--name",
            "Priya Raman",
            "--zone",
            "Asia/Kolkata",
            "--available",
            available,
        ],
    );
    let cand_window: Candidate = store.need(cand.id.as_str()).expect("stored");
    let cand_window = serde_json::to_value(&cand_window).expect("json");
    for field in ["id", "available", "time_zone"] {
        assert_eq!(
            cand_cli[field], cand_window[field],
            "candidate {field}: the same from the same text"
        );
    }

    // A plan: the editor's columns, and the same columns on the command line.
    let plan = plans::create(&store, "loop", "Platform engineer")
        .expect("a plan")
        .id
        .to_string();
    let rounds = [
        ("Recruiter screen", 30, "1 from Recruiting", ""),
        (
            "Technical",
            60,
            "2 from Backend, @ana-novak",
            "recruiter-screen 1d",
        ),
        ("System design", 75, "system-design", "technical 15m-4h"),
    ];
    let form = PlanForm {
        id: plan.clone(),
        name: "Platform loop".into(),
        job: "Platform engineer".into(),
        rounds: rounds
            .iter()
            .map(|(name, minutes, needs, after)| RoundForm {
                id: String::new(),
                name: name.to_string(),
                duration_minutes: *minutes,
                needs: needs.to_string(),
                after: after.to_string(),
            })
            .collect(),
        same_day: "technical + system-design".into(),
        candidates: 0,
    };
    plans::save(&store, &form).expect("the window stores the edited plan");
    let mut args: Vec<String> = [
        "plan",
        "add",
        "--id",
        &plan,
        "--name",
        "Platform loop",
        "--job",
        "Platform engineer",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (name, minutes, needs, after) in rounds {
        args.push("--round".into());
        args.push(format!("{name} | {minutes} | {needs} | {after}"));
    }
    args.extend(["--same-day".into(), "technical + system-design".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let plan_cli = cli(line.path(), &args);
    let plan_window: Plan = store.need(&plan).expect("stored");
    assert_eq!(
        plan_cli,
        serde_json::to_value(&plan_window).expect("json"),
        "the same plan from the same text"
    );
    assert_eq!(
        plan_window.rounds[1].needs[0],
        Need::Pool {
            pool: "backend".into(),
            count: 2
        },
        "pools are lower case in both"
    );
}
