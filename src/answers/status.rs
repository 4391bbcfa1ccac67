//! A booking's state as its answers make it: what the pipeline shows and what the
//! coordinator must do next.
//!
//! Only answers to the version sent last count (a moved interview needs new answers).
//! In order of what needs the coordinator most:
//! 1. the candidate declined → reschedule (find options again);
//! 2. an interviewer declined (or delegated: the engine has not checked the delegate)
//!    → needs a replacement for them;
//! 3. everyone required accepted → confirmed;
//! 4. otherwise → to confirm, "2 of 3 accepted", naming who is tentative.
//!
//! Optional attendees (shadows) never block: their answers are not counted.

use super::{Answers, Invitation, Part};
use crate::ical::itip::PartStat;
use serde::Serialize;

/// The state of a booking's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerStatus {
    /// Everyone required accepted.
    Confirmed,
    /// Waiting for some answers, or someone is tentative.
    ToConfirm {
        /// Required invitees who accepted.
        accepted: usize,
        /// Required invitees.
        of: usize,
        /// Names of those who answered "tentative".
        tentative: Vec<String>,
    },
    /// An interviewer declined: someone else must take their seat.
    NeedsReplacement {
        /// Names of the interviewers who declined (or delegated).
        declined: Vec<String>,
    },
    /// The candidate declined: the interview must move.
    Reschedule {
        /// The candidate's name.
        candidate: String,
    },
}

impl AnswerStatus {
    /// In words, as the pipeline shows it: "confirmed", "2 of 3 accepted",
    /// "2 of 3 accepted, Ana Novak tentative", "needs a replacement for Ana Novak",
    /// "reschedule: Priya Raman declined".
    pub fn label(&self) -> String {
        match self {
            AnswerStatus::Confirmed => "confirmed".to_string(),
            AnswerStatus::ToConfirm {
                accepted,
                of,
                tentative,
            } => {
                if tentative.is_empty() {
                    format!("{accepted} of {of} accepted")
                } else {
                    format!(
                        "{accepted} of {of} accepted, {} tentative",
                        tentative.join(", ")
                    )
                }
            }
            AnswerStatus::NeedsReplacement { declined } => {
                format!("needs a replacement for {}", declined.join(", "))
            }
            AnswerStatus::Reschedule { candidate } => {
                format!("reschedule: {candidate} declined")
            }
        }
    }
}

/// The state of booking `inv` given its `answers`.
pub fn status(inv: &Invitation, answers: &Answers) -> AnswerStatus {
    let mut accepted = 0;
    let mut of = 0;
    let mut tentative = Vec::new();
    let mut declined = Vec::new();
    let mut candidate_declined = None;
    for person in &inv.invitees {
        if person.part == Part::Optional {
            continue;
        }
        of += 1;
        let said = answers
            .current(&person.email, inv.sequence)
            .map_or(PartStat::NeedsAction, |a| a.partstat);
        let name = if person.name.is_empty() {
            person.email.clone()
        } else {
            person.name.clone()
        };
        match (said, person.part) {
            (PartStat::Accepted, _) => accepted += 1,
            (PartStat::Tentative, _) => tentative.push(name),
            (PartStat::Declined | PartStat::Delegated, Part::Candidate) => {
                candidate_declined = Some(name);
            }
            (PartStat::Declined | PartStat::Delegated, _) => declined.push(name),
            (PartStat::NeedsAction, _) => {}
        }
    }
    if let Some(candidate) = candidate_declined {
        AnswerStatus::Reschedule { candidate }
    } else if !declined.is_empty() {
        AnswerStatus::NeedsReplacement { declined }
    } else if accepted == of {
        AnswerStatus::Confirmed
    } else {
        AnswerStatus::ToConfirm {
            accepted,
            of,
            tentative,
        }
    }
}
