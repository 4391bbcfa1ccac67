//! An interviewer's `.ics` calendar read into their busy time, chosen in a dialog or
//! dropped on their row, off the main thread with progress, and summarised.

use crate::dialogs;
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use rondo::domain::{Interviewer, InterviewerId, SourceId};
use rondo::interval::Interval;
use rondo::usecases::calendar::import_ics;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::{Emitter, Manager, State};

/// How far back and ahead of today a calendar is read.
const BACK_DAYS: i64 = 30;
/// See [`BACK_DAYS`].
const AHEAD_DAYS: i64 = 180;

/// What an import read, for the summary the coordinator sees.
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    /// Whose calendar.
    pub name: String,
    /// The file's name.
    pub file: String,
    /// The calendar source it replaced (named after the file).
    pub source: String,
    /// Events read.
    pub events: usize,
    /// Occurrences in the dates read.
    pub occurrences: usize,
    /// Busy blocks kept (merged).
    pub busy_blocks: usize,
    /// Busy time in hours, one decimal.
    pub busy_hours: f64,
    /// The dates read, in the interviewer's zone.
    pub dates: String,
    /// Events left out, each as "line N: why".
    pub skipped: Vec<String>,
    /// Caveats (the event was imported), each as "line N: what".
    pub warnings: Vec<String>,
}

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

/// The calendar source a file fills: its name without extension, as an id
/// (`Work calendar.ics` → `work-calendar`).
pub fn source_of(path: &Path) -> SourceId {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = super::candidates::new_id(&stem, |_| false, "calendar");
    SourceId::new(id).unwrap_or_else(|_| SourceId::new("calendar").expect("a valid literal id"))
}

/// Reads `text` (the file `path`) as interviewer `id`'s calendar around `now` and
/// replaces what that calendar said before (all or nothing).
pub fn import_text(
    state: &AppState,
    id: &str,
    path: &Path,
    text: &str,
    now: DateTime<Utc>,
) -> Result<ImportSummary, AppError> {
    let who = InterviewerId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
    let source = source_of(path);
    let window = Interval {
        start: now - Duration::days(BACK_DAYS),
        end: now + Duration::days(AHEAD_DAYS),
    };
    let (stored, read) = state.write(|s| {
        Ok(import_ics(
            s,
            &who,
            &source,
            &path.display().to_string(),
            text,
            window,
            now,
        )?)
    })?;
    Ok(summary(&stored, path, &source, &read, window))
}

fn summary(
    i: &Interviewer,
    path: &Path,
    source: &SourceId,
    read: &rondo::ical::import::BusyImport,
    window: Interval,
) -> ImportSummary {
    let z = i.time_zone;
    ImportSummary {
        name: i.name.clone(),
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        ),
        source: source.to_string(),
        events: read.events,
        occurrences: read.occurrences,
        busy_blocks: read.busy.len(),
        busy_hours: (read.busy_seconds() as f64 / 360.0).round() / 10.0,
        dates: format!(
            "{} – {}",
            rondo::display::date_label(z, window.start),
            rondo::display::date_label(z, window.end)
        ),
        skipped: read
            .skipped
            .iter()
            .map(|s| format!("line {}: {}", s.line, s.reason))
            .collect(),
        warnings: read
            .warnings
            .iter()
            .map(|w| format!("line {}: {}", w.line, w.reason))
            .collect(),
    }
}

/// Imports an interviewer's calendar from a file the coordinator chooses, off the main
/// thread, with `import-progress` events.
#[tauri::command]
pub async fn import_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<ImportSummary, AppError> {
    let path = dialogs::pick_file(&app, &state, "Calendar (.ics)", &["ics", "ical", "ifb"])?;
    import_path(app, id, path).await
}

/// Imports the calendar file last dropped on the window for interviewer `id`.
#[tauri::command]
pub async fn import_dropped_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<ImportSummary, AppError> {
    let Some(path) = state.take_dropped() else {
        return Err(AppError::new(
            ErrorCode::NotReady,
            "Drop one .ics file on an interviewer's row to import it.",
        ));
    };
    import_path(app, id, path).await
}

async fn import_path<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    id: String,
    path: PathBuf,
) -> Result<ImportSummary, AppError> {
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
