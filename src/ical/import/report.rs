//! What an import returns: the window, busy intervals, and the report of what was
//! skipped or read with a caveat, with the errors of a file that has nothing usable.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::fmt;

/// A half-open window of instants `[start, end)` over which busy time is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Window {
    /// A window from `start` (inclusive) to `end` (exclusive).
    ///
    /// # Errors
    /// [`ImportError::InvalidWindow`] when `end` is not after `start`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Window, ImportError> {
        if end <= start {
            return Err(ImportError::InvalidWindow { start, end });
        }
        Ok(Window { start, end })
    }

    /// The first instant of the window.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The first instant after the window.
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }
}

/// A busy interval `[start, end)` in UTC: the core's interval type, so busy time goes
/// straight into an [`IntervalSet`] for the engine and the store.
pub use crate::interval::Interval;
use crate::interval::IntervalSet;

/// The result of reading one calendar: merged busy time plus what the coordinator
/// should know about the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BusyImport {
    /// Busy intervals clipped to the window, sorted, disjoint and not touching.
    pub busy: Vec<Interval>,
    /// Events (VEVENT and VFREEBUSY components) read successfully from the file.
    pub events: usize,
    /// Occurrences (after recurrence expansion) that overlap the window, busy or not.
    pub occurrences: usize,
    /// Events left out, each with its line and why.
    pub skipped: Vec<Skipped>,
    /// Things read with a caveat (an unknown zone, a part of a rule ignored, …).
    pub warnings: Vec<Warning>,
}

impl BusyImport {
    /// Total busy time in seconds (what the app shows as busy hours).
    pub fn busy_seconds(&self) -> i64 {
        self.busy.iter().map(Interval::seconds).sum()
    }

    /// The busy time as the engine's canonical interval set.
    pub fn busy_set(&self) -> IntervalSet {
        IntervalSet::from_intervals(self.busy.clone())
    }
}

/// One event that was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// 1-based line of the event's `BEGIN` (or of the offending property).
    pub line: usize,
    /// The event's UID, when it has one.
    pub uid: Option<String>,
    /// Why it was left out.
    pub reason: SkipReason,
}

/// Why an event was left out of the busy time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum SkipReason {
    /// The event has no DTSTART, so it has no time at all.
    #[error("it has no DTSTART")]
    MissingStart,
    /// The DTSTART value is not a date or date-time.
    #[error("DTSTART {value:?} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)")]
    BadStart {
        /// The value as written.
        value: String,
    },
    /// The DTEND value is not a date or date-time.
    #[error("DTEND {value:?} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)")]
    BadEnd {
        /// The value as written.
        value: String,
    },
    /// The DURATION value is not a duration.
    #[error("DURATION {value:?} is not a duration such as PT1H30M")]
    BadDuration {
        /// The value as written.
        value: String,
    },
    /// A FREEBUSY period is not `start/end` or `start/duration`.
    #[error("FREEBUSY period {value:?} is not start/end or start/duration")]
    BadPeriod {
        /// The period as written.
        value: String,
    },
}

/// Something read with a caveat; the event is imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// 1-based line the caveat is about.
    pub line: usize,
    /// The UID of the event concerned, when there is one.
    pub uid: Option<String>,
    /// What was assumed.
    pub reason: WarningReason,
}

