//! The two-desk protocol: several coordinators (several data folders, several Rondos)
//! booking the same interviewers through one calendar server never book one person into
//! overlapping interviews, even when they press Book at the same moment.
//!
//! The server side of it lives here; `DESIGN.md` ("How do two desks never double-book?")
//! explains the race and why each step is there. In short, for one booking:
//!
//! 1. [`claim`]: for every interviewer and every [`GRANULE_MINUTES`] granule their round
//!    touches, create a *claim* resource in the team's claims calendar whose name is
//!    derived from the person and the granule (`rondo-claim-<person>-<UTC time>.ics`),
//!    with `If-None-Match: *`. The server creates a name once, so of two desks claiming
//!    an overlapping slot exactly one gets the shared granule; the other is refused
//!    ([`CalDavError::SlotTaken`]) and gives back what it claimed. A claim starts
//!    *pending*, with an expiry ([`Intent::hold`] after `now`).
//! 2. The desk re-reads the people's busy time — their calendars, the team's interview
//!    calendar, and the other desks' claims ([`others`]) — and re-checks the booking's
//!    rules (buffers, daily caps) with them. Each desk writes its claims before it reads,
//!    so of two desks whose bookings break a rule together, at least one sees the other.
//! 3. [`confirm`]: every claim is rewritten *confirmed* with `If-Match` on the ETag held.
//!    A pending claim whose desk died is taken over by another desk only after it
//!    expired, by a `DELETE` with `If-Match` on the ETag it read: of the owner's confirm
//!    and the taker's delete exactly one succeeds, so a slow desk never confirms a
//!    granule someone else holds ([`CalDavError::ClaimLost`]).
//! 4. The booking is committed (written to the store and the interview calendar);
//!    confirmed claims stay until the booking is cancelled or moved ([`release`]) or
//!    its time is past ([`sweep`]).
//!
//! Claims are ordinary iCalendar events (`TRANSP:TRANSPARENT`, so calendar apps do not
//! show them as busy) with `X-RONDO-*` properties, so any RFC 4791 server stores them.

use super::error::CalDavError;
use super::http::Client;
use super::write::{self, segment, Deleted};
use super::xml::{CALDAV, DAV};
use crate::ical::content;
use crate::interval::Interval;
use chrono::{DateTime, Duration, TimeZone, Utc};
use url::Url;

/// The size of a claimed slot, in minutes, aligned on the hour in UTC. Two rounds that
/// overlap share at least one granule; rounds on a 15-minute grid that only touch share
/// none. A round off the grid claims the granules it touches (refusing, at worst, a
/// neighbour that does not overlap it).
pub const GRANULE_MINUTES: i64 = 15;

/// A person as every desk names them: their e-mail address, lower case (the desks'
/// own ids differ; the address is what the calendars share).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonKey(String);

impl PersonKey {
    /// The key of the person with this e-mail address (trimmed, lower case).
    ///
    /// # Errors
    /// `None` when it is not an address (`name@domain`).
    pub fn from_email(email: &str) -> Option<PersonKey> {
        let e = email.trim().to_ascii_lowercase();
        let (local, domain) = e.split_once('@')?;
        (!local.is_empty() && !domain.is_empty() && !e.contains(char::is_whitespace))
            .then_some(PersonKey(e))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One booking's claims to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intent {
    /// This desk's id (stable per data folder).
    pub desk: String,
    /// The booking's UID (the same as its invites'), to tell claims apart.
    pub booking: String,
    /// Each person's round.
    pub slots: Vec<(PersonKey, Interval)>,
    /// How long a pending claim holds before another desk may take it over.
    pub hold: Duration,
}

/// What a claim says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    /// Whose slot.
    pub person: PersonKey,
    /// The granule.
    pub granule: Interval,
    /// The desk that holds it.
    pub desk: String,
    /// The booking it is for.
    pub booking: String,
    /// `Some(expiry)` while pending; `None` once confirmed.
    pub expires: Option<DateTime<Utc>>,
}

