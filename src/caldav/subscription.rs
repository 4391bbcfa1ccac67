//! Subscription addresses ("secret address in iCal format", `webcal://`): one calendar
//! fetched whole with `GET`, and not again while it has not changed (`If-None-Match` on
//! the ETag, `If-Modified-Since` on `Last-Modified`; a `304` costs no download).

use super::error::CalDavError;
use super::http::{parse_url, server_name, Client, Method, Request};
use serde::{Deserialize, Serialize};

/// What the server said about the version held, to send back next time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    /// The `ETag` of the version held.
    pub etag: Option<String>,
    /// The `Last-Modified` of the version held.
    pub last_modified: Option<String>,
}

/// The outcome of a fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The calendar has not changed since the version held (`304`).
    NotModified,
    /// A new version: its text and validators.
    Changed {
        /// The `.ics` text.
        text: String,
        /// What to send back next time.
        validators: Validators,
    },
}

/// Fetches the calendar at `address` (`https://`, `http://` or `webcal://`), unless it
/// has not changed since `held`.
///
/// # Errors
/// The client's errors; [`CalDavError::NotFound`] for 404/410;
/// [`CalDavError::BadResponse`] when the answer is not an iCalendar file (a login page).
pub fn fetch(
    client: &Client,
    address: &str,
    held: Option<&Validators>,
) -> Result<Fetched, CalDavError> {
    let url = parse_url(address)?;
    let mut request = Request::new(Method::Get, url);
    if let Some(v) = held {
        if let Some(e) = &v.etag {
            request = request.when("If-None-Match", e.clone());
        }
        if let Some(m) = &v.last_modified {
            request = request.when("If-Modified-Since", m.clone());
        }
    }
    let reply = client.send(&request)?;
    match reply.status {
        304 if held.is_some() => Ok(Fetched::NotModified),
        200 => {
            if !reply.body.contains("BEGIN:VCALENDAR") {
                return Err(CalDavError::BadResponse {
                    server: server_name(&reply.url),
                    path: reply.url.path().to_string(),
                    detail: "not an iCalendar file (no BEGIN:VCALENDAR)".into(),
                });
            }
            Ok(Fetched::Changed {
                text: reply.body,
                validators: Validators {
                    etag: reply.etag,
                    last_modified: reply.last_modified,
                },
            })
        }
        _ => Err(reply.unexpected(Method::Get)),
    }
}
