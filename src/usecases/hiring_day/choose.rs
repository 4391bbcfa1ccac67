//! Whom and what a hiring day schedules, as the coordinator picks it in the window:
//! candidates from the pipeline (filtered by job, stage and a search, many at once),
//! one plan for all or each their own, the office whose clock the day is on, and the
//! days. [`choices`] lists what can be picked; [`request`] turns the filled form
//! ([`DayForm`]) into the [`HiringDayRequest`] the engine answers.

use super::HiringDayRequest;
use crate::display::{city, offset_label};
use crate::domain::{CandidateId, DomainError, Interviewer, PlanId, Stage};
use crate::store::Store;
use crate::usecases::pipeline::PipelineRow;
use crate::usecases::propose::DEFAULT_SLOT_MINUTES;
use crate::usecases::window::stage_name;
use crate::usecases::workbench::horizon::{date, horizon};
use crate::usecases::UseCaseError;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The most candidates listed at once (a search or a filter narrows a big pipeline).
pub const MAX_LISTED: usize = 200;

/// How long the engine may search for the window, seconds: a safety cap (the search's
/// work is counted, so the answer does not depend on the machine).
pub const TIME_LIMIT_SECS: f64 = 10.0;

/// Which candidates to list: every word of `query` must match, and the job and stage
/// when given.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Filter {
    /// Their plan's job (empty: any).
    #[serde(default)]
    pub job: String,
    /// Their stage (none: any).
    #[serde(default)]
    pub stage: Option<Stage>,
    /// Words of a name, e-mail, city or id.
    #[serde(default)]
    pub query: String,
}

/// A candidate the coordinator can put on the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pick {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Their plan's job ("" when in no plan).
    pub job: String,
    /// Their stage, in words.
    pub stage: &'static str,
    /// Where they are (`Kolkata, UTC+05:30`).
    pub place: String,
    /// False when they are in no plan (then only a plan for all can schedule them).
    pub has_plan: bool,
    /// Interviews already booked ahead.
    pub booked: usize,
}

/// An office: a zone the interviewers work in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Office {
    /// IANA zone.
    pub zone: String,
    /// `London (UTC+01:00) · 6 interviewers`.
    pub label: String,
}

/// What the Hiring day screen offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayChoices {
    /// The candidates matching the filter, at most [`MAX_LISTED`].
    pub candidates: Vec<Pick>,
    /// How many match (more than listed when the pipeline is big).
    pub matched: usize,
    /// Every job of the pipeline, for the filter.
    pub jobs: Vec<String>,
    /// The interviewers' zones, the most interviewers first.
    pub offices: Vec<Office>,
    /// The first day offered: tomorrow in the first office's zone (`YYYY-MM-DD`).
    pub from: String,
    /// The last day offered: the same day.
    pub to: String,
}

/// The candidates of `rows` (the pipeline's lines) matching `filter`, and the offices,
/// jobs and days the screen offers at `now`.
pub fn choices(
    store: &Store,
    rows: &[PipelineRow],
    filter: &Filter,
    now: DateTime<Utc>,
) -> Result<DayChoices, UseCaseError> {
    let words: Vec<String> = filter
        .query
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let hits: Vec<&PipelineRow> = rows
        .iter()
        .filter(|r| filter.job.is_empty() || r.job == filter.job)
        .filter(|r| filter.stage.is_none_or(|s| r.stage == s))
        .filter(|r| {
            words.iter().all(|w| {
                [r.name.as_str(), &r.email, &r.id, &r.place]
                    .iter()
                    .any(|f| f.to_lowercase().contains(w.as_str()))
            })
        })
        .collect();
    let jobs: BTreeSet<&str> = rows
        .iter()
        .map(|r| r.job.as_str())
        .filter(|j| !j.is_empty())
        .collect();
    let offices = offices(&store.all::<Interviewer>()?, now);
    let zone: Tz = offices
        .first()
        .and_then(|o| o.zone.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    let tomorrow = (now.with_timezone(&zone).date_naive() + Duration::days(1)).to_string();
    Ok(DayChoices {
        matched: hits.len(),
        candidates: hits
            .into_iter()
            .take(MAX_LISTED)
            .map(|r| Pick {
                id: r.id.clone(),
                name: r.name.clone(),
                job: r.job.clone(),
                stage: stage_name(r.stage),
                place: r.place.clone(),
                has_plan: r.plan.is_some(),
                booked: r.booked,
            })
            .collect(),
        jobs: jobs.into_iter().map(str::to_string).collect(),
        offices,
        from: tomorrow.clone(),
        to: tomorrow,
    })
}

/// The zones `people` work in, the most people first (then by name).
fn offices(people: &[Interviewer], now: DateTime<Utc>) -> Vec<Office> {
    let mut count: Vec<(Tz, usize)> = Vec::new();
    for p in people {
        match count.iter_mut().find(|(z, _)| *z == p.time_zone) {
            Some((_, n)) => *n += 1,
            None => count.push((p.time_zone, 1)),
        }
    }
    count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name().cmp(b.0.name())));
    count
        .into_iter()
        .map(|(zone, n)| Office {
            zone: zone.name().to_string(),
            label: format!(
                "{} ({}) · {n} interviewer{}",
                city(zone),
                offset_label(zone, now),
                if n == 1 { "" } else { "s" }
            ),
        })
        .collect()
}

/// The Hiring day form as the window sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct DayForm {
    /// The chosen candidates' ids.
    pub candidates: Vec<String>,
    /// The plan for all (empty: each candidate's own).
    #[serde(default)]
    pub plan: String,
    /// The office's IANA zone: the days are its dates, the grid its clock.
    pub office: String,
    /// First day, `YYYY-MM-DD` in the office's zone.
    pub from: String,
    /// Last day (included).
    pub to: String,
}

/// The request `form` asks for, and the office's zone; refused in words when nobody is
/// chosen, the office is not a zone, or the days are wrong.
pub fn request(store: &Store, form: &DayForm) -> Result<(HiringDayRequest, Tz), UseCaseError> {
    if form.candidates.is_empty() {
        return Err(DomainError::bad_text(
            "Candidates",
            "choose at least one candidate: tick them in the list",
        )
        .into());
    }
    let office: Tz = form.office.trim().parse().map_err(|_| {
        DomainError::bad_text(
            "Office",
            format!(
                "\u{201c}{}\u{201d} is not a time zone: choose an office in the list",
                form.office.trim()
            ),
        )
    })?;
    let (from, to) = (date(&form.from, "First day")?, date(&form.to, "Last day")?);
    let mut candidates = Vec::with_capacity(form.candidates.len());
    for id in &form.candidates {
        let id = CandidateId::new(id.trim()).map_err(|e| DomainError::bad_text("Candidates", e))?;
        if !candidates.contains(&id) {
            candidates.push(id);
        }
    }
    let plan = match form.plan.trim() {
        "" => None,
        p => Some(PlanId::new(p).map_err(|e| DomainError::bad_text("Plan", e))?),
    };
    if let Some(p) = &plan {
        store.need::<crate::domain::Plan>(p.as_str())?;
    }
    Ok((
        HiringDayRequest {
            candidates,
            plan,
            horizon: horizon(office, from, to)?,
            slot_minutes: DEFAULT_SLOT_MINUTES,
            time_limit_secs: TIME_LIMIT_SECS,
        },
        office,
    ))
}
