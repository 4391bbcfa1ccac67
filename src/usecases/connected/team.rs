//! The team's interview calendar, and several desks on one server.
//!
//! Once an account holds the team's interview calendar ([`publish`]), every booking path
//! of the core ([`super::super::bookings`]: book, move a loop, cancel, change a status)
//! goes through here, in this order (DESIGN.md, "How do two desks never double-book?"):
//!
//! 1. [`before`]: a claim on every granule of every interviewer's new time, taken on the
//!    server with `If-None-Match: *` ([`claim::claim`]); another desk's live claim
//!    refuses the booking in words, before anything is stored.
//! 2. Still in [`before`]: the other desks' live claims on those people are read again
//!    and stored as their busy time ([`OTHER_DESKS`]), so the store's own re-check inside
//!    its transaction (buffers, daily caps) sees the other desks' bookings.
//! 3. [`Guard::confirm`]: the claims are confirmed (`If-Match`), so no desk takes them
//!    over; then the store commits. A refused commit gives the claims back.
//! 4. [`after`]: the events are written to the interview calendar (the panel's view, the
//!    invites' UIDs): created with `If-None-Match: *`, updated with `If-Match` at the new
//!    SEQUENCE, deleted or marked cancelled; the claims of old times and cancelled
//!    bookings are given back. Whether each reached the server is kept ([`Published`]);
//!    one that did not is written by the next [`push_pending`] (every sync).
//!
//! A desk killed between 1 and 3 leaves pending claims that expire after the hold; one
//! killed between 3 and the commit leaves confirmed claims of a booking it never stored,
//! which its next sync gives back ([`read_other_desks`]).

use super::super::settings::Settings;
use super::super::UseCaseError;
use super::{accounts, session};
use crate::caldav::claim::{self, Held, Intent, PersonKey};
use crate::caldav::{write, CalDavError, Client};
use crate::caldav::{
    AccountKind, CalendarAccount, CancelMode, Published, TeamCalendar, DEFAULT_HOLD_SECONDS,
};
use crate::domain::{Booking, Candidate, Interviewer, InterviewerId, SourceId};
use crate::ical::export::{booking_invites, Method, Party};
use crate::interval::{Interval, IntervalSet};
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

/// The calendar source holding other desks' bookings (their claims) as busy time.
pub const OTHER_DESKS: &str = "other-desks";

/// The account holding the team's interview calendar, if one does.
pub fn team_account(store: &Store) -> Result<Option<CalendarAccount>, UseCaseError> {
    Ok(store
        .all::<CalendarAccount>()?
        .into_iter()
        .find(|a| a.team.is_some()))
}

/// What [`publish`] writes and removes to check that the claims calendar takes writes.
const PROBE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rondo//probe//EN\r\nBEGIN:VEVENT\r\nUID:rondo-probe@rondo\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20000101T000000Z\r\nDTEND:20000101T000100Z\r\nSUMMARY:Rondo write check\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// Makes calendar `calendar` (an address or href) of account `account` the team's
/// interview calendar (any other account's stops being it). The claims live in
/// `claims` when given, else in the interview calendar itself: every desk of the team
/// must use the same claims calendar, and the interview calendar is the one they
/// already agree on (claims are transparent events, `Rondo hold`). A calendar this
/// account cannot write is refused now, in words.
pub fn publish(
    store: &Store,
    account: &str,
    calendar: &str,
    claims: Option<&str>,
    hold_seconds: Option<u32>,
    cancel: CancelMode,
) -> Result<TeamCalendar, UseCaseError> {
    let a = accounts::account(store, account)?;
    if !matches!(a.kind, AccountKind::Server { .. }) {
        return Err(UseCaseError::NotWritable {
            account: a.name.to_string(),
        });
    }
    let base = crate::caldav::parse_url(a.kind.url())?;
    let resolve = |at: &str| -> Result<String, UseCaseError> {
        let mut u = base.join(at.trim()).map_err(|_| CalDavError::InvalidUrl {
            url: at.to_string(),
        })?;
        if !u.path().ends_with('/') {
            let p = format!("{}/", u.path());
            u.set_path(&p);
        }
        Ok(u.to_string())
    };
    let url = resolve(calendar)?;
    let claims_url = match claims {
        Some(c) => resolve(c)?,
        None => url.clone(),
    };
    // Both must be readable and writable by this account: a test claim made and given
    // back, so a wrong choice is refused now rather than at the first booking.
    let client = session::client(&a)?;
    let probe = write::event_url(
        &claims_url,
        &format!("rondo-probe-{}", store.instance_tag()),
    )?;
    let _ = write::delete(&client, &probe, None); // left by a publish killed half-way
    write::create(&client, &probe, PROBE)?;
    write::delete(&client, &probe, None)?;
    let team = TeamCalendar {
        url,
        claims_url,
        hold_seconds: hold_seconds.unwrap_or(DEFAULT_HOLD_SECONDS),
        cancel,
    };
    for other in store.all::<CalendarAccount>()? {
        if other.team.is_some() && other.name != a.name {
            store.update(other.name.as_str(), |mut o: CalendarAccount| {
                o.team = None;
                Ok::<_, UseCaseError>(o)
            })?;
        }
    }
    let t = team.clone();
    store.update(a.name.as_str(), move |mut a: CalendarAccount| {
        a.team = Some(t.clone());
        a.validate()?;
        Ok::<_, UseCaseError>(a)
    })?;
    Ok(team)
}

