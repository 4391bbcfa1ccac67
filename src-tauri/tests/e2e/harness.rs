//! The end-to-end harness: the real `rondo-app` binary in a real WebKitGTK window on a private
//! Xvfb display, driven through `tauri-driver` (which starts WebKitWebDriver) with a
//! WebDriver client. Each [`Window`] has its own display, ports and data folder, and
//! kills its helpers by process group when dropped, so nothing outlives a test.
//!
//! Each window also gets a D-Bus session bus of its own (`dbus-daemon`), on which the app's
//! single-instance lock lives, and its log goes under its data folder (`XDG_STATE_HOME`).
//!
//! Needs `Xvfb`, `WebKitWebDriver`, `tauri-driver` and `dbus-daemon`:
//! `scripts/setup-tauri.sh --e2e` installs them (the test command runs it).

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The app binary cargo built for these tests.
const APP: &str = env!("CARGO_BIN_EXE_rondo-app");

/// How long any element may take to appear (a solve included).
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A helper process in its own process group, terminated with its children on drop.
struct Helper {
    name: &'static str,
    child: Child,
}

impl Drop for Helper {
    fn drop(&mut self) {
        // The whole group: tauri-driver's WebKitWebDriver and the app go with it.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        eprintln!("e2e: {} did not stop on SIGTERM; killing it", self.name);
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

fn need(tool: &str) -> PathBuf {
    let from_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(tool))
            .find(|p| p.is_file())
    });
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    from_path
        .or_else(|| cargo_home.map(|c| c.join("bin").join(tool)).filter(|p| p.is_file()))
        .unwrap_or_else(|| {
            panic!("{tool} is not installed: run scripts/setup-tauri.sh --e2e (or scripts/test.sh, which runs it)")
        })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port for tauri-driver")
}

/// Where screenshots go: `target/screenshots/` beside the built binary.
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(APP)
        .ancestors()
        .nth(2)
        .expect("the binary lies in target/<profile>/")
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    dir
}

/// Starts helper `name` (`command`, in a process group of its own) and returns it with
/// the first line it prints on stdout, which says it is ready (and where).
fn start_helper(name: &'static str, mut command: Command) -> (Helper, String) {
    command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0);
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("start {name}: {e}"));
    let stdout = child.stdout.take().expect("the helper's stdout");
    let helper = Helper { name, child };
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap_or_else(|e| panic!("read {name}'s first line: {e}"));
    (helper, line.trim().to_string())
}

/// A running app window and the WebDriver session on it.
pub struct Window {
    /// The WebDriver session.
    pub client: Client,
    /// The app's data folder (removed on drop).
    pub data_dir: tempfile_dir::TempDir,
    /// The environment the app runs in (display, session bus, data folder, log folder,
    /// web view storage): a second start of the app with it finds the running window.
    pub app_env: Vec<(String, String)>,
    /// The web view's own storage (Settings' theme and date style), fresh for each
    /// window so that no test reads what an earlier one chose.
    _webview_data: tempfile_dir::TempDir,
    _driver: Helper,
    _bus: Helper,
    _xvfb: Helper,
}

/// A minimal temporary directory (no extra crate for the shell's tests).
pub mod tempfile_dir {
    use std::path::{Path, PathBuf};

    /// A folder under the system temp dir, removed on drop.
    pub struct TempDir(PathBuf);

    impl TempDir {
        /// A new empty folder named after `label`.
        pub fn new(label: &str) -> TempDir {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let dir = std::env::temp_dir()
                .join(format!("rondo-e2e-{label}-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("create a temporary folder");
            TempDir(dir)
        }

        /// Its path.
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Window {
    /// Starts Xvfb, tauri-driver and the app on a new, empty data folder, with `env`
    /// added to the app's environment.
    pub async fn open(label: &str, env: &[(&str, &Path)]) -> Window {
        Window::open_in(tempfile_dir::TempDir::new(label), env).await
    }

    /// Starts Xvfb, tauri-driver and the app on data folder `data_dir` (prepared by the
    /// caller: the benchmark stores a big team first), with `env` added.
    pub async fn open_in(data_dir: tempfile_dir::TempDir, env: &[(&str, &Path)]) -> Window {
        let xvfb_bin = need("Xvfb");
        need("WebKitWebDriver");
        let driver_bin = need("tauri-driver");

        // Xvfb picks a free display and prints its number when it is ready.
        let mut xvfb = Command::new(xvfb_bin);
        xvfb.args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ]);
        let (xvfb, number) = start_helper("Xvfb", xvfb);
        assert!(
            number.parse::<u32>().is_ok(),
            "Xvfb printed no display number: {number:?}"
        );
        let display = format!(":{number}");
        // A session bus of its own, for the app's single-instance lock.
        let mut bus = Command::new(need("dbus-daemon"));
        bus.args(["--session", "--nofork", "--print-address=1"]);
        let (bus, bus_address) = start_helper("dbus-daemon", bus);
        assert!(
            bus_address.starts_with("unix:"),
            "dbus-daemon printed no address: {bus_address:?}"
        );
        let webview_data = tempfile_dir::TempDir::new("webview");
        let app_env = vec![
            ("DISPLAY".to_string(), display.clone()),
            ("DBUS_SESSION_BUS_ADDRESS".to_string(), bus_address),
            (
                "RONDO_DATA_DIR".to_string(),
                data_dir.path().display().to_string(),
            ),
            (
                "XDG_STATE_HOME".to_string(),
                data_dir.path().join("state").display().to_string(),
            ),
            (
                "XDG_DATA_HOME".to_string(),
                webview_data.path().display().to_string(),
            ),
        ];

        let (port, native_port) = (free_port(), free_port());
        let mut driver = Command::new(driver_bin);
        driver
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .envs(app_env.iter().map(|(k, v)| (k, v)))
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        for (k, v) in env {
            driver.env(k, v);
        }
        let driver = Helper {
            name: "tauri-driver",
            child: driver.spawn().expect("start tauri-driver"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port} within 20 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": APP }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("open a WebDriver session on the app");
        let w = Window {
            client,
            data_dir,
            app_env,
            _webview_data: webview_data,
            _driver: driver,
            _bus: bus,
            _xvfb: xvfb,
        };
        w.ready("pipeline").await;
        w
    }

    /// The element with `data-testid` `id`, waiting for it to appear.
    pub async fn get(&self, id: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&format!("[data-testid=\"{id}\"]")))
            .await
            .unwrap_or_else(|e| panic!("no element with data-testid {id:?}: {e}"))
    }

