//! Accounts and links: a coordinator adds an account (a CalDAV server found by RFC 6764
//! discovery, or one subscription address), Rondo lists its calendars, and each calendar
//! is linked to the interviewer it belongs to: by hand, or by the owner's e-mail.

use super::super::UseCaseError;
use super::session;
use crate::caldav::{self, subscription, CalendarInfo};
use crate::caldav::{AccountKind, CalendarAccount, CalendarLinks, LinkedCalendar, ServerCalendar};
use crate::domain::{AccountId, Interviewer, InterviewerId};
use crate::passwords::{self, Keyring, Remembered};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// What was added: the account as stored, and where its password went.
#[derive(Debug, Clone, Serialize)]
pub struct Added {
    /// The account.
    pub account: CalendarAccount,
    /// Where the password is kept, in words (`None` for a subscription).
    pub password: Option<String>,
}

fn server_calendar(c: CalendarInfo) -> ServerCalendar {
    ServerCalendar {
        busy_only: c.access.busy_only(),
        url: c.url,
        name: c.name,
        owner: c.owner_emails.into_iter().next(),
        color: c.color,
        sync_collection: c.sync_collection,
    }
}

/// Reads the calendars of `kind` from the server (discovery and listing, or one fetch
/// of a subscription).
fn read_calendars(
    kind: &AccountKind,
    password: Option<String>,
) -> Result<Vec<ServerCalendar>, UseCaseError> {
    let client = session::client_with(kind, password)?;
    match kind {
        AccountKind::Server { url, .. } => {
            let account = caldav::discover(&client, &caldav::parse_url(url)?)?;
            Ok(caldav::list_calendars(&client, &account)?
                .into_iter()
                .filter(CalendarInfo::holds_events)
                .map(server_calendar)
                .collect())
        }
        AccountKind::Subscription { url } => {
            let name = match subscription::fetch(&client, url, None)? {
                subscription::Fetched::Changed { text, .. } => calendar_name(&text),
                subscription::Fetched::NotModified => None,
            };
            Ok(vec![ServerCalendar {
                url: url.clone(),
                name: name.unwrap_or_else(|| {
                    caldav::http::server_name(
                        &caldav::parse_url(url).unwrap_or_else(|_| unreachable_url()),
                    )
                    .0
                }),
                owner: None,
                color: None,
                busy_only: false,
                sync_collection: false,
            }])
        }
    }
}

fn unreachable_url() -> url::Url {
    url::Url::parse("https://calendar.invalid/").expect("a valid literal address")
}

/// The `X-WR-CALNAME` of a published calendar, if it has one.
fn calendar_name(ics: &str) -> Option<String> {
    ics.lines()
        .find_map(|l| l.strip_prefix("X-WR-CALNAME:"))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
}

/// What an address and user make: a server account with a user, a subscription
/// without (`webcal://` read as `https://`).
pub fn kind_of(url: &str, user: Option<&str>) -> Result<AccountKind, UseCaseError> {
    let url = url.trim();
    caldav::no_password_in(&url.replace("webcal://", "https://"))?;
    let parsed = caldav::parse_url(url)?;
    let url = parsed.to_string();
    Ok(match user.map(str::trim).filter(|u| !u.is_empty()) {
        Some(user) => AccountKind::Server {
            url,
            user: user.to_string(),
        },
        None => AccountKind::Subscription { url },
    })
}

