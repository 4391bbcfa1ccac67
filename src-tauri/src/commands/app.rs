//! The app itself: what it is working on, and where its data lives.

use crate::dialogs;
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, Workspace};
use rondo::display;
use rondo::problem::ProblemDoc;
use serde::Serialize;
use tauri::State;

/// What the window's header and settings show.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    /// Rondo's version.
    pub version: String,
    /// The data folder.
    pub data_dir: String,
    /// The id of the scheduling request being worked on.
    pub request: String,
    /// Its date range in the candidate's zone.
    pub range: String,
    /// Milliseconds since the process started (the window benchmark reads it once the
    /// first screen is drawn).
    pub uptime_ms: u64,
}

/// Version, data folder and the current request.
pub fn info(state: &AppState) -> AppInfo {
    let ws = state.workspace();
    let z = ws.problem.candidate.zone;
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.data_dir.display().to_string(),
        request: ws.problem.id.clone(),
        range: format!(
            "{} – {}",
            display::instant_label(z, ws.problem.horizon.start),
            display::instant_label(z, ws.problem.horizon.end)
        ),
        uptime_ms: u64::try_from(crate::started().elapsed().as_millis()).unwrap_or(u64::MAX),
    }
}

/// Version, data folder and the current request.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    info(&state)
}

/// Starts over on the bundled example request.
#[tauri::command]
pub fn load_example(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    *state.workspace() = Workspace::example();
    state.save_request()?;
    Ok(info(&state))
}

/// Opens a `rondo-problem/1` request chosen in a file dialog.
#[tauri::command]
pub async fn open_request<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<AppInfo, AppError> {
    let path = dialogs::pick_file(&app, &state, "Scheduling request", &["json"])?;
    let text = std::fs::read_to_string(&path).map_err(|e| {
        AppError::new(
            ErrorCode::File,
            format!(
                "{} could not be read ({e}). Check that the file exists and that you may read it.",
                path.display()
            ),
        )
    })?;
    let doc: ProblemDoc = serde_json::from_str(&text).map_err(|e| {
        AppError::bad_input(format!(
            "{} is not a scheduling request (rondo-problem/1): {e}. Choose a request file.",
            path.display()
        ))
    })?;
    *state.workspace() = Workspace::new(doc)?;
    state.save_request()?;
    Ok(info(&state))
}
