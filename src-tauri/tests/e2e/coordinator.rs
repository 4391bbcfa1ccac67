//! A coordinator's morning in the real window, on the example team the app seeds on its
//! first start: make a four-round plan from a template (with the "who" and "after"
//! pickers), add an interviewer in London and import her calendar, add a candidate in
//! Kolkata, find options over dates typed and picked in the chosen date style, move a
//! round until it breaks a rule and undo, drag, swap, book option 1 and read the invites
//! back, move a booked round (an update), cancel the loop (CANCEL files), clear the
//! example team; the status line never covers the screen; screenshots of every screen
//! in light and dark.

use super::{tempfile_dir::TempDir, Window};
use fantoccini::key::Key;
use rondo::display::dates::DateStyle;
use rondo::ical::import::{busy_from_ics, ImportOptions, Window as Span};
use std::time::Duration;

/// Maya's calendar from `first` (a date in London): a daily stand-up for ten days, a
/// one-off offsite the day after, and one broken event that the import must skip and report.
pub fn maya_ics(first: chrono::NaiveDate) -> String {
    let d = |n: i64| {
        (first + chrono::Duration::days(n))
            .format("%Y%m%d")
            .to_string()
    };
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rondo tests//EN\r\n\
BEGIN:VEVENT\r\nUID:standup@test\r\nDTSTART;TZID=Europe/London:{0}T093000\r\n\
DTEND;TZID=Europe/London:{0}T100000\r\nRRULE:FREQ=DAILY;COUNT=10\r\nSUMMARY:Stand-up\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:offsite@test\r\nDTSTART:{1}T120000Z\r\nDTEND:{1}T170000Z\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:broken@test\r\nDTSTART:not-a-date\r\nSUMMARY:Broken\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n",
        d(0),
        d(1)
    )
}

/// The busy instants an invite file stands for, read back with the core's importer.
fn instants_of(path: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).expect("read an invite");
    let window = Span::new(
        "2026-01-01T00:00:00Z".parse().expect("instant"),
        "2027-01-01T00:00:00Z".parse().expect("instant"),
    )
    .expect("a window");
    let busy = busy_from_ics(&text, window, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{} parses back: {e}", path.display()));
    busy.busy
        .iter()
        .map(|i| (i.start.to_rfc3339(), i.end.to_rfc3339()))
        .collect()
}

/// A property's value in an invite (`UID`, `SEQUENCE`, `METHOD`).
fn property(path: &std::path::Path, name: &str) -> String {
    let text = std::fs::read_to_string(path).expect("read an invite");
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .unwrap_or_else(|| panic!("{} has no {name}", path.display()))
        .trim()
        .to_string()
}

/// The start and end the window shows for round `id` (RFC 3339 from the core).
async fn shown_instants(w: &Window, id: &str) -> (String, String) {
    let li = format!("when-{id}");
    let start = w.attr(&li, "data-start").await.expect("a start");
    let end = w.attr(&li, "data-end").await.expect("an end");
    let norm = |s: String| {
        chrono::DateTime::parse_from_rfc3339(&s)
            .expect("an RFC 3339 instant")
            .with_timezone(&chrono::Utc)
            .to_rfc3339()
    };
    (norm(start), norm(end))
}

/// Screens and their `data-ready` names, in the order they are photographed.
const SCREENS: [&str; 4] = ["pipeline", "people", "plans", "schedule"];

pub(crate) async fn go(w: &Window, screen: &str) {
    if screen == "candidate" {
        // Not in the navigation: the candidate's page opens from the Schedule screen.
        w.click("nav-schedule").await;
        w.ready("schedule").await;
        w.click("open-candidate").await;
    } else {
        w.click(&format!("nav-{screen}")).await;
    }
    w.ready(screen).await;
}

/// Sets a field's value the way typing would, and tells the page (for multi-line text).
async fn set_value(w: &Window, id: &str, value: &str) {
    let e = w.get(id).await;
    w.client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![serde_json::to_value(&e).expect("an element"), value.into()],
        )
        .await
        .unwrap_or_else(|err| panic!("set {id}: {err}"));
}

/// The current value of input `id`.
pub(crate) async fn value(w: &Window, id: &str) -> String {
    w.get(id)
        .await
        .prop("value")
        .await
        .unwrap_or_else(|e| panic!("value of {id}: {e}"))
        .unwrap_or_default()
}

