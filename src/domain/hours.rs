//! Weekly working hours: wall-clock windows per local weekday, read in the person's zone
//! (the engine turns them into instants date by date, across DST changes).
//!
//! One grammar for a day's windows, as people type them in the window and on the command
//! line: `09:00-12:30, 13:30-17:30` ([`HoursWindow::parse_list`]). The window's weekly
//! editor gives it per day ([`WeeklyHours::from_days`]); the command line prefixes it with
//! days, `mon-fri 09:00-12:00, 13:00-17:30; sat 10:00-12:00` ([`WeeklyHours::parse`]).

use super::DomainError;
use crate::problem::WorkingHoursDoc;
use crate::zone::WallTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The weekdays, Monday first: the key the request format uses and the name people read.
pub const WEEKDAYS: [(&str, &str); 7] = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
];

/// An office week, what a new interviewer's hours start as: Monday to Friday, 09:00 to
/// 17:00 in their zone.
pub const OFFICE_WEEK: &str = "mon-fri 09:00-17:00";

/// One working window `[start, end)` on a local date's wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoursWindow {
    /// Opening time.
    pub start: WallTime,
    /// Closing time (`24:00` allowed), not before `start`.
    pub end: WallTime,
}

impl HoursWindow {
    /// Reads a day's windows as a person types them: `09:00-12:30, 13:30-17:30` (24-hour
    /// clock, `24:00` allowed as an end, `–` as well as `-`); empty text is a day off.
    /// Errors name `field` (the day) and show the expected form.
    pub fn parse_list(text: &str, field: &str) -> Result<Vec<HoursWindow>, DomainError> {
        let bad = |message: String| DomainError::BadHours {
            field: field.to_string(),
            message,
        };
        let mut out = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let not_a_range = || {
                bad(format!(
                    "\u{201c}{part}\u{201d} is not a time range: write it like 09:00-17:00 (24-hour clock; several ranges separated by commas; nothing for a day off)"
                ))
            };
            let (a, b) = part
                .split_once(['-', '–'])
                .map(|(a, b)| (a.trim(), b.trim()))
                .ok_or_else(not_a_range)?;
            let w = HoursWindow {
                start: WallTime::parse(a, false).ok_or_else(not_a_range)?,
                end: WallTime::parse(b, true).ok_or_else(not_a_range)?,
            };
            if w.end < w.start {
                return Err(bad(format!(
                    "{a}-{b} ends before it starts: put the earlier time first"
                )));
            }
            if w.end == w.start {
                return Err(bad(format!(
                    "{a}-{b} is empty: put the closing time after the opening"
                )));
            }
            out.push(w);
        }
        Ok(out)
    }

    /// `windows` as [`HoursWindow::parse_list`] reads them (`09:00-12:30, 13:30-17:30`).
    pub fn list_text(windows: &[HoursWindow]) -> String {
        windows
            .iter()
            .map(|w| format!("{}-{}", w.start, w.end))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Working windows per weekday, Monday first; an empty day is a day off.
///
/// In JSON it has the shape of `working_hours` in `rondo-problem/1`
/// (`{"mon": [["09:00", "17:30"]], ...}`), so it passes to the engine unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "WorkingHoursDoc", into = "WorkingHoursDoc")]
pub struct WeeklyHours {
    days: [Vec<HoursWindow>; 7],
}

impl WeeklyHours {
    /// The windows of weekday `day` (0 = Monday .. 6 = Sunday).
    pub fn day(&self, day: usize) -> &[HoursWindow] {
        self.days.get(day).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The same `windows` on each of `days` (0 = Monday).
    pub fn uniform(days: &[usize], windows: &[HoursWindow]) -> WeeklyHours {
        let mut out = WeeklyHours::default();
        for &d in days {
            if let Some(slot) = out.days.get_mut(d) {
                slot.extend_from_slice(windows);
            }
        }
        out
    }

    /// Reads the command-line form: `;`-separated groups of days and a day's windows,
    /// e.g. `mon-fri 09:00-12:00, 13:00-17:30; sat 10:00-12:00`.
    pub fn parse(text: &str) -> Result<WeeklyHours, DomainError> {
        let bad = |message: String| DomainError::BadHours {
            field: "working hours".into(),
            message,
        };
        let mut out = WeeklyHours::default();
        for group in text.split(';').map(str::trim).filter(|g| !g.is_empty()) {
            let (days, windows) = group.split_once(' ').ok_or_else(|| {
                bad(format!(
                    "{group:?}: write days then windows, e.g. \"mon-fri 09:00-17:00\""
                ))
            })?;
            let day_list = parse_days(days.trim()).ok_or_else(|| {
                bad(format!(
                    "{days:?} is not a day or range of days (mon, tue, ..., sun; mon-fri)"
                ))
            })?;
            let list = HoursWindow::parse_list(windows, &format!("working hours {days}"))?;
            for d in day_list {
                out.days[d].extend_from_slice(&list);
            }
        }
        Ok(out)
    }

    /// Reads the window's weekly editor: a day's windows per weekday (`mon` … `sun`, as
    /// [`HoursWindow::parse_list`] reads them); a day absent or empty is a day off.
    /// Errors name the day (`Monday: …`).
    pub fn from_days(days: &BTreeMap<String, String>) -> Result<WeeklyHours, DomainError> {
        let mut out = WeeklyHours::default();
        for (d, (day, label)) in WEEKDAYS.iter().enumerate() {
            if let Some(text) = days.get(*day) {
                out.days[d] = HoursWindow::parse_list(text, label)?;
            }
        }
        Ok(out)
    }

    /// The windows of weekday `day` (0 = Monday) as the weekly editor shows them.
    pub fn day_text(&self, day: usize) -> String {
        HoursWindow::list_text(self.day(day))
    }

    /// True when no day has working hours.
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }
}

fn parse_days(text: &str) -> Option<Vec<usize>> {
    let pos = |d: &str| WEEKDAYS.iter().position(|(x, _)| x.eq_ignore_ascii_case(d));
    match text.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (pos(a)?, pos(b)?);
            (a <= b).then(|| (a..=b).collect())
        }
        None => Some(vec![pos(text)?]),
    }
}

