//! Help → About ([`crate::about`]).

use crate::about::About;
use crate::state::AppState;
use tauri::State;

/// Version, data folder, log file and the licences of the crates Rondo is built from.
#[tauri::command]
pub fn about(state: State<'_, AppState>) -> About {
    crate::about::about(&state.data_dir)
}