impl ClaimRecord {
    /// True while it binds other desks: confirmed, or pending and not yet expired.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.expires.is_none_or(|e| e > now)
    }
}

/// A claim this desk holds: the resource and its ETag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldClaim {
    /// What it says.
    pub record: ClaimRecord,
    /// Its address.
    pub url: String,
    /// Its ETag (what `If-Match` needs to change or remove it).
    pub etag: String,
}

/// The claims of one booking, held by this desk.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Held {
    /// Every claim, in the order made.
    pub claims: Vec<HeldClaim>,
    /// The addresses of the claims this desk held already before [`claim`] was called
    /// (a retry, or the granules a moved booking keeps): a failure gives back only the
    /// others ([`release_new`]), so a refused move never frees the booking's old time.
    pub kept: Vec<String>,
}

/// The granules `[start, end)` touches.
pub fn granules(interval: Interval) -> Vec<Interval> {
    let step = GRANULE_MINUTES * 60;
    let first = interval.start.timestamp().div_euclid(step) * step;
    let mut out = Vec::new();
    let mut t = first;
    while t < interval.end.timestamp() {
        if let (Some(s), Some(e)) = (
            Utc.timestamp_opt(t, 0).single(),
            Utc.timestamp_opt(t + step, 0).single(),
        ) {
            out.push(Interval { start: s, end: e });
        }
        t += step;
    }
    out
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn read_stamp(text: &str) -> Option<DateTime<Utc>> {
    chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|n| n.and_utc())
}

/// The address of the claim on `person`'s `granule` in the claims calendar `space`.
///
/// # Errors
/// [`CalDavError::InvalidUrl`] when `space` is not an address.
pub fn claim_url(space: &str, person: &PersonKey, granule: &Interval) -> Result<Url, CalDavError> {
    write::event_url(space, &claim_name(person, granule))
}

fn claim_name(person: &PersonKey, granule: &Interval) -> String {
    format!(
        "rondo-claim-{}-{}",
        segment(person.as_str()),
        granule.start.format("%Y%m%dT%H%MZ")
    )
}