fn window(a: &str, b: &str) -> Result<HoursWindow, String> {
    let start = WallTime::parse(a, false)
        .ok_or_else(|| format!("{a:?} is not a wall time HH:MM from 00:00 to 23:59"))?;
    let end = WallTime::parse(b, true)
        .ok_or_else(|| format!("{b:?} is not a wall time HH:MM from 00:00 to 24:00"))?;
    if end < start {
        return Err(format!("the window {a}-{b} ends before it starts"));
    }
    Ok(HoursWindow { start, end })
}

impl TryFrom<WorkingHoursDoc> for WeeklyHours {
    type Error = DomainError;
    fn try_from(doc: WorkingHoursDoc) -> Result<Self, DomainError> {
        let mut out = WeeklyHours::default();
        for (day, windows) in doc {
            let d = WEEKDAYS
                .iter()
                .position(|(x, _)| *x == day)
                .ok_or_else(|| DomainError::BadHours {
                    field: "working_hours".into(),
                    message: format!("unknown weekday {day:?} (use mon, tue, ..., sun)"),
                })?;
            for [a, b] in windows {
                out.days[d].push(window(&a, &b).map_err(|message| DomainError::BadHours {
                    field: format!("working_hours.{day}"),
                    message,
                })?);
            }
        }
        Ok(out)
    }
}

impl From<WeeklyHours> for WorkingHoursDoc {
    fn from(h: WeeklyHours) -> WorkingHoursDoc {
        let mut doc = WorkingHoursDoc::new();
        for (d, windows) in h.days.iter().enumerate() {
            if !windows.is_empty() {
                doc.insert(
                    WEEKDAYS[d].0.to_string(),
                    windows
                        .iter()
                        .map(|w| [w.start.to_string(), w.end.to_string()])
                        .collect(),
                );
            }
        }
        doc
    }
}

