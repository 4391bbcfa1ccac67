//! Scheduling a candidate on the core's workbench (`usecases::workbench`): find ranked
//! options (off the main thread), draw one on the multi-zone timeline, move a round or
//! swap a person and see at once whether it still holds, accept a suggested relaxation
//! when nothing fits.

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::swap::Choice;
use rondo::usecases::workbench::horizon::{self, FindForm, ScheduleForm};
use rondo::usecases::workbench::view::{AnswerView, ScheduleView};
use serde::Serialize;
use tauri::{Manager, State};

/// Finds options for `find` (the engine runs here: call it off the main thread).
pub fn find(state: &AppState, find: &FindForm, now: DateTime<Utc>) -> Result<AnswerView, AppError> {
    // Storing a proposal changes nothing the pipeline shows: a read, for the cache.
    let answer = state.read(|s| Ok(state.workbench.find(s, find, now)?))?;
    if !answer.calendars.is_empty() {
        // Stale linked calendars were read first: busy time the cached lists show moved.
        state.touch();
    }
    Ok(answer)
}

/// Finds options for a candidate, plan and dates, off the main thread; the window stays live.
#[tauri::command]
pub async fn find_options<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    find: FindForm,
) -> Result<AnswerView, AppError> {
    tauri::async_runtime::spawn_blocking(move || {
        self::find(&app.state::<AppState>(), &find, Utc::now())
    })
    .await
    .map_err(AppError::internal)?
}

/// The Schedule screen's form for a candidate.
#[tauri::command]
pub fn schedule_form(
    state: State<'_, AppState>,
    candidate: String,
) -> Result<ScheduleForm, AppError> {
    state.read(|s| Ok(horizon::schedule_form(s, &candidate, Utc::now())?))
}

/// Makes the change the engine suggested (relaxation `index` of the current answer) to
/// what is stored, and finds options again; returns the change in words and the answer.
pub fn relax(state: &AppState, index: usize, now: DateTime<Utc>) -> Result<Relaxed, AppError> {
    let (changed, answer) = state.write(|s| Ok(state.workbench.relax(s, index, now)?))?;
    Ok(Relaxed { changed, answer })
}

/// What accepting a suggestion did.
#[derive(Debug, Clone, Serialize)]
pub struct Relaxed {
    /// The change made, in words.
    pub changed: String,
    /// The new answer.
    pub answer: AnswerView,
}

/// Accepts a suggested relaxation and finds options again, off the main thread.
#[tauri::command]
pub async fn accept_relaxation<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    index: usize,
) -> Result<Relaxed, AppError> {
    tauri::async_runtime::spawn_blocking(move || relax(&app.state::<AppState>(), index, Utc::now()))
        .await
        .map_err(AppError::internal)?
}

/// The current answer again (after switching screens); none before a search.
#[tauri::command]
pub fn current_answer(state: State<'_, AppState>) -> Option<AnswerView> {
    state.workbench.answer()
}

/// Draws option `option` on day `day` of the candidate's.
#[tauri::command]
pub fn show_option(
    state: State<'_, AppState>,
    option: usize,
    day: Option<usize>,
) -> Result<ScheduleView, AppError> {
    Ok(state.workbench.show(option, day)?)
}

/// Moves a round (drag or ←/→) and checks the option at once.
#[tauri::command]
pub fn move_round(
    state: State<'_, AppState>,
    option: usize,
    round: String,
    slots: i64,
) -> Result<ScheduleView, AppError> {
    Ok(state.workbench.move_round(option, &round, slots)?)
}

/// Puts option `option` back as the engine proposed it.
#[tauri::command]
pub fn reset_option(state: State<'_, AppState>, option: usize) -> Result<ScheduleView, AppError> {
    Ok(state.workbench.reset(option)?)
}

/// The eligible, free people who could replace an interviewer of a round, best first.
#[tauri::command]
pub fn swap_choices(
    state: State<'_, AppState>,
    option: usize,
    round: String,
    out: String,
) -> Result<Vec<Choice>, AppError> {
    Ok(state.workbench.swap_choices(option, &round, &out)?)
}

/// Swaps an interviewer of a round for one of the people offered.
#[tauri::command]
pub fn swap_interviewer(
    state: State<'_, AppState>,
    option: usize,
    round: String,
    out: String,
    into: String,
) -> Result<ScheduleView, AppError> {
    Ok(state.workbench.swap(option, &round, &out, &into)?)
}