/// Adds account `name` at `url` (signed in as `user`, with `password` when given,
/// else as the connected session finds it): discovers the server and lists its calendars
/// (or fetches the subscription once), keeps the password in `keyring` when it was
/// given, and stores the account. Nothing is stored when the server cannot be read.
pub fn add(
    store: &Store,
    name: &str,
    url: &str,
    user: Option<&str>,
    password: Option<String>,
    keyring: &dyn Keyring,
    now: DateTime<Utc>,
) -> Result<Added, UseCaseError> {
    let name = AccountId::new(name.trim())?;
    if store.get::<CalendarAccount>(name.as_str())?.is_some() {
        return Err(StoreError::Exists {
            kind: "calendar account",
            id: name.to_string(),
        }
        .into());
    }
    let kind = kind_of(url, user)?;
    let calendars = read_calendars(&kind, password.clone())?;
    let account = CalendarAccount {
        name,
        kind,
        calendars,
        listed_at: Some(now),
        team: None,
    };
    account.validate()?;
    let remembered = match (session::key_of(&account.kind)?, password) {
        (Some(key), Some(p)) => {
            // Kept for this run too, so a desk without a keyring reads it until it quits.
            session::give_password(&account, &p)?;
            Some(passwords::remember(&key, &p, keyring).to_string())
        }
        (Some(_), None) => {
            Some("the password came from the keyring or RONDO_CALENDAR_PASSWORD".into())
        }
        (None, _) => None,
    };
    store.insert_new(&account)?;
    Ok(Added {
        account,
        password: remembered,
    })
}

/// Keeps `password` for account `name`'s user: in `keyring` when it can, and for this
/// run in any case (the window's "asked once per run" where there is no keyring);
/// says where, in words.
pub fn set_password(
    store: &Store,
    name: &str,
    password: &str,
    keyring: &dyn Keyring,
) -> Result<String, UseCaseError> {
    let a = account(store, name)?;
    let Some(key) = session::key_of(&a.kind)? else {
        return Ok("a subscription needs no password".into());
    };
    session::give_password(&a, password)?;
    Ok(match passwords::remember(&key, password, keyring) {
        Remembered::InKeyring => Remembered::InKeyring.to_string(),
        Remembered::NotKept(why) => format!(
            "the password is kept in memory until Rondo quits: no keyring could keep it ({why})"
        ),
    })
}

/// Where a password went, in words ([`Remembered`]).
pub fn said(r: &Remembered) -> String {
    r.to_string()
}

/// The account named `name`.
pub fn account(store: &Store, name: &str) -> Result<CalendarAccount, UseCaseError> {
    store
        .get::<CalendarAccount>(name.trim())?
        .ok_or_else(|| UseCaseError::NoAccount {
            name: name.trim().to_string(),
        })
}

/// Lists `name`'s calendars on the server again and stores them.
pub fn refresh(
    store: &Store,
    name: &str,
    now: DateTime<Utc>,
) -> Result<CalendarAccount, UseCaseError> {
    let a = account(store, name)?;
    let calendars = read_calendars(&a.kind, None)?;
    store.update(a.name.as_str(), |mut a: CalendarAccount| {
        a.calendars = calendars.clone();
        a.listed_at = Some(now);
        Ok::<_, UseCaseError>(a)
    })
}

/// Every account, by name.
pub fn list(store: &Store) -> Result<Vec<CalendarAccount>, UseCaseError> {
    Ok(store.all()?)
}

/// Which calendar of an account to link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    /// The calendar at this address or href (relative to the account's address).
    At(String),
    /// The calendars whose owner has the interviewer's e-mail address.
    ByEmail,
}

impl Which {
    /// `auto` → [`Which::ByEmail`]; anything else an address or href.
    pub fn parse(text: &str) -> Which {
        match text.trim() {
            "auto" => Which::ByEmail,
            other => Which::At(other.to_string()),
        }
    }
}

