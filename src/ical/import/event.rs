//! From components to typed events: times resolved to zones, end rules, busy flags,
//! recurrence parts, overrides keyed for matching; and VFREEBUSY periods.

use super::report::BusyImport;
use super::{ImportOptions, SkipReason, Skipped, Warning, WarningReason};
use crate::ical::content::{Component, Property};
use crate::ical::recur::Rule;
use crate::ical::values::{
    parse_date_time, parse_duration, parse_time_value, Anchor, Duration, TimeValue,
};
use crate::ical::zones::{calendar_zones, zone_by_name, Zone};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::collections::{HashMap, HashSet};

/// How long each occurrence lasts, from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Length {
    /// Exact seconds (DTEND in another zone than DTSTART; clamped negative lengths).
    Exact(i64),
    /// Seconds on the wall clock of the series' zone (DTEND in DTSTART's own zone:
    /// a 09:00–09:00 next-day event stays so across a DST change, as clients show it).
    Wall(i64),
    /// Nominal days on the wall clock, then exact seconds (DURATION; all-day DTEND).
    Nominal(Duration),
}

/// Where an override or exclusion points: a date for all-day series (and bare-date
/// values), an instant otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Key {
    /// Matches the instance on this local date.
    Date(NaiveDate),
    /// Matches the instance starting at this instant.
    Instant(DateTime<Utc>),
}

/// An extra instance from RDATE: its wall-clock start in the series' zone, and for a
/// PERIOD its own end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ExtraDate {
    pub local: NaiveDateTime,
    pub end: Option<DateTime<Utc>>,
}

/// A RECURRENCE-ID read both ways, since the master (all-day or timed) decides which
/// one matches (CORPUS-FINDINGS #1: all-day series are matched by date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rid {
    /// The date as written.
    pub date: NaiveDate,
    /// The instant, for a DATE-TIME value (floating read in the override's zone).
    pub instant: Option<DateTime<Utc>>,
    /// RANGE=THISANDFUTURE.
    pub future: bool,
}

/// One readable VEVENT.
pub(super) struct Event {
    pub line: usize,
    pub uid: Option<String>,
    /// RECURRENCE-ID, when this is an override.
    pub rid: Option<Rid>,
    /// An unreadable RECURRENCE-ID: the event stands alone rather than replace the series.
    pub alone: bool,
    pub sequence: i64,
    pub stamp: Option<NaiveDateTime>,
    /// Wall-clock start in `zone`.
    pub start: NaiveDateTime,
    pub zone: Zone,
    pub all_day: bool,
    /// None when neither DTEND nor DURATION is given.
    pub length: Option<Length>,
    pub busy: bool,
    pub rules: Vec<Rule>,
    pub rdates: Vec<ExtraDate>,
    pub exdates: Vec<Key>,
}

impl Event {
    /// The default length when none is given: one day for all-day, zero otherwise.
    pub fn length_or_default(&self) -> Length {
        self.length.unwrap_or(if self.all_day {
            Length::Nominal(Duration {
                days: 1,
                seconds: 0,
            })
        } else {
            Length::Exact(0)
        })
    }
}

/// The events, free/busy periods and zones of one VCALENDAR.
pub(super) struct Calendar {
    /// VEVENT and VFREEBUSY components seen (readable or not).
    pub components: usize,
    pub events: Vec<Event>,
    /// VFREEBUSY busy periods.
    pub freebusy: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

struct Reader<'a> {
    opts: &'a ImportOptions,
    zones: HashMap<String, Zone>,
    unknown: HashSet<String>,
    floating: Zone,
    dates: Zone,
}

