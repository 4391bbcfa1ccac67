//! Interviewers: who they are, their zone, pools, caps and weekly working hours.

use crate::error::AppError;
use crate::state::{AppState, Workspace};
use chrono::{DateTime, Utc};
use rondo::display;
use rondo::problem::{InterviewerDoc, WorkingHoursDoc};
use rondo::zone::{parse_zone, WallTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tauri::State;

/// The weekdays as the request spells them, and as the window shows them.
pub const DAYS: [(&str, &str); 7] = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
];

/// One interviewer as the People screen lists them.
#[derive(Debug, Clone, Serialize)]
pub struct InterviewerView {
    /// Stable id.
    pub id: String,
    /// Name (the id when none).
    pub name: String,
    /// IANA zone.
    pub zone: String,
    /// The zone as a place, with its offset now (`Berlin, UTC+01:00`).
    pub place: String,
    /// Their local clock now.
    pub clock: String,
    /// Pools they may be picked from.
    pub pools: Vec<String>,
    /// Working hours per weekday, Monday first, as editable text (`09:00-17:00`).
    pub hours: Vec<DayHours>,
    /// Minutes kept free around interviews.
    pub buffer_minutes: i64,
    /// Interviews a day at most, if capped.
    pub max_per_day: Option<i64>,
    /// Interviews a week at most, if capped.
    pub max_per_week: Option<i64>,
    /// Busy blocks known from their calendar.
    pub busy_blocks: usize,
}

/// A weekday's working windows as text.
#[derive(Debug, Clone, Serialize)]
pub struct DayHours {
    /// `mon` … `sun`.
    pub day: String,
    /// `Monday` … `Sunday`.
    pub label: String,
    /// `09:00-12:30, 13:30-17:30`, empty for a day off.
    pub text: String,
}

