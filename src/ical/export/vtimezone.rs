//! VTIMEZONE blocks generated from the tz database, as EXPORT-RULES.md §3 and rule 8
//! ask: one observance per kind of transition with a yearly RRULE and its onset
//! written in the local time *before* the transition (RFC 5545 §3.6.5), never RDATE
//! lists. Transitions that follow no yearly rule get an observance each (DTSTART only).

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc,
    Weekday,
};
use chrono_tz::{OffsetName, Tz};
use std::collections::BTreeMap;

/// One change of offset.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Transition {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    name: Option<String>,
}

fn offset(tz: Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc())
        .fix()
        .local_minus_utc()
}

/// Transitions of `tz` from the start of `first_year` to the end of `last_year`.
fn transitions(tz: Tz, first_year: i32, last_year: i32) -> Vec<Transition> {
    let start = NaiveDate::from_ymd_opt(first_year, 1, 1)
        .unwrap_or(NaiveDate::MIN)
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    let end = NaiveDate::from_ymd_opt(last_year + 1, 1, 1)
        .unwrap_or(NaiveDate::MAX)
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    let mut out = Vec::new();
    let step = Duration::hours(6);
    let mut t = start;
    let mut off = offset(tz, t);
    while t < end {
        let next = t + step;
        let next_off = offset(tz, next);
        if next_off != off {
            // Bisect to the second of the change.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset(tz, mid) == off {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let name = tz
                .offset_from_utc_datetime(&hi.naive_utc())
                .abbreviation()
                .map(str::to_string);
            out.push(Transition {
                at: hi,
                from: off,
                to: next_off,
                name,
            });
            off = next_off;
        }
        t = next;
    }
    out
}

/// `+HHMM` (or `+HHMMSS`) for a UTC offset in seconds.
fn utc_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    if a.is_multiple_of(60) {
        format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", a / 3600, a / 60 % 60, a % 60)
    }
}

fn weekday_code(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

fn days_in_month(d: NaiveDate) -> u32 {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|n| n.pred_opt())
        .map_or(31, |last| last.day())
}

/// The BYDAY ordinals that describe this date: its week of the month, and -1 when it
/// is the last such weekday.
fn ordinals(d: NaiveDate) -> Vec<i32> {
    let mut v = vec![((d.day() - 1) / 7 + 1) as i32];
    if d.day() + 7 > days_in_month(d) {
        v.push(-1);
    }
    v
}

fn local_text(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// The content lines (without folding, without CRLF) of a VTIMEZONE for `tz` that is
/// correct for every instant in the years `first_year..=last_year`.
pub fn vtimezone_lines(tz: Tz, first_year: i32, last_year: i32) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = vec![
        ("BEGIN".into(), "VTIMEZONE".into()),
        ("TZID".into(), tz.name().into()),
    ];
    lines.push(("X-LIC-LOCATION".into(), tz.name().into()));
    let ts = transitions(tz, first_year, last_year);
    if ts.is_empty() {
        let probe = NaiveDate::from_ymd_opt(first_year, 6, 1)
            .unwrap_or(NaiveDate::MIN)
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let off = offset(tz, probe);
        let name = tz
            .offset_from_utc_datetime(&probe.naive_utc())
            .abbreviation()
            .map(str::to_string);
        observance(
            &mut lines,
            false,
            "19700101T000000".into(),
            off,
            off,
            name,
            None,
        );
        lines.push(("END".into(), "VTIMEZONE".into()));
        return lines;
    }
    // Group transitions that may share a yearly rule: same offsets, month, weekday and
    // wall-clock onset.
    type Key = (i32, i32, u32, u32, u32);
    let mut groups: BTreeMap<Key, Vec<(&Transition, NaiveDateTime)>> = BTreeMap::new();
    for t in &ts {
        let onset = t.at.naive_utc() + Duration::seconds(i64::from(t.from));
        let key = (
            t.from,
            t.to,
            onset.month(),
            onset.weekday().num_days_from_monday(),
            onset.num_seconds_from_midnight(),
        );
        groups.entry(key).or_default().push((t, onset));
    }
    let mut observances: Vec<(NaiveDateTime, Vec<(String, String)>)> = Vec::new();
    for ((from, to, month, _, _), members) in groups {
        let weekday = members[0].1.weekday();
        let dst = to > from;
        // An ordinal shared by every member, and members one year apart.
        let common = [1, 2, 3, 4, -1].into_iter().find(|o| {
            members
                .iter()
                .all(|(_, on)| ordinals(on.date()).contains(o))
        });
        let yearly = members
            .windows(2)
            .all(|w| w[1].1.year() == w[0].1.year() + 1);
        let mut block = Vec::new();
        match common {
            Some(ord) if yearly && members.len() > 1 => {
                let (first, onset) = members[0];
                let rule = format!(
                    "FREQ=YEARLY;BYMONTH={month};BYDAY={ord}{}",
                    weekday_code(weekday)
                );
                observance(
                    &mut block,
                    dst,
                    local_text(onset),
                    from,
                    to,
                    first.name.clone(),
                    Some(rule),
                );
            }
            _ => {
                for (t, onset) in &members {
                    observance(
                        &mut block,
                        dst,
                        local_text(*onset),
                        from,
                        to,
                        t.name.clone(),
                        None,
                    );
                }
            }
        }
        observances.push((members[0].1, block));
    }
    observances.sort_by_key(|(at, _)| *at);
    for (_, block) in observances {
        lines.extend(block);
    }
    lines.push(("END".into(), "VTIMEZONE".into()));
    lines
}

