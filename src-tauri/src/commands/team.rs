//! The Team screen and trainees: the heat map, who is closest to their cap, the loops
//! that still fit (`usecases::team_screen`), and a person's training path with its
//! interviews marked held and sign-off (`usecases::training`).

use crate::error::AppError;
use crate::state::AppState;
use chrono::Utc;
use rondo::domain::{zone_from_name, BookingId, InterviewerId};
use rondo::usecases::team_screen::{self, RoomLine, TeamScreen};
use rondo::usecases::training::{self, Standing};
use tauri::State;

/// Loops counted per plan and week at most (the screen says "20 or more").
const ROOM_LIMIT: usize = 20;

/// Input the core refused, for the window.
fn bad(e: impl std::fmt::Display) -> AppError {
    AppError::bad_input(format!("{e}."))
}

/// An interviewer id from the UI.
fn interviewer(id: String) -> Result<InterviewerId, AppError> {
    InterviewerId::new(id).map_err(bad)
}

/// The heat map, who is closest to their cap and the trainees, of one pool or everyone
/// (graduating whoever finished their path, hence a write).
#[tauri::command]
pub fn team_screen(
    state: State<'_, AppState>,
    zone: String,
    pool: Option<String>,
) -> Result<TeamScreen, AppError> {
    // The coordinator's zone, as the window's system reports it.
    let tz = zone_from_name("zone", &zone).map_err(bad)?;
    state.write(|s| {
        Ok(team_screen::team_screen(
            s,
            Utc::now(),
            tz,
            pool.as_deref(),
        )?)
    })
}

/// How many more loops of each plan fit this week and next.
#[tauri::command]
pub async fn team_room(
    state: State<'_, AppState>,
    zone: String,
) -> Result<Vec<RoomLine>, AppError> {
    // The coordinator's zone, as the window's system reports it.
    let tz = zone_from_name("zone", &zone).map_err(bad)?;
    state.read(|s| Ok(team_screen::room_lines(s, Utc::now(), tz, ROOM_LIMIT)?))
}

/// Where `id` stands on each path they train or trained for, with their interviews.
#[tauri::command]
pub fn person_training(state: State<'_, AppState>, id: String) -> Result<Vec<Standing>, AppError> {
    let id = interviewer(id)?;
    state.write(|s| Ok(training::of_person(s, &id, Utc::now())?))
}

/// Marks a trainee's interview as held.
#[tauri::command]
pub fn mark_trainee_held(
    state: State<'_, AppState>,
    booking: String,
    trainee: String,
) -> Result<Standing, AppError> {
    let booking = BookingId::new(booking).map_err(bad)?;
    let trainee = interviewer(trainee)?;
    state.write(|s| Ok(training::mark_held(s, &booking, &trainee, Utc::now())?))
}

/// Signs a trainee off for a pool: they join it.
#[tauri::command]
pub fn sign_off_trainee(
    state: State<'_, AppState>,
    id: String,
    pool: String,
) -> Result<Standing, AppError> {
    let id = interviewer(id)?;
    state.write(|s| Ok(training::sign_off(s, &id, &pool, Utc::now())?))
}
