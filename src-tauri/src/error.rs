//! The one error type every command returns: a code the UI branches on and a message in
//! words for the coordinator. Internal details go to the log ([`crate::logging`]), never
//! to the UI.

use serde::Serialize;

/// What kind of failure it was; the UI picks its reaction from this, never from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Something the coordinator typed or chose is not valid; the message says which field
    /// and what to enter instead. The UI shows it next to the form.
    BadInput,
    /// The thing asked for no longer exists (an option, a round, a person).
    NotFound,
    /// The coordinator closed a dialog without choosing: not an error to show.
    Cancelled,
    /// A file could not be read or written; the message names it and says what to check.
    File,
    /// A step is missing first (e.g. find options before moving a round).
    NotReady,
    /// Another Rondo holds the data folder: the window shows what to do instead of its
    /// screens.
    AlreadyOpen,
    /// The data folder cannot be used (unwritable, damaged, from a newer Rondo): the
    /// window shows what to do instead of its screens.
    Storage,
    /// The disk is full: the change was not stored; what was stored before is intact.
    DiskFull,
    /// What was shown no longer fits what is stored (someone booked the same people, a
    /// calendar changed): the UI offers to find options again.
    Conflict,
    /// The record is still used by others (a plan with candidates, a person in a booking).
    InUse,
    /// A bug or an unexpected failure; the UI shows the message and the log has details.
    Internal,
}

/// An error for the window: `{code, message}` on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What happened and what to do next, in words.
    pub message: String,
}

impl AppError {
    /// An error of kind `code` with `message` shown to the coordinator.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError {
            code,
            message: message.into(),
        }
    }

    /// Invalid input; `message` names the field and what to enter.
    pub fn bad_input(message: impl Into<String>) -> AppError {
        AppError::new(ErrorCode::BadInput, message)
    }

    /// An unexpected failure: logs `detail` and tells the coordinator what to try.
    pub fn internal(detail: impl std::fmt::Display) -> AppError {
        tracing::error!("internal error: {detail}");
        AppError::new(
            ErrorCode::Internal,
            "Something went wrong inside Rondo. Try again; if it keeps happening, restart the app (details are in the log).",
        )
    }
}

impl From<rondo::store::StoreError> for AppError {
    fn from(e: rondo::store::StoreError) -> AppError {
        use rondo::store::StoreError as S;
        match &e {
            S::AlreadyOpen { dir } => AppError::new(
                ErrorCode::AlreadyOpen,
                format!(
                    "Rondo is already open on this data (folder {}). Close the other Rondo window or rondo command, then start Rondo again; to work on another folder, start Rondo with RONDO_DATA_DIR set to it.",
                    dir.display()
                ),
            ),
            S::DiskFull { dir } => AppError::new(
                ErrorCode::DiskFull,
                format!(
                    "The disk holding {} is full, so the last change was not stored. Free some space and try again; what was stored before is intact.",
                    dir.display()
                ),
            ),
            S::NotFound { kind, id } => AppError::new(
                ErrorCode::NotFound,
                format!("There is no {kind} {id} any more. The screen has been refreshed."),
            ),
            S::Exists { kind, id } => AppError::bad_input(format!(
                "There is already a {kind} {id}. Choose another name, or edit the existing one."
            )),
            S::InUse { kind, id, user } => AppError::new(
                ErrorCode::InUse,
                format!("The {kind} {id} is still used by {user}. Change or remove that first."),
            ),
            S::Unwritable { .. }
            | S::Corrupt { .. }
            | S::NewerSchema { .. }
            | S::NewerRecord { .. }
            | S::BadRecord { .. }
            | S::NoDataDir
            | S::Io { .. }
            | S::Engine { .. } => {
                tracing::warn!("store: {e}");
                AppError::new(
                    ErrorCode::Storage,
                    format!(
                        "{}. (Rondo's data folder can be chosen with RONDO_DATA_DIR; a backup is restored from Settings.)",
                        sentence(&e.to_string())
                    ),
                )
            }
        }
    }
}

