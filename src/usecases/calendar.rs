//! Calendar imports: the busy blocks read from one of an interviewer's calendars replace
//! whatever that calendar said before, in one write, leaving their other calendars alone.

use super::UseCaseError;
use crate::domain::{CalendarSource, Interviewer, InterviewerId, SourceId};
use crate::interval::{Interval, IntervalSet};
use chrono::{DateTime, Utc};

/// Replaces the busy blocks of `interviewer`'s calendar `source` (added if new) by
/// `busy` (any order; overlapping blocks are joined), noting `location` and `now` as
/// where and when it was imported. Returns the interviewer as stored.
pub fn import_calendar(
    store: &crate::store::Store,
    interviewer: &InterviewerId,
    source: &SourceId,
    location: &str,
    busy: Vec<Interval>,
    now: DateTime<Utc>,
) -> Result<Interviewer, UseCaseError> {
    let blocks: Vec<Interval> = IntervalSet::from_intervals(busy).intervals().to_vec();
    store.update(interviewer.as_str(), |mut i: Interviewer| {
        match i.calendars.iter_mut().find(|c| &c.id == source) {
            Some(c) => {
                c.busy = blocks.clone();
                c.imported_at = Some(now);
                c.location = location.to_string();
            }
            None => i.calendars.push(CalendarSource {
                id: source.clone(),
                location: location.to_string(),
                imported_at: Some(now),
                busy: blocks.clone(),
            }),
        }
        i.validate()?;
        Ok::<_, UseCaseError>(i)
    })
}

/// Reads an `.ics` calendar (`text`) for `interviewer` in their zone, with their
/// all-day-events setting, over `window`, and replaces what calendar `source` said
/// before with its busy time. Returns the interviewer as stored and the import's report
/// (events read, events skipped with their line and reason, warnings). A file with
/// nothing usable changes nothing.
pub fn import_ics(
    store: &crate::store::Store,
    interviewer: &InterviewerId,
    source: &SourceId,
    location: &str,
    text: &str,
    window: Interval,
    now: DateTime<Utc>,
) -> Result<(Interviewer, crate::ical::import::BusyImport), UseCaseError> {
    use crate::ical::import::{busy_from_ics, ImportOptions, Window};
    let who: Interviewer = store.need(interviewer.as_str())?;
    let opts = ImportOptions {
        zone: who.time_zone,
        all_day_busy: who.all_day_busy,
        ..ImportOptions::default()
    };
    let report = busy_from_ics(text, Window::new(window.start, window.end)?, &opts)?;
    let busy = report
        .busy
        .iter()
        .map(|b| Interval {
            start: b.start,
            end: b.end,
        })
        .collect();
    let stored = import_calendar(store, interviewer, source, location, busy, now)?;
    Ok((stored, report))
}

/// How far back of `now` a calendar file dropped on the window is read.
pub const FILE_BACK_DAYS: i64 = 30;
/// How far ahead of `now` a calendar file dropped on the window is read.
pub const FILE_AHEAD_DAYS: i64 = 180;

/// What an import of a calendar file read, for the summary the coordinator sees.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CalendarSummary {
    /// Whose calendar.
    pub name: String,
    /// The file's name.
    pub file: String,
    /// The calendar source it replaced (named after the file).
    pub source: String,
    /// Events read.
    pub events: usize,
    /// Occurrences in the dates read.
    pub occurrences: usize,
    /// Busy blocks kept (merged).
    pub busy_blocks: usize,
    /// Busy time in hours, one decimal.
    pub busy_hours: f64,
    /// The dates read, in the interviewer's zone.
    pub dates: String,
    /// Events left out, each as "line N: why".
    pub skipped: Vec<String>,
    /// Caveats (the event was imported), each as "line N: what".
    pub warnings: Vec<String>,
}

/// The calendar source a file fills: its name without extension, as an id
/// (`Work calendar.ics` → `work-calendar`).
pub fn source_of(path: &std::path::Path) -> SourceId {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = crate::domain::id_from_name(&stem, |_| false, "calendar");
    SourceId::new(id).unwrap_or_else(|_| SourceId::new("calendar").expect("a valid literal id"))
}

/// Reads `text` (the file `path`) as interviewer `id`'s calendar from
/// [`FILE_BACK_DAYS`] before `now` to [`FILE_AHEAD_DAYS`] after, into the calendar
/// source named after the file ([`source_of`]), replacing what it said before (all or
/// nothing); returns what was read.
pub fn import_file(
    store: &crate::store::Store,
    id: &str,
    path: &std::path::Path,
    text: &str,
    now: DateTime<Utc>,
) -> Result<CalendarSummary, UseCaseError> {
    let who = InterviewerId::new(id.trim())?;
    let source = source_of(path);
    let window = Interval {
        start: now - chrono::Duration::days(FILE_BACK_DAYS),
        end: now + chrono::Duration::days(FILE_AHEAD_DAYS),
    };
    let location = path.display().to_string();
    let (i, read) = import_ics(store, &who, &source, &location, text, window, now)?;
    let z = i.time_zone;
    Ok(CalendarSummary {
        name: i.name.clone(),
        file: path
            .file_name()
            .map_or(location, |f| f.to_string_lossy().into_owned()),
        source: source.to_string(),
        events: read.events,
        occurrences: read.occurrences,
        busy_blocks: read.busy.len(),
        busy_hours: (read.busy_seconds() as f64 / 360.0).round() / 10.0,
        dates: format!(
            "{} – {}",
            crate::display::date_label(z, window.start),
            crate::display::date_label(z, window.end)
        ),
        skipped: read
            .skipped
            .iter()
            .map(|s| format!("line {}: {}", s.line, s.reason))
            .collect(),
        warnings: read
            .warnings
            .iter()
            .map(|w| format!("line {}: {}", w.line, w.reason))
            .collect(),
    })
}
