//! What left Rondo: that the invites of a booking were written, at which SEQUENCE, into
//! which folder, when. A booking whose stored SEQUENCE differs from the one written is
//! waiting to be sent; kept in the store (and in backups) so a restore remembers it.

use super::BookingId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The invites of one booking, as last written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteSent {
    /// The booking.
    pub booking: BookingId,
    /// The SEQUENCE written.
    pub sequence: u32,
    /// The folder written into (text: a folder whose name is not Unicode is refused
    /// before anything is written, so the record always names it exactly).
    pub folder: String,
    /// When.
    pub at: DateTime<Utc>,
}

impl InviteSent {
    /// The folder written into.
    pub fn folder(&self) -> &Path {
        Path::new(&self.folder)
    }
}
