//! Writing events into a calendar: create with `If-None-Match: *` (never over someone
//! else's event), change with `If-Match` on the ETag held, delete, or mark cancelled.
//! A 412 is [`CalDavError::Conflict`]: someone else changed it; read it again with [`get`].

use super::error::CalDavError;
use super::http::{parse_url, Client, Method, Request};
use url::Url;

/// An event resource as written or read: where it is and its ETag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Its absolute address.
    pub url: String,
    /// Its ETag after the write, when the server gave one (a server that changed the
    /// data on the way may not; read it again with [`get`] to learn it).
    pub etag: Option<String>,
}

/// The address of the event named `name` (a UID, say) in `calendar`: the name with every
/// byte outside `A-Za-z0-9._~@-` percent-encoded, then `.ics`.
///
/// # Errors
/// [`CalDavError::InvalidUrl`] when `calendar` is not an address.
pub fn event_url(calendar: &str, name: &str) -> Result<Url, CalDavError> {
    let mut base = parse_url(calendar)?;
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    base.join(&format!("{}.ics", segment(name)))
        .map_err(|_| CalDavError::InvalidUrl {
            url: format!("{calendar}{name}.ics"),
        })
}

/// `text` made safe as one path segment (percent-encoding all but unreserved bytes and `@`).
pub fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'@' | b'-') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A calendar object resource must not carry `METHOD` (RFC 4791 section 4.1): the
/// invite text without its `METHOD` line.
pub fn as_resource(ics: &str) -> String {
    ics.split_inclusive('\n')
        .filter(|line| !line.to_ascii_uppercase().starts_with("METHOD:"))
        .collect()
}

fn put(
    client: &Client,
    url: Url,
    ics: &str,
    condition: (&'static str, String),
) -> Result<Written, CalDavError> {
    let reply = client.send(
        &Request::new(Method::Put, url)
            .when(condition.0, condition.1)
            .calendar(as_resource(ics)),
    )?;
    if reply.is_success() {
        return Ok(Written {
            url: reply.url.to_string(),
            etag: reply.etag,
        });
    }
    Err(reply.unexpected(Method::Put))
}

/// Creates the event at `url`, only if nothing is there (`If-None-Match: *`).
///
/// # Errors
/// [`CalDavError::Conflict`] when something already is; the client's errors otherwise.
pub fn create(client: &Client, url: &Url, ics: &str) -> Result<Written, CalDavError> {
    put(client, url.clone(), ics, ("If-None-Match", "*".into()))
}

/// Replaces the event at `url`, only if it is still the version `etag` (`If-Match`).
///
/// # Errors
/// [`CalDavError::Conflict`] when it changed (or was deleted) since; the client's
/// errors otherwise.
pub fn update(client: &Client, url: &Url, etag: &str, ics: &str) -> Result<Written, CalDavError> {
    put(client, url.clone(), ics, ("If-Match", etag.to_string()))
}

/// What a delete found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// It was there and is gone.
    Removed,
    /// It was already gone.
    AlreadyGone,
}

/// Deletes the event at `url`; with `etag`, only if it is still that version.
///
/// # Errors
/// [`CalDavError::Conflict`] when it changed since `etag`; the client's errors otherwise.
pub fn delete(client: &Client, url: &Url, etag: Option<&str>) -> Result<Deleted, CalDavError> {
    let mut request = Request::new(Method::Delete, url.clone());
    if let Some(e) = etag {
        request = request.when("If-Match", e);
    }
    let reply = client.send(&request)?;
    match reply.status {
        200..=299 => Ok(Deleted::Removed),
        404 | 410 => Ok(Deleted::AlreadyGone),
        _ => Err(reply.unexpected(Method::Delete)),
    }
}

