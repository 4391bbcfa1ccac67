//! The pipeline and the candidates in it: a searchable page of candidates with what
//! waits on the coordinator, one candidate's details with their interviews, and the
//! candidate form.

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::display;
use rondo::domain::{
    parse_windows, window_lines, Booking, Candidate, CandidateId, Interviewer, PlanId, Stage,
};
use rondo::usecases::pipeline::{self, Page, Waiting};
use rondo::usecases::records;
use rondo::zone::parse_zone;
use serde::{Deserialize, Serialize};
use tauri::State;

/// Lines per page of the pipeline (the window never draws more at once).
pub const PAGE_SIZE: usize = 50;

/// A page of the pipeline matching `query` (and `waiting`, when given), from `offset`.
pub fn page(
    state: &AppState,
    query: &str,
    waiting: Option<Waiting>,
    offset: usize,
    now: DateTime<Utc>,
) -> Result<Page, AppError> {
    let rows = state.pipeline(now)?;
    Ok(pipeline::page(&rows, query, waiting, offset, PAGE_SIZE))
}

/// The pipeline page.
#[tauri::command]
pub fn pipeline(
    state: State<'_, AppState>,
    query: String,
    waiting: Option<Waiting>,
    offset: usize,
) -> Result<Page, AppError> {
    page(&state, &query, waiting, offset, Utc::now())
}

/// A candidate as the form edits them.
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
    /// Interview minutes a day at most (none: no limit).
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
    pub status: rondo::domain::BookingStatus,
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

/// `candidate`'s bookings (any status) as lines, with times in everyone's zone.
pub fn booking_lines(
    state: &AppState,
    candidate: &Candidate,
    bookings: &[Booking],
) -> Result<Vec<BookingLine>, AppError> {
    let sent = state.sent()?;
    state.read(|s| {
        let mut out = Vec::with_capacity(bookings.len());
        for b in bookings {
            let people: Vec<(String, chrono_tz::Tz)> = b
                .interviewers
                .iter()
                .map(|id| {
                    s.get::<Interviewer>(id.as_str()).map(|i| {
                        i.map_or((id.to_string(), chrono_tz::UTC), |i| (i.name, i.time_zone))
                    })
                })
                .collect::<Result<_, _>>()?;
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
            });
        }
        Ok(out)
    })
}

/// A candidate's live bookings, in start order (through the store's index).
pub fn bookings_of(state: &AppState, id: &CandidateId) -> Result<Vec<Booking>, AppError> {
    state.read(|s| Ok(rondo::usecases::invites::live_bookings(s, id)?))
}

/// A candidate's page.
pub fn detail(state: &AppState, id: &str, now: DateTime<Utc>) -> Result<CandidateDetail, AppError> {
    let c: Candidate = state.read(|s| Ok(s.need(id)?))?;
    let bookings = bookings_of(state, &c.id)?;
    Ok(CandidateDetail {
        place: format!(
            "{}, {}",
            display::city(c.time_zone),
            display::offset_label(c.time_zone, now)
        ),
        bookings: booking_lines(state, &c, &bookings)?,
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

/// An id from a name, not yet taken (`Priya Raman` → `priya-raman`, `priya-raman-2`).
pub fn new_id(name: &str, taken: impl Fn(&str) -> bool, fallback: &str) -> String {
    let base: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let mut base = if base.is_empty() {
        fallback.to_string()
    } else {
        base
    };
    base.truncate(56);
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// A zone name from a form, or an error naming the field.
pub fn zone_of(text: &str) -> Result<chrono_tz::Tz, AppError> {
    parse_zone(text.trim()).ok_or_else(|| {
        AppError::bad_input(format!(
            "Time zone: \u{201c}{}\u{201d} is not a time zone Rondo knows. Pick one from the list (such as Asia/Kolkata).",
            text.trim()
        ))
    })
}

/// Adds (empty id) or replaces a candidate from the form; returns their id.
pub fn save(state: &AppState, form: CandidateForm) -> Result<String, AppError> {
    if form.name.trim().is_empty() {
        return Err(AppError::bad_input("Name: enter the candidate's name."));
    }
    let zone = zone_of(&form.zone)?;
    let available = parse_windows(&form.available, zone)
        .map_err(|e| AppError::bad_input(format!("Availability: {e}.")))?;
    let plan = match form.plan.trim() {
        "" => None,
        p => Some(PlanId::new(p).map_err(|e| AppError::bad_input(format!("Plan: {e}.")))?),
    };
    state.write(|s| {
        let is_new = form.id.trim().is_empty();
        let id = if is_new {
            new_id(
                &form.name,
                |id| s.get::<Candidate>(id).ok().flatten().is_some(),
                "candidate",
            )
        } else {
            form.id.trim().to_string()
        };
        let id = CandidateId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
        let mut c = Candidate::new(id.clone(), form.name.trim(), zone);
        c.email = form.email.trim().to_string();
        c.available = available;
        c.max_minutes_per_day = form.max_minutes_per_day.filter(|m| *m > 0);
        c.plan = plan;
        c.stage = form.stage;
        c.notes = form.notes.clone();
        if is_new {
            records::add_candidate(s, &c)?;
        } else {
            records::edit_candidate(s, &c)?;
        }
        Ok(id.to_string())
    })
}

/// One candidate's page.
#[tauri::command]
pub fn candidate(state: State<'_, AppState>, id: String) -> Result<CandidateDetail, AppError> {
    detail(&state, &id, Utc::now())
}

/// Adds or edits a candidate and returns their page.
#[tauri::command]
pub fn save_candidate(
    state: State<'_, AppState>,
    form: CandidateForm,
) -> Result<CandidateDetail, AppError> {
    let id = save(&state, form)?;
    detail(&state, &id, Utc::now())
}

/// Deletes a candidate with no live interview.
#[tauri::command]
pub fn delete_candidate(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    let id = CandidateId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
    state.write(|s| Ok(records::delete_candidate(s, &id)?))
}
