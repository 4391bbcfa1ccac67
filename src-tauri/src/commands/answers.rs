//! The answers that come back (`usecases::replies`, `usecases::replace`): replies saved
//! from a mail client imported (a file chosen in a dialog), a proposed time accepted or
//! declined, and a declined interviewer's seat given to someone else with the update.

use super::ids::{booking_id, interviewer_id};
use crate::dialogs;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::domain::BookingId;
use rondo::swap::Choice;
use rondo::usecases::invites::SentLog;
use rondo::usecases::replies::{self, Declined, Outcome};
use rondo::usecases::{loops, replace};
use std::path::Path;
use tauri::State;

/// Applies the reply saved in `path` (`.eml` or `.ics`): what each message in it did.
pub fn import_file(
    state: &AppState,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<Outcome>, AppError> {
    let bytes = std::fs::read(path).map_err(|e| {
        AppError::new(
            crate::error::ErrorCode::File,
            format!(
                "{} could not be read ({e}). Check that the file exists and that you may read it.",
                path.display()
            ),
        )
    })?;
    state.with_outbox(|out| state.write(|s| Ok(replies::import(s, &bytes, out, now)?)))
}

/// Imports a reply chosen in a dialog.
#[tauri::command]
pub async fn import_reply<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Vec<Outcome>, AppError> {
    let path = dialogs::pick_file(&app, &state, "A saved reply", &["eml", "ics"])?;
    import_file(&state, &path, Utc::now())
}

/// The folder booking `id`'s invites were written to, if they were.
fn folder_of(state: &AppState, id: &BookingId) -> Result<Option<std::path::PathBuf>, AppError> {
    let sent: SentLog = state.sent()?;
    state.read(|s| {
        let b: rondo::domain::Booking = s.need(id.as_str())?;
        Ok(loops::sent_folder(&sent, std::slice::from_ref(&b)))
    })
}

/// Accepts the time `email` proposed for `booking`: the interview moves and the update
/// goes to everyone (and into the folder of its invites, if they were written).
pub fn accept(
    state: &AppState,
    booking: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let id = booking_id(booking)?;
    let folder = folder_of(state, &id)?;
    state.with_outbox(|out| {
        state.write(|s| {
            Ok(replies::accept_counter(s, &id, email, folder.as_deref(), out, now).map(|_| ())?)
        })
    })
}

/// Accepts a proposed time.
#[tauri::command]
pub fn accept_proposal(
    state: State<'_, AppState>,
    booking: String,
    email: String,
) -> Result<(), AppError> {
    accept(&state, &booking, &email, Utc::now())
}

/// Declines the time `email` proposed for `booking` at `now` (the person who proposed
/// it is told, when mail is set up).
pub fn decline(
    state: &AppState,
    booking: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Declined, AppError> {
    let id = booking_id(booking)?;
    state.with_outbox(|out| state.write(|s| Ok(replies::decline_counter(s, &id, email, out, now)?)))
}

/// Declines a proposed time (the person who proposed it is told, when mail is set up).
#[tauri::command]
pub fn decline_proposal(
    state: State<'_, AppState>,
    booking: String,
    email: String,
) -> Result<Declined, AppError> {
    decline(&state, &booking, &email, Utc::now())
}

/// Who could take `out`'s seat in `booking`, least loaded first.
pub fn choices(state: &AppState, booking: &str, out: &str) -> Result<Vec<Choice>, AppError> {
    let (id, who) = (booking_id(booking)?, interviewer_id(out)?);
    state.read(|s| Ok(replace::choices(s, &id, &who)?))
}

/// The people who could replace an interviewer who declined.
#[tauri::command]
pub fn replacement_choices(
    state: State<'_, AppState>,
    booking: String,
    out: String,
) -> Result<Vec<Choice>, AppError> {
    choices(&state, &booking, &out)
}

/// Gives `out`'s seat in `booking` to `into` and sends the update (and the invites'
/// folder gets it too, when they were written to one).
pub fn replace_in(
    state: &AppState,
    booking: &str,
    out: &str,
    into: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (id, out, into) = (
        booking_id(booking)?,
        interviewer_id(out)?,
        interviewer_id(into)?,
    );
    let folder = folder_of(state, &id)?;
    state.with_outbox(|ob| {
        state.write(|s| {
            Ok(replace::replace(s, &id, &out, &into, folder.as_deref(), ob, now).map(|_| ())?)
        })
    })
}

/// Replaces an interviewer who declined and sends the update.
#[tauri::command]
pub fn replace_interviewer(
    state: State<'_, AppState>,
    booking: String,
    out: String,
    into: String,
) -> Result<(), AppError> {
    replace_in(&state, &booking, &out, &into, Utc::now())
}
