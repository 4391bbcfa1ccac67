//! Calendar dates as a person reads and types them: `22/11/2026` in London, `22.11.2026`
//! in Berlin, `2026-11-22` in Tokyo or Stockholm, `11/22/2026` in New York.
//!
//! The window's date fields show and read their text here, in a [`DateStyle`] chosen by
//! the person (or taken from the locale of the process, [`DateStyle::from_env`]), so that
//! neither the web view's locale nor JavaScript decides what `03/04/2026` means. A
//! [`Month`] is the picker beside each field: the weeks of a month, Monday first, each
//! day with its text in the chosen style.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// An order and separator of day, month and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateStyle {
    /// `2026-11-22` (ISO 8601): year first, unambiguous; East Asia, Scandinavia, and any
    /// locale we do not know.
    #[serde(rename = "ymd")]
    YearMonthDay,
    /// `22/11/2026`: day first with slashes (United Kingdom, France, Spain, India, ...).
    #[serde(rename = "dmy")]
    DayMonthYear,
    /// `22.11.2026`: day first with dots (Germany, Switzerland, Poland, Russia, ...).
    #[serde(rename = "dmy-dots")]
    DayMonthYearDots,
    /// `11/22/2026`: month first (United States and a few others).
    #[serde(rename = "mdy")]
    MonthDayYear,
}

/// Why a date field's text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateTextError {
    /// Nothing was typed.
    #[error("enter a day, like {example}")]
    Empty {
        /// The example date in the field's style.
        example: String,
    },
    /// Not three numbers (day, month, year with four digits) in the style's order.
    #[error("\u{201c}{text}\u{201d} is not a date: write it like {example}, or pick the day in the calendar")]
    NotADate {
        /// What was typed.
        text: String,
        /// The example date in the field's style.
        example: String,
    },
    /// Three numbers in order, but no such day (the 31st of a 30-day month, month 13).
    #[error("\u{201c}{text}\u{201d} is not a day of the calendar ({order}); pick the day in the calendar")]
    NoSuchDay {
        /// What was typed.
        text: String,
        /// How the style orders the numbers (`day/month/year`).
        order: &'static str,
    },
}

/// The date every example shows: its day is above 12, so the order can be read from it.
const EXAMPLE: (i32, u32, u32) = (2026, 11, 22);

/// Territories (ISO 3166) that write the month first.
const MONTH_FIRST: [&str; 12] = [
    "US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI", "BZ",
];
/// Territories that write the year first.
const YEAR_FIRST: [&str; 16] = [
    "CN", "JP", "KR", "KP", "TW", "HK", "MO", "MN", "HU", "LT", "SE", "IR", "CA", "ZA", "BT", "NP",
];
/// Languages that write the year first wherever they are spoken.
const YEAR_FIRST_LANGUAGES: [&str; 6] = ["zh", "ja", "ko", "hu", "lt", "mn"];
/// Languages that write the day first with dots.
const DOTS_LANGUAGES: [&str; 20] = [
    "de", "pl", "ru", "cs", "sk", "fi", "nb", "nn", "no", "da", "tr", "uk", "ro", "hr", "sl", "sr",
    "bg", "et", "lv", "be",
];

impl DateStyle {
    /// Every style, in the order Settings lists them.
    pub const ALL: [DateStyle; 4] = [
        DateStyle::DayMonthYear,
        DateStyle::DayMonthYearDots,
        DateStyle::YearMonthDay,
        DateStyle::MonthDayYear,
    ];

