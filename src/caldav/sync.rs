//! Reading a calendar's busy time over a window, and keeping it up to date cheaply.
//!
//! [`sync_events`] brings a [`SyncState`] (a value the caller keeps: the events of the
//! calendar as the server sent them, with their ETags and the collection's sync token)
//! up to date:
//!
//! - the first time, or when the window leaves the one covered: a `calendar-query`
//!   REPORT with a `time-range` (widened by [`QUERY_MARGIN_DAYS`] either side, so a
//!   server that reads a time zone differently still sends the events at the edges),
//!   asking only for ETags when events are already held, then a `calendar-multiget` of
//!   the new and changed ones;
//! - later, where the calendar offers it, a `sync-collection` REPORT (RFC 6578) with the
//!   token held: only what changed is fetched, what was removed is dropped; a token the
//!   server no longer knows falls back to the query above.
//!
//! The busy time itself ([`busy`]) comes from Rondo's own importer run on each event,
//! so recurrences, exceptions and zones are read exactly as in a file import.
//! [`free_busy`] reads a busy-only calendar with a `free-busy-query` REPORT instead.
//!
//! A failed sync returns an error and leaves the caller's state as it was: the last copy
//! of the busy time stays usable.

use super::error::CalDavError;
use super::http::{server_name, Client, Method, Request};
use super::xml::{self, CALDAV, DAV};
use crate::ical::import::{busy_from_ics, BusyImport, ImportError, ImportOptions, Window};
use crate::interval::IntervalSet;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use url::Url;

/// Days added on either side of the window in a `calendar-query` (see the module docs).
pub const QUERY_MARGIN_DAYS: i64 = 2;

/// At most this many hrefs in one `calendar-multiget`.
const MULTIGET_BATCH: usize = 250;

/// One event resource as last read from the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// Its ETag (quotes included), when the server gave one.
    pub etag: Option<String>,
    /// Its iCalendar text.
    pub ics: String,
}

/// What Rondo holds of one calendar between syncs. Keep it with the busy time it
/// produced; pass it back to the next [`sync_events`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// The window whose events are all held (`None`: never read).
    pub covered: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The collection's sync token at the last sync (RFC 6578), when it offers one.
    pub token: Option<String>,
    /// The event resources held, by their path on the server.
    pub resources: BTreeMap<String, Resource>,
}

/// How a sync went about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SyncMethod {
    /// A `calendar-query` over the window (first read, or a window not covered).
    Query,
    /// A `sync-collection` REPORT: only changes.
    SyncCollection,
}

/// What one sync did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// How it read the calendar.
    pub method: SyncMethod,
    /// Event resources downloaded (new or changed).
    pub fetched: usize,
    /// Event resources dropped (removed on the server, or out of the window).
    pub removed: usize,
    /// Event resources held now.
    pub held: usize,
    /// HTTP requests sent.
    pub requests: usize,
}

/// How to read a calendar: all the server knows about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarRef {
    /// Its absolute address.
    pub url: String,
    /// Whether it offers `sync-collection` (from [`super::CalendarInfo::sync_collection`]).
    pub sync_collection: bool,
}

