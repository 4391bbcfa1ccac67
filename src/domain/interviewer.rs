//! Interviewers: who they are, when they work, what they may interview for, and the
//! busy time imported from each of their calendars.

use super::zone_name::serde_tz;
use super::{DomainError, InterviewerId, SourceId, WeeklyHours};
use crate::interval::Interval;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Most minutes of buffer an interviewer may keep around interviews (four hours).
pub const MAX_BUFFER_MINUTES: u32 = 240;

/// A person who sits in interview rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interviewer {
    /// Stable id.
    pub id: InterviewerId,
    /// Display name.
    pub name: String,
    /// E-mail address, for invites.
    #[serde(default)]
    pub email: String,
    /// Their IANA time zone: working hours are read on its wall clock.
    #[serde(with = "serde_tz")]
    pub time_zone: Tz,
    /// Weekly working hours in `time_zone`.
    pub working_hours: WeeklyHours,
    /// Interview pools they may be picked from (`backend`, `system-design`, ...).
    #[serde(default)]
    pub pools: BTreeSet<String>,
    /// Interviews starting on one of their local dates, at most.
    #[serde(default)]
    pub max_per_day: Option<u32>,
    /// Interviews starting in one of their local ISO weeks, at most.
    #[serde(default)]
    pub max_per_week: Option<u32>,
    /// Minutes kept free before and after each interview.
    #[serde(default)]
    pub buffer_minutes: u32,
    /// Whether all-day calendar events (PTO, conferences) make them busy when a
    /// calendar is imported. Added in schema 2 (the migration sets it to `true`).
    pub all_day_busy: bool,
    /// Their calendars and the busy blocks last imported from each.
    #[serde(default)]
    pub calendars: Vec<CalendarSource>,
}

/// One calendar of an interviewer and what it last said about their busy time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarSource {
    /// Id of the source, unique per interviewer (`work`, `personal`).
    pub id: SourceId,
    /// Where it comes from (a file path or URL), for the coordinator's eyes.
    #[serde(default)]
    pub location: String,
    /// When it was last imported (`None`: never).
    #[serde(default)]
    pub imported_at: Option<DateTime<Utc>>,
    /// Busy blocks from the last import, sorted and disjoint.
    #[serde(default)]
    pub busy: Vec<Interval>,
}

impl Interviewer {
    /// A new interviewer with no pools, caps, buffer or calendars; all-day events busy.
    pub fn new(id: InterviewerId, name: &str, time_zone: Tz, working_hours: WeeklyHours) -> Self {
        Interviewer {
            id,
            name: name.to_string(),
            email: String::new(),
            time_zone,
            working_hours,
            pools: BTreeSet::new(),
            max_per_day: None,
            max_per_week: None,
            buffer_minutes: 0,
            all_day_busy: true,
            calendars: Vec::new(),
        }
    }

    /// Checks what the types alone do not: a name, a sane buffer, named pools and
    /// calendars with distinct ids and well-formed busy blocks.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.name.trim().is_empty() {
            return Err(DomainError::Empty {
                field: "interviewer name",
            });
        }
        if self.buffer_minutes > MAX_BUFFER_MINUTES {
            return Err(DomainError::BadNumber {
                field: format!("interviewer {} buffer_minutes", self.id),
                value: i64::from(self.buffer_minutes),
                rule: "at most 240 minutes",
            });
        }
        if self.pools.iter().any(|p| p.trim().is_empty()) {
            return Err(DomainError::Empty { field: "pool name" });
        }
        let mut seen = BTreeSet::new();
        for c in &self.calendars {
            if !seen.insert(&c.id) {
                return Err(DomainError::BadId {
                    kind: "calendar source (repeated)",
                    id: c.id.to_string(),
                });
            }
            for b in &c.busy {
                if b.end <= b.start {
                    return Err(DomainError::BadInterval {
                        field: format!("interviewer {} calendar {} busy", self.id, c.id),
                        start: b.start.to_rfc3339(),
                        end: b.end.to_rfc3339(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Every busy block of every calendar, in no particular order.
    pub fn busy(&self) -> impl Iterator<Item = &Interval> {
        self.calendars.iter().flat_map(|c| c.busy.iter())
    }
}