/// Reads the event at `url`: its text and ETag, or `None` when there is none.
///
/// # Errors
/// The client's errors.
pub fn get(client: &Client, url: &Url) -> Result<Option<(String, Option<String>)>, CalDavError> {
    let reply = client.send(&Request::new(Method::Get, url.clone()))?;
    match reply.status {
        200 => Ok(Some((reply.body, reply.etag))),
        404 | 410 => Ok(None),
        _ => Err(reply.unexpected(Method::Get)),
    }
}

/// The event text with every VEVENT's `STATUS` set to `CANCELLED` (added where missing).
pub fn cancelled_text(ics: &str) -> String {
    let mut out = String::with_capacity(ics.len() + 32);
    let mut in_event = false;
    let mut has_status = false;
    for line in ics.split_inclusive('\n') {
        let upper = line.trim_end().to_ascii_uppercase();
        let eol = if line.ends_with("\r\n") { "\r\n" } else { "\n" };
        if upper == "BEGIN:VEVENT" {
            in_event = true;
            has_status = false;
        } else if in_event && upper.starts_with("STATUS") && upper[6..].starts_with([':', ';']) {
            out.push_str("STATUS:CANCELLED");
            out.push_str(eol);
            has_status = true;
            continue;
        } else if upper == "END:VEVENT" {
            if !has_status {
                out.push_str("STATUS:CANCELLED");
                out.push_str(eol);
            }
            in_event = false;
        }
        out.push_str(line);
    }
    out
}

/// Marks the event at `url` cancelled (STATUS:CANCELLED) instead of deleting it, for
/// teams that keep cancelled interviews visible; `ics` is the text held, `etag` its ETag.
///
/// # Errors
/// As [`update`].
pub fn cancel(client: &Client, url: &Url, etag: &str, ics: &str) -> Result<Written, CalDavError> {
    update(client, url, etag, &cancelled_text(ics))
}

/// Creates a calendar collection for events at `url` (MKCALENDAR, RFC 4791 section 5.3.1)
/// named `name`: the team's interview calendar or its claims calendar. A calendar
/// already there is fine (returns `false`); a new one returns `true`.
///
/// # Errors
/// The client's errors; [`CalDavError::Forbidden`] when the account may not create it.
pub fn make_calendar(client: &Client, url: &Url, name: &str) -> Result<bool, CalDavError> {
    let body = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>{}</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>"#,
        super::xml::escape(name)
    );
    let refused = match client.send(&Request::new(Method::Mkcalendar, url.clone()).xml(None, body))
    {
        Ok(reply) if reply.is_success() => return Ok(true),
        Ok(reply) => reply.unexpected(Method::Mkcalendar),
        Err(e @ (CalDavError::Forbidden { .. } | CalDavError::Conflict { .. })) => e,
        Err(e) => return Err(e),
    };
    // Servers refuse a MKCALENDAR over an existing collection in different ways (405,
    // 403 resource-must-be-null, 409): look whether a calendar is there.
    let found = super::discovery::propfind(client, url, "0", &["D:resourcetype"])?;
    let is_calendar = found.is_some_and(|(_, responses)| {
        responses.first().is_some_and(|r| {
            r.prop(super::xml::DAV, "resourcetype")
                .is_some_and(|t| t.child(super::xml::CALDAV, "calendar").is_some())
        })
    });
    if is_calendar {
        Ok(false)
    } else {
        Err(refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancelling_replaces_or_adds_the_status_of_each_event() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let out = cancelled_text(ics);
        assert_eq!(out.matches("STATUS:CANCELLED\r\n").count(), 2, "{out}");
        assert!(!out.contains("CONFIRMED"), "{out}");
    }

    #[test]
    fn a_resource_carries_no_method() {
        let ics =
            "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert!(!as_resource(ics).contains("METHOD"));
    }

    #[test]
    fn event_names_are_one_path_segment() {
        let url = event_url("https://h.example/cal/team", "bk-1.x/y z@rondo").unwrap();
        assert_eq!(url.path(), "/cal/team/bk-1.x%2Fy%20z@rondo.ics");
    }
}
