//! Interviewers: who they are, their zone, pools, caps and weekly working hours
//! (`usecases::people`).

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::domain::InterviewerId;
use rondo::usecases::people::{self, InterviewerForm, InterviewerView, PeoplePage};
use rondo::usecases::records;
use std::collections::BTreeMap;
use tauri::State;

/// Interviewers matching `query`, a page from `offset`.
pub fn list(
    state: &AppState,
    query: &str,
    offset: usize,
    now: DateTime<Utc>,
) -> Result<PeoplePage, AppError> {
    let mut page = people::page(&state.interviewers()?, query, offset, now);
    state.read(|s| Ok(people::with_calendars(s, &mut page, now)?))?;
    Ok(page)
}

/// Adds (empty id) or edits an interviewer from the form; returns their id.
pub fn save(state: &AppState, form: &InterviewerForm) -> Result<String, AppError> {
    let i = state.write(|s| Ok(people::save(s, form)?))?;
    Ok(i.id.to_string())
}

/// A page of interviewers matching a search.
#[tauri::command]
pub fn list_interviewers(
    state: State<'_, AppState>,
    query: String,
    offset: usize,
) -> Result<PeoplePage, AppError> {
    list(&state, &query, offset, Utc::now())
}

/// Adds or edits an interviewer; returns their line.
#[tauri::command]
pub fn save_interviewer(
    state: State<'_, AppState>,
    form: InterviewerForm,
) -> Result<InterviewerView, AppError> {
    let i = state.write(|s| Ok(people::save(s, &form)?))?;
    Ok(people::view(&i, Utc::now()))
}

/// Deletes an interviewer no live booking and no plan names.
#[tauri::command]
pub fn delete_interviewer(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    let id = InterviewerId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
    state.write(|s| Ok(records::delete_interviewer(s, &id)?))
}

/// Replaces an interviewer's weekly working hours.
#[tauri::command]
pub fn set_working_hours(
    state: State<'_, AppState>,
    id: String,
    hours: BTreeMap<String, String>,
) -> Result<InterviewerView, AppError> {
    let i = state.write(|s| Ok(people::set_hours(s, &id, &hours)?))?;
    Ok(people::view(&i, Utc::now()))
}

/// The IANA zone names the time-zone pickers offer.
#[tauri::command]
pub fn zone_names() -> Vec<&'static str> {
    people::zone_names()
}
