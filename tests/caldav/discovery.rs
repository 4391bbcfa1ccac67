//! Discovery (RFC 6764 well-known address, principal, calendar home) and listing.

use super::{client, fresh_path, new_calendar, server};
use rondo::caldav::http::{Method, Request};
use rondo::caldav::{discover, list_calendars, parse_url, CalDavError};

#[test]
fn discovery_from_the_bare_host_finds_the_principal_and_home() {
    let Some(rad) = server::radicale("discovery_from_the_bare_host") else {
        return;
    };
    let account = discover(&client("alice"), &parse_url(&rad.base).unwrap()).expect("discovery");
    assert_eq!(
        account.principal,
        rad.url("/alice/"),
        "principal via .well-known/caldav"
    );
    assert_eq!(account.homes, vec![rad.url("/alice/")], "calendar-home-set");
    // A deep address works as well (tried before the well-known one).
    let again = discover(&client("alice"), &parse_url(&rad.url("/alice/")).unwrap()).unwrap();
    assert_eq!(again, account);
}

#[test]
fn listing_gives_names_colours_components_access_and_reports() {
    let Some(rad) = server::radicale("listing_gives_names_colours") else {
        return;
    };
    let path = fresh_path("alice", "listed");
    // A calendar with a colour, made with a MKCALENDAR of our own.
    let body = r#"<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/"><D:set><D:prop><D:displayname>Work &amp; more</D:displayname><A:calendar-color>#3366CCFF</A:calendar-color><C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>"#;
    let reply = client("alice")
        .send(
            &Request::new(Method::Mkcalendar, parse_url(&rad.url(&path)).unwrap())
                .xml(None, body.into()),
        )
        .expect("MKCALENDAR");
    assert_eq!(reply.status, 201);
    let account = discover(&client("alice"), &parse_url(&rad.base).unwrap()).unwrap();
    let calendars = list_calendars(&client("alice"), &account).expect("listing");
    let cal = calendars
        .iter()
        .find(|c| c.href == path)
        .unwrap_or_else(|| panic!("{path} listed among {calendars:#?}"));
    assert_eq!(cal.name, "Work & more");
    assert_eq!(cal.color.as_deref(), Some("#3366CCFF"));
    assert_eq!(cal.components, vec!["VEVENT", "VTODO"]);
    assert!(cal.holds_events());
    assert_eq!(cal.owner.as_deref(), Some(rad.url("/alice/").as_str()));
    assert!(
        cal.access.read && cal.access.write && !cal.access.busy_only(),
        "{:?}",
        cal.access
    );
    assert!(cal.sync_collection, "Radicale offers sync-collection");
    assert!(cal.free_busy_query, "Radicale offers free-busy-query");
}

#[test]
fn a_calendar_shared_busy_only_is_listed_as_such() {
    let Some(rad) = server::radicale("a_calendar_shared_busy_only") else {
        return;
    };
    let _ = rondo::caldav::write::make_calendar(
        &client("carol"),
        &parse_url(&rad.url("/carol/busy/")).unwrap(),
        "Carol (busy)",
    )
    .expect("carol makes her calendar");
    let account = rondo::caldav::Account {
        principal: rad.url("/alice/"),
        homes: vec![rad.url("/carol/")],
        emails: vec![],
    };
    let listed = list_calendars(&client("alice"), &account).expect("alice lists carol's home");
    let busy = listed
        .iter()
        .find(|c| c.href == "/carol/busy/")
        .expect("carol/busy listed");
    assert!(busy.access.busy_only(), "{:?}", busy.access);
    assert!(!busy.access.write);
}

#[test]
fn a_wrong_password_is_refused_in_words() {
    let Some(rad) = server::radicale("a_wrong_password_is_refused") else {
        return;
    };
    let wrong = rondo::caldav::Client::new(
        Some(rondo::caldav::Credentials {
            user: "alice".into(),
            password: "not-her-password".into(),
        }),
        rondo::caldav::Timeouts::default(),
    );
    let err = discover(&wrong, &parse_url(&rad.base).unwrap()).unwrap_err();
    assert!(matches!(err, CalDavError::Unauthorized { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("refused the password for alice"), "{text}");
    assert!(
        text.contains(&format!("127.0.0.1:{}", rad.port)),
        "names the server: {text}"
    );
    assert!(
        !text.contains("not-her-password"),
        "never the password: {text}"
    );
}

#[test]
fn a_calendar_address_that_is_not_there_is_not_found() {
    let Some(rad) = server::radicale("a_calendar_address_that_is_not_there") else {
        return;
    };
    let cal = new_calendar(rad, "alice", &fresh_path("alice", "exists"), "Exists");
    let missing = cal.replace("exists", "missing");
    let err = rondo::caldav::sync_events(
        &client("alice"),
        &rondo::caldav::CalendarRef {
            url: missing,
            sync_collection: false,
        },
        &Default::default(),
        super::window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            CalDavError::NotFound { .. } | CalDavError::Forbidden { .. }
        ),
        "{err:?}"
    );
}
