//! What Rondo does with what it remembers: the use cases that the desktop app, the
//! command line and the tests all call, with `now` passed in.
//!
//! - [`records`]: add, edit, delete and list interviewers, candidates and plans, with
//!   the references between them kept whole.
//! - [`propose`]: build a `rondo-problem/1` request from what is stored for a
//!   candidate and a plan, run the engine, keep the ranked options.
//! - [`bookings`]: book an option (re-checked inside one transaction), reschedule,
//!   cancel, move a booking along its life cycle.
//! - [`calendar`]: replace the busy blocks imported from one calendar source (from an
//!   `.ics` file, or intervals already read).
//! - [`backup`]: the `rondo-data/1` document: export everything, restore all or nothing.
//! - [`invites`]: the invites of stored bookings written to a folder (REQUEST, CANCEL),
//!   and which version of each went out.
//! - [`pipeline`]: every candidate with what waits on the coordinator, searchable by page.
//! - [`relax`]: a relaxation the engine suggested, accepted as a change of what is stored.
//! - [`window`]: the window's constants, the plan editor's pools and the text its
//!   pickers write.

pub mod backup;
pub mod bookings;
pub mod calendar;
pub mod demo;
mod error;
pub mod invites;
pub mod pipeline;
pub mod propose;
pub mod records;
pub mod relax;
pub mod settings;
pub mod window;

pub use error::UseCaseError;