    /// The style's id, as Settings stores it (`dmy`, `dmy-dots`, `ymd`, `mdy`).
    pub fn id(self) -> &'static str {
        match self {
            DateStyle::YearMonthDay => "ymd",
            DateStyle::DayMonthYear => "dmy",
            DateStyle::DayMonthYearDots => "dmy-dots",
            DateStyle::MonthDayYear => "mdy",
        }
    }

    /// The style with id `id`.
    pub fn from_id(id: &str) -> Option<DateStyle> {
        DateStyle::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The order of the numbers in words (`day/month/year`).
    pub fn order(self) -> &'static str {
        match self {
            DateStyle::YearMonthDay => "year-month-day",
            DateStyle::DayMonthYear => "day/month/year",
            DateStyle::DayMonthYearDots => "day.month.year",
            DateStyle::MonthDayYear => "month/day/year",
        }
    }

    /// The style of a POSIX locale name (`de_DE.UTF-8`, `en_US`, `ja_JP.eucJP`, `fr`):
    /// by its territory when it has one, else by its language; `C`, `POSIX` and unknown
    /// locales get the unambiguous year-first style.
    pub fn for_locale(locale: &str) -> DateStyle {
        let name = locale.split(['.', '@']).next().unwrap_or_default();
        let (language, territory) = match name.split_once(['_', '-']) {
            Some((l, t)) => (l.to_ascii_lowercase(), Some(t.to_ascii_uppercase())),
            None => (name.to_ascii_lowercase(), None),
        };
        if language.is_empty() || language == "c" || language == "posix" {
            return DateStyle::YearMonthDay;
        }
        if let Some(t) = territory.as_deref() {
            if MONTH_FIRST.contains(&t) {
                return DateStyle::MonthDayYear;
            }
            if YEAR_FIRST.contains(&t) {
                return DateStyle::YearMonthDay;
            }
        }
        if YEAR_FIRST_LANGUAGES.contains(&language.as_str()) {
            DateStyle::YearMonthDay
        } else if DOTS_LANGUAGES.contains(&language.as_str()) {
            DateStyle::DayMonthYearDots
        } else if language == "en" && territory.is_none() {
            // Plain `en` says nothing of where: year first reads the same everywhere.
            DateStyle::YearMonthDay
        } else {
            DateStyle::DayMonthYear
        }
    }

    /// The style of the process's locale for dates: the first of `LC_ALL`, `LC_TIME`,
    /// `LANG` that is set (POSIX precedence), read through `var` (the shell passes the
    /// environment; tests pass what they like).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> DateStyle {
        ["LC_ALL", "LC_TIME", "LANG"]
            .into_iter()
            .find_map(|k| var(k).filter(|v| !v.trim().is_empty()))
            .map_or(DateStyle::YearMonthDay, |l| DateStyle::for_locale(&l))
    }

    /// `date` in this style.
    pub fn format(self, date: NaiveDate) -> String {
        let (y, m, d) = (date.year(), date.month(), date.day());
        match self {
            DateStyle::YearMonthDay => format!("{y:04}-{m:02}-{d:02}"),
            DateStyle::DayMonthYear => format!("{d:02}/{m:02}/{y:04}"),
            DateStyle::DayMonthYearDots => format!("{d:02}.{m:02}.{y:04}"),
            DateStyle::MonthDayYear => format!("{m:02}/{d:02}/{y:04}"),
        }
    }

    /// The style's example date (`22/11/2026`), for placeholders and messages.
    pub fn example(self) -> String {
        let (y, m, d) = EXAMPLE;
        NaiveDate::from_ymd_opt(y, m, d).map_or_else(String::new, |e| self.format(e))
    }

    /// Reads a date typed in this style. The separators may be any of `/ . - ,` or
    /// spaces, leading zeros may be left out, and a date starting with a four-digit year
    /// is read year-month-day whatever the style (ISO 8601 is understood everywhere).
    pub fn parse(self, text: &str) -> Result<NaiveDate, DateTextError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DateTextError::Empty {
                example: self.example(),
            });
        }
        let not_a_date = || DateTextError::NotADate {
            text: text.to_string(),
            example: self.example(),
        };
        if !text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | ',' | ' '))
        {
            return Err(not_a_date());
        }
        let parts: Vec<&str> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .collect();
        let [a, b, c] = parts[..] else {
            return Err(not_a_date());
        };
        let (year, month, day, order) = if a.len() == 4 {
            (a, b, c, DateStyle::YearMonthDay.order())
        } else {
            match self {
                DateStyle::YearMonthDay => return Err(not_a_date()),
                DateStyle::DayMonthYear | DateStyle::DayMonthYearDots => (c, b, a, self.order()),
                DateStyle::MonthDayYear => (c, a, b, self.order()),
            }
        };
        if year.len() != 4 || month.len() > 2 || day.len() > 2 {
            return Err(not_a_date());
        }
        let num = |s: &str| s.parse::<u32>().map_err(|_| not_a_date());
        let year = i32::try_from(num(year)?).map_err(|_| not_a_date())?;
        NaiveDate::from_ymd_opt(year, num(month)?, num(day)?).ok_or_else(|| {
            DateTextError::NoSuchDay {
                text: text.to_string(),
                order,
            }
        })
    }
}

/// A date as a field holds it: the date itself (`YYYY-MM-DD` in JSON, what the commands
/// take) and its text in the field's style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateText {
    /// The date.
    pub date: NaiveDate,
    /// The date in the style.
    pub text: String,
}

