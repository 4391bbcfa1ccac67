//! Rondo's core: the domain of interview scheduling, with no GUI dependency.
//!
//! The desktop shell (`src-tauri/`) and the `rondo` command line are thin adapters over
//! this crate. Main parts:
//!
//! - [`zone`]: IANA time zones and the reading of wall-clock times (DST gaps and folds).
//! - [`interval`]: canonical sets of half-open instant intervals.
//! - [`problem`]: the `rondo-problem/1` scheduling request, parsed and validated.
//! - [`solution`]: the `rondo-solution/1` answer.
//! - [`data`]: the `rondo-data/1` document (backups, example teams).
//! - [`display`]: local-time labels and the multi-zone timeline the window draws.
//! - [`domain`]: what Rondo remembers: interviewers, candidates, plans, bookings.
//! - [`store`]: the embedded database (sled) behind typed trees, with migrations.
//! - [`usecases`]: what the app, the CLI and the tests do with the store (propose, book, ...).
//! - [`example`]: realistic example teams (the app's demo data, the benchmarks' big sets).
//! - [`engine`]: the scheduler that finds optimal schedules or explains why none exists.
//! - [`swap`]: another eligible, free interviewer in a placed round's seat.
//! - [`ical`]: calendar interop: `.ics` calendars read into busy time, interview invites written.
//! - [`whole_file`]: files written whole or not at all (settings, backups, invites).
#![deny(missing_docs)]

pub mod availability;
pub mod data;
pub mod display;
pub mod domain;
pub mod engine;
pub mod example;
pub mod ical;
pub mod interval;
pub mod problem;
pub mod solution;
pub mod store;
pub mod swap;
pub mod usecases;
pub mod whole_file;
pub mod zone;
