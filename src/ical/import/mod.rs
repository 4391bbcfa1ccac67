//! Reading an interviewer's `.ics` calendar into busy time over a window.
//!
//! Entry point: [`busy_from_ics`]. It reads leniently like a calendar client: a broken
//! event is left out and reported in [`BusyImport::skipped`] with its line and the
//! reason, the rest is imported; a file with nothing usable is an [`ImportError`].
//! What counts as busy, and how times are read, follows `docs/ical.md`.

mod event;
mod expand;
mod report;

pub use report::{
    BusyImport, ImportError, Interval, SkipReason, Skipped, Warning, WarningReason, Window,
};

use crate::ical::content;
use chrono::{DateTime, Utc};

/// How to read a calendar: whose zone, and what counts as busy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The interviewer's own zone: floating times and all-day dates are read in it, and
    /// so are TZIDs that name no zone we know.
    pub zone: chrono_tz::Tz,
    /// Whether all-day events count as busy (default true; some people mark holidays
    /// as all-day events they still work around).
    pub all_day_busy: bool,
    /// Whether a calendar's `X-WR-TIMEZONE` gives its *floating* times a zone (Google
    /// feeds). Never applied to UTC times or dates. Default true.
    pub use_x_wr_timezone: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            zone: chrono_tz::UTC,
            all_day_busy: true,
            use_x_wr_timezone: true,
        }
    }
}

impl ImportOptions {
    /// Options for an interviewer in `zone`, with the defaults otherwise.
    pub fn in_zone(zone: chrono_tz::Tz) -> Self {
        ImportOptions {
            zone,
            ..ImportOptions::default()
        }
    }
}

/// Reads `text` (an `.ics` calendar) into the merged busy intervals that overlap
/// `window`, clipped to it.
///
/// Busy: events that are not `STATUS:CANCELLED`, not `TRANSP:TRANSPARENT`, not
/// `X-MICROSOFT-CDO-BUSYSTATUS:FREE` (tentative ones are busy), all-day events when
/// [`ImportOptions::all_day_busy`], and VFREEBUSY periods whose FBTYPE is not FREE.
///
/// # Errors
/// [`ImportError`] when the text is not a calendar, has no events, or every event in
/// it is broken; a few broken events only land in [`BusyImport::skipped`].
pub fn busy_from_ics(
    text: &str,
    window: Window,
    opts: &ImportOptions,
) -> Result<BusyImport, ImportError> {
    let doc = content::read(text);
    let mut out = BusyImport::default();
    for line in &doc.junk_lines {
        out.warnings.push(Warning {
            line: *line,
            uid: None,
            reason: WarningReason::UnreadableLine,
        });
    }
    for line in &doc.unclosed {
        out.warnings.push(Warning {
            line: *line,
            uid: None,
            reason: WarningReason::Unclosed,
        });
    }
    let mut components = 0usize;
    let mut any_calendar = false;
    let mut busy: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for root in &doc.roots {
        any_calendar |= matches!(root.name.as_str(), "VCALENDAR" | "VEVENT" | "VFREEBUSY");
        let cal = event::Calendar::read(root, opts, &mut out);
        components += cal.components;
        expand::busy_of(&cal, window, opts, &mut busy, &mut out);
    }
    if !any_calendar {
        return Err(ImportError::NotICalendar);
    }
    if components == 0 {
        return Err(ImportError::NoEvents);
    }
    if out.events == 0 {
        let first = out
            .skipped
            .first()
            .map(|s| format!("line {}: {}", s.line, s.reason));
        return Err(ImportError::NothingUsable {
            skipped: out.skipped.len(),
            first: first.unwrap_or_default(),
        });
    }
    out.busy = report::merge(busy, window);
    Ok(out)
}
