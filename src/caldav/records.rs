//! Connected calendars as Rondo stores them (records of the store, beside the protocol
//! state they hold, so `domain` never depends on the CalDAV client): the accounts a coordinator added (a
//! CalDAV server, or one subscription address), the calendars each account holds, which
//! of them are linked to which interviewer, the team's interview calendar, what each
//! linked calendar said when it was last read, and which bookings reached the server.
//!
//! Passwords are never here: they live in the system keyring ([`crate::passwords`]).

use super::subscription::Validators;
use super::SyncState;
use crate::domain::{AccountId, BookingId, DomainError, InterviewerId, SourceId};
use crate::interval::Interval;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a pending claim on a slot holds, by default, before another desk may take it
/// over (long enough for a re-read and a confirm over a slow link).
pub const DEFAULT_HOLD_SECONDS: u32 = 120;

/// One account: where calendars are read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarAccount {
    /// Its name, chosen by the coordinator (`team`, `fastmail`): an id.
    pub name: AccountId,
    /// What it is.
    pub kind: AccountKind,
    /// Its calendars, as last listed (a subscription has exactly one).
    pub calendars: Vec<ServerCalendar>,
    /// When the calendars were listed.
    pub listed_at: Option<DateTime<Utc>>,
    /// The team's interview calendar, when this account holds it (at most one account
    /// of a data folder does).
    pub team: Option<TeamCalendar>,
}

/// What kind of account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AccountKind {
    /// A CalDAV server, signed in as `user` (the password is in the keyring).
    Server {
        /// The address given (discovery starts there).
        url: String,
        /// The user name.
        user: String,
    },
    /// One published calendar (`https://` or `webcal://`), read without signing in.
    Subscription {
        /// The address, `webcal://` already read as `https://`.
        url: String,
    },
}

impl AccountKind {
    /// The address given when the account was added.
    pub fn url(&self) -> &str {
        match self {
            AccountKind::Server { url, .. } | AccountKind::Subscription { url } => url,
        }
    }
}

/// One calendar of an account, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerCalendar {
    /// Its absolute address (the link's key).
    pub url: String,
    /// Its display name.
    pub name: String,
    /// The owner's e-mail address, when the server says (links by e-mail use it).
    pub owner: Option<String>,
    /// Its colour (`#rrggbb`), when set.
    pub color: Option<String>,
    /// Shared busy-only: read with `free-busy-query`.
    pub busy_only: bool,
    /// Offers `sync-collection` (RFC 6578).
    pub sync_collection: bool,
}

/// How a cancelled booking leaves the team's interview calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CancelMode {
    /// The event is deleted.
    #[default]
    Delete,
    /// The event stays, marked `STATUS:CANCELLED`.
    MarkCancelled,
}

/// The team's interview calendar: where bookings are written, and where the desks'
/// claims live (the two-desk protocol, DESIGN.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCalendar {
    /// The interview calendar's address.
    pub url: String,
    /// The claims calendar's address (a sibling collection, or the interview calendar
    /// itself when the server would not make one).
    pub claims_url: String,
    /// How long a pending claim holds, in seconds.
    pub hold_seconds: u32,
    /// What cancelling does to the event.
    pub cancel: CancelMode,
}

impl CalendarAccount {
    /// Checks what cannot be typed: addresses are `http(s)://` without a password in
    /// them (it belongs in the keyring, never in the store or a backup), a hold is
    /// positive.
    pub fn validate(&self) -> Result<(), DomainError> {
        let web = |u: &str| u.starts_with("https://") || u.starts_with("http://");
        if !web(self.kind.url()) {
            return Err(DomainError::bad_text(
                "url",
                format!(
                    "{} is not a web address: give https://… (or webcal://…)",
                    self.kind.url()
                ),
            ));
        }
        no_password_in(self.kind.url())?;
        if let Some(t) = &self.team {
            if t.hold_seconds == 0 {
                return Err(DomainError::bad_text(
                    "hold",
                    "a claim must hold for at least one second",
                ));
            }
        }
        Ok(())
    }

    /// The listed calendar at `url`.
    pub fn calendar(&self, url: &str) -> Option<&ServerCalendar> {
        self.calendars.iter().find(|c| c.url == url)
    }
}

