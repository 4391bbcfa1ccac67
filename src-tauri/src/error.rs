//! The one error type every command returns: a code the UI branches on and a message in
//! words for the coordinator. Internal details go to the log (stderr), never to the UI.

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
        eprintln!("rondo-app: internal error: {detail}");
        AppError::new(
            ErrorCode::Internal,
            "Something went wrong inside Rondo. Try again; if it keeps happening, restart the app (details are in the log).",
        )
    }
}

impl From<rondo::problem::ProblemError> for AppError {
    fn from(e: rondo::problem::ProblemError) -> AppError {
        AppError::bad_input(format!(
            "The scheduling request is not valid: {e}. Correct it and try again."
        ))
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

impl From<rondo::display::ShiftError> for AppError {
    fn from(e: rondo::display::ShiftError) -> AppError {
        let text = sentence(&e.to_string());
        match e {
            rondo::display::ShiftError::NoSuchRound(_) => {
                AppError::new(ErrorCode::NotFound, format!("{e}. Find the options again."))
            }
            rondo::display::ShiftError::OutsideHorizon(_) => AppError::bad_input(format!(
                "{text}. Widen the date range and find options again."
            )),
        }
    }
}
