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
//! - [`connected`]: calendar accounts on CalDAV servers, their calendars linked to
//!   interviewers and read into busy time, and the team's interview calendar that
//!   bookings are written to, with claims so several desks never double-book.
//! - [`backup`]: the `rondo-data/1` document: export everything, restore all or nothing.
//! - [`loops`]: a booked loop changed as a whole (several rounds moved at once, the loop
//!   cancelled, invites still waiting written), with its invites.
//! - [`workbench`]: the options found for one candidate, adjusted by hand, booked and
//!   moved: the window's Schedule screen.
//! - [`invites`]: the invites of stored bookings written to a folder (REQUEST, CANCEL),
//!   and which version of each went out.
//! - [`mail`]: the e-mails of booking changes, queued in the store's outbox with the
//!   change, sent exactly once, listed and retried.
//! - [`mail_account`]: the outgoing mail account (Settings → Mail) and the connection
//!   every send uses.
//! - [`pipeline`]: every candidate with what waits on the coordinator, searchable by page.
//! - [`replies`]: answers to the invitations (REPLY, COUNTER, REFRESH) applied to the
//!   stored bookings; proposed times accepted or declined.
//! - [`replace`]: a declined interviewer's seat given to someone else, with the update.
//! - [`relax`]: a relaxation the engine suggested, accepted as a change of what is stored.
//! - [`people`], [`candidates`], [`plans`]: the forms and pages of the window, read with
//!   the domain's text grammars (the command line reads the same text through them).
//! - [`team`]: the interviewers' load per week against their caps, the loops that still
//!   fit, and the pipeline's pace, read from the store.
//! - [`team_screen`]: the Team screen's heat map, who is closest to their cap and the
//!   trainees, in one read.
//! - [`training`]: pools' training paths, who trains for what, interviews marked held,
//!   sign-off and graduation.
//! - [`window`]: the window's constants, the plan editor's pools and the text its
//!   pickers write.

pub mod answered;
pub mod backup;
pub mod bookings;
pub mod calendar;
pub mod candidates;
pub mod connected;
pub mod demo;
mod error;
pub mod hiring_day;
pub mod holds;
pub mod invites;
pub mod loops;
pub mod mail;
pub mod mail_account;
pub mod outbox;
pub mod people;
pub mod pipeline;
pub mod plans;
pub mod propose;
pub mod records;
pub mod relax;
pub mod replace;
pub mod replies;
pub mod settings;
pub mod team;
pub mod team_screen;
pub mod training;
pub mod window;
pub mod workbench;

pub use error::UseCaseError;