/// The window's "Write bookings here": [`publish`] with the claims in the interview
/// calendar itself and the default hold, then the bookings not on it yet written
/// ([`push_pending`], as `rondo calendar publish` does); what it did, in words.
pub fn use_for_bookings(
    store: &Store,
    account: &str,
    calendar: &str,
    cancel: CancelMode,
    now: DateTime<Utc>,
) -> Result<String, UseCaseError> {
    let t = publish(store, account, calendar, None, None, cancel)?;
    let a = accounts::account(store, account)?;
    let name = a
        .calendar(&t.url)
        .map_or_else(|| t.url.clone(), |c| c.name.clone());
    let mut lines = vec![written_to(&name, a.name.as_str(), cancel)];
    lines.extend(
        push_pending(store, now)?
            .into_iter()
            .map(|p| format!("Not on the team calendar yet: {p}")),
    );
    Ok(lines.join("\n"))
}

/// Where bookings now go and what cancelling does, in words.
fn written_to(calendar: &str, account: &str, cancel: CancelMode) -> String {
    let cancelled = match cancel {
        CancelMode::Delete => "deleted from it",
        CancelMode::MarkCancelled => "kept in it, marked cancelled",
    };
    format!("Bookings are written to {calendar} ({account}); cancelled interviews are {cancelled}.")
}

/// The team calendar's client and settings.
struct Team {
    client: Client,
    calendar: TeamCalendar,
}

fn team(store: &Store) -> Result<Option<Team>, UseCaseError> {
    let Some(a) = team_account(store)? else {
        return Ok(None);
    };
    let calendar = a.team.clone().ok_or(UseCaseError::NoTeamCalendar)?;
    Ok(Some(Team {
        client: session::client(&a)?,
        calendar,
    }))
}

/// The claims of one change, taken and not yet given back.
pub struct Guard {
    team: Team,
    held: Vec<Held>,
}

impl Guard {
    /// Step 3: confirms every claim, so that no other desk may take them over.
    ///
    /// # Errors
    /// [`CalDavError::ClaimLost`] when a hold ran out and another desk took a slot; the
    /// client's errors. Every claim is given back then.
    pub fn confirm(&mut self, now: DateTime<Utc>) -> Result<(), UseCaseError> {
        for i in 0..self.held.len() {
            if let Err(e) = claim::confirm(&self.team.client, &mut self.held[i], now) {
                self.give_back();
                return Err(e.into());
            }
        }
        Ok(())
    }

    /// Gives back the claims this change took (a refused commit); those the bookings
    /// held already (a moved booking's old time) stay.
    pub fn give_back(&self) {
        for h in &self.held {
            let _ = claim::release_new(&self.team.client, h);
        }
    }
}

