//! Writing the invites of stored bookings into a folder, and remembering which version
//! of each booking went out, so the coordinator sees what is still "to send".
//!
//! Live bookings are written as REQUEST (new or moved), cancelled ones as CANCEL, both
//! at the booking's SEQUENCE and with UIDs derived from its calendar UID
//! ([`crate::ical::export::booking_invites`]). The record of what was written
//! ([`SentLog`]) is a small JSON file in the data folder (`invites-sent.json`), written
//! to a temporary file and renamed, so it is whole after a crash: a booking whose stored
//! SEQUENCE differs from the one written is waiting to be sent.

use super::UseCaseError;
use crate::domain::{Booking, BookingId, Candidate, CandidateId, Interviewer};
use crate::ical::export::{booking_invites, Method, Party, Person};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file in the data folder that records what was sent.
pub const SENT_FILE: &str = "invites-sent.json";

/// What was last written for one booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    /// The SEQUENCE written.
    pub sequence: u32,
    /// Where.
    pub folder: PathBuf,
    /// When.
    pub at: DateTime<Utc>,
}

/// Which version of each booking's invites was written, by booking id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentLog {
    /// By booking id.
    pub bookings: BTreeMap<String, Sent>,
}

impl SentLog {
    /// The log kept in data folder `dir` (empty when none was written yet, or when it
    /// cannot be read: then every booking shows as still to send, which is safe).
    pub fn load(dir: &Path) -> SentLog {
        std::fs::read(dir.join(SENT_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the log into data folder `dir` (a temporary file renamed over the old).
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let text = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        crate::whole_file::write(&dir.join(SENT_FILE), &text).map_err(std::io::Error::other)
    }

    /// True when the invites of `b` as it is now were written.
    pub fn is_current(&self, b: &Booking) -> bool {
        self.bookings
            .get(b.id.as_str())
            .is_some_and(|s| s.sequence == b.sequence)
    }

    /// The folder the invites of `id` last went to.
    pub fn folder(&self, id: &BookingId) -> Option<&Path> {
        self.bookings.get(id.as_str()).map(|s| s.folder.as_path())
    }
}

/// What [`write`] wrote.
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
/// ones, CANCEL for cancelled ones, each candidate's `loop.ics` with their live loop, and
/// records them in `log` (saved in the store's data folder).
pub fn write(
    store: &Store,
    bookings: &[Booking],
    folder: &Path,
    organizer: &Person,
    log: &mut SentLog,
    now: DateTime<Utc>,
) -> Result<Written, UseCaseError> {
    let file_error = |e: std::io::Error| UseCaseError::InviteFiles {
        folder: folder.to_path_buf(),
        message: e.to_string(),
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
            .flat_map(|b| b.interviewers.iter())
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
        std::fs::create_dir_all(folder).map_err(file_error)?;
        for f in &out {
            crate::whole_file::write(&folder.join(&f.name), f.text.as_bytes()).map_err(|e| {
                UseCaseError::InviteFiles {
                    folder: folder.to_path_buf(),
                    message: e.to_string(),
                }
            })?;
            files.push(f.name.clone());
        }
    }
    for b in bookings {
        log.bookings.insert(
            b.id.to_string(),
            Sent {
                sequence: b.sequence,
                folder: folder.to_path_buf(),
                at: now,
            },
        );
    }
    log.save(store.dir())
        .map_err(|e| UseCaseError::InviteFiles {
            folder: store.dir().to_path_buf(),
            message: format!("the record of sent invites could not be saved ({e})"),
        })?;
    Ok(Written {
        folder: folder.to_path_buf(),
        files,
    })
}
