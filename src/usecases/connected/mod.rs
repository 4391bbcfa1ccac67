//! Connected calendars: accounts on calendar servers (or one subscription address),
//! their calendars linked to interviewers, busy time read from them into the store, and
//! the team's interview calendar that bookings are written to, with the claims that keep
//! several coordinators on one server from booking anyone twice.
//!
//! - [`accounts`]: add an account (discovery, its calendars, the password into the
//!   keyring), list its calendars again, link calendars to interviewers (by hand, or by
//!   the owner's e-mail).
//! - [`reading`]: every linked calendar's busy time read into its interviewer's calendar
//!   sources, incrementally (`sync-collection`, ETags, `304`); a failure is recorded and
//!   the last copy kept, with its age.
//! - `homes`: one listing per calendar home before a read, so calendars whose tag
//!   did not change are not read at all.
//! - [`team`]: the team's interview calendar: the claims before a booking is committed,
//!   the events written after it, moved and cancelled with the store's booking paths
//!   ([`super::bookings`]).
//! - [`overview`]: what the window shows: accounts, calendars, links and matches, and
//!   when each person's calendars were last read, in words.
//! - `session`: the client of an account, its password from the environment, the
//!   keyring, or what was given for this run.

pub mod accounts;
mod homes;
pub mod overview;
pub mod reading;
mod session;
pub mod team;

pub use session::give_password;
