//! A coordinator's morning in the real window: add an interviewer, edit working hours,
//! schedule the four-round loop of a candidate in Kolkata, move a round until it breaks a
//! rule and undo it; screenshots of every screen in light and dark.

use super::Window;
use fantoccini::key::Key;

/// Screens and their `data-ready` names, in the order they are photographed.
const SCREENS: [&str; 4] = ["pipeline", "people", "plans", "schedule"];

async fn go(w: &Window, screen: &str) {
    w.click(&format!("nav-{screen}")).await;
    w.ready(screen).await;
}

async fn set_theme(w: &Window, theme: &str) {
    go(w, "settings").await;
    w.get("theme")
        .await
        .select_by_value(theme)
        .await
        .expect("pick a theme in Settings");
    let applied: serde_json::Value = w
        .client
        .execute(
            "return document.documentElement.dataset.theme || 'system';",
            vec![],
        )
        .await
        .expect("read the theme");
    assert_eq!(applied, theme, "Settings applies the {theme} theme");
}

/// With `RONDO_UPDATE_SCREENSHOTS=1`, the schedule view becomes the README's picture
/// (`docs/screenshots/schedule.png`); otherwise the source tree is left alone.
fn update_readme_screenshot(shot: &std::path::Path) {
    if std::env::var_os("RONDO_UPDATE_SCREENSHOTS").is_none() {
        return;
    }
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&docs).expect("create docs/screenshots");
    std::fs::copy(shot, docs.join("schedule.png")).expect("copy the schedule screenshot");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_adds_an_interviewer_and_schedules_a_four_round_loop() {
    let w = Window::open("loop", &[]).await;

    // Pipeline: the example candidate waits to be scheduled.
    let row = w.text("candidate-cand-priya").await;
    assert!(
        row.contains("Priya Raman"),
        "the pipeline lists the candidate: {row}"
    );
    assert!(
        row.contains("Kolkata, UTC+05:30"),
        "with her zone and offset: {row}"
    );
    assert!(
        row.contains("to schedule"),
        "and what waits on the coordinator: {row}"
    );

    // People: add an interviewer in Los Angeles.
    go(&w, "people").await;
    w.fill("add-name", "Maya Chen").await;
    w.fill("add-email", "maya.chen@example.com").await;
    w.fill("add-zone", "America/Los_Angeles").await;
    w.fill("add-pools", "backend, culture").await;
    w.fill("add-hours", "08:00-16:30").await;
    w.click("add-submit").await;
    let maya = w.text("person-maya-chen").await;
    assert!(
        maya.contains("Los Angeles"),
        "the new interviewer is listed in her zone: {maya}"
    );
    assert!(maya.contains("backend, culture"), "with her pools: {maya}");

    // A wrong zone is refused in words, next to the form.
    w.fill("add-name", "Nobody").await;
    w.fill("add-zone", "Mars/Olympus").await;
    w.click("add-submit").await;
    let err = w
        .wait_text("add-error", "a bad zone is explained", |t| {
            t.contains("Mars/Olympus")
        })
        .await;
    assert!(
        err.contains("Time zone"),
        "the error names the field: {err}"
    );

    // Weekly hours editor: a malformed day is explained, a good one saved.
    w.click("edit-hours-maya-chen").await;
    w.fill("hours-fri", "9 to 5").await;
    w.click("hours-save").await;
    let err = w
        .wait_text("hours-error", "a malformed range is explained", |t| {
            t.contains("9 to 5")
        })
        .await;
    assert!(err.contains("Friday"), "the error names the day: {err}");
    w.fill("hours-fri", "08:00-12:00").await;
    w.click("hours-save").await;
    w.wait_text("status", "the hours are saved", |t| {
        t.contains("Working hours saved")
    })
    .await;

    // Plans: the loop has four rounds.
    go(&w, "plans").await;
    let rounds = w.all("[data-testid^=\"round-row-\"]").await;
    assert_eq!(rounds.len(), 4, "the example plan is a four-round loop");

    // Schedule: find options for the candidate in Kolkata.
    go(&w, "schedule").await;
    w.click("find-options").await;
    let first = w.text("option-1").await;
    assert!(
        first.contains("Kolkata"),
        "the finish is read in the candidate's zone: {first}"
    );
    let verdict = w.text("verdict-text").await;
    assert!(
        verdict.contains("holds"),
        "the engine's best option holds: {verdict}"
    );
    let lines = w.all("[data-testid^=\"when-\"]").await;
    assert_eq!(lines.len(), 4, "four rounds are placed");
    let screen = w.text("when-screen").await;
    assert!(
        screen.contains("Kolkata (candidate)"),
        "each round is read in the candidate's zone first: {screen}"
    );
    let candidate_row = w.text("row-cand-priya").await;
    assert!(
        candidate_row.contains("Kolkata · UTC+05:30"),
        "the candidate's row has her own clock: {candidate_row}"
    );
    for theme in ["light", "dark"] {
        set_theme(&w, theme).await;
        for screen in SCREENS {
            go(&w, screen).await;
            let shot = w.screenshot(&format!("{screen}-{theme}")).await;
            if screen == "schedule" && theme == "light" {
                update_readme_screenshot(&shot);
            }
        }
    }
    set_theme(&w, "light").await;
    go(&w, "schedule").await;

    // Move the technical interview with the arrow keys until it breaks a rule (it must:
    // twelve hours earlier it is night in Kolkata), then undo.
    let mut broke = false;
    for _ in 0..48 {
        let block = w.get("round-tech").await;
        block
            .send_keys(&(Key::Shift + &Key::Left.to_string()))
            .await
            .expect("press Shift+Left on the round");
        let v = w.text("verdict-text").await;
        if v.contains("breaks a rule") {
            broke = true;
            break;
        }
    }
    assert!(
        broke,
        "moving a round far enough breaks a rule, and the window says so"
    );
    let class = w
        .get("round-tech")
        .await
        .attr("class")
        .await
        .expect("class of the moved round");
    assert!(
        class.is_some_and(|c| c.contains("bad")),
        "the broken round is drawn as broken"
    );
    let reasons = w.text("verdict").await;
    assert!(
        reasons.contains("Technical interview:"),
        "the broken rule is named in words: {reasons}"
    );
    w.click("reset-option").await;
    w.wait_text("verdict-text", "undo restores a valid option", |t| {
        t.contains("holds")
    })
    .await;

    w.close().await;
}
