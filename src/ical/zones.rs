//! Time zones of iCalendar data: naming (IANA, `/vendor/Olson` prefixes, Windows and
//! Outlook display names through calcard's CLDR table), custom zones read from VTIMEZONE
//! rules, and the RFC 5545 §3.3.5 reading of wall-clock times in DST gaps and folds.

use crate::ical::content::Component;
use crate::ical::recur::Rule;
use crate::ical::values::{parse_time_value, parse_utc_offset, TimeValue};
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use std::str::FromStr;
use std::sync::Arc;

/// The zones a calendar defines, by TZID, from its VTIMEZONE `children`. IANA names use
/// the tz database even when the VTIMEZONE is truncated (CORPUS-FINDINGS #2); other
/// names (Windows, custom) use the VTIMEZONE's own rules, as clients do, and the CLDR
/// mapping only when those rules cannot be read (#3). The first definition of a TZID
/// wins.
pub fn calendar_zones(children: &[&Component]) -> std::collections::HashMap<String, Zone> {
    let mut zones = std::collections::HashMap::new();
    for vtz in children.iter().filter(|c| c.name == "VTIMEZONE") {
        let Some(tzid) = vtz
            .prop("TZID")
            .map(|p| crate::ical::values::unescape_text(p.value.trim()))
        else {
            continue;
        };
        let zone = iana_by_name(&tzid)
            .or_else(|| {
                vtz.prop("X-LIC-LOCATION")
                    .and_then(|p| iana_by_name(&p.value))
            })
            .map(Zone::Tz)
            .or_else(|| RuleZone::from_vtimezone(vtz).map(|z| Zone::Rules(Arc::new(z))))
            .or_else(|| zone_by_name(&tzid).map(Zone::Tz));
        if let Some(zone) = zone {
            zones.entry(tzid).or_insert(zone);
        }
    }
    zones
}

/// Onsets of a VTIMEZONE observance are generated up to this year.
const RULES_UNTIL_YEAR: i32 = 2200;

/// A zone in which wall-clock times are read.
#[derive(Debug, Clone)]
pub enum Zone {
    /// A zone of the tz database (chrono-tz).
    Tz(chrono_tz::Tz),
    /// A custom zone from the observances of a VTIMEZONE whose name is not known.
    Rules(Arc<RuleZone>),
}

/// A zone defined only by VTIMEZONE observances: offset changes at instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleZone {
    /// The offset before the first transition (its TZOFFSETFROM), seconds east of UTC.
    initial: i32,
    /// Transitions sorted by instant: (UTC seconds, offset from then on).
    transitions: Vec<(i64, i32)>,
}

impl Zone {
    /// The instant of a wall-clock time in this zone, as RFC 5545 §3.3.5 says: a time in
    /// a gap (spring forward) is read with the offset before the gap (so it lands
    /// later), a time in a fold (fall back) is its first occurrence.
    pub fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Zone::Tz(tz) => match tz.from_local_datetime(&local) {
                LocalResult::Single(t) => t.with_timezone(&Utc),
                LocalResult::Ambiguous(a, b) => a.with_timezone(&Utc).min(b.with_timezone(&Utc)),
                LocalResult::None => {
                    let day_before = local.and_utc() - Duration::days(1);
                    let before = tz.offset_from_utc_datetime(&day_before.naive_utc()).fix();
                    (local - Duration::seconds(i64::from(before.local_minus_utc()))).and_utc()
                }
            },
            Zone::Rules(z) => z.to_utc(local),
        }
    }

    /// The wall-clock time of an instant in this zone.
    pub fn to_local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Tz(tz) => instant.with_timezone(tz).naive_local(),
            Zone::Rules(z) => {
                instant.naive_utc() + Duration::seconds(i64::from(z.offset_at(instant.timestamp())))
            }
        }
    }
}

impl RuleZone {
    fn offset_at(&self, utc_secs: i64) -> i32 {
        let i = self.transitions.partition_point(|(t, _)| *t <= utc_secs);
        if i == 0 {
            self.initial
        } else {
            self.transitions[i - 1].1
        }
    }

    fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let l = local.and_utc().timestamp();
        let mut offsets: Vec<i32> = self.transitions.iter().map(|(_, o)| *o).collect();
        offsets.push(self.initial);
        offsets.sort_unstable();
        offsets.dedup();
        // Valid readings: offsets o with offset_at(l - o) == o; the largest o is the
        // earliest instant (first occurrence in a fold).
        let valid = offsets
            .iter()
            .rev()
            .find(|o| self.offset_at(l - i64::from(**o)) == **o);
        let o = match valid {
            Some(o) => *o,
            None => self.offset_at(l - 86_400),
        };
        DateTime::from_timestamp(l - i64::from(o), 0).unwrap_or(DateTime::UNIX_EPOCH)
    }

    /// Reads the STANDARD/DAYLIGHT observances of a VTIMEZONE; `None` if it has none
    /// that can be read.
    pub fn from_vtimezone(vtz: &Component) -> Option<RuleZone> {
        let mut transitions: Vec<(i64, i32)> = Vec::new();
        let mut first: Option<(i64, i32)> = None;
        for obs in &vtz.children {
            if obs.name != "STANDARD" && obs.name != "DAYLIGHT" {
                continue;
            }
            let Some(to) = obs
                .prop("TZOFFSETTO")
                .and_then(|p| parse_utc_offset(&p.value))
            else {
                continue;
            };
            let from = obs
                .prop("TZOFFSETFROM")
                .and_then(|p| parse_utc_offset(&p.value))
                .unwrap_or(to);
            let Some(start) = obs
                .prop("DTSTART")
                .and_then(|p| parse_time_value(&p.value, p.param("VALUE"), None))
            else {
                continue;
            };
            let start = start.local();
            let instant = |local: NaiveDateTime| local.and_utc().timestamp() - i64::from(from);
            let mut onsets = vec![start];
            if let Some(rule) = obs
                .prop("RRULE")
                .and_then(|p| Rule::parse(&p.value, start).ok())
            {
                let until = rule.until.as_ref().map(|u| match u {
                    TimeValue::DateTime(dt, crate::ical::values::Anchor::Utc) => {
                        dt.and_utc().timestamp()
                    }
                    other => instant(other.local()),
                });
                for (n, t) in rule.iter().enumerate() {
                    if t.date().year_ce().1 as i32 > RULES_UNTIL_YEAR || n > 5000 {
                        break;
                    }
                    if until.is_some_and(|u| instant(t) > u) {
                        break;
                    }
                    onsets.push(t);
                }
            }
            for rdate in obs.props_named("RDATE") {
                for v in rdate.value.split(',') {
                    if let Some(t) = parse_time_value(v, rdate.param("VALUE"), None) {
                        onsets.push(t.local());
                    }
                }
            }
            for t in onsets {
                let at = instant(t);
                transitions.push((at, to));
                if first.is_none_or(|(f, _)| at < f) {
                    first = Some((at, from));
                }
            }
        }
        let (_, initial) = first?;
        transitions.sort_unstable();
        transitions.dedup_by_key(|(t, _)| *t);
        Some(RuleZone {
            initial,
            transitions,
        })
    }
}

use chrono::Datelike;

/// The tz-database zone for an IANA name (any case, quotes allowed), also behind a
/// `/vendor/…/` prefix (`/softwarestudio.org/Olson_20011030_5/Pacific/Auckland`).
pub fn iana_by_name(name: &str) -> Option<chrono_tz::Tz> {
    let name = name.trim().trim_matches('"').trim();
    let exact = |n: &str| {
        chrono_tz::Tz::from_str(n).ok().or_else(|| {
            chrono_tz::TZ_VARIANTS
                .iter()
                .find(|z| z.name().eq_ignore_ascii_case(n))
                .copied()
        })
    };
    if let Some(tz) = exact(name) {
        return Some(tz);
    }
    let rest = name.strip_prefix('/')?;
    // Drop `vendor/version/` and try what follows, then shorter tails.
    let parts: Vec<&str> = rest.split('/').collect();
    (1..parts.len()).find_map(|i| exact(&parts[i..].join("/")))
}