/// Every interviewer's shared key (their e-mail address), or the error naming the
/// first without one.
fn keys(
    store: &Store,
    ids: &[&InterviewerId],
) -> Result<BTreeMap<InterviewerId, PersonKey>, UseCaseError> {
    let mut out = BTreeMap::new();
    for id in ids {
        let who: Interviewer = store.need(id.as_str())?;
        let key = PersonKey::from_email(&who.email).ok_or_else(|| UseCaseError::NoEmail {
            interviewer: id.to_string(),
        })?;
        out.insert((*id).clone(), key);
    }
    Ok(out)
}

/// Steps 1 and 2 for the live bookings of `changed` (new, or at their new times):
/// claims on the team server and the other desks' claims re-read into the store.
/// `None` when no team calendar is set (nothing to do).
pub fn before(
    store: &Store,
    changed: &[Booking],
    now: DateTime<Utc>,
) -> Result<Option<Guard>, UseCaseError> {
    let live: Vec<&Booking> = changed.iter().filter(|b| b.status.is_live()).collect();
    if live.is_empty() {
        return Ok(None);
    }
    let Some(team) = team(store)? else {
        return Ok(None);
    };
    let ids: Vec<&InterviewerId> = live.iter().flat_map(|b| b.interviewers.iter()).collect();
    let keys = keys(store, &ids)?;
    let desk = store.instance_tag().to_string();
    let hold = Duration::seconds(i64::from(team.calendar.hold_seconds));
    let mut guard = Guard {
        team,
        held: Vec::new(),
    };
    for b in &live {
        let intent = Intent {
            desk: desk.clone(),
            booking: b.uid.clone(),
            slots: b
                .interviewers
                .iter()
                .filter_map(|i| keys.get(i))
                .map(|k| {
                    (
                        k.clone(),
                        Interval {
                            start: b.start,
                            end: b.end,
                        },
                    )
                })
                .collect(),
            hold,
        };
        match claim::claim(
            &guard.team.client,
            &guard.team.calendar.claims_url,
            &intent,
            now,
        ) {
            Ok(h) => guard.held.push(h),
            Err(e) => {
                guard.give_back();
                return Err(e.into());
            }
        }
    }
    // Step 2: what the other desks hold on these people, near these times.
    let (Some(start), Some(end)) = (
        live.iter().map(|b| b.start).min(),
        live.iter().map(|b| b.end).max(),
    ) else {
        return Ok(Some(guard));
    };
    let near = Interval {
        start: start - Duration::days(1),
        end: end + Duration::days(1),
    };
    let people: Vec<PersonKey> = keys.values().cloned().collect();
    match claim::others(
        &guard.team.client,
        &guard.team.calendar.claims_url,
        &people,
        near,
        &desk,
        now,
    ) {
        Ok(others) => {
            let by_person = others_by_person(&keys, &others);
            for id in keys.keys() {
                let busy = by_person.get(id).cloned().unwrap_or_default();
                put_other_desks(store, id, near, busy, now)?;
            }
        }
        Err(e) => {
            guard.give_back();
            return Err(e.into());
        }
    }
    Ok(Some(guard))
}

fn others_by_person(
    keys: &BTreeMap<InterviewerId, PersonKey>,
    others: &[claim::ClaimRecord],
) -> BTreeMap<InterviewerId, Vec<Interval>> {
    let mut out: BTreeMap<InterviewerId, Vec<Interval>> = BTreeMap::new();
    for (id, key) in keys {
        for c in others.iter().filter(|c| &c.person == key) {
            out.entry(id.clone()).or_default().push(c.granule);
        }
    }
    out
}

/// Replaces `who`'s [`OTHER_DESKS`] busy time inside `range` by `busy`, keeping what it
/// says outside.
fn put_other_desks(
    store: &Store,
    who: &InterviewerId,
    range: Interval,
    busy: Vec<Interval>,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let source = SourceId::new(OTHER_DESKS)?;
    let i: Interviewer = store.need(who.as_str())?;
    let kept = i
        .calendars
        .iter()
        .find(|c| c.id == source)
        .map(|c| {
            IntervalSet::from_intervals(c.busy.clone())
                .difference(&IntervalSet::from_intervals(vec![range]))
        })
        .unwrap_or_default();
    let all = kept.union(&IntervalSet::from_intervals(busy));
    let same = i
        .calendars
        .iter()
        .find(|c| c.id == source)
        .is_some_and(|c| c.busy == all.intervals());
    if !same {
        super::super::calendar::import_calendar(
            store,
            who,
            &source,
            "other coordinators' bookings",
            all.intervals().to_vec(),
            now,
        )?;
    }
    Ok(())
}

