//! Writing interview invites as `.ics` files that every client accepts
//! (`../shared/ics/EXPORT-RULES.md`, Top 15).
//!
//! Entry points: [`write_invite`] (one iTIP message: REQUEST or CANCEL, one UID),
//! [`write_publish`] (an "add to calendar" file with a candidate's whole loop) and
//! [`round_invites`] (the two audiences of one booked round). The `icalendar` crate
//! writes the lines (CRLF, folding at 75 octets on UTF-8 boundaries, TEXT escaping);
//! we normalise line ends in typed text, encode parameter values (RFC 6868) and add
//! VTIMEZONE blocks generated from the tz database ([`vtimezone`]).

mod audience;
mod booking;
mod plan;
pub mod vtimezone;

pub use audience::{digest, round_invites, stable_uid, RoundBooking};
pub use booking::{audience_uid, booking_invites, booking_round_invites, Party};
pub use plan::{file_safe, invites_for_option, person, InviteFile, PlanInviteError};

use chrono::{DateTime, Datelike, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Component, EventLike, Property};

/// The PRODID of every file Rondo writes.
pub const PRODID: &str = "-//Rondo//Rondo Interview Scheduler 0.1//EN";

/// The iTIP method of a file (RFC 5546).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A new or changed invitation: clients show Accept/Decline.
    Request,
    /// The interview is called off: clients remove it.
    Cancel,
    /// A plain "add to calendar" file (no replies expected).
    Publish,
    /// The organizer turns down a time an attendee proposed (COUNTER): the interview
    /// stays as the invite the attendee already has.
    DeclineCounter,
}

impl Method {
    /// The method as written in `METHOD:` and in the MIME `method=` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
            Method::DeclineCounter => "DECLINECOUNTER",
        }
    }
}

/// Someone with a name and a mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Display name (free text: any character is safe).
    pub name: String,
    /// Mail address, written as a `mailto:` URI.
    pub email: String,
}

/// An attendee's part in the interview (RFC 5545 §3.2.16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Runs the meeting.
    Chair,
    /// Must be there (candidate, interviewers).
    Required,
    /// May be there (shadow interviewers).
    Optional,
}

/// One attendee of an invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// Who.
    pub person: Person,
    /// Their part.
    pub role: Role,
    /// Whether a reply is asked for.
    pub rsvp: bool,
}

/// One interview as one calendar event, for one audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    /// Permanent identifier: the same for every update and the cancellation.
    pub uid: String,
    /// 0 for the first invite, higher on every change the organizer sends.
    pub sequence: u32,
    /// REQUEST, CANCEL or PUBLISH.
    pub method: Method,
    /// Title.
    pub summary: String,
    /// Body text (video link, contact, notes).
    pub description: String,
    /// Where (a room, or the video link).
    pub location: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant (exclusive).
    pub end: DateTime<Utc>,
    /// The zone the times are written in (with its VTIMEZONE); UTC writes `Z` times.
    pub display_zone: Tz,
    /// The coordinator who sends the invite and gets the replies.
    pub organizer: Person,
    /// Who is invited.
    pub attendees: Vec<Attendee>,
    /// When this version of the file is generated (passed in, never read from a clock).
    pub dtstamp: DateTime<Utc>,
    /// Tentative rather than confirmed: `STATUS:TENTATIVE` and tentative busy time, for
    /// holds and for the options offered to a candidate, so calendars keep the time while
    /// the candidate chooses. Confirming it later is a REQUEST with the same UID, a
    /// higher SEQUENCE and `tentative: false`; releasing it is a CANCEL.
    pub tentative: bool,
}

