//! Connected calendars: reading interviewers' busy time straight from a CalDAV server
//! (RFC 4791) or a subscription address, writing bookings back, and the claims that let
//! several coordinators share one server without double-booking anyone.
//!
//! - [`http`]: the [`Client`] (rustls, timeouts, same-origin redirects, errors in words).
//! - [`discovery`]: RFC 6764 discovery, the principal, its calendar homes, the calendars.
//! - [`sync`]: busy time over a window (`calendar-query` with `time-range`, events read
//!   by Rondo's own importer), later only the changes (`sync-collection` or ETags), and
//!   `free-busy-query` for busy-only calendars. The [`SyncState`] is the caller's to keep.
//! - [`tags`]: which calendars of a home changed, in one PROPFIND (`sync-token`,
//!   `getctag`), so an unchanged calendar is not read at all.
//! - [`subscription`]: `https://` / `webcal://` calendars with ETag and Last-Modified.
//! - [`mod@write`]: events created with `If-None-Match: *`, changed with `If-Match`, deleted
//!   or marked cancelled; a 412 is [`CalDavError::Conflict`].
//! - [`claim`]: the two-desk protocol's server side.
//! - [`records`]: what the store keeps of connected calendars (accounts, links, each
//!   calendar's last copy, what reached the server): here, beside the protocol state they
//!   hold, so that `domain` never depends on this client.
//!
//! Everything here is blocking and takes `now` from the caller; nothing here touches the
//! store: the use cases decide what to keep.

pub mod claim;
pub mod discovery;
pub mod error;
pub mod http;
pub mod records;
pub mod subscription;
pub mod sync;
pub mod tags;
pub mod write;
mod xml;

pub use discovery::{discover, list_calendars, Access, Account, CalendarInfo};
pub use error::{CalDavError, ServerName};
pub use http::{parse_url, Client, Credentials, Timeouts};
pub use records::{
    no_password_in, AccountKind, CalendarAccount, CalendarCopy, CalendarLinks, CalendarRecords,
    CancelMode, CopyRead, LinkedCalendar, Published, ServerCalendar, Tagged, TeamCalendar,
    DEFAULT_HOLD_SECONDS,
};
pub use sync::{busy, free_busy, sync_events, CalendarBusy, CalendarRef, SyncReport, SyncState};
