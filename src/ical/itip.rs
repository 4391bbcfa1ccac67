//! Typed iTIP messages (RFC 5546) read from `.ics` text: what an attendee's client sends
//! back to the organizer — a REPLY (accepted, tentative, declined), a COUNTER (a
//! proposed new time), a REFRESH (send me the invite again) — and a DECLINECOUNTER.
//!
//! Entry point: [`read_itip`]. It reads what real clients send: Google (often no
//! SEQUENCE, which means 0; lower-case `mailto:`; many `X-` properties), Outlook and
//! Exchange ("Accepted: " in the SUMMARY, `X-MICROSOFT-*`, Windows zone names),
//! Apple and Thunderbird. Lines are read by the lenient [`content`]
//! reader and times by the same zone rules as calendar import (VTIMEZONEs in the file,
//! IANA, Windows and Outlook names). A file that is not an iTIP message, or whose event
//! lacks what a reply must carry, is an [`ItipError`] that says why; nothing is guessed.
//! What a message changes is decided elsewhere ([`crate::answers`]).

use super::content::{self, Component, Property};
use super::values::{parse_duration, parse_time_value, unescape_text, Anchor, TimeValue};
use super::zones::{calendar_zones, zone_by_name, Zone};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The METHOD of an iTIP message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItipMethod {
    /// An attendee's answer.
    Reply,
    /// An attendee proposes another time.
    Counter,
    /// An attendee asks for the current invite again.
    Refresh,
    /// The organizer turns a COUNTER down.
    DeclineCounter,
    /// An invitation (what Rondo sends).
    Request,
    /// A cancellation (what Rondo sends).
    Cancel,
    /// A plain calendar file.
    Publish,
    /// Any other method, as written (upper-cased).
    Other(String),
}

impl ItipMethod {
    fn parse(s: &str) -> ItipMethod {
        match s.trim().to_ascii_uppercase().as_str() {
            "REPLY" => ItipMethod::Reply,
            "COUNTER" => ItipMethod::Counter,
            "REFRESH" => ItipMethod::Refresh,
            "DECLINECOUNTER" => ItipMethod::DeclineCounter,
            "REQUEST" => ItipMethod::Request,
            "CANCEL" => ItipMethod::Cancel,
            "PUBLISH" => ItipMethod::Publish,
            other => ItipMethod::Other(other.to_string()),
        }
    }

    /// The method as written in `METHOD:`.
    pub fn as_str(&self) -> &str {
        match self {
            ItipMethod::Reply => "REPLY",
            ItipMethod::Counter => "COUNTER",
            ItipMethod::Refresh => "REFRESH",
            ItipMethod::DeclineCounter => "DECLINECOUNTER",
            ItipMethod::Request => "REQUEST",
            ItipMethod::Cancel => "CANCEL",
            ItipMethod::Publish => "PUBLISH",
            ItipMethod::Other(s) => s,
        }
    }
}

/// An attendee's participation status (RFC 5545 §3.2.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartStat {
    /// Not answered (also any value a client invents: RFC 5545 says to read unknown
    /// values so).
    NeedsAction,
    /// Will attend.
    Accepted,
    /// Will not attend.
    Declined,
    /// Maybe.
    Tentative,
    /// Passed the invitation to someone else.
    Delegated,
}

impl PartStat {
    /// Reads a PARTSTAT value; unknown values are NEEDS-ACTION (RFC 5545 §3.2.12).
    pub fn parse(s: &str) -> PartStat {
        match s.trim().to_ascii_uppercase().as_str() {
            "ACCEPTED" => PartStat::Accepted,
            "DECLINED" => PartStat::Declined,
            "TENTATIVE" => PartStat::Tentative,
            "DELEGATED" => PartStat::Delegated,
            _ => PartStat::NeedsAction,
        }
    }

    /// The value as written in a file.
    pub fn as_str(self) -> &'static str {
        match self {
            PartStat::NeedsAction => "NEEDS-ACTION",
            PartStat::Accepted => "ACCEPTED",
            PartStat::Declined => "DECLINED",
            PartStat::Tentative => "TENTATIVE",
            PartStat::Delegated => "DELEGATED",
        }
    }

    /// In words: "accepted", "declined", "tentative", "delegated", "not answered".
    pub fn words(self) -> &'static str {
        match self {
            PartStat::NeedsAction => "not answered",
            PartStat::Accepted => "accepted",
            PartStat::Declined => "declined",
            PartStat::Tentative => "tentative",
            PartStat::Delegated => "delegated",
        }
    }
}

/// One ATTENDEE line of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItipAttendee {
    /// The address, lower-cased, without `mailto:`.
    pub email: String,
    /// The CN, when given.
    pub name: Option<String>,
    /// Their answer.
    pub partstat: PartStat,
}

