//! Who carries how many interviews: per interviewer and ISO week of their own zone, the
//! interviews and hours booked against their weekly cap.
//!
//! - [`heat_map`]: interviewers × weeks, a cell per person and week (the Team screen's
//!   picture), optionally for one pool.
//! - [`member_load`] / [`team_load`]: this week and next against the caps, and the eight
//!   weeks before, for one person or the whole team.
//! - [`closest_to_cap`]: the people with the least room left this week.
//!
//! A booking counts in the week (and on the date) its start falls in on the person's
//! own wall calendar, as the engine's caps count it (rule 6 of the request format).
//! Week boundaries are found once per zone and week (local midnights on Mondays, DST
//! read as everywhere else), then each booking is placed by a binary search on them.

use super::{IsoWeek, Member};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::HashMap;

/// Interviews and their minutes in one week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Cell {
    /// Interviews starting that week.
    pub interviews: u32,
    /// Their length in minutes.
    pub minutes: u32,
    /// `interviews / max_per_week`, when the person has a weekly cap: 1 at the cap,
    /// above 1 over it (see [`share`] for a cap of 0).
    pub share_of_cap: Option<f64>,
}

/// One person's row of the heat map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeatRow {
    /// Their id.
    pub id: String,
    /// Their weekly cap.
    pub max_per_week: Option<u32>,
    /// One cell per week of [`HeatMap::weeks`].
    pub cells: Vec<Cell>,
}

/// Interviewers × weeks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeatMap {
    /// The columns, consecutive weeks.
    pub weeks: Vec<IsoWeek>,
    /// One row per interviewer, in the order given.
    pub rows: Vec<HeatRow>,
}

/// The heat map of `team` over `weeks` consecutive weeks from `first`, with only the
/// members of `pool` when one is given.
pub fn heat_map(team: &[Member], first: IsoWeek, weeks: usize, pool: Option<&str>) -> HeatMap {
    let mut bounds = WeekBounds::new(first, weeks);
    let rows = team
        .iter()
        .filter(|m| pool.is_none_or(|p| m.pools.contains(p)))
        .map(|m| HeatRow {
            id: m.id.clone(),
            max_per_week: m.max_per_week,
            cells: bounds.cells(m),
        })
        .collect();
    HeatMap {
        weeks: (0..weeks as i64).map(|k| first.plus(k)).collect(),
        rows,
    }
}

/// A person's interviews in one week, against their cap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekLoad {
    /// The week, in their zone.
    pub week: IsoWeek,
    /// Interviews and minutes.
    pub load: Cell,
    /// Interviews they can still take under `max_per_week` (`None`: no cap).
    pub room: Option<u32>,
}

/// One person's load now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberLoad {
    /// Their id.
    pub id: String,
    /// Their weekly cap.
    pub max_per_week: Option<u32>,
    /// Their daily cap.
    pub max_per_day: Option<u32>,
    /// The week `now` falls in, in their zone.
    pub this_week: WeekLoad,
    /// The week after.
    pub next_week: WeekLoad,
    /// The eight weeks before this one, oldest first.
    pub last_8_weeks: Vec<WeekLoad>,
}

/// `m`'s load in their week of `now`, the next, and the eight before.
pub fn member_load(m: &Member, now: DateTime<Utc>) -> MemberLoad {
    team_load(std::slice::from_ref(m), now)
        .pop()
        .unwrap_or_else(|| unreachable!("one member in, one load out"))
}

/// [`member_load`] for each member of `team`, in order (week boundaries shared by zone).
pub fn team_load(team: &[Member], now: DateTime<Utc>) -> Vec<MemberLoad> {
    let mut by_week: HashMap<IsoWeek, WeekBounds> = HashMap::new();
    team.iter()
        .map(|m| {
            let this = IsoWeek::containing(now, m.zone);
            let first = this.plus(-8);
            let cells = by_week
                .entry(first)
                .or_insert_with(|| WeekBounds::new(first, 10))
                .cells(m);
            let week = |k: usize| WeekLoad {
                week: first.plus(k as i64),
                load: cells[k],
                room: m
                    .max_per_week
                    .map(|c| c.saturating_sub(cells[k].interviews)),
            };
            MemberLoad {
                id: m.id.clone(),
                max_per_week: m.max_per_week,
                max_per_day: m.max_per_day,
                this_week: week(8),
                next_week: week(9),
                last_8_weeks: (0..8).map(week).collect(),
            }
        })
        .collect()
}

/// Someone near their weekly cap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearCap {
    /// Their id.
    pub id: String,
    /// Interviews this week.
    pub interviews: u32,
    /// Their weekly cap.
    pub max_per_week: u32,
    /// Interviews left under the cap (0 when at or over it).
    pub room: u32,
}