    /// Every element matching a CSS selector, now.
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
    }

    /// The text of the element with `data-testid` `id`.
    pub async fn text(&self, id: &str) -> String {
        // The UI re-renders lists after each change: a node found a moment ago may have
        // been replaced. Look it up again then.
        let mut last = None;
        for _ in 0..5 {
            match self.get(id).await.text().await {
                Ok(t) => return t,
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("text of {id}: {last:?}")
    }

    /// Attribute `name` of the element with `data-testid` `id` (None when it has none),
    /// looked up again when the node was replaced between finding and reading it.
    pub async fn attr(&self, id: &str, name: &str) -> Option<String> {
        let mut last = None;
        for _ in 0..5 {
            match self.get(id).await.attr(name).await {
                Ok(v) => return v,
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("attribute {name} of {id}: {last:?}")
    }

    /// Scrolls `e` into view. The window's screen scrolls inside `<main>` (the status bar
    /// stays below it), and WebKitWebDriver scrolls only the page before a click or a
    /// key press, not a scrolling element inside it.
    pub async fn reveal(&self, e: &Element) {
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'nearest', inline: 'nearest'});",
                vec![serde_json::to_value(e).expect("an element")],
            )
            .await
            .expect("scroll an element into view");
    }

    /// Drags `e` by `dx` pixels to the right (left when negative), as a hand would: press
    /// on it, move for 150 ms, release.
    pub async fn drag(&self, e: &Element, dx: f64) {
        let drag = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element: e.clone(),
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::MoveBy {
                duration: Some(Duration::from_millis(150)),
                x: dx,
                y: 0.0,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client
            .perform_actions(drag)
            .await
            .expect("drag an element");
    }

    /// Clicks the element with `data-testid` `id`.
    pub async fn click(&self, id: &str) {
        let e = self.get(id).await;
        self.reveal(&e).await;
        e.click()
            .await
            .unwrap_or_else(|e| panic!("click {id}: {e}"));
    }

    /// Replaces the value of input `id` with `text`.
    pub async fn fill(&self, id: &str, text: &str) {
        let e = self.get(id).await;
        self.reveal(&e).await;
        e.clear()
            .await
            .unwrap_or_else(|err| panic!("clear {id}: {err}"));
        e.send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("type into {id}: {err}"));
    }

    /// Waits until screen `name` has rendered its data.
    pub async fn ready(&self, name: &str) {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&format!("body[data-ready=\"{name}\"]")))
            .await
            .unwrap_or_else(|e| panic!("screen {name} did not render: {e}"));
    }

    /// Waits until `check` holds for the text of `id`, returning that text.
    pub async fn wait_text(&self, id: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let t = self.text(id).await;
            if check(&t) {
                return t;
            }
            if Instant::now() >= deadline {
                let shot = self.screenshot(&format!("failed-{id}")).await;
                let said = self.said().await;
                panic!(
                    "{id}: {what}; it reads {t:?} (see {}); the window said: {said}",
                    shot.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// What the window is saying at the moment, for a failure's message: the status line,
    /// the error banner and every error shown beside a field.
    pub async fn said(&self) -> String {
        self.client
            .execute(
                "return [...document.querySelectorAll('[data-testid=status], [data-testid=error-text], [role=alert]')]\
                   .filter((e) => e.textContent.trim() && !e.closest('[hidden]'))\
                   .map((e) => `${e.dataset.testid || e.tagName}: ${e.textContent.trim()}`).join(' | ') || 'nothing';",
                vec![],
            )
            .await
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .unwrap_or_else(|e| format!("(could not read the window: {e})"))
    }

    /// Saves a screenshot as `target/screenshots/<name>.png` once two frames have been
    /// painted, and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await
            .expect("wait two animation frames");
        let png = self.client.screenshot().await.expect("take a screenshot");
        assert!(
            png.starts_with(b"\x89PNG"),
            "the screenshot of {name} is a PNG"
        );
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write the screenshot");
        path
    }

    /// Ends the session (the helpers stop on drop).
    pub async fn close(self) {
        let Window {
            client,
            data_dir,
            _webview_data,
            _driver,
            _bus,
            _xvfb,
            ..
        } = self;
        let _ = client.close().await;
        drop(_driver);
        drop(_bus);
        drop(_xvfb);
        drop(data_dir);
        drop(_webview_data);
    }
}
