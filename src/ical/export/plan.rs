//! The invites of one option of a scheduling answer: for each placed round the
//! candidate's and the panel's REQUEST, and a PUBLISH file of the candidate's loop.

use super::{
    round_invites, write_invite, write_publish, ExportError, Method, Person, RoundBooking,
};
use crate::problem::Problem;
use crate::solution::OptionDoc;
use chrono::{DateTime, Utc};

/// One file to write: its name (safe for any file system) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteFile {
    /// File name, e.g. `tech-candidate.ics`.
    pub name: String,
    /// The whole `.ics` text (CRLF lines).
    pub text: String,
}

/// Why the invites of an option cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanInviteError {
    /// The option names a round or interviewer the request does not have.
    #[error(
        "the answer names {what} {id:?}, which the request does not have: solve the request again"
    )]
    Unknown {
        /// "round" or "interviewer".
        what: &'static str,
        /// The id.
        id: String,
    },
    /// An invite could not be written (a bad e-mail address in the request…).
    #[error(transparent)]
    Export(#[from] ExportError),
}

/// `id` as a file name: letters, digits, `-` and `_` kept, anything else `_`.
pub fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The address of someone in the request: their `email`, or `<id>@invalid.example`.
pub fn person(id: &str, name: Option<&String>, email: Option<&String>) -> Person {
    Person {
        name: name.cloned().unwrap_or_else(|| id.to_string()),
        email: email
            .cloned()
            .unwrap_or_else(|| format!("{}@invalid.example", file_safe(id))),
    }
}

/// The invites of `option` of the answer to `problem`, sent by `organizer`. UIDs derive
/// from the request, candidate and round ids, so solving again and re-sending updates
/// the same events (raise `sequence` when the times changed).
///
/// # Errors
/// [`PlanInviteError`] when the option does not fit the request or an address is bad.
pub fn invites_for_option(
    problem: &Problem,
    option: &OptionDoc,
    organizer: &Person,
    sequence: u32,
    dtstamp: DateTime<Utc>,
) -> Result<Vec<InviteFile>, PlanInviteError> {
    let c = &problem.candidate;
    let candidate = person(&c.id, c.name.as_ref(), c.email.as_ref());
    let mut files = Vec::new();
    let mut loop_invites = Vec::new();
    for placed in &option.rounds {
        let round = problem
            .rounds
            .iter()
            .find(|r| r.id == placed.round)
            .ok_or_else(|| PlanInviteError::Unknown {
                what: "round",
                id: placed.round.clone(),
            })?;
        let mut panel = Vec::new();
        let mut panel_zone = c.zone;
        for (n, id) in placed.interviewers.iter().enumerate() {
            let it = problem
                .interviewers
                .iter()
                .find(|i| &i.id == id)
                .ok_or_else(|| PlanInviteError::Unknown {
                    what: "interviewer",
                    id: id.clone(),
                })?;
            if n == 0 {
                panel_zone = it.zone;
            }
            panel.push(person(&it.id, it.name.as_ref(), it.email.as_ref()));
        }
        let booking = RoundBooking {
            key: format!("{}/{}/{}", problem.id, c.id, round.id),
            round_name: round.name.clone(),
            company: organizer.name.clone(),
            candidate: candidate.clone(),
            candidate_zone: c.zone,
            interviewers: panel,
            shadows: Vec::new(),
            panel_zone,
            start: placed.start,
            end: placed.end,
            video_link: String::new(),
            contact: organizer.clone(),
            notes: String::new(),
            sequence,
        };
        let (cand, panel) = round_invites(&booking, organizer, Method::Request, dtstamp);
        let stem = file_safe(&round.id);
        files.push(InviteFile {
            name: format!("{stem}-candidate.ics"),
            text: write_invite(&cand)?,
        });
        if !panel.attendees.is_empty() {
            files.push(InviteFile {
                name: format!("{stem}-panel.ics"),
                text: write_invite(&panel)?,
            });
        }
        loop_invites.push(cand);
    }
    if !loop_invites.is_empty() {
        files.push(InviteFile {
            name: "loop.ics".into(),
            text: write_publish(&loop_invites)?,
        });
    }
    Ok(files)
}