/// Reads the other desks' live claims over `window` into every linked interviewer's
/// [`OTHER_DESKS`] busy time, gives back this desk's claims of bookings it does not
/// hold live (a desk killed after confirming), and removes expired and past claims.
/// Returns the busy blocks read.
pub fn read_other_desks(
    store: &Store,
    window: Interval,
    now: DateTime<Utc>,
) -> Result<usize, UseCaseError> {
    let Some(team) = team(store)? else {
        return Ok(0);
    };
    let desk = store.instance_tag().to_string();
    let space = &team.calendar.claims_url;
    let all = claim::list(&team.client, space, window)?;
    // This desk's confirmed claims of a booking it does not hold live: given back.
    let live_uids: std::collections::BTreeSet<String> = store
        .all::<Booking>()?
        .into_iter()
        .filter(|b| b.status.is_live())
        .map(|b| b.uid)
        .collect();
    let stale: Vec<claim::HeldClaim> = all
        .iter()
        .filter(|c| {
            c.record.desk == desk
                && c.record.expires.is_none()
                && !live_uids.contains(&c.record.booking)
        })
        .cloned()
        .collect();
    if !stale.is_empty() {
        let _ = claim::release(
            &team.client,
            &Held {
                claims: stale,
                kept: Vec::new(),
            },
        );
    }
    let _ = claim::sweep(&team.client, space, window, now - Duration::days(1), now);
    let mut keys = BTreeMap::new();
    for i in store.all::<Interviewer>()? {
        if let Some(k) = PersonKey::from_email(&i.email) {
            keys.insert(i.id.clone(), k);
        }
    }
    let others: Vec<claim::ClaimRecord> = all
        .into_iter()
        .map(|c| c.record)
        .filter(|r| r.desk != desk && r.is_live(now))
        .collect();
    let by_person = others_by_person(&keys, &others);
    let mut blocks = 0;
    for id in keys.keys() {
        let busy = by_person.get(id).cloned().unwrap_or_default();
        blocks += busy.len();
        let has_source = store
            .need::<Interviewer>(id.as_str())?
            .calendars
            .iter()
            .any(|c| c.id.as_str() == OTHER_DESKS);
        if !busy.is_empty() || has_source {
            put_other_desks(store, id, window, busy, now)?;
        }
    }
    Ok(blocks)
}

/// The panel's event of booking `b` (the invite's UID, at its SEQUENCE, no METHOD).
fn event_text(
    store: &Store,
    b: &Booking,
    now: DateTime<Utc>,
) -> Result<(String, String), UseCaseError> {
    let candidate: Candidate = store.need(b.candidate.as_str())?;
    let people: Vec<Interviewer> = b
        .people()
        .map(|i| store.need::<Interviewer>(i.as_str()))
        .collect::<Result<_, _>>()?;
    let organizer = Settings::load(store.dir()).organizer();
    let party = Party {
        candidate: &candidate,
        interviewers: &people,
        organizer: &organizer,
    };
    let files = booking_invites(std::slice::from_ref(b), &[], party, Method::Request, now)?;
    let panel = files
        .into_iter()
        .find(|f| f.name.ends_with("-panel.ics"))
        .ok_or_else(|| crate::ical::export::PlanInviteError::Unknown {
            what: "panel invite of booking",
            id: b.id.to_string(),
        })?;
    let uid = crate::ical::export::audience_uid(&b.uid, "panel");
    Ok((uid, write::as_resource(&panel.text)))
}

