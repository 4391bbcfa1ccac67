//! `invites-sent.json`: where builds before the `invites_sent` tree kept which version
//! of each booking's invites was written. [`Store::open`] imports it into the tree and
//! then deletes it, so nobody loses what they sent; an open that cannot import it (a
//! full disk, a file that cannot be read) leaves it for the next one. Importing twice
//! changes nothing: an entry replaces a stored one only if it was written later.

use super::{space, Store, StoreError};
use crate::domain::{Booking, BookingId, InviteSent};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The file in the data folder that older builds wrote.
pub const SENT_FILE: &str = "invites-sent.json";

/// The file's layout: `{"bookings": {"bk-000001": {"sequence", "folder", "at"}}}`.
#[derive(Deserialize)]
struct OldLog {
    bookings: BTreeMap<String, OldSent>,
}

#[derive(Deserialize)]
struct OldSent {
    sequence: u32,
    folder: std::path::PathBuf,
    at: DateTime<Utc>,
}

impl Store {
    /// Imports `invites-sent.json` of the data folder, if there is one (module doc).
    pub(crate) fn import_sent_file(&self) -> Result<(), StoreError> {
        let path = self.dir.join(SENT_FILE);
        let Ok(bytes) = std::fs::read(&path) else {
            return Ok(());
        };
        // Unreadable: every booking shows as still to send, which is safe; the file stays.
        let Ok(old) = serde_json::from_slice::<OldLog>(&bytes) else {
            return Ok(());
        };
        if space::ensure(&self.dir, bytes.len() as u64).is_err() {
            return Ok(());
        }
        let mut records = Vec::new();
        for (id, sent) in old.bookings {
            let (Ok(booking), Some(folder)) = (BookingId::new(id), sent.folder.to_str()) else {
                continue;
            };
            // Only bookings that are stored: a backup names no others.
            if self.get::<Booking>(booking.as_str())?.is_none() {
                continue;
            }
            let newer = match self.get::<InviteSent>(booking.as_str())? {
                Some(stored) => stored.at < sent.at,
                None => true,
            };
            if newer {
                records.push(InviteSent {
                    booking,
                    sequence: sent.sequence,
                    folder: folder.to_string(),
                    at: sent.at,
                });
            }
        }
        self.put_all(&records)?;
        std::fs::remove_file(&path).map_err(|e| StoreError::from_io(&self.dir, e))
    }
}
