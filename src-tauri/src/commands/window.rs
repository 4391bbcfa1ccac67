//! What the window itself asks of the core: its constants (fetched once at start), date
//! fields read and written in the person's date style with the month their picker shows,
//! and the plan editor's pickers (the pools to choose from, the text a choice adds).

use crate::error::{sentence, AppError};
use crate::state::AppState;
use chrono::NaiveDate;
use rondo::display::dates::{self, DateStyle, DateText, Month};
use rondo::usecases::window::{self, PlanPiece, WindowFacts};
use tauri::State;

/// The window's constants; the date style of the process's locale among them.
#[tauri::command]
pub fn window_facts() -> WindowFacts {
    window::facts(DateStyle::from_env(|k| std::env::var(k).ok()))
}

/// The date typed in field `field` (its label), read in `style`, with its text written
/// back in that style.
#[tauri::command]
pub fn date_text(text: String, style: DateStyle, field: String) -> Result<DateText, AppError> {
    dates::read(&text, style).map_err(|e| AppError::bad_input(format!("{field}: {e}.")))
}

/// The month a date field's picker shows: the month of `shown` (else of `chosen`, else
/// this computer's today), `chosen` marked, each day's text in `style`.
#[tauri::command]
pub fn date_month(shown: Option<NaiveDate>, chosen: Option<NaiveDate>, style: DateStyle) -> Month {
    dates::month(shown, chosen, chrono::Local::now().date_naive(), style)
}

/// Every pool of the stored interviewers, for the plan editor's "who" picker.
#[tauri::command]
pub fn plan_pools(state: State<'_, AppState>) -> Result<Vec<String>, AppError> {
    state.read(|s| Ok(window::pools(s)?))
}

/// The text a plan editor's picker adds to a round's "who" or "after" field.
#[tauri::command]
pub fn plan_phrase(piece: PlanPiece) -> Result<String, AppError> {
    window::phrase(&piece)
        .map_err(|e| AppError::bad_input(format!("{}.", sentence(&e.to_string()))))
}
