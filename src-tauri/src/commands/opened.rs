//! A file opened with Rondo (from the file manager, or handed over by a second start,
//! [`crate::instance`]): the window asks what it is for, then imports it. Today that is
//! an interviewer's calendar; other uses (an invite's reply) take the same file from
//! [`crate::instance::OpenedFile`].

use crate::error::{AppError, ErrorCode};
use crate::instance::{OpenedFile, OpenedName};
use rondo::usecases::calendar::CalendarSummary;
use tauri::State;

/// The file opened with Rondo that waits for the coordinator, by name.
#[tauri::command]
pub fn opened_file(opened: State<'_, OpenedFile>) -> Option<OpenedName> {
    opened.peek().as_deref().map(OpenedName::of)
}

/// Forgets the file opened with Rondo (the coordinator chose "Not now").
#[tauri::command]
pub fn dismiss_opened_file(opened: State<'_, OpenedFile>) {
    opened.take();
}

/// Imports the file opened with Rondo as interviewer `id`'s calendar (as a file dropped
/// on their row would be).
#[tauri::command]
pub async fn import_opened_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    opened: State<'_, OpenedFile>,
    id: String,
) -> Result<CalendarSummary, AppError> {
    let Some(path) = opened.take() else {
        return Err(AppError::new(
            ErrorCode::NotReady,
            "No file is waiting: open an .ics file with Rondo, or import a calendar from People.",
        ));
    };
    crate::commands::calendar::import_path(app, id, path).await
}
