//! Invites that travel by e-mail (iMIP, RFC 6047) and the answers that come back.
//!
//! - [`message`]: one e-mail per recipient group of an invite, as calendar clients expect
//!   (`multipart/mixed` → `multipart/alternative` with a text, an HTML and the
//!   `text/calendar; method=…` part, plus the same `.ics` attached), with a stable
//!   `Message-ID`; the same bytes become a `.eml` file that opens as a draft.
//! - [`body`]: the short text and HTML bodies, with the time in each recipient's zone.
//! - [`offer`]: tentative holds for interviewers and the candidate's options in one
//!   e-mail, each option its own tentative invite.
//! - [`smtp`]: sending through an SMTP server (STARTTLS, TLS or none for a local relay),
//!   with errors that say whether trying again can help.
//! - [`password`]: the mail account's password in the OS keyring, or from
//!   `RONDO_MAIL_PASSWORD`.
//! - [`inbound`]: the calendar parts of a reply saved as `.eml` (or a plain `.ics`), read
//!   into typed iTIP messages ([`crate::ical::itip`]).
//!
//! What a reply changes is decided in [`crate::answers`], over typed bookings.

pub mod body;
pub mod inbound;
pub mod message;
pub mod offer;
pub mod outbox;
pub mod password;
pub mod smtp;

pub use message::{invite_message, invite_message_variant, MailError, Outgoing, Recipient};
