//! The Hiring day screen (`usecases::hiring_day`): the candidates, plans, offices and
//! days to choose from, the day planned by the batch engine (off the main thread) and
//! drawn by the core, and the whole day booked through the guarded path, its invites
//! written into a folder the coordinator chooses and its e-mails queued when mail is set
//! up.

use crate::dialogs;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::usecases::hiring_day::choose::{self, DayChoices, DayForm, Filter};
use rondo::usecases::hiring_day::view::DayView;
use rondo::usecases::hiring_day::{self, BookedDay};
use std::path::Path;
use tauri::{Manager, State};

/// What the screen offers for `filter`.
pub fn choices(
    state: &AppState,
    filter: &Filter,
    now: DateTime<Utc>,
) -> Result<DayChoices, AppError> {
    let rows = state.pipeline(now)?;
    state.read(|s| Ok(choose::choices(s, &rows, filter, now)?))
}

/// The candidates matching the filter, the jobs, offices and days to choose from.
#[tauri::command]
pub fn hiring_day_choices(
    state: State<'_, AppState>,
    filter: Filter,
) -> Result<DayChoices, AppError> {
    choices(&state, &filter, Utc::now())
}

/// Plans the day of `form` and keeps it for booking; returns it drawn.
pub fn plan(state: &AppState, form: &DayForm) -> Result<DayView, AppError> {
    let planned = state.read(|s| Ok(hiring_day::plan(s, form)?))?;
    let view = planned.view.clone();
    state.set_hiring_day(Some(planned));
    Ok(view)
}

/// Plans the day (the engine runs off the main thread; the window stays live).
#[tauri::command]
pub async fn plan_hiring_day<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    form: DayForm,
) -> Result<DayView, AppError> {
    tauri::async_runtime::spawn_blocking(move || plan(&app.state::<AppState>(), &form))
        .await
        .map_err(AppError::internal)?
}

/// Books the planned day and writes its invites into `folder`; the day is then spent.
pub fn book_into(
    state: &AppState,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<BookedDay, AppError> {
    let planned = state
        .hiring_day()
        .ok_or_else(|| AppError::bad_input("Plan the day first: there is nothing to book."))?;
    let booked = state.with_outbox(|out| {
        state.write(|s| Ok(hiring_day::book_planned(s, &planned, folder, out, now)?))
    })?;
    state.set_hiring_day(None);
    Ok(booked)
}

/// Books every scheduled candidate of the planned day and writes the invites into a
/// folder chosen in a dialog.
#[tauri::command]
pub async fn book_hiring_day<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<BookedDay, AppError> {
    if state.hiring_day().is_none() {
        return Err(AppError::bad_input(
            "Plan the day first: there is nothing to book.",
        ));
    }
    let folder = dialogs::pick_folder(&app, &state, "Folder for the hiring day's invites")?;
    book_into(&state, &folder, Utc::now())
}