impl Calendar {
    /// Reads a VCALENDAR (or a lone VEVENT/VFREEBUSY) root component.
    pub fn read(root: &Component, opts: &ImportOptions, out: &mut BusyImport) -> Calendar {
        let children: Vec<&Component> = if root.name == "VCALENDAR" {
            root.children.iter().collect()
        } else {
            vec![root]
        };
        let mut reader = Reader {
            opts,
            zones: HashMap::new(),
            unknown: HashSet::new(),
            floating: Zone::Tz(opts.zone),
            dates: Zone::Tz(opts.zone),
        };
        if opts.use_x_wr_timezone {
            if let Some(tz) = root
                .prop("X-WR-TIMEZONE")
                .and_then(|p| zone_by_name(&p.value))
            {
                reader.floating = Zone::Tz(tz);
            }
        }
        reader.zones = calendar_zones(&children);
        let mut cal = Calendar {
            components: 0,
            events: Vec::new(),
            freebusy: Vec::new(),
        };
        for comp in children {
            match comp.name.as_str() {
                "VEVENT" => {
                    cal.components += 1;
                    match reader.event(comp, out) {
                        Ok(ev) => {
                            out.events += 1;
                            cal.events.push(ev);
                        }
                        Err((line, reason)) => out.skipped.push(Skipped {
                            line,
                            uid: uid_of(comp),
                            reason,
                        }),
                    }
                }
                "VFREEBUSY" => {
                    cal.components += 1;
                    out.events += 1;
                    reader.freebusy(comp, &mut cal.freebusy, out);
                }
                _ => {}
            }
        }
        cal
    }
}

fn uid_of(comp: &Component) -> Option<String> {
    comp.prop("UID")
        .map(|p| p.value.trim().to_string())
        .filter(|u| !u.is_empty())
}

