//! Rondo's desktop shell: a Tauri 2 window over the core library `rondo`. Commands
//! (split by domain under [`commands`]) adapt the core's use cases on the store opened in
//! the data folder ([`state::AppState`]); nothing here schedules or does time-zone
//! arithmetic. Errors reach the UI as [`error::AppError`] (`{code, message}`).
pub mod about;
pub mod commands;
pub mod dialogs;
pub mod error;
pub mod instance;
pub mod logging;
pub mod state;

use state::{AppState, DialogOverrides};
use tauri::Manager;

/// When the process started (the first call of [`started`], made first thing in [`run`]).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The instant Rondo's window process started.
pub fn started() -> std::time::Instant {
    *STARTED.get_or_init(std::time::Instant::now)
}

/// Builds and runs the window until it is closed.
pub fn run() {
    started();
    logging::init();
    tracing::info!("Rondo {} starting", env!("CARGO_PKG_VERSION"));
    let data_dir = rondo::store::resolve_data_dir(None);
    let mut builder = tauri::Builder::default();
    if let Ok(dir) = &data_dir {
        // First: a second start on this folder hands over here and exits (instance.rs).
        builder = builder.plugin(instance::plugin(dir));
    }
    let result = builder
        .plugin(tauri_plugin_dialog::init())
        .manage(instance::OpenedFile::default())
        .setup(move |app| {
            // The store is opened here, before the page asks for anything; a folder that
            // cannot be opened (another Rondo has it, damaged, unwritable) becomes the
            // message the window shows instead of its screens, never a crash or a hang.
            let state = match data_dir {
                Ok(dir) => AppState::open(dir, DialogOverrides::from_env(), chrono::Utc::now()),
                Err(e) => AppState::failed(std::path::PathBuf::new(), e.into()),
            };
            tracing::info!("data folder {}", state.data_dir.display());
            if let Some(e) = state.open_error() {
                tracing::warn!("the data could not be opened: {}", e.message);
            }
            app.manage(state);
            // A file this start was asked to open ("Open with Rondo") waits for the page.
            let args: Vec<String> = std::env::args().collect();
            let cwd = std::env::current_dir().unwrap_or_default();
            instance::open_files_of(app.handle(), &args, &cwd);
            // The pipeline of a big team takes a moment to build: start now, while the
            // page loads, so the first screen finds it ready.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                let _ = handle.state::<AppState>().pipeline(chrono::Utc::now());
            });
            // The outbox is sent in the background: at start (what an earlier run left),
            // after every change that queued mail, and when retries come due.
            let handle = app.handle().clone();
            std::thread::spawn(move || commands::mail::run_sender(&handle.state::<AppState>()));
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
            commands::about::about,
            commands::opened::opened_file,
            commands::opened::dismiss_opened_file,
            commands::opened::import_opened_calendar,
            commands::app::app_info,
            commands::app::settings,
            commands::app::set_organizer,
            commands::app::clear_data,
            commands::app::load_example,
            commands::app::export_data,
            commands::app::import_data,
            commands::candidates::pipeline,
            commands::candidates::candidate,
            commands::candidates::save_candidate,
            commands::candidates::delete_candidate,
            commands::people::list_interviewers,
            commands::people::save_interviewer,
            commands::people::delete_interviewer,
            commands::people::set_working_hours,
            commands::people::zone_names,
            commands::plans::list_plans,
            commands::plans::plan_templates,
            commands::plans::create_plan,
            commands::plans::save_plan,
            commands::plans::delete_plan,
            commands::scheduling::schedule_form,
            commands::scheduling::find_options,
            commands::scheduling::accept_relaxation,
            commands::scheduling::current_answer,
            commands::scheduling::show_option,
            commands::scheduling::move_round,
            commands::scheduling::reset_option,
            commands::scheduling::swap_choices,
            commands::scheduling::swap_interviewer,
            commands::hiring_day::hiring_day_choices,
            commands::hiring_day::plan_hiring_day,
            commands::hiring_day::book_hiring_day,
            commands::hiring_day::move_hiring_day_round,
            commands::hiring_day::save_hiring_day_sheets,
            commands::team::team_screen,
            commands::team::team_room,
            commands::team::person_training,
            commands::team::mark_trainee_held,
            commands::team::sign_off_trainee,
            commands::calendar::import_calendar,
            commands::calendar::import_dropped_calendar,
            commands::connected::calendar_accounts,
            commands::connected::add_calendar_account,
            commands::connected::give_calendar_password,
            commands::connected::link_calendar,
            commands::connected::unlink_calendar,
            commands::connected::link_calendars_by_email,
            commands::connected::sync_calendars,
            commands::connected::test_calendar_account,
            commands::connected::set_team_calendar,
            commands::bookings::book_option,
            commands::bookings::send_update,
            commands::bookings::booked_view,
            commands::bookings::cancel_interviews,
            commands::bookings::reschedule_interview,
            commands::bookings::set_interview_status,
            commands::bookings::write_invites,
            commands::window::window_facts,
            commands::window::date_text,
            commands::window::date_month,
            commands::window::plan_pools,
            commands::window::plan_phrase,
            commands::mail::mail_settings,
            commands::mail::save_mail,
            commands::mail::mail_off,
            commands::mail::send_test_mail,
            commands::mail::outbox,
            commands::mail::retry_mail,
            commands::mail::send_mail_now,
            commands::answers::import_reply,
            commands::answers::accept_proposal,
            commands::answers::decline_proposal,
            commands::answers::replacement_choices,
            commands::answers::replace_interviewer,
            commands::holds::offer_holds,
            commands::holds::hold_offer,
            commands::holds::pick_hold,
            commands::holds::withdraw_holds,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("Rondo could not start: {e}");
        std::process::exit(1);
    }
}
