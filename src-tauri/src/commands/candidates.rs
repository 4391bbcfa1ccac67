//! The pipeline and the candidates in it: a searchable page of candidates with what
//! waits on the coordinator (`usecases::pipeline`, cached), one candidate's page and the
//! candidate form (`usecases::candidates`).

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::domain::CandidateId;
use rondo::usecases::candidates::{self, CandidateDetail, CandidateForm};
use rondo::usecases::pipeline::{self, Page, Waiting, PAGE_SIZE};
use rondo::usecases::records;
use tauri::State;

/// A page of the pipeline matching `query` (and `waiting`, when given), from `offset`.
pub fn page(
    state: &AppState,
    query: &str,
    waiting: Option<Waiting>,
    offset: usize,
    now: DateTime<Utc>,
) -> Result<Page, AppError> {
    let rows = state.pipeline(now)?;
    Ok(pipeline::page(&rows, query, waiting, offset, PAGE_SIZE))
}

/// The pipeline page.
#[tauri::command]
pub fn pipeline(
    state: State<'_, AppState>,
    query: String,
    waiting: Option<Waiting>,
    offset: usize,
) -> Result<Page, AppError> {
    page(&state, &query, waiting, offset, Utc::now())
}

/// A candidate's page.
pub fn detail(state: &AppState, id: &str, now: DateTime<Utc>) -> Result<CandidateDetail, AppError> {
    let sent = state.sent()?;
    state.read(|s| Ok(candidates::detail(s, &sent, id, now)?))
}

/// Adds (empty id) or replaces a candidate from the form; returns their id.
pub fn save(state: &AppState, form: &CandidateForm) -> Result<String, AppError> {
    let c = state.write(|s| Ok(candidates::save(s, form)?))?;
    Ok(c.id.to_string())
}

/// One candidate's page.
#[tauri::command]
pub fn candidate(state: State<'_, AppState>, id: String) -> Result<CandidateDetail, AppError> {
    detail(&state, &id, Utc::now())
}

/// Adds or edits a candidate and returns their page.
#[tauri::command]
pub fn save_candidate(
    state: State<'_, AppState>,
    form: CandidateForm,
) -> Result<CandidateDetail, AppError> {
    let id = save(&state, &form)?;
    detail(&state, &id, Utc::now())
}

/// Deletes a candidate with no live interview.
#[tauri::command]
pub fn delete_candidate(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    let id = CandidateId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
    state.write(|s| Ok(records::delete_candidate(s, &id)?))
}
