//! The window's log: what Rondo did and what went wrong, for support. One file a day in
//! the platform's log folder ([`log_dir`]: `$XDG_STATE_HOME/rondo/logs`, by default
//! `~/.local/state/rondo/logs`), the last [`KEEP_DAYS`] kept (tracing-appender rotates
//! and deletes), and a copy on stderr for whoever started Rondo from a terminal.
//!
//! What is logged names records by their ids at most: never a person's name, an e-mail
//! address, notes or the name of a file a coordinator opened (it can be a candidate's).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// How many daily log files are kept.
pub const KEEP_DAYS: usize = 7;
/// Log files are `rondo.<yyyy-mm-dd>.log`.
const PREFIX: &str = "rondo";
/// See [`PREFIX`].
const SUFFIX: &str = "log";

/// The folder logging was set up in (or why not), once [`init`] ran.
static LOG_DIR: OnceLock<Result<PathBuf, String>> = OnceLock::new();

/// The platform's folder for Rondo's logs: the XDG state folder on Linux, the local data
/// folder elsewhere (macOS and Windows have no state folder), `logs` inside it.
pub fn log_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("app", "Rondo", "Rondo")?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(base.join("logs"))
}

/// Sends Rondo's log to the day's file in [`log_dir`] and to stderr, and logs panics.
/// Without a usable folder the log goes to stderr only (and About says why). Call once,
/// first thing.
pub fn init() {
    let file = match log_dir() {
        None => Err("the system gives no home folder to keep logs in".to_string()),
        Some(dir) => tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix(PREFIX)
            .filename_suffix(SUFFIX)
            .max_log_files(KEEP_DAYS)
            .build(&dir)
            .map(|appender| (dir.clone(), appender))
            .map_err(|e| format!("{} could not be used for logs: {e}", dir.display())),
    };
    // Rondo's own lines from `info`, other crates' (tauri, zbus) only when they warn.
    let filter = Targets::new()
        .with_target("rondo_app", LevelFilter::INFO)
        .with_target("rondo", LevelFilter::INFO)
        .with_default(LevelFilter::WARN);
    let stderr = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let (file_layer, dir) = match file {
        Ok((dir, appender)) => (
            Some(
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_writer(appender),
            ),
            Ok(dir),
        ),
        Err(why) => (None, Err(why)),
    };
    let installed = tracing_subscriber::registry()
        .with(filter)
        .with(stderr)
        .with(file_layer)
        .try_init();
    if let Err(e) = &dir {
        tracing::warn!("{e}; logging to stderr only");
    }
    let _ = LOG_DIR.set(dir);
    if installed.is_ok() {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            tracing::error!("panic: {info}");
            previous(info);
        }));
    }
}

/// The log file being written now (the newest in the folder), or why there is none.
pub fn current_file() -> Result<PathBuf, String> {
    let dir = LOG_DIR
        .get()
        .cloned()
        .unwrap_or_else(|| Err("logging was not set up".to_string()))?;
    newest_log(&dir).ok_or_else(|| format!("no log file in {} yet", dir.display()))
}

/// The newest `rondo.<date>.log` in `dir` (dates sort as text).
fn newest_log(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&format!("{PREFIX}.")) && n.ends_with(&format!(".{SUFFIX}"))
            })
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_log_is_the_newest_days_file() {
        let dir = std::env::temp_dir().join(format!("rondo-logs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        assert_eq!(newest_log(&dir), None);
        for name in ["rondo.2026-03-01.log", "rondo.2026-03-09.log", "other.log"] {
            std::fs::write(dir.join(name), b"").expect("a file");
        }
        assert_eq!(newest_log(&dir), Some(dir.join("rondo.2026-03-09.log")));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