/// The tz-database zone for a TZID as real files write it: an IANA name (any case),
/// with a `/vendor/…/` prefix, a Windows name (`W. Europe Standard Time`) or an Outlook
/// display name (`(UTC+01:00) Amsterdam, Berlin, …`).
pub fn zone_by_name(name: &str) -> Option<chrono_tz::Tz> {
    let name = name.trim().trim_matches('"').trim();
    if name.is_empty() {
        return None;
    }
    if let Some(tz) = iana_by_name(name) {
        return Some(tz);
    }
    match calcard::common::timezone::Tz::from_str(name) {
        Ok(calcard::common::timezone::Tz::Tz(tz)) => Some(tz),
        Ok(calcard::common::timezone::Tz::Fixed(_) | calcard::common::timezone::Tz::Floating)
        | Err(()) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ical::content;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|x| x.and_hms_opt(h, min, 0))
            .expect("valid test time")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .with_timezone(&Utc)
    }

    #[test]
    fn names() {
        let cases: &[(&str, Option<chrono_tz::Tz>)] = &[
            ("Europe/Berlin", Some(chrono_tz::Europe::Berlin)),
            ("europe/berlin", Some(chrono_tz::Europe::Berlin)),
            ("\"America/New_York\"", Some(chrono_tz::America::New_York)),
            (
                "/softwarestudio.org/Olson_20011030_5/Pacific/Auckland",
                Some(chrono_tz::Pacific::Auckland),
            ),
            ("W. Europe Standard Time", Some(chrono_tz::Europe::Berlin)),
            (
                "Pacific Standard Time",
                Some(chrono_tz::America::Los_Angeles),
            ),
            // calcard maps to the alias Asia/Calcutta (same rules as Asia/Kolkata).
            ("India Standard Time", Some(chrono_tz::Asia::Calcutta)),
            (
                "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
                Some(chrono_tz::Europe::Berlin),
            ),
            ("US-Eastern", None),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(zone_by_name(name), *want, "zone for {name:?}");
        }
    }

    #[test]
    fn rfc5545_gap_and_fold() {
        let berlin = Zone::Tz(chrono_tz::Europe::Berlin);
        let ny = Zone::Tz(chrono_tz::America::New_York);
        let lord_howe = Zone::Tz(chrono_tz::Australia::Lord_Howe);
        let cases: &[(&Zone, NaiveDateTime, &str, &str)] = &[
            (
                &berlin,
                local(2026, 3, 29, 2, 30),
                "2026-03-29T01:30:00Z",
                "Berlin gap → offset before",
            ),
            (
                &berlin,
                local(2026, 10, 25, 2, 30),
                "2026-10-25T00:30:00Z",
                "Berlin fold → first",
            ),
            (
                &berlin,
                local(2026, 7, 1, 9, 0),
                "2026-07-01T07:00:00Z",
                "Berlin summer",
            ),
            (
                &ny,
                local(2026, 3, 8, 2, 30),
                "2026-03-08T07:30:00Z",
                "New York gap",
            ),
            (
                &ny,
                local(2026, 11, 1, 1, 30),
                "2026-11-01T05:30:00Z",
                "New York fold",
            ),
            (
                &lord_howe,
                local(2026, 10, 4, 2, 15),
                "2026-10-03T15:45:00Z",
                "Lord Howe 30-minute gap",
            ),
        ];
        for (zone, l, want, what) in cases {
            assert_eq!(zone.to_utc(*l), utc(want), "{what}");
        }
    }

    #[test]
    fn vtimezone_rules_match_tz_database() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:US-Eastern\nBEGIN:STANDARD\n\
            DTSTART:19671029T020000\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\n\
            END:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:19870405T020000\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\n\
            TZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nEND:DAYLIGHT\nEND:VTIMEZONE\nEND:VCALENDAR\n";
        let doc = content::read(text);
        let vtz = &doc.roots[0].children[0];
        let zone = Zone::Rules(Arc::new(RuleZone::from_vtimezone(vtz).expect("rules")));
        let ny = Zone::Tz(chrono_tz::America::New_York);
        for l in [
            local(2026, 1, 15, 9, 0),
            local(2026, 3, 8, 2, 30),
            local(2026, 3, 8, 3, 0),
            local(2026, 7, 4, 12, 0),
            local(2026, 11, 1, 1, 30),
            local(2026, 11, 1, 2, 0),
        ] {
            assert_eq!(
                zone.to_utc(l),
                ny.to_utc(l),
                "custom rules vs tz database at {l}"
            );
            let back = zone.to_local(zone.to_utc(l));
            assert_eq!(ny.to_local(ny.to_utc(l)), back, "to_local at {l}");
        }
    }
}
