//! How quick the real window is with a big team: launch until the first screen is
//! drawn, switching screens, and moving a round (checked by the core and redrawn).
//!
//! `cargo bench -p rondo-app` (an optimised build of the app). It opens the window under
//! Xvfb through tauri-driver like the end-to-end tests, opens a generated request with
//! 500 interviewers in 8 zones and the four-round loop, and prints the median and worst
//! time of each action, measured inside the page (`performance.now()` around the command
//! and the redraw) so that WebDriver's own latency is not counted. Targets (issue 5):
//! interactive within 1 s of launch, screen switches and moves within 100 ms.

#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

use fantoccini::key::Key;
use harness::{tempfile_dir::TempDir, Window};
use std::time::{Duration, Instant};

/// Interviewers in the generated team.
const TEAM: usize = 500;
/// Each screen switch and each move is measured this many times.
const ROUNDS: usize = 15;

/// The example request with `TEAM` interviewers: the example's panel plus generated
/// colleagues across zones, pools and working hours, each with some busy time.
fn big_request() -> String {
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../resources/example-request.json"))
            .expect("the example request is JSON");
    let zones = [
        "Europe/Berlin",
        "Europe/London",
        "America/New_York",
        "America/Los_Angeles",
        "Asia/Kolkata",
        "Asia/Singapore",
        "Australia/Sydney",
        "America/Sao_Paulo",
    ];
    let pools = [
        "backend",
        "system-design",
        "culture",
        "recruiting",
        "frontend",
    ];
    let people = doc["interviewers"].as_array_mut().expect("interviewers");
    for n in people.len()..TEAM {
        let hours = if n % 4 == 0 {
            ["08:00", "16:00"]
        } else {
            ["09:00", "17:30"]
        };
        let days: serde_json::Map<String, serde_json::Value> = ["mon", "tue", "wed", "thu", "fri"]
            .iter()
            .map(|d| (d.to_string(), serde_json::json!([hours])))
            .collect();
        let busy: Vec<serde_json::Value> = (0..6)
            .map(|k| {
                let day = 23 + (n + k) % 12;
                let (month, day) = if day > 31 { (4, day - 31) } else { (3, day) };
                serde_json::json!({
                    "start": format!("2026-{month:02}-{day:02}T{:02}:00:00Z", 6 + (n * 7 + k * 5) % 12),
                    "end": format!("2026-{month:02}-{day:02}T{:02}:45:00Z", 6 + (n * 7 + k * 5) % 12),
                })
            })
            .collect();
        people.push(serde_json::json!({
            "id": format!("ivr-{n:03}"),
            "name": format!("Colleague {n:03}"),
            "time_zone": zones[n % zones.len()],
            "pools": [pools[n % pools.len()], pools[(n / 5) % pools.len()]],
            "working_hours": days,
            "busy": busy,
            "buffer_minutes": (n % 3) * 5,
            "max_per_day": 2 + n % 2,
        }));
    }
    doc["id"] = "bench-team-500".into();
    serde_json::to_string(&doc).expect("serialise the request")
}

async fn ms(w: &Window, attr: &str) -> f64 {
    let v = w
        .client
        .execute(
            &format!("return document.body.dataset.{attr} || '';"),
            vec![],
        )
        .await
        .expect("read a timing");
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN)
}

async fn go(w: &Window, screen: &str) -> f64 {
    w.click(&format!("nav-{screen}")).await;
    w.ready(screen).await;
    ms(w, "renderMs").await
}

fn report(what: &str, mut times: Vec<f64>, target_ms: f64) {
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    let verdict = if worst <= target_ms { "within" } else { "OVER" };
    println!("{what:<36} median {median:>7.1} ms   worst {worst:>7.1} ms   ({verdict} the {target_ms} ms target, n = {})", times.len());
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let files = TempDir::new("bench");
    let request = files.path().join("team-500.json");
    std::fs::write(&request, big_request()).expect("write the request");

    // Launch: from asking for a window until the first screen has drawn its data.
    let t0 = Instant::now();
    let w = Window::open("bench", &[("RONDO_TEST_PICK_FILE", &request)]).await;
    let launch = t0.elapsed();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut own = ms(&w, "launchMs").await;
    while own.is_nan() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
        own = ms(&w, "launchMs").await;
    }
    println!(
        "launch: process start to first screen drawn {own:.0} ms (target 1000 ms); \
         with Xvfb, tauri-driver and the WebDriver session {:.0} ms",
        launch.as_secs_f64() * 1000.0
    );

    go(&w, "settings").await;
    w.click("open-request").await;
    w.wait_text("settings-request", "the big request is open", |t| {
        t.contains("bench-team-500")
    })
    .await;

    let mut switches: Vec<(&str, Vec<f64>)> = ["pipeline", "people", "plans", "schedule"]
        .iter()
        .map(|s| (*s, Vec::new()))
        .collect();
    for _ in 0..ROUNDS {
        for (screen, times) in &mut switches {
            times.push(go(&w, screen).await);
        }
    }
    for (screen, times) in switches {
        report(&format!("switch to {screen} ({TEAM} people)"), times, 100.0);
    }

    let solve = Instant::now();
    w.click("find-options").await;
    w.get("option-1").await;
    println!(
        "find options for the 4-round loop: {:.0} ms (engine, {TEAM} interviewers)",
        solve.elapsed().as_secs_f64() * 1000.0
    );

    let mut moves = Vec::new();
    for k in 0..ROUNDS * 2 {
        let key = if k % 2 == 0 { Key::Right } else { Key::Left };
        let before = ms(&w, "moves").await;
        w.get("round-tech")
            .await
            .send_keys(&key.to_string())
            .await
            .expect("press an arrow");
        let deadline = Instant::now() + Duration::from_secs(10);
        while ms(&w, "moves").await == before || (before.is_nan() && ms(&w, "moves").await.is_nan())
        {
            assert!(Instant::now() < deadline, "a move did not finish");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        moves.push(ms(&w, "moveMs").await);
    }
    report("move a round (check + redraw)", moves, 100.0);
    w.close().await;
}
