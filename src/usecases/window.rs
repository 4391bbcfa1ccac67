//! What the window asks of the core besides the records themselves: its constants (how
//! many lines a page holds, the weekdays, what a new interviewer starts with, the stages,
//! the date styles, the units of a gap), the pools the plan editor's picker offers, and
//! the text a picker writes into a plan's "who" or "after" field.
//!
//! The window fetches [`facts`] once at start, so that no number or label the core also
//! uses is written a second time in JavaScript; the pickers ask for [`phrase`] so that the
//! plan editor's small language is written by the same code that reads it back.

use super::pipeline::PAGE_SIZE;
use super::UseCaseError;
use crate::display::dates::DateStyle;
use crate::domain::plan_text::trainee_seats_text;
use crate::domain::{
    gap_text, AfterRule, Interviewer, Need, Stage, TraineeSeats, WeeklyHours, GAP_UNITS,
    OFFICE_WEEK, WEEKDAYS,
};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The minutes a new interviewer's form suggests keeping free around interviews.
pub const NEW_INTERVIEWER_BUFFER_MINUTES: u32 = 10;
/// The interviews a day a new interviewer's form suggests at most.
pub const NEW_INTERVIEWER_MAX_PER_DAY: u32 = 3;

/// A date style as Settings offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateStyleChoice {
    /// The style.
    pub id: DateStyle,
    /// The example date in it (`22/11/2026`).
    pub example: String,
    /// Its order in words (`day/month/year`).
    pub order: &'static str,
}

/// A unit a gap is written in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapUnit {
    /// Its letter in the plan editor's text (`d`, `h`, `m`).
    pub suffix: &'static str,
    /// Its length in minutes.
    pub minutes: u32,
    /// Its name (`days`).
    pub name: &'static str,
}

/// The window's constants, from the core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowFacts {
    /// Lines per page of Pipeline and People.
    pub page_size: usize,
    /// The weekdays, Monday first: `[key, name]` (`["mon", "Monday"]`).
    pub weekdays: Vec<(&'static str, &'static str)>,
    /// A new interviewer's hours, per weekday key, as the week editor shows them
    /// (`09:00-17:00`; a day off is left out).
    pub default_hours: BTreeMap<&'static str, String>,
    /// A new interviewer's buffer around interviews, in minutes.
    pub default_buffer_minutes: u32,
    /// A new interviewer's cap of interviews a day.
    pub default_max_per_day: u32,
    /// The candidates' stages in process order: `[id, name]`.
    pub stages: Vec<(&'static str, &'static str)>,
    /// The date styles Settings offers.
    pub date_styles: Vec<DateStyleChoice>,
    /// The style of the process's locale, used until the person picks one.
    pub system_date_style: DateStyle,
    /// The units of a gap in a plan, longest first.
    pub gap_units: Vec<GapUnit>,
}

/// A stage's name as the window shows it.
pub(crate) fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Applied => "Applied",
        Stage::Interviewing => "Interviewing",
        Stage::Offer => "Offer",
        Stage::Hired => "Hired",
        Stage::Closed => "Closed",
    }
}

/// The window's constants; `system_date_style` is the locale's ([`DateStyle::from_env`]).
pub fn facts(system_date_style: DateStyle) -> WindowFacts {
    let office = WeeklyHours::parse(OFFICE_WEEK).unwrap_or_default();
    WindowFacts {
        page_size: PAGE_SIZE,
        weekdays: WEEKDAYS.to_vec(),
        default_hours: WEEKDAYS
            .iter()
            .enumerate()
            .map(|(d, (key, _))| (*key, office.day_text(d)))
            .filter(|(_, text)| !text.is_empty())
            .collect(),
        default_buffer_minutes: NEW_INTERVIEWER_BUFFER_MINUTES,
        default_max_per_day: NEW_INTERVIEWER_MAX_PER_DAY,
        stages: Stage::ALL
            .iter()
            .map(|s| (s.as_str(), stage_name(*s)))
            .collect(),
        date_styles: DateStyle::ALL
            .iter()
            .map(|s| DateStyleChoice {
                id: *s,
                example: s.example(),
                order: s.order(),
            })
            .collect(),
        system_date_style,
        gap_units: GAP_UNITS
            .iter()
            .map(|(suffix, minutes, name)| GapUnit {
                suffix,
                minutes: *minutes,
                name,
            })
            .collect(),
    }
}