/// The `n` people with the least room left under their weekly cap this week (the
/// fullest share first on a tie, then by id); people without a weekly cap are never
/// near it.
pub fn closest_to_cap(loads: &[MemberLoad], n: usize) -> Vec<NearCap> {
    let mut near: Vec<(NearCap, f64)> = loads
        .iter()
        .filter_map(|l| {
            let cap = l.max_per_week?;
            let c = l.this_week.load;
            Some((
                NearCap {
                    id: l.id.clone(),
                    interviews: c.interviews,
                    max_per_week: cap,
                    room: cap.saturating_sub(c.interviews),
                },
                c.share_of_cap.unwrap_or(0.0),
            ))
        })
        .collect();
    near.sort_by(|a, b| {
        a.0.room
            .cmp(&b.0.room)
            .then(b.1.total_cmp(&a.1))
            .then(a.0.id.cmp(&b.0.id))
    });
    near.into_iter().take(n).map(|(x, _)| x).collect()
}

/// The start instants of consecutive weeks (and the end of the last) per zone, in
/// seconds, computed once per zone.
struct WeekBounds {
    first: IsoWeek,
    weeks: usize,
    by_zone: HashMap<Tz, Vec<i64>>,
}

impl WeekBounds {
    fn new(first: IsoWeek, weeks: usize) -> WeekBounds {
        WeekBounds {
            first,
            weeks,
            by_zone: HashMap::new(),
        }
    }

    /// `m`'s interviews per week.
    fn cells(&mut self, m: &Member) -> Vec<Cell> {
        let (first, weeks) = (self.first, self.weeks);
        let bounds = self.by_zone.entry(m.zone).or_insert_with(|| {
            (0..=weeks as i64)
                .map(|k| first.plus(k).start_in(m.zone).timestamp())
                .collect()
        });
        let mut cells = vec![Cell::default(); weeks];
        for b in &m.booked {
            let t = b.start.timestamp();
            // The last boundary at or before t is the week's start.
            let k = bounds.partition_point(|&x| x <= t);
            if k == 0 || k > weeks {
                continue;
            }
            let c = &mut cells[k - 1];
            c.interviews += 1;
            c.minutes += u32::try_from((b.end - b.start).num_minutes()).unwrap_or(0);
        }
        if let Some(cap) = m.max_per_week {
            for c in &mut cells {
                c.share_of_cap = Some(share(c.interviews, cap));
            }
        }
        cells
    }
}

