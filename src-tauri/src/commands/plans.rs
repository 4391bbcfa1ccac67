//! Interview plans: list a job's plans, start one from a built-in template, edit its
//! rounds, delete it (`usecases::plans`; the core validates every plan before it is
//! stored).

use crate::error::AppError;
use crate::state::AppState;
use chrono::Utc;
use rondo::domain::PlanId;
use rondo::usecases::plans::{self, PlanForm, TEMPLATES};
use rondo::usecases::records;
use tauri::State;

/// Every plan, by job, with how many candidates are in it (counted on the pipeline's
/// cached lines).
pub fn list(state: &AppState) -> Result<Vec<PlanForm>, AppError> {
    let rows = state.pipeline(Utc::now())?;
    state.read(|s| Ok(plans::list(s, &rows)?))
}

/// Stores a new plan for `job` from template `template`; returns its id.
pub fn create(state: &AppState, template: &str, job: &str) -> Result<String, AppError> {
    let plan = state.write(|s| Ok(plans::create(s, template, job)?))?;
    Ok(plan.id.to_string())
}

/// Stores an edited plan (refused with the reason when it is not valid).
pub fn save(state: &AppState, form: &PlanForm) -> Result<(), AppError> {
    state.write(|s| Ok(plans::save(s, form).map(|_| ())?))
}

/// Every plan.
#[tauri::command]
pub fn list_plans(state: State<'_, AppState>) -> Result<Vec<PlanForm>, AppError> {
    list(&state)
}

/// The built-in templates.
#[tauri::command]
pub fn plan_templates() -> Vec<(&'static str, &'static str)> {
    TEMPLATES.to_vec()
}

/// A new plan from a template; lists the plans again.
#[tauri::command]
pub fn create_plan(
    state: State<'_, AppState>,
    template: String,
    job: String,
) -> Result<Vec<PlanForm>, AppError> {
    create(&state, &template, &job)?;
    list(&state)
}

/// Stores an edited plan; lists the plans again.
#[tauri::command]
pub fn save_plan(state: State<'_, AppState>, form: PlanForm) -> Result<Vec<PlanForm>, AppError> {
    save(&state, &form)?;
    list(&state)
}

/// Deletes a plan no candidate is in; lists the plans again.
#[tauri::command]
pub fn delete_plan(state: State<'_, AppState>, id: String) -> Result<Vec<PlanForm>, AppError> {
    let id = PlanId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
    state.write(|s| Ok(records::delete_plan(s, &id)?))?;
    list(&state)
}
