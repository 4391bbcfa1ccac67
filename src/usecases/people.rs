//! Interviewers as the coordinator sees and edits them: a searchable page of people with
//! their place, local clock and weekly hours as text, and the interviewer form (read with
//! the domain's grammars: [`WeeklyHours::from_days`], [`parse_pools`],
//! [`id_from_name`](crate::domain::id_from_name)). The window and the command line add
//! people through [`save`].

use super::{records, UseCaseError};
use crate::display;
use crate::domain::plan_text::parse_pools;
use crate::domain::{
    zone_from_name, DomainError, Interviewer, InterviewerId, WeeklyHours, WEEKDAYS,
};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Lines per page of People: the same as every long list of the window.
pub use super::pipeline::PAGE_SIZE;

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
    /// Their linked calendars on calendar servers, with when each was last read
    /// (filled by [`list`]).
    pub connected: Vec<String>,
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
    InterviewerView {
        id: i.id.to_string(),
        name: i.name.clone(),
        email: i.email.clone(),
        zone: z.name().to_string(),
        place: format!("{}, {}", display::city(z), display::offset_label(z, now)),
        clock: display::clock_label(z, now),
        pools: i.pools.iter().cloned().collect(),
        hours: WEEKDAYS
            .iter()
            .enumerate()
            .map(|(d, (day, label))| DayHours {
                day: day.to_string(),
                label: label.to_string(),
                text: i.working_hours.day_text(d),
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
        connected: Vec::new(),
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

/// Interviewers matching `query` (name, e-mail, id, zone or pool; every word, any case),
/// by name, [`PAGE_SIZE`] from `offset`.
pub fn list(
    store: &Store,
    query: &str,
    offset: usize,
    now: DateTime<Utc>,
) -> Result<PeoplePage, UseCaseError> {
    let mut p = page(&by_name(store)?, query, offset, now);
    with_calendars(store, &mut p, now)?;
    Ok(p)
}

/// Fills in each interviewer of `page` their linked calendars and when each was last
/// read (read each time, not cached: the ages move with `now`, and a sync changes them).
pub fn with_calendars(
    store: &Store,
    page: &mut PeoplePage,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    for v in &mut page.people {
        v.connected = super::connected::overview::person_calendars(store, &v.id, now)?;
    }
    Ok(())
}

/// Every stored interviewer by name (then id): what [`page`] pages through. Reading
/// them is most of the cost of a page (their imported busy time comes along), so the
/// window keeps this list until the stored data changes.
pub fn by_name(store: &Store) -> Result<Vec<Interviewer>, UseCaseError> {
    let mut all: Vec<Interviewer> = store.all::<Interviewer>()?;
    all.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(all)
}

/// The page of `all` (as [`by_name`] orders them) that [`list`] returns.
pub fn page(all: &[Interviewer], query: &str, offset: usize, now: DateTime<Utc>) -> PeoplePage {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let hits: Vec<&Interviewer> = all
        .iter()
        .filter(|i| {
            words.iter().all(|w| {
                [&i.name, &i.email, i.id.as_str(), i.time_zone.name()]
                    .iter()
                    .any(|f| f.to_lowercase().contains(w.as_str()))
                    || i.pools.iter().any(|p| p.contains(w.as_str()))
            })
        })
        .collect();
    PeoplePage {
        matched: hits.len(),
        total: all.len(),
        people: hits
            .iter()
            .skip(offset)
            .take(PAGE_SIZE)
            .map(|i| view(i, now))
            .collect(),
    }
}

/// What the interviewer form sends (add: `id` empty; edit: their id), as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InterviewerForm {
    /// Their id, empty for a new interviewer (made from the name).
    #[serde(default)]
    pub id: String,
    /// Full name.
    pub name: String,
    /// E-mail address (for invites).
    pub email: String,
    /// IANA zone name.
    pub zone: String,
    /// Pools, comma separated (`Backend, culture`; kept in lower case).
    pub pools: String,
    /// Working hours per weekday (`mon` … `sun`), each as `09:00-12:30, 13:30-17:30`.
    pub hours: BTreeMap<String, String>,
    /// Minutes kept free around interviews.
    pub buffer_minutes: Option<u32>,
    /// Interviews a day at most (0 or none: no cap).
    pub max_per_day: Option<u32>,
    /// Interviews a week at most (0 or none: no cap).
    #[serde(default)]
    pub max_per_week: Option<u32>,
}

/// The weekly hours of a form: at least one day.
fn weekly_hours(days: &BTreeMap<String, String>) -> Result<WeeklyHours, DomainError> {
    let hours = WeeklyHours::from_days(days)?;
    if hours.is_empty() {
        return Err(DomainError::bad_text(
            "Working hours",
            "enter the hours of at least one day, like 09:00-17:00",
        ));
    }
    Ok(hours)
}

/// Adds (empty id: one made from the name) or edits an interviewer from the form; the
/// calendars and the all-day setting of an existing interviewer are kept.
pub fn save(store: &Store, form: &InterviewerForm) -> Result<Interviewer, UseCaseError> {
    let name = form.name.trim();
    if name.is_empty() {
        return Err(DomainError::bad_text("Name", "enter the interviewer's name").into());
    }
    let zone = zone_from_name("Time zone", form.zone.trim())?;
    let hours = weekly_hours(&form.hours)?;
    let is_new = form.id.trim().is_empty();
    let mut i = if is_new {
        let id = records::free_id::<Interviewer>(store, name, "interviewer");
        Interviewer::new(InterviewerId::new(id)?, name, zone, hours.clone())
    } else {
        store.need::<Interviewer>(form.id.trim())?
    };
    i.name = name.to_string();
    i.email = form.email.trim().to_string();
    i.time_zone = zone;
    i.working_hours = hours;
    i.pools = parse_pools(&form.pools);
    i.buffer_minutes = form.buffer_minutes.unwrap_or(0);
    i.max_per_day = form.max_per_day.filter(|m| *m > 0);
    i.max_per_week = form.max_per_week.filter(|m| *m > 0);
    if is_new {
        records::add_interviewer(store, &i)?;
    } else {
        records::edit_interviewer(store, &i)?;
    }
    Ok(i)
}

/// Replaces interviewer `id`'s weekly working hours by the editor's text.
pub fn set_hours(
    store: &Store,
    id: &str,
    days: &BTreeMap<String, String>,
) -> Result<Interviewer, UseCaseError> {
    let hours = WeeklyHours::from_days(days)?;
    let mut i: Interviewer = store.need(id)?;
    i.working_hours = hours;
    records::edit_interviewer(store, &i)?;
    Ok(i)
}

/// The IANA zone names the time-zone pickers offer.
pub fn zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect()
}