/// Waits until the value of input `id` is `want`.
pub(crate) async fn wait_value(w: &Window, id: &str, want: &str) {
    let deadline = std::time::Instant::now() + super::PATIENCE;
    let mut got = value(w, id).await;
    while got != want && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        got = value(w, id).await;
    }
    assert_eq!(got, want, "{id} reads {want:?}");
}

/// Types `text` into input `id` and leaves it with Tab, as a person does.
async fn type_and_leave(w: &Window, id: &str, text: &str) {
    w.fill(id, text).await;
    w.get(id)
        .await
        .send_keys(&Key::Tab.to_string())
        .await
        .unwrap_or_else(|e| panic!("leave {id}: {e}"));
}

/// Clears the plan editor's field `id`.
pub(crate) async fn clear(w: &Window, id: &str) {
    w.get(id)
        .await
        .clear()
        .await
        .unwrap_or_else(|e| panic!("clear {id}: {e}"));
}

/// Chooses `value` in the select `id`.
pub(crate) async fn choose(w: &Window, id: &str, value: &str) {
    let e = w.get(id).await;
    w.reveal(&e).await;
    e.select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choose {value} in {id}: {e}"));
}

/// The status line has a place of its own: with the screen scrolled to its end, the
/// lowest control is above the status bar, the screen ends where the bar starts, and the
/// bar (showing `said`) is inside the window.
async fn assert_status_has_its_place(w: &Window, said: &str) {
    let status = w.text("status").await;
    assert!(
        status.contains(said),
        "the status line says {said:?}: {status:?}"
    );
    let m: serde_json::Value = w
        .client
        .execute(
            "const main = document.querySelector('main');
             main.scrollTop = main.scrollHeight;
             const bar = document.querySelector('[data-testid=\"statusbar\"]').getBoundingClientRect();
             const screen = main.getBoundingClientRect();
             const lowest = [...main.querySelectorAll('button, input, select, textarea')]
               .filter((e) => e.getClientRects().length)
               .reduce((low, e) => Math.max(low, e.getBoundingClientRect().bottom), 0);
             const at = document.elementFromPoint(bar.left + bar.width / 2, bar.top + bar.height / 2);
             const out = { barTop: bar.top, barBottom: bar.bottom, screenBottom: screen.bottom, lowest,
               height: window.innerHeight, barOnTop: !!at && !!at.closest('[data-testid=\"statusbar\"]') };
             main.scrollTop = 0;
             return out;",
            vec![],
        )
        .await
        .expect("measure the status bar");
    let n = |k: &str| m[k].as_f64().unwrap_or_else(|| panic!("{k} in {m}"));
    assert!(
        n("barBottom") <= n("height") + 0.5,
        "the status bar is in the window: {m}"
    );
    assert!(
        n("screenBottom") <= n("barTop") + 0.5,
        "the screen ends above the status bar: {m}"
    );
    assert!(
        n("lowest") > 0.0 && n("lowest") <= n("barTop") + 0.5,
        "no control is under the status bar: {m}"
    );
    assert_eq!(
        m["barOnTop"], true,
        "nothing is drawn over the status bar: {m}"
    );
}

