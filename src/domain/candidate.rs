//! Candidates: the person being interviewed, when they can, and where they are in the
//! process.

use super::zone_name::serde_tz;
use super::{CandidateId, DomainError, PlanId};
use crate::interval::IntervalSet;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Where a candidate stands in the hiring process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Applied, nothing scheduled yet.
    Applied,
    /// Interviews are being planned or held.
    Interviewing,
    /// An offer is out.
    Offer,
    /// Hired.
    Hired,
    /// Not continuing (rejected or withdrew).
    Closed,
}

impl Stage {
    /// Every stage, in process order.
    pub const ALL: [Stage; 5] = [
        Stage::Applied,
        Stage::Interviewing,
        Stage::Offer,
        Stage::Hired,
        Stage::Closed,
    ];

    /// The stage's name as written in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Applied => "applied",
            Stage::Interviewing => "interviewing",
            Stage::Offer => "offer",
            Stage::Hired => "hired",
            Stage::Closed => "closed",
        }
    }
}

impl std::str::FromStr for Stage {
    type Err = String;
    fn from_str(s: &str) -> Result<Stage, String> {
        Stage::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| {
                format!("unknown stage {s:?} (applied, interviewing, offer, hired, closed)")
            })
    }
}

/// A person being interviewed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Stable id.
    pub id: CandidateId,
    /// Display name.
    pub name: String,
    /// E-mail address, for invites.
    #[serde(default)]
    pub email: String,
    /// Their IANA time zone (same-day rules and daily limits use its dates).
    #[serde(with = "serde_tz")]
    pub time_zone: Tz,
    /// When they can interview (instants; a canonical set).
    #[serde(default)]
    pub available: IntervalSet,
    /// Interview minutes per local date at most (`None`: no limit).
    #[serde(default)]
    pub max_minutes_per_day: Option<u32>,
    /// The job's plan they are in.
    #[serde(default)]
    pub plan: Option<PlanId>,
    /// Where they stand.
    pub stage: Stage,
    /// Private notes of the coordinator; never exported to invites.
    #[serde(default)]
    pub notes: String,
    /// When they applied: the start of the pipeline's pace figures
    /// (`rondo report pipeline`). Absent in records of older builds, which those figures
    /// then leave out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<DateTime<Utc>>,
}

impl Candidate {
    /// A new candidate at stage `applied`, with no availability yet.
    pub fn new(id: CandidateId, name: &str, time_zone: Tz) -> Candidate {
        Candidate {
            id,
            name: name.to_string(),
            email: String::new(),
            time_zone,
            available: IntervalSet::new(),
            max_minutes_per_day: None,
            plan: None,
            stage: Stage::Applied,
            notes: String::new(),
            applied: None,
        }
    }

    /// Checks what the types alone do not: a name.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.name.trim().is_empty() {
            return Err(DomainError::Empty {
                field: "candidate name",
            });
        }
        Ok(())
    }
}
