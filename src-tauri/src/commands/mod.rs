//! The window's commands, split by domain. Each is a thin adapter: it takes the state,
//! turns the UI's input into core types (validating), calls the core and maps its error to
//! [`crate::error::AppError`].
pub mod about;
pub mod answers;
pub mod app;
pub mod bookings;
pub mod calendar;
pub mod candidates;
pub mod connected;
pub mod hiring_day;
pub mod holds;
pub mod ids;
pub mod mail;
pub mod opened;
pub mod people;
pub mod plans;
pub mod scheduling;
pub mod team;
pub mod window;