/// What the importer assumed when the file was not quite right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum WarningReason {
    /// A TZID names no zone we know and no VTIMEZONE describes it.
    #[error("time zone {tzid:?} is unknown: its times were read in the interviewer's zone")]
    UnknownZone {
        /// The TZID as written.
        tzid: String,
    },
    /// The RRULE could not be read; only the first occurrence was imported.
    #[error("RRULE could not be read ({detail}): only the first occurrence was imported")]
    BadRule {
        /// What was wrong with it.
        detail: String,
    },
    /// Parts of an RRULE that mean nothing (`UNTL=…`) were ignored; the series is read
    /// without them (it may repeat for ever), which errs on the side of busy.
    #[error("RRULE part {part:?} is not understood and was ignored")]
    RulePartIgnored {
        /// The part as written.
        part: String,
    },
    /// A value of RDATE, EXDATE or RECURRENCE-ID could not be read and was ignored.
    #[error("{property} value {value:?} could not be read and was ignored")]
    BadValue {
        /// The property (RDATE, EXDATE, …).
        property: String,
        /// The value as written.
        value: String,
    },
    /// The event ends before it starts; it was read as ending at its start.
    #[error("the event ends before it starts: read as ending at its start")]
    EndBeforeStart,
    /// A series produced more instances than we expand before reaching the window.
    #[error(
        "the series repeats too often to expand up to the window: later occurrences were left out"
    )]
    SeriesTruncated,
    /// A line is not a property line (no colon, bad name, unclosed quote).
    #[error("this line could not be read and was ignored")]
    UnreadableLine,
    /// A component is never closed by its END line (a truncated file); it was closed
    /// at the end of the text.
    #[error("this component has no END line (truncated file?): read up to the end")]
    Unclosed,
}

/// Why a whole file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The window is empty or reversed.
    #[error("the window [{start}, {end}) is empty: its end must be after its start")]
    InvalidWindow {
        /// Requested start.
        start: DateTime<Utc>,
        /// Requested end.
        end: DateTime<Utc>,
    },
    /// No BEGIN:VCALENDAR (or VEVENT) line: this is not an iCalendar file.
    #[error("this is not an iCalendar file (no BEGIN:VCALENDAR line): export the calendar as .ics and try again")]
    NotICalendar,
    /// The calendar has no VEVENT or VFREEBUSY at all.
    #[error("the calendar has no events or free/busy periods: export the calendar that holds the interviewer's meetings")]
    NoEvents,
    /// Every event in the file was broken and skipped.
    #[error(
        "none of the {skipped} events could be read (first: {first}): fix or re-export the file"
    )]
    NothingUsable {
        /// How many events were skipped.
        skipped: usize,
        /// The first skipped event's line and reason.
        first: String,
    },
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(uid) = &self.uid {
            write!(f, " (UID {uid})")?;
        }
        write!(f, ": skipped: {}", self.reason)
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(uid) = &self.uid {
            write!(f, " (UID {uid})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Clips to the window, drops empty intervals, sorts and merges overlapping or
/// touching ones.
pub(crate) fn merge(mut raw: Vec<(DateTime<Utc>, DateTime<Utc>)>, window: Window) -> Vec<Interval> {
    raw.retain_mut(|(s, e)| {
        *s = (*s).max(window.start);
        *e = (*e).min(window.end);
        s < e
    });
    raw.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(raw.len());
    for (start, end) in raw {
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(Interval { start, end }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: i64) -> DateTime<Utc> {
        DateTime::UNIX_EPOCH + chrono::Duration::hours(h)
    }

    #[test]
    fn merge_clips_sorts_and_joins() {
        let w = Window::new(t(0), t(100)).expect("window");
        type Case<'a> = (&'a [(i64, i64)], &'a [(i64, i64)], &'a str);
        let cases: &[Case] = &[
            (&[(5, 7), (1, 3)], &[(1, 3), (5, 7)], "sorted"),
            (&[(1, 3), (3, 5)], &[(1, 5)], "touching joined"),
            (&[(1, 10), (2, 3)], &[(1, 10)], "contained"),
            (&[(-5, 2), (99, 120)], &[(0, 2), (99, 100)], "clipped"),
            (
                &[(4, 4), (200, 300), (6, 5)],
                &[],
                "empty, outside, reversed dropped",
            ),
        ];
        for (input, want, what) in cases {
            let raw = input.iter().map(|(s, e)| (t(*s), t(*e))).collect();
            let got: Vec<_> = merge(raw, w).iter().map(|i| (i.start, i.end)).collect();
            let want: Vec<_> = want.iter().map(|(s, e)| (t(*s), t(*e))).collect();
            assert_eq!(got, want, "{what}");
        }
        assert!(Window::new(t(2), t(2)).is_err(), "empty window rejected");
    }
}
