//! The Team screen on the example team: the heat map has a row per interviewer and a
//! column per week, the trainees are listed with how far along they are, the loops that
//! fit are counted, a pool filters the map; a trainee's name opens their page in People,
//! where one waiting for sign-off is signed off and joins the pool; the plan editor's
//! "+" adds trainee seats to a round. Screenshots light and dark (the light one
//! for the README with `RONDO_UPDATE_SCREENSHOTS=1`).

use super::coordinator::{
    choose, clear, go, set_theme, update_readme_screenshot, value, wait_value,
};
use super::Window;

/// How many `css` elements there are now (SVG ones too), after a screenshot named
/// `name` when there are none.
async fn count(w: &Window, css: &str) -> usize {
    let n = w
        .client
        .execute(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![css.into()],
        )
        .await
        .unwrap_or_else(|e| panic!("count {css}: {e}"));
    let n = n.as_u64().unwrap_or(0) as usize;
    if n == 0 {
        let shot = w.screenshot("failed-team-count").await;
        eprintln!("nothing matches {css}: see {}", shot.display());
    }
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_screen_shows_the_load_the_room_and_the_trainees_of_the_example_team() {
    let w = Window::open("team", &[]).await;
    w.click("notice-close").await;
    go(&w, "team").await;

    // 18 people × 26 weeks, every cell with its words on hover.
    let rows = count(
        &w,
        "[data-testid=\"team-heat-svg\"] g[data-testid^=\"heat-\"]",
    )
    .await;
    assert_eq!(rows, 18, "a row per interviewer of the example team");
    let cells = count(&w, "[data-testid=\"team-heat-svg\"] rect[class^=\"lvl-\"]").await;
    assert_eq!(cells, 18 * 26, "a cell per person and week");
    let hover = w
        .client
        .execute(
            "return document.querySelector('[data-testid=\"team-heat-svg\"] rect[class^=\"lvl-\"] title').textContent;",
            vec![],
        )
        .await
        .expect("read a cell's title");
    let hover = hover.as_str().unwrap_or_default().to_string();
    assert!(
        hover.contains("interview") && hover.contains(" h"),
        "a cell says its numbers: {hover}"
    );
    let table_rows = count(&w, "[data-testid=\"team-table\"] tbody tr").await;
    assert_eq!(
        table_rows, 18,
        "the same rows in the table for screen readers"
    );

    // The example team's trainees, one waiting for sign-off.
    let trainees = w.text("team-trainees").await;
    assert!(
        trainees.contains("waiting for sign-off") && trainees.contains("to go"),
        "trainees at different points: {trainees}"
    );
    let waiting = w
        .client
        .execute(
            "const row = [...document.querySelectorAll('[data-testid^=\"trainee-\"]')]
               .find((r) => r.textContent.includes('waiting for sign-off'));
             return [row.dataset.testid, row.querySelector('th').textContent];",
            vec![],
        )
        .await
        .expect("find the trainee waiting");
    let id = waiting[0]
        .as_str()
        .and_then(|t| t.strip_prefix("trainee-"))
        .and_then(|t| t.strip_suffix("-backend"))
        .expect("a trainee of backend")
        .to_string();
    let name = waiting[1].as_str().expect("a name").to_string();

    // The loops that fit, counted by the engine after the picture.
    w.client
        .wait()
        .at_most(super::PATIENCE * 4)
        .for_element(fantoccini::Locator::Css(
            "[data-testid=\"team-room\"][data-state=\"done\"]",
        ))
        .await
        .expect("the loops that fit are counted");
    let room = w.text("team-room").await;
    assert!(
        room.contains("Platform engineer"),
        "a line per plan: {room}"
    );

    for theme in ["light", "dark"] {
        set_theme(&w, theme).await;
        go(&w, "team").await;
        let shot = w.screenshot(&format!("team-{theme}")).await;
        if theme == "light" {
            update_readme_screenshot(&shot, "team.png");
        }
    }

    // One pool: fewer rows, only its trainees.
    let e = w.get("team-pool").await;
    e.select_by_value("backend").await.expect("choose backend");
    w.wait_text("team-trainees", "backend's trainees", |t| t.contains(&name))
        .await;
    let deadline = std::time::Instant::now() + super::PATIENCE;
    let mut shown = rows;
    while shown >= rows && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        shown = count(
            &w,
            "[data-testid=\"team-heat-svg\"] g[data-testid^=\"heat-\"]",
        )
        .await;
    }
    assert!(
        shown > 0 && shown < rows,
        "pool backend: {shown} of {rows} rows"
    );
    w.click("team-hours").await;
    let table = w.text("team-table-box").await;
    assert!(!table.is_empty(), "hours in the table");

    // Their name opens their page in People: the path, their interviews, and sign-off.
    w.click(&format!("open-trainee-{id}")).await;
    w.ready("people").await;
    w.wait_text("training-state-backend", "waiting for sign-off", |t| {
        t.contains("waiting for sign-off")
    })
    .await;
    let sessions = w.text("person-training-list").await;
    assert!(
        sessions.contains("shadowing") && sessions.contains("reverse shadow"),
        "their interviews with their part: {sessions}"
    );
    w.click("sign-off-backend").await;
    w.wait_text("training-state-backend", "graduated", |t| t == "graduated")
        .await;
    w.wait_text(&format!("person-{id}"), "now in backend", |t| {
        t.contains("backend")
    })
    .await;

    // The plan editor's "+" offers trainee seats: the core writes the text, the plan's
    // reader takes it back, and the saved plan shows it again.
    go(&w, "plans").await;
    clear(&w, "needs-0").await;
    w.click("who-pick-0").await;
    w.fill("picker-count", "1").await;
    choose(&w, "picker-pool", "backend").await;
    w.click("picker-add-need").await;
    w.click("who-pick-0").await;
    w.fill("picker-trainee-count", "2").await;
    choose(&w, "picker-trainee-pool", "backend").await;
    w.click("picker-add-trainee").await;
    let who = "1 from backend, +2 trainees from backend";
    wait_value(&w, "needs-0", who).await;
    w.click("plan-save").await;
    w.wait_text("status", "the plan is saved", |t| t.contains("saved"))
        .await;
    go(&w, "team").await;
    go(&w, "plans").await;
    assert_eq!(
        value(&w, "needs-0").await,
        who,
        "the saved plan reads it back"
    );
    w.close().await;
}
