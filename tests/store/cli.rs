//! The `rondo` binary end to end on a temporary data folder: records, propose, book,
//! listing, backup and restore, and the second-process lock.

use rondo::store::Store;
use std::path::Path;
use std::process::{Command, Output};

fn rondo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rondo"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("RONDO_DATA_DIR")
        .output()
        .expect("the rondo binary runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = rondo(dir, args);
    assert!(
        out.status.success(),
        "rondo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ok(dir, &all))
        .unwrap_or_else(|e| panic!("rondo {args:?} --json prints JSON: {e}"))
}

/// `rondo propose` for [`seed_team`]'s candidate over a week.
const PROPOSE: [&str; 7] = [
    "propose",
    "--candidate",
    "cand-1",
    "--from",
    "2026-03-09",
    "--to",
    "2026-03-13",
];

/// A team that can run the five-round loop for a candidate in Bangalore.
fn seed_team(dir: &Path) {
    ok(
        dir,
        &[
            "plan",
            "add",
            "--id",
            "loop",
            "--template",
            "loop",
            "--job",
            "Platform engineer",
        ],
    );
    let people: [(&str, &str, &str, &str); 6] = [
        (
            "rec-1",
            "Europe/Amsterdam",
            "recruiting",
            "mon-fri 09:00-17:00",
        ),
        ("hr-1", "Europe/Belgrade", "hr", "mon-fri 09:00-17:00"),
        (
            "eng-1",
            "Europe/Berlin",
            "backend,system-design",
            "mon-fri 09:00-17:00",
        ),
        ("eng-2", "Europe/London", "backend", "mon-fri 09:00-17:00"),
        (
            "eng-3",
            "America/New_York",
            "system-design",
            "mon-fri 08:00-16:00",
        ),
        ("pm-1", "Europe/Paris", "product", "mon-fri 09:00-17:00"),
    ];
    for (id, zone, pools, hours) in people {
        ok(
            dir,
            &[
                "interviewer",
                "add",
                "--id",
                id,
                "--name",
                id,
                "--zone",
                zone,
                "--pools",
                pools,
                "--hours",
                hours,
            ],
        );
    }
    ok(
        dir,
        &[
            "candidate",
            "add",
            "--id",
            "cand-1",
            "--name",
            "Priya Iyer",
            "--zone",
            "Asia/Kolkata",
            "--plan",
            "loop",
            "--available",
            "2026-03-09 12:00-21:00",
            "--available",
            "2026-03-10 12:00-21:00",
        ],
    );
}

#[test]
fn propose_book_and_list_through_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    seed_team(dir.path());
    let list = json(dir.path(), &["interviewer", "list"]);
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(6),
        "six interviewers listed"
    );
    let table = ok(dir.path(), &PROPOSE);
    assert!(
        table.contains("option 1") && table.contains("Asia/Kolkata"),
        "a readable table with the zone:\n{table}"
    );
    let p = json(
        dir.path(),
        &[
            "propose",
            "--candidate",
            "cand-1",
            "--from",
            "2026-03-09",
            "--to",
            "2026-03-13",
            "--options",
            "2",
        ],
    );
    let rounds = p["options"][0]["slots"].as_array().map(Vec::len);
    assert_eq!(rounds, Some(5), "option 1 places the five rounds: {p}");
    let booked = json(
        dir.path(),
        &["book", "--candidate", "cand-1", "--option", "1"],
    );
    assert_eq!(
        booked.as_array().map(Vec::len),
        Some(5),
        "five bookings written"
    );
    assert_eq!(
        booked[0]["start"], p["options"][0]["slots"][0]["start"],
        "the booking is the option shown"
    );
    let week = json(dir.path(), &["booking", "list", "--week", "2026-03-10"]);
    assert_eq!(
        week.as_array().map(Vec::len),
        Some(5),
        "the week lists the five bookings"
    );
    let id = booked[0]["id"].as_str().expect("an id").to_string();
    let cancelled = json(dir.path(), &["booking", "cancel", &id]);
    assert_eq!(
        (cancelled["status"].as_str(), cancelled["sequence"].as_u64()),
        (Some("cancelled"), Some(1)),
        "cancel grows the sequence"
    );
    let again = rondo(
        dir.path(),
        &["book", "--candidate", "cand-1", "--option", "1"],
    );
    assert_eq!(
        again.status.code(),
        Some(2),
        "a used-up proposal is an error"
    );
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("run `rondo propose`"),
        "says what to do"
    );
}

#[test]
fn export_then_import_into_another_folder_restores_everything() {
    let (a, b) = (
        tempfile::tempdir().expect("temp dir"),
        tempfile::tempdir().expect("temp dir"),
    );
    seed_team(a.path());
    ok(a.path(), &PROPOSE);
    ok(
        a.path(),
        &["book", "--candidate", "cand-1", "--option", "1"],
    );
    let file = a.path().join("backup.json");
    ok(
        a.path(),
        &[
            "data",
            "export",
            "--out",
            file.to_str().expect("utf-8 path"),
        ],
    );
    let summary = json(
        b.path(),
        &["data", "import", file.to_str().expect("utf-8 path")],
    );
    assert_eq!(
        (
            summary["interviewers"].as_u64(),
            summary["candidates"].as_u64(),
            summary["plans"].as_u64(),
            summary["bookings"].as_u64()
        ),
        (Some(6), Some(1), Some(1), Some(5)),
        "everything restored"
    );
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    let copy = json(b.path(), &["booking", "list", "--week", "2026-03-09"]);
    assert_eq!(
        copy.as_array(),
        original["bookings"].as_array(),
        "the bookings came back exactly"
    );
}

