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
