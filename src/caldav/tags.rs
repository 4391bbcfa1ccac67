//! Which calendars changed, in one request: a Depth-1 PROPFIND of the collection that
//! holds them (the calendar home, for every calendar discovery lists) for each
//! calendar's `DAV:sync-token` (RFC 6578), `CS:getctag` (the CalendarServer extension
//! most servers offer) and `DAV:getetag`, joined into one [`tags`] entry per calendar.
//!
//! A calendar whose tag is the one seen when it was last read has not changed since:
//! its busy time need not be read again. A calendar the listing gives neither token for
//! gets no tag, and is read as before (`sync-collection` or ETags): nothing here relies
//! on a server offering these properties.

use super::error::CalDavError;
use super::http::Client;
use super::xml::{DavResponse, CALDAV, CALENDARSERVER, DAV};
use std::collections::BTreeMap;
use url::Url;

/// The properties asked for.
const TAG_PROPS: &[&str] = &["D:resourcetype", "D:sync-token", "CS:getctag", "D:getetag"];

/// The path of a collection's address, ending in `/` (how [`tags`] keys calendars).
///
/// # Errors
/// [`CalDavError::InvalidUrl`] when `url` is not an address.
pub fn collection_path(url: &str) -> Result<String, CalDavError> {
    let path = super::http::parse_url(url)?.path().to_string();
    Ok(if path.ends_with('/') {
        path
    } else {
        format!("{path}/")
    })
}

/// The collection that holds the calendar at `calendar` (its parent: the calendar home
/// for a calendar discovery listed), as an absolute address ending in `/`.
///
/// # Errors
/// [`CalDavError::InvalidUrl`] when `calendar` is not an address.
pub fn home_of(calendar: &str) -> Result<String, CalDavError> {
    let mut url = super::http::parse_url(calendar)?;
    let path = collection_path(calendar)?;
    let trimmed = path.trim_end_matches('/');
    let parent = match trimmed.rfind('/') {
        Some(i) => &trimmed[..=i],
        None => "/",
    };
    url.set_path(parent);
    url.set_query(None);
    url.set_fragment(None);
    Ok(url.to_string())
}

/// The tag of every calendar in the collection at `home`, by [`collection_path`]: its
/// sync token, ctag and ETag joined, for the calendars that give a sync token or a ctag.
/// Empty when the server lists neither (or will not list the collection: 404, 405).
///
/// # Errors
/// The client's errors (no answer, a refused password, ...), and
/// [`CalDavError::BadResponse`] for an answer that is not WebDAV.
pub fn tags(client: &Client, home: &str) -> Result<BTreeMap<String, String>, CalDavError> {
    let url = Url::parse(home).map_err(|_| CalDavError::InvalidUrl { url: home.into() })?;
    let Some((at, responses)) = super::discovery::propfind(client, &url, "1", TAG_PROPS)? else {
        return Ok(BTreeMap::new());
    };
    read_tags(&at, &responses)
}

/// The tags in a home's listing answered from `at` (see [`tags`]).
fn read_tags(at: &Url, responses: &[DavResponse]) -> Result<BTreeMap<String, String>, CalDavError> {
    let mut out = BTreeMap::new();
    for r in responses {
        let is_calendar = r
            .prop(DAV, "resourcetype")
            .is_some_and(|t| t.child(CALDAV, "calendar").is_some());
        let (sync, ctag) = (r.text(DAV, "sync-token"), r.text(CALENDARSERVER, "getctag"));
        if !is_calendar || (sync.is_none() && ctag.is_none()) {
            continue;
        }
        let Ok(member) = at.join(&r.href) else {
            continue;
        };
        let tag = [sync, ctag, r.text(DAV, "getetag")]
            .map(Option::unwrap_or_default)
            .join("\u{1f}");
        out.insert(collection_path(member.as_str())?, tag);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_of_a_calendar_is_its_parent_collection() {
        for (calendar, home) in [
            (
                "https://cal.example.com/alice/work/",
                "https://cal.example.com/alice/",
            ),
            (
                "https://cal.example.com/alice/work",
                "https://cal.example.com/alice/",
            ),
            (
                "https://cal.example.com:8443/dav/calendars/alice/work/?x=1",
                "https://cal.example.com:8443/dav/calendars/alice/",
            ),
            ("https://cal.example.com/work/", "https://cal.example.com/"),
        ] {
            assert_eq!(home_of(calendar).unwrap(), home, "home of {calendar}");
        }
    }

    #[test]
    fn only_calendars_with_a_sync_token_or_a_ctag_get_a_tag() {
        let doc = r#"<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/">
  <d:response><d:href>/dav/alice/</d:href><d:propstat><d:prop>
    <d:resourcetype><d:collection/></d:resourcetype><d:sync-token>home-1</d:sync-token>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
  <d:response><d:href>/dav/alice/both/</d:href><d:propstat><d:prop>
    <d:resourcetype><d:collection/><c:calendar/></d:resourcetype>
    <d:sync-token>s-1</d:sync-token><cs:getctag>c-1</cs:getctag><d:getetag>"e-1"</d:getetag>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
  <d:response><d:href>ctag-only</d:href><d:propstat><d:prop>
    <d:resourcetype><d:collection/><c:calendar/></d:resourcetype><cs:getctag>c-2</cs:getctag>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:sync-token/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>
  <d:response><d:href>/dav/alice/etag-only/</d:href><d:propstat><d:prop>
    <d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:getetag>"e-3"</d:getetag>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
</d:multistatus>"#;
        let at = Url::parse("https://cal.example.com/dav/alice/").unwrap();
        let ms = crate::caldav::xml::multistatus(doc).expect("a multistatus");
        let tags = read_tags(&at, &ms.responses).expect("tags");
        assert_eq!(
            tags.keys().map(String::as_str).collect::<Vec<_>>(),
            ["/dav/alice/both/", "/dav/alice/ctag-only/"],
            "the home itself is no calendar, and an ETag alone is not trusted: {tags:?}"
        );
        assert_eq!(tags["/dav/alice/both/"], "s-1\u{1f}c-1\u{1f}\"e-1\"");
        assert_eq!(tags["/dav/alice/ctag-only/"], "\u{1f}c-2\u{1f}");
    }

    #[test]
    fn a_collection_path_ends_in_a_slash() {
        assert_eq!(
            collection_path("http://127.0.0.1:5232/bob/t1-a").unwrap(),
            "/bob/t1-a/"
        );
        assert_eq!(
            collection_path("http://127.0.0.1:5232/bob/t1-a/").unwrap(),
            "/bob/t1-a/"
        );
    }
}
