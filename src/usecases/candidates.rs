//! Candidates as the coordinator sees and edits them: one candidate's page (the form's
//! values and their interviews, each with its time in everyone's zone) and the
//! candidate form, read with the domain's grammars ([`parse_windows`] for availability,
//! [`id_from_name`](crate::domain::id_from_name) for a new id). The window and the
//! command line add candidates through [`save`].

use super::connected::team;
use super::invites::{live_bookings, SentLog};
use super::{records, UseCaseError};
use crate::caldav::Published;
use crate::display;
use crate::domain::{
    parse_windows, window_lines, zone_from_name, Booking, BookingStatus, Candidate, CandidateId,
    DomainError, Interviewer, InterviewerId, PlanId, Stage,
};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A candidate as the form edits them, as typed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CandidateForm {
    /// Id (empty for a new candidate: made from the name).
    pub id: String,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// IANA zone.
    pub zone: String,
    /// Plan id ("" for none).
    pub plan: String,
    /// Stage.
    pub stage: Stage,
    /// Availability, one window a line in their zone (`2026-03-09 12:00-21:00`).
    pub available: String,
    /// Interview minutes a day at most (none or 0: no limit).
    pub max_minutes_per_day: Option<u32>,
    /// Private notes.
    pub notes: String,
}

/// One interview of a candidate as their page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct BookingLine {
    /// Booking id.
    pub id: String,
    /// Round name.
    pub round: String,
    /// Round id.
    pub round_id: String,
    /// Its time in every zone of its people.
    pub when: String,
    /// Its status.
    pub status: BookingStatus,
    /// Its calendar SEQUENCE.
    pub sequence: u32,
    /// True when the invites of this version were written.
    pub sent: bool,
    /// Start (for tests and machine readers; the UI shows `when`).
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// The interviewers' names.
    pub people: Vec<String>,
    /// Each invitee's answer to this version ("accepted", "not answered").
    pub answers: Vec<super::answered::Said>,
    /// The booking's state from its answers ("2 of 3 accepted", "needs a replacement
    /// for Ana Novak").
    pub answer_status: String,
    /// The interviewers who declined: their seats need someone else.
    pub declined_seats: Vec<Seat>,
    /// Times proposed by invitees (COUNTER), waiting for accept or decline.
    pub proposals: Vec<Proposed>,
    /// Whether the team's interview calendar holds this version, in words (`None`: no
    /// team calendar is set).
    pub server: Option<String>,
}

/// An interviewer's seat in a booking.
#[derive(Debug, Clone, Serialize)]
pub struct Seat {
    /// Interviewer id.
    pub id: String,
    /// Their name.
    pub name: String,
}

/// A new time someone proposed for a booking, as the candidate's page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Proposed {
    /// Who proposed it (their address: what accepting or declining names).
    pub email: String,
    /// Their name.
    pub name: String,
    /// The proposed time in every zone of the booking's people.
    pub when: String,
    /// What they wrote, if anything.
    pub comment: Option<String>,
}

/// A candidate's page: the form's values and their interviews.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateDetail {
    /// The form.
    pub form: CandidateForm,
    /// Where they are now (`Kolkata, UTC+05:30`).
    pub place: String,
    /// Their live interviews, in start order.
    pub bookings: Vec<BookingLine>,
}