fn caldav_time(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn bad(url: &Url, detail: impl Into<String>) -> CalDavError {
    CalDavError::BadResponse {
        server: server_name(url),
        path: url.path().to_string(),
        detail: detail.into(),
    }
}

fn collection_url(text: &str) -> Result<Url, CalDavError> {
    let mut url = super::http::parse_url(text)?;
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// A REPORT that must answer 207; its multistatus.
pub(crate) fn report(
    client: &Client,
    url: &Url,
    depth: &'static str,
    body: String,
    requests: &mut usize,
) -> Result<xml::Multistatus, CalDavError> {
    *requests += 1;
    let reply = client.send(&Request::new(Method::Report, url.clone()).xml(Some(depth), body))?;
    if reply.status == 403 {
        return Err(client.forbidden(&reply, "read"));
    }
    if reply.status != 207 {
        return Err(reply.unexpected(Method::Report));
    }
    xml::multistatus(&reply.body).map_err(|d| bad(&reply.url, d))
}

fn path_of(collection: &Url, href: &str) -> Result<String, CalDavError> {
    collection
        .join(href)
        .map(|u| u.path().to_string())
        .map_err(|_| bad(collection, format!("the href {href:?} is not an address")))
}

/// Brings `previous` up to date for `window` and returns the new state and what was done.
///
/// # Errors
/// The client's errors (401, 403, 404, 5xx, no answer, ...) and
/// [`CalDavError::BadResponse`] for an answer that is not CalDAV. `previous` is never
/// changed: on an error, keep it and its busy time.
pub fn sync_events(
    client: &Client,
    calendar: &CalendarRef,
    previous: &SyncState,
    window: Window,
) -> Result<(SyncState, SyncReport), CalDavError> {
    let url = collection_url(&calendar.url)?;
    let covered = previous
        .covered
        .is_some_and(|(s, e)| s <= window.start() && window.end() <= e);
    let mut requests = 0;
    if let (true, true, Some(token)) = (calendar.sync_collection, covered, &previous.token) {
        // `None`: the token is no longer valid; read the window again below.
        if let Some((state, fetched, removed)) =
            sync_collection(client, &url, previous, token, &mut requests)?
        {
            let held = state.resources.len();
            return Ok((
                state,
                SyncReport {
                    method: SyncMethod::SyncCollection,
                    fetched,
                    removed,
                    held,
                    requests,
                },
            ));
        }
    }
    query(client, calendar, &url, previous, window, requests)
}

/// The `DAV:sync-token` property of the collection.
fn current_token(
    client: &Client,
    url: &Url,
    requests: &mut usize,
) -> Result<Option<String>, CalDavError> {
    *requests += 1;
    Ok(
        super::discovery::propfind(client, url, "0", &["D:sync-token"])?
            .and_then(|(_, responses)| responses.first().and_then(|r| r.text(DAV, "sync-token"))),
    )
}

fn query(
    client: &Client,
    calendar: &CalendarRef,
    url: &Url,
    previous: &SyncState,
    window: Window,
    mut requests: usize,
) -> Result<(SyncState, SyncReport), CalDavError> {
    // The token is read before the query: a change made in between is seen again next time.
    let token = if calendar.sync_collection {
        current_token(client, url, &mut requests)?
    } else {
        None
    };
    let margin = Duration::days(QUERY_MARGIN_DAYS);
    let with_data = previous.resources.is_empty();
    let body = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>{}</D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="{}" end="{}"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>"#,
        if with_data { "<C:calendar-data/>" } else { "" },
        caldav_time(window.start() - margin),
        caldav_time(window.end() + margin),
    );
    let ms = report(client, url, "1", body, &mut requests)?;
    let mut resources = BTreeMap::new();
    let mut wanted = Vec::new();
    for r in &ms.responses {
        let path = path_of(url, &r.href)?;
        if path == url.path() || r.status.is_some_and(|s| s >= 300) {
            continue;
        }
        let etag = r.text(DAV, "getetag");
        if let Some(data) = r.prop(CALDAV, "calendar-data") {
            resources.insert(
                path,
                Resource {
                    etag,
                    ics: data.text.clone(),
                },
            );
            continue;
        }
        match previous.resources.get(&path) {
            Some(held) if etag.is_some() && held.etag == etag => {
                resources.insert(path, held.clone());
            }
            _ => wanted.push(path),
        }
    }
    let mut fetched = if with_data { resources.len() } else { 0 };
    fetched += multiget(client, url, &wanted, &mut resources, &mut requests)?;
    let removed = previous
        .resources
        .keys()
        .filter(|k| !resources.contains_key(*k))
        .count();
    let held = resources.len();
    Ok((
        SyncState {
            covered: Some((window.start(), window.end())),
            token,
            resources,
        },
        SyncReport {
            method: SyncMethod::Query,
            fetched,
            removed,
            held,
            requests,
        },
    ))
}

/// Downloads `paths` into `into`; returns how many came back (a path gone meanwhile is
/// left out).
fn multiget(
    client: &Client,
    url: &Url,
    paths: &[String],
    into: &mut BTreeMap<String, Resource>,
    requests: &mut usize,
) -> Result<usize, CalDavError> {
    let mut got = 0;
    for batch in paths.chunks(MULTIGET_BATCH) {
        let mut body = String::from(
            r#"<?xml version="1.0" encoding="utf-8"?><C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>"#,
        );
        for p in batch {
            body.push_str("<D:href>");
            body.push_str(&xml::escape(p));
            body.push_str("</D:href>");
        }
        body.push_str("</C:calendar-multiget>");
        let ms = report(client, url, "1", body, requests)?;
        for r in &ms.responses {
            let Some(data) = r.prop(CALDAV, "calendar-data") else {
                continue;
            };
            into.insert(
                path_of(url, &r.href)?,
                Resource {
                    etag: r.text(DAV, "getetag"),
                    ics: data.text.clone(),
                },
            );
            got += 1;
        }
    }
    Ok(got)
}

/// Applies the changes since `token`; `None` when the server no longer knows the token.
fn sync_collection(
    client: &Client,
    url: &Url,
    previous: &SyncState,
    token: &str,
    requests: &mut usize,
) -> Result<Option<(SyncState, usize, usize)>, CalDavError> {
    let mut state = previous.clone();
    let mut token = token.to_string();
    let mut changed: Vec<String> = Vec::new();
    let mut removed = 0;
    // A server may cut a long answer short (507 on the collection): ask again from the
    // token it gave, a bounded number of times.
    for _ in 0..100 {
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>{}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>"#,
            xml::escape(&token)
        );
        *requests += 1;
        let reply = client.send(&Request::new(Method::Report, url.clone()).xml(Some("1"), body))?;
        if matches!(reply.status, 403 | 409) {
            if reply.body.contains("valid-sync-token") {
                return Ok(None);
            }
            return Err(client.forbidden(&reply, "read"));
        }
        if reply.status != 207 {
            return Err(reply.unexpected(Method::Report));
        }
        let ms = xml::multistatus(&reply.body).map_err(|d| bad(&reply.url, d))?;
        let mut truncated = false;
        for r in &ms.responses {
            let path = path_of(url, &r.href)?;
            if path == url.path() {
                truncated |= r.status == Some(507);
                continue;
            }
            if r.status == Some(404) {
                changed.retain(|c| c != &path);
                if state.resources.remove(&path).is_some() {
                    removed += 1;
                }
                continue;
            }
            let etag = r.text(DAV, "getetag");
            let same = etag.is_some()
                && state
                    .resources
                    .get(&path)
                    .is_some_and(|held| held.etag == etag);
            if !same && !changed.contains(&path) {
                changed.push(path);
            }
        }
        token = ms
            .sync_token
            .ok_or_else(|| bad(url, "a sync-collection answer without a sync-token"))?;
        if !truncated {
            break;
        }
    }
    // A member changed and then removed before the multiget is not sent back: gone.
    for path in &changed {
        state.resources.remove(path);
    }
    let fetched = multiget(client, url, &changed, &mut state.resources, requests)?;
    state.token = Some(token);
    Ok(Some((state, fetched, removed)))
}

