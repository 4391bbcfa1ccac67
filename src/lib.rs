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
//! - [`batch`]: hiring days: many candidates against one interviewer pool, with proof.
//! - [`swap`]: another eligible, free interviewer in a placed round's seat.
//! - [`team`]: the interviewers' load per week against their caps, the loops that still
//!   fit, and the pipeline's pace.
//! - [`ical`]: calendar interop: `.ics` calendars read into busy time, interview invites written.
//! - [`caldav`]: connected calendars: CalDAV servers and subscriptions, and the two-desk claims.
//! - [`passwords`]: calendar passwords in the system keyring, or from the environment.
//! - [`mail`]: invites sent as e-mail (iMIP) over SMTP, answers read back from `.eml`/`.ics`.
//! - [`answers`]: what an answer to an invitation changes, and the booking's state from them.
//! - [`whole_file`]: files written whole or not at all (settings, backups, invites).
#![deny(missing_docs)]

pub mod answers;
pub mod availability;
pub mod batch;
pub mod caldav;
pub mod data;
pub mod display;
pub mod domain;
pub mod engine;
pub mod example;
pub mod ical;
pub mod interval;
pub mod mail;
pub mod passwords;
pub mod problem;
pub mod solution;
pub mod store;
pub mod swap;
pub mod team;
pub mod usecases;
pub mod whole_file;
pub mod zone;