/// Reads `text` in `style` and gives the date with its text written back in the style
/// (`1.3.2026` becomes `01.03.2026`).
pub fn read(text: &str, style: DateStyle) -> Result<DateText, DateTextError> {
    let date = style.parse(text)?;
    Ok(DateText {
        date,
        text: style.format(date),
    })
}

/// A day cell of the picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthDay {
    /// The date.
    pub date: NaiveDate,
    /// Its day of the month (`22`), the cell's text.
    pub day: u32,
    /// The date in the style, what the field shows once it is picked.
    pub text: String,
    /// The date in words for screen readers (`Sunday 22 November 2026`).
    pub label: String,
    /// False for the days of the weeks' ends that belong to the months around.
    pub in_month: bool,
    /// The field's date.
    pub chosen: bool,
    /// Today.
    pub today: bool,
}

/// A month as the picker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Month {
    /// `November 2026`.
    pub title: String,
    /// The weekdays' short names, Monday first (`Mon` … `Sun`).
    pub weekdays: Vec<String>,
    /// The weeks (Monday to Sunday) that hold a day of the month.
    pub weeks: Vec<Vec<MonthDay>>,
    /// The first day of the month before, to show it.
    pub previous: NaiveDate,
    /// The first day of the month after.
    pub next: NaiveDate,
}

