//! The slot grid of a request and the local calendar of each time zone on it.
//!
//! Slot `k` is the instant `horizon.start + k * slot_minutes`. For each zone that a
//! request uses, [`ZoneDays`] tells the local date (and ISO week) of every slot, walking
//! real local midnights, so a day of 23 or 25 hours is read correctly.

use super::bits::Bits;
use crate::interval::IntervalSet;
use crate::problem::Problem;
use crate::zone::{wall_instant, WallTime};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// Seconds since the Unix epoch: the engine's instants (always UTC, never local).
pub(crate) type Secs = i64;

/// The grid of possible round starts.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    /// Horizon start, seconds.
    pub h0: Secs,
    /// Horizon end, seconds.
    pub h1: Secs,
    /// Slot length, seconds.
    pub step: Secs,
    /// Number of slots: every `k` with `h0 + k * step <= h1`.
    pub n: usize,
}

impl Grid {
    /// The grid of a problem.
    pub fn new(p: &Problem) -> Grid {
        let h0 = p.horizon.start.timestamp();
        let h1 = p.horizon.end.timestamp();
        let step = i64::from(p.slot_minutes) * 60;
        let n = ((h1 - h0) / step + 1) as usize;
        Grid { h0, h1, step, n }
    }

    /// Instant of slot `k`.
    pub fn at(&self, k: usize) -> Secs {
        self.h0 + k as i64 * self.step
    }

    /// The first slot at or after instant `t` (may be `n`, past the end).
    pub fn slot_at_or_after(&self, t: Secs) -> usize {
        if t <= self.h0 {
            return 0;
        }
        (((t - self.h0) + self.step - 1) / self.step).min(self.n as i64) as usize
    }

    /// The last slot at or before instant `t`, if any.
    pub fn slot_at_or_before(&self, t: Secs) -> Option<usize> {
        if t < self.h0 {
            return None;
        }
        Some((((t - self.h0) / self.step) as usize).min(self.n - 1))
    }

    /// Slots `k` whose round `[at(k), at(k) + dur)` lies inside one interval of `set`
    /// and inside the horizon.
    pub fn starts_within(&self, set: &[(Secs, Secs)], dur: Secs) -> Bits {
        let mut b = Bits::new(self.n);
        for &(a, e) in set {
            let e = e.min(self.h1);
            if e - a < dur {
                continue;
            }
            let first = self.slot_at_or_after(a);
            if let Some(last) = self.slot_at_or_before(e - dur) {
                if first <= last {
                    b.set_range(first, last + 1);
                }
            }
        }
        b
    }

    /// An instant as a chrono value.
    pub fn instant(t: Secs) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(t, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}

/// Converts an interval set into `(start, end)` seconds.
pub(crate) fn secs(set: &IntervalSet) -> Vec<(Secs, Secs)> {
    set.intervals()
        .iter()
        .map(|i| (i.start.timestamp(), i.end.timestamp()))
        .collect()
}

/// Local dates of the slots of a grid in one zone.
#[derive(Debug, Clone)]
pub(crate) struct ZoneDays {
    /// Day number (days since 0001-01-01, proleptic) of each slot's local date.
    pub day: Vec<i32>,
}

impl ZoneDays {
    /// Walks the local midnights of `zone` across the grid.
    pub fn new(grid: &Grid, zone: Tz) -> ZoneDays {
        let first = Grid::instant(grid.h0).with_timezone(&zone).date_naive();
        let mut day = Vec::with_capacity(grid.n);
        let mut date = first;
        let mut next_midnight = midnight(zone, date + Duration::days(1));
        for k in 0..grid.n {
            let t = grid.at(k);
            while t >= next_midnight {
                date += Duration::days(1);
                next_midnight = midnight(zone, date + Duration::days(1));
            }
            day.push(date.num_days_from_ce());
        }
        ZoneDays { day }
    }
}

/// Instant of local midnight starting `date` (the first instant of that date).
pub(crate) fn midnight(zone: Tz, date: NaiveDate) -> Secs {
    wall_instant(
        zone,
        date,
        WallTime::from_minutes(0).unwrap_or(WallTime::END_OF_DAY),
    )
    .timestamp()
}

/// The ISO week key (year * 100 + week) of a day number.
pub(crate) fn week_of(day: i32) -> i32 {
    let d = NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN);
    let w = d.iso_week();
    w.year() * 100 + w.week() as i32
}

/// The local day number of an instant in `zone`.
pub(crate) fn day_of(zone: Tz, t: Secs) -> i32 {
    Grid::instant(t)
        .with_timezone(&zone)
        .date_naive()
        .num_days_from_ce()
}
