//! Writing the invites of stored bookings into a folder, and remembering which version
//! of each booking went out, so the coordinator sees what is still "to send".
//!
//! Live bookings are written as REQUEST (new or moved), cancelled ones as CANCEL, both
//! at the booking's SEQUENCE and with UIDs derived from its calendar UID
//! ([`crate::ical::export::booking_invites`]). Each file is written whole
//! ([`crate::whole_file`]); once all are written, what was written is stored
//! ([`InviteSent`] records, in the store and in backups). A crash in between only makes
//! the bookings show as still to send, and writing them again is safe (same UIDs and
//! SEQUENCE). A booking whose stored SEQUENCE differs from the one written is waiting to
//! be sent ([`SentLog`]).

use super::UseCaseError;
use crate::domain::{Booking, BookingId, Candidate, CandidateId, Interviewer, InviteSent};
use crate::ical::export::{booking_invites, Method, Party, Person};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Which version of each booking's invites was written, as stored when it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentLog {
    by_booking: BTreeMap<BookingId, InviteSent>,
}

impl SentLog {
    /// What the store says was sent.
    pub fn load(store: &Store) -> Result<SentLog, StoreError> {
        Ok(SentLog {
            by_booking: store
                .all::<InviteSent>()?
                .into_iter()
                .map(|s| (s.booking.clone(), s))
                .collect(),
        })
    }

    /// True when the invites of `b` as it is now were written.
    pub fn is_current(&self, b: &Booking) -> bool {
        self.by_booking
            .get(&b.id)
            .is_some_and(|s| s.sequence == b.sequence)
    }

    /// The folder the invites of `id` last went to.
    pub fn folder(&self, id: &BookingId) -> Option<&Path> {
        self.by_booking.get(id).map(InviteSent::folder)
    }

    /// What was last written for `id`.
    pub fn get(&self, id: &BookingId) -> Option<&InviteSent> {
        self.by_booking.get(id)
    }
}

/// What [`write()`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Written {
    /// The folder.
    pub folder: PathBuf,
    /// The files, by name, in the order written.
    pub files: Vec<String>,
}

/// The candidate's live bookings, in start order.
pub fn live_bookings(store: &Store, candidate: &CandidateId) -> Result<Vec<Booking>, UseCaseError> {
    store
        .candidate_bookings(candidate)?
        .into_iter()
        .map(|e| {
            store
                .need::<Booking>(e.booking.as_str())
                .map_err(Into::into)
        })
        .collect()
}

/// Writes the invites of `bookings` (as stored now) into `folder`: REQUEST for live
/// ones, CANCEL for cancelled ones, each candidate's `loop.ics` with their live loop;
/// then stores that they were written ([`InviteSent`], read back by [`SentLog::load`]).
pub fn write(
    store: &Store,
    bookings: &[Booking],
    folder: &Path,
    organizer: &Person,
    now: DateTime<Utc>,
) -> Result<Written, UseCaseError> {
    let file_error = |message: String| UseCaseError::InviteFiles {
        folder: folder.to_path_buf(),
        message,
    };
    // The record names the folder exactly, so updates go to the same one.
    let Some(folder_text) = folder.to_str() else {
        return Err(file_error(
            "its name is not valid Unicode; choose a folder with another name".into(),
        ));
    };
    let mut by_candidate: BTreeMap<&CandidateId, Vec<&Booking>> = BTreeMap::new();
    for b in bookings {
        by_candidate.entry(&b.candidate).or_default().push(b);
    }
    let mut files = Vec::new();
    for (cid, list) in by_candidate {
        let candidate: Candidate = store.need(cid.as_str())?;
        let whole = live_bookings(store, cid)?;
        let mut people: Vec<Interviewer> = Vec::new();
        for id in list
            .iter()
            .copied()
            .chain(whole.iter())
            .flat_map(|b| b.people())
        {
            if !people.iter().any(|p| &p.id == id) {
                people.push(store.need(id.as_str())?);
            }
        }
        let party = Party {
            candidate: &candidate,
            interviewers: &people,
            organizer,
        };
        let (live, cancelled): (Vec<Booking>, Vec<Booking>) =
            list.into_iter().cloned().partition(|b| b.status.is_live());
        let mut out = Vec::new();
        if !live.is_empty() {
            out.extend(booking_invites(&live, &whole, party, Method::Request, now)?);
        }
        if !cancelled.is_empty() {
            out.extend(booking_invites(
                &cancelled,
                &[],
                party,
                Method::Cancel,
                now,
            )?);
        }
        std::fs::create_dir_all(folder).map_err(|e| file_error(e.to_string()))?;
        for f in &out {
            crate::whole_file::write(&folder.join(&f.name), f.text.as_bytes())
                .map_err(|e| file_error(e.to_string()))?;
            files.push(f.name.clone());
        }
    }
    let sent: Vec<InviteSent> = bookings
        .iter()
        .map(|b| InviteSent {
            booking: b.id.clone(),
            sequence: b.sequence,
            folder: folder_text.to_string(),
            at: now,
        })
        .collect();
    store.put_all(&sent)?;
    Ok(Written {
        folder: folder.to_path_buf(),
        files,
    })
}
