//! The pipeline's pace, per job: how many days from "applied" to the first interview
//! and to a full loop booked (what the loops wait on is `usecases::pipeline`'s).
//!
//! Inputs are plain: for each candidate, their job, when they applied, how many rounds
//! their plan has and the rounds booked for them (not cancelled) with when each was
//! booked. A loop is fully booked at the moment its last round still missing got its
//! first booking; the first interview is the earliest booked start.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One booked (not cancelled) round of a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookedRound {
    /// The plan's round id.
    pub round: String,
    /// When the interview starts.
    pub start: DateTime<Utc>,
    /// When it was booked.
    pub booked_at: DateTime<Utc>,
}

/// A candidate as the pipeline figures see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    /// The job (plan) they are in.
    pub job: String,
    /// When they applied.
    pub applied: DateTime<Utc>,
    /// Rounds in their plan.
    pub plan_rounds: BTreeSet<String>,
    /// Their booked rounds.
    pub booked: Vec<BookedRound>,
}

impl Applicant {
    /// Start of their first interview, if any is booked.
    pub fn first_interview(&self) -> Option<DateTime<Utc>> {
        self.booked.iter().map(|b| b.start).min()
    }

    /// When their whole loop was booked: every round of the plan has a booking, and the
    /// last round to get one got it then. `None` while a round waits (or the plan has
    /// no rounds).
    pub fn loop_booked(&self) -> Option<DateTime<Utc>> {
        if self.plan_rounds.is_empty() {
            return None;
        }
        let mut first: BTreeMap<&str, DateTime<Utc>> = BTreeMap::new();
        for b in &self.booked {
            let at = first.entry(b.round.as_str()).or_insert(b.booked_at);
            *at = (*at).min(b.booked_at);
        }
        self.plan_rounds
            .iter()
            .map(|r| first.get(r.as_str()).copied())
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .max()
    }
}

/// Days between two events, over the candidates that reached the second.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Days {
    /// How many candidates reached it.
    pub count: usize,
    /// Median days (the mean of the middle two for an even count).
    pub median: f64,
    /// Mean days.
    pub mean: f64,
    /// Longest.
    pub max: f64,
}

impl Days {
    /// The figures of `days` (`None` when empty).
    pub fn of(mut days: Vec<f64>) -> Option<Days> {
        if days.is_empty() {
            return None;
        }
        days.sort_by(f64::total_cmp);
        let n = days.len();
        let median = if n % 2 == 1 {
            days[n / 2]
        } else {
            (days[n / 2 - 1] + days[n / 2]) / 2.0
        };
        Some(Days {
            count: n,
            median,
            mean: days.iter().sum::<f64>() / n as f64,
            max: days[n - 1],
        })
    }
}

/// One job's pace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobPace {
    /// The job.
    pub job: String,
    /// Candidates in it.
    pub candidates: usize,
    /// From applying to the first interview's start, for those with one booked.
    pub to_first_interview: Option<Days>,
    /// From applying to the whole loop booked, for those whose loop is.
    pub to_full_loop: Option<Days>,
}

/// The pace of each job, by job name.
pub fn job_pace(applicants: &[Applicant]) -> Vec<JobPace> {
    let mut by_job: BTreeMap<&str, Vec<&Applicant>> = BTreeMap::new();
    for a in applicants {
        by_job.entry(a.job.as_str()).or_default().push(a);
    }
    let days = |from: DateTime<Utc>, to: DateTime<Utc>| (to - from).num_seconds() as f64 / 86_400.0;
    by_job
        .into_iter()
        .map(|(job, list)| JobPace {
            job: job.to_string(),
            candidates: list.len(),
            to_first_interview: Days::of(
                list.iter()
                    .filter_map(|a| a.first_interview().map(|t| days(a.applied, t)))
                    .collect(),
            ),
            to_full_loop: Days::of(
                list.iter()
                    .filter_map(|a| a.loop_booked().map(|t| days(a.applied, t)))
                    .collect(),
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("an instant")
            .with_timezone(&Utc)
    }

    fn booked(round: &str, start: &str, at: &str) -> BookedRound {
        BookedRound {
            round: round.into(),
            start: t(start),
            booked_at: t(at),
        }
    }

    fn applicant(job: &str, applied: &str, rounds: &[&str], booked: Vec<BookedRound>) -> Applicant {
        Applicant {
            job: job.into(),
            applied: t(applied),
            plan_rounds: rounds.iter().map(|r| r.to_string()).collect(),
            booked,
        }
    }

    #[test]
    fn first_interview_and_full_loop_from_bookings() {
        let a = applicant(
            "backend",
            "2026-03-01T12:00:00Z",
            &["screen", "tech"],
            vec![
                booked("tech", "2026-03-10T09:00:00Z", "2026-03-04T12:00:00Z"),
                booked("screen", "2026-03-05T09:00:00Z", "2026-03-02T12:00:00Z"),
                // A second booking of screen, later: the first one counts.
                booked("screen", "2026-03-06T09:00:00Z", "2026-03-05T12:00:00Z"),
            ],
        );
        assert_eq!(
            a.first_interview(),
            Some(t("2026-03-05T09:00:00Z")),
            "earliest start"
        );
        assert_eq!(
            a.loop_booked(),
            Some(t("2026-03-04T12:00:00Z")),
            "tech booked last"
        );
        let waiting_on_tech = applicant(
            "backend",
            "2026-03-01T12:00:00Z",
            &["screen", "tech"],
            vec![booked(
                "screen",
                "2026-03-05T09:00:00Z",
                "2026-03-02T12:00:00Z",
            )],
        );
        assert_eq!(waiting_on_tech.loop_booked(), None, "tech not booked yet");
        let nothing = applicant("backend", "2026-03-01T12:00:00Z", &["screen"], vec![]);
        assert_eq!(
            (nothing.first_interview(), nothing.loop_booked()),
            (None, None),
            "nothing booked"
        );
    }

    #[test]
    fn pace_per_job_counts_only_those_who_got_there() {
        let list = vec![
            applicant(
                "backend",
                "2026-03-01T00:00:00Z",
                &["s"],
                vec![booked("s", "2026-03-03T00:00:00Z", "2026-03-02T00:00:00Z")],
            ),
            applicant(
                "backend",
                "2026-03-01T00:00:00Z",
                &["s"],
                vec![booked("s", "2026-03-08T12:00:00Z", "2026-03-05T00:00:00Z")],
            ),
            applicant("backend", "2026-03-01T00:00:00Z", &["s"], vec![]),
            applicant(
                "design",
                "2026-03-01T00:00:00Z",
                &["s", "t"],
                vec![booked("s", "2026-03-02T00:00:00Z", "2026-03-01T12:00:00Z")],
            ),
        ];
        let pace = job_pace(&list);
        assert_eq!(pace.len(), 2, "two jobs");
        let b = &pace[0];
        assert_eq!(
            (b.job.as_str(), b.candidates),
            ("backend", 3),
            "backend first, three candidates"
        );
        let first = b.to_first_interview.expect("two had an interview");
        assert_eq!(
            (first.count, first.median, first.mean, first.max),
            (2, 4.75, 4.75, 7.5),
            "2 and 7.5 days"
        );
        let full = b.to_full_loop.expect("two have a full loop");
        assert_eq!(
            (full.count, full.median, full.max),
            (2, 2.5, 4.0),
            "1 and 4 days"
        );
        let d = &pace[1];
        assert_eq!(
            d.to_first_interview.map(|x| x.median),
            Some(1.0),
            "design: one day to the first"
        );
        assert_eq!(d.to_full_loop, None, "design: t never booked");
    }
}