/// Every pool some stored interviewer is in, sorted, each once: what the plan editor's
/// "who" picker offers.
pub fn pools(store: &Store) -> Result<Vec<String>, UseCaseError> {
    let all: BTreeSet<String> = store
        .all::<Interviewer>()?
        .into_iter()
        .flat_map(|i| i.pools)
        .collect();
    Ok(all.into_iter().collect())
}

/// What a plan editor's picker adds to a round.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanPiece {
    /// Who sits in it: a number from a pool, or one person (the "who" field).
    Need(Need),
    /// A round it follows, with the least (and largest) gap (the "after" field).
    After(AfterRule),
    /// Seats for trainees of a pool (the "who" field, after the needs:
    /// `+1 trainee from backend`).
    Trainee(TraineeSeats),
}

/// Why a picker's choice cannot be written into a plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhraseError {
    /// No pool was chosen.
    #[error("choose a pool")]
    NoPool,
    /// Nobody from the pool.
    #[error("how many: choose 1 or more")]
    NoOne,
    /// A pool name the plan's text cannot hold.
    #[error(
        "the pool \u{201c}{0}\u{201d} cannot be written in a plan: a pool's name has no ',' or '@' and does not start with '+'"
    )]
    BadPool(String),
    /// A largest gap shorter than the least.
    #[error("the largest gap ({max}) is shorter than the least ({min}): make it longer, or leave it empty")]
    GapsReversed {
        /// The least gap, as written (`4h`).
        min: String,
        /// The largest gap, as written (`1m`).
        max: String,
    },
}

/// The text `piece` adds to its field, exactly as the plan's reader reads it back
/// (`2 from backend`, `@ivr-003`, `+1 trainee from backend`, `technical 15m-4h`);
/// refused when it could not be part of a valid plan.
pub fn phrase(piece: &PlanPiece) -> Result<String, PhraseError> {
    match piece {
        PlanPiece::Need(Need::Pool { pool, count }) => Ok(Need::Pool {
            pool: pool_of_phrase(pool, *count)?,
            count: *count,
        }
        .to_string()),
        PlanPiece::Need(need) => Ok(need.to_string()),
        PlanPiece::Trainee(seats) => Ok(trainee_seats_text(&TraineeSeats {
            pool: pool_of_phrase(&seats.pool, seats.count)?,
            count: seats.count,
        })),
        PlanPiece::After(rule) => match rule.max_gap_minutes {
            Some(max) if max < rule.min_gap_minutes => Err(PhraseError::GapsReversed {
                min: gap_text(rule.min_gap_minutes),
                max: gap_text(max),
            }),
            _ => Ok(rule.to_string()),
        },
    }
}