impl From<rondo::usecases::UseCaseError> for AppError {
    fn from(e: rondo::usecases::UseCaseError) -> AppError {
        use rondo::usecases::UseCaseError as U;
        let text = sentence(&e.to_string());
        match e {
            U::Store(s) => s.into(),
            U::Invalid(_) | U::Problem(_) | U::BadBackup { .. } | U::Invite(_) => {
                AppError::bad_input(format!("{text}."))
            }
            U::Calendar(_) => AppError::bad_input(format!(
                "{text}. Choose another .ics file (an export of the interviewer's calendar)."
            )),
            U::EmptyHorizon { .. } => AppError::bad_input(
                "The date range is empty. Choose a last day on or after the first day.",
            ),
            U::NoPlan { .. } => AppError::bad_input(
                "This candidate is in no plan. Choose a plan for them, then find options.",
            ),
            U::NoProposal { .. } | U::NoOptions { .. } | U::NoSuchOption { .. } => AppError::new(
                ErrorCode::NotReady,
                "These options are gone (booked or replaced). Find options again.",
            ),
            U::Conflict { reasons } => AppError::new(
                ErrorCode::Conflict,
                format!(
                    "This no longer fits, so nothing was booked or changed: {}. Find options again.",
                    reasons.join("; ")
                ),
            ),
            U::Closed { booking, status } => AppError::bad_input(format!(
                "Interview {booking} is {status}: it cannot be changed any more."
            )),
            U::File(_) => AppError::new(ErrorCode::File, format!("{text}.")),
            U::InviteFiles { folder, message } => AppError::new(
                ErrorCode::File,
                format!(
                    "The invites could not be written to {} ({message}). The booking is stored; choose a folder you may write to and write the invites again.",
                    folder.display()
                ),
            ),
            U::NotOneLoop { .. }
            | U::Breaks { .. }
            | U::AlreadyBooked
            | U::SeatsFixed
            | U::UnknownPool { .. }
            | U::NoTrainingPath { .. }
            | U::AlreadyInPool { .. }
            | U::AlreadyTraining { .. }
            | U::NotTraining { .. }
            | U::NotTheirInterview { .. }
            | U::NotAwaitingSignOff { .. } => {
                AppError::bad_input(format!("{text}."))
            }
            U::NoWorkbench => AppError::new(
                ErrorCode::NotReady,
                "There are no options yet. Choose a candidate and press \u{201c}Find options\u{201d} first.",
            ),
            U::OptionMissing { option, .. } => AppError::new(
                ErrorCode::NotFound,
                format!("Option {option} does not exist. Pick one of the options listed."),
            ),
            U::SuggestionGone => AppError::new(
                ErrorCode::NotFound,
                "That suggestion is gone. Find options again.",
            ),
            U::Shift(rondo::display::ShiftError::NoSuchRound(_)) => {
                AppError::new(ErrorCode::NotFound, format!("{text}. Find the options again."))
            }
            U::Shift(rondo::display::ShiftError::OutsideHorizon(_)) => AppError::bad_input(
                format!("{text}. Widen the date range and find options again."),
            ),
            U::Swap(rondo::swap::SwapError::NotInRound(..)) => AppError::new(
                ErrorCode::NotFound,
                format!("{text}. The option has changed; look at it again."),
            ),
            U::Swap(_) => AppError::bad_input(format!("{text}.")),
            U::Move(_) | U::DayBooked => AppError::bad_input(format!("{text}.")),
            U::SheetFiles { folder, message } => AppError::new(
                ErrorCode::File,
                format!(
                    "The day's sheets could not be written to {} ({message}). Nothing else changed; choose a folder you may write to and save them again.",
                    folder.display()
                ),
            ),
            U::NotBooked | U::NothingMoved | U::NothingToCancel { .. } | U::NothingToSend { .. } => {
                AppError::new(ErrorCode::NotReady, format!("{text}."))
            }
            U::NoInviteFolder => AppError::new(
                ErrorCode::NotReady,
                "These invites were never written. Use \u{201c}Write invites\u{201d} on the candidate's page to choose a folder.",
            ),
            U::NoAddress { .. } | U::Mail(_) | U::Reply(_) => {
                AppError::bad_input(format!("{text}."))
            }
            U::NothingToRetry { .. } | U::NoCounter { .. } => {
                AppError::new(ErrorCode::NotFound, format!("{text}."))
            }
            U::CalendarServer(_) | U::Password(_) => {
                AppError::new(ErrorCode::NotReady, format!("{text}."))
            }
            U::NoAccount { .. } | U::NoCalendar { .. } => {
                AppError::new(ErrorCode::NotFound, format!("{text}."))
            }
            U::NotWritable { .. } | U::NoTeamCalendar | U::NoEmail { .. } => {
                AppError::bad_input(format!("{text}."))
            }
            U::MailOff | U::OfferOpen { .. } | U::Offer(_) => {
                AppError::bad_input(format!("{text}."))
            }
            U::NoOffer { .. } => AppError::new(ErrorCode::NotFound, format!("{text}.")),
            U::Send(_) | U::Secret(_) => AppError::new(
                ErrorCode::NotReady,
                format!("{text}. Check the mail account in Settings \u{2192} Mail."),
            ),
            U::Settings(e) => e.into(),
            U::BadMailAccount { .. } => AppError::bad_input(format!("{text}.")),
        }
    }
}

impl From<rondo::usecases::settings::SettingsError> for AppError {
    fn from(e: rondo::usecases::settings::SettingsError) -> AppError {
        use rondo::usecases::settings::SettingsError as S;
        let text = format!("{}.", sentence(&e.to_string()));
        match e {
            S::BadEmail(_) => AppError::bad_input(text),
            S::Write { .. } => AppError::new(ErrorCode::File, text),
        }
    }
}

/// `text` with its first letter in upper case (core messages start in lower case, as
/// they are also used inside sentences).
pub fn sentence(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
