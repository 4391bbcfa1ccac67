//! What the desktop asks of the window: Help → About says where things are and lists the
//! licences; a second start on the same data folder hands its `.ics` file to the running
//! window (which offers to import it as someone's calendar) and exits, while a start on
//! another folder opens a window of its own.

use super::{tempfile_dir::TempDir, Window};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The app binary cargo built for these tests.
const APP: &str = env!("CARGO_BIN_EXE_rondo-app");

/// Starts the app as the file manager would ("Open with Rondo" on `file`), in the
/// environment `env` with `changes` applied.
fn start_app(env: &[(String, String)], changes: &[(&str, &Path)], file: &Path) -> Child {
    let mut app = Command::new(APP);
    app.arg(file)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .envs(changes.iter().copied())
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    app.spawn().expect("start a second rondo-app")
}

/// Waits up to `limit` for `child` to exit.
async fn exit_within(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("poll the second start") {
            return Some(status);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn about_and_a_second_start_that_hands_its_file_to_the_running_window() {
    let w = Window::open("desktop", &[]).await;
    w.click("notice-close").await;

    // Help → About: version, this data folder, the log file, the dependencies' licences.
    w.click("help-menu").await;
    w.click("help-about").await;
    let version = w.text("about-version").await;
    assert!(
        version.starts_with(env!("CARGO_PKG_VERSION")),
        "About shows the version: {version}"
    );
    let data = w.text("about-data").await;
    assert_eq!(data, w.data_dir.path().display().to_string());
    let log = w.text("about-log").await;
    let log_dir = w.data_dir.path().join("state").join("rondo").join("logs");
    assert!(
        log.starts_with(&log_dir.display().to_string()) && Path::new(&log).is_file(),
        "About names the log file being written, in the platform's log folder: {log}"
    );
    let logged = std::fs::read_to_string(&log).expect("read the log");
    assert!(
        logged.contains("Rondo") && logged.contains("starting"),
        "the log says Rondo started: {logged}"
    );
    let crates = w.text("about-crates").await;
    assert!(crates.contains("crates"), "{crates}");
    let groups = w.all("[data-testid=\"about-licences\"] details").await;
    assert!(
        groups.len() >= 2,
        "licences grouped: {} groups",
        groups.len()
    );
    let mut mit = false;
    for g in &groups {
        let licence = g
            .attr("data-licence")
            .await
            .expect("attr")
            .unwrap_or_default();
        mit |= licence.contains("MIT");
    }
    assert!(mit, "the MIT-licensed crates are listed");
    w.screenshot("about").await;
    w.click("about-close").await;

    // A second start on the same folder, with a calendar file: handed over, then gone.
    let files = TempDir::new("handover");
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive();
    let ics = files.path().join("stand-ups.ics");
    std::fs::write(&ics, super::coordinator::maya_ics(today)).expect("write a calendar");
    let mut second = start_app(&w.app_env, &[], &ics);
    let status = exit_within(&mut second, Duration::from_secs(30))
        .await
        .expect("the second start exits at once instead of opening a window");
    assert!(status.success(), "it handed over: {status}");

    // The running window shows the file and offers to import it as someone's calendar.
    let name = w
        .wait_text("opened-name", "the window shows the opened file", |t| {
            t == "stand-ups.ics"
        })
        .await;
    assert_eq!(name, "stand-ups.ics");
    let person = w.get("opened-person").await;
    let chosen = person
        .prop("value")
        .await
        .expect("the chosen interviewer")
        .unwrap_or_default();
    assert!(!chosen.is_empty(), "an interviewer is offered");
    w.screenshot("opened-file").await;
    w.click("opened-import").await;
    w.ready("people").await;
    let counts = w
        .wait_text("import-counts", "the opened file is imported", |t| {
            t.contains("events read")
        })
        .await;
    assert!(
        counts.starts_with("2 events read"),
        "the file's two good events: {counts}"
    );
    let step = w.text("import-step").await;
    assert!(step.contains("stand-ups.ics"), "{step}");

    // A start on another data folder is not this window's: it opens its own and stores there.
    let other = TempDir::new("other-folder");
    let mut third = start_app(&w.app_env, &[("RONDO_DATA_DIR", other.path())], &ics);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !other.path().join("first-start-done").exists() {
        assert!(
            third.try_wait().expect("poll").is_none(),
            "a start on another folder runs on its own"
        );
        assert!(
            Instant::now() < deadline,
            "the other folder's window opened its data"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = third.kill();
    let _ = third.wait();
    w.close().await;
}