/// `bookings` (any status) as the lines of their candidate's page, with times in
/// everyone's zone and whether `sent` holds their current version.
pub fn booking_lines(
    store: &Store,
    sent: &SentLog,
    bookings: &[Booking],
) -> Result<Vec<BookingLine>, UseCaseError> {
    let Some(first) = bookings.first() else {
        return Ok(Vec::new());
    };
    let candidate: Candidate = store.need(first.candidate.as_str())?;
    let team = team::team_account(store)?.is_some();
    let mut out = Vec::with_capacity(bookings.len());
    for b in bookings {
        let panel: Vec<(InterviewerId, Option<Interviewer>)> = b
            .interviewers
            .iter()
            .map(|id| Ok((id.clone(), store.get::<Interviewer>(id.as_str())?)))
            .collect::<Result<_, UseCaseError>>()?;
        let people: Vec<(String, chrono_tz::Tz)> = panel
            .iter()
            .map(|(id, i)| {
                i.as_ref().map_or((id.to_string(), chrono_tz::UTC), |i| {
                    (i.name.clone(), i.time_zone)
                })
            })
            .collect();
        let (answers, state, counters) = super::answered::who_said(store, b)?;
        let declined_seats = panel
            .iter()
            .filter_map(|(id, i)| {
                let i = i.as_ref()?;
                let email = crate::ical::itip::mail_address(&i.email);
                answers
                    .iter()
                    .any(|s| s.declined && crate::ical::itip::mail_address(&s.email) == email)
                    .then(|| Seat {
                        id: id.to_string(),
                        name: i.name.clone(),
                    })
            })
            .collect();
        let proposals = counters
            .into_iter()
            .map(|c| Proposed {
                when: display::when_in_zones(candidate.time_zone, c.start, c.end, &people),
                email: c.email,
                name: c.name,
                comment: c.comment,
            })
            .collect();
        out.push(BookingLine {
            id: b.id.to_string(),
            round: b.round_name.clone(),
            round_id: b.round.to_string(),
            when: display::when_in_zones(candidate.time_zone, b.start, b.end, &people),
            status: b.status,
            sequence: b.sequence,
            sent: sent.is_current(b),
            start: b.start,
            end: b.end,
            people: people.into_iter().map(|(n, _)| n).collect(),
            answers,
            answer_status: state.label(),
            declined_seats,
            proposals,
            server: if team {
                let held: Option<Published> = store.get(b.id.as_str())?;
                Some(team::on_server(held.as_ref(), b))
            } else {
                None
            },
        });
    }
    Ok(out)
}

/// Candidate `id`'s page at `now`.
pub fn detail(
    store: &Store,
    sent: &SentLog,
    id: &str,
    now: DateTime<Utc>,
) -> Result<CandidateDetail, UseCaseError> {
    let c: Candidate = store.need(id.trim())?;
    let bookings = live_bookings(store, &c.id)?;
    Ok(CandidateDetail {
        place: format!(
            "{}, {}",
            display::city(c.time_zone),
            display::offset_label(c.time_zone, now)
        ),
        bookings: booking_lines(store, sent, &bookings)?,
        form: CandidateForm {
            id: c.id.to_string(),
            name: c.name.clone(),
            email: c.email.clone(),
            zone: c.time_zone.name().to_string(),
            plan: c.plan.as_ref().map(|p| p.to_string()).unwrap_or_default(),
            stage: c.stage,
            available: window_lines(&c.available, c.time_zone).join("\n"),
            max_minutes_per_day: c.max_minutes_per_day,
            notes: c.notes.clone(),
        },
    })
}

/// Adds (empty id: one made from the name) or replaces a candidate from the form.
pub fn save(store: &Store, form: &CandidateForm) -> Result<Candidate, UseCaseError> {
    let name = form.name.trim();
    if name.is_empty() {
        return Err(DomainError::bad_text("Name", "enter the candidate's name").into());
    }
    let zone = zone_from_name("Time zone", form.zone.trim())?;
    let available = parse_windows(&form.available, zone)?;
    let plan = match form.plan.trim() {
        "" => None,
        p => Some(PlanId::new(p).map_err(|e| DomainError::bad_text("Plan", e))?),
    };
    let is_new = form.id.trim().is_empty();
    let id = if is_new {
        records::free_id::<Candidate>(store, name, "candidate")
    } else {
        form.id.trim().to_string()
    };
    let mut c = Candidate::new(CandidateId::new(id)?, name, zone);
    c.email = form.email.trim().to_string();
    c.available = available;
    c.max_minutes_per_day = form.max_minutes_per_day.filter(|m| *m > 0);
    c.plan = plan;
    c.stage = form.stage;
    c.notes = form.notes.clone();
    // The form does not show when they applied: a new candidate applied now, an edited
    // one keeps what is stored.
    c.applied = if is_new {
        Some(chrono::Utc::now())
    } else {
        store
            .get::<Candidate>(c.id.as_str())?
            .and_then(|old| old.applied)
    };
    if is_new {
        records::add_candidate(store, &c)?;
    } else {
        records::edit_candidate(store, &c)?;
    }
    Ok(c)
}