impl std::fmt::Display for WeeklyHours {
    /// The command-line form, one group per day (`mon 09:00-17:00; tue ...`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for (d, windows) in self.days.iter().enumerate() {
            if windows.is_empty() {
                continue;
            }
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            write!(f, "{} {}", WEEKDAYS[d].0, HoursWindow::list_text(windows))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_hours_parse_and_print_back() {
        let cases = [
            ("mon-fri 09:00-17:00", Some("mon 09:00-17:00; tue 09:00-17:00; wed 09:00-17:00; thu 09:00-17:00; fri 09:00-17:00")),
            ("mon 09:00-12:00,13:00-24:00; sun 10:00-11:00", Some("mon 09:00-12:00, 13:00-24:00; sun 10:00-11:00")),
            ("mon-tue 09:00-12:30, 13:30 – 17:30", Some("mon 09:00-12:30, 13:30-17:30; tue 09:00-12:30, 13:30-17:30")),
            ("mon 10:00-10:00", None),
            ("fri-mon 09:00-17:00", None),
            ("mon 17:00-09:00", None),
            ("mon 9-5", None),
            ("funday 09:00-10:00", None),
        ];
        for (text, want) in cases {
            let got = WeeklyHours::parse(text).ok().map(|h| h.to_string());
            assert_eq!(got.as_deref(), want, "hours {text:?}");
        }
    }

    #[test]
    fn the_weekly_editor_reads_the_same_windows_and_names_the_day() {
        let days: BTreeMap<String, String> = [
            ("mon", "09:00-12:30, 13:30-17:30"),
            ("tue", ""),
            ("fri", "08:00–16:00"),
        ]
        .iter()
        .map(|(d, t)| (d.to_string(), t.to_string()))
        .collect();
        let h = WeeklyHours::from_days(&days).expect("valid");
        assert_eq!(
            h,
            WeeklyHours::parse("mon 09:00-12:30,13:30-17:30; fri 08:00-16:00").expect("valid"),
            "the command line and the editor read the same hours"
        );
        assert_eq!(h.day_text(0), "09:00-12:30, 13:30-17:30", "shown as typed");
        assert_eq!(h.day_text(1), "", "a day off is empty");
        for (text, says) in [
            (
                "9 to 5",
                "Wednesday: \u{201c}9 to 5\u{201d} is not a time range",
            ),
            (
                "17:00-09:00",
                "Wednesday: 17:00-09:00 ends before it starts",
            ),
        ] {
            let days = BTreeMap::from([("wed".to_string(), text.to_string())]);
            let err = WeeklyHours::from_days(&days).expect_err(text).to_string();
            assert!(err.starts_with(says), "{text}: {err}");
        }
    }

    #[test]
    fn the_office_week_is_monday_to_friday_nine_to_five() {
        let week = WeeklyHours::parse(OFFICE_WEEK).expect("the office week parses");
        let texts: Vec<String> = (0..7).map(|d| week.day_text(d)).collect();
        assert_eq!(
            texts,
            [
                "09:00-17:00",
                "09:00-17:00",
                "09:00-17:00",
                "09:00-17:00",
                "09:00-17:00",
                "",
                ""
            ]
        );
        let split = WeeklyHours::parse("tue 09:00-12:30,13:30-17:30").expect("valid");
        assert_eq!(split.day_text(1), "09:00-12:30, 13:30-17:30");
    }

    #[test]
    fn json_form_is_the_problem_format() {
        let h = WeeklyHours::parse("tue 08:30-16:00").expect("valid");
        let json = serde_json::to_string(&h).expect("serialises");
        assert_eq!(
            json, r#"{"tue":[["08:30","16:00"]]}"#,
            "problem-format shape"
        );
        let back: WeeklyHours = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, h, "round trip");
        assert!(
            serde_json::from_str::<WeeklyHours>(r#"{"tue":[["16:00","08:30"]]}"#).is_err(),
            "a backwards window is refused"
        );
    }
}