/// Refuses an address with a password in it (`https://user:password@…`): a password
/// belongs in the keyring, never in the store or a backup.
pub fn no_password_in(address: &str) -> Result<(), DomainError> {
    if url::Url::parse(address).is_ok_and(|u| u.password().is_some()) {
        return Err(DomainError::bad_text(
            "url",
            "the address holds a password (https://user:password@…): give the address \
             without it and the password when asked, so it is kept in the keyring",
        ));
    }
    Ok(())
}

/// The calendars linked to one interviewer (several per person: work, personal
/// busy-only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarLinks {
    /// Whose.
    pub interviewer: InterviewerId,
    /// Their calendars, each named by account and address.
    pub calendars: Vec<LinkedCalendar>,
}

/// One linked calendar.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LinkedCalendar {
    /// The account.
    pub account: AccountId,
    /// The calendar's address.
    pub url: String,
}

impl LinkedCalendar {
    /// The key of its [`CalendarCopy`].
    pub fn copy_key(&self) -> String {
        format!("{}\u{1f}{}", self.account, self.url)
    }

    /// The id of the interviewer's calendar source it fills (`cal-<account>-<hash>`):
    /// stable for the link, distinct per calendar, a valid id.
    pub fn source_id(&self) -> SourceId {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.url.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut account = self.account.as_str().to_string();
        account.truncate(40);
        SourceId::new(format!("cal-{account}-{:08x}", h as u32))
            .unwrap_or_else(|_| SourceId::new("cal").expect("a valid literal id"))
    }
}

/// What one linked calendar said when it was last read: the events and sync token
/// ([`SyncState`]) that make the next read incremental, when, and the last error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarCopy {
    /// [`LinkedCalendar::copy_key`].
    pub key: String,
    /// The events held and the token.
    pub state: SyncState,
    /// A subscription's validators (`ETag`, `Last-Modified`), sent back next time.
    pub validators: Option<Validators>,
    /// When it was last read successfully.
    pub read_at: Option<DateTime<Utc>>,
    /// The last failure, in words, with when (cleared by a successful read).
    pub error: Option<(DateTime<Utc>, String)>,
    /// The calendar's tag on its home when the busy time in the store was read
    /// ([`super::tags`]): while its home lists the same tag, it is not read again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tagged: Option<Tagged>,
}

/// When one linked calendar was last read and why its last read failed. It is kept
/// apart from the [`CalendarCopy`] so that a read finding nothing new (most reads: the
/// calendar's home lists the same tag) writes these few bytes instead of the copy's
/// events again. The copy's own `read_at` and `error` are what held when its events
/// last changed, and whichever of the two records is newer is the one that counts
/// ([`CalendarCopy::with_read`]); a backup carries the newer in the copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyRead {
    /// [`LinkedCalendar::copy_key`].
    pub key: String,
    /// When it was last read successfully.
    pub read_at: Option<DateTime<Utc>>,
    /// The last failure, in words, with when (cleared by a successful read).
    pub error: Option<(DateTime<Utc>, String)>,
}

/// The last time anything happened to a calendar's reading: a read or a failure.
fn latest(
    read_at: Option<DateTime<Utc>>,
    error: &Option<(DateTime<Utc>, String)>,
) -> Option<DateTime<Utc>> {
    read_at.max(error.as_ref().map(|(at, _)| *at))
}

impl CalendarCopy {
    /// The copy of a calendar never read: no events, no token.
    pub fn unread(key: String) -> CalendarCopy {
        CalendarCopy {
            key,
            state: SyncState::default(),
            validators: None,
            read_at: None,
            error: None,
            tagged: None,
        }
    }

    /// The copy of a calendar that never gave events, known only by its read record
    /// (a first read that failed, or found an empty calendar with no tag).
    pub fn only_read(read: CopyRead) -> CalendarCopy {
        CalendarCopy {
            read_at: read.read_at,
            error: read.error,
            ..CalendarCopy::unread(read.key)
        }
    }

    /// When this copy was read and how its last read failed, as a record of its own.
    pub fn read(&self) -> CopyRead {
        CopyRead {
            key: self.key.clone(),
            read_at: self.read_at,
            error: self.error.clone(),
        }
    }