/// Step 4, after the store committed `changed` (as stored now; `old` their versions
/// before, for moves): the events written, the claims of old times and cancelled
/// bookings given back. Returns what did not reach the server, in words (the bookings
/// are stored either way; [`push_pending`] writes them later).
pub fn after(
    store: &Store,
    changed: &[Booking],
    old: &[Booking],
    now: DateTime<Utc>,
) -> Vec<String> {
    let team = match team(store) {
        Ok(Some(t)) => t,
        Ok(None) => return Vec::new(),
        Err(e) => return vec![e.to_string()],
    };
    let mut problems = Vec::new();
    for b in changed {
        if let Err(e) = write_event(store, &team, b, now) {
            problems.push(format!("booking {}: {e}", b.id));
        }
        let keep: Vec<Interval> = if b.status.is_live() {
            claim::granules(Interval {
                start: b.start,
                end: b.end,
            })
        } else {
            Vec::new()
        };
        let before = old.iter().find(|o| o.id == b.id);
        let moved_or_gone =
            !b.status.is_live() || before.is_some_and(|o| o.start != b.start || o.end != b.end);
        if moved_or_gone {
            let was = before.unwrap_or(b);
            let range = Interval {
                start: was.start.min(b.start),
                end: was.end.max(b.end),
            };
            if let Err(e) = give_back_claims(store, &team, &b.uid, range, &keep) {
                problems.push(format!("booking {}: {e}", b.id));
            }
        }
    }
    problems
}

/// Gives back this desk's claims of booking `uid` in `range` on granules not in `keep`.
fn give_back_claims(
    store: &Store,
    team: &Team,
    uid: &str,
    range: Interval,
    keep: &[Interval],
) -> Result<(), CalDavError> {
    let desk = store.instance_tag();
    let mine: Vec<claim::HeldClaim> = claim::list(&team.client, &team.calendar.claims_url, range)?
        .into_iter()
        .filter(|c| {
            c.record.desk == desk && c.record.booking == uid && !keep.contains(&c.record.granule)
        })
        .collect();
    claim::release(
        &team.client,
        &Held {
            claims: mine,
            kept: Vec::new(),
        },
    )
}

/// Writes booking `b` (as stored) to the interview calendar and records the outcome.
fn write_event(
    store: &Store,
    team: &Team,
    b: &Booking,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let held: Option<Published> = store.get(b.id.as_str())?;
    let outcome = write_event_now(store, team, b, held.as_ref(), now);
    let record = match &outcome {
        Ok(p) => p.clone(),
        Err(e) => Published {
            booking: b.id.clone(),
            url: held.as_ref().map(|h| h.url.clone()).unwrap_or_default(),
            etag: held.as_ref().and_then(|h| h.etag.clone()),
            sequence: held.as_ref().and_then(|h| h.sequence),
            at: now,
            problem: Some(e.to_string()),
        },
    };
    store.put(&record)?;
    outcome.map(|_| ())
}

fn write_event_now(
    store: &Store,
    team: &Team,
    b: &Booking,
    held: Option<&Published>,
    now: DateTime<Utc>,
) -> Result<Published, UseCaseError> {
    let (uid, text) = event_text(store, b, now)?;
    let url = match held.filter(|h| !h.url.is_empty()) {
        Some(h) => crate::caldav::parse_url(&h.url)?,
        None => write::event_url(&team.calendar.url, &uid)?,
    };
    let etag = held.and_then(|h| h.etag.clone());
    let written = match (b.status.is_live(), held.and_then(|h| h.sequence), &etag) {
        (true, None, _) => Some(write::create(&team.client, &url, &text)?),
        (true, Some(_), Some(e)) => Some(write::update(&team.client, &url, e, &text)?),
        (true, Some(_), None) => Some(write::create(&team.client, &url, &text)?),
        (false, None, _) => None,
        (false, Some(_), e) => match team.calendar.cancel {
            CancelMode::Delete => {
                write::delete(&team.client, &url, e.as_deref())?;
                None
            }
            CancelMode::MarkCancelled => match e {
                Some(e) => Some(write::cancel(&team.client, &url, e, &text)?),
                None => None,
            },
        },
    };
    Ok(Published {
        booking: b.id.clone(),
        url: url.to_string(),
        etag: written.as_ref().and_then(|w| w.etag.clone()).or_else(|| {
            written
                .is_some()
                .then(|| {
                    write::get(&team.client, &url)
                        .ok()
                        .flatten()
                        .and_then(|(_, e)| e)
                })
                .flatten()
        }),
        sequence: Some(b.sequence),
        at: now,
        problem: None,
    })
}