fn observance(
    lines: &mut Vec<(String, String)>,
    dst: bool,
    dtstart: String,
    from: i32,
    to: i32,
    name: Option<String>,
    rule: Option<String>,
) {
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    lines.push(("BEGIN".into(), kind.into()));
    lines.push(("TZOFFSETFROM".into(), utc_offset(from)));
    lines.push(("TZOFFSETTO".into(), utc_offset(to)));
    if let Some(n) = name.filter(|n| !n.starts_with(['+', '-'])) {
        lines.push(("TZNAME".into(), n));
    }
    lines.push(("DTSTART".into(), dtstart));
    if let Some(r) = rule {
        lines.push(("RRULE".into(), r));
    }
    lines.push(("END".into(), kind.into()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ical::content;
    use crate::ical::zones::{RuleZone, Zone};
    use std::sync::Arc;

    /// Reads the generated VTIMEZONE back with the importer's rule reader and checks
    /// every hour of the span against the tz database.
    #[test]
    fn generated_zones_match_the_tz_database() {
        let zones = [
            chrono_tz::Europe::Berlin,
            chrono_tz::America::New_York,
            chrono_tz::Australia::Sydney,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Asia::Kolkata,
            chrono_tz::America::Sao_Paulo,
            chrono_tz::Africa::Casablanca,
            chrono_tz::UTC,
        ];
        for tz in zones {
            let text: String = vtimezone_lines(tz, 2025, 2027)
                .iter()
                .map(|(k, v)| format!("{k}:{v}\n"))
                .collect();
            let doc = content::read(&text);
            let vtz = doc.roots.first().expect("a VTIMEZONE");
            let rules = Zone::Rules(Arc::new(
                RuleZone::from_vtimezone(vtz).expect("readable observances"),
            ));
            assert!(!text.contains("RDATE"), "{tz}: no RDATE lists");
            let mut t = NaiveDate::from_ymd_opt(2025, 1, 1)
                .expect("date")
                .and_time(chrono::NaiveTime::MIN);
            let end = NaiveDate::from_ymd_opt(2028, 1, 1)
                .expect("date")
                .and_time(chrono::NaiveTime::MIN);
            while t < end {
                let instant = t.and_utc();
                assert_eq!(
                    rules.to_local(instant),
                    Zone::Tz(tz).to_local(instant),
                    "{tz}: wall time of {instant}\n{text}"
                );
                t += Duration::minutes(30);
            }
        }
    }
}
