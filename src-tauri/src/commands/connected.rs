//! Settings → Calendars: accounts on calendar servers (or subscription addresses), their
//! calendars linked to interviewers, "Test", the team's interview calendar, "Read
//! calendars now" with progress (`usecases::connected`). Everything that
//! may wait on the network runs off the main thread, so a slow or silent server never
//! freezes the window; its error arrives in words. (The `.ics` file import is in
//! [`super::calendar`].)

use crate::error::AppError;
use crate::state::AppState;
use chrono::Utc;
use rondo::caldav::CancelMode;
use rondo::domain::InterviewerId;
use rondo::passwords::SystemKeyring;
use rondo::store::Store;
use rondo::usecases::connected::overview::{self, CalendarsView};
use rondo::usecases::connected::{accounts, reading, team};
use rondo::usecases::UseCaseError;
use serde::{Deserialize, Serialize};
use tauri::{Emitter, Manager};

/// Runs `f` with the state on a blocking thread (network calls wait there).
async fn off_main<R: tauri::Runtime, T: Send + 'static>(
    app: tauri::AppHandle<R>,
    f: impl FnOnce(&AppState) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(move || f(&app.state::<AppState>()))
        .await
        .map_err(AppError::internal)?
}

/// Runs `change` on the store off the main thread: what it said, in words, and
/// Settings → Calendars after it.
async fn change<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    change: impl FnOnce(&Store) -> Result<String, UseCaseError> + Send + 'static,
) -> Result<Changed, AppError> {
    off_main(app, move |state| changed(state, change)).await
}

/// `change` on the store, and Settings → Calendars after it.
fn changed(
    state: &AppState,
    change: impl FnOnce(&Store) -> Result<String, UseCaseError>,
) -> Result<Changed, AppError> {
    let said = state.write(|s| Ok(change(s)?))?;
    Ok(Changed {
        said,
        view: calendars(state)?,
    })
}

/// Runs `change` on the store off the main thread; Settings → Calendars after it.
async fn relinked<R: tauri::Runtime, T>(
    app: tauri::AppHandle<R>,
    change: impl FnOnce(&Store) -> Result<T, UseCaseError> + Send + 'static,
) -> Result<CalendarsView, AppError> {
    off_main(app, move |state| {
        state.write(|s| Ok(change(s)?))?;
        calendars(state)
    })
    .await
}

/// Every account with its calendars, links, matches and password state.
pub fn calendars(state: &AppState) -> Result<CalendarsView, AppError> {
    state.read(|s| Ok(overview::calendars(s, Utc::now())?))
}

/// Settings → Calendars as stored now.
#[tauri::command]
pub async fn calendar_accounts<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> Result<CalendarsView, AppError> {
    off_main(app, calendars).await
}

/// The add-account form, as typed (`user` empty: a subscription address).
#[derive(Debug, Clone, Deserialize)]
pub struct AccountForm {
    /// The account's name.
    pub name: String,
    /// The server's or the subscription's address.
    pub url: String,
    /// The user name (empty for a subscription).
    #[serde(default)]
    pub user: String,
    /// The password (empty for a subscription).
    #[serde(default)]
    pub password: String,
}

/// What a change made, in words, and the accounts after it.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// In words.
    pub said: String,
    /// Settings → Calendars now.
    pub view: CalendarsView,
}

/// Adds an account (discovery and listing on the server), its password into the keyring
/// (or kept for this run).
pub fn add(state: &AppState, form: AccountForm) -> Result<Changed, AppError> {
    let password = Some(form.password).filter(|p| !p.is_empty());
    changed(state, |s| {
        let user = Some(form.user.as_str());
        let added = accounts::add(
            s,
            &form.name,
            &form.url,
            user,
            password,
            &SystemKeyring,
            Utc::now(),
        )?;
        let n = added.account.calendars.len();
        Ok(match added.password {
            Some(p) => format!("{} added with {n} calendar(s); {p}.", added.account.name),
            None => format!("{} added with {n} calendar(s).", added.account.name),
        })
    })
}

/// Adds a calendar account, off the main thread.
#[tauri::command]
pub async fn add_calendar_account<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    form: AccountForm,
) -> Result<Changed, AppError> {
    off_main(app, move |s| add(s, form)).await
}

/// Gives the password of account `account` (kept in the keyring, or for this run).
#[tauri::command]
pub async fn give_calendar_password<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    account: String,
    password: String,
) -> Result<Changed, AppError> {
    change(app, move |s| {
        let said = accounts::set_password(s, &account, &password, &SystemKeyring)?;
        Ok(format!("{account}: {said}."))
    })
    .await
}

/// Links the calendar at `url` of `account` to interviewer `interviewer`.
#[tauri::command]
pub async fn link_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    interviewer: String,
    account: String,
    url: String,
) -> Result<CalendarsView, AppError> {
    relinked(app, move |s| {
        let who = InterviewerId::new(interviewer.trim())?;
        accounts::link(s, &who, &account, &accounts::Which::At(url))
    })
    .await
}

/// Unlinks the calendar at `url` of `account` from interviewer `interviewer` (and
/// removes the busy time it gave them).
#[tauri::command]
pub async fn unlink_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    interviewer: String,
    account: String,
    url: String,
) -> Result<CalendarsView, AppError> {
    relinked(app, move |s| {
        let who = InterviewerId::new(interviewer.trim())?;
        accounts::unlink(s, &who, &account, &url)
    })
    .await
}

/// Links every calendar of `account` to the interviewer whose e-mail owns it.
#[tauri::command]
pub async fn link_calendars_by_email<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    account: String,
) -> Result<CalendarsView, AppError> {
    relinked(app, move |s| accounts::link_by_email(s, &account)).await
}

/// Reads every linked calendar now (the default window), telling `progress`; what
/// could not be read is said in words, its last copy kept.
pub fn sync(
    state: &AppState,
    progress: &(dyn Fn(reading::Progress) + Sync),
) -> Result<Changed, AppError> {
    changed(state, |s| reading::read_now(s, Utc::now(), progress))
}

/// "Read calendars now", off the main thread, with `calendar-progress` events.
#[tauri::command]
pub async fn sync_calendars<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> Result<Changed, AppError> {
    let events = app.clone();
    off_main(app, move |s| {
        sync(s, &|p| {
            let _ = events.emit("calendar-progress", p);
        })
    })
    .await
}

/// "Test": lists `account`'s calendars on the server again (stored), or says in words
/// why it cannot.
#[tauri::command]
pub async fn test_calendar_account<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    account: String,
) -> Result<Changed, AppError> {
    change(app, move |s| {
        let a = accounts::refresh(s, &account, Utc::now())?;
        Ok(format!(
            "{} answers: {} calendar(s) listed.",
            a.name,
            a.calendars.len()
        ))
    })
    .await
}

/// Makes calendar `url` of `account` the team's interview calendar: bookings are
/// written there, and the desks' claims live there (a test write first).
#[tauri::command]
pub async fn set_team_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    account: String,
    url: String,
    mark_cancelled: bool,
) -> Result<Changed, AppError> {
    let cancel = if mark_cancelled {
        CancelMode::MarkCancelled
    } else {
        CancelMode::Delete
    };
    change(app, move |s| {
        team::use_for_bookings(s, &account, &url, cancel, Utc::now())
    })
    .await
}
