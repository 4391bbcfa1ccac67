//! RRULE expansion on wall-clock times, bounded by the caller.
//!
//! The `rrule` crate does the calendar arithmetic. We hand it the DTSTART as a wall-clock
//! time (in its UTC zone, which has no DST) so that the rule is applied in local time
//! as RFC 5545 requires, and turn each wall time into an instant afterwards with the
//! series' own zone. `UNTIL` is taken out of the rule and applied by the caller, because
//! real files mix UTC, floating and date forms of UNTIL with zoned DTSTARTs, which the
//! crate rejects.

use crate::ical::values::{parse_time_value, TimeValue};
use chrono::{NaiveDateTime, TimeZone};
use rrule::{Frequency, RRule, RRuleSet, Unvalidated};

/// The parts of an RRULE that the `rrule` crate understands.
const KNOWN_PARTS: &[&str] = &[
    "FREQ",
    "INTERVAL",
    "COUNT",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
];

/// A parsed RRULE ready to iterate from a wall-clock DTSTART.
pub struct Rule {
    rule: RRule<Unvalidated>,
    set: RRuleSet,
    /// Wall-clock seconds of one period (× INTERVAL) when whole periods can be skipped
    /// without changing the pattern: SECONDLY to WEEKLY without COUNT.
    skip_period: Option<i64>,
    /// The rule's UNTIL, applied by the caller (inclusive).
    pub until: Option<TimeValue>,
    /// Parts that were not understood and were left out (`UNTL=…`).
    pub ignored: Vec<String>,
}

/// Why an RRULE could not be used at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RuleError(pub String);

impl Rule {
    /// Parses `value` (`FREQ=WEEKLY;BYDAY=MO`) for a series starting at wall time `start`.
    pub fn parse(value: &str, start: NaiveDateTime) -> Result<Rule, RuleError> {
        let mut kept: Vec<String> = Vec::new();
        let mut ignored = Vec::new();
        let mut until = None;
        for part in value.trim().trim_end_matches('\\').split(';') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let Some((k, v)) = part.split_once('=') else {
                ignored.push(part.to_string());
                continue;
            };
            let k = k.trim().to_ascii_uppercase();
            if k == "UNTIL" {
                until = parse_time_value(v, None, None);
                if until.is_none() {
                    ignored.push(part.to_string());
                }
            } else if KNOWN_PARTS.contains(&k.as_str()) {
                kept.push(format!("{k}={}", v.trim().to_ascii_uppercase()));
            } else if !k.starts_with("X-") {
                ignored.push(part.to_string());
            }
        }
        if !kept.iter().any(|p| p.starts_with("FREQ=")) {
            return Err(RuleError("it has no FREQ".into()));
        }
        let rule: RRule<Unvalidated> = kept
            .join(";")
            .parse()
            .map_err(|e: rrule::RRuleError| RuleError(e.to_string()))?;
        let set = build(&rule, start)?;
        let unit = match rule.get_freq() {
            Frequency::Secondly => Some(1),
            Frequency::Minutely => Some(60),
            Frequency::Hourly => Some(3600),
            Frequency::Daily => Some(86_400),
            Frequency::Weekly => Some(604_800),
            Frequency::Monthly | Frequency::Yearly => None,
        };
        let skip_period = unit
            .filter(|_| rule.get_count().is_none())
            .map(|u| u * i64::from(rule.get_interval().max(1)));
        Ok(Rule {
            rule,
            set,
            skip_period,
            until,
            ignored,
        })
    }

    /// The wall-clock start times the rule generates, in order (without UNTIL).
    pub fn iter(&self) -> impl Iterator<Item = NaiveDateTime> + '_ {
        (&self.set).into_iter().map(|d| d.naive_utc())
    }

    /// The start times from the last whole period at or before `not_before` on (the
    /// same times [`Rule::iter`] gives from there), so that a series that began decades
    /// before a window is not walked instance by instance. Falls back to [`Rule::iter`]
    /// when periods cannot be skipped (COUNT, MONTHLY, YEARLY).
    pub fn iter_from(
        &self,
        start: NaiveDateTime,
        not_before: NaiveDateTime,
    ) -> Box<dyn Iterator<Item = NaiveDateTime> + '_> {
        let jump = self.skip_period.and_then(|p| {
            let periods = (not_before - start).num_seconds().div_euclid(p);
            (periods > 1).then(|| start + chrono::Duration::seconds((periods - 1) * p))
        });
        match jump.and_then(|from| build(&self.rule, from).ok()) {
            Some(set) => Box::new(set.into_iter().map(|d| d.naive_utc())),
            None => Box::new(self.iter()),
        }
    }
}

fn build(rule: &RRule<Unvalidated>, start: NaiveDateTime) -> Result<RRuleSet, RuleError> {
    let dt_start = rrule::Tz::UTC.from_utc_datetime(&start);
    rule.clone()
        .build(dt_start)
        .map(RRuleSet::limit)
        .map_err(|e| RuleError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|x| x.and_hms_opt(h, 0, 0))
            .expect("valid test time")
    }

    #[test]
    fn rules() {
        let cases: &[(&str, usize, Option<NaiveDateTime>, usize)] = &[
            // rule, instances taken (≤ 5), second instance, ignored parts
            ("FREQ=WEEKLY;COUNT=3", 3, Some(at(2024, 3, 18, 9)), 0),
            ("freq=daily;interval=2", 5, Some(at(2024, 3, 13, 9)), 0),
            ("FREQ=WEEKLY;UNTL=20240101", 5, Some(at(2024, 3, 18, 9)), 1),
            (
                "FREQ=WEEKLY;UNTIL=20240320T000000Z",
                5,
                Some(at(2024, 3, 18, 9)),
                0,
            ),
            ("FREQ=DAILY\\", 5, Some(at(2024, 3, 12, 9)), 0),
        ];
        for (text, n, second, ignored) in cases {
            let rule = Rule::parse(text, at(2024, 3, 11, 9)).expect(text);
            let got: Vec<_> = rule.iter().take(5).collect();
            assert_eq!(got.len(), *n, "count of {text}");
            assert_eq!(got.get(1).copied(), *second, "second instance of {text}");
            assert_eq!(rule.ignored.len(), *ignored, "ignored parts of {text}");
        }
        // Skipping whole periods gives the same instances as walking from DTSTART.
        for text in [
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            "FREQ=HOURLY;BYMINUTE=0,30",
            "FREQ=DAILY;BYHOUR=9,15",
            "FREQ=MINUTELY;INTERVAL=7",
        ] {
            let start = at(2023, 2, 3, 9);
            let rule = Rule::parse(text, start).expect(text);
            let from = at(2024, 3, 11, 0);
            let walked: Vec<_> = rule.iter().skip_while(|t| *t < from).take(20).collect();
            let skipped: Vec<_> = rule
                .iter_from(start, from)
                .skip_while(|t| *t < from)
                .take(20)
                .collect();
            assert_eq!(skipped, walked, "skip-ahead of {text}");
        }
        for bad in ["INTERVAL=2", "FREQ=FORTNIGHTLY", "FREQ=YEARLY;BYMONTH=5L"] {
            assert!(
                Rule::parse(bad, at(2024, 3, 11, 9)).is_err(),
                "{bad} must be rejected"
            );
        }
    }
}
