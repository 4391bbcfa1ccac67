//! An interviewer's `.ics` calendar read into their busy time, chosen in a dialog or
//! dropped on their row, off the main thread with progress, and summarised
//! (`usecases::calendar::import_file`).

use crate::dialogs;
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::usecases::calendar::{self, CalendarSummary};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::{Emitter, Manager, State};

/// A step of a long import, sent as the `import-progress` event.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// Whose calendar.
    pub name: String,
    /// What is happening, in words.
    pub step: String,
    /// 0–100.
    pub percent: u8,
}

/// Reads `text` (the file `path`) as interviewer `id`'s calendar around `now` and
/// replaces what that calendar said before (all or nothing).
pub fn import_text(
    state: &AppState,
    id: &str,
    path: &Path,
    text: &str,
    now: DateTime<Utc>,
) -> Result<CalendarSummary, AppError> {
    state.write(|s| Ok(calendar::import_file(s, id, path, text, now)?))
}

/// Imports an interviewer's calendar from a file the coordinator chooses, off the main
/// thread, with `import-progress` events.
#[tauri::command]
pub async fn import_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<CalendarSummary, AppError> {
    let path = dialogs::pick_file(&app, &state, "Calendar (.ics)", &["ics", "ical", "ifb"])?;
    import_path(app, id, path).await
}

/// Imports the calendar file last dropped on the window for interviewer `id`.
#[tauri::command]
pub async fn import_dropped_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<CalendarSummary, AppError> {
    let Some(path) = state.take_dropped() else {
        return Err(AppError::new(
            ErrorCode::NotReady,
            "Drop one .ics file on an interviewer's row to import it.",
        ));
    };
    import_path(app, id, path).await
}

/// Imports file `path` as interviewer `id`'s calendar, off the main thread, with
/// `import-progress` events (the dialog's, the dropped and the opened file's import).
pub(crate) async fn import_path<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    id: String,
    path: PathBuf,
) -> Result<CalendarSummary, AppError> {
    let progress = |step: &str, percent: u8| {
        let _ = app.emit(
            "import-progress",
            Progress {
                name: id.clone(),
                step: step.to_string(),
                percent,
            },
        );
    };
    let file = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    progress(&format!("Reading {file}…"), 10);
    let read_path = path.clone();
    let bytes = tauri::async_runtime::spawn_blocking(move || std::fs::read(&read_path))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| {
            AppError::new(
                ErrorCode::File,
                format!(
                    "{} could not be read ({e}). Check that it exists and that you may read it.",
                    path.display()
                ),
            )
        })?;
    progress("Reading the events and storing the busy time…", 40);
    let handle = app.clone();
    let who = id.clone();
    let summary = tauri::async_runtime::spawn_blocking(move || {
        let text = String::from_utf8_lossy(&bytes);
        let state = handle.state::<AppState>();
        import_text(&state, &who, &path, &text, Utc::now())
    })
    .await
    .map_err(AppError::internal)??;
    progress("Done", 100);
    Ok(summary)
}
