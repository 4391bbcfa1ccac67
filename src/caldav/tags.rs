//! Which calendars changed, in one request: a Depth-1 PROPFIND of the collection that
//! holds them (the calendar home, for every calendar discovery lists) for each
//! calendar's `CS:getctag` (the CalendarServer extension most servers offer: Radicale,
//! SabreDAV's Nextcloud and Baïkal, iCloud, Google, SOGo); for the calendars without
//! one, a second listing for `DAV:sync-token` (RFC 6578). Either is a [`tags`] entry.
//!
//! A calendar whose tag is the one seen when it was last read has not changed since:
//! its busy time need not be read again. A calendar the listing gives neither token for
//! gets no tag, and is read as before (`sync-collection` or ETags): nothing here relies
//! on a server offering these properties. The two are not asked for together, nor the
//! collection's `getetag` (not promised to change with its members): a server may work
//! out each over all the events of every calendar (Radicale does, about 0.7 s apiece
//! for 200 calendars of 50 events), so each property asked costs the whole home.

use super::error::CalDavError;
use super::http::Client;
use super::xml::{DavResponse, CALDAV, CALENDARSERVER, DAV};
use std::collections::BTreeMap;
use url::Url;

/// The properties of a listing (name in the body, namespace, local name): first the
/// ctag, then the sync token for the calendars without one.
const CTAG: (&str, &str, &str) = ("CS:getctag", CALENDARSERVER, "getctag");
const SYNC_TOKEN: (&str, &str, &str) = ("D:sync-token", DAV, "sync-token");

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

/// The tag of every calendar in the collection at `home`, by [`collection_path`]:
/// `getctag <value>`, or `sync-token <value>` for a calendar listed without a ctag. A
/// calendar with neither has no entry; none has when the server will not list the
/// collection (404, 405).
///
/// # Errors
/// The client's errors (no answer, a refused password, ...), and
/// [`CalDavError::BadResponse`] for an answer that is not WebDAV.
pub fn tags(client: &Client, home: &str) -> Result<BTreeMap<String, String>, CalDavError> {
    let url = Url::parse(home).map_err(|_| CalDavError::InvalidUrl { url: home.into() })?;
    let list = |prop: (&str, &str, &str)| -> Result<Listing, CalDavError> {
        match super::discovery::propfind(client, &url, "1", &["D:resourcetype", prop.0])? {
            Some((at, responses)) => read_tags(&at, &responses, prop),
            None => Ok(Listing::default()),
        }
    };
    let mut first = list(CTAG)?;
    if !first.untagged.is_empty() {
        for (path, tag) in list(SYNC_TOKEN)?.tags {
            first.tags.entry(path).or_insert(tag);
        }
    }
    Ok(first.tags)
}

/// What one listing gave: tags by path, and the calendars it gave none.
#[derive(Debug, Default)]
struct Listing {
    tags: BTreeMap<String, String>,
    untagged: Vec<String>,
}

/// The calendars of a home's listing answered from `at`, tagged by property `prop`.
fn read_tags(
    at: &Url,
    responses: &[DavResponse],
    prop: (&str, &str, &str),
) -> Result<Listing, CalDavError> {
    let mut out = Listing::default();
    for r in responses {
        let is_calendar = r
            .prop(DAV, "resourcetype")
            .is_some_and(|t| t.child(CALDAV, "calendar").is_some());
        let (true, Ok(member)) = (is_calendar, at.join(&r.href)) else {
            continue;
        };
        let path = collection_path(member.as_str())?;
        match r.text(prop.1, prop.2) {
            Some(value) => {
                out.tags.insert(path, format!("{} {value}", prop.2));
            }
            None => out.untagged.push(path),
        }
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
    fn a_listing_tags_the_calendars_that_give_the_property_asked_for() {
        let doc = r#"<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/">
  <d:response><d:href>/dav/alice/</d:href><d:propstat><d:prop>
    <d:resourcetype><d:collection/></d:resourcetype><cs:getctag>home-1</cs:getctag>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
  <d:response><d:href>/dav/alice/work/</d:href><d:propstat><d:prop>
    <d:resourcetype><d:collection/><c:calendar/></d:resourcetype><cs:getctag>c-1</cs:getctag>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
  <d:response><d:href>relative</d:href><d:propstat><d:prop>
    <d:resourcetype><d:collection/><c:calendar/></d:resourcetype><cs:getctag>c-2</cs:getctag>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
  <d:response><d:href>/dav/alice/plain/</d:href><d:propstat><d:prop>
    <d:resourcetype><d:collection/><c:calendar/></d:resourcetype>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><cs:getctag/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>
</d:multistatus>"#;
        let at = Url::parse("https://cal.example.com/dav/alice/").unwrap();
        let ms = crate::caldav::xml::multistatus(doc).expect("a multistatus");
        let listing = read_tags(&at, &ms.responses, CTAG).expect("tags");
        assert_eq!(
            listing
                .tags
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
            [
                ("/dav/alice/relative/", "getctag c-2"),
                ("/dav/alice/work/", "getctag c-1")
            ],
            "the home itself is no calendar: {listing:?}"
        );
        assert_eq!(
            listing.untagged,
            ["/dav/alice/plain/"],
            "a 404 ctag is none"
        );
        let by_token = read_tags(&at, &ms.responses, SYNC_TOKEN).expect("tags");
        assert!(
            by_token.tags.is_empty(),
            "no sync token listed: {by_token:?}"
        );
        assert_eq!(by_token.untagged.len(), 3);
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