impl Reader<'_> {
    fn zone(
        &mut self,
        tzid: &str,
        line: usize,
        uid: &Option<String>,
        out: &mut BusyImport,
    ) -> Zone {
        if let Some(z) = self.zones.get(tzid) {
            return z.clone();
        }
        let zone = match zone_by_name(tzid) {
            Some(tz) => Zone::Tz(tz),
            None => {
                if self.unknown.insert(tzid.to_string()) {
                    out.warnings.push(Warning {
                        line,
                        uid: uid.clone(),
                        reason: WarningReason::UnknownZone {
                            tzid: tzid.to_string(),
                        },
                    });
                }
                Zone::Tz(self.opts.zone)
            }
        };
        self.zones.insert(tzid.to_string(), zone.clone());
        zone
    }

    /// The zone a DATE-TIME anchor means; `floating` is the zone for floating times.
    fn anchor_zone(
        &mut self,
        anchor: &Anchor,
        floating: &Zone,
        p: &Property,
        uid: &Option<String>,
        out: &mut BusyImport,
    ) -> Zone {
        match anchor {
            Anchor::Utc => Zone::Tz(chrono_tz::UTC),
            Anchor::Floating => floating.clone(),
            Anchor::Zone(tzid) => self.zone(tzid, p.line, uid, out),
        }
    }

    /// The instant of a value; dates are midnight in `floating`'s date zone.
    fn instant(
        &mut self,
        tv: &TimeValue,
        floating: &Zone,
        date_zone: &Zone,
        p: &Property,
        uid: &Option<String>,
        out: &mut BusyImport,
    ) -> DateTime<Utc> {
        match tv {
            TimeValue::Date(_) => date_zone.to_utc(tv.local()),
            TimeValue::DateTime(local, anchor) => self
                .anchor_zone(anchor, floating, p, uid, out)
                .to_utc(*local),
        }
    }

    fn event(
        &mut self,
        comp: &Component,
        out: &mut BusyImport,
    ) -> Result<Event, (usize, SkipReason)> {
        let uid = uid_of(comp);
        let dtstart = comp
            .prop("DTSTART")
            .ok_or((comp.line, SkipReason::MissingStart))?;
        let start_tv = parse_time_value(
            &dtstart.value,
            dtstart.param("VALUE"),
            dtstart.param("TZID"),
        )
        .ok_or_else(|| {
            (
                dtstart.line,
                SkipReason::BadStart {
                    value: dtstart.value.clone(),
                },
            )
        })?;
        let all_day = matches!(start_tv, TimeValue::Date(_));
        let floating = self.floating.clone();
        let zone = match &start_tv {
            TimeValue::Date(_) => self.dates.clone(),
            TimeValue::DateTime(_, anchor) => {
                self.anchor_zone(anchor, &floating, dtstart, &uid, out)
            }
        };
        let start = start_tv.local();
        let start_anchor = match &start_tv {
            TimeValue::DateTime(_, a) => Some(a.clone()),
            TimeValue::Date(_) => None,
        };
        let start_instant = zone.to_utc(start);

        let mut length = None;
        if let Some(p) = comp.prop("DTEND") {
            let end_tv =
                parse_time_value(&p.value, p.param("VALUE"), p.param("TZID")).ok_or_else(|| {
                    (
                        p.line,
                        SkipReason::BadEnd {
                            value: p.value.clone(),
                        },
                    )
                })?;
            length = Some(match (&end_tv, all_day) {
                (TimeValue::Date(d), true) => Length::Nominal(Duration {
                    days: (*d - start.date()).num_days(),
                    seconds: 0,
                }),
                (TimeValue::DateTime(end_local, end_anchor), false)
                    if matches!(end_anchor, Anchor::Floating)
                        || Some(end_anchor) == start_anchor.as_ref() =>
                {
                    // A floating DTEND of a zoned DTSTART is in DTSTART's zone (#5).
                    Length::Wall((*end_local - start).num_seconds())
                }
                _ => {
                    // A date DTEND of a timed event is midnight in DTSTART's zone.
                    let end = self.instant(&end_tv, &zone, &zone, p, &uid, out);
                    Length::Exact((end - start_instant).num_seconds())
                }
            });
        } else if let Some(p) = comp.prop("DURATION") {
            let d = parse_duration(&p.value).ok_or_else(|| {
                (
                    p.line,
                    SkipReason::BadDuration {
                        value: p.value.clone(),
                    },
                )
            })?;
            length = Some(Length::Nominal(d));
        }
        let negative = match length {
            Some(Length::Exact(s) | Length::Wall(s)) => s < 0,
            Some(Length::Nominal(d)) => d.days < 0 || (d.days == 0 && d.seconds < 0),
            None => false,
        };
        if negative {
            out.warnings.push(Warning {
                line: comp.line,
                uid: uid.clone(),
                reason: WarningReason::EndBeforeStart,
            });
            length = Some(Length::Exact(0));
        }

        let upper = |name: &str| comp.prop(name).map(|p| p.value.trim().to_ascii_uppercase());
        let busy = upper("STATUS").as_deref() != Some("CANCELLED")
            && upper("TRANSP").as_deref() != Some("TRANSPARENT")
            && upper("X-MICROSOFT-CDO-BUSYSTATUS").as_deref() != Some("FREE")
            && (!all_day || self.opts.all_day_busy);

        let mut rid = None;
        let mut alone = false;
        if let Some(p) = comp.prop("RECURRENCE-ID") {
            match parse_time_value(&p.value, p.param("VALUE"), p.param("TZID")) {
                Some(tv) => {
                    let instant = match &tv {
                        TimeValue::Date(_) => None,
                        TimeValue::DateTime(..) => {
                            Some(self.instant(&tv, &zone, &zone, p, &uid, out))
                        }
                    };
                    rid = Some(Rid {
                        date: tv.local().date(),
                        instant,
                        future: p
                            .param("RANGE")
                            .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE")),
                    });
                }
                None => {
                    alone = true;
                    out.warnings.push(Warning {
                        line: p.line,
                        uid: uid.clone(),
                        reason: WarningReason::BadValue {
                            property: "RECURRENCE-ID".into(),
                            value: p.value.clone(),
                        },
                    });
                }
            }
        }

        let mut rules = Vec::new();
        for p in comp.props_named("RRULE") {
            match Rule::parse(&p.value, start) {
                Ok(r) => {
                    for part in &r.ignored {
                        out.warnings.push(Warning {
                            line: p.line,
                            uid: uid.clone(),
                            reason: WarningReason::RulePartIgnored { part: part.clone() },
                        });
                    }
                    rules.push(r);
                }
                Err(e) => out.warnings.push(Warning {
                    line: p.line,
                    uid: uid.clone(),
                    reason: WarningReason::BadRule { detail: e.0 },
                }),
            }
        }

        let mut rdates = Vec::new();
        for p in comp.props_named("RDATE") {
            let is_period = p
                .param("VALUE")
                .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
            for v in p.value.split(',').filter(|v| !v.trim().is_empty()) {
                let read = if is_period || v.contains('/') {
                    self.period(v, p.param("TZID"), &zone, p, &uid, out)
                        .map(|(s, e)| ExtraDate {
                            local: zone.to_local(s),
                            end: Some(e),
                        })
                } else {
                    parse_time_value(v, p.param("VALUE"), p.param("TZID")).map(|tv| match &tv {
                        TimeValue::Date(_) => ExtraDate {
                            local: tv.local(),
                            end: None,
                        },
                        TimeValue::DateTime(..) if all_day => ExtraDate {
                            local: tv.local(),
                            end: None,
                        },
                        TimeValue::DateTime(..) => {
                            let at = self.instant(&tv, &zone, &zone, p, &uid, out);
                            ExtraDate {
                                local: zone.to_local(at),
                                end: None,
                            }
                        }
                    })
                };
                match read {
                    Some(x) => rdates.push(x),
                    None => out.warnings.push(Warning {
                        line: p.line,
                        uid: uid.clone(),
                        reason: WarningReason::BadValue {
                            property: "RDATE".into(),
                            value: v.to_string(),
                        },
                    }),
                }
            }
        }

        let mut exdates = Vec::new();
        for p in comp.props_named("EXDATE") {
            for v in p.value.split(',').filter(|v| !v.trim().is_empty()) {
                match parse_time_value(v, p.param("VALUE"), p.param("TZID")) {
                    Some(tv) => exdates.push(self.key(&tv, all_day, &zone, p, &uid, out)),
                    None => out.warnings.push(Warning {
                        line: p.line,
                        uid: uid.clone(),
                        reason: WarningReason::BadValue {
                            property: "EXDATE".into(),
                            value: v.to_string(),
                        },
                    }),
                }
            }
        }

        let sequence = comp
            .prop("SEQUENCE")
            .and_then(|p| p.value.trim().parse().ok())
            .unwrap_or(0);
        let stamp = ["LAST-MODIFIED", "DTSTAMP"]
            .iter()
            .filter_map(|n| {
                comp.prop(n)
                    .and_then(|p| parse_date_time(&p.value))
                    .map(|(t, _)| t)
            })
            .max();
        Ok(Event {
            line: comp.line,
            uid,
            rid,
            alone,
            sequence,
            stamp,
            start,
            zone,
            all_day,
            length,
            busy,
            rules,
            rdates,
            exdates,
        })
    }

    /// The matching key of a RECURRENCE-ID or EXDATE value for a series.
    fn key(
        &mut self,
        tv: &TimeValue,
        all_day: bool,
        zone: &Zone,
        p: &Property,
        uid: &Option<String>,
        out: &mut BusyImport,
    ) -> Key {
        match tv {
            TimeValue::Date(d) => Key::Date(*d),
            TimeValue::DateTime(local, _) if all_day => Key::Date(local.date()),
            TimeValue::DateTime(..) => Key::Instant(self.instant(tv, zone, zone, p, uid, out)),
        }
    }

    /// A PERIOD `start/end` or `start/duration`; floating parts are read in `floating`.
    fn period(
        &mut self,
        v: &str,
        tzid: Option<&str>,
        floating: &Zone,
        p: &Property,
        uid: &Option<String>,
        out: &mut BusyImport,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let (a, b) = v.trim().split_once('/')?;
        let start_tv = parse_time_value(a, Some("DATE-TIME"), tzid)?;
        if matches!(start_tv, TimeValue::Date(_)) {
            return None;
        }
        let start = self.instant(&start_tv, floating, floating, p, uid, out);
        let end = if b.trim_start().starts_with(['P', 'p', '+', '-']) {
            let d = parse_duration(b)?;
            let local_end = start_tv.local() + chrono::Duration::days(d.days);
            let base = match &start_tv {
                TimeValue::DateTime(_, anchor) => self
                    .anchor_zone(anchor, floating, p, uid, out)
                    .to_utc(local_end),
                TimeValue::Date(_) => return None,
            };
            base + chrono::Duration::seconds(d.seconds)
        } else {
            let end_tv = parse_time_value(b, Some("DATE-TIME"), tzid)?;
            self.instant(&end_tv, floating, floating, p, uid, out)
        };
        Some((start, end.max(start)))
    }

    fn freebusy(
        &mut self,
        comp: &Component,
        into: &mut Vec<(DateTime<Utc>, DateTime<Utc>)>,
        out: &mut BusyImport,
    ) {
        let uid = uid_of(comp);
        let floating = self.floating.clone();
        for p in comp.props_named("FREEBUSY") {
            let free = p
                .param("FBTYPE")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("FREE"));
            for v in p.value.split(',').filter(|v| !v.trim().is_empty()) {
                match self.period(v, None, &floating, p, &uid, out) {
                    Some(period) if !free => into.push(period),
                    Some(_) => {}
                    None => out.skipped.push(Skipped {
                        line: p.line,
                        uid: uid.clone(),
                        reason: SkipReason::BadPeriod {
                            value: v.to_string(),
                        },
                    }),
                }
            }
        }
    }
}
