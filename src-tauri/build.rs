//! Build step of the desktop shell: embeds `tauri.conf.json` and `../ui`, and declares the
//! app's commands in the app manifest so that `capabilities/default.json` can allow
//! exactly these and nothing else (without a manifest every command is open to every
//! window).

/// Every `#[tauri::command]` the shell registers, one `allow-<name>` each in the capability.
const COMMANDS: &[&str] = &[
    "app_info",
    "load_example",
    "open_request",
    "pipeline",
    "list_interviewers",
    "add_interviewer",
    "set_working_hours",
    "zone_names",
    "list_rounds",
    "set_round_duration",
    "find_options",
    "accept_relaxation",
    "current_answer",
    "show_option",
    "move_round",
    "reset_option",
    "swap_choices",
    "swap_interviewer",
    "import_calendar",
    "import_dropped_calendar",
    "book_option",
    "send_update",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("the Tauri build step failed (check tauri.conf.json and capabilities/): {e:#}");
    }
}