/// One event of an iTIP message, typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItipMessage {
    /// The calendar's METHOD.
    pub method: ItipMethod,
    /// The event's UID (as written, trimmed).
    pub uid: String,
    /// The occurrence answered, for one instance of a series.
    pub recurrence_id: Option<DateTime<Utc>>,
    /// SEQUENCE as written; `None` when absent (Google often leaves it out; it means 0).
    pub sequence: Option<u32>,
    /// DTSTAMP: when the attendee's client made the message.
    pub dtstamp: DateTime<Utc>,
    /// The organizer's address (lower-cased, no `mailto:`), when given.
    pub organizer: Option<String>,
    /// Every ATTENDEE line (a REPLY normally has exactly one: the one answering).
    pub attendees: Vec<ItipAttendee>,
    /// DTSTART: for a COUNTER, the proposed start.
    pub start: Option<DateTime<Utc>>,
    /// DTEND (or DTSTART + DURATION): for a COUNTER, the proposed end.
    pub end: Option<DateTime<Utc>>,
    /// SUMMARY (Outlook writes "Accepted: …").
    pub summary: Option<String>,
    /// COMMENT: what the attendee wrote with the answer.
    pub comment: Option<String>,
}

impl ItipMessage {
    /// SEQUENCE, absent read as 0 (RFC 5545 §3.8.7.4).
    pub fn sequence(&self) -> u32 {
        self.sequence.unwrap_or(0)
    }
}

/// Why a text is not a usable iTIP message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ItipError {
    /// No `BEGIN:VCALENDAR` at all.
    #[error("this is not an iCalendar file (no BEGIN:VCALENDAR)")]
    NotCalendar,
    /// A calendar without METHOD is an event file, not an answer.
    #[error(
        "this calendar has no METHOD, so it is an event file, not an answer to an invitation: \
         import the reply e-mail (.eml) or the .ics attached to it"
    )]
    NoMethod,
    /// A calendar with no VEVENT.
    #[error("the {method} calendar has no event (VEVENT) in it")]
    NoEvent {
        /// The METHOD.
        method: String,
    },
    /// A property every iTIP event must carry is missing.
    #[error("the event at line {line} has no {property}, which every answer must carry")]
    Missing {
        /// `UID` or `DTSTAMP`.
        property: &'static str,
        /// The event's BEGIN line.
        line: usize,
    },
    /// A value that cannot be read.
    #[error("line {line}: {property} {value:?} cannot be read ({why})")]
    BadValue {
        /// The property.
        property: String,
        /// The value as written.
        value: String,
        /// Why.
        why: &'static str,
        /// The line.
        line: usize,
    },
    /// A TZID that neither the file nor the tz database defines.
    #[error("line {line}: {property} names the time zone {tzid:?}, which the file does not define and no known zone matches")]
    UnknownZone {
        /// The property.
        property: String,
        /// The TZID.
        tzid: String,
        /// The line.
        line: usize,
    },
}

/// A calendar address (`mailto:Ana@Example.com`, `MAILTO:…`, or a bare address) as a
/// lower-cased mail address, for matching.
pub fn mail_address(cal_address: &str) -> String {
    let v = cal_address.trim();
    let v = if v.len() >= 7 && v[..7].eq_ignore_ascii_case("mailto:") {
        &v[7..]
    } else {
        v
    };
    v.trim().to_lowercase()
}

/// Reads every iTIP event in `text`: one [`ItipMessage`] per VEVENT, under its
/// calendar's METHOD. The VTIMEZONEs of the file define its TZIDs.
///
/// # Errors
/// [`ItipError`] for a text with no calendar, a calendar without METHOD or events, or an
/// event without UID or DTSTAMP, or with a time that cannot be read.
pub fn read_itip(text: &str) -> Result<Vec<ItipMessage>, ItipError> {
    let doc = content::read(text);
    let calendars: Vec<&Component> = doc.roots.iter().filter(|c| c.name == "VCALENDAR").collect();
    if calendars.is_empty() {
        return Err(ItipError::NotCalendar);
    }
    let mut out = Vec::new();
    for cal in calendars {
        let method = cal
            .prop("METHOD")
            .map(|p| ItipMethod::parse(&p.value))
            .ok_or(ItipError::NoMethod)?;
        let children: Vec<&Component> = cal.children.iter().collect();
        let zones = calendar_zones(&children);
        let events: Vec<&Component> = children
            .iter()
            .copied()
            .filter(|c| c.name == "VEVENT")
            .collect();
        if events.is_empty() {
            return Err(ItipError::NoEvent {
                method: method.as_str().to_string(),
            });
        }
        for ev in events {
            out.push(read_event(ev, &method, &zones)?);
        }
    }
    Ok(out)
}

