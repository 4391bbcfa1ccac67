//! Interviewers: who they are, their zone, pools, caps and weekly working hours.

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use rondo::display;
use rondo::domain::{Interviewer, InterviewerId, WeeklyHours};
use rondo::problem::WorkingHoursDoc;
use rondo::usecases::records;
use rondo::zone::WallTime;
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
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
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
    pub buffer_minutes: u32,
    /// Interviews a day at most, if capped.
    pub max_per_day: Option<u32>,
    /// Interviews a week at most, if capped.
    pub max_per_week: Option<u32>,
    /// Busy blocks known from their calendars.
    pub busy_blocks: usize,
    /// Their calendars: id, when imported (in their zone), blocks.
    pub calendars: Vec<String>,
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

/// The People screen's line of `i` at `now`.
pub fn view(i: &Interviewer, now: DateTime<Utc>) -> InterviewerView {
    let z = i.time_zone;
    let doc: WorkingHoursDoc = i.working_hours.clone().into();
    InterviewerView {
        id: i.id.to_string(),
        name: i.name.clone(),
        email: i.email.clone(),
        zone: z.name().to_string(),
        place: format!("{}, {}", display::city(z), display::offset_label(z, now)),
        clock: display::clock_label(z, now),
        pools: i.pools.iter().cloned().collect(),
        hours: DAYS
            .iter()
            .map(|(day, label)| DayHours {
                day: day.to_string(),
                label: label.to_string(),
                text: doc
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
        buffer_minutes: i.buffer_minutes,
        max_per_day: i.max_per_day,
        max_per_week: i.max_per_week,
        busy_blocks: i.busy().count(),
        calendars: i
            .calendars
            .iter()
            .map(|c| {
                let when = c.imported_at.map_or_else(
                    || "never imported".to_string(),
                    |t| format!("imported {}", display::instant_label(z, t)),
                );
                format!("{}: {} busy blocks, {when}", c.id, c.busy.len())
            })
            .collect(),
    }
}

/// A page of the People screen.
#[derive(Debug, Clone, Serialize)]
pub struct PeoplePage {
    /// The interviewers shown.
    pub people: Vec<InterviewerView>,
    /// How many match the search.
    pub matched: usize,
    /// How many are stored.
    pub total: usize,
}

/// Lines per page of People.
pub const PAGE_SIZE: usize = 50;

/// Interviewers matching `query` (name, e-mail, id, zone or pool; every word, any case),
/// by name, from `offset`.
pub fn list(
    state: &AppState,
    query: &str,
    offset: usize,
    now: DateTime<Utc>,
) -> Result<PeoplePage, AppError> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut all: Vec<Interviewer> = state.read(|s| Ok(s.all::<Interviewer>()?))?;
    let total = all.len();
    all.retain(|i| {
        words.iter().all(|w| {
            [&i.name, &i.email, i.id.as_str(), i.time_zone.name()]
                .iter()
                .any(|f| f.to_lowercase().contains(w.as_str()))
                || i.pools.iter().any(|p| p.contains(w.as_str()))
        })
    });
    all.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(PeoplePage {
        matched: all.len(),
        total,
        people: all
            .iter()
            .skip(offset)
            .take(PAGE_SIZE)
            .map(|i| view(i, now))
            .collect(),
    })
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

/// What the interviewer form sends (add: `id` empty; edit: their id).
#[derive(Debug, Clone, Deserialize)]
pub struct InterviewerForm {
    /// Their id, empty for a new interviewer.
    #[serde(default)]
    pub id: String,
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
    pub buffer_minutes: Option<u32>,
    /// Interviews a day at most.
    pub max_per_day: Option<u32>,
    /// Interviews a week at most.
    #[serde(default)]
    pub max_per_week: Option<u32>,
}

/// Adds (empty id) or edits an interviewer from the form; calendars and the all-day
/// setting of an existing interviewer are kept. Returns their id.
pub fn save(state: &AppState, form: InterviewerForm) -> Result<String, AppError> {
    let name = form.name.trim().to_string();
    if name.is_empty() {
        return Err(AppError::bad_input("Name: enter the interviewer's name."));
    }
    let zone = super::candidates::zone_of(&form.zone)?;
    let hours = parse_hours(&form.hours)?;
    if hours.is_empty() {
        return Err(AppError::bad_input(
            "Working hours: enter the hours of at least one day, like 09:00-17:00.",
        ));
    }
    let hours = WeeklyHours::try_from(hours)
        .map_err(|e| AppError::bad_input(format!("Working hours: {e}.")))?;
    state.write(|s| {
        let is_new = form.id.trim().is_empty();
        let mut i = if is_new {
            let id = super::candidates::new_id(
                &name,
                |id| s.get::<Interviewer>(id).ok().flatten().is_some(),
                "interviewer",
            );
            let id = InterviewerId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
            Interviewer::new(id, &name, zone, hours.clone())
        } else {
            s.need::<Interviewer>(form.id.trim())?
        };
        i.name = name.clone();
        i.email = form.email.trim().to_string();
        i.time_zone = zone;
        i.working_hours = hours.clone();
        i.pools = form
            .pools
            .split(',')
            .map(|p| p.trim().to_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        i.buffer_minutes = form.buffer_minutes.unwrap_or(0);
        i.max_per_day = form.max_per_day.filter(|m| *m > 0);
        i.max_per_week = form.max_per_week.filter(|m| *m > 0);
        if is_new {
            records::add_interviewer(s, &i)?;
        } else {
            records::edit_interviewer(s, &i)?;
        }
        Ok(i.id.to_string())
    })
}

/// Replaces an interviewer's weekly working hours.
pub fn set_hours(
    state: &AppState,
    id: &str,
    hours: &BTreeMap<String, String>,
) -> Result<InterviewerView, AppError> {
    let hours = WeeklyHours::try_from(parse_hours(hours)?)
        .map_err(|e| AppError::bad_input(format!("Working hours: {e}.")))?;
    let i = state.write(|s| {
        let mut i: Interviewer = s.need(id)?;
        i.working_hours = hours;
        records::edit_interviewer(s, &i)?;
        Ok(i)
    })?;
    Ok(view(&i, Utc::now()))
}

/// A page of interviewers.
#[tauri::command]
pub fn list_interviewers(
    state: State<'_, AppState>,
    query: String,
    offset: usize,
) -> Result<PeoplePage, AppError> {
    list(&state, &query, offset, Utc::now())
}

/// Adds or edits an interviewer; returns their line.
#[tauri::command]
pub fn save_interviewer(
    state: State<'_, AppState>,
    form: InterviewerForm,
) -> Result<InterviewerView, AppError> {
    let id = save(&state, form)?;
    let i = state.read(|s| Ok(s.need::<Interviewer>(&id)?))?;
    Ok(view(&i, Utc::now()))
}

/// Deletes an interviewer no live booking and no plan names.
#[tauri::command]
pub fn delete_interviewer(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    let id = InterviewerId::new(id).map_err(|e| AppError::bad_input(format!("{e}.")))?;
    state.write(|s| Ok(records::delete_interviewer(s, &id)?))
}

/// Replaces an interviewer's weekly working hours.
#[tauri::command]
pub fn set_working_hours(
    state: State<'_, AppState>,
    id: String,
    hours: BTreeMap<String, String>,
) -> Result<InterviewerView, AppError> {
    set_hours(&state, &id, &hours)
}

/// The IANA zone names the time-zone pickers offer.
#[tauri::command]
pub fn zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect()
}