/// Why an invite cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The end is not after the start.
    #[error("invite {uid}: the end {end} is not after the start {start}")]
    EndNotAfterStart {
        /// The invite's UID.
        uid: String,
        /// Its start.
        start: DateTime<Utc>,
        /// Its end.
        end: DateTime<Utc>,
    },
    /// The UID is empty or has characters that break a line.
    #[error("invite UID {uid:?} is empty or has spaces or control characters: use a UUID@domain")]
    BadUid {
        /// The UID as given.
        uid: String,
    },
    /// A mail address cannot be a `mailto:` URI.
    #[error(
        "{who}: {email:?} is not a mail address (name@domain, no spaces, quotes, ';', ':' or ',')"
    )]
    BadEmail {
        /// Whose address.
        who: String,
        /// The address as given.
        email: String,
    },
    /// A request or cancellation without attendees reaches nobody.
    #[error("invite {uid}: a {method} needs at least one attendee")]
    NoAttendees {
        /// The invite's UID.
        uid: String,
        /// The method.
        method: &'static str,
    },
    /// PUBLISH with no events.
    #[error("nothing to publish: the loop has no interviews")]
    NothingToPublish,
}

/// Typed text with its line ends normalised to LF (the writer escapes LF as `\n`).
fn text(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A parameter value (RFC 6868): `^` → `^^`, `"` → `^'`, newline → `^n`; the writer
/// quotes it when it holds `:`, `;` or `,`.
fn param(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in text(s).chars() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\n' => out.push_str("^n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn check_email(who: &str, email: &str) -> Result<(), ExportError> {
    let ok = email
        .split_once('@')
        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        && !email.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | ';' | ':' | ',' | '<' | '>')
        });
    if ok {
        Ok(())
    } else {
        Err(ExportError::BadEmail {
            who: who.to_string(),
            email: email.to_string(),
        })
    }
}

fn check(invite: &Invite) -> Result<(), ExportError> {
    if invite.uid.is_empty()
        || invite
            .uid
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(ExportError::BadUid {
            uid: invite.uid.clone(),
        });
    }
    if invite.end <= invite.start {
        return Err(ExportError::EndNotAfterStart {
            uid: invite.uid.clone(),
            start: invite.start,
            end: invite.end,
        });
    }
    check_email("organizer", &invite.organizer.email)?;
    for a in &invite.attendees {
        check_email(&format!("attendee {}", a.person.name), &a.person.email)?;
    }
    if invite.method != Method::Publish && invite.attendees.is_empty() {
        return Err(ExportError::NoAttendees {
            uid: invite.uid.clone(),
            method: invite.method.as_str(),
        });
    }
    Ok(())
}

/// How an instant is written: in the display zone when its wall time means one instant
/// only; a wall time in a DST fold is read differently by every client (EXPORT-RULES
/// §3, §8), so those are written in UTC.
fn time_property(name: &str, t: DateTime<Utc>, zone: Tz) -> (Property, bool) {
    if zone != chrono_tz::UTC {
        let local = t.with_timezone(&zone).naive_local();
        let unambiguous = match zone.from_local_datetime(&local) {
            chrono::LocalResult::Single(back) => back.with_timezone(&Utc) == t,
            chrono::LocalResult::Ambiguous(..) | chrono::LocalResult::None => false,
        };
        if unambiguous {
            let mut p = Property::new(name, local.format("%Y%m%dT%H%M%S").to_string());
            p.add_parameter("TZID", zone.name());
            return (p.done(), true);
        }
    }
    (
        Property::new(name, t.format("%Y%m%dT%H%M%SZ").to_string()),
        false,
    )
}

fn person_property(name: &str, p: &Person) -> Property {
    let mut prop = Property::new(name, format!("mailto:{}", p.email));
    if !p.name.trim().is_empty() {
        prop.add_parameter("CN", &param(&p.name));
    }
    prop.done()
}

