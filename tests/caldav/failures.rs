//! Servers that misbehave: garbage XML, silence, TLS to a server that does not speak it,
//! a redirect to another server, a 5xx. Each gets an error in words, never a hang.

use super::tiny::{response, serve, silent};
use rondo::caldav::{
    discover, parse_url, sync_events, CalDavError, CalendarRef, Client, Credentials, SyncState,
    Timeouts,
};
use std::time::{Duration, Instant};

fn anyone() -> Client {
    Client::new(
        Some(Credentials {
            user: "alice".into(),
            password: "pw".into(),
        }),
        Timeouts {
            connect: Duration::from_secs(2),
            request: Duration::from_secs(2),
        },
    )
}

#[test]
fn garbage_xml_is_a_bad_response_in_words() {
    let tiny = serve(|_| {
        response(
            "207 Multi-Status",
            &[("Content-Type", "application/xml")],
            "<html><body>Welcome to our portal",
        )
    });
    let err = sync_events(
        &anyone(),
        &CalendarRef {
            url: format!("{}/cal/", tiny.base),
            sync_collection: false,
        },
        &SyncState::default(),
        super::window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"),
    )
    .unwrap_err();
    assert!(matches!(err, CalDavError::BadResponse { .. }), "{err:?}");
    assert!(
        err.to_string().contains("cannot read") && err.to_string().contains("CalDAV server"),
        "{err}"
    );
}

#[test]
fn a_server_that_never_answers_times_out_in_words() {
    let base = silent();
    let started = Instant::now();
    let err = discover(&anyone(), &parse_url(&base).unwrap()).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "no hang: {:?}",
        started.elapsed()
    );
    assert!(matches!(err, CalDavError::NoAnswer { .. }), "{err:?}");
    assert!(
        err.to_string().contains("did not answer within 2 s"),
        "{err}"
    );
}

/// A plain HTTP server that answers anything, a TLS hello included, with a 400.
fn plain_http() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("https://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            use std::io::{Read, Write};
            let mut hello = [0u8; 512];
            let _ = stream.read(&mut hello);
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    base
}

#[test]
fn tls_to_a_server_that_does_not_speak_it_is_a_tls_error() {
    let mut bases = vec![plain_http()];
    if let Some(rad) = super::server::radicale("tls_to_a_server_that_does_not_speak_it") {
        bases.push(rad.base.replace("http://", "https://"));
    }
    for base in bases {
        let err = discover(&anyone(), &parse_url(&base).unwrap()).unwrap_err();
        assert!(matches!(err, CalDavError::Tls { .. }), "{base}: {err:?}");
        assert!(err.to_string().contains("secure connection"), "{err}");
    }
}

#[test]
fn a_redirect_to_another_server_is_not_followed() {
    let elsewhere = serve(|_| response("200 OK", &[], "should never be asked"));
    let target = format!("{}/dav/", elsewhere.base);
    let tiny = serve(move |_| response("301 Moved Permanently", &[("Location", &target)], ""));
    let err = discover(
        &anyone(),
        &parse_url(&format!("{}/dav/", tiny.base)).unwrap(),
    )
    .unwrap_err();
    assert!(
        matches!(err, CalDavError::RedirectElsewhere { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("another server"), "{err}");
    assert_eq!(
        elsewhere.count.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "the password never went there"
    );
}

#[test]
fn a_redirect_within_the_server_is_followed() {
    let tiny = serve(|seen| {
        if seen.path == "/old/" {
            response("301 Moved Permanently", &[("Location", "/new/")], "")
        } else {
            let body = r#"<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/new/</d:href><d:propstat><d:prop><d:current-user-principal><d:href>/p/alice/</d:href></d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
            if seen.path == "/p/alice/" {
                let home = r#"<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/p/alice/</d:href><d:propstat><d:prop><c:calendar-home-set><d:href>/cal/alice/</d:href></c:calendar-home-set><c:calendar-user-address-set><d:href>mailto:Alice@Example.com</d:href><d:href>/p/alice/</d:href></c:calendar-user-address-set></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
                return response(
                    "207 Multi-Status",
                    &[("Content-Type", "application/xml")],
                    home,
                );
            }
            assert!(
                seen.header("authorization")
                    .is_some_and(|a| a.starts_with("Basic ")),
                "credentials sent"
            );
            response(
                "207 Multi-Status",
                &[("Content-Type", "application/xml")],
                body,
            )
        }
    });
    let account = discover(
        &anyone(),
        &parse_url(&format!("{}/old/", tiny.base)).unwrap(),
    )
    .expect("discovery");
    assert_eq!(account.principal, format!("{}/p/alice/", tiny.base));
    assert_eq!(account.homes, vec![format!("{}/cal/alice/", tiny.base)]);
    assert_eq!(
        account.emails,
        vec!["alice@example.com".to_string()],
        "mailto: addresses, lower case"
    );
}

#[test]
fn a_server_error_says_try_again_later() {
    let tiny = serve(|_| response("503 Service Unavailable", &[], "down for maintenance"));
    let err = discover(&anyone(), &parse_url(&tiny.base).unwrap()).unwrap_err();
    assert!(
        matches!(err, CalDavError::ServerError { status: 503, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("try again later"), "{err}");
}

#[test]
fn a_password_is_never_sent_in_clear_text_to_another_machine() {
    let err = discover(
        &anyone(),
        &parse_url("http://calendar.example.com/").unwrap(),
    )
    .unwrap_err();
    assert!(
        matches!(err, CalDavError::PlainHttpPassword { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("https://"), "{err}");
}