#[test]
fn a_second_process_is_told_rondo_is_already_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let held = Store::open(dir.path()).expect("this process opens the folder");
    let out = rondo(dir.path(), &["candidate", "list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the second process fails: {err}"
    );
    assert!(
        err.contains("Rondo is already open on this data"),
        "with the words the issue asks for: {err}"
    );
    assert!(
        err.contains(&dir.path().display().to_string()),
        "naming the folder: {err}"
    );
    drop(held);
    ok(dir.path(), &["candidate", "list"]);
}

#[test]
fn example_teams_are_deterministic_and_importable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (f1, f2) = (dir.path().join("a.json"), dir.path().join("b.json"));
    for f in [&f1, &f2] {
        let path = f.to_str().expect("utf-8 path");
        ok(
            dir.path(),
            &[
                "data",
                "example",
                "--interviewers",
                "25",
                "--candidates",
                "15",
                "--bookings",
                "60",
                "--seed",
                "9",
                "--out",
                path,
            ],
        );
    }
    assert_eq!(
        std::fs::read(&f1).expect("read"),
        std::fs::read(&f2).expect("read"),
        "same seed, same bytes"
    );
    let data = dir.path().join("data");
    let summary = json(&data, &["data", "import", f1.to_str().expect("utf-8 path")]);
    assert_eq!(
        summary["bookings"].as_u64(),
        Some(60),
        "the example imports whole"
    );
}

fn invite_line(dir: &Path, file: &str, name: &str) -> String {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")).map(str::to_string))
        .unwrap_or_else(|| panic!("{file} has no {name}"))
}

#[test]
fn a_loop_moves_and_is_cancelled_as_a_whole_with_its_invites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("invites");
    let invites = out.path().to_str().expect("utf-8 path");
    seed_team(dir.path());
    ok(dir.path(), &PROPOSE);
    let booked = json(
        dir.path(),
        &[
            "book",
            "--candidate",
            "cand-1",
            "--option",
            "1",
            "--invites",
            invites,
        ],
    );
    let booked = booked.as_array().expect("bookings").clone();
    assert_eq!(booked.len(), 5, "five rounds booked");
    let first = format!(
        "{}-candidate.ics",
        booked[0]["round"].as_str().expect("round")
    );
    let uid = invite_line(out.path(), &first, "UID");
    assert_eq!(invite_line(out.path(), &first, "SEQUENCE"), "0");
    let week = |d: &str| json(dir.path(), &["booking", "list", "--week", d]);
    // The whole loop a week later (no daylight-saving change in between), one round
    // of it at midnight in Europe: refused, and nothing changes anywhere.
    let moves = |bad: bool| -> Vec<String> {
        booked
            .iter()
            .enumerate()
            .flat_map(|(k, b)| {
                let start: chrono::DateTime<chrono::Utc> = b["start"]
                    .as_str()
                    .expect("start")
                    .parse()
                    .expect("instant");
                let to = if bad && k == 1 {
                    "2026-03-16T23:00:00Z".parse().expect("instant")
                } else {
                    start + chrono::Duration::days(7)
                };
                [
                    "--move".to_string(),
                    format!("{}={}", b["id"].as_str().expect("id"), to.to_rfc3339()),
                ]
            })
            .collect()
    };
    let before = (super::loops::folder(out.path()), week("2026-03-10"));
    let mut args = vec!["booking", "reschedule", "--invites", invites];
    let bad = moves(true);
    args.extend(bad.iter().map(String::as_str));
    let refused = rondo(dir.path(), &args);
    assert!(!refused.status.success(), "a round at midnight is refused");
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("no longer fits"), "it says why: {said}");
    assert_eq!(
        (super::loops::folder(out.path()), week("2026-03-10")),
        before,
        "the invite folder and the bookings are unchanged"
    );
    let mut args = vec!["booking", "reschedule", "--invites", invites];
    let good = moves(false);
    args.extend(good.iter().map(String::as_str));
    let moved = json(dir.path(), &args);
    let moved_bookings = moved["bookings"].as_array().expect("moved");
    assert_eq!(moved_bookings.len(), 5, "every round moved");
    assert!(
        moved_bookings.iter().all(|b| b["sequence"] == 1),
        "each one version later: {moved}"
    );
    assert_eq!(week("2026-03-10").as_array().map(Vec::len), Some(0));
    assert_eq!(week("2026-03-17").as_array().map(Vec::len), Some(5));
    assert_eq!(
        invite_line(out.path(), &first, "UID"),
        uid,
        "the same event"
    );
    assert_eq!(invite_line(out.path(), &first, "SEQUENCE"), "1", "updated");

    let cancelled = json(
        dir.path(),
        &[
            "booking",
            "cancel",
            "--candidate",
            "cand-1",
            "--invites",
            invites,
        ],
    );
    let list = cancelled["bookings"].as_array().expect("cancelled");
    assert_eq!(list.len(), 5, "the whole loop is cancelled");
    assert!(list.iter().all(|b| b["status"] == "cancelled"));
    let cancel = first.replace(".ics", "-cancelled.ics");
    assert_eq!(invite_line(out.path(), &cancel, "METHOD"), "CANCEL");
    assert_eq!(
        invite_line(out.path(), &cancel, "UID"),
        uid,
        "the same event"
    );
    assert_eq!(invite_line(out.path(), &cancel, "SEQUENCE"), "2");
    let again = rondo(dir.path(), &["booking", "cancel", "--candidate", "cand-1"]);
    assert!(!again.status.success(), "nothing is left to cancel");
}
