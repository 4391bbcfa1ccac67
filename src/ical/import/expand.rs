//! Recurrence expansion of each series over the window: RRULE/RDATE/EXDATE, overrides
//! by RECURRENCE-ID (one instance or THISANDFUTURE), duplicates by SEQUENCE, and the
//! busy intervals of every occurrence.

use super::event::{Calendar, Event, Key, Length};
use super::report::BusyImport;
use super::{ImportOptions, Warning, WarningReason, Window};
use crate::ical::values::{Anchor, TimeValue};
use crate::ical::zones::Zone;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use std::collections::{HashMap, HashSet};

/// A series stops being expanded after this many instances from just before the window
/// on (a FREQ=MINUTELY series over two years fits; FREQ=SECONDLY junk does not).
pub(super) const MAX_INSTANCES_PER_SERIES: usize = 1_100_000;

type Span = (DateTime<Utc>, DateTime<Utc>);

struct Sink<'a> {
    window: Window,
    busy: &'a mut Vec<Span>,
    occurrences: usize,
}

impl Sink<'_> {
    fn emit(&mut self, start: DateTime<Utc>, end: DateTime<Utc>, busy: bool) {
        let w = self.window;
        let overlaps = (end > w.start() && start < w.end())
            || (start == end && start >= w.start() && start < w.end());
        if overlaps {
            self.occurrences += 1;
            if busy && end > start {
                self.busy.push((start, end));
            }
        }
    }
}

/// Adds the busy spans of one calendar's events and free/busy periods to `busy`.
pub(super) fn busy_of(
    cal: &Calendar,
    window: Window,
    _opts: &ImportOptions,
    busy: &mut Vec<Span>,
    out: &mut BusyImport,
) {
    let mut sink = Sink {
        window,
        busy,
        occurrences: 0,
    };
    for (s, e) in &cal.freebusy {
        sink.emit(*s, *e, true);
    }
    // Group by UID, keeping file order; events without UID stand alone (#11).
    let mut groups: Vec<Vec<&Event>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for ev in &cal.events {
        match (&ev.uid, ev.alone) {
            (Some(uid), false) => {
                let i = *index.entry(uid.as_str()).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[i].push(ev);
            }
            _ => groups.push(vec![ev]),
        }
    }
    for group in groups {
        series(&group, &mut sink, out);
    }
    out.occurrences += sink.occurrences;
}

/// Which of two versions of the same component wins: higher SEQUENCE, then later
/// LAST-MODIFIED/DTSTAMP; on a tie the first in the file (#10).
fn newer(a: &Event, b: &Event) -> bool {
    (b.sequence, b.stamp) > (a.sequence, a.stamp)
}

fn end_of(
    length: Length,
    zone: &Zone,
    local: NaiveDateTime,
    start: DateTime<Utc>,
) -> DateTime<Utc> {
    match length {
        Length::Exact(s) => start + Duration::seconds(s),
        Length::Wall(s) => zone.to_utc(local + Duration::seconds(s)).max(start),
        Length::Nominal(d) if d.days == 0 => start + Duration::seconds(d.seconds),
        Length::Nominal(d) => {
            zone.to_utc(local + Duration::days(d.days)) + Duration::seconds(d.seconds)
        }
    }
}

/// An upper bound of how long one occurrence can last.
fn longest(length: Length) -> Duration {
    match length {
        Length::Exact(s) | Length::Wall(s) => Duration::seconds(s.max(0)),
        Length::Nominal(d) => {
            Duration::days(d.days.max(0) + 1) + Duration::seconds(d.seconds.max(0))
        }
    }
}

