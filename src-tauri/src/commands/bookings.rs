//! Booking and sending (`usecases::workbench`, `usecases::loops`): book the option shown
//! (as adjusted) with the store's atomic re-check and write its invites into a folder the
//! coordinator chooses; later, move the booked rounds together (an update with the same
//! UIDs), move one interview, move a booking along its life cycle, or cancel a loop
//! (CANCEL files with the same UIDs).

use super::ids::{booking_id, candidate_id};
use crate::dialogs;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::domain::BookingStatus;
use rondo::usecases::candidates::BookingLine;
use rondo::usecases::loops::{self, Sent};
use rondo::usecases::workbench::view::ScheduleView;
use std::path::Path;
use tauri::State;

/// Books option `option` of the workbench as adjusted and writes its invites into
/// `folder`.
pub fn book_into(
    state: &AppState,
    option: usize,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    state.with_outbox(|out| {
        state.write(|s| Ok(state.workbench.book(s, option, folder, out, now)?))
    })
}

/// Books option `option` and writes its invites into a folder chosen in a dialog.
#[tauri::command]
pub async fn book_option<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    option: usize,
) -> Result<Sent, AppError> {
    let folder = dialogs::pick_folder(&app, &state, "Folder for the invites")?;
    book_into(&state, option, &folder, Utc::now())
}

/// Moves the booked option's moved rounds together (all or nothing) and writes their
/// updated invites where the first ones went.
pub fn update_into(state: &AppState, now: DateTime<Utc>) -> Result<Sent, AppError> {
    let fallback = state.dialogs.folder.as_deref();
    state.with_outbox(|out| {
        state.write(|s| Ok(state.workbench.send_update(s, fallback, out, now)?))
    })
}

/// Writes updated invites of the booked option's moved rounds (same UIDs, SEQUENCE + 1).
#[tauri::command]
pub fn send_update(state: State<'_, AppState>) -> Result<Sent, AppError> {
    update_into(&state, Utc::now())
}

/// The booked option drawn again (after an update).
#[tauri::command]
pub fn booked_view(state: State<'_, AppState>) -> Result<ScheduleView, AppError> {
    Ok(state.workbench.booked_view()?)
}

/// Cancels every live interview of `candidate` (each SEQUENCE + 1) and writes the
/// CANCEL messages into `folder`; the workbench forgets the candidate's options.
pub fn cancel_loop(
    state: &AppState,
    candidate: &str,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    let id = candidate_id(candidate)?;
    let cancelled = state
        .with_outbox(|out| state.write(|s| Ok(loops::cancel(s, &id, Some(folder), out, now)?)))?;
    state.workbench.forget(&id);
    cancelled
        .sent
        .ok_or_else(|| AppError::internal("cancelled without invites"))
}

/// Cancels a candidate's interviews and writes the cancellations where their invites
/// went, or into a folder chosen in a dialog (the UI asks first).
#[tauri::command]
pub async fn cancel_interviews<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    candidate: String,
) -> Result<Sent, AppError> {
    let id = candidate_id(&candidate)?;
    let sent = state.sent()?;
    let known = state.read(|s| Ok(loops::loop_folder(s, &sent, &id)?))?;
    let folder = match known {
        Some(f) => f,
        None => dialogs::pick_folder(&app, &state, "Folder for the cancellations")?,
    };
    cancel_loop(&state, &candidate, &folder, Utc::now())
}

/// Moves an interview to start at `date` `time` on the candidate's clock and writes its
/// update where its invites went.
pub fn reschedule(
    state: &AppState,
    booking: &str,
    date: &str,
    time: &str,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    let id = booking_id(booking)?;
    let fallback = state.dialogs.folder.as_deref();
    state.with_outbox(|out| {
        state.write(|s| {
            Ok(loops::reschedule_at(
                s, &id, date, time, fallback, out, now,
            )?)
        })
    })
}

/// Moves an interview (date and time on the candidate's clock) and writes its update.
#[tauri::command]
pub fn reschedule_interview(
    state: State<'_, AppState>,
    booking: String,
    date: String,
    time: String,
) -> Result<Sent, AppError> {
    reschedule(&state, &booking, &date, &time, Utc::now())
}

/// Moves an interview along its life cycle (held, confirmed).
#[tauri::command]
pub fn set_interview_status(
    state: State<'_, AppState>,
    booking: String,
    status: BookingStatus,
) -> Result<Vec<BookingLine>, AppError> {
    let id = booking_id(&booking)?;
    let sent = state.sent()?;
    state.write(|s| Ok(loops::set_status(s, &sent, &id, status, Utc::now())?))
}

/// Writes the invites of a candidate's interviews that are waiting to be sent into a
/// folder chosen in a dialog.
#[tauri::command]
pub async fn write_invites<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    candidate: String,
) -> Result<Sent, AppError> {
    let id = candidate_id(&candidate)?;
    let sent = state.sent()?;
    state.read(|s| Ok(loops::waiting(s, &sent, &id).map(|_| ())?))?;
    let folder = dialogs::pick_folder(&app, &state, "Folder for the invites")?;
    state.with_outbox(|out| {
        state.write(|s| Ok(loops::write_waiting(s, &id, &folder, out, Utc::now())?))
    })
}