pub(crate) async fn set_theme(w: &Window, theme: &str) {
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

/// With `RONDO_UPDATE_SCREENSHOTS=1`, `shot` becomes the README's picture
/// `docs/screenshots/<name>`; otherwise the source tree is left alone.
pub(crate) fn update_readme_screenshot(shot: &std::path::Path, name: &str) {
    if std::env::var_os("RONDO_UPDATE_SCREENSHOTS").is_none() {
        return;
    }
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&docs).expect("create docs/screenshots");
    std::fs::copy(shot, docs.join(name)).expect("copy the screenshot");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_plans_books_moves_and_cancels_a_four_round_loop() {
    let files = TempDir::new("files");
    let london_today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive();
    let ics = files.path().join("maya-work.ics");
    std::fs::write(&ics, maya_ics(london_today + chrono::Duration::days(1)))
        .expect("write Maya's calendar");
    let invites = files.path().join("invites");
    let w = Window::open(
        "loop",
        &[
            ("RONDO_TEST_PICK_FILE", &ics),
            ("RONDO_TEST_PICK_FOLDER", &invites),
        ],
    )
    .await;

    // First start: the example team is loaded and said so.
    let notice = w.text("notice-text").await;
    assert!(
        notice.contains("example team"),
        "the first start says what was loaded: {notice}"
    );
    w.click("notice-close").await;
    let range = w.text("pipeline-range").await;
    assert!(range.contains("of 8"), "eight example candidates: {range}");

    // Plans: a four-round loop from the 5-round template (the product round removed).
    go(&w, "plans").await;
    w.get("plan-template")
        .await
        .select_by_value("loop")
        .await
        .expect("pick the loop template");
    w.fill("plan-job", "Platform engineer").await;
    w.click("plan-create-submit").await;
    w.wait_text("status", "the plan is made", |t| t.contains("new plan"))
        .await;
    let plan_id = w
        .get("plan-select")
        .await
        .prop("value")
        .await
        .expect("the chosen plan")
        .expect("a plan id");
    // The pickers write what a coordinator would type: the system design round's people
    // and its gap after the technical interview, made again with them.
    clear(&w, "needs-2").await;
    w.click("who-pick-2").await;
    w.fill("picker-count", "1").await;
    choose(&w, "picker-pool", "system-design").await;
    w.click("picker-add-need").await;
    wait_value(&w, "needs-2", "1 from system-design").await;
    clear(&w, "after-2").await;
    w.click("after-pick-2").await;
    choose(&w, "picker-round", "technical").await;
    w.fill("picker-min", "4").await;
    choose(&w, "picker-min-unit", "60").await;
    w.fill("picker-max", "1").await;
    w.click("picker-add-after").await;
    let refused = w
        .wait_text(
            "picker-error",
            "a largest gap below the least is refused",
            |t| !t.is_empty(),
        )
        .await;
    assert!(
        refused.contains("largest gap"),
        "the reason is named: {refused}"
    );
    w.fill("picker-min", "15").await;
    choose(&w, "picker-min-unit", "1").await;
    w.fill("picker-max", "4").await;
    choose(&w, "picker-max-unit", "60").await;
    w.click("picker-add-after").await;
    wait_value(&w, "after-2", "technical 15m-4h").await;
    // A person by name: the text names them by id; then the HR round's pool again.
    w.click("who-pick-3").await;
    w.fill("picker-person-search", "a").await;
    let person = w
        .client
        .wait()
        .at_most(super::PATIENCE)
        .for_element(fantoccini::Locator::Css(
            "[data-testid=\"picker-people\"] button",
        ))
        .await
        .expect("people found by name");
    let id = person
        .attr("data-testid")
        .await
        .expect("a test id")
        .expect("a person's button")
        .trim_start_matches("picker-person-")
        .to_string();
    w.reveal(&person).await;
    if let Err(e) = person.click().await {
        let shot = w.screenshot("failed-picker-person").await;
        panic!("pick the person: {e} (see {})", shot.display());
    }
    wait_value(&w, "needs-3", &format!("1 from hr, @{id}")).await;
    w.fill("needs-3", "1 from hr").await;
    w.click("remove-round-product").await;
    w.click("plan-save").await;
    w.wait_text("status", "the plan is saved", |t| t.contains("saved"))
        .await;
    let rounds = w.all("[data-testid^=\"round-row-\"]").await;
    assert_eq!(rounds.len(), 4, "the plan now has four rounds");
    assert_eq!(
        value(&w, "after-2").await,
        "technical 15m-4h",
        "the core read the picked text back"
    );

    // People: add an interviewer in London who can take the HR round.
    go(&w, "people").await;
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
    w.fill("add-name", "Maya Chen").await;
    w.fill("add-email", "maya.chen@example.com").await;
    w.fill("add-zone", "Europe/London").await;
    w.fill("add-pools", "hr, backend").await;
    w.fill("hours-fri", "9 to 5").await;
    w.click("add-submit").await;
    let err = w
        .wait_text("add-error", "a malformed range is explained", |t| {
            t.contains("9 to 5")
        })
        .await;
    assert!(err.contains("Friday"), "the error names the day: {err}");
    w.fill("hours-fri", "08:00-16:00").await;
    w.click("add-submit").await;
    assert_status_has_its_place(&w, "Maya Chen was added").await;
    let maya = w.text("person-maya-chen").await;
    assert!(maya.contains("London"), "listed in her zone: {maya}");
    assert!(maya.contains("backend, hr"), "with her pools: {maya}");

    // Import Maya's calendar: a summary of what was read and what was skipped.
    w.click("import-maya-chen").await;
    let counts = w
        .wait_text("import-counts", "the import is summarised", |t| {
            t.contains("events read")
        })
        .await;
    assert!(
        counts.starts_with("2 events read"),
        "two good events: {counts}"
    );
    let skipped = w.text("import-skipped").await;
    assert!(
        skipped.contains("DTSTART"),
        "the broken event is named with why: {skipped}"
    );
    assert_eq!(
        w.text("busy-maya-chen").await,
        "11",
        "her busy blocks come from her calendar (10 stand-ups, 1 offsite)"
    );

    // Pipeline: a new candidate in Kolkata, in the four-round plan, free afternoons and
    // evenings (her time) of the next two weeks.
    go(&w, "pipeline").await;
    w.click("add-candidate").await;
    w.ready("candidate").await;
    w.fill("cand-name", "Priya Raman").await;
    w.fill("cand-email", "priya@example.org").await;
    w.fill("cand-zone", "Asia/Kolkata").await;
    w.get("cand-plan")
        .await
        .select_by_value(&plan_id)
        .await
        .expect("pick the plan");
    w.get("cand-stage")
        .await
        .select_by_value("interviewing")
        .await
        .expect("pick the stage");
    let kolkata_today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Kolkata)
        .date_naive();
    let windows: Vec<String> = (1..=14)
        .map(|d| kolkata_today + chrono::Duration::days(d))
        .map(|d| format!("{d} 12:00-21:00"))
        .collect();
    set_value(&w, "cand-available", &windows.join("\n")).await;
    w.click("cand-save").await;
    w.wait_text("candidate-title", "the candidate is saved", |t| {
        t == "Priya Raman"
    })
    .await;

    // Schedule her: the form comes filled with her plan and the next two weeks.
    w.click("candidate-schedule").await;
    w.ready("schedule").await;
    assert_eq!(w.text("schedule-candidate").await, "Priya Raman");
    assert!(
        w.text("schedule-place")
            .await
            .contains("Kolkata, UTC+05:30"),
        "her zone and offset"
    );
    // Dates in this computer's style first, then in the one chosen in Settings: typed
    // loosely, read by the core and written back in full; picked in the calendar.
    let (from, to) = (
        kolkata_today + chrono::Duration::days(1),
        kolkata_today + chrono::Duration::days(14),
    );
    let system = DateStyle::from_env(|k| std::env::var(k).ok());
    wait_value(&w, "schedule-from", &system.format(from)).await;
    wait_value(&w, "schedule-to", &system.format(to)).await;
    go(&w, "settings").await;
    choose(&w, "date-style", "dmy-dots").await;
    go(&w, "schedule").await;
    let dots = DateStyle::DayMonthYearDots;
    wait_value(&w, "schedule-from", &dots.format(from)).await;
    type_and_leave(&w, "schedule-from", "31.02.2026").await;
    let err = w
        .wait_text("schedule-from-error", "an impossible day is refused", |t| {
            t.contains("31.02.2026")
        })
        .await;
    assert!(
        err.contains("not a day of the calendar"),
        "the reason is said: {err}"
    );
    use chrono::Datelike;
    type_and_leave(
        &w,
        "schedule-from",
        &format!("{}.{}.{}", from.day(), from.month(), from.year()),
    )
    .await;
    wait_value(&w, "schedule-from", &dots.format(from)).await;
    let err = w.get("schedule-from-error").await;
    assert!(
        !err.is_displayed().await.expect("visibility of the error"),
        "the error is gone"
    );
    clear(&w, "schedule-to").await;
    w.click("schedule-to-pick").await;
    let month = w.text("date-month").await;
    assert_eq!(
        month,
        to.format("%B %Y").to_string(),
        "the picker opens on the field's month"
    );
    w.click("date-next").await;
    w.wait_text("date-month", "the month after", |t| t != month)
        .await;
    w.click("date-prev").await;
    w.wait_text("date-month", "back to the field's month", |t| t == month)
        .await;
    w.click(&format!("date-{to}")).await;
    wait_value(&w, "schedule-to", &dots.format(to)).await;
    w.click("find-options").await;
    let first = w.text("option-1").await;
    assert!(
        first.contains("Kolkata"),
        "the finish is read in the candidate's zone: {first}"
    );
    let verdict = w.text("verdict-text").await;
    assert!(verdict.contains("holds"), "option 1 holds: {verdict}");
    let lines = w.all("[data-testid^=\"when-\"]").await;
    assert_eq!(lines.len(), 4, "four rounds are placed");
    let screen = w.text("when-screen").await;
    assert!(
        screen.contains("Kolkata (candidate)"),
        "each round is read in the candidate's zone first: {screen}"
    );
    let candidate_row = w.all("[data-testid^=\"row-\"]").await;
    let row = candidate_row[0].text().await.expect("the first row");
    assert!(
        row.contains("Kolkata · UTC+05:30"),
        "the candidate's row has her own clock: {row}"
    );

    // Move the technical interview with the arrow keys until it breaks a rule (it must:
    // twelve hours earlier it is night in Kolkata), then undo.
    let mut broke = false;
    for _ in 0..48 {
        let block = w.get("round-technical").await;
        block
            .send_keys(&(Key::Shift + &Key::Left.to_string()))
            .await
            .expect("press Shift+Left on the round");
        if w.text("verdict-text").await.contains("breaks a rule") {
            broke = true;
            break;
        }
    }
    assert!(
        broke,
        "moving a round far enough breaks a rule, and the window says so"
    );
    let class = w
        .get("round-technical")
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
    assert_status_has_its_place(&w, "The option is back as it was.").await;

    // Drag the system design round 45 px to the right: two 15-minute slots at 1.5 px a
    // minute; the core moves it and the list shows the new time. Then undo.
    let before = shown_instants(&w, "design").await;
    let block = w.get("round-design").await;
    w.drag(&block, 45.0).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut after = shown_instants(&w, "design").await;
    while after == before && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        after = shown_instants(&w, "design").await;
    }
    let minutes = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .expect("an instant")
            .timestamp()
            / 60
    };
    assert_eq!(
        minutes(&after.0) - minutes(&before.0),
        30,
        "a 45 px drag moves the round two slots later"
    );
    w.click("reset-option").await;
    w.wait_text("verdict-text", "undo restores the option", |t| {
        t.contains("holds")
    })
    .await;

    // Swap an interviewer of the technical interview for someone free and eligible.
    let seat = w.all("[data-testid^=\"swap-technical-\"]").await;
    assert!(
        !seat.is_empty(),
        "the technical interview's people can be swapped"
    );
    w.reveal(&seat[0]).await;
    seat[0].click().await.expect("open the swap choices");
    let offer = w.text("swap-choices").await;
    let choices = w.all("[data-testid^=\"swap-to-\"]").await;
    if let Some(first) = choices.first() {
        let who = first.text().await.expect("a choice's name");
        let who = who.split(" (").next().unwrap_or_default().to_string();
        w.reveal(first).await;
        first.click().await.expect("swap");
        w.wait_text("when-technical", "the new person sits in", |t| {
            t.contains(&who)
        })
        .await;
        let v = w.text("verdict-text").await;
        assert!(
            v.contains("holds"),
            "a swap offered keeps the option valid: {v}"
        );
    } else {
        assert!(
            offer.contains("No one else"),
            "no choice is said in words: {offer}"
        );
    }

    // Screenshots of every screen, light and dark (the schedule one for the README).
    for theme in ["light", "dark"] {
        set_theme(&w, theme).await;
        for screen in SCREENS {
            go(&w, screen).await;
            let shot = w.screenshot(&format!("{screen}-{theme}")).await;
            if screen == "schedule" && theme == "light" {
                update_readme_screenshot(&shot, "schedule.png");
            }
            // The pickers open, to see them in both themes.
            let picker = match screen {
                "plans" => Some(("who-pick-1", "plan-picker")),
                "schedule" => Some(("schedule-from-pick", "date-picker")),
                _ => None,
            };
            if let Some((button, popup)) = picker {
                w.click(button).await;
                w.get(popup).await;
                w.screenshot(&format!("{screen}-picker-{theme}")).await;
                w.click(button).await;
            }
        }
    }
    set_theme(&w, "light").await;
    go(&w, "schedule").await;

    // Book option 1: the invites are written, and read back they hold the instants shown.
    w.click("book").await;
    w.wait_text("sent-text", "the invites are written", |t| {
        t.contains("booked")
    })
    .await;
    let mut shown = Vec::new();
    for round in ["screen", "technical", "design", "hr"] {
        let at = shown_instants(&w, round).await;
        let file = invites.join(format!("{round}-candidate.ics"));
        assert_eq!(
            instants_of(&file),
            std::slice::from_ref(&at),
            "{round}: the candidate's invite"
        );
        let panel = invites.join(format!("{round}-panel.ics"));
        assert_eq!(
            instants_of(&panel),
            std::slice::from_ref(&at),
            "{round}: the panel's invite"
        );
        assert_eq!(
            property(&file, "METHOD"),
            "REQUEST",
            "{round}: an invitation"
        );
        assert_eq!(property(&file, "SEQUENCE"), "0", "{round}: first version");
        shown.push((round, at, property(&file, "UID")));
    }
    assert!(
        invites.join("loop.ics").is_file(),
        "the candidate's whole loop to add"
    );

    // Reschedule: move the last round by one slot (whichever way still holds) and write
    // the update: same UID, SEQUENCE 1, the new instants.
    w.get("round-hr")
        .await
        .send_keys(&Key::Right.to_string())
        .await
        .expect("press →");
    if !w.text("verdict-text").await.contains("holds") {
        for _ in 0..2 {
            w.get("round-hr")
                .await
                .send_keys(&Key::Left.to_string())
                .await
                .expect("press ←");
        }
    }
    let v = w.text("verdict-text").await;
    assert!(
        v.contains("holds"),
        "a one-slot move of the last round holds: {v}"
    );
    w.click("send-update").await;
    w.wait_text("sent-text", "the update is written", |t| {
        t.contains("sequence 1")
    })
    .await;
    let moved = shown_instants(&w, "hr").await;
    let (_, before, uid) = &shown[3];
    assert_ne!(&moved, before, "the round moved");
    let file = invites.join("hr-candidate.ics");
    assert_eq!(
        instants_of(&file),
        [moved],
        "the update carries the new time"
    );
    assert_eq!(&property(&file, "UID"), uid, "same event for the calendar");
    assert_eq!(property(&file, "SEQUENCE"), "1", "a newer version");

    // The candidate's page lists the booked interviews; cancel them all (asked first).
    go(&w, "candidate").await;
    let booked = w.all("li[data-testid^=\"booking-\"]").await;
    assert_eq!(booked.len(), 4, "four interviews are listed");
    // Moving a booked round from its row: the date is read in the chosen style, and an
    // impossible one is refused beside the field before anything is sent.
    type_and_leave(&w, "move-date-hr", "31.04.2026").await;
    w.fill("move-time-hr", "14:30").await;
    w.click("move-hr").await;
    let err = w
        .wait_text("move-date-hr-error", "an impossible day is refused", |t| {
            t.contains("31.04.2026")
        })
        .await;
    assert!(
        err.contains("not a day of the calendar"),
        "the reason is said: {err}"
    );
    assert!(
        w.text("booking-hr").await.contains("sequence 1"),
        "nothing was moved or sent"
    );
    w.click("cancel-interviews").await;
    let ask = w.text("confirm-text").await;
    assert!(ask.contains("8 invites"), "the consequence is said: {ask}");
    w.click("confirm-yes").await;
    w.wait_text(
        "candidate-sent-text",
        "the cancellations are written",
        |t| t.contains("cancelled"),
    )
    .await;
    for (round, _, uid) in &shown {
        let file = invites.join(format!("{round}-candidate-cancelled.ics"));
        assert_eq!(
            property(&file, "METHOD"),
            "CANCEL",
            "{round}: a cancellation"
        );
        assert_eq!(&property(&file, "UID"), uid, "{round}: the same event");
        let seq: u32 = property(&file, "SEQUENCE").parse().expect("a number");
        assert!(
            seq >= 1,
            "{round}: a higher SEQUENCE than the invite's ({seq})"
        );
        let panel = invites.join(format!("{round}-panel-cancelled.ics"));
        assert_eq!(
            property(&panel, "UID"),
            property(&invites.join(format!("{round}-panel.ics")), "UID"),
            "{round}: the panel's event too"
        );
    }
    let row = w.text("candidate-title").await;
    assert_eq!(row, "Priya Raman", "still on her page");

    // Settings: clear the example team (asked first); the pipeline is empty.
    go(&w, "settings").await;
    w.click("clear-data").await;
    let ask = w.text("confirm-text").await;
    assert!(
        ask.contains("deleted for good"),
        "the consequence is said: {ask}"
    );
    w.click("confirm-yes").await;
    w.wait_text("settings-counts", "everything is cleared", |t| {
        t.starts_with("0 interviewers")
    })
    .await;
    go(&w, "pipeline").await;
    assert_eq!(
        w.text("pipeline-range").await,
        "0 of 0",
        "no candidates left"
    );

    w.close().await;
}