/// The first day of the month `months` after (or before) the month of `d`.
fn month_start(d: NaiveDate, months: i32) -> NaiveDate {
    let index = d.year() * 12 + d.month0() as i32 + months;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

/// The picker's month holding `shown` (the chosen date's, else today's when `None`),
/// with `chosen` and `today` marked and every day's text in `style`.
pub fn month(
    shown: Option<NaiveDate>,
    chosen: Option<NaiveDate>,
    today: NaiveDate,
    style: DateStyle,
) -> Month {
    let first = month_start(shown.or(chosen).unwrap_or(today), 0);
    let next = month_start(first, 1);
    let mut day = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let mut weeks = Vec::new();
    while day < next {
        let week = (0..7)
            .map(|k| {
                let d = day + Duration::days(k);
                MonthDay {
                    date: d,
                    day: d.day(),
                    text: style.format(d),
                    label: d.format("%A %-d %B %Y").to_string(),
                    in_month: d.month() == first.month(),
                    chosen: Some(d) == chosen,
                    today: d == today,
                }
            })
            .collect();
        weeks.push(week);
        day += Duration::days(7);
    }
    Month {
        title: first.format("%B %Y").to_string(),
        weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .map(str::to_string)
            .to_vec(),
        weeks,
        previous: month_start(first, -1),
        next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn locales_pick_the_style_people_there_write() {
        for (locale, style) in [
            ("en_US.UTF-8", DateStyle::MonthDayYear),
            ("en_GB.UTF-8", DateStyle::DayMonthYear),
            ("en_IN", DateStyle::DayMonthYear),
            ("fr_FR.UTF-8", DateStyle::DayMonthYear),
            ("de_DE.UTF-8", DateStyle::DayMonthYearDots),
            ("de_CH@euro", DateStyle::DayMonthYearDots),
            ("ja_JP.eucJP", DateStyle::YearMonthDay),
            ("zh_SG", DateStyle::YearMonthDay),
            ("sv_SE", DateStyle::YearMonthDay),
            ("es_US", DateStyle::MonthDayYear),
            ("pt-BR", DateStyle::DayMonthYear),
            ("C.UTF-8", DateStyle::YearMonthDay),
            ("POSIX", DateStyle::YearMonthDay),
            ("en", DateStyle::YearMonthDay),
            ("", DateStyle::YearMonthDay),
        ] {
            assert_eq!(DateStyle::for_locale(locale), style, "{locale:?}");
        }
    }

    #[test]
    fn the_environment_is_read_in_posix_order() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            DateStyle::from_env(env(&[("LANG", "en_US.UTF-8"), ("LC_TIME", "de_DE.UTF-8")])),
            DateStyle::DayMonthYearDots,
            "LC_TIME before LANG"
        );
        assert_eq!(
            DateStyle::from_env(env(&[("LC_ALL", "en_GB"), ("LC_TIME", "en_US")])),
            DateStyle::DayMonthYear,
            "LC_ALL before all"
        );
        assert_eq!(
            DateStyle::from_env(env(&[("LC_ALL", " "), ("LANG", "en_US")])),
            DateStyle::MonthDayYear,
            "an empty variable is unset"
        );
        assert_eq!(DateStyle::from_env(env(&[])), DateStyle::YearMonthDay);
    }

    #[test]
    fn each_style_writes_and_reads_its_own_text() {
        let d = day(2026, 3, 4);
        for (style, text) in [
            (DateStyle::YearMonthDay, "2026-03-04"),
            (DateStyle::DayMonthYear, "04/03/2026"),
            (DateStyle::DayMonthYearDots, "04.03.2026"),
            (DateStyle::MonthDayYear, "03/04/2026"),
        ] {
            assert_eq!(style.format(d), text);
            assert_eq!(style.parse(text), Ok(d), "{text} in {style:?}");
            assert_eq!(style.parse("2026-03-04"), Ok(d), "ISO is read in {style:?}");
            assert_eq!(
                read(&format!("  {text} "), style).map(|t| t.text),
                Ok(text.to_string())
            );
        }
        assert_eq!(DateStyle::DayMonthYearDots.parse("4.3.2026."), Ok(d));
        assert_eq!(DateStyle::DayMonthYear.parse("4 3 2026"), Ok(d));
        assert_eq!(DateStyle::MonthDayYear.parse("3-4-2026"), Ok(d));
        assert_eq!(
            read("1.3.2026", DateStyle::DayMonthYearDots).map(|t| t.text),
            Ok("01.03.2026".to_string()),
            "written back in full"
        );
    }

    #[test]
    fn what_is_not_a_date_is_refused_with_an_example() {
        let dmy = DateStyle::DayMonthYear;
        for text in [
            "tomorrow",
            "22/11",
            "22/11/26",
            "22/11/2026/1",
            "122/11/2026",
            "2026/11",
        ] {
            let err = dmy.parse(text).expect_err(text);
            assert!(
                matches!(&err, DateTextError::NotADate { example, .. } if example == "22/11/2026"),
                "{text}: {err}"
            );
        }
        assert!(matches!(
            DateStyle::YearMonthDay.parse("22/11/2026"),
            Err(DateTextError::NotADate { .. })
        ));
        let err = dmy.parse("31/04/2026").expect_err("April has 30 days");
        assert_eq!(
            err.to_string(),
            "\u{201c}31/04/2026\u{201d} is not a day of the calendar (day/month/year); pick the day in the calendar"
        );
        assert!(matches!(
            DateStyle::MonthDayYear.parse("22/11/2026"),
            Err(DateTextError::NoSuchDay { .. })
        ));
        assert!(matches!(dmy.parse("  "), Err(DateTextError::Empty { .. })));
    }

    #[test]
    fn a_month_is_whole_weeks_from_monday_with_the_days_marked() {
        // November 2026 starts on a Sunday and ends on a Monday: six weeks.
        let m = month(
            None,
            Some(day(2026, 11, 22)),
            day(2026, 11, 3),
            DateStyle::DayMonthYearDots,
        );
        assert_eq!(m.title, "November 2026");
        assert_eq!(m.weekdays.first().map(String::as_str), Some("Mon"));
        assert_eq!(m.weeks.len(), 6);
        assert_eq!(m.weeks[0][0].date, day(2026, 10, 26));
        assert!(!m.weeks[0][0].in_month);
        assert_eq!(m.weeks[0][6].date, day(2026, 11, 1));
        assert!(m.weeks[0][6].in_month);
        assert_eq!(m.weeks[5][0].date, day(2026, 11, 30));
        let chosen: Vec<_> = m.weeks.iter().flatten().filter(|d| d.chosen).collect();
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].text, "22.11.2026");
        assert_eq!(chosen[0].label, "Sunday 22 November 2026");
        assert_eq!(m.weeks.iter().flatten().filter(|d| d.today).count(), 1);
        assert_eq!(m.previous, day(2026, 10, 1));
        assert_eq!(m.next, day(2026, 12, 1));
        // Across a year's end, and today's month when nothing is chosen.
        let jan = month(
            Some(day(2027, 1, 1)),
            None,
            day(2026, 11, 3),
            DateStyle::YearMonthDay,
        );
        assert_eq!(jan.previous, day(2026, 12, 1));
        assert_eq!(jan.next, day(2027, 2, 1));
        let now = month(None, None, day(2021, 2, 10), DateStyle::YearMonthDay);
        assert_eq!(now.title, "February 2021");
        assert_eq!(now.weeks.len(), 4, "February 2021 is four whole weeks");
    }
}
