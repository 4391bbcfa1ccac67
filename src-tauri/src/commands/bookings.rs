//! Booking and sending: book the option shown (as adjusted) with the store's atomic
//! re-check, write the candidate's and the panel's invites into a folder the coordinator
//! chooses; later, move a booked round (an update with the same UIDs), move a booking
//! along its life cycle, or cancel a loop (CANCEL files with the same UIDs).

use super::candidates::{booking_lines, BookingLine};
use super::scheduling::{schedule_view, with_session, ScheduleView};
use crate::dialogs;
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, BookedLoop};
use chrono::{DateTime, NaiveDate, Utc};
use rondo::domain::{Booking, BookingId, BookingStatus, Candidate, CandidateId};
use rondo::usecases::{bookings, invites, propose};
use rondo::zone::{wall_instant, WallTime};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::State;

/// Invite files written, and the interviews they are for.
#[derive(Debug, Clone, Serialize)]
pub struct Sent {
    /// The folder.
    pub folder: String,
    /// The files, by name.
    pub files: Vec<String>,
    /// The highest SEQUENCE written (0 for first invites).
    pub sequence: u32,
    /// The interviews, as stored now.
    pub bookings: Vec<BookingLine>,
}

/// Writes the invites of `list` (as stored) into `folder` and records them.
pub fn send(
    state: &AppState,
    list: &[Booking],
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    let organizer = state.settings().organizer();
    let written = state.write(|s| Ok(invites::write(s, list, folder, &organizer, now)?))?;
    let lines = match list.first() {
        Some(b) => {
            let c: Candidate = state.read(|s| Ok(s.need(b.candidate.as_str())?))?;
            booking_lines(state, &c, list)?
        }
        None => Vec::new(),
    };
    Ok(Sent {
        folder: written.folder.display().to_string(),
        files: written.files,
        sequence: list.iter().map(|b| b.sequence).max().unwrap_or(0),
        bookings: lines,
    })
}

/// Books option `option` of the session as adjusted (re-checked atomically by the
/// store) and writes its invites into `folder`.
pub fn book_into(
    state: &AppState,
    option: usize,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    let (candidate, rounds) = with_session(state, |ws| {
        if ws.booked.is_some() {
            return Err(AppError::bad_input(
                "An option of this search is booked already. Move its rounds and write updated invites, or cancel it from the candidate's page first.",
            ));
        }
        let holds = rondo::engine::check(&ws.problem, ws.option(option)?);
        if let Some(v) = holds.first() {
            return Err(AppError::bad_input(format!(
                "This option breaks a rule ({}). Move the round back or undo your moves before booking.",
                v.message
            )));
        }
        Ok((ws.candidate.clone(), ws.option(option)?.to_vec()))
    })?;
    let booked = state.write(|s| {
        propose::adjust_option(s, &candidate, option + 1, &rounds)?;
        Ok(bookings::book(s, &candidate, option + 1, now)?)
    })?;
    with_session(state, |ws| {
        ws.booked = Some(BookedLoop {
            option,
            bookings: booked.clone(),
        });
        Ok(())
    })?;
    send(state, &booked, folder, now)
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

/// Stores the booked option's moved rounds (each a reschedule: same UID, SEQUENCE + 1)
/// and writes their updated invites where the first ones went.
pub fn update_into(state: &AppState, now: DateTime<Utc>) -> Result<Sent, AppError> {
    let (moved, option) = with_session(state, |ws| {
        let b = ws.booked.as_ref().ok_or_else(|| {
            AppError::new(
                ErrorCode::NotReady,
                "Nothing is booked yet. Book an option first.",
            )
        })?;
        let placed = ws.option(b.option)?;
        if let Some(v) = rondo::engine::check(&ws.problem, placed).first() {
            return Err(AppError::bad_input(format!(
                "The option breaks a rule ({}). Move the round back before sending.",
                v.message
            )));
        }
        let moved: Vec<(BookingId, DateTime<Utc>)> = b
            .bookings
            .iter()
            .filter_map(|x| {
                placed
                    .iter()
                    .find(|r| r.round == x.round.as_str() && r.start != x.start)
                    .map(|r| (x.id.clone(), r.start))
            })
            .collect();
        Ok((moved, b.option))
    })?;
    if moved.is_empty() {
        return Err(AppError::new(
            ErrorCode::NotReady,
            "No round of the booked option has moved: the invites already written are up to date.",
        ));
    }
    let changed = state.write(|s| {
        moved
            .iter()
            .map(|(id, start)| Ok(bookings::reschedule(s, id, *start, now)?))
            .collect::<Result<Vec<Booking>, AppError>>()
    })?;
    with_session(state, |ws| {
        if let Some(b) = ws.booked.as_mut().filter(|b| b.option == option) {
            for c in &changed {
                if let Some(x) = b.bookings.iter_mut().find(|x| x.id == c.id) {
                    *x = c.clone();
                }
            }
        }
        Ok(())
    })?;
    let folder = folder_for(state, &changed)?;
    send(state, &changed, &folder, now)
}

/// Where updates of `list` go: the folder their invites last went to.
fn folder_for(state: &AppState, list: &[Booking]) -> Result<PathBuf, AppError> {
    let sent = state.sent()?;
    list.iter()
        .find_map(|b| sent.folder(&b.id).map(Path::to_path_buf))
        .or_else(|| state.dialogs.folder.clone())
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotReady,
                "These invites were never written. Use \u{201c}Write invites\u{201d} on the candidate's page to choose a folder.",
            )
        })
}

