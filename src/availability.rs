//! Weekly working hours turned into instants.
//!
//! Working hours are wall-clock windows per weekday in a person's own zone. They are
//! expanded local date by local date (a day is not 24 hours), each window read with
//! [`crate::zone::wall_instant`], and the result kept as a canonical [`IntervalSet`], in
//! which windows of consecutive dates that touch (`24:00` / `00:00`) join.

use crate::interval::{Interval, IntervalSet};
use crate::problem::WallWindow;
use crate::zone::wall_instant;
use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;

/// The instants of `hours` (Monday first) in `zone` on every local date that can touch
/// `[from, to)`, clipped to nothing: callers intersect with what they need.
pub fn working_intervals(
    hours: &[Vec<WallWindow>; 7],
    zone: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> IntervalSet {
    let mut out = Vec::new();
    // A window of date d lies within [midnight(d), midnight(d + 2)): start two dates early.
    let mut date = from.with_timezone(&zone).date_naive() - Duration::days(2);
    let last = to.with_timezone(&zone).date_naive() + Duration::days(1);
    while date <= last {
        for w in &hours[date.weekday().num_days_from_monday() as usize] {
            let start = wall_instant(zone, date, w.start);
            let end = wall_instant(zone, date, w.end);
            if let Some(i) = Interval::new(start, end) {
                out.push(i);
            }
        }
        date += Duration::days(1);
    }
    IntervalSet::from_intervals(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::{parse_zone, WallTime};

    fn week(windows: &[(usize, &str, &str)]) -> [Vec<WallWindow>; 7] {
        let mut h: [Vec<WallWindow>; 7] = Default::default();
        for &(d, a, b) in windows {
            h[d].push(WallWindow {
                start: WallTime::parse(a, false).expect("start"),
                end: WallTime::parse(b, true).expect("end"),
            });
        }
        h
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    #[test]
    fn working_hours_across_2026_dst_changes() {
        // (zone, windows, from, to, expected hours of work in [from, to), why)
        type Case<'a> = (
            &'a str,
            Vec<(usize, &'a str, &'a str)>,
            &'a str,
            &'a str,
            i64,
            &'a str,
        );
        let cases: [Case; 5] = [
            (
                "Europe/Berlin",
                vec![(6, "02:00", "03:00")],
                "2026-03-28T00:00:00Z",
                "2026-03-30T00:00:00Z",
                0,
                "Berlin 02:00-03:00 on 2026-03-29 is empty (the gap)",
            ),
            (
                "Europe/Berlin",
                vec![(6, "01:00", "02:30")],
                "2026-03-28T00:00:00Z",
                "2026-03-30T00:00:00Z",
                60,
                "Berlin 01:00-02:30 on 2026-03-29 is one real hour",
            ),
            (
                "Europe/Berlin",
                vec![(6, "02:30", "03:30")],
                "2026-10-24T00:00:00Z",
                "2026-10-26T00:00:00Z",
                120,
                "Berlin 02:30-03:30 on 2026-10-25 is two real hours (earlier 02:30)",
            ),
            (
                "America/New_York",
                vec![(6, "00:00", "24:00")],
                "2026-11-01T00:00:00Z",
                "2026-11-03T00:00:00Z",
                25 * 60,
                "New York's 2026-11-01 lasts 25 hours",
            ),
            (
                "Australia/Sydney",
                vec![(6, "00:00", "24:00")],
                "2026-04-04T00:00:00Z",
                "2026-04-06T00:00:00Z",
                25 * 60,
                "Sydney's 2026-04-05 lasts 25 hours",
            ),
        ];
        for (zone, windows, from, to, minutes, why) in cases {
            let tz = parse_zone(zone).expect("zone");
            let (from, to) = (utc(from), utc(to));
            let set = working_intervals(&week(&windows), tz, from, to);
            let clip = IntervalSet::from_intervals(vec![Interval {
                start: from - Duration::days(3),
                end: to + Duration::days(3),
            }]);
            assert_eq!(set.intersection(&clip).seconds() / 60, minutes, "{why}");
        }
    }

    #[test]
    fn windows_touching_at_midnight_join() {
        let tz = parse_zone("Europe/Berlin").expect("zone");
        let set = working_intervals(
            &week(&[(0, "22:00", "24:00"), (1, "00:00", "02:00")]),
            tz,
            utc("2026-03-02T00:00:00Z"),
            utc("2026-03-04T00:00:00Z"),
        );
        let night = Interval {
            start: utc("2026-03-02T21:00:00Z"),
            end: utc("2026-03-03T01:00:00Z"),
        };
        assert!(
            set.contains(&night),
            "Mon 22:00-24:00 and Tue 00:00-02:00 form one window: {set:?}"
        );
    }
}