    /// Whether `other` holds other events, tokens or tags than this (not only another
    /// time of reading): then the copy itself must be written again.
    pub fn content_differs(&self, other: &CalendarCopy) -> bool {
        self.state != other.state
            || self.validators != other.validators
            || self.tagged != other.tagged
    }

    /// This copy with its time of reading and last failure taken from `read` when
    /// that record is newer than the copy's own.
    pub fn with_read(mut self, read: Option<CopyRead>) -> CalendarCopy {
        let mine = latest(self.read_at, &self.error);
        if let Some(read) = read.filter(|r| latest(r.read_at, &r.error) > mine) {
            self.read_at = read.read_at;
            self.error = read.error;
        }
        self
    }
}

/// What the busy time in the store was read from: the calendar's tag on its home
/// ([`super::tags::tags`]), the window it was read over and the events it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tagged {
    /// The tag (sync token, ctag and ETag as the home listed them before the read).
    pub tag: String,
    /// The window the busy time was read over.
    pub window: Interval,
    /// Events read then.
    pub events: usize,
}

/// Every connected-calendar record of a desk, as a backup holds them
/// ([`crate::data::DataDoc::calendars`]): accounts, links, what each linked calendar
/// said when last read, and which bookings reached the server. Never a password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarRecords {
    /// The accounts (their addresses and user names; passwords stay in the keyring).
    #[serde(default)]
    pub accounts: Vec<CalendarAccount>,
    /// The calendars linked to each interviewer.
    #[serde(default)]
    pub links: Vec<CalendarLinks>,
    /// What each linked calendar said when last read, so the next sync after a
    /// restore reads only what changed.
    #[serde(default)]
    pub copies: Vec<CalendarCopy>,
    /// Which bookings reached the team's interview calendar (their ETags and
    /// SEQUENCEs), so a restored desk moves and cancels them rather than writing
    /// them again.
    #[serde(default)]
    pub published: Vec<Published>,
}

/// Whether a booking reached the team's interview calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The booking.
    pub booking: BookingId,
    /// The event's address.
    pub url: String,
    /// The ETag held (what `If-Match` needs), when written.
    pub etag: Option<String>,
    /// The SEQUENCE on the server (`None`: never written).
    pub sequence: Option<u32>,
    /// When last written.
    pub at: DateTime<Utc>,
    /// Why the last write failed, in words (`None`: the server has this version).
    pub problem: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::CalendarCopy;
    use chrono::{DateTime, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("an instant")
    }

    fn copy(read_at: Option<&str>, failed: Option<&str>) -> CalendarCopy {
        CalendarCopy {
            read_at: read_at.map(at),
            error: failed.map(|f| (at(f), "the server said 503".to_string())),
            ..CalendarCopy::unread("acct\u{1f}https://dav.example/cal/".into())
        }
    }

    #[test]
    fn the_newer_of_the_copy_and_its_read_record_says_when_it_was_read() {
        let stored = copy(Some("2026-11-20T09:00:00Z"), None);
        // A later unchanged read, written apart.
        let read = copy(Some("2026-11-20T10:00:00Z"), None).read();
        assert_eq!(
            stored.clone().with_read(Some(read)).read_at,
            Some(at("2026-11-20T10:00:00Z"))
        );
        // A later failure keeps the last good read and adds the error.
        let failed = copy(Some("2026-11-20T09:00:00Z"), Some("2026-11-20T11:00:00Z")).read();
        let merged = stored.clone().with_read(Some(failed.clone()));
        assert_eq!(merged.read_at, Some(at("2026-11-20T09:00:00Z")));
        assert_eq!(merged.error, failed.error);
        // An older record (the copy was written after it) changes nothing.
        let newer = copy(Some("2026-11-20T12:00:00Z"), None);
        assert_eq!(newer.clone().with_read(Some(failed)), newer);
        assert_eq!(stored.clone().with_read(None), stored);
    }

    #[test]
    fn only_events_tokens_and_tags_make_a_copy_differ() {
        let a = copy(Some("2026-11-20T09:00:00Z"), None);
        let b = copy(Some("2026-11-20T10:00:00Z"), Some("2026-11-20T11:00:00Z"));
        assert!(!a.content_differs(&b), "only when it was read differs");
        let c = CalendarCopy {
            validators: Some(Default::default()),
            ..a.clone()
        };
        assert!(a.content_differs(&c));
    }
}