fn series(group: &[&Event], sink: &mut Sink<'_>, out: &mut BusyImport) {
    let mut master: Option<&Event> = None;
    let mut overrides: Vec<&Event> = Vec::new();
    for ev in group {
        match &ev.rid {
            None => {
                if master.is_none_or(|m| newer(m, ev)) {
                    master = Some(ev);
                }
            }
            Some(rid) => match overrides.iter_mut().find(|o| {
                o.rid
                    .is_some_and(|r| r.date == rid.date && r.instant == rid.instant)
            }) {
                Some(slot) => {
                    if newer(slot, ev) {
                        *slot = ev;
                    }
                }
                None => overrides.push(ev),
            },
        }
    }
    let exdates: HashSet<Key> = master
        .map(|m| m.exdates.iter().copied().collect())
        .unwrap_or_default();
    // An override excluded by the master's EXDATE is dropped (as ical.js and python do).
    if let Some(m) = master {
        overrides.retain(|ov| {
            ov.rid.is_none_or(|rid| {
                let by_date = exdates.contains(&Key::Date(rid.date));
                let by_instant = !m.all_day
                    && rid
                        .instant
                        .is_some_and(|t| exdates.contains(&Key::Instant(t)));
                !(by_date || by_instant)
            })
        });
    }
    // Every other override is an occurrence of its own (#10), whether or not it matches.
    for ov in &overrides {
        let length = ov
            .length
            .or(master.map(Event::length_or_default))
            .unwrap_or(ov.length_or_default());
        let start = ov.zone.to_utc(ov.start);
        sink.emit(start, end_of(length, &ov.zone, ov.start, start), ov.busy);
    }
    let Some(m) = master else { return };

    let mut by_date: HashMap<NaiveDate, usize> = HashMap::new();
    let mut by_instant: HashMap<DateTime<Utc>, usize> = HashMap::new();
    let mut future: Vec<(DateTime<Utc>, usize)> = Vec::new();
    for (i, ov) in overrides.iter().enumerate() {
        let Some(rid) = ov.rid else { continue };
        match rid.instant {
            Some(t) if !m.all_day => {
                by_instant.insert(t, i);
            }
            _ => {
                by_date.insert(rid.date, i);
            }
        }
        if rid.future {
            let at = match rid.instant {
                Some(t) if !m.all_day => t,
                _ => m.zone.to_utc(rid.date.and_time(chrono::NaiveTime::MIN)),
            };
            future.push((at, i));
        }
    }
    future.sort_unstable();

    // Wall-clock starts: DTSTART first (always an instance, #6/#9), then RRULE, RDATE.
    let limit = (sink.window.end() + Duration::days(2)).naive_utc();
    let mut locals: Vec<(NaiveDateTime, Option<DateTime<Utc>>)> = Vec::new();
    let mut start_in_rule = true;
    for rule in &m.rules {
        // UNTIL is inclusive; a date UNTIL of a timed series is its midnight.
        let until_ok = |l: NaiveDateTime| match &rule.until {
            None => true,
            Some(TimeValue::Date(d)) if m.all_day => l.date() <= *d,
            Some(TimeValue::Date(d)) => l <= d.and_time(chrono::NaiveTime::MIN),
            Some(TimeValue::DateTime(u, Anchor::Utc)) => m.zone.to_utc(l) <= u.and_utc(),
            Some(TimeValue::DateTime(u, _)) => l <= *u,
        };
        // A series whose UNTIL is before its DTSTART has no instance at all (every
        // client agrees; CORPUS lotr.ics, khal until_before_start).
        start_in_rule &= until_ok(m.start);
        // Instances ending before the window cannot matter: start walking a little
        // before the window, less the longest this event can last.
        let not_before =
            (sink.window.start() - Duration::days(2) - longest(m.length_or_default())).naive_utc();
        for (n, l) in rule.iter_from(m.start, not_before).enumerate() {
            if l > limit || !until_ok(l) {
                break;
            }
            if n >= MAX_INSTANCES_PER_SERIES {
                out.warnings.push(Warning {
                    line: m.line,
                    uid: m.uid.clone(),
                    reason: WarningReason::SeriesTruncated,
                });
                break;
            }
            locals.push((l, None));
        }
    }
    if start_in_rule {
        locals.push((m.start, None));
    }
    locals.extend(m.rdates.iter().map(|r| (r.local, r.end)));
    if locals.len() > 1 {
        locals.sort_by_key(|(l, _)| *l);
        locals.dedup_by_key(|(l, _)| *l);
    }
    let length = m.length_or_default();
    for (local, period_end) in locals {
        let start = m.zone.to_utc(local);
        let date_key = Key::Date(local.date());
        if exdates.contains(&date_key) || (!m.all_day && exdates.contains(&Key::Instant(start))) {
            continue;
        }
        let overridden = if m.all_day {
            by_date.contains_key(&local.date())
        } else {
            by_instant.contains_key(&start) || by_date.contains_key(&local.date())
        };
        if overridden {
            continue;
        }
        let end = period_end.unwrap_or_else(|| end_of(length, &m.zone, local, start));
        // RANGE=THISANDFUTURE: the latest such override at or before this instance
        // moves it by the same amount and gives it its length and busy state.
        match future.iter().rev().find(|(at, _)| *at <= start) {
            Some((at, i)) => {
                let ov = overrides[*i];
                let delta = ov.zone.to_utc(ov.start) - *at;
                let new_start = start + delta;
                let new_end = match ov.length {
                    Some(len) => end_of(len, &ov.zone, ov.zone.to_local(new_start), new_start),
                    None => end + delta,
                };
                sink.emit(new_start, new_end, ov.busy);
            }
            None => sink.emit(start, end, m.busy),
        }
    }
}
