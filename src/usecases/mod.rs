//! What Rondo does with what it remembers: the use cases that the desktop app, the
//! command line and the tests all call, with `now` passed in.
//!
//! - [`records`]: add, edit, delete and list interviewers, candidates and plans, with
//!   the references between them kept whole.
//! - [`propose`]: build a `rondo-problem/1` request from what is stored for a
//!   candidate and a plan, run the engine, keep the ranked options.
//! - [`bookings`]: book an option (re-checked inside one transaction), reschedule,
//!   cancel, move a booking along its life cycle.
//! - [`calendar`]: replace the busy blocks imported from one calendar source.
//! - [`backup`]: the `rondo-data/1` document: export everything, restore all or nothing.

pub mod backup;
pub mod bookings;
pub mod calendar;
mod error;
pub mod propose;
pub mod records;

pub use error::UseCaseError;
