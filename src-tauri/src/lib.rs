//! Rondo's desktop shell: a Tauri 2 window over the core library `rondo`. Commands
//! (split by domain under [`commands`]) adapt the core; nothing here schedules or does
//! time-zone arithmetic. Errors reach the UI as [`error::AppError`] (`{code, message}`).
pub mod commands;
pub mod dialogs;
pub mod error;
pub mod state;

use state::{AppState, DialogOverrides, Workspace};
use std::path::PathBuf;
use tauri::Manager;

/// The data folder: `RONDO_DATA_DIR` when set, else the platform's app-data folder.
fn data_dir<R: tauri::Runtime>(app: &tauri::App<R>) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("RONDO_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    app.path()
        .app_data_dir()
        .map_err(|e| format!("no data folder could be found for Rondo ({e}); set RONDO_DATA_DIR to a folder of your choice"))
}

/// When the process started (the first call of [`started`], made first thing in [`run`]).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The instant Rondo's window process started.
pub fn started() -> std::time::Instant {
    *STARTED.get_or_init(std::time::Instant::now)
}

/// Builds and runs the window until it is closed.
pub fn run() {
    started();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let dir = data_dir(app)?;
            std::fs::create_dir_all(&dir).map_err(|e| {
                format!("the data folder {} could not be created ({e}); set RONDO_DATA_DIR to a folder you may write to", dir.display())
            })?;
            let workspace = Workspace::open(&dir);
            app.manage(AppState::new(dir, workspace, DialogOverrides::from_env()));
            Ok(())
        })
        .on_window_event(|window, event| {
            // A file dropped on the window: Rust keeps its path; the page only learns that
            // something was dropped (and where) and names the interviewer.
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                if let (Some(path), Some(state)) = (paths.first(), window.try_state::<AppState>()) {
                    state.set_dropped(path.clone());
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::load_example,
            commands::app::open_request,
            commands::candidates::pipeline,
            commands::people::list_interviewers,
            commands::people::add_interviewer,
            commands::people::set_working_hours,
            commands::people::zone_names,
            commands::plans::list_rounds,
            commands::plans::set_round_duration,
            commands::scheduling::find_options,
            commands::scheduling::accept_relaxation,
            commands::scheduling::current_answer,
            commands::scheduling::show_option,
            commands::scheduling::move_round,
            commands::scheduling::reset_option,
            commands::scheduling::swap_choices,
            commands::scheduling::swap_interviewer,
            commands::calendar::import_calendar,
            commands::calendar::import_dropped_calendar,
            commands::calendar::book_option,
            commands::calendar::send_update,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Rondo could not start: {e}");
        std::process::exit(1);
    }
}
