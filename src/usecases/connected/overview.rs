//! What the window shows of connected calendars, in words: every account with its
//! calendars (display name, owner, colour), who each is linked to and who it would be
//! linked to by e-mail, where the account's password comes from; and, per interviewer,
//! their linked calendars with when each was last read.

use super::super::UseCaseError;
use super::{reading, session};
use crate::caldav::{AccountKind, CalendarAccount, CalendarCopy, CalendarLinks, LinkedCalendar};
use crate::domain::Interviewer;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// Settings → Calendars.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarsView {
    /// Every account, by name.
    pub accounts: Vec<AccountView>,
    /// Every interviewer (to link a calendar to), by name.
    pub people: Vec<PersonRef>,
}

/// An interviewer named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// One account as the window lists it.
#[derive(Debug, Clone, Serialize)]
pub struct AccountView {
    /// Its name.
    pub name: String,
    /// `server` or `subscription`.
    pub kind: &'static str,
    /// The address given.
    pub url: String,
    /// The user name (a server account).
    pub user: Option<String>,
    /// Where its password comes from, in words (`None`: a subscription needs none).
    pub password: Option<String>,
    /// True when no password can be found: the window asks for it.
    pub needs_password: bool,
    /// When its calendars were listed, in words.
    pub listed: String,
    /// Its calendars.
    pub calendars: Vec<CalendarView>,
}

/// One calendar of an account.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarView {
    /// Its address (what a link names).
    pub url: String,
    /// Display name.
    pub name: String,
    /// The owner's e-mail, when the server says.
    pub owner: Option<String>,
    /// Colour (`#rrggbb`), when set.
    pub color: Option<String>,
    /// Shared busy-only.
    pub busy_only: bool,
    /// The interviewers it is linked to.
    pub linked: Vec<PersonRef>,
    /// Interviewers whose e-mail owns it, not linked yet (the automatic match).
    pub suggested: Vec<PersonRef>,
    /// When it was last read, or why not, in words (`never read` before a sync).
    pub read: String,
    /// True when it is the team's interview calendar (bookings are written there).
    pub team: bool,
}

fn person(i: &Interviewer) -> PersonRef {
    PersonRef {
        id: i.id.to_string(),
        name: i.name.clone(),
    }
}

/// When a linked calendar was last read, in words, with the last failure if it is
/// newer (`read 3 minutes ago`, `could not be read 1 minute ago: … (read 2 hours ago)`).
pub fn read_words(copy: Option<&CalendarCopy>, now: DateTime<Utc>) -> String {
    let read = copy
        .and_then(|c| c.read_at)
        .map(|at| format!("read {}", reading::age(now - at)));
    let failed = copy
        .and_then(|c| c.error.as_ref())
        .filter(|(at, _)| copy.and_then(|c| c.read_at).is_none_or(|r| *at > r));
    match (read, failed) {
        (read, Some((at, why))) => format!(
            "could not be read {}: {why} ({})",
            reading::age(now - *at),
            read.unwrap_or_else(|| "never read".into())
        ),
        (Some(read), None) => read,
        (None, None) => "never read".into(),
    }
}

/// Every account with its calendars, links and matches, at `now`.
pub fn calendars(store: &Store, now: DateTime<Utc>) -> Result<CalendarsView, UseCaseError> {
    let mut people: Vec<Interviewer> = store.all()?;
    people.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    let links: Vec<CalendarLinks> = store.all()?;
    let copies: BTreeMap<String, CalendarCopy> = super::reading::stored_copies(store)?
        .into_iter()
        .map(|c| (c.key.clone(), c))
        .collect();
    let by_id: BTreeMap<&str, &Interviewer> = people.iter().map(|i| (i.id.as_str(), i)).collect();
    let accounts = store
        .all::<CalendarAccount>()?
        .into_iter()
        .map(|a| account_view(&a, &people, &by_id, &links, &copies, now))
        .collect::<Result<_, _>>()?;
    Ok(CalendarsView {
        accounts,
        people: people.iter().map(person).collect(),
    })
}

fn account_view(
    a: &CalendarAccount,
    people: &[Interviewer],
    by_id: &BTreeMap<&str, &Interviewer>,
    links: &[CalendarLinks],
    copies: &BTreeMap<String, CalendarCopy>,
    now: DateTime<Utc>,
) -> Result<AccountView, UseCaseError> {
    let password = session::password_state(&a.kind)?;
    let calendars = a
        .calendars
        .iter()
        .map(|c| {
            let link = LinkedCalendar {
                account: a.name.clone(),
                url: c.url.clone(),
            };
            let linked: Vec<PersonRef> = links
                .iter()
                .filter(|l| l.calendars.contains(&link))
                .filter_map(|l| by_id.get(l.interviewer.as_str()).map(|i| person(i)))
                .collect();
            let suggested = people
                .iter()
                .filter(|i| {
                    let email = i.email.trim().to_ascii_lowercase();
                    !email.is_empty()
                        && c.owner.as_deref() == Some(email.as_str())
                        && !linked.iter().any(|p| p.id == i.id.as_str())
                })
                .map(person)
                .collect();
            CalendarView {
                url: c.url.clone(),
                name: c.name.clone(),
                owner: c.owner.clone(),
                color: c.color.clone(),
                busy_only: c.busy_only,
                read: if linked.is_empty() {
                    "not linked".into()
                } else {
                    read_words(copies.get(&link.copy_key()), now)
                },
                linked,
                suggested,
                team: a.team.as_ref().is_some_and(|t| t.url == c.url),
            }
        })
        .collect();
    let (kind, user) = match &a.kind {
        AccountKind::Server { user, .. } => ("server", Some(user.clone())),
        AccountKind::Subscription { .. } => ("subscription", None),
    };
    Ok(AccountView {
        name: a.name.to_string(),
        kind,
        url: a.kind.url().to_string(),
        user,
        needs_password: password.as_ref().is_some_and(|p| p.is_err()),
        password: password.map(|p| p.unwrap_or_else(|why| why)),
        listed: a.listed_at.map_or_else(
            || "never listed".into(),
            |at| format!("listed {}", reading::age(now - at)),
        ),
        calendars,
    })
}

/// Interviewer `who`'s linked calendars, one line each: the calendar's name, its
/// account, and when it was last read ([`read_words`]).
pub fn person_calendars(
    store: &Store,
    who: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, UseCaseError> {
    let Some(links) = store.get::<CalendarLinks>(who)? else {
        return Ok(Vec::new());
    };
    let mut lines = Vec::with_capacity(links.calendars.len());
    for l in &links.calendars {
        let name = store
            .get::<CalendarAccount>(l.account.as_str())?
            .and_then(|a| a.calendar(&l.url).map(|c| c.name.clone()))
            .unwrap_or_else(|| l.url.clone());
        let copy = super::reading::stored_copy(store, &l.copy_key())?;
        lines.push(format!(
            "{name} ({}): {}",
            l.account,
            read_words(copy.as_ref(), now)
        ));
    }
    Ok(lines)
}