/// Whether the team calendar holds booking `b` as stored, in words, from what Rondo
/// recorded when it last wrote it (`held`: its [`Published`] record). What says "not
/// yet" is written by the next sync ([`push_pending`]).
pub fn on_server(held: Option<&Published>, b: &Booking) -> String {
    let Some(p) = held else {
        return "not on the team calendar yet: the next sync writes it".into();
    };
    match &p.problem {
        Some(why) => format!("not on the team calendar yet ({why}): the next sync tries again"),
        None if p.sequence != Some(b.sequence) => {
            "an older version is on the team calendar: the next sync writes this one".into()
        }
        None if !b.status.is_live() => "taken off the team calendar".into(),
        None => "on the team calendar".into(),
    }
}

/// Writes every booking whose last write did not reach the server (or whose SEQUENCE
/// moved on since); returns what still did not, in words.
pub fn push_pending(store: &Store, now: DateTime<Utc>) -> Result<Vec<String>, UseCaseError> {
    let Some(team) = team(store)? else {
        return Ok(Vec::new());
    };
    let mut problems = Vec::new();
    let sent: BTreeMap<String, Published> = store
        .all::<Published>()?
        .into_iter()
        .map(|p| (p.booking.to_string(), p))
        .collect();
    for b in store.all::<Booking>()? {
        let p = sent.get(b.id.as_str());
        let due = match p {
            Some(p) => p.problem.is_some() || p.sequence != Some(b.sequence),
            None => b.status.is_live() && b.end > now,
        };
        if due {
            if let Err(e) = write_event(store, &team, &b, now) {
                problems.push(format!("booking {}: {e}", b.id));
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BookingId, BookingStatus, CandidateId, PlanId, RoundId};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn booking(sequence: u32, status: BookingStatus) -> Booking {
        Booking {
            id: BookingId::new("b-1").unwrap(),
            uid: "b-1@rondo".into(),
            sequence,
            candidate: CandidateId::new("cat").unwrap(),
            plan: PlanId::new("one").unwrap(),
            round: RoundId::new("tech").unwrap(),
            round_name: "Technical".into(),
            start: at("2026-11-24T09:00:00Z"),
            end: at("2026-11-24T10:00:00Z"),
            interviewers: vec![InterviewerId::new("ada").unwrap()],
            trainees: vec![],
            status,
            created_at: at("2026-11-20T09:00:00Z"),
            updated_at: at("2026-11-20T09:00:00Z"),
        }
    }

    fn published(sequence: Option<u32>, problem: Option<&str>) -> Published {
        Published {
            booking: BookingId::new("b-1").unwrap(),
            url: "https://cal.example.com/team/interviews/b-1.ics".into(),
            etag: sequence.map(|_| "\"e1\"".into()),
            sequence,
            at: at("2026-11-20T09:00:00Z"),
            problem: problem.map(str::to_string),
        }
    }

    #[test]
    fn each_team_calendar_flag_says_where_the_booking_is() {
        let live = BookingStatus::Confirmed;
        let gone = BookingStatus::Cancelled;
        for (what, held, b, expected) in [
            (
                "never written",
                None,
                booking(0, live),
                "not on the team calendar yet: the next sync writes it",
            ),
            (
                "the last write failed",
                Some(published(None, Some("the server did not answer"))),
                booking(0, live),
                "not on the team calendar yet (the server did not answer): the next sync tries again",
            ),
            (
                "moved since it was written",
                Some(published(Some(0), None)),
                booking(1, live),
                "an older version is on the team calendar: the next sync writes this one",
            ),
            (
                "cancelled and written so",
                Some(published(Some(1), None)),
                booking(1, gone),
                "taken off the team calendar",
            ),
            (
                "written as it is",
                Some(published(Some(1), None)),
                booking(1, live),
                "on the team calendar",
            ),
        ] {
            assert_eq!(on_server(held.as_ref(), &b), expected, "{what}");
        }
    }

    #[test]
    fn choosing_the_team_calendar_says_what_cancelling_does() {
        for (cancel, expected) in [
            (
                CancelMode::Delete,
                "Bookings are written to Interviews (team); cancelled interviews are deleted from it.",
            ),
            (
                CancelMode::MarkCancelled,
                "Bookings are written to Interviews (team); cancelled interviews are kept in it, marked cancelled.",
            ),
        ] {
            assert_eq!(written_to("Interviews", "team", cancel), expected, "{cancel:?}");
        }
    }
}
