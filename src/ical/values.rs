//! Typed readings of iCalendar value strings: DATE, DATE-TIME, DURATION, PERIOD and
//! UTC-OFFSET (RFC 5545 §3.3), lenient where real files are (lower-case `z`, missing
//! seconds).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// How a DATE-TIME value is anchored (RFC 5545 §3.3.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// Ends in `Z`: an instant in UTC.
    Utc,
    /// No `Z` and no `TZID`: the same wall-clock time wherever the reader is.
    Floating,
    /// A `TZID` parameter naming a zone.
    Zone(String),
}

/// A DATE or DATE-TIME value as written, before any zone is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeValue {
    /// A calendar date (all-day); any `TZID` on it is ignored (CORPUS-FINDINGS #4).
    Date(NaiveDate),
    /// A wall-clock date and time with its anchor.
    DateTime(NaiveDateTime, Anchor),
}

impl TimeValue {
    /// The wall-clock reading of the value (midnight for a date).
    pub fn local(&self) -> NaiveDateTime {
        match self {
            TimeValue::Date(d) => d.and_time(NaiveTime::MIN),
            TimeValue::DateTime(dt, _) => *dt,
        }
    }
}

/// A DURATION (RFC 5545 §3.3.6): weeks and days are nominal (added to the wall-clock
/// date), hours, minutes and seconds exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Duration {
    /// Nominal days (weeks × 7 + days), negative for `-P…`.
    pub days: i64,
    /// Exact seconds, negative for `-P…`.
    pub seconds: i64,
}

/// Undoes TEXT escaping (RFC 5545 §3.3.11): `\\` `\;` `\,` `\n`/`\N`.
pub fn unescape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Parses `YYYYMMDD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y = s[0..4].parse().ok()?;
    let m = s[4..6].parse().ok()?;
    let d = s[6..8].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses `YYYYMMDDTHHMMSS[Z]` (also `HHMM` without seconds); the bool says "UTC".
pub fn parse_date_time(s: &str) -> Option<(NaiveDateTime, bool)> {
    let s = s.trim();
    let (body, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(b) => (b, true),
        None => (s, false),
    };
    let (date, time) = body.split_once(['T', 't'])?;
    let date = parse_date(date)?;
    if !(time.len() == 6 || time.len() == 4) || !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h = time[0..2].parse().ok()?;
    let m = time[2..4].parse().ok()?;
    let sec: u32 = if time.len() == 6 {
        time[4..6].parse().ok()?
    } else {
        0
    };
    // A leap second (60) is read as 59, as RFC 5545 §3.3.12 allows.
    let t = NaiveTime::from_hms_opt(h, m, sec.min(59))?;
    Some((date.and_time(t), utc))
}

/// Reads a DATE or DATE-TIME value with its `VALUE` and `TZID` parameters. A bare date in
/// a DATE-TIME property is read as a date (as python icalendar and libical do).
pub fn parse_time_value(
    value: &str,
    value_param: Option<&str>,
    tzid: Option<&str>,
) -> Option<TimeValue> {
    let v = value.trim();
    let is_date = value_param.is_some_and(|p| p.eq_ignore_ascii_case("DATE"))
        || (v.len() == 8 && !v.contains(['T', 't']));
    if is_date {
        // `VALUE=DATE:20240101T000000` also occurs: keep its date part.
        return parse_date(v.get(..8)?).map(TimeValue::Date);
    }
    let (dt, utc) = parse_date_time(v)?;
    let anchor = match (utc, tzid) {
        (true, _) => Anchor::Utc,
        (false, Some(z)) if !z.trim().is_empty() => Anchor::Zone(z.trim().to_string()),
        (false, _) => Anchor::Floating,
    };
    Some(TimeValue::DateTime(dt, anchor))
}

/// Parses a DURATION such as `PT1H30M`, `P1D`, `-P2W`, `P1DT12H`.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (neg, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let mut days: i64 = 0;
    let mut seconds: i64 = 0;
    let mut in_time = false;
    let mut num: Option<i64> = None;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            '0'..='9' => {
                let d = i64::from(c.to_digit(10)?);
                num = Some(num.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
                if num? > 1_000_000_000 {
                    return None;
                }
            }
            'T' if !in_time && num.is_none() => in_time = true,
            'W' if !in_time => {
                days += num.take()? * 7;
                any = true;
            }
            'D' if !in_time => {
                days += num.take()?;
                any = true;
            }
            'H' if in_time => {
                seconds += num.take()? * 3600;
                any = true;
            }
            'M' if in_time => {
                seconds += num.take()? * 60;
                any = true;
            }
            'S' if in_time => {
                seconds += num.take()?;
                any = true;
            }
            _ => return None,
        }
    }
    if num.is_some() || !any {
        return None;
    }
    Some(if neg {
        Duration {
            days: -days,
            seconds: -seconds,
        }
    } else {
        Duration { days, seconds }
    })
}

/// Parses a UTC-OFFSET `+HHMM[SS]` into seconds east of UTC (less than a day).
pub fn parse_utc_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &s[1..];
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[0..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    let sec: i32 = if digits.len() == 6 {
        digits[4..6].parse().ok()?
    } else {
        0
    };
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + sec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let cases: &[(&str, Option<(i64, i64)>)] = &[
            ("PT1H", Some((0, 3600))),
            ("PT1H30M", Some((0, 5400))),
            ("P1D", Some((1, 0))),
            ("P2W", Some((14, 0))),
            ("-P1DT2H", Some((-1, -7200))),
            ("+PT15M", Some((0, 900))),
            ("P1DT12H30M5S", Some((1, 45005))),
            ("P", None),
            ("PT", None),
            ("1H", None),
            ("PT1X", None),
            ("P1H", None),
            ("PT99999999999H", None),
        ];
        for (text, want) in cases {
            let got = parse_duration(text).map(|d| (d.days, d.seconds));
            assert_eq!(got, *want, "duration {text}");
        }
    }

    #[test]
    fn time_values() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        let dt = |y, m, day, h, min| d(y, m, day).and_hms_opt(h, min, 0).expect("time");
        type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<TimeValue>);
        let cases: &[Case] = &[
            ("20240101", None, None, Some(TimeValue::Date(d(2024, 1, 1)))),
            (
                "20240101",
                Some("DATE"),
                Some("Europe/Berlin"),
                Some(TimeValue::Date(d(2024, 1, 1))),
            ),
            (
                "20240101T090000Z",
                None,
                Some("Europe/Berlin"),
                Some(TimeValue::DateTime(dt(2024, 1, 1, 9, 0), Anchor::Utc)),
            ),
            (
                "20240101T0930",
                None,
                None,
                Some(TimeValue::DateTime(dt(2024, 1, 1, 9, 30), Anchor::Floating)),
            ),
            (
                "20240101T090000",
                None,
                Some("X"),
                Some(TimeValue::DateTime(
                    dt(2024, 1, 1, 9, 0),
                    Anchor::Zone("X".into()),
                )),
            ),
            ("20240231T090000", None, None, None),
            ("2024-01-01", None, None, None),
            ("", None, None, None),
        ];
        for (text, value, tzid, want) in cases {
            assert_eq!(
                &parse_time_value(text, *value, *tzid),
                want,
                "value {text:?}"
            );
        }
    }

    #[test]
    fn offsets() {
        let cases: &[(&str, Option<i32>)] = &[
            ("+0100", Some(3600)),
            ("-0530", Some(-19800)),
            ("+053000", Some(19800)),
            ("+2400", None),
            ("0100", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_utc_offset(text), *want, "offset {text}");
        }
    }
}