fn view(doc: &InterviewerDoc, now: DateTime<Utc>) -> InterviewerView {
    let (place, clock) = match parse_zone(&doc.time_zone) {
        Some(z) => (
            format!("{}, {}", display::city(z), display::offset_label(z, now)),
            display::clock_label(z, now),
        ),
        None => (doc.time_zone.clone(), String::new()),
    };
    InterviewerView {
        id: doc.id.clone(),
        name: doc.name.clone().unwrap_or_else(|| doc.id.clone()),
        zone: doc.time_zone.clone(),
        place,
        clock,
        pools: doc.pools.clone(),
        hours: DAYS
            .iter()
            .map(|(day, label)| DayHours {
                day: day.to_string(),
                label: label.to_string(),
                text: doc
                    .working_hours
                    .get(*day)
                    .map(|ws| {
                        ws.iter()
                            .map(|[a, b]| format!("{a}-{b}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
            })
            .collect(),
        buffer_minutes: doc.buffer_minutes.unwrap_or(0),
        max_per_day: doc.max_per_day,
        max_per_week: doc.max_per_week,
        busy_blocks: doc.busy.len(),
    }
}

/// Every interviewer of the workspace, in request order.
pub fn list(ws: &Workspace, now: DateTime<Utc>) -> Vec<InterviewerView> {
    ws.doc.interviewers.iter().map(|i| view(i, now)).collect()
}

/// Parses the weekly editor's text (`{"mon": "09:00-12:30, 13:30-17:30", ...}`) into the
/// request's working hours; an empty day is a day off. Errors name the day and show the
/// expected form.
pub fn parse_hours(text: &BTreeMap<String, String>) -> Result<WorkingHoursDoc, AppError> {
    let mut out = WorkingHoursDoc::new();
    for (day, label) in DAYS {
        let Some(line) = text.get(day).map(|s| s.trim()).filter(|s| !s.is_empty()) else {
            continue;
        };
        let mut windows = Vec::new();
        for part in line.split(',').map(str::trim) {
            let bad = || {
                AppError::bad_input(format!(
                    "{label}: \u{201c}{part}\u{201d} is not a time range. Write it like 09:00-17:00 (24-hour clock; several ranges separated by commas; leave the day empty for a day off)."
                ))
            };
            let (a, b) = part
                .split_once(['-', '–'])
                .map(|(a, b)| (a.trim(), b.trim()))
                .ok_or_else(bad)?;
            let start = WallTime::parse(a, false).ok_or_else(bad)?;
            let end = WallTime::parse(b, true).ok_or_else(bad)?;
            if end <= start {
                return Err(AppError::bad_input(format!(
                    "{label}: {a}-{b} ends before it starts. Put the earlier time first."
                )));
            }
            windows.push([start.to_string(), end.to_string()]);
        }
        out.insert(day.to_string(), windows);
    }
    Ok(out)
}

/// What the "Add interviewer" form sends.
#[derive(Debug, Clone, Deserialize)]
pub struct NewInterviewer {
    /// Full name.
    pub name: String,
    /// E-mail address (for invites).
    pub email: String,
    /// IANA zone name.
    pub zone: String,
    /// Pools, comma separated.
    pub pools: String,
    /// Working hours per weekday (`mon` … `sun`).
    pub hours: BTreeMap<String, String>,
    /// Minutes kept free around interviews.
    pub buffer_minutes: Option<i64>,
    /// Interviews a day at most.
    pub max_per_day: Option<i64>,
}

impl NewInterviewer {
    /// The validated interviewer with id `id`.
    pub fn into_doc(self, id: String) -> Result<InterviewerDoc, AppError> {
        let name = self.name.trim().to_string();
        if name.is_empty() {
            return Err(AppError::bad_input("Name: enter the interviewer's name."));
        }
        let zone = self.zone.trim().to_string();
        if parse_zone(&zone).is_none() {
            return Err(AppError::bad_input(format!(
                "Time zone: \u{201c}{zone}\u{201d} is not a time zone Rondo knows. Pick one from the list (such as Europe/Berlin)."
            )));
        }
        let pools: Vec<String> = self
            .pools
            .split(',')
            .map(|p| p.trim().to_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        let working_hours = parse_hours(&self.hours)?;
        if working_hours.is_empty() {
            return Err(AppError::bad_input(
                "Working hours: enter the hours of at least one day, like 09:00-17:00.",
            ));
        }
        let email = self.email.trim().to_string();
        Ok(InterviewerDoc {
            id,
            name: Some(name),
            email: (!email.is_empty()).then_some(email),
            time_zone: zone,
            pools,
            working_hours,
            busy: Vec::new(),
            booked: Vec::new(),
            buffer_minutes: self.buffer_minutes.filter(|b| *b > 0),
            max_per_day: self.max_per_day.filter(|m| *m > 0),
            max_per_week: None,
        })
    }
}

/// An id from a name, unique in the workspace (`Maya Chen` → `maya-chen`, `maya-chen-2`).
fn new_id(ws: &Workspace, name: &str) -> String {
    let base: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let taken = |id: &str| ws.doc.interviewers.iter().any(|i| i.id == id);
    let base = if base.is_empty() {
        "interviewer".to_string()
    } else {
        base
    };
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

/// Adds an interviewer to the workspace (validated by the core).
pub fn add(ws: &mut Workspace, input: NewInterviewer) -> Result<String, AppError> {
    let id = new_id(ws, &input.name);
    let doc = input.into_doc(id.clone())?;
    ws.edit(|d| d.interviewers.push(doc))?;
    Ok(id)
}

/// Every interviewer.
#[tauri::command]
pub fn list_interviewers(state: State<'_, AppState>) -> Vec<InterviewerView> {
    list(&state.workspace(), Utc::now())
}

/// Adds an interviewer and lists everyone again.
#[tauri::command]
pub fn add_interviewer(
    state: State<'_, AppState>,
    input: NewInterviewer,
) -> Result<Vec<InterviewerView>, AppError> {
    add(&mut state.workspace(), input)?;
    state.save_request()?;
    Ok(list(&state.workspace(), Utc::now()))
}

/// Replaces an interviewer's weekly working hours.
#[tauri::command]
pub fn set_working_hours(
    state: State<'_, AppState>,
    id: String,
    hours: BTreeMap<String, String>,
) -> Result<Vec<InterviewerView>, AppError> {
    let hours = parse_hours(&hours)?;
    let mut ws = state.workspace();
    let Some(ix) = ws.doc.interviewers.iter().position(|i| i.id == id) else {
        return Err(AppError::new(
            crate::error::ErrorCode::NotFound,
            "That interviewer no longer exists. The list has been refreshed.",
        ));
    };
    ws.edit(|d| d.interviewers[ix].working_hours = hours)?;
    drop(ws);
    state.save_request()?;
    Ok(list(&state.workspace(), Utc::now()))
}

/// The IANA zone names the time-zone pickers offer.
#[tauri::command]
pub fn zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect()
}
