//! Holds and the candidate's pick (`usecases::holds`): the first options found held on
//! the panels' calendars and offered to the candidate in one e-mail, the offer shown on
//! their page (lapsed holds released first), a pick recorded by hand, or all withdrawn.

use super::ids::candidate_id;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::usecases::holds::{self, OfferView};
use tauri::State;

/// Holds options `1..=options` of `candidate`'s latest options for `days` days and
/// offers them by e-mail; returns the offer as their page shows it.
pub fn offer(
    state: &AppState,
    candidate: &str,
    options: usize,
    days: u32,
    now: DateTime<Utc>,
) -> Result<Option<OfferView>, AppError> {
    let id = candidate_id(candidate)?;
    let picked: Vec<usize> = (1..=options).collect();
    state.with_outbox(|out| {
        state.write(|s| Ok(holds::offer(s, &id, &picked, days, out, now).map(|_| ())?))
    })?;
    state.workbench.forget(&id);
    view(state, candidate, now)
}

/// `candidate`'s offer as shown, after releasing holds that lapsed.
pub fn view(
    state: &AppState,
    candidate: &str,
    now: DateTime<Utc>,
) -> Result<Option<OfferView>, AppError> {
    let id = candidate_id(candidate)?;
    let lapsed = state
        .read(|s| Ok(holds::offer_of(s, &id)?))?
        .is_some_and(|o| o.has_expired(now));
    if lapsed {
        state.with_outbox(|out| {
            state.write(|s| Ok(holds::release_expired(s, out, now).map(|_| ())?))
        })?;
    }
    state.read(|s| Ok(holds::offer_view(s, &id, now)?))
}

/// Holds the first `options` options found and offers them to the candidate.
#[tauri::command]
pub fn offer_holds(
    state: State<'_, AppState>,
    candidate: String,
    options: usize,
    days: u32,
) -> Result<Option<OfferView>, AppError> {
    offer(&state, &candidate, options, days, Utc::now())
}

/// The candidate's offer, if any.
#[tauri::command]
pub fn hold_offer(
    state: State<'_, AppState>,
    candidate: String,
) -> Result<Option<OfferView>, AppError> {
    view(&state, &candidate, Utc::now())
}

/// Records `candidate`'s pick (option 1 = the first), told another way than a reply,
/// at `now`: that option is booked and the other holds released.
pub fn pick(
    state: &AppState,
    candidate: &str,
    option: usize,
    now: DateTime<Utc>,
) -> Result<Option<OfferView>, AppError> {
    let id = candidate_id(candidate)?;
    let index = option.checked_sub(1).unwrap_or(usize::MAX);
    state.with_outbox(|out| {
        state.write(|s| Ok(holds::take_pick(s, &id, index, out, now).map(|_| ())?))
    })?;
    view(state, candidate, now)
}

/// Records the candidate's pick (option 1 = the first), told another way than a reply.
#[tauri::command]
pub fn pick_hold(
    state: State<'_, AppState>,
    candidate: String,
    option: usize,
) -> Result<Option<OfferView>, AppError> {
    pick(&state, &candidate, option, Utc::now())
}

/// Releases every hold of `candidate`'s open offer at `now`.
pub fn withdraw(
    state: &AppState,
    candidate: &str,
    now: DateTime<Utc>,
) -> Result<Option<OfferView>, AppError> {
    let id = candidate_id(candidate)?;
    state.with_outbox(|out| state.write(|s| Ok(holds::withdraw(s, &id, out, now).map(|_| ())?)))?;
    view(state, candidate, now)
}

/// Releases every hold of the candidate's open offer.
#[tauri::command]
pub fn withdraw_holds(
    state: State<'_, AppState>,
    candidate: String,
) -> Result<Option<OfferView>, AppError> {
    withdraw(&state, &candidate, Utc::now())
}