fn event(invite: &Invite, zones: &mut Vec<Tz>) -> icalendar::Event {
    let mut ev = icalendar::Event::new();
    ev.add_property("UID", invite.uid.as_str());
    ev.add_property(
        "DTSTAMP",
        invite.dtstamp.format("%Y%m%dT%H%M%SZ").to_string(),
    );
    ev.add_property("SEQUENCE", invite.sequence.to_string());
    let (start, zoned_start) = time_property("DTSTART", invite.start, invite.display_zone);
    let (end, zoned_end) = time_property("DTEND", invite.end, invite.display_zone);
    if (zoned_start || zoned_end) && !zones.contains(&invite.display_zone) {
        zones.push(invite.display_zone);
    }
    ev.append_property(start);
    ev.append_property(end);
    let cancelled = invite.method == Method::Cancel;
    let summary = if cancelled {
        format!("Cancelled: {}", invite.summary)
    } else {
        invite.summary.clone()
    };
    ev.summary(&text(&summary));
    if !invite.description.is_empty() {
        ev.description(&text(&invite.description));
    }
    if !invite.location.is_empty() {
        ev.location(&text(&invite.location));
    }
    ev.append_property(person_property("ORGANIZER", &invite.organizer));
    for a in &invite.attendees {
        let mut p = person_property("ATTENDEE", &a.person);
        p.add_parameter("CUTYPE", "INDIVIDUAL");
        p.add_parameter(
            "ROLE",
            match a.role {
                Role::Chair => "CHAIR",
                Role::Required => "REQ-PARTICIPANT",
                Role::Optional => "OPT-PARTICIPANT",
            },
        );
        p.add_parameter(
            "PARTSTAT",
            if a.role == Role::Chair {
                "ACCEPTED"
            } else {
                "NEEDS-ACTION"
            },
        );
        p.add_parameter("RSVP", if a.rsvp { "TRUE" } else { "FALSE" });
        ev.append_multi_property(p.done());
    }
    let (status, transp, busy) = match (cancelled, invite.tentative) {
        (true, _) => ("CANCELLED", "TRANSPARENT", "FREE"),
        (false, true) => ("TENTATIVE", "OPAQUE", "TENTATIVE"),
        (false, false) => ("CONFIRMED", "OPAQUE", "BUSY"),
    };
    ev.add_property("STATUS", status);
    ev.add_property("TRANSP", transp);
    ev.add_property("X-MICROSOFT-CDO-BUSYSTATUS", busy);
    ev.add_property("X-MICROSOFT-CDO-INTENDEDSTATUS", busy);
    ev.done()
}

/// Writes a calendar with `events` under `method`, VTIMEZONEs before the first event.
fn calendar(method: Method, invites: &[&Invite]) -> String {
    let mut cal = icalendar::Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", PRODID));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", method.as_str()));
    let mut zones = Vec::new();
    for invite in invites {
        cal.push(event(invite, &mut zones));
    }
    let body = cal.done().to_string();
    if zones.is_empty() {
        return body;
    }
    let years = invites.iter().flat_map(|i| [i.start.year(), i.end.year()]);
    let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let mut vtz = String::new();
    for zone in zones {
        for (k, v) in vtimezone::vtimezone_lines(zone, lo - 1, hi + 1) {
            let line: Result<String, _> = Property::new(k, v).try_into();
            vtz.push_str(&line.unwrap_or_default());
        }
    }
    match body.find("BEGIN:VEVENT\r\n") {
        Some(at) => format!("{}{vtz}{}", &body[..at], &body[at..]),
        None => body,
    }
}

/// Writes one iTIP message for `invite` (one UID per file, EXPORT-RULES rule 2).
/// CANCEL writes STATUS:CANCELLED, TRANSP:TRANSPARENT and a "Cancelled:" title; give
/// it the same UID and a higher SEQUENCE than the last request.
///
/// # Errors
/// [`ExportError`] when the invite cannot make a valid file (end before start, a bad
/// address, no attendees for REQUEST/CANCEL).
pub fn write_invite(invite: &Invite) -> Result<String, ExportError> {
    check(invite)?;
    Ok(calendar(invite.method, &[invite]))
}

/// Writes a METHOD:PUBLISH "add to calendar" file with several events (a candidate's
/// whole interview loop); each keeps its own UID and SEQUENCE.
///
/// # Errors
/// [`ExportError`] as for [`write_invite`], or when there is nothing to publish.
pub fn write_publish(invites: &[Invite]) -> Result<String, ExportError> {
    if invites.is_empty() {
        return Err(ExportError::NothingToPublish);
    }
    for i in invites {
        check(i)?;
    }
    let refs: Vec<&Invite> = invites.iter().collect();
    Ok(calendar(Method::Publish, &refs))
}