fn text_of(p: &Property) -> String {
    unescape_text(&p.value).trim().to_string()
}

fn read_event(
    ev: &Component,
    method: &ItipMethod,
    zones: &HashMap<String, Zone>,
) -> Result<ItipMessage, ItipError> {
    let uid = ev
        .prop("UID")
        .map(|p| p.value.trim().to_string())
        .filter(|u| !u.is_empty())
        .ok_or(ItipError::Missing {
            property: "UID",
            line: ev.line,
        })?;
    let dtstamp = ev
        .prop("DTSTAMP")
        .ok_or(ItipError::Missing {
            property: "DTSTAMP",
            line: ev.line,
        })
        .and_then(|p| instant(p, zones))?;
    let sequence = match ev.prop("SEQUENCE") {
        None => None,
        Some(p) => Some(
            p.value
                .trim()
                .parse::<u32>()
                .map_err(|_| ItipError::BadValue {
                    property: "SEQUENCE".into(),
                    value: p.value.clone(),
                    why: "not a whole number",
                    line: p.line,
                })?,
        ),
    };
    let recurrence_id = ev
        .prop("RECURRENCE-ID")
        .map(|p| instant(p, zones))
        .transpose()?;
    let start = ev.prop("DTSTART").map(|p| instant(p, zones)).transpose()?;
    let end = match (ev.prop("DTEND"), ev.prop("DURATION"), start) {
        (Some(p), _, _) => Some(instant(p, zones)?),
        (None, Some(p), Some(s)) => {
            let d = parse_duration(&p.value).ok_or_else(|| ItipError::BadValue {
                property: "DURATION".into(),
                value: p.value.clone(),
                why: "not a duration such as PT1H",
                line: p.line,
            })?;
            Some(s + Duration::days(d.days) + Duration::seconds(d.seconds))
        }
        _ => None,
    };
    let attendees = ev
        .props_named("ATTENDEE")
        .map(|p| ItipAttendee {
            email: mail_address(&p.value),
            name: p
                .param("CN")
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            partstat: p
                .param("PARTSTAT")
                .map_or(PartStat::NeedsAction, PartStat::parse),
        })
        .filter(|a| !a.email.is_empty())
        .collect();
    Ok(ItipMessage {
        method: method.clone(),
        uid,
        recurrence_id,
        sequence,
        dtstamp,
        organizer: ev.prop("ORGANIZER").map(|p| mail_address(&p.value)),
        attendees,
        start,
        end,
        summary: ev.prop("SUMMARY").map(text_of).filter(|s| !s.is_empty()),
        comment: ev.prop("COMMENT").map(text_of).filter(|s| !s.is_empty()),
    })
}

/// The instant of a DATE-TIME property: UTC, or a TZID the file or the tz database
/// defines. Floating times and bare dates name no instant, so they are errors here.
fn instant(p: &Property, zones: &HashMap<String, Zone>) -> Result<DateTime<Utc>, ItipError> {
    let bad = |why| ItipError::BadValue {
        property: p.name.clone(),
        value: p.value.clone(),
        why,
        line: p.line,
    };
    match parse_time_value(&p.value, p.param("VALUE"), p.param("TZID")) {
        None => Err(bad("not a date-time such as 20260310T093000Z")),
        Some(TimeValue::Date(_)) => Err(bad("a date without a time of day")),
        Some(TimeValue::DateTime(dt, Anchor::Utc)) => Ok(dt.and_utc()),
        Some(TimeValue::DateTime(_, Anchor::Floating)) => {
            Err(bad("a local time without a time zone"))
        }
        Some(TimeValue::DateTime(dt, Anchor::Zone(tzid))) => {
            let zone = zones
                .get(&tzid)
                .cloned()
                .or_else(|| zone_by_name(&tzid).map(Zone::Tz))
                .ok_or_else(|| ItipError::UnknownZone {
                    property: p.name.clone(),
                    tzid: tzid.clone(),
                    line: p.line,
                })?;
            Ok(zone.to_utc(dt))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_addresses_match_whatever_their_case() {
        for (given, want) in [
            ("mailto:Ana@Example.com", "ana@example.com"),
            ("MAILTO:ana@example.com", "ana@example.com"),
            ("  Mailto: ana@example.com ", "ana@example.com"),
            ("ana@example.com", "ana@example.com"),
        ] {
            assert_eq!(mail_address(given), want, "{given:?}");
        }
    }

    #[test]
    fn unknown_participation_values_read_as_not_answered() {
        assert_eq!(PartStat::parse("accepted"), PartStat::Accepted);
        assert_eq!(PartStat::parse("X-MAYBE-LATER"), PartStat::NeedsAction);
        assert_eq!(PartStat::parse("COMPLETED"), PartStat::NeedsAction);
    }
}
