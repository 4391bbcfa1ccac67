//! The interviewers' side in numbers: how loaded each person is, week by week in their
//! own time zone and against their caps ([`load`]); how many more loops of a plan fit
//! this week and next, found by the engine on the given state ([`capacity`]); and the
//! pipeline's pace per job ([`pipeline`]). Where a trainee stands on a pool's training
//! path is [`crate::domain::progress`]: use cases below `team` count it too.
//!
//! Everything here is a pure computation over plain inputs ([`Member`]: a person's zone,
//! caps and booked intervals), so the Team screen, `rondo report` and the tests compute
//! the same numbers from whatever the store hands them, with `now` passed in.

pub mod capacity;
pub mod load;
pub mod pipeline;

use crate::domain::{Booking, BookingStatus, Interviewer};
use crate::interval::Interval;
use crate::zone::{wall_instant, WallTime};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// One interviewer as the load figures see them.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Their id.
    pub id: String,
    /// Their time zone: weeks and dates are theirs.
    pub zone: Tz,
    /// Pools they belong to (for filtering).
    pub pools: BTreeSet<String>,
    /// Interviews per local date at most.
    pub max_per_day: Option<u32>,
    /// Interviews per local ISO week at most.
    pub max_per_week: Option<u32>,
    /// Their interviews (not cancelled; as interviewer or trainee), in any order; each
    /// counts in the week of its start.
    pub booked: Vec<Interval>,
}

/// Members for the team's interviewers, each with the bookings that name them and are
/// not cancelled.
pub fn members_from(interviewers: &[Interviewer], bookings: &[Booking]) -> Vec<Member> {
    interviewers
        .iter()
        .zip(booked_by(interviewers, bookings))
        .map(|(i, booked)| Member {
            id: i.id.to_string(),
            zone: i.time_zone,
            pools: i.pools.clone(),
            max_per_day: i.max_per_day,
            max_per_week: i.max_per_week,
            booked,
        })
        .collect()
}

/// Each interviewer with the intervals of their bookings that are not cancelled: the
/// people a capacity request is built from ([`capacity::plan_room`]).
pub fn with_bookings(
    interviewers: &[Interviewer],
    bookings: &[Booking],
) -> Vec<(Interviewer, Vec<Interval>)> {
    interviewers
        .iter()
        .cloned()
        .zip(booked_by(interviewers, bookings))
        .collect()
}

/// The live (not cancelled) booked intervals of each interviewer, in their order.
fn booked_by(interviewers: &[Interviewer], bookings: &[Booking]) -> Vec<Vec<Interval>> {
    let at: HashMap<&str, usize> = interviewers
        .iter()
        .enumerate()
        .map(|(k, i)| (i.id.as_str(), k))
        .collect();
    let mut booked = vec![Vec::new(); interviewers.len()];
    for b in bookings {
        if b.status == BookingStatus::Cancelled {
            continue;
        }
        // Trainees sit in the interview too: it counts in their load and caps.
        for who in b.people() {
            if let Some(&k) = at.get(who.as_str()) {
                booked[k].push(Interval {
                    start: b.start,
                    end: b.end,
                });
            }
        }
    }
    booked
}

/// An ISO 8601 week (`2026-W11`): Monday to Sunday, numbered within its ISO year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct IsoWeek {
    /// The ISO week-numbering year (can differ from the calendar year near New Year).
    pub year: i32,
    /// The week, 1 to 52 or 53.
    pub week: u32,
}

impl IsoWeek {
    /// The week of a date.
    pub fn of(date: NaiveDate) -> IsoWeek {
        let w = date.iso_week();
        IsoWeek {
            year: w.year(),
            week: w.week(),
        }
    }

    /// The week that instant `t` falls in on the wall calendar of `zone`.
    pub fn containing(t: DateTime<Utc>, zone: Tz) -> IsoWeek {
        IsoWeek::of(t.with_timezone(&zone).date_naive())
    }

    /// Its Monday.
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or(NaiveDate::MIN)
    }

    /// The week `n` weeks later (earlier when `n` is negative).
    pub fn plus(self, n: i64) -> IsoWeek {
        IsoWeek::of(self.monday() + Duration::weeks(n))
    }

    /// Whole weeks from `earlier` to this week.
    pub fn weeks_since(self, earlier: IsoWeek) -> i64 {
        (self.monday() - earlier.monday()).num_days() / 7
    }

    /// The instant the week begins in `zone`: local midnight starting its Monday (the
    /// first instant after a gap, should midnight fall in one).
    pub fn start_in(self, zone: Tz) -> DateTime<Utc> {
        wall_instant(
            zone,
            self.monday(),
            WallTime::from_minutes(0).unwrap_or(WallTime::END_OF_DAY),
        )
    }

    /// `[start, end)` of the week in `zone`.
    pub fn span_in(self, zone: Tz) -> Interval {
        Interval {
            start: self.start_in(zone),
            end: self.plus(1).start_in(zone),
        }
    }
}

impl std::fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn iso_weeks_across_new_year_and_dst() {
        // 2026-12-31 is a Thursday of 2026-W53; 2027-01-04 starts 2027-W01.
        let cases = [
            ("2026-03-09", "2026-W11", "2026-03-09"),
            ("2026-03-15", "2026-W11", "2026-03-09"),
            ("2026-12-31", "2026-W53", "2026-12-28"),
            ("2027-01-03", "2026-W53", "2026-12-28"),
            ("2027-01-04", "2027-W01", "2027-01-04"),
            ("2026-01-01", "2026-W01", "2025-12-29"),
        ];
        for (d, week, monday) in cases {
            let w = IsoWeek::of(date(d));
            assert_eq!(w.to_string(), week, "week of {d}");
            assert_eq!(w.monday(), date(monday), "Monday of {d}'s week");
        }
        let w53 = IsoWeek::of(date("2026-12-28"));
        assert_eq!(w53.plus(1).to_string(), "2027-W01", "after W53");
        assert_eq!(
            w53.plus(-52).to_string(),
            "2026-W01",
            "52 weeks before: 2026 has 53"
        );
        assert_eq!(w53.plus(1).weeks_since(w53.plus(-3)), 4, "weeks between");
    }

    #[test]
    fn a_week_begins_at_local_midnight_and_may_last_167_hours() {
        // Berlin springs forward on Sunday 2026-03-29: the week of 23 March is an hour
        // short. Lord Howe falls back half an hour on Sunday 2026-04-05.
        let cases = [
            (
                "Europe/Berlin",
                "2026-03-23",
                "2026-03-22T23:00:00Z",
                167 * 60,
            ),
            (
                "America/New_York",
                "2026-03-02",
                "2026-03-02T05:00:00Z",
                167 * 60,
            ),
            (
                "Asia/Kolkata",
                "2026-03-02",
                "2026-03-01T18:30:00Z",
                168 * 60,
            ),
            (
                "Australia/Lord_Howe",
                "2026-03-30",
                "2026-03-29T13:00:00Z",
                168 * 60 + 30,
            ),
        ];
        for (zone, monday, start, minutes) in cases {
            let tz: Tz = zone.parse().expect("a zone");
            let span = IsoWeek::of(date(monday)).span_in(tz);
            assert_eq!(
                span.start.to_rfc3339(),
                DateTime::parse_from_rfc3339(start)
                    .expect("instant")
                    .with_timezone(&Utc)
                    .to_rfc3339(),
                "{zone} week of {monday} starts"
            );
            assert_eq!(
                (span.end - span.start).num_minutes(),
                minutes,
                "{zone} week of {monday} lasts"
            );
        }
    }
}
