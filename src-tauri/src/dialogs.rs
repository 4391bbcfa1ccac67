//! File access goes through dialogs the coordinator confirms, opened from Rust: the UI
//! never names a path. Tests answer the dialogs through [`crate::state::DialogOverrides`].

use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use std::path::PathBuf;
use tauri_plugin_dialog::DialogExt;

fn cancelled() -> AppError {
    AppError::new(ErrorCode::Cancelled, "No file was chosen.")
}

/// Asks for one file with extension in `extensions`, described as `what`.
pub fn pick_file<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    what: &str,
    extensions: &[&str],
) -> Result<PathBuf, AppError> {
    if let Some(path) = &state.dialogs.file {
        return Ok(path.clone());
    }
    let chosen = app
        .dialog()
        .file()
        .add_filter(what, extensions)
        .blocking_pick_file()
        .ok_or_else(cancelled)?;
    chosen.into_path().map_err(AppError::internal)
}

/// Asks for a folder, with `title` saying what it is for.
pub fn pick_folder<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    title: &str,
) -> Result<PathBuf, AppError> {
    if let Some(path) = &state.dialogs.folder {
        return Ok(path.clone());
    }
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .blocking_pick_folder()
        .ok_or_else(cancelled)?;
    chosen.into_path().map_err(AppError::internal)
}

/// Asks where to save a file described as `what`, suggesting `name`.
pub fn save_file<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    what: &str,
    name: &str,
) -> Result<PathBuf, AppError> {
    if let Some(path) = &state.dialogs.file {
        return Ok(path.clone());
    }
    let chosen = app
        .dialog()
        .file()
        .add_filter(what, &["json"])
        .set_file_name(name)
        .blocking_save_file()
        .ok_or_else(cancelled)?;
    chosen.into_path().map_err(AppError::internal)
}