/// The calendars of `account` that `which` names for `who`.
fn chosen<'a>(
    account: &'a CalendarAccount,
    who: &Interviewer,
    which: &Which,
) -> Result<Vec<&'a ServerCalendar>, UseCaseError> {
    match which {
        Which::At(at) => {
            let base = caldav::parse_url(account.kind.url())?;
            let full = base
                .join(at.trim())
                .map(|u| u.to_string())
                .unwrap_or_default();
            let trimmed = |s: &str| s.trim_end_matches('/').to_string();
            account
                .calendars
                .iter()
                .find(|c| trimmed(&c.url) == trimmed(&full) || trimmed(&c.url) == trimmed(at))
                .map(|c| vec![c])
                .ok_or_else(|| UseCaseError::NoCalendar {
                    account: account.name.to_string(),
                    calendar: at.clone(),
                })
        }
        Which::ByEmail => {
            let email = who.email.trim().to_ascii_lowercase();
            let found: Vec<&ServerCalendar> = account
                .calendars
                .iter()
                .filter(|c| !email.is_empty() && c.owner.as_deref() == Some(email.as_str()))
                .collect();
            if found.is_empty() {
                return Err(UseCaseError::NoCalendar {
                    account: account.name.to_string(),
                    calendar: if email.is_empty() {
                        format!("of {} (they have no e-mail address to match)", who.id)
                    } else {
                        format!("owned by {email}")
                    },
                });
            }
            Ok(found)
        }
    }
}

/// Links calendar(s) of account `account` to interviewer `interviewer` (kept with any
/// linked before); returns every calendar linked to them now.
pub fn link(
    store: &Store,
    interviewer: &InterviewerId,
    account: &str,
    which: &Which,
) -> Result<CalendarLinks, UseCaseError> {
    let a = self::account(store, account)?;
    let who: Interviewer = store.need(interviewer.as_str())?;
    let adding: Vec<LinkedCalendar> = chosen(&a, &who, which)?
        .into_iter()
        .map(|c| LinkedCalendar {
            account: a.name.clone(),
            url: c.url.clone(),
        })
        .collect();
    let mut links = links_of(store, interviewer)?;
    for l in adding {
        if !links.calendars.contains(&l) {
            links.calendars.push(l);
        }
    }
    links.calendars.sort();
    store.put(&links)?;
    Ok(links)
}

/// Links every interviewer whose e-mail owns a calendar of `account` to it; returns
/// the links made (interviewers already linked to it keep theirs).
pub fn link_by_email(store: &Store, account: &str) -> Result<Vec<CalendarLinks>, UseCaseError> {
    let a = self::account(store, account)?;
    let mut made = Vec::new();
    for who in store.all::<Interviewer>()? {
        if chosen(&a, &who, &Which::ByEmail).is_ok() {
            made.push(link(store, &who.id, account, &Which::ByEmail)?);
        }
    }
    Ok(made)
}

/// Removes the link of `interviewer` to the calendar at `url` of `account`, and the
/// busy time it gave them.
pub fn unlink(
    store: &Store,
    interviewer: &InterviewerId,
    account: &str,
    url: &str,
) -> Result<CalendarLinks, UseCaseError> {
    let mut links = links_of(store, interviewer)?;
    let gone: Vec<LinkedCalendar> = links
        .calendars
        .iter()
        .filter(|l| {
            l.account.as_str() == account.trim()
                && l.url.trim_end_matches('/') == url.trim().trim_end_matches('/')
        })
        .cloned()
        .collect();
    if gone.is_empty() {
        return Err(UseCaseError::NoCalendar {
            account: account.to_string(),
            calendar: format!("{url} linked to {interviewer}"),
        });
    }
    links.calendars.retain(|l| !gone.contains(l));
    store.put(&links)?;
    let sources: Vec<_> = gone.iter().map(LinkedCalendar::source_id).collect();
    store.update(interviewer.as_str(), |mut i: Interviewer| {
        i.calendars.retain(|c| !sources.contains(&c.id));
        Ok::<_, UseCaseError>(i)
    })?;
    Ok(links)
}

/// The calendars linked to `interviewer` (none yet: an empty list).
pub fn links_of(store: &Store, interviewer: &InterviewerId) -> Result<CalendarLinks, UseCaseError> {
    Ok(store
        .get::<CalendarLinks>(interviewer.as_str())?
        .unwrap_or_else(|| CalendarLinks {
            interviewer: interviewer.clone(),
            calendars: Vec::new(),
        }))
}