/// The claim's iCalendar text.
fn claim_text(r: &ClaimRecord, now: DateTime<Utc>) -> String {
    let mut t = String::new();
    let mut line = |s: &str| {
        t.push_str(s);
        t.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Rondo//slot claims//EN");
    line("BEGIN:VEVENT");
    line(&format!("UID:{}@rondo", claim_name(&r.person, &r.granule)));
    line(&format!("DTSTAMP:{}", stamp(now)));
    line(&format!("DTSTART:{}", stamp(r.granule.start)));
    line(&format!("DTEND:{}", stamp(r.granule.end)));
    line("SUMMARY:Rondo hold (being booked)");
    line("TRANSP:TRANSPARENT");
    line(&format!("X-RONDO-PERSON:{}", r.person.as_str()));
    line(&format!("X-RONDO-DESK:{}", r.desk));
    line(&format!("X-RONDO-BOOKING:{}", r.booking));
    match r.expires {
        Some(e) => {
            line("X-RONDO-STATE:pending");
            line(&format!("X-RONDO-EXPIRES:{}", stamp(e)));
        }
        None => line("X-RONDO-STATE:confirmed"),
    }
    line("END:VEVENT");
    line("END:VCALENDAR");
    t
}

/// Reads a claim back (from any server's serialisation: folded, reordered); `None` for
/// an event that is not a Rondo claim.
pub fn parse_claim(ics: &str) -> Option<ClaimRecord> {
    let doc = content::read(ics);
    let event = doc
        .roots
        .iter()
        .flat_map(|c| c.children.iter())
        .find(|c| c.name == "VEVENT")?;
    let get = |n: &str| event.prop(n).map(|p| p.value.trim().to_string());
    let person = PersonKey::from_email(&get("X-RONDO-PERSON")?)?;
    let start = read_stamp(&get("DTSTART")?)?;
    let end = read_stamp(&get("DTEND")?)?;
    let expires = match get("X-RONDO-STATE")?.to_ascii_lowercase().as_str() {
        "confirmed" => None,
        // A pending claim without a readable expiry counts as expired.
        _ => Some(
            get("X-RONDO-EXPIRES")
                .and_then(|e| read_stamp(&e))
                .unwrap_or(DateTime::<Utc>::MIN_UTC),
        ),
    };
    Some(ClaimRecord {
        person,
        granule: Interval { start, end },
        desk: get("X-RONDO-DESK")?,
        booking: get("X-RONDO-BOOKING")?,
        expires,
    })
}

/// Takes the claims of `intent` at `now` (step 1). All or nothing: on a refusal, the
/// claims made so far are given back before the error is returned.
///
/// # Errors
/// [`CalDavError::SlotTaken`] when another desk holds a live claim on one of the
/// granules; the client's errors otherwise (the claims made are given back as far as
/// the server lets us; a pending one left behind expires after [`Intent::hold`]).
pub fn claim(
    client: &Client,
    space: &str,
    intent: &Intent,
    now: DateTime<Utc>,
) -> Result<Held, CalDavError> {
    let mut wanted: Vec<(PersonKey, Interval)> = Vec::new();
    for (person, round) in &intent.slots {
        for g in granules(*round) {
            if !wanted.contains(&(person.clone(), g)) {
                wanted.push((person.clone(), g));
            }
        }
    }
    // One order for every desk (person, then time): of two desks after the same slots,
    // the one that gets the first shared granule gets them all, so one of them wins.
    wanted.sort_by(|a, b| (&a.0, a.1.start).cmp(&(&b.0, b.1.start)));
    let mut held = Held::default();
    for (person, granule) in wanted {
        let record = ClaimRecord {
            person,
            granule,
            desk: intent.desk.clone(),
            booking: intent.booking.clone(),
            expires: Some(now + intent.hold),
        };
        match claim_one(client, space, &record, now) {
            Ok((claim, created)) => {
                if !created {
                    held.kept.push(claim.url.clone());
                }
                held.claims.push(claim);
            }
            Err(e) => {
                let _ = release_new(client, &held);
                return Err(e);
            }
        }
    }
    Ok(held)
}

fn claim_one(
    client: &Client,
    space: &str,
    record: &ClaimRecord,
    now: DateTime<Utc>,
) -> Result<(HeldClaim, bool), CalDavError> {
    let url = claim_url(space, &record.person, &record.granule)?;
    let text = claim_text(record, now);
    // Twice at most: once, and once more after removing an expired claim.
    for _ in 0..2 {
        match write::create(client, &url, &text) {
            Ok(w) => {
                let etag = match w.etag {
                    Some(e) => e,
                    None => current_etag(client, &url)?.ok_or_else(|| CalDavError::Conflict {
                        url: url.to_string(),
                    })?,
                };
                return Ok((
                    HeldClaim {
                        record: record.clone(),
                        url: url.to_string(),
                        etag,
                    },
                    true,
                ));
            }
            Err(CalDavError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
        let Some((existing, etag)) = write::get(client, &url)? else {
            continue; // given back meanwhile: try again
        };
        let other = parse_claim(&existing);
        // Ours already (a retry after a lost answer): keep it as it is.
        if let (Some(o), Some(e)) = (&other, &etag) {
            if o.desk == record.desk && o.booking == record.booking {
                return Ok((
                    HeldClaim {
                        record: o.clone(),
                        url: url.to_string(),
                        etag: e.clone(),
                    },
                    false,
                ));
            }
        }
        let live = other.as_ref().is_none_or(|o| o.is_live(now));
        if live {
            let other = other.unwrap_or_else(|| ClaimRecord {
                desk: "unknown".into(),
                ..record.clone()
            });
            return Err(CalDavError::SlotTaken {
                person: record.person.as_str().to_string(),
                at: record.granule.start.to_rfc3339(),
                desk: other.desk,
            });
        }
        // Expired and never confirmed: its desk died or gave up. Remove exactly that
        // version; if its desk confirmed it meanwhile, the ETag differs and this fails.
        match etag {
            Some(e) => match write::delete(client, &url, Some(&e)) {
                Ok(Deleted::Removed | Deleted::AlreadyGone) | Err(CalDavError::Conflict { .. }) => {
                }
                Err(e) => return Err(e),
            },
            None => {
                return Err(CalDavError::SlotTaken {
                    person: record.person.as_str().to_string(),
                    at: record.granule.start.to_rfc3339(),
                    desk: other.map(|o| o.desk).unwrap_or_default(),
                })
            }
        }
    }
    Err(CalDavError::SlotTaken {
        person: record.person.as_str().to_string(),
        at: record.granule.start.to_rfc3339(),
        desk: "another desk".into(),
    })
}

fn current_etag(client: &Client, url: &Url) -> Result<Option<String>, CalDavError> {
    Ok(write::get(client, url)?.and_then(|(_, e)| e))
}

/// Confirms every claim of `held` (step 3), so that no other desk may take them over,
/// updating the ETags held. All or nothing: if one was taken over meanwhile, the claims
/// this call's [`claim`] made are given back ([`release_new`]) and
/// [`CalDavError::ClaimLost`] returned.
///
/// # Errors
/// [`CalDavError::ClaimLost`], or the client's errors (then the claims stay pending and
/// expire after their hold).
pub fn confirm(client: &Client, held: &mut Held, now: DateTime<Utc>) -> Result<(), CalDavError> {
    for i in 0..held.claims.len() {
        let claim = &held.claims[i];
        let mut record = claim.record.clone();
        record.expires = None;
        let url = super::http::parse_url(&claim.url)?;
        match write::update(client, &url, &claim.etag, &claim_text(&record, now)) {
            Ok(w) => {
                let etag = match w.etag {
                    Some(e) => e,
                    None => current_etag(client, &url)?.unwrap_or_default(),
                };
                held.claims[i] = HeldClaim {
                    record,
                    url: claim.url.clone(),
                    etag,
                };
            }
            Err(CalDavError::Conflict { .. }) => {
                let lost = held.claims[i].record.clone();
                held.claims.remove(i);
                let _ = release_new(client, held);
                held.claims.clear();
                return Err(CalDavError::ClaimLost {
                    person: lost.person.as_str().to_string(),
                    at: lost.granule.start.to_rfc3339(),
                });
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Gives back every claim of `held` (a refused booking, a cancellation, the old time of
/// a moved booking). A claim changed by someone else (taken over after it expired) is
/// not ours any more and is left alone.
///
/// # Errors
/// The client's errors (a pending claim left behind expires; a confirmed one is
/// given back by the next [`release`] or [`sweep`]).
pub fn release(client: &Client, held: &Held) -> Result<(), CalDavError> {
    let mut first_error = None;
    for claim in &held.claims {
        let url = super::http::parse_url(&claim.url)?;
        match write::delete(client, &url, Some(&claim.etag)) {
            Ok(_) | Err(CalDavError::Conflict { .. }) => {}
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Gives back the claims of `held` that the [`claim`] call made (not those it found
/// this desk holding already, [`Held::kept`]).
///
/// # Errors
/// As [`release`].
pub fn release_new(client: &Client, held: &Held) -> Result<(), CalDavError> {
    release(
        client,
        &Held {
            claims: held
                .claims
                .iter()
                .filter(|c| !held.kept.contains(&c.url))
                .cloned()
                .collect(),
            kept: Vec::new(),
        },
    )
}

/// Every claim in the claims calendar `space` on granules overlapping `range`, with
/// its address and ETag, as the server holds them now.
///
/// # Errors
/// The client's errors, [`CalDavError::BadResponse`] for an answer that is not CalDAV.
pub fn list(client: &Client, space: &str, range: Interval) -> Result<Vec<HeldClaim>, CalDavError> {
    let mut url = super::http::parse_url(space)?;
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    let body = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="{}" end="{}"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>"#,
        stamp(range.start),
        stamp(range.end)
    );
    let ms = super::sync::report(client, &url, "1", body, &mut 0)?;
    let mut out = Vec::new();
    for r in &ms.responses {
        let (Some(data), Some(etag)) = (r.prop(CALDAV, "calendar-data"), r.text(DAV, "getetag"))
        else {
            continue;
        };
        let Some(record) = parse_claim(&data.text) else {
            continue;
        };
        if record.granule.overlaps(&range) {
            let at = url.join(&r.href).map(|u| u.to_string()).unwrap_or_default();
            out.push(HeldClaim {
                record,
                url: at,
                etag,
            });
        }
    }
    Ok(out)
}

/// The live claims of *other* desks on `people` overlapping `range` (step 2's re-read):
/// count them as busy when re-checking a booking.
///
/// # Errors
/// As [`list`].
pub fn others(
    client: &Client,
    space: &str,
    people: &[PersonKey],
    range: Interval,
    desk: &str,
    now: DateTime<Utc>,
) -> Result<Vec<ClaimRecord>, CalDavError> {
    Ok(list(client, space, range)?
        .into_iter()
        .map(|c| c.record)
        .filter(|r| r.desk != desk && people.contains(&r.person) && r.is_live(now))
        .collect())
}

/// Removes claims that no longer bind anyone: granules that ended before `before`, and
/// pending claims expired at `now`. Returns how many were removed. Any desk may sweep.
///
/// # Errors
/// As [`list`].
pub fn sweep(
    client: &Client,
    space: &str,
    range: Interval,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<usize, CalDavError> {
    let mut removed = 0;
    for c in list(client, space, range)? {
        if c.record.granule.end <= before || !c.record.is_live(now) {
            let url = super::http::parse_url(&c.url)?;
            if let Ok(Deleted::Removed) = write::delete(client, &url, Some(&c.etag)) {
                removed += 1;
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn overlapping_rounds_share_a_granule_and_touching_ones_do_not() {
        let a = granules(Interval {
            start: t("2026-11-24T10:00:00Z"),
            end: t("2026-11-24T11:00:00Z"),
        });
        let b = granules(Interval {
            start: t("2026-11-24T10:45:00Z"),
            end: t("2026-11-24T11:30:00Z"),
        });
        let c = granules(Interval {
            start: t("2026-11-24T11:00:00Z"),
            end: t("2026-11-24T12:00:00Z"),
        });
        assert_eq!(a.len(), 4);
        assert!(a.iter().any(|g| b.contains(g)), "overlap shares a granule");
        assert!(
            !a.iter().any(|g| c.contains(g)),
            "touching rounds share none"
        );
        let odd = granules(Interval {
            start: t("2026-11-24T10:05:00Z"),
            end: t("2026-11-24T10:20:00Z"),
        });
        assert_eq!(
            odd.len(),
            2,
            "a round off the grid claims both granules it touches"
        );
    }

    #[test]
    fn a_claim_reads_back_as_written() {
        let r = ClaimRecord {
            person: PersonKey::from_email(" Ada@Example.COM ").unwrap(),
            granule: Interval {
                start: t("2026-11-24T10:00:00Z"),
                end: t("2026-11-24T10:15:00Z"),
            },
            desk: "desk-a".into(),
            booking: "bk-000001.x@rondo".into(),
            expires: Some(t("2026-11-20T09:02:00Z")),
        };
        let text = claim_text(&r, t("2026-11-20T09:00:00Z"));
        assert_eq!(parse_claim(&text), Some(r.clone()));
        assert!(r.is_live(t("2026-11-20T09:01:59Z")));
        assert!(!r.is_live(t("2026-11-20T09:02:00Z")));
        let confirmed = ClaimRecord { expires: None, ..r };
        assert_eq!(
            parse_claim(&claim_text(&confirmed, t("2026-11-20T09:00:00Z"))),
            Some(confirmed)
        );
        assert_eq!(
            parse_claim(
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            ),
            None
        );
    }

    #[test]
    fn person_keys_are_addresses() {
        assert!(PersonKey::from_email("not an address").is_none());
        assert!(PersonKey::from_email("@x").is_none());
        assert_eq!(PersonKey::from_email("A@B.c").unwrap().as_str(), "a@b.c");
    }
}