/// An event resource that gave no busy time, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    /// Its path on the server.
    pub path: String,
    /// Why nothing was read from it.
    pub reason: String,
}

/// The busy time held in a [`SyncState`] over `window`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarBusy {
    /// Busy time, events read, occurrences, skipped events and warnings of every
    /// resource together (lines are those of each resource).
    pub import: BusyImport,
    /// Resources with nothing usable (a to-do sent by a server that ignores the filter
    /// is not counted: it is not an event).
    pub unreadable: Vec<Unreadable>,
}

/// Reads the busy time of the events in `state` over `window`, each with Rondo's
/// importer, so that RRULE, EXDATE, RECURRENCE-ID, VTIMEZONE and Windows zones behave
/// exactly as in a file import.
pub fn busy(state: &SyncState, window: Window, opts: &ImportOptions) -> CalendarBusy {
    let mut import = BusyImport::default();
    let mut set = IntervalSet::new();
    let mut unreadable = Vec::new();
    for (path, resource) in &state.resources {
        match busy_from_ics(&resource.ics, window, opts) {
            Ok(one) => {
                set = set.union(&one.busy_set());
                import.events += one.events;
                import.occurrences += one.occurrences;
                import.skipped.extend(one.skipped);
                import.warnings.extend(one.warnings);
            }
            Err(ImportError::NoEvents) => {}
            Err(e) => unreadable.push(Unreadable {
                path: path.clone(),
                reason: e.to_string(),
            }),
        }
    }
    import.busy = set.intervals().to_vec();
    CalendarBusy { import, unreadable }
}

/// Reads the busy time of a calendar shared busy-only, with a `free-busy-query`
/// REPORT over `window` (RFC 4791 section 7.10); the VFREEBUSY answer is read by
/// Rondo's importer.
///
/// # Errors
/// The client's errors, and [`CalDavError::BadResponse`] when the answer is not a
/// VFREEBUSY calendar.
pub fn free_busy(
    client: &Client,
    calendar_url: &str,
    window: Window,
    opts: &ImportOptions,
) -> Result<BusyImport, CalDavError> {
    let url = collection_url(calendar_url)?;
    let body = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="{}" end="{}"/></C:free-busy-query>"#,
        caldav_time(window.start()),
        caldav_time(window.end()),
    );
    let reply = client.send(&Request::new(Method::Report, url.clone()).xml(Some("1"), body))?;
    if reply.status == 403 {
        return Err(client.forbidden(&reply, "read the free-busy time of"));
    }
    if reply.status != 200 {
        return Err(reply.unexpected(Method::Report));
    }
    match busy_from_ics(&reply.body, window, opts) {
        Ok(b) => Ok(b),
        Err(ImportError::NoEvents) => Ok(BusyImport::default()),
        Err(e) => Err(bad(
            &reply.url,
            format!("the free-busy answer is not a calendar: {e}"),
        )),
    }
}
