//! The app itself: where its data lives, whether it could be opened, and the data as a
//! whole (clear it, load the example team again, back it up, restore a backup).

use crate::dialogs;
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::usecases::records::{self, Counts};
use rondo::usecases::settings::Organizer;
use rondo::usecases::{backup, demo};
use serde::Serialize;
use tauri::State;

/// What the window's header and settings show.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    /// Rondo's version.
    pub version: String,
    /// The data folder.
    pub data_dir: String,
    /// Why the data could not be opened (the window shows this instead of its screens).
    pub problem: Option<AppError>,
    /// Something to tell once (the example team was loaded on first start).
    pub notice: Option<String>,
    /// How many of each are stored.
    pub counts: Counts,
    /// Milliseconds since the process started (the window benchmark reads it once the
    /// first screen is drawn).
    pub uptime_ms: u64,
}

/// Version, data folder, what is stored, and any problem opening it.
pub fn info(state: &AppState) -> AppInfo {
    let counts = state.read(|s| Ok(records::counts(s))).unwrap_or_default();
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.data_dir.display().to_string(),
        problem: state.open_error(),
        notice: state.notice.lock().ok().and_then(|mut n| n.take()),
        counts,
        uptime_ms: u64::try_from(crate::started().elapsed().as_millis()).unwrap_or(u64::MAX),
    }
}

/// Deletes everything stored: people, candidates, plans and bookings.
pub fn clear(state: &AppState, now: DateTime<Utc>) -> Result<AppInfo, AppError> {
    state.replace(|s| Ok(backup::clear(s, now)?))?;
    Ok(info(state))
}

/// Replaces everything stored by the example team around `now`.
pub fn example(state: &AppState, now: DateTime<Utc>) -> Result<AppInfo, AppError> {
    state.replace(|s| Ok(demo::load_example(s, now.date_naive(), now).map(|_| ())?))?;
    Ok(info(state))
}

/// Who the invites come from, as the Settings screen shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    /// The organizer's name.
    pub organizer_name: String,
    /// The organizer's mail address.
    pub organizer_email: String,
    /// False while the invites still name the placeholder organizer.
    pub organizer_set: bool,
}

/// The settings as shown.
pub fn settings_view(state: &AppState) -> SettingsView {
    let settings = state.settings();
    let organizer = settings.organizer();
    SettingsView {
        organizer_name: organizer.name,
        organizer_email: organizer.email,
        organizer_set: settings.organizer.is_some(),
    }
}

/// Sets who the invites come from (saved in the data folder at once).
pub fn set_organizer_in(
    state: &AppState,
    name: &str,
    email: &str,
) -> Result<SettingsView, AppError> {
    let mut next = state.settings().clone();
    next.organizer = Some(Organizer::new(name, email)?);
    next.save(&state.data_dir)?;
    *state.settings() = next;
    Ok(settings_view(state))
}

/// The coordinator's settings.
#[tauri::command]
pub fn settings(state: State<'_, AppState>) -> SettingsView {
    settings_view(&state)
}

/// Sets the invites' organizer.
#[tauri::command]
pub fn set_organizer(
    state: State<'_, AppState>,
    name: String,
    email: String,
) -> Result<SettingsView, AppError> {
    set_organizer_in(&state, &name, &email)
}

/// Version, data folder, what is stored, and any problem opening it.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    info(&state)
}

/// Deletes everything stored (the UI asks first).
#[tauri::command]
pub fn clear_data(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    clear(&state, Utc::now())
}

/// Replaces everything stored by the example team (the UI asks first).
#[tauri::command]
pub fn load_example(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    example(&state, Utc::now())
}

/// Writes everything stored as a `rondo-data/1` backup into a file chosen in a dialog.
#[tauri::command]
pub async fn export_data<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<String, AppError> {
    let path = dialogs::save_file(&app, &state, "Rondo backup", "rondo-backup.json")?;
    let doc = state.read(|s| Ok(backup::export(s, Utc::now())?))?;
    let text = serde_json::to_vec_pretty(&doc).map_err(AppError::internal)?;
    std::fs::write(&path, text).map_err(|e| {
        AppError::new(
            ErrorCode::File,
            format!(
                "{} could not be written ({e}). Choose a folder you may write to.",
                path.display()
            ),
        )
    })?;
    Ok(path.display().to_string())
}

/// Replaces everything stored by a `rondo-data/1` backup chosen in a dialog (all or
/// nothing: a bad file changes nothing and the error names the record).
#[tauri::command]
pub async fn import_data<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<AppInfo, AppError> {
    let path = dialogs::pick_file(&app, &state, "Rondo backup", &["json"])?;
    let text = std::fs::read_to_string(&path).map_err(|e| {
        AppError::new(
            ErrorCode::File,
            format!(
                "{} could not be read ({e}). Check that the file exists and that you may read it.",
                path.display()
            ),
        )
    })?;
    let doc = backup::parse(&text)?;
    state.replace(|s| Ok(backup::restore(s, &doc).map(|_| ())?))?;
    Ok(info(&state))
}
