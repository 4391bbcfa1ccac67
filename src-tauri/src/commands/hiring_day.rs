//! The Hiring day screen (`usecases::hiring_day`): the candidates, plans, offices and
//! days to choose from, the day planned by the batch engine (off the main thread) and
//! drawn by the core, and the whole day booked through the guarded path, its invites
//! written into a folder the coordinator chooses and its e-mails queued when mail is set
//! up. A round of the planned day moves by whole grid steps, re-checked by the core
//! against the whole day; the day's sheets (each interviewer's day, each candidate's
//! itinerary) are saved into a chosen folder.

use crate::dialogs;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::usecases::hiring_day::choose::{self, DayChoices, DayForm, Filter};
use rondo::usecases::hiring_day::sheets::SavedSheets;
use rondo::usecases::hiring_day::view::DayView;
use rondo::usecases::hiring_day::{self, BookedDay};
use serde::Serialize;
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

/// The day planned last, or a refusal saying to plan one before `what` (book, move…).
fn planned(state: &AppState, what: &str) -> Result<hiring_day::PlannedDay, AppError> {
    state.hiring_day().ok_or_else(|| {
        AppError::bad_input(format!("Plan the day first: there is nothing to {what}."))
    })
}

/// Books the planned day and writes its invites into `folder`; the day is then spent.
pub fn book_into(
    state: &AppState,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<BookedDay, AppError> {
    let planned = planned(state, "book")?;
    let booked = state.with_outbox(|out| {
        state.write(|s| Ok(hiring_day::book_planned(s, &planned, folder, out, now)?))
    })?;
    state.set_hiring_day(Some(hiring_day::PlannedDay {
        booked: true,
        ..planned
    }));
    Ok(booked)
}

/// Books every scheduled candidate of the planned day and writes the invites into a
/// folder chosen in a dialog.
#[tauri::command]
pub async fn book_hiring_day<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<BookedDay, AppError> {
    if planned(&state, "book")?.booked {
        return Err(rondo::usecases::UseCaseError::DayBooked.into());
    }
    let folder = dialogs::pick_folder(&app, &state, "Folder for the hiring day's invites")?;
    book_into(&state, &folder, Utc::now())
}

/// A round moved: the day drawn again and what changed, in words.
#[derive(Debug, Serialize)]
pub struct Moved {
    /// The day with the round moved.
    pub view: DayView,
    /// Which round of whom starts when now.
    pub said: String,
}

/// Moves round `round` of `candidate` on the planned day by `slots` grid steps; the
/// planned day (what "Book all" books) changes only when the whole day still keeps
/// every rule.
pub fn move_round(
    state: &AppState,
    candidate: &str,
    round: &str,
    slots: i64,
) -> Result<Moved, AppError> {
    let planned = planned(state, "move")?;
    let moved = hiring_day::move_round(&planned, candidate, round, slots)?;
    let view = moved.planned.view.clone();
    state.set_hiring_day(Some(moved.planned));
    Ok(Moved {
        view,
        said: moved.said,
    })
}

/// Moves a round of the planned day by whole grid steps (dragged, or the arrow keys).
#[tauri::command]
pub fn move_hiring_day_round(
    state: State<'_, AppState>,
    candidate: String,
    round: String,
    slots: i64,
) -> Result<Moved, AppError> {
    move_round(&state, &candidate, &round, slots)
}

/// Saves the planned day's sheets into `folder`.
pub fn save_sheets_into(
    state: &AppState,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<SavedSheets, AppError> {
    let planned = planned(state, "save")?;
    let organizer = state.settings().organizer();
    Ok(hiring_day::sheets::save(
        &planned.day,
        &organizer,
        folder,
        now,
    )?)
}

/// Saves each interviewer's day and each candidate's itinerary (text and calendar
/// files) into a folder chosen in a dialog.
#[tauri::command]
pub async fn save_hiring_day_sheets<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<SavedSheets, AppError> {
    planned(&state, "save")?;
    let folder = dialogs::pick_folder(&app, &state, "Folder for the day's sheets")?;
    save_sheets_into(&state, &folder, Utc::now())
}
