//! Settings → Mail and the outbox (`usecases::mail_account`, `usecases::mail`): the
//! outgoing account (its password goes to the keyring), a test message, the messages
//! queued with where each stands, Retry, and the sender that runs in the background.

use crate::error::AppError;
use crate::state::AppState;
use chrono::Utc;
use rondo::mail::outbox::{Delivered, RETRY_CHECK};
use rondo::mail::password::PASSWORD_ENV;
use rondo::passwords::SystemKeyring;
use rondo::usecases::mail::{self as mailing, OutboxLine};
use rondo::usecases::mail_account::{self, MailForm, MailView};
use tauri::State;

/// A connection to the account of the settings, its password from the environment or
/// the keyring.
fn sender(state: &AppState) -> Result<rondo::mail::smtp::SmtpSender, AppError> {
    let settings = state.settings().clone();
    let env = std::env::var(PASSWORD_ENV).ok();
    Ok(mail_account::sender(
        &settings,
        &SystemKeyring,
        env.as_deref(),
    )?)
}

/// The mail account as Settings shows it.
pub fn view(state: &AppState) -> MailView {
    mail_account::view(&state.settings())
}

/// Sets the mail account of `form` (the password into `secrets`) and sends what waits.
pub fn setup(
    state: &AppState,
    form: &MailForm,
    secrets: &dyn rondo::passwords::Keyring,
) -> Result<MailView, AppError> {
    let current = state.settings().clone();
    let next = mail_account::setup(&state.data_dir, &current, form, secrets)?;
    *state.settings() = next;
    state.mail_is_due();
    Ok(view(state))
}

/// Sends what is due now (nothing when mail is off).
pub fn deliver(state: &AppState) -> Result<Delivered, AppError> {
    if state.settings().mail.is_none() {
        return Ok(Delivered::default());
    }
    let transport = sender(state)?;
    let done = state.read(|s| Ok(mailing::deliver(s, &transport, &Utc::now)?))?;
    state.touch();
    Ok(done)
}

/// The background sender: sends what is due whenever a change queued mail, and looks
/// for retries come due every [`RETRY_CHECK`]. Failures stay in the outbox, in words.
pub fn run_sender(state: &AppState) {
    loop {
        state.wait_for_mail(RETRY_CHECK);
        match deliver(state) {
            Ok(d) if d.sent + d.failed.len() + d.will_retry > 0 => tracing::info!(
                "outbox: {} sent, {} to retry, {} failed",
                d.sent,
                d.will_retry,
                d.failed.len()
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!("outbox: {}", e.message),
        }
    }
}

/// The mail account.
#[tauri::command]
pub fn mail_settings(state: State<'_, AppState>) -> MailView {
    view(&state)
}

/// Sets the mail account (the password goes to the system keyring).
#[tauri::command]
pub fn save_mail(state: State<'_, AppState>, form: MailForm) -> Result<MailView, AppError> {
    setup(&state, &form, &SystemKeyring)
}

/// Stops e-mailing invites; what is queued stays in the outbox.
#[tauri::command]
pub fn mail_off(state: State<'_, AppState>) -> Result<MailView, AppError> {
    let current = state.settings().clone();
    *state.settings() = mail_account::off(&state.data_dir, &current)?;
    Ok(view(&state))
}

/// Sends a test message to the organizer's own address now; returns that address.
#[tauri::command]
pub async fn send_test_mail(state: State<'_, AppState>) -> Result<String, AppError> {
    let organizer = state.settings().organizer();
    Ok(mailing::send_test(
        &sender(&state)?,
        &organizer,
        Utc::now(),
    )?)
}

/// The outbox, newest first.
#[tauri::command]
pub fn outbox(state: State<'_, AppState>) -> Result<Vec<OutboxLine>, AppError> {
    state.read(|s| Ok(mailing::outbox_lines(s, true)?))
}

/// Makes failed messages (one, or all when `id` is none) due again at `now` and sends.
pub fn retry(
    state: &AppState,
    id: Option<&str>,
    now: chrono::DateTime<Utc>,
) -> Result<Delivered, AppError> {
    state.read(|s| Ok(mailing::retry(s, id, now)?))?;
    deliver(state)
}

/// Makes failed messages (one, or all when `id` is none) due again and sends.
#[tauri::command]
pub async fn retry_mail(
    state: State<'_, AppState>,
    id: Option<String>,
) -> Result<Delivered, AppError> {
    retry(&state, id.as_deref(), Utc::now())
}

/// Sends what is due now.
#[tauri::command]
pub async fn send_mail_now(state: State<'_, AppState>) -> Result<Delivered, AppError> {
    deliver(&state)
}
