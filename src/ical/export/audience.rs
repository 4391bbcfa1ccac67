//! The two audiences of one booked round: the candidate sees the company, the round,
//! the video link and whom to contact; the panel sees the candidate's name and the
//! coordinator's notes. Two events, two UIDs, so neither sees the other's text.

use super::{Attendee, Invite, Method, Person, Role};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// One booked interview round, as the coordinator knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundBooking {
    /// A stable key of the round (request, candidate and round ids): UIDs derive from it.
    pub key: String,
    /// The round's name ("Technical interview").
    pub round_name: String,
    /// The hiring company.
    pub company: String,
    /// The candidate.
    pub candidate: Person,
    /// The candidate's zone (their invite is written in it).
    pub candidate_zone: Tz,
    /// Interviewers who must attend.
    pub interviewers: Vec<Person>,
    /// Shadow interviewers (optional attendees).
    pub shadows: Vec<Person>,
    /// The zone of the panel's invite (usually the lead interviewer's).
    pub panel_zone: Tz,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
    /// Video link, shown to both.
    pub video_link: String,
    /// Whom the candidate may contact (usually the coordinator).
    pub contact: Person,
    /// Notes for the panel only (never in the candidate's invite).
    pub notes: String,
    /// 0 for the first invite; +1 on each reschedule or cancellation.
    pub sequence: u32,
}

/// A UID that stays the same for the same `key` and `audience` (so re-running a plan
/// updates the events instead of duplicating them): a 128-bit FNV-1a digest.
pub fn stable_uid(key: &str, audience: &str) -> String {
    format!("{:032x}-{audience}@rondo.invalid", digest(&[key, audience]))
}

/// A 128-bit FNV-1a digest of `parts`, each followed by a NUL (so `["ab", "c"]` and
/// `["a", "bc"]` differ): stable across runs and platforms, for identifiers derived
/// from what they name (UIDs, Message-IDs). Not a cryptographic hash.
pub fn digest(parts: &[&str]) -> u128 {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for (n, part) in parts.iter().enumerate() {
        let sep: &[u8] = if n + 1 == parts.len() { &[] } else { &[0] };
        for b in part.bytes().chain(sep.iter().copied()) {
            h ^= u128::from(b);
            h = h.wrapping_mul(0x0000000001000000000000000000013B);
        }
    }
    h
}

/// The candidate's invite and the panel's invite for `round`, both from `organizer`.
pub fn round_invites(
    round: &RoundBooking,
    organizer: &Person,
    method: Method,
    dtstamp: DateTime<Utc>,
) -> (Invite, Invite) {
    let candidate = Invite {
        uid: stable_uid(&round.key, "candidate"),
        sequence: round.sequence,
        method,
        summary: format!("{} – {}", round.company, round.round_name),
        description: lines(&[
            format!("Your {} with {}.", round.round_name, round.company),
            video(&round.video_link),
            format!(
                "Questions? Contact {} <{}>.",
                round.contact.name, round.contact.email
            ),
        ]),
        location: round.video_link.clone(),
        start: round.start,
        end: round.end,
        display_zone: round.candidate_zone,
        organizer: organizer.clone(),
        attendees: vec![Attendee {
            person: round.candidate.clone(),
            role: Role::Required,
            rsvp: true,
        }],
        dtstamp,
        tentative: false,
    };
    let mut attendees: Vec<Attendee> = round
        .interviewers
        .iter()
        .map(|p| Attendee {
            person: p.clone(),
            role: Role::Required,
            rsvp: true,
        })
        .collect();
    attendees.extend(round.shadows.iter().map(|p| Attendee {
        person: p.clone(),
        role: Role::Optional,
        rsvp: true,
    }));
    let panel = Invite {
        uid: stable_uid(&round.key, "panel"),
        sequence: round.sequence,
        method,
        summary: format!("Interview: {} – {}", round.candidate.name, round.round_name),
        description: lines(&[
            format!("Candidate: {}", round.candidate.name),
            video(&round.video_link),
            if round.notes.is_empty() {
                String::new()
            } else {
                format!("Notes: {}", round.notes)
            },
        ]),
        location: round.video_link.clone(),
        start: round.start,
        end: round.end,
        display_zone: round.panel_zone,
        organizer: organizer.clone(),
        attendees,
        dtstamp,
        tentative: false,
    };
    (candidate, panel)
}

fn video(link: &str) -> String {
    if link.is_empty() {
        String::new()
    } else {
        format!("Video: {link}")
    }
}

/// The non-empty lines joined by newlines.
fn lines(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}
