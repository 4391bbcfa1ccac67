//! Time zones and wall-clock readings.
//!
//! Zones are chrono-tz [`Tz`] values parsed from IANA names; a wall-clock time exists
//! only on its way in (working hours) or out (display). [`wall_instant`] turns a local
//! date and a time of day into an instant with the rule of `shared/formats/problem.md`
//! (rule 4): a time in a spring-forward gap means the first instant after the gap, an
//! ambiguous time in a fall-back fold means the earlier instant.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Parses an IANA zone name (`Europe/Berlin`); `None` if the database does not know it.
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

/// A time of day on a wall clock, in minutes after local midnight: `0..=1440`, where
/// `1440` is `"24:00"` (midnight ending the date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallTime(u16);

impl WallTime {
    /// Midnight ending the date (`"24:00"`).
    pub const END_OF_DAY: WallTime = WallTime(1440);

    /// A wall time from minutes after midnight; `None` past 24:00.
    pub fn from_minutes(minutes: u16) -> Option<WallTime> {
        (minutes <= 1440).then_some(WallTime(minutes))
    }

    /// Parses `"HH:MM"` (two digits each); `"24:00"` only when `allow_24` is set.
    pub fn parse(text: &str, allow_24: bool) -> Option<WallTime> {
        let b = text.as_bytes();
        if b.len() != 5
            || b[2] != b':'
            || !b
                .iter()
                .enumerate()
                .all(|(i, c)| i == 2 || c.is_ascii_digit())
        {
            return None;
        }
        let h = u16::from(b[0] - b'0') * 10 + u16::from(b[1] - b'0');
        let m = u16::from(b[3] - b'0') * 10 + u16::from(b[4] - b'0');
        match (h, m) {
            (24, 0) if allow_24 => Some(WallTime(1440)),
            (0..=23, 0..=59) => Some(WallTime(h * 60 + m)),
            _ => None,
        }
    }

    /// Minutes after local midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl std::fmt::Display for WallTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// The instant at which the wall clock of `tz` reads `time` on local date `date`.
///
/// `24:00` is midnight starting the next date. A reading inside a spring-forward gap is
/// the first instant after the gap (the transition itself); an ambiguous reading in a
/// fall-back fold is the earlier of the two instants.
pub fn wall_instant(tz: Tz, date: NaiveDate, time: WallTime) -> DateTime<Utc> {
    let naive = local_naive(date, time);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => first_instant_after_gap(tz, naive),
    }
}

/// The naive wall reading for `date` at `time`, rolling `24:00` into the next date.
fn local_naive(date: NaiveDate, time: WallTime) -> NaiveDateTime {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    midnight + Duration::minutes(i64::from(time.minutes()))
}

/// The smallest instant whose wall reading in `tz` is later than `naive` (which lies in
/// a gap). Offsets lie within ±15 h, so the answer is within a day of `naive` read as UTC.
fn first_instant_after_gap(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    let wall = |secs: i64| {
        let u = DateTime::<Utc>::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::MIN_UTC);
        u.with_timezone(&tz).naive_local()
    };
    let base = naive.and_utc().timestamp();
    // wall(lo) <= naive < wall(hi) holds for any offset within ±15 h.
    let (mut lo, mut hi) = (base - 16 * 3600, base + 16 * 3600);
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if wall(mid) > naive {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    DateTime::<Utc>::from_timestamp(hi, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("test instant")
    }

    #[test]
    fn wall_instants_on_2026_dst_dates() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date");
        let cases = [
            // (zone, date, wall, expected instant, why)
            (
                "Europe/Berlin",
                "2026-03-29",
                "02:00",
                "2026-03-29T01:00:00Z",
                "gap start -> transition",
            ),
            (
                "Europe/Berlin",
                "2026-03-29",
                "02:30",
                "2026-03-29T01:00:00Z",
                "inside gap -> transition",
            ),
            (
                "Europe/Berlin",
                "2026-03-29",
                "03:00",
                "2026-03-29T01:00:00Z",
                "gap end exists",
            ),
            (
                "Europe/Berlin",
                "2026-03-29",
                "01:59",
                "2026-03-29T00:59:00Z",
                "before gap",
            ),
            (
                "Europe/Berlin",
                "2026-10-25",
                "02:30",
                "2026-10-25T00:30:00Z",
                "fold -> earlier",
            ),
            (
                "Europe/Berlin",
                "2026-10-25",
                "03:00",
                "2026-10-25T02:00:00Z",
                "after fold",
            ),
            (
                "America/New_York",
                "2026-03-08",
                "02:15",
                "2026-03-08T07:00:00Z",
                "NY gap",
            ),
            (
                "America/New_York",
                "2026-11-01",
                "01:30",
                "2026-11-01T05:30:00Z",
                "NY fold -> EDT",
            ),
            (
                "Australia/Sydney",
                "2026-04-05",
                "02:30",
                "2026-04-04T15:30:00Z",
                "Sydney fold -> AEDT",
            ),
            (
                "Australia/Lord_Howe",
                "2026-10-04",
                "02:15",
                "2026-10-03T15:30:00Z",
                "30-min gap",
            ),
            (
                "Asia/Kolkata",
                "2026-03-02",
                "09:00",
                "2026-03-02T03:30:00Z",
                "+05:30",
            ),
            (
                "Europe/Berlin",
                "2026-03-02",
                "24:00",
                "2026-03-02T23:00:00Z",
                "24:00 is next midnight",
            ),
        ];
        for (zone, date, wall, want, why) in cases {
            let tz = parse_zone(zone).expect("zone");
            let t = WallTime::parse(wall, true).expect("wall");
            assert_eq!(
                wall_instant(tz, d(date), t),
                utc(want),
                "{zone} {date} {wall}: {why}"
            );
        }
    }

    #[test]
    fn wall_time_parsing() {
        let cases = [
            ("09:00", false, Some(540)),
            ("24:00", true, Some(1440)),
            ("24:00", false, None),
            ("23:60", true, None),
            ("9:00", true, None),
            ("24:30", true, None),
            ("ab:cd", true, None),
        ];
        for (text, allow, want) in cases {
            assert_eq!(
                WallTime::parse(text, allow).map(WallTime::minutes),
                want,
                "{text} allow_24={allow}"
            );
        }
    }
}