/// `interviews / cap`; a cap of 0 is full with no interviews (1) and over with any
/// (`interviews + 1`), so the share stays finite and ordered.
pub fn share(interviews: u32, cap: u32) -> f64 {
    if cap == 0 {
        f64::from(interviews) + 1.0
    } else {
        f64::from(interviews) / f64::from(cap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::Interval;
    use chrono::{Datelike, Duration};

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("an instant")
            .with_timezone(&Utc)
    }

    fn member(id: &str, zone: &str, cap: Option<u32>, starts: &[&str]) -> Member {
        Member {
            id: id.into(),
            zone: zone.parse().expect("a zone"),
            pools: [format!("pool-{id}")].into_iter().collect(),
            max_per_day: None,
            max_per_week: cap,
            booked: starts
                .iter()
                .map(|s| Interval {
                    start: t(s),
                    end: t(s) + Duration::minutes(45),
                })
                .collect(),
        }
    }

    fn week(s: &str) -> IsoWeek {
        IsoWeek::of(s.parse().expect("a date"))
    }

    #[test]
    fn one_instant_falls_in_each_persons_own_week() {
        // 2026-03-08T22:30Z is Sunday 23:30 in Berlin (week 10) but Monday 09:30 in
        // Sydney (week 11), and Sunday 18:30 in New York, just after its DST change.
        let at = "2026-03-08T22:30:00Z";
        let team = [
            member("ber", "Europe/Berlin", Some(4), &[at]),
            member("syd", "Australia/Sydney", Some(4), &[at]),
            member("nyc", "America/New_York", None, &[at]),
        ];
        let map = heat_map(&team, week("2026-03-02"), 2, None);
        assert_eq!(
            map.weeks.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            ["2026-W10", "2026-W11"],
            "columns"
        );
        let counts: Vec<Vec<u32>> = map
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.interviews).collect())
            .collect();
        assert_eq!(
            counts,
            [[1, 0], [0, 1], [1, 0]],
            "Berlin W10, Sydney W11, New York W10"
        );
        assert_eq!(map.rows[0].cells[0].minutes, 45, "minutes counted");
        assert_eq!(map.rows[0].cells[0].share_of_cap, Some(0.25), "1 of 4");
        assert_eq!(map.rows[2].cells[0].share_of_cap, None, "no cap, no share");
        let only = heat_map(&team, week("2026-03-02"), 2, Some("pool-syd"));
        assert_eq!(only.rows.len(), 1, "filtered by pool");
        assert_eq!(only.rows[0].id, "syd", "the Sydney member");
    }

    #[test]
    fn the_heat_map_agrees_with_reading_each_start_on_the_local_calendar() {
        // Starts every 7h13m across three months with DST changes in all three zones.
        let zones = [
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "America/New_York",
            "Asia/Kolkata",
        ];
        let first = week("2026-02-23");
        let weeks = 14;
        let mut team = Vec::new();
        for (k, z) in zones.iter().enumerate() {
            let mut m = member(&format!("m{k}"), z, Some(10), &[]);
            let mut at = t("2026-02-20T00:00:00Z") + Duration::minutes(37 * k as i64);
            while at < t("2026-06-10T00:00:00Z") {
                m.booked.push(Interval {
                    start: at,
                    end: at + Duration::minutes(60),
                });
                at += Duration::minutes(7 * 60 + 13);
            }
            team.push(m);
        }
        let map = heat_map(&team, first, weeks, None);
        for (m, row) in team.iter().zip(&map.rows) {
            let mut want = vec![0u32; weeks];
            for b in &m.booked {
                let d = b.start.with_timezone(&m.zone).date_naive();
                let w = IsoWeek {
                    year: d.iso_week().year(),
                    week: d.iso_week().week(),
                };
                let k = w.weeks_since(first);
                if (0..weeks as i64).contains(&k) {
                    want[k as usize] += 1;
                }
            }
            let got: Vec<u32> = row.cells.iter().map(|c| c.interviews).collect();
            assert_eq!(got, want, "{} ({})", m.id, m.zone);
        }
    }

    #[test]
    fn this_week_next_week_and_the_eight_before_against_the_cap() {
        // Now: Wednesday 2026-03-11 10:00Z (week 11 everywhere here).
        let now = t("2026-03-11T10:00:00Z");
        let m = member(
            "a",
            "Europe/Amsterdam",
            Some(3),
            &[
                "2026-03-09T09:00:00Z",
                "2026-03-10T09:00:00Z",
                "2026-03-12T09:00:00Z",
                "2026-03-13T09:00:00Z", // a fourth this week: over the cap
                "2026-03-16T09:00:00Z", // next week
                "2026-01-13T09:00:00Z", // week 3: the oldest of the eight
                "2026-01-06T09:00:00Z", // week 2: too old
            ],
        );
        let l = member_load(&m, now);
        assert_eq!(l.this_week.week.to_string(), "2026-W11", "this week");
        assert_eq!(
            (l.this_week.load.interviews, l.this_week.room),
            (4, Some(0)),
            "4 of 3"
        );
        assert_eq!(
            l.this_week.load.share_of_cap.map(|s| s > 1.0),
            Some(true),
            "over the cap"
        );
        assert_eq!(
            (l.next_week.load.interviews, l.next_week.room),
            (1, Some(2)),
            "next week"
        );
        let past: Vec<(String, u32)> = l
            .last_8_weeks
            .iter()
            .map(|w| (w.week.to_string(), w.load.interviews))
            .collect();
        assert_eq!(past.len(), 8, "eight weeks");
        assert_eq!(past[0], ("2026-W03".to_string(), 1), "oldest first");
        assert_eq!(past[7].0, "2026-W10", "the week before this one last");
        assert_eq!(past.iter().map(|p| p.1).sum::<u32>(), 1, "nothing else");
    }

    #[test]
    fn closest_to_cap_orders_by_room_then_share() {
        let now = t("2026-03-11T10:00:00Z");
        let mon = "2026-03-09T09:00:00Z";
        let tue = "2026-03-10T09:00:00Z";
        let team = [
            member("roomy", "UTC", Some(5), &[mon]),
            member("full", "UTC", Some(2), &[mon, tue]),
            member("one-left-of-2", "UTC", Some(2), &[mon]),
            member(
                "one-left-of-4",
                "UTC",
                Some(4),
                &[mon, tue, "2026-03-11T09:00:00Z"],
            ),
            member("uncapped", "UTC", None, &[mon, tue, tue]),
            member("zero-cap", "UTC", Some(0), &[]),
        ];
        let near = closest_to_cap(&team_load(&team, now), 4);
        let ids: Vec<&str> = near.iter().map(|n| n.id.as_str()).collect();
        // zero-cap and full have no room (zero-cap's share 1.0 equals full's 1.0: by id);
        // then one left: 3 of 4 (0.75) before 1 of 2 (0.5).
        assert_eq!(
            ids,
            ["full", "zero-cap", "one-left-of-4", "one-left-of-2"],
            "order"
        );
        assert_eq!(
            (near[2].interviews, near[2].max_per_week, near[2].room),
            (3, 4, 1),
            "figures"
        );
    }
}
