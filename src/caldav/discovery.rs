//! Finding an account's calendars: RFC 6764 discovery (`/.well-known/caldav`), the
//! principal (`current-user-principal`), its `calendar-home-set` and addresses, and the
//! calendars in the home with what each offers.

use super::error::CalDavError;
use super::http::{Client, Method, Request};
use super::xml::{self, DavResponse, APPLE, CALDAV, DAV};
use serde::Serialize;
use url::Url;

/// What the server says about the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    /// The principal's address.
    pub principal: String,
    /// Where their calendars live (usually one).
    pub homes: Vec<String>,
    /// Their e-mail addresses (`calendar-user-address-set`, `mailto:` removed), lower case.
    pub emails: Vec<String>,
}

/// What the signed-in user may do with a calendar (`current-user-privilege-set`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Access {
    /// May read events (`DAV:read`).
    pub read: bool,
    /// May write events (`DAV:write` or `write-content`).
    pub write: bool,
    /// May read free-busy (`CALDAV:read-free-busy`, implied by `read`).
    pub free_busy: bool,
}

impl Access {
    /// True when only free-busy may be read (a calendar shared "busy only").
    pub fn busy_only(&self) -> bool {
        self.free_busy && !self.read
    }
}

/// One calendar collection, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarInfo {
    /// Its absolute address (what Rondo links and reads).
    pub url: String,
    /// Its href on the server (the path).
    pub href: String,
    /// Its display name (the last path segment when it has none).
    pub name: String,
    /// Its colour (`#RRGGBB` or `#RRGGBBAA`), when it has one.
    pub color: Option<String>,
    /// The components it holds (`VEVENT`, `VTODO`, ...); empty when the server does not say.
    pub components: Vec<String>,
    /// Its owner's principal address.
    pub owner: Option<String>,
    /// Its owner's e-mail addresses, lower case (for linking to interviewers).
    pub owner_emails: Vec<String>,
    /// What the signed-in user may do with it.
    pub access: Access,
    /// Whether it offers `sync-collection` (RFC 6578): later reads fetch only changes.
    pub sync_collection: bool,
    /// Whether it offers the `free-busy-query` report.
    pub free_busy_query: bool,
}

impl CalendarInfo {
    /// True when it can hold events (it lists `VEVENT`, or lists nothing).
    pub fn holds_events(&self) -> bool {
        self.components.is_empty() || self.components.iter().any(|c| c == "VEVENT")
    }
}

fn resolve(base: &Url, href: &str, server: &Url) -> Result<Url, CalDavError> {
    base.join(href).map_err(|_| CalDavError::BadResponse {
        server: super::http::server_name(server),
        path: base.path().to_string(),
        detail: format!("the href {href:?} is not an address"),
    })
}

fn bad_xml(url: &Url, detail: String) -> CalDavError {
    CalDavError::BadResponse {
        server: super::http::server_name(url),
        path: url.path().to_string(),
        detail,
    }
}

/// Sends a PROPFIND and reads its multistatus; `None` for 404/405 (nothing there).
pub(crate) fn propfind(
    client: &Client,
    url: &Url,
    depth: &'static str,
    props: &[&str],
) -> Result<Option<(Url, Vec<DavResponse>)>, CalDavError> {
    let reply = client.send(
        &Request::new(Method::Propfind, url.clone()).xml(Some(depth), xml::propfind(props)),
    )?;
    match reply.status {
        207 => {
            let ms = xml::multistatus(&reply.body).map_err(|d| bad_xml(&reply.url, d))?;
            Ok(Some((reply.url, ms.responses)))
        }
        404 | 405 | 501 => Ok(None),
        _ => Err(reply.unexpected(Method::Propfind)),
    }
}

/// Finds the principal of the signed-in user at `base`: the address given, then the
/// RFC 6764 well-known address (`/.well-known/caldav`), in that order (the other way
/// round when `base` is only a host).
fn find_principal(client: &Client, base: &Url) -> Result<Url, CalDavError> {
    let mut well_known = base.clone();
    well_known.set_path("/.well-known/caldav");
    well_known.set_query(None);
    let tries = if base.path() == "/" || base.path().is_empty() {
        vec![well_known, base.clone()]
    } else {
        vec![base.clone(), well_known]
    };
    for url in &tries {
        let found = match propfind(client, url, "0", &["D:current-user-principal"]) {
            Ok(found) => found,
            // A server that answers garbage at one of the two may be right at the other.
            Err(CalDavError::BadResponse { .. } | CalDavError::UnexpectedStatus { .. }) => None,
            Err(e) => return Err(e),
        };
        let Some((at, responses)) = found else {
            continue;
        };
        let principal = responses
            .iter()
            .filter_map(|r| r.prop(DAV, "current-user-principal"))
            .flat_map(|p| p.hrefs())
            .next();
        if let Some(href) = principal {
            return resolve(&at, &href, &at);
        }
    }
    Err(CalDavError::NotCalDav {
        url: base.to_string(),
    })
}

fn emails(r: &DavResponse) -> Vec<String> {
    r.prop(CALDAV, "calendar-user-address-set")
        .map(|p| p.hrefs())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|h| {
            let lower = h.to_ascii_lowercase();
            lower.strip_prefix("mailto:").map(|m| m.trim().to_string())
        })
        .filter(|m| m.contains('@'))
        .collect()
}