/// The pool of a picked need or trainee seat, trimmed: refused when none was chosen,
/// nobody is asked from it, or its name could not be read back from a plan's text.
fn pool_of_phrase(pool: &str, count: u32) -> Result<String, PhraseError> {
    let pool = pool.trim();
    if pool.is_empty() {
        return Err(PhraseError::NoPool);
    }
    if count == 0 {
        return Err(PhraseError::NoOne);
    }
    if pool.contains([',', '@']) || pool.starts_with('+') {
        return Err(PhraseError::BadPool(pool.to_string()));
    }
    Ok(pool.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan_text::{parse_needs, parse_trainee_seats};

    #[test]
    fn facts_come_from_the_core_constants() {
        let f = facts(DateStyle::DayMonthYearDots);
        assert_eq!(f.page_size, PAGE_SIZE);
        assert_eq!(f.weekdays.len(), 7);
        assert_eq!(f.weekdays[4], ("fri", "Friday"));
        assert_eq!(f.default_hours.len(), 5, "Monday to Friday");
        assert_eq!(
            f.default_hours.get("mon").map(String::as_str),
            Some("09:00-17:00")
        );
        assert!(!f.default_hours.contains_key("sat"));
        assert_eq!(f.stages[0], ("applied", "Applied"));
        assert_eq!(f.stages.len(), Stage::ALL.len());
        let json = serde_json::to_value(&f).expect("serialises");
        assert_eq!(json["system_date_style"], "dmy-dots");
        assert_eq!(json["date_styles"][0]["id"], "dmy");
        assert_eq!(json["date_styles"][0]["example"], "22/11/2026");
        assert_eq!(json["weekdays"][0][1], "Monday");
        assert_eq!(json["gap_units"][0]["suffix"], "d");
    }

    #[test]
    fn pickers_write_what_the_plan_reader_reads() {
        let piece = |json: &str| -> PlanPiece { serde_json::from_str(json).expect(json) };
        assert_eq!(
            phrase(&piece(
                r#"{"need": {"pool": {"pool": " backend ", "count": 2}}}"#
            )),
            Ok("2 from backend".to_string())
        );
        assert_eq!(
            phrase(&piece(r#"{"need": {"person": "ivr-003"}}"#)),
            Ok("@ivr-003".to_string())
        );
        assert_eq!(
            phrase(&piece(
                r#"{"after": {"round": "technical", "min_gap_minutes": 15, "max_gap_minutes": 240}}"#
            )),
            Ok("technical 15m-4h".to_string())
        );
        assert_eq!(
            phrase(&piece(
                r#"{"after": {"round": "screen", "min_gap_minutes": 1440}}"#
            )),
            Ok("screen 1d".to_string())
        );
        for (bad, why) in [
            (
                r#"{"need": {"pool": {"pool": "backend", "count": 0}}}"#,
                PhraseError::NoOne,
            ),
            (
                r#"{"need": {"pool": {"pool": "  ", "count": 1}}}"#,
                PhraseError::NoPool,
            ),
            (
                r#"{"need": {"pool": {"pool": "a, b", "count": 1}}}"#,
                PhraseError::BadPool("a, b".into()),
            ),
            (
                r#"{"after": {"round": "screen", "min_gap_minutes": 240, "max_gap_minutes": 1}}"#,
                PhraseError::GapsReversed {
                    min: "4h".into(),
                    max: "1m".into(),
                },
            ),
        ] {
            assert_eq!(phrase(&piece(bad)), Err(why), "{bad} is refused");
        }
        assert!(
            serde_json::from_str::<PlanPiece>(r#"{"need": {"person": "not an id!"}}"#).is_err(),
            "ids are checked as they are read"
        );
    }

    #[test]
    fn the_trainee_picker_writes_seats_the_plan_reader_reads_back() {
        let piece = |json: &str| -> PlanPiece { serde_json::from_str(json).expect(json) };
        for (json, text, count) in [
            (
                r#"{"trainee": {"pool": "backend", "count": 1}}"#,
                "+1 trainee from backend",
                1,
            ),
            (
                r#"{"trainee": {"pool": " design ", "count": 2}}"#,
                "+2 trainees from design",
                2,
            ),
        ] {
            let written = phrase(&piece(json)).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(written, text, "{json} is written as the grammar's text");
            // The picker appends to the "who" field after the needs; the plan's reader
            // takes the needs and the seats apart again.
            let field = format!("2 from backend, {written}");
            let seats = parse_trainee_seats(&field, "who").expect("the seats read back");
            let pool = text.rsplit(' ').next().unwrap_or_default();
            assert_eq!(
                seats,
                [TraineeSeats {
                    pool: pool.into(),
                    count
                }],
                "{field}: the seats as picked"
            );
            assert_eq!(
                parse_needs(&field, "who").expect("the needs read back"),
                [Need::Pool {
                    pool: "backend".into(),
                    count: 2
                }],
                "{field}: the seats are not needs"
            );
        }
        for (bad, why) in [
            (
                r#"{"trainee": {"pool": "backend", "count": 0}}"#,
                PhraseError::NoOne,
            ),
            (
                r#"{"trainee": {"pool": "", "count": 1}}"#,
                PhraseError::NoPool,
            ),
            (
                r#"{"trainee": {"pool": "+backend", "count": 1}}"#,
                PhraseError::BadPool("+backend".into()),
            ),
        ] {
            assert_eq!(phrase(&piece(bad)), Err(why), "{bad} is refused");
        }
    }
}
