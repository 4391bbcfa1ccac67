//! One Radicale for the whole test binary: started on first use on a free loopback port
//! with a temporary storage folder and htpasswd users, killed when the test process
//! exits (PR_SET_PDEATHSIG from a thread that lives as long as the process).
//!
//! `RONDO_TEST_RADICALE_STORAGE` names a storage folder to use and keep instead (the
//! bench's calendars take many minutes to upload).
//!
//! Radicale comes from the virtual environment `scripts/test-servers.sh` makes
//! (`${XDG_CACHE_HOME:-$HOME/.cache}/rondo/venv`, or `RONDO_TEST_VENV`). Without it the
//! CalDAV tests say plainly that they were skipped; under `CI=true` they fail.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{mpsc, OnceLock};
use std::time::{Duration, Instant};

/// Users and passwords in the server's htpasswd file.
pub const USERS: &[(&str, &str)] = &[
    ("alice", "alice-pw"),
    ("bob", "bob-pw"),
    ("carol", "carol-pw"),
    ("team", "team-pw"),
];

/// Access rules: everyone reads the principals; a calendar is read and written by every
/// signed-in user (a team server), except `carol/busy`, which others only see as
/// free-busy (a calendar shared "busy only").
const RIGHTS: &str = r#"
[carol-own-busy]
user: carol
collection: carol/busy
permissions: rw

[busy-only]
user: .+
collection: carol/busy
permissions: f

[own-principal]
user: .+
collection: {user}
permissions: RW

[principals]
user: .+
collection: [^/]*
permissions: R

[calendars]
user: .+
collection: [^/]+/[^/]+
permissions: rw
"#;

/// The running server.
pub struct Radicale {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Its port.
    pub port: u16,
}

impl Radicale {
    /// The address of `path` on the server (`/alice/work/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

fn venv() -> PathBuf {
    if let Some(v) = std::env::var_os("RONDO_TEST_VENV") {
        return PathBuf::from(v);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    cache.join("rondo/venv")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The shared server, or `None` (with a plain "skipped" line) when Radicale is not
/// installed outside CI. Panics under `CI=true` when it is missing or will not start.
pub fn radicale(test: &str) -> Option<&'static Radicale> {
    static SERVER: OnceLock<Result<Radicale, String>> = OnceLock::new();
    match SERVER.get_or_init(start) {
        Ok(r) => Some(r),
        Err(why) if in_ci() => panic!("{test}: the CalDAV test server is needed under CI: {why}"),
        Err(why) => {
            eprintln!("SKIPPED {test}: {why}");
            None
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Removes storage folders left by test processes that are gone.
fn clean_leftovers(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("radicale-")
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        // SAFETY: kill with signal 0 only asks whether the process exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        if !alive {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

fn start() -> Result<Radicale, String> {
    let bin = venv().join("bin/radicale");
    if !bin.exists() {
        return Err(format!(
            "Radicale is not installed at {} (run scripts/test-servers.sh)",
            bin.display()
        ));
    }
    let root = std::env::temp_dir().join("rondo-tests");
    clean_leftovers(&root);
    let dir = root.join(format!("radicale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let users: String = USERS.iter().map(|(u, p)| format!("{u}:{p}\n")).collect();
    std::fs::write(dir.join("users"), users).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("rights"), RIGHTS).map_err(|e| e.to_string())?;
    // The bench's 10,000 events take many minutes to upload: it may keep them.
    let storage = std::env::var_os("RONDO_TEST_RADICALE_STORAGE")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.join("collections"));
    let mut last = String::new();
    for _ in 0..3 {
        let port = free_port();
        let config = format!(
            "[server]\nhosts = 127.0.0.1:{port}\nmax_connections = 64\n\
             [auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\ndelay = 0\n\
             [rights]\ntype = from_file\nfile = {rights}\n\
             [storage]\nfilesystem_folder = {storage}\n\
             [logging]\nlevel = error\n",
            users = dir.join("users").display(),
            rights = dir.join("rights").display(),
            storage = storage.display(),
        );
        let config_path = dir.join("config");
        std::fs::write(&config_path, config).map_err(|e| e.to_string())?;
        spawn_kept(&bin, &config_path, &dir)?;
        match wait_for(port, &dir) {
            Ok(()) => {
                return Ok(Radicale {
                    base: format!("http://127.0.0.1:{port}"),
                    port,
                })
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Starts Radicale from a thread that never ends, so PR_SET_PDEATHSIG (which follows
/// the spawning *thread*) fires only when the whole test process goes.
fn spawn_kept(bin: &Path, config: &Path, dir: &Path) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let bin = bin.to_path_buf();
    let config = config.to_path_buf();
    let log = dir.join("log");
    std::thread::Builder::new()
        .name("radicale-keeper".into())
        .spawn(move || {
            let log_file = match std::fs::File::create(&log) {
                Ok(f) => f,
                Err(e) => {
                    let _ = tx.send(Err(e.to_string()));
                    return;
                }
            };
            let mut cmd = Command::new(&bin);
            cmd.arg("--config")
                .arg(&config)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log_file);
            // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
            unsafe {
                cmd.pre_exec(|| {
                    if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
            match cmd.spawn() {
                Ok(mut child) => {
                    let _ = tx.send(Ok(()));
                    let _ = child.wait();
                    // The keeper outlives the server: a parked thread keeps the
                    // death signal armed for a restarted one too.
                    loop {
                        std::thread::park();
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(format!("cannot start {}: {e}", bin.display())));
                }
            }
        })
        .map_err(|e| e.to_string())?;
    rx.recv().map_err(|e| e.to_string())?
}

fn wait_for(port: u16, dir: &Path) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = std::fs::File::open(dir.join("log"))
        .map(|f| {
            BufReader::new(f)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    Err(format!(
        "Radicale did not listen on port {port} within 20 s: {log}"
    ))
}
