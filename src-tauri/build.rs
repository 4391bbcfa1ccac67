//! Build step of the desktop shell: embeds `tauri.conf.json` and `../ui`, and declares the
//! app's commands in the app manifest so that `capabilities/default.json` can allow
//! exactly these and nothing else (without a manifest every command is open to every
//! window). It also lists the licences of the crates the app is built from for Help →
//! About (`build/licences.rs`).

#[path = "build/licences.rs"]
mod licences;

/// Every `#[tauri::command]` the shell registers, one `allow-<name>` each in the capability.
const COMMANDS: &[&str] = &[
    "about",
    "opened_file",
    "dismiss_opened_file",
    "import_opened_calendar",
    "app_info",
    "settings",
    "set_organizer",
    "clear_data",
    "load_example",
    "export_data",
    "import_data",
    "pipeline",
    "candidate",
    "save_candidate",
    "delete_candidate",
    "list_interviewers",
    "save_interviewer",
    "delete_interviewer",
    "set_working_hours",
    "zone_names",
    "list_plans",
    "plan_templates",
    "create_plan",
    "save_plan",
    "delete_plan",
    "schedule_form",
    "find_options",
    "accept_relaxation",
    "current_answer",
    "show_option",
    "move_round",
    "reset_option",
    "swap_choices",
    "swap_interviewer",
    "hiring_day_choices",
    "plan_hiring_day",
    "book_hiring_day",
    "move_hiring_day_round",
    "save_hiring_day_sheets",
    "team_screen",
    "team_room",
    "person_training",
    "mark_trainee_held",
    "sign_off_trainee",
    "import_calendar",
    "import_dropped_calendar",
    "calendar_accounts",
    "add_calendar_account",
    "give_calendar_password",
    "link_calendar",
    "unlink_calendar",
    "link_calendars_by_email",
    "sync_calendars",
    "test_calendar_account",
    "set_team_calendar",
    "book_option",
    "send_update",
    "booked_view",
    "cancel_interviews",
    "reschedule_interview",
    "set_interview_status",
    "write_invites",
    "window_facts",
    "date_text",
    "date_month",
    "plan_pools",
    "plan_phrase",
    "mail_settings",
    "save_mail",
    "mail_off",
    "send_test_mail",
    "outbox",
    "retry_mail",
    "send_mail_now",
    "import_reply",
    "accept_proposal",
    "decline_proposal",
    "replacement_choices",
    "replace_interviewer",
    "offer_holds",
    "hold_offer",
    "pick_hold",
    "withdraw_holds",
];

fn main() {
    licences::write();
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("the Tauri build step failed (check tauri.conf.json and capabilities/): {e:#}");
    }
}
