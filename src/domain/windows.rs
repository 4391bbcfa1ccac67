//! A candidate's availability as text on their own wall clock, one window a line
//! (`2026-03-09 12:00-21:00`), for forms: [`parse_windows`] reads it (DST gaps and folds
//! as working hours are read), [`window_lines`] writes a set back, split at local
//! midnights so that every line reads back to the same instants.

use super::DomainError;
use crate::interval::{Interval, IntervalSet};
use crate::zone::{wall_instant, WallTime};
use chrono::NaiveDate;
use chrono_tz::Tz;

fn bad(line: &str, why: &str) -> DomainError {
    DomainError::BadHours {
        field: "availability".into(),
        message: format!(
            "{line:?} {why}: write one window a line as a date and hours, like \"2026-03-09 09:00-17:00\""
        ),
    }
}

/// Reads one window a line (`YYYY-MM-DD HH:MM-HH:MM`, `24:00` allowed as an end) on the
/// wall clock of `tz`; blank lines are skipped; overlapping windows are joined.
pub fn parse_windows(text: &str, tz: Tz) -> Result<IntervalSet, DomainError> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (date, window) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| bad(line, "has no hours"))?;
        let date: NaiveDate = date
            .parse()
            .map_err(|_| bad(line, "does not start with a date"))?;
        let (a, b) = window
            .trim()
            .split_once(['-', '–'])
            .ok_or_else(|| bad(line, "has no window"))?;
        let start =
            WallTime::parse(a.trim(), false).ok_or_else(|| bad(line, "has no start time"))?;
        let end = WallTime::parse(b.trim(), true).ok_or_else(|| bad(line, "has no end time"))?;
        let i = Interval::new(wall_instant(tz, date, start), wall_instant(tz, date, end))
            .filter(|i| !i.is_empty())
            .ok_or_else(|| bad(line, "ends before it starts"))?;
        out.push(i);
    }
    Ok(IntervalSet::from_intervals(out))
}

/// The set as lines [`parse_windows`] reads back to the same instants, in `tz`.
pub fn window_lines(set: &IntervalSet, tz: Tz) -> Vec<String> {
    let mut out = Vec::new();
    for i in set.intervals() {
        let mut from = i.start;
        while from < i.end {
            let local = from.with_timezone(&tz);
            let date = local.date_naive();
            let next_midnight = wall_instant(tz, date, WallTime::END_OF_DAY);
            let to = i.end.min(next_midnight);
            let end = if to == next_midnight {
                "24:00".to_string()
            } else {
                to.with_timezone(&tz).format("%H:%M").to_string()
            };
            out.push(format!("{date} {}-{end}", local.format("%H:%M")));
            from = to;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_read_back_to_the_same_instants_across_dst_and_midnight() {
        let cases = [
            (
                chrono_tz::Asia::Kolkata,
                "2026-03-09 12:00-21:00\n2026-03-10 09:00-24:00\n2026-03-11 00:00-02:00",
            ),
            (
                chrono_tz::Europe::Berlin,
                "2026-03-28 20:00-24:00\n2026-03-29 00:00-04:00",
            ),
            (chrono_tz::America::New_York, "2026-11-01 00:30-03:00"),
        ];
        for (tz, text) in cases {
            let set = parse_windows(text, tz).expect(text);
            let again = parse_windows(&window_lines(&set, tz).join("\n"), tz).expect("lines");
            assert_eq!(set, again, "{tz}: {text:?} round-trips");
        }
        let err = parse_windows("tomorrow 9-5", chrono_tz::UTC).expect_err("free text");
        assert!(
            err.to_string().contains("2026-03-09 09:00-17:00"),
            "the error shows the form: {err}"
        );
    }
}
