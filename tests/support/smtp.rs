//! A real SMTP server for the mail tests and the mail bench: aiosmtpd from Rondo's test
//! venv (`scripts/test-smtp.sh` installs it), started on a free loopback port, saving
//! every message it receives into a folder (`tests/mail/smtp_sink.py`).
//!
//! The tests share one server per test binary ([`shared`]); it stops when the test
//! process ends, however it ends (it exits when its standard input closes). Outside CI
//! a missing venv skips the test plainly; under `CI=true` it is a failure.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;

/// The login the shared server accepts.
pub const USER: &str = "coordinator";
/// Its password.
pub const PASSWORD: &str = "s3cret pass";

/// A running test SMTP server.
pub struct SmtpSink {
    /// Its loopback port.
    pub port: u16,
    /// The folder it saves messages into.
    pub dir: PathBuf,
    child: Child,
    // Held open: the server exits when it closes.
    _stdin: ChildStdin,
}

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The file it was saved as.
    pub path: PathBuf,
    /// MAIL FROM.
    pub mail_from: String,
    /// RCPT TO, in order.
    pub rcpt_tos: Vec<String>,
    /// The bytes.
    pub raw: Vec<u8>,
}

/// The Python of Rondo's test venv.
pub fn venv_python() -> PathBuf {
    if let Some(v) = std::env::var_os("RONDO_TEST_VENV") {
        return PathBuf::from(v).join("bin/python3");
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    cache.join("rondo/venv/bin/python3")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

impl SmtpSink {
    /// Starts a server saving into `dir`, or says why it cannot.
    pub fn start(dir: &Path) -> Result<SmtpSink, String> {
        let python = venv_python();
        // From the root package's tests, or from the shell's (`src-tauri/`) beside it.
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let script = [here.join("tests/mail"), here.join("../tests/mail")]
            .into_iter()
            .map(|d| d.join("smtp_sink.py"))
            .find(|p| p.is_file())
            .ok_or_else(|| format!("tests/mail/smtp_sink.py is not beside {}", here.display()))?;
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let ok = python.is_file()
            && Command::new(&python)
                .args(["-c", "import aiosmtpd.smtp"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
        if !ok {
            return Err(format!(
                "aiosmtpd is not installed in {} (run scripts/test-smtp.sh)",
                python.display()
            ));
        }
        let mut child = Command::new(&python)
            .arg(&script)
            .arg(dir)
            .args(["--user", USER, "--password", PASSWORD])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", script.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| format!("the SMTP server said nothing: {e}"))?;
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| format!("the SMTP server did not start: {line:?}"))?;
        Ok(SmtpSink {
            port,
            dir: dir.to_path_buf(),
            child,
            _stdin: stdin,
        })
    }

    /// Every message received so far, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
            .into_iter()
            .filter_map(|json| {
                let meta: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(&json).ok()?).ok()?;
                let path = json.with_extension("eml");
                Some(Received {
                    raw: std::fs::read(&path).ok()?,
                    path,
                    mail_from: meta["mail_from"].as_str()?.to_string(),
                    rcpt_tos: meta["rcpt_tos"]
                        .as_array()?
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                })
            })
            .collect()
    }

    /// The messages received whose `Message-ID` header is `id`.
    pub fn with_message_id(&self, id: &str) -> Vec<Received> {
        let header = format!("Message-ID: {id}\r\n");
        self.received()
            .into_iter()
            .filter(|r| {
                r.raw
                    .windows(header.len())
                    .any(|w| w.eq_ignore_ascii_case(header.as_bytes()))
            })
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server of the test's own saving into `dir` (to count exactly what one test sent);
/// `None` (after a plain "skipped" line) when aiosmtpd is not installed, a panic under
/// `CI=true`.
pub fn own(test: &str, dir: &Path) -> Option<SmtpSink> {
    match SmtpSink::start(dir) {
        Ok(s) => Some(s),
        Err(why) if in_ci() => panic!("{test}: the test SMTP server is required under CI: {why}"),
        Err(why) => {
            eprintln!("SKIPPED {test}: {why}");
            None
        }
    }
}

/// The server shared by every test of this binary, started on first use; `None` (after
/// a plain "skipped" line) when aiosmtpd is not installed, a panic under `CI=true`.
pub fn shared(test: &str) -> Option<&'static SmtpSink> {
    static SINK: OnceLock<Result<SmtpSink, String>> = OnceLock::new();
    let sink = SINK.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("smtp-sink-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        SmtpSink::start(&dir)
    });
    match sink {
        Ok(s) => Some(s),
        Err(why) if in_ci() => panic!("{test}: the test SMTP server is required under CI: {why}"),
        Err(why) => {
            eprintln!("SKIPPED {test}: {why}");
            None
        }
    }
}
