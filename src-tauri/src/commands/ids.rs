//! The ids the UI sends as strings, typed (trimmed and validated) before a command uses
//! them; a bad one is a form mistake (`bad_input`).

use crate::error::AppError;
use rondo::domain::{BookingId, CandidateId, InterviewerId};

/// A candidate's id.
pub fn candidate_id(id: &str) -> Result<CandidateId, AppError> {
    CandidateId::new(id.trim()).map_err(|e| AppError::bad_input(format!("{e}.")))
}

/// A booking's id.
pub fn booking_id(id: &str) -> Result<BookingId, AppError> {
    BookingId::new(id.trim()).map_err(|e| AppError::bad_input(format!("{e}.")))
}

/// An interviewer's id.
pub fn interviewer_id(id: &str) -> Result<InterviewerId, AppError> {
    InterviewerId::new(id.trim()).map_err(|e| AppError::bad_input(format!("{e}.")))
}
