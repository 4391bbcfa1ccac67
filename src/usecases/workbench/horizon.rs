//! The dates a coordinator searches, as typed: the first and last day (included) on the
//! candidate's calendar, midnight to midnight in their zone, at most two months.

use crate::domain::{Candidate, DomainError, PlanId};
use crate::interval::Interval;
use crate::store::Store;
use crate::usecases::propose::{ProposeRequest, DEFAULT_SLOT_MINUTES};
use crate::usecases::UseCaseError;
use crate::zone::{wall_instant, WallTime};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Options asked of the engine for the window.
pub const OPTIONS: usize = 5;

/// The longest search, in days from the first to the last (the engine answers a
/// coordinator's keystroke within a month or two of dates).
pub const MAX_DAYS: i64 = 62;

/// What the coordinator asks for: a candidate, a plan and dates in their zone, as typed.
#[derive(Debug, Clone, Deserialize)]
pub struct FindForm {
    /// Candidate id.
    pub candidate: String,
    /// Plan id (empty: the candidate's own).
    #[serde(default)]
    pub plan: String,
    /// First day, `YYYY-MM-DD` in the candidate's zone.
    pub from: String,
    /// Last day (included).
    pub to: String,
}

/// What the Schedule screen fills its form with for a candidate.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleForm {
    /// Candidate id.
    pub candidate: String,
    /// Name.
    pub name: String,
    /// Where they are (`Kolkata, UTC+05:30`).
    pub place: String,
    /// Their plan (empty when none).
    pub plan: String,
    /// First day to search, in their zone (`YYYY-MM-DD`): tomorrow.
    pub from: String,
    /// Last day to search: two weeks later.
    pub to: String,
}

/// The form for `candidate` at `now`: their plan and the next two weeks in their zone.
pub fn schedule_form(
    store: &Store,
    candidate: &str,
    now: DateTime<Utc>,
) -> Result<ScheduleForm, UseCaseError> {
    let c: Candidate = store.need(candidate.trim())?;
    let today = now.with_timezone(&c.time_zone).date_naive();
    Ok(ScheduleForm {
        candidate: c.id.to_string(),
        name: c.name.clone(),
        place: format!(
            "{}, {}",
            crate::display::city(c.time_zone),
            crate::display::offset_label(c.time_zone, now)
        ),
        plan: c.plan.as_ref().map(|p| p.to_string()).unwrap_or_default(),
        from: (today + Duration::days(1)).to_string(),
        to: (today + Duration::days(14)).to_string(),
    })
}

/// The dates `from` to `to` (included) in `zone`, from the first local midnight to the
/// last: refused when `to` is before `from` or more than [`MAX_DAYS`] after it.
pub fn horizon(zone: Tz, from: NaiveDate, to: NaiveDate) -> Result<Interval, DomainError> {
    if to < from {
        return Err(DomainError::bad_text(
            "Last day",
            "it is before the first day: choose a last day on or after the first",
        ));
    }
    if to - from > Duration::days(MAX_DAYS) {
        return Err(DomainError::bad_text(
            "Last day",
            "search at most two months at a time",
        ));
    }
    let midnight = WallTime::from_minutes(0).unwrap_or(WallTime::END_OF_DAY);
    Ok(Interval {
        start: wall_instant(zone, from, midnight),
        end: wall_instant(zone, to, WallTime::END_OF_DAY),
    })
}

/// A date typed as `YYYY-MM-DD` (what the window's date fields send), or why not in
/// words naming `field`.
pub(crate) fn date(text: &str, field: &str) -> Result<NaiveDate, DomainError> {
    text.trim().parse().map_err(|_| {
        DomainError::bad_text(
            field,
            format!(
                "\u{201c}{}\u{201d} is not a date: pick a day in the calendar",
                text.trim()
            ),
        )
    })
}

/// The request to propose for `form` ([`OPTIONS`] options on the default grid), with
/// the plan it uses.
pub fn request(store: &Store, form: &FindForm) -> Result<(ProposeRequest, PlanId), UseCaseError> {
    let c: Candidate = store.need(form.candidate.trim())?;
    let (from, to) = (date(&form.from, "First day")?, date(&form.to, "Last day")?);
    let horizon = horizon(c.time_zone, from, to)?;
    let plan = match form.plan.trim() {
        "" => c.plan.clone().ok_or_else(|| UseCaseError::NoPlan {
            candidate: c.id.to_string(),
        })?,
        p => PlanId::new(p).map_err(|e| DomainError::bad_text("Plan", e))?,
    };
    Ok((
        ProposeRequest {
            candidate: c.id.clone(),
            plan: Some(plan.clone()),
            horizon,
            options: OPTIONS,
            slot_minutes: DEFAULT_SLOT_MINUTES,
        },
        plan,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_whole_local_days_of_at_most_two_months() {
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let kolkata =
            horizon(chrono_tz::Asia::Kolkata, d("2026-03-03"), d("2026-03-13")).expect("valid");
        assert_eq!(
            (kolkata.start.to_rfc3339(), kolkata.end.to_rfc3339()),
            (
                "2026-03-02T18:30:00+00:00".to_string(),
                "2026-03-13T18:30:00+00:00".to_string()
            ),
            "midnight to midnight in Kolkata"
        );
        // The spring change in New York: the day of 2026-03-08 lasts 23 hours.
        let ny = horizon(
            chrono_tz::America::New_York,
            d("2026-03-08"),
            d("2026-03-08"),
        )
        .expect("valid");
        assert_eq!((ny.end - ny.start).num_hours(), 23, "a short local day");
        for (from, to, says) in [
            ("2026-03-13", "2026-03-03", "before the first day"),
            ("2026-03-01", "2026-05-03", "two months"),
        ] {
            let err = horizon(chrono_tz::UTC, d(from), d(to)).expect_err(says);
            assert!(err.to_string().contains(says), "{err}");
        }
        assert!(
            horizon(chrono_tz::UTC, d("2026-03-01"), d("2026-05-02")).is_ok(),
            "62 days are allowed"
        );
    }
}