/// Discovers the account at `base`: its principal, calendar homes and e-mail addresses.
///
/// # Errors
/// [`CalDavError::NotCalDav`] when neither `base` nor its well-known address leads to a
/// principal with a calendar home; the client's errors otherwise (401 for a wrong
/// password, a redirect to another server, no answer, ...).
pub fn discover(client: &Client, base: &Url) -> Result<Account, CalDavError> {
    let principal = find_principal(client, base)?;
    let not_caldav = || CalDavError::NotCalDav {
        url: base.to_string(),
    };
    let (at, responses) = propfind(
        client,
        &principal,
        "0",
        &["C:calendar-home-set", "C:calendar-user-address-set"],
    )?
    .ok_or_else(not_caldav)?;
    let me = responses.first().ok_or_else(not_caldav)?;
    let mut homes = Vec::new();
    for href in me
        .prop(CALDAV, "calendar-home-set")
        .map(|p| p.hrefs())
        .unwrap_or_default()
    {
        homes.push(resolve(&at, &href, &at)?.to_string());
    }
    if homes.is_empty() {
        return Err(not_caldav());
    }
    Ok(Account {
        principal: principal.to_string(),
        homes,
        emails: emails(me),
    })
}

const CALENDAR_PROPS: &[&str] = &[
    "D:resourcetype",
    "D:displayname",
    "A:calendar-color",
    "C:supported-calendar-component-set",
    "D:supported-report-set",
    "D:current-user-privilege-set",
    "D:owner",
];

fn has_report(r: &DavResponse, ns: &str, name: &str) -> bool {
    r.prop(DAV, "supported-report-set").is_some_and(|set| {
        set.children_named(DAV, "supported-report")
            .filter_map(|s| s.child(DAV, "report"))
            .any(|report| report.child(ns, name).is_some())
    })
}

fn access(r: &DavResponse) -> Access {
    let Some(set) = r.prop(DAV, "current-user-privilege-set") else {
        // The server does not say: assume reading and writing, and let it refuse.
        return Access {
            read: true,
            write: true,
            free_busy: true,
        };
    };
    let mut privileges = Vec::new();
    for p in set.children_named(DAV, "privilege") {
        for g in &p.children {
            privileges.push((g.ns.as_str(), g.name.as_str()));
        }
    }
    let has = |ns: &str, name: &str| privileges.iter().any(|&(n, m)| n == ns && m == name);
    let all = has(DAV, "all");
    let read = all || has(DAV, "read");
    Access {
        read,
        write: all || has(DAV, "write") || has(DAV, "write-content"),
        free_busy: read || has(CALDAV, "read-free-busy"),
    }
}

/// Lists the calendars in the account's homes, with the owner's e-mail addresses (read
/// from the owner's principal when it is not the signed-in user).
///
/// # Errors
/// The client's errors; [`CalDavError::BadResponse`] for an answer that is not WebDAV.
pub fn list_calendars(
    client: &Client,
    account: &Account,
) -> Result<Vec<CalendarInfo>, CalDavError> {
    let mut out = Vec::new();
    let mut owners: Vec<(String, Vec<String>)> =
        vec![(account.principal.clone(), account.emails.clone())];
    for home in &account.homes {
        let home_url = super::http::parse_url(home)?;
        let Some((at, responses)) = propfind(client, &home_url, "1", CALENDAR_PROPS)? else {
            continue;
        };
        for r in &responses {
            let is_calendar = r
                .prop(DAV, "resourcetype")
                .is_some_and(|t| t.child(CALDAV, "calendar").is_some());
            if !is_calendar {
                continue;
            }
            let url = resolve(&at, &r.href, &at)?;
            let name = r.text(DAV, "displayname").unwrap_or_else(|| {
                url.path_segments()
                    .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(str::to_string))
                    .unwrap_or_else(|| url.path().to_string())
            });
            let components = r
                .prop(CALDAV, "supported-calendar-component-set")
                .map(|set| {
                    set.children_named(CALDAV, "comp")
                        .filter_map(|c| c.attr("name"))
                        .map(|n| n.to_ascii_uppercase())
                        .collect()
                })
                .unwrap_or_default();
            let owner = match r.prop(DAV, "owner").map(|o| o.hrefs()) {
                Some(hrefs) if !hrefs.is_empty() => Some(resolve(&at, &hrefs[0], &at)?.to_string()),
                _ => None,
            };
            let owner_emails = match &owner {
                Some(o) => owner_emails(client, o, &mut owners)?,
                None => Vec::new(),
            };
            out.push(CalendarInfo {
                url: url.to_string(),
                href: url.path().to_string(),
                name,
                color: r.text(APPLE, "calendar-color"),
                components,
                owner,
                owner_emails,
                access: access(r),
                sync_collection: has_report(r, DAV, "sync-collection"),
                free_busy_query: has_report(r, CALDAV, "free-busy-query"),
            });
        }
    }
    Ok(out)
}

fn owner_emails(
    client: &Client,
    owner: &str,
    known: &mut Vec<(String, Vec<String>)>,
) -> Result<Vec<String>, CalDavError> {
    if let Some((_, e)) = known.iter().find(|(o, _)| o == owner) {
        return Ok(e.clone());
    }
    let url = super::http::parse_url(owner)?;
    let found = match propfind(client, &url, "0", &["C:calendar-user-address-set"]) {
        Ok(Some((_, responses))) => responses.first().map(emails).unwrap_or_default(),
        // Another user's principal may be unreadable: the calendar is still listed.
        Ok(None) | Err(CalDavError::Forbidden { .. }) => Vec::new(),
        Err(e) => return Err(e),
    };
    known.push((owner.to_string(), found.clone()));
    Ok(found)
}
