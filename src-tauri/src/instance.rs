//! One window per data folder. A second start of Rondo on the same folder does not open
//! a second window: it hands its command line (a file to open, from the file manager's
//! "Open with Rondo") to the running window, which comes to the front, and exits.
//!
//! Tauri's single-instance plugin does the hand-over (on Linux through a D-Bus name on
//! the session bus). The plugin keys on one name per app; Rondo makes the name one per
//! data folder ([`bus_id`]), so that two windows on two folders (`RONDO_DATA_DIR`) still
//! run side by side, as the store's lock allows. Without a session bus the plugin lets
//! every start through, and the store's lock says "already open" as before.
//!
//! A file handed over (or given on the first start's command line) waits in
//! [`OpenedFile`] until the window asks what to do with it; the window only learns its
//! name ([`OPENED_EVENT`]), never its path.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{Emitter, Manager, Runtime};

/// The event the window gets when a file was opened with Rondo: `{ "name": … }`.
pub const OPENED_EVENT: &str = "file-opened";

/// The base of every data folder's D-Bus name (the app identifier of tauri.conf.json).
const BUS_BASE: &str = "app.rondo.desktop";

/// The single-instance plugin's id for data folder `data_dir`: the app's identifier and a
/// digest of the folder's canonical path (`app.rondo.desktop.data_1f2e…`), a valid D-Bus
/// name element (letters, digits and `_`, not starting with a digit). Two spellings of one
/// folder (a trailing slash, a symbolic link) give the same id once the folder exists.
pub fn bus_id(data_dir: &Path) -> String {
    let canonical = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(canonical.as_os_str().as_encoded_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{BUS_BASE}.data_{hex}")
}

/// The file opened with Rondo that the window has not dealt with yet.
#[derive(Debug, Default)]
pub struct OpenedFile(Mutex<Option<PathBuf>>);

impl OpenedFile {
    /// Keeps `path` as the file to deal with (a later one replaces it).
    pub fn set(&self, path: PathBuf) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(path);
    }

    /// The file waiting, if any, left waiting.
    pub fn peek(&self) -> Option<PathBuf> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The file waiting, if any, no longer waiting.
    pub fn take(&self) -> Option<PathBuf> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// The files named on command line `args` (the program first, as `std::env::args`
/// gives it), relative ones resolved against `cwd` (an absolute one stays as it is).
/// Options (`-…`) are not files.
pub fn files_in(args: &[String], cwd: &Path) -> Vec<PathBuf> {
    args.iter()
        .skip(1)
        .filter(|a| !a.is_empty() && !a.starts_with('-'))
        .map(|a| cwd.join(a))
        .collect()
}

/// What the window is told about an opened file: its name only.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OpenedName {
    /// The file's name (`work.ics`).
    pub name: String,
}

impl OpenedName {
    /// The name of `path`.
    pub fn of(path: &Path) -> OpenedName {
        OpenedName {
            name: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }
}

/// Takes the first existing file of command line `args` (run in `cwd`) as opened with Rondo: kept
/// in [`OpenedFile`] and announced to the window with [`OPENED_EVENT`].
pub fn open_files_of<R: Runtime>(app: &tauri::AppHandle<R>, args: &[String], cwd: &Path) {
    // Only a file that exists: whatever else starts the app (a WebDriver) may add words.
    let Some(path) = files_in(args, cwd).into_iter().find(|p| p.is_file()) else {
        return;
    };
    // The file's name can be personal (a candidate's name): the log says only that one came.
    tracing::info!("a file was opened with Rondo");
    let name = OpenedName::of(&path);
    if let Some(opened) = app.try_state::<OpenedFile>() {
        opened.set(path);
    }
    if let Err(e) = app.emit(OPENED_EVENT, name) {
        tracing::warn!("the window could not be told about an opened file: {e}");
    }
}

/// Brings the main window to the front (a second start of Rondo asked for it).
fn to_front<R: Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        if let Err(e) = window.set_focus() {
            tracing::warn!("the window could not be brought to the front: {e}");
        }
    }
}

/// The single-instance plugin for data folder `data_dir` (register it first): a second
/// start on the same folder brings this window to the front and hands over its files.
pub fn plugin<R: Runtime>(data_dir: &Path) -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(bus_id(data_dir))
        .callback(|app, args, cwd| {
            tracing::info!(
                "a second start of Rondo on this data folder handed over to this window"
            );
            to_front(app);
            open_files_of(app, &args, Path::new(&cwd));
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_folder_one_name_and_two_folders_two_names() {
        let a = std::env::temp_dir().join(format!("rondo-bus-{}", std::process::id()));
        std::fs::create_dir_all(&a).expect("a folder");
        let spelled_again = a.join(".");
        assert_eq!(bus_id(&a), bus_id(&spelled_again), "same folder, same name");
        assert_ne!(
            bus_id(&a),
            bus_id(&a.join("other")),
            "two folders, two names"
        );
        let id = bus_id(&a);
        let last = id.rsplit('.').next().expect("an element");
        assert!(
            id.starts_with("app.rondo.desktop.data_") && last.len() == 21,
            "{id}"
        );
        assert!(id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'));
        let _ = std::fs::remove_dir_all(&a);
    }

    #[test]
    fn the_files_of_a_command_line_are_its_arguments_resolved() {
        let args = ["rondo-app", "--verbose", "work.ics", "/tmp/b.ics"].map(String::from);
        assert_eq!(
            files_in(&args, Path::new("/home/c")),
            [
                PathBuf::from("/home/c/work.ics"),
                PathBuf::from("/tmp/b.ics")
            ]
        );
        assert!(files_in(&["rondo-app".to_string()], Path::new("/")).is_empty());
    }
}
