//! The `rondo-data/1` document: everything Rondo stores, as one JSON file (README, "The
//! rondo-data/1 format"). It sits beside the other formats ([`crate::problem`],
//! [`crate::solution`]): the backup use case reads and writes it
//! ([`crate::usecases::backup`]) and the example teams are made as one
//! ([`crate::example`]).

use crate::answers::BookingAnswers;
use crate::caldav::CalendarRecords;
use crate::domain::{Booking, Candidate, Interviewer, InviteSent, Plan, Trainee, TrainingPath};
use crate::mail::outbox::Queued;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The value of the `format` field of a backup.
pub const DATA_FORMAT: &str = "rondo-data/1";

/// Everything Rondo stores (kept proposals excepted: they are recomputed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataDoc {
    /// Always [`DATA_FORMAT`].
    pub format: String,
    /// When it was written.
    pub exported_at: DateTime<Utc>,
    /// Every interviewer with their calendars' busy blocks.
    pub interviewers: Vec<Interviewer>,
    /// Every candidate.
    pub candidates: Vec<Candidate>,
    /// Every plan.
    pub plans: Vec<Plan>,
    /// Every booking, cancelled ones included.
    pub bookings: Vec<Booking>,
    /// Which version of each booking's invites was written, and where (absent from
    /// backups written before it was kept: then nothing counts as sent).
    #[serde(default)]
    pub invites_sent: Vec<InviteSent>,
    /// Each pool's training path (absent from older backups: no paths).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub training_paths: Vec<TrainingPath>,
    /// Each interviewer's training (absent from older backups: nobody in training).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainees: Vec<Trainee>,
    /// What each invitee answered and the new times proposed, by booking (absent from
    /// backups written before answers were kept, and when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<BookingAnswers>,
    /// The e-mails queued, sending, sent or failed, each with where it is: a restored
    /// message already `sent` is never sent again, one `waiting` still goes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outbox: Vec<Queued>,
    /// The desk's connected calendars (accounts, links, what each calendar said when
    /// last read, which bookings reached the server; never a password). Absent from
    /// documents written before they were backed up and from made-up teams: restoring
    /// such a document keeps the desk's accounts and links as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendars: Option<CalendarRecords>,
}

impl DataDoc {
    /// A document with nothing in it, stamped `now` (restoring it clears the store,
    /// connected calendars included).
    pub fn empty(now: DateTime<Utc>) -> DataDoc {
        DataDoc {
            format: DATA_FORMAT.to_string(),
            exported_at: now,
            interviewers: Vec::new(),
            candidates: Vec::new(),
            plans: Vec::new(),
            bookings: Vec::new(),
            invites_sent: Vec::new(),
            training_paths: Vec::new(),
            trainees: Vec::new(),
            answers: Vec::new(),
            outbox: Vec::new(),
            calendars: Some(CalendarRecords::default()),
        }
    }
}