/// Writes updated invites of the booked option's moved rounds (same UIDs, SEQUENCE + 1).
#[tauri::command]
pub fn send_update(state: State<'_, AppState>) -> Result<Sent, AppError> {
    update_into(&state, Utc::now())
}

/// The session's booked option drawn again (after an update).
#[tauri::command]
pub fn booked_view(state: State<'_, AppState>) -> Result<ScheduleView, AppError> {
    with_session(&state, |ws| {
        let option = ws.booked.as_ref().map_or(0, |b| b.option);
        schedule_view(ws, option, None)
    })
}

fn candidate_id(id: &str) -> Result<CandidateId, AppError> {
    CandidateId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))
}

/// The live interviews of candidate `id`.
fn live_of(state: &AppState, id: &str) -> Result<Vec<Booking>, AppError> {
    super::candidates::bookings_of(state, &candidate_id(id)?)
}

/// Cancels every live interview of `candidate` (each SEQUENCE + 1) and writes the
/// CANCEL messages into `folder` (or where their invites went).
pub fn cancel_loop(
    state: &AppState,
    candidate: &str,
    folder: Option<&Path>,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    let id = candidate_id(candidate)?;
    let live = live_of(state, candidate)?;
    if live.is_empty() {
        return Err(AppError::new(
            ErrorCode::NotReady,
            "This candidate has no interview to cancel.",
        ));
    }
    let folder = match folder {
        Some(f) => f.to_path_buf(),
        None => folder_for(state, &live)?,
    };
    let cancelled = state.write(|s| {
        live.iter()
            .map(|b| Ok(bookings::cancel(s, &b.id, now)?))
            .collect::<Result<Vec<Booking>, AppError>>()
    })?;
    let mut session = state.session();
    if session.as_ref().is_some_and(|s| s.candidate == id) {
        *session = None;
    }
    drop(session);
    send(state, &cancelled, &folder, now)
}

/// Cancels a candidate's interviews and writes the cancellations (the UI asks first,
/// saying how many invites will be cancelled).
#[tauri::command]
pub async fn cancel_interviews<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    candidate: String,
) -> Result<Sent, AppError> {
    let live = live_of(&state, &candidate)?;
    let known = folder_for(&state, &live).ok();
    let folder = match known {
        Some(f) => f,
        None => dialogs::pick_folder(&app, &state, "Folder for the cancellations")?,
    };
    cancel_loop(&state, &candidate, Some(&folder), Utc::now())
}

/// Moves an interview to start at `date` `time` on the candidate's clock (same length
/// and people, re-checked), and writes its update where its invites went.
pub fn reschedule(
    state: &AppState,
    booking: &str,
    date: &str,
    time: &str,
    now: DateTime<Utc>,
) -> Result<Sent, AppError> {
    let b: Booking = state.read(|s| Ok(s.need(booking)?))?;
    let c: Candidate = state.read(|s| Ok(s.need(b.candidate.as_str())?))?;
    let day: NaiveDate = date.trim().parse().map_err(|_| {
        AppError::bad_input("Date: pick a day (YYYY-MM-DD) in the candidate's zone.")
    })?;
    let at = WallTime::parse(time.trim(), false)
        .ok_or_else(|| AppError::bad_input("Time: write it like 14:30 (24-hour clock)."))?;
    let start = wall_instant(c.time_zone, day, at);
    let moved = state.write(|s| Ok(bookings::reschedule(s, &b.id, start, now)?))?;
    let folder = folder_for(state, std::slice::from_ref(&moved))?;
    send(state, std::slice::from_ref(&moved), &folder, now)
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
pub fn set_status(
    state: &AppState,
    booking: &str,
    status: BookingStatus,
    now: DateTime<Utc>,
) -> Result<Vec<BookingLine>, AppError> {
    let id = BookingId::new(booking).map_err(|e| AppError::bad_input(format!("{e}.")))?;
    let b = state.write(|s| Ok(bookings::set_status(s, &id, status, now)?))?;
    let c: Candidate = state.read(|s| Ok(s.need(b.candidate.as_str())?))?;
    let live = super::candidates::bookings_of(state, &c.id)?;
    booking_lines(state, &c, &live)
}

/// Marks an interview held or confirmed.
#[tauri::command]
pub fn set_interview_status(
    state: State<'_, AppState>,
    booking: String,
    status: BookingStatus,
) -> Result<Vec<BookingLine>, AppError> {
    set_status(&state, &booking, status, Utc::now())
}

/// Writes the invites of a candidate's interviews that are waiting to be sent into a
/// folder chosen in a dialog.
#[tauri::command]
pub async fn write_invites<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    candidate: String,
) -> Result<Sent, AppError> {
    let live = live_of(&state, &candidate)?;
    let waiting: Vec<Booking> = {
        let sent = state.sent()?;
        live.into_iter().filter(|b| !sent.is_current(b)).collect()
    };
    if waiting.is_empty() {
        return Err(AppError::new(
            ErrorCode::NotReady,
            "Every invite of this candidate is written and up to date.",
        ));
    }
    let folder = dialogs::pick_folder(&app, &state, "Folder for the invites")?;
    send(&state, &waiting, &folder, Utc::now())
}
