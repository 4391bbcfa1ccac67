//! A candidate's booked loop and its invites, as the window and the command line change
//! it: move several rounds at once ([`reschedule`]), move one interview to a date and
//! time on the candidate's clock ([`reschedule_at`]), cancel the whole loop ([`cancel`]),
//! write the invites still waiting ([`write_waiting`]), move an interview along its life
//! cycle ([`set_status`]). Each change is one store transaction (all or nothing); the
//! invites of what changed are then written into a folder ([`send`]): the same UIDs, at
//! the bookings' new SEQUENCE, REQUEST for live interviews and CANCEL for cancelled ones.

use super::candidates::{booking_lines, BookingLine};
use super::invites::{self, live_bookings, SentLog};
use super::{bookings, UseCaseError};
use crate::domain::{Booking, BookingId, BookingStatus, Candidate, CandidateId, DomainError};
use crate::store::Store;
use crate::zone::{wall_instant, WallTime};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub use super::outbox::Outbox;

/// Invite files written, and the interviews they are for.
#[derive(Debug, Clone, Serialize)]
pub struct Sent {
    /// The folder.
    pub folder: String,
    /// The files, by name.
    pub files: Vec<String>,
    /// The highest SEQUENCE written (0 for first invites).
    pub sequence: u32,
    /// The interviews, as stored now.
    pub bookings: Vec<BookingLine>,
    /// What reading stale linked calendars before the change said (calendars read
    /// again; one that could not be, and how old the copy used is). Empty when nothing
    /// was read.
    pub calendars: Vec<String>,
}

/// What a change of a loop did: the bookings as stored now, and the invites written
/// when a folder was given.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// The bookings changed, as stored now.
    pub bookings: Vec<Booking>,
    /// The invites written, if a folder was given.
    pub sent: Option<Sent>,
}

/// Writes the invites of `list` (as stored) into `folder` and records them in `out`.
pub fn send(
    store: &Store,
    list: &[Booking],
    folder: &Path,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Sent, UseCaseError> {
    let written = invites::write(store, list, folder, &out.organizer, now)?;
    Ok(Sent {
        folder: written.folder.display().to_string(),
        files: written.files,
        sequence: list.iter().map(|b| b.sequence).max().unwrap_or(0),
        bookings: booking_lines(store, &SentLog::load(store)?, list)?,
        calendars: Vec::new(),
    })
}

/// The folder the invites of `list` last went to, if any was written.
pub fn sent_folder(sent: &SentLog, list: &[Booking]) -> Option<PathBuf> {
    list.iter()
        .find_map(|b| sent.folder(&b.id).map(Path::to_path_buf))
}

pub(crate) fn written(
    store: &Store,
    bookings: Vec<Booking>,
    folder: Option<&Path>,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Changed, UseCaseError> {
    let sent = match folder {
        Some(f) => Some(send(store, &bookings, f, out, now)?),
        None => None,
    };
    Ok(Changed { bookings, sent })
}

/// Moves several rounds of one loop at once ([`bookings::reschedule_loop`]: all or
/// nothing, re-checked against what is stored) and, when `folder` is given, writes their
/// updated invites there (same UIDs, SEQUENCE + 1). A refused move changes nothing, in
/// the store or in the folder.
pub fn reschedule(
    store: &Store,
    moves: &[(BookingId, DateTime<Utc>)],
    folder: Option<&Path>,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Changed, UseCaseError> {
    let moved = out.with_mailer(store, now, |m| {
        bookings::reschedule_loop_mailed(store, moves, now, m)
    })?;
    written(store, moved, folder, out, now)
}

/// Moves interview `booking` to start at `date` `time` on the candidate's clock (same
/// length and people, re-checked as a loop move is) and writes its update where its
/// invites went, or into `fallback` when they were never written.
pub fn reschedule_at(
    store: &Store,
    booking: &BookingId,
    date: &str,
    time: &str,
    fallback: Option<&Path>,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Sent, UseCaseError> {
    let b: Booking = store.need(booking.as_str())?;
    let c: Candidate = store.need(b.candidate.as_str())?;
    let day: NaiveDate = date.trim().parse().map_err(|_| {
        DomainError::bad_text("Date", "pick a day (YYYY-MM-DD) in the candidate's zone")
    })?;
    let at = WallTime::parse(time.trim(), false)
        .ok_or_else(|| DomainError::bad_text("Time", "write it like 14:30 (24-hour clock)"))?;
    let folder = sent_folder(&SentLog::load(store)?, std::slice::from_ref(&b))
        .or_else(|| fallback.map(Path::to_path_buf))
        .ok_or(UseCaseError::NoInviteFolder)?;
    let start = wall_instant(c.time_zone, day, at);
    let changed = reschedule(store, &[(b.id, start)], Some(&folder), out, now)?;
    changed.sent.ok_or(UseCaseError::NoInviteFolder)
}

/// The folder the invites of `candidate`'s live loop went to, if they were written.
pub fn loop_folder(
    store: &Store,
    sent: &SentLog,
    candidate: &CandidateId,
) -> Result<Option<PathBuf>, UseCaseError> {
    Ok(sent_folder(sent, &live_bookings(store, candidate)?))
}

/// Cancels `candidate`'s whole live loop in one transaction (each booking's SEQUENCE
/// + 1) and, when `folder` is given, writes the CANCEL messages there (same UIDs).
pub fn cancel(
    store: &Store,
    candidate: &CandidateId,
    folder: Option<&Path>,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Changed, UseCaseError> {
    let live = live_bookings(store, candidate)?;
    if live.is_empty() {
        return Err(UseCaseError::NothingToCancel {
            candidate: candidate.to_string(),
        });
    }
    let ids: Vec<BookingId> = live.into_iter().map(|b| b.id).collect();
    let cancelled = out.with_mailer(store, now, |m| {
        bookings::cancel_all_mailed(store, &ids, now, m)
    })?;
    written(store, cancelled, folder, out, now)
}

/// `candidate`'s live interviews whose invites are not written at their current version
/// (refused with [`UseCaseError::NothingToSend`] when there are none).
pub fn waiting(
    store: &Store,
    sent: &SentLog,
    candidate: &CandidateId,
) -> Result<Vec<Booking>, UseCaseError> {
    let waiting: Vec<Booking> = live_bookings(store, candidate)?
        .into_iter()
        .filter(|b| !sent.is_current(b))
        .collect();
    if waiting.is_empty() {
        return Err(UseCaseError::NothingToSend {
            candidate: candidate.to_string(),
        });
    }
    Ok(waiting)
}

/// Writes the invites of `candidate`'s interviews that are [`waiting`] into `folder`.
pub fn write_waiting(
    store: &Store,
    candidate: &CandidateId,
    folder: &Path,
    out: &Outbox,
    now: DateTime<Utc>,
) -> Result<Sent, UseCaseError> {
    let list = waiting(store, &SentLog::load(store)?, candidate)?;
    send(store, &list, folder, out, now)
}

/// Moves interview `booking` along its life cycle (held, confirmed) and returns the
/// lines of its candidate's live interviews.
pub fn set_status(
    store: &Store,
    sent: &SentLog,
    booking: &BookingId,
    status: BookingStatus,
    now: DateTime<Utc>,
) -> Result<Vec<BookingLine>, UseCaseError> {
    let b = bookings::set_status(store, booking, status, now)?;
    booking_lines(store, sent, &live_bookings(store, &b.candidate)?)
}
